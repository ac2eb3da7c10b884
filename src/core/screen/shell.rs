//! What every screen shares: the header, the bottom navigation, the home
//! screen by role, and the reminder to send a copy.

use super::{Env, Page, Route};
use crate::core::state::{Role, State};
use crate::core::stored::DecodeError;

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
            let under = r == Route::Programme && matches!(route, Route::Editor { .. } | Route::Report);
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

/// The banner over this tab's changes kept aside when another tab went back
/// (see `workflow::follow_generation`).
pub fn kept_notice(changes: usize) -> String {
    format!(
        "Một cửa sổ khác vừa hoàn tác hoặc khôi phục dữ liệu. {changes} thay đổi ở cửa sổ này chưa kịp lưu được giữ riêng: xem rồi nhập lại nếu vẫn cần."
    )
}

/// The notice when the backup of those changes failed (`why`: the storage's reason).
pub fn kept_not_backed_up(why: &str) -> String {
    format!("Chưa sao lưu được những thay đổi giữ riêng ({why}) Hãy xem và nhập lại chúng ngay.")
}

/// What was wrong with the stored data at start.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadProblem {
    /// Unreadable: kept aside (or, without room for that, left in place and
    /// never written over), and the newest good backup restored if any.
    Damaged { why: DecodeError, kept_aside: bool, restored_ms: Option<i64> },
    /// Written by a newer version of the app: never written over here.
    Newer,
}

/// The notice shown at start after a load problem.
pub fn load_notice(p: &LoadProblem, env: &Env) -> String {
    match p {
        LoadProblem::Newer => crate::core::error::StorageError::Newer.to_string(),
        LoadProblem::Damaged { why, kept_aside, restored_ms } => {
            let restored = match restored_ms {
                Some(ms) => format!("Ứng dụng đã khôi phục bản sao lưu lúc {}.", env.time(*ms)),
                None => "Không có bản sao lưu dùng được.".to_string(),
            };
            let kept = if *kept_aside {
                "Bản hỏng được giữ riêng, không bị xóa."
            } else {
                "Bản hỏng vẫn nằm nguyên chỗ cũ; ứng dụng tạm không lưu gì đè lên nó."
            };
            format!("{why} {restored} {kept}")
        }
    }
}
