//! Sharing: what can be sent, the file to send, and the preview of a file
//! received, before anything changes.

use super::{Choice, Env};
use crate::core::book::UnitKind;
use crate::core::file::{self, ExportError, Incoming, Preview, Scope};
use crate::core::state::{Action, Role, State};

/// The export part of the share screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportModel {
    /// "" for the whole book, else an area's id; the phone's own area first chosen.
    pub scopes: Vec<Choice>,
    /// "Lần gửi gần nhất: …" or "Chưa gửi lần nào.".
    pub last: String,
}

pub fn export_model(state: &State, env: &Env) -> ExportModel {
    let own = match &state.local.role {
        Role::Area { unit } => unit.as_str(),
        Role::Commune => "",
    };
    let mut scopes = vec![Choice::new("", "Toàn bộ dữ liệu của xã", own.is_empty())];
    scopes.extend(
        state.book.units_of(UnitKind::Area).into_iter().map(|(id, u)| Choice::new(id, format!("Chỉ {}", u.name), id == own)),
    );
    let last = match state.local.last_export_ms {
        Some(t) => format!("Lần gửi gần nhất: {}. {} thay đổi chưa gửi.", env.time(t), state.local.changes_since_export),
        None => "Chưa gửi lần nào.".to_string(),
    };
    ExportModel { scopes, last }
}

/// A file ready to send: its name, its text, and the action that counts
/// it as sent once it is (a file with only part of what this phone writes
/// does not settle its changes).
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub name: String,
    pub text: String,
    pub sent: Action,
}

/// The file for a scope chosen in the select ("" is the whole book).
pub fn outgoing(state: &State, scope: &str, env: &Env) -> Result<Outgoing, ExportError> {
    let scope = if scope.is_empty() { Scope::All } else { Scope::Unit { unit: scope.to_string() } };
    let text = file::export(&state.book, &scope, &state.local.device, env.now_ms)?;
    let unit = match &scope {
        Scope::All => None,
        Scope::Unit { unit } => Some(unit.as_str()),
    };
    Ok(Outgoing {
        name: file::file_name(&state.book, &scope, env.today),
        text,
        sent: Action::MarkExported { all: state.export_covers_all(unit) },
    })
}

/// What a download inside Zalo's or Facebook's browser says: it is not
/// counted as sent, since it usually never happens there.
pub fn in_app_download(name: &str) -> String {
    format!(
        "Đã thử tải tệp {name} về, nhưng trong trình duyệt của Zalo hay Facebook việc tải thường không được. \
         Nếu không thấy tệp, hãy bấm “Sao chép” rồi dán vào tin nhắn, hoặc mở Sổ tay bằng Chrome."
    )
}

/// The preview of a file before it is imported.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewModel {
    /// "Tệp từ máy … tạo lúc …", when the file says.
    pub from: String,
    pub rows: Vec<PreviewRow>,
    /// A newer revision of the programme the file brings.
    pub programme: Option<ProgrammeChange>,
    /// Units the file adds that have the name of one we have.
    pub same_names: Option<String>,
    /// What importing would change, with the fingerprint after it.
    pub conclusion: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    pub unit: String,
    pub name: String,
    pub new: usize,
    pub newer: usize,
    pub older: usize,
    pub same: usize,
    /// "Ngày hội (2025): “Đã thực hiện” → “Chưa thực hiện”".
    pub replaced: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeChange {
    pub heading: String,
    pub summary: String,
    pub changes: Vec<String>,
}

pub fn preview_model(incoming: &Incoming, p: &Preview, env: &Env) -> PreviewModel {
    let from = match (&incoming.device, incoming.exported_ms) {
        (Some(d), Some(t)) => format!("Tệp từ máy {d}, tạo lúc {}.", env.time(t)),
        _ => String::new(),
    };
    let rows = p
        .rows
        .iter()
        .map(|r| PreviewRow {
            unit: r.unit.clone(),
            name: r.name.clone(),
            new: r.new,
            newer: r.newer,
            older: r.older,
            same: r.same,
            replaced: r.replaced.iter().map(|(what, ours, theirs)| format!("{what}: “{ours}” → “{theirs}”")).collect(),
        })
        .collect();
    let programme = p.programme.as_ref().map(|u| ProgrammeChange {
        heading: format!("Tệp mang chương trình đã sửa đổi (lần sửa {}; máy này đang theo lần sửa {}).", u.to, u.from),
        summary: format!("Xem {} thay đổi của chương trình", u.changes.len()),
        changes: u.changes.clone(),
    });
    let same_names = (!p.same_names.is_empty()).then(|| {
        format!(
            "“{}” trong tệp trùng tên với đơn vị đã có ở máy này nhưng được tạo riêng trên máy khác, nên sẽ thành hai đơn vị. \
             Nếu là cùng một nơi, hãy bấm Hủy; ở máy kia, nhập tệp của xã, chọn đúng đơn vị ở mục Cài đặt, rồi gửi lại.",
            p.same_names.join("”, “")
        )
    });
    let changes = p.changes();
    let conclusion = if p.is_empty() {
        "Tệp này không có gì mới: nhập vào cũng không thay đổi gì.".to_string()
    } else if changes == 0 {
        format!("Số liệu của các đơn vị không thay đổi. Mã kiểm tra sau khi nhập: {}.", p.fingerprint_after)
    } else {
        format!("Sẽ thay đổi {changes} mục. Mã kiểm tra sau khi nhập: {}.", p.fingerprint_after)
    };
    PreviewModel { from, rows, programme, same_names, conclusion }
}
