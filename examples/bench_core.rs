//! Native timings of the core, printed by `scripts/bench core`. Not a test:
//! it prints figures and asserts nothing.
//!
//! - recompute: what the overview redoes after a tap (progress::overview:
//!   every gauge of the programme, numbers only, and every area's bar, in one
//!   pass over the records; and each half alone, progress::compute and
//!   progress::areas), for 50 and 500 areas with 6 years of records, and how
//!   it grows from 50 to 500, with warm and with cold caches; then,
//!   separately, what opening "Vì sao?" costs (progress::explain of one figure);
//! - a tap's change: State::act applying one tick in place, against the
//!   copy of the whole state and the comparison the shell used to make;
//! - import: reading, checking and merging a file of 200 areas x 6 years,
//!   against merely parsing the same bytes into a serde_json::Value.

use sotay::core::file::{self, Scope};
use sotay::core::book::Book;
use sotay::core::book::RecordKey;
use sotay::core::state::{Action, Change, State};
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

/// Median of 51 timings of `f` on each book, the books taken in turn within each run.
fn interleaved(books: &[(usize, State)], f: &dyn Fn(&Book)) -> Vec<Duration> {
    let mut times = vec![Vec::new(); books.len()];
    for _ in 0..51 {
        for ((_, s), t) in books.iter().zip(&mut times) {
            let start = Instant::now();
            f(&s.book);
            t.push(start.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut v| {
            v.sort();
            v[v.len() / 2]
        })
        .collect()
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
    // SOTAY_BENCH_AREAS=50 limits the sizes (for profiling under callgrind).
    let sizes: Vec<usize> = match std::env::var("SOTAY_BENCH_AREAS") {
        Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => vec![50, 500],
    };
    // Each figure twice: each size on its own, run after run on one book,
    // which then sits in the processor's caches when it is small (50 areas)
    // and not when it is large (500), and the sizes in turn within each run,
    // so that every run starts with caches holding the other book, as after
    // anything else the phone did between two taps. On a shared machine the
    // large book's warm time also swings with the neighbours' use of memory.
    let books: Vec<(usize, State)> = sizes.iter().map(|&n| (n, commune(n, "bench"))).collect();
    for (warm, heading) in [(true, "each size on its own, caches warm"), (false, "sizes in turn, caches cold")] {
        println!("-- {heading}");
        let time = |f: &dyn Fn(&Book)| if warm { books.iter().map(|(_, s)| median(21, || f(&s.book))).collect() } else { interleaved(&books, f) };
        let gauges: Vec<Duration> = time(&|b| {
            std::hint::black_box(progress::compute(b, today));
        });
        let bars: Vec<Duration> = time(&|b| {
            std::hint::black_box(progress::areas(b, 2026));
        });
        let overview: Vec<Duration> = time(&|b| {
            std::hint::black_box(progress::overview(b, today, 2026));
        });
        // "Vì sao?" of a yearly share naming every area, and of the term's fund total.
        let share: Vec<Duration> = time(&|b| {
            std::hint::black_box(progress::explain(b, "3a", Some(2026), today));
        });
        let total: Vec<Duration> = time(&|b| {
            std::hint::black_box(progress::explain(b, "5a", None, today));
        });
        let mut prev: Option<(usize, Duration, Duration, Duration)> = None;
        for (k, (n, s)) in books.iter().enumerate() {
            if warm {
                row(&format!("{n} areas x 6 years: records"), &s.book.records.len().to_string());
            }
            row(&format!("{n} areas: progress::compute (20 targets x 6 years)"), &ms(gauges[k]));
            row(&format!("{n} areas: progress::areas (one year)"), &ms(bars[k]));
            row(&format!("{n} areas: overview after a tap (one pass)"), &ms(overview[k]));
            row(&format!("{n} areas: progress::explain (3a, year 2026)"), &ms(share[k]));
            row(&format!("{n} areas: progress::explain (5a, term)"), &ms(total[k]));
            if let Some((pn, po, ps, pt)) = prev {
                let x = |now: Duration, before: Duration| format!("x{:.1}", now.as_secs_f64() / before.as_secs_f64());
                row(&format!("growth {pn} -> {n} areas (x{}): overview", n / pn), &x(overview[k], po));
                row(&format!("growth {pn} -> {n} areas (x{}): explain 3a / 5a", n / pn), &format!("{} / {}", x(share[k], ps), x(total[k], pt)));
            }
            prev = Some((*n, overview[k], share[k], total[k]));
        }
    }

    // A tap's change itself: State::act applies a tick in place; before, the
    // shell applied it to a copy of the whole state and compared the two.
    println!();
    println!("a tap's change, one tick (native, release, median of 21)");
    for (n, s) in &books {
        let unit = s.book.units_of(sotay::core::book::UnitKind::Area)[0].0.to_string();
        let tick = || Action::Edit { key: RecordKey { unit: unit.clone(), item: "ngay-hoi".into(), year: Some(2026) }, change: Change::Toggle };
        let mut state = s.clone();
        let mut now = T0 + 1_000_000;
        let in_place = median(21, || {
            now += 1;
            std::hint::black_box(state.act(vec![tick()], now).unwrap());
        });
        let copied = median(21, || {
            now += 1;
            let mut next = state.clone();
            next.apply(tick(), now).unwrap();
            std::hint::black_box(next != state);
        });
        row(&format!("{n} areas: State::act (in place)"), &format!("{:.1} us", in_place.as_secs_f64() * 1e6));
        row(&format!("{n} areas: a copy, the change, a comparison (before)"), &ms(copied));
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
