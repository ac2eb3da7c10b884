//! The app shell at a phone's width: header, programme reader, no sideways
//! scroll, no console errors. Plus checks that the harness itself reports
//! errors and goes offline, and that a phone's end check fails on an error
//! in any of its tabs, so a clean result elsewhere means something.

mod common;
mod support;
use common::*;
use support::*;

const TITLE: &str = "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu \
                     Mặt trận Tổ quốc Việt Nam các cấp nhiệm kỳ 2024-2029";

/// Every route opens on the page the core says shows it (`Route::page`),
/// from whichever page the link was opened on, and a link to no screen
/// opens the home screen on the daily page: page.js, which sends routes to
/// their page before the app starts, agrees with the core.
#[tokio::test]
async fn every_route_opens_on_its_own_page_and_an_unknown_one_at_home() -> TestResult {
    use sotay::core::screen::{Page, Route};
    let p = Phone::start().await?;
    let hashes = [
        "#/", "#/tong-quan/2026", "#/so", "#/chuong-trinh", "#/soan-chuong-trinh", "#/soan-chuong-trinh/sua",
        "#/bao-cao", "#/don-vi", "#/chia-se", "#/cai-dat", "#/khong-co-trang-nay", "#/so-tay",
    ];
    for from in ["/", "/more.html", "/tools.html"] {
        for hash in hashes {
            let route = Route::parse(hash);
            let want = match route.page() {
                Page::Daily => "daily",
                Page::More => "more",
                Page::Tools => "tools",
            };
            p.open(&format!("{from}{hash}")).await?;
            let page = eval(&p, "return document.documentElement.dataset.page;").await?;
            assert_eq!(page, want, "{from}{hash} ({route:?})");
        }
    }
    assert_eq!(Route::parse("#/khong-co-trang-nay"), Route::Home);
    p.open("/more.html#/khong-co-trang-nay").await?;
    wait_for(&p, ".setup", *TIMEOUT).await?;
    p.done().await
}

/// The programme reader (Chương trình, on more.html) at 360 px: the
/// programme's title in the header, its 10 indicators and 6 action areas,
/// no sideways scroll.
#[tokio::test]
async fn programme_reader_at_phone_width() -> TestResult {
    let browser = Phone::start().await?;
    browser.open("/#/chuong-trinh").await?;
    assert_eq!(eval(&browser, "return document.documentElement.dataset.page;").await?, "more", "the reader is on more.html");

    wait_for(&browser, "header h1", *TIMEOUT).await?;
    wait_for(&browser, "[data-area]", *TIMEOUT).await?;
    wait_until(&browser, "document.readyState === 'complete'", *TIMEOUT).await?;

    let width = eval(&browser, "return window.innerWidth;").await?;
    assert_eq!(width, 360, "viewport width");

    // textContent, so a CSS text-transform cannot change what is compared.
    let h1 = eval(
        &browser,
        "return document.querySelector('header h1').textContent.replace(/\\s+/g, ' ').trim();",
    )
    .await?;
    let h1 = h1.as_str().unwrap_or_default();
    assert!(h1.contains(TITLE), "header h1 is {h1:?}, expected it to contain {TITLE:?}");

    let indicators = browser.find_all(By::Css("[data-indicator]")).await?;
    assert_eq!(indicators.len(), 10, "number of [data-indicator] elements");
    let mut numbers = Vec::new();
    for el in &indicators {
        let n = el.attr("data-indicator").await?.unwrap_or_default();
        assert!(el.is_displayed().await?, "indicator {n} is not visible");
        let text = el.text().await?;
        assert!(!text.trim().is_empty(), "indicator {n} has no text");
        numbers.push(n.parse::<u32>().map_err(|_| format!("data-indicator={n:?} is not a number"))?);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=10).collect::<Vec<u32>>(), "data-indicator values");

    assert_eq!(count(&browser, "[data-area]").await?, 6, "number of [data-area] elements");

    if !no_horizontal_scroll(&browser).await? {
        let shot = screenshot(&browser, "shell-sideways-scroll").await?;
        panic!(
            "page scrolls sideways at 360px: {}\nscreenshot: {}",
            overflow_report(&browser).await?,
            shot.display()
        );
    }

    browser.done().await
}

/// Guards the harness: errors must be reported, content types right, and a
/// stopped server must look offline to the page. (On a page of its own, not
/// the app, so it drives the harness's server and browser directly.)
#[tokio::test]
async fn harness_reports_errors_and_goes_offline() -> TestResult {
    let dir = TempDir::new("harness");
    let dir2 = dir.join("v2");
    std::fs::create_dir_all(&dir2)?;
    std::fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html><meta charset=utf-8><h1>một</h1><img src=\"missing.png\">\
         <script src=\"app.js\"></script>",
    )?;
    std::fs::write(
        dir.join("app.js"),
        "console.error('boom'); Promise.reject(new Error('nope')); \
         setTimeout(() => { throw new Error('late'); }); fetch('/gone.json');",
    )?;
    std::fs::write(dir.join("a.wasm"), [0u8, 97, 115, 109])?;
    std::fs::write(dir.join("m.webmanifest"), "{}")?;
    std::fs::write(dir2.join("index.html"), "<!DOCTYPE html><meta charset=utf-8><h1>hai</h1>")?;

    let mut server = StaticServer::start(dir.path());
    let browser = Browser::start().await?;
    browser.goto(&server.url("/")).await?;
    assert_eq!(text_of(&browser, "h1").await?, "một");
    assert_eq!(
        eval(&browser, "return [window.innerWidth, window.innerHeight];").await?,
        serde_json::json!([360, 740]),
        "viewport"
    );
    wait_until(&browser, "window.__sotayErrors.length >= 4", *TIMEOUT).await?;
    let errors = console_errors(&browser).await?.join("\n");
    for needle in ["console.error: boom", "unhandled rejection", "late", "<img>", "gone.json"] {
        assert!(errors.contains(needle), "{needle:?} not reported in:\n{errors}");
    }

    let fetch_all = r#"
        const done = arguments[arguments.length - 1];
        Promise.all(arguments[0].map(p => fetch(p, { cache: 'no-store' })
            .then(r => r.status + ' ' + r.headers.get('content-type'), e => 'failed')))
          .then(done);
    "#;
    let got = browser
        .execute_async(
            fetch_all,
            vec![serde_json::json!(["/", "/app.js", "/a.wasm", "/m.webmanifest", "/nope", "/../etc/passwd"])],
        )
        .await?
        .convert::<Vec<String>>()?;
    assert_eq!(
        got,
        [
            "200 text/html; charset=utf-8",
            "200 text/javascript; charset=utf-8",
            "200 application/wasm",
            "200 application/manifest+json",
            "404 text/plain; charset=utf-8",
            "404 text/plain; charset=utf-8",
        ]
    );

    let port = server.port();
    server.stop();
    let offline = browser.execute_async(fetch_all, vec![serde_json::json!(["/"])]).await?;
    assert_eq!(offline.convert::<Vec<String>>()?, ["failed"], "fetch after stop()");

    server.restart_with(&dir2);
    assert_eq!(server.port(), port, "restart keeps the port (same origin)");
    browser.refresh().await?;
    assert_eq!(text_of(&browser, "h1").await?, "hai");
    let fresh = console_errors(&browser).await?;
    assert!(fresh.is_empty(), "fresh page starts with no errors: {fresh:#?}");

    assert!(no_horizontal_scroll(&browser).await?, "narrow page fits");
    eval(&browser, "const d = document.createElement('div'); d.id = 'wide'; \
                    d.style.width = '400px'; d.textContent = 'x'; document.body.append(d); return null;")
        .await?;
    assert!(!no_horizontal_scroll(&browser).await?, "a 400px box must scroll sideways at 360px");
    eval(&browser, "document.getElementById('wide').remove(); return null;").await?;

    // A second tab in the same profile shares the origin's storage.
    eval(&browser, "localStorage.setItem('k', 'v'); return null;").await?;
    let first = browser.window().await?;
    browser.new_tab().await?;
    browser.goto(&server.url("/")).await?;
    assert_eq!(text_of(&browser, "h1").await?, "hai");
    assert_eq!(
        eval(&browser, "return [window.innerWidth, window.innerHeight];").await?,
        serde_json::json!([360, 740]),
        "viewport of the second tab"
    );
    assert_eq!(eval(&browser, "return localStorage.getItem('k');").await?, "v");
    clear_storage(&browser).await?;
    assert_eq!(eval(&browser, "return localStorage.getItem('k');").await?, serde_json::Value::Null);
    browser.switch_to_window(first).await?;

    browser.quit().await
}

/// `Phone::done` fails when a page in any of the phone's tabs logged an
/// error, so every browser test's clean ending means no page logged one.
#[tokio::test]
async fn a_phone_ends_with_an_error_check_of_every_tab() -> TestResult {
    let p = Phone::start().await?;
    let first = p.window().await?;
    p.new_tab("/#/chuong-trinh").await?;
    eval(&p, "console.error('lỗi ở thẻ thứ hai'); return null;").await?;
    p.switch_to_window(first).await?;
    assert!(console_errors(&p).await?.is_empty(), "the first tab is clean");
    let ended = tokio::spawn(p.done()).await;
    let panic = ended.expect_err("done() must fail on the second tab's error").into_panic();
    let said = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(said.contains("lỗi ở thẻ thứ hai") && said.contains("/more.html#/chuong-trinh"), "{said}");

    // And a phone whose pages logged nothing ends cleanly.
    Phone::start().await?.done().await
}
