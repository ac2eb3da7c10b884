//! Vietnamese formatting and ordering: 20.000.000 đồng, 99,1 %, dd/mm/yyyy,
//! and names in Vietnamese alphabetical order with numbers in natural order.

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;

/// 20000000 -> "20.000.000".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// 20000000 -> "20.000.000 đồng".
pub fn dong(n: i64) -> String {
    format!("{} đồng", group_thousands(n))
}

/// A percentage with at most one decimal, a decimal comma and a space: "99,1 %", "100 %".
pub fn percent(p: f64) -> String {
    decimal_percent((p * 10.0).round() as i64, 1)
}

/// A measured percentage next to its goal: rounded down (never shown as more
/// than it is), to one decimal, with more decimals only where fewer would
/// show it equal to the goal while it is not ("99,03 %" against "trên 99 %";
/// 1999/2000 is "99,9 %", never "100 %").
pub fn percent_near(p: f64, goal: f64) -> String {
    // p in units of 10^-decimals, rounded down (the 1e-7 absorbs float error: 29/100 is 29, not 28,9...).
    let floored = |decimals: u32| ((p * 10i64.pow(decimals) as f64) + 1e-7).floor() as i64;
    let differs = |decimals: u32| (floored(decimals) as f64 / 10i64.pow(decimals) as f64 - goal).abs() > 1e-9;
    let exact = (p - goal).abs() < 1e-9;
    let decimals = (1..4).find(|&d| exact || differs(d)).unwrap_or(4);
    decimal_percent(floored(decimals), decimals)
}

/// `units` × 10^-`decimals` as a percentage, without trailing zeros: "99,03 %", "100 %".
fn decimal_percent(units: i64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let mut frac = format!("{:0width$}", (units % scale).abs(), width = decimals as usize);
    while frac.ends_with('0') {
        frac.pop();
    }
    let whole = group_thousands(units / scale);
    if frac.is_empty() {
        format!("{whole} %")
    } else {
        format!("{whole},{frac} %")
    }
}

/// The first line of a long text, cut to `max` characters, for one line of a list.
pub fn short(text: &str, max: usize) -> String {
    let first = text.split('\n').next().unwrap_or_default();
    if first.chars().count() > max {
        format!("{}…", first.chars().take(max).collect::<String>().trim_end())
    } else {
        first.to_string()
    }
}

/// dd/mm/yyyy.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// "dd/mm/yyyy hh:mm" of a moment (ms since the epoch) at `offset_min`
/// minutes east of UTC (Vietnam: 420).
pub fn time(ms: i64, offset_min: i32) -> String {
    const DAY: i64 = 86_400_000;
    let local = ms.saturating_add(offset_min as i64 * 60_000);
    let days = local.div_euclid(DAY);
    let minutes = local.rem_euclid(DAY) / 60_000;
    // 1970-01-01 is day 719 163 counted from 0001-01-01.
    let d = i32::try_from(days + 719_163).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or_default();
    format!("{} {:02}:{:02}", date(d), minutes / 60, minutes % 60)
}

/// yyyy-mm-dd, as in files and date inputs.
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses yyyy-mm-dd strictly.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &s[r];
        t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Why `s` is not a date as files and storage write them.
pub fn bad_date(s: &str) -> String {
    format!("ngày “{s}” không hợp lệ (cần dạng năm-tháng-ngày)")
}

/// Serde for dates as "yyyy-mm-dd", without chrono's general formatting code
/// (which would weigh on the wasm).
pub mod ymd {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_iso_date(&s).ok_or_else(|| D::Error::custom(crate::core::problem(super::bad_date(&s))))
    }

    /// For `Option<NaiveDate>` fields.
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            #[derive(Deserialize)]
            struct W(#[serde(with = "super")] NaiveDate);
            Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
        }
    }
}

/// The JSON path (e.g. `records[3].versions[0].v.value.dong`) of the value at
/// a 1-based line and column of `json`, as serde_json reports errors. Walks
/// the text once, tracking the open objects and arrays.
pub fn json_path_at(json: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    let mut chars = json.chars().peekable();
    let mut expect_key = false;
    while let Some(ch) = chars.next() {
        // serde_json counts columns in bytes.
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            c += ch.len_utf8();
        }
        if l > line || (l == line && c >= column) {
            break;
        }
        match ch {
            '{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            '[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(i)) => *i += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            '"' => {
                let mut text = String::new();
                while let Some(x) = chars.next() {
                    c += x.len_utf8();
                    match x {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                c += e.len_utf8();
                                text.push(e);
                            }
                        }
                        '"' => break,
                        _ => text.push(x),
                    }
                }
                if expect_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(text);
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(i) => path.push_str(&format!("[{i}]")),
        }
    }
    if path.is_empty() {
        "(gốc của tệp)".to_string()
    } else {
        path
    }
}

/// Parses dd/mm/yyyy (also d/m/yyyy, with - or . as separators).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    if parts.len() != 3 {
        return None;
    }
    let d = parts[0].trim().parse().ok()?;
    let m = parts[1].trim().parse().ok()?;
    let y = parts[2].trim().parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses an amount people type: "20.000.000", "20000000", "20 000 000 đ".
/// None for anything that is not a whole, non-negative number of đồng.
pub fn parse_dong(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_end_matches("đồng")
        .trim_end_matches('đ')
        .trim_end_matches('d')
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// The lower case of a letter of the Vietnamese alphabet, in any tone, and
/// of the Latin letters around it (ASCII, Latin-1, Latin Extended-A, Ơ and
/// Ư, Latin Extended Additional), as `char::to_lowercase` gives it; any
/// other character as it is. What the app lowers is Vietnamese: names,
/// grades and its own sentences. `char::to_lowercase` would bring the whole
/// Unicode case table into the first load (8.8 KB of its gzip).
pub fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        // İ: "i" and a combining dot above, of which the letter.
        0x130 => 0x69,
        0x178 => 0xFF,
        0x1E9E => 0xDF,
        // Ơ, Ư.
        0x1A0 | 0x1AF => u + 1,
        // Pairs of capital then small letter.
        0x100..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// `s` in lower case, by [`lower`]: "Thôn Đông" -> "thôn đông".
pub fn lowercase(s: &str) -> String {
    s.chars().map(lower).collect()
}

/// `s` with its first letter in lower case (by [`lower`]): "Số hộ" -> "số hộ".
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => lower(f).to_string() + c.as_str(),
        None => String::new(),
    }
}

/// `s` with its first letter in upper case: "tổ chức" -> "Tổ chức".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q',
    'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Vowels with their tones, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
const TONED: [&str; 12] = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị", "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự",
    "yỳỷỹýỵ",
];

/// (letter rank, tone) of one character.
fn letter(c: char) -> (u32, u8) {
    if c.is_ascii() {
        // The common case in names ("Thôn 12"), without searching every row
        // of TONED: no tone, and an ASCII vowel is the first of its row.
        return (rank(c.to_ascii_lowercase()), 0);
    }
    toned_letter(c)
}

/// [`letter`] of any character, by its row of TONED.
fn toned_letter(c: char) -> (u32, u8) {
    let c = lower(c);
    for row in TONED {
        if let Some(tone) = row.chars().position(|x| x == c) {
            let base = row.chars().next().expect("non-empty row");
            return (rank(base), tone as u8);
        }
    }
    (rank(c), 0)
}

fn rank(c: char) -> u32 {
    match ALPHABET.iter().position(|x| *x == c) {
        Some(p) => 1000 + p as u32,
        None => 2000 + c as u32,
    }
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub enum Token {
    // Numbers sort before letters ("Thôn 2" < "Thôn A").
    Number(usize, String),
    Letter(u32),
}

fn tokens(s: &str) -> (Vec<Token>, Vec<u8>) {
    let mut out = Vec::new();
    let mut tones = Vec::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            let trimmed = digits.trim_start_matches('0').to_string();
            out.push(Token::Number(trimmed.len(), trimmed));
        } else {
            let (r, t) = letter(c);
            out.push(Token::Letter(r));
            tones.push(t);
        }
    }
    (out, tones)
}

/// A precomputed sort key for [`collate`], for sorting many names.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub struct CollateKey(Vec<Token>, Vec<u8>, String);

pub fn collate_key(s: &str) -> CollateKey {
    let (t, tones) = tokens(s);
    CollateKey(t, tones, s.to_string())
}

/// Vietnamese order: letters by the Vietnamese alphabet (đ after d, ư after u),
/// tones only to break ties, and numbers in natural order (Thôn 2 before Thôn 10).
pub fn collate(a: &str, b: &str) -> Ordering {
    collate_key(a).cmp(&collate_key(b))
}

/// Slug words that do not end an id cut short ("các", "và", "của"…).
const DANGLING: [&str; 8] = ["cac", "va", "cua", "cho", "voi", "trong", "nhung", "theo"];

/// An id from a label (an item the recogniser suggests or the editor adds):
/// its [`slug`], at most 40 characters, cut at a hyphen and not ending on a
/// dangling word; "muc" when the label has no letter or digit.
pub fn id_slug(label: &str) -> String {
    let mut s = slug(label);
    if s.len() > 40 {
        let cut = s[..40].rfind('-').unwrap_or(40);
        s.truncate(cut);
        while let Some((head, last)) = s.rsplit_once('-') {
            if !DANGLING.contains(&last) {
                break;
            }
            s = head.to_string();
        }
    }
    if s.is_empty() {
        "muc".to_string()
    } else {
        s
    }
}

/// An ASCII slug of Vietnamese text, for file names: "Thôn 3" -> "thon-3".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = lower(c);
        let base = if c == 'đ' {
            'd'
        } else {
            TONED
                .iter()
                .find(|row| row.contains(c))
                .map(|row| match row.chars().next() {
                    Some('ă' | 'â') => 'a',
                    Some('ê') => 'e',
                    Some('ô' | 'ơ') => 'o',
                    Some('ư') => 'u',
                    Some(b) => b,
                    None => c,
                })
                .unwrap_or(c)
        };
        if base.is_ascii_alphanumeric() {
            out.push(base);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A number with two decimals, without pulling float formatting into the wasm.
pub fn fixed2(x: f64) -> String {
    let v = (x * 100.0).round() as i64;
    let sign = if v < 0 { "-" } else { "" };
    let v = v.abs();
    format!("{sign}{}.{:02}", v / 100, v % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_every_latin_letter_it_covers_as_unicode_does() {
        let covered = (0..=0x17F).chain([0x1A0, 0x1A1, 0x1AF, 0x1B0]).chain(0x1E00..=0x1EFF);
        let mut changed = 0;
        for c in covered.filter_map(char::from_u32) {
            let unicode = c.to_lowercase().next().unwrap();
            assert_eq!(lower(c), unicode, "U+{:04X} {c}", c as u32);
            changed += usize::from(unicode != c);
        }
        assert_eq!(changed, 245, "capitals lowered");
        // Every toned vowel and đ, from its capital.
        for small in TONED.iter().flat_map(|row| row.chars()).chain(['đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư']) {
            let capital = small.to_uppercase().next().unwrap();
            assert_ne!(capital, small);
            assert_eq!(lower(capital), small, "{capital}");
        }
        assert_eq!(lowercase("THÔN ĐÔNG Ỷ LAN, Tổ Ưu Tú"), "thôn đông ỷ lan, tổ ưu tú");
        // Outside the Latin letters, characters stay as they are.
        for c in ['Σ', 'Ж', 'Ɓ', '1', '·', '\u{300}'] {
            assert_eq!(lower(c), c);
        }
    }

    #[test]
    fn times_are_local_to_the_phone() {
        // 2025-11-18 00:30 UTC is 07:30 in Vietnam, and still the 17th in New York.
        let ms = 1_763_425_800_000;
        assert_eq!(time(ms, 0), "18/11/2025 00:30");
        assert_eq!(time(ms, 420), "18/11/2025 07:30");
        assert_eq!(time(ms, -300), "17/11/2025 19:30");
        assert_eq!(time(0, 0), "01/01/1970 00:00");
    }

    #[test]
    fn formats_numbers_the_vietnamese_way() {
        assert_eq!(dong(20_000_000), "20.000.000 đồng");
        assert_eq!(dong(0), "0 đồng");
        assert_eq!(dong(999), "999 đồng");
        assert_eq!(dong(1_000), "1.000 đồng");
        assert_eq!(percent(99.1), "99,1 %");
        assert_eq!(percent(100.0), "100 %");
        assert_eq!(percent(66.666), "66,7 %");
        assert_eq!(percent(0.04), "0 %");
    }

    #[test]
    fn a_percentage_is_never_shown_as_reaching_a_goal_it_has_not() {
        let of = |n: f64, d: f64| n * 100.0 / d;
        assert_eq!(percent_near(of(2971.0, 3000.0), 99.0), "99,03 %");
        assert_eq!(percent_near(of(1999.0, 2000.0), 100.0), "99,9 %");
        assert_eq!(percent_near(of(199_999.0, 200_000.0), 100.0), "99,9 %");
        assert_eq!(percent_near(of(19_801.0, 20_000.0), 99.0), "99,005 %");
        assert_eq!(percent_near(100.0, 100.0), "100 %");
        assert_eq!(percent_near(99.0, 99.0), "99 %");
        assert_eq!(percent_near(of(2.0, 3.0), 100.0), "66,6 %");
        assert_eq!(percent_near(of(29.0, 100.0), 50.0), "29 %", "no float error shows 28,9");
        assert_eq!(percent_near(of(199.0, 200.0), 99.0), "99,5 %");
        assert_eq!(percent_near(0.0, 100.0), "0 %");
    }

    #[test]
    fn formats_and_parses_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 8).unwrap();
        assert_eq!(date(d), "08/11/2024");
        assert_eq!(parse_date("8/11/2024"), Some(d));
        assert_eq!(parse_date("08-11-2024"), Some(d));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }

    #[test]
    fn iso_dates_round_trip_strictly() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 18).unwrap();
        assert_eq!(iso_date(d), "2025-11-18");
        assert_eq!(parse_iso_date("2025-11-18"), Some(d));
        assert_eq!(parse_iso_date("2025-02-30"), None);
        assert_eq!(parse_iso_date("2025-1-18"), None);
        assert_eq!(parse_iso_date("18/11/2025"), None);
    }

    #[test]
    fn json_paths_from_line_and_column() {
        let j = "{\"tên\": \"Thôn Đông\", \"records\": [{\"x\": 1}, {\"v\": {\"dong\": -5}}]}";
        let col = j.find("-5").unwrap() + 1;
        assert_eq!(json_path_at(j, 1, col), "records[1].v.dong");
        let multi = "{\n \"units\": [\n  {\"id\": \"a,b\"},\n  {\"id\": \"c\", \"kind\": \"x\"}\n ]\n}";
        let line = 4;
        let col = multi.lines().nth(3).unwrap().find("\"x\"").unwrap() + 1;
        assert_eq!(json_path_at(multi, line, col), "units[1].kind");
    }

    #[test]
    fn parses_amounts_people_type() {
        assert_eq!(parse_dong("20.000.000"), Some(20_000_000));
        assert_eq!(parse_dong("1 500 000 đ"), Some(1_500_000));
        assert_eq!(parse_dong("500000đồng"), Some(500_000));
        assert_eq!(parse_dong("-5"), None);
        assert_eq!(parse_dong("1,5"), None);
        assert_eq!(parse_dong(""), None);
    }

    #[test]
    fn sorts_names_in_vietnamese_order_with_natural_numbers() {
        let mut names = vec!["Thôn 10", "Thôn 2", "Đông Hải", "Dương Xá", "Thôn 1", "Ân Trạch", "An Lạc", "Ư", "Uy"];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(names, vec!["An Lạc", "Ân Trạch", "Dương Xá", "Đông Hải", "Thôn 1", "Thôn 2", "Thôn 10", "Uy", "Ư"]);
    }

    #[test]
    fn ascii_letters_rank_as_their_rows_say() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(letter(c), toned_letter(c), "{c:?}");
        }
    }

    #[test]
    fn ids_from_labels_are_short_and_do_not_end_on_a_dangling_word() {
        assert_eq!(id_slug("Tỷ lệ hộ gia đình văn hóa"), "ty-le-ho-gia-dinh-van-hoa");
        // Cut at 40 characters, at a hyphen.
        let id = id_slug("Số khu dân cư tổ chức ngày hội đại đoàn kết của các thôn trong xã");
        assert_eq!(id, "so-khu-dan-cu-to-chuc-ngay-hoi-dai-doan");
        // ... and "cua" dropped from the end.
        assert_eq!(id_slug("Tỷ lệ khu dân cư đạt chuẩn văn hóa của các thôn xã"), "ty-le-khu-dan-cu-dat-chuan-van-hoa");
        assert_eq!(id_slug("— ?"), "muc");
    }

    #[test]
    fn tones_only_break_ties() {
        let mut names = vec!["Hà", "Hạ", "Ha", "Hai"];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(names, vec!["Ha", "Hà", "Hạ", "Hai"]);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Thôn 3"), "thon-3");
        assert_eq!(slug("xã Hà Hải"), "xa-ha-hai");
        assert_eq!(slug("Đội Ưu tú!"), "doi-uu-tu");
    }
}
