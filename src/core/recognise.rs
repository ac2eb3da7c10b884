//! Recognising a programme in pasted text.
//!
//! A commune officer pastes the text of their resolution's programme (from a
//! Word file or a web page) and gets a draft [`Programme`]: its objective,
//! indicators, parts with their tasks and solutions, and closing sentence,
//! verbatim; plus suggested checklist items and targets read from each
//! indicator's words, for the officer to confirm one by one. Nothing is kept
//! until they confirm; the editor fixes the rest.
//!
//! Pure and small: no regex or Unicode tables beyond the Vietnamese letters
//! (see `scripts/make-vietnamese-nfc.py`), since it ships in WebAssembly.

mod header;
mod horizon;
mod markers;
mod nfc_table;
mod normalise;
mod phrases;
mod quantity;
mod reading;
mod structure;
mod suggest;
mod units;
mod words;

pub use normalise::normalise;
pub use suggest::suggest;

use crate::core::programme::{Grade, Indicator, Item, Part, PartKind, Programme, Target, Task, Term};
use std::fmt;

/// The grades of the embedded programme, best first: (id, label).
pub const GRADES: [(&str, &str); 4] = [
    ("xuat-sac", "Hoàn thành xuất sắc nhiệm vụ"),
    ("tot", "Hoàn thành tốt nhiệm vụ"),
    ("hoan-thanh", "Hoàn thành nhiệm vụ"),
    ("khong-hoan-thanh", "Không hoàn thành nhiệm vụ"),
];

/// The member organisations of the embedded programme.
pub const ORGANISATIONS: [&str; 5] =
    ["Công đoàn", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Cựu chiến binh"];

/// The term when the text names no years: the 2025-2030 term of the
/// communes formed on 1 July 2025.
pub const DEFAULT_TERM: (i32, i32) = (2025, 2030);

/// A draft programme read from pasted text.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    /// The draft: id "" (the editor assigns it), revision 1; title and owner
    /// as the text states them, else empty; the term from the years the text
    /// names (starting on 1 January of its first year), else [`DEFAULT_TERM`];
    /// the texts verbatim; no items and no targets yet; the default grades
    /// and member organisations.
    pub programme: Programme,
    /// Items and targets read from the indicators, for the officer to
    /// confirm; never applied here.
    pub suggestions: Vec<Suggestion>,
    /// Non-empty paragraphs placed nowhere (page furniture, an introduction,
    /// other copies of a repeated page), so the officer can see them.
    pub skipped: Vec<String>,
}

/// One measurable target read from an indicator's words, with the checklist
/// item it is computed from. Two suggestions may share an item ("100 % …,
/// trong đó 20 % xuất sắc"): they then carry the same item, to add once.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    /// The indicator's number.
    pub indicator: u32,
    /// The words it read.
    pub phrase: String,
    pub item: Item,
    pub target: Target,
    /// One Vietnamese sentence saying what it understood.
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecogniseError {
    /// Nothing was pasted (or only spaces).
    Empty,
    /// Neither an indicator nor a part was found.
    NothingRecognised,
}

impl fmt::Display for RecogniseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecogniseError::Empty => "Chưa dán văn bản nào.",
            RecogniseError::NothingRecognised => {
                "Không nhận ra chỉ tiêu hay phần nào trong văn bản đã dán. Hãy dán cả phần các chỉ tiêu và các chương trình (khâu đột phá, đề án) của nghị quyết, hoặc nhập chương trình bằng tay."
            }
        })
    }
}

impl std::error::Error for RecogniseError {}

impl Recognised {
    /// "10 chỉ tiêu, 6 chương trình, 23 nhiệm vụ, 38 giải pháp", naming
    /// breakthroughs, projects and key programmes when there are any.
    pub fn summary(&self) -> String {
        let p = &self.programme;
        let of_kind = |k: PartKind| p.parts.iter().filter(|x| x.kind == k).count();
        let action = if of_kind(PartKind::KeyProgramme) > 0 { "chương trình hành động" } else { "chương trình" };
        let counts = [
            (p.indicators.len(), "chỉ tiêu"),
            (of_kind(PartKind::Action), action),
            (of_kind(PartKind::Breakthrough), "khâu đột phá"),
            (of_kind(PartKind::Project), "đề án"),
            (of_kind(PartKind::KeyProgramme), "chương trình trọng điểm"),
            (p.parts.iter().map(|x| x.tasks.len()).sum(), "nhiệm vụ"),
            (p.parts.iter().map(|x| x.solutions.len()).sum(), "giải pháp"),
        ];
        let said: Vec<String> = counts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        said.join(", ")
    }
}

/// Reads a pasted programme. See [`Recognised`] for what the draft holds.
pub fn recognise(text: &str) -> Result<Recognised, RecogniseError> {
    let clean = normalise(text);
    if clean.trim().is_empty() {
        return Err(RecogniseError::Empty);
    }
    let layout = structure::read(&clean);
    if layout.indicators.is_empty() && layout.parts.is_empty() {
        return Err(RecogniseError::NothingRecognised);
    }
    let head = header::read(&layout);
    let indicators: Vec<Indicator> = layout
        .indicators
        .iter()
        .enumerate()
        .map(|(i, text)| Indicator { number: i as u32 + 1, text: text.clone(), targets: Vec::new(), retired: false })
        .collect();
    let suggestions = suggest_all(&indicators, head.term);
    let programme = Programme {
        id: String::new(),
        revision: 1,
        title: head.title,
        owner: head.owner,
        term: head.term,
        objective: layout.objective.join("\n"),
        closing: layout.closing.clone(),
        indicators,
        parts: layout.parts.iter().enumerate().map(|(i, d)| part(i as u32 + 1, d)).collect(),
        items: Vec::new(),
        grades: GRADES.iter().map(|(id, label)| Grade { id: id.to_string(), label: label.to_string() }).collect(),
        organisations: ORGANISATIONS.iter().map(|o| o.to_string()).collect(),
    };
    Ok(Recognised { programme, suggestions, skipped: head.skipped })
}

/// The suggestions of every indicator, with ids unique across them.
fn suggest_all(indicators: &[Indicator], term: Term) -> Vec<Suggestion> {
    let mut suggestions = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for ind in indicators {
        let found = suggest(ind.number, &ind.text, term, &taken);
        taken.extend(found.iter().flat_map(|s| [s.item.id.clone(), s.target.id.clone()]));
        suggestions.extend(found);
    }
    suggestions
}

/// Part `number` with its tasks "a{number}-t{k}" and solutions "a{number}-s{k}".
fn part(number: u32, d: &structure::DraftPart) -> Part {
    let tasks = |kind: char, texts: &[String]| -> Vec<Task> {
        texts
            .iter()
            .enumerate()
            .map(|(k, text)| Task { id: format!("a{number}-{kind}{}", k + 1), text: text.clone(), retired: false })
            .collect()
    };
    Part {
        number,
        kind: d.kind,
        title: d.title.clone(),
        objective: d.objective.join("\n"),
        tasks: tasks('t', &d.tasks),
        solutions: tasks('s', &d.solutions),
        targets: Vec::<Target>::new(),
        retired: false,
    }
}
