//! The editor's words: who fills an item, how often, what is recorded, the
//! kinds of targets, as a Front officer says them; the numbers people type
//! ("20 triệu", "1,5 %"); a target's gauge sentence and an item's look on a
//! checklist, shown while editing.

use crate::core::programme::{Cadence, Cmp, Item, Period, Programme, Rule, Target, ValueKind, Who};
use crate::core::text;

/// Who may fill an item, in the order the editor lists them.
pub const WHO: [Who; 3] = [Who::Areas, Who::Commune, Who::Organisations];

/// The code of a who in a checkbox's value: "areas", "commune", "organisations".
pub fn who_code(w: Who) -> &'static str {
    match w {
        Who::Areas => "areas",
        Who::Commune => "commune",
        Who::Organisations => "organisations",
    }
}

/// The who of a code (see [`who_code`]).
pub fn who_from_code(s: &str) -> Option<Who> {
    WHO.into_iter().find(|w| who_code(*w) == s)
}

/// "Mỗi khu dân cư", "Ủy ban MTTQ xã", "Mỗi tổ chức thành viên".
pub fn who_label(w: Who) -> &'static str {
    match w {
        Who::Areas => "Mỗi khu dân cư",
        Who::Commune => "Ủy ban MTTQ xã",
        Who::Organisations => "Mỗi tổ chức thành viên",
    }
}

/// "Ủy ban MTTQ xã và mỗi khu dân cư"; "Chưa chọn ai ghi" when nobody.
pub fn who_summary(who: &[Who]) -> String {
    let mut sorted: Vec<Who> = who.to_vec();
    sorted.sort_by_key(|w| if *w == Who::Commune { 0 } else { 1 });
    sorted.dedup();
    let names: Vec<String> =
        sorted.iter().enumerate().map(|(k, w)| if k == 0 { who_label(*w).to_string() } else { lower_first(who_label(*w)) }).collect();
    if names.is_empty() {
        "Chưa chọn ai ghi".to_string()
    } else {
        names.join(" và ")
    }
}

/// How often an item is filled in, in the editor's order.
pub const CADENCES: [Cadence; 3] = [Cadence::Yearly, Cadence::Term, Cadence::Event];

/// "yearly", "term", "event" (as in the programme file).
pub fn cadence_code(c: Cadence) -> &'static str {
    match c {
        Cadence::Yearly => "yearly",
        Cadence::Term => "term",
        Cadence::Event => "event",
    }
}

/// The cadence of a code (see [`cadence_code`]).
pub fn cadence_from_code(s: &str) -> Option<Cadence> {
    CADENCES.into_iter().find(|c| cadence_code(*c) == s)
}

/// "Mỗi năm", "Một lần trong nhiệm kỳ", "Mỗi lần phát sinh (…)".
pub fn cadence_label(c: Cadence) -> &'static str {
    match c {
        Cadence::Yearly => "Mỗi năm",
        Cadence::Term => "Một lần trong nhiệm kỳ",
        Cadence::Event => "Mỗi lần phát sinh (ví dụ mỗi lần nhận tiền quỹ)",
    }
}

/// What an item records, in the editor's order.
pub const VALUES: [ValueKind; 5] = [ValueKind::Done, ValueKind::Count, ValueKind::Amount, ValueKind::Ratio, ValueKind::Grade];

/// "done", "count", "amount", "ratio", "grade" (as in the programme file).
pub fn value_code(v: ValueKind) -> &'static str {
    match v {
        ValueKind::Done => "done",
        ValueKind::Count => "count",
        ValueKind::Amount => "amount",
        ValueKind::Ratio => "ratio",
        ValueKind::Grade => "grade",
    }
}

/// The kind of value of a code (see [`value_code`]).
pub fn value_from_code(s: &str) -> Option<ValueKind> {
    VALUES.into_iter().find(|v| value_code(*v) == s)
}

/// "Đã làm hay chưa", "Số lượng (có ghi tên)", "Số tiền (đồng)",
/// "Số đã làm trên tổng số (n/N)", "Xếp loại". A count logged each time is
/// a number per time, without names.
pub fn value_label(v: ValueKind, cadence: Cadence) -> &'static str {
    match v {
        ValueKind::Done => "Đã làm hay chưa",
        ValueKind::Count if cadence == Cadence::Event => "Số lượng (mỗi lần ghi một số)",
        ValueKind::Count => "Số lượng (có ghi tên)",
        ValueKind::Amount => "Số tiền (đồng)",
        ValueKind::Ratio => "Số đã làm trên tổng số (n/N)",
        ValueKind::Grade => "Xếp loại",
    }
}

/// Whether a checklist can record this kind of value at this cadence: what
/// is logged each time is an amount or a count.
pub fn value_fits_cadence(v: ValueKind, cadence: Cadence) -> bool {
    cadence != Cadence::Event || matches!(v, ValueKind::Amount | ValueKind::Count)
}

/// The kinds of targets, as the editor offers them. A total's period is part
/// of its kind; shares and ratios choose theirs apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// Tỷ lệ đơn vị thực hiện.
    UnitsShare,
    /// Tổng trong nhiệm kỳ.
    TotalTerm,
    /// Tổng mỗi năm.
    TotalYear,
    /// Tổng trong khoảng năm …–….
    TotalYears,
    /// Tỷ lệ n/N.
    Ratio,
    /// Tỷ lệ đơn vị xếp loại từ … trở lên.
    GradeShare,
}

impl TargetKind {
    /// Every kind, in the editor's order.
    pub const ALL: [TargetKind; 6] = [
        TargetKind::UnitsShare,
        TargetKind::Ratio,
        TargetKind::GradeShare,
        TargetKind::TotalTerm,
        TargetKind::TotalYear,
        TargetKind::TotalYears,
    ];

    /// The kind of a rule.
    pub fn of(rule: &Rule) -> TargetKind {
        match rule {
            Rule::UnitsShare { .. } => TargetKind::UnitsShare,
            Rule::Ratio { .. } => TargetKind::Ratio,
            Rule::GradeShare { .. } => TargetKind::GradeShare,
            Rule::Total { period: Period::Term, .. } => TargetKind::TotalTerm,
            Rule::Total { period: Period::EachYear, .. } => TargetKind::TotalYear,
            Rule::Total { period: Period::Years(_), .. } => TargetKind::TotalYears,
        }
    }

    /// The code in a select's value.
    pub fn code(self) -> &'static str {
        match self {
            TargetKind::UnitsShare => "units_share",
            TargetKind::TotalTerm => "total_term",
            TargetKind::TotalYear => "total_year",
            TargetKind::TotalYears => "total_years",
            TargetKind::Ratio => "ratio",
            TargetKind::GradeShare => "grade_share",
        }
    }

    /// The kind of a code (see [`TargetKind::code`]).
    pub fn from_code(s: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// "Tỷ lệ đơn vị thực hiện", "Tổng trong nhiệm kỳ"...
    pub fn label(self) -> &'static str {
        match self {
            TargetKind::UnitsShare => "Tỷ lệ đơn vị thực hiện",
            TargetKind::TotalTerm => "Tổng trong nhiệm kỳ",
            TargetKind::TotalYear => "Tổng mỗi năm",
            TargetKind::TotalYears => "Tổng trong khoảng năm …–…",
            TargetKind::Ratio => "Tỷ lệ n/N",
            TargetKind::GradeShare => "Tỷ lệ đơn vị xếp loại từ … trở lên",
        }
    }

    /// Whether the kind is a total (its goal a number, its comparison any).
    pub fn is_total(self) -> bool {
        matches!(self, TargetKind::TotalTerm | TargetKind::TotalYear | TargetKind::TotalYears)
    }

    /// Whether the kind compares a share of units, which only reaches up
    /// ("ít nhất", "trên").
    pub fn reaches_only(self) -> bool {
        matches!(self, TargetKind::UnitsShare | TargetKind::GradeShare)
    }
}

/// The periods a share of units or a ratio chooses from.
pub const PERIODS: [&str; 3] = ["each_year", "term", "years"];

/// The code of a period in a select's value: "each_year", "term", "years".
pub fn period_code(p: Period) -> &'static str {
    match p {
        Period::EachYear => "each_year",
        Period::Term => "term",
        Period::Years(_) => "years",
    }
}

/// "Mỗi năm", "Trong nhiệm kỳ", "Trong khoảng năm …–…".
pub fn period_label(code: &str) -> &'static str {
    match code {
        "each_year" => "Mỗi năm",
        "term" => "Trong nhiệm kỳ",
        _ => "Trong khoảng năm …–…",
    }
}

/// "Ít nhất", "Trên", "Nhiều nhất", "Dưới".
pub fn cmp_label(c: Cmp) -> String {
    capitalise(c.words())
}

/// A percentage people type: "90", "90 %", "1,5", "1.5". None for anything else.
pub fn parse_percent(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') || t.matches('.').count() > 1 {
        return None;
    }
    t.parse::<f64>().ok().filter(|p| p.is_finite())
}

/// A percentage as the editor shows it in its field: "90", "1,5".
pub fn percent_text(p: f64) -> String {
    let s = crate::core::text::fixed2(p);
    s.trim_end_matches('0').trim_end_matches('.').replace('.', ",")
}

/// A whole number people type: "1", "01", "1.200". None for anything else.
pub fn parse_count(s: &str) -> Option<u64> {
    let t: String = s.trim().chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).collect();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// The largest goal in đồng the editor takes (a million billion).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Money words and what they multiply by, longest first.
const MONEY: [(&str, f64); 9] = [
    ("triệu", 1e6),
    ("nghìn", 1e3),
    ("ngàn", 1e3),
    ("tỷ", 1e9),
    ("tỉ", 1e9),
    ("tr", 1e6),
    ("k", 1e3),
    ("đồng", 1.0),
    ("vnđ", 1.0),
];

/// An amount of đồng as people type it: "20.000.000", "20000000",
/// "20 triệu", "1,5 tỷ", "3 tỷ 500 triệu", "500 nghìn đồng". None for
/// anything that is not a whole, non-negative amount up to [`MAX_AMOUNT`].
pub fn parse_amount(s: &str) -> Option<i64> {
    let low = s.trim().to_lowercase();
    let low = low.trim_end_matches("đồng").trim_end_matches("vnđ").trim_end_matches('đ').trim();
    if low.is_empty() {
        return None;
    }
    // Pieces of a number and its money word: "3 tỷ 500 triệu" is two.
    let mut total = 0f64;
    let mut rest = low;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))).unwrap_or(rest.len());
        let (digits, after) = rest.split_at(end);
        let after = after.trim_start();
        let word = MONEY.iter().find(|(w, _)| after.starts_with(w));
        let (factor, next) = match word {
            Some((w, f)) => (*f, after[w.len()..].trim_start()),
            None if after.is_empty() => (1.0, after),
            None => return None,
        };
        total += number(digits.trim(), factor > 1.0)? * factor;
        rest = next.trim_start_matches("đồng").trim_start();
    }
    let rounded = total.round();
    ((rounded - total).abs() < 1e-6 && rounded <= MAX_AMOUNT as f64).then_some(rounded as i64)
}

/// Digits with grouping dots or spaces ("20.000.000"), or, before a money
/// word, a decimal ("1,5", "1.5").
fn number(s: &str, scaled: bool) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let seps: Vec<(usize, char)> = s.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    let decimal = match seps.as_slice() {
        [(at, ',' | '.')] if scaled && s.len() - at - 1 <= 2 => true,
        [(_, ',')] => return None,
        _ => false,
    };
    if decimal {
        return s.replace(',', ".").parse().ok();
    }
    // Grouping: every group after the first has three digits.
    let groups: Vec<&str> = s.split(['.', ',', ' ', '\u{a0}']).collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    groups.concat().parse::<f64>().ok()
}

/// The words before a figure: "100 %" alone when reaching all of it,
/// else "Ít nhất 90 %", "Trên 99 %", "Dưới 1,5 %".
fn goal_words(cmp: Cmp, figure: String, whole: bool) -> String {
    if whole && cmp == Cmp::AtLeast {
        figure
    } else {
        format!("{} {figure}", cmp.words())
    }
}

/// "hằng năm" (what each unit does every year), "mỗi năm", "trong nhiệm
/// kỳ", "trong các năm 2024–2025", "trong năm 2025".
fn when(period: Period, yearly: &str) -> String {
    match period {
        Period::EachYear => yearly.to_string(),
        Period::Term => "trong nhiệm kỳ".to_string(),
        Period::Years([a, b]) if a == b => format!("trong năm {a}"),
        Period::Years([a, b]) => format!("trong các năm {a}–{b}"),
    }
}

/// `s` with `tail` after it, unless it already ends with it.
fn with_tail(s: String, tail: &str) -> String {
    if tail.is_empty() || s.ends_with(tail) {
        s
    } else {
        format!("{s} {tail}")
    }
}

/// The bodies graded: an area's Ban công tác Mặt trận, a member
/// organisation, the commune's committee.
fn graded_noun(who: &[Who]) -> &'static str {
    match who {
        [Who::Areas] => "Ban công tác Mặt trận",
        [Who::Organisations] => "tổ chức thành viên",
        [Who::Commune] => "Ủy ban MTTQ xã",
        _ => "đơn vị",
    }
}

/// The gauge sentence of a target, in words: "100 % khu dân cư tổ chức
/// Ngày hội hằng năm", "Trên 20.000.000 đồng trong nhiệm kỳ", "Dưới 1,5 %
/// hộ nghèo mỗi năm", "Ít nhất 90 % Ban công tác Mặt trận xếp loại hoàn
/// thành tốt nhiệm vụ trở lên, không có đơn vị không hoàn thành nhiệm vụ".
/// `item` is the item it reads (None when it has none yet).
pub fn sentence(p: &Programme, item: Option<&Item>, target: &Target) -> String {
    let Some(item) = item else {
        return "Chưa chọn mục ghi chép để tính.".to_string();
    };
    let label = lower_first(item.label.trim());
    let commune_only = item.who == [Who::Commune];
    let s = match &target.rule {
        Rule::UnitsShare { percent, cmp, period, min_count, .. } => {
            let what = match item.value {
                ValueKind::Count => format!("có ít nhất {min_count} {label}"),
                ValueKind::Ratio => format!("đạt đủ {label}"),
                _ => label,
            };
            let who = if commune_only && *percent >= 100.0 && *cmp == Cmp::AtLeast {
                Who::noun(&item.who).to_string()
            } else {
                format!("{} {}", goal_words(*cmp, text::percent(*percent), *percent >= 100.0), Who::noun(&item.who))
            };
            with_tail(format!("{who} {what}"), &when(*period, "hằng năm"))
        }
        Rule::Total { goal, cmp, period, .. } if item.value == ValueKind::Amount => {
            format!("{} {} {}", cmp.words(), text::dong(*goal), when(*period, "mỗi năm"))
        }
        Rule::Total { goal, cmp, period, .. } => {
            format!("{}: {} {} {}", item.label.trim(), cmp.words(), text::group_thousands(*goal), when(*period, "mỗi năm"))
        }
        Rule::Ratio { percent, cmp, period, .. } => {
            // "Số hộ đã ký cam kết": "hộ đã ký cam kết".
            let of = item.numerator.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(lower_first).unwrap_or(label);
            let of = of.strip_prefix("số ").map(str::to_string).unwrap_or(of);
            let share = goal_words(*cmp, text::percent(*percent), *percent >= 100.0);
            with_tail(format!("{share} {of}"), &when(*period, "mỗi năm"))
        }
        Rule::GradeShare { min_grade, percent, cmp, none_failing, .. } => {
            let grade = p.grade_label(min_grade).map(lower_first).unwrap_or_else(|| format!("“{min_grade}”"));
            let who = if commune_only && *percent >= 100.0 && *cmp == Cmp::AtLeast {
                graded_noun(&item.who).to_string()
            } else {
                format!("{} {}", goal_words(*cmp, text::percent(*percent), *percent >= 100.0), graded_noun(&item.who))
            };
            let failing = match p.grades.last() {
                Some(last) if *none_failing && p.grades.len() > 1 => format!(", không có đơn vị {}", lower_first(&last.label)),
                _ => String::new(),
            };
            format!("{who} xếp loại {grade} trở lên{failing}")
        }
    };
    capitalise(&s)
}

/// How an item will look on a checklist, while it is being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistPreview {
    pub label: String,
    /// "Mỗi khu dân cư", "Ủy ban MTTQ xã và mỗi khu dân cư".
    pub who: String,
    /// "Ghi cho năm 2026", "Ghi một lần trong nhiệm kỳ", "Ghi từng lần trong năm 2026".
    pub cadence: String,
    /// The control a unit fills in: "Nút đánh dấu đã thực hiện", "Danh
    /// sách tên", "Hai ô số: {n} / {N}", "Chọn xếp loại", "Ô nhập số tiền
    /// (đồng)", "Sổ ghi từng lần (số tiền)", "Sổ ghi từng lần (số lượng)".
    pub control: String,
    pub hint: Option<String>,
}

/// How `item` will look on a checklist in `year`.
pub fn checklist_preview(item: &Item, year: i32) -> ChecklistPreview {
    let cadence = match item.cadence {
        Cadence::Yearly => format!("Ghi cho năm {year}"),
        Cadence::Term => "Ghi một lần trong nhiệm kỳ".to_string(),
        Cadence::Event => format!("Ghi từng lần trong năm {year}"),
    };
    let label_or = |l: &Option<String>, default: &str| {
        l.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(default).to_string()
    };
    let control = match (item.cadence, item.value) {
        (Cadence::Event, ValueKind::Amount) => "Sổ ghi từng lần (số tiền)".to_string(),
        (Cadence::Event, _) => "Sổ ghi từng lần (số lượng)".to_string(),
        (_, ValueKind::Done) => "Nút đánh dấu đã thực hiện".to_string(),
        (_, ValueKind::Count) => "Danh sách tên".to_string(),
        (_, ValueKind::Amount) => "Ô nhập số tiền (đồng)".to_string(),
        (_, ValueKind::Ratio) => {
            format!("Hai ô số: {} / {}", label_or(&item.numerator, "Đã thực hiện"), label_or(&item.denominator, "Tổng số"))
        }
        (_, ValueKind::Grade) => "Chọn xếp loại".to_string(),
    };
    ChecklistPreview {
        label: item.label.trim().to_string(),
        who: who_summary(&item.who),
        cadence,
        control,
        hint: item.hint.clone().filter(|h| !h.trim().is_empty()),
    }
}

pub(crate) use crate::core::text::capitalise;

/// `s` with its first letter in lower case, unless its first word is an
/// abbreviation ("MTTQ", "BCTMT").
pub(crate) fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or("");
    if first_word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return s.to_string();
    }
    crate::core::text::lower_first(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_as_the_field_shows_them() {
        for (p, shown) in [(90.0, "90"), (100.0, "100"), (1.5, "1,5"), (99.95, "99,95"), (0.0, "0"), (33.333, "33,33")] {
            assert_eq!(percent_text(p), shown);
        }
    }

    #[test]
    fn amounts_as_people_type_them() {
        for (typed, dong) in [
            ("20.000.000", 20_000_000),
            ("20000000", 20_000_000),
            ("20 000 000 đ", 20_000_000),
            ("20 triệu", 20_000_000),
            ("20 triệu đồng", 20_000_000),
            ("20tr", 20_000_000),
            ("3 tỷ", 3_000_000_000),
            ("1,5 tỷ", 1_500_000_000),
            ("1.5 tỷ", 1_500_000_000),
            ("3 tỷ 500 triệu", 3_500_000_000),
            ("500 nghìn", 500_000),
            ("0", 0),
        ] {
            assert_eq!(parse_amount(typed), Some(dong), "{typed}");
        }
        for bad in ["", "abc", "20 triệu x", "-5", "1,5", "20.00.000", "2 tỷ tỷ", "1,2345 tỷ", "9999999 tỷ"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn percentages_and_counts_as_people_type_them() {
        assert_eq!(parse_percent("90"), Some(90.0));
        assert_eq!(parse_percent("1,5 %"), Some(1.5));
        assert_eq!(parse_percent("99.5%"), Some(99.5));
        assert_eq!(parse_percent("chín mươi"), None);
        assert_eq!(parse_percent("-3"), None);
        assert_eq!(percent_text(1.5), "1,5");
        assert_eq!(percent_text(100.0), "100");
        assert_eq!(parse_count("01"), Some(1));
        assert_eq!(parse_count("1.200"), Some(1200));
        assert_eq!(parse_count("một"), None);
    }

    #[test]
    fn codes_round_trip() {
        for w in WHO {
            assert_eq!(who_from_code(who_code(w)), Some(w));
        }
        for c in CADENCES {
            assert_eq!(cadence_from_code(cadence_code(c)), Some(c));
        }
        for v in VALUES {
            assert_eq!(value_from_code(value_code(v)), Some(v));
        }
        for k in TargetKind::ALL {
            assert_eq!(TargetKind::from_code(k.code()), Some(k));
        }
        assert_eq!(who_summary(&[Who::Areas, Who::Commune]), "Ủy ban MTTQ xã và mỗi khu dân cư");
    }
}
