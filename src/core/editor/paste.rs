//! Pasting a programme's text: what the recogniser read, as a screen model
//! to look over before it is used; its texts put into a draft (a new one,
//! or an existing one after a confirmation); its suggested items and
//! targets accepted or dismissed one by one, never applied silently.

use super::lists::{self, insert_item};
use super::model::{suggestion_text, SuggestionText};
use super::rules::with_item;
use super::{find, ids, Ctx, Draft, Field, FieldError, Owner, Row};
use crate::core::programme::{Item, Task};
use crate::core::recognise::{recognise, Recognised};

/// What a pasted text was read as, before it is used.
#[derive(Clone, Debug, PartialEq)]
pub struct PasteModel {
    /// "10 chỉ tiêu, 6 chương trình, 23 nhiệm vụ, 38 giải pháp".
    pub summary: String,
    /// The title read, or "" when the text names none.
    pub title: String,
    /// The commune read, or "".
    pub owner: String,
    /// "Nhiệm kỳ 2024-2029".
    pub term: String,
    pub objective: String,
    pub indicators: Vec<PastedIndicator>,
    pub parts: Vec<PastedPart>,
    pub closing: String,
    /// "Các đoạn không xếp vào đâu (3)", when there are any.
    pub skipped_heading: Option<String>,
    /// Paragraphs placed nowhere, for the officer to see.
    pub skipped: Vec<String>,
    /// How suggestions are taken: one by one, in the editor.
    pub suggestions_note: String,
    /// Asked before the texts replace those of the draft being edited;
    /// None when there is no draft (a new one is made from the text).
    pub confirm: Option<String>,
    /// The button that uses the text.
    pub use_label: String,
}

/// One indicator read, with what was suggested from its words.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedIndicator {
    /// "Chỉ tiêu 3".
    pub title: String,
    pub text: String,
    pub suggestions: Vec<SuggestionText>,
}

/// One part read, with its tasks and solutions.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedPart {
    /// "Chương trình hành động 1", "Khâu đột phá 1".
    pub name: String,
    pub title: String,
    pub objective: String,
    /// "Nhiệm vụ trọng tâm (5)".
    pub tasks_heading: String,
    pub tasks: Vec<String>,
    /// "Giải pháp chủ yếu (6)".
    pub solutions_heading: String,
    pub solutions: Vec<String>,
}

/// The screen after pasting `text`: what was read, and, when a draft is
/// being edited, the question asked before its texts are replaced. Nothing
/// recognisable gives the recogniser's Vietnamese error. Changes nothing:
/// the screen then makes a draft ([`Draft::from_recognised`] of
/// [`recognise`]) or, after the confirmation, sends [`super::Edit::PasteTexts`].
pub fn paste_preview(text: &str, draft: Option<&Draft>) -> Result<PasteModel, String> {
    let r = recognise(text).map_err(|e| e.to_string())?;
    Ok(model(&r, draft))
}

fn model(r: &Recognised, draft: Option<&Draft>) -> PasteModel {
    let p = &r.programme;
    let indicators = p
        .indicators
        .iter()
        .map(|ind| PastedIndicator {
            title: format!("Chỉ tiêu {}", ind.number),
            text: ind.text.clone(),
            suggestions: r.suggestions.iter().filter(|s| s.indicator == ind.number).map(|s| suggestion_text(p, s)).collect(),
        })
        .collect();
    let parts = p
        .parts
        .iter()
        .map(|x| PastedPart {
            name: p.part_name(x),
            title: x.title.clone(),
            objective: x.objective.clone(),
            tasks_heading: format!("Nhiệm vụ trọng tâm ({})", x.tasks.len()),
            tasks: x.tasks.iter().map(|t| t.text.clone()).collect(),
            solutions_heading: format!("Giải pháp chủ yếu ({})", x.solutions.len()),
            solutions: x.solutions.iter().map(|t| t.text.clone()).collect(),
        })
        .collect();
    let confirm = draft.map(|_| {
        "Thay nội dung của bản nháp đang soạn bằng văn bản vừa dán? Mục tiêu, các chỉ tiêu, các phần cùng nhiệm vụ, giải pháp và lời kết được thay theo thứ tự; \
         tên xã, nhiệm kỳ, các mục ghi chép và mốc đo đã có được giữ nguyên; chỉ tiêu, phần hay nhiệm vụ thừa ra bị xóa (hoặc thôi theo dõi nếu đã có số liệu)."
            .to_string()
    });
    PasteModel {
        summary: r.summary(),
        title: p.title.clone(),
        owner: p.owner.clone(),
        term: format!("Nhiệm kỳ {}-{}", p.term.first_year, p.term.last_year),
        objective: p.objective.clone(),
        indicators,
        parts,
        closing: p.closing.clone(),
        skipped_heading: (!r.skipped.is_empty()).then(|| format!("Các đoạn không xếp vào đâu ({})", r.skipped.len())),
        skipped: r.skipped.clone(),
        suggestions_note: format!(
            "{} gợi ý mục ghi chép và mốc đo đọc từ các chỉ tiêu. Chưa gợi ý nào được thêm: trong bản nháp, bấm “Nhận” ở từng gợi ý để thêm, hoặc “Bỏ qua”.",
            r.suggestions.len()
        ),
        confirm,
        use_label: if draft.is_some() { "Thay nội dung bản nháp" } else { "Dùng văn bản này" }.to_string(),
    }
}

/// Where suggestion errors show: the indicator it belongs to, else the list.
fn suggestion_field(d: &Draft, target: &str) -> Field {
    d.suggestions.iter().find(|s| s.target.id == target).map_or(Field::Indicators, |s| Field::IndicatorText(s.indicator))
}

/// Two items alike but for their ids: a suggestion shared by two targets.
fn alike(a: &Item, b: &Item) -> bool {
    Item { id: String::new(), retired: false, ..a.clone() } == Item { id: String::new(), retired: false, ..b.clone() }
}

pub(super) fn accept(d: &mut Draft, ctx: &Ctx, target: &str) -> Result<(), FieldError> {
    let f = suggestion_field(d, target);
    let at = d.suggestions.iter().position(|s| s.target.id == target).ok_or_else(|| find::gone(&f))?;
    let s = d.suggestions.remove(at);
    let owner = Owner::Indicator(s.indicator);
    let p = &mut d.programme;
    find::followed(find::owner_retired(p, owner), &f)?;
    let mut item = Item { indicator: Some(s.indicator), part: None, retired: false, ..s.item.clone() };
    let taken = ids::taken(p, ctx.base);
    match p.item(&item.id) {
        Some(same) if alike(same, &item) && !same.retired => {}
        _ => {
            if taken.contains(&item.id) || !ids::usable(&item.id) {
                let old = item.id.clone();
                item.id = ids::fresh(&crate::core::text::id_slug(&item.label), &taken);
                // Suggestions sharing this item follow it to its new id.
                d.suggestions.iter_mut().filter(|o| o.item.id == old).for_each(|o| o.item.id = item.id.clone());
            }
            insert_item(p, item.clone());
        }
    }
    let mut t = s.target.clone();
    let taken = ids::taken(p, ctx.base);
    if taken.contains(&t.id) || !ids::usable(&t.id) {
        t.id = ids::target(owner, &taken);
    }
    t.rule = with_item(&t.rule, &item.id);
    find::targets_of(p, owner, &f)?.push(t);
    Ok(())
}

pub(super) fn dismiss(d: &mut Draft, target: &str) -> Result<(), FieldError> {
    let f = suggestion_field(d, target);
    let at = d.suggestions.iter().position(|s| s.target.id == target).ok_or_else(|| find::gone(&f))?;
    d.suggestions.remove(at);
    Ok(())
}

/// The texts of a pasted programme put in place of the draft's, by
/// position: the followed indicators, parts and their tasks and solutions
/// take the new texts in order; new ones are added; those left over are
/// removed (retired when they hold records). The commune's name, the term,
/// items and targets stay. The text's suggestions replace those waiting.
pub(super) fn replace_texts(d: &mut Draft, ctx: &Ctx, text: &str) -> Result<(), FieldError> {
    let r = recognise(text).map_err(|e| FieldError::new(Field::Programme, e.to_string()))?;
    let new = r.programme;
    if !new.title.trim().is_empty() {
        d.programme.title = new.title.clone();
    }
    d.programme.objective = new.objective.clone();
    d.programme.closing = new.closing.clone();
    let mut numbers = std::collections::BTreeMap::new();
    let followed: Vec<u32> = d.programme.indicators.iter().filter(|i| !i.retired).map(|i| i.number).collect();
    for (k, ind) in new.indicators.iter().enumerate() {
        let n = match followed.get(k) {
            Some(n) => *n,
            None => {
                lists::add(d, ctx, super::Add::Indicator)?;
                d.programme.indicators.last().expect("just added").number
            }
        };
        find::indicator(&mut d.programme, n, &Field::IndicatorText(n))?.text = ind.text.clone();
        numbers.insert(ind.number, n);
    }
    for n in followed.iter().skip(new.indicators.len()) {
        lists::remove(d, ctx, &Row::Indicator(*n))?;
    }
    let parts: Vec<u32> = d.programme.parts.iter().filter(|x| !x.retired).map(|x| x.number).collect();
    for (k, part) in new.parts.iter().enumerate() {
        let n = match parts.get(k) {
            Some(n) => *n,
            None => {
                lists::add(d, ctx, super::Add::Part { kind: part.kind })?;
                d.programme.parts.last().expect("just added").number
            }
        };
        let f = Field::PartTitle(n);
        let x = find::part(&mut d.programme, n, &f)?;
        (x.kind, x.title, x.objective) = (part.kind, part.title.clone(), part.objective.clone());
        replace_tasks(d, ctx, n, false, &part.tasks)?;
        replace_tasks(d, ctx, n, true, &part.solutions)?;
    }
    for n in parts.iter().skip(new.parts.len()) {
        lists::remove(d, ctx, &Row::Part(*n))?;
    }
    d.suggestions = r.suggestions.into_iter().filter_map(|mut s| numbers.get(&s.indicator).map(|n| (s.indicator = *n, s).1)).collect();
    Ok(())
}

/// The tasks (or solutions) of part `n` take `texts` by position.
fn replace_tasks(d: &mut Draft, ctx: &Ctx, n: u32, solutions: bool, texts: &[Task]) -> Result<(), FieldError> {
    let f = Field::PartTitle(n);
    let list = |d: &Draft| -> Vec<String> {
        d.programme.part(n).map(|x| if solutions { &x.solutions } else { &x.tasks }).into_iter().flatten().filter(|t| !t.retired).map(|t| t.id.clone()).collect()
    };
    let followed = list(d);
    for (k, t) in texts.iter().enumerate() {
        let id = match followed.get(k) {
            Some(id) => id.clone(),
            None => {
                let add = if solutions { super::Add::Solution { part: n } } else { super::Add::Task { part: n } };
                lists::add(d, ctx, add)?;
                let x = find::part(&mut d.programme, n, &f)?;
                let list = if solutions { &x.solutions } else { &x.tasks };
                list.last().expect("just added").id.clone()
            }
        };
        find::task(&mut d.programme, &id, &f)?.text = t.text.clone();
    }
    for id in followed.iter().skip(texts.len()) {
        lists::remove(d, ctx, &Row::Task(id.clone()))?;
    }
    Ok(())
}
