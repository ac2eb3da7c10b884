//! The programme editor's core: a draft of a programme, the edits a commune
//! officer makes to it on a phone, the checks of every field, and
//! publishing it (a new revision of the programme followed, or a new
//! programme for another commune or term).
//!
//! The screens only render [`EditorScreen`] (and [`PasteModel`]) and send
//! [`Edit`]s to [`apply`]; errors come back as [`FieldError`]s that name the
//! [`Field`] they belong to. The shell keeps the draft in storage while
//! editing ([`Draft::to_text`]), so a reload loses nothing.
//!
//! Indicators and parts are named in edits by their number, which stays as
//! it is while editing (a new one takes the next free number); publishing
//! renumbers them in list order and moves the items' links along. Items,
//! targets and tasks are named by their ids: ASCII slugs, generated, unique,
//! never changed by an edit.

mod check;
mod find;
mod ids;
mod lists;
mod model;
mod paste;
mod publish;
mod rules;
mod set;
mod usage;
pub mod words;

pub use check::check;
pub use model::{
    editor, Button, CheckField, EditorModel, EditorScreen, General, IndicatorCard, ItemCard, NameRow, PartCard, RowControls,
    SelectField, StartModel, SuggestionCard, SuggestionText, TargetCard, TaskRow, TextField,
};
pub use paste::{paste_preview, PasteModel, PastedIndicator, PastedPart};
pub use publish::{new_id, publish, PublishErrors, Published};

use super::programme::{Grade, PartKind, Programme, Term};
use super::recognise::{Recognised, Suggestion, DEFAULT_TERM, GRADES, ORGANISATIONS};
use super::state::State;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A programme being written or revised, kept in storage until it is
/// published or dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The programme revised, as it was when editing began; None for a new
    /// programme (another commune, another term).
    pub base: Option<Base>,
    /// The programme as edited so far. A new one has the id "" until it is
    /// published.
    pub programme: Programme,
    /// Items and targets read from a pasted text, waiting for the officer to
    /// accept ([`Edit::Accept`]) or dismiss them one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

/// The programme a draft revises: its id and the revision editing began from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub id: String,
    pub revision: u32,
}

/// Where an item or a target belongs: an indicator or a part, by number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Indicator(u32),
    Part(u32),
}

/// One row of one of the draft's lists: what [`Edit::Remove`],
/// [`Edit::Restore`] and [`Edit::Move`] act on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    Indicator(u32),
    Part(u32),
    /// A focus task or a main solution, by id.
    Task(String),
    /// A member organisation, by its place in the list.
    Organisation(usize),
    Grade(String),
    Item(String),
    Target(String),
}

/// A field of the draft: what an input edits ([`Edit::Set`],
/// [`Edit::Check`]) and where an error shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The draft as a whole: shown above the sections.
    Programme,
    Title,
    /// The commune's name ("xã Linh Toại").
    Owner,
    /// The adoption date: "yyyy-mm-dd" (a date input) or "dd/mm/yyyy".
    Start,
    /// The term's last year.
    LastYear,
    Objective,
    Closing,
    /// The list of indicators (an error when there is none).
    Indicators,
    IndicatorText(u32),
    /// A [`PartKind`] code.
    PartKind(u32),
    PartTitle(u32),
    PartObjective(u32),
    TaskText(String),
    Organisation(usize),
    Grades,
    GradeLabel(String),
    ItemLabel(String),
    /// A checkbox per who ([`words::who_code`] as its value).
    ItemWho(String),
    /// A [`words::cadence_code`].
    ItemCadence(String),
    /// A [`words::value_code`].
    ItemValue(String),
    ItemHint(String),
    /// The label of n of a ratio item.
    ItemNumerator(String),
    /// The label of N of a ratio item.
    ItemDenominator(String),
    TargetLabel(String),
    /// The id of the item it reads.
    TargetItem(String),
    /// A [`words::TargetKind`] code.
    TargetKind(String),
    /// A period code ([`words::PERIODS`]) of a share of units or a ratio.
    TargetPeriod(String),
    /// A comparison code ("at_least", "more_than", "at_most", "less_than").
    TargetCmp(String),
    /// The percentage, or the total's goal (đồng or a count), as typed.
    TargetNumber(String),
    /// The entries each unit needs for a share of units over a count item.
    TargetMinCount(String),
    /// The first year of a window of years.
    TargetFrom(String),
    /// The last year of a window of years.
    TargetTo(String),
    /// The lowest grade counted (a grade id).
    TargetGrade(String),
    /// A checkbox: no unit may have the failing grade.
    TargetNoneFailing(String),
}

impl Field {
    /// A short ASCII key, unique per field, for an element's id or a test's
    /// selector: "title", "indicator-3-text", "item-ngay-hoi-who", "target-5a-number".
    pub fn key(&self) -> String {
        let of = |what: &str, id: &dyn fmt::Display, part: &str| format!("{what}-{id}-{part}");
        match self {
            Field::Programme => "programme".into(),
            Field::Title => "title".into(),
            Field::Owner => "owner".into(),
            Field::Start => "start".into(),
            Field::LastYear => "last-year".into(),
            Field::Objective => "objective".into(),
            Field::Closing => "closing".into(),
            Field::Indicators => "indicators".into(),
            Field::IndicatorText(n) => of("indicator", n, "text"),
            Field::PartKind(n) => of("part", n, "kind"),
            Field::PartTitle(n) => of("part", n, "title"),
            Field::PartObjective(n) => of("part", n, "objective"),
            Field::TaskText(id) => of("task", id, "text"),
            Field::Organisation(i) => of("organisation", i, "name"),
            Field::Grades => "grades".into(),
            Field::GradeLabel(id) => of("grade", id, "label"),
            Field::ItemLabel(id) => of("item", id, "label"),
            Field::ItemWho(id) => of("item", id, "who"),
            Field::ItemCadence(id) => of("item", id, "cadence"),
            Field::ItemValue(id) => of("item", id, "value"),
            Field::ItemHint(id) => of("item", id, "hint"),
            Field::ItemNumerator(id) => of("item", id, "numerator"),
            Field::ItemDenominator(id) => of("item", id, "denominator"),
            Field::TargetLabel(id) => of("target", id, "label"),
            Field::TargetItem(id) => of("target", id, "item"),
            Field::TargetKind(id) => of("target", id, "kind"),
            Field::TargetPeriod(id) => of("target", id, "period"),
            Field::TargetCmp(id) => of("target", id, "cmp"),
            Field::TargetNumber(id) => of("target", id, "number"),
            Field::TargetMinCount(id) => of("target", id, "min-count"),
            Field::TargetFrom(id) => of("target", id, "from"),
            Field::TargetTo(id) => of("target", id, "to"),
            Field::TargetGrade(id) => of("target", id, "grade"),
            Field::TargetNoneFailing(id) => of("target", id, "none-failing"),
        }
    }
}

impl Row {
    /// A short ASCII key, unique per row: "indicator-3", "item-ngay-hoi".
    pub fn key(&self) -> String {
        match self {
            Row::Indicator(n) => format!("indicator-{n}"),
            Row::Part(n) => format!("part-{n}"),
            Row::Task(id) => format!("task-{id}"),
            Row::Organisation(i) => format!("organisation-{i}"),
            Row::Grade(id) => format!("grade-{id}"),
            Row::Item(id) => format!("item-{id}"),
            Row::Target(id) => format!("target-{id}"),
        }
    }
}

/// Why an edit was refused (nothing changed) or what the draft still
/// lacks, at the field it belongs to, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, message: impl Into<String>) -> FieldError {
        FieldError { field, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Something added to one of the draft's lists, at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Add {
    Indicator,
    Part { kind: PartKind },
    /// A focus task of a part.
    Task { part: u32 },
    /// A main solution of a part.
    Solution { part: u32 },
    Organisation,
    /// A grade, just above the last (failing) one when there are several.
    Grade,
    /// A checklist item serving an indicator or a part.
    Item { owner: Owner },
    /// A target of an indicator or a part, read from one of its items.
    Target { owner: Owner },
}

/// One change to a draft, as a screen sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Sets a field to what was typed, or to the value of the [`Choice`]
    /// picked in its select. Numbers and dates are read as people type
    /// them; one that cannot be read is refused at its field (send these
    /// when the field is left, not on every key).
    ///
    /// [`Choice`]: crate::core::screen::Choice
    Set { field: Field, value: String },
    /// Ticks or unticks one option of a checkbox field: a who of
    /// [`Field::ItemWho`] (its code as `value`), or
    /// [`Field::TargetNoneFailing`] (`value` "").
    Check { field: Field, value: String, on: bool },
    Add(Add),
    /// Takes a row out: deleted when nothing is recorded under it, else
    /// retired (kept in files and history, off the checklists and gauges).
    Remove(Row),
    /// Brings a retired row back.
    Restore(Row),
    /// Moves a row one place up or down in its list.
    Move { row: Row, up: bool },
    /// Adds a suggestion (named by its target's id) to its indicator: its
    /// item (once, when two suggestions share it) and its target.
    Accept { target: String },
    /// Drops a suggestion without adding it.
    Dismiss { target: String },
    /// Replaces the draft's texts with those of a pasted programme, after
    /// the officer confirmed (see [`PasteModel::confirm`]).
    PasteTexts { text: String },
}

impl Draft {
    /// A revision of the programme this phone follows.
    pub fn edit_current(state: &State) -> Draft {
        let p = &state.book.programme;
        Draft { base: Some(Base { id: p.id.clone(), revision: p.revision }), programme: p.clone(), suggestions: Vec::new() }
    }

    /// A new, empty programme of `owner` (the commune's name) for `term`,
    /// with the usual grades and member organisations.
    pub fn new_blank(owner: &str, term: Term) -> Draft {
        let programme = Programme {
            id: String::new(),
            revision: 1,
            title: default_title(term),
            owner: owner.trim().to_string(),
            term,
            objective: String::new(),
            closing: String::new(),
            indicators: Vec::new(),
            parts: Vec::new(),
            items: Vec::new(),
            grades: GRADES.iter().map(|(id, label)| Grade { id: id.to_string(), label: label.to_string() }).collect(),
            organisations: ORGANISATIONS.iter().map(|o| o.to_string()).collect(),
        };
        Draft { base: None, programme, suggestions: Vec::new() }
    }

    /// A new programme from a pasted text: its texts (the usual title when
    /// the text names none), and its suggestions waiting to be accepted one
    /// by one.
    pub fn from_recognised(r: Recognised) -> Draft {
        let mut programme = r.programme;
        programme.id = String::new();
        programme.revision = 1;
        if programme.title.trim().is_empty() {
            programme.title = default_title(programme.term);
        }
        Draft { base: None, programme, suggestions: r.suggestions }
    }

    /// The embedded programme of xã Hà Hải as the starting point of another
    /// commune's: its texts, items and targets, with the commune's name left
    /// to fill in and a new id given on publishing.
    pub fn copy_of_example() -> Draft {
        let mut programme = super::default_programme();
        programme.id = String::new();
        programme.revision = 1;
        programme.owner = String::new();
        Draft { base: None, programme, suggestions: Vec::new() }
    }

    /// The draft as text, for storage.
    pub fn to_text(&self) -> String {
        serde_json::to_string(&Stored { format: FORMAT.into(), version: VERSION, draft: self.clone() }).expect("a draft serialises")
    }

    /// A draft from storage. Damaged text gives a Vietnamese reason.
    pub fn from_text(text: &str) -> Result<Draft, DamagedDraft> {
        let damaged = |why: String| DamagedDraft { why };
        let head: Head = serde_json::from_str(text)
            .map_err(|e| damaged(format!("không phải dữ liệu JSON đầy đủ (lỗi ở dòng {}, cột {})", e.line(), e.column())))?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(damaged("không phải bản nháp chương trình của Sổ tay".into()));
        }
        match head.version {
            Some(VERSION) => {}
            Some(v) if v > VERSION => return Err(damaged("do phiên bản mới hơn của Sổ tay lưu".into())),
            _ => return Err(damaged("thiếu hoặc sai số phiên bản".into())),
        }
        super::take_problem();
        serde_json::from_str::<Stored>(text).map(|s| s.draft).map_err(|e| {
            damaged(format!(
                "dữ liệu tại {} không hợp lệ: {}",
                super::text::json_path_at(text, e.line(), e.column()),
                super::file::data_problem()
            ))
        })
    }
}

/// The usual title of a commune's programme for a term.
fn default_title(term: Term) -> String {
    format!(
        "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam nhiệm kỳ {}-{}",
        term.first_year, term.last_year
    )
}

/// The default term of a new programme: the 2025-2030 term of the communes
/// formed on 1 July 2025, from its first day.
pub fn default_term() -> Term {
    let (first, last) = DEFAULT_TERM;
    Term { start: chrono::NaiveDate::from_ymd_opt(first, 1, 1).expect("a valid date"), first_year: first, last_year: last }
}

const FORMAT: &str = "sotay-ban-nhap";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    draft: Draft,
}

#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u32>,
}

/// A stored draft that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DamagedDraft {
    /// Why, in Vietnamese, starting in lower case.
    pub why: String,
}

impl fmt::Display for DamagedDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Không mở được bản nháp chương trình đã lưu: {}. Hãy bỏ bản nháp này và soạn lại.", self.why)
    }
}

impl std::error::Error for DamagedDraft {}

/// Applies one edit to the draft. On error nothing changed, and the error
/// names the field it belongs to. Only the commune's phone edits.
pub fn apply(draft: &mut Draft, edit: Edit, state: &State) -> Result<(), FieldError> {
    let ctx = Ctx::new(draft, state);
    ctx.may_edit()?;
    let mut next = draft.clone();
    match edit {
        Edit::Set { field, value } => set::set(&mut next, &ctx, field, value)?,
        Edit::Check { field, value, on } => set::check(&mut next, &ctx, field, &value, on)?,
        Edit::Add(what) => lists::add(&mut next, &ctx, what)?,
        Edit::Remove(row) => lists::remove(&mut next, &ctx, &row)?,
        Edit::Restore(row) => lists::restore(&mut next, &row)?,
        Edit::Move { row, up } => lists::move_row(&mut next, &ctx, &row, up)?,
        Edit::Accept { target } => paste::accept(&mut next, &ctx, &target)?,
        Edit::Dismiss { target } => paste::dismiss(&mut next, &target)?,
        Edit::PasteTexts { text } => paste::replace_texts(&mut next, &ctx, &text)?,
    }
    *draft = next;
    Ok(())
}

/// What an edit needs to know of the phone: whether it edits at all, and,
/// for a revision of the programme it follows, what its data holds.
pub(crate) struct Ctx<'a> {
    state: &'a State,
    /// The programme revised, as this phone follows it (None for a new programme).
    base: Option<&'a Programme>,
    usage: usage::Usage,
}

impl<'a> Ctx<'a> {
    fn new(draft: &Draft, state: &'a State) -> Ctx<'a> {
        let p = &state.book.programme;
        let base = draft.base.as_ref().filter(|b| b.id == p.id).map(|_| p);
        let usage = if base.is_some() { usage::Usage::of(&state.book) } else { usage::Usage::default() };
        Ctx { state, base, usage }
    }

    /// Only the commune's phone writes programmes; areas get them by file.
    fn may_edit(&self) -> Result<(), FieldError> {
        match self.state.own_unit() {
            Some(_) => Err(FieldError::new(Field::Programme, NOT_HERE)),
            None => Ok(()),
        }
    }
}

/// Why an area's phone does not edit programmes.
pub(crate) const NOT_HERE: &str = "Chỉ máy của Ủy ban MTTQ xã soạn và sửa chương trình. Máy của khu dân cư nhận chương trình mới qua tệp xã gửi (mục Chia sẻ).";
