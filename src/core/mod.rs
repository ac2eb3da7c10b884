//! The pure domain core: no leptos, web-sys, js-sys or gloo in here.
//! Everything takes `today` / `now_ms` and the device id as arguments.

pub mod book;
pub mod clock;
pub mod codec;
pub mod editor;
pub mod error;
pub mod file;
pub mod float;
pub mod json;
pub mod programme;
pub mod progress;
pub mod recognise;
pub mod report;
pub mod report_texts;
pub mod screen;
pub mod state;
pub mod stored;
pub mod text;
pub mod workflow;

#[cfg(test)]
mod tests;

use programme::Programme;

/// A field a flat JSON shape needs for its kind (see `book::Value`), with
/// serde's "missing field" said in Vietnamese.
pub(crate) fn required<T>(v: Option<T>, field: &str) -> Result<T, String> {
    v.ok_or_else(|| problem(missing(field)))
}

/// "A field is missing", in Vietnamese.
pub(crate) fn missing(field: &str) -> String {
    format!("thiếu trường bắt buộc “{field}”")
}

thread_local! {
    /// The last Vietnamese problem our own deserialising code reported, so
    /// that a parse error can say it without reading serde's English text.
    static PROBLEM: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Notes a problem found while deserialising (see [`take_problem`]) and returns it.
pub(crate) fn problem(message: String) -> String {
    PROBLEM.with(|p| *p.borrow_mut() = Some(message.clone()));
    message
}

/// The problem noted since the last call, if any: after a failed parse, the
/// Vietnamese reason our code gave; None when serde itself refused.
pub(crate) fn take_problem() -> Option<String> {
    PROBLEM.with(|p| p.borrow_mut().take())
}

/// The id of the embedded default programme.
pub const DEFAULT_PROGRAMME_ID: &str = "ha-hai-2024-2029";

/// The embedded default programme file (xã Hà Hải, 2024-2029), as written.
const PROGRAMME_FILE: &str = include_str!("../data/ha-hai-2024-2029.json");
const PROGRAMME_COMPACT: ([u8; PROGRAMME_FILE.len()], usize) = json::compact(PROGRAMME_FILE.as_bytes());

/// The embedded default programme file, without the whitespace between its
/// values: 5 KB less in every page's wasm (0.3 KB gzip).
pub const DEFAULT_PROGRAMME_JSON: &str = match std::str::from_utf8(PROGRAMME_COMPACT.0.split_at(PROGRAMME_COMPACT.1).0) {
    Ok(text) => text,
    Err(_) => panic!("the embedded programme is UTF-8"),
};

/// The embedded default programme.
pub fn default_programme() -> Programme {
    // No `expect`: it would carry the errors' Debug code into every page.
    let Ok(root) = json::parse(DEFAULT_PROGRAMME_JSON) else { panic!("the embedded programme is JSON") };
    let Ok(programme) = json::Fields::of(&root).and_then(|f| f.req("programme")) else { panic!("the embedded programme reads") };
    programme
}

/// A stable sort of `v` by `cmp`. Every call shares one instance of the
/// standard library's sort (on indices) instead of each element type and
/// closure getting its own: each instance is about 4 KB of wasm.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[inline(never)]
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod sort_tests {
    #[test]
    fn sort_by_is_stable() {
        let mut v: Vec<(u8, usize)> = [3u8, 1, 3, 2, 1, 3].iter().enumerate().map(|(i, k)| (*k, i)).collect();
        super::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, vec![(1, 1), (1, 4), (2, 3), (3, 0), (3, 2), (3, 5)]);
        let mut empty: Vec<u8> = vec![];
        super::sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}

#[cfg(test)]
mod programme_file_tests {
    #[test]
    fn the_embedded_programme_is_the_file_without_its_whitespace() {
        let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(value(super::DEFAULT_PROGRAMME_JSON), value(super::PROGRAMME_FILE));
        assert!(super::DEFAULT_PROGRAMME_JSON.len() + 4000 < super::PROGRAMME_FILE.len());
        assert!(!super::DEFAULT_PROGRAMME_JSON.contains(['\n', '\t']), "no line breaks or tabs left");
    }

    #[test]
    fn compact_keeps_whitespace_and_escapes_inside_strings() {
        let (bytes, n) = super::json::compact::<64>(b"{ \"a b\" :\n\t[1, \"x\\\" y\", \"\\\\\" ] }\r\n");
        assert_eq!(std::str::from_utf8(&bytes[..n]).unwrap(), r#"{"a b":[1,"x\" y","\\"]}"#);
    }
}
