//! What a paragraph starts with: a bullet, a Roman or Arabic number, a letter,
//! "Chỉ tiêu 1:"; and the headings communes write.

use super::words::{after_word, lower, starts_with_word, words};
use crate::core::programme::PartKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marker {
    Plain,
    /// "-", "+", "•", "*", "–" and the like, with or without a space after.
    Bullet,
    /// "I.", "II)", "IV -".
    Roman,
    /// "1.", "1)", "(1)", "1/", and "1 Title" where Word lost the dot.
    Number(u32),
    /// "1.1.", "4.1.Mục tiêu".
    Sub,
    /// "a)", "(b)", "c.".
    Letter,
    /// "Chỉ tiêu 1:", "Chỉ tiêu số 2.".
    Indicator,
}

impl Marker {
    /// Whether the paragraph is an entry of a list (numbered, lettered or bulleted).
    pub(super) fn listed(self) -> bool {
        self != Marker::Plain && self != Marker::Roman
    }
}

const BULLETS: &[char] =
    &['-', '+', '•', '*', '–', '—', '·', '∙', '▪', '◦', '●', '○', '■', '□', '►', '➢', '➤', '✓', '✔', '❖', '◆', '‣', '⁃'];

/// The paragraph's marker and the text after it.
pub(super) fn split_marker(p: &str) -> (Marker, &str) {
    if let Some(rest) = p.strip_prefix(BULLETS) {
        return (Marker::Bullet, rest.trim_start());
    }
    roman(p)
        .or_else(|| parenthesised(p))
        .or_else(|| numbered(p))
        .or_else(|| lettered(p))
        .or_else(|| indicator_label(p))
        .unwrap_or((Marker::Plain, p))
}

fn roman(p: &str) -> Option<(Marker, &str)> {
    let len = p.bytes().take_while(|b| b"IVXL".contains(b)).count();
    if len == 0 || len > 7 || roman_value(&p[..len]).is_none() {
        return None;
    }
    let after = &p[len..];
    // Word may drop the dot: "II CÁC CHỈ TIÊU", a heading in capitals.
    let capitals = after.starts_with(' ') && after.chars().any(char::is_uppercase) && !after.chars().any(char::is_lowercase);
    let rest = after
        .strip_prefix(['.', ')', ':', '/'])
        .or_else(|| after.trim_start().strip_prefix(['-', '–']))
        .or(capitals.then_some(after))?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((Marker::Roman, rest.trim_start()))
}

/// The value of a well-formed Roman numeral up to 89.
fn roman_value(s: &str) -> Option<u32> {
    const TENS: [&str; 9] = ["X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", ""];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    (1..90).find(|&n: &u32| {
        let tens = if n >= 10 { TENS[(n / 10 - 1) as usize] } else { "" };
        format!("{tens}{}", UNITS[(n % 10) as usize]) == s
    })
}

/// "(1) text" or "(a) text".
fn parenthesised(p: &str) -> Option<(Marker, &str)> {
    let inner = p.strip_prefix('(')?;
    let close = inner.find(')')?;
    let (tag, rest) = (&inner[..close], inner[close + 1..].trim_start());
    if !tag.is_empty() && tag.len() <= 3 && tag.bytes().all(|b| b.is_ascii_digit()) {
        return Some((Marker::Number(tag.parse().ok()?), rest));
    }
    let mut cs = tag.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_alphabetic() && !rest.is_empty() => Some((Marker::Letter, rest)),
        _ => None,
    }
}

fn numbered(p: &str) -> Option<(Marker, &str)> {
    let n = p.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let number: u32 = p[..n].parse().ok()?;
    let after = &p[n..];
    if let Some(rest) = sub_number(after) {
        return Some((Marker::Sub, rest));
    }
    if let Some(rest) = after.strip_prefix(['.', ')', '/', ':']) {
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '%') {
            return None;
        }
        return Some((Marker::Number(number), rest.trim_start()));
    }
    // Numbering that lost its dot: "1 Tuyên truyền", "1Tuyên truyền", "1 100% …".
    let rest = after.trim_start();
    let percent = after.starts_with(' ')
        && rest.split(' ').next().is_some_and(|w| w.ends_with('%') && w[..w.len() - 1].parse::<f64>().is_ok());
    (n <= 2 && (rest.starts_with(char::is_uppercase) || percent)).then_some((Marker::Number(number), rest))
}

/// After the first number of "1.2." or "1.2 Title": the text, if it is a sub-number.
fn sub_number(after: &str) -> Option<&str> {
    let mut r = after;
    let mut parts = 0;
    while let Some(next) = r.strip_prefix('.') {
        let d = next.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 2 {
            break;
        }
        r = &next[d..];
        parts += 1;
    }
    if parts == 0 {
        return None;
    }
    match r.strip_prefix(['.', ')']) {
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => Some(rest.trim_start()),
        Some(_) => None,
        None => {
            let rest = r.trim_start();
            (r.starts_with(' ') && rest.starts_with(char::is_uppercase)).then_some(rest)
        }
    }
}

/// "a) text", "b. text", "A) text".
fn lettered(p: &str) -> Option<(Marker, &str)> {
    let mut cs = p.char_indices();
    let (_, c) = cs.next()?;
    let (i, sep) = cs.next()?;
    let rest = &p[i + sep.len_utf8()..];
    let letter = c.is_ascii_lowercase() || c == 'đ' || (c.is_ascii_uppercase() && sep == ')');
    (letter && matches!(sep, ')' | '.') && rest.starts_with(' ')).then(|| (Marker::Letter, rest.trim_start()))
}

/// "Chỉ tiêu 1: text", "Chỉ tiêu số 2. text".
fn indicator_label(p: &str) -> Option<(Marker, &str)> {
    let low = lower(p);
    let after = after_word(&low, "chỉ tiêu")?;
    let after = after_word(after, "số").unwrap_or(after);
    let n = after.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let tail = &p[p.len() - after.len() + n..];
    let rest = tail.strip_prefix([':', '.', ')', '-', '–']).unwrap_or(tail).trim_start();
    Some((Marker::Indicator, rest))
}

/// The words that name a kind of part, longest first.
const PART_WORDS: [(&str, PartKind); 5] = [
    ("chương trình trọng điểm", PartKind::KeyProgramme),
    ("chương trình hành động", PartKind::Action),
    ("khâu đột phá", PartKind::Breakthrough),
    ("đề án", PartKind::Project),
    ("chương trình", PartKind::Action),
];

const ORDINALS: [&str; 10] = ["nhất", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// A part's own heading: "Chương trình 1: title", "Khâu đột phá: title",
/// "Đề án số 2 - title", "Khâu đột phá thứ nhất: title", "Chương trình
/// trọng điểm 1" (title on the next paragraph). The kind and the title.
pub(super) fn part_heading(text: &str) -> Option<(PartKind, &str)> {
    let low = lower(text);
    let (word, kind) = PART_WORDS.iter().find(|(w, _)| starts_with_word(&low, w))?;
    let mut rest = low[word.len()..].trim_start();
    rest = after_word(rest, "số").unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = if digits > 0 {
        rest = rest[digits..].trim_start();
        true
    } else if let Some(r) = after_word(rest, "thứ").and_then(|r| ORDINALS.iter().find_map(|o| after_word(r, o))) {
        rest = r;
        true
    } else {
        false
    };
    let separated = rest.strip_prefix([':', '.', '-', '–', ')']);
    if separated.is_none() && !(numbered && (rest.is_empty() || !rest.starts_with(|c: char| c.is_lowercase()))) {
        return None;
    }
    let title = separated.unwrap_or(rest).trim_start();
    Some((*kind, &text[text.len() - title.len()..]))
}

/// The headings above the programme's own sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Top {
    /// "Mục tiêu", "Mục tiêu chung"; `combined` for "Mục tiêu, chỉ tiêu".
    Objective { combined: bool },
    /// "Các chỉ tiêu chủ yếu", "Một số chỉ tiêu cụ thể", "Chỉ tiêu".
    Indicators,
    /// "Chương trình hành động", "Các khâu đột phá"...: parts of this kind follow.
    Parts(PartKind),
    /// Any other Roman-numbered section ("Tổ chức thực hiện").
    Other,
}

/// Splits "Heading: inline text" at its first colon.
pub(super) fn head_and_inline(text: &str) -> (&str, &str) {
    match text.split_once(':') {
        Some((h, i)) => (h.trim(), i.trim()),
        None => (text.trim_end_matches(['.', ' ']), ""),
    }
}

fn word_count(s: &str) -> usize {
    words(s).len()
}

/// What a Roman-numbered heading opens.
pub(super) fn roman_heading(text: &str) -> (Top, &str) {
    let (head, inline) = head_and_inline(text);
    let low = lower(head);
    let top = if starts_with_word(&low, "mục tiêu") && !low.contains("mục tiêu cụ thể") {
        Top::Objective { combined: low.contains("chỉ tiêu") }
    } else if low.contains("chỉ tiêu") || low.contains("mục tiêu cụ thể") {
        Top::Indicators
    } else if let Some(kind) = parts_kind(&low) {
        Top::Parts(kind)
    } else {
        Top::Other
    };
    (top, inline)
}

/// The kind of parts a section heading announces.
fn parts_kind(low: &str) -> Option<PartKind> {
    if low.contains("trọng điểm") && low.contains("chương trình") {
        Some(PartKind::KeyProgramme)
    } else if low.contains("khâu đột phá") {
        Some(PartKind::Breakthrough)
    } else if low.contains("đề án") {
        Some(PartKind::Project)
    } else if low.contains("chương trình") || low.contains("nhiệm vụ") || low.contains("giải pháp") {
        Some(PartKind::Action)
    } else {
        None
    }
}

const OBJECTIVE_HEADS: [&str; 4] = ["mục tiêu", "mục tiêu chung", "mục tiêu tổng quát", "mục tiêu khái quát"];
const INDICATOR_HEADS: [&str; 9] = [
    "chỉ tiêu",
    "các chỉ tiêu",
    "một số chỉ tiêu",
    "những chỉ tiêu",
    "hệ thống chỉ tiêu",
    "mục tiêu cụ thể",
    "các mục tiêu cụ thể",
    "một số mục tiêu cụ thể",
    "chỉ tiêu cụ thể",
];
const PART_HEADS: [&str; 8] = [
    "chương trình hành động",
    "các chương trình hành động",
    "các khâu đột phá",
    "khâu đột phá",
    "các đề án",
    "chương trình trọng điểm",
    "các chương trình trọng điểm",
    "nhiệm vụ, giải pháp",
];

/// A heading without a Roman numeral ("Mục tiêu chung", "Một số chỉ tiêu cụ
/// thể:", "Các khâu đột phá"); `in_part` leaves "Mục tiêu" and "Nhiệm vụ" to
/// the part's own sub-headings.
pub(super) fn plain_heading(text: &str, in_part: bool) -> Option<(Top, &str)> {
    let (head, inline) = head_and_inline(text);
    let low = lower(head);
    let low = low.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let short = word_count(low) <= 8;
    let colon = text.trim_end().ends_with(':');
    if !in_part && (OBJECTIVE_HEADS.contains(&low) || (starts_with_word(low, "mục tiêu") && low.contains("chỉ tiêu") && short))
    {
        let combined = low.contains("chỉ tiêu");
        return Some((Top::Objective { combined }, inline));
    }
    let indicator_head = INDICATOR_HEADS.iter().any(|h| starts_with_word(low, h));
    if (indicator_head && short && (inline.is_empty() || colon)) || (low.contains("chỉ tiêu") && colon && word_count(low) <= 12)
    {
        return Some((Top::Indicators, inline));
    }
    if inline.is_empty() && short && PART_HEADS.iter().any(|h| low == *h || (starts_with_word(low, h) && !in_part)) {
        return Some((Top::Parts(parts_kind(low)?), ""));
    }
    None
}

/// The sub-headings inside a part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sub {
    /// Right after the part's heading.
    Head,
    Objective,
    Tasks,
    Solutions,
}

const TASK_HEADS: [&str; 6] =
    ["nhiệm vụ", "các nhiệm vụ", "những nhiệm vụ", "nội dung trọng tâm", "nội dung chủ yếu", "nội dung thực hiện"];
const SOLUTION_HEADS: [&str; 5] = ["giải pháp", "các giải pháp", "những giải pháp", "biện pháp", "các biện pháp"];

/// Words a sub-heading without a colon is made of ("Nhiệm vụ trọng tâm",
/// "Giải pháp chủ yếu"), so that a task beginning "Nhiệm vụ …" stays a task.
const HEADING_WORDS: [&str; 29] = [
    "mục", "tiêu", "nhiệm", "vụ", "giải", "pháp", "biện", "nội", "dung", "trọng", "tâm", "chủ", "yếu", "cụ", "thể", "chung",
    "và", "thực", "hiện", "các", "những", "tổng", "quát", "cần", "làm", "đề", "ra", "cơ", "bản",
];

/// "1.1. Mục tiêu: …", "Nhiệm vụ trọng tâm", "c) Giải pháp chủ yếu:", with
/// the text after the colon.
pub(super) fn sub_heading(text: &str) -> Option<(Sub, &str)> {
    let (head, inline) = head_and_inline(text);
    let low = lower(head);
    let ws = words(&low);
    if !text.contains(':') && !ws.iter().all(|(_, w)| HEADING_WORDS.contains(w)) {
        return None;
    }
    let n = ws.len();
    let sub = if starts_with_word(&low, "mục tiêu") && n <= 5 {
        Sub::Objective
    } else if TASK_HEADS.iter().any(|h| starts_with_word(&low, h)) && n <= 7 {
        Sub::Tasks
    } else if SOLUTION_HEADS.iter().any(|h| starts_with_word(&low, h)) && n <= 6 {
        Sub::Solutions
    } else {
        return None;
    };
    Some((sub, inline))
}

/// A paragraph that closes a programme ("Với tinh thần …", "Trên đây là …").
pub(super) fn closing_cue(p: &str) -> bool {
    let low = lower(p);
    ["với tinh thần", "trên đây", "với quyết tâm", "với phương châm"].iter().any(|w| starts_with_word(&low, w))
        || low.contains("quyết tâm thực hiện thắng lợi")
}

/// Indicators listed inline on a news page: "… đề ra các chỉ tiêu: 100% …;
/// trên 95% …; …". The pieces after the colon, if there are at least two.
pub(super) fn inline_list(p: &str) -> Option<Vec<String>> {
    let low = lower(p);
    let at = low.find("chỉ tiêu")?;
    let colon = at + low[at..].find(':')?;
    let items: Vec<String> =
        p[colon + 1..].split(';').map(|s| s.trim().trim_end_matches('.').trim().to_string()).filter(|s| !s.is_empty()).collect();
    (items.len() >= 2).then_some(items)
}
