//! The tables as an .xlsx workbook (with `rust_xlsxwriter`): a sheet per
//! table, Vietnamese heads in bold on a frozen first row, columns as wide
//! as their contents, numbers stored as numbers, amounts with a thousands
//! format, dates and times stored as dates. Unlike a CSV file it opens the
//! same in every Excel, whatever the language of Windows.

use super::table::{Cell, Table};
use chrono::{Datelike, NaiveDate, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use std::fmt;

/// Why no workbook was made (a table the format cannot hold).
#[derive(Clone, Debug, PartialEq)]
pub struct XlsxWriteError(String);

impl fmt::Display for XlsxWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Không tạo được tệp Excel: {}.", self.0)
    }
}

impl std::error::Error for XlsxWriteError {}

impl From<XlsxError> for XlsxWriteError {
    // The writer's own text is English: kept only as a technical detail.
    fn from(e: XlsxError) -> Self {
        XlsxWriteError(format!("lỗi của bộ ghi tệp ({e})"))
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxWriteError> {
    // Excel's dates start in 1900; a record's date is inside the term.
    let year = u16::try_from(d.year()).map_err(|_| XlsxWriteError(format!("năm {} không ghi được", d.year())))?;
    Ok(ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?)
}

/// A workbook of `tables`, a sheet each, in order. `now_ms` is written as
/// its creation time (so that the same data gives the same bytes).
pub fn write(tables: &[Table], now_ms: i64) -> Result<Vec<u8>, XlsxWriteError> {
    let mut book = Workbook::new();
    if let Some(now) = chrono::DateTime::from_timestamp_millis(now_ms).map(|t| t.naive_utc()) {
        let created = excel_date(now.date())?.and_hms(now.hour() as u16, now.minute() as u8, now.second())?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let head = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let amount = Format::new().set_num_format("#,##0");
    let whole = Format::new().set_num_format("0");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name)?;
        for (c, column) in table.columns.iter().enumerate() {
            let c = c as u16;
            sheet.set_column_width(c, column.width)?;
            sheet.write_string_with_format(0, c, &column.title, &head)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    Cell::Int(n) => {
                        sheet.write_number_with_format(r, c, *n as f64, &whole)?;
                    }
                    Cell::Amount(n) => {
                        sheet.write_number_with_format(r, c, *n as f64, &amount)?;
                    }
                    Cell::Percent(p) => {
                        sheet.write_number(r, c, *p)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                    }
                    Cell::Time(t) => {
                        let at = excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())?;
                        sheet.write_datetime_with_format(r, c, at, &time)?;
                    }
                }
            }
        }
    }
    Ok(book.save_to_buffer()?)
}
