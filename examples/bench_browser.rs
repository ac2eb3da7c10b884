//! Browser timings, printed by `scripts/bench browser`, on the release build
//! in dist/ in headless Chromium. Prints figures and asserts nothing.
//!
//! - A tap on the checklist (a tick) until its card shows it, and a tap on
//!   the overview ("Vì sao?") until the explanation shows, for a commune of
//!   50 and 200 areas with 6 years of records: the whole path of a tap (the
//!   core's change, the screen models, the DOM update, seen by a
//!   MutationObserver), median of 15; and for the tick, until the frame
//!   that paints it starts, which adds the wait for the next frame (up to
//!   16.7 ms) and anything that runs before it; and until the save after
//!   that frame is done, which is when the next tap can be answered.
//! - Opening the app again offline (the server stopped after the first
//!   visit) with the CPU slowed 4x as on a cheap phone, 50 areas: the time
//!   from the start of the navigation until the first screen is up, and
//!   until it has answered a tap ("Vì sao?" opened and explained).
//! - Opening each rarely used screen offline, 50 areas, at this machine's
//!   speed and with the CPU slowed 4x: from the tap on its link on the
//!   screen before until it shows (on more.html or tools.html, whose code
//!   the worker has kept since the first visit), median of 3.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;
#[path = "common/fixtures.rs"]
mod fixtures;

use common::*;
use serde_json::json;
use sotay::core::stored;
use thirtyfour::extensions::cdp::ChromeDevTools;

/// Measures in the page: once the app's frame is in place, opens the first
/// "Vì sao?" and notes when its explanation shows (ms since navigation start).
const FIRST_TAP_JS: &str = r#"
window.__firstTap = new Promise((done) => {
  const tap = () => {
    const s = document.querySelector('details.explain > summary');
    if (!s || document.getElementById('frame')) return false;
    const ready = performance.now();
    s.click();
    const check = () => document.querySelector('details.explain[open] .rule')
      ? done({ ready, answered: performance.now() })
      : requestAnimationFrame(check);
    check();
    return true;
  };
  document.addEventListener('DOMContentLoaded', () => {
    if (tap()) return;
    const watch = new MutationObserver(() => { if (tap()) watch.disconnect(); });
    watch.observe(document.body, { childList: true, subtree: true });
  });
});
"#;

/// Measures, on every page the tab opens, when the screen it waits for
/// shows: `bench.wait` in sessionStorage names it (a CSS selector), and the
/// time it shows (ms since the epoch, the page's clock) goes to `bench.shown`.
const SCREEN_SHOWN_JS: &str = r#"
window.__benchWatch = () => {
  const wait = sessionStorage.getItem('bench.wait');
  if (!wait) return;
  const check = () => {
    if (document.getElementById('frame') || !document.querySelector(wait)) return false;
    sessionStorage.setItem('bench.shown', String(performance.timeOrigin + performance.now()));
    sessionStorage.removeItem('bench.wait');
    return true;
  };
  if (check()) return;
  const watch = new MutationObserver(() => { if (check()) watch.disconnect(); });
  watch.observe(document, { childList: true, subtree: true, attributes: true });
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', window.__benchWatch);
else window.__benchWatch();
"#;

/// The rarely used screens in the order they are opened, each from the one
/// before: what it is, what is tapped (a bottom navigation entry by its
/// label, or a CSS selector), and what shows once it is open.
const RARE_SCREENS: [(&str, &str, &str); 7] = [
    ("Chia sẻ, from Tổng quan (more.html)", "nav:Chia sẻ", "#share-fingerprint"),
    ("Cài đặt, from Chia sẻ", "nav:Cài đặt", "#fingerprint"),
    ("Đơn vị, from Cài đặt", ".settings a[href$='#/don-vi']", ".units li.unit"),
    ("Chương trình, from Đơn vị", "nav:Chương trình", ".reader [data-indicator]"),
    ("Báo cáo, from Chương trình (tools.html)", "#reader-report", "#report-doc"),
    ("Chương trình again, from Báo cáo (more.html)", "nav:Chương trình", "#reader-revise"),
    ("the programme editor, from Chương trình (tools.html)", "#reader-revise", "#editor-heading"),
];

/// Taps `tap` (see [`RARE_SCREENS`]) and returns the ms until `shown` shows,
/// on this page or on the page the tap opens.
async fn open_screen(b: &WebDriver, tap: &str, shown: &str) -> TestResult<f64> {
    eval_with(
        b,
        "const [tap, shown] = arguments;
         const el = tap.startsWith('nav:')
           ? [...document.querySelectorAll('nav.bottom a')].find(a => a.textContent.trim() === tap.slice(4))
           : document.querySelector(tap);
         if (!el) throw new Error('nothing to tap: ' + tap);
         sessionStorage.removeItem('bench.shown');
         sessionStorage.setItem('bench.wait', shown);
         sessionStorage.setItem('bench.tapped', String(performance.timeOrigin + performance.now()));
         window.__benchWatch();
         el.click();
         return null;",
        vec![json!(tap), json!(shown)],
    )
    .await?;
    wait_until(b, "sessionStorage.getItem('bench.shown')", *TIMEOUT).await?;
    let ms = eval(b, "return Number(sessionStorage.getItem('bench.shown')) - Number(sessionStorage.getItem('bench.tapped'));").await?;
    Ok(ms.as_f64().unwrap_or(f64::NAN))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn row(name: &str, value: String) {
    println!("{name:<60} {value:>14}");
}

/// Stores a commune's data in a fresh browser and opens the app on it.
async fn with_commune(server: &StaticServer, areas: usize) -> TestResult<(Browser, String)> {
    let state = fixtures::commune(areas, "bench");
    let unit = state.book.units_of(sotay::core::book::UnitKind::Area)[0].0.to_string();
    let text = stored::encode(&state, fixtures::T0);
    let b = Browser::start().await?;
    b.goto(&server.url("/#/tong-quan")).await?;
    wait_until(&b, "document.getElementById('frame') === null", *TIMEOUT).await?;
    eval_with(&b, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![text.into()]).await?;
    b.refresh().await?;
    wait_until(&b, "document.getElementById('frame') === null && document.querySelector('.overview')", *TIMEOUT).await?;
    Ok((b, unit))
}

/// How far `taps` follows a tap.
#[derive(Clone, Copy)]
enum Until {
    /// The DOM shows its effect.
    Shown,
    /// The frame that paints it starts (its requestAnimationFrame): this also
    /// counts any task that runs before that frame.
    Frame,
    /// The tasks queued by then have run, the save among them (it waits for
    /// that frame, then a zero timeout; two more zero timeouts come after it).
    Saved,
}

/// Median ms of a tap until the page shows its effect (see [`Until`]), in
/// the page's own clock.
async fn taps(b: &WebDriver, css: &str, shown: &str, n: usize, until: Until) -> TestResult<f64> {
    let finish = match until {
        Until::Shown => "done(performance.now() - t)",
        Until::Frame => "requestAnimationFrame(() => done(performance.now() - t))",
        Until::Saved => "requestAnimationFrame(() => setTimeout(() => setTimeout(() => done(performance.now() - t))))",
    };
    let mut times = Vec::new();
    for _ in 0..n {
        let ms = b
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     const el = document.querySelector({css:?});
                     const before = {shown};
                     const watch = new MutationObserver(() => {{
                       if (({shown}) !== before) {{ watch.disconnect(); {finish}; }}
                     }});
                     watch.observe(document.body, {{ subtree: true, childList: true, attributes: true }});
                     const t = performance.now();
                     el.click();"
                ),
                vec![],
            )
            .await?;
        times.push(ms.json().as_f64().unwrap_or(f64::NAN));
    }
    Ok(median(times))
}

#[tokio::main]
async fn main() -> TestResult {
    let mut server = StaticServer::start_dist();
    println!("a tap until the screen shows it (headless Chromium, release wasm, median of 15)");
    for n in [50usize, 200] {
        let (b, unit) = with_commune(&server, n).await?;
        let explain = "details.explain > summary";
        let open = "!!document.querySelector('details.explain[open] .rule')";
        let t = taps(&b, explain, open, 1, Until::Shown).await?;
        row(&format!("{n} areas: overview, first “Vì sao?” opened"), format!("{t:.1} ms"));
        b.goto(&server.url(&format!("/#/so/{unit}/2026"))).await?;
        wait_until(&b, "document.querySelector('.checklist article[data-item=\"ngay-hoi\"] button.tick')", *TIMEOUT).await?;
        let tick = "article[data-item=\"ngay-hoi\"] button.tick";
        let pressed = "document.querySelector('article[data-item=\"ngay-hoi\"] button.tick').getAttribute('aria-pressed')";
        for (until, what) in [(Until::Shown, ""), (Until::Frame, " until its frame"), (Until::Saved, " until saved")] {
            let t = taps(&b, tick, pressed, 15, until).await?;
            row(&format!("{n} areas: checklist, a tick{what}"), format!("{t:.1} ms"));
        }
        b.quit().await?;
    }
    println!("(one frame at 60 Hz is 16.7 ms)");

    println!();
    println!("opening the app offline with the CPU slowed 4x, 50 areas x 6 years (median of 3)");
    let (b, _) = with_commune(&server, 50).await?;
    wait_until(&b, "navigator.serviceWorker.controller", *TIMEOUT).await?;
    let dev = ChromeDevTools::new(b.handle.clone());
    dev.execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", json!({ "source": FIRST_TAP_JS })).await?;
    dev.execute_cdp_with_params("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })).await?;
    server.stop();
    let (mut ready, mut answered) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        b.refresh().await?;
        let v = b.execute_async("const done = arguments[arguments.length - 1]; window.__firstTap.then(done);", vec![]).await?;
        ready.push(v.json()["ready"].as_f64().unwrap_or(f64::NAN));
        answered.push(v.json()["answered"].as_f64().unwrap_or(f64::NAN));
    }
    row("first screen up", format!("{:.0} ms", median(ready)));
    row("first screen answered a tap", format!("{:.0} ms", median(answered)));
    b.quit().await?;

    println!();
    println!("opening a rarely used screen offline, 50 areas x 6 years (median of 3): this machine / CPU slowed 4x");
    let mut server = StaticServer::start_dist();
    let (b, _) = with_commune(&server, 50).await?;
    wait_until(&b, "navigator.serviceWorker.controller", *TIMEOUT).await?;
    let dev = ChromeDevTools::new(b.handle.clone());
    dev.execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", json!({ "source": SCREEN_SHOWN_JS })).await?;
    server.stop();
    let mut times = vec![[Vec::new(), Vec::new()]; RARE_SCREENS.len()];
    for (k, rate) in [1, 4].into_iter().enumerate() {
        dev.execute_cdp_with_params("Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await?;
        for _ in 0..3 {
            // A new document, so that the measuring script is in it.
            b.goto(&server.url("/#/tong-quan")).await?;
            b.refresh().await?;
            wait_until(&b, "document.getElementById('frame') === null && document.querySelector('.overview')", *TIMEOUT).await?;
            for ((_, tap, shown), t) in RARE_SCREENS.iter().zip(&mut times) {
                t[k].push(open_screen(&b, tap, shown).await?);
            }
        }
    }
    for ((what, _, _), [fast, slow]) in RARE_SCREENS.iter().zip(times) {
        row(what, format!("{:.0} / {:.0} ms", median(fast), median(slow)));
    }
    b.quit().await?;
    Ok(())
}
