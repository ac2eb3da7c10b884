//! The programme reader: objective, indicators, the parts with their
//! objective, focus tasks and main solutions, what is no longer followed.

use crate::core::programme::{Part, Task};
use crate::core::state::State;
use super::{Page, Route};
use crate::core::text;

#[derive(Clone, Debug, PartialEq)]
pub struct ReaderModel {
    pub title: String,
    /// "xã Hà Hải · từ 21/10/2024 đến hết năm 2029".
    pub owner: String,
    pub objective: String,
    /// "Các chỉ tiêu chủ yếu (10)".
    pub indicators_heading: String,
    pub indicators: Vec<IndicatorText>,
    pub parts_heading: String,
    pub parts: Vec<PartText>,
    pub closing: String,
    /// Items no longer followed, with the mark "(đã thôi theo dõi)".
    pub retired_items: Vec<String>,
    /// Only the commune's phone edits the programme.
    pub can_edit: bool,
    /// Where the programme is revised, begun anew, reported on.
    pub revise_href: String,
    pub new_href: String,
    pub report_href: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorText {
    pub number: u32,
    pub paragraphs: Vec<String>,
    /// Its targets no longer followed, marked.
    pub retired: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartText {
    pub number: u32,
    /// "Chương trình hành động 1", "Khâu đột phá 1".
    pub name: String,
    pub title: String,
    pub objective: String,
    pub tasks_heading: String,
    pub tasks: Vec<String>,
    pub solutions_heading: String,
    pub solutions: Vec<String>,
}

/// The mark after anything no longer followed.
pub const RETIRED: &str = " (đã thôi theo dõi)";

fn task_text(t: &Task) -> String {
    marked(&t.text, t.retired)
}

/// A text with the mark when it is no longer followed.
fn marked(text: &str, retired: bool) -> String {
    if retired {
        format!("{text}{RETIRED}")
    } else {
        text.to_string()
    }
}

fn part_text(state: &State, a: &Part) -> PartText {
    PartText {
        number: a.number,
        name: state.book.programme.part_name(a),
        title: marked(&a.title, a.retired),
        objective: a.objective.clone(),
        tasks_heading: format!("Nhiệm vụ trọng tâm ({})", a.tasks.len()),
        tasks: a.tasks.iter().map(task_text).collect(),
        solutions_heading: format!("Giải pháp chủ yếu ({})", a.solutions.len()),
        solutions: a.solutions.iter().map(task_text).collect(),
    }
}

pub fn reader(state: &State) -> ReaderModel {
    let p = &state.book.programme;
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = p.parts.iter().map(|a| a.kind.label()).collect();
        k.dedup();
        k
    };
    let parts_heading = match kinds.as_slice() {
        [one] => format!("{one} ({})", p.parts.len()),
        _ => format!("Các phần của chương trình ({})", p.parts.len()),
    };
    ReaderModel {
        title: p.title.clone(),
        owner: format!("{} · từ {} đến hết năm {}", p.owner, text::date(p.term.start), p.term.last_year),
        objective: p.objective.clone(),
        indicators_heading: format!("Các chỉ tiêu chủ yếu ({})", p.indicators.len()),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorText {
                number: i.number,
                // A retired indicator is marked after its first paragraph.
                paragraphs: i.text.split('\n').enumerate().map(|(k, t)| marked(t, i.retired && k == 0)).collect(),
                retired: i.targets.iter().filter(|t| t.retired).map(|t| format!("{}{RETIRED}", t.label)).collect(),
            })
            .collect(),
        parts_heading,
        parts: p.parts.iter().map(|a| part_text(state, a)).collect(),
        closing: p.closing.clone(),
        retired_items: p.items.iter().filter(|i| i.retired).map(|i| format!("{}{RETIRED}", i.label)).collect(),
        can_edit: state.own_unit().is_none(),
        revise_href: Route::Editor { revise: true }.href(Page::More),
        new_href: Route::Editor { revise: false }.href(Page::More),
        report_href: Route::Report.href(Page::More),
    }
}
