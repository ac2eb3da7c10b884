//! Mutation fuzzing of the import, shared by the short run in the core tests
//! (`src/core/tests/fuzz_tests.rs`, `cargo test --lib`) and the long run
//! (`cargo run --release --example fuzz_import -- N`, `./scripts/bench fuzz N`).
//!
//! It starts from real exported files (a commune with a few areas and every
//! kind of value, events, history; one area's file; a file bringing a newer
//! programme revision; the bare programme file; a file of another programme)
//! and mutates them twice over: as JSON (keys removed or written twice, types
//! swapped, huge and negative numbers, lone surrogates, deep nesting, values
//! moved between records, ids edited) and then as bytes (flips, truncation at
//! any byte, invalid UTF-8, decoded as the browser does with
//! `String::from_utf8_lossy`).
//!
//! The property ([`check`]): the import never panics. It either refuses the
//! file with an [`ImportError`] whose message has no English in it
//! ([`english_in`]), or it accepts a file whose content exports and reads back
//! unchanged; merged into a phone (a new one, the commune's, an area's), the
//! preview's promised fingerprint is the one after applying, the result
//! exports, reads back, stores and loads unchanged, its gauges compute, and
//! the phone can go on working with it.
//!
//! The same mutations are made to what phones store ([`stored_text_of`]):
//! [`check_stored`] holds the stored-state codec (`core::codec`) to what
//! serde read and wrote before it, and its refusals to plain Vietnamese.
//!
//! Written against `sotay::core` so that the example can include it; the lib's
//! tests reach it through `extern crate self as sotay` (see `src/lib.rs`).

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use sotay::core::book::{Book, Entry, Record, RecordKey, Unit, UnitKind, Value};
use sotay::core::file::{self, ImportError, Scope};
use sotay::core::programme::{Cadence, Item, Programme, ValueKind};
use sotay::core::json;
use sotay::core::state::{Action, Local, Role, State, COMMUNE_ID};
use sotay::core::stored::{Damage, DecodeError, Stored};
use sotay::core::{default_programme, progress, stored, DEFAULT_PROGRAMME_JSON};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// 27/10/2024, a few days into the term.
pub const T0: i64 = 1_730_000_000_000;
const DAY: i64 = 86_400_000;
/// When the fuzzed file is imported: late 2026.
const NOW: i64 = T0 + 760 * DAY;

/// How many cases: `SOTAY_FUZZ_CASES` if set, else `default`.
pub fn cases_from_env(default: u32) -> u32 {
    std::env::var("SOTAY_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

// ---------------------------------------------------------------------------
// The corpus: real files, and the phones that receive them.

pub struct Seed {
    pub name: &'static str,
    pub text: String,
    /// The file's JSON, parsed once.
    json: J,
}

pub struct Corpus {
    pub seeds: Vec<Seed>,
    /// (name, state) of the phones a file is imported into.
    pub receivers: Vec<(&'static str, State)>,
    /// Unit ids and item/task ids to write into edited record ids.
    unit_ids: Vec<String>,
    item_ids: Vec<String>,
}

pub fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(build_corpus)
}

fn fresh(device: &str) -> State {
    State::fresh(default_programme(), device.into(), T0)
}

fn ok(s: &mut State, a: Action, now: i64) {
    let what = format!("{a:?}");
    s.apply(a, now).unwrap_or_else(|e| panic!("fixture action {what} refused: {e}"));
}

/// A value of the item's kind; `v` varies it (so that each change differs).
fn entry_for(item: &Item, p: &Programme, year: Option<i32>, v: u64) -> Entry {
    let (value, names) = match item.value {
        ValueKind::Done => (Value::Done { done: v.is_multiple_of(2) }, vec![]),
        ValueKind::Count if item.cadence == Cadence::Event => (Value::Count { count: 1 + v % 4 }, vec![]),
        ValueKind::Count => {
            let names: Vec<String> = (0..=v % 3).map(|k| format!("Công trình “Đường bê tông xóm {}” số {k}", v + 1)).collect();
            (Value::Count { count: names.len() as u64 }, names)
        }
        ValueKind::Amount => (Value::Amount { dong: 1_500_000 * (v as i64 + 1) }, vec![]),
        ValueKind::Ratio => (Value::Ratio { n: 40 + v % 10, of: 50 }, vec![]),
        ValueKind::Grade => (Value::Grade { grade: p.grades[(v as usize) % p.grades.len()].id.clone() }, vec![]),
    };
    let date = year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 11, 1 + (v % 28) as u32));
    let note = if v % 2 == 1 { format!("Lần {v}: đã họp Ban công tác Mặt trận, thống nhất với chi bộ thôn.") } else { String::new() };
    Entry { value, date, note, names }
}

/// A commune phone with three areas (one renamed, one counted from 2025, one
/// archived after 2027), every item each unit fills (changed two or three
/// times, one cleared), events (added, corrected, removed), task statuses.
/// Also returns the phone as it was when the units were set up, before any
/// record: the list a commune sends its areas first.
fn sample_commune() -> (State, State) {
    let mut s = fresh("may-xa-01");
    let mut now = T0 + DAY;
    let mut tick = || {
        now += 3_600_000;
        now
    };
    ok(&mut s, Action::FinishSetup, tick());
    for (name, since) in [("Thôn Đông", None), ("Thôn Tây", Some(2025)), ("Khu phố Bắc Sơn", None)] {
        ok(&mut s, Action::AddUnit { kind: UnitKind::Area, name: name.into(), households: Some(180), since }, tick());
    }
    let areas: Vec<String> = s.book.units_of(UnitKind::Area).into_iter().map(|(id, _)| id.to_string()).collect();
    ok(&mut s, Action::EditUnit { id: areas[0].clone(), name: "Thôn Đông Hải".into(), households: Some(204), since: None }, tick());
    let units_only = s.clone();
    let p = s.book.programme.clone();
    let units: Vec<(String, UnitKind)> = s.book.units.values().map(|u| (u.id.clone(), u.data().kind)).collect();
    for (unit, kind) in &units {
        for item in p.items.iter().filter(|i| i.filled_by(kind.who())) {
            for year in [2024, 2025] {
                match item.cadence {
                    Cadence::Event => {
                        for v in 0..2 {
                            let entry = entry_for(item, &p, Some(year), v);
                            ok(&mut s, Action::AddEvent { unit: unit.clone(), item: item.id.clone(), year, entry }, tick());
                        }
                    }
                    Cadence::Term if year == 2025 => {}
                    _ => {
                        let y = (item.cadence == Cadence::Yearly).then_some(year);
                        let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: y };
                        for v in 0..(2 + (year as u64) % 2) {
                            ok(&mut s, Action::SetEntry { key: key.clone(), entry: entry_for(item, &p, y, v + year as u64) }, tick());
                        }
                    }
                }
            }
        }
    }
    // Events corrected and removed; one yearly value cleared.
    let events: Vec<String> = s.book.records.values().filter(|r| r.id.split('/').count() == 4).map(|r| r.id.clone()).collect();
    let fund = events.iter().find(|id| id.contains("quy-vi-nguoi-ngheo")).unwrap().clone();
    let mut corrected = s.book.records[&fund].entry().clone();
    corrected.value = Value::Amount { dong: 12_345_000 };
    corrected.note = "Sửa lại theo biên lai số 17".into();
    ok(&mut s, Action::UpdateEvent { id: fund, entry: corrected }, tick());
    ok(&mut s, Action::RemoveEvent { id: events[1].clone() }, tick());
    let key = RecordKey { unit: areas[1].clone(), item: "ngay-hoi".into(), year: Some(2025) };
    ok(&mut s, Action::SetEntry { key, entry: Entry::empty() }, tick());
    // Task statuses of the commune, with notes.
    let tasks: Vec<String> = p.all_tasks().map(|(_, t)| t.id.clone()).take(6).collect();
    for (k, task) in tasks.iter().enumerate() {
        let key = RecordKey { unit: COMMUNE_ID.into(), item: task.clone(), year: Some(2025) };
        for status in sotay::core::book::TaskStatus::ALL.into_iter().take(1 + k % 3) {
            let entry = Entry { value: Value::Status { status }, note: format!("Đợt {k}: đã giao Ban Thường trực"), ..Entry::empty() };
            ok(&mut s, Action::SetEntry { key: key.clone(), entry }, tick());
        }
    }
    ok(&mut s, Action::Archive { id: areas[2].clone(), last_year: 2027 }, tick());
    (s, units_only)
}

fn export(s: &State, scope: &Scope, now: i64) -> String {
    file::export(&s.book, scope, &s.local.device, now).expect("fixture exports")
}

fn build_corpus() -> Corpus {
    let (commune, units_only) = sample_commune();
    let areas: Vec<String> = commune.book.units_of(UnitKind::Area).into_iter().map(|(id, _)| id.to_string()).collect();
    let all = export(&commune, &Scope::All, NOW - DAY);
    let one_area = export(&commune, &Scope::Unit { unit: areas[0].clone() }, NOW - DAY);

    // The commune revises its programme: a label edited, a grade removed, an item added.
    let mut revised = commune.clone();
    {
        let p = &mut revised.book.programme;
        p.revision += 1;
        p.items.iter_mut().find(|i| i.id == "ngay-hoi").unwrap().label = "Tổ chức Ngày hội Đại đoàn kết (sửa đổi)".into();
        let mut extra = p.items.iter().find(|i| i.id == "phong-trao").unwrap().clone();
        extra.id = "muc-moi".into();
        extra.label = "Mục mới thêm khi sửa đổi chương trình".into();
        p.items.push(extra);
        p.validate().expect("the revised programme is valid");
    }
    let newer = export(&revised, &Scope::All, NOW - DAY);

    // An area's phone: took the commune's file, then wrote its own area.
    let mut area_phone = fresh("may-thon-7");
    let inc = file::read(&all, &default_programme()).unwrap();
    file::apply(&mut area_phone, &inc, T0 + 400 * DAY);
    ok(&mut area_phone, Action::SetRole(Role::Area { unit: areas[0].clone() }), T0 + 400 * DAY);
    ok(&mut area_phone, Action::FinishSetup, T0 + 400 * DAY);
    let p = area_phone.book.programme.clone();
    for (k, item) in p.items.iter().filter(|i| i.filled_by(sotay::core::programme::Who::Areas) && i.cadence == Cadence::Yearly).enumerate() {
        let key = RecordKey { unit: areas[0].clone(), item: item.id.clone(), year: Some(2026) };
        ok(&mut area_phone, Action::SetEntry { key, entry: entry_for(item, &p, Some(2026), k as u64 + 7) }, T0 + 401 * DAY + k as i64);
    }

    // Another commune's programme, with one area.
    let mut other_p = default_programme();
    other_p.id = "linh-toai-2025-2030".into();
    other_p.title = "Chương trình hành động nhiệm kỳ 2025-2030".into();
    other_p.owner = "xã Lĩnh Toại".into();
    let mut other = State::fresh(other_p, "may-lt".into(), T0);
    ok(&mut other, Action::AddUnit { kind: UnitKind::Area, name: "Thôn Bình Minh".into(), households: Some(90), since: None }, T0 + DAY);
    let bm = other.book.units_of(UnitKind::Area)[0].0.to_string();
    ok(&mut other, Action::SetEntry { key: RecordKey { unit: bm, item: "ngay-hoi".into(), year: Some(2025) }, entry: Entry { value: Value::Done { done: true }, ..Entry::empty() } }, T0 + 2 * DAY);
    let other_text = export(&other, &Scope::All, T0 + 3 * DAY);

    let texts: Vec<(&'static str, String)> = vec![
        ("toan-xa", all),
        ("mot-thon", one_area),
        ("danh-sach-don-vi", export(&units_only, &Scope::All, T0 + 2 * DAY)),
        ("ban-sua-doi", newer),
        ("may-thon", export(&area_phone, &Scope::Unit { unit: areas[0].clone() }, T0 + 402 * DAY)),
        ("chuong-trinh", DEFAULT_PROGRAMME_JSON.to_string()),
        ("chuong-trinh-khac", other_text),
    ];
    let seeds = texts
        .into_iter()
        .map(|(name, text)| {
            let json = J::from(&serde_json::from_str::<serde_json::Value>(&text).expect("seed is JSON"));
            Seed { name, text, json }
        })
        .collect();

    let mut unit_ids: Vec<String> = commune.book.units.keys().cloned().collect();
    unit_ids.push("khong-co".into());
    let dp = default_programme();
    let mut item_ids: Vec<String> = dp.items.iter().map(|i| i.id.clone()).collect();
    item_ids.extend(dp.all_tasks().map(|(_, t)| t.id.clone()).take(5));
    item_ids.push("khong-co".into());

    // The commune's phone as it was half a year earlier, on another device.
    let mut earlier = fresh("may-xa-cu");
    let half: State = {
        let mut h = commune.clone();
        h.book.records.retain(|_, r| r.versions.current().stamp.hlc.ms < T0 + 200 * DAY || r.id.len() % 2 == 0);
        h
    };
    let _ = half.book.fingerprint();
    let inc = file::read(&export(&half, &Scope::All, T0), &default_programme()).unwrap();
    file::apply(&mut earlier, &inc, T0 + 300 * DAY);

    Corpus {
        seeds,
        receivers: vec![("may-moi", fresh("may-moi")), ("may-xa", commune), ("may-thon", area_phone), ("may-xa-cu", earlier)],
        unit_ids,
        item_ids,
    }
}

// ---------------------------------------------------------------------------
// A JSON tree that can hold what serde_json::Value cannot: keys written twice,
// numbers as written (1e400, 2^64), strings with raw escapes (lone surrogates).

#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    /// A number as written.
    Num(String),
    Str(String),
    /// A string literal's inside, escapes as written (`\ud800`).
    Raw(String),
    Arr(Vec<J>),
    /// Entries in order; a key may repeat.
    Obj(Vec<(String, J)>),
}

impl From<&serde_json::Value> for J {
    fn from(v: &serde_json::Value) -> J {
        use serde_json::Value as V;
        match v {
            V::Null => J::Null,
            V::Bool(b) => J::Bool(*b),
            V::Number(n) => J::Num(n.to_string()),
            V::String(s) => J::Str(s.clone()),
            V::Array(a) => J::Arr(a.iter().map(J::from).collect()),
            V::Object(o) => J::Obj(o.iter().map(|(k, v)| (k.clone(), J::from(v))).collect()),
        }
    }
}

impl J {
    /// JSON text; `pretty`: indented with CRLF line ends.
    pub fn write(&self, pretty: bool) -> String {
        let mut out = String::new();
        self.write_into(&mut out, pretty, 0);
        out
    }

    fn write_into(&self, out: &mut String, pretty: bool, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if pretty {
                out.push_str("\r\n");
                out.push_str(&"  ".repeat(depth));
            }
        };
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Raw(r) => {
                out.push('"');
                out.push_str(r);
                out.push('"');
            }
            J::Arr(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    // Deeply nested arrays stay on one line.
                    if !matches!(x, J::Arr(_)) {
                        newline(out, depth + 1);
                    }
                    x.write_into(out, pretty, depth + 1);
                }
                out.push(']');
            }
            J::Obj(o) => {
                out.push('{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    if pretty {
                        out.push(' ');
                    }
                    v.write_into(out, pretty, depth + 1);
                }
                if !o.is_empty() {
                    newline(out, depth);
                }
                out.push('}');
            }
        }
    }

    fn at_mut(&mut self, path: &[usize]) -> &mut J {
        match path.split_first() {
            None => self,
            Some((&i, rest)) => match self {
                J::Arr(a) => a[i].at_mut(rest),
                J::Obj(o) => o[i].1.at_mut(rest),
                _ => unreachable!("paths lead through arrays and objects"),
            },
        }
    }

    fn at(&self, path: &[usize]) -> &J {
        match path.split_first() {
            None => self,
            Some((&i, rest)) => match self {
                J::Arr(a) => a[i].at(rest),
                J::Obj(o) => o[i].1.at(rest),
                _ => unreachable!("paths lead through arrays and objects"),
            },
        }
    }
}

/// A node of the tree: its path and the key it sits under (`records[]` for
/// an element of the `records` array, "" for the root).
#[derive(Clone, Debug)]
struct Node {
    path: Vec<usize>,
    key: String,
}

fn nodes(j: &J) -> Vec<Node> {
    fn walk(j: &J, path: &mut Vec<usize>, key: &str, out: &mut Vec<Node>) {
        out.push(Node { path: path.clone(), key: key.to_string() });
        match j {
            J::Arr(a) => {
                let k = format!("{key}[]");
                for (i, x) in a.iter().enumerate() {
                    path.push(i);
                    walk(x, path, &k, out);
                    path.pop();
                }
            }
            J::Obj(o) => {
                for (i, (k, v)) in o.iter().enumerate() {
                    path.push(i);
                    walk(v, path, k, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(j, &mut Vec::new(), "", &mut out);
    out
}

/// Picks a node that passes `keep`: first a key (uniformly among the keys
/// such nodes sit under, so that rare fields like `order` or `first_year` are
/// hit as often as the thousands of clocks), then a node with that key.
fn pick(j: &J, sel: u32, keep: impl Fn(&J, &Node) -> bool) -> Option<Node> {
    let all: Vec<Node> = nodes(j).into_iter().filter(|n| keep(j.at(&n.path), n)).collect();
    let mut keys: Vec<&str> = all.iter().map(|n| n.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.is_empty() {
        return None;
    }
    let key = keys[(sel % keys.len() as u32) as usize];
    let same: Vec<&Node> = all.iter().filter(|n| n.key == key).collect();
    Some(same[((sel / keys.len() as u32) % same.len() as u32) as usize].clone())
}

// ---------------------------------------------------------------------------
// Mutations.

/// One edit of the file's JSON. The `u32`s select nodes and variants; each
/// is taken modulo what the document offers when the edit is applied.
#[derive(Clone, Debug)]
pub enum Edit {
    RemoveKey { at: u32, which: u32 },
    /// The same key twice in one object, with the same or another value.
    DuplicateKey { at: u32, which: u32, variant: u8 },
    /// A value replaced by one of another type (null, bool, number, string, array, object).
    SwapType { at: u32, to: u8 },
    /// A number replaced by a huge, negative, fractional or boundary one.
    Number { at: u32, which: u8 },
    Negate { at: u32 },
    /// An escape written into a string: lone surrogates, NUL, a valid pair.
    Escape { at: u32, which: u8, pos: u8 },
    /// A value wrapped in `depth` arrays.
    Nest { at: u32, depth: u16 },
    /// A value copied over another under the same key elsewhere: values
    /// moved between records, ids swapped, kinds exchanged.
    Transplant { to: u32, from: u32 },
    /// An array element removed or written twice (a unit, record, version).
    RemoveElement { at: u32, which: u32 },
    DuplicateElement { at: u32, which: u32 },
    /// A segment of an id (`unit/item/year[/event]`) edited.
    Id { at: u32, how: u8, pick: u32 },
    /// A string replaced by a chosen one (empty, long, another enum name...).
    Text { at: u32, which: u8 },
}

/// One edit of the file's bytes, after the JSON edits.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    Flip { at: u32, bit: u8 },
    Set { at: u32, byte: u8 },
    Truncate { at: u32 },
    Delete { at: u32, len: u8 },
    Insert { at: u32, bytes: Vec<u8> },
    Duplicate { at: u32, len: u8 },
}

#[derive(Clone, Debug)]
pub struct Case {
    pub seed: usize,
    pub receiver: usize,
    /// Drop the fingerprint, so that checks behind it speak and edited files can be accepted.
    pub strip_fingerprint: bool,
    /// Indented with CRLF line ends and a byte-order mark.
    pub pretty: bool,
    pub edits: Vec<Edit>,
    pub bytes: Vec<ByteEdit>,
}

const NUMBERS: [&str; 30] = [
    "-1", "0", "1", "-0", "1.5", "1e3", "1e400", "-1e400", "4294967295", "4294967296", "-2147483648", "2147483647",
    "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "1000000000000", "1000000000001", "1000001",
    "99999999999999999999999999999", "0.0000001", "2023", "2024", "2029", "2030", "-262144", "262143",
];

const ESCAPES: [&str; 8] = ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\udbff\\udfff", "\\u0000", "\\ud800\\ud800", "\\uDFFF", "\\u00e9"];

fn strings() -> Vec<String> {
    let mut v: Vec<String> = [
        "", " ", "x", "Thôn Đông", "\n", "2025-02-30", "2024-10-20", "2025-11-18", "2025-13-01", "ngày 18", "area",
        "commune", "organisation", "done", "not_started", "in_progress", "tot", "xuat-sac", "amount", "grade",
        "status", "ratio", "count", "empty", "xa", "term", "unit", "all", "sotay-mat-tran", "ha-hai-2024-2029",
        "yearly", "event", "areas", "organisations", "units_share", "total", "at_least",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(2001));
    v.push("ệ".repeat(300));
    v
}

fn swapped(to: u8, old: &J) -> J {
    match to % 12 {
        0 => J::Null,
        1 => J::Bool(true),
        2 => J::Bool(false),
        3 => J::Num("0".into()),
        4 => J::Str("x".into()),
        5 => J::Str(String::new()),
        6 => J::Arr(vec![]),
        7 => J::Obj(vec![]),
        8 => J::Arr(vec![old.clone()]),
        9 => J::Obj(vec![("v".into(), old.clone())]),
        10 => J::Str("năm triệu".into()),
        _ => J::Num("1.5".into()),
    }
}

fn is_str(j: &J) -> bool {
    matches!(j, J::Str(_))
}

fn apply_edit(j: &mut J, e: &Edit, c: &Corpus) {
    let any = |_: &J, _: &Node| true;
    match *e {
        Edit::RemoveKey { at, which } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Obj(o) if !o.is_empty())) {
                if let J::Obj(o) = j.at_mut(&n.path) {
                    let i = which as usize % o.len();
                    o.remove(i);
                }
            }
        }
        Edit::DuplicateKey { at, which, variant } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Obj(o) if !o.is_empty())) {
                if let J::Obj(o) = j.at_mut(&n.path) {
                    let i = which as usize % o.len();
                    let (k, v) = o[i].clone();
                    let v = match variant % 3 {
                        0 => v,
                        1 => swapped(variant / 3, &v),
                        _ => J::Num(NUMBERS[variant as usize % NUMBERS.len()].into()),
                    };
                    let pos = if variant % 2 == 0 { i + 1 } else { o.len() };
                    o.insert(pos, (k, v));
                }
            }
        }
        Edit::SwapType { at, to } => {
            if let Some(n) = pick(j, at, any) {
                let x = j.at_mut(&n.path);
                *x = swapped(to, x);
            }
        }
        Edit::Number { at, which } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Num(_))) {
                *j.at_mut(&n.path) = J::Num(NUMBERS[which as usize % NUMBERS.len()].into());
            }
        }
        Edit::Negate { at } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Num(_))) {
                if let J::Num(s) = j.at_mut(&n.path) {
                    *s = match s.strip_prefix('-') {
                        Some(rest) => rest.to_string(),
                        None => format!("-{s}"),
                    };
                }
            }
        }
        Edit::Escape { at, which, pos } => {
            if let Some(n) = pick(j, at, |x, _| is_str(x)) {
                let x = j.at_mut(&n.path);
                if let J::Str(s) = x {
                    let escaped = serde_json::to_string(s).unwrap();
                    let inner = &escaped[1..escaped.len() - 1];
                    // Insert at a character boundary that is not inside an escape.
                    let cut = match pos % 3 {
                        0 => 0,
                        1 => inner.len(),
                        _ => inner.char_indices().map(|(i, _)| i).find(|&i| i >= inner.len() / 2 && !inner[..i].ends_with('\\')).unwrap_or(0),
                    };
                    let esc = ESCAPES[which as usize % ESCAPES.len()];
                    *x = J::Raw(format!("{}{esc}{}", &inner[..cut], &inner[cut..]));
                }
            }
        }
        Edit::Nest { at, depth } => {
            if let Some(n) = pick(j, at, any) {
                let x = j.at_mut(&n.path);
                let mut v = std::mem::replace(x, J::Null);
                for _ in 0..(1 + depth % 300) {
                    v = J::Arr(vec![v]);
                }
                *x = v;
            }
        }
        Edit::Transplant { to, from } => {
            if let Some(target) = pick(j, to, any) {
                let others: Vec<Node> = nodes(j)
                    .into_iter()
                    .filter(|n| n.key == target.key && n.path != target.path && !n.path.starts_with(&target.path) && !target.path.starts_with(&n.path))
                    .collect();
                if !others.is_empty() {
                    let src = j.at(&others[from as usize % others.len()].path).clone();
                    *j.at_mut(&target.path) = src;
                }
            }
        }
        Edit::RemoveElement { at, which } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Arr(a) if !a.is_empty())) {
                if let J::Arr(a) = j.at_mut(&n.path) {
                    let i = which as usize % a.len();
                    a.remove(i);
                }
            }
        }
        Edit::DuplicateElement { at, which } => {
            if let Some(n) = pick(j, at, |x, _| matches!(x, J::Arr(a) if !a.is_empty())) {
                if let J::Arr(a) = j.at_mut(&n.path) {
                    let i = which as usize % a.len();
                    let x = a[i].clone();
                    a.insert(i + 1, x);
                }
            }
        }
        Edit::Id { at, how, pick: p } => {
            let ids = |x: &J, n: &Node| is_str(x) && matches!(n.key.as_str(), "id" | "unit" | "d" | "device" | "programme_id" | "fingerprint");
            if let Some(n) = pick(j, at, ids) {
                if let J::Str(s) = j.at_mut(&n.path) {
                    let mut parts: Vec<String> = s.split('/').map(str::to_string).collect();
                    let years = ["2023", "2024", "2029", "2030", "term", "-1", "0", "99999999999", "2025.0", "", " 2025", "1900", "2200"];
                    match how % 9 {
                        0 => parts[0] = c.unit_ids[p as usize % c.unit_ids.len()].clone(),
                        1 if parts.len() > 1 => parts[1] = c.item_ids[p as usize % c.item_ids.len()].clone(),
                        2 if parts.len() > 2 => parts[2] = years[p as usize % years.len()].to_string(),
                        3 => {
                            parts.pop();
                        }
                        4 => parts.push(format!("may-x-{p}-0")),
                        5 => parts = vec![String::new()],
                        6 => {
                            let i = p as usize % parts.len();
                            parts[i] = format!("{}/", parts[i]);
                        }
                        7 => {
                            let i = p as usize % parts.len();
                            parts[i] = format!(" {} ", parts[i].to_uppercase());
                        }
                        _ => parts.push(String::new()),
                    }
                    *s = parts.join("/");
                }
            }
        }
        Edit::Text { at, which } => {
            if let Some(n) = pick(j, at, |x, _| is_str(x)) {
                let list = strings();
                *j.at_mut(&n.path) = J::Str(list[which as usize % list.len()].clone());
            }
        }
    }
}

fn apply_bytes(bytes: &mut Vec<u8>, e: &ByteEdit) {
    let at = |a: u32, len: usize| a as usize % (len + 1);
    match e {
        ByteEdit::Flip { at: a, bit } => {
            if !bytes.is_empty() {
                let i = *a as usize % bytes.len();
                bytes[i] ^= 1 << (bit % 8);
            }
        }
        ByteEdit::Set { at: a, byte } => {
            if !bytes.is_empty() {
                let i = *a as usize % bytes.len();
                bytes[i] = *byte;
            }
        }
        ByteEdit::Truncate { at: a } => {
            let i = at(*a, bytes.len());
            bytes.truncate(i);
        }
        ByteEdit::Delete { at: a, len } => {
            let i = at(*a, bytes.len());
            let end = (i + *len as usize).min(bytes.len());
            bytes.drain(i..end);
        }
        ByteEdit::Insert { at: a, bytes: b } => {
            let i = at(*a, bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        ByteEdit::Duplicate { at: a, len } => {
            let i = at(*a, bytes.len());
            let end = (i + *len as usize).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
}

/// The text the app receives for a case, decoded as the browser decodes a
/// file (`Blob.text()`: UTF-8 with U+FFFD for invalid bytes).
pub fn text_of(case: &Case) -> String {
    let c = corpus();
    mutated(&c.seeds[case.seed % c.seeds.len()], case, true)
}

/// The stored text a phone reads back for a case: one of [`stored_seeds`]
/// (`case.seed` picks it; `receiver` and `strip_fingerprint` play no part)
/// under the case's edits. Indented text has no byte-order mark here.
pub fn stored_text_of(case: &Case) -> String {
    let seeds = stored_seeds();
    mutated(&seeds[case.seed % seeds.len()], case, false)
}

/// What phones keep in storage: each receiving phone's state as the app
/// stores it (one under a generation), and the commune's in schema 1.
pub fn stored_seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let c = corpus();
        let mut texts: Vec<(&'static str, String)> = c
            .receivers
            .iter()
            .enumerate()
            .map(|(i, (name, s))| (*name, stored::encode_generation(s, NOW + i as i64, (i == 1).then_some("the-he-2"))))
            .collect();
        let commune = &c.receivers[1].1;
        let v1 = serde_json::json!({
            "schema": 1,
            "programme_id": commune.book.programme.id,
            "units": commune.book.units,
            "records": commune.book.records,
            "local": commune.local,
        });
        texts.push(("luoc-do-1", v1.to_string()));
        texts
            .into_iter()
            .map(|(name, text)| {
                let json = J::from(&serde_json::from_str::<serde_json::Value>(&text).expect("stored text is JSON"));
                Seed { name, text, json }
            })
            .collect()
    })
}

/// `seed` under the case's edits; `bom`: indented text starts with a byte-order mark.
fn mutated(seed: &Seed, case: &Case, bom: bool) -> String {
    let c = corpus();
    if case.edits.is_empty() && case.bytes.is_empty() && !case.strip_fingerprint && !case.pretty {
        return seed.text.clone();
    }
    let mut j = seed.json.clone();
    if case.strip_fingerprint {
        if let J::Obj(o) = &mut j {
            o.retain(|(k, _)| k != "fingerprint");
        }
    }
    for e in &case.edits {
        apply_edit(&mut j, e, c);
    }
    let mut text = j.write(case.pretty);
    if case.pretty && bom {
        text.insert(0, '\u{feff}');
    }
    if case.bytes.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for e in &case.bytes {
        apply_bytes(&mut bytes, e);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn edit() -> impl Strategy<Value = Edit> {
    let u = any::<u32>;
    prop_oneof![
        1 => (u(), u()).prop_map(|(at, which)| Edit::RemoveKey { at, which }),
        1 => (u(), u(), any::<u8>()).prop_map(|(at, which, variant)| Edit::DuplicateKey { at, which, variant }),
        1 => (u(), any::<u8>()).prop_map(|(at, to)| Edit::SwapType { at, to }),
        2 => (u(), any::<u8>()).prop_map(|(at, which)| Edit::Number { at, which }),
        1 => u().prop_map(|at| Edit::Negate { at }),
        1 => (u(), any::<u8>(), any::<u8>()).prop_map(|(at, which, pos)| Edit::Escape { at, which, pos }),
        1 => (u(), any::<u16>()).prop_map(|(at, depth)| Edit::Nest { at, depth }),
        3 => (u(), u()).prop_map(|(to, from)| Edit::Transplant { to, from }),
        1 => (u(), u()).prop_map(|(at, which)| Edit::RemoveElement { at, which }),
        1 => (u(), u()).prop_map(|(at, which)| Edit::DuplicateElement { at, which }),
        2 => (u(), any::<u8>(), u()).prop_map(|(at, how, pick)| Edit::Id { at, how, pick }),
        1 => (u(), any::<u8>()).prop_map(|(at, which)| Edit::Text { at, which }),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let u = any::<u32>;
    prop_oneof![
        (u(), any::<u8>()).prop_map(|(at, bit)| ByteEdit::Flip { at, bit }),
        (u(), any::<u8>()).prop_map(|(at, byte)| ByteEdit::Set { at, byte }),
        u().prop_map(|at| ByteEdit::Truncate { at }),
        (u(), any::<u8>()).prop_map(|(at, len)| ByteEdit::Delete { at, len }),
        (u(), prop::collection::vec(any::<u8>(), 1..4)).prop_map(|(at, bytes)| ByteEdit::Insert { at, bytes }),
        (u(), any::<u8>()).prop_map(|(at, len)| ByteEdit::Duplicate { at, len }),
    ]
}

/// A case: a seed, a receiving phone, up to three JSON edits and (in one
/// case out of three) one or two byte edits.
pub fn case() -> impl Strategy<Value = Case> {
    let c = corpus();
    (
        0..c.seeds.len(),
        0..c.receivers.len(),
        any::<bool>(),
        prop::bool::weighted(0.15),
        prop::collection::vec(edit(), 0..=3),
        prop_oneof![2 => Just(vec![]), 1 => prop::collection::vec(byte_edit(), 1..=2)],
    )
        .prop_map(|(seed, receiver, strip_fingerprint, pretty, edits, bytes)| Case { seed, receiver, strip_fingerprint, pretty, edits, bytes })
}

// ---------------------------------------------------------------------------
// The stored state: the codec against serde.

/// How stored text was read before the codec: serde over the envelope.
fn serde_decode(text: &str) -> Result<Stored, Refusal> {
    #[derive(Deserialize)]
    struct Head {
        schema: u32,
    }
    #[derive(Deserialize)]
    struct V2 {
        schema: u32,
        #[serde(default)]
        generation: Option<String>,
        state: State,
    }
    #[derive(Deserialize)]
    struct V1 {
        programme_id: String,
        units: BTreeMap<String, Unit>,
        records: BTreeMap<String, Record>,
        local: Local,
    }
    let refused = |e: serde_json::Error| match e.classify() {
        serde_json::error::Category::Data => Refusal::Shape,
        _ => Refusal::Text,
    };
    let mut stored = match serde_json::from_str::<V2>(text) {
        Ok(e) if e.schema == stored::SCHEMA => Stored { state: e.state, generation: e.generation },
        first => match serde_json::from_str::<Head>(text).map_err(refused)?.schema {
            1 => {
                let v1: V1 = serde_json::from_str(text).map_err(refused)?;
                let programme = default_programme();
                if v1.programme_id != programme.id {
                    return Err(Refusal::ProgrammeGone);
                }
                let book = Book { programme, units: v1.units, records: v1.records };
                Stored { state: State { book, local: v1.local }, generation: None }
            }
            v if v > stored::SCHEMA => return Err(Refusal::Newer),
            stored::SCHEMA => return Err(refused(first.err().expect("schema 2 refused"))),
            _ => return Err(Refusal::UnknownSchema),
        },
    };
    let book = &mut stored.state.book;
    if book.units.values().any(|u| u.versions.is_empty()) || book.records.values().any(|r| r.versions.is_empty()) {
        return Err(Refusal::NoVersions);
    }
    book.units.values_mut().for_each(|u| u.versions.normalise());
    book.records.values_mut().for_each(|r| r.versions.normalise());
    Ok(stored)
}

/// A refusal of stored text, by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    Text,
    Shape,
    Newer,
    UnknownSchema,
    ProgrammeGone,
    NoVersions,
}

fn outcome(e: &DecodeError) -> Refusal {
    match e {
        DecodeError::Newer(_) => Refusal::Newer,
        DecodeError::Damaged(Damage::Text { .. }) => Refusal::Text,
        DecodeError::Damaged(Damage::Shape { .. }) => Refusal::Shape,
        DecodeError::Damaged(Damage::UnknownSchema(_)) => Refusal::UnknownSchema,
        DecodeError::Damaged(Damage::ProgrammeGone(_)) => Refusal::ProgrammeGone,
        DecodeError::Damaged(Damage::NoVersions { .. }) => Refusal::NoVersions,
    }
}

/// What serde writes for stored state (the envelope as it was).
fn serde_encode(state: &State, saved_ms: i64, generation: Option<&str>) -> String {
    #[derive(Serialize)]
    struct EnvelopeOut<'a> {
        schema: u32,
        saved_ms: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        generation: Option<&'a str>,
        state: &'a State,
    }
    serde_json::to_string(&EnvelopeOut { schema: stored::SCHEMA, saved_ms, generation, state }).unwrap()
}

/// The stored-state codec (`core::codec`) reads `text` as serde did before
/// it, writes what it read as serde wrote it, and says why it refuses with no
/// English outside the data it shows back. Returns what it read.
pub fn check_stored(text: &str) -> Result<Option<Stored>, String> {
    let ours = stored::decode_stored(text, &default_programme);
    if let Err(e) = &ours {
        // What the user is told: no English outside the data it shows back.
        let echoed = match e {
            DecodeError::Damaged(Damage::ProgrammeGone(id) | Damage::NoVersions { id, .. }) => vec![id.clone()],
            _ => vec![],
        };
        let words = english_words(e.to_string(), &echoed);
        if !words.is_empty() {
            return Err(format!("the refusal says {words:?} in English: {e}"));
        }
    }
    let theirs = serde_decode(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            if a != b {
                return Err("the codec read other data than serde".into());
            }
            let g = a.generation.as_deref();
            let (ours, theirs) = (stored::encode_generation(&a.state, 7, g), serde_encode(&a.state, 7, g));
            if ours != theirs {
                let at = ours.bytes().zip(theirs.bytes()).take_while(|(x, y)| x == y).count();
                return Err(format!("written text differs at byte {at}: …{}… vs …{}…", &ours[at.saturating_sub(40)..(at + 40).min(ours.len())], &theirs[at.saturating_sub(40)..(at + 40).min(theirs.len())]));
            }
            if json::to_string(&a.state.book) != serde_json::to_string(&a.state.book).unwrap() {
                return Err("the book is written otherwise than by serde".into());
            }
            Ok(Some(a))
        }
        (Err(e), Err(kind)) => {
            // Broken text and a wrong value may be told apart otherwise: the
            // codec parses the whole text before reading it, where serde (which
            // reads as it parses) meets a wrong value before a later syntax
            // error; and serde_json calls some wrong values syntax (an enum
            // written as an array: "expected value"). Both are "damaged, at
            // line…, column…" to the user. And serde skips what it does not
            // read without checking all of it (a lone surrogate, a number out
            // of range): it can find the schema number of a text that is not
            // JSON, or even read the state, where the codec calls the text
            // damaged. Every other refusal is the same.
            let ours = outcome(&e);
            let damaged = |o| matches!(o, Refusal::Text | Refusal::Shape);
            let not_json = serde_json::from_str::<serde_json::Value>(text).is_err();
            if ours == kind || (damaged(ours) && damaged(kind)) || (ours == Refusal::Text && not_json) {
                Ok(None)
            } else {
                Err(format!("the codec refused as {ours:?} ({e}), serde as {kind:?}"))
            }
        }
        (Ok(_), Err(kind)) => Err(format!("the codec read what serde refused as {kind:?}")),
        // As above: serde reads past what it skips.
        (Err(e), Ok(_)) if outcome(&e) == Refusal::Text && serde_json::from_str::<serde_json::Value>(text).is_err() => Ok(None),
        (Err(e), Ok(_)) => Err(format!("the codec refused what serde read: {e}")),
    }
}

// ---------------------------------------------------------------------------
// The property.

/// Words of serde's and serde_json's English error texts (and a few of
/// chrono's); none may reach the user.
pub const ENGLISH: [&str; 24] = [
    "expected", "invalid", "missing", "field", "line", "column", "eof", "while", "parsing", "value", "type", "unknown",
    "variant", "string", "number", "sequence", "map", "struct", "duplicate", "trailing", "character", "characters",
    "input", "error",
];

/// English words in an import error's message, found precisely: first the
/// parts of the message that are the file's own data shown back (the JSON
/// path of `Invalid`, the id, title and owner of another programme, the
/// fingerprint written in the file) and everything quoted (“…”, `…`, "…")
/// are cut out; then the rest is split into words (runs of letters, with
/// Vietnamese letters counting as letters, so "tệp" is one word, not "t" and
/// "p"), and a word is English if it is one of [`ENGLISH`], in any case.
/// (A wider rule, "no ASCII word of four letters or more", does not hold:
/// messages name units unquoted, "… mà Đoàn Thanh niên Cộng sản Hồ Chí Minh
/// điền", and "Thanh", "Minh" are Vietnamese.)
pub fn english_in(e: &ImportError) -> Vec<String> {
    let msg = e.message();
    let echoed: Vec<String> = match e {
        ImportError::Invalid { path, .. } => vec![path.clone()],
        ImportError::OtherProgramme { id, programme } => {
            let mut v = vec![id.clone()];
            if let Some(p) = programme {
                v.extend([p.title.clone(), p.owner.clone()]);
            }
            v
        }
        ImportError::Fingerprint { expected, found } => vec![expected.clone(), found.clone()],
        _ => vec![],
    };
    english_words(msg, &echoed)
}

/// English words in `msg` once the data it shows back (`echoed`) and
/// everything quoted are cut out (see [`english_in`]).
fn english_words(mut msg: String, echoed: &[String]) -> Vec<String> {
    for x in echoed.iter().filter(|x| !x.is_empty()) {
        msg = msg.replacen(x.as_str(), " ", 1);
    }
    let mut plain = String::new();
    let mut close: Option<char> = None;
    for ch in msg.chars() {
        match close {
            Some(c) if ch == c => close = None,
            Some(_) => {}
            None => match ch {
                '“' => close = Some('”'),
                '`' => close = Some('`'),
                '"' => close = Some('"'),
                _ => plain.push(ch),
            },
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// How a case ended, for the long run's counts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Refused on reading: the kind of error and its message.
    Refused(&'static str, String),
    /// Read, then refused by the preview on every phone (a programme revision that does not fit).
    RefusedByPreview,
    /// Read and merged on at least one phone.
    Accepted,
    /// A file of another programme, switched to.
    Switched,
}

pub fn kind(e: &ImportError) -> &'static str {
    match e {
        ImportError::TooLarge { .. } => "TooLarge",
        ImportError::Empty => "Empty",
        ImportError::NotJson { .. } => "NotJson",
        ImportError::NotOurs => "NotOurs",
        ImportError::Newer { .. } => "Newer",
        ImportError::OtherProgramme { .. } => "OtherProgramme",
        ImportError::Invalid { .. } => "Invalid",
        ImportError::Fingerprint { .. } => "Fingerprint",
    }
}

fn vietnamese(e: &ImportError) -> Result<(), String> {
    let words = english_in(e);
    if words.is_empty() {
        Ok(())
    } else {
        Err(format!("English words {words:?} in the message: {}", e.message()))
    }
}

/// `book` exports, and the file reads back to the same book and fingerprint.
fn round_trip(book: &sotay::core::book::Book, what: &str) -> Result<(), String> {
    let text = file::export(book, &Scope::All, "kiem-tra", NOW).map_err(|e| format!("{what}: export refused: {e}"))?;
    let back = file::read(&text, &book.programme).map_err(|e| format!("{what}: re-export refused: {}", e.message()))?;
    if back.book != *book {
        return Err(format!("{what}: re-exported file reads back different"));
    }
    if back.book.fingerprint() != book.fingerprint() {
        return Err(format!("{what}: fingerprint changed on re-import"));
    }
    Ok(())
}

/// What the app does with a state after an import: saves it, shows the
/// gauges, lets people go on working, exports.
fn after_import(s: &State, what: &str) -> Result<(), String> {
    round_trip(&s.book, what)?;
    let text = stored::encode(s, NOW);
    match stored::decode(&text, &default_programme) {
        Ok(back) if back == *s => {}
        Ok(_) => return Err(format!("{what}: stored state loads back different")),
        Err(e) => return Err(format!("{what}: stored state does not load: {}", e)),
    }
    let term = s.book.programme.term;
    for today in [term.start, term.start + chrono::Days::new(700), term.end()] {
        std::hint::black_box(progress::compute(&s.book, today));
    }
    for year in term.years() {
        std::hint::black_box(progress::areas(&s.book, year));
    }
    // People go on working: a new area, moved up; a fund receipt for the commune.
    let mut next = s.clone();
    let mut later = NOW + 1_000;
    if next.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn Mới Lập".into(), households: Some(50), since: None }, later).is_ok() {
        let id = next.book.units_of(UnitKind::Area).into_iter().find(|(_, u)| u.name == "Thôn Mới Lập").map(|(i, _)| i.to_string());
        if let Some(id) = id {
            later += 1;
            let _ = next.apply(Action::Move { id, up: true }, later);
        }
    }
    let year = term.current_year(chrono::DateTime::from_timestamp_millis(NOW).unwrap().date_naive());
    let entry = Entry { value: Value::Amount { dong: 2_000_000 }, ..Entry::empty() };
    let _ = next.apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "quy-vi-nguoi-ngheo".into(), year, entry }, later + 1);
    round_trip(&next.book, &format!("{what}, after new changes"))?;
    Ok(())
}

/// Imports `text` into `receiver` the way the import screen does, and checks
/// the property. Err: what was violated.
pub fn check(text: &str, receiver: &State) -> Result<Outcome, String> {
    let ours = &receiver.book.programme;
    let inc = match file::read(text, ours) {
        Ok(inc) => inc,
        Err(e @ ImportError::OtherProgramme { programme: Some(_), .. }) => {
            vietnamese(&e)?;
            // The screen offers to switch to the file's programme.
            return match file::read_other_programme(text) {
                Err(e) => {
                    vietnamese(&e)?;
                    Ok(Outcome::Refused(kind(&e), e.message()))
                }
                Ok(inc) => {
                    round_trip(&inc.book, "the other programme's file")?;
                    let mut s = receiver.clone();
                    file::switch_programme(&mut s, &inc, NOW);
                    after_import(&s, "after switching programme")?;
                    Ok(Outcome::Switched)
                }
            };
        }
        Err(e) => {
            vietnamese(&e)?;
            return Ok(Outcome::Refused(kind(&e), e.message()));
        }
    };
    round_trip(&inc.book, "the accepted file's content")?;
    let new_phone = fresh("may-moi-2");
    let mut merged_somewhere = false;
    for (name, base) in [("the receiving phone", receiver), ("a new phone", &new_phone)] {
        let p = match file::preview(&base.book, &inc) {
            Ok(p) => p,
            Err(e) => {
                vietnamese(&e)?;
                continue;
            }
        };
        merged_somewhere = true;
        let mut s = base.clone();
        file::apply(&mut s, &inc, NOW);
        if s.book.fingerprint() != p.fingerprint_after {
            return Err(format!("{name}: preview promised fingerprint {}, apply gave {}", p.fingerprint_after, s.book.fingerprint()));
        }
        if p.is_empty() && s.book != base.book {
            return Err(format!("{name}: preview said nothing changes, but apply changed the book"));
        }
        after_import(&s, name)?;
        // The same file again changes nothing.
        match file::preview(&s.book, &inc) {
            Ok(again) if again.is_empty() => {}
            Ok(again) => return Err(format!("{name}: importing the same file again would change {} records", again.changes())),
            Err(e) => return Err(format!("{name}: the same file again is refused: {}", e.message())),
        }
    }
    Ok(if merged_somewhere { Outcome::Accepted } else { Outcome::RefusedByPreview })
}

/// Runs one case, turning a panic into an Err.
pub fn check_case(case: &Case) -> Result<Outcome, String> {
    let c = corpus();
    let text = text_of(case);
    let receiver = &c.receivers[case.receiver % c.receivers.len()].1;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&text, receiver))) {
        Ok(r) => r,
        Err(p) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            Err(format!("panic: {msg}"))
        }
    }
}
