//! The file villages send each other: a versioned JSON document that names
//! its format and version, the programme it belongs to, the units, and the
//! records with their clocks and device ids (optionally the programme itself).
//!
//! Reading a file never changes anything: it yields a book to preview and merge.

use super::book::{Book, MergeReport, Record, RecordKey, Unit, UnitKind};
use super::programme::Programme;
use super::text::lower_first;
use super::state::{check_entry, check_id_shape, State};
use super::text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT: &str = "sotay-mat-tran";
/// The newest format this app reads. Version 2 adds report texts (records
/// of reserved item ids, see `report_texts`), which a phone not yet updated
/// would refuse as unknown items: files without them are still written as
/// version 1, which every phone reads.
pub const VERSION: u32 = 2;
/// Files above this size are refused before they are read.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// What a file covers. In JSON: `{"covers": "all"}` or `{"covers": "unit", "unit": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "ScopeRepr", try_from = "ScopeRepr")]
pub enum Scope {
    /// Everything this phone holds.
    All,
    /// One residential area's data.
    Unit { unit: String },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Covers {
    All,
    Unit,
}

/// [`Scope`] as it is in JSON (not a serde tagged enum, which costs wasm size).
#[derive(Serialize, Deserialize)]
struct ScopeRepr {
    covers: Covers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

impl From<Scope> for ScopeRepr {
    fn from(s: Scope) -> Self {
        match s {
            Scope::All => ScopeRepr { covers: Covers::All, unit: None },
            Scope::Unit { unit } => ScopeRepr { covers: Covers::Unit, unit: Some(unit) },
        }
    }
}

impl TryFrom<ScopeRepr> for Scope {
    type Error = String;
    fn try_from(r: ScopeRepr) -> Result<Self, String> {
        Ok(match r.covers {
            Covers::All => Scope::All,
            Covers::Unit => Scope::Unit { unit: super::required(r.unit, "unit")? },
        })
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    programme_id: &'a str,
    programme_revision: u32,
    scope: &'a Scope,
    exported_ms: i64,
    device: &'a str,
    fingerprint: String,
    programme: &'a Programme,
    units: Vec<&'a Unit>,
    records: Vec<&'a Record>,
}

#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u64>,
}

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    programme_id: Option<String>,
    #[serde(default)]
    programme_revision: Option<u32>,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    exported_ms: Option<i64>,
    #[serde(default)]
    device: Option<String>,
    #[serde(default)]
    fingerprint: Option<String>,
    #[serde(default)]
    programme: Option<Programme>,
    #[serde(default)]
    units: Vec<Unit>,
    #[serde(default)]
    records: Vec<Record>,
}

/// A file that was read and checked: ready to preview and merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub book: Book,
    pub scope: Scope,
    pub exported_ms: Option<i64>,
    pub device: Option<String>,
}

/// Why a file was refused. Nothing was changed.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    TooLarge { bytes: usize },
    Empty,
    NotJson { line: usize, column: usize },
    NotOurs,
    Newer { version: u64 },
    /// The file belongs to another programme. `programme` is set when the file carries it.
    OtherProgramme { id: String, programme: Option<Box<Programme>> },
    /// A field is wrong; `path` is its JSON path.
    Invalid { path: String, message: String },
    /// The data does not match the fingerprint written in the file: cut short or edited.
    Fingerprint { expected: String, found: String },
}

impl ImportError {
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge { bytes } => format!(
                "Tệp quá lớn ({} KB). Sổ tay chỉ nhận tệp đến {} MB.",
                text::group_thousands((*bytes / 1024) as i64),
                MAX_BYTES / 1024 / 1024
            ),
            ImportError::Empty => "Tệp trống, không có dữ liệu.".into(),
            ImportError::NotJson { line, column } => format!(
                "Đây không phải tệp dữ liệu JSON (lỗi ở dòng {line}, cột {column}). Có thể tệp bị cắt ngắn khi gửi, hoặc đã chọn nhầm tệp."
            ),
            ImportError::NotOurs => "Tệp JSON này không phải tệp của Sổ tay Mặt trận.".into(),
            ImportError::Newer { version } => format!(
                "Tệp được tạo bởi phiên bản mới hơn của Sổ tay (định dạng {version}); phiên bản này chỉ đọc được đến định dạng {VERSION}. Hãy mở lại ứng dụng khi có mạng để cập nhật."
            ),
            ImportError::OtherProgramme { id, programme } => match programme {
                Some(p) => format!("Tệp thuộc chương trình khác: “{}” ({}, mã {id}).", p.title, p.owner),
                None => format!("Tệp thuộc chương trình khác (mã {id}) và không kèm nội dung chương trình đó."),
            },
            ImportError::Invalid { path, message } => format!("Tệp có dữ liệu không hợp lệ tại {path}: {message}"),
            ImportError::Fingerprint { expected, found } => format!(
                "Dữ liệu trong tệp không khớp mã kiểm tra (ghi trong tệp {expected}, tính ra {found}): tệp đã bị cắt ngắn hoặc bị sửa."
            ),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A readable ASCII file name: sotay-ha-hai-thon-3-2025-11-20.json.
pub fn file_name(book: &Book, scope: &Scope, today: NaiveDate) -> String {
    let owner = book.programme.owner.trim();
    let owner = owner.strip_prefix("xã ").or_else(|| owner.strip_prefix("Xã ")).unwrap_or(owner);
    let what = match scope {
        Scope::All => "toan-xa".to_string(),
        Scope::Unit { unit } => text::slug(&book.unit(unit).map(|u| u.name.clone()).unwrap_or_else(|| unit.clone())),
    };
    format!("sotay-{}-{}-{}.json", text::slug(owner), what, text::iso_date(today))
}

/// The part of a book a scope covers.
pub fn subset(book: &Book, scope: &Scope) -> Book {
    match scope {
        Scope::All => book.clone(),
        Scope::Unit { unit } => Book {
            programme: book.programme.clone(),
            units: book.units.iter().filter(|(id, _)| *id == unit).map(|(k, v)| (k.clone(), v.clone())).collect(),
            records: book.records.iter().filter(|(_, r)| r.key.unit == *unit).map(|(k, v)| (k.clone(), v.clone())).collect(),
        },
    }
}

/// Why no file was made. Nothing is offered.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportError {
    NoUnit(String),
    /// The file, read back, does not give the data it was made from.
    Mismatch,
    /// The file, read back, is refused.
    Reread(ImportError),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::NoUnit(u) => write!(f, "Không có đơn vị mã “{u}” để xuất."),
            ExportError::Mismatch => f.write_str("Tệp vừa tạo đọc lại không khớp với dữ liệu: không xuất tệp này."),
            ExportError::Reread(e) => write!(f, "Tệp vừa tạo đọc lại bị lỗi: {e} Không xuất tệp này."),
        }
    }
}

/// Writes a file, then reads its exact bytes back and compares them with the
/// data: a file that would not import to the same data is an error, never a file.
pub fn export(book: &Book, scope: &Scope, device: &str, now_ms: i64) -> Result<String, ExportError> {
    let part = subset(book, scope);
    if let Scope::Unit { unit } = scope {
        if part.units.is_empty() {
            return Err(ExportError::NoUnit(unit.clone()));
        }
    }
    let out = FileOut {
        format: FORMAT,
        version: if part.records.values().any(|r| super::report_texts::is_reserved(&r.key.item)) { VERSION } else { 1 },
        programme_id: &part.programme.id,
        programme_revision: part.programme.revision,
        scope,
        exported_ms: now_ms,
        device,
        fingerprint: part.fingerprint(),
        programme: &part.programme,
        units: part.units.values().collect(),
        records: part.records.values().collect(),
    };
    // Our own types always serialise (no maps with non-string keys, no floats that are not finite).
    let text = serde_json::to_string(&out).expect("a file serialises");
    verify(&text, &part)?;
    Ok(text)
}

/// Checks that `text` reads back to exactly `expected`.
pub fn verify(text: &str, expected: &Book) -> Result<(), ExportError> {
    match read(text, &expected.programme) {
        Ok(back) if back.book == *expected => Ok(()),
        Ok(_) => Err(ExportError::Mismatch),
        Err(e) => Err(ExportError::Reread(e)),
    }
}

/// Whether a file of `bytes` may be read at all (checked before reading a
/// picked file into memory, and again on its text).
pub fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    Ok(())
}

/// Reads and checks a file against our programme. Tolerates a byte-order
/// mark, CRLF line ends and any file name.
pub fn read(text: &str, ours: &Programme) -> Result<Incoming, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let head: Head = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ImportError::NotOurs,
        _ => ImportError::NotJson { line: e.line(), column: e.column() },
    })?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotOurs);
    }
    let version = head.version.ok_or(ImportError::Invalid {
        path: "version".into(),
        message: "thiếu số phiên bản định dạng.".into(),
    })?;
    if version > VERSION as u64 {
        return Err(ImportError::Newer { version });
    }
    if version == 0 {
        return Err(ImportError::Invalid { path: "version".into(), message: "phiên bản định dạng 0 không tồn tại.".into() });
    }
    let file: FileIn = parse_file(text)?;
    let id = file.programme_id.clone().or_else(|| file.programme.as_ref().map(|p| p.id.clone())).ok_or(
        ImportError::Invalid { path: "programme_id".into(), message: "tệp không ghi thuộc chương trình nào.".into() },
    )?;
    if id != ours.id {
        return Err(ImportError::OtherProgramme { id, programme: file.programme.map(Box::new) });
    }
    // The revision the sending phone followed: its fingerprint was made with it.
    let sent_revision = file.programme.as_ref().map(|p| p.revision).or(file.programme_revision).unwrap_or(ours.revision);
    // The file's programme, if newer, is the one its data follows.
    let programme = match file.programme {
        Some(p) if p.revision > ours.revision => {
            p.validate().map_err(|e| ImportError::Invalid { path: e.path, message: e.message })?;
            p
        }
        _ => ours.clone(),
    };
    let book = check_content(programme, file.units, file.records)?;
    check_fingerprint(&book, file.fingerprint, sent_revision)?;
    Ok(Incoming {
        book,
        scope: file.scope.unwrap_or(Scope::All),
        exported_ms: file.exported_ms,
        device: file.device,
    })
}

/// Reads a file that belongs to another programme, for switching to it.
pub fn read_other_programme(text: &str) -> Result<Incoming, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: FileIn = parse_file(text)?;
    let programme = file.programme.ok_or(ImportError::Invalid {
        path: "programme".into(),
        message: "tệp không kèm nội dung chương trình.".into(),
    })?;
    programme.validate().map_err(|e| ImportError::Invalid { path: e.path, message: e.message })?;
    let book = check_content(programme, file.units, file.records)?;
    check_fingerprint(&book, file.fingerprint, book.programme.revision)?;
    // Switching starts a fresh book on this programme, with its commune and
    // member organisations, and merges the file into it: its units must keep
    // the kinds those have.
    check_unit_kinds(&State::fresh(book.programme.clone(), String::new(), 0).book, &book, "theo chương trình")?;
    Ok(Incoming { book, scope: file.scope.unwrap_or(Scope::All), exported_ms: file.exported_ms, device: file.device })
}

/// A file that names a fingerprint must hold exactly that data (as the sending
/// phone had it, under programme revision `revision`): else it was cut or edited.
fn check_fingerprint(book: &Book, expected: Option<String>, revision: u32) -> Result<(), ImportError> {
    let Some(expected) = expected else { return Ok(()) };
    let found = book.fingerprint_at(revision);
    if found == expected {
        Ok(())
    } else {
        Err(ImportError::Fingerprint { expected, found })
    }
}

/// Parses the whole file; a type error names the JSON path of the bad field.
fn parse_file(text: &str) -> Result<FileIn, ImportError> {
    super::take_problem();
    serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            ImportError::Invalid { path: text::json_path_at(text, e.line(), e.column()), message: data_problem() }
        }
        _ => ImportError::NotJson { line: e.line(), column: e.column() },
    })
}

/// Why serde refused a value: the reason our own code gave (already
/// Vietnamese), else a plain description. serde's English is never shown.
pub(crate) fn data_problem() -> String {
    match super::take_problem() {
        Some(p) => format!("{p}."),
        None => "thiếu dữ liệu, sai kiểu (ví dụ chữ ở chỗ cần số) hoặc có giá trị không được phép.".to_string(),
    }
}

/// Checks units and records against the programme, with the JSON path of the first bad field.
fn check_content(programme: Programme, units: Vec<Unit>, records: Vec<Record>) -> Result<Book, ImportError> {
    let invalid = |path: String, message: String| ImportError::Invalid { path, message };
    let mut book = Book { programme, units: BTreeMap::new(), records: BTreeMap::new() };
    for (i, mut u) in units.into_iter().enumerate() {
        if u.versions.is_empty() {
            return Err(invalid(format!("units[{i}].versions"), "đơn vị không có dữ liệu.".into()));
        }
        u.versions.normalise();
        let kind = u.data().kind;
        for (k, v) in u.versions.all().iter().enumerate() {
            let d = &v.value;
            if d.name.trim().is_empty() {
                return Err(invalid(format!("units[{i}].versions[{k}].v.name"), "tên đơn vị đang để trống.".into()));
            }
            // A unit keeps its kind (see check_unit_kinds).
            if d.kind != kind {
                return Err(invalid(
                    format!("units[{i}].versions[{k}].v.kind"),
                    format!(
                        "đơn vị “{}” vừa là {} vừa là {}: một đơn vị không đổi loại được.",
                        u.data().name,
                        kind_name(d.kind),
                        kind_name(kind)
                    ),
                ));
            }
            for (field, y) in [("since", d.since), ("until", d.until)] {
                if let Some(y) = y {
                    let t = book.programme.term;
                    if !(t.first_year - 1..=t.last_year).contains(&y) {
                        return Err(invalid(format!("units[{i}].versions[{k}].v.{field}"), format!("năm {y} nằm ngoài nhiệm kỳ.")));
                    }
                }
            }
        }
        if u.id.is_empty() || u.id.contains('/') {
            return Err(invalid(format!("units[{i}].id"), format!("mã đơn vị “{}” không hợp lệ.", u.id)));
        }
        if book.units.contains_key(&u.id) {
            return Err(invalid(format!("units[{i}].id"), format!("mã đơn vị “{}” bị trùng.", u.id)));
        }
        if u.data().kind == UnitKind::Commune && u.id != super::state::COMMUNE_ID {
            return Err(invalid(format!("units[{i}].id"), "mã của Ủy ban MTTQ xã phải là “xa”.".into()));
        }
        book.units.insert(u.id.clone(), u);
    }
    for (i, mut r) in records.into_iter().enumerate() {
        if r.versions.is_empty() {
            return Err(invalid(format!("records[{i}].versions"), "bản ghi không có dữ liệu.".into()));
        }
        check_id_shape(&book, &r.id, &r.key).map_err(|e| invalid(format!("records[{i}].id"), lower_first(&e.to_string())))?;
        if book.records.contains_key(&r.id) {
            return Err(invalid(format!("records[{i}].id"), format!("mã bản ghi “{}” bị trùng.", r.id)));
        }
        r.versions.normalise();
        let key: &RecordKey = &r.key;
        if book.unit(&key.unit).is_none() {
            return Err(invalid(format!("records[{i}].id"), format!("không có đơn vị mã “{}” trong tệp.", key.unit)));
        }
        for (k, v) in r.versions.all().iter().enumerate() {
            check_entry(&book, key, &v.value).map_err(|e| invalid(format!("records[{i}].versions[{k}].v"), lower_first(&e.to_string())))?;
        }
        book.records.insert(r.id.clone(), r);
    }
    Ok(book)
}


/// What merging a file would do, per unit, before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub rows: Vec<PreviewRow>,
    pub report: MergeReport,
    /// The fingerprint after the merge.
    pub fingerprint_after: String,
    /// A newer revision of our programme that the file brings.
    pub programme: Option<ProgrammeUpdate>,
    /// Names of units the file adds that have the name of a unit we already
    /// have (of the same kind): the same place set up separately on two
    /// phones, which will count twice.
    pub same_names: Vec<String>,
}

/// The file carries a newer revision of the programme this phone follows.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeUpdate {
    pub from: u32,
    pub to: u32,
    /// What the new revision changes, one Vietnamese line each.
    pub changes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    pub unit: String,
    pub name: String,
    pub new: usize,
    pub newer: usize,
    pub older: usize,
    pub same: usize,
    /// (what, our value, their value) for every record theirs replaces.
    pub replaced: Vec<(String, String, String)>,
}

impl Preview {
    pub fn changes(&self) -> usize {
        self.report.changes()
    }

    /// Whether importing would change nothing at all.
    pub fn is_empty(&self) -> bool {
        self.changes() == 0 && self.programme.is_none()
    }
}

/// Why a programme does not fit the data a phone holds (see [`misfit`]).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Misfit {
    /// It drops an item or task that has records: its name.
    Dropped(String),
    /// A value, date or year held does not fit it (an item's kind, who
    /// fills it, the grades, the term): the reason, in Vietnamese.
    Data(String),
}

/// Whether `programme` fits every unit and record of `ours` (keeps the
/// items and tasks with records, their kinds, the grades in use, the
/// years): otherwise no file with that data could be read again under it.
pub(crate) fn misfit(ours: &Book, programme: &Programme) -> Option<Misfit> {
    // The report's own texts (reserved ids) belong to no programme.
    let dropped = ours
        .records
        .values()
        .map(|r| r.key.item.as_str())
        .find(|id| programme.item(id).is_none() && programme.task(id).is_none() && !super::report_texts::is_reserved(id));
    if let Some(id) = dropped {
        let p = &ours.programme;
        let name = p.item(id).map(|i| i.label.clone()).or_else(|| p.task(id).map(|t| t.text.clone())).unwrap_or_else(|| id.to_string());
        return Some(Misfit::Dropped(name));
    }
    check_content(programme.clone(), ours.units.values().cloned().collect(), ours.records.values().cloned().collect())
        .err()
        .map(|e| {
            Misfit::Data(match e {
                ImportError::Invalid { message, .. } => message,
                e => e.message(),
            })
        })
}

/// A newer revision of our programme must fit every unit and record we hold
/// (see [`misfit`]).
fn check_revision(ours: &Book, theirs: &Programme) -> Result<(), ImportError> {
    if theirs.id != ours.programme.id || theirs.revision <= ours.programme.revision {
        return Ok(());
    }
    let message = match misfit(ours, theirs) {
        None => return Ok(()),
        Some(Misfit::Data(why)) => format!(
            "bản sửa đổi chương trình trong tệp (lần sửa {}) không hợp với số liệu đã có ở máy này: {why}",
            theirs.revision
        ),
        Some(Misfit::Dropped(name)) => format!(
            "bản sửa đổi chương trình trong tệp (lần sửa {}) bỏ mục “{name}” mà máy này đã có số liệu. Chương trình sửa đổi phải giữ lại mục đó.",
            theirs.revision
        ),
    };
    Err(ImportError::Invalid { path: "programme".into(), message })
}

fn kind_name(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Area => "khu dân cư",
        UnitKind::Commune => "Ủy ban MTTQ xã",
        UnitKind::Organisation => "tổ chức thành viên",
    }
}

/// A unit never changes kind (editing a unit keeps it): the items it fills
/// follow from it. A file (edited by hand) that makes one of our areas an
/// organisation would leave the records we hold for it unfit, and then no
/// export of this phone could be read back again.
/// `ours_where` says where ours are, for the message ("trên máy này").
fn check_unit_kinds(ours: &Book, theirs: &Book, ours_where: &str) -> Result<(), ImportError> {
    for (id, u) in &theirs.units {
        let Some(o) = ours.units.get(id) else { continue };
        let kind = o.data().kind;
        if let Some(v) = u.versions.all().iter().find(|v| v.value.kind != kind) {
            return Err(ImportError::Invalid {
                path: "units".into(),
                message: format!(
                    "đơn vị “{}” (mã “{id}”) trong tệp là {}, còn {ours_where} là {}. Một đơn vị không đổi loại được: tệp có thể đã bị sửa.",
                    o.data().name,
                    kind_name(v.value.kind),
                    kind_name(kind)
                ),
            });
        }
    }
    Ok(())
}

/// Computes the preview by merging into a copy. Refuses, changing nothing,
/// a newer programme revision that does not fit our data (see check_revision)
/// and a unit whose kind differs from ours (see check_unit_kinds).
pub fn preview(ours: &Book, incoming: &Incoming) -> Result<Preview, ImportError> {
    check_revision(ours, &incoming.book.programme)?;
    check_unit_kinds(ours, &incoming.book, "trên máy này")?;
    let mut merged = ours.clone();
    let report = merged.merge_following(&incoming.book);
    let programme = (merged.programme.revision != ours.programme.revision).then(|| ProgrammeUpdate {
        from: ours.programme.revision,
        to: merged.programme.revision,
        changes: merged.programme.changes_from(&ours.programme),
    });
    let p = &merged.programme;
    let mut rows: Vec<PreviewRow> = report
        .units
        .iter()
        .map(|(unit, c)| PreviewRow {
            unit: unit.clone(),
            name: merged.unit(unit).map(|u| u.name.clone()).unwrap_or_else(|| unit.clone()),
            new: c.new,
            newer: c.newer,
            older: c.older,
            same: c.same,
            replaced: c
                .replaced
                .iter()
                .map(|(id, a, b)| {
                    let report_text = merged.records.get(id).and_then(|r| super::report_texts::describe_key(&r.key));
                    if let Some(what) = report_text {
                        return (what, super::report_texts::describe_entry(a), super::report_texts::describe_entry(b));
                    }
                    let what = merged
                        .records
                        .get(id)
                        .map(|r| {
                            let label = p
                                .item(&r.key.item)
                                .map(|i| i.label.clone())
                                .or_else(|| p.task(&r.key.item).map(|t| t.text.chars().take(60).collect()))
                                .unwrap_or_else(|| r.key.item.clone());
                            match r.key.year {
                                Some(y) => format!("{label} ({y})"),
                                None => label,
                            }
                        })
                        .unwrap_or_else(|| id.clone());
                    (what, a.describe(p), b.describe(p))
                })
                .collect(),
        })
        .collect();
    super::sort_by(&mut rows, |a, b| text::collate(&a.name, &b.name));
    let same_names = incoming
        .book
        .units
        .values()
        .filter(|u| !ours.units.contains_key(&u.id))
        .filter(|u| {
            let (kind, name) = (u.data().kind, text::lowercase(&u.data().name));
            ours.units.values().any(|o| o.data().kind == kind && text::lowercase(&o.data().name) == name)
        })
        .map(|u| u.data().name.clone())
        .collect();
    Ok(Preview { rows, report, fingerprint_after: merged.fingerprint(), programme, same_names })
}

/// Merges a checked file into the state. Returns what changed.
pub fn apply(state: &mut State, incoming: &Incoming, now_ms: i64) -> MergeReport {
    let report = state.book.merge_following(&incoming.book);
    state.observe_book(now_ms);
    report
}

/// Starts over on another programme from a file (after the user confirmed
/// and a backup was taken). The new programme's defaults (the commune, its
/// member organisations) are there even when the file carries only the programme.
pub fn switch_programme(state: &mut State, incoming: &Incoming, now_ms: i64) {
    let mut next = State::fresh(incoming.book.programme.clone(), state.local.device.clone(), now_ms);
    next.book.merge(&incoming.book);
    next.local = state.local.clone();
    // Nothing of the new programme has been sent yet, and what was not sent
    // of the old one is in its backup, not in this book.
    next.local.changes_since_export = 0;
    next.local.last_export_ms = None;
    next.local.first_unsent_ms = None;
    next.choose_again_if_area_gone();
    *state = next;
    state.observe_book(now_ms);
}

impl std::error::Error for ImportError {}
impl std::error::Error for ExportError {}
