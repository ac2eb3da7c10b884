//! The commune's data: units and records, each a set of versions that merges
//! deterministically with copies from other phones.
//!
//! Every unit and record keeps all its versions. The current value is the
//! version with the highest stamp; the others are its history. Merging two
//! copies is the union of their versions, so it is commutative, associative
//! and idempotent, and nothing a phone ever wrote is lost.

use super::clock::Stamp;
use super::json::{to_string, Write};
use super::programme::{Programme, Who};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One value with who wrote it and when. In JSON the stamp's fields sit
/// beside the value: `{"t": clock ms, "c": counter, "d": device, "w": wall ms, "v": value}`
/// (`c` defaults to 0 and `w` to `t`).
/// (Written out by hand rather than with `#[serde(flatten)]`, which buffers
/// every version, costs code size, and hides where a parse error is.)
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "VersionRepr<T>", bound(deserialize = "T: Deserialize<'de>"))]
pub struct Version<T> {
    pub stamp: Stamp,
    pub value: T,
}

#[derive(Deserialize)]
struct VersionRepr<T> {
    t: i64,
    #[serde(default)]
    c: u32,
    d: String,
    #[serde(default)]
    w: Option<i64>,
    v: T,
}

impl<T> From<VersionRepr<T>> for Version<T> {
    fn from(r: VersionRepr<T>) -> Self {
        let wall_ms = r.w.unwrap_or(r.t);
        Version { stamp: Stamp { hlc: super::clock::Hlc { ms: r.t, count: r.c }, device: r.d, wall_ms }, value: r.v }
    }
}

/// `c` is left out when 0 and `w` when it equals `t`, as they mostly do.
impl<T: Serialize> Serialize for Version<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let st_ = &self.stamp;
        let mut st = s.serialize_struct("Version", 5)?;
        st.serialize_field("t", &st_.hlc.ms)?;
        if st_.hlc.count != 0 {
            st.serialize_field("c", &st_.hlc.count)?;
        }
        st.serialize_field("d", &st_.device)?;
        if st_.wall_ms != st_.hlc.ms {
            st.serialize_field("w", &st_.wall_ms)?;
        }
        st.serialize_field("v", &self.value)?;
        st.end()
    }
}

/// Versions sorted by stamp, oldest first; the last is current.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Versions<T>(pub(crate) Vec<Version<T>>);

/// What a merge did to one unit or record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeEffect {
    /// We did not have it.
    New,
    /// Theirs is newer and becomes current; ours goes to history.
    Newer,
    /// Ours stays current (theirs may still add history).
    Older,
    /// Same current version.
    Same,
}

impl<T: Clone + PartialEq + Write> Versions<T> {
    pub fn new(stamp: Stamp, value: T) -> Self {
        Versions(vec![Version { stamp, value }])
    }

    pub fn current(&self) -> &Version<T> {
        self.0.last().expect("a versioned value always has a version")
    }

    pub fn value(&self) -> &T {
        &self.current().value
    }

    /// Earlier versions, newest first.
    pub fn history(&self) -> impl Iterator<Item = &Version<T>> {
        self.0.iter().rev().skip(1)
    }

    pub fn all(&self) -> &[Version<T>] {
        &self.0
    }

    /// Records a new value; the old one stays in history.
    pub fn set(&mut self, stamp: Stamp, value: T) {
        self.insert(Version { stamp, value });
    }

    fn insert(&mut self, v: Version<T>) {
        match self.0.binary_search_by(|x| order(x, &v)) {
            Ok(_) => {}
            Err(pos) => self.0.insert(pos, v),
        }
    }

    /// Adds their versions to ours. Returns how their current version compares to ours.
    pub fn merge(&mut self, other: &Versions<T>) -> MergeEffect {
        let ours = self.current().clone();
        for v in &other.0 {
            self.insert(v.clone());
        }
        match order(other.current(), &ours) {
            std::cmp::Ordering::Greater => MergeEffect::Newer,
            std::cmp::Ordering::Less => MergeEffect::Older,
            std::cmp::Ordering::Equal => MergeEffect::Same,
        }
    }

    /// Sorts and de-duplicates versions read from storage or a file.
    pub fn normalise(&mut self) {
        let mut all = std::mem::take(&mut self.0);
        super::sort_by(&mut all, order);
        all.dedup_by(|a, b| order(a, b).is_eq());
        self.0 = all;
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Total order of versions: by stamp, and for the (practically impossible)
/// equal stamp with different values, by the value's JSON text, so that every
/// phone picks the same winner.
fn order<T: Write + PartialEq>(a: &Version<T>, b: &Version<T>) -> std::cmp::Ordering {
    a.stamp.cmp(&b.stamp).then_with(|| {
        if a.value == b.value {
            std::cmp::Ordering::Equal
        } else {
            to_string(&a.value).cmp(&to_string(&b.value))
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A residential area (khu dân cư, thôn) with its Ban công tác Mặt trận.
    Area,
    /// The commune committee (Ủy ban MTTQ xã).
    Commune,
    /// A member organisation (tổ chức thành viên).
    Organisation,
}

impl UnitKind {
    /// Its name, as a title: "Khu dân cư", "Tổ chức thành viên", "Ủy ban MTTQ xã".
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Area => "Khu dân cư",
            UnitKind::Organisation => "Tổ chức thành viên",
            UnitKind::Commune => "Ủy ban MTTQ xã",
        }
    }

    /// For the page's markup and the tests that read it.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Area => "area",
            UnitKind::Commune => "commune",
            UnitKind::Organisation => "organisation",
        }
    }

    pub fn who(self) -> Who {
        match self {
            UnitKind::Area => Who::Areas,
            UnitKind::Commune => Who::Commune,
            UnitKind::Organisation => Who::Organisations,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitData {
    pub kind: UnitKind,
    pub name: String,
    /// Number of households (số hộ), for areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<u32>,
    /// Position in lists; smaller first.
    #[serde(default)]
    pub order: i64,
    /// First year the unit counts in (None: from the start of the term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i32>,
    /// Last year the unit counts in, once archived (None: not archived).
    /// An archived unit keeps all its data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i32>,
}

impl UnitData {
    /// Whether the unit is in the denominators of `year`.
    pub fn active_in(&self, year: i32) -> bool {
        self.since.is_none_or(|s| year >= s) && self.until.is_none_or(|u| year <= u)
    }

    pub fn archived(&self) -> bool {
        self.until.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    pub versions: Versions<UnitData>,
}

impl Unit {
    pub fn data(&self) -> &UnitData {
        self.versions.value()
    }
}

/// Status of a focus task or main solution in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
}

/// The value a unit entered for an item. In JSON: `{"kind": "done", "done": true}`,
/// `{"kind": "ratio", "n": 3, "of": 5}`... (read through [`ValueRepr`]: serde's
/// internally tagged enums buffer every value and cost 14 KB of wasm).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "ValueRepr", try_from = "ValueRepr")]
pub enum Value {
    /// Cleared (or, for a logged event, removed).
    Empty,
    Done { done: bool },
    Count { count: u64 },
    /// Đồng; never negative.
    Amount { dong: i64 },
    Ratio { n: u64, of: u64 },
    Grade { grade: String },
    Status { status: TaskStatus },
}

impl Value {
    /// The value as every screen, history line and report writes it:
    /// "Đã thực hiện", "1.200", "20.000.000 đồng", "67/70", a grade's or a
    /// status's label; nothing for an empty one.
    pub fn text(&self, programme: &Programme) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Done { done: true } => "Đã thực hiện".to_string(),
            Value::Done { done: false } => "Chưa thực hiện".to_string(),
            Value::Count { count } => super::text::group_thousands(*count as i64),
            Value::Amount { dong } => super::text::dong(*dong),
            Value::Ratio { n, of } => format!("{n}/{of}"),
            Value::Grade { grade } => programme.grade_label(grade).unwrap_or(grade).to_string(),
            Value::Status { status } => status.label().to_string(),
        }
    }
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ValueTag {
    Empty,
    Done,
    Count,
    Amount,
    Ratio,
    Grade,
    Status,
}

/// [`Value`] as it is in JSON: the kind and the fields of every kind.
#[derive(Serialize, Deserialize)]
pub(crate) struct ValueRepr {
    pub(crate) kind: ValueTag,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) done: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) dong: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) n: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) of: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<TaskStatus>,
}


impl From<Value> for ValueRepr {
    fn from(v: Value) -> Self {
        let mut r = ValueRepr { kind: ValueTag::Empty, done: None, count: None, dong: None, n: None, of: None, grade: None, status: None };
        match v {
            Value::Empty => {}
            Value::Done { done } => (r.kind, r.done) = (ValueTag::Done, Some(done)),
            Value::Count { count } => (r.kind, r.count) = (ValueTag::Count, Some(count)),
            Value::Amount { dong } => (r.kind, r.dong) = (ValueTag::Amount, Some(dong)),
            Value::Ratio { n, of } => (r.kind, r.n, r.of) = (ValueTag::Ratio, Some(n), Some(of)),
            Value::Grade { grade } => (r.kind, r.grade) = (ValueTag::Grade, Some(grade)),
            Value::Status { status } => (r.kind, r.status) = (ValueTag::Status, Some(status)),
        }
        r
    }
}

impl TryFrom<ValueRepr> for Value {
    type Error = String;
    fn try_from(r: ValueRepr) -> Result<Self, String> {
        Ok(match r.kind {
            ValueTag::Empty => Value::Empty,
            ValueTag::Done => Value::Done { done: super::required(r.done, "done")? },
            ValueTag::Count => Value::Count { count: super::required(r.count, "count")? },
            ValueTag::Amount => Value::Amount { dong: super::required(r.dong, "dong")? },
            ValueTag::Ratio => Value::Ratio { n: super::required(r.n, "n")?, of: super::required(r.of, "of")? },
            ValueTag::Grade => Value::Grade { grade: super::required(r.grade, "grade")? },
            ValueTag::Status => Value::Status { status: super::required(r.status, "status")? },
        })
    }
}

/// One version of a record's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::text::ymd::option")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Named entries, e.g. which công trình; for count items the count is their number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

impl Entry {
    /// Adds a named entry (a công trình, a mô hình...); the count follows the names.
    pub fn add_name(&mut self, name: &str) {
        self.names.push(name.trim().to_string());
        self.value = Value::Count { count: self.names.len() as u64 };
    }

    /// Removes the i-th named entry; with none left the value is cleared.
    pub fn remove_name(&mut self, i: usize) {
        if i < self.names.len() {
            self.names.remove(i);
        }
        self.value = if self.names.is_empty() { Value::Empty } else { Value::Count { count: self.names.len() as u64 } };
    }

    pub fn empty() -> Entry {
        Entry { value: Value::Empty, date: None, note: String::new(), names: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.value == Value::Empty && self.note.is_empty() && self.names.is_empty() && self.date.is_none()
    }
}

/// What a record is about: one unit, one item (or task), and a year (None for
/// once-in-the-term items).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    pub unit: String,
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl RecordKey {
    /// Reads the key back from a record id (see [`Record`]). None when the id
    /// is not of that shape.
    pub fn from_id(id: &str) -> Option<RecordKey> {
        let parts: Vec<&str> = id.split('/').collect();
        let (unit, item, year, rest) = match parts.as_slice() {
            [u, i, y] => (*u, *i, *y, None),
            [u, i, y, e] => (*u, *i, *y, Some(*e)),
            _ => return None,
        };
        if unit.is_empty() || item.is_empty() || rest.is_some_and(str::is_empty) {
            return None;
        }
        let year = match (year, rest) {
            ("term", None) => None,
            (y, _) => Some(y.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))?),
        };
        Some(RecordKey { unit: unit.to_string(), item: item.to_string(), year })
    }

    /// The id of the one record of a yearly or term item for a unit: every
    /// phone derives the same id, so two phones ticking the same box merge.
    pub fn slot_id(&self) -> String {
        match self.year {
            Some(y) => format!("{}/{}/{}", self.unit, self.item, y),
            None => format!("{}/{}/term", self.unit, self.item),
        }
    }
}

/// In JSON: `{"id", "versions"}`. The unit, item and year are read from the
/// id ("unit/item/year", "unit/item/term", or "unit/item/year/device-clock"
/// for a logged event) rather than written a second time: the id is the
/// record's key, and this keeps stored data about a third smaller.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RecordRepr")]
pub struct Record {
    pub id: String,
    pub key: RecordKey,
    pub versions: Versions<Entry>,
}

#[derive(Deserialize)]
pub(crate) struct RecordRepr {
    pub(crate) id: String,
    pub(crate) versions: Versions<Entry>,
}

impl TryFrom<RecordRepr> for Record {
    type Error = String;
    fn try_from(r: RecordRepr) -> Result<Self, String> {
        let key = RecordKey::from_id(&r.id)
            .ok_or_else(|| super::problem(format!("mã bản ghi “{}” không đúng dạng đơn-vị/mục/năm", r.id)))?;
        Ok(Record { id: r.id, key, versions: r.versions })
    }
}

impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Record", 2)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("versions", &self.versions)?;
        st.end()
    }
}

impl Record {
    pub fn entry(&self) -> &Entry {
        self.versions.value()
    }
}

/// All the data of one commune under one programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub programme: Programme,
    pub units: BTreeMap<String, Unit>,
    pub records: BTreeMap<String, Record>,
}

/// Counts of what a merge did, per unit id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub units: BTreeMap<String, EffectCounts>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EffectCounts {
    pub new: usize,
    pub newer: usize,
    pub older: usize,
    pub same: usize,
    /// Of the older and same: how many still add versions to our history.
    pub history: usize,
    /// (record id, our value, their value) for records theirs replaces.
    pub replaced: Vec<(String, Entry, Entry)>,
}

impl EffectCounts {
    /// Counts one merge effect; `grew`: versions were added to our history.
    fn add_grown(&mut self, e: MergeEffect, grew: bool) {
        match e {
            MergeEffect::New => self.new += 1,
            MergeEffect::Newer => self.newer += 1,
            MergeEffect::Older => self.older += 1,
            MergeEffect::Same => self.same += 1,
        }
        if grew && matches!(e, MergeEffect::Older | MergeEffect::Same) {
            self.history += 1;
        }
    }

    /// Units and records the merge changes: new, newer, or with history added.
    pub fn changes(&self) -> usize {
        self.new + self.newer + self.history
    }
}

impl MergeReport {
    pub fn changes(&self) -> usize {
        self.units.values().map(|c| c.changes()).sum()
    }
}

impl Book {
    pub fn new(programme: Programme) -> Book {
        Book { programme, units: BTreeMap::new(), records: BTreeMap::new() }
    }

    pub fn unit(&self, id: &str) -> Option<&UnitData> {
        self.units.get(id).map(|u| u.data())
    }

    /// Units of one kind in display order (order, then Vietnamese name order).
    pub fn units_of(&self, kind: UnitKind) -> Vec<(&str, &UnitData)> {
        let mut v: Vec<(&str, &UnitData)> = self
            .units
            .values()
            .filter(|u| u.data().kind == kind)
            .map(|u| (u.id.as_str(), u.data()))
            .collect();
        super::sort_by(&mut v, |a, b| a.1.order.cmp(&b.1.order).then_with(|| super::text::collate(&a.1.name, &b.1.name)));
        v
    }

    pub fn commune_id(&self) -> Option<&str> {
        self.units.values().find(|u| u.data().kind == UnitKind::Commune).map(|u| u.id.as_str())
    }

    pub fn record(&self, key: &RecordKey) -> Option<&Record> {
        self.records.get(&key.slot_id())
    }

    pub fn entry(&self, key: &RecordKey) -> Option<&Entry> {
        self.record(key).map(|r| r.entry()).filter(|e| !e.is_empty())
    }

    /// Logged events of one unit and item in one year, oldest first (removed ones left out).
    ///
    /// Reads only the records whose id starts with "unit/item/": a record's
    /// key is read from its id (`RecordKey::from_id`), so every record of
    /// this unit and item is there, whatever its id says after that.
    pub fn events(&self, unit: &str, item: &str, year: i32) -> Vec<&Record> {
        let prefix = format!("{unit}/{item}/");
        let mut v: Vec<&Record> = self
            .records
            .range::<str, _>((std::ops::Bound::Included(prefix.as_str()), std::ops::Bound::Unbounded))
            .take_while(|(id, _)| id.starts_with(&prefix))
            .map(|(_, r)| r)
            .filter(|r| r.key.unit == unit && r.key.item == item && r.key.year == Some(year) && r.id != r.key.slot_id())
            .filter(|r| r.entry().value != Value::Empty)
            .collect();
        super::sort_by(&mut v, |a, b| (a.entry().date, &a.versions.all()[0].stamp).cmp(&(b.entry().date, &b.versions.all()[0].stamp)));
        v
    }

    /// The sum of a unit's logged amounts (or counts) for an item in a year.
    pub fn event_total(&self, unit: &str, item: &str, year: i32) -> i64 {
        self.events(unit, item, year)
            .iter()
            .map(|r| match r.entry().value {
                Value::Amount { dong } => dong,
                Value::Count { count } => count as i64,
                _ => 0,
            })
            .sum()
    }

    /// Merges another copy into this one, record by record.
    pub fn merge(&mut self, other: &Book) -> MergeReport {
        let mut report = MergeReport::default();
        for (id, theirs) in &other.units {
            let mut grew = false;
            let effect = match self.units.get_mut(id) {
                Some(ours) => {
                    let n = ours.versions.all().len();
                    let e = ours.versions.merge(&theirs.versions);
                    grew = ours.versions.all().len() > n;
                    e
                }
                None => {
                    self.units.insert(id.clone(), theirs.clone());
                    MergeEffect::New
                }
            };
            report.units.entry(id.clone()).or_default().add_grown(effect, grew);
        }
        for (id, theirs) in &other.records {
            let mut grew = false;
            let effect = match self.records.get_mut(id) {
                Some(ours) => {
                    let before = ours.entry().clone();
                    let n = ours.versions.all().len();
                    let e = ours.versions.merge(&theirs.versions);
                    grew = ours.versions.all().len() > n;
                    if e == MergeEffect::Newer {
                        report
                            .units
                            .entry(theirs.key.unit.clone())
                            .or_default()
                            .replaced
                            .push((id.clone(), before, theirs.entry().clone()));
                    }
                    e
                }
                None => {
                    self.records.insert(id.clone(), theirs.clone());
                    MergeEffect::New
                }
            };
            report.units.entry(theirs.key.unit.clone()).or_default().add_grown(effect, grew);
        }
        report
    }

    /// Merges `other`, and takes its programme when it is a newer revision of
    /// ours (the same id): what an import and another tab's save both do.
    pub fn merge_following(&mut self, other: &Book) -> MergeReport {
        if other.programme.id == self.programme.id && other.programme.revision > self.programme.revision {
            self.programme = other.programme.clone();
        }
        self.merge(other)
    }

    /// The versions this book has that `base` has not: what was written here
    /// since `base` was taken. A unit whose records are in it comes whole, so
    /// that the part can be merged into a book that lacks the unit.
    pub fn versions_not_in(&self, base: &Book) -> Book {
        fn new_part<T: Clone + PartialEq + Write>(ours: &Versions<T>, theirs: Option<&Versions<T>>) -> Option<Versions<T>> {
            let fresh: Vec<Version<T>> =
                ours.0.iter().filter(|v| theirs.is_none_or(|t| !t.0.iter().any(|x| order(x, v).is_eq()))).cloned().collect();
            (!fresh.is_empty()).then(|| Versions(fresh))
        }
        let mut out = Book::new(self.programme.clone());
        for (id, r) in &self.records {
            if let Some(versions) = new_part(&r.versions, base.records.get(id).map(|b| &b.versions)) {
                out.records.insert(id.clone(), Record { id: id.clone(), key: r.key.clone(), versions });
            }
        }
        for (id, u) in &self.units {
            let part = new_part(&u.versions, base.units.get(id).map(|b| &b.versions));
            let needed = out.records.values().any(|r| r.key.unit == *id);
            if part.is_some() || needed {
                out.units.insert(id.clone(), if needed { u.clone() } else { Unit { id: id.clone(), versions: part.expect("checked") } });
            }
        }
        out
    }

    /// The book as it was at wall time `ms` (ms since the epoch): only the
    /// versions written up to then (`stamp.wall_ms <= ms`, the writing
    /// phone's own clock, as people see it in history lists). A unit or a
    /// record with no version left is not in it. What a report of a period
    /// that is over reads: the data as it stood at the period's end.
    pub fn as_of(&self, ms: i64) -> Book {
        fn upto<T: Clone>(v: &Versions<T>, ms: i64) -> Option<Versions<T>> {
            let kept: Vec<Version<T>> = v.0.iter().filter(|x| x.stamp.wall_ms <= ms).cloned().collect();
            (!kept.is_empty()).then_some(Versions(kept))
        }
        let units = self
            .units
            .iter()
            .filter_map(|(id, u)| Some((id.clone(), Unit { id: u.id.clone(), versions: upto(&u.versions, ms)? })))
            .collect();
        let records = self
            .records
            .iter()
            .filter_map(|(id, r)| Some((id.clone(), Record { id: r.id.clone(), key: r.key.clone(), versions: upto(&r.versions, ms)? })))
            .collect();
        Book { programme: self.programme.clone(), units, records }
    }

    /// The latest clock anywhere in the book (to move the local clock past it).
    pub fn max_stamp(&self) -> Option<&Stamp> {
        let u = self.units.values().map(|u| &u.versions.current().stamp);
        let r = self.records.values().map(|r| &r.versions.current().stamp);
        u.chain(r).max()
    }

    /// A short code of the data, the same on two phones exactly when they hold
    /// the same versions: people read it aloud to compare.
    pub fn fingerprint(&self) -> String {
        self.fingerprint_at(self.programme.revision)
    }

    /// The fingerprint this data had on a phone that followed revision
    /// `revision` of the programme (a file from a phone not yet updated).
    pub fn fingerprint_at(&self, revision: u32) -> String {
        let mut h = Fnv::new();
        h.write(self.programme.id.as_bytes());
        h.write(&revision.to_le_bytes());
        for u in self.units.values() {
            h.write(u.id.as_bytes());
            for v in u.versions.all() {
                h.version(v);
            }
        }
        for r in self.records.values() {
            h.write(r.id.as_bytes());
            for v in r.versions.all() {
                h.version(v);
            }
        }
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
        let mut x = h.0;
        (0..6)
            .map(|_| {
                let c = ALPHABET[(x & 31) as usize] as char;
                x >>= 5;
                c
            })
            .collect()
    }
}

/// FNV-1a, 64 bits: small, stable across platforms and versions.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 ^= 0xff; // separator, so "ab"+"c" differs from "a"+"bc"
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    /// A version: its stamp and its value, so an edited value changes the code too.
    fn version<T: Write>(&mut self, v: &Version<T>) {
        let s = &v.stamp;
        self.write(&s.hlc.ms.to_le_bytes());
        self.write(&s.hlc.count.to_le_bytes());
        self.write(s.device.as_bytes());
        self.write(&s.wall_ms.to_le_bytes());
        self.write(to_string(&v.value).as_bytes());
    }
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [TaskStatus::NotStarted, TaskStatus::InProgress, TaskStatus::Done];

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa triển khai",
            TaskStatus::InProgress => "Đang triển khai",
            TaskStatus::Done => "Hoàn thành",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }

    pub fn from_code(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|t| t.code() == s)
    }
}

impl Entry {
    /// A short Vietnamese description of the value, for history lists and previews.
    pub fn describe(&self, programme: &Programme) -> String {
        use super::text;
        let mut s = match &self.value {
            Value::Empty => "(để trống)".to_string(),
            value => value.text(programme),
        };
        if !self.names.is_empty() {
            s.push_str(&format!(": {}", self.names.join(", ")));
        }
        if let Some(d) = self.date {
            s.push_str(&format!(", ngày {}", text::date(d)));
        }
        if !self.note.is_empty() {
            s.push_str(&format!(" ({})", self.note));
        }
        s
    }
}
