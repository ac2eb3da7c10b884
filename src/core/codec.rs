//! The stored state in JSON, read and written by hand: the envelope, the
//! state, the book, the programme and what storage keeps beside them.
//!
//! The daily page reads and writes exactly this, and no other JSON, so its
//! wasm carries no serde: serde's derived readers and writers for these
//! types, with serde_json, weighed 8.5 KB of the first load (gzip) more than
//! this module and `json` do (README, "Benchmarks"). serde stays for the
//! files people share (`file`), which only the later-loaded pages handle,
//! and as the oracle these are tested against: the text written here is
//! byte for byte what `serde_json::to_string` writes for the same value (the
//! fingerprint and the order of versions hash that text), and what is read
//! here is what serde reads (`tests/codec_tests.rs`).
//!
//! Reading is two steps: [`json::parse`] makes a tree that knows where each
//! value sits, then [`Read`] takes the values out of it. A value of the
//! wrong kind, or a field missing, is a [`Fault`] at its place in the text,
//! with the reason in Vietnamese.

use super::book::{Book, Entry, Record, RecordRepr, TaskStatus, Unit, UnitData, UnitKind, ValueRepr, ValueTag, Value, Version, Versions};
use super::clock::{Hlc, Stamp};
use super::json::{self, wrong, Fault, Fields, Json, Node, Obj, Read, Write};
use super::programme::{Cadence, Grade, Indicator, Item, Part, PartKind, Period, Programme, RuleKind, Target, TargetRepr, Task, Term, ValueKind, Who};
use super::state::{Keeps, Local, Role, RoleRepr, State};

/// A name that is none of an enum's.
fn not_listed(at: usize, s: &str) -> Fault {
    Fault { at, reason: format!("giá trị “{s}” không có trong danh sách cho phép") }
}

/// Enums written as one of their names.
macro_rules! names {
    ($($t:ty { $($v:ident => $s:literal),* })*) => {$(
        impl Read for $t {
            fn read(n: &Node) -> Result<$t, Fault> {
                match &n.v {
                    $(Json::Str(s) if s == $s => Ok(<$t>::$v),)*
                    Json::Str(s) => Err(not_listed(n.at, s)),
                    _ => Err(wrong(n.at, "một chuỗi chữ")),
                }
            }
        }

        impl Write for $t {
            fn write(&self, out: &mut String) {
                out.push_str(match self { $(<$t>::$v => concat!("\"", $s, "\""),)* });
            }
        }
    )*};
}

/// Enums whose names their own `code()` already gives.
macro_rules! coded {
    ($($t:ty { $($v:ident),* })*) => {$(
        impl Read for $t {
            fn read(n: &Node) -> Result<$t, Fault> {
                match &n.v {
                    $(Json::Str(s) if s == <$t>::$v.code() => Ok(<$t>::$v),)*
                    Json::Str(s) => Err(not_listed(n.at, s)),
                    _ => Err(wrong(n.at, "một chuỗi chữ")),
                }
            }
        }

        impl Write for $t {
            fn write(&self, out: &mut String) {
                json::write_str(out, self.code());
            }
        }
    )*};
}

coded! {
    UnitKind { Area, Commune, Organisation }
    TaskStatus { NotStarted, InProgress, Done }
    PartKind { Action, Breakthrough, Project, KeyProgramme }
}

names! {
    ValueTag { Empty => "empty", Done => "done", Count => "count", Amount => "amount", Ratio => "ratio", Grade => "grade", Status => "status" }
    Who { Areas => "areas", Commune => "commune", Organisations => "organisations" }
    Cadence { Yearly => "yearly", Term => "term", Event => "event" }
    ValueKind { Done => "done", Count => "count", Amount => "amount", Ratio => "ratio", Grade => "grade" }
    RuleKind { UnitsShare => "units_share", Total => "total", Ratio => "ratio", GradeShare => "grade_share" }
    Keeps { Commune => "commune", Area => "area" }
}

/// A date as "yyyy-mm-dd".
struct Ymd(chrono::NaiveDate);

impl Read for Ymd {
    fn read(n: &Node) -> Result<Ymd, Fault> {
        let at = n.at;
        let s = String::read(n)?;
        super::text::parse_iso_date(&s).map(Ymd).ok_or_else(|| Fault { at, reason: super::text::bad_date(&s) })
    }
}

impl Write for Ymd {
    fn write(&self, out: &mut String) {
        json::write_str(out, &super::text::iso_date(self.0));
    }
}

/// Reads through a JSON shape (`*Repr`) whose conversion gives our own reason.
fn convert<R, T: TryFrom<R, Error = String>>(at: usize, repr: R) -> Result<T, Fault> {
    T::try_from(repr).map_err(|reason| Fault { at, reason })
}

// ---- The book ----

impl Read for Hlc {
    fn read(n: &Node) -> Result<Hlc, Fault> {
        let f = Fields::of(n)?;
        Ok(Hlc { ms: f.req("t")?, count: f.req("c")? })
    }
}

impl Write for Hlc {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("t", &self.ms).f("c", &self.count).end();
    }
}

impl<T: Read> Read for Version<T> {
    fn read(n: &Node) -> Result<Version<T>, Fault> {
        let f = Fields::of(n)?;
        let ms: i64 = f.req("t")?;
        let (count, device, wall_ms) = (f.def("c")?, f.req("d")?, f.def::<Option<i64>>("w")?.unwrap_or(ms));
        Ok(Version { stamp: Stamp { hlc: Hlc { ms, count }, device, wall_ms }, value: f.req("v")? })
    }
}

/// `c` is left out when 0 and `w` when it equals `t` (as `Version`'s `Serialize`).
impl<T: Write> Write for Version<T> {
    fn write(&self, out: &mut String) {
        let s = &self.stamp;
        let mut o = Obj::new(out);
        o.f("t", &s.hlc.ms);
        if s.hlc.count != 0 {
            o.f("c", &s.hlc.count);
        }
        o.f("d", &s.device);
        if s.wall_ms != s.hlc.ms {
            o.f("w", &s.wall_ms);
        }
        o.f("v", &self.value).end();
    }
}

impl<T: Read> Read for Versions<T> {
    fn read(n: &Node) -> Result<Versions<T>, Fault> {
        Vec::read(n).map(Versions)
    }
}

impl<T: Write> Write for Versions<T> {
    fn write(&self, out: &mut String) {
        self.0.write(out);
    }
}

impl Read for UnitData {
    fn read(n: &Node) -> Result<UnitData, Fault> {
        let f = Fields::of(n)?;
        Ok(UnitData {
            kind: f.req("kind")?,
            name: f.req("name")?,
            households: f.opt("households")?,
            order: f.def("order")?,
            since: f.opt("since")?,
            until: f.opt("until")?,
        })
    }
}

impl Write for UnitData {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .f("kind", &self.kind)
            .f("name", &self.name)
            .some("households", &self.households)
            .f("order", &self.order)
            .some("since", &self.since)
            .some("until", &self.until)
            .end();
    }
}

impl Read for Unit {
    fn read(n: &Node) -> Result<Unit, Fault> {
        let f = Fields::of(n)?;
        Ok(Unit { id: f.req("id")?, versions: f.req("versions")? })
    }
}

impl Write for Unit {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("id", &self.id).f("versions", &self.versions).end();
    }
}

impl Read for Value {
    fn read(n: &Node) -> Result<Value, Fault> {
        let f = Fields::of(n)?;
        let repr = ValueRepr {
            kind: f.req("kind")?,
            done: f.opt("done")?,
            count: f.opt("count")?,
            dong: f.opt("dong")?,
            n: f.opt("n")?,
            of: f.opt("of")?,
            grade: f.opt("grade")?,
            status: f.opt("status")?,
        };
        convert(f.at, repr)
    }
}

impl Write for Value {
    fn write(&self, out: &mut String) {
        let r = ValueRepr::from(self.clone());
        Obj::new(out)
            .f("kind", &r.kind)
            .some("done", &r.done)
            .some("count", &r.count)
            .some("dong", &r.dong)
            .some("n", &r.n)
            .some("of", &r.of)
            .some("grade", &r.grade)
            .some("status", &r.status)
            .end();
    }
}

impl Read for Entry {
    fn read(n: &Node) -> Result<Entry, Fault> {
        let f = Fields::of(n)?;
        Ok(Entry {
            value: f.req("value")?,
            date: f.opt::<Ymd>("date")?.map(|d| d.0),
            note: f.def("note")?,
            names: f.def("names")?,
        })
    }
}

impl Write for Entry {
    fn write(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.f("value", &self.value).some("date", &self.date.map(Ymd));
        if !self.note.is_empty() {
            o.f("note", &self.note);
        }
        if !self.names.is_empty() {
            o.f("names", &self.names);
        }
        o.end();
    }
}

impl Read for Record {
    fn read(n: &Node) -> Result<Record, Fault> {
        let f = Fields::of(n)?;
        convert(f.at, RecordRepr { id: f.req("id")?, versions: f.req("versions")? })
    }
}

impl Write for Record {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("id", &self.id).f("versions", &self.versions).end();
    }
}

impl Read for Book {
    fn read(n: &Node) -> Result<Book, Fault> {
        let f = Fields::of(n)?;
        Ok(Book { programme: f.req("programme")?, units: f.req("units")?, records: f.req("records")? })
    }
}

impl Write for Book {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("programme", &self.programme).f("units", &self.units).f("records", &self.records).end();
    }
}

// ---- The programme ----

impl Read for Term {
    fn read(n: &Node) -> Result<Term, Fault> {
        let f = Fields::of(n)?;
        Ok(Term { start: f.req::<Ymd>("start")?.0, first_year: f.req("first_year")?, last_year: f.req("last_year")? })
    }
}

impl Write for Term {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("start", &Ymd(self.start)).f("first_year", &self.first_year).f("last_year", &self.last_year).end();
    }
}

impl Read for Task {
    fn read(n: &Node) -> Result<Task, Fault> {
        let f = Fields::of(n)?;
        Ok(Task { id: f.req("id")?, text: f.req("text")?, retired: f.def("retired")? })
    }
}

impl Write for Task {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("id", &self.id).f("text", &self.text).flag("retired", self.retired).end();
    }
}

impl Read for Grade {
    fn read(n: &Node) -> Result<Grade, Fault> {
        let f = Fields::of(n)?;
        Ok(Grade { id: f.req("id")?, label: f.req("label")? })
    }
}

impl Write for Grade {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("id", &self.id).f("label", &self.label).end();
    }
}

impl Read for Period {
    fn read(n: &Node) -> Result<Period, Fault> {
        match &n.v {
            Json::Str(s) if s == "each_year" => Ok(Period::EachYear),
            Json::Str(s) if s == "term" => Ok(Period::Term),
            Json::Obj(m) if m.len() == 1 && m[0].0 == "years" => Ok(Period::Years(Read::read(&m[0].1)?)),
            _ => Err(wrong(n.at, "“each_year”, “term” hoặc {“years”: [năm đầu, năm cuối]}")),
        }
    }
}

impl Write for Period {
    fn write(&self, out: &mut String) {
        match self {
            Period::EachYear => out.push_str("\"each_year\""),
            Period::Term => out.push_str("\"term\""),
            Period::Years(y) => {
                Obj::new(out).f("years", &y[..]).end();
            }
        }
    }
}

impl Read for Target {
    fn read(n: &Node) -> Result<Target, Fault> {
        let f = Fields::of(n)?;
        let repr = TargetRepr {
            id: f.req("id")?,
            label: f.req("label")?,
            kind: f.req("kind")?,
            item: f.req("item")?,
            min_percent: f.opt("min_percent")?,
            max_percent: f.opt("max_percent")?,
            min: f.opt("min")?,
            max: f.opt("max")?,
            strictly_more: f.opt("strictly_more")?,
            strictly_less: f.opt("strictly_less")?,
            period: f.opt("period")?,
            min_count: f.opt("min_count")?,
            min_grade: f.opt("min_grade")?,
            none_failing: f.opt("none_failing")?,
            retired: f.def("retired")?,
        };
        convert(f.at, repr)
    }
}

impl Write for Target {
    fn write(&self, out: &mut String) {
        let r = TargetRepr::from(self.clone());
        Obj::new(out)
            .f("id", &r.id)
            .f("label", &r.label)
            .f("kind", &r.kind)
            .f("item", &r.item)
            .some("min_percent", &r.min_percent)
            .some("max_percent", &r.max_percent)
            .some("min", &r.min)
            .some("max", &r.max)
            .some("strictly_more", &r.strictly_more)
            .some("strictly_less", &r.strictly_less)
            .some("period", &r.period)
            .some("min_count", &r.min_count)
            .some("min_grade", &r.min_grade)
            .some("none_failing", &r.none_failing)
            .flag("retired", r.retired)
            .end();
    }
}

impl Read for Indicator {
    fn read(n: &Node) -> Result<Indicator, Fault> {
        let f = Fields::of(n)?;
        Ok(Indicator { number: f.req("number")?, text: f.req("text")?, targets: f.def("targets")?, retired: f.def("retired")? })
    }
}

impl Write for Indicator {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("number", &self.number).f("text", &self.text).f("targets", &self.targets).flag("retired", self.retired).end();
    }
}

impl Read for Part {
    fn read(n: &Node) -> Result<Part, Fault> {
        let f = Fields::of(n)?;
        Ok(Part {
            number: f.req("number")?,
            kind: f.def("kind")?,
            title: f.req("title")?,
            objective: f.def("objective")?,
            tasks: f.def("tasks")?,
            solutions: f.def("solutions")?,
            targets: f.def("targets")?,
            retired: f.def("retired")?,
        })
    }
}

impl Write for Part {
    fn write(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.f("number", &self.number);
        if self.kind != PartKind::Action {
            o.f("kind", &self.kind);
        }
        o.f("title", &self.title)
            .f("objective", &self.objective)
            .f("tasks", &self.tasks)
            .f("solutions", &self.solutions)
            .f("targets", &self.targets)
            .flag("retired", self.retired)
            .end();
    }
}

impl Read for Item {
    fn read(n: &Node) -> Result<Item, Fault> {
        let f = Fields::of(n)?;
        Ok(Item {
            id: f.req("id")?,
            label: f.req("label")?,
            who: f.req("who")?,
            cadence: f.req("cadence")?,
            value: f.req("value")?,
            indicator: f.opt("indicator")?,
            part: f.opt("area")?,
            hint: f.opt("hint")?,
            numerator: f.opt("numerator")?,
            denominator: f.opt("denominator")?,
            retired: f.def("retired")?,
        })
    }
}

impl Write for Item {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .f("id", &self.id)
            .f("label", &self.label)
            .f("who", &self.who)
            .f("cadence", &self.cadence)
            .f("value", &self.value)
            .some("indicator", &self.indicator)
            .some("area", &self.part)
            .some("hint", &self.hint)
            .some("numerator", &self.numerator)
            .some("denominator", &self.denominator)
            .flag("retired", self.retired)
            .end();
    }
}

impl Read for Programme {
    fn read(n: &Node) -> Result<Programme, Fault> {
        let f = Fields::of(n)?;
        Ok(Programme {
            id: f.req("id")?,
            revision: f.req("revision")?,
            title: f.req("title")?,
            owner: f.req("owner")?,
            term: f.req("term")?,
            objective: f.req("objective")?,
            closing: f.def("closing")?,
            indicators: f.req("indicators")?,
            parts: f.req("areas")?,
            items: f.def("items")?,
            grades: f.def("grades")?,
            organisations: f.def("organisations")?,
        })
    }
}

impl Write for Programme {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .f("id", &self.id)
            .f("revision", &self.revision)
            .f("title", &self.title)
            .f("owner", &self.owner)
            .f("term", &self.term)
            .f("objective", &self.objective)
            .f("closing", &self.closing)
            .f("indicators", &self.indicators)
            .f("areas", &self.parts)
            .f("items", &self.items)
            .f("grades", &self.grades)
            .f("organisations", &self.organisations)
            .end();
    }
}

// ---- This phone ----

impl Read for Role {
    fn read(n: &Node) -> Result<Role, Fault> {
        let f = Fields::of(n)?;
        convert(f.at, RoleRepr { keeps: f.req("keeps")?, unit: f.opt("unit")? })
    }
}

impl Write for Role {
    fn write(&self, out: &mut String) {
        let r = RoleRepr::from(self.clone());
        Obj::new(out).f("keeps", &r.keeps).some("unit", &r.unit).end();
    }
}

impl Read for Local {
    fn read(n: &Node) -> Result<Local, Fault> {
        let f = Fields::of(n)?;
        Ok(Local {
            device: f.req("device")?,
            clock: f.req("clock")?,
            role: f.req("role")?,
            set_up: f.def("set_up")?,
            last_export_ms: f.opt("last_export_ms")?,
            changes_since_export: f.def("changes_since_export")?,
            first_unsent_ms: f.opt("first_unsent_ms")?,
        })
    }
}

impl Write for Local {
    fn write(&self, out: &mut String) {
        Obj::new(out)
            .f("device", &self.device)
            .f("clock", &self.clock)
            .f("role", &self.role)
            .f("set_up", &self.set_up)
            .f("last_export_ms", &self.last_export_ms)
            .f("changes_since_export", &self.changes_since_export)
            .some("first_unsent_ms", &self.first_unsent_ms)
            .end();
    }
}

impl Read for State {
    fn read(n: &Node) -> Result<State, Fault> {
        let f = Fields::of(n)?;
        Ok(State { book: f.req("book")?, local: f.req("local")? })
    }
}

impl Write for State {
    fn write(&self, out: &mut String) {
        Obj::new(out).f("book", &self.book).f("local", &self.local).end();
    }
}
