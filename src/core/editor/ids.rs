//! Ids the editor gives: ASCII slugs, unique in the draft and never one the
//! programme revised uses (so that an id deleted in a draft is not given to
//! something else), never starting with "@" (kept for the app's own records).

use super::Owner;
use crate::core::programme::Programme;
use std::collections::BTreeSet;

/// The ids of items, tasks and targets in `p` and in `base`.
pub(crate) fn taken(p: &Programme, base: Option<&Programme>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in std::iter::once(p).chain(base) {
        out.extend(q.items.iter().map(|i| i.id.clone()));
        out.extend(q.all_tasks().map(|(_, t)| t.id.clone()));
        out.extend(q.all_targets().map(|t| t.id.clone()));
    }
    out
}

/// `first` when free, else `first-2`, `first-3`…
pub(crate) fn fresh(first: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(first) {
        return first.to_string();
    }
    (2..).map(|k| format!("{first}-{k}")).find(|id| !taken.contains(id)).expect("a free id")
}

/// The first of `candidates` not taken.
fn first_free(mut candidates: impl Iterator<Item = String>, taken: &BTreeSet<String>) -> String {
    candidates.find(|id| !taken.contains(id)).expect("a free id")
}

/// "ct3" for indicator 3, "p6" for part 6.
fn owner_code(owner: Owner) -> String {
    match owner {
        Owner::Indicator(n) => format!("ct{n}"),
        Owner::Part(n) => format!("p{n}"),
    }
}

/// A new item's id: "ct3-muc-1", "p6-muc-2".
pub(crate) fn item(owner: Owner, taken: &BTreeSet<String>) -> String {
    let code = owner_code(owner);
    first_free((1..).map(|k| format!("{code}-muc-{k}")), taken)
}

/// A new target's id, as the embedded programme names them: "3a", "3b"…
/// for indicator 3; "a6a"… for part 6.
pub(crate) fn target(owner: Owner, taken: &BTreeSet<String>) -> String {
    let prefix = match owner {
        Owner::Indicator(n) => n.to_string(),
        Owner::Part(n) => format!("a{n}"),
    };
    let letters = (b'a'..=b'z').map(|c| format!("{prefix}{}", c as char));
    first_free(letters.chain((27..).map(|k| format!("{prefix}-{k}"))), taken)
}

/// A new task's id: "a3-t6" (a focus task) or "a3-s9" (a solution) of part 3.
pub(crate) fn task(part: u32, solution: bool, taken: &BTreeSet<String>) -> String {
    let kind = if solution { 's' } else { 't' };
    first_free((1..).map(|k| format!("a{part}-{kind}{k}")), taken)
}

/// A new grade's id: "xep-loai-5".
pub(crate) fn grade(p: &Programme, base: Option<&Programme>) -> String {
    let taken: BTreeSet<String> = std::iter::once(p).chain(base).flat_map(|q| q.grades.iter().map(|g| g.id.clone())).collect();
    first_free((1..).map(|k| format!("xep-loai-{k}")), &taken)
}

/// Whether an id can be used: not blank, no "/" (record ids are made of
/// ids and slashes), not starting with "@".
pub(crate) fn usable(id: &str) -> bool {
    !id.trim().is_empty() && !id.contains('/') && !id.starts_with('@')
}
