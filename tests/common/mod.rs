//! Browser-test harness: a stoppable static file server for `dist/`, headless
//! Chromium driven through Debian's chromedriver (thirtyfour), console-error
//! capture, and small DOM helpers.
//!
//! ```ignore
//! mod common;
//! use common::*;
//!
//! #[tokio::test]
//! async fn example() -> TestResult {
//!     let server = StaticServer::start_dist();
//!     let browser = Browser::start().await?;
//!     browser.goto(&server.url("/#/chuong-trinh")).await?;
//!     wait_for(&browser, "h1", TIMEOUT).await?;
//!     assert_eq!(console_errors(&browser).await?, Vec::<String>::new());
//!     browser.quit().await
//! }
//! ```
//!
//! Nothing here skips: a missing chromedriver, Chromium or `dist/` is an error.
//! Environment overrides: `SOTAY_DIST` (directory served by `start_dist`),
//! `SOTAY_CHROMIUM` (default /usr/bin/chromium), `SOTAY_CHROMEDRIVER`
//! (default /usr/bin/chromedriver), `SOTAY_TIMEOUT_MS` (default for `TIMEOUT`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::ops::Deref;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use thirtyfour::common::command::FormatRequestData;
use thirtyfour::extensions::cdp::{ChromeCommand, ChromeDevTools};
pub use thirtyfour::prelude::*;
use thirtyfour::{RequestData, SessionId};

/// Result type for tests and helpers; any error converts into it with `?`.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Default wait for the app to show something (override: `SOTAY_TIMEOUT_MS`).
pub static TIMEOUT: LazyLock<Duration> = LazyLock::new(|| {
    let ms = std::env::var("SOTAY_TIMEOUT_MS").ok().and_then(|v| v.parse().ok());
    Duration::from_millis(ms.unwrap_or(15_000))
});

/// The viewport every browser starts with: a small phone.
pub const VIEWPORT: (u32, u32) = (360, 740);

// ============================================================================
// Static file server
// ============================================================================

/// A static file server on 127.0.0.1 serving one directory.
///
/// One request per connection (`Connection: close`), so `stop()` really takes
/// the site offline: afterwards the port refuses connections. `restart()` or
/// `restart_with(dir)` serves again on the same port, i.e. the same origin, so
/// the browser keeps its storage and service worker for the site.
pub struct StaticServer {
    port: u16,
    /// The site's path on the server: "/" or a sub-path such as "/sotay/".
    prefix: Arc<String>,
    root: Arc<RwLock<PathBuf>>,
    log: Arc<Mutex<Vec<String>>>,
    running: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

impl StaticServer {
    /// Serves `dist/` (or `$SOTAY_DIST`); panics if it has no index.html,
    /// since every browser test needs the built app (`trunk build --release`).
    pub fn start_dist() -> StaticServer {
        let dir = dist_dir();
        assert!(
            dir.join("index.html").is_file(),
            "{} has no index.html: run `trunk build --release --offline` (./scripts/test does)",
            dir.display()
        );
        StaticServer::start(dir)
    }

    /// Serves `dir` on a free port, at the site's root.
    pub fn start(dir: impl Into<PathBuf>) -> StaticServer {
        StaticServer::start_under(dir, "/")
    }

    /// Serves `dir` under the path `prefix` ("/sotay/"), as a GitHub Pages
    /// project site does: anything outside it is 404.
    pub fn start_under(dir: impl Into<PathBuf>, prefix: &str) -> StaticServer {
        assert!(prefix.starts_with('/') && prefix.ends_with('/'), "a prefix is /.../: {prefix}");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let mut server = StaticServer {
            port,
            prefix: Arc::new(prefix.to_string()),
            root: Arc::new(RwLock::new(dir.into())),
            log: Arc::new(Mutex::new(Vec::new())),
            running: None,
        };
        server.run(listener);
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT` with no trailing slash.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Absolute URL of a path of the site, such as `/` or `/#/chuong-trinh`
    /// (under the server's prefix, if any).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{}", self.origin(), self.prefix, path.trim_start_matches('/'))
    }

    /// The site's path on the server: "/" or e.g. "/sotay/".
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Closes the listening socket; the port then refuses connections, and a
    /// connection the browser opened before (a preconnect) gets no answer.
    pub fn stop(&mut self) {
        if let Some((stop, thread)) = self.running.take() {
            stop.store(true, Ordering::SeqCst);
            // Wake the blocking accept() so the thread sees the flag and drops the listener.
            let _ = TcpStream::connect_timeout(&self.addr(), Duration::from_secs(1));
            let _ = thread.join();
        }
    }

    /// Serves again on the same port (same origin), from the same directory.
    pub fn restart(&mut self) {
        self.stop();
        let deadline = Instant::now() + Duration::from_secs(10);
        let listener = loop {
            match TcpListener::bind(self.addr()) {
                Ok(l) => break l,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("cannot listen on {} again: {e}", self.addr()),
            }
        };
        self.run(listener);
    }

    /// Serves `dir` from now on, on the same port (e.g. a newer build for
    /// service-worker update tests). Restarts the listener if it was stopped.
    pub fn restart_with(&mut self, dir: impl Into<PathBuf>) {
        *self.root.write().unwrap() = dir.into();
        if !self.is_running() {
            self.restart();
        }
    }

    /// Request lines served so far, e.g. `"GET /index.html 200"`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn run(&mut self, listener: TcpListener) {
        let stop = Arc::new(AtomicBool::new(false));
        let (root, log, flag, prefix) = (self.root.clone(), self.log.clone(), stop.clone(), self.prefix.clone());
        let thread = std::thread::Builder::new()
            .name(format!("static-server-{}", self.port))
            .spawn(move || {
                for conn in listener.incoming() {
                    if flag.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (root, log, prefix, stopped) = (root.clone(), log.clone(), prefix.clone(), flag.clone());
                    std::thread::spawn(move || {
                        let _ = serve_one(conn, &root, &prefix, &log, &stopped);
                    });
                }
                // listener dropped here: the port is closed
            })
            .expect("spawn server thread");
        self.running = Some((stop, thread));
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh directory under the system temp dir, deleted on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        let n = BROWSER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
        let dir = std::env::temp_dir().join(format!("sotay-{label}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies the directory tree `from` into `to` (created), e.g. dist/ into a
/// temp dir to make a changed "next version" of the app.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// `$SOTAY_DIST`, else `dist/` in the crate root.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("SOTAY_DIST") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"),
    }
}

fn serve_one(
    mut conn: TcpStream,
    root: &RwLock<PathBuf>,
    prefix: &str,
    log: &Mutex<Vec<String>>,
    stopped: &AtomicBool,
) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    // A connection the browser opened ahead of time, before stop(), whose
    // request comes after it: offline means no answer at all.
    if stopped.load(Ordering::SeqCst) {
        return Ok(());
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/");

    let (status, content_type, body): (&str, &str, Vec<u8>) = if method != "GET" && method != "HEAD" {
        ("405 Method Not Allowed", "text/plain; charset=utf-8", b"method not allowed\n".to_vec())
    } else {
        let inside = path.strip_prefix(prefix.trim_end_matches('/')).filter(|p| p.is_empty() || p.starts_with('/'));
        match inside.and_then(|p| resolve(&root.read().unwrap(), p)) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => ("200 OK", content_type(&file), bytes),
                Err(_) => ("404 Not Found", "text/plain; charset=utf-8", b"not found\n".to_vec()),
            },
            None => ("404 Not Found", "text/plain; charset=utf-8", b"not found\n".to_vec()),
        }
    };
    log.lock()
        .unwrap()
        .push(format!("{method} {target} {}", &status[..3]));

    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes())?;
    if method != "HEAD" {
        conn.write_all(&body)?;
    }
    conn.flush()?;
    let _ = conn.shutdown(Shutdown::Write);
    Ok(())
}

/// Maps a URL path to a file under `root`; `/` is index.html. Rejects `..`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let rel = decoded.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let rel = Path::new(rel);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = root.join(rel);
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

// ============================================================================
// Browser
// ============================================================================

/// Records console.error, uncaught errors, failed resource loads and unhandled
/// promise rejections into `window.__sotayErrors`, before any page script runs.
const ERROR_CAPTURE_JS: &str = r#"
(() => {
  if (window.__sotayErrors) return;
  const errors = [];
  Object.defineProperty(window, '__sotayErrors', { value: errors });
  const show = (v) => {
    try {
      if (v instanceof Error) return v.stack || String(v);
      if (typeof v === 'object' && v !== null) return JSON.stringify(v);
    } catch (_) {}
    return String(v);
  };
  const original = console.error;
  console.error = function (...args) {
    errors.push('console.error: ' + args.map(show).join(' '));
    return original.apply(this, args);
  };
  window.addEventListener('error', (e) => {
    const t = e.target;
    if (t && t !== window && t.tagName) {
      errors.push('failed to load: <' + t.tagName.toLowerCase() + '> ' + (t.src || t.href || ''));
    } else {
      errors.push('uncaught: ' + e.message + ' at ' + e.filename + ':' + e.lineno + ':' + e.colno
        + (e.error && e.error.stack ? '\n' + e.error.stack : ''));
    }
  }, true);
  window.addEventListener('unhandledrejection', (e) => {
    errors.push('unhandled rejection: ' + show(e.reason));
  });
})();
"#;

static BROWSER_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A headless Chromium with its own chromedriver and its own fresh profile.
///
/// Derefs to [`WebDriver`], so `browser.goto(..)`, `browser.find(..)` etc. work
/// and `&browser` can be passed to the helpers below. Two `Browser`s are two
/// separate profiles (two devices); use [`Browser::new_tab`] for a second tab
/// of the same profile. Call `quit().await` at the end; dropping (e.g. on a
/// failed assertion) also closes Chromium, kills chromedriver and deletes the
/// profile.
pub struct Browser {
    driver: Option<WebDriver>,
    chromedriver: Child,
    driver_port: u16,
    dir: PathBuf,
    viewport: (u32, u32),
}

impl Browser {
    /// Chromium at the phone viewport [`VIEWPORT`].
    pub async fn start() -> TestResult<Browser> {
        Browser::start_sized(VIEWPORT.0, VIEWPORT.1).await
    }

    /// Chromium whose tabs have a `width` x `height` CSS-pixel viewport.
    pub async fn start_sized(width: u32, height: u32) -> TestResult<Browser> {
        let chromium = env_or("SOTAY_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = env_or("SOTAY_CHROMEDRIVER", "/usr/bin/chromedriver");
        for (what, path) in [("Chromium", &chromium), ("chromedriver", &chromedriver)] {
            if !Path::new(path).is_file() {
                return Err(format!(
                    "{what} not found at {path}: run ./scripts/setup --browser (apt chromium chromium-driver)"
                )
                .into());
            }
        }

        let n = BROWSER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
        let dir = std::env::temp_dir().join(format!("sotay-browser-{}-{n}-{nanos}", std::process::id()));
        let profile = dir.join("profile");
        std::fs::create_dir_all(&profile)?;

        let (child, driver_port) = match spawn_chromedriver(&chromedriver, &dir) {
            Ok(v) => v,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        let mut browser = Browser {
            driver: None,
            chromedriver: child,
            driver_port,
            dir,
            viewport: (width, height),
        };

        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chromium)?;
        for arg in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ] {
            caps.add_arg(arg)?;
        }
        caps.add_arg(&format!("--window-size={width},{height}"))?;
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
        caps.set_base_capability("goog:loggingPrefs", json!({ "browser": "ALL" }))?;

        let driver = WebDriver::new(format!("http://127.0.0.1:{driver_port}"), caps)
            .await
            .map_err(|e| format!("starting Chromium via chromedriver failed: {e}\n{}", browser.driver_log()))?;
        browser.driver = Some(driver);
        browser.set_timeouts().await?;
        browser.prepare_tab().await?;
        Ok(browser)
    }

    pub fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("browser already quit")
    }

    /// Opens a new tab in this profile (shares storage and service worker),
    /// switches to it, installs error capture there and returns its handle.
    /// Switch between tabs with `browser.switch_to_window(handle).await`.
    pub async fn new_tab(&self) -> TestResult<WindowHandle> {
        let handle = self.driver().new_tab().await?;
        self.driver().switch_to_window(handle.clone()).await?;
        self.prepare_tab().await?;
        Ok(handle)
    }

    /// Viewport and error capture for the current tab.
    async fn prepare_tab(&self) -> TestResult {
        set_viewport(self.driver(), self.viewport.0, self.viewport.1).await?;
        pin_clock(self.driver()).await?;
        install_error_capture(self.driver()).await
    }

    /// Closes Chromium and chromedriver and deletes the profile.
    pub async fn quit(mut self) -> TestResult {
        if let Some(driver) = self.driver.take() {
            driver.quit().await?;
        }
        Ok(()) // Drop kills chromedriver and removes the profile
    }

    /// chromedriver's own log, for failure messages.
    pub fn driver_log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("chromedriver.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!("--- chromedriver log (tail) ---\n{}", tail.join("\n"))
    }

    async fn set_timeouts(&self) -> TestResult {
        let d = self.driver();
        d.set_page_load_timeout(Duration::from_secs(60)).await?;
        d.set_script_timeout(Duration::from_secs(60)).await?;
        Ok(())
    }
}

impl Deref for Browser {
    type Target = WebDriver;
    fn deref(&self) -> &WebDriver {
        self.driver()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(driver) = self.driver.take() {
            // Not quit: end the session synchronously (async quit cannot run in Drop),
            // so chromedriver closes Chromium before we kill chromedriver.
            let session = driver.session_id().to_string();
            let _ = driver.leak();
            let _ = http_sync(
                self.driver_port,
                "DELETE",
                &format!("/session/{session}"),
                Duration::from_secs(15),
            );
        }
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
        kill_processes_using(&self.dir);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn env_or(key: &str, default: &str) -> String {
    std::env::var(key).unwrap_or_else(|_| default.to_string())
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts chromedriver on a free port and waits until /status says ready.
fn spawn_chromedriver(path: &str, dir: &Path) -> TestResult<(Child, u16)> {
    let log_path = dir.join("chromedriver.log");
    let mut last_err = String::new();
    for _attempt in 0..3 {
        let port = free_port()?;
        let log = std::fs::File::create(&log_path)?;
        let mut child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot run {path}: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                last_err = format!(
                    "chromedriver exited with {status}: {}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                );
                break;
            }
            if let Ok(body) = http_sync(port, "GET", "/status", Duration::from_secs(2)) {
                if body.contains("\"ready\":true") || body.contains("\"ready\": true") {
                    return Ok((child, port));
                }
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                last_err = "chromedriver did not answer /status within 30s".to_string();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err(last_err.into())
}

/// Minimal blocking HTTP/1.1 request to 127.0.0.1:port; returns the body.
fn http_sync(port: u16, method: &str, path: &str, timeout: Duration) -> std::io::Result<String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, timeout)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    // chromedriver ignores `Connection: close`: read exactly Content-Length bytes.
    let mut reader = BufReader::new(s);
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body)?;
        }
        None => {
            reader.read_to_end(&mut body)?;
        }
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// Kills (by pid) leftover processes whose command line names `dir`: the
/// Chromium processes of this test's profile, should chromedriver have died
/// without closing them.
fn kill_processes_using(dir: &Path) {
    let needle = dir.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().filter(|s| s.bytes().all(|b| b.is_ascii_digit())) else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        if String::from_utf8_lossy(&cmdline).contains(&needle) {
            let _ = Command::new("kill").args(["-9", pid]).stderr(Stdio::null()).status();
        }
    }
}

// ============================================================================
// The phone's clock
// ============================================================================

/// The moment every test's phone believes it is when its pages load:
/// 15/06/2026 09:00 in Vietnam (UTC+7), inside the embedded programme's
/// term. No assertion depends on the real date. Time still runs from there.
pub const PINNED_MS: i64 = 1_781_488_800_000;

/// Pins `Date` of every page the current tab loads to [`PINNED_MS`] plus the
/// time since the page started, and sets Vietnam's time zone.
const PIN_CLOCK_JS: &str = r#"
(() => {
  const Real = Date;
  const offset = __PINNED__ - Real.now();
  class Pinned extends Real {
    constructor(...args) { if (args.length === 0) super(Real.now() + offset); else super(...args); }
    static now() { return Real.now() + offset; }
  }
  window.Date = Pinned;
})();
"#;

pub async fn pin_clock(driver: &WebDriver) -> TestResult {
    let dev = ChromeDevTools::new(driver.handle.clone());
    dev.execute_cdp_with_params("Emulation.setTimezoneOverride", json!({ "timezoneId": "Asia/Ho_Chi_Minh" })).await?;
    dev.execute_cdp_with_params(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PIN_CLOCK_JS.replace("__PINNED__", &PINNED_MS.to_string()) }),
    )
    .await?;
    Ok(())
}

// ============================================================================
// Console errors
// ============================================================================

/// Makes the current tab record errors into `window.__sotayErrors` on every
/// document it loads from now on (Browser::start and new_tab call this).
pub async fn install_error_capture(driver: &WebDriver) -> TestResult {
    ChromeDevTools::new(driver.handle.clone())
        .execute_cdp_with_params(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": ERROR_CAPTURE_JS }),
        )
        .await?;
    Ok(())
}

/// Makes the current tab's viewport `width` x `height` CSS pixels at device
/// scale 1 (headless Chromium will not make a window narrower than 500px, so
/// `--window-size` alone cannot give a phone's width). Scrollbars are hidden,
/// as on a phone. Lasts for the tab's lifetime, across navigations.
pub async fn set_viewport(driver: &WebDriver, width: u32, height: u32) -> TestResult {
    ChromeDevTools::new(driver.handle.clone())
        .execute_cdp_with_params(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await?;
    Ok(())
}

/// Errors seen by the current page since it loaded: console.error calls,
/// uncaught exceptions, failed resource loads and unhandled rejections (from
/// `window.__sotayErrors`), plus SEVERE network entries of Chromium's browser
/// log from the same time span (e.g. a 404 for a fetch). Empty means clean.
pub async fn console_errors(driver: &WebDriver) -> TestResult<Vec<String>> {
    let page = eval(
        driver,
        "return { since: performance.timeOrigin, errors: window.__sotayErrors \
           ? window.__sotayErrors.slice() \
           : ['error capture missing on ' + location.href + ' (install_error_capture)'] };",
    )
    .await?;
    let since = page["since"].as_f64().unwrap_or(0.0).floor();
    let mut errors: Vec<String> = serde_json::from_value(page["errors"].clone())?;
    for entry in browser_log(driver).await? {
        let level = entry["level"].as_str().unwrap_or("");
        let source = entry["source"].as_str().unwrap_or("");
        let at = entry["timestamp"].as_f64().unwrap_or(f64::MAX);
        let message = entry["message"].as_str().unwrap_or("");
        // console-api and javascript entries are already in __sotayErrors. The
        // browser's own probe for the root /favicon.ico is not the page's doing (a
        // user's console does not show it); icons at other paths are checked.
        let favicon_probe = message.split_whitespace().next().is_some_and(|url| {
            url.ends_with("/favicon.ico") && url.matches('/').count() == 3
        });
        if level == "SEVERE"
            && source != "console-api"
            && source != "javascript"
            && at >= since
            && !favicon_probe
        {
            errors.push(format!("browser log ({source}): {message}"));
        }
    }
    Ok(errors)
}

/// Drains Chromium's browser log (`goog:loggingPrefs`): entries have
/// `level`, `source`, `message`, `timestamp`. Each entry is returned once.
pub async fn browser_log(driver: &WebDriver) -> TestResult<Vec<Value>> {
    let resp = driver.handle.cmd(GetLog("browser")).await?;
    Ok(resp.value::<Vec<Value>>()?)
}

#[derive(Debug)]
struct GetLog(&'static str);

impl FormatRequestData for GetLog {
    fn format_request(&self, session_id: &SessionId) -> RequestData {
        // thirtyfour has no log command; borrow a POST request and retarget it.
        let mut req =
            ChromeCommand::ExecuteCdpCommand(String::new(), Value::Null).format_request(session_id);
        req.uri = format!("/session/{session_id}/se/log").into();
        req.body = Some(json!({ "type": self.0 }));
        req
    }
}

// ============================================================================
// DOM helpers
// ============================================================================

/// Runs `js` (a function body; use `return`) and gives its JSON result.
pub async fn eval(driver: &WebDriver, js: &str) -> TestResult<Value> {
    Ok(driver.execute(js, vec![]).await?.json().clone())
}

/// `eval` with arguments, available to the script as `arguments[i]`.
pub async fn eval_with(driver: &WebDriver, js: &str, args: Vec<Value>) -> TestResult<Value> {
    Ok(driver.execute(js, args).await?.json().clone())
}

/// Polls every 50 ms until an element matches `css`; returns the first one.
/// On timeout the error shows the page text and console errors.
pub async fn wait_for(driver: &WebDriver, css: &str, timeout: Duration) -> TestResult<WebElement> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(el) = driver.find_all(By::Css(css)).await?.into_iter().next() {
            return Ok(el);
        }
        if Instant::now() >= deadline {
            return Err(timeout_error(driver, &format!("no element matches `{css}`"), timeout).await);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls until the JS expression `js_expr` is truthy.
pub async fn wait_until(driver: &WebDriver, js_expr: &str, timeout: Duration) -> TestResult {
    let deadline = Instant::now() + timeout;
    let script = format!("return !!({js_expr});");
    loop {
        if driver.execute(script.as_str(), vec![]).await?.convert::<bool>()? {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(timeout_error(driver, &format!("`{js_expr}` stayed false"), timeout).await);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls until `css` matches nothing.
pub async fn wait_gone(driver: &WebDriver, css: &str, timeout: Duration) -> TestResult {
    let sel = serde_json::to_string(css)?;
    wait_until(driver, &format!("document.querySelector({sel}) === null"), timeout).await
}

async fn timeout_error(
    driver: &WebDriver,
    what: &str,
    timeout: Duration,
) -> Box<dyn std::error::Error + Send + Sync> {
    let url = driver.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    let text = eval(driver, "return document.body ? document.body.innerText : '(no body)';")
        .await
        .ok()
        .and_then(|v| v.as_str().map(|s| s.chars().take(1500).collect::<String>()))
        .unwrap_or_default();
    let errors = console_errors(driver).await.unwrap_or_default();
    format!(
        "after {timeout:?} {what}\nurl: {url}\nconsole errors: {errors:#?}\npage text:\n{text}"
    )
    .into()
}

/// Number of elements matching `css` right now.
pub async fn count(driver: &WebDriver, css: &str) -> TestResult<usize> {
    Ok(driver.find_all(By::Css(css)).await?.len())
}

/// Visible text (innerText, trimmed) of the first element matching `css`,
/// waiting up to [`TIMEOUT`] for it.
pub async fn text_of(driver: &WebDriver, css: &str) -> TestResult<String> {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    Ok(el.text().await?.trim().to_string())
}

/// All the text inside the element matching `css`, folded sections
/// included (what `text_of` leaves out, as a user would until they open it).
pub async fn content_of(driver: &WebDriver, css: &str) -> TestResult<String> {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    Ok(el.prop("textContent").await?.unwrap_or_default().trim().to_string())
}

/// The current value of the form field matching `css`, waiting for it.
pub async fn value_of(driver: &WebDriver, css: &str) -> TestResult<String> {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    Ok(el.prop("value").await?.unwrap_or_default())
}

/// An attribute of the element matching `css`, waiting for it.
pub async fn attr_of(driver: &WebDriver, css: &str, name: &str) -> TestResult<Option<String>> {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    Ok(el.attr(name).await?)
}

/// Texts of all elements matching `css`, in document order.
pub async fn texts_of(driver: &WebDriver, css: &str) -> TestResult<Vec<String>> {
    let mut out = Vec::new();
    for el in driver.find_all(By::Css(css)).await? {
        out.push(el.text().await?.trim().to_string());
    }
    Ok(out)
}

/// Waits for `css`, scrolls it to the middle of the screen (as a user does,
/// clear of the bars fixed to the bottom) and clicks it like a user.
pub async fn click(driver: &WebDriver, css: &str) -> TestResult {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    driver.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![el.to_json()?]).await?;
    el.click().await?;
    Ok(())
}

/// Sets an input, textarea or select to `value` the way a framework sees a
/// user edit: native value setter, then `input` and `change` events.
pub async fn set_input(driver: &WebDriver, css: &str, value: &str) -> TestResult {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    driver
        .execute(
            r#"
            const el = arguments[0], value = arguments[1];
            const proto = Object.getPrototypeOf(el);
            const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
            el.focus();
            setter.call(el, value);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            "#,
            vec![el.to_json()?, json!(value)],
        )
        .await?;
    Ok(())
}

/// Types into an element with real key events (clears it first).
pub async fn type_text(driver: &WebDriver, css: &str, text: &str) -> TestResult {
    let el = wait_for(driver, css, *TIMEOUT).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// True when the page does not scroll sideways at the current viewport.
pub async fn no_horizontal_scroll(driver: &WebDriver) -> TestResult<bool> {
    let v = eval(
        driver,
        "const d = document.documentElement; \
         return d.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth;",
    )
    .await?;
    Ok(v.as_bool().unwrap_or(false))
}

/// Widths that explain a sideways scroll: the viewport, the document, and
/// the elements whose right edge lies beyond the viewport (for messages).
pub async fn overflow_report(driver: &WebDriver) -> TestResult<Value> {
    eval(
        driver,
        r#"
        const w = window.innerWidth, out = [];
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 0.5 && out.length < 10) {
            out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
              + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')
              + ' right=' + Math.round(r.right));
          }
        }
        return { innerWidth: w, scrollWidth: document.documentElement.scrollWidth, overflowing: out };
        "#,
    )
    .await
}

/// Deletes everything the current origin stored (localStorage, IndexedDB,
/// Cache Storage, service workers, cookies) via CDP. Reload afterwards.
pub async fn clear_storage(driver: &WebDriver) -> TestResult {
    let url = driver.current_url().await?;
    let origin = url.origin().ascii_serialization();
    ChromeDevTools::new(driver.handle.clone())
        .execute_cdp_with_params(
            "Storage.clearDataForOrigin",
            json!({ "origin": origin, "storageTypes": "all" }),
        )
        .await?;
    eval(driver, "try { localStorage.clear(); sessionStorage.clear(); } catch (_) {} return null;").await?;
    Ok(())
}

/// Saves a PNG of the viewport to target/browser-shots/NAME.png and returns
/// the path (handy when a test fails: look at it).
pub async fn screenshot(driver: &WebDriver, name: &str) -> TestResult<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-shots");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.png"));
    driver.screenshot(&path).await?;
    Ok(path)
}
