//! A target's rule taken apart into what the editor shows (kind, period,
//! comparison, numbers, grade) and put together again, and which kinds
//! and periods the progress engine computes from an item.

use super::words::TargetKind;
use crate::core::programme::{Cadence, Cmp, Item, Period, Programme, Rule, Term, ValueKind};

/// Everything a rule of any kind may hold; switching kinds keeps what fits.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shape {
    pub kind: TargetKind,
    pub cmp: Cmp,
    pub percent: f64,
    pub goal: i64,
    pub period: Period,
    pub min_count: u64,
    pub min_grade: String,
    pub none_failing: bool,
}

impl Shape {
    /// The shape of a rule, with defaults for what its kind does not hold.
    pub fn of(rule: &Rule, p: &Programme) -> Shape {
        let mut s = Shape {
            kind: TargetKind::of(rule),
            cmp: rule.cmp(),
            percent: 100.0,
            goal: 1,
            period: rule.period(),
            min_count: 1,
            min_grade: default_grade(p),
            none_failing: false,
        };
        match rule {
            Rule::UnitsShare { percent, min_count, .. } => (s.percent, s.min_count) = (*percent, *min_count),
            Rule::Total { goal, .. } => s.goal = *goal,
            Rule::Ratio { percent, .. } => s.percent = *percent,
            Rule::GradeShare { min_grade, percent, none_failing, .. } => {
                (s.min_grade, s.percent, s.none_failing) = (min_grade.clone(), *percent, *none_failing)
            }
        }
        s
    }

    /// The rule of this shape over `item`.
    pub fn rule(&self, item: &str) -> Rule {
        let item = item.to_string();
        let (cmp, percent, period) = (self.cmp, self.percent, self.period);
        match self.kind {
            TargetKind::UnitsShare => Rule::UnitsShare { item, percent, cmp, period, min_count: self.min_count },
            TargetKind::Ratio => Rule::Ratio { item, percent, cmp, period },
            TargetKind::GradeShare => {
                Rule::GradeShare { item, min_grade: self.min_grade.clone(), percent, cmp, none_failing: self.none_failing }
            }
            TargetKind::TotalTerm | TargetKind::TotalYear | TargetKind::TotalYears => Rule::Total { item, goal: self.goal, cmp, period },
        }
    }

    /// This shape turned into `kind` over `item`: the period and comparison
    /// kept where they fit, else the usual ones. None when the engine cannot
    /// compute that kind from the item.
    pub fn as_kind(&self, kind: TargetKind, item: &Item, term: Term) -> Option<Shape> {
        let mut s = Shape { kind, ..self.clone() };
        s.period = match kind {
            TargetKind::TotalTerm => Period::Term,
            TargetKind::TotalYear | TargetKind::GradeShare => Period::EachYear,
            TargetKind::TotalYears => match self.period {
                Period::Years(y) => Period::Years(y),
                _ => Period::Years([term.first_year, term.first_year.saturating_add(1).min(term.last_year)]),
            },
            TargetKind::UnitsShare | TargetKind::Ratio => {
                let keep = Shape { period: self.period, ..s.clone() };
                if offered(self.period, item) && computes(&keep.rule(&item.id), item) {
                    self.period
                } else if item.cadence == Cadence::Yearly {
                    Period::EachYear
                } else {
                    Period::Term
                }
            }
        };
        if kind.reaches_only() && s.cmp.upper() {
            s.cmp = Cmp::AtLeast;
        }
        computes(&s.rule(&item.id), item).then_some(s)
    }
}

/// The grade a new grade share counts from: the second best ("hoàn thành
/// tốt") when there are several.
pub(crate) fn default_grade(p: &Programme) -> String {
    p.grades.get(1).or(p.grades.first()).map(|g| g.id.clone()).unwrap_or_default()
}

/// Whether the engine computes `rule` from `item`.
pub(crate) fn computes(rule: &Rule, item: &Item) -> bool {
    rule.fits_value(item.value) && rule.computable_from(item.cadence)
}

/// The kinds of targets computable from `item`, the most natural first.
pub(crate) fn kinds_for(item: &Item, p: &Programme) -> Vec<TargetKind> {
    let start = start_shape(p);
    let mut kinds: Vec<TargetKind> = TargetKind::ALL.into_iter().filter(|k| start.as_kind(*k, item, p.term).is_some()).collect();
    // A ratio item reads first as a ratio.
    if item.value == ValueKind::Ratio {
        kinds.sort_by_key(|k| *k != TargetKind::Ratio);
    }
    kinds
}

/// The periods (codes) a share of units or a ratio over `item` may take.
pub(crate) fn periods_for(shape: &Shape, item: &Item, term: Term) -> Vec<&'static str> {
    let window = Period::Years([term.first_year, term.last_year]);
    let candidates = [("each_year", Period::EachYear), ("term", Period::Term), ("years", window)];
    candidates
        .into_iter()
        .filter(|(_, period)| offered(*period, item) && computes(&Shape { period: *period, ..shape.clone() }.rule(&item.id), item))
        .map(|(code, _)| code)
        .collect()
}

/// Whether the editor offers `period` for an item: a once-in-term item is
/// not counted year by year (the engine would, from its one entry).
fn offered(period: Period, item: &Item) -> bool {
    !(period == Period::EachYear && item.cadence == Cadence::Term)
}

/// A new target's shape before it is fitted to an item: 100 %, at least.
pub(crate) fn start_shape(p: &Programme) -> Shape {
    Shape {
        kind: TargetKind::UnitsShare,
        cmp: Cmp::AtLeast,
        percent: 100.0,
        goal: 1,
        period: Period::EachYear,
        min_count: 1,
        min_grade: default_grade(p),
        none_failing: false,
    }
}

/// The first shape computable from `item`, for a new target or a new item.
pub(crate) fn first_shape(item: &Item, p: &Programme, from: &Shape) -> Option<Shape> {
    kinds_for(item, p).into_iter().find_map(|k| from.as_kind(k, item, p.term))
}

/// `rule` reading `item` instead.
pub(crate) fn with_item(rule: &Rule, item: &str) -> Rule {
    let mut r = rule.clone();
    match &mut r {
        Rule::UnitsShare { item: i, .. } | Rule::Total { item: i, .. } | Rule::Ratio { item: i, .. } | Rule::GradeShare { item: i, .. } => {
            *i = item.to_string()
        }
    }
    r
}
