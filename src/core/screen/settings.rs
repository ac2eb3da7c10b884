//! Settings: the data's fingerprint, how storage is doing, the backups.

use super::Env;
use crate::core::text;

/// A backup as storage lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub key: String,
    pub saved_ms: i64,
    /// Bytes it takes in storage.
    pub bytes: usize,
}

/// What the browser said about keeping the data: None while asking, then
/// Some(None) when it does not say, Some(Some(agreed)).
pub type Persisted = Option<Option<bool>>;

#[derive(Clone, Debug, PartialEq)]
pub struct StorageModel {
    pub persisted: String,
    /// How much the data and its backups take.
    pub data: String,
    /// How much the whole app takes, with its offline copy (when the browser says).
    pub all: String,
}

/// `used`: bytes the data and backups take; `estimate`: (usage, quota) of the origin.
pub fn storage(persisted: Persisted, used: usize, estimate: Option<(f64, f64)>) -> StorageModel {
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
    let data = format!("Dữ liệu của sổ, cả các bản sao lưu: khoảng {} KB.", kb(used as f64));
    let all = match estimate {
        Some((usage, quota)) if quota > 0.0 => format!(
            "Cả ứng dụng trên máy này, gồm bản để dùng khi không có mạng: khoảng {} KB (trình duyệt cho phép tới {} MB).",
            kb(usage),
            text::group_thousands((quota / 1_048_576.0).round() as i64)
        ),
        _ => String::new(),
    };
    StorageModel { persisted, data, all }
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
    let mut v: Vec<&BackupInfo> = list.iter().collect();
    crate::core::sort_by(&mut v, |a, b| b.saved_ms.cmp(&a.saved_ms));
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
