//! The overview: a card per indicator (and per part with targets of its
//! own), a gauge per target with its status and a mark per year of the term,
//! "Vì sao?" on demand, and every area's progress for the year.

use super::{checklist::year_shown, year_choices, Choice, Env, Page, Route};
use crate::core::progress::{self, Figure, Status, TargetProgress};
use crate::core::programme::Period;
use crate::core::state::State;
use crate::core::text;

#[derive(Clone, Debug, PartialEq)]
pub struct OverviewModel {
    pub year: i32,
    pub years: Vec<Choice>,
    pub cards: Vec<Card>,
    pub areas_title: String,
    /// "3/5 khu dân cư đã nhập số liệu năm 2026."
    pub completeness: String,
    pub areas: Vec<AreaRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Unique among cards: "i3" for indicator 3, "p6" for part 6.
    pub key: String,
    pub number: u32,
    /// "Chỉ tiêu 3", "Chương trình hành động 6".
    pub title: String,
    /// The indicator's first paragraph (parts show their title).
    pub text: String,
    pub indicator: bool,
    pub targets: Vec<TargetRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    pub id: String,
    pub label: String,
    /// "77,8 % (7/9)".
    pub figure: String,
    /// "Năm 2026" or "Cả nhiệm kỳ".
    pub scope: String,
    pub status: Status,
    pub gauge: Gauge,
    pub strip: Vec<Mark>,
}

/// An SVG ring: the arc is the progress, the tick is the goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Gauge {
    /// The arc's dash array: "77.78 100".
    pub dash: String,
    /// The goal tick's rotation, when the goal is under 100 %.
    pub goal_turn: Option<String>,
    /// The number in the middle: "78%", never more than it is.
    pub number: String,
    pub long: bool,
    pub value_now: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub year: i32,
    pub status: Status,
    /// "2025: Đạt (100 % (5/5))".
    pub title: String,
    /// "25".
    pub short: String,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AreaRow {
    pub unit: String,
    pub name: String,
    pub href: String,
    /// The bar's width: "66.67".
    pub width: String,
    pub value_now: i64,
    /// "Thôn 1: 4/6 mục năm 2026".
    pub label: String,
    pub value_text: String,
    /// "4/6 mục · chưa nhập gì năm này · sửa lần cuối: …".
    pub detail: String,
}

/// The icon of a status, beside its words (never colour alone).
pub fn icon(s: Status) -> &'static str {
    match s {
        Status::Met => "✓",
        Status::Missed => "✗",
        Status::InProgress => "…",
        Status::NotDue => "○",
        Status::NotApplicable => "–",
    }
}

use super::super::text::fixed2;

pub fn gauge(f: &Figure) -> Gauge {
    let shown = f.percent.clamp(0.0, 100.0);
    let goal = f.goal_percent.clamp(0.0, 100.0);
    let number = text::percent_near(f.percent.clamp(0.0, 999.0), goal).replace(" %", "%");
    Gauge {
        dash: format!("{} 100", fixed2(shown)),
        // Drawn at the top, turned to the goal (percent × 3.6°): no trigonometry in the wasm.
        goal_turn: (goal < 100.0).then(|| format!("rotate({} 18 18)", fixed2(goal * 3.6))),
        long: number.chars().count() > 4,
        number,
        value_now: shown.round() as i64,
    }
}

fn row(t: &TargetProgress, year: i32) -> TargetRow {
    let f = t.shown(year);
    let yearly = t.target.rule.period() == Period::EachYear;
    TargetRow {
        id: t.target.id.clone(),
        label: t.target.label.clone(),
        figure: f.text(),
        scope: if yearly { format!("Năm {year}") } else { "Cả nhiệm kỳ".to_string() },
        status: f.status,
        gauge: gauge(f),
        strip: t
            .years
            .iter()
            .map(|(y, fy)| Mark {
                year: *y,
                status: fy.status,
                title: format!("{y}: {} ({})", fy.status.label(), fy.text()),
                short: format!("{:02}", y % 100),
                selected: *y == year,
            })
            .collect(),
    }
}

pub fn overview(state: &State, year: Option<i32>, env: &Env) -> OverviewModel {
    let p = &state.book.programme;
    let year = year_shown(state, year, env.today);
    let (all, list) = progress::overview(&state.book, env.today, year);
    let mut cards: Vec<Card> = p
        .indicators
        .iter()
        // Indicators no longer followed leave the overview (their targets the gauges).
        .filter(|ind| !ind.retired)
        .map(|ind| Card {
            key: format!("i{}", ind.number),
            number: ind.number,
            title: format!("Chỉ tiêu {}", ind.number),
            text: ind.text.split('\n').next().unwrap_or_default().to_string(),
            indicator: true,
            targets: all.iter().filter(|t| t.indicator == Some(ind.number)).map(|t| row(t, year)).collect(),
        })
        .collect();
    cards.extend(p.parts.iter().filter_map(|a| {
        let targets: Vec<TargetRow> = all.iter().filter(|t| t.area == Some(a.number)).map(|t| row(t, year)).collect();
        (!targets.is_empty()).then(|| Card {
            key: format!("p{}", a.number),
            number: a.number,
            title: p.part_name(a),
            text: a.title.clone(),
            indicator: false,
            targets,
        })
    }));
    let entered = list.iter().filter(|a| a.entered).count();
    let total = list.len();
    let areas = list
        .into_iter()
        .map(|a| {
            let pct = if a.total > 0 { a.done as f64 * 100.0 / a.total as f64 } else { 0.0 };
            let last = a.last_change_ms.map(|ms| env.time(ms)).unwrap_or_else(|| "chưa có".into());
            let mut detail = format!("{}/{} mục", a.done, a.total);
            if !a.entered {
                detail.push_str(" · chưa nhập gì năm này");
            }
            detail.push_str(&format!(" · sửa lần cuối: {last}"));
            AreaRow {
                href: Route::Book { unit: Some(a.unit.clone()), year: Some(year) }.href(Page::Daily),
                width: fixed2(pct),
                value_now: pct.round() as i64,
                label: format!("{}: {}/{} mục năm {year}", a.name, a.done, a.total),
                value_text: format!("{}/{}", a.done, a.total),
                detail,
                unit: a.unit,
                name: a.name,
            }
        })
        .collect();
    OverviewModel {
        year,
        years: year_choices(&p.term, year),
        cards,
        areas_title: format!("Các khu dân cư năm {year}"),
        completeness: format!("{entered}/{total} khu dân cư đã nhập số liệu năm {year}."),
        areas,
    }
}

/// What "Vì sao?" shows for a target's figure in the year shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainModel {
    pub rule: String,
    /// "Đã tính: …", when any.
    pub counted: Option<String>,
    /// "Còn thiếu: …" by name, when any.
    pub missing: Option<String>,
    /// "12 bản ghi được tính."
    pub records: String,
    /// A yearly target's term so far.
    pub term: Option<String>,
}

pub fn explain(state: &State, target: &str, year: i32, env: &Env) -> Option<ExplainModel> {
    let all = progress::compute(&state.book, env.today);
    let t = all.iter().find(|t| t.target.id == target)?;
    let yearly = t.target.rule.period() == Period::EachYear;
    let e = progress::explain(&state.book, target, yearly.then_some(year), env.today)?;
    Some(ExplainModel {
        rule: e.rule,
        counted: (!e.counted.is_empty()).then(|| e.counted.join("; ")),
        missing: (!e.missing.is_empty()).then(|| e.missing.join(", ")),
        records: format!("{} bản ghi được tính.", text::group_thousands(e.records.len() as i64)),
        term: yearly.then(|| format!("Cả nhiệm kỳ đến nay: {} — {}", t.term.text(), t.term.status.label())),
    })
}
