//! The texts of a report that people write: the header fields (place name,
//! number, signer, recipients) and the free-text sections IV "Tồn tại, hạn
//! chế" and V "Phương hướng". They are records like any other, of item ids
//! that no programme may use (they start with `@`, see
//! `Programme::validate`), so they are remembered, travel in files and merge
//! like the data:
//!
//! - a header field is a once-in-term slot of the commune or of an area:
//!   `xa/@bc-dia-danh/term`;
//! - a section belongs to a period: a year (`xa/@bc-ton-tai/2026`), the
//!   first half of a year (`xa/@bc-ton-tai-6t/2026`) or the term so far
//!   (`xa/@bc-ton-tai/term`).
//!
//! The value is always `Value::Empty`; the text is the entry's note.

use crate::core::book::{Book, Entry, RecordKey, UnitKind, Value};
use crate::core::error::EntryError;

pub use crate::core::programme::is_reserved;

/// A header field of a report, remembered once for the term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The place name of the date line ("Hà Hải, ngày …").
    Place,
    /// The document number ("12" in "Số: 12/BC-MTTQ-BTT").
    Number,
    /// Who signs.
    Signer,
    /// "Nơi nhận", one recipient a line.
    Recipients,
}

impl Field {
    /// Every field, in the order the screen shows them.
    pub const ALL: [Field; 4] = [Field::Place, Field::Number, Field::Signer, Field::Recipients];

    /// The reserved item id of the field's record.
    pub fn item(self) -> &'static str {
        match self {
            Field::Place => "@bc-dia-danh",
            Field::Number => "@bc-so",
            Field::Signer => "@bc-nguoi-ky",
            Field::Recipients => "@bc-noi-nhan",
        }
    }

    /// "Địa danh", "Số văn bản", "Người ký", "Nơi nhận".
    pub fn label(self) -> &'static str {
        match self {
            Field::Place => "Địa danh",
            Field::Number => "Số văn bản",
            Field::Signer => "Người ký",
            Field::Recipients => "Nơi nhận",
        }
    }

    /// The longest text the field keeps, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Recipients => 2_000,
            _ => 200,
        }
    }

    /// The field's record for a unit (the commune or an area).
    pub fn key(self, unit: &str) -> RecordKey {
        RecordKey { unit: unit.to_string(), item: self.item().to_string(), year: None }
    }
}

/// A free-text section of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// IV. Tồn tại, hạn chế.
    Shortcomings,
    /// V. Phương hướng.
    Direction,
}

/// The longest text a section keeps, in characters.
pub const MAX_SECTION: usize = 10_000;

impl Section {
    /// Both sections, IV then V.
    pub const ALL: [Section; 2] = [Section::Shortcomings, Section::Direction];

    /// The reserved item id of the section's records for a year or the
    /// term; `first_half`: for the first six months of a year.
    pub fn item(self, first_half: bool) -> &'static str {
        match (self, first_half) {
            (Section::Shortcomings, false) => "@bc-ton-tai",
            (Section::Shortcomings, true) => "@bc-ton-tai-6t",
            (Section::Direction, false) => "@bc-phuong-huong",
            (Section::Direction, true) => "@bc-phuong-huong-6t",
        }
    }

    /// "Tồn tại, hạn chế", "Phương hướng".
    pub fn label(self) -> &'static str {
        match self {
            Section::Shortcomings => "Tồn tại, hạn chế",
            Section::Direction => "Phương hướng",
        }
    }
}

/// What a reserved item id stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A header field (once in the term).
    Field(Field),
    /// A section of a year, of the first half of a year, or of the term.
    Section {
        /// IV or V.
        section: Section,
        /// Of the first six months of a year.
        first_half: bool,
    },
}

impl Slot {
    /// The slot of a reserved item id; None for any other id.
    pub fn of_item(item: &str) -> Option<Slot> {
        if !is_reserved(item) {
            return None;
        }
        let field = Field::ALL.into_iter().find(|f| f.item() == item).map(Slot::Field);
        field.or_else(|| {
            Section::ALL.into_iter().flat_map(|s| [(s, false), (s, true)]).find(|(s, h)| s.item(*h) == item).map(
                |(section, first_half)| Slot::Section { section, first_half },
            )
        })
    }

    /// The longest text the slot keeps, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Slot::Field(f) => f.max_chars(),
            Slot::Section { .. } => MAX_SECTION,
        }
    }

    /// "Tồn tại, hạn chế", "Địa danh".
    pub fn label(self) -> &'static str {
        match self {
            Slot::Field(f) => f.label(),
            Slot::Section { section, .. } => section.label(),
        }
    }
}

/// How people name a report text's record, in previews and tables:
/// "Báo cáo: Tồn tại, hạn chế (2026)", "Báo cáo: Phương hướng (6 tháng đầu
/// năm 2026)", "Báo cáo: Tồn tại, hạn chế (cả nhiệm kỳ)", "Báo cáo: Địa danh".
/// None for a record that is not a report text.
pub fn describe_key(key: &RecordKey) -> Option<String> {
    let slot = Slot::of_item(&key.item)?;
    let when = match (slot, key.year) {
        (Slot::Field(_), _) => String::new(),
        (Slot::Section { first_half: true, .. }, Some(y)) => format!(" (6 tháng đầu năm {y})"),
        (Slot::Section { .. }, Some(y)) => format!(" ({y})"),
        (Slot::Section { .. }, None) => " (cả nhiệm kỳ)".to_string(),
    };
    Some(format!("Báo cáo: {}{when}", slot.label()))
}

/// A report text as a preview shows it: its first line, cut to 60
/// characters, or "(để trống)".
pub fn describe_entry(entry: &Entry) -> String {
    if entry.note.trim().is_empty() {
        "(để trống)".to_string()
    } else {
        crate::core::text::short(entry.note.trim(), 60)
    }
}

/// The stored text of a slot, if any (trimmed; None when empty).
pub fn stored(book: &Book, key: &RecordKey) -> Option<String> {
    book.entry(key).map(|e| e.note.trim().to_string()).filter(|t| !t.is_empty())
}

/// Checks a report text's record (called by `state::check_entry` for every
/// reserved item id): a slot that exists, of the commune or an area, in the
/// right period, holding text only, not too long.
pub(crate) fn check(key: &RecordKey, entry: &Entry, unit: UnitKind) -> Result<(), EntryError> {
    let slot = Slot::of_item(&key.item).ok_or_else(|| EntryError::NoItem(key.item.clone()))?;
    let what = || format!("Báo cáo: {}", slot.label());
    if !matches!(unit, UnitKind::Commune | UnitKind::Area) {
        return Err(EntryError::ReportUnit);
    }
    match (slot, key.year) {
        (Slot::Field(_), Some(_)) => return Err(EntryError::TermOnce(what())),
        (Slot::Section { first_half: true, .. }, None) => return Err(EntryError::NeedsYear(what())),
        _ => {}
    }
    if entry.value != Value::Empty || entry.date.is_some() || !entry.names.is_empty() {
        return Err(EntryError::ReportTextOnly);
    }
    let max = slot.max_chars();
    if entry.note.chars().count() > max {
        return Err(EntryError::ReportTextTooLong { what: slot.label().to_string(), max });
    }
    Ok(())
}
