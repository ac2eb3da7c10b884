//! Matching Vietnamese words in text: a lowercase copy with the same byte
//! offsets as the original (so a match found in it cuts the original at the
//! same place), word-bounded search, years and year ranges.

/// Lowercase, char by char, keeping every char's UTF-8 length (a char whose
/// lowercase is longer or several chars stays as it is), so that byte
/// offsets in the copy are offsets in `s`.
pub(super) fn lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `pat` sits at byte `at` of `hay` as whole words.
fn bounded(hay: &str, at: usize, pat: &str) -> bool {
    let before = hay[..at].chars().next_back().is_none_or(|c| !is_word_char(c));
    let after = hay[at + pat.len()..].chars().next().is_none_or(|c| !is_word_char(c));
    before && after
}

/// The first whole-word occurrence of `pat` in `hay` at or after byte `from`.
pub(super) fn find_word(hay: &str, pat: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while start <= hay.len() && hay.is_char_boundary(start) {
        let at = start + hay[start..].find(pat)?;
        if bounded(hay, at, pat) {
            return Some(at);
        }
        start = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

pub(super) fn has_word(hay: &str, pat: &str) -> bool {
    find_word(hay, pat, 0).is_some()
}

/// Whether `hay` begins with the words `pat`.
pub(super) fn starts_with_word(hay: &str, pat: &str) -> bool {
    hay.starts_with(pat) && bounded(hay, 0, pat)
}

/// `hay` after its leading words `pat` and any spaces, if it begins with them.
pub(super) fn after_word<'a>(hay: &'a str, pat: &str) -> Option<&'a str> {
    starts_with_word(hay, pat).then(|| hay[pat.len()..].trim_start())
}

/// The whole words of `s`, with their byte offsets.
pub(super) fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// A year the programmes speak of.
pub(super) fn as_year(digits: &str) -> Option<i32> {
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// Every "2024-2029" (also "2024 - 2029", "2024–2029") in `s`, spanning one to
/// ten years: (byte offset, first year, last year).
pub(super) fn year_ranges(s: &str) -> Vec<(usize, i32, i32)> {
    let ws = words(s);
    let mut out = Vec::new();
    for pair in ws.windows(2) {
        let ((at, a), (bt, b)) = (pair[0], pair[1]);
        let between = s[at + a.len()..bt].trim();
        if !matches!(between, "-" | "–" | "—") {
            continue;
        }
        if let (Some(a), Some(b)) = (as_year(a), as_year(b)) {
            if (1..=10).contains(&(b - a)) {
                out.push((at, a, b));
            }
        }
    }
    out
}

/// "Lĩnh Toại" from "LĨNH TOẠI" or "lĩnh toại".
pub(super) fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let low = lower(w);
            let mut cs = low.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) use crate::core::text::capitalise;

/// `s` with its first letter in lower case, unless the first word is an
/// abbreviation or a name ("Ban TTND" stays).
pub(super) fn uncapitalise(s: &str) -> String {
    let first = s.split(' ').next().unwrap_or_default();
    let second = s.split(' ').nth(1).unwrap_or_default();
    let name = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if first.chars().filter(|c| c.is_uppercase()).count() > 1 || name(second) {
        return s.to_string();
    }
    crate::core::text::lower_first(s)
}
