//! The tables as an .xlsx workbook, written here: a sheet per table,
//! Vietnamese heads in bold on a frozen first row, columns as wide as their
//! contents, numbers stored as numbers, amounts with a thousands format,
//! dates and times stored as dates. Unlike a CSV file it opens the same in
//! every Excel, whatever the language of Windows.
//!
//! Written by hand rather than with `rust_xlsxwriter`, which did the same
//! but added 214 KB gzip to the page's wasm (485 KB raw, after wasm-opt):
//! these tables need only cells of five kinds and six styles. The parts are
//! the least SpreadsheetML that Excel opens (ECMA-376 part 1, the element
//! order of each part as the schema fixes it), in a zip whose entries are
//! stored, not compressed: a deflater would cost the wasm more than the
//! bytes it saves on a file made on the phone and opened on a computer (a
//! 60-area commune at the end of its term: 2.0 MB, its CSV 1.6 MB; see the
//! test `a_large_book_makes_a_workbook_of_reasonable_size`).

use super::table::{Cell, Table};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Styles, by their index in `cellXfs` (see [`STYLES`]).
const HEAD: u8 = 1;
const WHOLE: u8 = 2;
const AMOUNT: u8 = 3;
const DATE: u8 = 4;
const TIME: u8 = 5;

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="6">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
);

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Text as XML character data (and attribute values): `&`, `<`, `>` and `"`
/// escaped; characters XML 1.0 cannot hold (controls but tab and line
/// breaks) written as Excel's `_xHHHH_`, and a literal `_x` that would
/// read as one escaped as `_x005F_x`.
fn escape(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            '_' if looks_escaped(rest) => out.push_str("_x005F_"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// Whether `s` starts with `_xHHHH_`.
fn looks_escaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// "A", "B", … "Z", "AA": a column's letters (0-based).
fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// Excel's serial day of a date (1 = 1900-01-01, with its 1900 leap day:
/// days since 1899-12-30 for every date from March 1900 on).
fn serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    (d - epoch).num_days()
}

/// `units` × 10^-`decimals` in decimal, without trailing zeros ("66.6",
/// "100"): integer arithmetic only, as float formatting would weigh about
/// 15 KB on the wasm.
fn decimal(out: &mut String, units: i128, decimals: u32) {
    let scale = 10i128.pow(decimals);
    if units < 0 {
        out.push('-');
    }
    let (whole, mut frac) = (units.abs() / scale, units.abs() % scale);
    let _ = write!(out, "{whole}");
    if frac != 0 {
        let mut digits = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, ".{frac:0digits$}");
    }
}

/// A shown percentage (at most 4 decimals, see `text::percent_near`).
fn percent(out: &mut String, p: f64) {
    decimal(out, (p * 10_000.0).round() as i128, 4);
}

/// A moment as Excel's serial number: days, and the time as a fraction of
/// a day to 11 decimals (within a microsecond).
fn moment(out: &mut String, t: NaiveDateTime) {
    const DAY: i128 = 86_400;
    let seconds = serial(t.date()) as i128 * DAY + t.num_seconds_from_midnight() as i128;
    decimal(out, (seconds * 100_000_000_000 + DAY / 2) / DAY, 11);
}

/// The texts of every sheet, each once (the shared-strings part).
#[derive(Default)]
struct Strings {
    index: BTreeMap<String, usize>,
    list: Vec<String>,
    uses: usize,
}

impl Strings {
    fn id(&mut self, s: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.index.insert(s.to_string(), self.list.len());
        self.list.push(s.to_string());
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut out = String::from(XML_HEAD);
        let _ = write!(out, r#"<sst xmlns="{MAIN_NS}" count="{}" uniqueCount="{}">"#, self.uses, self.list.len());
        for s in &self.list {
            // Spaces at either end, and line breaks, are kept only when asked.
            let keep = s.starts_with([' ', '\t', '\n']) || s.ends_with([' ', '\t', '\n']) || s.contains('\n');
            out.push_str(if keep { r#"<si><t xml:space="preserve">"# } else { "<si><t>" });
            escape(&mut out, s);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

fn sheet_xml(table: &Table, first: bool, strings: &mut Strings) -> String {
    let mut out = String::from(XML_HEAD);
    let _ = write!(out, r#"<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">"#);
    let last = column_letters(table.columns.len().max(1) - 1);
    let _ = write!(out, r#"<dimension ref="A1:{last}{}"/>"#, table.rows.len() + 1);
    let selected = if first { r#" tabSelected="1""# } else { "" };
    let _ = write!(
        out,
        r#"<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#
    );
    out.push_str(r#"<sheetFormatPr defaultRowHeight="15"/>"#);
    if !table.columns.is_empty() {
        out.push_str("<cols>");
        for (c, column) in table.columns.iter().enumerate() {
            let _ = write!(out, r#"<col min="{0}" max="{0}" width="{1}" customWidth="1"/>"#, c + 1, column.width);
        }
        out.push_str("</cols>");
    }
    out.push_str("<sheetData>");
    let heads: Vec<Cell> = table.columns.iter().map(|c| Cell::Text(c.title.clone())).collect();
    for (r, row) in std::iter::once(&heads).chain(&table.rows).enumerate() {
        let r = r + 1;
        let _ = write!(out, r#"<row r="{r}">"#);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{r}", column_letters(c));
            let style = |s: u8| if s == 0 { String::new() } else { format!(r#" s="{s}""#) };
            let head = if r == 1 { HEAD } else { 0 };
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let _ = write!(out, r#"<c r="{at}"{} t="s"><v>{}</v></c>"#, style(head), strings.id(t));
                }
                Cell::Int(n) => {
                    let _ = write!(out, r#"<c r="{at}"{}><v>{n}</v></c>"#, style(WHOLE));
                }
                Cell::Amount(n) => {
                    let _ = write!(out, r#"<c r="{at}"{}><v>{n}</v></c>"#, style(AMOUNT));
                }
                Cell::Percent(p) => {
                    let _ = write!(out, r#"<c r="{at}"><v>"#);
                    percent(&mut out, *p);
                    out.push_str("</v></c>");
                }
                Cell::Date(d) => {
                    let _ = write!(out, r#"<c r="{at}"{}><v>{}</v></c>"#, style(DATE), serial(*d));
                }
                Cell::Time(t) => {
                    let _ = write!(out, r#"<c r="{at}"{}><v>"#, style(TIME));
                    moment(&mut out, *t);
                    out.push_str("</v></c>");
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str(r#"</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#);
    out
}

/// A workbook of `tables`, a sheet each, in order. `now_ms` is written as
/// the entries' modification time (so that the same data gives the same bytes).
pub fn write(tables: &[Table], now_ms: i64) -> Vec<u8> {
    let mut strings = Strings::default();
    let sheets: Vec<String> = tables.iter().enumerate().map(|(k, t)| sheet_xml(t, k == 0, &mut strings)).collect();
    let n = tables.len();

    let mut types = String::from(XML_HEAD);
    types.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#);
    types.push_str(r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#);
    types.push_str(r#"<Default Extension="xml" ContentType="application/xml"/>"#);
    types.push_str(r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#);
    for k in 1..=n {
        let _ = write!(
            types,
            r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    types.push_str(r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#);
    types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
    types.push_str("</Types>");

    let mut root = String::from(XML_HEAD);
    let _ = write!(
        root,
        r#"<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );

    let mut workbook = String::from(XML_HEAD);
    let _ = write!(workbook, r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets>"#);
    for (k, t) in tables.iter().enumerate() {
        workbook.push_str("<sheet name=\"");
        escape(&mut workbook, &t.name);
        let _ = write!(workbook, r#"" sheetId="{0}" r:id="rId{0}"/>"#, k + 1);
    }
    workbook.push_str("</sheets></workbook>");

    let mut rels = String::from(XML_HEAD);
    let _ = write!(rels, r#"<Relationships xmlns="{PKG_REL_NS}">"#);
    for k in 1..=n {
        let _ = write!(rels, r#"<Relationship Id="rId{k}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{k}.xml"/>"#);
    }
    let _ = write!(rels, r#"<Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/>"#, n + 1);
    let _ = write!(rels, r#"<Relationship Id="rId{}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>"#, n + 2);
    rels.push_str("</Relationships>");

    let mut zip = Zip::new(now_ms);
    zip.add("[Content_Types].xml", types.as_bytes());
    zip.add("_rels/.rels", root.as_bytes());
    zip.add("xl/workbook.xml", workbook.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    for (k, sheet) in sheets.iter().enumerate() {
        zip.add(&format!("xl/worksheets/sheet{}.xml", k + 1), sheet.as_bytes());
    }
    zip.add("xl/sharedStrings.xml", strings.xml().as_bytes());
    zip.finish()
}

/// CRC-32 (IEEE 802.3, as zip uses it), by a table made at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, b| CRC_TABLE[((c ^ *b as u32) & 0xff) as usize] ^ (c >> 8))
}

/// A zip archive whose entries are stored (method 0), as a package for
/// Office files needs nothing more.
struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    /// MS-DOS time and date of every entry.
    time: u16,
    date: u16,
}

impl Zip {
    fn new(now_ms: i64) -> Zip {
        let t = chrono::DateTime::from_timestamp_millis(now_ms).map(|t| t.naive_utc()).unwrap_or_default();
        let (year, month, day) = (chrono::Datelike::year(&t), chrono::Datelike::month(&t), chrono::Datelike::day(&t));
        // DOS dates run from 1980 to 2107.
        let (date, time) = if (1980..=2107).contains(&year) {
            (((year - 1980) as u16) << 9 | (month as u16) << 5 | day as u16, (t.hour() as u16) << 11 | (t.minute() as u16) << 5 | (t.second() / 2) as u16)
        } else {
            (1 << 5 | 1, 0)
        };
        Zip { out: Vec::new(), central: Vec::new(), entries: 0, time, date }
    }

    fn add(&mut self, name: &str, data: &[u8]) {
        let (crc, size, offset) = (crc32(data), data.len() as u32, self.out.len() as u32);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&10u16.to_le_bytes()); // version needed: 1.0
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            v.extend_from_slice(&self.time.to_le_bytes());
            v.extend_from_slice(&self.date.to_le_bytes());
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes()); // compressed
            v.extend_from_slice(&size.to_le_bytes()); // uncompressed
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        self.central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        common(&mut self.central);
        self.central.extend_from_slice(&0u16.to_le_bytes()); // comment
        self.central.extend_from_slice(&0u16.to_le_bytes()); // disk
        self.central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        self.central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let (start, size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // this disk, the central directory's disk
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_texts() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn columns_dates_and_escapes() {
        assert_eq!([0, 1, 25, 26, 27, 51, 52, 701, 702].map(column_letters), ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
        assert_eq!(serial(NaiveDate::from_ymd_opt(1900, 3, 1).unwrap()), 61);
        assert_eq!(serial(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap()), 46058);
        let mut s = String::new();
        escape(&mut s, "a<b & \"c\"\r\n\u{1}_x0041_ _xy");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot;&#13;\n_x0001__x005F_x0041_ _xy");
        let mut s = String::new();
        percent(&mut s, 66.6);
        s.push(' ');
        percent(&mut s, 100.0);
        s.push(' ');
        percent(&mut s, 99.005);
        s.push(' ');
        moment(&mut s, NaiveDate::from_ymd_opt(2026, 11, 18).unwrap().and_hms_opt(12, 0, 0).unwrap());
        s.push(' ');
        moment(&mut s, NaiveDate::from_ymd_opt(2026, 11, 18).unwrap().and_hms_opt(7, 30, 0).unwrap());
        assert_eq!(s, "66.6 100 99.005 46344.5 46344.3125");
    }
}
