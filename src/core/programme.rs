//! The action programme as data: term, indicators with their measurable
//! targets, action areas, and the checklist items units fill in.
//!
//! Nothing here is specific to one commune: the embedded default (xã Hà Hải,
//! 2024-2029) is only a JSON file, and communes load their own.

use chrono::{Datelike, NaiveDate};
use super::required;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// Stable id, e.g. "ha-hai-2024-2029". Files name the programme they belong to by it.
    pub id: String,
    /// Bumped when a commune edits its programme file.
    pub revision: u32,
    pub title: String,
    /// The unit that owns the programme, e.g. "xã Hà Hải".
    pub owner: String,
    pub term: Term,
    /// The overall objective (mục tiêu).
    pub objective: String,
    #[serde(default)]
    pub closing: String,
    pub indicators: Vec<Indicator>,
    /// The programme's named parts: action areas (chương trình hành động),
    /// breakthroughs (khâu đột phá), projects (đề án), key programmes
    /// (chương trình trọng điểm). In JSON under "areas", as first written.
    #[serde(rename = "areas")]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Grades, best first.
    #[serde(default)]
    pub grades: Vec<Grade>,
    /// Default member organisations (tổ chức thành viên), created on first run.
    #[serde(default)]
    pub organisations: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The day the programme was adopted; the first year counts from here.
    #[serde(with = "super::text::ymd")]
    pub start: NaiveDate,
    pub first_year: i32,
    pub last_year: i32,
}

impl Term {
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    pub fn contains_year(&self, year: i32) -> bool {
        self.years().contains(&year)
    }

    /// First day of `year` that belongs to the term (the term's first year
    /// starts on the adoption day, e.g. 21/10/2024).
    pub fn year_start(&self, year: i32) -> NaiveDate {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
        if year == self.start.year() && self.start > jan1 {
            self.start
        } else {
            jan1
        }
    }

    pub fn year_end(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year")
    }

    pub fn end(&self) -> NaiveDate {
        self.year_end(self.last_year)
    }

    /// The year a screen opens on: today's year, kept inside the term.
    pub fn current_year(&self, today: NaiveDate) -> i32 {
        today.year().clamp(self.first_year, self.last_year)
    }

    pub fn contains_date(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub number: u32,
    /// Verbatim text of the indicator (chỉ tiêu).
    pub text: String,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// No longer followed from this revision on (it holds items with
    /// records, so it is kept rather than deleted; see [`Task::retired`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

/// One named part of a programme, of any kind, with its own objective,
/// tasks, solutions and targets. `number` is unique among all parts (items
/// name their part by it); people see the kind and its rank among parts of
/// that kind ("Khâu đột phá 1").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub number: u32,
    #[serde(default, skip_serializing_if = "PartKind::is_action")]
    pub kind: PartKind,
    pub title: String,
    #[serde(default)]
    pub objective: String,
    /// Focus tasks (nhiệm vụ trọng tâm).
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Main solutions (giải pháp chủ yếu).
    #[serde(default)]
    pub solutions: Vec<Task>,
    /// Measurable targets stated inside a part (e.g. area 6's traffic-safety pledge).
    #[serde(default)]
    pub targets: Vec<Target>,
    /// No longer followed from this revision on (see [`Indicator::retired`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

/// The kinds of parts communes write into their programmes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Chương trình hành động.
    #[default]
    Action,
    /// Khâu đột phá.
    Breakthrough,
    /// Đề án.
    Project,
    /// Chương trình trọng điểm.
    KeyProgramme,
}

impl PartKind {
    pub const ALL: [PartKind; 4] = [PartKind::Action, PartKind::Breakthrough, PartKind::Project, PartKind::KeyProgramme];

    fn is_action(&self) -> bool {
        *self == PartKind::Action
    }

    /// "Chương trình hành động", "Khâu đột phá"...
    pub fn label(self) -> &'static str {
        match self {
            PartKind::Action => "Chương trình hành động",
            PartKind::Breakthrough => "Khâu đột phá",
            PartKind::Project => "Đề án",
            PartKind::KeyProgramme => "Chương trình trọng điểm",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PartKind::Action => "action",
            PartKind::Breakthrough => "breakthrough",
            PartKind::Project => "project",
            PartKind::KeyProgramme => "key_programme",
        }
    }

    pub fn from_code(s: &str) -> Option<PartKind> {
        PartKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub text: String,
    /// No longer followed from this revision on (it has records, so it is
    /// kept rather than deleted): off the checklists, marked in the reader.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Who fills an item in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    /// Each residential area (khu dân cư).
    Areas,
    /// The commune committee itself.
    Commune,
    /// Each member organisation.
    Organisations,
}

impl Who {
    /// The units that fill an item, counted in a sentence: "khu dân cư",
    /// "tổ chức thành viên", "Ủy ban MTTQ xã", or "đơn vị" for a mix.
    pub fn noun(who: &[Who]) -> &'static str {
        match who {
            [Who::Areas] => "khu dân cư",
            [Who::Organisations] => "tổ chức thành viên",
            [Who::Commune] => "Ủy ban MTTQ xã",
            _ => "đơn vị",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// One entry per year of the term.
    Yearly,
    /// Done once at any time in the term.
    Term,
    /// Logged as it happens, many per year.
    Event,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Done,
    /// A count; for yearly and term items the count is the number of named entries.
    Count,
    /// An amount in đồng.
    Amount,
    /// n of N.
    Ratio,
    Grade,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub label: String,
    pub who: Vec<Who>,
    pub cadence: Cadence,
    pub value: ValueKind,
    /// The indicator this item serves, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<u32>,
    /// The part (by its number) this item serves, for items outside the indicators.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "area")]
    pub part: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Labels of n and N for ratio items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// No longer followed from this revision on (see [`Task::retired`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

impl Item {
    pub fn filled_by(&self, who: Who) -> bool {
        self.who.contains(&who)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub id: String,
    pub label: String,
}

/// In JSON the rule's kind and fields sit beside the id and label:
/// `{"id", "label", "kind": "units_share", "item", "min_percent", "period"...}`
/// (read through [`TargetRepr`]: `#[serde(flatten)]` over a tagged enum buffers
/// the whole target and costs wasm size).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "TargetRepr", try_from = "TargetRepr")]
pub struct Target {
    pub id: String,
    pub label: String,
    pub rule: Rule,
    /// No longer followed from this revision on (see [`Task::retired`]).
    pub retired: bool,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RuleKind {
    UnitsShare,
    Total,
    Ratio,
    GradeShare,
}

/// [`Target`] as it is in JSON. A goal to reach is `min` / `min_percent`
/// (with `strictly_more` for "trên"); a ceiling not to pass is `max` /
/// `max_percent` (with `strictly_less` for "dưới").
#[derive(Serialize, Deserialize)]
pub(crate) struct TargetRepr {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) kind: RuleKind,
    pub(crate) item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) strictly_more: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) strictly_less: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min_grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) none_failing: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) retired: bool,
}

impl From<Target> for TargetRepr {
    fn from(t: Target) -> Self {
        let mut r = TargetRepr {
            id: t.id,
            label: t.label,
            kind: RuleKind::Total,
            item: String::new(),
            min_percent: None,
            max_percent: None,
            min: None,
            max: None,
            strictly_more: None,
            strictly_less: None,
            period: None,
            min_count: None,
            min_grade: None,
            none_failing: None,
            retired: t.retired,
        };
        // The goal goes to min/max by the comparison; "strictly" says trên/dưới.
        let (strict, upper) = (t.rule.cmp().strict(), t.rule.cmp().upper());
        if upper {
            r.strictly_less = Some(strict);
        } else {
            r.strictly_more = Some(strict);
        }
        let mut percent = |p: f64| if upper { r.max_percent = Some(p) } else { r.min_percent = Some(p) };
        match t.rule {
            Rule::UnitsShare { item, percent: p, period, min_count, cmp } => {
                percent(p);
                (r.kind, r.item, r.period, r.min_count) = (RuleKind::UnitsShare, item, Some(period), Some(min_count));
                if cmp == Cmp::AtLeast {
                    // As first written: "units_share" had no strictly_more.
                    r.strictly_more = None;
                }
            }
            Rule::Total { item, goal, period, .. } => {
                if upper {
                    r.max = Some(goal);
                } else {
                    r.min = Some(goal);
                }
                (r.kind, r.item, r.period) = (RuleKind::Total, item, Some(period));
            }
            Rule::Ratio { item, percent: p, period, .. } => {
                percent(p);
                (r.kind, r.item, r.period) = (RuleKind::Ratio, item, Some(period));
            }
            Rule::GradeShare { item, min_grade, percent: p, none_failing, cmp } => {
                percent(p);
                (r.kind, r.item, r.min_grade, r.none_failing) = (RuleKind::GradeShare, item, Some(min_grade), Some(none_failing));
                if cmp == Cmp::AtLeast {
                    r.strictly_more = None;
                }
            }
        }
        r
    }
}

impl TryFrom<TargetRepr> for Target {
    type Error = String;
    fn try_from(r: TargetRepr) -> Result<Self, String> {
        let item = r.item;
        // A ceiling when max/max_percent is given, else a goal to reach.
        let upper = r.max.is_some() || r.max_percent.is_some();
        let cmp = match (upper, r.strictly_more.unwrap_or(false), r.strictly_less.unwrap_or(false)) {
            (false, false, _) => Cmp::AtLeast,
            (false, true, _) => Cmp::MoreThan,
            (true, _, false) => Cmp::AtMost,
            (true, _, true) => Cmp::LessThan,
        };
        let percent = |field: &str| {
            if upper {
                required(r.max_percent, "max_percent")
            } else {
                required(r.min_percent, field)
            }
        };
        let rule = match r.kind {
            RuleKind::UnitsShare => Rule::UnitsShare {
                item,
                percent: percent("min_percent")?,
                cmp,
                period: r.period.unwrap_or(Period::EachYear),
                min_count: r.min_count.unwrap_or(1),
            },
            RuleKind::Total => Rule::Total {
                item,
                goal: if upper { required(r.max, "max")? } else { required(r.min, "min")? },
                cmp,
                period: required(r.period, "period")?,
            },
            RuleKind::Ratio => Rule::Ratio { item, percent: percent("min_percent")?, cmp, period: required(r.period, "period")? },
            RuleKind::GradeShare => Rule::GradeShare {
                item,
                min_grade: required(r.min_grade, "min_grade")?,
                percent: percent("min_percent")?,
                cmp,
                none_failing: r.none_failing.unwrap_or(false),
            },
        };
        Ok(Target { id: r.id, label: r.label, rule, retired: r.retired })
    }
}

/// How a measured figure is compared with its goal: reach it ("ít nhất",
/// "trên"), or stay under it ("nhiều nhất", "dưới": fewer is better, e.g.
/// "giảm tỷ lệ hộ nghèo xuống dưới 1,5 %").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Cmp {
    pub const ALL: [Cmp; 4] = [Cmp::AtLeast, Cmp::MoreThan, Cmp::AtMost, Cmp::LessThan];

    /// "ít nhất", "trên", "nhiều nhất", "dưới".
    pub fn words(self) -> &'static str {
        match self {
            Cmp::AtLeast => "ít nhất",
            Cmp::MoreThan => "trên",
            Cmp::AtMost => "nhiều nhất",
            Cmp::LessThan => "dưới",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Cmp::AtLeast => "at_least",
            Cmp::MoreThan => "more_than",
            Cmp::AtMost => "at_most",
            Cmp::LessThan => "less_than",
        }
    }

    pub fn from_code(s: &str) -> Option<Cmp> {
        Cmp::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Fewer is better: the goal is a ceiling.
    pub fn upper(self) -> bool {
        matches!(self, Cmp::AtMost | Cmp::LessThan)
    }

    /// "trên" or "dưới": the goal itself does not satisfy it.
    pub fn strict(self) -> bool {
        matches!(self, Cmp::MoreThan | Cmp::LessThan)
    }

    /// Whether `value` satisfies the goal (percentages: a float error never
    /// turns an exact 100 % into a miss).
    pub fn holds(self, value: f64, goal: f64) -> bool {
        const E: f64 = 1e-9;
        match self {
            Cmp::AtLeast => value + E >= goal,
            Cmp::MoreThan => value > goal + E,
            Cmp::AtMost => value <= goal + E,
            Cmp::LessThan => value + E < goal,
        }
    }

    /// The same for whole numbers.
    pub fn holds_int(self, value: i64, goal: i64) -> bool {
        match self {
            Cmp::AtLeast => value >= goal,
            Cmp::MoreThan => value > goal,
            Cmp::AtMost => value <= goal,
            Cmp::LessThan => value < goal,
        }
    }
}

/// How a target is computed from the records. Each kind names the item it reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// A share of the item's units did it: each year, or once within the term.
    /// For count items a unit counts when it has at least `min_count` entries.
    UnitsShare {
        item: String,
        percent: f64,
        cmp: Cmp,
        period: Period,
        min_count: u64,
    },
    /// Amounts or counts from every unit added up over a period
    /// (e.g. more than 20,000,000 đồng over the term; 1 house in 2024-2025;
    /// at least 1 supervision each year).
    Total {
        item: String,
        goal: i64,
        cmp: Cmp,
        period: Period,
    },
    /// Sum of n over sum of N across units (e.g. households that signed / all
    /// households; poor households / all households, under a ceiling).
    Ratio {
        item: String,
        percent: f64,
        cmp: Cmp,
        period: Period,
    },
    /// A share of the graded bodies at or above a grade, each year.
    GradeShare {
        item: String,
        min_grade: String,
        percent: f64,
        cmp: Cmp,
        none_failing: bool,
    },
}

impl Rule {
    pub fn item(&self) -> &str {
        match self {
            Rule::UnitsShare { item, .. }
            | Rule::Total { item, .. }
            | Rule::Ratio { item, .. }
            | Rule::GradeShare { item, .. } => item,
        }
    }

    pub fn period(&self) -> Period {
        match self {
            Rule::UnitsShare { period, .. } | Rule::Total { period, .. } | Rule::Ratio { period, .. } => *period,
            Rule::GradeShare { .. } => Period::EachYear,
        }
    }

    pub fn cmp(&self) -> Cmp {
        match self {
            Rule::UnitsShare { cmp, .. } | Rule::Total { cmp, .. } | Rule::Ratio { cmp, .. } | Rule::GradeShare { cmp, .. } => *cmp,
        }
    }
    /// Whether an item recording this kind of value can feed this kind of
    /// rule: a share of units needs a tick, names or n/N; a total, amounts
    /// or counts; a ratio, n/N; a grade share, grades.
    pub fn fits_value(&self, value: ValueKind) -> bool {
        match self {
            Rule::UnitsShare { .. } => matches!(value, ValueKind::Done | ValueKind::Count | ValueKind::Ratio),
            Rule::Total { .. } => matches!(value, ValueKind::Amount | ValueKind::Count),
            Rule::Ratio { .. } => value == ValueKind::Ratio,
            Rule::GradeShare { .. } => value == ValueKind::Grade,
        }
    }

    /// Whether the progress engine computes this rule, over its period,
    /// from an item of this cadence: it reads slots for yearly and term
    /// items (by year, or once for the term) and logged events for totals.
    pub fn computable_from(&self, cadence: Cadence) -> bool {
        let each_year = self.period() == Period::EachYear;
        match (self, cadence) {
            (Rule::UnitsShare { .. }, Cadence::Term) => true,
            (Rule::UnitsShare { .. }, Cadence::Yearly) => each_year,
            (Rule::Ratio { .. }, Cadence::Yearly) => each_year,
            (Rule::Ratio { .. }, Cadence::Term) => !each_year,
            (Rule::Total { .. }, Cadence::Event) => true,
            (Rule::GradeShare { .. }, Cadence::Yearly) => true,
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    EachYear,
    Term,
    /// A window of years, both ends included.
    Years([i32; 2]),
}

/// What every id the app keeps for its own records (report texts, see
/// `report_texts`) starts with. `Programme::validate` refuses programme
/// items and tasks whose ids do.
pub const RESERVED_PREFIX: char = '@';

/// Whether an item id is reserved for the app's own records (report texts).
pub fn is_reserved(item: &str) -> bool {
    item.starts_with(RESERVED_PREFIX)
}

/// A problem in a programme file, with the JSON path of the bad field.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeError {
    pub path: String,
    pub message: String,
}

impl Programme {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn grade_rank(&self, id: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.id == id)
    }

    pub fn grade_label(&self, id: &str) -> Option<&str> {
        self.grades.iter().find(|g| g.id == id).map(|g| g.label.as_str())
    }

    /// Every task and solution of every part, in order (retired ones too).
    pub fn all_tasks(&self) -> impl Iterator<Item = (&Part, &Task)> {
        self.parts
            .iter()
            .flat_map(|a| a.tasks.iter().chain(a.solutions.iter()).map(move |t| (a, t)))
    }

    /// The part with this number.
    pub fn part(&self, number: u32) -> Option<&Part> {
        self.parts.iter().find(|p| p.number == number)
    }

    /// How people name a part: its kind and its rank among parts of that
    /// kind ("Chương trình hành động 3", "Khâu đột phá 1").
    pub fn part_name(&self, part: &Part) -> String {
        let rank = self.parts.iter().filter(|p| p.kind == part.kind).position(|p| p.number == part.number).unwrap_or(0) + 1;
        format!("{} {rank}", part.kind.label())
    }

    /// What an item serves, as people name it: "Chỉ tiêu 3", "Chương trình
    /// hành động 6"; None for an item of neither.
    pub fn serves(&self, item: &Item) -> Option<String> {
        match (item.indicator, item.part.and_then(|n| self.part(n))) {
            (Some(n), _) => Some(format!("Chỉ tiêu {n}")),
            (None, Some(part)) => Some(self.part_name(part)),
            _ => None,
        }
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.all_tasks().map(|(_, t)| t).find(|t| t.id == id)
    }

    /// Every target, of the indicators then of the parts (retired ones too).
    pub fn all_targets(&self) -> impl Iterator<Item = &Target> {
        self.indicators
            .iter()
            .flat_map(|i| i.targets.iter())
            .chain(self.parts.iter().flat_map(|a| a.targets.iter()))
    }

    /// Checks what serde cannot: references between parts, unique ids, a sane term.
    pub fn validate(&self) -> Result<(), ProgrammeError> {
        let err = |path: String, message: String| Err(ProgrammeError { path, message });
        if self.id.trim().is_empty() {
            return err("programme.id".into(), "Mã chương trình đang để trống.".into());
        }
        if self.title.trim().is_empty() {
            return err("programme.title".into(), "Tên chương trình đang để trống.".into());
        }
        if self.owner.trim().is_empty() {
            return err("programme.owner".into(), "Chưa ghi tên xã (đơn vị ban hành chương trình).".into());
        }
        if self.indicators.is_empty() {
            return err("programme.indicators".into(), "Chương trình chưa có chỉ tiêu nào.".into());
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.text.trim().is_empty() {
                return err(format!("programme.indicators[{i}].text"), format!("Chỉ tiêu {} chưa có nội dung.", ind.number));
            }
            if self.indicators[..i].iter().any(|o| o.number == ind.number) {
                return err(format!("programme.indicators[{i}].number"), format!("Số chỉ tiêu {} bị trùng.", ind.number));
            }
        }
        for (i, part) in self.parts.iter().enumerate() {
            if part.title.trim().is_empty() {
                return err(format!("programme.areas[{i}].title"), format!("{} chưa có tên.", self.part_name(part)));
            }
            if self.parts[..i].iter().any(|o| o.number == part.number) {
                return err(format!("programme.areas[{i}].number"), format!("Số thứ tự phần {} bị trùng.", part.number));
            }
        }
        // A new phone on this programme creates a unit for each: a blank name
        // would be a unit no file could carry (every export would be refused).
        for (n, name) in self.organisations.iter().enumerate() {
            if name.trim().is_empty() {
                return err(format!("programme.organisations[{n}]"), format!("Tên tổ chức thành viên thứ {} đang để trống.", n + 1));
            }
        }
        let t = self.term;
        // In i64: years come from files, and i32::MIN would overflow.
        if t.first_year > t.last_year || t.last_year as i64 - t.first_year as i64 > 10 || t.start.year() != t.first_year {
            return err(
                "programme.term".into(),
                "Nhiệm kỳ không hợp lệ: năm đầu phải là năm của ngày bắt đầu, không sau năm cuối, và nhiệm kỳ không quá 10 năm.".into(),
            );
        }
        let mut ids = std::collections::BTreeSet::new();
        for (n, item) in self.items.iter().enumerate() {
            if item.id.trim().is_empty() || item.id.contains('/') || !ids.insert(item.id.as_str()) {
                return err(format!("programme.items[{n}].id"), format!("Mã mục “{}” bị trống hoặc bị trùng.", item.id));
            }
            if is_reserved(&item.id) {
                return err(format!("programme.items[{n}].id"), format!("Mã mục “{}” không được bắt đầu bằng “@”: mã dạng này dành cho nội dung báo cáo.", item.id));
            }
            if item.label.trim().is_empty() {
                return err(format!("programme.items[{n}].label"), "Mục ghi chép chưa có tên.".into());
            }
            if item.who.is_empty() {
                return err(format!("programme.items[{n}].who"), "Mục này chưa ghi ai điền.".into());
            }
            if let Some(i) = item.indicator.filter(|i| !self.indicators.iter().any(|x| x.number == *i)) {
                return err(format!("programme.items[{n}].indicator"), format!("Mục “{}” thuộc chỉ tiêu {i}, nhưng không có chỉ tiêu này.", item.label));
            }
            if let Some(a) = item.part.filter(|a| self.part(*a).is_none()) {
                return err(format!("programme.items[{n}].area"), format!("Mục “{}” thuộc phần {a}, nhưng không có phần này.", item.label));
            }
        }
        let mut task_ids = std::collections::BTreeSet::new();
        for (a, area) in self.parts.iter().enumerate() {
            for (k, task) in area.tasks.iter().chain(area.solutions.iter()).enumerate() {
                if task.text.trim().is_empty() {
                    return err(format!("programme.areas[{a}]"), format!("Nhiệm vụ, giải pháp thứ {} của {} chưa có nội dung.", k + 1, self.part_name(area)));
                }
                if task.id.trim().is_empty()
                    || task.id.contains('/')
                    || !task_ids.insert(task.id.as_str())
                    || ids.contains(task.id.as_str())
                {
                    return err(
                        format!("programme.areas[{a}]"),
                        format!("Mã nhiệm vụ, giải pháp thứ {} (“{}”) bị trống hoặc bị trùng.", k + 1, task.id),
                    );
                }
                if is_reserved(&task.id) {
                    return err(
                        format!("programme.areas[{a}]"),
                        format!("Mã nhiệm vụ, giải pháp thứ {} (“{}”) không được bắt đầu bằng “@”: mã dạng này dành cho nội dung báo cáo.", k + 1, task.id),
                    );
                }
            }
        }
        let mut grade_ids = std::collections::BTreeSet::new();
        for (n, g) in self.grades.iter().enumerate() {
            if g.id.trim().is_empty() || !grade_ids.insert(g.id.as_str()) {
                return err(format!("programme.grades[{n}].id"), format!("Mã xếp loại “{}” bị trống hoặc bị trùng.", g.id));
            }
            if g.label.trim().is_empty() {
                return err(format!("programme.grades[{n}].label"), "Xếp loại chưa có tên.".into());
            }
        }
        let located = self
            .indicators
            .iter()
            .enumerate()
            .flat_map(|(i, ind)| ind.targets.iter().enumerate().map(move |(k, t)| (format!("programme.indicators[{i}].targets[{k}]"), t)))
            .chain(self.parts.iter().enumerate().flat_map(|(a, area)| {
                area.targets.iter().enumerate().map(move |(k, t)| (format!("programme.areas[{a}].targets[{k}]"), t))
            }));
        let mut target_ids = std::collections::BTreeSet::new();
        for (path, target) in located {
            if target.id.trim().is_empty() || !target_ids.insert(target.id.as_str()) {
                return err(format!("{path}.id"), format!("Mã mốc đo “{}” bị trống hoặc bị trùng.", target.id));
            }
            if target.label.trim().is_empty() {
                return err(format!("{path}.label"), "Mốc đo chưa có tên.".into());
            }
            let cmp = target.rule.cmp();
            match &target.rule {
                Rule::UnitsShare { percent, .. } | Rule::Ratio { percent, .. } | Rule::GradeShare { percent, .. } => {
                    if !(0.0..=100.0).contains(percent) {
                        return err(format!("{path}.min_percent"), "Tỷ lệ phải từ 0 đến 100 %.".into());
                    }
                }
                Rule::Total { goal, .. } => {
                    if *goal < 0 {
                        return err(format!("{path}.min"), "Mức cần đạt không được âm.".into());
                    }
                }
            }
            if cmp.upper() && matches!(target.rule, Rule::UnitsShare { .. } | Rule::GradeShare { .. }) {
                return err(
                    format!("{path}.kind"),
                    "Tỷ lệ đơn vị thực hiện, tỷ lệ xếp loại chỉ đặt mức “ít nhất” hoặc “trên”.".into(),
                );
            }
            let Some(item) = self.item(target.rule.item()) else {
                return err(format!("{path}.item"), format!("Chỉ tiêu dùng mục “{}” nhưng chương trình không có mục này.", target.rule.item()));
            };
            if let Rule::GradeShare { min_grade, .. } = &target.rule {
                if self.grade_rank(min_grade).is_none() {
                    return err(format!("{path}.min_grade"), format!("Không có xếp loại “{min_grade}”."));
                }
            }
            if !target.rule.fits_value(item.value) {
                return err(format!("{path}.kind"), format!("Loại chỉ tiêu không hợp với kiểu giá trị của mục “{}”.", item.id));
            }
            if !target.rule.computable_from(item.cadence) {
                let cadence = match item.cadence {
                    Cadence::Yearly => "ghi theo từng năm",
                    Cadence::Term => "ghi một lần trong nhiệm kỳ",
                    Cadence::Event => "ghi theo từng lần",
                };
                return err(
                    format!("{path}.kind"),
                    format!("Chỉ tiêu này không tính được từ mục “{}” ({cadence}) với kỳ đã chọn.", item.id),
                );
            }
            if let Period::Years([a, b]) = target.rule.period() {
                if a > b || !t.contains_year(a) || !t.contains_year(b) {
                    return err(format!("{path}.period"), "Khoảng năm của chỉ tiêu nằm ngoài nhiệm kỳ.".into());
                }
            }
        }
        for (n, item) in self.items.iter().enumerate() {
            if item.value == ValueKind::Grade && self.grades.is_empty() {
                return err(format!("programme.items[{n}].value"), "Mục xếp loại cần danh sách xếp loại (grades).".into());
            }
        }
        Ok(())
    }
}

impl Programme {
    /// What changes from `old` to this programme, one Vietnamese line per
    /// change, for the import preview of a newer revision.
    pub fn changes_from(&self, old: &Programme) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |changed: bool, what: &str| {
            if changed {
                out.push(format!("Sửa {what}"));
            }
        };
        line(self.title != old.title, "tên chương trình");
        line(self.owner != old.owner, "đơn vị ban hành");
        line(self.term != old.term, "nhiệm kỳ");
        line(self.objective != old.objective || self.closing != old.closing, "mục tiêu chung");
        line(self.organisations != old.organisations, "danh sách tổ chức thành viên");
        let indicator = |i: &Indicator| format!("chỉ tiêu {}", i.number);
        diff_keyed(&mut out, &old.indicators, &self.indicators, |i| i.number.to_string(), indicator, |a, b| {
            a.text == b.text && a.retired == b.retired
        });
        let old_targets: Vec<&Target> = old.all_targets().collect();
        let new_targets: Vec<&Target> = self.all_targets().collect();
        let target = |t: &&Target| format!("mốc đo “{}”", t.label);
        diff_keyed(&mut out, &old_targets, &new_targets, |t| t.id.clone(), target, |a, b| a == b);
        let area = |a: &Part| format!("phần {}. {}", a.number, a.title);
        diff_keyed(&mut out, &old.parts, &self.parts, |a| a.number.to_string(), area, |a, b| {
            a.title == b.title && a.objective == b.objective && a.kind == b.kind && a.retired == b.retired
        });
        let old_tasks: Vec<&Task> = old.all_tasks().map(|(_, t)| t).collect();
        let new_tasks: Vec<&Task> = self.all_tasks().map(|(_, t)| t).collect();
        let task = |t: &&Task| format!("nhiệm vụ, giải pháp “{}”", super::text::short(&t.text, 60));
        diff_keyed(&mut out, &old_tasks, &new_tasks, |t| t.id.clone(), task, |a, b| a == b);
        let item = |i: &Item| format!("mục ghi chép “{}”", i.label);
        diff_keyed(&mut out, &old.items, &self.items, |i| i.id.clone(), item, |a, b| a == b);
        let grade = |g: &Grade| format!("xếp loại “{}”", g.label);
        diff_keyed(&mut out, &old.grades, &self.grades, |g| g.id.clone(), grade, |a, b| a == b);
        out
    }
}

/// Lines for what was added, removed or edited between two lists keyed by id.
fn diff_keyed<T>(
    out: &mut Vec<String>,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
    same: impl Fn(&T, &T) -> bool,
) {
    for n in new {
        match old.iter().find(|o| key(o) == key(n)) {
            None => out.push(format!("Thêm {}", label(n))),
            Some(o) if !same(o, n) => out.push(format!("Sửa {}", label(n))),
            Some(_) => {}
        }
    }
    for o in old {
        if !new.iter().any(|n| key(n) == key(o)) {
            out.push(format!("Bỏ {}", label(o)));
        }
    }
}
