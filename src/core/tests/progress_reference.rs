//! The progress engine as it was before explanations moved behind `explain`:
//! every figure built with its text, rule sentence and lists. Kept only as
//! the reference the new engine is compared with (`progress_tests`); nothing
//! outside the tests uses it.

use crate::core::book::{Book, Record, UnitData, UnitKind, Value};
use crate::core::programme::{Cadence, Cmp, Item, Period, Programme, Rule, Target, ValueKind, Who};
use crate::core::progress::{AreaProgress, FastHash, Status};
use crate::core::text;
use chrono::NaiveDate;
use std::collections::HashMap;
/// One computed figure with its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub status: Status,
    /// How far, in percent of the measure (share of units, n/N, or amount/goal); may exceed 100.
    pub percent: f64,
    /// Where the goal sits on the same scale (e.g. 90 for "90% of boards", 100 for an amount).
    pub goal_percent: f64,
    /// The figure as people read it: "77,8 % (7/9)", "15.000.000 đồng".
    pub text: String,
    /// The rule applied, in a sentence.
    pub rule: String,
    /// Units that count, or contributions per unit.
    pub counted: Vec<String>,
    /// Units still missing, by name.
    pub missing: Vec<String>,
    /// Ids of the records that contributed.
    pub records: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetProgress {
    pub target: Target,
    /// The indicator the target belongs to, or None for an action area's target.
    pub indicator: Option<u32>,
    pub area: Option<u32>,
    /// One figure per year of the term: the year's own figure for yearly
    /// targets, the cumulative state at the end of that year otherwise.
    pub years: Vec<(i32, Figure)>,
    /// The term so far.
    pub term: Figure,
}

/// Status of a period [start, end] as of `today`.
fn status(met: bool, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Status {
    if today < start {
        Status::NotDue
    } else if met {
        Status::Met
    } else if today > end {
        Status::Missed
    } else {
        Status::InProgress
    }
}

fn pct(n: f64, of: f64) -> f64 {
    if of > 0.0 {
        n * 100.0 / of
    } else {
        0.0
    }
}

/// Precomputed lookups for one recompute: one pass over the records, then
/// every figure reads hash maps without allocating.
struct Index<'a> {
    book: &'a Book,
    p: &'a Programme,
    /// Non-empty logged events by item id.
    events: HashMap<&'a str, Vec<&'a Record>>,
    /// Non-empty yearly and term records by (unit, item, year).
    slots: HashMap<(&'a str, &'a str, Option<i32>), &'a Record, FastHash>,
    /// Units in display order: the commune, areas, organisations, each by name.
    units: Vec<(&'a str, &'a UnitData)>,
}

impl<'a> Index<'a> {
    fn new(book: &'a Book) -> Index<'a> {
        let mut events: HashMap<&str, Vec<&Record>> = HashMap::new();
        let mut slots = HashMap::with_capacity_and_hasher(book.records.len(), FastHash);
        for r in book.records.values() {
            if r.entry().value == Value::Empty {
                continue;
            }
            if is_slot(r) {
                slots.insert((r.key.unit.as_str(), r.key.item.as_str(), r.key.year), r);
            } else {
                events.entry(r.key.item.as_str()).or_default().push(r);
            }
        }
        let mut keyed: Vec<(_, (&str, &UnitData))> =
            book.units.values().map(|u| ((unit_rank(u.data().kind), text::collate_key(&u.data().name)), (u.id.as_str(), u.data()))).collect();
        crate::core::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
        let units = keyed.into_iter().map(|(_, u)| u).collect();
        Index { book, p: &book.programme, events, slots, units }
    }

    /// Units that fill `item` and count in `year`.
    fn units_for(&self, item: &Item, year: i32) -> Vec<(&'a str, &'a UnitData)> {
        self.units
            .iter()
            .filter(|(_, u)| item.filled_by(u.kind.who()) && u.active_in(year))
            .copied()
            .collect()
    }

    fn events(&self, item: &str) -> &[&'a Record] {
        self.events.get(item).map(|v| v.as_slice()).unwrap_or(&[])
    }

    fn slot(&self, unit: &str, item: &str, year: Option<i32>) -> Option<&'a Record> {
        self.slots.get(&(unit, item, year)).copied()
    }

    fn name(&self, unit: &str) -> String {
        self.book.unit(unit).map(|u| u.name.clone()).unwrap_or_else(|| unit.to_string())
    }
}

/// Whether a record is the one record of a yearly or term item (not a logged event).
fn is_slot(r: &Record) -> bool {
    let (u, i) = (r.key.unit.len(), r.key.item.len());
    // slot ids are "unit/item/year" or "unit/item/term"; events append "/device-clock".
    r.id.len() > u + i + 2 && !r.id[u + i + 2..].contains('/')
}

fn unit_rank(k: UnitKind) -> u8 {
    match k {
        UnitKind::Commune => 0,
        UnitKind::Area => 1,
        UnitKind::Organisation => 2,
    }
}

/// Noun for the units that fill an item: "khu dân cư", "đơn vị", "tổ chức thành viên".
fn unit_noun(item: &Item) -> &'static str {
    match item.who.as_slice() {
        [Who::Areas] => "khu dân cư",
        [Who::Organisations] => "tổ chức thành viên",
        [Who::Commune] => "Ủy ban MTTQ xã",
        _ => "đơn vị",
    }
}

/// Whether a unit's value satisfies "did it" for a units-share target.
fn satisfies(value: &Value, min_count: u64) -> bool {
    match value {
        Value::Done { done } => *done,
        Value::Count { count } => *count >= min_count,
        Value::Ratio { n, of } => *of > 0 && n >= of,
        Value::Amount { dong } => *dong > 0,
        Value::Grade { .. } | Value::Status { .. } => true,
        Value::Empty => false,
    }
}

/// Computes every target of the programme.
pub fn compute(book: &Book, today: NaiveDate) -> Vec<TargetProgress> {
    let ix = Index::new(book);
    let p = &book.programme;
    let mut out = Vec::new();
    // Retired targets leave the gauges from the revision that retired them.
    for ind in &p.indicators {
        for t in ind.targets.iter().filter(|t| !t.retired) {
            out.push(target(&ix, t, Some(ind.number), None, today));
        }
    }
    for a in &p.parts {
        for t in a.targets.iter().filter(|t| !t.retired) {
            out.push(target(&ix, t, None, Some(a.number), today));
        }
    }
    out
}

fn target(ix: &Index, t: &Target, indicator: Option<u32>, area: Option<u32>, today: NaiveDate) -> TargetProgress {
    let term = ix.p.term;
    let Some(item) = ix.p.item(t.rule.item()) else {
        // validate() refuses such programmes; stay total anyway.
        let f = Figure {
            status: Status::NotApplicable,
            percent: 0.0,
            goal_percent: 100.0,
            text: "—".into(),
            rule: format!("Chương trình không có mục “{}”.", t.rule.item()),
            counted: vec![],
            missing: vec![],
            records: vec![],
        };
        return TargetProgress {
            target: t.clone(),
            indicator,
            area,
            years: term.years().map(|y| (y, f.clone())).collect(),
            term: f,
        };
    };
    let years: Vec<(i32, Figure)>;
    let summary: Figure;
    match t.rule.period() {
        Period::EachYear => {
            years = term.years().map(|y| (y, year_figure(ix, &t.rule, item, y, today))).collect();
            summary = each_year_summary(&years, term.start, term.end(), today);
        }
        Period::Term | Period::Years(_) => {
            let (a, b) = match t.rule.period() {
                Period::Years([a, b]) => (a, b),
                _ => (term.first_year, term.last_year),
            };
            summary = window_figure(ix, &t.rule, item, a, b, b, today);
            years = term
                .years()
                .map(|y| {
                    let f = if y < a {
                        let mut f = window_figure(ix, &t.rule, item, a, b, a, today);
                        f.status = Status::NotDue;
                        f
                    } else if y >= b {
                        summary.clone()
                    } else {
                        let as_of = today.min(term.year_end(y));
                        window_figure(ix, &t.rule, item, a, b, y, as_of)
                    };
                    (y, f)
                })
                .collect();
        }
    }
    TargetProgress { target: t.clone(), indicator, area, years, term: summary }
}

/// The term so far of a yearly target: how many of the started years were
/// met. Years where it does not apply (no units, N = 0) are left out.
fn each_year_summary(years: &[(i32, Figure)], start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Figure {
    let counted: Vec<&(i32, Figure)> =
        years.iter().filter(|(_, f)| !matches!(f.status, Status::NotDue | Status::NotApplicable)).collect();
    let met = counted.iter().filter(|(_, f)| f.status == Status::Met).count();
    let missed: Vec<String> = counted.iter().filter(|(_, f)| f.status == Status::Missed).map(|(y, _)| y.to_string()).collect();
    let st = if counted.is_empty() {
        if years.iter().all(|(_, f)| f.status == Status::NotApplicable) {
            Status::NotApplicable
        } else {
            Status::NotDue
        }
    } else if !missed.is_empty() {
        Status::Missed
    } else if today > end && met == counted.len() {
        Status::Met
    } else if today < start {
        Status::NotDue
    } else {
        Status::InProgress
    };
    Figure {
        status: st,
        percent: pct(met as f64, counted.len() as f64),
        goal_percent: 100.0,
        text: format!("{met}/{} năm đạt", counted.len()),
        rule: "Chỉ tiêu hằng năm: năm nào cũng phải đạt.".into(),
        counted: counted.iter().filter(|(_, f)| f.status == Status::Met).map(|(y, _)| format!("Năm {y}")).collect(),
        missing: missed.into_iter().map(|y| format!("Năm {y}")).collect(),
        records: vec![],
    }
}


/// A yearly figure.
fn year_figure(ix: &Index, rule: &Rule, item: &Item, year: i32, today: NaiveDate) -> Figure {
    let term = ix.p.term;
    let (start, end) = (term.year_start(year), term.year_end(year));
    let units = ix.units_for(item, year);
    let noun = unit_noun(item);
    match rule {
        Rule::UnitsShare { percent, cmp, min_count, .. } => {
            let slot_year = if item.cadence == Cadence::Term { None } else { Some(year) };
            units_share(ix, item, &units, slot_year, *percent, *cmp, *min_count, start, end, today, &format!("năm {year}"))
        }
        Rule::Total { goal, cmp, .. } => {
            let (mut f, sum) = total(ix, item, year, year, *goal);
            f.status = total_status(sum, *goal, *cmp, start, end, today);
            f.rule = format!("{} năm {year}; cần {} {}.", f.rule, cmp.words(), amount_text(item, *goal));
            f
        }
        Rule::Ratio { percent, cmp, .. } => {
            ratio(ix, item, &units, Some(year), *percent, *cmp, start, end, today, noun, &format!("năm {year}"))
        }
        Rule::GradeShare { min_grade, percent, cmp, none_failing, .. } => {
            grade_share(ix, item, &units, year, min_grade, *percent, *cmp, *none_failing, start, end, today, noun)
        }
    }
}

/// A figure over a window of years [a, b], counting records up to year `upto`, as of `today`.
fn window_figure(ix: &Index, rule: &Rule, item: &Item, a: i32, b: i32, upto: i32, today: NaiveDate) -> Figure {
    let term = ix.p.term;
    let (start, end) = (term.year_start(a), term.year_end(b));
    let span = if a == term.first_year && b == term.last_year { "trong nhiệm kỳ".to_string() } else { format!("trong {a}-{b}") };
    // Units that count: those active in the last year considered.
    let last = upto.clamp(a, b).min(term.current_year(today).max(a));
    let units = ix.units_for(item, last);
    match rule {
        Rule::UnitsShare { percent, cmp, min_count, .. } => {
            units_share(ix, item, &units, None, *percent, *cmp, *min_count, start, end, today, &span)
        }
        Rule::Total { goal, cmp, .. } => {
            let (mut f, sum) = total(ix, item, a, upto.min(b), *goal);
            f.status = total_status(sum, *goal, *cmp, start, end, today);
            f.rule = format!("{} {span}; cần {} {}.", f.rule, cmp.words(), amount_text(item, *goal));
            f
        }
        Rule::Ratio { percent, cmp, .. } => {
            let noun = unit_noun(item);
            ratio(ix, item, &units, None, *percent, *cmp, start, end, today, noun, &span)
        }
        Rule::GradeShare { .. } => year_figure(ix, rule, item, upto, today),
    }
}

fn amount_text(item: &Item, n: i64) -> String {
    if item.value == ValueKind::Amount {
        text::dong(n)
    } else {
        text::group_thousands(n)
    }
}

/// A total's status. Totals only grow: one that must reach its goal is met
/// once it does; one that must stay under a ceiling is missed once it passes
/// it, and met only when the period is over.
fn total_status(sum: i64, goal: i64, cmp: Cmp, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Status {
    let holds = cmp.holds_int(sum, goal);
    if !cmp.upper() {
        status(holds, start, end, today)
    } else if today < start {
        Status::NotDue
    } else if !holds {
        Status::Missed
    } else if today > end {
        Status::Met
    } else {
        Status::InProgress
    }
}

#[allow(clippy::too_many_arguments)]
fn units_share(
    ix: &Index,
    item: &Item,
    units: &[(&str, &UnitData)],
    slot_year: Option<i32>,
    min_percent: f64,
    cmp: Cmp,
    min_count: u64,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    when: &str,
) -> Figure {
    let noun = unit_noun(item);
    let mut counted = Vec::new();
    let mut missing = Vec::new();
    let mut records = Vec::new();
    for (id, u) in units {
        match ix.slot(id, &item.id, slot_year) {
            Some(r) if satisfies(&r.entry().value, min_count) => {
                counted.push(u.name.clone());
                records.push(r.id.clone());
            }
            _ => missing.push(u.name.clone()),
        }
    }
    let n = units.len();
    let did = counted.len();
    let percent = pct(did as f64, n as f64);
    let st = if n == 0 { Status::NotApplicable } else { status(cmp.holds(percent, min_percent), start, end, today) };
    let what = if item.value == ValueKind::Count && min_count > 1 {
        format!("có ít nhất {min_count} “{}”", item.label)
    } else {
        format!("đã thực hiện “{}”", item.label)
    };
    Figure {
        status: st,
        percent,
        goal_percent: min_percent,
        text: if n == 0 { "Chưa có đơn vị".into() } else { format!("{} ({did}/{n})", text::percent_near(percent, min_percent)) },
        rule: if n == 0 {
            format!("Chưa có {noun} nào để tính.")
        } else {
            format!("{did}/{n} {noun} {what} {when}; cần {} {}.", cmp.words(), text::percent(min_percent))
        },
        counted,
        missing,
        records,
    }
}

/// Sum of amounts or counts over years [a, b], from every unit (archived ones too: what they raised counts).
fn total(ix: &Index, item: &Item, a: i32, b: i32, min: i64) -> (Figure, i64) {
    let mut sum: i64 = 0;
    let mut per_unit: HashMap<&str, i64> = HashMap::new();
    let mut records = Vec::new();
    for r in ix.events(&item.id) {
        let Some(y) = r.key.year else { continue };
        if y < a || y > b {
            continue;
        }
        let v = match r.entry().value {
            Value::Amount { dong } => dong,
            Value::Count { count } => count as i64,
            _ => continue,
        };
        sum = sum.saturating_add(v);
        records.push(r.id.clone());
        *per_unit.entry(r.key.unit.as_str()).or_insert(0) += v;
    }
    let missing: Vec<String> = ix
        .units_for(item, b)
        .into_iter()
        .filter(|(id, _)| !per_unit.contains_key(id))
        .map(|(_, u)| u.name.clone())
        .collect();
    // The commune first, then areas, then organisations, each in name order.
    let counted: Vec<(String, i64)> = ix
        .units
        .iter()
        .filter_map(|(id, u)| per_unit.get(id).map(|s| (u.name.clone(), *s)))
        .chain(per_unit.iter().filter(|(id, _)| ix.book.unit(id).is_none()).map(|(id, s)| (ix.name(id), *s)))
        .collect();
    let amount = amount_text(item, sum);
    // Counts read against their goal ("0/1"); amounts in đồng stand alone.
    let shown = if item.value == ValueKind::Amount { amount.clone() } else { format!("{amount}/{}", text::group_thousands(min)) };
    let f = Figure {
        status: Status::InProgress,
        percent: pct(sum as f64, min as f64),
        goal_percent: 100.0,
        text: shown.clone(),
        rule: format!("Tổng “{}” là {amount}, từ {} lần ghi của {} đơn vị,", item.label, records.len(), counted.len()),
        counted: counted.into_iter().map(|(n, s)| format!("{n}: {}", amount_text(item, s))).collect(),
        missing,
        records,
    };
    (f, sum)
}

#[allow(clippy::too_many_arguments)]
fn ratio(
    ix: &Index,
    item: &Item,
    units: &[(&str, &UnitData)],
    slot_year: Option<i32>,
    min_percent: f64,
    cmp: Cmp,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    noun: &str,
    when: &str,
) -> Figure {
    let (mut n, mut of) = (0u64, 0u64);
    let mut counted = Vec::new();
    let mut missing = Vec::new();
    let mut records = Vec::new();
    for (id, u) in units {
        match ix.slot(id, &item.id, slot_year).map(|r| (r, &r.entry().value)) {
            Some((r, Value::Ratio { n: a, of: b })) => {
                n += a;
                of += b;
                counted.push(format!("{}: {a}/{b}", u.name));
                records.push(r.id.clone());
            }
            _ => missing.push(u.name.clone()),
        }
    }
    let percent = pct(n as f64, of as f64);
    let complete = missing.is_empty();
    let ok = cmp.holds(percent, min_percent);
    let st = if units.is_empty() || (complete && of == 0) {
        Status::NotApplicable
    } else {
        status(complete && of > 0 && ok, start, end, today)
    };
    let goal = format!("{} {}", cmp.words(), text::percent(min_percent));
    let rule = if units.is_empty() {
        format!("Chưa có {noun} nào để tính.")
    } else if of == 0 && complete {
        format!("Không có trường hợp nào {when} (tổng số bằng 0): không áp dụng.")
    } else {
        let mut s = format!(
            "{n}/{of} ({}) theo số liệu của {}/{} {noun} {when}; cần {goal}.",
            text::percent_near(percent, min_percent),
            counted.len(),
            units.len()
        );
        if !complete {
            s.push_str(" Chưa đủ số liệu: còn đơn vị chưa nhập.");
        }
        s
    };
    Figure {
        status: st,
        percent,
        goal_percent: min_percent,
        text: if counted.is_empty() {
            "Chưa có số liệu".to_string()
        } else if of == 0 {
            format!("{n}/{of}")
        } else {
            format!("{} ({n}/{of})", text::percent_near(percent, min_percent))
        },
        rule,
        counted,
        missing,
        records,
    }
}

#[allow(clippy::too_many_arguments)]
fn grade_share(
    ix: &Index,
    item: &Item,
    units: &[(&str, &UnitData)],
    year: i32,
    min_grade: &str,
    min_percent: f64,
    cmp: Cmp,
    none_failing: bool,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    noun: &str,
) -> Figure {
    let p = ix.p;
    let min_rank = p.grade_rank(min_grade).unwrap_or(0);
    let failing_rank = p.grades.len().saturating_sub(1);
    let mut at_or_above = 0usize;
    let mut failing = Vec::new();
    let mut counted = Vec::new();
    let mut missing = Vec::new();
    let mut records = Vec::new();
    for (id, u) in units {
        match ix.slot(id, &item.id, Some(year)).map(|r| (r, &r.entry().value)) {
            Some((r, Value::Grade { grade })) => {
                let rank = p.grade_rank(grade).unwrap_or(usize::MAX);
                records.push(r.id.clone());
                counted.push(format!("{}: {}", u.name, p.grade_label(grade).unwrap_or(grade)));
                if rank <= min_rank {
                    at_or_above += 1;
                }
                if rank == failing_rank && p.grades.len() > 1 {
                    failing.push(u.name.clone());
                }
            }
            _ => missing.push(u.name.clone()),
        }
    }
    let n = units.len();
    let percent = pct(at_or_above as f64, n as f64);
    let ok = cmp.holds(percent, min_percent) && (!none_failing || failing.is_empty());
    let st = if n == 0 { Status::NotApplicable } else { status(ok, start, end, today) };
    let grade_label = p.grade_label(min_grade).unwrap_or(min_grade).to_lowercase();
    let mut rule = format!(
        "{at_or_above}/{n} {noun} xếp loại {grade_label} trở lên năm {year}; cần {} {}",
        cmp.words(),
        text::percent(min_percent)
    );
    if none_failing {
        rule.push_str(" và không có đơn vị không hoàn thành nhiệm vụ");
    }
    rule.push('.');
    if !failing.is_empty() {
        rule.push_str(&format!(" Không hoàn thành nhiệm vụ: {}.", failing.join(", ")));
    }
    Figure {
        status: st,
        percent,
        goal_percent: min_percent,
        text: if n == 0 { "Chưa có đơn vị".into() } else { format!("{} ({at_or_above}/{n})", text::percent_near(percent, min_percent)) },
        rule,
        counted,
        missing,
        records,
    }
}

/// Progress of every area active in `year`, in Vietnamese name order.
pub fn areas(book: &Book, year: i32) -> Vec<AreaProgress> {
    let ix = Index::new(book);
    let items: Vec<&Item> = ix
        .p
        .items
        .iter()
        .filter(|i| i.filled_by(Who::Areas) && i.cadence != Cadence::Event && !i.retired)
        .collect();
    // One pass for what each unit entered this year and when it last changed anything.
    let mut entered: HashMap<&str, bool> = HashMap::new();
    let mut last: HashMap<&str, i64> = HashMap::new();
    for r in book.records.values() {
        let t = r.versions.current().stamp.wall_ms;
        let e = last.entry(r.key.unit.as_str()).or_insert(t);
        *e = (*e).max(t);
        if r.key.year == Some(year) && !r.entry().is_empty() {
            entered.insert(r.key.unit.as_str(), true);
        }
    }
    ix.units
        .iter()
        .filter(|(_, u)| u.kind == UnitKind::Area && u.active_in(year))
        .map(|(id, u)| {
            let done = items
                .iter()
                .filter(|it| {
                    let y = if it.cadence == Cadence::Term { None } else { Some(year) };
                    match ix.slot(id, &it.id, y).map(|r| &r.entry().value) {
                        Some(Value::Ratio { n, of }) => n >= of,
                        Some(v) => satisfies(v, 1),
                        None => false,
                    }
                })
                .count();
            let own = book.units.get(*id).map(|x| x.versions.current().stamp.wall_ms);
            AreaProgress {
                unit: id.to_string(),
                name: u.name.clone(),
                done,
                total: items.len(),
                entered: entered.contains_key(id),
                last_change_ms: last.get(id).copied().max(own),
            }
        })
        .collect()
}
