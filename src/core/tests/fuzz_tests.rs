//! The import under mutated files (the generator and the property are in
//! `examples/common/fuzz.rs`, shared with the long run
//! `cargo run --release --example fuzz_import -- N`).
//!
//! This short run takes `SOTAY_FUZZ_CASES` cases (default 128, a few seconds
//! in debug); failures are kept in `proptest-regressions/` and replayed first.

#[path = "../../../examples/common/fuzz.rs"]
pub(crate) mod fuzz;

use fuzz::{check_case, Case};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz::cases_from_env(128)))]

    /// Never a panic; a refusal in Vietnamese, or a file that round-trips.
    #[test]
    fn a_mutated_file_is_refused_in_vietnamese_or_round_trips(case in fuzz::case()) {
        if let Err(why) = check_case(&case) {
            prop_assert!(false, "{why}\ncase: {case:?}\ntext: {}", excerpt(&fuzz::text_of(&case)));
        }
    }
}

fn excerpt(text: &str) -> String {
    let n = text.chars().count();
    if n <= 600 {
        text.to_string()
    } else {
        format!("{}…[{} characters]", text.chars().take(600).collect::<String>(), n)
    }
}

/// Every seed file, untouched, is accepted by every phone.
#[test]
fn every_seed_is_accepted_as_it_is() {
    let c = fuzz::corpus();
    for (s, seed) in c.seeds.iter().enumerate() {
        for r in 0..c.receivers.len() {
            let case = Case { seed: s, receiver: r, strip_fingerprint: false, pretty: r % 2 == 1, edits: vec![], bytes: vec![] };
            let out = check_case(&case).unwrap_or_else(|e| panic!("seed {} into {}: {e}", seed.name, c.receivers[r].0));
            assert!(matches!(out, fuzz::Outcome::Accepted | fuzz::Outcome::Switched), "seed {} into {}: {out:?}", seed.name, c.receivers[r].0);
        }
    }
}

/// The check for English is precise: serde's words are caught, quoted data
/// and JSON paths are not.
#[test]
fn the_english_check_catches_serde_words_only_outside_data() {
    use crate::core::file::ImportError;
    let invalid = |path: &str, message: &str| ImportError::Invalid { path: path.into(), message: message.into() };
    assert!(fuzz::english_in(&invalid("records[3].versions[0].v.value.dong", "giá trị sai kiểu (ví dụ chữ ở chỗ cần số).")).is_empty());
    assert!(fuzz::english_in(&invalid("records[0].id", "mã bản ghi “invalid/value/2025” bị trùng.")).is_empty());
    assert_eq!(fuzz::english_in(&invalid("units", "invalid type: map, expected a string.")), vec!["invalid", "type", "map", "expected", "string"]);
    assert_eq!(fuzz::english_in(&invalid("units", "duplicate field `id`.")), vec!["duplicate", "field"]);
    assert!(fuzz::english_in(&ImportError::NotJson { line: 1, column: 2 }).is_empty());
}

