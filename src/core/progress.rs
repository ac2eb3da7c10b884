//! The progress engine: for every target of every indicator, from the records
//! alone, the value, the goal, the percentage and a status, per year of the
//! term and for the term so far; and, for one figure at a time, how it was
//! reached. `today` is an argument.
//!
//! [`compute`] gives numbers only (what the overview shows after every tap);
//! [`explain`] builds the sentences and lists behind "Vì sao?" on demand.
//! Both read the records through an index built in one pass: unit and item
//! ids become small integers and every slot's value is decoded once into a
//! flat table, so a figure is a loop of array reads that formats nothing.
//! [`overview`] fills the areas' bars ([`areas`]) in that same pass, so that
//! a tap reads the records once.

use super::book::{Book, Record, Unit, UnitData, UnitKind, Value};
use super::programme::{Cadence, Cmp, Item, Period, Programme, Rule, Target, Term, ValueKind, Who};
use super::text;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Đạt.
    Met,
    /// Chưa đạt: the period is over and the target was not reached.
    Missed,
    /// Đang thực hiện.
    InProgress,
    /// Chưa đến hạn.
    NotDue,
    /// Không áp dụng (no units, or N = 0).
    NotApplicable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::Missed => "Chưa đạt",
            Status::InProgress => "Đang thực hiện",
            Status::NotDue => "Chưa đến hạn",
            Status::NotApplicable => "Không áp dụng",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::InProgress => "in-progress",
            Status::NotDue => "not-due",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// One computed figure: numbers only. [`Figure::text`] reads it out;
/// [`explain`] tells how it was reached.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub status: Status,
    /// How far, in percent of the measure (share of units, n/N, or amount/goal); may exceed 100.
    pub percent: f64,
    /// Where the goal sits on the same scale (e.g. 90 for "90% of boards", 100 for an amount).
    pub goal_percent: f64,
    /// The numbers the text is made from.
    pub measure: Measure,
}

/// What a figure counted.
#[derive(Clone, Debug, PartialEq)]
pub enum Measure {
    /// A share of units that did it: `did` of the `of` units that count.
    Units { did: u32, of: u32 },
    /// A share of graded units at or above the grade, and how many were graded as failing.
    Grades { at_or_above: u32, of: u32, failing: u32 },
    /// A total against its goal; `amount`: in đồng, else a count.
    Sum { sum: i64, goal: i64, amount: bool },
    /// Sum of n over sum of N, from the figures `entered` by as many of the `units` that count.
    Ratio { n: u64, of: u64, entered: u32, units: u32 },
    /// The term so far of a yearly target: years met of the years that counted.
    Years { met: u32, counted: u32 },
    /// The programme has no item for the target.
    NoItem,
}

impl Figure {
    /// The figure as people read it: "77,8 % (7/9)", "15.000.000 đồng", "0/1",
    /// "Chưa có số liệu", "3/4 năm đạt".
    pub fn text(&self) -> String {
        let near = || text::percent_near(self.percent, self.goal_percent);
        match self.measure {
            Measure::Units { of: 0, .. } | Measure::Grades { of: 0, .. } => "Chưa có đơn vị".into(),
            Measure::Units { did: n, of } | Measure::Grades { at_or_above: n, of, .. } => format!("{} ({n}/{of})", near()),
            Measure::Sum { sum, amount: true, .. } => text::dong(sum),
            // Counts read against their goal ("0/1"); amounts in đồng stand alone.
            Measure::Sum { sum, goal, amount: false } => format!("{}/{}", text::group_thousands(sum), text::group_thousands(goal)),
            Measure::Ratio { entered: 0, .. } => "Chưa có số liệu".into(),
            Measure::Ratio { n, of: 0, .. } => format!("{n}/0"),
            Measure::Ratio { n, of, .. } => format!("{} ({n}/{of})", near()),
            Measure::Years { met, counted } => format!("{met}/{counted} năm đạt"),
            Measure::NoItem => "—".into(),
        }
    }
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

impl TargetProgress {
    /// The figure a card shows for a selected year: the year's own for yearly
    /// targets, the term's otherwise.
    pub fn shown(&self, year: i32) -> &Figure {
        if self.target.rule.period() == Period::EachYear {
            self.years.iter().find(|(y, _)| *y == year).map(|(_, f)| f).unwrap_or(&self.term)
        } else {
            &self.term
        }
    }
}

/// What "Vì sao?" shows for one figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The rule applied, in a sentence.
    pub rule: String,
    /// Units that count, or contributions per unit (years met, for a yearly target's term).
    pub counted: Vec<String>,
    /// Units still missing, by name (years missed, for a yearly target's term).
    pub missing: Vec<String>,
    /// Ids of the records that contributed.
    pub records: Vec<String>,
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

/// A slot's value, decoded once so that figures read it without following pointers.
#[derive(Clone, Copy)]
enum Cell {
    /// No record, or an empty one.
    Empty,
    Done(bool),
    Count(u64),
    Amount(i64),
    Ratio(u64, u64),
    /// The grade's rank, best first (usize::MAX for a grade the programme does not have).
    Grade(usize),
    /// A task's status.
    Status,
}

impl Cell {
    fn of(value: &Value, p: &Programme) -> Cell {
        match value {
            Value::Empty => Cell::Empty,
            Value::Done { done } => Cell::Done(*done),
            Value::Count { count } => Cell::Count(*count),
            Value::Amount { dong } => Cell::Amount(*dong),
            Value::Ratio { n, of } => Cell::Ratio(*n, *of),
            Value::Grade { grade } => Cell::Grade(p.grade_rank(grade).unwrap_or(usize::MAX)),
            Value::Status { .. } => Cell::Status,
        }
    }
}

/// Whether a unit's value satisfies "did it" for a units-share target.
fn satisfies(cell: Cell, min_count: u64) -> bool {
    match cell {
        Cell::Done(done) => done,
        Cell::Count(count) => count >= min_count,
        Cell::Ratio(n, of) => of > 0 && n >= of,
        Cell::Amount(dong) => dong > 0,
        Cell::Grade(_) | Cell::Status => true,
        Cell::Empty => false,
    }
}

/// A unit as the index reads it.
struct UnitRef<'a> {
    id: &'a str,
    data: &'a UnitData,
    /// Position of its kind in display order (see [`unit_rank`]).
    rank: usize,
}

/// Where one item's slots sit in [`Index::cells`]: for each unit that fills
/// the item, kind by kind, one cell per slot (the term's, then each year's).
/// A unit's records come one after another, so their cells are written side by side.
struct Slots {
    /// The first cell; None when no target reads the item's slots.
    base: Option<usize>,
    /// For each kind (by [`unit_rank`]), the position of its first unit among
    /// the members; None for kinds that do not fill the item.
    offset: [Option<usize>; 3],
}

/// A logged amount or count.
struct Event<'a> {
    year: i32,
    value: i64,
    /// The unit's position in [`Index::units`]; None for a unit no longer in the book.
    unit: Option<usize>,
    record: &'a Record,
}

/// The records one recompute reads, in one pass: units and items by
/// position, each slot's value in a flat table, events grouped by item.
struct Index<'a> {
    p: &'a Programme,
    term: Term,
    /// The commune, then areas, then organisations (see [`unit_rank`]); within a
    /// kind by id, or by name when explaining.
    units: Vec<UnitRef<'a>>,
    /// Where each kind sits in `units`, by [`unit_rank`].
    kinds: [Range<usize>; 3],
    /// Programme items by id (the first, should two share one).
    item_ids: HashMap<&'a str, usize, FastHash>,
    /// Per programme item.
    slots: Vec<Slots>,
    /// Cells per unit of an item: the term's slot, then one per year.
    per_member: usize,
    cells: Vec<Cell>,
    /// The record of each cell, kept only when explaining.
    records: Vec<Option<&'a Record>>,
    /// Per programme item: its logged amounts and counts, in record order.
    events: Vec<Vec<Event<'a>>>,
}

impl<'a> Index<'a> {
    /// Reads the records that `rules` need: the slots of the items of shares
    /// and ratios, the events of the items of totals. `explaining`: keep each
    /// slot's record and order the units of a kind by name, as explanations
    /// list them.
    fn new(book: &'a Book, rules: &[&'a Rule], explaining: bool) -> Index<'a> {
        Index::with_bars(book, rules, explaining, None).0
    }

    /// [`Index::new`], reading the areas' bars of `bars` (a year) in the same pass.
    fn with_bars(
        book: &'a Book,
        rules: &[&'a Rule],
        explaining: bool,
        bars: Option<i32>,
    ) -> (Index<'a>, Option<Bars<'a>>) {
        let p = &book.programme;
        let term = p.term;
        let mut by_kind: [Vec<UnitRef>; 3] = Default::default();
        for u in book.units.values() {
            let data = u.data();
            let rank = unit_rank(data.kind);
            by_kind[rank].push(UnitRef { id: &u.id, data, rank });
        }
        let mut units = Vec::with_capacity(book.units.len());
        let mut kinds: [Range<usize>; 3] = Default::default();
        for (rank, mut list) in by_kind.into_iter().enumerate() {
            if explaining {
                let mut keyed: Vec<_> = list.into_iter().map(|u| (text::collate_key(&u.data.name), u)).collect();
                super::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
                list = keyed.into_iter().map(|(_, u)| u).collect();
            }
            kinds[rank] = units.len()..units.len() + list.len();
            units.extend(list);
        }
        let mut item_ids = HashMap::with_capacity_and_hasher(p.items.len(), FastHash);
        for (i, item) in p.items.iter().enumerate() {
            item_ids.entry(item.id.as_str()).or_insert(i);
        }
        // Which items' slots (shares, ratios, grades) and events (totals) are read.
        let mut wanted = vec![(false, false); p.items.len()];
        for &rule in rules {
            if let Some(&i) = item_ids.get(rule.item()) {
                match rule {
                    Rule::Total { .. } => wanted[i].1 = true,
                    _ => wanted[i].0 = true,
                }
            }
        }
        let per_member = term.years().count() + 1;
        let mut next = 0;
        let slots: Vec<Slots> = p
            .items
            .iter()
            .zip(&wanted)
            .map(|(item, &(read, _))| {
                let mut offset = [None; 3];
                let mut members = 0;
                for kind in [UnitKind::Commune, UnitKind::Area, UnitKind::Organisation] {
                    if item.filled_by(kind.who()) {
                        offset[unit_rank(kind)] = Some(members);
                        members += kinds[unit_rank(kind)].len();
                    }
                }
                let base = read.then_some(next);
                if read {
                    next += members * per_member;
                }
                Slots { base, offset }
            })
            .collect();
        let mut cells = vec![Cell::Empty; next];
        let mut records = if explaining { vec![None; next] } else { Vec::new() };
        let mut events: Vec<Vec<Event>> = p.items.iter().map(|_| Vec::new()).collect();
        let unit_ids: HashMap<&str, usize, FastHash> = units.iter().enumerate().map(|(k, u)| (u.id, k)).collect();
        let mut bars = bars.map(|year| Bars::new(book, year, &units));
        let (mut unit_of, mut item_of) = (Lookup::new(&unit_ids), Lookup::new(&item_ids));
        let mut read = |r: &'a Record| {
            let (unit, item) = unit_and_item(r);
            let i = item_of.get(item);
            if let Some(bars) = bars.as_mut() {
                if let Some(row) = unit_of.get(unit).and_then(|u| bars.row_of[u]) {
                    bars.read(row, r, item, i);
                }
            }
            let Some(i) = i else { return };
            let (read_slots, read_events) = wanted[i];
            // The value (another allocation, which the batch below has
            // already touched) is read last, once the record is known to count.
            let slot_record = is_slot(r);
            if slot_record && read_slots {
                let s = &slots[i];
                let (Some(u), Some(base)) = (unit_of.get(unit), s.base) else { return };
                let rank = units[u].rank;
                let (Some(offset), Some(slot)) = (s.offset[rank], year_slot(term, r.key.year)) else { return };
                let value = &r.entry().value;
                if matches!(value, Value::Empty) {
                    return;
                }
                let c = base + (offset + (u - kinds[rank].start)) * per_member + slot;
                cells[c] = Cell::of(value, p);
                if explaining {
                    records[c] = Some(r);
                }
            } else if !slot_record && read_events {
                let Some(year) = r.key.year else { return };
                let value = match r.entry().value {
                    Value::Amount { dong } => dong,
                    Value::Count { count } => count as i64,
                    _ => return,
                };
                events[i].push(Event { year, value, unit: unit_of.get(unit), record: r });
            }
        };
        // Each record's id and versions are heap blocks of their own: a book
        // larger than the processor's cache waits for memory at each of them
        // in turn. Touching a batch's blocks first, all together, lets those
        // waits overlap (the loads do not depend on each other); `touched`
        // keeps them from being left out as unused.
        const BATCH: usize = 16;
        let mut batch: Vec<&'a Record> = Vec::with_capacity(BATCH);
        let mut all = book.records.values();
        let mut touched = 0u8;
        loop {
            batch.clear();
            batch.extend(all.by_ref().take(BATCH));
            if batch.is_empty() {
                break;
            }
            for r in &batch {
                touched ^= r.id.as_bytes().first().copied().unwrap_or(0);
                touched ^= match &r.entry().value {
                    // A grade's name is one more block.
                    Value::Grade { grade } => grade.as_bytes().first().copied().unwrap_or(1),
                    Value::Empty => 2,
                    _ => 3,
                };
            }
            for &r in &batch {
                read(r);
            }
        }
        std::hint::black_box(touched);
        (Index { p, term, units, kinds, item_ids, slots, per_member, cells, records, events }, bars)
    }

    fn item(&self, id: &str) -> Option<usize> {
        self.item_ids.get(id).copied()
    }

    /// Calls `f(unit, cell)` for every unit that fills item `i` and counts in
    /// `year`, in order, with the position of its cell in `slot` (None when
    /// the item has no such slot).
    fn each_member(&self, i: usize, year: i32, slot: Option<usize>, mut f: impl FnMut(usize, Option<usize>)) {
        let s = &self.slots[i];
        let per_member = self.per_member;
        let first = s.base.zip(slot).map(|(base, slot)| base + slot);
        for (range, offset) in self.kinds.iter().zip(s.offset) {
            let Some(offset) = offset else { continue };
            for u in range.clone() {
                let d = self.units[u].data;
                if d.active_in(year) {
                    f(u, first.map(|c| c + (offset + (u - range.start)) * per_member));
                }
            }
        }
    }

    fn name(&self, unit: usize) -> String {
        self.units[unit].data.name.clone()
    }

    /// The id of the record behind a cell (kept when explaining).
    fn record_id(&self, cell: usize) -> String {
        self.records[cell].map(|r| r.id.clone()).unwrap_or_default()
    }
}

/// The slot a record of `year` fills: 0 for the term, then one per year of the term.
fn year_slot(term: Term, year: Option<i32>) -> Option<usize> {
    match year {
        None => Some(0),
        Some(y) if term.contains_year(y) => Some((y - term.first_year) as usize + 1),
        Some(_) => None,
    }
}

/// Looks ids up, remembering the last one: records come in id order, so
/// runs of one unit, and within it of one item, ask for the same id in turn.
struct Lookup<'m, 'a> {
    map: &'m HashMap<&'a str, usize, FastHash>,
    last: Option<(&'a str, Option<usize>)>,
}

impl<'m, 'a> Lookup<'m, 'a> {
    fn new(map: &'m HashMap<&'a str, usize, FastHash>) -> Self {
        Lookup { map, last: None }
    }

    fn get(&mut self, id: &'a str) -> Option<usize> {
        match self.last {
            Some((last, found)) if last == id => found,
            _ => {
                let found = self.map.get(id).copied();
                self.last = Some((id, found));
                found
            }
        }
    }
}

/// A small, fast, non-cryptographic hasher for the index (the keys are our
/// own ids, so hash flooding is not a concern; SipHash was the top cost).
/// Ids differ in their last digits ("kdc-may-1730000000123-0"), which the
/// word-by-word mixing leaves in the high bits: [`FastHasher::finish`]
/// folds them into the low bits the table's buckets are chosen by.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        // The final mix of MurmurHash3 (fmix64, its first half).
        let x = (self.0 ^ (self.0 >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

/// The unit and the item of a record, read from its id ("unit/item/year",
/// "unit/item/term" or "unit/item/year/device-clock", from which its key is
/// made): one string in memory to read rather than three.
fn unit_and_item(r: &Record) -> (&str, &str) {
    let (u, i) = (r.key.unit.len(), r.key.item.len());
    match (r.id.get(..u), r.id.get(u + 1..u + 1 + i)) {
        (Some(unit), Some(item)) => (unit, item),
        _ => (&r.key.unit, &r.key.item),
    }
}

/// Whether a record is the one record of a yearly or term item (not a logged event).
fn is_slot(r: &Record) -> bool {
    let (u, i) = (r.key.unit.len(), r.key.item.len());
    // slot ids are "unit/item/year" or "unit/item/term"; events append "/device-clock".
    r.id.len() > u + i + 2 && !r.id[u + i + 2..].contains('/')
}

fn unit_rank(k: UnitKind) -> usize {
    match k {
        UnitKind::Commune => 0,
        UnitKind::Area => 1,
        UnitKind::Organisation => 2,
    }
}

/// Noun for the units that fill an item: "khu dân cư", "đơn vị", "tổ chức thành viên".
pub(crate) fn unit_noun(item: &Item) -> &'static str {
    Who::noun(&item.who)
}

/// The targets followed: retired ones leave the gauges from the revision
/// that retired them. With the indicator or the part each belongs to.
fn followed(p: &Programme) -> impl Iterator<Item = (&Target, Option<u32>, Option<u32>)> {
    let of_indicators = p.indicators.iter().flat_map(|ind| ind.targets.iter().map(move |t| (t, Some(ind.number), None)));
    let of_parts = p.parts.iter().flat_map(|a| a.targets.iter().map(move |t| (t, None, Some(a.number))));
    of_indicators.chain(of_parts).filter(|(t, _, _)| !t.retired)
}

fn followed_rules(p: &Programme) -> Vec<&Rule> {
    followed(p).map(|(t, _, _)| &t.rule).collect()
}

/// Numbers only: statuses, percentages and measures of every target followed,
/// every year of the term and the term so far.
pub fn compute(book: &Book, today: NaiveDate) -> Vec<TargetProgress> {
    let p = &book.programme;
    let ix = Index::new(book, &followed_rules(p), false);
    followed(p).map(|(t, indicator, area)| target(&ix, t, indicator, area, today)).collect()
}

/// What "Vì sao?" shows for one figure of a followed target: of `year` (as in
/// [`TargetProgress::years`]), or of the term when `year` is None. None when
/// there is no such target, or the year is outside the term.
pub fn explain(book: &Book, target_id: &str, year: Option<i32>, today: NaiveDate) -> Option<Explanation> {
    let p = &book.programme;
    let (t, _, _) = followed(p).find(|(t, _, _)| t.id == target_id)?;
    let term = p.term;
    if year.is_some_and(|y| !term.contains_year(y)) {
        return None;
    }
    let ix = Index::new(book, &[&t.rule], true);
    let mut why = Explanation { rule: String::new(), counted: Vec::new(), missing: Vec::new(), records: Vec::new() };
    let Some(i) = ix.item(t.rule.item()) else {
        no_item(t, Some(&mut why));
        return Some(why);
    };
    match (t.rule.period(), year) {
        (Period::EachYear, Some(y)) => {
            figure(&ix, &t.rule, i, Scope::Year(y), today, Some(&mut why));
        }
        (Period::EachYear, None) => {
            let years: Vec<(i32, Figure)> = term.years().map(|y| (y, figure(&ix, &t.rule, i, Scope::Year(y), today, None))).collect();
            each_year_summary(&years, term, today, Some(&mut why));
        }
        (period, year) => {
            let (a, b) = window(period, term);
            let (scope, as_of) = match year {
                Some(y) => window_at(term, a, b, y, today),
                None => (Scope::Window { a, b, upto: b }, today),
            };
            figure(&ix, &t.rule, i, scope, as_of, Some(&mut why));
        }
    }
    Some(why)
}

fn target(ix: &Index, t: &Target, indicator: Option<u32>, area: Option<u32>, today: NaiveDate) -> TargetProgress {
    let term = ix.term;
    let Some(i) = ix.item(t.rule.item()) else {
        let f = no_item(t, None);
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
            years = term.years().map(|y| (y, figure(ix, &t.rule, i, Scope::Year(y), today, None))).collect();
            summary = each_year_summary(&years, term, today, None);
        }
        period => {
            let (a, b) = window(period, term);
            summary = figure(ix, &t.rule, i, Scope::Window { a, b, upto: b }, today, None);
            years = term
                .years()
                .map(|y| {
                    if y >= b {
                        return (y, summary.clone());
                    }
                    let (scope, as_of) = window_at(term, a, b, y, today);
                    let mut f = figure(ix, &t.rule, i, scope, as_of, None);
                    if y < a {
                        f.status = Status::NotDue;
                    }
                    (y, f)
                })
                .collect();
        }
    }
    TargetProgress { target: t.clone(), indicator, area, years, term: summary }
}

/// validate() refuses programmes whose targets name no item; stay total anyway.
fn no_item(t: &Target, why: Option<&mut Explanation>) -> Figure {
    if let Some(why) = why {
        why.rule = format!("Chương trình không có mục “{}”.", t.rule.item());
    }
    Figure { status: Status::NotApplicable, percent: 0.0, goal_percent: 100.0, measure: Measure::NoItem }
}

/// The years [a, b] a term-long or windowed target covers.
fn window(period: Period, term: Term) -> (i32, i32) {
    match period {
        Period::Years([a, b]) => (a, b),
        _ => (term.first_year, term.last_year),
    }
}

/// The figure of a window [a, b] shown for year `y` of the term, and the day
/// it is seen from: before the window, the window's start (not due); within
/// it, the state at the end of that year; from its last year on, the whole.
fn window_at(term: Term, a: i32, b: i32, y: i32, today: NaiveDate) -> (Scope, NaiveDate) {
    if y < a {
        (Scope::Window { a, b, upto: a }, today)
    } else if y >= b {
        (Scope::Window { a, b, upto: b }, today)
    } else {
        (Scope::Window { a, b, upto: y }, today.min(term.year_end(y)))
    }
}

/// The term so far of a yearly target: how many of the started years were
/// met. Years where it does not apply (no units, N = 0) are left out.
fn each_year_summary(years: &[(i32, Figure)], term: Term, today: NaiveDate, why: Option<&mut Explanation>) -> Figure {
    let counted = || years.iter().filter(|(_, f)| !matches!(f.status, Status::NotDue | Status::NotApplicable));
    let n = counted().count();
    let met = counted().filter(|(_, f)| f.status == Status::Met).count();
    let missed = counted().filter(|(_, f)| f.status == Status::Missed).count();
    let st = if n == 0 {
        if years.iter().all(|(_, f)| f.status == Status::NotApplicable) {
            Status::NotApplicable
        } else {
            Status::NotDue
        }
    } else if missed > 0 {
        Status::Missed
    } else if today > term.end() && met == n {
        Status::Met
    } else if today < term.start {
        Status::NotDue
    } else {
        Status::InProgress
    };
    if let Some(why) = why {
        let years_with = |s: Status| counted().filter(|(_, f)| f.status == s).map(|(y, _)| format!("Năm {y}")).collect();
        why.rule = "Chỉ tiêu hằng năm: năm nào cũng phải đạt.".into();
        why.counted = years_with(Status::Met);
        why.missing = years_with(Status::Missed);
    }
    Figure {
        status: st,
        percent: pct(met as f64, n as f64),
        goal_percent: 100.0,
        measure: Measure::Years { met: met as u32, counted: n as u32 },
    }
}

/// Which figure of a target: a year's own, or a window of years [a, b]
/// counting records up to year `upto`.
#[derive(Clone, Copy)]
enum Scope {
    Year(i32),
    Window { a: i32, b: i32, upto: i32 },
}

/// The period a figure covers and the day it is seen from.
#[derive(Clone, Copy)]
struct Dates {
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
}

impl Dates {
    fn status(self, met: bool) -> Status {
        status(met, self.start, self.end, self.today)
    }
}

/// One figure of `rule` on item `i`; `why`, when given, receives how it was reached.
fn figure(ix: &Index, rule: &Rule, i: usize, scope: Scope, today: NaiveDate, why: Option<&mut Explanation>) -> Figure {
    let term = ix.term;
    let year_dates = |y: i32| Dates { start: term.year_start(y), end: term.year_end(y), today };
    let window_dates = |a: i32, b: i32| Dates { start: term.year_start(a), end: term.year_end(b), today };
    // Units that count in a window: those active in the last year considered.
    let last = |a: i32, b: i32, upto: i32| upto.clamp(a, b).min(term.current_year(today).max(a));
    let span = |a: i32, b: i32| {
        if a == term.first_year && b == term.last_year {
            "trong nhiệm kỳ".to_string()
        } else {
            format!("trong {a}-{b}")
        }
    };
    match (rule, scope) {
        (Rule::UnitsShare { percent, cmp, min_count, .. }, Scope::Year(y)) => {
            let slot = if ix.p.items[i].cadence == Cadence::Term { Some(0) } else { year_slot(term, Some(y)) };
            units_share(ix, i, y, slot, *percent, *cmp, *min_count, year_dates(y), why, || format!("năm {y}"))
        }
        (Rule::UnitsShare { percent, cmp, min_count, .. }, Scope::Window { a, b, upto }) => {
            units_share(ix, i, last(a, b, upto), Some(0), *percent, *cmp, *min_count, window_dates(a, b), why, || span(a, b))
        }
        (Rule::Total { goal, cmp, .. }, Scope::Year(y)) => total(ix, i, y, y, *goal, *cmp, year_dates(y), why, || format!("năm {y}")),
        (Rule::Total { goal, cmp, .. }, Scope::Window { a, b, upto }) => {
            total(ix, i, a, upto.min(b), *goal, *cmp, window_dates(a, b), why, || span(a, b))
        }
        (Rule::Ratio { percent, cmp, .. }, Scope::Year(y)) => {
            ratio(ix, i, y, year_slot(term, Some(y)), *percent, *cmp, year_dates(y), why, || format!("năm {y}"))
        }
        (Rule::Ratio { percent, cmp, .. }, Scope::Window { a, b, upto }) => {
            ratio(ix, i, last(a, b, upto), Some(0), *percent, *cmp, window_dates(a, b), why, || span(a, b))
        }
        // Graded each year only: a window's figure is that of the year it counts up to.
        (Rule::GradeShare { min_grade, percent, cmp, none_failing, .. }, Scope::Year(y) | Scope::Window { upto: y, .. }) => {
            grade_share(ix, i, y, min_grade, *percent, *cmp, *none_failing, year_dates(y), why)
        }
    }
}

/// A sum of `item`'s logged amounts or counts: "20.000.000 đồng", "1.200".
pub(crate) fn amount_text(item: &Item, n: i64) -> String {
    if item.value == ValueKind::Amount {
        text::dong(n)
    } else {
        text::group_thousands(n)
    }
}

/// A total's status. Totals only grow: one that must reach its goal is met
/// once it does; one that must stay under a ceiling is missed once it passes
/// it, and met only when the period is over.
fn total_status(sum: i64, goal: i64, cmp: Cmp, dates: Dates) -> Status {
    let holds = cmp.holds_int(sum, goal);
    if !cmp.upper() {
        dates.status(holds)
    } else if dates.today < dates.start {
        Status::NotDue
    } else if !holds {
        Status::Missed
    } else if dates.today > dates.end {
        Status::Met
    } else {
        Status::InProgress
    }
}

/// The share of the units that fill item `i` and count in `year` whose value
/// in `slot` says they did it.
#[allow(clippy::too_many_arguments)]
fn units_share(
    ix: &Index,
    i: usize,
    year: i32,
    slot: Option<usize>,
    min_percent: f64,
    cmp: Cmp,
    min_count: u64,
    dates: Dates,
    mut why: Option<&mut Explanation>,
    when: impl FnOnce() -> String,
) -> Figure {
    let (mut did, mut n) = (0u32, 0u32);
    ix.each_member(i, year, slot, |u, c| {
        n += 1;
        match c {
            Some(c) if satisfies(ix.cells[c], min_count) => {
                did += 1;
                if let Some(why) = why.as_deref_mut() {
                    why.counted.push(ix.name(u));
                    why.records.push(ix.record_id(c));
                }
            }
            _ => {
                if let Some(why) = why.as_deref_mut() {
                    why.missing.push(ix.name(u));
                }
            }
        }
    });
    let percent = pct(did as f64, n as f64);
    let st = if n == 0 { Status::NotApplicable } else { dates.status(cmp.holds(percent, min_percent)) };
    if let Some(why) = why {
        let item = &ix.p.items[i];
        let noun = unit_noun(item);
        why.rule = if n == 0 {
            format!("Chưa có {noun} nào để tính.")
        } else {
            let what = if item.value == ValueKind::Count && min_count > 1 {
                format!("có ít nhất {min_count} “{}”", item.label)
            } else {
                format!("đã thực hiện “{}”", item.label)
            };
            format!("{did}/{n} {noun} {what} {}; cần {} {}.", when(), cmp.words(), text::percent(min_percent))
        };
    }
    Figure { status: st, percent, goal_percent: min_percent, measure: Measure::Units { did, of: n } }
}

/// Sum of the amounts or counts of item `i` logged in years [a, b], from
/// every unit (archived ones too: what they raised counts).
#[allow(clippy::too_many_arguments)]
fn total(
    ix: &Index,
    i: usize,
    a: i32,
    b: i32,
    goal: i64,
    cmp: Cmp,
    dates: Dates,
    why: Option<&mut Explanation>,
    when: impl FnOnce() -> String,
) -> Figure {
    let item = &ix.p.items[i];
    let within = |e: &&Event| e.year >= a && e.year <= b;
    let sum = ix.events[i].iter().filter(within).fold(0i64, |sum, e| sum.saturating_add(e.value));
    if let Some(why) = why {
        // Per unit: units in the book by position, then units no longer in it as they come.
        let mut per_unit: Vec<Option<i64>> = vec![None; ix.units.len()];
        let mut gone: Vec<(&str, i64)> = Vec::new();
        for e in ix.events[i].iter().filter(within) {
            why.records.push(e.record.id.clone());
            match e.unit {
                Some(u) => *per_unit[u].get_or_insert(0) += e.value,
                None => match gone.iter_mut().find(|(id, _)| *id == e.record.key.unit) {
                    Some((_, s)) => *s += e.value,
                    None => gone.push((&e.record.key.unit, e.value)),
                },
            }
        }
        ix.each_member(i, b, None, |u, _| {
            if per_unit[u].is_none() {
                why.missing.push(ix.name(u));
            }
        });
        let units = per_unit.iter().enumerate().filter_map(|(u, s)| s.map(|s| (ix.units[u].data.name.as_str(), s)));
        why.counted = units.chain(gone).map(|(name, s)| format!("{name}: {}", amount_text(item, s))).collect();
        why.rule = format!(
            "Tổng “{}” là {}, từ {} lần ghi của {} đơn vị, {}; cần {} {}.",
            item.label,
            amount_text(item, sum),
            why.records.len(),
            why.counted.len(),
            when(),
            cmp.words(),
            amount_text(item, goal)
        );
    }
    Figure {
        status: total_status(sum, goal, cmp, dates),
        percent: pct(sum as f64, goal as f64),
        goal_percent: 100.0,
        measure: Measure::Sum { sum, goal, amount: item.value == ValueKind::Amount },
    }
}

/// Sum of n over sum of N of the units that fill item `i` and count in
/// `year`, from their values in `slot`.
#[allow(clippy::too_many_arguments)]
fn ratio(
    ix: &Index,
    i: usize,
    year: i32,
    slot: Option<usize>,
    min_percent: f64,
    cmp: Cmp,
    dates: Dates,
    mut why: Option<&mut Explanation>,
    when: impl FnOnce() -> String,
) -> Figure {
    let (mut n, mut of, mut entered, mut units) = (0u64, 0u64, 0u32, 0u32);
    ix.each_member(i, year, slot, |u, c| {
        units += 1;
        match c.map(|c| (c, ix.cells[c])) {
            Some((c, Cell::Ratio(a, b))) => {
                n += a;
                of += b;
                entered += 1;
                if let Some(why) = why.as_deref_mut() {
                    why.counted.push(format!("{}: {a}/{b}", ix.units[u].data.name));
                    why.records.push(ix.record_id(c));
                }
            }
            _ => {
                if let Some(why) = why.as_deref_mut() {
                    why.missing.push(ix.name(u));
                }
            }
        }
    });
    let percent = pct(n as f64, of as f64);
    let complete = entered == units;
    let ok = cmp.holds(percent, min_percent);
    let st = if units == 0 || (complete && of == 0) {
        Status::NotApplicable
    } else {
        dates.status(complete && of > 0 && ok)
    };
    if let Some(why) = why {
        let noun = unit_noun(&ix.p.items[i]);
        why.rule = if units == 0 {
            format!("Chưa có {noun} nào để tính.")
        } else if of == 0 && complete {
            format!("Không có trường hợp nào {} (tổng số bằng 0): không áp dụng.", when())
        } else {
            let mut s = format!(
                "{n}/{of} ({}) theo số liệu của {entered}/{units} {noun} {}; cần {} {}.",
                text::percent_near(percent, min_percent),
                when(),
                cmp.words(),
                text::percent(min_percent)
            );
            if !complete {
                s.push_str(" Chưa đủ số liệu: còn đơn vị chưa nhập.");
            }
            s
        };
    }
    Figure { status: st, percent, goal_percent: min_percent, measure: Measure::Ratio { n, of, entered, units } }
}

/// The share of the units that fill item `i` and count in `year` graded at
/// `min_grade` or better that year, and whether any was graded as failing.
#[allow(clippy::too_many_arguments)]
fn grade_share(
    ix: &Index,
    i: usize,
    year: i32,
    min_grade: &str,
    min_percent: f64,
    cmp: Cmp,
    none_failing: bool,
    dates: Dates,
    mut why: Option<&mut Explanation>,
) -> Figure {
    let p = ix.p;
    let min_rank = p.grade_rank(min_grade).unwrap_or(0);
    // The last grade is the failing one, when there are several.
    let failing_rank = (p.grades.len() > 1).then(|| p.grades.len() - 1);
    let (mut at_or_above, mut failing, mut n) = (0u32, 0u32, 0u32);
    let mut failing_names = Vec::new();
    ix.each_member(i, year, year_slot(ix.term, Some(year)), |u, c| {
        n += 1;
        match c.map(|c| (c, ix.cells[c])) {
            Some((c, Cell::Grade(rank))) => {
                if rank <= min_rank {
                    at_or_above += 1;
                }
                if Some(rank) == failing_rank {
                    failing += 1;
                }
                if let Some(why) = why.as_deref_mut() {
                    let grade = match ix.records[c].map(|r| &r.entry().value) {
                        Some(Value::Grade { grade }) => grade.as_str(),
                        _ => "",
                    };
                    why.counted.push(format!("{}: {}", ix.units[u].data.name, p.grade_label(grade).unwrap_or(grade)));
                    why.records.push(ix.record_id(c));
                    if Some(rank) == failing_rank {
                        failing_names.push(ix.name(u));
                    }
                }
            }
            _ => {
                if let Some(why) = why.as_deref_mut() {
                    why.missing.push(ix.name(u));
                }
            }
        }
    });
    let percent = pct(at_or_above as f64, n as f64);
    let ok = cmp.holds(percent, min_percent) && (!none_failing || failing == 0);
    let st = if n == 0 { Status::NotApplicable } else { dates.status(ok) };
    if let Some(why) = why {
        let noun = unit_noun(&p.items[i]);
        let grade_label = text::lowercase(p.grade_label(min_grade).unwrap_or(min_grade));
        let mut rule = format!(
            "{at_or_above}/{n} {noun} xếp loại {grade_label} trở lên năm {year}; cần {} {}",
            cmp.words(),
            text::percent(min_percent)
        );
        if none_failing {
            rule.push_str(" và không có đơn vị không hoàn thành nhiệm vụ");
        }
        rule.push('.');
        if !failing_names.is_empty() {
            rule.push_str(&format!(" Không hoàn thành nhiệm vụ: {}.", failing_names.join(", ")));
        }
        why.rule = rule;
    }
    Figure { status: st, percent, goal_percent: min_percent, measure: Measure::Grades { at_or_above, of: n, failing } }
}

/// One residential area's progress on its own checklist for a year.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaProgress {
    pub unit: String,
    pub name: String,
    /// Items done / items to do this year (yearly items, and once-in-term items).
    pub done: usize,
    pub total: usize,
    /// Whether the area entered anything for this year.
    pub entered: bool,
    /// Wall time of the latest change to the area's data.
    pub last_change_ms: Option<i64>,
}

/// Whether a value ticks its item off an area's checklist (as [`areas`]
/// counts): done, at least one entry, an amount, a grade, or n = N.
pub fn checklist_done(value: &Value, p: &Programme) -> bool {
    match Cell::of(value, p) {
        Cell::Ratio(n, of) => n >= of,
        cell => satisfies(cell, 1),
    }
}

/// Progress of every area active in `year`, in Vietnamese name order.
pub fn areas(book: &Book, year: i32) -> Vec<AreaProgress> {
    let (_, bars) = Index::with_bars(book, &[], false, Some(year));
    bars.map(Bars::finish).unwrap_or_default()
}

/// What the overview shows after a tap, from one pass over the records:
/// every figure ([`compute`]) and every area's bar in `year` ([`areas`]).
pub fn overview(book: &Book, today: NaiveDate, year: i32) -> (Vec<TargetProgress>, Vec<AreaProgress>) {
    let p = &book.programme;
    let (ix, bars) = Index::with_bars(book, &followed_rules(p), false, Some(year));
    let figures = followed(p).map(|(t, indicator, area)| target(&ix, t, indicator, area, today)).collect();
    (figures, bars.map(Bars::finish).unwrap_or_default())
}

/// The areas' bars of one year as [`Index::with_bars`] reads them: an area's
/// checklist is [`on_checklist`].
struct Bars<'a> {
    p: &'a Programme,
    /// The areas that count in the year, by name.
    areas: Vec<&'a Unit>,
    /// Per unit of the index: its row among `areas`.
    row_of: Vec<Option<usize>>,
    /// Per programme item: its column (items of one id share one).
    column_of: Vec<Option<usize>>,
    year: i32,
    /// Per row, for each column, whether the term's slot and the year's slot tick it off.
    done: Vec<bool>,
    width: usize,
    entered: Vec<bool>,
    last: Vec<Option<i64>>,
}

impl<'a> Bars<'a> {
    fn new(book: &'a Book, year: i32, units: &[UnitRef<'a>]) -> Bars<'a> {
        let p = &book.programme;
        let mut columns: HashMap<&str, usize, FastHash> = HashMap::with_hasher(FastHash);
        for it in p.items.iter().filter(|i| on_checklist(i)) {
            let next = columns.len();
            columns.entry(it.id.as_str()).or_insert(next);
        }
        let column_of = p.items.iter().map(|it| columns.get(it.id.as_str()).copied()).collect();
        let mut keyed: Vec<(text::CollateKey, &Unit)> = book
            .units
            .values()
            .filter(|u| u.data().kind == UnitKind::Area && u.data().active_in(year))
            .map(|u| (text::collate_key(&u.data().name), u))
            .collect();
        super::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
        let areas: Vec<&Unit> = keyed.into_iter().map(|(_, u)| u).collect();
        let rows: HashMap<&str, usize, FastHash> = areas.iter().enumerate().map(|(k, u)| (u.id.as_str(), k)).collect();
        let width = columns.len() * 2;
        Bars {
            p,
            row_of: units.iter().map(|u| rows.get(u.id).copied()).collect(),
            column_of,
            year,
            done: vec![false; areas.len() * width],
            width,
            entered: vec![false; areas.len()],
            last: areas.iter().map(|u| Some(u.versions.current().stamp.wall_ms)).collect(),
            areas,
        }
    }

    /// Reads record `r` of the area in `row`, about `item` (the programme's item `i`).
    fn read(&mut self, row: usize, r: &Record, item: &str, i: Option<usize>) {
        // An area's report texts are not its data: they neither count as
        // entered nor as a change to its checklist.
        if super::report_texts::is_reserved(item) {
            return;
        }
        self.last[row] = self.last[row].max(Some(r.versions.current().stamp.wall_ms));
        // Only the stamp of other years' records is read: most records stay untouched beyond it.
        let slot = match r.key.year {
            None => 0,
            Some(y) if y == self.year => 1,
            Some(_) => return,
        };
        let entry = r.entry();
        if slot == 1 && !entry.is_empty() {
            self.entered[row] = true;
        }
        if matches!(entry.value, Value::Empty) || !is_slot(r) {
            return;
        }
        let Some(column) = i.and_then(|i| self.column_of[i]) else { return };
        self.done[row * self.width + column * 2 + slot] = checklist_done(&entry.value, self.p);
    }

    fn finish(self) -> Vec<AreaProgress> {
        // Where each checklist item is read: once for the term, or in the year.
        let reads: Vec<usize> = (self.p.items.iter().zip(&self.column_of))
            .filter_map(|(it, column)| Some(column.filter(|_| on_checklist(it))? * 2 + usize::from(it.cadence != Cadence::Term)))
            .collect();
        self.areas
            .iter()
            .enumerate()
            .map(|(k, u)| AreaProgress {
                unit: u.id.clone(),
                name: u.data().name.clone(),
                done: reads.iter().filter(|&&c| self.done[k * self.width + c]).count(),
                total: reads.len(),
                entered: self.entered[k],
                last_change_ms: self.last[k],
            })
            .collect()
    }
}

/// Whether an item is on an area's checklist, as the checklist screen shows
/// it: areas fill it, it is still followed, and it is not a logged event.
pub(crate) fn on_checklist(item: &Item) -> bool {
    item.filled_by(Who::Areas) && item.cadence != Cadence::Event && !item.retired
}
