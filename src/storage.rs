//! The only code that touches browser storage.
//!
//! localStorage holds the current state under one key, a ring of rolling
//! backups, and (after damage) the damaged text kept aside. Every write is read
//! back and compared. Stored text that fails to parse is never overwritten.

use crate::core::programme::Programme;
use crate::core::state::State;
use crate::core::stored;
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

const KEY: &str = "sotay.state";
const BACKUP_PREFIX: &str = "sotay.backup.";
const DAMAGED_KEY: &str = "sotay.damaged";
const BACKUP_SLOTS: usize = 5;

thread_local! {
    /// The text this tab last wrote or read, to tell another tab's write from ours.
    static LAST_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Set when unreadable stored text could not be kept aside: nothing may
    /// be written over it, and every save says why.
    static HOLD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// localStorage through gloo-storage, or None where the browser disables it
/// (gloo's own accessor panics there, so availability is checked first).
fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()?;
    Some(LocalStorage::raw())
}

fn get(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

/// Writes and reads back; an error says why in Vietnamese.
fn put(key: &str, text: &str) -> Result<(), String> {
    let s = raw().ok_or("Trình duyệt không cho lưu dữ liệu (bộ nhớ bị tắt hoặc đang ở chế độ ẩn danh).")?;
    if let Err(e) = s.set_item(key, text) {
        let name = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
        return Err(if name.contains("Quota") {
            "Bộ nhớ của trình duyệt đã đầy, không lưu được thay đổi mới.".to_string()
        } else {
            "Trình duyệt từ chối lưu dữ liệu.".to_string()
        });
    }
    match s.get_item(key) {
        Ok(Some(back)) if back == text => Ok(()),
        _ => Err("Đã ghi nhưng đọc lại không khớp: bộ nhớ trình duyệt không đáng tin cậy.".to_string()),
    }
}

/// How loading went, for a message to the user.
pub enum Loaded {
    /// Nothing stored yet: a new phone.
    Fresh(State),
    Ok(State),
    /// The stored text was damaged; it was kept aside and a backup restored.
    Recovered(State, String),
    /// Damaged and no usable backup: starting empty, the damaged text kept aside.
    Lost(State, String),
}

/// Loads the state, recovering from damage without overwriting anything unreadable.
pub fn load(embedded: &Programme, fresh: impl FnOnce() -> State) -> Loaded {
    let Some(text) = get(KEY) else {
        return Loaded::Fresh(fresh());
    };
    match stored::decode(&text, embedded) {
        Ok(state) => {
            LAST_TEXT.with(|t| *t.borrow_mut() = Some(text.clone()));
            // A backup of each session's starting point.
            if latest_backup_text().as_deref() != Some(text.as_str()) {
                let _ = push_backup(&text);
            }
            Loaded::Ok(state)
        }
        Err(stored::DecodeError::Newer(_)) => {
            // A newer version of the app wrote it: never written over here.
            let hold = "Dữ liệu trên máy này do phiên bản Sổ tay mới hơn lưu, nên cửa sổ này không ghi đè lên. \
                        Hãy tải lại trang để dùng phiên bản mới.";
            HOLD.with(|h| *h.borrow_mut() = Some(hold.to_string()));
            Loaded::Lost(fresh(), hold.to_string())
        }
        Err(e) => {
            // Keep the damaged text aside before anything else is written;
            // when even that fails, write nothing over it.
            let kept = if put_making_room(DAMAGED_KEY, &text).is_ok() {
                // Safe aside: the recovered state may now be saved in its place.
                LAST_TEXT.with(|t| *t.borrow_mut() = Some(text.clone()));
                "Bản hỏng được giữ riêng, không bị xóa."
            } else {
                let hold = "Bộ nhớ đầy nên chưa giữ riêng được bản dữ liệu hỏng; để không mất nó, ứng dụng tạm không lưu gì. \
                            Hãy tải tệp sao lưu ngay, rồi giải phóng bộ nhớ của trình duyệt.";
                HOLD.with(|h| *h.borrow_mut() = Some(hold.to_string()));
                "Bản hỏng vẫn nằm nguyên chỗ cũ; ứng dụng tạm không lưu gì đè lên nó."
            };
            let why = e.to_string();
            for b in backups() {
                if let Some(btext) = get(&b.key) {
                    if let Ok(state) = stored::decode(&btext, embedded) {
                        return Loaded::Recovered(state, format!("{why} Ứng dụng đã khôi phục bản sao lưu lúc {}. {kept}", b.when));
                    }
                }
            }
            Loaded::Lost(fresh(), format!("{why} Không có bản sao lưu dùng được. {kept}"))
        }
    }
}

/// Result of a save.
pub enum Saved {
    /// Nothing to write, or written and verified.
    Ok,
    /// Another tab had written newer data; here it is, to merge and save again.
    Other(String),
    Failed(String),
}

/// Saves the state, unless another tab wrote since we last read (then its
/// text is returned to be merged first, so neither overwrites the other).
pub fn save(state: &State, now_ms: i64) -> Saved {
    if let Some(why) = HOLD.with(|h| h.borrow().clone()) {
        return Saved::Failed(why);
    }
    let stored_now = get(KEY);
    let last = LAST_TEXT.with(|t| t.borrow().clone());
    if let Some(s) = &stored_now {
        if Some(s) != last.as_ref() {
            // Not marked as seen here: only text that was read and merged is
            // (mark_seen), so unreadable text stops every save, not just one.
            return Saved::Other(s.clone());
        }
    }
    let text = stored::encode(state, now_ms);
    if let (Some(old), Some(s)) = (&last, &stored_now) {
        if same_state(old, &text) && s == old {
            return Saved::Ok;
        }
    }
    match put_making_room(KEY, &text) {
        Ok(()) => {
            LAST_TEXT.with(|t| *t.borrow_mut() = Some(text));
            Saved::Ok
        }
        Err(e) => Saved::Failed(e),
    }
}

/// Equal apart from the save time.
fn same_state(a: &str, b: &str) -> bool {
    fn body(s: &str) -> &str {
        s.find("\"state\":").map(|i| &s[i..]).unwrap_or(s)
    }
    body(a) == body(b)
}

/// The stored state's text as it is now (for measurements; nothing is written).
pub fn current_text() -> Option<String> {
    get(KEY)
}

/// Marks text received from another tab as seen.
pub fn mark_seen(text: &str) {
    LAST_TEXT.with(|t| *t.borrow_mut() = Some(text.to_string()));
}

#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub key: String,
    pub saved_ms: i64,
    pub when: String,
    pub bytes: usize,
}

fn latest_backup_text() -> Option<String> {
    backups().first().and_then(|b| get(&b.key))
}

/// Backups, newest first.
pub fn backups() -> Vec<Backup> {
    let mut v: Vec<Backup> = (0..BACKUP_SLOTS)
        .filter_map(|i| {
            let key = format!("{BACKUP_PREFIX}{i}");
            let text = get(&key)?;
            let saved_ms = stored::saved_ms(&text).unwrap_or(0);
            Some(Backup { when: crate::ui::format_time(saved_ms), key, saved_ms, bytes: text.len() })
        })
        .collect();
    crate::core::sort_by(&mut v, |a, b| b.saved_ms.cmp(&a.saved_ms));
    v
}

fn push_backup(text: &str) -> Result<(), String> {
    // Overwrite the oldest slot (or an empty one).
    let used = backups();
    let slot = (0..BACKUP_SLOTS)
        .map(|i| format!("{BACKUP_PREFIX}{i}"))
        .find(|k| !used.iter().any(|b| &b.key == k))
        .unwrap_or_else(|| used.last().map(|b| b.key.clone()).unwrap_or_else(|| format!("{BACKUP_PREFIX}0")));
    put_making_room(&slot, text)
}

/// Writes, and when the browser refuses (storage full), drops the oldest
/// backups one by one and tries again, always keeping the newest backup.
/// The current data matters more than old copies of it.
fn put_making_room(key: &str, text: &str) -> Result<(), String> {
    let mut result = put(key, text);
    if result.is_err() && key != UNDO_KEY && get(UNDO_KEY).is_some() {
        // The undo copy of the last import goes before any backup.
        clear_undo();
        result = put(key, text);
    }
    while result.is_err() {
        let list = backups();
        let Some(oldest) = list.iter().skip(1).rev().find(|b| b.key != key) else { break };
        if let Some(s) = raw() {
            let _ = s.remove_item(&oldest.key);
        }
        result = put(key, text);
    }
    result
}

/// Takes a backup of the given state now (before an import or a restore).
pub fn backup_now(state: &State, now_ms: i64) -> Result<(), String> {
    push_backup(&stored::encode(state, now_ms))
}

/// Reads one backup.
pub fn read_backup(key: &str, embedded: &Programme) -> Result<State, String> {
    let text = get(key).ok_or("Không tìm thấy bản sao lưu này.")?;
    stored::decode(&text, embedded).map_err(|e| e.to_string())
}

/// Whether damaged text is kept aside, and its size.
pub fn damaged() -> Option<String> {
    get(DAMAGED_KEY)
}

/// Bytes our keys and values take in localStorage, which keeps text as
/// UTF-16 (two bytes per unit) and counts it against its own limit.
pub fn used_bytes() -> usize {
    let Some(s) = raw() else { return 0 };
    let n = s.length().unwrap_or(0);
    let units = |t: &str| t.encode_utf16().count();
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("sotay."))
        .map(|k| 2 * (units(&k) + get(&k).map(|v| units(&v)).unwrap_or(0)))
        .sum()
}

/// Asks the browser to keep our storage; Some(true) when it agreed.
pub async fn persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let p = storage.persist().ok()?;
    let v = wasm_bindgen_futures::JsFuture::from(p).await.ok()?;
    v.as_bool()
}

/// (used, quota) in bytes, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let p = storage.estimate().ok()?;
    let v = wasm_bindgen_futures::JsFuture::from(p).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok().and_then(|x| x.as_f64());
    Some((get("usage")?, get("quota")?))
}

/// The storage key other tabs write; `storage` events for it mean another tab saved.
pub fn is_state_key(key: Option<String>) -> bool {
    key.as_deref() == Some(KEY)
}

/// A random id for this device, made once.
pub fn new_device_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    (0..8).map(|_| ALPHABET[(js_sys::Math::random() * 32.0) as usize % 32] as char).collect()
}

const UNDO_KEY: &str = "sotay.undo";

/// Keeps the state from before an import, with the fingerprint right after it.
pub fn save_undo(before: &State, fingerprint_after: &str, now_ms: i64) -> Result<(), String> {
    let text = format!("{fingerprint_after}\n{}", stored::encode(before, now_ms));
    put(UNDO_KEY, &text)
}

/// The state from before the last import, if the data has not changed since it.
pub fn read_undo(current_fingerprint: &str, embedded: &Programme) -> Option<State> {
    let text = get(UNDO_KEY)?;
    let (fp, body) = text.split_once('\n')?;
    if fp != current_fingerprint {
        // The data changed since the import: the copy can never be used again.
        clear_undo();
        return None;
    }
    stored::decode(body, embedded).ok()
}

pub fn clear_undo() {
    if let Some(s) = raw() {
        let _ = s.remove_item(UNDO_KEY);
    }
}
