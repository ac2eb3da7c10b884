//! The programme text recogniser: layouts, cleanup, suggestions.

use crate::core::recognise::normalise;

/// (NFC, NFD) pairs made by Python's unicodedata (scripts/make-vietnamese-nfc.py).
fn nfd_pairs() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vietnamese-nfd.txt");
    let text = std::fs::read_to_string(path).expect("the NFD fixture is in tests/data");
    text.lines().filter_map(|l| l.split_once('\t')).map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn normalise_cleans_pasted_text() {
    assert_eq!(normalise("a\r\nb\rc\n"), "a\nb\nc\n");
    assert_eq!(normalise("  Mặt\u{a0}trận \t Tổ\u{2003}quốc  "), "Mặt trận Tổ quốc");
    assert_eq!(normalise("\u{feff}Nhân\u{200b} dân\u{ad}\u{200d}"), "Nhân dân");
    assert_eq!(normalise("\u{f0b7}\tMột\u{b}Hai\u{2029}Ba"), "• Một\nHai\nBa");
    // A precomposed vowel with a combining tone ("Unicode tổ hợp"), marks in any order.
    assert_eq!(
        normalise("Vie\u{302}\u{323}t Nam, Viê\u{323}t, Vie\u{323}\u{302}t, U\u{309}y ban, đươ\u{300}ng"),
        "Việt Nam, Việt, Việt, Ủy ban, đường"
    );
    // Sequences that make no Vietnamese letter stay as they are.
    assert_eq!(normalise("e\u{304} a\u{301}\u{301} \u{300}x"), "e\u{304} a\u{301}\u{301} \u{300}x");
    for (nfc, nfd) in nfd_pairs() {
        assert_eq!(normalise(&nfd), nfc, "{nfc}");
    }
    assert_eq!(nfd_pairs().len(), 134 + 11, "every letter of the table, and some words");
}
