//! Phrases cut from an indicator's words: noun and verb phrases for ratio
//! labels, short labels for items.

use super::horizon::EACH_YEAR;
use super::words::{after_word, as_year, capitalise, find_word, is_word_char, lower, starts_with_word, words};

/// Words that end a noun phrase (verbs and prepositions), except as its first word.
const NP_STOPS: [&str; 37] = [
    "được", "đã", "ký", "tham", "hoạt", "thực", "có", "xếp", "đạt", "sử", "áp", "tiếp", "nắm", "hưởng", "đóng", "chấp", "tuân",
    "ứng", "trên", "trong", "ở", "tại", "theo", "nhân", "từ", "đến", "với", "để", "nhằm", "góp", "giảm", "xuống", "còn", "mỗi",
    "mttq", "mặt", "ủy",
];

/// The noun phrase of `text` from byte `from`: up to seven words, to a verb,
/// a preposition or punctuation (a comma only after two words: "tổ, nhóm tự
/// quản"); "hộ gia đình" is said "hộ".
pub(super) fn noun_phrase(text: &str, low: &str, from: usize) -> String {
    noun_phrase_to(text, low, from).0
}

/// [`noun_phrase`] and the offset where it ends in `text`.
pub(super) fn noun_phrase_to(text: &str, low: &str, from: usize) -> (String, usize) {
    let from = from.min(low.len());
    let ws = words(&low[from..]);
    let mut end = from;
    for (k, (at, w)) in ws.iter().enumerate().take(7) {
        let gap = &low[end..from + at];
        let comma_ok = k < 2 && gap.trim() == ",";
        let stop = k > 0
            && (NP_STOPS.contains(w)
                || *w == "và" && ws.get(k + 1).is_some_and(|n| n.1.starts_with(|c: char| c.is_ascii_digit())));
        if (k > 0 && !gap.trim().is_empty() && !comma_ok) || stop {
            break;
        }
        end = from + at + w.len();
    }
    let np = text[from..end].trim();
    let np = match lower(np).strip_prefix("hộ gia đình") {
        Some(rest) => format!("hộ{}", &np[np.len() - rest.len()..]),
        None => np.to_string(),
    };
    (np, end)
}

/// Words that end what a rate is of ("tỷ lệ hộ nghèo giảm …").
const RATE_STOPS: [&str; 14] =
    ["đạt", "giảm", "xuống", "còn", "dưới", "trên", "từ", "tăng", "lên", "ở", "là", "không", "ít", "luôn"];

/// What "tỷ lệ" is of, from byte `from`: to a comparison or punctuation, at
/// most ten words ("người dân tham gia bảo hiểm y tế" đạt trên 95 %).
pub(super) fn rate_phrase(text: &str, low: &str, from: usize) -> String {
    let from = from.min(low.len());
    let mut end = from;
    for (at, w) in words(&low[from..]).into_iter().take(10) {
        if RATE_STOPS.contains(&w) || !low[end..from + at].trim().is_empty() {
            break;
        }
        end = from + at + w.len();
    }
    text[from..end].trim().to_string()
}

/// The head of a noun phrase, for a total: "hộ" of "hộ nghèo".
pub(super) fn head_noun(np: &str) -> String {
    let low = lower(np);
    for two in ["người dân", "hội viên", "đoàn viên", "cán bộ", "gia đình", "trẻ em", "học sinh"] {
        if starts_with_word(&low, two) {
            return np[..two.len()].to_string();
        }
    }
    np.split(' ').next().unwrap_or(np).to_string()
}

/// The verb after a noun phrase, to punctuation or a horizon, at most 40
/// characters cut at a word ("được thăm hỏi", "ký cam kết đảm bảo an toàn
/// giao thông"); when punctuation comes first, the first "được …" of the text.
pub(super) fn verb_phrase(text: &str, low: &str) -> String {
    let start = if low.trim_start().starts_with(|c: char| is_word_char(c)) {
        Some(low.len() - low.trim_start().len())
    } else {
        find_word(low, "được", 0)
    };
    let Some(start) = start else { return String::new() };
    let rest = cut_at_horizon(&text[start..]);
    let cut = rest.find([',', ';', '.', '(', ':']).unwrap_or(rest.len());
    trim_dangling(cut_at_word(&rest[..cut], 40)).to_string()
}

/// Phrases that lead a clause without saying what is done.
const LEADS: [&str; 9] =
    ["hằng năm", "hàng năm", "mỗi năm", "phấn đấu", "trong nhiệm kỳ", "đến cuối nhiệm kỳ", "trong năm", "đồng thời", "trong đó"];

/// The offset after leading horizons, "phấn đấu" and commas ("Trong 5 năm phấn đấu").
pub(super) fn lead_end(low: &str) -> usize {
    let mut rest = low.trim_start_matches([' ', ',']);
    loop {
        let before = rest.len();
        if let Some(r) = LEADS.iter().find_map(|l| after_word(rest, l)) {
            rest = r;
        }
        if let Some(r) = after_word(rest, "trong").filter(|r| words(r).get(1).is_some_and(|w| w.1 == "năm")) {
            let ws = words(r);
            rest = &r[ws[1].0 + ws[1].1.len()..];
        }
        if let Some(r) = after_word(rest, "đến năm").filter(|r| words(r).first().is_some_and(|w| as_year(w.1).is_some())) {
            rest = &r[words(r)[0].1.len()..];
        }
        rest = rest.trim_start_matches([' ', ',']);
        if rest.len() == before {
            break;
        }
    }
    low.len() - rest.len()
}

/// Words that do not end a label.
const DANGLING: [&str; 18] = [
    "của", "và", "các", "cho", "với", "để", "trong", "ở", "tại", "có", "được", "hoặc", "những", "về", "đạt", "là", "theo", "trên",
];

/// `s` without trailing punctuation and words that leave it hanging ("của", "và").
fn trim_dangling(s: &str) -> &str {
    let mut s = s.trim_end_matches([' ', ',', '.', ':', '-', '–']);
    while let Some((head, last)) = s.rsplit_once(' ') {
        if !DANGLING.contains(&lower(last).as_str()) {
            break;
        }
        s = head.trim_end_matches([' ', ',', '.', ':', '-', '–']);
    }
    s
}

/// A short, readable label: before any parenthesis or semicolon, without a
/// leading horizon, to the first comma that leaves 25 characters, at most
/// 60 characters cut at a word, capitalised.
pub(super) fn short_label(s: &str) -> String {
    let s = s.split(['(', ';', '\n']).next().unwrap_or_default();
    let s = s[lead_end(&lower(s))..].trim();
    let s = cut_at_horizon(s);
    let mut cut = s;
    for (i, _) in s.match_indices(',') {
        if s[..i].chars().count() >= 25 {
            cut = &s[..i];
            break;
        }
    }
    capitalise(trim_dangling(cut_at_word(cut, 60)))
}

/// At most `limit` characters of `s`, cut before a word that would not fit.
fn cut_at_word(s: &str, limit: usize) -> &str {
    match s.char_indices().nth(limit) {
        Some((end, c)) if c != ' ' => &s[..s[..end].rfind(' ').unwrap_or(end)],
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// `s` before a horizon ("… hàng năm"), when that leaves ten characters.
fn cut_at_horizon(s: &str) -> &str {
    let low = lower(s);
    let at = EACH_YEAR
        .iter()
        .chain(["trong nhiệm kỳ", "đến năm", "đến cuối nhiệm kỳ"].iter())
        .filter_map(|w| find_word(&low, w, 0))
        .min();
    match at {
        Some(at) if s[..at].chars().count() >= 10 => s[..at].trim_end(),
        _ => s,
    }
}
