//! Adding to, removing from, bringing back and moving in the draft's lists.
//!
//! Removing keeps what the phone's data needs: an item, a target or a task
//! with records (and an indicator or part that holds such) is retired, not
//! deleted; what has none is deleted. [`removal`] and [`movable`] say
//! beforehand what a button will do, or why it cannot, for the model.

use super::rules::{first_shape, start_shape};
use super::set::{organisation_locked, ORGANISATION_LOCKED};
use super::{find, ids, Add, Ctx, Draft, Field, FieldError, Owner, Row};
use crate::core::programme::{Cadence, Grade, Indicator, Item, Part, Programme, Target, Task, ValueKind, Who};

/// What removing a row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Removal {
    /// Nothing is recorded under it: it goes.
    Delete,
    /// Something is: it stays in files and history, no longer followed.
    Retire,
}

/// The field a row's errors show at.
pub(crate) fn row_field(row: &Row) -> Field {
    match row {
        Row::Indicator(n) => Field::IndicatorText(*n),
        Row::Part(n) => Field::PartTitle(*n),
        Row::Task(id) => Field::TaskText(id.clone()),
        Row::Organisation(i) => Field::Organisation(*i),
        Row::Grade(id) => Field::GradeLabel(id.clone()),
        Row::Item(id) => Field::ItemLabel(id.clone()),
        Row::Target(id) => Field::TargetLabel(id.clone()),
    }
}

pub(super) fn add(d: &mut Draft, ctx: &Ctx, what: Add) -> Result<(), FieldError> {
    let base = ctx.base;
    let p = &mut d.programme;
    match what {
        Add::Indicator => {
            let number = p.indicators.iter().map(|i| i.number).max().unwrap_or(0).saturating_add(1);
            p.indicators.push(Indicator { number, text: String::new(), targets: Vec::new(), retired: false });
        }
        Add::Part { kind } => {
            let number = p.parts.iter().map(|x| x.number).max().unwrap_or(0).saturating_add(1);
            p.parts.push(Part {
                number,
                kind,
                title: String::new(),
                objective: String::new(),
                tasks: Vec::new(),
                solutions: Vec::new(),
                targets: Vec::new(),
                retired: false,
            });
        }
        Add::Task { part } | Add::Solution { part } => {
            let solution = matches!(what, Add::Solution { .. });
            let id = ids::task(part, solution, &ids::taken(p, base));
            let f = Field::PartTitle(part);
            let x = find::part(p, part, &f)?;
            find::followed(x.retired, &f)?;
            let list = if solution { &mut x.solutions } else { &mut x.tasks };
            list.push(Task { id, text: String::new(), retired: false });
        }
        Add::Organisation => p.organisations.push(String::new()),
        Add::Grade => {
            // The last grade is the failing one: a new grade goes above it.
            let id = ids::grade(p, base);
            let at = if p.grades.len() >= 2 { p.grades.len() - 1 } else { p.grades.len() };
            p.grades.insert(at, Grade { id, label: String::new() });
        }
        Add::Item { owner } => add_item(p, base, owner)?,
        Add::Target { owner } => add_target(p, base, owner)?,
    }
    Ok(())
}

/// The field where an owner's errors show.
fn owner_field(owner: Owner) -> Field {
    match owner {
        Owner::Indicator(n) => Field::IndicatorText(n),
        Owner::Part(n) => Field::PartTitle(n),
    }
}

/// Refuses adding to an owner that is gone or retired.
fn open_owner(p: &Programme, owner: Owner) -> Result<(), FieldError> {
    let f = owner_field(owner);
    let exists = match owner {
        Owner::Indicator(n) => p.indicators.iter().any(|i| i.number == n),
        Owner::Part(n) => p.part(n).is_some(),
    };
    if !exists {
        return Err(find::gone(&f));
    }
    find::followed(find::owner_retired(p, owner), &f)
}

/// A new item, ticked each year by each area, placed after its owner's others.
fn add_item(p: &mut Programme, base: Option<&Programme>, owner: Owner) -> Result<(), FieldError> {
    open_owner(p, owner)?;
    let id = ids::item(owner, &ids::taken(p, base));
    let (indicator, part) = match owner {
        Owner::Indicator(n) => (Some(n), None),
        Owner::Part(n) => (None, Some(n)),
    };
    let item = Item {
        id,
        label: String::new(),
        who: vec![Who::Areas],
        cadence: Cadence::Yearly,
        value: ValueKind::Done,
        indicator,
        part,
        hint: None,
        numerator: None,
        denominator: None,
        retired: false,
    };
    insert_item(p, item);
    Ok(())
}

/// Puts an item after the other items of its owner (else at the end).
pub(super) fn insert_item(p: &mut Programme, item: Item) {
    let owner = find::item_owner(&item);
    let at = p.items.iter().rposition(|i| find::item_owner(i) == owner).map_or(p.items.len(), |k| k + 1);
    p.items.insert(at, item);
}

/// A new target over the first item of its owner that can feed one.
fn add_target(p: &mut Programme, base: Option<&Programme>, owner: Owner) -> Result<(), FieldError> {
    open_owner(p, owner)?;
    let start = start_shape(p);
    let found = p
        .items
        .iter()
        .filter(|i| !i.retired && find::item_owner(i) == Some(owner))
        .find_map(|i| first_shape(i, p, &start).map(|s| (i.clone(), s)));
    let Some((item, shape)) = found else {
        return Err(FieldError::new(
            owner_field(owner),
            "Hãy thêm một mục ghi chép trước: mốc đo được tính từ số liệu của một mục (ví dụ mục ghi mỗi năm, đã làm hay chưa).",
        ));
    };
    let id = ids::target(owner, &ids::taken(p, base));
    let target = Target { id, label: item.label.clone(), rule: shape.rule(&item.id), retired: false };
    find::targets_of(p, owner, &owner_field(owner))?.push(target);
    Ok(())
}

/// What removing `row` does, or why it cannot be removed.
pub(crate) fn removal(d: &Draft, ctx: &Ctx, row: &Row) -> Result<Removal, String> {
    let p = &d.programme;
    let gone = || "Không còn mục này trong bản nháp.".to_string();
    let retire_if = |recorded: bool| if recorded { Removal::Retire } else { Removal::Delete };
    let already = |retired: bool| if retired { Err("Đã thôi theo dõi.".to_string()) } else { Ok(()) };
    match row {
        Row::Indicator(n) => {
            let ind = p.indicators.iter().find(|i| i.number == *n).ok_or_else(gone)?;
            already(ind.retired)?;
            Ok(retire_if(holds(p, ctx, Owner::Indicator(*n))))
        }
        Row::Part(n) => {
            let part = p.part(*n).ok_or_else(gone)?;
            already(part.retired)?;
            let tasks = part.tasks.iter().chain(&part.solutions).any(|t| ctx.usage.recorded(&t.id));
            Ok(retire_if(tasks || holds(p, ctx, Owner::Part(*n))))
        }
        Row::Task(id) => {
            let task = p.task(id).ok_or_else(gone)?;
            already(task.retired)?;
            Ok(retire_if(ctx.usage.recorded(id)))
        }
        Row::Organisation(i) => {
            p.organisations.get(*i).ok_or_else(gone)?;
            if organisation_locked(ctx, *i) {
                return Err(ORGANISATION_LOCKED.to_string());
            }
            Ok(Removal::Delete)
        }
        Row::Grade(id) => grade_removal(p, ctx, id),
        Row::Item(id) => {
            let item = p.item(id).ok_or_else(gone)?;
            already(item.retired)?;
            Ok(retire_if(ctx.usage.recorded(id)))
        }
        Row::Target(id) => {
            let t = p.all_targets().find(|t| t.id == *id).ok_or_else(gone)?;
            already(t.retired)?;
            Ok(retire_if(ctx.usage.recorded(t.rule.item())))
        }
    }
}

/// A grade goes only when nothing uses it: no record, no target, no item
/// left without grades.
fn grade_removal(p: &Programme, ctx: &Ctx, id: &str) -> Result<Removal, String> {
    if p.grade_rank(id).is_none() {
        return Err("Không còn xếp loại này trong bản nháp.".into());
    }
    if ctx.usage.grades.contains(id) {
        return Err("Xếp loại này đã được dùng trong số liệu nên không bỏ được.".into());
    }
    let used = p.all_targets().find(|t| matches!(&t.rule, crate::core::programme::Rule::GradeShare { min_grade, .. } if min_grade == id));
    if let Some(t) = used {
        return Err(format!("Mốc đo “{}” tính từ xếp loại này: hãy đổi mốc đo trước.", t.label.trim()));
    }
    if p.grades.len() == 1 && p.items.iter().any(|i| i.value == ValueKind::Grade) {
        return Err("Còn mục ghi xếp loại nên cần ít nhất một xếp loại.".into());
    }
    Ok(Removal::Delete)
}

/// Whether an owner holds an item with records, or a target over one.
fn holds(p: &Programme, ctx: &Ctx, owner: Owner) -> bool {
    let items = p.items.iter().any(|i| find::item_owner(i) == Some(owner) && ctx.usage.recorded(&i.id));
    let targets = owned_targets(p, owner).iter().any(|t| ctx.usage.recorded(t.rule.item()));
    items || targets
}

fn owned_targets(p: &Programme, owner: Owner) -> Vec<Target> {
    match owner {
        Owner::Indicator(n) => p.indicators.iter().find(|i| i.number == n).map(|i| i.targets.clone()).unwrap_or_default(),
        Owner::Part(n) => p.part(n).map(|x| x.targets.clone()).unwrap_or_default(),
    }
}

pub(super) fn remove(d: &mut Draft, ctx: &Ctx, row: &Row) -> Result<(), FieldError> {
    let how = removal(d, ctx, row).map_err(|m| FieldError::new(row_field(row), m))?;
    let p = &mut d.programme;
    match row {
        Row::Indicator(n) => {
            remove_owned(p, ctx, Owner::Indicator(*n));
            match how {
                Removal::Retire => find::indicator(p, *n, &row_field(row))?.retired = true,
                Removal::Delete => {
                    p.indicators.retain(|i| i.number != *n);
                    p.items.retain(|i| i.indicator != Some(*n));
                    d.suggestions.retain(|s| s.indicator != *n);
                }
            }
        }
        Row::Part(n) => {
            remove_owned(p, ctx, Owner::Part(*n));
            let part = find::part(p, *n, &row_field(row))?;
            for list in [&mut part.tasks, &mut part.solutions] {
                list.retain(|t| t.retired || ctx.usage.recorded(&t.id));
                list.iter_mut().for_each(|t| t.retired = true);
            }
            match how {
                Removal::Retire => part.retired = true,
                Removal::Delete => {
                    p.parts.retain(|x| x.number != *n);
                    p.items.retain(|i| i.indicator.is_some() || i.part != Some(*n));
                }
            }
        }
        Row::Task(id) => match how {
            Removal::Retire => find::task(p, id, &row_field(row))?.retired = true,
            Removal::Delete => p.parts.iter_mut().for_each(|x| {
                x.tasks.retain(|t| t.id != *id);
                x.solutions.retain(|t| t.id != *id);
            }),
        },
        Row::Organisation(i) => {
            p.organisations.remove(*i);
        }
        Row::Grade(id) => p.grades.retain(|g| g.id != *id),
        Row::Item(id) => remove_item(p, id, how),
        Row::Target(id) => remove_target(p, id, how),
    }
    Ok(())
}

/// Removes an item, and with it every target reading it.
fn remove_item(p: &mut Programme, id: &str, how: Removal) {
    match how {
        Removal::Retire => {
            p.items.iter_mut().filter(|i| i.id == id).for_each(|i| i.retired = true);
            targets_mut(p).filter(|t| t.rule.item() == id).for_each(|t| t.retired = true);
        }
        Removal::Delete => {
            p.items.retain(|i| i.id != id);
            p.indicators.iter_mut().for_each(|i| i.targets.retain(|t| t.rule.item() != id));
            p.parts.iter_mut().for_each(|x| x.targets.retain(|t| t.rule.item() != id));
        }
    }
}

fn remove_target(p: &mut Programme, id: &str, how: Removal) {
    match how {
        Removal::Retire => targets_mut(p).filter(|t| t.id == id).for_each(|t| t.retired = true),
        Removal::Delete => {
            p.indicators.iter_mut().for_each(|i| i.targets.retain(|t| t.id != id));
            p.parts.iter_mut().for_each(|x| x.targets.retain(|t| t.id != id));
        }
    }
}

/// Removes everything an indicator or part holds: its items and its
/// targets, each retired or deleted by its own records.
fn remove_owned(p: &mut Programme, ctx: &Ctx, owner: Owner) {
    let items: Vec<String> =
        p.items.iter().filter(|i| find::item_owner(i) == Some(owner) && !i.retired).map(|i| i.id.clone()).collect();
    for id in items {
        let how = if ctx.usage.recorded(&id) { Removal::Retire } else { Removal::Delete };
        remove_item(p, &id, how);
    }
    for t in owned_targets(p, owner).into_iter().filter(|t| !t.retired) {
        let how = if ctx.usage.recorded(t.rule.item()) { Removal::Retire } else { Removal::Delete };
        remove_target(p, &t.id, how);
    }
}

/// Every target of the programme, to change in place.
fn targets_mut(p: &mut Programme) -> impl Iterator<Item = &mut Target> {
    p.indicators.iter_mut().flat_map(|i| i.targets.iter_mut()).chain(p.parts.iter_mut().flat_map(|x| x.targets.iter_mut()))
}

pub(super) fn restore(d: &mut Draft, row: &Row) -> Result<(), FieldError> {
    let f = row_field(row);
    let p = &mut d.programme;
    let not_retired = || FieldError::new(f.clone(), "Đang được theo dõi, không cần theo dõi lại.");
    match row {
        Row::Indicator(n) => {
            let ind = find::indicator(p, *n, &f)?;
            if !ind.retired {
                return Err(not_retired());
            }
            restore_owned(p, Owner::Indicator(*n));
        }
        Row::Part(n) => {
            let part = find::part(p, *n, &f)?;
            if !part.retired {
                return Err(not_retired());
            }
            part.tasks.iter_mut().chain(part.solutions.iter_mut()).for_each(|t| t.retired = false);
            restore_owned(p, Owner::Part(*n));
        }
        Row::Task(id) => {
            let (part, _) = find::task_place(p, id).ok_or_else(|| find::gone(&f))?;
            let task = find::task(p, id, &f)?;
            if !task.retired {
                return Err(not_retired());
            }
            task.retired = false;
            find::part(p, part, &f)?.retired = false;
        }
        Row::Item(id) => {
            if !find::item(p, id, &f)?.retired {
                return Err(not_retired());
            }
            restore_item(p, id);
            targets_mut(p).filter(|t| t.rule.item() == id).for_each(|t| t.retired = false);
        }
        Row::Target(id) => {
            let owner = find::target_owner(p, id).ok_or_else(|| find::gone(&f))?;
            let t = find::target(p, id, &f)?;
            if !t.retired {
                return Err(not_retired());
            }
            t.retired = false;
            let item = t.rule.item().to_string();
            restore_item(p, &item);
            open(p, owner);
        }
        Row::Organisation(_) | Row::Grade(_) => return Err(not_retired()),
    }
    Ok(())
}

/// Brings back an item and the indicator or part it serves.
fn restore_item(p: &mut Programme, id: &str) {
    let Some(item) = p.items.iter_mut().find(|i| i.id == id) else { return };
    item.retired = false;
    if let Some(owner) = find::item_owner(item) {
        open(p, owner);
    }
}

/// Brings back an indicator or a part itself.
fn open(p: &mut Programme, owner: Owner) {
    match owner {
        Owner::Indicator(n) => p.indicators.iter_mut().filter(|i| i.number == n).for_each(|i| i.retired = false),
        Owner::Part(n) => p.parts.iter_mut().filter(|x| x.number == n).for_each(|x| x.retired = false),
    }
}

/// Brings back an owner with its items and targets.
fn restore_owned(p: &mut Programme, owner: Owner) {
    open(p, owner);
    p.items.iter_mut().filter(|i| find::item_owner(i) == Some(owner)).for_each(|i| i.retired = false);
    let targets: Vec<String> = owned_targets(p, owner).into_iter().map(|t| t.id).collect();
    for id in targets {
        let Some(t) = targets_mut(p).find(|t| t.id == id) else { continue };
        t.retired = false;
        let item = t.rule.item().to_string();
        restore_item(p, &item);
    }
}

/// Whether `row` can move one place up (or down), or why not.
pub(crate) fn movable(d: &Draft, ctx: &Ctx, row: &Row, up: bool) -> Result<(), String> {
    let p = &d.programme;
    let (at, len) = place(p, row).ok_or_else(|| "Không còn mục này trong bản nháp.".to_string())?;
    if up && at == 0 {
        return Err("Đã ở đầu danh sách.".into());
    }
    if !up && at + 1 >= len {
        return Err("Đã ở cuối danh sách.".into());
    }
    if let Row::Organisation(i) = row {
        let other = if up { i - 1 } else { i + 1 };
        if organisation_locked(ctx, *i) || organisation_locked(ctx, other) {
            return Err("Các tổ chức đã có trên các máy giữ nguyên thứ tự; tổ chức mới xếp sau.".into());
        }
    }
    Ok(())
}

/// Where a row sits in its list, and the list's length. Items sit among
/// their owner's items.
fn place(p: &Programme, row: &Row) -> Option<(usize, usize)> {
    let at = |pos: Option<usize>, len: usize| pos.map(|k| (k, len));
    match row {
        Row::Indicator(n) => at(p.indicators.iter().position(|i| i.number == *n), p.indicators.len()),
        Row::Part(n) => at(p.parts.iter().position(|x| x.number == *n), p.parts.len()),
        Row::Task(id) => {
            let (part, solution) = find::task_place(p, id)?;
            let x = p.part(part)?;
            let list = if solution { &x.solutions } else { &x.tasks };
            at(list.iter().position(|t| t.id == *id), list.len())
        }
        Row::Organisation(i) => (*i < p.organisations.len()).then_some((*i, p.organisations.len())),
        Row::Grade(id) => at(p.grade_rank(id), p.grades.len()),
        Row::Item(id) => {
            let owner = find::item_owner(p.item(id)?);
            let siblings: Vec<&Item> = p.items.iter().filter(|i| find::item_owner(i) == owner).collect();
            at(siblings.iter().position(|i| i.id == *id), siblings.len())
        }
        Row::Target(id) => {
            let owner = find::target_owner(p, id)?;
            let list = owned_targets(p, owner);
            at(list.iter().position(|t| t.id == *id), list.len())
        }
    }
}

pub(super) fn move_row(d: &mut Draft, ctx: &Ctx, row: &Row, up: bool) -> Result<(), FieldError> {
    let f = row_field(row);
    movable(d, ctx, row, up).map_err(|m| FieldError::new(f.clone(), m))?;
    let p = &mut d.programme;
    let step = |v: usize| if up { v - 1 } else { v + 1 };
    match row {
        Row::Indicator(n) => swap_by(&mut p.indicators, |i| i.number == *n, step),
        Row::Part(n) => swap_by(&mut p.parts, |x| x.number == *n, step),
        Row::Task(id) => {
            for x in p.parts.iter_mut() {
                swap_by(&mut x.tasks, |t| t.id == *id, step);
                swap_by(&mut x.solutions, |t| t.id == *id, step);
            }
        }
        Row::Organisation(i) => p.organisations.swap(*i, step(*i)),
        Row::Grade(id) => swap_by(&mut p.grades, |g| g.id == *id, step),
        Row::Item(id) => {
            let owner = p.item(id).and_then(find::item_owner);
            let siblings: Vec<usize> = (0..p.items.len()).filter(|k| find::item_owner(&p.items[*k]) == owner).collect();
            let at = siblings.iter().position(|k| p.items[*k].id == *id).ok_or_else(|| find::gone(&f))?;
            p.items.swap(siblings[at], siblings[step(at)]);
        }
        Row::Target(id) => {
            let owner = find::target_owner(p, id).ok_or_else(|| find::gone(&f))?;
            swap_by(find::targets_of(p, owner, &f)?, |t| t.id == *id, step);
        }
    }
    Ok(())
}

/// Swaps the element matching `is` with the one `step` gives, when both exist.
fn swap_by<T>(list: &mut [T], is: impl Fn(&T) -> bool, step: impl Fn(usize) -> usize) {
    if let Some(at) = list.iter().position(is) {
        let other = step(at);
        if other < list.len() {
            list.swap(at, other);
        }
    }
}
