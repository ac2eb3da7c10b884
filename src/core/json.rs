//! Minimal, small-code JSON: a strict RFC 8259 tree parser that keeps byte offsets, a
//! writer for strings and floats whose output is byte-identical to `serde_json::to_string`,
//! and the [`Read`] / [`Write`] traits (with [`Fields`] and [`Obj`]) that `codec` implements
//! for the stored state's types.
//!
//! Behaviour follows serde_json's defaults (checked against serde_json 1.0.154): numbers are
//! classified as it does (including `-0` being a float), lone surrogates are errors, float
//! overflow is an error, and nesting is limited exactly like serde_json's recursion limit
//! (127 nested arrays/objects parse, 128 fail). Floats are parsed correctly rounded (as
//! serde_json does with its `float_roundtrip` feature) and written, by `float`, without the
//! standard float parsing and formatting code, which would weigh on the wasm.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A parsed value and where it sits in the text (byte offsets). Strings without
/// escapes are borrowed from the text: reading a large stored state then
/// allocates once per string kept, not once per string and key seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// Offset of the value's first byte.
    pub at: usize,
    /// Offset just past the value's last byte (for an object: just past its `}`).
    pub end: usize,
    pub v: Json<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Num(Num),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    /// Members in the order written (duplicates kept as written).
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// A number as serde_json classifies it: a non-negative integer literal that fits u64 is `U`,
/// a negative integer literal that fits i64 is `I`, anything else (fraction, exponent, or an integer too big) is `F`.
/// Like serde_json, the literal `-0` is `F(-0.0)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

/// Where the text stops being JSON (byte offset of the offending byte, or text.len() at an unexpected end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
}

/// serde_json's recursion limit: this many nested arrays/objects is already an error.
const MAX_DEPTH: usize = 128;

/// Parser state. `peek` returns 0 at the end of input: a NUL byte is never valid where it is
/// checked either, and in both cases the error offset is simply `i`.
struct P<'a> {
    s: &'a str,
    i: usize,
    depth: usize,
}

impl<'a> P<'a> {
    fn err(&self) -> SyntaxError {
        SyntaxError { at: self.i }
    }

    fn peek(&self) -> u8 {
        self.s.as_bytes().get(self.i).copied().unwrap_or(0)
    }

    fn eat(&mut self, c: u8) -> Result<(), SyntaxError> {
        if self.peek() != c {
            return Err(self.err());
        }
        self.i += 1;
        Ok(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        self.ws();
        let at = self.i;
        let c = self.peek();
        let v = match c {
            b'"' => Json::Str(self.string()?),
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth >= MAX_DEPTH {
                    return Err(self.err());
                }
                self.i += 1;
                let close = c + 2; // `[`+2 is `]`, `{`+2 is `}`
                let (mut arr, mut obj) = (Vec::new(), Vec::new());
                self.ws();
                if self.peek() != close {
                    loop {
                        if c == b'[' {
                            arr.push(self.value()?);
                        } else {
                            self.ws();
                            let k = self.string()?;
                            self.ws();
                            self.eat(b':')?;
                            obj.push((k, self.value()?));
                        }
                        self.ws();
                        if self.peek() != b',' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                self.eat(close)?;
                self.depth -= 1;
                if c == b'[' {
                    Json::Arr(arr)
                } else {
                    Json::Obj(obj)
                }
            }
            b't' | b'f' | b'n' => {
                let word = match c {
                    b't' => "true",
                    b'f' => "false",
                    _ => "null",
                };
                for &b in word.as_bytes() {
                    self.eat(b)?;
                }
                if c == b'n' {
                    Json::Null
                } else {
                    Json::Bool(c == b't')
                }
            }
            _ => Json::Num(self.number()?),
        };
        Ok(Node { at, end: self.i, v })
    }

    fn digits(&mut self) -> Result<(), SyntaxError> {
        let start = self.i;
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        if self.i > start {
            Ok(())
        } else {
            Err(self.err())
        }
    }

    fn number(&mut self) -> Result<Num, SyntaxError> {
        let start = self.i;
        if self.peek() == b'-' {
            self.i += 1;
        }
        if self.peek() == b'0' {
            self.i += 1;
        } else {
            self.digits()?;
        }
        let int_end = self.i;
        if self.peek() == b'.' {
            self.i += 1;
            self.digits()?;
        }
        if (self.peek() | 0x20) == b'e' {
            self.i += 1;
            if matches!(self.peek(), b'+' | b'-') {
                self.i += 1;
            }
            self.digits()?;
        }
        let t = &self.s[start..self.i];
        if self.i == int_end {
            if let Ok(u) = t.parse::<u64>() {
                return Ok(Num::U(u));
            }
            // serde_json turns `-0` into the float -0.0.
            if let Some(i) = t.parse::<i64>().ok().filter(|&i| i != 0) {
                return Ok(Num::I(i));
            }
        }
        // serde_json rejects literals that overflow f64 ("number out of range").
        super::float::parse_f64(t).map(Num::F).ok_or(SyntaxError { at: start })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut u = 0;
        for _ in 0..4 {
            let d = (self.peek() as char).to_digit(16).ok_or(self.err())?;
            u = u * 16 + d;
            self.i += 1;
        }
        Ok(u)
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.eat(b'"')?;
        let text: &'a str = self.s;
        // Only a string with escapes is copied out.
        let mut owned: Option<String> = None;
        let mut run = self.i;
        loop {
            let c = self.peek();
            if c != b'"' && c != b'\\' && c >= 0x20 {
                self.i += 1;
                continue;
            }
            if c < 0x20 {
                return Err(self.err()); // raw control byte or end of input
            }
            let piece = &text[run..self.i];
            self.i += 1;
            if c == b'"' {
                return Ok(match owned {
                    None => Cow::Borrowed(piece),
                    Some(mut o) => {
                        o.push_str(piece);
                        Cow::Owned(o)
                    }
                });
            }
            let out = owned.get_or_insert_with(String::new);
            out.push_str(piece);
            let e = self.peek();
            self.i += 1;
            match b"\"\\/bfnrt".iter().position(|&b| b == e) {
                Some(k) => out.push(b"\"\\/\x08\x0c\n\r\t"[k] as char),
                None if e == b'u' => {
                    let mut u = self.hex4()?;
                    if (0xD800..0xDC00).contains(&u) {
                        self.eat(b'\\')?;
                        self.eat(b'u')?;
                        let lo = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(SyntaxError { at: self.i - 6 });
                        }
                        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    // A lone trailing surrogate is not a char: point at its `\u`.
                    out.push(char::from_u32(u).ok_or(SyntaxError { at: self.i - 6 })?);
                }
                None => return Err(SyntaxError { at: self.i - 1 }),
            }
            run = self.i;
        }
    }
}

/// Parses one JSON value; only JSON whitespace (space, \t, \n, \r) may surround it.
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut p = P {
        s: text,
        i: 0,
        depth: 0,
    };
    let node = p.value()?;
    p.ws();
    if p.i < text.len() {
        return Err(p.err());
    }
    Ok(node)
}

/// `text` without the whitespace between values, at compile time (for JSON
/// the app embeds): the bytes, then how many of them are used. `N` is at
/// least `text.len()`. Whitespace inside strings is kept; so is anything that
/// is not JSON, which the parser refuses as it would have.
pub const fn compact<const N: usize>(text: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n, mut in_string, mut escaped) = (0, 0, false, false);
    while i < text.len() {
        let b = text[i];
        let keep = if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            true
        } else {
            in_string = b == b'"';
            !matches!(b, b' ' | b'\t' | b'\n' | b'\r')
        };
        if keep {
            out[n] = b;
            n += 1;
        }
        i += 1;
    }
    (out, n)
}

/// 1-based line and 1-based column (counted in bytes, as serde_json does) of a byte offset.
/// Offsets past the end are clamped to `text.len()`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let b = &text.as_bytes()[..at.min(text.len())];
    let line_start = b.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
    let lines = b.iter().filter(|&&c| c == b'\n').count();
    (lines + 1, b.len() - line_start + 1)
}

/// Appends `s` as a JSON string literal exactly as serde_json writes it.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, &c) in s.as_bytes().iter().enumerate() {
        let esc = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(esc);
        if esc.len() == 4 {
            out.push(if c < 0x10 { '0' } else { '1' });
            out.push(b"0123456789abcdef"[(c & 15) as usize] as char);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends `x` exactly as serde_json::to_string writes an f64 (see `float`).
pub fn write_f64(out: &mut String, x: f64) {
    super::float::write_f64(out, x);
}

// ---- Reading values out of a tree, writing values as serde_json does ----

/// Where a value does not fit what is read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// Byte offset in the text.
    pub at: usize,
    pub reason: String,
}

/// A value read out of a parsed tree.
pub trait Read: Sized {
    fn read(n: &Node) -> Result<Self, Fault>;
}

/// A value written as serde_json writes it.
pub trait Write {
    fn write(&self, out: &mut String);
}

/// The JSON text of a value.
pub fn to_string<T: Write + ?Sized>(v: &T) -> String {
    let mut out = String::new();
    v.write(&mut out);
    out
}

/// Why a text could not be read: not JSON at all, or JSON of the wrong shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Syntax { at: usize },
    Shape(Fault),
}

/// Parses `text` and reads a `T` out of it.
pub fn from_str<T: Read>(text: &str) -> Result<T, Refusal> {
    let root = parse(text).map_err(|e| Refusal::Syntax { at: e.at })?;
    T::read(&root).map_err(Refusal::Shape)
}

pub(crate) fn wrong(at: usize, what: &str) -> Fault {
    Fault { at, reason: format!("giá trị sai kiểu (cần {what})") }
}

/// The members of an object, read field by field.
pub struct Fields<'a> {
    /// Where the object starts.
    pub at: usize,
    end: usize,
    members: &'a [(Cow<'a, str>, Node<'a>)],
}

impl<'a> Fields<'a> {
    pub fn of(node: &'a Node<'a>) -> Result<Fields<'a>, Fault> {
        match &node.v {
            Json::Obj(members) => Ok(Fields { at: node.at, end: node.end, members }),
            _ => Err(wrong(node.at, "một đối tượng")),
        }
    }

    /// The member named `key`. A name written twice is refused, as serde does.
    #[inline(never)]
    pub fn get(&self, key: &str) -> Result<Option<&'a Node<'a>>, Fault> {
        let mut found = self.members.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, n)| n);
        match found.next() {
            Some((_, again)) => Err(Fault { at: again.at, reason: format!("trường “{key}” viết hai lần") }),
            None => Ok(first),
        }
    }

    /// A field that must be there.
    pub fn req<T: Read>(&self, key: &str) -> Result<T, Fault> {
        match self.get(key)? {
            Some(n) => T::read(n),
            None => Err(self.missing(key)),
        }
    }

    /// `key` is missing: said at the end of the object.
    #[inline(never)]
    fn missing(&self, key: &str) -> Fault {
        Fault { at: self.end.saturating_sub(1), reason: super::missing(key) }
    }

    /// A field that may be missing or null.
    pub fn opt<T: Read>(&self, key: &str) -> Result<Option<T>, Fault> {
        match self.get(key)? {
            Some(n) => Option::<T>::read(n),
            None => Ok(None),
        }
    }

    /// A field that takes its default when missing (but not when null).
    pub fn def<T: Read + Default>(&self, key: &str) -> Result<T, Fault> {
        match self.get(key)? {
            Some(n) => T::read(n),
            None => Ok(T::default()),
        }
    }
}

/// Writes an object's members in order; keys are our own plain ASCII names.
pub struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    pub fn f<T: Write + ?Sized>(&mut self, key: &str, v: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        v.write(self.out);
        self
    }

    /// A field left out when `None`.
    pub fn some<T: Write>(&mut self, key: &str, v: &Option<T>) -> &mut Self {
        if let Some(v) = v {
            self.f(key, v);
        }
        self
    }

    /// A flag left out when false.
    pub fn flag(&mut self, key: &str, v: bool) -> &mut Self {
        if v {
            self.f(key, &v);
        }
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

// ---- Scalars ----

impl Read for bool {
    fn read(n: &Node) -> Result<bool, Fault> {
        match n.v {
            Json::Bool(b) => Ok(b),
            _ => Err(wrong(n.at, "đúng hoặc sai")),
        }
    }
}

impl Write for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// An integer in the range of `i64`, or (for `u64`) of `u64`.
fn integer(n: &Node) -> Result<i128, Fault> {
    match n.v {
        Json::Num(Num::U(u)) => Ok(u as i128),
        Json::Num(Num::I(i)) => Ok(i as i128),
        _ => Err(wrong(n.at, "một số nguyên")),
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(n: &Node) -> Result<$t, Fault> {
                <$t>::try_from(integer(n)?).map_err(|_| Fault { at: n.at, reason: "số nằm ngoài khoảng cho phép".to_string() })
            }
        }

        impl Write for $t {
            fn write(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

integers!(u32, u64, i32, i64, usize);

impl Read for f64 {
    fn read(n: &Node) -> Result<f64, Fault> {
        match n.v {
            Json::Num(Num::U(u)) => Ok(u as f64),
            Json::Num(Num::I(i)) => Ok(i as f64),
            Json::Num(Num::F(f)) => Ok(f),
            _ => Err(wrong(n.at, "một số")),
        }
    }
}

impl Write for f64 {
    fn write(&self, out: &mut String) {
        write_f64(out, *self);
    }
}

impl Read for String {
    fn read(n: &Node) -> Result<String, Fault> {
        match &n.v {
            Json::Str(s) => Ok(s.to_string()),
            _ => Err(wrong(n.at, "một chuỗi chữ")),
        }
    }
}

impl Write for String {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl Write for str {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

// ---- Containers ----

impl<T: Read> Read for Option<T> {
    fn read(n: &Node) -> Result<Option<T>, Fault> {
        match n.v {
            Json::Null => Ok(None),
            _ => T::read(n).map(Some),
        }
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

fn elements<'n, 'a>(n: &'n Node<'a>) -> Result<&'n [Node<'a>], Fault> {
    match &n.v {
        Json::Arr(items) => Ok(items),
        _ => Err(wrong(n.at, "một danh sách")),
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(n: &Node) -> Result<Vec<T>, Fault> {
        let items = elements(n)?;
        let mut v = Vec::with_capacity(items.len());
        for item in items {
            v.push(T::read(item)?);
        }
        Ok(v)
    }
}

impl<T: Write> Write for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write(out);
        }
        out.push(']');
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out);
    }
}

impl Read for [i32; 2] {
    fn read(n: &Node) -> Result<[i32; 2], Fault> {
        let at = n.at;
        let mut years = elements(n)?.iter();
        match (years.next(), years.next(), years.next()) {
            (Some(a), Some(b), None) => Ok([i32::read(a)?, i32::read(b)?]),
            _ => Err(Fault { at, reason: "giá trị sai kiểu (cần hai năm)".to_string() }),
        }
    }
}

impl<T: Read> Read for BTreeMap<String, T> {
    fn read(n: &Node) -> Result<BTreeMap<String, T>, Fault> {
        match &n.v {
            Json::Obj(members) => {
                let mut map = BTreeMap::new();
                for (k, v) in members {
                    map.insert(k.to_string(), T::read(v)?);
                }
                Ok(map)
            }
            _ => Err(wrong(n.at, "một đối tượng")),
        }
    }
}

impl<T: Write> Write for BTreeMap<String, T> {
    fn write(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(out, k);
            out.push(':');
            v.write(out);
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Converts our tree into a serde_json::Value (later duplicate keys win, as in serde_json).
    fn to_value(n: &Node) -> Value {
        match &n.v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Num(Num::U(u)) => Value::from(*u),
            Json::Num(Num::I(i)) => Value::from(*i),
            Json::Num(Num::F(f)) => Value::from(*f),
            Json::Str(s) => Value::String(s.to_string()),
            Json::Arr(a) => Value::Array(a.iter().map(to_value).collect()),
            Json::Obj(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.to_string(), to_value(v))).collect())
            }
        }
    }

    fn f64_str(x: f64) -> String {
        let mut s = String::new();
        write_f64(&mut s, x);
        s
    }

    fn arb_string() -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            4 => any::<char>(),
            2 => (0u8..0x20).prop_map(char::from),
            1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', 'é', '€', '😀', '\u{10FFFF}', '\u{2028}']),
            2 => prop::char::range('a', 'z'),
        ];
        prop::collection::vec(ch, 0..12).prop_map(|v| v.into_iter().collect())
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-1000i64..1000).prop_map(Value::from),
            any::<f64>().prop_map(Value::from), // non-finite becomes Null
            (-1e6f64..1e6).prop_map(Value::from),
            arb_string().prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 96, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((arb_string(), inner), 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        // Our parser is correctly rounded (`str::parse::<f64>`) and serde_json writes the
        // shortest round-trip form, so comparing with the original value is exact; we never
        // compare against serde_json's own (not always correctly rounded) float parsing.
        #[test]
        fn parse_matches_serde(v in arb_value()) {
            for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
                let n = parse(&text).unwrap();
                prop_assert_eq!((n.at, n.end), (0, text.len()));
                let ours = to_value(&n);
                prop_assert_eq!(&ours, &v);
                // Byte-level comparison also distinguishes -0.0 from 0.0 and checks float bits.
                prop_assert_eq!(serde_json::to_string(&ours).unwrap(), serde_json::to_string(&v).unwrap());
            }
        }

        #[test]
        fn write_str_matches_serde(s in arb_string(), t in any::<String>()) {
            for s in [s, t] {
                let mut out = String::from("x");
                write_str(&mut out, &s);
                prop_assert_eq!(&out[1..], serde_json::to_string(&s).unwrap());
            }
        }

        #[test]
        fn write_f64_matches_serde(
            x in any::<f64>(), bits in any::<u64>(), y in -1e20f64..1e20, sub in 0u64..1 << 52, u in any::<u64>(),
        ) {
            // Random bits, ordinary ranges, integers, subnormals, and values near the layout switches.
            let near = [1e-5f64, 1e-4, 1e15, 1e16, 1e17].map(|p| f64::from_bits(p.to_bits() + bits % 64 - 32));
            let mut xs = vec![x, f64::from_bits(bits), y, y.trunc(), y * 1e-25, f64::from_bits(sub), u as f64, (u >> 11) as f64];
            xs.extend(near);
            for x in xs {
                let want = if x.is_finite() { serde_json::to_string(&x).unwrap() } else { "null".into() };
                prop_assert_eq!(f64_str(x), want);
            }
        }

        // Short texts over a JSON-ish alphabet: accept/reject and the resulting value agree.
        #[test]
        fn random_text_agrees(t in "[\\[\\]{}\",:0-9eE.+\\- \\\\untrlfsa/]{0,14}") {
            let theirs = serde_json::from_str::<Value>(&t);
            let ours = parse(&t);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?}", t, ours);
            if let (Ok(n), Ok(v)) = (ours, theirs) {
                prop_assert_eq!(to_value(&n), v);
            }
        }
    }

    /// Inserts or deletes one char of valid JSON; both parsers must agree on accepting the result.
    fn mutate(text: &str, pos: usize, ins: Option<char>) -> String {
        let mut cs: Vec<char> = text.chars().collect();
        let p = pos % (cs.len() + 1);
        match ins {
            Some(c) => cs.insert(p, c),
            None if p < cs.len() => {
                cs.remove(p);
            }
            None => {}
        }
        cs.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn mutated_json_agrees(
            v in arb_value(), pos in any::<usize>(),
            ins in prop::option::of(prop::sample::select(vec![
                '[', ']', '{', '}', ',', ':', '"', '\\', '0', '1', '-', '+', '.', 'e', ' ', '\n', 'u', 'x', '\u{1}',
            ])),
        ) {
            let t = mutate(&serde_json::to_string(&v).unwrap(), pos, ins);
            prop_assert_eq!(parse(&t).is_ok(), serde_json::from_str::<Value>(&t).is_ok(), "{:?}", t);
        }
    }

    /// Floats are `float`'s (tested there against serde_json in depth); a few through this module.
    #[test]
    fn only_strings_with_escapes_are_copied() {
        let n = parse(r#"{"k":["plain","tab\there","é"]}"#).unwrap();
        let Json::Obj(m) = &n.v else { panic!() };
        assert!(matches!(m[0].0, Cow::Borrowed("k")));
        let Json::Arr(a) = &m[0].1.v else { panic!() };
        assert!(matches!(&a[0].v, Json::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&a[1].v, Json::Str(Cow::Owned(s)) if s == "tab\there"));
        assert!(matches!(&a[2].v, Json::Str(Cow::Borrowed("é"))));
    }

    #[test]
    fn f64_through_json() {
        for (x, text) in [(80.0, "80.0"), (1e16, "1e+16"), (1e-7, "1e-7"), (-0.0, "-0.0"), (f64::NAN, "null"), (33.333333333333336, "33.333333333333336")] {
            assert_eq!(f64_str(x), text);
        }
    }

    #[test]
    fn number_classes_match_serde() {
        for t in [
            "0",
            "-0",
            "1",
            "-1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.0",
            "-0.0",
            "1e2",
            "1E+2",
            "-1e-2",
            "123456789012345678901234567890",
            "1e-400",
            "0.5",
        ] {
            let v: Value = serde_json::from_str(t).unwrap();
            let Json::Num(n) = parse(t).unwrap().v else {
                panic!("{t}")
            };
            match n {
                Num::U(u) => assert_eq!(v.as_u64(), Some(u), "{t}"),
                Num::I(i) => assert!(v.is_i64() && !v.is_u64() && v.as_i64() == Some(i), "{t}"),
                Num::F(f) => {
                    assert!(v.is_f64(), "{t}");
                    assert_eq!(f.to_bits(), t.parse::<f64>().unwrap().to_bits(), "{t}");
                }
            }
        }
        assert_eq!(parse("-0").unwrap().v, Json::Num(Num::F(-0.0)));
    }

    #[test]
    fn invalid_inputs() {
        let deep_ok = "[".repeat(127) + &*"]".repeat(127);
        let deep = "[".repeat(128) + &*"]".repeat(128);
        let deeper = "[".repeat(129) + &*"]".repeat(129);
        let deep_obj = "{\"a\":".repeat(128) + "1" + &*"}".repeat(128);
        let long_int = "1".to_string() + &*"0".repeat(400);
        let cases: &[&str] = &[
            "",
            " ",
            "01",
            "-01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "1.e5",
            "-a",
            "0x10",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\ud800\\u0041\"",
            "\"\\ud800\\ud800\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"a\nb\"",
            "\"a\u{1}\"",
            "\"abc",
            "tru",
            "nul",
            "True",
            "nulls",
            "[",
            "]",
            "{\"a\"",
            "{\"a\":}",
            "{\"a\" 1}",
            "{,}",
            "[,1]",
            "1 2",
            "[1 2]",
            "1e400",
            "-1e400",
            &long_int,
            "\u{feff}1",
            "// c\n1",
            "[1]/**/",
            "\u{a0}1",
            "\"\\u00\"",
            &deep,
            &deeper,
            &deep_obj,
            "[\u{0}]",
        ];
        for t in cases {
            assert!(
                serde_json::from_str::<Value>(t).is_err(),
                "serde accepts {t:?}"
            );
            assert!(parse(t).is_err(), "we accept {t:?}");
        }
        assert!(serde_json::from_str::<Value>(&deep_ok).is_ok());
        assert!(parse(&deep_ok).is_ok());

        let at = |t: &str| parse(t).unwrap_err().at;
        assert_eq!(at(""), 0);
        assert_eq!(at("  "), 2);
        assert_eq!(at("01"), 1);
        assert_eq!(at("1."), 2);
        assert_eq!(at("[1,]"), 3);
        assert_eq!(at("{\"a\":1,}"), 7);
        assert_eq!(at("\"\\x\""), 2);
        assert_eq!(at("\"\\ud800\""), 7);
        assert_eq!(at("\"\\udc00x\""), 1);
        assert_eq!(at("\"a\\ud800\\u0041\""), 8);
        assert_eq!(at("\"a\nb\""), 2);
        assert_eq!(at("tru"), 3);
        assert_eq!(at("[1 2]"), 3);
        assert_eq!(at("1 2"), 2);
        assert_eq!(at("[\"a\", 1e400]"), 6);
        assert_eq!(at(&deep), 127);
        // Where serde_json reports the offending byte, its line/column equals ours.
        for t in [
            "01",
            "1 2",
            "[1 2]",
            "\"\\x\"",
            "{\"a\" 1}",
            "[\n  1,\n  x]",
            &deep,
        ] {
            let e = serde_json::from_str::<Value>(t).unwrap_err();
            assert_eq!(line_col(t, at(t)), (e.line(), e.column()), "{t:?}");
        }
    }

    #[test]
    fn offsets() {
        let t = " {\"name\": \"é\\n\", \"obj\": {\"k\": [1, true]}, \"arr\": [null, -2.5e3] } ";
        let n = parse(t).unwrap();
        assert_eq!((n.at, n.end), (1, t.len() - 1));
        let Json::Obj(m) = &n.v else { panic!() };
        let keys: Vec<_> = m.iter().map(|(k, _)| &**k).collect();
        assert_eq!(keys, ["name", "obj", "arr"]);
        assert_eq!((m[0].1.at, m[0].1.end), (10, 16)); // "é\n" (é is 2 bytes)
        assert_eq!(&t[10..16], "\"é\\n\"");
        assert_eq!(m[0].1.v, Json::Str("é\n".into()));
        assert_eq!(&t[m[1].1.at..m[1].1.end], "{\"k\": [1, true]}");
        assert_eq!((m[1].1.at, m[1].1.end), (25, 41));
        let Json::Obj(inner) = &m[1].1.v else {
            panic!()
        };
        let Json::Arr(a) = &inner[0].1.v else {
            panic!()
        };
        assert_eq!((a[1].at, a[1].end), (35, 39));
        assert_eq!(&t[35..39], "true");
        assert_eq!(a[1].v, Json::Bool(true));
        let Json::Arr(a) = &m[2].1.v else { panic!() };
        assert_eq!((a[1].at, a[1].end), (57, 63));
        assert_eq!(&t[57..63], "-2.5e3");
        assert_eq!(a[1].v, Json::Num(Num::F(-2500.0)));
        // Duplicates are kept in order.
        let Json::Obj(d) = parse("{\"a\":1,\"a\":2}").unwrap().v else {
            panic!()
        };
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].1.v, Json::Num(Num::U(2)));
    }

    #[test]
    fn line_col_checks() {
        let t = "ab\n€x\n\ny";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 2), (1, 3));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 6), (2, 4)); // 'x' after the 3-byte '€'
        assert_eq!(line_col(t, 8), (3, 1));
        assert_eq!(line_col(t, 9), (4, 1));
        assert_eq!(line_col(t, 10), (4, 2));
        assert_eq!(line_col(t, 99), (4, 2));
    }

    #[test]
    fn depth_limit_matches_serde() {
        for n in [1, 126, 127, 128, 129, 1000, 100_000] {
            for (o, c) in [("[", "]"), ("{\"k\":", "}")] {
                let t = o.repeat(n) + if o == "[" { "" } else { "0" } + &*c.repeat(n);
                let theirs = serde_json::from_str::<Value>(&t).is_ok();
                assert_eq!(parse(&t).is_ok(), theirs, "{n} {o}");
                assert_eq!(theirs, n <= 127);
            }
        }
    }

    #[test]
    fn strings_and_escapes() {
        let t = r#""\"\\\/\b\f\n\r\t\u00e9\u00E9\ud83d\ude00\uD83D\uDE00""#;
        assert_eq!(
            parse(t).unwrap().v,
            Json::Str("\"\\/\x08\x0c\n\r\té\u{e9}😀😀".into())
        );
        assert_eq!(
            to_value(&parse(t).unwrap()),
            serde_json::from_str::<Value>(t).unwrap()
        );
        let mut s = String::new();
        write_str(&mut s, "a\u{1}\u{1f}\u{7f}\"\\\n😀");
        assert_eq!(s, "\"a\\u0001\\u001f\u{7f}\\\"\\\\\\n😀\"");
    }
}
