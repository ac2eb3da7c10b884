//! The action programme as data: term, indicators with their measurable
//! targets, action areas, and the checklist items units fill in.
//!
//! Nothing here is specific to one commune: the embedded default (xã Hà Hải,
//! 2024-2029) is only a JSON file, and communes load their own.

use chrono::{Datelike, NaiveDate};
use super::book::required;
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
    pub areas: Vec<ActionArea>,
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionArea {
    pub number: u32,
    pub title: String,
    pub objective: String,
    /// Focus tasks (nhiệm vụ trọng tâm).
    pub tasks: Vec<Task>,
    /// Main solutions (giải pháp chủ yếu).
    pub solutions: Vec<Task>,
    /// Measurable targets stated inside an action area (e.g. area 6's traffic-safety pledge).
    #[serde(default)]
    pub targets: Vec<Target>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub text: String,
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
    /// The action area this item serves, for items outside the indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Labels of n and N for ratio items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
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
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RuleKind {
    UnitsShare,
    Total,
    Ratio,
    GradeShare,
}

/// [`Target`] as it is in JSON.
#[derive(Serialize, Deserialize)]
struct TargetRepr {
    id: String,
    label: String,
    kind: RuleKind,
    item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    strictly_more: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    none_failing: Option<bool>,
}

impl From<Target> for TargetRepr {
    fn from(t: Target) -> Self {
        let mut r = TargetRepr {
            id: t.id,
            label: t.label,
            kind: RuleKind::Total,
            item: String::new(),
            min_percent: None,
            min: None,
            strictly_more: None,
            period: None,
            min_count: None,
            min_grade: None,
            none_failing: None,
        };
        match t.rule {
            Rule::UnitsShare { item, min_percent, period, min_count } => {
                (r.kind, r.item, r.min_percent, r.period, r.min_count) =
                    (RuleKind::UnitsShare, item, Some(min_percent), Some(period), Some(min_count));
            }
            Rule::Total { item, min, strictly_more, period } => {
                (r.kind, r.item, r.min, r.strictly_more, r.period) =
                    (RuleKind::Total, item, Some(min), Some(strictly_more), Some(period));
            }
            Rule::Ratio { item, min_percent, strictly_more, period } => {
                (r.kind, r.item, r.min_percent, r.strictly_more, r.period) =
                    (RuleKind::Ratio, item, Some(min_percent), Some(strictly_more), Some(period));
            }
            Rule::GradeShare { item, min_grade, min_percent, none_failing } => {
                (r.kind, r.item, r.min_grade, r.min_percent, r.none_failing) =
                    (RuleKind::GradeShare, item, Some(min_grade), Some(min_percent), Some(none_failing));
            }
        }
        r
    }
}

impl TryFrom<TargetRepr> for Target {
    type Error = String;
    fn try_from(r: TargetRepr) -> Result<Self, String> {
        let item = r.item;
        let rule = match r.kind {
            RuleKind::UnitsShare => Rule::UnitsShare {
                item,
                min_percent: required(r.min_percent, "min_percent")?,
                period: r.period.unwrap_or(Period::EachYear),
                min_count: r.min_count.unwrap_or(1),
            },
            RuleKind::Total => Rule::Total {
                item,
                min: required(r.min, "min")?,
                strictly_more: r.strictly_more.unwrap_or(false),
                period: required(r.period, "period")?,
            },
            RuleKind::Ratio => Rule::Ratio {
                item,
                min_percent: required(r.min_percent, "min_percent")?,
                strictly_more: r.strictly_more.unwrap_or(false),
                period: required(r.period, "period")?,
            },
            RuleKind::GradeShare => Rule::GradeShare {
                item,
                min_grade: required(r.min_grade, "min_grade")?,
                min_percent: required(r.min_percent, "min_percent")?,
                none_failing: r.none_failing.unwrap_or(false),
            },
        };
        Ok(Target { id: r.id, label: r.label, rule })
    }
}

/// How a target is computed from the records. Each kind names the item it reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// A share of the item's units did it: each year, or once within the term.
    /// For count items a unit counts when it has at least `min_count` entries.
    UnitsShare {
        item: String,
        min_percent: f64,
        period: Period,
        min_count: u64,
    },
    /// Amounts or counts from every unit added up over a period
    /// (e.g. more than 20,000,000 đồng over the term; 1 house in 2024-2025;
    /// at least 1 supervision each year).
    Total {
        item: String,
        min: i64,
        strictly_more: bool,
        period: Period,
    },
    /// Sum of n over sum of N across units (e.g. households that signed / all households).
    Ratio {
        item: String,
        min_percent: f64,
        strictly_more: bool,
        period: Period,
    },
    /// A share of the graded bodies at or above a grade, each year.
    GradeShare {
        item: String,
        min_grade: String,
        min_percent: f64,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    EachYear,
    Term,
    /// A window of years, both ends included.
    Years([i32; 2]),
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

    /// Every task and solution of every action area, in order.
    pub fn all_tasks(&self) -> impl Iterator<Item = (&ActionArea, &Task)> {
        self.areas
            .iter()
            .flat_map(|a| a.tasks.iter().chain(a.solutions.iter()).map(move |t| (a, t)))
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.all_tasks().map(|(_, t)| t).find(|t| t.id == id)
    }

    /// Every target with where it is stated: `Some(n)` for indicator n, `None` for an action area.
    pub fn all_targets(&self) -> impl Iterator<Item = &Target> {
        self.indicators
            .iter()
            .flat_map(|i| i.targets.iter())
            .chain(self.areas.iter().flat_map(|a| a.targets.iter()))
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
        let t = self.term;
        if t.first_year > t.last_year || t.last_year - t.first_year > 10 || t.start.year() != t.first_year {
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
            if item.who.is_empty() {
                return err(format!("programme.items[{n}].who"), "Mục này chưa ghi ai điền.".into());
            }
        }
        let mut task_ids = std::collections::BTreeSet::new();
        for (a, area) in self.areas.iter().enumerate() {
            for (k, task) in area.tasks.iter().chain(area.solutions.iter()).enumerate() {
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
            }
        }
        let mut grade_ids = std::collections::BTreeSet::new();
        for (n, g) in self.grades.iter().enumerate() {
            if !grade_ids.insert(g.id.as_str()) {
                return err(format!("programme.grades[{n}].id"), format!("Mã xếp loại “{}” bị trùng.", g.id));
            }
        }
        let located = self
            .indicators
            .iter()
            .enumerate()
            .flat_map(|(i, ind)| ind.targets.iter().enumerate().map(move |(k, t)| (format!("programme.indicators[{i}].targets[{k}]"), t)))
            .chain(self.areas.iter().enumerate().flat_map(|(a, area)| {
                area.targets.iter().enumerate().map(move |(k, t)| (format!("programme.areas[{a}].targets[{k}]"), t))
            }));
        let mut target_ids = std::collections::BTreeSet::new();
        for (path, target) in located {
            if !target_ids.insert(target.id.as_str()) {
                return err(format!("{path}.id"), format!("Mã chỉ tiêu “{}” bị trùng.", target.id));
            }
            let Some(item) = self.item(target.rule.item()) else {
                return err(format!("{path}.item"), format!("Chỉ tiêu dùng mục “{}” nhưng chương trình không có mục này.", target.rule.item()));
            };
            let fits = match &target.rule {
                Rule::UnitsShare { .. } => matches!(item.value, ValueKind::Done | ValueKind::Count | ValueKind::Ratio),
                Rule::Total { .. } => matches!(item.value, ValueKind::Amount | ValueKind::Count),
                Rule::Ratio { .. } => item.value == ValueKind::Ratio,
                Rule::GradeShare { min_grade, .. } => {
                    if self.grade_rank(min_grade).is_none() {
                        return err(format!("{path}.min_grade"), format!("Không có xếp loại “{min_grade}”."));
                    }
                    item.value == ValueKind::Grade
                }
            };
            if !fits {
                return err(format!("{path}.kind"), format!("Loại chỉ tiêu không hợp với kiểu giá trị của mục “{}”.", item.id));
            }
            // What the progress engine reads: slots for yearly and term items
            // (by year, or once for the term), logged events for totals.
            let each_year = target.rule.period() == Period::EachYear;
            let computable = match (&target.rule, item.cadence) {
                (Rule::UnitsShare { .. }, Cadence::Term) => true,
                (Rule::UnitsShare { .. }, Cadence::Yearly) => each_year,
                (Rule::Ratio { .. }, Cadence::Yearly) => each_year,
                (Rule::Ratio { .. }, Cadence::Term) => !each_year,
                (Rule::Total { .. }, Cadence::Event) => true,
                (Rule::GradeShare { .. }, Cadence::Yearly) => true,
                _ => false,
            };
            if !computable {
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
        diff_keyed(&mut out, &old.indicators, &self.indicators, |i| i.number.to_string(), indicator, |a, b| a.text == b.text);
        let old_targets: Vec<&Target> = old.all_targets().collect();
        let new_targets: Vec<&Target> = self.all_targets().collect();
        let target = |t: &&Target| format!("mốc đo “{}”", t.label);
        diff_keyed(&mut out, &old_targets, &new_targets, |t| t.id.clone(), target, |a, b| a == b);
        let area = |a: &ActionArea| format!("lĩnh vực {}. {}", a.number, a.title);
        diff_keyed(&mut out, &old.areas, &self.areas, |a| a.number.to_string(), area, |a, b| {
            a.title == b.title && a.objective == b.objective
        });
        let old_tasks: Vec<&Task> = old.all_tasks().map(|(_, t)| t).collect();
        let new_tasks: Vec<&Task> = self.all_tasks().map(|(_, t)| t).collect();
        let task = |t: &&Task| format!("nhiệm vụ, giải pháp “{}”", short(&t.text));
        diff_keyed(&mut out, &old_tasks, &new_tasks, |t| t.id.clone(), task, |a, b| a == b);
        let item = |i: &Item| format!("mục ghi chép “{}”", i.label);
        diff_keyed(&mut out, &old.items, &self.items, |i| i.id.clone(), item, |a, b| a == b);
        let grade = |g: &Grade| format!("xếp loại “{}”", g.label);
        diff_keyed(&mut out, &old.grades, &self.grades, |g| g.id.clone(), grade, |a, b| a == b);
        out
    }
}

/// The first words of a long text, for one line of a list.
fn short(text: &str) -> String {
    let first = text.split('\n').next().unwrap_or_default();
    if first.chars().count() > 60 {
        format!("{}…", first.chars().take(60).collect::<String>().trim_end())
    } else {
        first.to_string()
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
