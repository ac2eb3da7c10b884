// The page script of every page (index.html: daily use; more.html: sharing,
// settings, units, the programme; tools.html: the programme editor and the
// reports), inlined by trunk at the end of <body>. It runs before
// the app's wasm: it sends a route to the page that shows it, fills the
// static frame with the programme's name, registers the offline copy
// (sw.js) and offers updates, warns inside Zalo's or Facebook's browser,
// hands the app a file shared to it, and keeps its backups in IndexedDB.
(() => {
  'use strict';
  const page = document.documentElement.dataset.page;
  const build = document.querySelector('meta[name="sotay-build"]').content;
  const noop = () => {};

  // 1. Each route lives on one page; old links and the share target may
  // name another one. Anything else is the home screen, on the daily page
  // (as `Route::parse` and `Route::page` in src/core/screen say).
  const route = location.hash.replace(/^#\/?/, '').split('/')[0];
  const want = ['chuong-trinh', 'don-vi', 'chia-se', 'cai-dat'].includes(route) ? 'more'
    : ['soan-chuong-trinh', 'bao-cao'].includes(route) ? 'tools' : 'daily';
  if (want !== page) {
    // The app's code on this page is still loading: it reads this and stays
    // idle, so that nothing runs here without the storage of part 3.
    window.sotayElsewhere = true;
    location.replace({ daily: './', more: 'more.html', tools: 'tools.html' }[want] + location.hash);
    return;
  }

  // 2. The header shows this phone's programme before the app starts.
  try {
    const f = JSON.parse(localStorage.getItem('sotay.frame') || 'null');
    if (f && f.title) {
      document.querySelector('#frame-title').textContent = f.title;
      document.querySelector('#frame-sub').textContent = f.sub;
    }
    if (page === 'daily' && !localStorage.getItem('sotay.state')) document.body.classList.add('first-run');
  } catch (_) {}

  // 3. Copies of the data (backups, the undo copy of the last import, damaged
  // text kept aside) live in IndexedDB, gzip-compressed by the browser, so a
  // large commune's state has localStorage to itself (see src/storage.rs).
  // Every call resolves (never rejects): errors come back as their name.
  const gzip = async (text) => {
    const blob = new Blob([text]);
    if (!window.CompressionStream) return blob;
    return new Response(blob.stream().pipeThrough(new CompressionStream('gzip'))).blob();
  };
  const gunzip = async (blob, zipped) => {
    if (!zipped) return blob.text();
    return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  };
  let opened = null;
  const db = () => opened || (opened = new Promise((ok, fail) => {
    const r = indexedDB.open('sotay', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('copies', { keyPath: 'key' });
    r.onsuccess = () => ok(r.result);
    r.onerror = () => { opened = null; fail(r.error); };
  }));
  const store = async (mode, act) => {
    const t = (await db()).transaction('copies', mode);
    const req = act(t.objectStore('copies'));
    return new Promise((ok, fail) => {
      t.oncomplete = () => ok(req.result);
      t.onerror = t.onabort = () => fail(t.error || new Error('abort'));
    });
  };
  const read = async (key) => {
    const rec = await store('readonly', (s) => s.get(key));
    return rec ? gunzip(rec.data, rec.zipped) : null;
  };
  const named = (e) => (e && e.name) || 'Error';
  window.sotayCopies = {
    // Keeps `text` under `key` with its metadata (`seq`: the backups' order),
    // then reads it back: '' when it is there exactly, else the error's name
    // ('QuotaExceededError'...). (An empty string, not null: the app takes
    // no answer as no storage.)
    put: async (key, text, savedMs, tag, seq) => {
      try {
        const data = await gzip(text);
        const rec = { key, saved_ms: savedMs, tag, seq: seq || 0, bytes: data.size, zipped: !!window.CompressionStream, data };
        await store('readwrite', (s) => s.put(rec));
        return (await read(key)) === text ? '' : 'Mismatch';
      } catch (e) {
        return named(e);
      }
    },
    get: async (key) => { try { return await read(key); } catch (e) { return null; } },
    // [{key, saved_ms, tag, seq, bytes}] as JSON text ('null' when IndexedDB is not there).
    list: async () => {
      try {
        const all = await store('readonly', (s) => s.getAll());
        return JSON.stringify(all.map(({ key, saved_ms, tag, seq, bytes }) => ({ key, saved_ms, tag, seq: seq || 0, bytes })));
      } catch (e) {
        return 'null';
      }
    },
    remove: async (key) => { try { await store('readwrite', (s) => s.delete(key)); return ''; } catch (e) { return named(e); } },
  };

  // A strip above the bottom navigation, outside the app's own DOM.
  const show = (cls, text, buttons) => {
    let box = document.getElementById('sw-banner');
    if (!box) {
      box = document.createElement('div');
      box.id = 'sw-banner';
      document.body.append(box);
    }
    const el = document.createElement('div');
    el.className = cls;
    el.setAttribute('role', 'status');
    const p = document.createElement('p');
    p.textContent = text;
    el.append(p);
    for (const [label, act, primary] of buttons) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      if (primary) b.className = 'primary';
      b.onclick = () => act(b, el);
      el.append(b);
    }
    box.append(el);
  };
  const close = (b, el) => el.remove();

  // 4. Takes the file another app shared to the installed app (sw.js keeps it).
  window.sotayTakeSharedFile = async () => {
    try {
      if (!window.caches || !(await caches.has('sotay-inbox'))) return null;
      const inbox = await caches.open('sotay-inbox');
      const res = await inbox.match('__shared-file__');
      if (!res) return null;
      const text = await res.text();
      await inbox.delete('__shared-file__');
      return text;
    } catch (_) {
      return null;
    }
  };

  // 5. Zalo's, Facebook's, Messenger's and Instagram's built-in browsers
  // (the app reads window.sotayInApp: a download there may never happen).
  const ua = navigator.userAgent;
  window.sotayInApp = /Zalo|FBAN|FBAV|FB_IAB|FBIOS|Messenger|Instagram/.test(ua);
  let seen = null;
  try { seen = sessionStorage.getItem('sotay-inapp-seen'); } catch (_) {}
  if (window.sotayInApp && !seen) {
    const app = /Zalo/.test(ua) ? 'Zalo' : /Instagram/.test(ua) ? 'Instagram'
      : /Messenger|Orca/.test(ua) ? 'Messenger' : 'Facebook';
    show('sw-inapp', 'Bạn đang mở Sổ tay trong ' + app + ': ở đây thường không cài được ứng dụng, không tải được tệp. '
      + 'Chạm vào nút ⋮ hoặc ··· ở góc màn hình rồi chọn “Mở bằng trình duyệt” (Chrome hoặc Safari).', [
      ['Chép liên kết', (b) => {
        const copied = () => { b.textContent = 'Đã chép liên kết'; };
        const ask = () => window.prompt('Chép liên kết này rồi dán vào Chrome hoặc Safari:', location.href);
        if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(copied, ask); else ask();
      }],
      ['Đã hiểu', (b, el) => {
        try { sessionStorage.setItem('sotay-inapp-seen', '1'); } catch (_) {}
        el.remove();
      }, true],
    ]);
  }

  // 6. The offline copy.
  const sw = navigator.serviceWorker;
  if (!sw) return;
  if (build === 'dev') {
    // trunk serve or a debug build: no offline copy, and none left from a release.
    sw.getRegistrations().then((all) => all.forEach((r) => r.unregister()), noop);
    if (window.caches) caches.keys().then((names) => names.forEach((n) => n.startsWith('sotay-v-') && caches.delete(n)), noop);
    return;
  }

  // After a page that ran under a worker gets another one (an update, here
  // or in another tab), reload: one release at a time, never half of each.
  // The tab whose "Cập nhật" was tapped reloads at once; another tab where
  // something is being typed asks first, so nothing half-typed is lost.
  let reload = !!sw.controller;
  let asked = false;
  const typing = () => {
    const a = document.activeElement;
    return !!a && (a.tagName === 'TEXTAREA' || (a.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'file'].includes(a.type)));
  };
  sw.addEventListener('controllerchange', () => {
    if (!reload) { reload = true; return; }
    if (!asked && typing()) {
      asked = true;
      show('sw-updated', 'Sổ tay đã được cập nhật ở một cửa sổ khác. Lưu xong điều đang gõ rồi tải lại trang.', [
        ['Tải lại', () => location.reload(), true],
      ]);
      return;
    }
    if (!asked) location.reload();
  });

  const register = () => sw.register('sw.js').then((reg) => {
    const offer = () => {
      if (!reg.waiting || !reg.active || document.querySelector('#sw-banner .sw-update')) return;
      show('sw-update', 'Có phiên bản mới của Sổ tay. Cập nhật để dùng bản mới.', [
        ['Cập nhật', (b) => {
          b.disabled = true;
          reload = true;
          asked = false;
          if (document.activeElement) document.activeElement.blur();
          if (reg.waiting) reg.waiting.postMessage('sotay-skip-waiting');
        }, true],
        ['Để sau', close],
      ]);
    };
    offer();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') offer(); });
    });
    // The app may stay open for days: look for a new release when it comes back.
    let checked = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - checked > 3600e3) {
        checked = Date.now();
        reg.update().catch(noop);
      }
    });
  }, (e) => console.warn('Sổ tay: no offline copy:', e));
  // The first visit downloads the offline copy only after the page has loaded.
  if (sw.controller || document.readyState === 'complete') register();
  else window.addEventListener('load', () => setTimeout(register, 0), { once: true });
})();
