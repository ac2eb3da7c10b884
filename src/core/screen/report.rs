//! The report screen's choices: which period and whose report, and the
//! names of the files it offers (the report itself is `core::report`).

use super::{Choice, Env};
use crate::core::book::UnitKind;
use crate::core::report::{self, Period, Scope};
use crate::core::state::{Role, State};
use crate::core::text;

/// The periods a report can cover today ([`report::available`]): each
/// started year of the term, each first half that lies in it and has begun,
/// the term so far. The newest year is chosen first. Before the term begins,
/// the term alone, whose report says when it begins.
pub fn periods(state: &State, env: &Env) -> Vec<Choice> {
    let p = &state.book.programme;
    let t = p.term;
    let mut v = Vec::new();
    for y in t.years().rev() {
        if report::available(p, Period::Year(y), env) {
            v.push(Choice::new(format!("y{y}"), format!("Năm {y}"), v.is_empty()));
        }
        if report::available(p, Period::FirstHalf(y), env) {
            v.push(Choice::new(format!("h{y}"), format!("6 tháng đầu năm {y}"), v.is_empty()));
        }
    }
    v.push(Choice::new("term", format!("Cả nhiệm kỳ {}-{} (đến nay)", t.first_year, t.last_year), v.is_empty()));
    v
}

/// A period from its choice's value.
pub fn period(value: &str) -> Option<Period> {
    match value {
        "term" => Some(Period::Term),
        v => {
            let (kind, year) = v.split_at(1);
            let year = year.parse().ok()?;
            match kind {
                "y" => Some(Period::Year(year)),
                "h" => Some(Period::FirstHalf(year)),
                _ => None,
            }
        }
    }
}

/// Whose report this phone makes: the commune's and each area's on the
/// commune's phone; its own area's on an area's phone.
pub fn scopes(state: &State) -> Vec<Choice> {
    match (&state.local.role, state.own_unit()) {
        (Role::Area { unit }, Some(_)) => {
            let name = state.book.unit(unit).map(|u| u.name.clone()).unwrap_or_default();
            vec![Choice::new(unit.clone(), format!("Ban công tác Mặt trận {name}"), true)]
        }
        _ => {
            let mut v = vec![Choice::new("", "Ban Thường trực Ủy ban MTTQ xã", true)];
            v.extend(
                state
                    .book
                    .units_of(UnitKind::Area)
                    .into_iter()
                    .map(|(id, u)| Choice::new(id, format!("Ban công tác Mặt trận {}", u.name), false)),
            );
            v
        }
    }
}

/// A scope from its choice's value ("" is the commune).
pub fn scope(value: &str) -> Scope {
    if value.is_empty() {
        Scope::Commune
    } else {
        Scope::Area(value.to_string())
    }
}

/// The workbook's file name: "sotay-ha-hai-bang-so-lieu-2026-12-05.xlsx".
pub fn workbook_name(state: &State, env: &Env) -> String {
    format!(
        "sotay-{}-bang-so-lieu-{}.xlsx",
        text::slug(&crate::core::report::place_of(&state.book.programme.owner)),
        text::iso_date(env.today)
    )
}
