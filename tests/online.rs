//! Issue "Put it online": dist/ is what goes on a static host as it is, so
//! it must be the release build (never a debug one), precompressed; and the
//! deploy steps for a site under a sub-path (`./scripts/build --base
//! /sotay/ --out DIR`, then upload DIR) give an app that works there and
//! offline.

mod common;
mod support;
use common::*;
use support::*;

use std::path::Path;

/// The largest a release wasm may be (a debug build's is about 6 MB).
const MAX_WASM_BYTES: u64 = 1_500_000;

/// Checks that a build directory holds a stamped release build, small and
/// precompressed.
fn assert_release_build(dir: &Path) {
    let (version, _) = worker_of(dir);
    assert_ne!(version, "dev", "{}/sw.js is a development build's", dir.display());
    assert!(version.len() == 16 && version.bytes().all(|c| c.is_ascii_hexdigit()), "sw.js VERSION {version:?}");
    for page in PAGES {
        let built = build_of_page(dir, page);
        assert_ne!(built, "dev", "{page} is a development build's");
        assert_eq!(built, version, "{page} belongs to the release sw.js keeps");
    }
    let wasm: Vec<String> = files_under(dir).into_iter().filter(|f| f.ends_with(".wasm")).collect();
    assert_eq!(wasm.len(), PAGES.len(), "one wasm per page: {wasm:?}");
    let mut compressed = wasm.clone();
    compressed.extend(PAGES.iter().map(|p| format!("./{p}")));
    for f in &wasm {
        let bytes = std::fs::metadata(dir.join(f.trim_start_matches("./"))).unwrap().len();
        assert!(bytes < MAX_WASM_BYTES, "{f} is {bytes} bytes: not a release build (under {MAX_WASM_BYTES})");
    }
    for f in &compressed {
        for ext in ["gz", "br"] {
            let copy = dir.join(format!("{}.{ext}", f.trim_start_matches("./")));
            let size = std::fs::metadata(&copy).unwrap_or_else(|_| panic!("no {} beside {f}", copy.display())).len();
            let raw = std::fs::metadata(dir.join(f.trim_start_matches("./"))).unwrap().len();
            assert!(size > 0 && size < raw, "{} ({size} bytes) is not a compressed copy of {f} ({raw} bytes)", copy.display());
        }
    }
}

/// dist/ holds no debug build: both pages and sw.js carry a release's
/// version, each wasm is release-sized, and .gz/.br copies sit beside the
/// wasm files and the pages.
#[test]
fn dist_holds_a_release_build_ready_to_upload() {
    assert_release_build(&dist_dir());
}

/// The deploy steps, literally: `./scripts/build --base /sotay/ --out DIR`
/// (it reuses the compiled wasm, so it is quick after ./scripts/build),
/// DIR served under /sotay/ by a plain static server; the app opens there,
/// takes an area, and after the server stops opens offline with it.
#[tokio::test]
async fn the_build_for_a_sub_path_works_there_and_offline() -> TestResult {
    let out = TempDir::new("deploy");
    let site = out.join("site");
    let run = tokio::process::Command::new(repo().join("scripts/build"))
        .args(["--base", "/sotay/", "--out"])
        .arg(&site)
        .current_dir(repo())
        .output()
        .await?;
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    // The build's stamp for this output directory (scripts/setup) goes with it.
    let stamp = repo().join("target").join(format!(
        "sotay-{}.stamp",
        site.to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>()
    ));
    let _ = std::fs::remove_file(stamp);
    assert!(run.status.success(), "./scripts/build --base /sotay/ failed:\n{said}");
    assert_release_build(&site);
    let index = read(&site.join("index.html"));
    // (The pages are minified: a link's quotes may be gone.)
    assert!(index.contains("/sotay/sotay-"), "absolute links under /sotay/ in index.html");
    for page in ["index.html", "more.html", "tools.html"] {
        assert!(!read(&site.join(page)).contains("./sotay-"), "no relative code link in {page}");
    }

    let mut p = Phone::with_server(StaticServer::start_under(&site, "/sotay/")).await?;
    wait_controlled(&p).await?;
    p.open("/#/don-vi").await?;
    wait_for(&p, ".units", *TIMEOUT).await?;
    add_area(&p, "Thôn Đông").await?;
    let version = page_build(&p).await?;
    assert_eq!(version, build_of_page(&site, "more.html"));

    p.server.stop();
    p.reload().await?;
    wait_for(&p, ".units li.unit", *TIMEOUT).await?;
    let names = unit_names(&p).await?;
    assert!(names.iter().any(|n| n == "Thôn Đông"), "offline, the area is there: {names:?}");
    p.open("/#/tong-quan").await?;
    wait_for(&p, ".overview [data-area-unit]", *TIMEOUT).await?;
    assert_eq!(page_build(&p).await?, version);
    assert!(p.server.requests().iter().all(|r| !r.contains(" 404")), "{:?}", p.server.requests());
    p.done().await
}
