//! Issue 6, offline: the service worker (sw.js) keeps the release build, so the
//! app opens and works with the server gone; a new release waits until the
//! user taps "Cập nhật" and then replaces the old one whole; a development
//! build registers no worker and removes a release's; a file shared to the
//! installed app waits in the inbox for the share screen.
//!
//! The release's file list and version are written by scripts/precache.py,
//! which scripts/setup's `sotay_build_dist` runs on the merged build of both
//! pages; the first test checks them against dist/. The tests that depend on
//! where the site lives run twice: at a domain's root and under /sotay/ (the
//! default build has relative links, so the same dist/ serves at both).

mod common;
mod support;
use common::*;
use support::*;

use std::time::Instant;

use serde_json::{json, Value};

/// A copy of dist/ as `trunk serve` or a debug build leaves it: every page's
/// `sotay-build` meta and sw.js back to their "dev" placeholders.
fn development_copy(label: &str) -> TempDir {
    let dir = copy_of_dist(label);
    for page in PAGES {
        let built = build_of_page(&dir, page);
        let html = read(&dir.join(page)).replace(
            &format!(r#"<meta name="sotay-build" content="{built}">"#),
            r#"<meta name="sotay-build" content="dev">"#,
        );
        std::fs::write(dir.join(page), html).unwrap();
    }
    std::fs::copy(repo().join("sw.js"), dir.join("sw.js")).unwrap();
    dir
}

// ----------------------------------------------------------------------------
// The build
// ----------------------------------------------------------------------------

/// sw.js of dist/ lists exactly the build's files (both pages, their code,
/// but no precompressed .gz/.br copy: the worker asks for the files and the
/// server picks the encoding) under a version that both pages carry;
/// stamping is reproducible, a changed file changes the version, and the
/// sources stay unstamped development builds.
#[test]
fn the_release_build_lists_every_file_for_the_worker() {
    let dist = dist_dir();
    let (version, files) = worker_of(&dist);
    assert!(
        version.len() == 16 && version.bytes().all(|c| c.is_ascii_hexdigit()),
        "sw.js VERSION is {version:?}: dist/ is not a stamped release build (./scripts/build stamps it with scripts/precache.py)"
    );
    let all = files_under(&dist);
    let precompressed: Vec<&String> = all.iter().filter(|f| f.ends_with(".gz") || f.ends_with(".br")).collect();
    assert!(!precompressed.is_empty(), "dist/ has .gz and .br copies: {all:?}");
    let expected: Vec<String> =
        all.iter().filter(|f| *f != "./sw.js" && !f.ends_with(".gz") && !f.ends_with(".br")).cloned().collect();
    assert_eq!(files, expected, "sw.js FILES against the files of dist/ (less sw.js and the .gz/.br copies)");
    for must in ["./index.html", "./more.html", "./tools.html", "./manifest.webmanifest", "./icons/icon-192.png"] {
        assert!(files.iter().any(|f| f == must), "{must} not precached: {files:?}");
    }
    // Each page's own code is precached.
    for (page, stem) in [("index.html", "./sotay-"), ("more.html", "./sotay-more-"), ("tools.html", "./sotay-tools-")] {
        for ext in [".js", "_bg.wasm"] {
            let listed: Vec<&String> = files
                .iter()
                .filter(|f| f.starts_with(stem) && f.ends_with(ext) && (page != "index.html" || !(f.starts_with("./sotay-more-") || f.starts_with("./sotay-tools-"))))
                .collect();
            assert_eq!(listed.len(), 1, "{page}'s {ext} file precached once: {files:?}");
            let name = listed[0].trim_start_matches("./");
            assert!(read(&dist.join(page)).contains(name), "{page} loads {name}");
        }
        // The style is inlined into each page: no stylesheet to keep besides.
        assert!(read(&dist.join(page)).contains("<style>"), "{page} carries its style");
    }
    assert!(!files.iter().any(|f| f.ends_with(".css")), "no separate stylesheet: {files:?}");
    for page in PAGES {
        assert_eq!(build_of_page(&dist, page), version, "{page}'s sotay-build meta is sw.js's VERSION");
    }

    // Stamping a copy of dist/ again changes nothing.
    let again = copy_of_dist("precache-again");
    precache(again.path());
    for f in ["sw.js", "index.html", "more.html"] {
        assert_eq!(read(&again.join(f)), read(&dist.join(f)), "re-stamped {f}");
    }

    // One changed byte anywhere: another version, same list, on both pages.
    let manifest = again.join("manifest.webmanifest");
    std::fs::write(&manifest, format!("{}\n", read(&manifest))).unwrap();
    precache(again.path());
    let (changed, changed_files) = worker_of(&again);
    assert_ne!(changed, version, "a changed manifest must change VERSION");
    assert_eq!(changed_files, files);
    for page in PAGES {
        assert_eq!(build_of_page(&again, page), changed, "{page} carries the new version");
    }

    // The sources are what `trunk serve` and a debug build serve: unstamped,
    // so their pages register no worker and sw.js refuses to install.
    let (dev_version, dev_files) = worker_of(&repo());
    assert_eq!((dev_version.as_str(), dev_files.len()), ("dev", 0), "sw.js in the sources is unstamped");
    for page in PAGES {
        assert_eq!(build_of_page(&repo(), page), "dev", "{page} in the sources is unstamped");
    }

    // A development copy of the build, stamped, is exactly dist/ again.
    let staged = development_copy("precache-dev");
    assert_eq!(build_of(&staged), "dev");
    precache(staged.path());
    for f in ["sw.js", "index.html", "more.html"] {
        assert_eq!(read(&staged.join(f)), read(&dist.join(f)), "stamped {f} of a development copy");
    }
}

// ----------------------------------------------------------------------------
// In the browser
// ----------------------------------------------------------------------------

/// After one visit the app opens, shows what was entered and takes new
/// entries with the server gone.
async fn app_opens_and_keeps_working_offline(prefix: &str) -> TestResult {
    let mut p = Phone::start_under(prefix).await?;
    // The first visit: the home page registers the worker, which takes it over.
    wait_controlled(&p).await?;
    // (A page that starts loading while the worker installs is taken over
    // only from its next load; this one starts after.)
    p.open("/#/don-vi").await?;
    wait_for(&p, ".units", *TIMEOUT).await?;
    wait_controlled(&p).await?;
    let (version, _) = worker_of(&dist_dir());
    assert_eq!(cache_names(&p).await?, [format!("sotay-v-{version}")], "the release's cache");

    add_area(&p, "Khu dân cư Đông Hà").await?;

    p.server.stop();
    p.reload().await?;
    wait_for(&p, ".add-unit[data-kind=\"area\"] input.unit-name", *TIMEOUT).await?;
    let names = unit_names(&p).await?;
    assert!(names.iter().any(|n| n == "Khu dân cư Đông Hà"), "offline after reload, units: {names:?}");

    add_area(&p, "Khu dân cư Tây Sơn").await?;
    let names = unit_names(&p).await?;
    for want in ["Khu dân cư Đông Hà", "Khu dân cư Tây Sơn"] {
        assert!(names.iter().any(|n| n == want), "{want} missing offline: {names:?}");
    }

    // Another screen, still offline, and the daily page too.
    p.open("/#/chuong-trinh").await?;
    wait_for(&p, "[data-area]", *TIMEOUT).await?;
    assert_eq!(page_build(&p).await?, version);
    p.open("/#/tong-quan").await?;
    wait_for(&p, ".overview", *TIMEOUT).await?;
    assert_eq!(page_build(&p).await?, version);

    let errors = console_errors(&p).await?;
    assert!(errors.is_empty(), "console errors offline: {errors:#?}");
    p.done().await
}

/// Issue 6's core promise, at a domain's root.
#[tokio::test]
async fn app_opens_and_keeps_working_offline_after_the_first_load() -> TestResult {
    app_opens_and_keeps_working_offline("/").await
}

/// The same under a sub-path, as on a project site (https://host/sotay/).
#[tokio::test]
async fn app_opens_and_keeps_working_offline_under_a_sub_path() -> TestResult {
    app_opens_and_keeps_working_offline("/sotay/").await
}

/// A second release is installed in the background but waits: the page keeps
/// running the first one (even across a reload) and offers "Cập nhật"; the tap
/// reloads into the second one, and the first one's cache is gone.
async fn a_new_release_waits_for_the_banner(prefix: &str) -> TestResult {
    let one = copy_of_dist("release-one");
    let two = another_release("release-two", |dir| {
        let page = read(&dir.join("index.html"));
        std::fs::write(dir.join("index.html"), page.replace("</body>", "<!-- release two -->\n</body>")).unwrap();
    });
    let (v1, v2) = (build_of(&one), build_of(&two));
    assert_ne!(v1, v2, "the changed page must give another version");
    assert_ne!(read(&one.join("sw.js")), read(&two.join("sw.js")), "sw.js must differ byte for byte");

    let mut p = Phone::with_server(StaticServer::start_under(one.path(), prefix)).await?;
    wait_controlled(&p).await?;
    assert_eq!(page_build(&p).await?, v1);
    assert_eq!(cache_names(&p).await?, [format!("sotay-v-{v1}")]);
    assert_eq!(count(&p, "#sw-banner .sw-update").await?, 0, "no update offered yet");

    p.server.restart_with(two.path());
    p.reload().await?;
    let banner = wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;
    let text = banner.text().await?;
    assert!(text.contains("Có phiên bản mới"), "banner text: {text:?}");
    assert_eq!(page_build(&p).await?, v1, "the old release runs until the user updates");
    let mut both = vec![format!("sotay-v-{v1}"), format!("sotay-v-{v2}")];
    both.sort();
    assert_eq!(cache_names(&p).await?, both, "new release precached, old one kept while it waits");

    // It waits: installed and waiting, it does not take over on its own, and a
    // reload does not switch either.
    let installed = run_async(
        &p,
        "navigator.serviceWorker.getRegistration().then(r => done(r.waiting && r.waiting.state));",
        vec![],
    )
    .await?;
    assert_eq!(installed, json!("installed"), "the new worker waits, installed");
    p.reload().await?;
    wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;
    assert_eq!(page_build(&p).await?, v1, "still the old release after a reload");
    assert_eq!(workers(&p).await?, json!([true, true]), "[waiting, active] workers");

    // The banner sits above the bottom navigation and fits the phone.
    let rect = eval(
        &p,
        "const r = document.querySelector('#sw-banner').getBoundingClientRect(); \
         return [Math.round(r.bottom), window.innerHeight];",
    )
    .await?;
    let (bottom, height) = (rect[0].as_i64().unwrap(), rect[1].as_i64().unwrap());
    assert!(bottom <= height - 56, "banner bottom {bottom} covers the 56px navigation (viewport {height})");
    assert!(no_horizontal_scroll(&p).await?, "{}", overflow_report(&p).await?);
    screenshot(&p, "offline-update-banner").await?;

    click(&p, "#sw-banner .sw-update button.primary").await?;
    let want = serde_json::to_string(&v2)?;
    eventually(
        &p,
        &format!("document.querySelector('meta[name=\"sotay-build\"]').content === {want} && document.querySelector('main#main')"),
        "the page did not reload into the new release",
    )
    .await?;
    p.ready().await?;
    wait_controlled(&p).await?;
    assert_eq!(cache_names(&p).await?, [format!("sotay-v-{v2}")], "only the new release's cache is left");
    let state = run_async(
        &p,
        "navigator.serviceWorker.getRegistration().then(r => done([!!r.waiting, r.active && r.active.state]));",
        vec![],
    )
    .await?;
    assert_eq!(state, json!([false, "activated"]), "[waiting, active state] after the update");
    assert_eq!(count(&p, "#sw-banner .sw-update").await?, 0, "no banner once updated");

    // The new release also opens offline.
    p.server.stop();
    p.reload().await?;
    assert_eq!(page_build(&p).await?, v2);
    p.done().await
}

/// The update flow at a domain's root.
#[tokio::test]
async fn a_new_release_waits_for_the_banner_then_replaces_the_old_one_whole() -> TestResult {
    a_new_release_waits_for_the_banner("/").await
}

/// The update flow under a sub-path.
#[tokio::test]
async fn a_new_release_waits_for_the_banner_under_a_sub_path() -> TestResult {
    a_new_release_waits_for_the_banner("/sotay/").await
}

/// `trunk serve` and debug builds keep the placeholder: the page registers no
/// worker, and one left on the same address by a release build is removed.
#[tokio::test]
async fn a_development_build_registers_no_worker_and_removes_a_release_one() -> TestResult {
    let dev = development_copy("development");
    let mut p = Phone::start().await?;
    wait_controlled(&p).await?;

    p.server.restart_with(dev.path());
    p.reload().await?;
    assert_eq!(page_build(&p).await?, "dev", "the release's worker must let a development page through");
    let deadline = Instant::now() + *TIMEOUT;
    while registrations(&p).await? != 0 {
        assert!(Instant::now() < deadline, "the development page did not unregister the release's worker");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // From now on every page counts its calls to register a worker.
    thirtyfour::extensions::cdp::ChromeDevTools::new(p.handle.clone())
        .execute_cdp_with_params(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "window.__swRegisterCalls = 0; const reg = ServiceWorkerContainer.prototype.register; \
                               ServiceWorkerContainer.prototype.register = function () { window.__swRegisterCalls++; return reg.apply(this, arguments); };" }),
        )
        .await?;
    p.reload().await?;
    // A release page registers in a task queued by its load event: once the
    // page has loaded, a task queued now runs after it.
    wait_until(&p, "document.readyState === 'complete'", *TIMEOUT).await?;
    let calls = run_async(&p, "setTimeout(() => setTimeout(() => done(window.__swRegisterCalls), 0), 0);", vec![]).await?;
    assert_eq!(calls, json!(0), "a development page never asks for a worker");
    assert_eq!(eval(&p, "return navigator.serviceWorker.controller === null;").await?, json!(true));
    assert_eq!(registrations(&p).await?, 0, "a development build registers no worker");
    let names = cache_names(&p).await?;
    assert!(!names.iter().any(|n| n.starts_with("sotay-v-")), "release caches left: {names:?}");
    p.done().await
}

/// The manifest's share_target posts the file to ./chia-se-tep: the worker
/// keeps its text for `window.sotayTakeSharedFile()` (once) and sends the app
/// to more.html#/chia-se, where the file is in the import preview; the POST
/// never reaches the (static) server.
async fn a_shared_file_waits_for_the_share_screen(prefix: &str) -> TestResult {
    let p = Phone::start_under(prefix).await?;
    wait_controlled(&p).await?;
    p.open("/#/chuong-trinh").await?;
    wait_controlled(&p).await?;
    assert_eq!(
        run_async(&p, "window.sotayTakeSharedFile().then(done);", vec![]).await?,
        Value::Null,
        "nothing shared yet"
    );

    let text = a_file_with_an_area("may-xa", "Khu dân cư Đông Hà")?;
    let res = run_async(
        &p,
        "const form = new FormData();
         form.append('file', new File([arguments[0]], 'so-tay.json', { type: 'application/json' }));
         fetch('./chia-se-tep', { method: 'POST', body: form })
           .then(r => done({ status: r.status, url: r.url }), e => done({ error: String(e) }));",
        vec![json!(text)],
    )
    .await?;
    assert_eq!(
        res,
        json!({ "status": 200, "url": p.url("/more.html") }),
        "the share POST answers with a redirect to the share screen's page"
    );
    assert_eq!(run_async(&p, "window.sotayTakeSharedFile().then(done);", vec![]).await?, json!(text));
    assert_eq!(
        run_async(&p, "window.sotayTakeSharedFile().then(done);", vec![]).await?,
        Value::Null,
        "a shared file is taken once"
    );

    // As the phone's share sheet does it: a navigation that posts the form.
    p.open("/#/tong-quan").await?;
    eval_with(
        &p,
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
    eventually(
        &p,
        &format!("location.href === {} && document.querySelector('#import-preview')", js(&p.url("/more.html#/chia-se"))),
        "share landing with the file in the preview",
    )
    .await?;
    p.ready().await?;
    let preview = text_of(&p, "#import-preview").await?;
    assert!(preview.contains("Khu dân cư Đông Hà"), "the shared file's area in the preview: {preview}");
    let posts: Vec<String> = p.server.requests().into_iter().filter(|r| r.starts_with("POST")).collect();
    assert!(posts.is_empty(), "the share POST reached the server: {posts:?}");
    // Taken once: it is gone from the inbox.
    assert_eq!(run_async(&p, "window.sotayTakeSharedFile().then(done);", vec![]).await?, Value::Null);
    // And it imports.
    click(&p, "#import-apply").await?;
    wait_for(&p, "#import-done", *TIMEOUT).await?;
    p.done().await
}

/// The share target at a domain's root.
#[tokio::test]
async fn a_file_shared_to_the_app_waits_for_the_share_screen() -> TestResult {
    a_shared_file_waits_for_the_share_screen("/").await
}

/// The share target under a sub-path.
#[tokio::test]
async fn a_file_shared_to_the_app_waits_for_the_share_screen_under_a_sub_path() -> TestResult {
    a_shared_file_waits_for_the_share_screen("/sotay/").await
}
