// Service worker of Sổ tay Mặt trận: keeps one release of the app offline.
//
// scripts/precache.py (trunk's post_build hook, release builds only) writes
// VERSION (a hash of the build's files) and FILES (every file of the build)
// below, so every changed build gives a byte-different sw.js and the browser
// installs it as an update. Never edit the two lines by hand.
//
// - install: downloads every file of this release into the cache "sotay-v-VERSION";
//   any failure fails the install (the old release stays in charge).
// - the new worker then WAITS; the page shows "Có phiên bản mới" and, when the
//   user taps "Cập nhật", posts "sotay-skip-waiting" to it.
// - activate: deletes the caches of older releases and takes over open pages.
// - page loads (index.html, more.html, tools.html): network first, but only
//   a page of this very release is used; offline, slow (PAGE_TIMEOUT_MS) or
//   another release: the cached page. One release never runs with another's
//   files, and all pages of a release are kept together.
// - other files of the site: cache first (their names carry content hashes).
// - POST ./chia-se-tep (the manifest's share_target): keeps the shared file's
//   text in the cache "sotay-inbox" and sends the app to ./more.html#/chia-se.
'use strict';

const VERSION = 'dev';
const FILES = [];

const PREFIX = 'sotay-v-';
const CACHE = PREFIX + VERSION;
const PAGE = './index.html';
const PAGES = [PAGE, './more.html', './tools.html'];
const INBOX = 'sotay-inbox';
const SHARED = './__shared-file__';
const PAGE_TIMEOUT_MS = 4000;

if (VERSION === 'dev') {
  // A development build (trunk serve, debug build): never installs.
  throw new Error('sw.js of a development build: no release to keep offline');
}

const here = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(FILES.map(async (path) => {
      // 'no-cache': the HTTP cache may answer, but only after the server said
      // its copy is current (a 304), so no stale index.html gets in.
      let res = await fetch(new Request(path, { cache: 'no-cache' }));
      if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
      if (PAGES.includes(path)) {
        const text = await res.text();
        if (!text.includes(VERSION)) throw new Error(path + ' is not release ' + VERSION);
        // A fresh Response: a redirected one cannot answer a navigation.
        res = new Response(text, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      }
      await cache.put(path, res);
    }));
  } catch (e) {
    await caches.delete(CACHE);
    throw e;
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'sotay-skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (new URL(req.url).origin !== self.location.origin) return;
  if (req.method === 'POST' && req.url === here('./chia-se-tep')) {
    event.respondWith(receiveShare(req));
  } else if (req.method === 'GET') {
    event.respondWith(req.mode === 'navigate' ? page(req) : cached(req));
  }
});

async function cached(req) {
  const hit = await caches.match(req, { cacheName: CACHE, ignoreVary: true });
  return hit || fetch(req);
}

async function page(req) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PAGE_TIMEOUT_MS);
  try {
    const res = await fetch(req, { signal: abort.signal });
    const text = res.ok ? await res.clone().text() : '';
    // This release's page, or a development build's (its page then removes
    // this worker): anything else waits for the banner.
    if (text.includes(VERSION) || text.includes('name="sotay-build" content="dev"')) return res;
  } catch (_) {
    // offline or too slow: the cached page
  } finally {
    clearTimeout(timer);
  }
  const name = './' + new URL(req.url).pathname.split('/').pop();
  const which = PAGES.includes(name) ? name : PAGE;
  return (await caches.match(which, { cacheName: CACHE })) || fetch(req);
}

async function receiveShare(req) {
  try {
    const file = (await req.formData()).get('file');
    if (file && typeof file !== 'string') {
      const inbox = await caches.open(INBOX);
      await inbox.put(SHARED, new Response(await file.text(), {
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }));
    }
  } catch (_) {
    // nothing kept: the share screen simply finds no file
  }
  return Response.redirect(here('./more.html#/chia-se'), 303);
}
