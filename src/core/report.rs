//! The reports the commune hands in, as data: everything the A4 document
//! shows (heading, title, the tables, the texts, the signature), as strings
//! and rows a component lays out without computing anything. Also the
//! texts people write for them ([`texts`]) and the tables for Excel
//! ([`table`], [`csv`], [`xlsx`]).
//!
//! A year's report and the term's report show what the overview shows for
//! that year (or the term): every record held about the period, whenever
//! it was entered, so a village that records December's work in January
//! counts in the year's report; a year that is over is judged as over
//! ("Chưa đạt", not "Đang thực hiện"). A first-half report has no such
//! key in the data (a tick carries its year, not its month), so it reads
//! the book [`Book::as_of`] the end of 30 June (on this phone's clock):
//! what had been recorded by then.

#![warn(missing_docs)]

pub mod csv;
pub mod table;
pub use super::report_texts as texts;
pub mod xlsx;

use super::book::{Book, RecordKey, UnitKind, Value};
use super::progress::{self, Figure, Measure, Status, TargetProgress};
use super::programme::{Cadence, Item, Period as RulePeriod, Programme, Rule, ValueKind, Who};
use super::clock::Env;
use super::state::State;
use super::text;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::fmt;
use texts::{Field, Section};

/// The period a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A year of the term (tổng kết năm).
    Year(i32),
    /// The first six months of a year (sơ kết 6 tháng).
    FirstHalf(i32),
    /// The term so far (sơ kết, tổng kết nhiệm kỳ).
    Term,
}

/// Whose report: the commune committee's, or a residential area's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The commune committee's (Ban Thường trực).
    Commune,
    /// A residential area, by unit id.
    Area(String),
}

/// Why no report was made.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportError {
    /// The year is not a year of the term.
    YearOutsideTerm {
        /// The year asked for.
        year: i32,
        /// The term's first year.
        first: i32,
        /// The term's last year.
        last: i32,
    },
    /// The period has not begun.
    NotStarted {
        /// "Năm 2027", "6 tháng đầu năm 2027" or "Nhiệm kỳ".
        what: String,
        /// Its first day.
        start: NaiveDate,
    },
    /// The first half of the term's first year ended before the term began.
    BeforeTerm {
        /// The term's first year.
        year: i32,
        /// The day the term began.
        start: NaiveDate,
    },
    /// No residential area has this id.
    NoArea(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::YearOutsideTerm { year, first, last } => {
                write!(f, "Năm {year} nằm ngoài nhiệm kỳ {first}-{last}: không có báo cáo năm này.")
            }
            ReportError::NotStarted { what, start } => {
                write!(f, "{what} chưa bắt đầu (từ ngày {}): chưa có số liệu để báo cáo.", text::date(*start))
            }
            ReportError::BeforeTerm { year, start } => write!(
                f,
                "6 tháng đầu năm {year} ở trước ngày bắt đầu nhiệm kỳ ({}): không có gì để báo cáo. Hãy chọn báo cáo năm {year}.",
                text::date(*start)
            ),
            ReportError::NoArea(id) => write!(f, "Không có khu dân cư mã “{id}” để làm báo cáo."),
        }
    }
}

impl std::error::Error for ReportError {}

/// One line of a heading block.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The words, as printed.
    pub text: String,
    /// Printed in bold.
    pub bold: bool,
}

impl Line {
    fn new(text: impl Into<String>, bold: bool) -> Line {
        Line { text: text.into(), bold }
    }
}

/// The heading of the document: the issuing body on the left, the national
/// motto on the right (Nghị định 30/2020, Phụ lục I).
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// "ỦY BAN MTTQ VIỆT NAM", "XÃ HÀ HẢI", "BAN THƯỜNG TRỰC" (the last bold).
    pub left: Vec<Line>,
    /// "Số: 12/BC-MTTQ-BTT", or "Số: …/BC-MTTQ-BTT" when none is stored.
    pub number: String,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    /// (both bold; the motto has a rule under it).
    pub right: Vec<Line>,
    /// "Hà Hải, ngày 05 tháng 12 năm 2026" (italic).
    pub place_date: String,
}

/// Table I of a commune's report: a row per target followed.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorTable {
    /// "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU".
    pub heading: String,
    /// Column heads: "STT", "Chỉ tiêu", "Mốc đo, mức cần đạt", "Kết quả", "Tỷ lệ", "Đánh giá", "Còn thiếu".
    pub columns: Vec<String>,
    /// The indicators (then the parts) with targets followed, in programme order.
    pub groups: Vec<ResultGroup>,
}

/// The targets of one indicator (or of one part of the programme).
#[derive(Clone, Debug, PartialEq)]
pub struct ResultGroup {
    /// "Chỉ tiêu 3", "Chương trình hành động 6".
    pub title: String,
    /// The indicator's text, first line, shortened (a part's title).
    pub text: String,
    /// Its targets, in programme order.
    pub rows: Vec<ResultRow>,
}

/// One target's result for the period.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// "1", "2"… through the whole table.
    pub stt: String,
    /// The target's id ("3a"), for tables and tests.
    pub target_id: String,
    /// The target's label.
    pub target: String,
    /// The goal in words: "ít nhất 100 % khu dân cư mỗi năm".
    pub goal: String,
    /// As the overview reads it: "66,6 % (2/3)", "15.000.000 đồng".
    pub result: String,
    /// "66,6 %"; empty when there is nothing to measure yet.
    pub percent: String,
    /// The black bar beside the percentage, as a CSS width ("66.67%"); none
    /// when there is nothing to measure yet.
    pub bar: Option<String>,
    /// The figure's status (the assessment in words is [`ResultRow::assessment`]).
    pub status: Status,
    /// `Status::label()`: "Đạt", "Chưa đạt", "Đang thực hiện"…
    pub assessment: String,
    /// Units still missing, by name ("Thôn 2, Thôn 5"); years missed for a
    /// yearly target over the term.
    pub missing: String,
    /// The numbers behind the row, for tables.
    pub figure: Figure,
}

/// Table I of an area's report: the area's own checklist for the period.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaItemsTable {
    /// "I. KẾT QUẢ THỰC HIỆN NĂM 2026".
    pub heading: String,
    /// "STT", "Chỉ tiêu", "Nội dung", "Kết quả", "Đánh giá".
    pub columns: Vec<String>,
    /// One row per item the area fills and still follows, in programme order.
    pub rows: Vec<AreaItemRow>,
}

/// One item of an area's checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaItemRow {
    /// "1", "2"…
    pub stt: String,
    /// The item's id.
    pub item: String,
    /// What it serves: "Chỉ tiêu 3", "Chương trình hành động 6", or empty.
    pub serves: String,
    /// The item's label.
    pub label: String,
    /// "Đã thực hiện", "67/70 = 95,7 %", "2: Đường bê tông, Nhà văn hóa", "Chưa nhập";
    /// over the term, a yearly item's years: "2/3 năm".
    pub result: String,
    /// Over the term, each year's value: "2024: Đã thực hiện; 2025: …".
    pub detail: String,
    /// "Hoàn thành", "Chưa hoàn thành", "Chưa nhập"; for logged items "Đã ghi", "Chưa ghi".
    pub assessment: String,
    /// Whether it counts as done on the area's checklist.
    pub done: bool,
    /// Whether anything is recorded for it in the period ("Chưa nhập", "Chưa ghi" when not).
    pub entered: bool,
}

/// Table II of a commune's report: each area's checklist, by indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct AreasTable {
    /// "II. KẾT QUẢ CỦA CÁC KHU DÂN CƯ NĂM 2026".
    pub heading: String,
    /// Compact heads: "STT", "Khu dân cư", "CT1", "CT3", …, "P6", "Cộng", "Tỷ lệ".
    pub columns: Vec<String>,
    /// What the compact heads stand for: "CT3: Chỉ tiêu 3 (Ngày hội …, 1 mục)".
    pub legend: Vec<String>,
    /// The areas counted that year, in Vietnamese name order.
    pub rows: Vec<AreaRow>,
    /// "3/5 khu dân cư đã nhập số liệu năm 2026."
    pub summary: String,
}

/// One area in table II.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaRow {
    /// "1", "2"…
    pub stt: String,
    /// The area's unit id.
    pub unit: String,
    /// The area's name.
    pub name: String,
    /// Per compact column: "2/3" (done/total items of that indicator).
    pub cells: Vec<String>,
    /// Items done / items on the checklist, as `progress::areas` counts them.
    pub done: usize,
    /// Items on the area's checklist (see `done`).
    pub total: usize,
    /// "4/6".
    pub total_text: String,
    /// "66,6 %".
    pub percent: String,
    /// Whether the area entered anything for the year.
    pub entered: bool,
}

/// Part III: focus tasks and main solutions, as the commune recorded them.
#[derive(Clone, Debug, PartialEq)]
pub struct TasksSection {
    /// "III. THỰC HIỆN NHIỆM VỤ TRỌNG TÂM VÀ GIẢI PHÁP CHỦ YẾU".
    pub heading: String,
    /// "STT", "Nhiệm vụ, giải pháp", "Kết quả", "Ghi chú".
    pub columns: Vec<String>,
    /// The parts with tasks or solutions, in programme order.
    pub parts: Vec<TaskPart>,
}

/// One part of the programme in part III, with its tasks then its solutions.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskPart {
    /// "1. Chương trình hành động 1: Tuyên truyền, vận động…".
    pub title: String,
    /// Its focus tasks, then its main solutions (retired ones only when recorded).
    pub rows: Vec<TaskRow>,
}

/// One focus task or main solution in part III.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    /// "1", "2"… within the part.
    pub stt: String,
    /// "Nhiệm vụ trọng tâm" or "Giải pháp chủ yếu".
    pub kind: String,
    /// The task's text, whole.
    pub text: String,
    /// "Hoàn thành", "Đang triển khai", "Chưa triển khai", or "Chưa đánh
    /// giá"; over the term, the latest year's, with its year.
    pub status: String,
    /// The note recorded with the status ("" when none).
    pub note: String,
}

/// Section IV or V: the stored text, or a drafted start.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSection {
    /// "IV. TỒN TẠI, HẠN CHẾ".
    pub heading: String,
    /// Where the text is kept: `Action::Edit { key, change: Change::Note(…) }` saves it.
    pub key: RecordKey,
    /// The stored text, or the draft.
    pub text: String,
    /// `text` in paragraphs (its non-empty lines).
    pub paragraphs: Vec<String>,
    /// True when nothing is stored and `text` is drafted from the data:
    /// shown as not yet saved.
    pub draft: bool,
    /// The longest text the section keeps (10 000 characters).
    pub max_chars: usize,
}

/// A header field the screen lets people edit.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldModel {
    /// Which field.
    pub field: Field,
    /// Where it is kept: `Action::Edit { key, change: Change::Note(…) }` saves it.
    pub key: RecordKey,
    /// "Địa danh", "Số văn bản", "Người ký", "Nơi nhận".
    pub label: String,
    /// The stored text ("" when none).
    pub value: String,
    /// What the document shows when none is stored.
    pub placeholder: String,
    /// The longest text the field keeps.
    pub max_chars: usize,
}

/// The signature block, bottom right.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH" (an area: "TM. BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN").
    pub lines: Vec<String>,
    /// The stored signer's name (bold), or "" (the space stays for a hand-written one).
    pub name: String,
}

/// "Nơi nhận:", bottom left.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipients {
    /// "Nơi nhận:".
    pub heading: String,
    /// "- Như trên;", "- Lưu: VT.".
    pub lines: Vec<String>,
}

/// Everything one report shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Whose report.
    pub scope: Scope,
    /// Which period.
    pub period: Period,
    /// The two heading blocks, the number and the place-date line.
    pub heading: Heading,
    /// "BÁO CÁO".
    pub title: String,
    /// "Kết quả thực hiện Chương trình hành động …, năm 2026".
    pub subtitle: String,
    /// Where the figures stand: "Số liệu tính đến ngày 05/12/2026." while the
    /// period runs, "Số liệu năm 2025, cập nhật đến ngày 10/01/2026." after
    /// a year, "Số liệu ghi nhận đến hết ngày 30/06/2026." after a first half.
    pub basis: String,
    /// Table I of a commune's report.
    pub indicators: Option<IndicatorTable>,
    /// Table I of an area's report.
    pub own_items: Option<AreaItemsTable>,
    /// Table II (commune).
    pub areas: Option<AreasTable>,
    /// Part III (commune).
    pub tasks: Option<TasksSection>,
    /// Section IV.
    pub shortcomings: TextSection,
    /// Section V.
    pub direction: TextSection,
    /// Bottom right.
    pub signature: Signature,
    /// Bottom left.
    pub recipients: Recipients,
    /// The header fields, for editing.
    pub fields: Vec<FieldModel>,
    /// Whether this phone may edit the texts (an area's phone edits its own area's only).
    pub may_edit: bool,
}

/// The days a report reads: the period's first and last day, the wall time
/// its data is taken at, and the day its figures are judged on.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    /// The year whose figures it shows (the term: the latest year).
    year: i32,
    last: NaiveDate,
    /// Only for a first half that is over: the end of 30 June. None:
    /// everything this phone holds about the period.
    cutoff_ms: Option<i64>,
    day: NaiveDate,
}

/// The last millisecond of `day` on a clock `tz_offset_min` minutes east of UTC.
pub fn end_of_day_ms(day: NaiveDate, tz_offset_min: i32) -> i64 {
    const DAY: i64 = 86_400_000;
    let days = day.num_days_from_ce() as i64 - 719_163 + 1; // 1970-01-01 is day 719 163
    days * DAY - tz_offset_min as i64 * 60_000 - 1
}

/// Whether a report of `period` can be made today (it lies in the term and has begun).
pub fn available(p: &Programme, period: Period, env: &Env) -> bool {
    span(p, period, env).is_ok()
}

fn span(p: &Programme, period: Period, env: &Env) -> Result<Span, ReportError> {
    let term = p.term;
    let in_term = |year: i32| {
        if term.contains_year(year) {
            Ok(())
        } else {
            Err(ReportError::YearOutsideTerm { year, first: term.first_year, last: term.last_year })
        }
    };
    let (what, start, last) = match period {
        Period::Year(y) => {
            in_term(y)?;
            (format!("Năm {y}"), term.year_start(y), term.year_end(y))
        }
        Period::FirstHalf(y) => {
            in_term(y)?;
            let last = NaiveDate::from_ymd_opt(y, 6, 30).expect("a year of the term");
            if last < term.start {
                return Err(ReportError::BeforeTerm { year: y, start: term.start });
            }
            (format!("6 tháng đầu năm {y}"), term.year_start(y), last)
        }
        Period::Term => ("Nhiệm kỳ".to_string(), term.start, term.end()),
    };
    if env.today < start {
        return Err(ReportError::NotStarted { what, start });
    }
    // Judged the day after the period's last day once it is over (or today, while it runs).
    let day = env.today.min(last.succ_opt().unwrap_or(last));
    let (year, cutoff_ms) = match period {
        Period::FirstHalf(y) => (y, Some(end_of_day_ms(last, env.tz_offset_min))),
        Period::Year(y) => (y, None),
        Period::Term => (term.current_year(env.today), None),
    };
    Ok(Span { year, last, cutoff_ms, day })
}

/// The data a report of `period` reads: everything held, or for a first half
/// that is over, what had been recorded by the end of 30 June.
fn snapshot<'a>(book: &'a Book, s: &Span) -> Cow<'a, Book> {
    match s.cutoff_ms {
        Some(ms) => Cow::Owned(book.as_of(ms)),
        None => Cow::Borrowed(book),
    }
}

/// "ngày 05 tháng 02 năm 2026": a zero before days 1-9 and months 1-2
/// (Nghị định 30/2020), none before months 3-9.
pub fn date_words(d: NaiveDate) -> String {
    let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// Administrative-unit words an owner name may start with ("xã Hà Hải").
const UNIT_WORDS: [&str; 4] = ["xã", "phường", "thị trấn", "đặc khu"];

/// The commune's name in capitals with its kind: "xã Hà Hải" and "Hà Hải"
/// give "XÃ HÀ HẢI"; "phường An Lạc" gives "PHƯỜNG AN LẠC".
pub fn commune_caps(owner: &str) -> String {
    let owner = owner.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = owner.to_lowercase();
    let has_kind = UNIT_WORDS.iter().any(|w| lower.starts_with(&format!("{w} ")));
    let full = if has_kind { owner.clone() } else { format!("xã {owner}") };
    full.to_uppercase()
}

/// The commune's name without its kind, as a place name: "xã Hà Hải" gives "Hà Hải".
pub fn place_of(owner: &str) -> String {
    let owner = owner.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = owner.to_lowercase();
    for w in UNIT_WORDS {
        if lower.starts_with(&format!("{w} ")) {
            // Cut by characters: the lower-cased prefix has the same number of them.
            return owner.chars().skip(w.chars().count() + 1).collect();
        }
    }
    owner
}

/// I, II, III, IV, V, VI.
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII"].get(n.wrapping_sub(1)).copied().unwrap_or("")
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// The goal of a target in words: "ít nhất 100 % khu dân cư mỗi năm",
/// "trên 20.000.000 đồng trong nhiệm kỳ", "ít nhất 95 % tổ chức thành viên
/// xếp loại hoàn thành tốt nhiệm vụ trở lên mỗi năm".
pub fn goal_words(p: &Programme, rule: &Rule) -> String {
    let item = p.item(rule.item());
    let noun = item.map(progress::unit_noun).unwrap_or("đơn vị");
    let when = |period: RulePeriod| match period {
        RulePeriod::EachYear => " mỗi năm".to_string(),
        RulePeriod::Term => " trong nhiệm kỳ".to_string(),
        RulePeriod::Years([a, b]) if a == b => format!(" năm {a}"),
        RulePeriod::Years([a, b]) => format!(" trong {a}-{b}"),
    };
    match rule {
        Rule::UnitsShare { percent, cmp, period, min_count, .. } => {
            let mut s = format!("{} {} {noun}", cmp.words(), text::percent(*percent));
            if *min_count > 1 && item.is_some_and(|i| i.value == ValueKind::Count) {
                s.push_str(&format!(" có ít nhất {min_count}"));
            }
            s + &when(*period)
        }
        Rule::Total { goal, cmp, period, .. } => {
            let amount = item.map_or_else(|| text::group_thousands(*goal), |i| progress::amount_text(i, *goal));
            format!("{} {amount}{}", cmp.words(), when(*period))
        }
        Rule::Ratio { percent, cmp, period, .. } => format!("{} {}{}", cmp.words(), text::percent(*percent), when(*period)),
        Rule::GradeShare { min_grade, percent, cmp, none_failing, .. } => {
            let grade = text::lowercase(p.grade_label(min_grade).unwrap_or(min_grade));
            let mut s = format!("{} {} {noun} xếp loại {grade} trở lên mỗi năm", cmp.words(), text::percent(*percent));
            if *none_failing {
                s.push_str(", không có đơn vị không hoàn thành nhiệm vụ");
            }
            s
        }
    }
}

/// The percentage a row shows: as the overview rounds it (never more than
/// it is); empty when there is nothing to measure yet.
pub fn percent_shown(f: &Figure) -> String {
    match f.measure {
        Measure::Units { of: 0, .. }
        | Measure::Grades { of: 0, .. }
        | Measure::Ratio { entered: 0, .. }
        | Measure::Ratio { of: 0, .. }
        | Measure::Years { counted: 0, .. }
        | Measure::NoItem => String::new(),
        _ => text::percent_near(f.percent, f.goal_percent),
    }
}

/// The figure of a target a report of `period` shows: over the term, the
/// term so far; for a year (or its first half), the year's own figure for
/// yearly targets and, for targets over several years, where they stood at
/// the end of that year (the overview's strip for that year).
fn shown(t: &TargetProgress, period: Period, year: i32) -> &Figure {
    match period {
        Period::Term => &t.term,
        _ => t.years.iter().find(|(y, _)| *y == year).map_or(&t.term, |(_, f)| f),
    }
}

/// Table I's rows, from the data the period reads (see [`snapshot`]).
fn indicator_groups(snap: &Book, period: Period, span: &Span) -> Vec<ResultGroup> {
    let p = &snap.programme;
    let all = progress::compute(snap, span.day);
    let mut stt = 0;
    let mut row = |t: &TargetProgress| {
        stt += 1;
        let f = shown(t, period, span.year).clone();
        let yearly = t.target.rule.period() == RulePeriod::EachYear;
        let year = match period {
            Period::Term => None,
            _ => yearly.then_some(span.year),
        };
        let missing = progress::explain(snap, &t.target.id, year, span.day).map(|e| e.missing.join(", ")).unwrap_or_default();
        let percent = percent_shown(&f);
        ResultRow {
            stt: stt.to_string(),
            target_id: t.target.id.clone(),
            target: t.target.label.clone(),
            goal: goal_words(p, &t.target.rule),
            result: f.text(),
            bar: (!percent.is_empty()).then(|| format!("{}%", text::fixed2(f.percent.clamp(0.0, 100.0)))),
            percent,
            status: f.status,
            assessment: f.status.label().to_string(),
            missing,
            figure: f,
        }
    };
    let mut groups = Vec::new();
    for ind in &p.indicators {
        let rows: Vec<ResultRow> = all.iter().filter(|t| t.indicator == Some(ind.number)).map(&mut row).collect();
        if !rows.is_empty() {
            groups.push(ResultGroup { title: format!("Chỉ tiêu {}", ind.number), text: text::short(&ind.text, 120), rows });
        }
    }
    for part in &p.parts {
        let rows: Vec<ResultRow> = all.iter().filter(|t| t.area == Some(part.number)).map(&mut row).collect();
        if !rows.is_empty() {
            groups.push(ResultGroup { title: p.part_name(part), text: text::short(&part.title, 120), rows });
        }
    }
    groups
}

/// The results of every target for `period`, as table I of the commune's
/// report shows them (for the tables of every year).
pub fn indicator_results(state: &State, period: Period, env: &Env) -> Result<Vec<ResultGroup>, ReportError> {
    let s = span(&state.book.programme, period, env)?;
    Ok(indicator_groups(&snapshot(&state.book, &s), period, &s))
}

/// One slot's value as a row reads it.
fn value_words(p: &Programme, value: &Value, names: &[String]) -> String {
    match value {
        Value::Empty => "Chưa nhập".to_string(),
        Value::Ratio { n, of } if *of > 0 => {
            format!("{n}/{of} = {}", text::percent_near(*n as f64 * 100.0 / *of as f64, 100.0))
        }
        _ => value_text(p, value, names),
    }
}

/// A value as the report's tables write it ([`Value::text`]), a count
/// with its names: "2: Đường bê tông, Nhà văn hóa".
pub(crate) fn value_text(p: &Programme, value: &Value, names: &[String]) -> String {
    match value {
        Value::Count { .. } if !names.is_empty() => format!("{}: {}", value.text(p), names.join(", ")),
        _ => value.text(p),
    }
}

/// The area's checklist items: what an area fills (as `progress::areas`
/// counts them: logged items apart), followed, in programme order.
fn area_items(p: &Programme) -> impl Iterator<Item = &Item> {
    p.items.iter().filter(|i| i.filled_by(Who::Areas) && !i.retired)
}

fn own_items(snap: &Book, unit: &str, period: Period, span: &Span) -> Vec<AreaItemRow> {
    let p = &snap.programme;
    let term = p.term;
    let slot = |item: &Item, year: Option<i32>| snap.entry(&RecordKey { unit: unit.into(), item: item.id.clone(), year });
    let counts_in = |y: i32| snap.unit(unit).is_none_or(|u| u.active_in(y));
    let mut rows = Vec::new();
    for item in area_items(p) {
        let (result, detail, assessment, done, entered) = match (item.cadence, period) {
            (Cadence::Event, _) => {
                let years: Vec<i32> = match period {
                    Period::Term => term.years().collect(),
                    _ => vec![span.year],
                };
                let events: Vec<_> = years.iter().flat_map(|y| snap.events(unit, &item.id, *y)).collect();
                let total: i64 = years.iter().map(|y| snap.event_total(unit, &item.id, *y)).sum();
                let amount = progress::amount_text(item, total);
                if events.is_empty() {
                    ("Chưa ghi".to_string(), String::new(), "Chưa ghi".to_string(), false, false)
                } else {
                    (format!("{amount} ({} lần ghi)", events.len()), String::new(), "Đã ghi".to_string(), true, true)
                }
            }
            (Cadence::Yearly, Period::Term) => {
                let years: Vec<i32> = term.years().filter(|y| term.year_start(*y) <= span.day && counts_in(*y)).collect();
                let mut done_years = 0;
                let mut each = Vec::new();
                for y in &years {
                    if let Some(e) = slot(item, Some(*y)) {
                        if progress::checklist_done(&e.value, p) {
                            done_years += 1;
                        }
                        each.push(format!("{y}: {}", value_words(p, &e.value, &e.names)));
                    }
                }
                let n = years.len();
                let assessment = if n > 0 && done_years == n { "Hoàn thành" } else if each.is_empty() { "Chưa nhập" } else { "Chưa hoàn thành" };
                (format!("{done_years}/{n} năm"), each.join("; "), assessment.to_string(), n > 0 && done_years == n, !each.is_empty())
            }
            (cadence, _) => {
                let year = (cadence == Cadence::Yearly).then_some(span.year);
                match slot(item, year) {
                    Some(e) if e.value != Value::Empty => {
                        let done = progress::checklist_done(&e.value, p);
                        let assessment = if done { "Hoàn thành" } else { "Chưa hoàn thành" };
                        (value_words(p, &e.value, &e.names), String::new(), assessment.to_string(), done, true)
                    }
                    _ => ("Chưa nhập".to_string(), String::new(), "Chưa nhập".to_string(), false, false),
                }
            }
        };
        rows.push(AreaItemRow {
            stt: (rows.len() + 1).to_string(),
            item: item.id.clone(),
            serves: p.serves(item).unwrap_or_default(),
            label: item.label.clone(),
            result,
            detail,
            assessment,
            done,
            entered,
        });
    }
    rows
}

/// The compact column of an area checklist item in table II: "CT3" for
/// indicator 3, "P6" for part 6, "Khác".
fn column_of(item: &Item) -> String {
    match (item.indicator, item.part) {
        (Some(n), _) => format!("CT{n}"),
        (None, Some(n)) => format!("P{n}"),
        _ => "Khác".to_string(),
    }
}

fn areas_table(snap: &Book, heading: String, when: &str, year: i32) -> AreasTable {
    let p = &snap.programme;
    // Exactly the items progress::areas counts.
    let items: Vec<&Item> = p.items.iter().filter(|i| progress::on_checklist(i)).collect();
    let mut columns: Vec<String> = Vec::new();
    for i in &items {
        let c = column_of(i);
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    let legend = columns
        .iter()
        .map(|c| {
            let of: Vec<&&Item> = items.iter().filter(|i| column_of(i) == *c).collect();
            let name = p.serves(of[0]).unwrap_or_else(|| "Mục khác".to_string());
            let labels: Vec<&str> = of.iter().map(|i| i.label.as_str()).collect();
            format!("{c}: {name} ({} mục: {})", of.len(), labels.join("; "))
        })
        .collect();
    let list = progress::areas(snap, year);
    let entered = list.iter().filter(|a| a.entered).count();
    let summary = format!("{entered}/{} khu dân cư đã nhập số liệu {when}.", list.len());
    let rows = list
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let cells = columns
                .iter()
                .map(|c| {
                    let of: Vec<&&Item> = items.iter().filter(|i| column_of(i) == *c).collect();
                    let done = of
                        .iter()
                        .filter(|i| {
                            let year = (i.cadence != Cadence::Term).then_some(year);
                            let key = RecordKey { unit: a.unit.clone(), item: i.id.clone(), year };
                            snap.entry(&key).is_some_and(|e| progress::checklist_done(&e.value, p))
                        })
                        .count();
                    format!("{done}/{}", of.len())
                })
                .collect();
            let pct = if a.total > 0 { a.done as f64 * 100.0 / a.total as f64 } else { 0.0 };
            AreaRow {
                stt: (k + 1).to_string(),
                unit: a.unit.clone(),
                name: a.name.clone(),
                cells,
                done: a.done,
                total: a.total,
                total_text: format!("{}/{}", a.done, a.total),
                percent: text::percent_near(pct, 100.0),
                entered: a.entered,
            }
        })
        .collect();
    let mut heads = vec!["STT".to_string(), "Khu dân cư".to_string()];
    heads.extend(columns);
    heads.extend(["Cộng".to_string(), "Tỷ lệ".to_string()]);
    AreasTable { heading, columns: heads, legend, rows, summary }
}

fn tasks_section(snap: &Book, heading: String, period: Period, span: &Span) -> TasksSection {
    let p = &snap.programme;
    let commune = snap.commune_id().unwrap_or(super::state::COMMUNE_ID).to_string();
    let term = p.term;
    let status_of = |task: &str| -> Option<(i32, String, String)> {
        let years: Vec<i32> = match period {
            Period::Term => term.years().filter(|y| *y <= span.year).rev().collect(),
            _ => vec![span.year],
        };
        years.into_iter().find_map(|y| {
            let e = snap.entry(&RecordKey { unit: commune.clone(), item: task.to_string(), year: Some(y) })?;
            match &e.value {
                Value::Status { status } => Some((y, status.label().to_string(), e.note.clone())),
                _ if !e.note.is_empty() => Some((y, "Chưa đánh giá".to_string(), e.note.clone())),
                _ => None,
            }
        })
    };
    let mut parts = Vec::new();
    for (k, part) in p.parts.iter().enumerate() {
        let mut rows = Vec::new();
        let kinds = part.tasks.iter().map(|t| ("Nhiệm vụ trọng tâm", t)).chain(part.solutions.iter().map(|t| ("Giải pháp chủ yếu", t)));
        for (kind, task) in kinds {
            let found = status_of(&task.id);
            if task.retired && found.is_none() {
                continue;
            }
            let (status, note) = match found {
                Some((y, label, note)) if period == Period::Term => (format!("{label} (năm {y})"), note),
                Some((_, label, note)) => (label, note),
                None => ("Chưa đánh giá".to_string(), String::new()),
            };
            rows.push(TaskRow { stt: (rows.len() + 1).to_string(), kind: kind.to_string(), text: task.text.clone(), status, note });
        }
        if !rows.is_empty() {
            parts.push(TaskPart { title: format!("{}. {}: {}", k + 1, p.part_name(part), part.title), rows });
        }
    }
    TasksSection {
        heading,
        columns: vec!["STT".into(), "Nhiệm vụ, giải pháp".into(), "Kết quả".into(), "Ghi chú".into()],
        parts,
    }
}

/// The key of a section's text for a unit and period.
pub fn section_key(unit: &str, section: Section, period: Period) -> RecordKey {
    let (first_half, year) = match period {
        Period::Year(y) => (false, Some(y)),
        Period::FirstHalf(y) => (true, Some(y)),
        Period::Term => (false, None),
    };
    RecordKey { unit: unit.to_string(), item: section.item(first_half).to_string(), year }
}

fn text_section(book: &Book, heading: String, key: RecordKey, draft: impl FnOnce() -> String) -> TextSection {
    let stored = texts::stored(book, &key);
    let is_draft = stored.is_none();
    let text = stored.unwrap_or_else(draft);
    TextSection { heading, paragraphs: lines_of(&text), key, text, draft: is_draft, max_chars: texts::MAX_SECTION }
}

/// "Chỉ tiêu 3 (Khu dân cư tổ chức Ngày hội 18/11 hằng năm: 66,6 % (2/3))".
fn target_phrase(group: &ResultGroup, row: &ResultRow) -> String {
    format!("{} ({}: {})", group.title, row.target, row.result)
}

/// Builds the report of `scope` for `period` as of `env`.
pub fn report(state: &State, scope: &Scope, period: Period, env: &Env) -> Result<Report, ReportError> {
    let book = &state.book;
    let p = &book.programme;
    let area = match scope {
        Scope::Commune => None,
        Scope::Area(id) => match book.unit(id) {
            Some(u) if u.kind == UnitKind::Area => Some((id.clone(), u.name.clone())),
            _ => return Err(ReportError::NoArea(id.clone())),
        },
    };
    let s = span(p, period, env)?;
    let snap = snapshot(book, &s);
    let commune = book.commune_id().unwrap_or(super::state::COMMUNE_ID).to_string();
    let unit = area.as_ref().map(|(id, _)| id.clone()).unwrap_or_else(|| commune.clone());
    let field = |f: Field| texts::stored(book, &f.key(&unit));

    // Heading.
    let commune_caps = commune_caps(&p.owner);
    let (left, number_suffix, signature_lines) = match &area {
        None => (
            vec![Line::new("ỦY BAN MTTQ VIỆT NAM", false), Line::new(commune_caps.clone(), false), Line::new("BAN THƯỜNG TRỰC", true)],
            "BC-MTTQ-BTT",
            vec!["TM. BAN THƯỜNG TRỰC".to_string(), "CHỦ TỊCH".to_string()],
        ),
        Some((_, name)) => (
            vec![
                Line::new(format!("ỦY BAN MTTQ VIỆT NAM {commune_caps}"), false),
                Line::new(format!("BAN CÔNG TÁC MẶT TRẬN {}", name.to_uppercase()), true),
            ],
            "BC-BCTMT",
            vec!["TM. BAN CÔNG TÁC MẶT TRẬN".to_string(), "TRƯỞNG BAN".to_string()],
        ),
    };
    let default_place = texts::stored(book, &Field::Place.key(&commune)).unwrap_or_else(|| place_of(&p.owner));
    let place = field(Field::Place).unwrap_or_else(|| default_place.clone());
    let number = match field(Field::Number) {
        Some(n) if n.contains('/') => format!("Số: {n}"),
        Some(n) => format!("Số: {n}/{number_suffix}"),
        None => format!("Số: …/{number_suffix}"),
    };
    let heading = Heading {
        left,
        number,
        right: vec![Line::new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true), Line::new("Độc lập - Tự do - Hạnh phúc", true)],
        place_date: format!("{place}, {}", date_words(env.today)),
    };

    // Title.
    let title = p.title.trim();
    let term_words = format!("nhiệm kỳ {}-{}", p.term.first_year, p.term.last_year);
    let sep = if title.ends_with(|c: char| c.is_ascii_digit()) { ", " } else { " " };
    let subtitle = match period {
        Period::Year(y) => format!("Kết quả thực hiện {title}{sep}năm {y}"),
        Period::FirstHalf(y) => format!("Kết quả thực hiện {title}{sep}6 tháng đầu năm {y}"),
        Period::Term if title.to_lowercase().ends_with(&term_words) => {
            format!("Kết quả thực hiện {title} (đến ngày {})", text::date(env.today))
        }
        Period::Term => format!("Kết quả thực hiện {title} {term_words} (đến ngày {})", text::date(env.today)),
    };
    let basis = match period {
        _ if env.today <= s.last => format!("Số liệu tính đến ngày {}.", text::date(env.today)),
        Period::FirstHalf(_) => format!("Số liệu ghi nhận đến hết ngày {}.", text::date(s.last)),
        Period::Year(y) => format!("Số liệu năm {y}, cập nhật đến ngày {}.", text::date(env.today)),
        Period::Term => format!("Số liệu tính đến hết ngày {}.", text::date(s.last)),
    };
    // The period in words; table II shows the latest year over the term.
    let (when, areas_when) = match period {
        Period::Year(y) => (format!("năm {y}"), format!("năm {y}")),
        Period::FirstHalf(y) => (format!("6 tháng đầu năm {y}"), format!("6 tháng đầu năm {y}")),
        Period::Term => (term_words.clone(), format!("năm {}", s.year)),
    };
    let next = match period {
        Period::Year(y) if y < p.term.last_year => format!("năm {}", y + 1),
        Period::FirstHalf(y) => format!("6 tháng cuối năm {y}"),
        _ => "thời gian tới".to_string(),
    };

    // Sections, numbered as they come.
    let mut n = 0;
    let mut numbered = |title: &str| {
        n += 1;
        format!("{}. {title}", roman(n))
    };
    let (mut indicators, mut own, mut areas, mut tasks) = (None, None, None, None);
    let shortcomings_draft: String;
    let direction_draft: String;
    match &area {
        None => {
            let groups = indicator_groups(&snap, period, &s);
            indicators = Some(IndicatorTable {
                heading: numbered("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
                columns: ["STT", "Chỉ tiêu", "Mốc đo, mức cần đạt", "Kết quả", "Tỷ lệ", "Đánh giá", "Còn thiếu"]
                    .map(String::from)
                    .to_vec(),
                groups: groups.clone(),
            });
            let table =
                areas_table(&snap, numbered(&format!("KẾT QUẢ CỦA CÁC KHU DÂN CƯ {}", areas_when.to_uppercase())), &areas_when, s.year);
            tasks = Some(tasks_section(&snap, numbered("THỰC HIỆN NHIỆM VỤ TRỌNG TÂM VÀ GIẢI PHÁP CHỦ YẾU"), period, &s));
            let missing_areas: Vec<&str> = table.rows.iter().filter(|r| !r.entered).map(|r| r.name.as_str()).collect();
            let with = |st: Status| -> Vec<String> {
                groups.iter().flat_map(|g| g.rows.iter().filter(move |r| r.status == st).map(move |r| target_phrase(g, r))).collect()
            };
            let (missed, running) = (with(Status::Missed), with(Status::InProgress));
            shortcomings_draft = commune_shortcomings(&missing_areas, &missed, &running, &areas_when, &when);
            direction_draft = commune_direction(&missing_areas, &missed, &running, &next);
            areas = Some(table);
        }
        Some((id, _)) => {
            let rows = own_items(&snap, id, period, &s);
            let not_done: Vec<String> = rows.iter().filter(|r| !r.done).map(|r| r.label.clone()).collect();
            let (unfinished, no_data): (Vec<&AreaItemRow>, Vec<&AreaItemRow>) =
                rows.iter().filter(|r| !r.done).partition(|r| r.entered);
            let in_when = if period == Period::Term { format!("trong {when}") } else { when.clone() };
            let list = |rows: &[&AreaItemRow]| rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("; ");
            let mut draft = Vec::new();
            if !unfinished.is_empty() {
                draft.push(format!("Còn {} mục chưa hoàn thành {in_when}: {}.", unfinished.len(), list(&unfinished)));
            }
            if !no_data.is_empty() {
                draft.push(format!("Còn {} mục chưa nhập số liệu {in_when}: {}.", no_data.len(), list(&no_data)));
            }
            if draft.is_empty() {
                draft.push(format!("Khu dân cư đã hoàn thành các mục của Chương trình hành động {in_when}."));
            }
            shortcomings_draft = draft.join("\n");
            direction_draft = if not_done.is_empty() {
                format!("Tiếp tục duy trì, phát huy kết quả đã đạt được trong {next}.")
            } else {
                format!("Tập trung hoàn thành các mục còn lại: {}.", not_done.join("; "))
            };
            own = Some(AreaItemsTable {
                heading: numbered(&format!("KẾT QUẢ THỰC HIỆN {}", when.to_uppercase())),
                columns: ["STT", "Chỉ tiêu", "Nội dung", "Kết quả", "Đánh giá"].map(String::from).to_vec(),
                rows,
            });
        }
    }
    let shortcomings = text_section(book, numbered("TỒN TẠI, HẠN CHẾ"), section_key(&unit, Section::Shortcomings, period), || shortcomings_draft);
    let direction = text_section(
        book,
        numbered(&format!("PHƯƠNG HƯỚNG, NHIỆM VỤ {}", next.to_uppercase())),
        section_key(&unit, Section::Direction, period),
        || direction_draft,
    );

    // Signature and recipients.
    let recipients_lines = match field(Field::Recipients) {
        Some(t) => lines_of(&t).into_iter().map(|l| if l.starts_with('-') { l } else { format!("- {l}") }).collect(),
        None => vec!["- Như trên;".to_string(), "- Lưu: VT.".to_string()],
    };
    let defaults = [
        (Field::Place, default_place),
        (Field::Number, "…".to_string()),
        (Field::Signer, String::new()),
        (Field::Recipients, "- Như trên;\n- Lưu: VT.".to_string()),
    ];
    let fields = defaults
        .into_iter()
        .map(|(f, placeholder)| FieldModel {
            field: f,
            key: f.key(&unit),
            label: f.label().to_string(),
            value: field(f).unwrap_or_default(),
            placeholder,
            max_chars: f.max_chars(),
        })
        .collect();
    Ok(Report {
        scope: scope.clone(),
        period,
        heading,
        title: "BÁO CÁO".to_string(),
        subtitle,
        basis,
        indicators,
        own_items: own,
        areas,
        tasks,
        shortcomings,
        direction,
        signature: Signature { lines: signature_lines, name: field(Field::Signer).unwrap_or_default() },
        recipients: Recipients { heading: "Nơi nhận:".to_string(), lines: recipients_lines },
        fields,
        may_edit: state.may_write(&unit),
    })
}

/// A draft of section IV from the data: the areas with no data, the
/// targets missed, those not reached yet.
fn commune_shortcomings(missing_areas: &[&str], missed: &[String], running: &[String], areas_when: &str, when: &str) -> String {
    let mut out = Vec::new();
    if !missing_areas.is_empty() {
        out.push(format!("Còn {} khu dân cư chưa nhập số liệu {areas_when}: {}.", missing_areas.len(), missing_areas.join(", ")));
    }
    if !missed.is_empty() {
        out.push(format!("Còn {} chỉ tiêu chưa đạt: {}.", missed.len(), missed.join("; ")));
    }
    if !running.is_empty() {
        out.push(format!("{} chỉ tiêu đang thực hiện, chưa đạt mức đề ra: {}.", running.len(), running.join("; ")));
    }
    if out.is_empty() {
        out.push(format!("Các chỉ tiêu {when} đều đạt hoặc chưa đến hạn; các khu dân cư đã nhập số liệu."));
    }
    out.join("\n")
}

/// A draft of section V: finish what is not reached, bring in the missing data.
fn commune_direction(missing_areas: &[&str], missed: &[String], running: &[String], next: &str) -> String {
    let mut out = Vec::new();
    let open: Vec<&String> = missed.iter().chain(running).collect();
    if !open.is_empty() {
        out.push(format!("Tập trung hoàn thành các chỉ tiêu chưa đạt: {}.", open.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("; ")));
    }
    if !missing_areas.is_empty() {
        out.push(format!("Đôn đốc các khu dân cư nhập đầy đủ số liệu: {}.", missing_areas.join(", ")));
    }
    out.push(format!("Tiếp tục thực hiện các nhiệm vụ trọng tâm, giải pháp chủ yếu của Chương trình hành động trong {next}."));
    out.join("\n")
}

/// Every record as a CSV file (see [`csv`]).
pub fn records_csv(state: &State, env: &Env, sep: csv::Separator) -> String {
    csv::write(&table::records_table(state, env), sep)
}

/// The indicator results of every year begun, then of the term so far, as a CSV file.
pub fn results_csv(state: &State, env: &Env, sep: csv::Separator) -> String {
    csv::write(&table::results_table(state, env), sep)
}

/// Both tables as an .xlsx workbook: "Số liệu", then "Kết quả chỉ tiêu".
pub fn workbook(state: &State, env: &Env) -> Vec<u8> {
    xlsx::write(&[table::records_table(state, env), table::results_table(state, env)], env.now_ms)
}
