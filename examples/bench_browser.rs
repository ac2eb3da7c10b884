//! Browser timings, printed by `scripts/bench browser`: recomputing every
//! gauge and area bar in headless Chromium's wasm engine, on the release build
//! in dist/, for a commune of 50 and of 500 areas with 6 years of records.
//! Prints figures and asserts nothing.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;
#[path = "common/fixtures.rs"]
mod fixtures;

use common::*;
use sotay::core::stored;

#[tokio::main]
async fn main() -> TestResult {
    let server = StaticServer::start_dist();
    println!("recompute of every gauge and area bar in headless Chromium (release wasm, median of 21)");
    for n in [50usize, 200, 500] {
        let state = fixtures::commune(n, "bench");
        let text = stored::encode(&state, fixtures::T0);
        let b = Browser::start().await?;
        b.goto(&server.url("/#/chuong-trinh")).await?;
        wait_for(&b, "header h1", *TIMEOUT).await?;
        let label = format!("{n} areas x 6 years ({} KB stored)", text.len() / 1024);
        let stored = eval_with(
            &b,
            "try { localStorage.setItem('sotay.state', arguments[0]); return true; } catch (e) { return false; }",
            vec![text.clone().into()],
        )
        .await?;
        if stored != true {
            println!("{label:<52} {:>14}", "over quota");
            b.quit().await?;
            continue;
        }
        b.refresh().await?;
        wait_until(&b, "window.wasmBindings && window.wasmBindings.sotayBenchRecompute", *TIMEOUT).await?;
        let ms = eval(&b, "return window.wasmBindings.sotayBenchRecompute(21);").await?;
        let ms = ms.as_f64().unwrap_or(f64::NAN);
        println!("{label:<52} {:>14}", format!("{ms:.1} ms"));
        b.quit().await?;
    }
    println!("(one frame at 60 Hz is 16.7 ms)");
    Ok(())
}
