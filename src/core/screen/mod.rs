//! Screen models: for every screen, what it shows (texts, figures, statuses,
//! which controls are enabled and why), computed from the state. Components
//! render these and send `Action`s; they decide nothing. This is the `view`
//! half of crux's update/view split, tested on the host.

pub mod checklist;
pub mod overview;
pub mod reader;
pub mod report;
pub mod settings;
pub mod share;
pub mod shell;
pub mod units;


pub use super::clock::Env;

/// One option of a select.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Choice {
        Choice { value: value.into(), label: label.into(), selected }
    }
}

/// The years of the term as options, `year` selected.
pub fn year_choices(term: &super::programme::Term, year: i32) -> Vec<Choice> {
    term.years().map(|y| Choice::new(y.to_string(), format!("Năm {y}"), y == year)).collect()
}

/// The pages of the app. The first carries only what daily use needs (and
/// loads first); the second, the screens used now and then (sharing,
/// settings, units, the programme); the third, the programme editor and the
/// reports, the heaviest and the rarest. Each is a whole app of its own over
/// the same stored data, and all are kept offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Daily,
    More,
    Tools,
}

impl Page {
    /// The page's address relative to the app's base ("./" is index.html).
    pub fn path(self) -> &'static str {
        match self {
            Page::Daily => "./",
            Page::More => "./more.html",
            Page::Tools => "./tools.html",
        }
    }
}

/// The screen being shown, kept in the URL's hash so Back works.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Home,
    Overview { year: Option<i32> },
    Book { unit: Option<String>, year: Option<i32> },
    Programme,
    /// The programme editor; `revise`: start a revision of the programme followed.
    Editor { revise: bool },
    Report,
    Units,
    Share,
    Settings,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["so"] => Route::Book { unit: None, year: None },
            ["so", unit] => Route::Book { unit: Some(percent_decode(unit)), year: None },
            ["so", unit, year] => Route::Book { unit: Some(percent_decode(unit)), year: year.parse().ok() },
            ["tong-quan"] => Route::Overview { year: None },
            ["tong-quan", year] => Route::Overview { year: year.parse().ok() },
            ["chuong-trinh"] => Route::Programme,
            ["soan-chuong-trinh"] => Route::Editor { revise: false },
            ["soan-chuong-trinh", "sua"] => Route::Editor { revise: true },
            ["bao-cao"] => Route::Report,
            ["don-vi"] => Route::Units,
            ["chia-se"] => Route::Share,
            ["cai-dat"] => Route::Settings,
            _ => Route::Home,
        }
    }

    /// The hash of this route: "#/so/<unit>/2025".
    pub fn hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Overview { year: None } => "#/tong-quan".into(),
            Route::Overview { year: Some(y) } => format!("#/tong-quan/{y}"),
            Route::Book { unit: None, .. } => "#/so".into(),
            Route::Book { unit: Some(u), year: None } => format!("#/so/{}", percent_encode(u)),
            Route::Book { unit: Some(u), year: Some(y) } => format!("#/so/{}/{y}", percent_encode(u)),
            Route::Programme => "#/chuong-trinh".into(),
            Route::Editor { revise: false } => "#/soan-chuong-trinh".into(),
            Route::Editor { revise: true } => "#/soan-chuong-trinh/sua".into(),
            Route::Report => "#/bao-cao".into(),
            Route::Units => "#/don-vi".into(),
            Route::Share => "#/chia-se".into(),
            Route::Settings => "#/cai-dat".into(),
        }
    }

    /// The page that shows this route.
    pub fn page(&self) -> Page {
        match self {
            Route::Home | Route::Overview { .. } | Route::Book { .. } => Page::Daily,
            Route::Editor { .. } | Route::Report => Page::Tools,
            _ => Page::More,
        }
    }

    /// A link to this route from a screen of page `here`: the hash alone
    /// on the same page, else the other page's address with it.
    pub fn href(&self, here: Page) -> String {
        if self.page() == here {
            self.hash()
        } else {
            format!("{}{}", self.page().path(), self.hash())
        }
    }
}

/// Percent-decodes a URL part (UTF-8); left as it is when it is not valid.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Percent-encodes everything but unreserved ASCII (as encodeURIComponent).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_and_know_their_page() {
        for r in [
            Route::Home,
            Route::Overview { year: Some(2026) },
            Route::Book { unit: Some("kdc-ab/c đ".into()), year: Some(2025) },
            Route::Book { unit: None, year: None },
            Route::Programme,
            Route::Editor { revise: false },
            Route::Editor { revise: true },
            Route::Report,
            Route::Units,
            Route::Share,
            Route::Settings,
        ] {
            assert_eq!(Route::parse(&r.hash()), r, "{}", r.hash());
        }
        assert_eq!(Route::parse("#/khong-co"), Route::Home);
        assert_eq!(Route::Share.href(Page::Daily), "./more.html#/chia-se");
        assert_eq!(Route::Share.href(Page::More), "#/chia-se");
        assert_eq!(Route::Overview { year: None }.href(Page::More), "./#/tong-quan");
        assert_eq!(Route::Report.href(Page::More), "./tools.html#/bao-cao");
        assert_eq!(Route::Programme.href(Page::Tools), "./more.html#/chuong-trinh");
        assert_eq!(percent_decode("%E1%BB%87%zz"), "ệ%zz");
    }
}
