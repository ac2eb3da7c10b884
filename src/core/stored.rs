//! What the app keeps in the browser's storage: the state inside a small
//! envelope that names its schema version, and the migrations from older ones.
//!
//! Schema history:
//! - 1: the first development builds. The programme was not stored, only its
//!   id (always the embedded default); units and records sat at the top level.
//! - 2: the programme is stored with the data, so a commune can load its own.
//!   The envelope may name a `generation`: it changes when a tab goes back
//!   (undo, restore), so that other tabs take the data instead of merging.

use super::book::Book;
use super::json::{self, Fault, Fields, Obj, Refusal};
use super::programme::Programme;
use super::state::State;

pub const SCHEMA: u32 = 2;

/// Stored data as read: the state and the generation it was saved under.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub state: State,
    pub generation: Option<String>,
}

pub use super::error::{Damage, DecodeError};

/// Where a text stopped being readable, as a line and column.
fn damage(text: &str, refusal: Refusal) -> DecodeError {
    DecodeError::Damaged(match refusal {
        Refusal::Syntax { at } => {
            let (line, column) = json::line_col(text, at);
            Damage::Text { line, column }
        }
        Refusal::Shape(Fault { at, reason }) => {
            let (line, column) = json::line_col(text, at);
            Damage::Shape { line, column, reason }
        }
    })
}

pub fn encode(state: &State, saved_ms: i64) -> String {
    encode_generation(state, saved_ms, None)
}

/// The stored text of a state, saved under a generation (see [`Stored`]).
pub fn encode_generation(state: &State, saved_ms: i64, generation: Option<&str>) -> String {
    let mut out = String::new();
    Obj::new(&mut out).f("schema", &SCHEMA).f("saved_ms", &saved_ms).some("generation", &generation).f("state", state).end();
    out
}

/// Reads stored text of any known schema. `embedded` gives the app's
/// default programme, which schema 1 referred to by id (only then is it made).
pub fn decode(text: &str, embedded: &dyn Fn() -> Programme) -> Result<State, DecodeError> {
    decode_stored(text, embedded).map(|s| s.state)
}

/// [`decode`], with the generation.
pub fn decode_stored(text: &str, embedded: &dyn Fn() -> Programme) -> Result<Stored, DecodeError> {
    let root = json::parse(text).map_err(|e| damage(text, Refusal::Syntax { at: e.at }))?;
    let shape = |fault: Fault| damage(text, Refusal::Shape(fault));
    let f = Fields::of(&root).map_err(shape)?;
    let mut stored = match f.req::<u32>("schema").map_err(shape)? {
        SCHEMA => (|| -> Result<_, Fault> { Ok(Stored { state: f.req("state")?, generation: f.opt("generation")? }) })().map_err(shape)?,
        1 => {
            let v1 = || -> Result<(String, _, _, _), Fault> { Ok((f.req("programme_id")?, f.req("units")?, f.req("records")?, f.req("local")?)) };
            let (id, units, records, local) = v1().map_err(shape)?;
            let programme = embedded();
            if id != programme.id {
                return Err(DecodeError::Damaged(Damage::ProgrammeGone(id)));
            }
            Stored { state: State { book: Book { programme, units, records }, local }, generation: None }
        }
        v if v > SCHEMA => return Err(DecodeError::Newer(v)),
        v => return Err(DecodeError::Damaged(Damage::UnknownSchema(v))),
    };
    let book = &mut stored.state.book;
    for u in book.units.values_mut() {
        if u.versions.is_empty() {
            return Err(DecodeError::Damaged(Damage::NoVersions { record: false, id: u.id.clone() }));
        }
        u.versions.normalise();
    }
    for r in book.records.values_mut() {
        if r.versions.is_empty() {
            return Err(DecodeError::Damaged(Damage::NoVersions { record: true, id: r.id.clone() }));
        }
        r.versions.normalise();
    }
    Ok(stored)
}

/// Copies of the stored text in the browser's second store: `backup.0`
/// to `backup.4`, rolled over one session after another.
pub const BACKUP_PREFIX: &str = "backup.";
pub const BACKUP_SLOTS: usize = 5;

/// A backup as storage lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub key: String,
    /// The phone's clock when it was taken: shown, never used to order.
    pub saved_ms: i64,
    /// The order backups were taken in, counting up from 1 (0: a backup an
    /// earlier version kept, older than every numbered one). A phone's clock
    /// can be set back (a date reset): by it, a new backup would look older
    /// than the old ones, and the next would be written over it.
    pub seq: u64,
    /// Bytes it takes in storage.
    pub bytes: usize,
}

/// Sorts backups newest first: by the order they were taken, then (among
/// those an earlier version kept) by the time they were saved.
pub fn newest_first(list: &mut Vec<BackupInfo>) {
    super::sort_by(list, |a, b| (b.seq, b.saved_ms).cmp(&(a.seq, a.saved_ms)));
}

/// Where the next backup goes and its number: the first empty slot, else
/// over the backup taken first.
pub fn next_backup(list: &[BackupInfo]) -> (String, u64) {
    let seq = list.iter().map(|b| b.seq).max().unwrap_or(0) + 1;
    let key = (0..BACKUP_SLOTS)
        .map(|i| format!("{BACKUP_PREFIX}{i}"))
        .find(|k| !list.iter().any(|b| &b.key == k))
        .or_else(|| list.iter().min_by_key(|b| (b.seq, b.saved_ms)).map(|b| b.key.clone()))
        .unwrap_or_else(|| format!("{BACKUP_PREFIX}0"));
    (key, seq)
}

/// The time an envelope was saved, for listing backups.
pub fn saved_ms(text: &str) -> Option<i64> {
    let root = json::parse(text).ok()?;
    Fields::of(&root).ok()?.opt::<i64>("saved_ms").ok()?
}
