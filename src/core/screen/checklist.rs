//! The checklist of one unit for one year: its items grouped by indicator or
//! part, each item's editor, the commune's focus tasks and solutions, and
//! the rules for what people type into them.

use super::{year_choices, Choice, Env};
use crate::core::book::{Entry, Record, RecordKey, TaskStatus, UnitKind, Value};
use crate::core::clock::{Hlc, Stamp};
use crate::core::error::InputError;
use crate::core::programme::{Cadence, Item, ValueKind, Who};
use crate::core::state::{State, GENESIS_DEVICE};
use crate::core::text;
use chrono::{Datelike, NaiveDate};

/// The screen as a whole; each item and task has its own model (see [`item`], [`task`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistModel {
    pub unit: String,
    pub unit_name: String,
    pub year: i32,
    /// Units this phone may write, the shown one selected.
    pub units: Vec<Choice>,
    pub years: Vec<Choice>,
    pub groups: Vec<Group>,
    /// Said when the unit has no item to fill in.
    pub empty: Option<String>,
    /// The commune's yearly status of every focus task and solution, per part.
    pub tasks: Vec<TaskGroup>,
    /// Items no longer followed that hold this unit's data: shown, read only.
    pub retired: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Group {
    pub title: String,
    /// Item ids, in the programme's order.
    pub items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskGroup {
    pub title: String,
    pub tasks: Vec<String>,
}

/// The unit a checklist opens on: the one asked for when this phone may
/// write it, else this phone's own (see [`State::home_unit`]).
pub fn unit_shown(state: &State, requested: Option<&str>) -> Option<String> {
    requested
        .filter(|u| state.book.unit(u).is_some() && state.may_write(u))
        .map(str::to_string)
        .or_else(|| state.home_unit())
}

/// The year a screen opens on: the one asked for when it is in the term,
/// else today's year kept inside the term.
pub fn year_shown(state: &State, requested: Option<i32>, today: NaiveDate) -> i32 {
    let term = state.book.programme.term;
    requested.filter(|y| term.contains_year(*y)).unwrap_or_else(|| term.current_year(today))
}

/// The checklist of a unit for a year; None when there is no unit at all.
pub fn checklist(state: &State, unit: Option<&str>, year: Option<i32>, env: &Env) -> Option<ChecklistModel> {
    let unit = unit_shown(state, unit)?;
    let data = state.book.unit(&unit)?;
    let p = &state.book.programme;
    let year = year_shown(state, year, env.today);
    let mut units = Vec::new();
    for kind in [UnitKind::Commune, UnitKind::Area, UnitKind::Organisation] {
        for (id, u) in state.book.units_of(kind).into_iter().filter(|(i, _)| state.may_write(i)) {
            let label = if u.archived() { format!("{} (đã ngừng)", u.name) } else { u.name.clone() };
            units.push(Choice::new(id, label, id == unit));
        }
    }
    let who = data.kind.who();
    let mut groups: Vec<Group> = Vec::new();
    for item in p.items.iter().filter(|i| i.filled_by(who) && !i.retired) {
        let title = group_title(state, item);
        match groups.iter_mut().find(|g| g.title == title) {
            Some(g) => g.items.push(item.id.clone()),
            None => groups.push(Group { title, items: vec![item.id.clone()] }),
        }
    }
    let empty = groups.is_empty().then(|| match who {
        Who::Organisations => "Chương trình không có mục nào cho tổ chức thành viên.".to_string(),
        _ => "Chương trình không có mục nào cho đơn vị này.".to_string(),
    });
    let tasks = if data.kind == UnitKind::Commune {
        p.parts
            .iter()
            .map(|a| TaskGroup {
                title: format!("{}. {}", a.number, a.title),
                tasks: a.tasks.iter().chain(a.solutions.iter()).filter(|t| !t.retired).map(|t| t.id.clone()).collect(),
            })
            .filter(|g| !g.tasks.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let retired = p
        .items
        .iter()
        .filter(|i| i.retired && i.filled_by(who))
        .filter(|i| state.book.records.values().any(|r| r.key.unit == unit && r.key.item == i.id && !r.entry().is_empty()))
        .map(|i| i.id.clone())
        .collect();
    Some(ChecklistModel {
        unit_name: data.name.clone(),
        unit,
        year,
        units,
        years: year_choices(&p.term, year),
        groups,
        empty,
        tasks,
        retired,
    })
}

/// "Chỉ tiêu 3", "Chương trình hành động 6", "Khâu đột phá 1", or "Khác".
fn group_title(state: &State, item: &Item) -> String {
    state.book.programme.serves(item).unwrap_or_else(|| "Khác".to_string())
}

/// One item's card.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemModel {
    pub id: String,
    pub label: String,
    pub cadence: String,
    pub hint: Option<String>,
    pub editor: Editor,
    /// Date and note, for yearly and once-in-term items.
    pub details: Option<Details>,
    /// "Sửa lần cuối: …".
    pub changed: Option<String>,
    /// Earlier values, newest first: "18/11/2025 08:00 · máy này: Đã thực hiện".
    pub history: Vec<String>,
    /// Changed since the last successful save (see [`ItemModel`]'s callers).
    pub unsaved: bool,
    /// No longer followed: shown, not editable.
    pub retired: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Editor {
    Done { done: bool },
    Names { names: Vec<String> },
    Ratio { n: Option<u64>, of: Option<u64>, n_label: String, of_label: String, shown: String },
    Grade { options: Vec<Choice> },
    /// An amount of đồng for a yearly or once-in-term item, as typed ("" when none).
    Amount { text: String },
    Events(Events),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Events {
    pub amount: bool,
    /// "Tổng năm 2025: 2.500.000 đồng".
    pub total: String,
    pub rows: Vec<EventRow>,
    pub value_label: &'static str,
    /// What the form starts with: "" for an amount, "1" for a count.
    pub blank_value: &'static str,
    /// Today when it is in the year, else empty.
    pub default_date: String,
    pub min: String,
    pub max: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventRow {
    pub id: String,
    /// "2.500.000 đồng", "2 lần".
    pub what: String,
    /// The value as the form shows it when correcting it.
    pub raw: String,
    pub date: String,
    pub date_iso: String,
    pub note: String,
    pub changed: String,
    pub edit_label: String,
    pub remove_label: String,
    /// The question asked before removing it.
    pub confirm: String,
    pub unsaved: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    pub date: String,
    pub note: String,
    pub min: String,
    pub max: String,
    /// What the closed section says: "Thêm ngày, ghi chú" or "18/11/2025 · Họp ở nhà văn hóa".
    pub summary: String,
}

/// The record key of an item for a unit in a year: once-in-term items have none.
pub fn key(state: &State, unit: &str, item: &str, year: i32) -> RecordKey {
    let term = state.book.programme.item(item).is_some_and(|i| i.cadence == Cadence::Term);
    RecordKey { unit: unit.to_string(), item: item.to_string(), year: (!term).then_some(year) }
}

/// Who changed something, and when, in words.
pub fn changed_line(state: &State, stamp: &Stamp, env: &Env) -> String {
    if stamp.device == GENESIS_DEVICE {
        return state.changed_by(stamp);
    }
    format!("{} · {}", env.time(stamp.wall_ms), state.changed_by(stamp))
}

/// Whether a record changed after the last successful save, whose clock was `saved`.
fn unsaved(r: &Record, saved: Hlc) -> bool {
    r.versions.current().stamp.hlc > saved
}

/// The first and last day of a year of the term (the whole term for None), as yyyy-mm-dd.
pub fn date_bounds(state: &State, year: Option<i32>) -> (String, String) {
    let t = state.book.programme.term;
    let (a, b) = match year {
        Some(y) => (t.year_start(y), t.year_end(y)),
        None => (t.start, t.end()),
    };
    (text::iso_date(a), text::iso_date(b))
}

/// One item's card for a unit and year. `saved`: the clock of the last successful save.
pub fn item(state: &State, unit: &str, item: &str, year: i32, saved: Hlc, env: &Env) -> Option<ItemModel> {
    let p = &state.book.programme;
    let it = p.item(item)?;
    let key = key(state, unit, item, year);
    let record = state.book.record(&key);
    let entry = record.map(|r| r.entry().clone()).filter(|e| !e.is_empty()).unwrap_or_else(Entry::empty);
    let cadence = match it.cadence {
        Cadence::Yearly => format!("Ghi cho năm {year}"),
        Cadence::Term => "Ghi một lần trong nhiệm kỳ".to_string(),
        Cadence::Event => format!("Ghi từng lần trong năm {year}"),
    };
    let editor = match (it.cadence, it.value) {
        (Cadence::Event, _) => Editor::Events(events(state, unit, it, year, saved, env)),
        (_, ValueKind::Done) => Editor::Done { done: matches!(entry.value, Value::Done { done: true }) },
        (_, ValueKind::Count) => Editor::Names { names: entry.names.clone() },
        (_, ValueKind::Amount) => Editor::Amount {
            text: match entry.value {
                Value::Amount { dong } => text::group_thousands(dong),
                _ => String::new(),
            },
        },
        (_, ValueKind::Ratio) => {
            let (n, of) = match entry.value {
                Value::Ratio { n, of } => (Some(n), Some(of)),
                _ => (None, None),
            };
            let shown = match (n, of) {
                (Some(n), Some(of)) if of > 0 => text::percent(n as f64 * 100.0 / of as f64),
                (Some(_), Some(_)) => "Không có trường hợp nào (không tính)".to_string(),
                _ => "Chưa nhập".to_string(),
            };
            Editor::Ratio {
                n,
                of,
                n_label: it.numerator.clone().unwrap_or_else(|| "Đã thực hiện".into()),
                of_label: it.denominator.clone().unwrap_or_else(|| "Tổng số".into()),
                shown,
            }
        }
        (_, ValueKind::Grade) => {
            let current = match &entry.value {
                Value::Grade { grade } => grade.as_str(),
                _ => "",
            };
            let mut options = vec![Choice::new("", "— Chưa xếp loại —", current.is_empty())];
            options.extend(p.grades.iter().map(|g| Choice::new(&g.id, &g.label, g.id == current)));
            Editor::Grade { options }
        }
    };
    let slot = it.cadence != Cadence::Event;
    let details = slot.then(|| {
        let (min, max) = date_bounds(state, key.year);
        let date = entry.date.map(text::iso_date).unwrap_or_default();
        let summary = summary(entry.date, &entry.note);
        Details { date, note: entry.note.clone(), min, max, summary }
    });
    let (changed, history) = match record.filter(|_| slot) {
        Some(r) => (
            Some(format!("Sửa lần cuối: {}", changed_line(state, &r.versions.current().stamp, env))),
            r.versions.history().map(|v| format!("{}: {}", changed_line(state, &v.stamp, env), v.value.describe(p))).collect(),
        ),
        None => (None, Vec::new()),
    };
    Some(ItemModel {
        id: it.id.clone(),
        label: it.label.clone(),
        cadence,
        hint: it.hint.clone(),
        editor,
        details,
        changed,
        history,
        unsaved: record.is_some_and(|r| slot && unsaved(r, saved)),
        retired: it.retired,
    })
}

/// "Thêm ngày, ghi chú", or the date and the note's first words.
fn summary(date: Option<NaiveDate>, note: &str) -> String {
    let mut parts = Vec::new();
    if let Some(d) = date {
        parts.push(text::date(d));
    }
    if !note.is_empty() {
        parts.push(text::short(note, 40));
    }
    if parts.is_empty() {
        "Thêm ngày, ghi chú".to_string()
    } else {
        parts.join(" · ")
    }
}

fn events(state: &State, unit: &str, it: &Item, year: i32, saved: Hlc, env: &Env) -> Events {
    let amount = it.value == ValueKind::Amount;
    let rows = state
        .book
        .events(unit, &it.id, year)
        .into_iter()
        .map(|r| {
            let e = r.entry();
            let (what, raw) = match e.value {
                Value::Amount { dong } => (text::dong(dong), text::group_thousands(dong)),
                Value::Count { count } => (format!("{count} lần"), count.to_string()),
                _ => (String::new(), String::new()),
            };
            let date = e.date.map(text::date).unwrap_or_else(|| "không ghi ngày".into());
            let named = format!("{what}, {date}");
            EventRow {
                id: r.id.clone(),
                edit_label: format!("Sửa lần ghi {named}"),
                remove_label: format!("Xóa lần ghi {named}"),
                confirm: format!("Xóa lần ghi {named}? Nó sẽ không còn được tính nữa."),
                what,
                raw,
                date,
                date_iso: e.date.map(text::iso_date).unwrap_or_default(),
                note: e.note.clone(),
                changed: changed_line(state, &r.versions.current().stamp, env),
                unsaved: unsaved(r, saved),
            }
        })
        .collect();
    let sum = state.book.event_total(unit, &it.id, year);
    let (min, max) = date_bounds(state, Some(year));
    Events {
        amount,
        total: format!("Tổng năm {year}: {}", crate::core::progress::amount_text(it, sum)),
        rows,
        value_label: if amount { "Số tiền (đồng)" } else { "Số lượng" },
        blank_value: if amount { "" } else { "1" },
        default_date: if env.today.year() == year { text::iso_date(env.today) } else { String::new() },
        min,
        max,
    }
}

/// A focus task's or main solution's row for the commune in a year.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskModel {
    pub id: String,
    /// "Nhiệm vụ" or "Giải pháp".
    pub kind: &'static str,
    pub text: String,
    pub status: Vec<Choice>,
    pub note: String,
    pub unsaved: bool,
}

pub fn task(state: &State, unit: &str, task: &str, year: i32, saved: Hlc) -> Option<TaskModel> {
    let p = &state.book.programme;
    let (part, t) = p.all_tasks().find(|(_, t)| t.id == task)?;
    let kind = if part.tasks.iter().any(|x| x.id == task) { "Nhiệm vụ" } else { "Giải pháp" };
    let key = RecordKey { unit: unit.to_string(), item: task.to_string(), year: Some(year) };
    let record = state.book.record(&key);
    let entry = record.map(|r| r.entry());
    let current = match entry.map(|e| &e.value) {
        Some(Value::Status { status }) => status.code(),
        _ => "",
    };
    let mut status = vec![Choice::new("", "— Chưa đánh giá —", current.is_empty())];
    status.extend(TaskStatus::ALL.iter().map(|s| Choice::new(s.code(), s.label(), s.code() == current)));
    Some(TaskModel {
        id: t.id.clone(),
        kind,
        text: t.text.clone(),
        status,
        note: entry.map(|e| e.note.clone()).unwrap_or_default(),
        unsaved: record.is_some_and(|r| unsaved(r, saved)),
    })
}

/// An amount typed for a yearly or once-in-term item ("" clears it).
pub fn amount_value(s: &str) -> Result<Value, InputError> {
    if s.trim().is_empty() {
        return Ok(Value::Empty);
    }
    text::parse_dong(s).map(|dong| Value::Amount { dong }).ok_or_else(|| InputError::NotAmount(s.trim().to_string()))
}

/// A task status chosen in the select ("" clears it).
pub fn status_value(code: &str) -> Value {
    TaskStatus::from_code(code).map(|status| Value::Status { status }).unwrap_or(Value::Empty)
}

/// A grade chosen in the select ("" clears it).
pub fn grade_value(id: &str) -> Value {
    if id.is_empty() {
        Value::Empty
    } else {
        Value::Grade { grade: id.to_string() }
    }
}

/// A whole number of 0 or more, or None for an empty box.
pub fn parse_count(s: &str) -> Result<Option<u64>, InputError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u64>().map(Some).map_err(|_| InputError::NotCount(t.to_string()))
}

/// What to save from a ratio's two boxes, given what is saved (`saved`).
/// Both numbers: n of N. Both empty: cleared. N = 0 alone: 0 of 0 (nothing
/// to do this year, which then does not count). One number of a first entry:
/// ask for the other. One number cleared of a saved pair: the pair stays.
pub fn ratio_value(n: &str, of: &str, saved: Option<(u64, u64)>) -> Result<Value, InputError> {
    match (parse_count(n)?, parse_count(of)?) {
        (None, None) => Ok(Value::Empty),
        (Some(n), Some(of)) => Ok(Value::Ratio { n, of }),
        (None, Some(0)) => Ok(Value::Ratio { n: 0, of: 0 }),
        _ if saved.is_none() => Err(InputError::BothNumbers),
        _ => Err(InputError::KeepBoth),
    }
}

/// A date typed into a date box: empty is none.
pub fn parse_date_input(s: &str) -> Result<Option<NaiveDate>, InputError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    text::parse_iso_date(s.trim()).map(Some).ok_or(InputError::BadDate)
}

/// A logged event from its form: an amount of đồng or a count, a date, a note.
pub fn event_entry(amount: bool, value: &str, date: &str, note: &str) -> Result<Entry, InputError> {
    let value = if amount {
        Value::Amount { dong: text::parse_dong(value).ok_or_else(|| InputError::NotAmount(value.trim().to_string()))? }
    } else {
        // 0 and below are refused by the core (an event counts at least 1).
        Value::Count { count: parse_count(value)?.unwrap_or(0) }
    };
    Ok(Entry { value, date: parse_date_input(date)?, note: note.trim().to_string(), names: vec![] })
}
