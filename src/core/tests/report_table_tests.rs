//! The tables for Excel, read back as a spreadsheet program would: the CSV
//! with an RFC 4180 reader written here, the .xlsx with calamine.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, TaskStatus, Value};
use crate::core::progress::{self, Measure};
use crate::core::report::csv::Separator;
use crate::core::report::table::{self, Cell};
use crate::core::report_texts::Field;
use crate::core::report::{self, end_of_day_ms};
use crate::core::screen::Env;
use crate::core::state::{Action, Change, State, COMMUNE_ID};
use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;
use std::io::Read;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn noon(y: i32, m: u32, day: u32) -> i64 {
    end_of_day_ms(d(y, m, day), 420) + 1 - 12 * 3_600_000
}

fn env() -> Env {
    Env { now_ms: noon(2027, 1, 10), today: d(2027, 1, 10), tz_offset_min: 420 }
}

const TRICKY: &str = "Họp ngày 05/12; ý kiến \"rất tốt\"\nDòng hai, có dấu phẩy";

fn set(s: &mut State, unit: &str, item: &str, year: Option<i32>, entry: Entry, at: i64) {
    s.apply(Action::SetEntry { key: RecordKey { unit: unit.into(), item: item.into(), year }, entry }, at).unwrap();
}

/// Data of 2025 and 2026 of every kind: done, counts with names, ratios,
/// grades, amounts and counts logged, task statuses, report texts.
fn filled() -> (State, Vec<String>) {
    let mut s = fresh("may-xa");
    let ids: Vec<String> = (1..=3).map(|n| add_area(&mut s, &format!("Thôn {n}"), T0 + n)).collect();
    s.apply(Action::FinishSetup, T0 + 10).unwrap();
    let mut b = s.clone();
    b.local.device = "may-thon-2".into();
    for (y, at) in [(2025, noon(2025, 11, 18)), (2026, noon(2026, 11, 18))] {
        s.apply(done(&ids[0], "ngay-hoi", y), at).unwrap();
        b.apply(done(&ids[1], "ngay-hoi", y), at).unwrap();
        let ratio = Entry { value: Value::Ratio { n: 67, of: 70 }, note: TRICKY.into(), date: Some(d(y, 2, 5)), ..Entry::empty() };
        set(&mut s, &ids[0], "tham-ho-ngheo", Some(y), ratio, at + 1);
        set(&mut s, &ids[1], "tham-ho-ngheo", Some(y), Entry { value: Value::Ratio { n: 1999, of: 2000 }, ..Entry::empty() }, at + 2);
        let works = Entry { value: Value::Count { count: 2 }, names: vec!["Đường bê tông".into(), "Nhà văn hóa; sân".into()], ..Entry::empty() };
        set(&mut s, &ids[0], "cong-trinh", Some(y), works, at + 3);
        set(&mut s, &ids[0], "xep-loai-bctmt", Some(y), Entry { value: Value::Grade { grade: "tot".into() }, ..Entry::empty() }, at + 4);
        let fund = Entry { value: Value::Amount { dong: 12_500_000 }, date: Some(d(y, 10, 1)), ..Entry::empty() };
        s.apply(Action::AddEvent { unit: ids[2].clone(), item: "quy-vi-nguoi-ngheo".into(), year: y, entry: fund }, at + 5).unwrap();
        let supervision = Entry { value: Value::Count { count: 1 }, ..Entry::empty() };
        s.apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "giam-sat".into(), year: y, entry: supervision }, at + 6).unwrap();
    }
    let task = s.book.programme.parts[0].tasks[0].id.clone();
    set(&mut s, COMMUNE_ID, &task, Some(2026), Entry { value: Value::Status { status: TaskStatus::Done }, ..Entry::empty() }, noon(2026, 12, 1));
    s.apply(Action::Edit { key: Field::Recipients.key(COMMUNE_ID), change: Change::Note("- Như trên;\n- Lưu: VT.".into()) }, noon(2026, 12, 2)).unwrap();
    s.book.merge(&b.book);
    (s, ids)
}

/// A small RFC 4180 reader: fields separated by `sep`, records by CRLF,
/// quoted fields may hold `sep`, CR, LF and doubled quotes.
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => panic!("a quote inside an unquoted field: {field:?}"),
            c if c == sep => {
                row.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR ends no line");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            '\n' => panic!("a line ended by LF alone"),
            _ => {
                field.push(c);
                at_start = false;
            }
        }
    }
    assert!(!quoted, "an unterminated quote");
    assert!(row.is_empty() && field.is_empty(), "the last line ends with CRLF");
    rows
}

fn column(rows: &[Vec<String>], head: &str) -> usize {
    rows[0].iter().position(|h| h == head).unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]))
}

#[test]
fn records_csv_opens_in_excel_with_vietnamese_text_intact() {
    let (s, ids) = filled();
    let text = report::records_csv(&s, &env(), Separator::Semicolon);
    assert!(text.starts_with('\u{feff}'), "a byte-order mark");
    assert!(!text.starts_with("\u{feff}sep="), "no sep= line: Excel would ignore the mark");
    let body = text.strip_prefix('\u{feff}').unwrap();
    let rows = parse_csv(body, ';');
    assert_eq!(
        rows[0],
        vec![
            "Đơn vị",
            "Loại đơn vị",
            "Chỉ tiêu",
            "Nội dung",
            "Năm",
            "Giá trị",
            "Số lượng, số tiền",
            "Tỷ lệ (%)",
            "Ngày",
            "Ghi chú",
            "Người sửa cuối",
            "Thời gian sửa"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every line has every field");
    // Every record with a value is there, once.
    let with_value = s.book.records.values().filter(|r| !r.entry().is_empty()).count();
    assert_eq!(rows.len() - 1, with_value);
    let (unit, what, year, value, number, ratio, date, note, who, when) = (
        column(&rows, "Đơn vị"),
        column(&rows, "Nội dung"),
        column(&rows, "Năm"),
        column(&rows, "Giá trị"),
        column(&rows, "Số lượng, số tiền"),
        column(&rows, "Tỷ lệ (%)"),
        column(&rows, "Ngày"),
        column(&rows, "Ghi chú"),
        column(&rows, "Người sửa cuối"),
        column(&rows, "Thời gian sửa"),
    );
    let find = |u: &str, item: &str, y: &str| {
        rows.iter().find(|r| r[unit] == u && r[what].starts_with(item) && r[year] == y).unwrap_or_else(|| panic!("{u} {item} {y}"))
    };
    let r = find("Thôn 1", "Thăm hỏi, tặng quà", "2026");
    assert_eq!(r[note], TRICKY, "a note with ; \" and a line break comes back whole");
    assert_eq!((r[value].as_str(), r[ratio].as_str(), r[number].as_str()), ("67/70", "95,7", ""));
    assert_eq!(r[date], "05/02/2026");
    assert_eq!((r[who].as_str(), r[when].as_str()), ("máy này", "18/11/2026 12:00"));
    let r = find("Thôn 2", "Thăm hỏi, tặng quà", "2026");
    assert_eq!(r[ratio], "99,9", "1999/2000 never reads as 100");
    let r = find("Thôn 2", "Tổ chức Ngày hội", "2025");
    assert_eq!((r[value].as_str(), r[who].as_str()), ("Đã thực hiện", "máy may-thon-2"));
    let r = find("Thôn 1", "Công trình", "2025");
    assert_eq!((r[value].as_str(), r[number].as_str()), ("2: Đường bê tông, Nhà văn hóa; sân", "2"));
    let r = find("Thôn 3", "Vận động Quỹ", "2026");
    assert_eq!((r[value].as_str(), r[number].as_str(), r[date].as_str()), ("12.500.000 đồng", "12500000", "01/10/2026"));
    let r = find("Thôn 1", "Xếp loại", "2026");
    assert_eq!(r[value], "Hoàn thành tốt nhiệm vụ");
    let r = find("Ủy ban MTTQ xã Hà Hải", "Nơi nhận", "Cả nhiệm kỳ");
    assert_eq!(r[note], " - Như trên;\n- Lưu: VT.", "a text Excel would read as a formula starts with a space");
    assert_eq!(r[column(&rows, "Chỉ tiêu")], "Báo cáo");
    let task = s.book.programme.parts[0].tasks[0].text.clone();
    let r = find("Ủy ban MTTQ xã Hà Hải", &task, "2026");
    assert_eq!((r[value].as_str(), r[column(&rows, "Chỉ tiêu")].as_str()), ("Hoàn thành", "Chương trình hành động 1"));
    // The commune first, then the areas in order, then the organisations.
    assert_eq!(rows[1][unit], "Ủy ban MTTQ xã Hà Hải");
    let areas: Vec<&str> = rows.iter().skip(1).map(|r| r[unit].as_str()).filter(|u| u.starts_with("Thôn")).collect();
    assert!(areas.windows(2).all(|w| w[0] <= w[1]), "{areas:?}");
    // Lines end with CRLF, and only quoted fields hold line breaks.
    assert!(body.ends_with("\r\n"));
    assert_eq!(body.matches("\r\n").count(), rows.len(), "one CRLF per line: the notes' line breaks are LF inside quotes");
    let _ = ids;
}

#[test]
fn a_comma_separated_csv_uses_decimal_points_and_quotes_commas() {
    let (s, _) = filled();
    let text = report::records_csv(&s, &env(), Separator::Comma);
    let rows = parse_csv(text.strip_prefix('\u{feff}').unwrap(), ',');
    assert_eq!(rows[0][6], "Số lượng, số tiền", "a head with a comma is quoted");
    assert!(text.contains("\"Số lượng, số tiền\""));
    let ratio = column(&rows, "Tỷ lệ (%)");
    assert!(rows.iter().any(|r| r[ratio] == "95.7"), "decimal point with commas");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let note = column(&rows, "Ghi chú");
    assert!(rows.iter().any(|r| r[note] == TRICKY));
}

#[test]
fn results_csv_gives_the_numbers_of_the_overview_for_every_year() {
    let (s, _) = filled();
    let e = env();
    let text = report::results_csv(&s, &e, Separator::Semicolon);
    let rows = parse_csv(text.strip_prefix('\u{feff}').unwrap(), ';');
    assert_eq!(
        rows[0],
        vec!["Năm", "Chỉ tiêu", "Mã", "Mốc đo", "Mức cần đạt", "Kết quả", "Đạt được", "Trên tổng số, mục tiêu", "Tỷ lệ (%)", "Đánh giá", "Còn thiếu"]
    );
    let years: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).fold(Vec::new(), |mut v, y| {
        if v.last() != Some(&y) {
            v.push(y);
        }
        v
    });
    assert_eq!(years, vec!["2024", "2025", "2026", "2027", "Cả nhiệm kỳ"], "the years begun by 10/01/2027, then the term");
    // Nothing was written after 2026 and today is in 2027: 2026's figures
    // are the overview's. For 2025, those of 2025's own data: the same for
    // yearly targets; for targets over several years, the cumulative state
    // at the end of 2025 that the overview's strip shows (not today's total).
    let overview = progress::compute(&s.book, e.today);
    for y in [2025, 2026] {
        for t in &overview {
            let f = match y {
                2025 if t.target.rule.period() != crate::core::programme::Period::EachYear => {
                    &t.years.iter().find(|(year, _)| *year == 2025).unwrap().1
                }
                _ => t.shown(y),
            };
            let r = rows.iter().find(|r| r[0] == y.to_string() && r[2] == t.target.id).unwrap();
            assert_eq!((r[5].as_str(), r[9].as_str()), (f.text().as_str(), f.status.label()), "{} {y}", t.target.id);
            let shown = report::percent_shown(f);
            assert_eq!(r[8], shown.trim_end_matches(" %").replace('.', ""), "{} {y}", t.target.id);
            let (got, of) = match f.measure {
                Measure::Units { did, of } => (did.to_string(), of.to_string()),
                Measure::Grades { at_or_above, of, .. } => (at_or_above.to_string(), of.to_string()),
                Measure::Sum { sum, goal, .. } => (sum.to_string(), goal.to_string()),
                Measure::Ratio { entered: 0, .. } | Measure::NoItem => (String::new(), String::new()),
                Measure::Ratio { n, of, .. } => (n.to_string(), of.to_string()),
                Measure::Years { met, counted } => (met.to_string(), counted.to_string()),
            };
            assert_eq!((r[6].clone(), r[7].clone()), (got, of), "{} {y}", t.target.id);
        }
    }
    let r = rows.iter().find(|r| r[0] == "2025" && r[2] == "5a").unwrap();
    assert_eq!((r[5].as_str(), r[6].as_str(), r[7].as_str()), ("12.500.000 đồng", "12500000", "20000000"), "2025's fund by the end of 2025");
    let r = rows.iter().find(|r| r[0] == "2026" && r[2] == "5c").unwrap();
    assert_eq!((r[5].as_str(), r[6].as_str(), r[7].as_str(), r[8].as_str()), ("99,8 % (2066/2070)", "2066", "2070", "99,8"));
    let term = rows.iter().find(|r| r[0] == "Cả nhiệm kỳ" && r[2] == "3a").unwrap();
    assert_eq!(term[5], overview.iter().find(|t| t.target.id == "3a").unwrap().term.text());
}

#[test]
fn tables_name_their_files() {
    let (s, _) = filled();
    let t = table::records_table(&s, &env());
    assert_eq!(table::file_name(&s.book, &t, d(2027, 1, 10), "csv"), "sotay-ha-hai-so-lieu-2027-01-10.csv");
    let t = table::results_table(&s, &env());
    assert_eq!(table::file_name(&s.book, &t, d(2027, 1, 10), "xlsx"), "sotay-ha-hai-ket-qua-chi-tieu-2027-01-10.xlsx");
}

fn open(bytes: &[u8]) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

/// A part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = zip.by_name(name).unwrap();
    let mut text = String::new();
    f.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_workbook_reads_back_with_numbers_as_numbers_and_dates_as_dates() {
    let (s, _) = filled();
    let e = env();
    let bytes = report::workbook(&s, &e);
    assert_eq!(&bytes[..2], b"PK", "a zip");
    assert_eq!(report::workbook(&s, &e), bytes, "the same data gives the same bytes");
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), vec!["Số liệu", "Kết quả chỉ tiêu"]);
    let records = book.worksheet_range("Số liệu").unwrap();
    let expected = table::records_table(&s, &e);
    assert_eq!(records.height(), expected.rows.len() + 1);
    let heads: Vec<String> = records.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(heads, expected.columns.iter().map(|c| c.title.clone()).collect::<Vec<_>>());
    // Every cell, as its type says.
    for (row, cells) in records.rows().skip(1).zip(&expected.rows) {
        for (got, want) in row.iter().zip(cells) {
            match want {
                Cell::Empty => assert_eq!(got, &Data::Empty),
                Cell::Text(t) => assert_eq!(got, &Data::String(t.clone())),
                Cell::Int(n) | Cell::Amount(n) => assert_eq!(got, &Data::Float(*n as f64)),
                Cell::Percent(p) => assert_eq!(got, &Data::Float(*p)),
                Cell::Date(d) => {
                    assert!(matches!(got, Data::DateTime(_)), "{got:?}");
                    assert_eq!(got.as_datetime().unwrap().date(), *d);
                }
                Cell::Time(t) => {
                    assert!(matches!(got, Data::DateTime(_)), "{got:?}");
                    assert_eq!(got.as_datetime().unwrap(), *t);
                }
            }
        }
    }
    let notes = records.rows().filter(|r| r.iter().any(|c| c == &Data::String(TRICKY.into()))).count();
    assert_eq!(notes, 2, "the tricky note of 2025 and of 2026");
    let amount = records.rows().find(|r| r[5] == Data::String("12.500.000 đồng".into())).unwrap();
    assert_eq!(amount[6], Data::Float(12_500_000.0));
    // Formats: amounts with thousands, dates as dd/mm/yyyy; the head row frozen.
    let styles = part(&bytes, "xl/styles.xml");
    // "#,##0" is Excel's built-in format 3, named by number.
    assert!(styles.contains("numFmtId=\"3\"") || styles.contains("formatCode=\"#,##0\""), "{styles}");
    assert!(styles.contains("formatCode=\"dd/mm/yyyy\""));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), "{}", &sheet[..600]);
    assert!(sheet.contains("<col min=\"1\" max=\"1\" width="), "column widths are set");

    let results = book.worksheet_range("Kết quả chỉ tiêu").unwrap();
    let overview = progress::compute(&s.book, e.today);
    let f = overview.iter().find(|t| t.target.id == "5a").unwrap().shown(2026);
    let row = results.rows().find(|r| r[0] == Data::Float(2026.0) && r[2] == Data::String("5a".into())).unwrap();
    assert_eq!(row[5], Data::String(f.text()));
    assert_eq!((row[6].clone(), row[7].clone()), (Data::Float(25_000_000.0), Data::Float(20_000_000.0)));
    assert_eq!(row[8], Data::Float(125.0));
    let term = results.rows().find(|r| r[0] == Data::String("Cả nhiệm kỳ".into()) && r[2] == Data::String("3a".into())).unwrap();
    assert_eq!(term[9], Data::String(overview.iter().find(|t| t.target.id == "3a").unwrap().term.status.label().into()));
}

#[test]
fn an_empty_book_still_makes_both_tables() {
    let s = fresh("may-xa");
    let e = Env { now_ms: T0 + 5, today: d(2024, 10, 21), tz_offset_min: 420 };
    let csv = report::records_csv(&s, &e, Separator::Semicolon);
    assert_eq!(parse_csv(csv.strip_prefix('\u{feff}').unwrap(), ';').len(), 1, "the heads only");
    let bytes = report::workbook(&s, &e);
    let mut book = open(&bytes);
    assert_eq!(book.worksheet_range("Số liệu").unwrap().height(), 1);
    assert!(book.worksheet_range("Kết quả chỉ tiêu").unwrap().height() > 1, "2024 has begun on adoption day");
}


#[path = "../../../examples/common/fixtures.rs"]
mod fixtures;

/// A 60-area commune at the end of its term, with its history (the storage
/// benchmark's fixture, 4 986 records): the stored (uncompressed) workbook
/// is about 2.0 MB, its records CSV 1.6 MB.
#[test]
fn a_large_book_makes_a_workbook_of_reasonable_size() {
    let s = fixtures::end_of_term_commune(60);
    let e = Env { now_ms: noon(2030, 1, 5), today: d(2030, 1, 5), tz_offset_min: 420 };
    let records = table::records_table(&s, &e);
    let bytes = report::workbook(&s, &e);
    let csv = report::records_csv(&s, &e, Separator::Semicolon);
    println!("{} records: xlsx {} bytes, records CSV {} bytes", records.rows.len(), bytes.len(), csv.len());
    assert!(records.rows.len() > 4_000, "{}", records.rows.len());
    assert!(bytes.len() < 3 * 1024 * 1024, "{} bytes", bytes.len());
    let mut book = open(&bytes);
    assert_eq!(book.worksheet_range("Số liệu").unwrap().height(), records.rows.len() + 1);
    assert_eq!(book.worksheet_range("Kết quả chỉ tiêu").unwrap().height(), table::results_table(&s, &e).rows.len() + 1);
}

