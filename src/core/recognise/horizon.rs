//! When a figure is measured: each year, over the term, or within some of
//! its years ("hằng năm", "trong nhiệm kỳ", "đến năm 2027", "trong 02 năm
//! 2024-2025"), kept inside the programme's term.

use super::words::{as_year, find_word, has_word, words, year_ranges};
use crate::core::programme::Term;

/// When a figure is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Horizon {
    EachYear,
    Term,
    Years(i32, i32),
}

/// Words for "each year".
pub(super) const EACH_YEAR: [&str; 7] =
    ["hằng năm", "hàng năm", "mỗi năm", "một năm", "trong năm", "thường niên", "năm nào cũng"];

/// When the words say the figure is measured, by the first that applies: a
/// range of years ("2024-2025"), one year ("năm 2026"), each year ("hằng
/// năm", "/năm"), up to a year ("đến năm 2027"), a span from the term's
/// start ("trong 5 năm"), the term ("trong nhiệm kỳ").
pub(super) fn horizon_in(low: &str, term: Term) -> Option<Horizon> {
    let range = || year_ranges(low).first().and_then(|&(_, a, b)| clamp(a, b, term));
    let by = || ["đến năm", "đến hết năm", "đến cuối năm"].iter().find_map(|l| year_after(low, l));
    let one_year = || year_after(low, "năm").filter(|_| by().is_none()).and_then(|y| clamp(y, y, term));
    let each_year = || (EACH_YEAR.iter().any(|w| has_word(low, w)) || low.contains("/năm")).then_some(Horizon::EachYear);
    let until = || by().and_then(|y| clamp(term.first_year, y, term));
    let span = || {
        let n = years_span(low)?;
        let whole = n >= term.last_year - term.first_year;
        if whole {
            Some(Horizon::Term)
        } else {
            clamp(term.first_year, term.first_year + n - 1, term)
        }
    };
    let term_words = || (has_word(low, "nhiệm kỳ") || has_word(low, "cả giai đoạn")).then_some(Horizon::Term);
    range().or_else(one_year).or_else(each_year).or_else(until).or_else(span).or_else(term_words)
}

/// The year written right after `lead` ("đến năm 2030").
fn year_after(low: &str, lead: &str) -> Option<i32> {
    let mut from = 0;
    while let Some(at) = find_word(low, lead, from) {
        let next = words(&low[at + lead.len()..]).first().map(|(_, w)| *w);
        if let Some(y) = next.and_then(as_year) {
            return Some(y);
        }
        from = at + lead.len();
    }
    None
}

/// N of "trong N năm" / "trong 05 năm".
fn years_span(low: &str) -> Option<i32> {
    let mut from = 0;
    while let Some(at) = find_word(low, "trong", from) {
        let ws = words(&low[at..]);
        if let [_, (_, n), (_, unit), ..] = ws.as_slice() {
            if *unit == "năm" {
                if let Ok(n) = n.parse::<i32>() {
                    return Some(n);
                }
            }
        }
        from = at + "trong".len();
    }
    None
}

/// Years a..b kept inside the term; the whole term is [`Horizon::Term`].
fn clamp(a: i32, b: i32, term: Term) -> Option<Horizon> {
    let (a, b) = (a.max(term.first_year), b.min(term.last_year));
    if a > b {
        return None;
    }
    Some(if (a, b) == (term.first_year, term.last_year) { Horizon::Term } else { Horizon::Years(a, b) })
}
