//! The programme's title, owner and term, from its title line when there is
//! one, else from what the text says.

use super::structure::{title_like, Layout};
use super::words::{as_year, capitalise, find_word, lower, title_case, uncapitalise, words, year_ranges};
use super::DEFAULT_TERM;
use crate::core::programme::Term;
use chrono::NaiveDate;

/// What the draft says about itself.
pub(super) struct Header {
    pub title: String,
    pub owner: String,
    pub term: Term,
    /// The preamble's paragraphs other than the title, then the layout's skipped ones.
    pub skipped: Vec<String>,
}

/// The title, owner and term of a layout (see [`super::Recognised`]).
pub(super) fn read(layout: &Layout) -> Header {
    let title = title(&layout.preamble);
    let in_title = |i: usize| title.as_ref().is_some_and(|t| (t.start..t.start + t.len).contains(&i));
    let mut skipped: Vec<String> =
        layout.preamble.iter().enumerate().filter(|(i, _)| !in_title(*i)).map(|(_, p)| p.clone()).collect();
    skipped.extend(layout.skipped.iter().cloned());
    let title = title.map(|t| t.text).unwrap_or_default();
    let body = body_text(layout);
    let owner = owner_in(&title)
        .or_else(|| layout.preamble.iter().find_map(|p| owner_in(p)))
        .or_else(|| owner_in(&body))
        .unwrap_or_default();
    let (first, last) = term_years(&title, &format!("{}\n{body}", layout.preamble.join("\n"))).unwrap_or(DEFAULT_TERM);
    let start = NaiveDate::from_ymd_opt(first, 1, 1).expect("a year of the term");
    Header { title, owner, term: Term { start, first_year: first, last_year: last }, skipped }
}

/// Everything placed, as one text, for the owner and the term.
fn body_text(layout: &Layout) -> String {
    let parts = layout
        .parts
        .iter()
        .flat_map(|p| std::iter::once(&p.title).chain(p.objective.iter()).chain(p.tasks.iter()).chain(p.solutions.iter()));
    let all: Vec<&str> = layout
        .objective
        .iter()
        .chain(layout.indicators.iter())
        .chain(parts)
        .chain(std::iter::once(&layout.closing))
        .map(String::as_str)
        .collect();
    all.join("\n")
}

/// The title, and how many paragraphs of `preamble` (from `start`) it took.
struct Title {
    text: String,
    start: usize,
    len: usize,
}

/// Words that carry a title on to the next line ("… Nghị quyết Đại hội" /
/// "nhiệm kỳ 2025 - 2030").
const TITLE_GOES_ON: [&str; 7] = ["thực hiện", "nhiệm kỳ", "(nhiệm kỳ", "đại hội", "của", "khóa", "lần thứ"];

/// The title line of the preamble, joined with the lines that continue it.
fn title(preamble: &[String]) -> Option<Title> {
    let start = preamble.iter().position(|p| title_like(p))?;
    let mut text = preamble[start].clone();
    let mut len = 1;
    for p in &preamble[start + 1..] {
        let low = lower(p);
        let bare = lower(&text) == "chương trình hành động";
        if !bare && !TITLE_GOES_ON.iter().any(|w| low.starts_with(w)) {
            break;
        }
        text.push(' ');
        text.push_str(&if low.starts_with("đại hội") { p.clone() } else { uncapitalise(p) });
        len += 1;
    }
    Some(Title { text: tidy_title(&text), start, len })
}

/// Names that keep their capitals when a title in capitals is put in sentence case.
const NAMES: [(&str, &str); 5] = [
    ("mặt trận tổ quốc việt nam", "Mặt trận Tổ quốc Việt Nam"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("việt nam", "Việt Nam"),
    ("nghị quyết", "Nghị quyết"),
    ("đại hội", "Đại hội"),
];

/// "CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT …" as "Chương trình hành
/// động thực hiện Nghị quyết …": words in capitals at the start are put in
/// sentence case, keeping abbreviations (MTTQ) and a few names.
fn tidy_title(text: &str) -> String {
    let ws: Vec<&str> = text.split(' ').collect();
    let caps = ws.iter().take_while(|w| !w.chars().any(char::is_lowercase)).count();
    if caps < 2 {
        return text.to_string();
    }
    let lowered: Vec<String> = ws[..caps].iter().map(|w| if abbreviation(w) { w.to_string() } else { lower(w) }).collect();
    let mut head = lowered.join(" ");
    for (low, name) in NAMES {
        head = head.replace(low, name);
    }
    if let Some(owner) = owner_in(&ws[..caps].join(" ")) {
        head = head.replace(&lower(&owner), &owner);
    }
    let head = capitalise(&head);
    let tail = ws[caps..].join(" ");
    if tail.is_empty() {
        head
    } else {
        format!("{head} {tail}")
    }
}

/// Abbreviations with a vowel, which [`abbreviation`] cannot tell from words.
const ABBREVIATIONS: [&str; 5] = ["UBND", "UBMTTQ", "UBMTTQVN", "MTTQVN", "VN"];

/// MTTQ, HĐND, UBND: kept in capitals.
fn abbreviation(w: &str) -> bool {
    let ascii = crate::core::text::slug(w);
    w.chars().count() > 1 && (!ascii.contains(['a', 'e', 'i', 'o', 'u', 'y']) || ABBREVIATIONS.contains(&w))
}

/// Stops a name written in capitals ("XÃ LĨNH TOẠI LẦN THỨ I").
const NAME_STOPS: [&str; 10] = ["lần", "nhiệm", "khóa", "khoá", "giai", "năm", "và", "các", "trong", "về"];

/// "xã Lĩnh Toại" from "… MTTQ Việt Nam xã Lĩnh Toại lần thứ I …" or from
/// "ỦY BAN MTTQ VIỆT NAM XÃ LĨNH TOẠI".
fn owner_in(s: &str) -> Option<String> {
    let ws = words(s);
    for (i, &(_, w)) in ws.iter().enumerate() {
        let prev = i.checked_sub(1).map(|k| lower(ws[k].1)).unwrap_or_default();
        let level = match (lower(w).as_str(), prev.as_str()) {
            ("xã", p) if p != "thị" => "xã",
            ("phường", _) => "phường",
            ("trấn", "thị") => "thị trấn",
            ("khu", "đặc") => "đặc khu",
            _ => continue,
        };
        let in_capitals = !w.chars().any(char::is_lowercase);
        let name = name_after(s, &ws[i..], in_capitals);
        if !name.is_empty() {
            return Some(format!("{level} {}", title_case(&name)));
        }
    }
    None
}

/// Up to three name words after `ws[0]`, separated by single spaces.
fn name_after(s: &str, ws: &[(usize, &str)], in_capitals: bool) -> String {
    let mut name: Vec<&str> = Vec::new();
    for pair in ws.windows(2).take(3) {
        let ((at, w), (bt, next)) = (pair[0], pair[1]);
        let capitalised = next.chars().next().is_some_and(char::is_uppercase);
        let fits = if in_capitals {
            !next.chars().any(char::is_lowercase)
        } else {
            capitalised && next.chars().skip(1).all(|c| !c.is_uppercase())
        };
        if &s[at + w.len()..bt] != " "
            || !fits
            || NAME_STOPS.contains(&lower(next).as_str())
            || next.chars().all(|c| c.is_ascii_digit())
        {
            break;
        }
        name.push(next);
    }
    name.join(" ")
}

/// The term's years: from the title, else from "nhiệm kỳ 2024 - 2029"
/// mentions in the text (preferring those about the Front's congress, then
/// the most frequent, then the earliest), else "đến năm 2030" as the last year.
fn term_years(title: &str, text: &str) -> Option<(i32, i32)> {
    if let Some(&(_, a, b)) = year_ranges(title).first() {
        return Some((a, b));
    }
    let low = lower(text);
    let terms: Vec<(usize, i32, i32)> =
        year_ranges(&low).into_iter().filter(|&(at, ..)| before(&low, at, 24).contains("nhiệm kỳ")).collect();
    let score = |&(_, a, b): &(usize, i32, i32)| {
        let same: Vec<usize> = terms.iter().filter(|r| (r.1, r.2) == (a, b)).map(|r| r.0).collect();
        let about_front = same.iter().filter(|&&at| front_context(&low, at)).count();
        (about_front, same.len(), std::cmp::Reverse(same[0]))
    };
    terms.iter().max_by_key(|t| score(t)).map(|&(_, a, b)| (a, b)).or_else(|| by_year(&low))
}

/// Up to `n` bytes of `low` before byte `at`.
fn before(low: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !low.is_char_boundary(from) {
        from -= 1;
    }
    &low[from..at]
}

/// Whether the words before byte `at` speak of the Front or its congress,
/// not of the People's Councils or the National Assembly.
fn front_context(low: &str, at: usize) -> bool {
    let front = ["mttq", "mặt trận", "đại hội"].iter().any(|w| before(low, at, 120).contains(w));
    let elsewhere = ["hội đồng nhân dân", "hđnd", "quốc hội"].iter().any(|w| before(low, at, 60).contains(w));
    front && !elsewhere
}

/// "đến năm 2030": a five-year term ending that year.
fn by_year(low: &str) -> Option<(i32, i32)> {
    let at = find_word(low, "đến năm", 0)?;
    let year = words(&low[at + "đến năm".len()..]).first().and_then(|(_, w)| as_year(w))?;
    Some((year - 5, year))
}
