//! App-level steps shared by the browser tests: what a user does, in the
//! app's own DOM (see src/ui). Built on the generic harness in tests/common.
//!
//! Every browser test opens a [`Phone`] (or two) and ends with
//! [`Phone::done`]. Steps that go somewhere take the phone (`&Phone`), since
//! they need its site's address; the DOM helpers of tests/common take the
//! phone too, through `Deref` to its WebDriver.

#![allow(dead_code)]

use crate::common::*;
use serde_json::{json, Value};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Instant;
use thirtyfour::extensions::cdp::ChromeDevTools;

/// A phone: a fresh browser profile at a phone's viewport, with the clock
/// pinned ([`PINNED_MS`]) and Vietnam's time zone, the release build served
/// to it, and the app open and ready. Every browser test uses one (or two,
/// for two phones) and ends with [`Phone::done`], which checks that no page
/// in any of its tabs logged an error.
pub struct Phone {
    /// The site this phone opens; tests stop and restart it to go offline.
    pub server: StaticServer,
    browser: Browser,
}

impl Deref for Phone {
    type Target = WebDriver;
    fn deref(&self) -> &WebDriver {
        &self.browser
    }
}

/// True when the app has started on the page shown and replaced its static
/// frame: page.js sends each route to the page that shows it, and on a page
/// it sends away from (`sotayElsewhere`) the app stays idle, frame in place.
const READY_JS: &str = r#"
return document.readyState !== 'loading'
  && !window.sotayElsewhere
  && document.getElementById('frame') === null
  && !!document.querySelector('main#main');
"#;

impl Phone {
    /// A phone with `dist/` served to it at the site's root, on the app's home.
    pub async fn start() -> TestResult<Phone> {
        Phone::with_server(StaticServer::start_dist()).await
    }

    /// The same, with `dist/` served under a sub-path such as "/sotay/".
    pub async fn start_under(prefix: &str) -> TestResult<Phone> {
        Phone::with_server(StaticServer::start_under(dist_dir(), prefix)).await
    }

    /// A phone on a server of the test's own (another build, a sub-path).
    pub async fn with_server(server: StaticServer) -> TestResult<Phone> {
        let phone = Phone { server, browser: Browser::start().await? };
        phone.open("/").await?;
        Ok(phone)
    }

    /// The absolute URL of a path of the site: "/#/chia-se".
    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// Goes to a path of the site and waits until the app has started there
    /// (on the page that shows the route, after page.js's redirect if any).
    pub async fn open(&self, path: &str) -> TestResult {
        self.goto(&self.url(path)).await?;
        self.ready().await
    }

    /// Waits until the app's wasm has replaced the static frame, on the page
    /// that shows the current route. A page being replaced meanwhile is fine.
    pub async fn ready(&self) -> TestResult {
        let deadline = Instant::now() + *TIMEOUT;
        loop {
            if let Ok(v) = self.execute(READY_JS, vec![]).await {
                if v.json().as_bool() == Some(true) {
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                // One last try that reports the page's text and errors.
                return wait_until(self, "false /* the app did not start on its page */", std::time::Duration::from_millis(1)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Reloads the page and waits until the app has started again.
    pub async fn reload(&self) -> TestResult {
        self.refresh().await?;
        self.ready().await
    }

    /// The browser, for a second tab (`new_tab`).
    pub fn browser(&self) -> &Browser {
        &self.browser
    }

    /// Opens a second tab of this phone (same storage and worker) on `path`,
    /// with the app ready there; returns its handle. The new tab is current.
    pub async fn new_tab(&self, path: &str) -> TestResult<WindowHandle> {
        let tab = self.browser.new_tab().await?;
        self.open(path).await?;
        Ok(tab)
    }

    /// Checks that no page open in any tab logged an error, then closes the phone.
    pub async fn done(self) -> TestResult {
        let mut all = Vec::new();
        for tab in self.windows().await? {
            self.switch_to_window(tab).await?;
            let url = self.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            all.extend(console_errors(&self).await?.into_iter().map(|e| format!("{url}: {e}")));
        }
        assert!(all.is_empty(), "console errors: {all:#?}");
        self.browser.quit().await
    }
}

/// JS for a CSS selector inside a script: a JSON string literal.
pub fn js(css: &str) -> String {
    serde_json::to_string(css).expect("a string serialises")
}

// ============================================================================
// Setting up, units
// ============================================================================

/// Sets the phone up, on its first-run screen, as the commune's phone with
/// these residential areas. Returns the areas' ids, in order.
pub async fn setup_commune(p: &Phone, areas: &[&str]) -> TestResult<Vec<String>> {
    p.open("/#/").await?;
    wait_for(p, ".setup", *TIMEOUT).await?;
    add_areas(p, areas).await?;
    let ids = unit_ids(p).await?;
    click(p, "#finish-setup").await?;
    wait_for(p, ".overview", *TIMEOUT).await?;
    Ok(ids)
}

/// Adds areas through the "add" form on the current screen (setup or units).
pub async fn add_areas(p: &Phone, areas: &[&str]) -> TestResult {
    for name in areas {
        let before = count(p, "li.unit").await?;
        set_input(p, ".add-unit[data-kind=\"area\"] input.unit-name", name).await?;
        click(p, ".add-unit[data-kind=\"area\"] button.add").await?;
        wait_until(p, &format!("document.querySelectorAll('li.unit').length > {before}"), *TIMEOUT).await?;
    }
    Ok(())
}

/// Ids of the listed units (li.unit[data-unit]) on the current screen.
pub async fn unit_ids(p: &Phone) -> TestResult<Vec<String>> {
    let v = eval(p, "return [...document.querySelectorAll('li.unit')].map(e => e.dataset.unit);").await?;
    Ok(serde_json::from_value(v)?)
}

/// Names of the listed units on the current screen.
pub async fn unit_names(p: &Phone) -> TestResult<Vec<String>> {
    let v = eval(p, "return [...document.querySelectorAll('li.unit .unit-name')].map(e => e.textContent.trim());").await?;
    Ok(serde_json::from_value(v)?)
}

/// Opens the units screen (Đơn vị) and waits for its list.
pub async fn open_units(p: &Phone) -> TestResult {
    p.open("/#/don-vi").await?;
    wait_for(p, ".units li.unit", *TIMEOUT).await?;
    Ok(())
}

/// Adds one area on the units screen and waits until it is listed by name.
pub async fn add_area(p: &Phone, name: &str) -> TestResult {
    set_input(p, ".add-unit[data-kind=\"area\"] input.unit-name", name).await?;
    click(p, ".add-unit[data-kind=\"area\"] button.add").await?;
    let js = format!(
        "[...document.querySelectorAll('li.unit .unit-name')].some(e => e.textContent.trim() === {})",
        serde_json::to_string(name)?
    );
    wait_until(p, &js, *TIMEOUT).await
}

// ============================================================================
// The checklist
// ============================================================================

/// Goes to a unit's checklist for a year.
pub async fn open_checklist(p: &Phone, unit: &str, year: i32) -> TestResult {
    p.open(&format!("/#/so/{unit}/{year}")).await?;
    wait_until(
        p,
        &format!("(() => {{ const s = document.querySelector('.checklist'); return s && s.dataset.unit === '{unit}' && s.dataset.year === '{year}'; }})()"),
        *TIMEOUT,
    )
    .await
}

/// A file with one residential area, made by the core as another commune
/// phone (`device`) would, at the pinned time.
pub fn a_file_with_an_area(device: &str, name: &str) -> TestResult<String> {
    use sotay::core::book::UnitKind;
    use sotay::core::file::{self, Scope};
    use sotay::core::state::{Action, State};
    let mut s = State::fresh(sotay::core::default_programme(), device.into(), PINNED_MS);
    let add = Action::AddUnit { kind: UnitKind::Area, name: name.into(), households: None, since: None };
    s.apply(add, PINNED_MS).map_err(|e| e.to_string())?;
    Ok(file::export(&s.book, &Scope::All, device, PINNED_MS)?)
}

/// Bytes the app's keys take in localStorage, as the settings screen counts
/// them (UTF-16: two bytes a unit).
pub async fn stored_bytes(p: &Phone) -> TestResult<i64> {
    let v = eval(
        p,
        "let n = 0; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); \
         if (k.startsWith('sotay.')) n += 2 * (k.length + localStorage.getItem(k).length); } return n;",
    )
    .await?;
    Ok(v.as_i64().ok_or("no byte count")?)
}

/// Logs an amount ("500.000") on an item of the open checklist, and waits
/// until the item lists a logged event.
pub async fn log_amount(p: &Phone, item: &str, amount: &str) -> TestResult {
    let card = format!("article[data-item=\"{item}\"]");
    eval(p, "document.querySelectorAll('details.add-event').forEach(d => d.open = true); return null;").await?;
    set_input(p, &format!("{card} input.value"), amount).await?;
    click(p, &format!("{card} button.save-event")).await?;
    wait_for(p, &format!("{card} ul.events li"), *TIMEOUT).await?;
    Ok(())
}

/// The tick button of an item on the open checklist.
pub fn tick_button(item: &str) -> String {
    format!("article[data-item=\"{item}\"] button.tick")
}

pub async fn is_ticked(p: &Phone, item: &str) -> TestResult<bool> {
    let sel = tick_button(item);
    let el = wait_for(p, &sel, *TIMEOUT).await?;
    Ok(el.attr("aria-pressed").await?.as_deref() == Some("true"))
}

/// Waits until an item on the open checklist shows as ticked (e.g. after
/// another tab's change was taken in).
pub async fn wait_ticked(p: &Phone, item: &str) -> TestResult {
    let sel = js(&tick_button(item));
    wait_until(p, &format!("(document.querySelector({sel}) || {{ getAttribute: () => null }}).getAttribute('aria-pressed') === 'true'"), *TIMEOUT).await
}

/// Ticks an item on the open checklist and waits until it shows as done.
pub async fn tick(p: &Phone, item: &str) -> TestResult {
    let sel = tick_button(item);
    wait_for(p, &sel, *TIMEOUT).await?;
    assert!(!is_ticked(p, item).await?, "{item} was already ticked");
    click(p, &sel).await?;
    wait_ticked(p, item).await
}

/// Unticks a ticked item on the open checklist and waits until it shows so.
pub async fn untick(p: &Phone, item: &str) -> TestResult {
    let sel = tick_button(item);
    assert!(is_ticked(p, item).await?, "{item} was not ticked");
    click(p, &sel).await?;
    wait_until(p, &format!("document.querySelector({}).getAttribute('aria-pressed') === 'false'", js(&sel)), *TIMEOUT).await
}

/// JS: whether the stored state holds a record whose id starts with `prefix`
/// (e.g. "xa/ngay-hoi/2025"). Record ids name unit, item and year.
pub fn stored_record_js(prefix: &str) -> String {
    format!(
        "(() => {{ const t = localStorage.getItem('sotay.state'); if (!t) return false; \
           return Object.values(JSON.parse(t).state.book.records).some(r => r.id.startsWith({})); }})()",
        js(prefix)
    )
}

/// Waits until the stored state (not only the page) holds a record whose id
/// starts with `prefix`: the change was saved.
pub async fn wait_stored(p: &Phone, prefix: &str) -> TestResult {
    wait_until(p, &stored_record_js(prefix), *TIMEOUT).await
}

/// The stored state's text, or null.
pub async fn stored_state(p: &Phone) -> TestResult<Value> {
    eval(p, "return localStorage.getItem('sotay.state');").await
}

/// Counts, in the current page from now on, the app's reads and writes of
/// the stored state (`sotay.state`). Every save reads it first, then
/// writes, in one go: a read counted after a change means the app has
/// tried to save it. See [`state_access`].
pub async fn count_state_access(p: &Phone) -> TestResult {
    eval(
        p,
        r#"if (!window.__stateAccess) {
             const a = window.__stateAccess = { reads: 0, writes: 0 };
             const get = Storage.prototype.getItem, set = Storage.prototype.setItem;
             Storage.prototype.getItem = function (k) { if (k === 'sotay.state') a.reads++; return get.apply(this, arguments); };
             Storage.prototype.setItem = function (k) { if (k === 'sotay.state') a.writes++; return set.apply(this, arguments); };
           }
           return null;"#,
    )
    .await?;
    Ok(())
}

/// (reads, writes) of the stored state counted by [`count_state_access`].
pub async fn state_access(p: &Phone) -> TestResult<(i64, i64)> {
    let v = eval(p, "return [window.__stateAccess.reads, window.__stateAccess.writes];").await?;
    Ok((v[0].as_i64().unwrap_or(-1), v[1].as_i64().unwrap_or(-1)))
}

/// Waits until the app has read the stored state more than `reads` times:
/// it has tried to save since.
pub async fn wait_save_tried(p: &Phone, reads: i64) -> TestResult {
    wait_until(p, &format!("window.__stateAccess.reads > {reads}"), *TIMEOUT).await
}

// ============================================================================
// Sharing
// ============================================================================

/// Opens the share screen (Chia sẻ).
pub async fn open_share(p: &Phone) -> TestResult {
    p.open("/#/chia-se").await?;
    wait_for(p, "#import-file", *TIMEOUT).await?;
    Ok(())
}

/// The data fingerprint shown on the share screen.
pub async fn fingerprint(p: &Phone) -> TestResult<String> {
    open_share(p).await?;
    Ok(text_of(p, "#share-fingerprint").await?.trim().to_string())
}

/// Exports everything from the share screen and returns the file's text.
pub async fn export_all(p: &Phone) -> TestResult<String> {
    open_share(p).await?;
    export_here(p).await
}

/// Taps "Tải tệp về máy" on the open share screen and returns the file's text.
pub async fn export_here(p: &Phone) -> TestResult<String> {
    click(p, "#export-download").await?;
    wait_for(p, "#export-message.ok", *TIMEOUT).await?;
    let v = eval(p, "return document.getElementById('export-text').value;").await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// Picks a file on the share screen and waits for its preview; returns the
/// preview's text.
pub async fn preview_file(p: &Phone, path: &Path) -> TestResult<String> {
    open_share(p).await?;
    pick_file(p, path).await?;
    Ok(wait_for(p, "#import-preview", *TIMEOUT).await?.text().await?)
}

/// Chooses a file in the open share screen's file picker.
pub async fn pick_file(p: &Phone, path: &Path) -> TestResult {
    let input = wait_for(p, "#import-file", *TIMEOUT).await?;
    input.send_keys(path.to_string_lossy().as_ref()).await?;
    Ok(())
}

/// Pastes text on the open share screen and taps "Đọc nội dung đã dán".
pub async fn paste_text(p: &Phone, text: &str) -> TestResult {
    eval(p, "document.querySelectorAll('.import details.more').forEach(d => d.open = true); return null;").await?;
    set_input(p, "#import-text", text).await?;
    click(p, "#import-paste").await
}

/// Imports a file through the file picker, previews it, and applies it.
/// Returns the preview's text.
pub async fn import_file(p: &Phone, path: &Path) -> TestResult<String> {
    let preview = preview_file(p, path).await?;
    click(p, "#import-apply").await?;
    wait_for(p, "#import-done", *TIMEOUT).await?;
    Ok(preview)
}

/// Writes a file for a phone to pick (an exported file, an edited one).
pub fn save(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write the file");
    p
}

// ============================================================================
// The overview
// ============================================================================

/// Every gauge's figure on the overview for a year: (target id, figure text).
pub async fn gauges(p: &Phone, year: i32) -> TestResult<Vec<(String, String)>> {
    p.open(&format!("/#/tong-quan/{year}")).await?;
    wait_until(p, &format!("(() => {{ const o = document.querySelector('.overview'); return o && o.dataset.year === '{year}'; }})()"), *TIMEOUT).await?;
    let v = eval(
        p,
        "return [...document.querySelectorAll('[data-target]')].map(t => [t.dataset.target, t.querySelector('.figure').firstChild.textContent.trim()]);",
    )
    .await?;
    Ok(serde_json::from_value(v)?)
}

// ============================================================================
// Storage
// ============================================================================

/// Fills the origin's localStorage to the last byte with junk keys. Returns how many.
pub async fn fill_storage(p: &Phone) -> TestResult<i64> {
    let n = eval(
        p,
        r#"let i = 0;
           for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
             const chunk = 'x'.repeat(size);
             try { for (;;) { localStorage.setItem('junk.' + i, chunk); i++; } } catch (e) {}
           }
           return i;"#,
    )
    .await?;
    Ok(n.as_i64().unwrap_or(0))
}

/// Removes what [`fill_storage`] wrote.
pub async fn free_storage(p: &Phone) -> TestResult {
    eval(p, "Object.keys(localStorage).filter(k => k.startsWith('junk.')).forEach(k => localStorage.removeItem(k)); return null;").await?;
    Ok(())
}

/// The backups kept in localStorage: key → stored text, sorted by key.
pub async fn backups(p: &Phone) -> TestResult<Vec<(String, String)>> {
    let v = run_async(
        p,
        "window.sotayCopies.list().then(t => done((JSON.parse(t) || [])
           .filter(c => c.key.startsWith('backup.')).sort((a, b) => a.key < b.key ? -1 : 1)
           .map(c => [c.key, c.tag || ''])));",
        vec![],
    )
    .await?;
    Ok(serde_json::from_value(v)?)
}

/// The text of a copy kept in IndexedDB (`backup.0`, `undo`, `damaged`), if any.
pub async fn copy_text(p: &Phone, key: &str) -> TestResult<Option<String>> {
    let v = run_async(p, "window.sotayCopies.get(arguments[0]).then(done);", vec![json!(key)]).await?;
    Ok(v.as_str().map(str::to_string))
}

/// Waits until exactly `n` backups are kept (a backup is written after the
/// page starts, once the browser has compressed it into IndexedDB).
pub async fn wait_backups(p: &Phone, n: usize) -> TestResult {
    let deadline = std::time::Instant::now() + *TIMEOUT;
    loop {
        let now = backups(p).await?.len();
        if now == n {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{now} backups kept, not {n}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// JS that makes IndexedDB refuse to open, as a browser whose storage for
/// the site is full or off: no copy can be kept.
pub const REFUSE_COPIES_JS: &str =
    "IDBFactory.prototype.open = function () { throw new DOMException('full', 'QuotaExceededError'); };";

/// JS that makes every `localStorage.setItem` throw a non-quota error, as a
/// browser does whose settings refuse site data.
pub const REFUSE_STORAGE_JS: &str =
    "Storage.prototype.setItem = function () { throw new DOMException('denied', 'SecurityError'); };";

/// JS that makes reaching localStorage or sessionStorage throw, as in a
/// browser that keeps no site data (cookies blocked for the site).
pub const NO_STORAGE_JS: &str = "for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
}";

/// Runs `js` at the start of every page this tab loads from now on, before
/// the page's own scripts.
pub async fn on_every_page(p: &Phone, js: &str) -> TestResult {
    ChromeDevTools::new(p.handle.clone())
        .execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", json!({ "source": js }))
        .await?;
    Ok(())
}

/// Records, in the current page, every file the app offers as a download
/// (a click on an `<a download>`): its name into `window.__downloads`, and
/// its bytes, base64, into `window.__files` by name (the blob is caught
/// where its URL is made).
pub async fn record_downloads(p: &Phone) -> TestResult {
    eval(
        p,
        "window.__downloads = [];
         window.__files = {};
         let last = null;
         const make = URL.createObjectURL;
         URL.createObjectURL = function (b) { last = b; return make.apply(this, arguments); };
         const click = HTMLAnchorElement.prototype.click;
         HTMLAnchorElement.prototype.click = function () {
           if (this.download) {
             window.__downloads.push(this.download);
             if (last) {
               const blob = last;
               window.__files[this.download] = blob.arrayBuffer().then((buf) => {
                 const b = new Uint8Array(buf); let s = '';
                 for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
                 return btoa(s);
               });
             }
           }
           return click.apply(this, arguments);
         };
         return null;",
    )
    .await?;
    Ok(())
}

/// The name and bytes of the file offered with `name_part` in its name
/// (since [`record_downloads`]).
pub async fn downloaded_file(p: &Phone, name_part: &str) -> TestResult<(String, Vec<u8>)> {
    use base64::Engine as _;
    let v = run_async(
        p,
        "const name = Object.keys(window.__files).find(n => n.includes(arguments[0]));
         if (!name) return done(null);
         window.__files[name].then(b => done([name, b]));",
        vec![json!(name_part)],
    )
    .await?;
    let name = v[0].as_str().ok_or(format!("no file offered with {name_part} in its name"))?.to_string();
    let bytes = base64::engine::general_purpose::STANDARD.decode(v[1].as_str().unwrap_or_default())?;
    Ok((name, bytes))
}

/// Names of the files offered for download since [`record_downloads`].
pub async fn downloads(p: &Phone) -> TestResult<Vec<String>> {
    Ok(serde_json::from_value(eval(p, "return window.__downloads;").await?)?)
}

/// Whether the element matching `css` is fully inside the viewport and is
/// what a finger touching its middle would touch (nothing covers it).
pub async fn in_view(p: &Phone, css: &str) -> TestResult<Value> {
    eval_with(
        p,
        "const el = document.querySelector(arguments[0]);
         if (!el) return { found: false };
         const r = el.getBoundingClientRect();
         const x = r.left + r.width / 2, y = r.top + r.height / 2;
         const hit = document.elementFromPoint(x, y);
         return { found: true, top: r.top, bottom: r.bottom, height: window.innerHeight,
                  inside: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
                  uncovered: !!hit && el.contains(hit) };",
        vec![json!(css)],
    )
    .await
}

// ============================================================================
// The service worker
// ============================================================================

/// Polls `js_expr` until truthy; unlike `wait_until`, a page being reloaded
/// in between is not an error.
pub async fn eventually(p: &WebDriver, js_expr: &str, what: &str) -> TestResult {
    let deadline = Instant::now() + *TIMEOUT;
    let script = format!("return !!({js_expr});");
    loop {
        if let Ok(v) = p.execute(script.as_str(), vec![]).await {
            if v.json().as_bool() == Some(true) {
                return Ok(());
            }
        }
        if Instant::now() >= deadline {
            return wait_until(p, js_expr, std::time::Duration::from_millis(1))
                .await
                .map_err(|e| format!("{what}: {e}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Runs async JS: `done` is the callback to pass the result to.
pub async fn run_async(p: &WebDriver, body: &str, args: Vec<Value>) -> TestResult<Value> {
    let script = format!("const done = arguments[arguments.length - 1];\n{body}");
    Ok(p.execute_async(script.as_str(), args).await?.json().clone())
}

/// Waits until an activated worker controls the page. The first worker takes
/// over the page that registered it (clients.claim): no reload needed.
pub async fn wait_controlled(p: &WebDriver) -> TestResult {
    let controlled = eventually(
        p,
        "navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === 'activated'",
        "no service worker took over the page",
    )
    .await;
    if let Err(e) = controlled {
        // Say where the worker got to, for the failure message.
        let regs = run_async(
            p,
            "navigator.serviceWorker.getRegistrations().then(rs => done(rs.map(r => ({ scope: r.scope, \
               installing: r.installing && r.installing.state, waiting: r.waiting && r.waiting.state, \
               active: r.active && r.active.state }))), e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap_or_default();
        let caches = cache_names(p).await.unwrap_or_default();
        return Err(format!("{e}\nregistrations: {regs}\ncaches: {caches:?}").into());
    }
    Ok(())
}

/// The names of the origin's caches, sorted.
pub async fn cache_names(p: &WebDriver) -> TestResult<Vec<String>> {
    let v = run_async(p, "caches.keys().then(k => done(k.sort()), e => done(['error: ' + e]));", vec![]).await?;
    Ok(serde_json::from_value(v)?)
}

/// The release the open page belongs to (its `sotay-build` meta).
pub async fn page_build(p: &WebDriver) -> TestResult<String> {
    let v = eval(p, "return document.querySelector('meta[name=\"sotay-build\"]').content;").await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// How many service workers are registered for the origin.
pub async fn registrations(p: &WebDriver) -> TestResult<u64> {
    let v = run_async(p, "navigator.serviceWorker.getRegistrations().then(r => done(r.length));", vec![]).await?;
    Ok(v.as_u64().unwrap_or(u64::MAX))
}

/// [waiting, active] workers of the page's registration.
pub async fn workers(p: &WebDriver) -> TestResult<Value> {
    run_async(p, "navigator.serviceWorker.getRegistration().then(r => done([!!(r && r.waiting), !!(r && r.active)]));", vec![]).await
}

// ============================================================================
// Builds
// ============================================================================

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Runs `python3 scripts/precache.py DIR`, as scripts/setup's
/// `sotay_build_dist` does on the merged release build.
pub fn precache(dir: &Path) -> String {
    let out = std::process::Command::new("python3")
        .arg(repo().join("scripts/precache.py"))
        .arg(dir)
        .output()
        .expect("run python3 scripts/precache.py");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "scripts/precache.py failed: {text}");
    text
}

/// The pages of a build (index.html, more.html).
pub const PAGES: [&str; 3] = ["index.html", "more.html", "tools.html"];

/// `<meta name="sotay-build" content="...">` of a build's page.
pub fn build_of_page(dir: &Path, page: &str) -> String {
    let html = read(&dir.join(page));
    let at = html
        .find(r#"<meta name="sotay-build" content=""#)
        .unwrap_or_else(|| panic!("{}/{page} has no sotay-build meta", dir.display()));
    let rest = &html[at + r#"<meta name="sotay-build" content=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The release of a build: its index.html's `sotay-build` meta.
pub fn build_of(dir: &Path) -> String {
    build_of_page(dir, "index.html")
}

/// VERSION and FILES as written into a build's sw.js.
pub fn worker_of(dir: &Path) -> (String, Vec<String>) {
    let sw = read(&dir.join("sw.js"));
    let version = sw
        .lines()
        .find_map(|l| l.strip_prefix("const VERSION = '")?.strip_suffix("';"))
        .expect("sw.js has a `const VERSION = '...';` line")
        .to_string();
    let start = sw.find("const FILES = [").expect("sw.js has `const FILES = [`") + "const FILES = ".len();
    let end = start + sw[start..].find("];").expect("FILES ends with `];`") + 1;
    let files: Vec<String> = serde_json::from_str(&sw[start..end])
        .unwrap_or_else(|e| panic!("FILES is not a JSON list of strings ({e}): {}", &sw[start..end]));
    (version, files)
}

/// Every file under `dir` as the worker names them ("./..."), sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push(format!("./{rel}"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A copy of dist/ made into another release: `change` edits the copy, then
/// it is stamped again (scripts/precache.py) and its precompressed copies,
/// now stale, are dropped. Returns the copy.
pub fn another_release(label: &str, change: impl FnOnce(&Path)) -> TempDir {
    let dir = TempDir::new(label);
    copy_dir(&dist_dir(), &dir).unwrap();
    for f in files_under(&dir) {
        if f.ends_with(".gz") || f.ends_with(".br") {
            std::fs::remove_file(dir.join(f.trim_start_matches("./"))).unwrap();
        }
    }
    change(&dir);
    precache(&dir);
    dir
}

/// A copy of dist/ (as it is) in a temp dir.
pub fn copy_of_dist(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    copy_dir(&dist_dir(), &dir).unwrap();
    dir
}

/// The script and wasm files the open page loaded, as paths relative to the
/// site ("./sotay-….js").
pub async fn code_loaded(p: &Phone) -> TestResult<Vec<String>> {
    let base = js(&p.url("/"));
    let v = eval(
        p,
        &format!(
            "return performance.getEntriesByType('resource').map(e => e.name.split('#')[0].split('?')[0])
               .filter(n => n.startsWith({base}) && /\\.(js|wasm)$/.test(n))
               .map(n => './' + n.slice({base}.length));"
        ),
    )
    .await?;
    let mut files: Vec<String> = serde_json::from_value(v)?;
    files.sort();
    files.dedup();
    Ok(files)
}
