//! The stored-state codec (`core::codec`, `core::json`) against serde, its
//! oracle: what the app stored before the codec was written by serde, and a
//! phone updated to this version must read it the same; the fingerprint and
//! the order of versions hash the written text, so it must not change by a
//! byte.
//!
//! The texts are every phone of the import fuzzer's corpus as stored (and one
//! in schema 1), under the same JSON and byte mutations; the oracle and the
//! property are in `examples/common/fuzz.rs` ([`fuzz::check_stored`]), which
//! the long run `./scripts/bench fuzz N` checks on every case too. Here:
//! `SOTAY_FUZZ_CASES` cases (default 128).

use super::fuzz_tests::fuzz;
use crate::core::json;
use crate::core::stored::{self, Damage, DecodeError};
use crate::core::{default_programme, DEFAULT_PROGRAMME_JSON};
use proptest::prelude::*;
use serde::Deserialize;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz::cases_from_env(128)))]

    /// Mutated stored text reads the same with the codec as with serde.
    #[test]
    fn stored_text_reads_and_writes_as_with_serde(case in fuzz::case()) {
        let text = fuzz::stored_text_of(&case);
        if let Err(why) = fuzz::check_stored(&text) {
            prop_assert!(false, "{why}\ncase: {case:?}");
        }
    }
}

/// Every phone's stored text, untouched, reads back as it was written.
#[test]
fn every_stored_seed_reads_back_unchanged() {
    for seed in fuzz::stored_seeds() {
        let read = fuzz::check_stored(&seed.text).unwrap_or_else(|e| panic!("{}: {e}", seed.name)).expect(seed.name);
        if seed.name != "luoc-do-1" {
            let saved = stored::saved_ms(&seed.text).expect("saved_ms");
            assert_eq!(stored::encode_generation(&read.state, saved, read.generation.as_deref()), seed.text, "{}", seed.name);
        }
    }
}

#[test]
fn the_embedded_programme_reads_as_with_serde() {
    #[derive(Deserialize)]
    struct File {
        programme: crate::core::programme::Programme,
    }
    let theirs = serde_json::from_str::<File>(DEFAULT_PROGRAMME_JSON).unwrap().programme;
    assert_eq!(default_programme(), theirs);
    assert_eq!(json::to_string(&theirs), serde_json::to_string(&theirs).unwrap());
}

/// Refusals say where and why, in Vietnamese.
#[test]
fn a_refusal_names_the_place_and_the_reason() {
    let p = default_programme;
    let text = stored::encode(&fuzz::corpus().receivers[1].1, 5);
    let err = |t: &str| stored::decode(t, &p).unwrap_err();
    // A missing field: at the end of its object.
    let no_device = text.replacen("\"device\":", "\"thiet_bi\":", 1);
    match err(&no_device) {
        DecodeError::Damaged(Damage::Shape { line: 1, column, reason: r }) => {
            assert_eq!(r, "thiếu trường bắt buộc “device”");
            // The text ends with the `}` of local, of the state, of the envelope.
            assert_eq!(column, no_device.len() - 2);
        }
        e => panic!("{e:?}"),
    }
    // A value of the wrong kind: where it starts.
    let bad = text.replacen("\"changes_since_export\":", "\"changes_since_export\":\"x\",\"_\":", 1);
    match err(&bad) {
        DecodeError::Damaged(Damage::Shape { line: 1, column, reason: r }) => {
            assert_eq!(r, "giá trị sai kiểu (cần một số nguyên)");
            assert_eq!(&bad[column - 1..column + 2], "\"x\"");
        }
        e => panic!("{e:?}"),
    }
    // Our own reasons come through: a date, a record id, a value's missing field.
    let e = err(&text.replacen("\"start\":\"2024-", "\"start\":\"2024/", 1)).to_string();
    assert!(e.contains("không hợp lệ (cần dạng năm-tháng-ngày)"), "{e}");
    let e = err(&text.replacen("\"kind\":\"ratio\",\"n\":", "\"kind\":\"ratio\",\"m\":", 1)).to_string();
    assert!(e.contains("thiếu trường bắt buộc “n”"), "{e}");
    // A name written twice.
    let e = err(&text.replacen("{\"device\":", "{\"device\":\"a\",\"device\":", 1)).to_string();
    assert!(e.contains("“device” viết hai lần"), "{e}");
    // Broken text: the line and column where it stops.
    match err("{\"schema\":2,\n  \"state\": tru}") {
        DecodeError::Damaged(Damage::Text { line: 2, column }) => assert!((12..=15).contains(&column), "{column}"),
        e => panic!("{e:?}"),
    }
}

