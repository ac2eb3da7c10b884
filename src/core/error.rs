//! Why something was refused, as typed values with a Vietnamese `Display`.
//! Nothing English ever reaches the screen: every message is written here or
//! next to the error it belongs to (`file::ImportError`).

use super::text;
use chrono::NaiveDate;
use std::fmt;

/// Why a change to the state was refused. Nothing changed.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionError {
    /// An area's phone tried to add, order or archive units.
    CommuneOnly,
    /// An area's phone tried to write another unit's data; `own` is its area's name.
    OtherUnit { own: String },
    NoRecord,
    NoUnit,
    /// An event logged with no value.
    EmptyEvent,
    /// An event's count must be at least 1.
    EventCountZero,
    /// Update and remove are for logged events only.
    NotAnEvent,
    OneCommune,
    ArchiveCommune,
    LastYearOutsideTerm,
    SinceOutsideTerm,
    RoleNotArea,
    /// The first run finished as an area's phone with no area chosen.
    NoAreaChosen,
    UnitNameEmpty,
    UnitNameTooLong,
    UnitNameTaken(String),
    /// A named entry (a công trình...) added with no name.
    NameEmpty,
    /// The item or task is no longer followed (retired in this revision).
    Retired(String),
    Entry(EntryError),
}

/// Why a value does not fit the programme (a change, or a record in a file).
#[derive(Clone, Debug, PartialEq)]
pub enum EntryError {
    NoUnit(String),
    YearOutsideTerm { year: i32, first: i32, last: i32 },
    DateOutsideTerm(NaiveDate),
    DateNotInYear { date: NaiveDate, year: i32 },
    NoteTooLong(usize),
    BadNames,
    TaskNotYearlyCommune,
    TaskStatusOnly,
    NoItem(String),
    NotFilledBy { item: String, unit: String },
    TermOnce(String),
    NeedsYear(String),
    CountNotNames,
    CountTooLarge,
    NegativeAmount,
    AmountTooLarge,
    RatioOver { n: u64, of: u64 },
    RatioTooLarge,
    NoGrade(String),
    WrongKind(String),
    /// A record id that does not have the shape its item's cadence implies:
    /// `unit/item/year` or `unit/item/term` for yearly and once-in-term items
    /// (and tasks), the same with an event suffix for logged events.
    IdShape { id: String, event: bool },
    /// A report text of a unit that has no report (an organisation).
    ReportUnit,
    /// A report text with a value, a date or names: it holds text only.
    ReportTextOnly,
    /// A report text longer than its slot keeps; `what` names the slot.
    ReportTextTooLong { what: String, max: usize },
}

impl From<EntryError> for ActionError {
    fn from(e: EntryError) -> Self {
        ActionError::Entry(e)
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::CommuneOnly => f.write_str("Chỉ máy của xã thêm, sắp xếp hay ngừng theo dõi đơn vị."),
            ActionError::OtherUnit { own } => {
                write!(f, "Máy này giữ sổ của {own}: số liệu của đơn vị khác do máy của đơn vị đó ghi.")
            }
            ActionError::NoRecord => f.write_str("Không tìm thấy mục này."),
            ActionError::NoUnit => f.write_str("Không tìm thấy đơn vị này."),
            ActionError::EmptyEvent => f.write_str("Hãy nhập số liệu trước khi ghi."),
            ActionError::EventCountZero => f.write_str("Hãy nhập số lần, từ 1 trở lên."),
            ActionError::NotAnEvent => f.write_str("Chỉ sửa hay xóa được một lần ghi trong sổ."),
            ActionError::OneCommune => f.write_str("Mỗi xã chỉ có một Ủy ban MTTQ."),
            ActionError::ArchiveCommune => f.write_str("Không thể ngừng theo dõi Ủy ban MTTQ xã."),
            ActionError::LastYearOutsideTerm => f.write_str("Năm cuối cùng được tính phải nằm trong nhiệm kỳ."),
            ActionError::SinceOutsideTerm => f.write_str("Năm bắt đầu tính phải nằm trong nhiệm kỳ."),
            ActionError::RoleNotArea => f.write_str("Hãy chọn một khu dân cư có trong danh sách."),
            ActionError::NoAreaChosen => f.write_str("Hãy chọn khu dân cư mà máy này theo dõi."),
            ActionError::UnitNameEmpty => f.write_str("Hãy nhập tên đơn vị."),
            ActionError::UnitNameTooLong => f.write_str("Tên đơn vị dài quá 80 ký tự."),
            ActionError::UnitNameTaken(name) => write!(f, "Đã có đơn vị tên “{name}”."),
            ActionError::NameEmpty => f.write_str("Hãy nhập tên trước khi thêm."),
            ActionError::Retired(label) => {
                write!(f, "“{label}” đã thôi theo dõi từ bản sửa đổi này của chương trình: không ghi thêm được.")
            }
            ActionError::Entry(e) => e.fmt(f),
        }
    }
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryError::NoUnit(id) => write!(f, "Không có đơn vị mã “{id}”."),
            EntryError::YearOutsideTerm { year, first, last } => write!(f, "Năm {year} nằm ngoài nhiệm kỳ {first}-{last}."),
            EntryError::DateOutsideTerm(d) => write!(f, "Ngày {} nằm ngoài nhiệm kỳ.", text::date(*d)),
            EntryError::DateNotInYear { date, year } => write!(f, "Ngày {} không thuộc năm {year}.", text::date(*date)),
            EntryError::NoteTooLong(max) => write!(f, "Ghi chú dài quá {} ký tự.", text::group_thousands(*max as i64)),
            EntryError::BadNames => f.write_str("Tên từng mục phải có chữ và không dài quá 200 ký tự."),
            EntryError::TaskNotYearlyCommune => f.write_str("Nhiệm vụ, giải pháp do Ủy ban MTTQ xã theo dõi theo từng năm."),
            EntryError::TaskStatusOnly => f.write_str("Nhiệm vụ, giải pháp chỉ có trạng thái."),
            EntryError::NoItem(id) => write!(f, "Chương trình không có mục “{id}”."),
            EntryError::NotFilledBy { item, unit } => write!(f, "“{item}” không phải mục mà {unit} điền."),
            EntryError::TermOnce(label) => write!(f, "“{label}” chỉ ghi một lần trong nhiệm kỳ."),
            EntryError::NeedsYear(label) => write!(f, "“{label}” phải ghi theo năm."),
            EntryError::CountNotNames => f.write_str("Số lượng phải bằng số tên đã ghi."),
            EntryError::CountTooLarge => f.write_str("Số lượng quá lớn."),
            EntryError::NegativeAmount => f.write_str("Số tiền không được âm."),
            EntryError::AmountTooLarge => f.write_str("Số tiền quá lớn (hơn 1.000 tỷ đồng)."),
            EntryError::RatioOver { n, of } => write!(f, "Số đã thực hiện ({n}) không được lớn hơn tổng số ({of})."),
            EntryError::RatioTooLarge => f.write_str("Tổng số quá lớn."),
            EntryError::NoGrade(g) => write!(f, "Không có xếp loại “{g}”."),
            EntryError::WrongKind(label) => write!(f, "Giá trị không đúng kiểu của mục “{label}”."),
            EntryError::IdShape { id, event: true } => write!(
                f,
                "Mã bản ghi “{id}” không đúng dạng của một lần ghi (đơn-vị/mục/năm/mã-lần-ghi): bản ghi này sẽ không hiện ở đâu cả."
            ),
            EntryError::IdShape { id, event: false } => write!(
                f,
                "Mã bản ghi “{id}” không đúng dạng đơn-vị/mục/năm (hoặc đơn-vị/mục/term): bản ghi này sẽ không hiện ở đâu cả."
            ),
            EntryError::ReportUnit => f.write_str("Chỉ Ủy ban MTTQ xã và các khu dân cư có báo cáo."),
            EntryError::ReportTextOnly => f.write_str("Nội dung báo cáo chỉ gồm chữ, không có số liệu, ngày hay danh sách tên."),
            EntryError::ReportTextTooLong { what, max } => {
                write!(f, "Nội dung “{what}” dài quá {} ký tự.", text::group_thousands(*max as i64))
            }
        }
    }
}


/// Why what was typed into a form cannot be saved. Nothing changed.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// Not a whole number of 0 or more.
    NotCount(String),
    /// Not an amount of đồng.
    NotAmount(String),
    /// A first entry of a ratio with one of its two numbers.
    BothNumbers,
    /// One of a saved ratio's two numbers cleared.
    KeepBoth,
    BadDate,
    Households(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotCount(t) => write!(f, "“{t}” không phải số nguyên không âm."),
            InputError::NotAmount(t) => write!(f, "“{t}” không phải số tiền hợp lệ. Hãy nhập số đồng, ví dụ 500.000."),
            InputError::BothNumbers => f.write_str("Nhập cả hai số để lưu."),
            InputError::KeepBoth => f.write_str("Cần cả hai số. Số đã lưu vẫn giữ nguyên; muốn bỏ thì xóa cả hai ô."),
            InputError::BadDate => f.write_str("Ngày không hợp lệ."),
            InputError::Households(t) => write!(f, "Số hộ “{t}” không hợp lệ: hãy nhập số nguyên không âm."),
        }
    }
}

/// Why browser storage did not take a write. The data stays in memory.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// No localStorage at all (disabled, or a private mode without it).
    Unavailable,
    /// The storage is full (a quota error).
    Full,
    /// The browser refused the write for another reason (disabled by a
    /// setting, a security error).
    Refused,
    /// Written, but read back different.
    Mismatch,
    /// Unreadable stored text that could not be kept aside sits where the
    /// data goes: nothing is written over it.
    DamagedHeld,
    /// A newer version of the app saved the data (here at start, or in
    /// another tab): nothing is written over it.
    Newer,
    /// Another tab saved text this one cannot read.
    OtherTab(DecodeError),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str("Trình duyệt không cho lưu dữ liệu (bộ nhớ bị tắt hoặc đang ở chế độ ẩn danh)."),
            StorageError::Full => f.write_str("Bộ nhớ của trình duyệt đã đầy, không lưu được thay đổi mới."),
            StorageError::Refused => f.write_str("Trình duyệt từ chối lưu dữ liệu."),
            StorageError::Mismatch => f.write_str("Đã ghi nhưng đọc lại không khớp: bộ nhớ trình duyệt không đáng tin cậy."),
            StorageError::DamagedHeld => f.write_str(
                "Trình duyệt không cho giữ riêng bản dữ liệu hỏng (bộ nhớ đầy hoặc không cho lưu thêm); để không mất nó, \
                 ứng dụng tạm không lưu gì. Hãy tải tệp sao lưu ngay, rồi giải phóng bộ nhớ của trình duyệt.",
            ),
            StorageError::Newer => f.write_str(
                "Dữ liệu trên máy này do phiên bản Sổ tay mới hơn lưu, nên cửa sổ này không ghi đè lên. Hãy tải lại trang để dùng phiên bản mới.",
            ),
            StorageError::OtherTab(e) => write!(
                f,
                "Cửa sổ này không đọc được dữ liệu một cửa sổ khác vừa lưu ({e}), nên không ghi đè lên. Hãy tải lại trang."
            ),
        }
    }
}

impl std::error::Error for StorageError {}
impl std::error::Error for ActionError {}
impl std::error::Error for EntryError {}
impl std::error::Error for InputError {}
impl std::error::Error for DecodeError {}

/// Why stored text could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not our data at all, or damaged (cut short, edited by hand).
    Damaged(Damage),
    /// Written by a newer version of the app; must not be overwritten.
    Newer(u32),
}

/// What is wrong with damaged stored text, and where (1-based line, and
/// column in bytes, as `json::line_col` counts them).
#[derive(Clone, Debug, PartialEq)]
pub enum Damage {
    /// Not JSON, or JSON cut short.
    Text { line: usize, column: usize },
    /// JSON, but not of the shape we store, and why (`json::Fault`).
    Shape { line: usize, column: usize, reason: String },
    UnknownSchema(u32),
    NoVersions { record: bool, id: String },
    /// Schema 1 referred to a programme this app no longer embeds.
    ProgrammeGone(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Damaged(d) => {
                f.write_str("Dữ liệu đã lưu bị hỏng (")?;
                match d {
                    Damage::Text { line, column } => write!(f, "dòng {line}, cột {column}")?,
                    Damage::Shape { line, column, reason } => write!(f, "{reason}, dòng {line}, cột {column}")?,
                    Damage::UnknownSchema(v) => write!(f, "lược đồ {v} không tồn tại")?,
                    Damage::NoVersions { record: true, id } => write!(f, "bản ghi {id} không có dữ liệu")?,
                    Damage::NoVersions { record: false, id } => write!(f, "đơn vị {id} không có dữ liệu")?,
                    Damage::ProgrammeGone(id) => write!(f, "chương trình {id} không còn trong ứng dụng")?,
                }
                f.write_str(").")
            }
            DecodeError::Newer(v) => write!(
                f,
                "Dữ liệu đã lưu do một phiên bản mới hơn của ứng dụng ghi (lược đồ {v}); hãy tải lại trang để dùng phiên bản mới."
            ),
        }
    }
}
