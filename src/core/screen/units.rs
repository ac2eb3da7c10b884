//! Residential areas, member organisations and the commune: the lists, each
//! row's buttons and why they are there, the edit form, and the first-run
//! screen.

use super::{Choice, Env, Route};
use crate::core::book::{UnitData, UnitKind};
use crate::core::error::{ActionError, InputError};
use crate::core::state::{Action, Role, State};

/// One list of units of a kind.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitList {
    pub kind: UnitKind,
    pub title: &'static str,
    /// Unit ids in display order.
    pub rows: Vec<String>,
    /// The add form, when this phone adds units (the commune's).
    pub add_label: Option<&'static str>,
    /// Said instead of the add form on an area's phone.
    pub add_note: Option<&'static str>,
}

/// The units screen: areas, organisations, the commune.
pub fn lists(state: &State) -> Vec<UnitList> {
    [UnitKind::Area, UnitKind::Organisation, UnitKind::Commune].into_iter().map(|k| list(state, k)).collect()
}

pub fn list(state: &State, kind: UnitKind) -> UnitList {
    let manage = state.own_unit().is_none();
    let add = match kind {
        UnitKind::Area => Some("Tên khu dân cư mới"),
        UnitKind::Organisation => Some("Tên tổ chức mới"),
        UnitKind::Commune => None,
    };
    UnitList {
        kind,
        title: kind.label(),
        rows: state.book.units_of(kind).into_iter().map(|(id, _)| id.to_string()).collect(),
        add_label: add.filter(|_| manage),
        add_note: (add.is_some() && !manage).then_some("Đơn vị do máy của xã thêm; máy này nhận danh sách qua tệp của xã."),
    }
}

/// One row of a units list.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    /// The unit's checklist.
    pub href: String,
    /// "120 hộ · Tính từ năm 2026".
    pub sub: String,
    pub archived: bool,
    /// Move buttons (the commune's phone, areas and organisations), with
    /// whether each can move.
    pub moves: Option<(bool, bool)>,
    pub up_label: String,
    pub down_label: String,
    /// This phone may edit the unit's details.
    pub editable: bool,
    pub edit_label: String,
    /// Archive or bring back, with the action it sends.
    pub archive: Option<(String, String, Action)>,
}

pub fn row(state: &State, id: &str, env: &Env) -> Option<UnitRow> {
    let d = state.book.unit(id)?;
    let list: Vec<&str> = state.book.units_of(d.kind).into_iter().map(|(i, _)| i).collect();
    let pos = list.iter().position(|i| *i == id)?;
    let manage = state.own_unit().is_none() && d.kind != UnitKind::Commune;
    let mut sub = Vec::new();
    if let Some(h) = d.households {
        sub.push(format!("{h} hộ"));
    }
    match (d.since, d.until) {
        (_, Some(u)) => sub.push(format!("Ngừng theo dõi sau năm {u}")),
        (Some(s), None) => sub.push(format!("Tính từ năm {s}")),
        (None, None) => {}
    }
    let archive = manage.then(|| {
        if d.archived() {
            (format!("Theo dõi lại {}", d.name), "Theo dõi lại".to_string(), Action::Unarchive { id: id.to_string() })
        } else {
            let last_year = archive_year(state, env);
            (format!("Ngừng theo dõi {}", d.name), "Ngừng theo dõi".to_string(), Action::Archive { id: id.to_string(), last_year })
        }
    });
    Some(UnitRow {
        id: id.to_string(),
        name: d.name.clone(),
        href: Route::Book { unit: Some(id.to_string()), year: None }.href(super::Page::More),
        sub: sub.join(" · "),
        archived: d.archived(),
        moves: manage.then_some((pos > 0, pos + 1 < list.len())),
        up_label: format!("Chuyển {} lên", d.name),
        down_label: format!("Chuyển {} xuống", d.name),
        editable: state.may_write(id),
        edit_label: format!("Sửa {}", d.name),
        archive,
    })
}

/// The last year an archived unit counts in, by default: this year of the term.
pub fn archive_year(state: &State, env: &Env) -> i32 {
    state.book.programme.term.current_year(env.today)
}

/// The edit form's fields, as they start.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitForm {
    pub name: String,
    pub households: Option<String>,
    /// "Tính từ năm": "" for the start of the term.
    pub since: Option<String>,
    pub since_options: Vec<(String, String)>,
}

pub fn form(state: &State, id: &str) -> Option<UnitForm> {
    let d: &UnitData = state.book.unit(id)?;
    let mut since_options = vec![(String::new(), "Đầu nhiệm kỳ".to_string())];
    since_options.extend(state.book.programme.term.years().map(|y| (y.to_string(), y.to_string())));
    Some(UnitForm {
        name: d.name.clone(),
        households: (d.kind == UnitKind::Area).then(|| d.households.map(|h| h.to_string()).unwrap_or_default()),
        since: (d.kind != UnitKind::Commune).then(|| d.since.map(|y| y.to_string()).unwrap_or_default()),
        since_options,
    })
}

/// A number of households: empty is unknown.
pub fn parse_households(s: &str) -> Result<Option<u32>, InputError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| InputError::Households(t.to_string()))
}

/// The action that saves an edit form.
pub fn edit(id: &str, name: &str, households: &str, since: &str) -> Result<Action, InputError> {
    Ok(Action::EditUnit {
        id: id.to_string(),
        name: name.to_string(),
        households: parse_households(households)?,
        since: since.trim().parse().ok(),
    })
}

/// The action that adds a unit from the add form.
pub fn add(kind: UnitKind, name: &str, households: &str) -> Result<Action, InputError> {
    Ok(Action::AddUnit { kind, name: name.to_string(), households: parse_households(households)?, since: None })
}

/// The first-run screen's button text.
pub fn setup_button(state: &State) -> String {
    format!("Xong, bắt đầu ghi chép ({} khu dân cư)", state.book.units_of(UnitKind::Area).len())
}

/// What the first-run screen says of the programme this phone follows: the
/// built-in example (Hà Hải's), or the commune's own.
pub fn setup_programme_note(state: &State) -> String {
    let p = &state.book.programme;
    if p.id == crate::core::DEFAULT_PROGRAMME_ID {
        format!(
            "Sổ tay đang mở chương trình mẫu của {}, nhiệm kỳ {}-{}. Xã khác: nhập chương trình hành động của xã mình trước.",
            p.owner, p.term.first_year, p.term.last_year
        )
    } else {
        format!("Chương trình: {} ({}, nhiệm kỳ {}-{}).", p.title, p.owner, p.term.first_year, p.term.last_year)
    }
}

/// The actions that finish the first run: a commune's phone, or the area
/// chosen in the picker (refused when none is chosen).
pub fn finish_setup(state: &State, keeps_area: bool) -> Result<Vec<Action>, ActionError> {
    if !keeps_area {
        return Ok(vec![Action::SetRole(Role::Commune), Action::FinishSetup]);
    }
    match &state.local.role {
        Role::Area { .. } => Ok(vec![Action::FinishSetup]),
        Role::Commune => Err(ActionError::NoAreaChosen),
    }
}

/// The picker of what this phone keeps: the whole commune, or one area.
pub fn role_choices(state: &State) -> Vec<Choice> {
    let current = match &state.local.role {
        Role::Area { unit } => unit.as_str(),
        Role::Commune => "",
    };
    let mut v = vec![Choice::new("", "Toàn xã", current.is_empty())];
    v.extend(
        state
            .book
            .units_of(UnitKind::Area)
            .into_iter()
            .filter(|(_, u)| !u.archived())
            .map(|(id, u)| Choice::new(id, &u.name, id == current)),
    );
    v
}

/// The action of choosing in the role picker.
pub fn role_action(value: &str) -> Action {
    Action::SetRole(if value.is_empty() { Role::Commune } else { Role::Area { unit: value.to_string() } })
}

/// Names of the areas set up so far, for the first-run screen.
pub fn area_names(state: &State) -> Vec<(String, String)> {
    state.book.units_of(UnitKind::Area).into_iter().map(|(id, u)| (id.to_string(), u.name.clone())).collect()
}
