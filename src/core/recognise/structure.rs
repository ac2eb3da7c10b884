//! Reading the layout of a pasted programme: its objective, indicators,
//! parts (with their objectives, tasks and solutions) and closing sentence.
//!
//! The text is read paragraph by paragraph (one non-empty line each) by a
//! small state machine. A news page often repeats the programme: when the
//! objective or the indicators come again after parts were read, a new copy
//! starts, and the fullest copy wins.

use super::markers::{
    closing_cue, head_and_inline, inline_list, part_heading, plain_heading, roman_heading, split_marker, sub_heading, Marker,
    Sub, Top,
};
use super::words::{lower, starts_with_word};
use crate::core::programme::PartKind;

/// A part as read, before it gets its number and ids.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DraftPart {
    pub kind: PartKind,
    pub title: String,
    pub objective: Vec<String>,
    pub tasks: Vec<String>,
    pub solutions: Vec<String>,
}

/// What the layout gave.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Paragraphs before the first heading, where a title may be.
    pub preamble: Vec<String>,
    pub objective: Vec<String>,
    pub indicators: Vec<String>,
    pub parts: Vec<DraftPart>,
    pub closing: String,
    /// Paragraphs placed nowhere, in order.
    pub skipped: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Preamble,
    Objective {
        combined: bool,
    },
    Indicators,
    Parts(PartKind),
    /// A Roman-numbered section of no interest ("Tổ chức thực hiện").
    Other,
    /// After the closing sentence: page furniture.
    Closing,
}

/// One copy of the programme being read.
struct Draft {
    layout: Layout,
    /// Every paragraph this copy took, for `skipped` if another copy wins.
    all: Vec<String>,
    section: Section,
    /// The indicators section's paragraphs (listed or not), read when it ends.
    listed: Vec<(bool, String)>,
    sub: Sub,
    /// A list entry was read in the current sub-section: a plain paragraph
    /// after it continues it, or is the closing sentence.
    bulleted: bool,
    /// Plain paragraphs after list entries, not yet known to continue an entry
    /// or to close the programme.
    pending: Vec<String>,
    expect_title: bool,
    /// A parts heading ("III. CHƯƠNG TRÌNH HÀNH ĐỘNG") was read and no part
    /// under it yet: "1. Title" opens one.
    fresh: bool,
    /// The number of the last part headed by a bare number ("2. Title"):
    /// "3. Title" opens the next one; other numbered paragraphs are entries.
    last_number: Option<u32>,
}

enum Taken {
    Placed,
    /// The programme starts again: a new copy takes this paragraph.
    Repeat,
}

/// Reads the cleaned text (see [`super::normalise`]).
pub(super) fn read(clean: &str) -> Layout {
    let mut drafts = vec![Draft::new()];
    for p in paragraphs(clean) {
        let draft = drafts.last_mut().expect("one draft at least");
        if let Taken::Repeat = draft.take(&p) {
            draft.finish();
            let mut next = Draft::new();
            next.take(&p);
            drafts.push(next);
        }
    }
    if let Some(last) = drafts.last_mut() {
        last.finish();
    }
    choose(drafts)
}

/// The fullest copy, with every paragraph of the others listed as skipped.
fn choose(drafts: Vec<Draft>) -> Layout {
    let size = |d: &Draft| {
        d.layout.indicators.len() + d.layout.parts.iter().map(|p| 1 + p.tasks.len() + p.solutions.len()).sum::<usize>()
    };
    let best = (0..drafts.len()).rev().max_by_key(|&i| size(&drafts[i])).unwrap_or(0);
    let preamble = drafts.first().map(|d| d.layout.preamble.clone()).unwrap_or_default();
    let mut skipped = Vec::new();
    let mut chosen = Layout::default();
    for (i, d) in drafts.into_iter().enumerate() {
        if i == best {
            skipped.extend(d.layout.skipped.iter().cloned());
            chosen = d.layout;
        } else {
            skipped.extend(d.all.into_iter().filter(|p| !preamble.contains(p)));
        }
    }
    chosen.preamble = preamble;
    chosen.skipped = skipped;
    chosen
}

/// Non-empty lines; a line starting with a lower-case letter continues the
/// previous one (a paragraph broken mid-sentence by the copy). A stray
/// backslash in front of a word (" \Phối hợp") is scraping furniture.
fn paragraphs(clean: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in clean.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = drop_stray_backslashes(line);
        let continues = line.starts_with(char::is_lowercase) && split_marker(&line).0 == Marker::Plain;
        match out.last_mut() {
            Some(prev) if continues => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

fn drop_stray_backslashes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_word = out.is_empty() || out.ends_with(' ');
        if c == '\\' && starts_word && chars.peek().is_some_and(|n| n.is_alphabetic()) {
            continue;
        }
        out.push(c);
    }
    out
}

impl Draft {
    fn new() -> Draft {
        Draft {
            layout: Layout::default(),
            all: Vec::new(),
            section: Section::Preamble,
            listed: Vec::new(),
            sub: Sub::Head,
            bulleted: false,
            pending: Vec::new(),
            expect_title: false,
            fresh: false,
            last_number: None,
        }
    }

    fn in_part(&self) -> bool {
        matches!(self.section, Section::Parts(_)) && !self.fresh && !self.layout.parts.is_empty()
    }

    fn take(&mut self, p: &str) -> Taken {
        let (marker, rest) = split_marker(p);
        let taken = if self.section == Section::Closing {
            if starts_programme(marker, rest) {
                Taken::Repeat
            } else {
                self.skip(p);
                Taken::Placed
            }
        } else if marker == Marker::Roman {
            let (top, inline) = roman_heading(rest);
            match (top, part_heading(rest)) {
                (Top::Parts(_), Some((kind, title))) => self.open_part(kind, None, title),
                _ => self.open_top(top, inline),
            }
        } else if self.section == Section::Preamble && title_like(p) {
            self.layout.preamble.push(p.to_string());
            Taken::Placed
        } else if let Some(taken) = self.heading(marker, rest) {
            taken
        } else {
            self.body(marker, rest, p);
            Taken::Placed
        };
        if let Taken::Placed = taken {
            self.all.push(p.to_string());
        }
        taken
    }

    /// Part headings, part sub-headings and section headings without a Roman numeral.
    fn heading(&mut self, marker: Marker, rest: &str) -> Option<Taken> {
        if matches!(marker, Marker::Plain | Marker::Number(_) | Marker::Bullet | Marker::Letter) {
            if let Some((kind, title)) = part_heading(rest) {
                let number = if let Marker::Number(n) = marker { Some(n) } else { None };
                return Some(self.open_part(kind, number, title));
            }
        }
        if self.in_part() && matches!(marker, Marker::Plain | Marker::Sub | Marker::Letter | Marker::Bullet | Marker::Number(_)) {
            if let Some((sub, inline)) = sub_heading(rest) {
                self.open_sub(sub, inline);
                return Some(Taken::Placed);
            }
        }
        if matches!(marker, Marker::Plain | Marker::Number(_) | Marker::Letter) {
            if let Some((top, inline)) = plain_heading(rest, self.in_part()) {
                return Some(self.open_top(top, inline));
            }
        }
        None
    }

    /// A paragraph that is not a heading, by the section it is in.
    fn body(&mut self, marker: Marker, rest: &str, p: &str) {
        match self.section {
            Section::Preamble if marker == Marker::Indicator => {
                self.section = Section::Indicators;
                self.listed.push((true, rest.to_string()));
            }
            Section::Preamble => match inline_list(p) {
                Some(items) => self.layout.indicators.extend(items),
                None => self.layout.preamble.push(p.to_string()),
            },
            Section::Objective { combined } if marker == Marker::Indicator || (combined && marker.listed()) => {
                self.section = Section::Indicators;
                self.listed.push((true, rest.to_string()));
            }
            Section::Objective { .. } => self.layout.objective.push(p.to_string()),
            Section::Indicators => self.listed.push((marker.listed(), if marker.listed() { rest } else { p }.to_string())),
            Section::Parts(kind) => self.part_body(kind, marker, rest, p),
            Section::Other if marker == Marker::Plain && closing_cue(p) => self.close(p),
            Section::Other | Section::Closing => self.skip(p),
        }
    }

    fn part_body(&mut self, kind: PartKind, marker: Marker, rest: &str, p: &str) {
        if let Marker::Number(n) = marker {
            if self.fresh || self.last_number.is_some_and(|last| n == last + 1) {
                self.open_part(kind, Some(n), rest);
                return;
            }
        }
        // An introduction under a parts heading, before its first part.
        if self.fresh {
            self.skip(p);
            return;
        }
        let Some(part) = self.layout.parts.last_mut() else {
            self.skip(p);
            return;
        };
        if marker == Marker::Plain {
            if self.expect_title {
                part.title = p.to_string();
                self.expect_title = false;
            } else if closing_cue(p) {
                self.close(p);
            } else if self.bulleted {
                self.pending.push(p.to_string());
            } else {
                match self.sub {
                    Sub::Head | Sub::Objective => part.objective.push(p.to_string()),
                    Sub::Tasks => part.tasks.push(p.to_string()),
                    Sub::Solutions => part.solutions.push(p.to_string()),
                }
            }
            return;
        }
        if rest.is_empty() {
            self.skip(p);
            return;
        }
        self.commit_pending();
        if matches!(self.sub, Sub::Head | Sub::Objective) {
            self.sub = Sub::Tasks;
        }
        self.entries().push(rest.to_string());
        self.bulleted = true;
    }

    /// The list the current sub-section fills (tasks before any sub-heading).
    fn entries(&mut self) -> &mut Vec<String> {
        let sub = self.sub;
        let part = self.layout.parts.last_mut().expect("entries are read inside a part");
        match sub {
            Sub::Solutions => &mut part.solutions,
            _ => &mut part.tasks,
        }
    }

    /// Plain paragraphs after a list entry, followed by more of the part:
    /// they continue that entry, a paragraph per line.
    fn commit_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return;
        }
        if let Some(last) = self.entries().last_mut() {
            for p in pending {
                last.push('\n');
                last.push_str(&p);
            }
        }
    }

    fn open_part(&mut self, kind: PartKind, number: Option<u32>, title: &str) -> Taken {
        self.leave_section();
        self.section = Section::Parts(kind);
        self.fresh = false;
        self.last_number = number;
        self.layout.parts.push(DraftPart {
            kind,
            title: title.to_string(),
            objective: Vec::new(),
            tasks: Vec::new(),
            solutions: Vec::new(),
        });
        self.sub = Sub::Head;
        self.bulleted = false;
        self.expect_title = title.is_empty();
        Taken::Placed
    }

    fn open_sub(&mut self, sub: Sub, inline: &str) {
        self.commit_pending();
        self.sub = sub;
        self.bulleted = false;
        self.expect_title = false;
        if inline.is_empty() {
            return;
        }
        if sub == Sub::Objective || sub == Sub::Head {
            if let Some(part) = self.layout.parts.last_mut() {
                part.objective.push(inline.to_string());
            }
        } else {
            self.entries().push(inline.to_string());
        }
    }

    fn open_top(&mut self, top: Top, inline: &str) -> Taken {
        let starts_programme = matches!(top, Top::Objective { .. } | Top::Indicators);
        if starts_programme && !self.layout.parts.is_empty() {
            return Taken::Repeat;
        }
        self.leave_section();
        self.section = match top {
            Top::Objective { combined } => Section::Objective { combined },
            Top::Indicators => Section::Indicators,
            Top::Parts(kind) => {
                (self.fresh, self.last_number) = (true, None);
                Section::Parts(kind)
            }
            Top::Other => Section::Other,
        };
        if !inline.is_empty() {
            match top {
                Top::Objective { .. } => self.layout.objective.push(inline.to_string()),
                Top::Indicators => self.listed.push((false, inline.to_string())),
                _ => {}
            }
        }
        Taken::Placed
    }

    /// Ends the current section: indicators are read, loose paragraphs of a
    /// part continue its last entry.
    fn leave_section(&mut self) {
        if self.section == Section::Indicators {
            self.read_indicators();
        }
        if self.in_part() {
            self.commit_pending();
        }
    }

    /// The indicators section's paragraphs: each listed paragraph is an
    /// indicator and a plain one continues it ("\n"); with no list at all,
    /// each paragraph is an indicator.
    fn read_indicators(&mut self) {
        let listed = std::mem::take(&mut self.listed);
        let any_listed = listed.iter().any(|(l, _)| *l);
        let first = self.layout.indicators.len();
        for (is_listed, text) in listed {
            if let Some(items) = inline_list(&text) {
                self.layout.indicators.extend(items);
            } else if is_listed && group_heading(&text) || !any_listed && text.ends_with(':') {
                self.skip(&text);
            } else if is_listed || !any_listed {
                self.layout.indicators.push(text);
            } else if self.layout.indicators.len() > first {
                let last = self.layout.indicators.last_mut().expect("an indicator was read");
                last.push('\n');
                last.push_str(&text);
            } else {
                self.skip(&text);
            }
        }
    }

    fn close(&mut self, p: &str) {
        self.commit_pending();
        self.layout.closing = p.to_string();
        self.section = Section::Closing;
    }

    fn skip(&mut self, p: &str) {
        self.layout.skipped.push(p.to_string());
    }

    /// The end of the text (or of this copy): the first loose paragraph after
    /// the last part's entries is the closing sentence, the rest furniture.
    fn finish(&mut self) {
        if self.section == Section::Indicators {
            self.read_indicators();
        }
        let mut pending = std::mem::take(&mut self.pending).into_iter();
        if let Some(first) = pending.next() {
            if self.layout.closing.is_empty() {
                self.layout.closing = first;
            } else {
                self.skip(&first);
            }
        }
        for p in pending {
            self.skip(&p);
        }
    }
}

/// A group heading inside the indicators ("a) Về kinh tế:").
fn group_heading(text: &str) -> bool {
    let (head, inline) = head_and_inline(text);
    text.ends_with(':') && inline.is_empty() && head.split(' ').count() <= 10
}

/// An objective or indicators heading: the programme (again, after a closing).
fn starts_programme(marker: Marker, rest: &str) -> bool {
    let top = match marker {
        Marker::Roman => Some(roman_heading(rest).0),
        Marker::Plain | Marker::Number(_) | Marker::Letter => plain_heading(rest, false).map(|h| h.0),
        _ => None,
    };
    matches!(top, Some(Top::Objective { .. } | Top::Indicators))
}

/// The programme's title line ("CHƯƠNG TRÌNH HÀNH ĐỘNG Thực hiện Nghị quyết …").
pub(super) fn title_like(p: &str) -> bool {
    let low = lower(p);
    if part_heading(p).is_some() {
        return false;
    }
    starts_with_word(&low, "chương trình hành động")
        || (starts_with_word(&low, "chương trình") && (low.contains("nghị quyết") || low.contains("nhiệm kỳ")))
}
