//! Issue 6, offline: the service worker (sw.js) keeps the release build, so the
//! app opens and works with the server gone; a new release waits until the
//! user taps "Cập nhật" and then replaces the old one whole; a development
//! build registers no worker and removes a release's; a file shared to the
//! installed app waits in the inbox for the share screen.
//!
//! The release's file list and version are written by scripts/precache.py
//! (trunk's post_build hook); the first test checks them against dist/.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Value};

// ----------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Runs scripts/precache.py as trunk's hook does (`env`) or on `dir` directly.
fn precache(args: &[&Path], env: &[(&str, &str)]) -> String {
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(repo().join("scripts/precache.py")).args(args);
    cmd.env_remove("TRUNK_STAGING_DIR").env_remove("TRUNK_PROFILE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run python3 scripts/precache.py");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "scripts/precache.py failed: {text}");
    text
}

/// `<meta name="sotay-build" content="...">` of a build's index.html.
fn build_of(dir: &Path) -> String {
    let html = read(&dir.join("index.html"));
    let at = html
        .find(r#"<meta name="sotay-build" content=""#)
        .unwrap_or_else(|| panic!("{}/index.html has no sotay-build meta", dir.display()));
    let rest = &html[at + r#"<meta name="sotay-build" content=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// VERSION and FILES as written into a build's sw.js.
fn worker_of(dir: &Path) -> (String, Vec<String>) {
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

/// Every file under `dir` except sw.js, as the worker names them ("./...").
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                if rel != "sw.js" {
                    out.push(format!("./{rel}"));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A copy of dist/ as `trunk serve` or a debug build leaves it: placeholders.
fn development_copy(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    copy_dir(&dist_dir(), &dir).unwrap();
    let built = build_of(&dir);
    let html = read(&dir.join("index.html")).replace(
        &format!(r#"<meta name="sotay-build" content="{built}">"#),
        r#"<meta name="sotay-build" content="dev">"#,
    );
    std::fs::write(dir.join("index.html"), html).unwrap();
    std::fs::copy(repo().join("sw.js"), dir.join("sw.js")).unwrap();
    dir
}

/// Polls `js_expr` until truthy; unlike `wait_until`, a page being reloaded
/// in between is not an error.
async fn eventually(b: &WebDriver, js_expr: &str, what: &str) -> TestResult {
    let deadline = Instant::now() + *TIMEOUT;
    let script = format!("return !!({js_expr});");
    loop {
        if let Ok(v) = b.execute(script.as_str(), vec![]).await {
            if v.json().as_bool() == Some(true) {
                return Ok(());
            }
        }
        if Instant::now() >= deadline {
            return wait_until(b, js_expr, std::time::Duration::from_millis(1))
                .await
                .map_err(|e| format!("{what}: {e}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Runs async JS: `done` is the callback to pass the result to.
async fn run_async(b: &WebDriver, body: &str, args: Vec<Value>) -> TestResult<Value> {
    let script = format!("const done = arguments[arguments.length - 1];\n{body}");
    Ok(b.execute_async(script.as_str(), args).await?.json().clone())
}

/// Waits until an activated worker controls the page. The first worker takes
/// over the page that registered it (clients.claim): no reload needed.
async fn wait_controlled(b: &WebDriver) -> TestResult {
    eventually(
        b,
        "navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === 'activated'",
        "no service worker took over the page",
    )
    .await
}

async fn cache_names(b: &WebDriver) -> TestResult<Vec<String>> {
    let v = run_async(b, "caches.keys().then(k => done(k.sort()), e => done(['error: ' + e]));", vec![]).await?;
    Ok(serde_json::from_value(v)?)
}

async fn page_build(b: &WebDriver) -> TestResult<String> {
    let v = eval(b, "return document.querySelector('meta[name=\"sotay-build\"]').content;").await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

async fn registrations(b: &WebDriver) -> TestResult<u64> {
    let v = run_async(b, "navigator.serviceWorker.getRegistrations().then(r => done(r.length));", vec![]).await?;
    Ok(v.as_u64().unwrap_or(u64::MAX))
}

const AREA_INPUT: &str = ".add-unit[data-kind=\"area\"] input.unit-name";
const AREA_ADD: &str = ".add-unit[data-kind=\"area\"] button.add";

async fn unit_names(b: &WebDriver) -> TestResult<Vec<String>> {
    let v = eval(b, "return [...document.querySelectorAll('li.unit .unit-name')].map(e => e.textContent.trim());").await?;
    Ok(serde_json::from_value(v)?)
}

async fn add_area(b: &WebDriver, name: &str) -> TestResult {
    set_input(b, AREA_INPUT, name).await?;
    click(b, AREA_ADD).await?;
    let js = format!(
        "[...document.querySelectorAll('li.unit .unit-name')].some(e => e.textContent.trim() === {})",
        serde_json::to_string(name)?
    );
    wait_until(b, &js, *TIMEOUT).await
}

// ----------------------------------------------------------------------------
// The build
// ----------------------------------------------------------------------------

/// sw.js of dist/ lists exactly the build's files under a version that
/// index.html carries too; stamping is reproducible, a changed file changes the
/// version, and the hook leaves debug and `trunk serve` builds unstamped.
#[test]
fn the_release_build_lists_every_file_for_the_worker() {
    let dist = dist_dir();
    let (version, files) = worker_of(&dist);
    assert!(
        version.len() == 16 && version.bytes().all(|c| c.is_ascii_hexdigit()),
        "sw.js VERSION is {version:?}: dist/ is not a stamped release build (scripts/precache.py as trunk's post_build hook)"
    );
    assert_eq!(files, files_under(&dist), "sw.js FILES against the files of dist/");
    for must in ["./index.html", "./manifest.webmanifest", "./icons/icon-192.png"] {
        assert!(files.iter().any(|f| f == must), "{must} not precached: {files:?}");
    }
    for ext in [".js", ".wasm", ".css"] {
        assert!(files.iter().any(|f| f.ends_with(ext)), "no {ext} file precached: {files:?}");
    }
    assert_eq!(build_of(&dist), version, "index.html's sotay-build meta is sw.js's VERSION");

    // Stamping a copy of dist/ again changes nothing.
    let again = TempDir::new("precache-again");
    copy_dir(&dist, &again).unwrap();
    precache(&[again.path()], &[]);
    assert_eq!(read(&again.join("sw.js")), read(&dist.join("sw.js")), "re-stamped sw.js");
    assert_eq!(read(&again.join("index.html")), read(&dist.join("index.html")), "re-stamped index.html");

    // One changed byte anywhere: another version, same list.
    let css = files.iter().find(|f| f.ends_with(".css")).unwrap();
    let css_path = again.join(css.trim_start_matches("./"));
    std::fs::write(&css_path, format!("{}\n/* changed */\n", read(&css_path))).unwrap();
    precache(&[again.path()], &[]);
    let (changed, changed_files) = worker_of(&again);
    assert_ne!(changed, version, "a changed css file must change VERSION");
    assert_eq!(changed_files, files);
    assert_eq!(build_of(&again), changed);

    // As trunk's hook: debug builds and `trunk serve` stay development builds.
    let staged = development_copy("precache-hook");
    let staged_dir = staged.to_string_lossy().into_owned();
    let dev_sw = read(&staged.join("sw.js"));
    let out = precache(&[], &[("TRUNK_STAGING_DIR", &staged_dir), ("TRUNK_PROFILE", "debug")]);
    assert!(out.contains("debug build"), "{out}");
    assert_eq!(read(&staged.join("sw.js")), dev_sw, "a debug build's sw.js stays unstamped");
    assert_eq!(build_of(&staged), "dev");

    let page = read(&staged.join("index.html"));
    std::fs::write(
        staged.join("index.html"),
        page.replace("</body>", "<script>const address = '{{__TRUNK_ADDRESS__}}';</script></body>"),
    )
    .unwrap();
    let out = precache(&[], &[("TRUNK_STAGING_DIR", &staged_dir), ("TRUNK_PROFILE", "release")]);
    assert!(out.contains("trunk serve"), "{out}");
    assert_eq!(read(&staged.join("sw.js")), dev_sw, "trunk serve's sw.js stays unstamped");
    std::fs::write(staged.join("index.html"), page).unwrap();

    // A release build's staging dir gets exactly what dist/ has.
    precache(&[], &[("TRUNK_STAGING_DIR", &staged_dir), ("TRUNK_PROFILE", "release")]);
    assert_eq!(read(&staged.join("sw.js")), read(&dist.join("sw.js")), "hook-stamped sw.js");
    assert_eq!(read(&staged.join("index.html")), read(&dist.join("index.html")), "hook-stamped index.html");
}

// ----------------------------------------------------------------------------
// In the browser
// ----------------------------------------------------------------------------

/// Issue 6's core promise: after one visit the app opens, shows what was
/// entered and takes new entries with the server gone.
#[tokio::test]
async fn app_opens_and_keeps_working_offline_after_the_first_load() -> TestResult {
    let mut server = StaticServer::start_dist();
    let b = Browser::start().await?;
    b.goto(&server.url("/#/don-vi")).await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_controlled(&b).await?;
    let (version, _) = worker_of(&dist_dir());
    assert_eq!(cache_names(&b).await?, [format!("sotay-v-{version}")], "the release's cache");

    add_area(&b, "Khu dân cư Đông Hà").await?;

    server.stop();
    server.clear_requests();
    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_for(&b, AREA_INPUT, *TIMEOUT).await?;
    let names = unit_names(&b).await?;
    assert!(names.iter().any(|n| n == "Khu dân cư Đông Hà"), "offline after reload, units: {names:?}");

    add_area(&b, "Khu dân cư Tây Sơn").await?;
    let names = unit_names(&b).await?;
    for want in ["Khu dân cư Đông Hà", "Khu dân cư Tây Sơn"] {
        assert!(names.iter().any(|n| n == want), "{want} missing offline: {names:?}");
    }
    assert!(server.requests().is_empty(), "the server was stopped: {:?}", server.requests());

    // Another screen, still offline.
    b.goto(&server.url("/#/chuong-trinh")).await?;
    wait_for(&b, "[data-area]", *TIMEOUT).await?;
    assert_eq!(page_build(&b).await?, version);

    let errors = console_errors(&b).await?;
    assert!(errors.is_empty(), "console errors offline: {errors:#?}");
    b.quit().await
}

/// A second release is installed in the background but waits: the page keeps
/// running the first one (even across a reload) and offers "Cập nhật"; the tap
/// reloads into the second one, and the first one's cache is gone.
#[tokio::test]
async fn a_new_release_waits_for_the_banner_then_replaces_the_old_one_whole() -> TestResult {
    let one = TempDir::new("release-one");
    copy_dir(&dist_dir(), &one)?;
    let two = TempDir::new("release-two");
    copy_dir(&dist_dir(), &two)?;
    let page = read(&two.join("index.html"));
    std::fs::write(two.join("index.html"), page.replace("</body>", "<!-- release two -->\n</body>"))?;
    precache(&[two.path()], &[]);
    let (v1, v2) = (build_of(&one), build_of(&two));
    assert_ne!(v1, v2, "the changed page must give another version");
    assert_ne!(read(&one.join("sw.js")), read(&two.join("sw.js")), "sw.js must differ byte for byte");

    let mut server = StaticServer::start(one.path());
    let b = Browser::start().await?;
    b.goto(&server.url("/")).await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_controlled(&b).await?;
    assert_eq!(page_build(&b).await?, v1);
    assert_eq!(cache_names(&b).await?, [format!("sotay-v-{v1}")]);
    assert_eq!(count(&b, "#sw-banner .sw-update").await?, 0, "no update offered yet");

    server.restart_with(two.path());
    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    let banner = wait_for(&b, "#sw-banner .sw-update", *TIMEOUT).await?;
    let text = banner.text().await?;
    assert!(text.contains("Có phiên bản mới"), "banner text: {text:?}");
    assert_eq!(page_build(&b).await?, v1, "the old release runs until the user updates");
    let mut both = vec![format!("sotay-v-{v1}"), format!("sotay-v-{v2}")];
    both.sort();
    assert_eq!(cache_names(&b).await?, both, "new release precached, old one kept while it waits");

    // It waits: no skipWaiting on its own, a reload does not switch either.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_for(&b, "#sw-banner .sw-update", *TIMEOUT).await?;
    assert_eq!(page_build(&b).await?, v1, "still the old release after a reload");
    let waiting = run_async(
        &b,
        "navigator.serviceWorker.getRegistration().then(r => done([!!r.waiting, !!r.active]));",
        vec![],
    )
    .await?;
    assert_eq!(waiting, json!([true, true]), "[waiting, active] workers");

    // The banner sits above the bottom navigation and fits the phone.
    let rect = eval(
        &b,
        "const r = document.querySelector('#sw-banner').getBoundingClientRect(); \
         return [Math.round(r.bottom), window.innerHeight];",
    )
    .await?;
    let (bottom, height) = (rect[0].as_i64().unwrap(), rect[1].as_i64().unwrap());
    assert!(bottom <= height - 56, "banner bottom {bottom} covers the 56px navigation (viewport {height})");
    assert!(no_horizontal_scroll(&b).await?, "{}", overflow_report(&b).await?);
    screenshot(&b, "offline-update-banner").await?;

    click(&b, "#sw-banner .sw-update button.primary").await?;
    let want = serde_json::to_string(&v2)?;
    eventually(
        &b,
        &format!("document.querySelector('meta[name=\"sotay-build\"]').content === {want} && document.querySelector('header h1')"),
        "the page did not reload into the new release",
    )
    .await?;
    wait_controlled(&b).await?;
    assert_eq!(cache_names(&b).await?, [format!("sotay-v-{v2}")], "only the new release's cache is left");
    let state = run_async(
        &b,
        "navigator.serviceWorker.getRegistration().then(r => done([!!r.waiting, r.active && r.active.state]));",
        vec![],
    )
    .await?;
    assert_eq!(state, json!([false, "activated"]), "[waiting, active state] after the update");
    assert_eq!(count(&b, "#sw-banner .sw-update").await?, 0, "no banner once updated");

    // The new release also opens offline.
    server.stop();
    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    assert_eq!(page_build(&b).await?, v2);

    let errors = console_errors(&b).await?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.quit().await
}

/// `trunk serve` and debug builds keep the placeholder: the page registers no
/// worker, and one left on the same address by a release build is removed.
#[tokio::test]
async fn a_development_build_registers_no_worker_and_removes_a_release_one() -> TestResult {
    let dev = development_copy("development");
    let mut server = StaticServer::start_dist();
    let b = Browser::start().await?;
    b.goto(&server.url("/")).await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_controlled(&b).await?;

    server.restart_with(dev.path());
    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    assert_eq!(page_build(&b).await?, "dev", "the release's worker must let a development page through");
    let deadline = Instant::now() + *TIMEOUT;
    while registrations(&b).await? != 0 {
        assert!(Instant::now() < deadline, "the development page did not unregister the release's worker");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    b.refresh().await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(eval(&b, "return navigator.serviceWorker.controller === null;").await?, json!(true));
    assert_eq!(registrations(&b).await?, 0, "a development build registers no worker");
    let names = cache_names(&b).await?;
    assert!(!names.iter().any(|n| n.starts_with("sotay-v-")), "release caches left: {names:?}");

    let errors = console_errors(&b).await?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    b.quit().await
}

/// The manifest's share_target posts the file to ./chia-se-tep: the worker
/// keeps its text for `window.sotayTakeSharedFile()` (once) and sends the app
/// to #/chia-se; the POST never reaches the (static) server.
#[tokio::test]
async fn a_file_shared_to_the_app_waits_for_the_share_screen() -> TestResult {
    let server = StaticServer::start_dist();
    let b = Browser::start().await?;
    b.goto(&server.url("/#/chuong-trinh")).await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    wait_controlled(&b).await?;
    assert_eq!(
        run_async(&b, "window.sotayTakeSharedFile().then(done);", vec![]).await?,
        Value::Null,
        "nothing shared yet"
    );

    let text = "{\"format\":\"sotay-mat-tran\",\"ghi chú\":\"Khu dân cư Đông Hà ✓\"}";
    let res = run_async(
        &b,
        "const form = new FormData();
         form.append('file', new File([arguments[0]], 'so-tay.json', { type: 'application/json' }));
         fetch('./chia-se-tep', { method: 'POST', body: form })
           .then(r => done({ status: r.status, url: r.url }), e => done({ error: String(e) }));",
        vec![json!(text)],
    )
    .await?;
    assert_eq!(
        res,
        json!({ "status": 200, "url": server.url("/") }),
        "the share POST answers with a redirect to the app"
    );
    assert_eq!(run_async(&b, "window.sotayTakeSharedFile().then(done);", vec![]).await?, json!(text));
    assert_eq!(
        run_async(&b, "window.sotayTakeSharedFile().then(done);", vec![]).await?,
        Value::Null,
        "a shared file is taken once"
    );

    // As the phone's share sheet does it: a navigation that posts the form.
    b.goto(&server.url("/#/chuong-trinh")).await?;
    wait_for(&b, "header h1", *TIMEOUT).await?;
    eval_with(
        &b,
        "const f = document.createElement('form');
         f.method = 'post'; f.enctype = 'multipart/form-data'; f.action = './chia-se-tep';
         const input = document.createElement('input');
         input.type = 'file'; input.name = 'file';
         const dt = new DataTransfer();
         dt.items.add(new File([arguments[0]], 'so-tay.txt', { type: 'text/plain' }));
         input.files = dt.files;
         f.append(input); document.body.append(f); f.submit(); return null;",
        vec![json!(text)],
    )
    .await?;
    eventually(&b, "location.hash === '#/chia-se' && document.querySelector('header h1')", "share landing").await?;
    let posts: Vec<String> = server.requests().into_iter().filter(|r| r.starts_with("POST")).collect();
    assert!(posts.is_empty(), "the share POST reached the server: {posts:?}");
    b.quit().await
}
