//! Figures in an indicator's words: percentages, amounts of money, counts
//! (in digits or words, "15 - 20 nhà" as its lower bound), each with the
//! comparison words around it ("trên", "ít nhất", "từ … trở lên", "dưới").
//! Years, dates, document numbers and spans of time are not figures.

use super::words::{as_year, is_word_char, starts_with_word};
use crate::core::programme::Cmp;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Unit {
    Percent,
    /// In đồng.
    Money,
    /// A number of things named after it.
    Count,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Quantity {
    /// Byte offset of the comparison words before the number (or of the number).
    pub start: usize,
    /// Byte offset of the number itself.
    pub number: usize,
    /// Byte offset after the unit (and "/năm", "trở lên").
    pub end: usize,
    /// Byte offset after the unit, where a counted thing's name starts.
    pub unit_end: usize,
    pub value: f64,
    pub unit: Unit,
    pub cmp: Option<Cmp>,
    /// "/năm", "mỗi năm" right after it.
    pub per_year: bool,
}

/// Comparison words before a figure, longest first.
const CUES: [(&str, Cmp); 18] = [
    ("không vượt quá", Cmp::AtMost),
    ("không quá", Cmp::AtMost),
    ("tối đa", Cmp::AtMost),
    ("nhiều nhất", Cmp::AtMost),
    ("xuống còn", Cmp::AtMost),
    ("còn", Cmp::AtMost),
    ("không dưới", Cmp::AtLeast),
    ("không thấp hơn", Cmp::AtLeast),
    ("ít nhất", Cmp::AtLeast),
    ("tối thiểu", Cmp::AtLeast),
    ("xuống dưới", Cmp::LessThan),
    ("dưới", Cmp::LessThan),
    ("vượt", Cmp::MoreThan),
    ("trên", Cmp::MoreThan),
    ("hơn", Cmp::MoreThan),
    ("từ", Cmp::AtLeast),
    ("đạt", Cmp::AtLeast),
    ("lên", Cmp::AtLeast),
];

/// Money words and what they multiply by, longest first.
const MONEY: [(&str, f64); 10] = [
    ("triệu đồng", 1e6),
    ("tỷ đồng", 1e9),
    ("tỉ đồng", 1e9),
    ("nghìn đồng", 1e3),
    ("ngàn đồng", 1e3),
    ("triệu", 1e6),
    ("tỷ", 1e9),
    ("đồng", 1.0),
    ("vnđ", 1.0),
    ("đ", 1.0),
];

/// Words after a number that make it a span of time, not a figure.
const TIME: [&str; 5] = ["năm", "tháng", "ngày", "tuần", "quý"];

/// Words before a number that make it a label, not a figure ("Chỉ thị số 22").
const LABELS: [&str; 6] = ["số", "thứ", "ngày", "tháng", "khóa", "khoá"];

const NUMBER_WORDS: [(&str, f64); 10] = [
    ("một", 1.0),
    ("hai", 2.0),
    ("ba", 3.0),
    ("bốn", 4.0),
    ("năm", 5.0),
    ("sáu", 6.0),
    ("bảy", 7.0),
    ("tám", 8.0),
    ("chín", 9.0),
    ("mười", 10.0),
];

/// Things counted after a number written in words ("hai cuộc giám sát").
const CLASSIFIERS: [&str; 14] = [
    "cuộc",
    "lần",
    "buổi",
    "đợt",
    "lượt",
    "nội dung",
    "công trình",
    "mô hình",
    "ngôi",
    "căn",
    "nhà",
    "hội nghị",
    "văn bản",
    "dự thảo",
];

/// Every figure in `low` (a lower-case text), in order.
pub(super) fn quantities(low: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < low.len() {
        let c = low[i..].chars().next().expect("inside the text");
        let at_word = low[..i].chars().next_back().is_none_or(|p| !is_word_char(p));
        if !at_word || !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let read = if c.is_ascii_digit() { digits_at(low, i) } else { word_number_at(low, i) };
        match read {
            Some((value, after)) => {
                if let Some(q) = figure(low, i, value, after) {
                    i = q.end.max(after);
                    out.push(q);
                } else {
                    i = after;
                }
            }
            None => i += low[i..].find(|ch: char| !is_word_char(ch)).unwrap_or(low.len() - i),
        }
    }
    out
}

/// A number in digits at `i`: "20.000.000", "1,5", "01", "1.5". Its value
/// and the offset after it; None for years and dates.
fn digits_at(low: &str, i: usize) -> Option<(f64, usize)> {
    let b = low.as_bytes();
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = run(i);
    let mut end = i + first;
    let mut whole = low[i..end].to_string();
    while b.get(end) == Some(&b'.') && run(end + 1) == 3 {
        whole.push_str(&low[end + 1..end + 4]);
        end += 4;
    }
    let mut frac = String::new();
    if matches!(b.get(end), Some(b',' | b'.')) && run(end + 1) > 0 && run(end + 1) != 3 {
        frac = low[end + 1..end + 1 + run(end + 1)].to_string();
        end += 1 + frac.len();
    }
    let label = low[..i].trim_end().rsplit(' ').next().is_some_and(|w| LABELS.contains(&w));
    let glued = matches!(b.get(end), Some(b'/' | b'-')) && b.get(end + 1).is_some_and(|c| c.is_ascii_alphanumeric());
    let after_slash = i > 0 && matches!(b[i - 1], b'/' | b'-') && i > 1 && b[i - 2].is_ascii_digit();
    if label || glued || after_slash || (frac.is_empty() && end - i == 4 && as_year(&low[i..end]).is_some()) {
        return None;
    }
    let value = format!("{whole}.{}", if frac.is_empty() { "0" } else { &frac }).parse().ok()?;
    Some((value, end))
}

/// A number in words at `i`, when a comparison word comes before it or a
/// counted thing after it ("ít nhất hai lần", "ba cuộc giám sát").
fn word_number_at(low: &str, i: usize) -> Option<(f64, usize)> {
    let (word, value) = NUMBER_WORDS.iter().find(|(w, _)| starts_with_word(&low[i..], w))?;
    let end = i + word.len();
    let next = low[end..].trim_start();
    let cued = cue_before(low, i).is_some();
    let counted = CLASSIFIERS.iter().any(|c| starts_with_word(next, c));
    let some = starts_with_word(next, "số") || starts_with_word(next, "trong");
    (!some && (cued || (counted && *word != "năm"))).then_some((*value, end))
}

/// The comparison words right before offset `i`, with their offset.
fn cue_before(low: &str, i: usize) -> Option<(usize, Cmp)> {
    let before = low[..i].trim_end();
    CUES.iter().find_map(|(w, cmp)| {
        let at = before.strip_suffix(w).map(str::len)?;
        before[..at].chars().next_back().is_none_or(|c| !is_word_char(c)).then_some((at, *cmp))
    })
}

/// The figure whose number (of `value`) runs from `i` to `after`, if it is one.
fn figure(low: &str, i: usize, value: f64, after: usize) -> Option<Quantity> {
    let mut end = skip_range(low, after);
    let rest = low[end..].trim_start();
    let unit_at = end + (low[end..].len() - rest.len());
    let (unit, value) = if let Some(r) = rest.strip_prefix('%') {
        end = low.len() - r.len();
        (Unit::Percent, value)
    } else if let Some((w, times)) = MONEY.iter().find(|(w, _)| starts_with_word(rest, w) && !starts_with_word(rest, "tỷ lệ"))
    {
        end = unit_at + w.len();
        (Unit::Money, value * times)
    } else if rest.starts_with(char::is_alphabetic) && !TIME.iter().any(|t| starts_with_word(rest, t)) {
        end = unit_at;
        (Unit::Count, value)
    } else {
        return None;
    };
    let unit_end = end;
    let after_unit = low[end..].trim_start();
    let per_year = ["/năm", "/ năm", "mỗi năm", "một năm"].iter().find(|w| after_unit.starts_with(*w));
    if let Some(w) = per_year {
        end = low.len() - after_unit.len() + w.len();
    }
    let tail = low[end..].trim_start();
    let after_cmp = [("trở lên", Cmp::AtLeast), ("trở xuống", Cmp::AtMost)].into_iter().find(|(w, _)| starts_with_word(tail, w));
    if let Some((w, _)) = after_cmp {
        end = low.len() - tail.len() + w.len();
    }
    let before = cue_before(low, i);
    let cmp = match (before, after_cmp) {
        (_, Some((_, c))) => Some(c),
        (Some((_, c)), None) => Some(c),
        (None, None) => None,
    };
    let start = before.map_or(i, |(at, _)| at);
    Some(Quantity { start, number: i, end, unit_end, value, unit, cmp, per_year: per_year.is_some() })
}

/// After "15" in "15 - 20 nhà": the offset after "20" (the lower bound is the figure).
fn skip_range(low: &str, after: usize) -> usize {
    let rest = low[after..].trim_start();
    let Some(r) = rest.strip_prefix(['-', '–']).or_else(|| rest.strip_prefix("đến ")) else {
        return after;
    };
    let r2 = r.trim_start();
    let digits = r2.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return after;
    }
    low.len() - r2.len() + digits
}
