//! Suggested checklist items and targets for one indicator, from its words.

use super::horizon::Horizon;
use super::normalise::normalise;
use super::reading::{readings, Measure, Reading};
use super::{Suggestion, GRADES};
use crate::core::programme::{Cadence, Cmp, Item, Period, Rule, Target, Term, ValueKind, Who};
use crate::core::text;

/// The items and targets indicator `number` asks for, read from its text;
/// at least one (a tick with a note when the words give no figure). Item and
/// target ids are new: not in `taken_ids` (the programme's item and target
/// ids) nor among each other, except that two targets over the same item
/// share it. Every pair passes [`crate::core::programme::Programme::validate`]
/// in a programme of this `term` with the default grades.
pub fn suggest(number: u32, indicator_text: &str, term: Term, taken_ids: &[String]) -> Vec<Suggestion> {
    let text = normalise(indicator_text);
    let mut out: Vec<Suggestion> = Vec::new();
    for mut r in readings(&text, term) {
        if r.label.is_empty() {
            r.label = format!("Chỉ tiêu {number}");
        }
        let mut item = item(number, &r);
        let same = out.iter().find(|s| Item { id: s.item.id.clone(), ..item.clone() } == s.item);
        item.id = match same {
            Some(s) => s.item.id.clone(),
            None => fresh(text::id_slug(&item.label), taken_ids, &out),
        };
        let target_id = (b'a'..=b'z')
            .map(|c| format!("{number}{}", c as char))
            .chain((27..).map(|k| format!("{number}-{k}")))
            .find(|id| is_free(id, taken_ids, &out))
            .expect("a free target id");
        let target = Target { id: target_id, label: r.label.clone(), rule: rule(&r, &item.id), retired: false };
        out.push(Suggestion { indicator: number, phrase: r.phrase.clone(), note: note(&r), item, target });
    }
    out
}

fn is_free(id: &str, taken: &[String], out: &[Suggestion]) -> bool {
    !taken.iter().any(|t| t == id) && !out.iter().any(|s| s.item.id == id || s.target.id == id)
}

/// `base`, or `base-2`, `base-3`… when taken.
fn fresh(base: String, taken: &[String], out: &[Suggestion]) -> String {
    if is_free(&base, taken, out) {
        return base;
    }
    (2..).map(|k| format!("{base}-{k}")).find(|id| is_free(id, taken, out)).expect("a free item id")
}

fn cadence(h: Horizon) -> Cadence {
    if h == Horizon::EachYear {
        Cadence::Yearly
    } else {
        Cadence::Term
    }
}

fn period(h: Horizon) -> Period {
    match h {
        Horizon::EachYear => Period::EachYear,
        Horizon::Term => Period::Term,
        Horizon::Years(a, b) => Period::Years([a, b]),
    }
}

fn item(number: u32, r: &Reading) -> Item {
    let (cadence, value, hint, numerator, denominator) = match &r.measure {
        Measure::Share { min_count: None, .. } => (cadence(r.horizon), ValueKind::Done, None, None, None),
        Measure::Share { min_count: Some((_, noun)), .. } => {
            (cadence(r.horizon), ValueKind::Count, Some(format!("Ghi tên từng {}", super::words::uncapitalise(noun))), None, None)
        }
        Measure::Ratio { numerator, denominator, .. } => {
            (cadence(r.horizon), ValueKind::Ratio, None, Some(numerator.clone()), Some(denominator.clone()))
        }
        Measure::Amount(_) => (Cadence::Event, ValueKind::Amount, Some("Ghi từng khoản và ngày nhận".to_string()), None, None),
        Measure::Count(..) => (Cadence::Event, ValueKind::Count, Some("Ghi nội dung và ngày".to_string()), None, None),
        Measure::Grade { .. } => (Cadence::Yearly, ValueKind::Grade, None, None, None),
        Measure::Tick => (cadence(r.horizon), ValueKind::Done, Some("Ghi chú việc đã làm".to_string()), None, None),
    };
    let mut who = r.who.clone();
    who.sort();
    who.dedup();
    Item {
        id: String::new(),
        label: r.label.clone(),
        who,
        cadence,
        value,
        indicator: Some(number),
        part: None,
        hint,
        numerator,
        denominator,
        retired: false,
    }
}

fn rule(r: &Reading, item: &str) -> Rule {
    let item = item.to_string();
    let (cmp, period) = (r.cmp, period(r.horizon));
    match &r.measure {
        Measure::Share { percent, min_count } => {
            Rule::UnitsShare { item, percent: *percent, cmp, period, min_count: min_count.as_ref().map_or(1, |m| m.0) }
        }
        Measure::Ratio { percent, .. } => Rule::Ratio { item, percent: *percent, cmp, period },
        Measure::Amount(goal) | Measure::Count(goal, _) => Rule::Total { item, goal: *goal, cmp, period },
        Measure::Grade { percent, min_grade, none_failing } => {
            Rule::GradeShare { item, min_grade: min_grade.to_string(), percent: *percent, cmp, none_failing: *none_failing }
        }
        Measure::Tick => Rule::UnitsShare { item, percent: 100.0, cmp: Cmp::AtLeast, period, min_count: 1 },
    }
}

/// "Mỗi khu dân cư", "Ủy ban MTTQ xã", "Ủy ban MTTQ xã và mỗi khu dân cư".
fn subject(who: &[Who]) -> String {
    let one = |w: &Who| match w {
        Who::Areas => "mỗi khu dân cư",
        Who::Commune => "Ủy ban MTTQ xã",
        Who::Organisations => "mỗi tổ chức thành viên",
    };
    let mut sorted = who.to_vec();
    sorted.sort_by_key(|w| if *w == Who::Commune { 0 } else { 1 });
    let names: Vec<&str> = sorted.iter().map(one).collect();
    super::words::capitalise(&names.join(" và "))
}

/// "mỗi năm", "trong nhiệm kỳ", "trong 2024-2025", "năm 2025".
fn when(h: Horizon) -> String {
    match h {
        Horizon::EachYear => "mỗi năm".to_string(),
        Horizon::Term => "trong nhiệm kỳ".to_string(),
        Horizon::Years(a, b) if a == b => format!("năm {a}"),
        Horizon::Years(a, b) => format!("trong {a}-{b}"),
    }
}

/// "100 %", "trên 95 %", "dưới 1,5 %", "ít nhất 20.000.000 đồng".
fn goal(cmp: Cmp, figure: String, plain: bool) -> String {
    if plain {
        return figure;
    }
    let words = if cmp == Cmp::AtMost { "không quá" } else { cmp.words() };
    format!("{words} {figure}")
}

use crate::core::text::lower_first;

/// One sentence saying what was understood.
fn note(r: &Reading) -> String {
    let (who, when, cmp) = (subject(&r.who), when(r.horizon), r.cmp);
    let pct = |p: f64| goal(cmp, text::percent(p), (cmp == Cmp::AtLeast && p >= 100.0) || (cmp == Cmp::AtMost && p <= 0.0));
    match &r.measure {
        Measure::Share { percent, min_count: None } => {
            format!("{who}, {when}: {} {} thực hiện.", pct(*percent), Who::noun(&r.who))
        }
        Measure::Share { percent, min_count: Some((n, noun)) } => {
            format!("{who}, {when}: {} {} có ít nhất {n} {}.", pct(*percent), Who::noun(&r.who), super::words::uncapitalise(noun))
        }
        Measure::Ratio { percent, numerator, denominator } => {
            format!("{who}, {when}: ghi {} trên {}; cần {}.", lower_first(numerator), lower_first(denominator), pct(*percent))
        }
        Measure::Amount(n) => format!("{who} ghi từng khoản; cộng lại {when} cần {}.", goal(cmp, text::dong(*n), false)),
        Measure::Count(n, noun) => {
            format!(
                "{who} ghi từng lần; cộng lại {when} cần {} {}.",
                goal(cmp, n.to_string(), false),
                super::words::uncapitalise(noun)
            )
        }
        Measure::Grade { percent, min_grade, none_failing } => {
            let grade = GRADES.iter().find(|g| g.0 == *min_grade).map_or(*min_grade, |g| g.1);
            let failing = if *none_failing { ", không đơn vị nào không hoàn thành nhiệm vụ" } else { "" };
            let share = if r.who == [Who::Commune] && *percent >= 100.0 { String::new() } else { format!("{} ", pct(*percent)) };
            format!("{who} được xếp loại mỗi năm; cần {share}đạt “{grade}” trở lên{failing}.")
        }
        Measure::Tick => format!("Đánh dấu khi thực hiện, ghi chú việc đã làm ({}, {when}).", super::words::uncapitalise(&who)),
    }
}
