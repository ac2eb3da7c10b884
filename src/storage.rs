//! The only code that touches browser storage, and the runner of the effects
//! the core's workflows ask for (backups, the undo copy, generations).
//!
//! localStorage holds the current state (`sotay.state`), the header the
//! page shows before the app starts (`sotay.frame`) and the programme draft
//! being edited (`sotay.draft`): a commune of 60 areas at the end of its
//! term takes half of Chromium's 5 Mi-character limit, so nothing else
//! large goes there. Its copies (up to five backups, the undo
//! copy of the last import, damaged text kept aside) live in IndexedDB,
//! gzip-compressed by the browser (`sotayCopies` in page.js: a few lines of
//! JavaScript instead of a wrapper crate in the first load's wasm). Every
//! write, of the state or of a copy, is read back and compared. Stored text
//! that fails to parse is never overwritten. Copies an earlier version kept
//! in localStorage (`sotay.backup.N`, `sotay.undo`, `sotay.damaged`) move to
//! IndexedDB at start.

use crate::core::json;
use crate::core::error::StorageError;
use crate::core::programme::Programme;
use crate::core::screen::shell::LoadProblem;
use crate::core::state::State;
use crate::core::stored::{self, BackupInfo, DecodeError, BACKUP_PREFIX};
use crate::core::workflow::{BackupFailed, Effect, UndoCopy, Workflow};
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

const KEY: &str = "sotay.state";
const FRAME_KEY: &str = "sotay.frame";
/// Copies in IndexedDB: the backups (`stored::BACKUP_PREFIX`), `undo`, `damaged`.
const UNDO: &str = "undo";
const DAMAGED: &str = "damaged";
/// Where an earlier version of the app kept its copies, in localStorage.
const LEGACY: [(&str, &str); 7] = [
    ("sotay.backup.0", "backup.0"),
    ("sotay.backup.1", "backup.1"),
    ("sotay.backup.2", "backup.2"),
    ("sotay.backup.3", "backup.3"),
    ("sotay.backup.4", "backup.4"),
    ("sotay.undo", UNDO),
    ("sotay.damaged", DAMAGED),
];

thread_local! {
    /// The text this tab last wrote or read, to tell another tab's write from ours.
    static LAST_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The same text as the JavaScript string this tab wrote, when it has
    /// one (see [`set_last`]): before each save, what localStorage holds is
    /// compared with it in JavaScript, instead of being copied into the wasm
    /// and compared with `LAST_TEXT` (megabytes for a large commune).
    static LAST_JS: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// Set when nothing may be written over what is stored (see `StorageError`).
    static HOLD: RefCell<Option<StorageError>> = const { RefCell::new(None) };
    /// The generation this tab's data belongs to (see `stored::Stored`).
    static GENERATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// localStorage, or None where the browser disables it (reaching it then
/// throws; every access goes through here, so the app keeps running and
/// says that it cannot save).
fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

#[wasm_bindgen]
extern "C" {
    /// localStorage with values left as JavaScript strings.
    type JsStorage;
    /// `Storage.getItem`, the value left a JavaScript string (or null).
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &JsStorage, key: &str) -> Result<JsValue, JsValue>;
    /// `Storage.setItem` with a JavaScript string already made.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &JsStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;
}

/// What `key` holds, as a JavaScript string; None when nothing (or no storage).
fn get_js(key: &str) -> Option<JsValue> {
    raw()?.unchecked_ref::<JsStorage>().get_item_js(key).ok().filter(|v| v.is_string())
}

/// What this tab last wrote or read: the text, and the JavaScript string
/// holding the same text when there is one.
fn set_last(text: Option<String>, js: Option<JsValue>) {
    LAST_TEXT.with(|t| *t.borrow_mut() = text);
    LAST_JS.with(|l| *l.borrow_mut() = js);
}

fn remove(key: &str) {
    if let Some(s) = raw() {
        let _ = s.remove_item(key);
    }
}

/// sessionStorage, or None where the browser disables it (as [`raw`]).
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Writes and reads back; returns the JavaScript string written. The
/// comparison runs in JavaScript (`===`), with no copy back into the wasm.
fn put(key: &str, text: &str) -> Result<JsValue, StorageError> {
    let s = raw().ok_or(StorageError::Unavailable)?;
    let s = s.unchecked_ref::<JsStorage>();
    let value = JsValue::from_str(text);
    if let Err(e) = s.set_item_js(key, &value) {
        let name = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
        return Err(if name.contains("Quota") { StorageError::Full } else { StorageError::Refused });
    }
    match s.get_item_js(key) {
        Ok(back) if back == value => Ok(value),
        _ => Err(StorageError::Mismatch),
    }
}

/// Writes the state; when storage is full (and only then) moves out copies
/// an earlier version of the app kept beside it, and tries again.
fn put_making_room(key: &str, text: &str) -> Result<JsValue, StorageError> {
    let result = put(key, text);
    if !matches!(result, Err(StorageError::Full)) || !LEGACY.iter().any(|(k, _)| get(k).is_some()) {
        return result;
    }
    for (k, _) in LEGACY {
        if k != "sotay.damaged" {
            remove(k);
        }
    }
    put(key, text)
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
            set_last(Some(text), None);
            Loaded::Ok(s.state)
        }
        Err(DecodeError::Newer(_)) => {
            HOLD.with(|h| *h.borrow_mut() = Some(StorageError::Newer));
            Loaded::Problem(fresh(), LoadProblem::Newer)
        }
        Err(why) => {
            // Keep the damaged text aside before anything else is written;
            // when even that fails, write nothing over it.
            let kept_aside = put_copy(DAMAGED, &text, 0, &hash(&text), 0).await.is_ok();
            if kept_aside {
                // Safe aside: the recovered state may now be saved in its place.
                set_last(Some(text.clone()), None);
            } else {
                HOLD.with(|h| *h.borrow_mut() = Some(StorageError::DamagedHeld));
            }
            for b in backups().await {
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
    /// Written and verified.
    Written,
    /// Storage already held this state: nothing written.
    Unchanged,
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
    let stored_now = get_js(KEY);
    if let Some(js) = &stored_now {
        // Ours when it is the very string we wrote (compared in JavaScript);
        // else read it and compare it with the text we last read or wrote.
        if !LAST_JS.with(|l| l.borrow().as_ref() == Some(js)) {
            let s = js.as_string().unwrap_or_default();
            if !LAST_TEXT.with(|t| t.borrow().as_deref() == Some(s.as_str())) {
                // Not marked as seen here: only text that was read and taken in
                // is (mark_seen), so unreadable text stops every save, not just one.
                return Saved::Other(s);
            }
            LAST_JS.with(|l| *l.borrow_mut() = Some(js.clone()));
        }
    }
    let generation = GENERATION.with(|g| g.borrow().clone());
    let text = stored::encode_generation(state, now_ms, generation.as_deref());
    // Storage holds what we last read or wrote (checked above): unchanged
    // when that is this state, apart from the save time.
    if stored_now.is_some() && LAST_TEXT.with(|t| t.borrow().as_deref().is_some_and(|old| same_state(old, &text))) {
        return Saved::Unchanged;
    }
    match put_making_room(KEY, &text) {
        Ok(js) => {
            set_last(Some(text), Some(js));
            Saved::Written
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
// Made once per save in another tab and taken apart at once: boxing the
// states would only add allocations.
#[allow(clippy::large_enum_variant)]
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
    set_last(Some(text.to_string()), None);
}

/// A copy as page.js lists it.
struct CopyMeta {
    key: String,
    saved_ms: i64,
    /// The text's hash (backups) or the fingerprint after an import (undo).
    tag: Option<String>,
    /// The backups' order (see `BackupInfo::seq`); none on copies an earlier version kept.
    seq: u64,
    bytes: usize,
}

impl json::Read for CopyMeta {
    fn read(n: &json::Node) -> Result<CopyMeta, json::Fault> {
        let f = json::Fields::of(n)?;
        Ok(CopyMeta { key: f.req("key")?, saved_ms: f.req("saved_ms")?, tag: f.opt("tag")?, seq: f.def("seq")?, bytes: f.req("bytes")? })
    }
}

/// Calls `window.sotayCopies[method](...args)` (page.js): a promise of a string or null.
async fn copies(method: &str, args: &[JsValue]) -> Option<String> {
    let api = js_sys::Reflect::get(&web_sys::window()?.into(), &"sotayCopies".into()).ok()?;
    let f = js_sys::Reflect::get(&api, &method.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise: js_sys::Promise = f.apply(&api, &args.iter().collect::<js_sys::Array>()).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// Every copy kept, or None when the browser has no IndexedDB here.
async fn list() -> Option<Vec<CopyMeta>> {
    json::from_str::<Option<Vec<CopyMeta>>>(&copies("list", &[]).await?).ok().flatten()
}

/// Keeps a copy, compressed, and reads it back.
async fn put_copy(key: &str, text: &str, saved_ms: i64, tag: &str, seq: u64) -> Result<(), StorageError> {
    let args = [key.into(), text.into(), JsValue::from_f64(saved_ms as f64), tag.into(), JsValue::from_f64(seq as f64)];
    match copies("put", &args).await {
        Some(name) if name.is_empty() => Ok(()),
        // No answer: page.js's store is not there (nor, then, any copy).
        None => Err(StorageError::Unavailable),
        Some(name) if name.contains("Quota") => Err(StorageError::Full),
        Some(name) if name == "Mismatch" => Err(StorageError::Mismatch),
        Some(_) if list().await.is_none() => Err(StorageError::Unavailable),
        Some(_) => Err(StorageError::Refused),
    }
}

async fn remove_copy(key: &str) {
    let _ = copies("remove", &[key.into()]).await;
}

/// Backups, newest first, without reading their contents.
pub async fn backups() -> Vec<BackupInfo> {
    let mut v: Vec<BackupInfo> = list()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.key.starts_with(BACKUP_PREFIX))
        .map(|c| BackupInfo { key: c.key, saved_ms: c.saved_ms, seq: c.seq, bytes: c.bytes })
        .collect();
    stored::newest_first(&mut v);
    v
}

/// A short hash of stored text, to tell whether a backup holds it already.
fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Keeps a backup of stored text where `stored::next_backup` says (an empty
/// slot or over the one taken first). When the browser's storage is full
/// (and only then), older backups and the undo copy make room; the newest
/// backup is always kept.
async fn push_backup(text: &str, saved_ms: i64) -> Result<(), StorageError> {
    let (slot, seq) = stored::next_backup(&backups().await);
    let tag = hash(text);
    let mut result = put_copy(&slot, text, saved_ms, &tag, seq).await;
    if result == Err(StorageError::Full) {
        remove_copy(UNDO).await;
        result = put_copy(&slot, text, saved_ms, &tag, seq).await;
    }
    while result == Err(StorageError::Full) {
        let list = backups().await;
        let Some(oldest) = list.iter().skip(1).rev().find(|b| b.key != slot) else { break };
        remove_copy(&oldest.key).await;
        result = put_copy(&slot, text, saved_ms, &tag, seq).await;
    }
    result
}

/// At start: moves copies an earlier version kept in localStorage to
/// IndexedDB, then takes a backup of this session's starting point unless
/// the newest one holds it.
pub async fn backup_start(now_ms: i64) {
    for (old, key) in LEGACY {
        let Some(text) = get(old) else { continue };
        let (tag, body) = match key {
            UNDO => text.split_once('\n').map(|(fp, b)| (fp.to_string(), b.to_string())).unwrap_or_default(),
            _ => (hash(&text), text.clone()),
        };
        let saved = stored::saved_ms(&body).unwrap_or(now_ms);
        if !body.is_empty() && put_copy(key, &body, saved, &tag, 0).await.is_ok() {
            remove(old);
        }
    }
    let Some(text) = LAST_TEXT.with(|t| t.borrow().clone()) else { return };
    let tag = hash(&text);
    let copies = list().await.unwrap_or_default();
    // Started from damaged text (kept aside, a backup restored): that text
    // is no starting point to back up, and would push out a good backup.
    if copies.iter().any(|c| c.key == DAMAGED && c.tag.as_deref() == Some(tag.as_str())) {
        return;
    }
    let held = copies.into_iter().filter(|c| c.key.starts_with(BACKUP_PREFIX)).max_by_key(|c| (c.seq, c.saved_ms));
    if held.is_none_or(|c| c.tag.as_deref() != Some(tag.as_str())) {
        let _ = push_backup(&text, now_ms).await;
    }
}

/// Reads one backup.
pub async fn read_backup(key: &str, embedded: &dyn Fn() -> Programme) -> Result<State, String> {
    let text = copies("get", &[key.into()]).await.ok_or("Không đọc được bản sao lưu này.")?;
    stored::decode(&text, embedded).map_err(|e| e.to_string())
}

/// The damaged text kept aside, if any.
pub async fn damaged() -> Option<String> {
    copies("get", &[DAMAGED.into()]).await
}

/// Bytes the copies take in IndexedDB (compressed).
pub async fn copies_bytes() -> usize {
    list().await.unwrap_or_default().iter().map(|c| c.bytes).sum()
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
pub async fn undo_fingerprint() -> Option<String> {
    list().await?.into_iter().find(|c| c.key == UNDO)?.tag
}

/// The undo copy of the last import.
pub async fn read_undo(embedded: &dyn Fn() -> Programme) -> Option<UndoCopy> {
    let fingerprint_after = undo_fingerprint().await?;
    let before = stored::decode(&copies("get", &[UNDO.into()]).await?, embedded).ok()?;
    Some(UndoCopy { fingerprint_after, before })
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
                if put_copy(UNDO, &stored::encode(before, now_ms), now_ms, fingerprint_after, 0).await.is_err() {
                    remove_copy(UNDO).await;
                }
            }
            Effect::DropUndo => remove_copy(UNDO).await,
            Effect::NewGeneration => {
                let id = format!("{}-{}", new_device_id(), now_ms);
                GENERATION.with(|g| *g.borrow_mut() = Some(id));
            }
        }
    }
    Ok(())
}

/// The header shown before the app starts (read by page.js on the next load).
pub struct Frame<'a> {
    pub title: &'a str,
    pub sub: &'a str,
}

/// Keeps the header for the next start; nothing depends on it.
pub fn keep_frame(frame: &Frame) {
    if let Some(s) = raw() {
        let mut text = String::new();
        json::Obj::new(&mut text).f("title", frame.title).f("sub", frame.sub).end();
        let _ = s.set_item(FRAME_KEY, &text);
    }
}

const KEPT_KEY: &str = "sotay.kept";

/// Keeps aside, for this tab only, what it wrote before another tab went
/// back (see `workflow::follow_generation`): the share screen, on either
/// page, offers it as an import.
pub fn set_kept(book: &crate::core::book::Book) {
    if let Some(s) = session() {
        let _ = s.set_item(KEPT_KEY, &json::to_string(book));
    }
}

/// What is kept aside, if anything.
pub fn kept() -> Option<crate::core::book::Book> {
    json::from_str(&session()?.get_item(KEPT_KEY).ok()??).ok()
}

pub fn clear_kept() {
    if let Some(s) = session() {
        let _ = s.remove_item(KEPT_KEY);
    }
}

const DRAFT_KEY: &str = "sotay.draft";

/// Keeps the programme draft being edited (its text), so a reload or a
/// closed tab loses nothing; written and read back like the state.
pub fn keep_draft(text: &str) -> Result<(), StorageError> {
    put(DRAFT_KEY, text).map(drop)
}

/// The programme draft kept, if any.
pub fn draft() -> Option<String> {
    get(DRAFT_KEY)
}

pub fn drop_draft() {
    remove(DRAFT_KEY);
}
