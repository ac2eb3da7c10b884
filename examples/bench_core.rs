//! Native timings of the core, printed by `scripts/bench core`. Not a test:
//! it prints figures and asserts nothing.
//!
//! - recompute: what the overview redoes after a tap, every gauge of the
//!   programme (progress::compute, numbers only) and every area's bar
//!   (progress::areas), for 50 and 500 areas with 6 years of records, and how
//!   it grows from 50 to 500; then, separately, what opening "Vì sao?" costs
//!   (progress::explain of one figure);
//! - import: reading, checking and merging a file of 200 areas x 6 years,
//!   against merely parsing the same bytes into a serde_json::Value.

use sotay::core::file::{self, Scope};
use sotay::core::state::State;
use sotay::core::{default_programme, progress};
use std::time::{Duration, Instant};

#[path = "common/fixtures.rs"]
mod fixtures;
use fixtures::{commune, T0};

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn row(name: &str, value: &str) {
    println!("{name:<52} {value:>14}");
}

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    println!("recompute of every gauge after a change (native, release, median)");
    // (size, overview, explain of a share, explain of a total) at the previous size.
    let mut prev: Option<(usize, Duration, Duration, Duration)> = None;
    // SOTAY_BENCH_AREAS=50 limits the sizes (for profiling under callgrind).
    let sizes: Vec<usize> = match std::env::var("SOTAY_BENCH_AREAS") {
        Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => vec![50, 500],
    };
    for n in sizes {
        let s = commune(n, "bench");
        let records = s.book.records.len();
        let gauges = median(21, || {
            std::hint::black_box(progress::compute(&s.book, today));
        });
        let bars = median(21, || {
            std::hint::black_box(progress::areas(&s.book, 2026));
        });
        let overview = median(21, || {
            std::hint::black_box((progress::compute(&s.book, today), progress::areas(&s.book, 2026)));
        });
        // "Vì sao?" of a yearly share naming every area, and of the term's fund total.
        let share = median(21, || {
            std::hint::black_box(progress::explain(&s.book, "3a", Some(2026), today));
        });
        let total = median(21, || {
            std::hint::black_box(progress::explain(&s.book, "5a", None, today));
        });
        row(&format!("{n} areas x 6 years: records"), &records.to_string());
        row(&format!("{n} areas: progress::compute (20 targets x 6 years)"), &ms(gauges));
        row(&format!("{n} areas: progress::areas (one year)"), &ms(bars));
        row(&format!("{n} areas: overview after a tap (compute + areas)"), &ms(overview));
        row(&format!("{n} areas: progress::explain (3a, year 2026)"), &ms(share));
        row(&format!("{n} areas: progress::explain (5a, term)"), &ms(total));
        if let Some((pn, po, ps, pt)) = prev {
            let x = |now: Duration, before: Duration| format!("x{:.1}", now.as_secs_f64() / before.as_secs_f64());
            row(&format!("growth {pn} -> {n} areas (x{}): overview", n / pn), &x(overview, po));
            row(&format!("growth {pn} -> {n} areas (x{}): explain 3a / 5a", n / pn), &format!("{} / {}", x(share, ps), x(total, pt)));
        }
        prev = Some((n, overview, share, total));
    }

    if std::env::var("SOTAY_BENCH_AREAS").is_ok() {
        return;
    }
    println!();
    println!("import of a file of 200 areas x 6 years (native, release, median)");
    let source = commune(200, "source");
    let text = file::export(&source.book, &Scope::All, "source", T0).unwrap();
    row("file size", &format!("{} KB", text.len() / 1024));
    let p = default_programme();
    let parse_only = median(7, || {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).unwrap());
    });
    let read = median(7, || {
        std::hint::black_box(file::read(&text, &p).unwrap());
    });
    let incoming = file::read(&text, &p).unwrap();
    let fresh = State::fresh(default_programme(), "target".into(), T0);
    let merge = median(7, || {
        let mut s = fresh.clone();
        std::hint::black_box(file::apply(&mut s, &incoming, T0));
    });
    let import = read + merge;
    row("serde_json::from_str::<Value> (parse only)", &ms(parse_only));
    row("file::read (parse + check every record)", &ms(read));
    row("file::apply (merge into a fresh phone)", &ms(merge));
    row("import = read + merge", &ms(import));
    row("import / parse-only", &format!("x{:.1}", import.as_secs_f64() / parse_only.as_secs_f64()));
    let mut again = fresh.clone();
    file::apply(&mut again, &incoming, T0);
    let reimport = median(7, || {
        let mut s = again.clone();
        std::hint::black_box(file::apply(&mut s, &incoming, T0));
    });
    row("merge of the same file again (no changes)", &ms(reimport));
    let export = median(7, || {
        std::hint::black_box(file::export(&source.book, &Scope::All, "source", T0).unwrap());
    });
    row("file::export (write + read back + compare)", &ms(export));
}
