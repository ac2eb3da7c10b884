//! Issue 6, installing: the web app manifest (Vietnamese, icons, share
//! target) in dist/ and as Chromium reads it, the icons' real pixel sizes, and
//! the notice shown inside Zalo's and Facebook's built-in browsers, where
//! installing and downloading usually do not work.

mod common;
mod support;
use common::*;
use support::*;

use std::path::PathBuf;

use serde_json::{json, Value};
use thirtyfour::extensions::cdp::ChromeDevTools;

/// A file of dist/ named by a URL relative to the site root.
fn dist_file(href: &str) -> PathBuf {
    dist_dir().join(href.trim_start_matches("./").trim_start_matches('/'))
}

/// The href of the first `<link rel="{rel}" ...>` in dist/index.html.
fn link_href(html: &str, rel: &str) -> Option<String> {
    html.split("<link").skip(1).find_map(|tag| {
        let tag = &tag[..tag.find('>')?];
        (attribute(tag, "rel")? == rel).then(|| attribute(tag, "href")).flatten()
    })
}

/// An attribute's value in the inside of a tag, quoted or not (the release
/// build's HTML is minified: `rel=manifest`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[at..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => &quoted[..quoted.find('"')?],
        None => &rest[..rest.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(rest.len())],
    };
    Some(value.to_string())
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.len() > 24, "{} is too short for a PNG", path.display());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    assert_eq!(&bytes[12..16], b"IHDR", "{}: first chunk is not IHDR", path.display());
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The manifest in dist/ is Vietnamese, installable (start, scope, display,
/// icons whose declared sizes are their real ones) and takes shared JSON and
/// text files; both pages link it.
#[test]
fn manifest_is_vietnamese_installable_and_takes_shared_files() {
    let html = std::fs::read_to_string(dist_dir().join("index.html")).expect("dist/index.html");
    let href = link_href(&html, "manifest").expect("index.html has <link rel=\"manifest\">");
    let path = dist_file(&href);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("manifest {href} ({}) does not resolve: {e}", path.display()));
    assert!(text.len() < 2048, "manifest is {} bytes", text.len());
    let m: Value = serde_json::from_str(&text).expect("the manifest is JSON");

    assert_eq!(m["lang"], "vi");
    assert_eq!(m["name"], "Sổ tay Mặt trận");
    let short = m["short_name"].as_str().expect("short_name");
    assert!(!short.is_empty() && short.chars().count() <= 12, "short_name {short:?} (at most 12 characters)");
    assert!(m["description"].as_str().is_some_and(|d| d.chars().count() > 20), "description");
    assert_eq!(m["start_url"], "./");
    assert_eq!(m["scope"], "./");
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["theme_color"], "#b71c1c");
    assert!(m["background_color"].as_str().is_some_and(|c| c.starts_with('#')), "background_color");

    let icons = m["icons"].as_array().expect("icons");
    let mut seen = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("icon src");
        let file = dist_file(src);
        assert!(file.is_file(), "icon {src} is not in dist/ ({})", file.display());
        let size = std::fs::metadata(&file).unwrap().len();
        assert!(size <= 8 * 1024, "icon {src} is {size} bytes: keep the first load small");
        assert_eq!(icon["type"], "image/png", "{src}");
        let (w, h) = png_size(&file);
        let sizes = icon["sizes"].as_str().expect("icon sizes");
        assert_eq!(sizes, format!("{w}x{h}"), "{src}: sizes against the PNG's IHDR");
        let purpose = icon["purpose"].as_str().unwrap_or("any");
        for p in purpose.split_whitespace() {
            seen.push((p.to_string(), w));
        }
    }
    for (purpose, w) in [("any", 192), ("any", 512), ("maskable", 512)] {
        assert!(
            seen.contains(&(purpose.to_string(), w)),
            "no {w}x{w} icon with purpose {purpose}: {seen:?}"
        );
    }

    let share = &m["share_target"];
    assert_eq!(share["action"], "./chia-se-tep");
    assert_eq!(share["method"], "POST");
    assert_eq!(share["enctype"], "multipart/form-data");
    let files = share["params"]["files"].as_array().expect("share_target.params.files");
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["name"], "file");
    let accept: Vec<&str> = files[0]["accept"].as_array().expect("accept").iter().filter_map(Value::as_str).collect();
    for want in ["application/json", ".json", "text/plain", ".txt"] {
        assert!(accept.contains(&want), "share_target accepts no {want}: {accept:?}");
    }

    for rel in ["icon", "apple-touch-icon"] {
        let href = link_href(&html, rel).unwrap_or_else(|| panic!("index.html has no <link rel=\"{rel}\">"));
        let (w, h) = png_size(&dist_file(&href));
        assert!(w == h && w >= 180, "{rel} {href} is {w}x{h}");
    }

    // The page of rarely used screens links the same manifest and icons.
    let more = std::fs::read_to_string(dist_dir().join("more.html")).expect("dist/more.html");
    for rel in ["manifest", "icon", "apple-touch-icon"] {
        assert_eq!(link_href(&more, rel), link_href(&html, rel), "more.html's <link rel=\"{rel}\">");
    }
}

/// Chromium's own reading of the manifest: no errors, and nothing in the way
/// of installing once the worker runs, on both pages.
async fn chromium_reads_the_manifest(prefix: &str) -> TestResult {
    let b = Phone::start_under(prefix).await?;
    wait_until(&b, "navigator.serviceWorker.controller", *TIMEOUT).await?;
    installable(&b, "/").await?;
    b.open("/#/chuong-trinh").await?;
    installable(&b, "/more.html").await?;
    b.done().await
}

/// At a domain's root.
#[tokio::test]
async fn chromium_reads_the_manifest_and_finds_the_app_installable() -> TestResult {
    chromium_reads_the_manifest("/").await
}

/// Under a sub-path: start, scope and share target follow the site's path.
#[tokio::test]
async fn chromium_reads_the_manifest_under_a_sub_path() -> TestResult {
    chromium_reads_the_manifest("/sotay/").await
}

/// Chromium's manifest of the open page (`page`) and its installability.
async fn installable(b: &Phone, page: &str) -> TestResult {
    let server = &b.server;
    let cdp = ChromeDevTools::new(b.handle.clone());
    let manifest = cdp.execute_cdp_with_params("Page.getAppManifest", json!({})).await?;
    assert!(manifest["url"] == server.url("/manifest.webmanifest"), "{page}: {manifest:#}");
    assert_eq!(manifest["errors"], json!([]), "manifest errors: {manifest:#}");
    // Chromium's parsed view: start, scope and share target resolved against the site.
    let parsed = &manifest["manifest"];
    assert!(!parsed.is_null(), "{page}: no parsed manifest: {manifest:#}");
    assert_eq!(parsed["startUrl"], server.url("/"), "{parsed:#}");
    assert_eq!(parsed["scope"], server.url("/"), "{parsed:#}");
    assert_eq!(parsed["display"], "kStandalone", "{parsed:#}");
    assert_eq!(parsed["shareTarget"]["action"], server.url("/chia-se-tep"), "{parsed:#}");
    assert_eq!(parsed["shareTarget"]["method"], "kPost", "{parsed:#}");
    assert_eq!(parsed["icons"].as_array().map(Vec::len), Some(3), "{parsed:#}");

    let deadline = std::time::Instant::now() + *TIMEOUT;
    loop {
        let r = cdp.execute_cdp_with_params("Page.getInstallabilityErrors", json!({})).await?;
        let errors = r["installabilityErrors"].as_array().cloned().unwrap_or_default();
        if errors.is_empty() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{page}: installability errors: {errors:#?}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}

const ZALO_UA: &str = "Mozilla/5.0 (Linux; Android 11; SM-A125F Build/RP1A.200720.012; wv) AppleWebKit/537.36 \
    (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100637 \
    ZaloTheme/light ZaloLanguage/vi";
const MESSENGER_UA: &str = "Mozilla/5.0 (Linux; Android 12; Redmi Note 9 Pro Build/SKQ1.211019.001; wv) \
    AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 \
    [FB_IAB/Orca-Android;FBAV/441.0.0.23.110;]";
const CHROME_UA: &str = "Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) \
    Chrome/120.0.6099.230 Mobile Safari/537.36";

async fn set_user_agent(b: &WebDriver, ua: &str) -> TestResult {
    ChromeDevTools::new(b.handle.clone())
        .execute_cdp_with_params("Emulation.setUserAgentOverride", json!({ "userAgent": ua }))
        .await?;
    Ok(())
}

/// Zalo's and Messenger's built-in browsers get the notice (above the bottom
/// navigation, at phone width, dismissible for the session); Chrome does not.
#[tokio::test]
async fn in_app_browsers_get_a_notice_and_chrome_does_not() -> TestResult {
    let b = Phone::start().await?;

    set_user_agent(&b, CHROME_UA).await?;
    b.open("/#/chuong-trinh").await?;
    assert_eq!(eval(&b, "return navigator.userAgent;").await?, json!(CHROME_UA), "UA override");
    assert_eq!(count(&b, "#sw-banner .sw-inapp").await?, 0, "no notice in Chrome");

    set_user_agent(&b, ZALO_UA).await?;
    b.reload().await?;
    let notice = wait_for(&b, "#sw-banner .sw-inapp", *TIMEOUT).await?;
    let text = notice.text().await?;
    for want in ["Zalo", "cài", "tải", "Mở bằng trình duyệt", "Chrome hoặc Safari"] {
        assert!(text.contains(want), "{want:?} not in the notice: {text:?}");
    }
    let rect = eval(
        &b,
        "const r = document.querySelector('#sw-banner').getBoundingClientRect(); \
         return [Math.round(r.top), Math.round(r.bottom), window.innerHeight];",
    )
    .await?;
    let (top, bottom, height) = (rect[0].as_i64().unwrap(), rect[1].as_i64().unwrap(), rect[2].as_i64().unwrap());
    assert!(bottom <= height - 56 && top > height / 3, "notice at {top}..{bottom} of {height}: above the navigation");
    assert!(no_horizontal_scroll(&b).await?, "{}", overflow_report(&b).await?);
    screenshot(&b, "install-zalo-notice").await?;

    let buttons = texts_of(&b, "#sw-banner .sw-inapp button").await?;
    assert_eq!(buttons, ["Chép liên kết", "Đã hiểu"]);
    click(&b, "#sw-banner .sw-inapp button.primary").await?;
    wait_gone(&b, "#sw-banner .sw-inapp", *TIMEOUT).await?;
    b.reload().await?;
    assert_eq!(count(&b, "#sw-banner .sw-inapp").await?, 0, "dismissed for this session");

    // Another tab (a new session) in Messenger.
    b.browser().new_tab().await?;
    set_user_agent(&b, MESSENGER_UA).await?;
    b.open("/").await?;
    let text = text_of(&b, "#sw-banner .sw-inapp").await?;
    assert!(text.contains("Messenger") && text.contains("Mở bằng trình duyệt"), "{text:?}");

    // A download there is not counted as sent, and the user is told what works.
    open_share(&b).await?;
    click(&b, "#export-download").await?;
    let said = wait_for(&b, "#export-message.error", *TIMEOUT).await?.text().await?;
    assert!(said.contains("thường không được") && said.contains("Sao chép"), "{said}");
    // A reload saves what the page holds (on pagehide), so the stored state is
    // the page's after the tap. (It must be stored: JSON.parse(null).state
    // throws and fails the test.)
    b.reload().await?;
    let stored = eval(&b, "return JSON.parse(localStorage.getItem('sotay.state')).state.local.last_export_ms ?? null;").await?;
    assert!(stored.is_null(), "not marked as sent: {stored}");

    b.done().await
}
