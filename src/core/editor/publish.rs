//! Publishing a draft: a new revision of the programme this phone follows
//! (the state follows it, after a backup; then its file goes to the areas),
//! or a new programme for another commune or term (the phone switches to
//! it as it does to a file's, after a backup).

use super::check::check_with;
use super::{Ctx, Draft, Field, FieldError};
use crate::core::book::{Book, UnitKind};
use crate::core::file::{self, Incoming, Misfit, Scope};
use crate::core::programme::{Programme, Term};
use crate::core::screen::Route;
use crate::core::state::State;
use crate::core::text;
use crate::core::workflow::{self, Effect, Step};
use std::collections::BTreeMap;
use std::fmt;

/// A published draft. The shell runs the step (its backup first) and then
/// drops the draft from storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The state to take, the effects to run before, and what to tell.
    pub step: Step,
    /// The programme as published.
    pub programme: Programme,
    /// What the revision changes from the one followed before, one line
    /// each (empty for a new programme).
    pub changes: Vec<String>,
    /// Where to go next: the share screen (send the revision to the areas),
    /// or the units screen (a new programme has no areas yet).
    pub next: Route,
    /// The button to go there: "Gửi chương trình cho các khu dân cư".
    pub next_label: String,
}

/// Why a draft was not published: every problem, at its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishErrors {
    pub errors: Vec<FieldError>,
}

impl fmt::Display for PublishErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Chưa áp dụng được chương trình: còn {} chỗ cần sửa.", self.errors.len())?;
        for e in &self.errors {
            write!(f, "\n- {}", e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for PublishErrors {}

/// What publishing the draft as a revision would change, one line each, to
/// show before publishing (empty for a new programme).
pub(crate) fn changes_with(draft: &Draft, ctx: &Ctx) -> Vec<String> {
    match ctx.base {
        Some(base) => finalise(draft, &base.id, base.revision + 1).changes_from(base),
        None => Vec::new(),
    }
}

/// Publishes the draft: checked field by field (and, for a revision,
/// against the data this phone holds), renumbered, and taken by the state.
pub fn publish(state: &State, draft: &Draft, now_ms: i64) -> Result<Published, PublishErrors> {
    let ctx = Ctx::new(draft, state);
    let refuse = |errors: Vec<FieldError>| Err(PublishErrors { errors });
    ctx.may_edit().map_err(|e| PublishErrors { errors: vec![e] })?;
    let errors = check_with(draft, &ctx);
    if !errors.is_empty() {
        return refuse(errors);
    }
    match (&draft.base, ctx.base) {
        (Some(_), Some(base)) => revision(state, draft, base, now_ms),
        (Some(_), None) => refuse(vec![FieldError::new(Field::Programme, "Bản nháp này sửa một chương trình máy không còn theo.")]),
        (None, _) => new_programme(state, draft, now_ms),
    }
}

/// A final check by the rules every phone reads files by.
fn valid(p: &Programme) -> Result<(), PublishErrors> {
    p.validate().map_err(|e| PublishErrors { errors: vec![FieldError::new(Field::Programme, format!("Chương trình chưa hợp lệ: {}", e.message))] })
}

fn revision(state: &State, draft: &Draft, base: &Programme, now_ms: i64) -> Result<Published, PublishErrors> {
    let programme = finalise(draft, &base.id, base.revision + 1);
    valid(&programme)?;
    let one = |m: String| PublishErrors { errors: vec![FieldError::new(Field::Programme, m)] };
    if let Some(m) = file::misfit(&state.book, &programme) {
        return Err(one(match m {
            Misfit::Dropped(name) => format!("Máy này đã có số liệu của “{name}” nên chương trình phải giữ mục đó."),
            Misfit::Data(why) => format!("Chương trình sửa đổi không hợp với số liệu đã có ở máy này: {why}"),
        }));
    }
    let changes = programme.changes_from(base);
    if changes.is_empty() {
        return Err(one("Bản nháp chưa thay đổi gì so với chương trình đang theo dõi.".into()));
    }
    let mut next = state.clone();
    next.book.programme = programme.clone();
    add_new_organisations(&mut next, now_ms);
    next.count_change(now_ms);
    next.observe_book(now_ms);
    let done = format!(
        "Đã áp dụng lần sửa {} của chương trình. Dữ liệu trước đó đã được sao lưu. Hãy gửi tệp cho các khu dân cư để các máy theo chương trình mới.",
        programme.revision
    );
    Ok(Published {
        step: Step { state: next, effects: vec![Effect::Backup(Box::new(state.clone())), Effect::DropUndo], done },
        programme,
        changes,
        next: Route::Share,
        next_label: "Gửi chương trình cho các khu dân cư".into(),
    })
}

/// Member organisations a revision adds become units as a new phone on it
/// makes them (same ids, same stamps), so that every phone agrees on them.
fn add_new_organisations(state: &mut State, now_ms: i64) {
    let fresh = State::fresh(state.book.programme.clone(), state.local.device.clone(), now_ms);
    for (id, u) in fresh.book.units {
        if u.data().kind == UnitKind::Organisation && !state.book.units.contains_key(&id) {
            state.book.units.insert(id, u);
        }
    }
}

fn new_programme(state: &State, draft: &Draft, now_ms: i64) -> Result<Published, PublishErrors> {
    let p = &draft.programme;
    let id = new_id(&p.owner, p.term, &[state.book.programme.id.as_str()]);
    let programme = finalise(draft, &id, 1);
    valid(&programme)?;
    let incoming = Incoming { book: Book::new(programme.clone()), scope: Scope::All, exported_ms: None, device: None };
    let mut step = workflow::switch(state, &incoming, now_ms);
    step.done = format!(
        "Máy đã chuyển sang chương trình mới “{}” ({}). Dữ liệu của chương trình trước đã được sao lưu. Hãy thêm các khu dân cư, rồi gửi tệp cho các khu dân cư.",
        programme.title, programme.owner
    );
    Ok(Published {
        step,
        programme,
        changes: Vec::new(),
        next: Route::Units,
        next_label: "Thêm các khu dân cư".into(),
    })
}

/// Prefixes of a commune's name left out of its programme's id.
const PREFIXES: [&str; 4] = ["xã ", "phường ", "thị trấn ", "đặc khu "];

/// A new programme's id, from its owner and years: "linh-toai-2025-2030";
/// with "-2", "-3"… when one of `taken` has it.
pub fn new_id(owner: &str, term: Term, taken: &[&str]) -> String {
    let owner = owner.trim();
    let low = owner.to_lowercase();
    let name = PREFIXES.iter().find(|p| low.starts_with(*p)).and_then(|p| owner.get(p.len()..)).unwrap_or(owner).trim();
    let mut slug = text::slug(name);
    if slug.is_empty() {
        slug = "chuong-trinh".into();
    }
    let first = format!("{slug}-{}-{}", term.first_year, term.last_year);
    let taken: std::collections::BTreeSet<String> = taken.iter().map(|t| t.to_string()).collect();
    super::ids::fresh(&first, &taken)
}

/// The programme as published: texts trimmed, indicators and parts
/// numbered in list order (items follow), with its id and revision.
fn finalise(d: &Draft, id: &str, revision: u32) -> Programme {
    let mut p = d.programme.clone();
    p.id = id.to_string();
    p.revision = revision;
    trim(&mut p);
    let indicators: BTreeMap<u32, u32> = p.indicators.iter().enumerate().map(|(k, i)| (i.number, k as u32 + 1)).collect();
    let parts: BTreeMap<u32, u32> = p.parts.iter().enumerate().map(|(k, x)| (x.number, k as u32 + 1)).collect();
    p.indicators.iter_mut().for_each(|i| i.number = indicators[&i.number]);
    p.parts.iter_mut().for_each(|x| x.number = parts[&x.number]);
    for item in &mut p.items {
        item.indicator = item.indicator.map(|n| indicators.get(&n).copied().unwrap_or(n));
        item.part = item.part.map(|n| parts.get(&n).copied().unwrap_or(n));
    }
    p
}

/// Spaces typed around the texts go.
fn trim(p: &mut Programme) {
    fn t(s: &mut String) {
        let trimmed = s.trim();
        if trimmed.len() != s.len() {
            *s = trimmed.to_string();
        }
    }
    let opt = |s: &mut Option<String>| {
        if let Some(v) = s {
            t(v);
        }
    };
    for s in [&mut p.title, &mut p.owner, &mut p.objective, &mut p.closing] {
        t(s);
    }
    p.organisations.iter_mut().for_each(t);
    p.grades.iter_mut().for_each(|g| t(&mut g.label));
    for ind in &mut p.indicators {
        t(&mut ind.text);
        ind.targets.iter_mut().for_each(|x| t(&mut x.label));
    }
    for part in &mut p.parts {
        t(&mut part.title);
        t(&mut part.objective);
        part.tasks.iter_mut().chain(part.solutions.iter_mut()).for_each(|x| t(&mut x.text));
        part.targets.iter_mut().for_each(|x| t(&mut x.label));
    }
    for item in &mut p.items {
        t(&mut item.label);
        opt(&mut item.hint);
        opt(&mut item.numerator);
        opt(&mut item.denominator);
    }
}
