//! What the app keeps in the browser's storage: the state inside a small
//! envelope that names its schema version, and the migrations from older ones.
//!
//! Schema history:
//! - 1: the first development builds. The programme was not stored, only its
//!   id (always the embedded default); units and records sat at the top level.
//! - 2: the programme is stored with the data, so a commune can load its own.

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
    state: &'a State,
}

#[derive(Deserialize)]
struct Head {
    schema: u32,
}

#[derive(Deserialize)]
struct EnvelopeV2 {
    state: State,
}

#[derive(Deserialize)]
struct EnvelopeV1 {
    programme_id: String,
    units: BTreeMap<String, Unit>,
    records: BTreeMap<String, Record>,
    local: Local,
}

/// Why stored text could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not our data at all, or damaged (cut short, edited by hand).
    Damaged(String),
    /// Written by a newer version of the app; must not be overwritten.
    Newer(u32),
}

impl DecodeError {
    pub fn message(&self) -> String {
        match self {
            DecodeError::Damaged(why) => format!("Dữ liệu đã lưu bị hỏng ({why})."),
            DecodeError::Newer(v) => format!(
                "Dữ liệu đã lưu do một phiên bản mới hơn của ứng dụng ghi (lược đồ {v}); phiên bản này chỉ đọc được đến lược đồ {SCHEMA}."
            ),
        }
    }
}

pub fn encode(state: &State, saved_ms: i64) -> String {
    serde_json::to_string(&EnvelopeOut { schema: SCHEMA, saved_ms, state }).expect("state serialises")
}

/// Reads stored text of any known schema. `embedded` is the app's default
/// programme, which schema 1 referred to by id.
pub fn decode(text: &str, embedded: &Programme) -> Result<State, DecodeError> {
    let head: Head = serde_json::from_str(text).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    let state = match head.schema {
        SCHEMA => {
            serde_json::from_str::<EnvelopeV2>(text).map_err(|e| DecodeError::Damaged(e.to_string()))?.state
        }
        1 => migrate_v1(text, embedded)?,
        v if v > SCHEMA => return Err(DecodeError::Newer(v)),
        v => return Err(DecodeError::Damaged(format!("lược đồ {v} không tồn tại"))),
    };
    let mut state = state;
    for u in state.book.units.values_mut() {
        if u.versions.is_empty() {
            return Err(DecodeError::Damaged(format!("đơn vị {} không có dữ liệu", u.id)));
        }
        u.versions.normalise();
    }
    for r in state.book.records.values_mut() {
        if r.versions.is_empty() {
            return Err(DecodeError::Damaged(format!("bản ghi {} không có dữ liệu", r.id)));
        }
        r.versions.normalise();
    }
    Ok(state)
}

fn migrate_v1(text: &str, embedded: &Programme) -> Result<State, DecodeError> {
    let v1: EnvelopeV1 = serde_json::from_str(text).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    if v1.programme_id != embedded.id {
        return Err(DecodeError::Damaged(format!("chương trình {} không còn trong ứng dụng", v1.programme_id)));
    }
    Ok(State { book: Book { programme: embedded.clone(), units: v1.units, records: v1.records }, local: v1.local })
}

/// The time an envelope was saved, for listing backups.
pub fn saved_ms(text: &str) -> Option<i64> {
    #[derive(Deserialize)]
    struct T {
        saved_ms: Option<i64>,
    }
    serde_json::from_str::<T>(text).ok()?.saved_ms
}
