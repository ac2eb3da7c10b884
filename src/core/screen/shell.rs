//! What every screen shares: the header, the bottom navigation, the home
//! screen by role, and the reminder to send a copy.

use super::{Env, Page, Route};
use crate::core::state::{Role, State};

/// The header: the programme's name, its owner and term.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub title: String,
    pub sub: String,
}

pub fn header(state: &State) -> Header {
    let p = &state.book.programme;
    Header { title: p.title.clone(), sub: format!("{} · Nhiệm kỳ {}-{}", p.owner, p.term.first_year, p.term.last_year) }
}

/// What the home route shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// The first-run screen of a new phone.
    Setup,
    /// The commune's phone: the overview.
    Overview,
    /// An area's phone: its checklist.
    Checklist,
}

pub fn home(state: &State) -> Home {
    match (&state.local.role, state.local.set_up) {
        (_, false) => Home::Setup,
        (Role::Commune, true) => Home::Overview,
        (Role::Area { .. }, true) => Home::Checklist,
    }
}

/// One entry of the bottom navigation.
#[derive(Clone, Debug, PartialEq)]
pub struct NavLink {
    pub label: &'static str,
    pub href: String,
    /// The screen shown is this entry (or the home screen that is it).
    pub here: bool,
}

pub fn nav(state: &State, route: &Route, page: Page) -> Vec<NavLink> {
    let home = home(state);
    let entries = [
        (Route::Overview { year: None }, "Tổng quan"),
        (Route::Book { unit: None, year: None }, "Ghi chép"),
        (Route::Share, "Chia sẻ"),
        (Route::Programme, "Chương trình"),
        (Route::Settings, "Cài đặt"),
    ];
    entries
        .into_iter()
        .map(|(r, label)| {
            let same = std::mem::discriminant(&r) == std::mem::discriminant(route);
            let is_home = *route == Route::Home
                && matches!((&r, home), (Route::Overview { .. }, Home::Overview) | (Route::Book { .. }, Home::Checklist));
            // The programme's own screens (editor, report) sit under "Chương trình".
            let under = r == Route::Programme && matches!(route, Route::Editor | Route::Report);
            NavLink { label, href: r.href(page), here: same || is_home || under }
        })
        .collect()
}

/// The banner that suggests sending a copy, when it is time (not on the share screen).
pub fn reminder(state: &State, route: &Route, env: &Env) -> Option<String> {
    if *route == Route::Share {
        return None;
    }
    let (days, changes) = state.export_reminder(env.now_ms)?;
    let when = match days {
        Some(d) => format!("Đã {d} ngày từ lần gửi dữ liệu gần nhất"),
        None => "Chưa gửi dữ liệu lần nào".to_string(),
    };
    Some(format!("{when}; có {changes} thay đổi chưa gửi. Hãy gửi một bản cho xã để không mất dữ liệu."))
}
