//! What the app keeps in the browser's storage: the state inside a small
//! envelope that names its schema version, and the migrations from older ones.
//!
//! Schema history:
//! - 1: the first development builds. The programme was not stored, only its
//!   id (always the embedded default); units and records sat at the top level.
//! - 2: the programme is stored with the data, so a commune can load its own.
//!   The envelope may name a `generation`: it changes when a tab goes back
//!   (undo, restore), so that other tabs take the data instead of merging.

use super::book::{Book, Record, Unit};
use std::collections::BTreeMap;
use super::programme::Programme;
use super::state::{Local, State};
use serde::{Deserialize, Serialize};

pub const SCHEMA: u32 = 2;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    saved_ms: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    generation: Option<&'a str>,
    state: &'a State,
}

#[derive(Deserialize)]
struct Head {
    schema: u32,
}

#[derive(Deserialize)]
struct EnvelopeV2 {
    schema: u32,
    #[serde(default)]
    generation: Option<String>,
    state: State,
}

/// Stored data as read: the state and the generation it was saved under.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub state: State,
    pub generation: Option<String>,
}

#[derive(Deserialize)]
struct EnvelopeV1 {
    programme_id: String,
    units: BTreeMap<String, Unit>,
    records: BTreeMap<String, Record>,
    local: Local,
}

pub use super::error::{Damage, DecodeError};

/// A parse error as numbers, with our own reason when we gave one.
fn damage(e: serde_json::Error) -> DecodeError {
    let (line, column) = (e.line(), e.column());
    DecodeError::Damaged(match e.classify() {
        serde_json::error::Category::Data => Damage::Shape { line, column, reason: super::take_problem() },
        _ => Damage::Text { line, column },
    })
}

pub fn encode(state: &State, saved_ms: i64) -> String {
    encode_generation(state, saved_ms, None)
}

/// The stored text of a state, saved under a generation (see [`Stored`]).
pub fn encode_generation(state: &State, saved_ms: i64, generation: Option<&str>) -> String {
    serde_json::to_string(&EnvelopeOut { schema: SCHEMA, saved_ms, generation, state }).expect("state serialises")
}

/// Reads stored text of any known schema. `embedded` gives the app's
/// default programme, which schema 1 referred to by id (only then is it made).
pub fn decode(text: &str, embedded: &dyn Fn() -> Programme) -> Result<State, DecodeError> {
    decode_stored(text, embedded).map(|s| s.state)
}

/// [`decode`], with the generation.
pub fn decode_stored(text: &str, embedded: &dyn Fn() -> Programme) -> Result<Stored, DecodeError> {
    super::take_problem();
    // One pass for the current schema; the head alone only when that fails.
    let (mut state, generation) = match serde_json::from_str::<EnvelopeV2>(text) {
        Ok(e) if e.schema == SCHEMA => (e.state, e.generation),
        first => {
            let head: Head = serde_json::from_str(text).map_err(damage)?;
            match head.schema {
                1 => (migrate_v1(text, &embedded())?, None),
                v if v > SCHEMA => return Err(DecodeError::Newer(v)),
                SCHEMA => return Err(first.map(|_| ()).map_err(damage).unwrap_err()),
                v => return Err(DecodeError::Damaged(Damage::UnknownSchema(v))),
            }
        }
    };
    for u in state.book.units.values_mut() {
        if u.versions.is_empty() {
            return Err(DecodeError::Damaged(Damage::NoVersions { record: false, id: u.id.clone() }));
        }
        u.versions.normalise();
    }
    for r in state.book.records.values_mut() {
        if r.versions.is_empty() {
            return Err(DecodeError::Damaged(Damage::NoVersions { record: true, id: r.id.clone() }));
        }
        r.versions.normalise();
    }
    Ok(Stored { state, generation })
}

fn migrate_v1(text: &str, embedded: &Programme) -> Result<State, DecodeError> {
    let v1: EnvelopeV1 = serde_json::from_str(text).map_err(damage)?;
    if v1.programme_id != embedded.id {
        return Err(DecodeError::Damaged(Damage::ProgrammeGone(v1.programme_id)));
    }
    Ok(State { book: Book { programme: embedded.clone(), units: v1.units, records: v1.records }, local: v1.local })
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
    #[derive(Deserialize)]
    struct T {
        saved_ms: Option<i64>,
    }
    serde_json::from_str::<T>(text).ok()?.saved_ms
}
