//! The long run of the import fuzzer: `cargo run --profile fuzz --example
//! fuzz_import -- N` (or `./scripts/bench fuzz N`) runs N cases of the
//! generator and property in `examples/common/fuzz.rs` (the short run is a
//! test of `cargo test --lib`). Prints how the cases ended and how fast they
//! ran; on a failure, the smallest failing case proptest shrank it to, with
//! its text in `.bench/fuzz-failure.txt`, and exits 1.
//!
//! The `fuzz` profile is the release one with panics that unwind and
//! overflow checks on. `--release` works too, but its `panic = "abort"`
//! ends the run at the first panic (the case's text is still written out,
//! unshrunk) and an arithmetic overflow goes unnoticed there.
//!
//! `SOTAY_FUZZ_SEED=<u64>` makes a run repeatable (default: a random seed, printed).

#[path = "common/fuzz.rs"]
mod fuzz;

use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Instant;

thread_local! {
    /// The text of the case being run, for the panic hook of an abort build.
    static CURRENT: RefCell<String> = const { RefCell::new(String::new()) };
}

fn main() {
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or_else(|| fuzz::cases_from_env(10_000));
    let seed: u64 = std::env::var("SOTAY_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    let started = Instant::now();
    let corpus = fuzz::corpus();
    println!("import fuzzer: {n} cases, seed {seed} (SOTAY_FUZZ_SEED={seed} repeats this run)");
    println!(
        "seeds: {}",
        corpus.seeds.iter().map(|s| format!("{} ({} KB)", s.name, s.text.len() / 1024)).collect::<Vec<_>>().join(", ")
    );
    println!("phones: {}", corpus.receivers.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", "));
    println!("corpus built in {:.2} s", started.elapsed().as_secs_f64());

    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config { cases: n, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    if cfg!(panic = "abort") {
        // A panic ends the process: say which file did it before it does.
        println!("built with panic = \"abort\": a panic ends the run unshrunk (use --profile fuzz)");
        std::panic::set_hook(Box::new(|info| {
            let text = CURRENT.with(|c| c.borrow().clone());
            let _ = std::fs::create_dir_all(".bench");
            let _ = std::fs::write(".bench/fuzz-failure.txt", &text);
            println!("\nFAILURE: panic: {info}\nthe file's text is in .bench/fuzz-failure.txt ({} bytes)", text.len());
        }));
    } else {
        // Panics are caught and reported as failures; don't print each shrink step's.
        std::panic::set_hook(Box::new(|_| {}));
    }

    let outcomes: RefCell<BTreeMap<String, u64>> = RefCell::new(BTreeMap::new());
    let messages: RefCell<BTreeMap<String, u64>> = RefCell::new(BTreeMap::new());
    let shrinking = RefCell::new(false);
    let t = Instant::now();
    let result = runner.run(&fuzz::case(), |case| {
        if cfg!(panic = "abort") {
            CURRENT.with(|c| *c.borrow_mut() = fuzz::text_of(&case));
        }
        // The import, then the same mutations on what phones store.
        let r = fuzz::check_case(&case).and_then(|o| match fuzz::check_stored(&fuzz::stored_text_of(&case)) {
            Ok(_) => Ok(o),
            Err(why) => Err(format!("stored text: {why}")),
        });
        if !*shrinking.borrow() {
            let key = match &r {
                Ok(fuzz::Outcome::Refused(k, m)) => {
                    *messages.borrow_mut().entry(shape(m)).or_default() += 1;
                    format!("refused on reading: {k}")
                }
                Ok(o) => format!("{o:?}"),
                Err(_) => "FAILED".to_string(),
            };
            *outcomes.borrow_mut().entry(key).or_default() += 1;
        }
        r.map(|_| ()).map_err(|why| {
            *shrinking.borrow_mut() = true;
            TestCaseError::fail(why)
        })
    });
    let elapsed = t.elapsed();
    let _ = std::panic::take_hook();

    let runs: u64 = outcomes.borrow().values().sum();
    println!();
    println!("{:<52} {:>10} {:>8}", "outcome", "cases", "share");
    for (k, v) in outcomes.borrow().iter() {
        println!("{k:<52} {v:>10} {:>7.1}%", 100.0 * *v as f64 / runs.max(1) as f64);
    }
    println!("{:<52} {:>10}", "total", runs);
    println!("{:<52} {:>10}", "time", format!("{:.1} s", elapsed.as_secs_f64()));
    println!("{:<52} {:>10}", "cases per second", format!("{:.0}", runs as f64 / elapsed.as_secs_f64()));

    let mut common: Vec<(String, u64)> = messages.borrow().iter().map(|(m, n)| (m.clone(), *n)).collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!();
    println!("the {} most common refusals (of {} different; numbers as #, quoted data as “…”):", common.len().min(15), common.len());
    for (m, n) in common.iter().take(15) {
        println!("{n:>8}  {m}");
    }

    match result {
        Ok(()) => println!("\nno failure in {n} cases"),
        Err(e) => {
            println!("\nFAILURE (after shrinking): {e}");
            if let proptest::test_runner::TestError::Fail(_, case) = &e {
                let text = fuzz::text_of(case);
                let _ = std::fs::create_dir_all(".bench");
                let path = ".bench/fuzz-failure.txt";
                match std::fs::write(path, &text) {
                    Ok(()) => println!("the failing file's text is in {path} ({} bytes); case: {case:?}", text.len()),
                    Err(err) => println!("could not write {path}: {err}"),
                }
            }
            std::process::exit(1);
        }
    }
}

/// A message with its numbers and quoted data blanked, so that refusals of
/// the same kind count together.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for ch in message.chars() {
        match ch {
            '“' => {
                quoted = true;
                out.push_str("“…");
            }
            '”' => {
                quoted = false;
                out.push('”');
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}
