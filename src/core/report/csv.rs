//! The tables as CSV files Excel opens as they are: UTF-8 with a byte-order
//! mark (without it Excel on Windows misreads Vietnamese), CRLF line ends,
//! RFC 4180 quoting, and `;` between fields by default (Vietnamese Windows
//! lists with `;` and writes decimals with `,`: a comma-separated file
//! opens in one column there). No `sep=` line: it makes Excel ignore the
//! byte-order mark.

use super::table::{Cell, Table};
use crate::core::text;
use chrono::Timelike;

/// What separates the fields of a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Separator {
    /// `;`, with decimal commas: what Excel expects on Vietnamese Windows.
    #[default]
    Semicolon,
    /// `,`, with decimal points: for English-language settings.
    Comma,
}

impl Separator {
    /// The separator itself.
    pub fn char(self) -> char {
        match self {
            Separator::Semicolon => ';',
            Separator::Comma => ',',
        }
    }

    fn decimal(self) -> char {
        match self {
            Separator::Semicolon => ',',
            Separator::Comma => '.',
        }
    }
}

/// One field, quoted when it holds the separator, a quote or a line break
/// (quotes doubled). A text that a spreadsheet would take for a formula
/// (starting with `=`, `+`, `-` or `@`, as "- Như trên;" does) gets a
/// leading space, so that it stays text.
fn field(out: &mut String, cell: &Cell, sep: Separator) {
    let plain = match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) if t.starts_with(['=', '+', '-', '@']) => format!(" {t}"),
        Cell::Text(t) => t.clone(),
        Cell::Int(n) | Cell::Amount(n) => n.to_string(),
        Cell::Percent(p) => {
            // The shown percentage has at most 4 decimals: print it exactly, without trailing zeros.
            let units = (p * 10_000.0).round() as i64;
            let mut s = format!("{}{}{:04}", units / 10_000, sep.decimal(), (units % 10_000).abs());
            while s.ends_with('0') {
                s.pop();
            }
            s.trim_end_matches(sep.decimal()).to_string()
        }
        Cell::Date(d) => text::date(*d),
        Cell::Time(t) => format!("{} {:02}:{:02}", text::date(t.date()), t.hour(), t.minute()),
    };
    if plain.contains([sep.char(), '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&plain.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&plain);
    }
}

/// The table as a CSV file: a byte-order mark, the heads, one line per row,
/// each line ended by CRLF.
pub fn write(table: &Table, sep: Separator) -> String {
    let mut out = String::from('\u{feff}');
    let heads: Vec<Cell> = table.columns.iter().map(|c| Cell::Text(c.title.clone())).collect();
    for row in std::iter::once(&heads).chain(&table.rows) {
        for (k, cell) in row.iter().enumerate() {
            if k > 0 {
                out.push(sep.char());
            }
            field(&mut out, cell, sep);
        }
        out.push_str("\r\n");
    }
    out
}
