//! Settings: the data's fingerprint, how storage is doing, the backups.

use super::Env;
use crate::core::stored::{self, BackupInfo};
use crate::core::text;

/// What Chromium lets an origin keep in localStorage: 5 Mi UTF-16 code
/// units, i.e. 10 MiB as storage counts them (measured by `scripts/bench storage`).
pub const LOCAL_STORAGE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// What the browser said about keeping the data: None while asking, then
/// Some(None) when it does not say, Some(Some(agreed)).
pub type Persisted = Option<Option<bool>>;

#[derive(Clone, Debug, PartialEq)]
pub struct StorageModel {
    pub persisted: String,
    /// How much the data takes in localStorage.
    pub data: String,
    /// How much its copies (backups, undo copy) take, compressed, in IndexedDB.
    pub copies: String,
    /// How much the whole app takes, with its offline copy (when the browser says).
    pub all: String,
}

/// `used`: bytes the data takes in localStorage; `copies`: bytes its copies
/// take; `estimate`: (usage, quota) of the origin.
pub fn storage(persisted: Persisted, used: usize, copies: usize, estimate: Option<(f64, f64)>) -> StorageModel {
    let persisted = match persisted {
        None => "Đang hỏi trình duyệt...",
        Some(Some(true)) => "Trình duyệt đã đồng ý giữ dữ liệu lâu dài (không tự xóa khi máy thiếu chỗ).",
        Some(Some(false)) => {
            "Trình duyệt chưa đồng ý giữ dữ liệu lâu dài: khi máy thiếu chỗ, dữ liệu có thể bị xóa. Hãy xuất tệp thường xuyên."
        }
        Some(None) => "Trình duyệt này không cho biết có giữ dữ liệu lâu dài hay không. Hãy xuất tệp thường xuyên.",
    }
    .to_string();
    let kb = |bytes: f64| text::group_thousands((bytes / 1024.0).round() as i64);
    // localStorage has its own limit, about 5 triệu ký tự (10 MB): say how much of it the data takes.
    let data = format!(
        "Dữ liệu của sổ: khoảng {} KB, dùng {} bộ nhớ riêng của trình duyệt cho sổ (giới hạn khoảng 10 MB).",
        kb(used as f64),
        text::percent(used as f64 * 100.0 / LOCAL_STORAGE_BYTES)
    );
    let copies = format!("Các bản sao lưu (đã nén): khoảng {} KB.", kb(copies as f64));
    let all = match estimate {
        Some((usage, quota)) if quota > 0.0 => format!(
            "Cả ứng dụng trên máy này, gồm bản để dùng khi không có mạng: khoảng {} KB (trình duyệt cho phép tới {} MB).",
            kb(usage),
            text::group_thousands((quota / 1_048_576.0).round() as i64)
        ),
        _ => String::new(),
    };
    StorageModel { persisted, data, copies, all }
}

/// One backup in the list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BackupRow {
    pub key: String,
    /// "18/11/2025 08:00 · 812 KB".
    pub label: String,
    pub aria: String,
    /// Asked before restoring.
    pub confirm: String,
}

/// Newest first.
pub fn backups(list: &[BackupInfo], env: &Env) -> Vec<BackupRow> {
    let mut v = list.to_vec();
    stored::newest_first(&mut v);
    v.into_iter()
        .map(|b| {
            let when = env.time(b.saved_ms);
            BackupRow {
                key: b.key.clone(),
                label: format!("{when} · {} KB", b.bytes.div_ceil(1024)),
                aria: format!("Khôi phục bản sao lưu lúc {when}"),
                confirm: format!("Khôi phục bản sao lưu lúc {when}? Dữ liệu hiện tại được sao lưu trước, có thể khôi phục lại."),
            }
        })
        .collect()
}

/// "Có một bản dữ liệu hỏng được giữ riêng (12 KB)."
pub fn damaged(bytes: usize) -> String {
    format!("Có một bản dữ liệu hỏng được giữ riêng ({} KB).", bytes.div_ceil(1024))
}
