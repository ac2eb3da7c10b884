//! The only code that touches browser storage, and the runner of the effects
//! the core's workflows ask for (backups, the undo copy, generations).
//!
//! localStorage holds the current state (`sotay.state`), up to five backups
//! (`sotay.backup.0-4`), the undo copy of the last import (`sotay.undo`),
//! damaged text kept aside (`sotay.damaged`) and the header the page shows
//! before the app starts (`sotay.frame`). Backups and the undo copy are
//! gzip-compressed by the browser's own CompressionStream (see `page.js`):
//! each then takes about a tenth of the state, so a large commune's data and
//! its copies fit. Every write of the state is read back and compared.
//! Stored text that fails to parse is never overwritten.

use crate::core::error::StorageError;
use crate::core::programme::Programme;
use crate::core::screen::settings::BackupInfo;
use crate::core::screen::shell::LoadProblem;
use crate::core::state::State;
use crate::core::stored::{self, DecodeError};
use crate::core::workflow::{BackupFailed, Effect, UndoCopy, Workflow};
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

const KEY: &str = "sotay.state";
const BACKUP_PREFIX: &str = "sotay.backup.";
const DAMAGED_KEY: &str = "sotay.damaged";
const UNDO_KEY: &str = "sotay.undo";
const FRAME_KEY: &str = "sotay.frame";
const BACKUP_SLOTS: usize = 5;
/// The head of a compressed copy: `gz1;<saved ms>;<hash of the text>;<base64>`.
const GZ: &str = "gz1;";

thread_local! {
    /// The text this tab last wrote or read, to tell another tab's write from ours.
    static LAST_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Set when nothing may be written over what is stored (see `StorageError`).
    static HOLD: RefCell<Option<StorageError>> = const { RefCell::new(None) };
    /// The generation this tab's data belongs to (see `stored::Stored`).
    static GENERATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// localStorage, or None where the browser disables it (gloo's own accessor
/// panics there, so availability is checked first).
fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()?;
    Some(LocalStorage::raw())
}

fn get(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

fn remove(key: &str) {
    LocalStorage::delete(key);
}

/// Writes and reads back.
fn put(key: &str, text: &str) -> Result<(), StorageError> {
    let s = raw().ok_or(StorageError::Unavailable)?;
    if let Err(e) = s.set_item(key, text) {
        let name = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
        return Err(if name.contains("Quota") { StorageError::Full } else { StorageError::Refused });
    }
    match s.get_item(key) {
        Ok(Some(back)) if back == text => Ok(()),
        _ => Err(StorageError::Mismatch),
    }
}

/// Writes; when storage is full (and only then) gives up the undo copy, then
/// the oldest backups one by one, always keeping the newest, and tries
/// again. The current data matters more than old copies of it.
fn put_making_room(key: &str, text: &str) -> Result<(), StorageError> {
    let mut result = put(key, text);
    if result == Err(StorageError::Full) && key != UNDO_KEY && get(UNDO_KEY).is_some() {
        drop_undo();
        result = put(key, text);
    }
    while result == Err(StorageError::Full) {
        let list = backups();
        let Some(oldest) = list.iter().skip(1).rev().find(|b| b.key != key) else { break };
        remove(&oldest.key);
        result = put(key, text);
    }
    result
}

/// How loading went.
pub enum Loaded {
    /// Nothing stored yet: a new phone.
    Fresh(State),
    Ok(State),
    /// Something was wrong with the stored text; the state to start from.
    Problem(State, LoadProblem),
}

/// Loads the state, recovering from damage without overwriting anything
/// unreadable. `embedded` makes the default programme, only when needed.
pub async fn load(embedded: &dyn Fn() -> Programme, fresh: impl FnOnce() -> State) -> Loaded {
    let Some(text) = get(KEY) else {
        return Loaded::Fresh(fresh());
    };
    match stored::decode_stored(&text, embedded) {
        Ok(s) => {
            GENERATION.with(|g| *g.borrow_mut() = s.generation);
            LAST_TEXT.with(|t| *t.borrow_mut() = Some(text));
            Loaded::Ok(s.state)
        }
        Err(DecodeError::Newer(_)) => {
            HOLD.with(|h| *h.borrow_mut() = Some(StorageError::Newer));
            Loaded::Problem(fresh(), LoadProblem::Newer)
        }
        Err(why) => {
            // Keep the damaged text aside before anything else is written;
            // when even that fails, write nothing over it.
            let kept_aside = put_making_room(DAMAGED_KEY, &text).is_ok();
            if kept_aside {
                // Safe aside: the recovered state may now be saved in its place.
                LAST_TEXT.with(|t| *t.borrow_mut() = Some(text.clone()));
            } else {
                HOLD.with(|h| *h.borrow_mut() = Some(StorageError::DamagedHeld));
            }
            for b in backups() {
                if let Ok(state) = read_backup(&b.key, embedded).await {
                    return Loaded::Problem(state, LoadProblem::Damaged { why, kept_aside, restored_ms: Some(b.saved_ms) });
                }
            }
            Loaded::Problem(fresh(), LoadProblem::Damaged { why, kept_aside, restored_ms: None })
        }
    }
}

/// Result of a save.
pub enum Saved {
    /// Nothing to write, or written and verified.
    Ok,
    /// Another tab had written; here is its text, to take in and save again.
    Other(String),
    Failed(StorageError),
}

/// Saves the state, unless another tab wrote since we last read (then its
/// text is returned to be taken in first, so neither overwrites the other).
pub fn save(state: &State, now_ms: i64) -> Saved {
    if let Some(e) = HOLD.with(|h| h.borrow().clone()) {
        return Saved::Failed(e);
    }
    let stored_now = get(KEY);
    let last = LAST_TEXT.with(|t| t.borrow().clone());
    if let Some(s) = &stored_now {
        if Some(s) != last.as_ref() {
            // Not marked as seen here: only text that was read and taken in
            // is (mark_seen), so unreadable text stops every save, not just one.
            return Saved::Other(s.clone());
        }
    }
    let generation = GENERATION.with(|g| g.borrow().clone());
    let text = stored::encode_generation(state, now_ms, generation.as_deref());
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
        s.find("\"generation\":").or_else(|| s.find("\"state\":")).map(|i| &s[i..]).unwrap_or(s)
    }
    body(a) == body(b)
}

/// What another tab saved, read.
pub enum OtherTab {
    /// The same generation: merge it.
    Merge(State),
    /// Another generation (the other tab went back): take it, after keeping
    /// aside what this tab wrote since `base`, the data it last saw.
    Follow { theirs: State, base: State },
}

/// Reads text another tab saved. An unreadable one stops every save here.
pub fn read_other(text: &str, embedded: &dyn Fn() -> Programme) -> Result<OtherTab, StorageError> {
    let other = stored::decode_stored(text, embedded).map_err(|e| match e {
        DecodeError::Newer(_) => StorageError::Newer,
        e => StorageError::OtherTab(e),
    })?;
    let ours = GENERATION.with(|g| g.borrow().clone());
    if other.generation == ours {
        return Ok(OtherTab::Merge(other.state));
    }
    let last = LAST_TEXT.with(|t| t.borrow().clone()).unwrap_or_default();
    let base = stored::decode(&last, embedded).unwrap_or_else(|_| other.state.clone());
    GENERATION.with(|g| *g.borrow_mut() = other.generation);
    Ok(OtherTab::Follow { theirs: other.state, base })
}

/// Marks text received from another tab as seen (taken in).
pub fn mark_seen(text: &str) {
    LAST_TEXT.with(|t| *t.borrow_mut() = Some(text.to_string()));
}

/// The stored state's text as it is now (for measurements; nothing is written).
pub fn current_text() -> Option<String> {
    get(KEY)
}

/// Backups, newest first, without reading their contents.
pub fn backups() -> Vec<BackupInfo> {
    let mut v: Vec<BackupInfo> = (0..BACKUP_SLOTS)
        .filter_map(|i| {
            let key = format!("{BACKUP_PREFIX}{i}");
            let text = get(&key)?;
            let saved_ms = match compressed_head(&text) {
                Some((ms, _, _)) => ms,
                // Written uncompressed by an earlier version of the app.
                None => stored::saved_ms(&text).unwrap_or(0),
            };
            Some(BackupInfo { key, saved_ms, bytes: 2 * text.encode_utf16().count() })
        })
        .collect();
    crate::core::sort_by(&mut v, |a, b| b.saved_ms.cmp(&a.saved_ms));
    v
}

/// (saved ms, hash, base64) of a compressed copy.
fn compressed_head(text: &str) -> Option<(i64, &str, &str)> {
    let rest = text.strip_prefix(GZ)?;
    let mut parts = rest.splitn(3, ';');
    Some((parts.next()?.parse().ok()?, parts.next()?, parts.next()?))
}

/// A short hash of stored text, to tell whether a backup holds it already.
fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The text as stored for a backup or the undo copy: compressed when the
/// browser can, else as it is.
async fn pack(text: &str, saved_ms: i64) -> String {
    match call_page("sotayGzip", text).await {
        Some(b64) => format!("{GZ}{saved_ms};{};{b64}", hash(text)),
        None => text.to_string(),
    }
}

/// The text of a backup or undo copy, compressed or not.
async fn unpack(stored: &str) -> Option<String> {
    match compressed_head(stored) {
        Some((_, _, b64)) => call_page("sotayGunzip", b64).await,
        None => Some(stored.to_string()),
    }
}

/// Calls one of the page script's promise-returning helpers (page.js) with
/// one string; None when it is missing or fails.
async fn call_page(name: &str, arg: &str) -> Option<String> {
    let f = js_sys::Reflect::get(&web_sys::window()?.into(), &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise: js_sys::Promise = f.call1(&JsValue::NULL, &JsValue::from_str(arg)).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// Keeps a backup of stored text, in an empty slot or over the oldest.
async fn push_backup(text: &str, saved_ms: i64) -> Result<(), StorageError> {
    let used = backups();
    let slot = (0..BACKUP_SLOTS)
        .map(|i| format!("{BACKUP_PREFIX}{i}"))
        .find(|k| !used.iter().any(|b| &b.key == k))
        .unwrap_or_else(|| used.last().map(|b| b.key.clone()).unwrap_or_else(|| format!("{BACKUP_PREFIX}0")));
    let packed = pack(text, saved_ms).await;
    put_making_room(&slot, &packed)
}

/// A backup of this session's starting point, unless the newest one holds it.
pub async fn backup_start(now_ms: i64) {
    let Some(text) = LAST_TEXT.with(|t| t.borrow().clone()) else { return };
    // Started from damaged text (kept aside, a backup restored): that text
    // is no starting point to back up, and would push out a good backup.
    if damaged().as_deref() == Some(text.as_str()) {
        return;
    }
    let newest = backups().into_iter().next().and_then(|b| get(&b.key));
    let held = newest.as_deref().is_some_and(|n| match compressed_head(n) {
        Some((_, h, _)) => h == hash(&text),
        None => n == text,
    });
    if !held {
        let _ = push_backup(&text, now_ms).await;
    }
}

/// Reads one backup.
pub async fn read_backup(key: &str, embedded: &dyn Fn() -> Programme) -> Result<State, String> {
    let packed = get(key).ok_or("Không tìm thấy bản sao lưu này.")?;
    let text = unpack(&packed).await.ok_or("Không giải nén được bản sao lưu này.")?;
    stored::decode(&text, embedded).map_err(|e| e.to_string())
}

/// The damaged text kept aside, if any.
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

/// The fingerprint the undo copy was kept with, if there is one.
pub fn undo_fingerprint() -> Option<String> {
    get(UNDO_KEY).and_then(|t| t.split_once('\n').map(|(fp, _)| fp.to_string()))
}

/// The undo copy of the last import.
pub async fn read_undo(embedded: &dyn Fn() -> Programme) -> Option<UndoCopy> {
    let text = get(UNDO_KEY)?;
    let (fp, body) = text.split_once('\n')?;
    let before = stored::decode(&unpack(body).await?, embedded).ok()?;
    Some(UndoCopy { fingerprint_after: fp.to_string(), before })
}

fn drop_undo() {
    remove(UNDO_KEY);
}

/// Runs a workflow's effects in order. A failed backup stops it there:
/// the caller then keeps the state as it was.
pub async fn run(effects: &[Effect], what: Workflow, now_ms: i64) -> Result<(), BackupFailed> {
    for e in effects {
        match e {
            Effect::Backup(state) => push_backup(&stored::encode(state, now_ms), now_ms)
                .await
                .map_err(|e| BackupFailed { what, why: e.to_string() })?,
            Effect::KeepUndo { before, fingerprint_after } => {
                // Best effort: without room for it, the import simply cannot be undone.
                let packed = pack(&stored::encode(before, now_ms), now_ms).await;
                if put(UNDO_KEY, &format!("{fingerprint_after}\n{packed}")).is_err() {
                    drop_undo();
                }
            }
            Effect::DropUndo => drop_undo(),
            Effect::NewGeneration => {
                let id = format!("{}-{}", new_device_id(), now_ms);
                GENERATION.with(|g| *g.borrow_mut() = Some(id));
            }
        }
    }
    Ok(())
}

/// The header shown before the app starts (read by page.js on the next load).
#[derive(serde::Serialize)]
pub struct Frame<'a> {
    pub title: &'a str,
    pub sub: &'a str,
}

/// Keeps the header for the next start; nothing depends on it.
pub fn keep_frame(frame: &Frame) {
    let _ = LocalStorage::set(FRAME_KEY, frame);
}

const KEPT_KEY: &str = "sotay.kept";

/// Keeps aside, for this tab only, what it wrote before another tab went
/// back (see `workflow::follow_generation`): the share screen, on either
/// page, offers it as an import.
pub fn set_kept(book: &crate::core::book::Book) {
    let _ = gloo_storage::SessionStorage::set(KEPT_KEY, book);
}

/// What is kept aside, if anything.
pub fn kept() -> Option<crate::core::book::Book> {
    gloo_storage::SessionStorage::get(KEPT_KEY).ok()
}

pub fn clear_kept() {
    gloo_storage::SessionStorage::delete(KEPT_KEY);
}
