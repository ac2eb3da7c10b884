//! The two tables a commune takes to Excel, as typed cells: every record
//! ("Số liệu"), and the indicator results of every year ("Kết quả chỉ
//! tiêu"). [`super::csv`] and [`super::xlsx`] write the same tables, so the
//! two files never disagree.

use super::{indicator_results, percent_shown, texts, Period};
use crate::core::book::{Book, Record, UnitKind, Value};
use crate::core::progress::Measure;
use crate::core::programme::Programme;
use crate::core::clock::Env;
use crate::core::state::State;
use crate::core::text;
use chrono::{NaiveDate, NaiveDateTime};

/// One cell, with its type: what a spreadsheet stores.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing (an empty text is made one).
    Empty,
    /// Text, as it is.
    Text(String),
    /// A whole number (a count, n, N, a year).
    Int(i64),
    /// An amount in đồng (a thousands format in Excel).
    Amount(i64),
    /// A percentage as the app shows it (66.6 for "66,6 %"): never more than it is.
    Percent(f64),
    /// A day (dd/mm/yyyy).
    Date(NaiveDate),
    /// A moment on this phone's clock.
    Time(NaiveDateTime),
}

/// A column head and its width in characters.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The head, in Vietnamese.
    pub title: String,
    /// Characters the widest cell needs (at most 60), for the .xlsx.
    pub width: u16,
}

/// A table: its name (the sheet's), its columns, its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (and the file name's part).
    pub name: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows under the heads, a cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Cell {
    /// The width the cell needs, in characters.
    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Int(n) => text::group_thousands(*n).len(),
            Cell::Amount(n) => text::group_thousands(*n).len(),
            Cell::Percent(_) => 6,
            Cell::Date(_) => 10,
            Cell::Time(_) => 16,
        }
    }
}

impl Table {
    fn new(name: &str, heads: &[&str], mut rows: Vec<Vec<Cell>>) -> Table {
        // An empty text is no text: a spreadsheet keeps no empty strings.
        for cell in rows.iter_mut().flatten() {
            if matches!(cell, Cell::Text(t) if t.is_empty()) {
                *cell = Cell::Empty;
            }
        }
        let columns = heads
            .iter()
            .enumerate()
            .map(|(c, h)| {
                let widest = rows.iter().filter_map(|r| r.get(c)).map(Cell::width).max().unwrap_or(0);
                // Heads wrap onto two lines when they must; long texts stop at 60.
                let need = widest.max(h.chars().count().div_ceil(2)).max(h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0));
                Column { title: h.to_string(), width: (need + 2).clamp(6, 60) as u16 }
            })
            .collect();
        Table { name: name.to_string(), columns, rows }
    }
}

/// The percentage a text such as "66,6 %" or "1.000 %" shows, as a number.
fn percent_number(shown: &str) -> Option<f64> {
    let t: String = shown.trim_end_matches('%').trim().chars().filter(|c| *c != '.').map(|c| if c == ',' { '.' } else { c }).collect();
    t.parse().ok()
}


/// Where a record sorts: its unit's place, its item's, its year, then
/// the slot before its logged events by date.
fn record_order(book: &Book, units: &[&str], r: &Record) -> (usize, usize, i32, bool, Option<NaiveDate>) {
    let p = &book.programme;
    let unit = units.iter().position(|u| *u == r.key.unit).unwrap_or(units.len());
    let item = p
        .items
        .iter()
        .position(|i| i.id == r.key.item)
        .or_else(|| p.all_tasks().position(|(_, t)| t.id == r.key.item).map(|k| p.items.len() + k))
        .unwrap_or(usize::MAX);
    (unit, item, r.key.year.unwrap_or(i32::MIN), r.id != r.key.slot_id(), r.entry().date)
}

/// Every record's current value, one row each (cleared values and removed
/// events left out): unit, what, year, the value as people read it and as
/// numbers, date, note, who changed it last and when.
pub fn records_table(state: &State, env: &Env) -> Table {
    let book = &state.book;
    let p: &Programme = &book.programme;
    let mut units: Vec<&str> = Vec::new();
    for kind in [UnitKind::Commune, UnitKind::Area, UnitKind::Organisation] {
        units.extend(book.units_of(kind).into_iter().map(|(id, _)| id));
    }
    // Each record's place computed once (a 60-area commune has 5 000 records).
    let mut records: Vec<(_, &Record)> =
        book.records.values().filter(|r| !r.entry().is_empty()).map(|r| (record_order(book, &units, r), r)).collect();
    crate::core::sort_by(&mut records, |a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let rows = records
        .into_iter()
        .map(|(_, r)| {
            let e = r.entry();
            let unit = book.unit(&r.key.unit);
            let item = p.item(&r.key.item);
            let (serves, what) = if let Some(i) = item {
                (p.serves(i).unwrap_or_default(), i.label.clone())
            } else if let Some((part, t)) = p.all_tasks().find(|(_, t)| t.id == r.key.item) {
                (p.part_name(part), t.text.clone())
            } else if let Some(slot) = texts::Slot::of_item(&r.key.item) {
                let label = match slot {
                    texts::Slot::Section { first_half: true, .. } => format!("{} (6 tháng đầu năm)", slot.label()),
                    _ => slot.label().to_string(),
                };
                ("Báo cáo".to_string(), label)
            } else {
                (String::new(), r.key.item.clone())
            };
            let value = super::value_text(p, &e.value, &e.names);
            let (number, ratio) = match e.value {
                Value::Count { count } => (Cell::Int(count as i64), Cell::Empty),
                Value::Amount { dong } => (Cell::Amount(dong), Cell::Empty),
                Value::Ratio { n, of } if of > 0 => {
                    (Cell::Empty, percent_number(&text::percent_near(n as f64 * 100.0 / of as f64, 100.0)).map_or(Cell::Empty, Cell::Percent))
                }
                _ => (Cell::Empty, Cell::Empty),
            };
            let stamp = &r.versions.current().stamp;
            let who = state.changed_by(stamp);
            let local_ms = stamp.wall_ms.saturating_add(env.tz_offset_min as i64 * 60_000);
            // To the minute, as people read it ("18/11/2026 12:00").
            let minute = local_ms - local_ms.rem_euclid(60_000);
            let when = chrono::DateTime::from_timestamp_millis(minute).map(|t| t.naive_utc()).map_or(Cell::Empty, Cell::Time);
            vec![
                Cell::Text(unit.map(|u| u.name.clone()).unwrap_or_else(|| r.key.unit.clone())),
                Cell::Text(unit.map(|u| u.kind.label()).unwrap_or_default().to_string()),
                Cell::Text(serves),
                Cell::Text(what),
                r.key.year.map_or(Cell::Text("Cả nhiệm kỳ".into()), |y| Cell::Int(y as i64)),
                Cell::Text(value),
                number,
                ratio,
                e.date.map_or(Cell::Empty, Cell::Date),
                if e.note.is_empty() { Cell::Empty } else { Cell::Text(e.note.clone()) },
                Cell::Text(who),
                when,
            ]
        })
        .collect();
    Table::new(
        "Số liệu",
        &[
            "Đơn vị",
            "Loại đơn vị",
            "Chỉ tiêu",
            "Nội dung",
            "Năm",
            "Giá trị",
            "Số lượng, số tiền",
            "Tỷ lệ (%)",
            "Ngày",
            "Ghi chú",
            "Người sửa cuối",
            "Thời gian sửa",
        ],
        rows,
    )
}

/// The indicator results of every year of the term begun by `env.today`
/// (each as the year's report shows it), then
/// of the term so far.
pub fn results_table(state: &State, env: &Env) -> Table {
    let p = &state.book.programme;
    let mut rows = Vec::new();
    let periods = p.term.years().map(Period::Year).chain([Period::Term]);
    for period in periods {
        // Years not begun yet have no results.
        let Ok(groups) = indicator_results(state, period, env) else { continue };
        let when = match period {
            Period::Year(y) => Cell::Int(y as i64),
            _ => Cell::Text("Cả nhiệm kỳ".into()),
        };
        for g in &groups {
            for r in &g.rows {
                let (amount, pair) = match r.figure.measure {
                    Measure::Units { did, of } => (false, Some((did as i64, of as i64))),
                    Measure::Grades { at_or_above, of, .. } => (false, Some((at_or_above as i64, of as i64))),
                    Measure::Sum { sum, goal, amount } => (amount, Some((sum, goal))),
                    Measure::Ratio { entered: 0, .. } => (false, None),
                    Measure::Ratio { n, of, .. } => (false, Some((n as i64, of as i64))),
                    Measure::Years { met, counted } => (false, Some((met as i64, counted as i64))),
                    Measure::NoItem => (false, None),
                };
                let number = |n: i64| if amount { Cell::Amount(n) } else { Cell::Int(n) };
                let (got, of) = pair.map_or((Cell::Empty, Cell::Empty), |(a, b)| (number(a), number(b)));
                rows.push(vec![
                    when.clone(),
                    Cell::Text(g.title.clone()),
                    Cell::Text(r.target_id.clone()),
                    Cell::Text(r.target.clone()),
                    Cell::Text(r.goal.clone()),
                    Cell::Text(r.result.clone()),
                    got,
                    of,
                    percent_number(&percent_shown(&r.figure)).map_or(Cell::Empty, Cell::Percent),
                    Cell::Text(r.assessment.clone()),
                    if r.missing.is_empty() { Cell::Empty } else { Cell::Text(r.missing.clone()) },
                ]);
            }
        }
    }
    Table::new(
        "Kết quả chỉ tiêu",
        &["Năm", "Chỉ tiêu", "Mã", "Mốc đo", "Mức cần đạt", "Kết quả", "Đạt được", "Trên tổng số, mục tiêu", "Tỷ lệ (%)", "Đánh giá", "Còn thiếu"],
        rows,
    )
}

/// A readable ASCII file name for a table: "sotay-ha-hai-so-lieu-2026-12-05.csv".
pub fn file_name(book: &Book, table: &Table, today: NaiveDate, extension: &str) -> String {
    format!("sotay-{}-{}-{}.{extension}", text::slug(&super::place_of(&book.programme.owner)), text::slug(&table.name), text::iso_date(today))
}
