//! Issue "First load": the daily page loads first and alone; every rarely
//! used screen (on more.html) opens from its navigation and works, online
//! and, after that first visit, offline; and no page ever runs two
//! releases' code together while a newer release waits for "Cập nhật".

mod common;
mod support;
use common::*;
use support::*;

use serde_json::json;

/// Taps the bottom navigation's entry `label` and waits until the app has
/// started on the page that shows it.
async fn tap_nav(p: &Phone, label: &str) -> TestResult {
    let at = eval_with(
        p,
        "return [...document.querySelectorAll('nav.bottom a')].findIndex(a => a.textContent.trim() === arguments[0]);",
        vec![json!(label)],
    )
    .await?;
    let at = at.as_i64().filter(|i| *i >= 0).ok_or_else(|| format!("no “{label}” in the navigation"))?;
    click(p, &format!("nav.bottom a:nth-child({})", at + 1)).await?;
    // The other page may be loading meanwhile: wait for the entry to be the current one, then for the app.
    let here = format!(
        "(document.querySelector('nav.bottom a[aria-current=page]') || {{ textContent: '' }}).textContent.trim() === {}",
        js(label)
    );
    eventually(p, &here, &format!("“{label}” is not the current screen")).await?;
    p.ready().await
}

/// Waits until the form field matching `css` holds some text.
async fn field_is(p: &Phone, css: &str) -> TestResult {
    wait_until(p, &format!("(document.querySelector({}) || {{}}).value", js(css)), *TIMEOUT).await
}

/// Which page is open: "daily" (index.html), "more" (more.html) or "tools" (tools.html).
async fn page(p: &Phone) -> TestResult<String> {
    Ok(eval(p, "return document.documentElement.dataset.page;").await?.as_str().unwrap_or_default().to_string())
}

/// From the daily page's navigation: Chia sẻ (export a file, import it back
/// to its preview), Cài đặt (fingerprint, backups), Đơn vị (add an area),
/// Chương trình (the 10 indicators), from there Báo cáo (the A4 document)
/// and the editor (the programme's fields), then back to Tổng quan and Ghi
/// chép.
async fn every_rarely_used_screen_works(offline: bool) -> TestResult {
    let mut p = Phone::start().await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    assert_eq!(page(&p).await?, "daily");
    wait_controlled(&p).await?;
    if offline {
        p.server.stop();
        p.reload().await?;
    }

    // Chia sẻ: a file out, and the same file back in, to its preview.
    tap_nav(&p, "Chia sẻ").await?;
    assert_eq!(page(&p).await?, "more");
    let text = export_here(&p).await?;
    assert!(text.contains("Thôn 1"), "the exported file holds the area");
    paste_text(&p, &text).await?;
    let preview = text_of(&p, "#import-preview").await?;
    assert!(preview.contains("Thôn 1") && preview.contains("không có gì mới"), "{preview}");
    click(&p, "#import-cancel").await?;
    wait_gone(&p, "#import-preview", *TIMEOUT).await?;
    let fp = text_of(&p, "#share-fingerprint").await?;

    // Cài đặt: the same fingerprint, and the backups listed.
    tap_nav(&p, "Cài đặt").await?;
    assert_eq!(text_of(&p, "#fingerprint").await?, fp);
    wait_for(&p, "ul.backups button.restore", *TIMEOUT).await?;

    // Đơn vị, from Cài đặt: an area added.
    click(&p, ".settings a[href$='#/don-vi']").await?;
    wait_for(&p, ".units li.unit", *TIMEOUT).await?;
    add_area(&p, "Thôn 2").await?;

    // Chương trình: the reader's 10 indicators.
    tap_nav(&p, "Chương trình").await?;
    assert_eq!(count(&p, ".reader [data-indicator]").await?, 10);

    // From the reader, the reports: the year's A4 document, the area in it.
    click(&p, "#reader-report").await?;
    p.ready().await?;
    assert_eq!(page(&p).await?, "tools");
    let doc = text_of(&p, "#report-doc").await?;
    assert!(doc.contains("BÁO CÁO") && doc.contains("Thôn 1"), "{doc}");
    // And the editor, on this programme: its indicators, ready to publish a revision.
    p.back().await?;
    p.ready().await?;
    wait_for(&p, "#reader-revise", *TIMEOUT).await?;
    click(&p, "#reader-revise").await?;
    p.ready().await?;
    wait_for(&p, "#editor-heading", *TIMEOUT).await?;
    field_is(&p, "#indicator-10-text").await?;
    assert_eq!(page(&p).await?, "tools");

    // Back to the daily page: Tổng quan and Ghi chép, with the new area.
    tap_nav(&p, "Tổng quan").await?;
    assert_eq!(page(&p).await?, "daily");
    wait_for(&p, ".overview", *TIMEOUT).await?;
    assert_eq!(count(&p, "[data-area-unit]").await?, 2, "both areas on the overview");
    tap_nav(&p, "Ghi chép").await?;
    wait_for(&p, ".checklist", *TIMEOUT).await?;
    let units = texts_of(&p, ".checklist .pickers select option").await?;
    assert!(units.iter().any(|u| u == "Thôn 2"), "{units:?}");
    p.done().await
}

/// Online.
#[tokio::test]
async fn every_rarely_used_screen_opens_from_the_daily_page() -> TestResult {
    every_rarely_used_screen_works(false).await
}

/// With the server stopped after the first visit.
#[tokio::test]
async fn every_rarely_used_screen_opens_offline_after_the_first_visit() -> TestResult {
    every_rarely_used_screen_works(true).await
}

/// The first visit downloads the daily page's code only; the other pages'
/// code is fetched by the worker, after the page has loaded.
#[tokio::test]
async fn the_first_visit_loads_the_daily_page_alone() -> TestResult {
    let p = Phone::start().await?;
    let loaded = code_loaded(&p).await?;
    assert!(!loaded.is_empty() && loaded.iter().all(|f| !f.starts_with("./sotay-more-") && !f.starts_with("./sotay-tools-")), "{loaded:?}");
    wait_controlled(&p).await?;
    p.done().await
}

/// A copy of dist/ as another release whose code files have other names
/// (so the two releases' code can be told apart), stamped.
fn release_with_renamed_code() -> TempDir {
    another_release("release-renamed", |dir| {
        let stems: Vec<String> = files_under(dir)
            .into_iter()
            .filter_map(|f| f.strip_prefix("./")?.strip_suffix(".js").map(str::to_string))
            .filter(|f| f.starts_with("sotay-"))
            .collect();
        assert!(stems.len() == PAGES.len(), "{stems:?}");
        for stem in &stems {
            let new = format!("{stem}-r2");
            for ext in [".js", "_bg.wasm"] {
                std::fs::rename(dir.join(format!("{stem}{ext}")), dir.join(format!("{new}{ext}"))).unwrap();
            }
            for page in PAGES {
                let html = read(&dir.join(page));
                std::fs::write(dir.join(page), html.replace(stem.as_str(), &new)).unwrap();
            }
        }
    })
}

/// The open page's release and code: its `sotay-build` meta is `version`,
/// and every script and wasm file it loaded is one of that release's.
async fn runs_release(p: &Phone, version: &str, files: &[String], other: &[String]) -> TestResult {
    assert_eq!(page_build(p).await?, version, "{}", p.current_url().await?);
    let code = code_loaded(p).await?;
    assert!(!code.is_empty(), "no code loaded?");
    for f in &code {
        assert!(files.contains(f), "{f} is not in release {version}: {code:?}");
        assert!(!other.contains(f), "{f} belongs to the other release");
    }
    Ok(())
}

/// With a newer release waiting, going daily page → more.html → tools.html
/// → daily page stays on the running release, on every page; after "Cập
/// nhật" every page is the new release.
#[tokio::test]
async fn no_page_runs_two_releases_together() -> TestResult {
    let one = copy_of_dist("release-one");
    let two = release_with_renamed_code();
    let (v1, files1) = worker_of(&one);
    let (v2, files2) = worker_of(&two);
    assert_ne!(v1, v2);
    let only1: Vec<String> = files1.iter().filter(|f| !files2.contains(f)).cloned().collect();
    let only2: Vec<String> = files2.iter().filter(|f| !files1.contains(f)).cloned().collect();
    assert_eq!(only1.len(), 2 * PAGES.len(), "the code files differ: {only1:?}");

    let mut p = Phone::with_server(StaticServer::start(one.path())).await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    wait_controlled(&p).await?;
    p.server.restart_with(two.path());
    p.reload().await?;
    wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;
    assert_eq!(workers(&p).await?, json!([true, true]), "[waiting, active]: the new release waits");

    runs_release(&p, &v1, &files1, &only2).await?;
    tap_nav(&p, "Chương trình").await?;
    runs_release(&p, &v1, &files1, &only2).await?;
    wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;
    p.open("/#/bao-cao").await?;
    runs_release(&p, &v1, &files1, &only2).await?;
    wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;
    tap_nav(&p, "Tổng quan").await?;
    runs_release(&p, &v1, &files1, &only2).await?;

    click(&p, "#sw-banner .sw-update button.primary").await?;
    eventually(&p, &format!("document.querySelector('meta[name=\"sotay-build\"]').content === {}", js(&v2)), "the update").await?;
    p.ready().await?;
    runs_release(&p, &v2, &files2, &only1).await?;
    tap_nav(&p, "Cài đặt").await?;
    runs_release(&p, &v2, &files2, &only1).await?;
    tap_nav(&p, "Ghi chép").await?;
    runs_release(&p, &v2, &files2, &only1).await?;
    p.open("/#/bao-cao").await?;
    runs_release(&p, &v2, &files2, &only1).await?;
    assert_eq!(cache_names(&p).await?, [format!("sotay-v-{v2}")]);
    p.done().await
}
