//! Finding what an edit names in the draft, with the error at its field
//! when it is gone (a screen behind the draft) or retired.

use super::{Field, FieldError, Owner};
use crate::core::programme::{Indicator, Item, Part, Programme, Target, Task};

/// The thing an edit names is not in the draft.
pub(super) fn gone(field: &Field) -> FieldError {
    FieldError::new(field.clone(), "Không còn mục này trong bản nháp. Hãy mở lại màn hình soạn chương trình.")
}

/// A retired thing is not edited until it is brought back.
pub(super) fn retired(field: &Field) -> FieldError {
    FieldError::new(field.clone(), "Đã thôi theo dõi: bấm “Theo dõi lại” trước khi sửa.")
}

/// Refuses an edit of a retired thing.
pub(super) fn followed(is_retired: bool, field: &Field) -> Result<(), FieldError> {
    if is_retired {
        Err(retired(field))
    } else {
        Ok(())
    }
}

pub(super) fn indicator<'a>(p: &'a mut Programme, n: u32, field: &Field) -> Result<&'a mut Indicator, FieldError> {
    p.indicators.iter_mut().find(|i| i.number == n).ok_or_else(|| gone(field))
}

pub(super) fn part<'a>(p: &'a mut Programme, n: u32, field: &Field) -> Result<&'a mut Part, FieldError> {
    p.parts.iter_mut().find(|x| x.number == n).ok_or_else(|| gone(field))
}

pub(super) fn item<'a>(p: &'a mut Programme, id: &str, field: &Field) -> Result<&'a mut Item, FieldError> {
    p.items.iter_mut().find(|i| i.id == id).ok_or_else(|| gone(field))
}

pub(super) fn task<'a>(p: &'a mut Programme, id: &str, field: &Field) -> Result<&'a mut Task, FieldError> {
    p.parts.iter_mut().flat_map(|x| x.tasks.iter_mut().chain(x.solutions.iter_mut())).find(|t| t.id == id).ok_or_else(|| gone(field))
}

pub(super) fn target<'a>(p: &'a mut Programme, id: &str, field: &Field) -> Result<&'a mut Target, FieldError> {
    let of_indicators = p.indicators.iter_mut().flat_map(|i| i.targets.iter_mut());
    let of_parts = p.parts.iter_mut().flat_map(|x| x.targets.iter_mut());
    of_indicators.chain(of_parts).find(|t| t.id == id).ok_or_else(|| gone(field))
}

/// The indicator or part a target belongs to.
pub(super) fn target_owner(p: &Programme, id: &str) -> Option<Owner> {
    let ind = p.indicators.iter().find(|i| i.targets.iter().any(|t| t.id == id)).map(|i| Owner::Indicator(i.number));
    ind.or_else(|| p.parts.iter().find(|x| x.targets.iter().any(|t| t.id == id)).map(|x| Owner::Part(x.number)))
}

/// The indicator or part an item serves.
pub(super) fn item_owner(item: &Item) -> Option<Owner> {
    match (item.indicator, item.part) {
        (Some(n), _) => Some(Owner::Indicator(n)),
        (None, Some(n)) => Some(Owner::Part(n)),
        _ => None,
    }
}

/// The part a task or solution belongs to, and whether it is a solution.
pub(super) fn task_place(p: &Programme, id: &str) -> Option<(u32, bool)> {
    p.parts.iter().find_map(|x| {
        if x.tasks.iter().any(|t| t.id == id) {
            Some((x.number, false))
        } else if x.solutions.iter().any(|t| t.id == id) {
            Some((x.number, true))
        } else {
            None
        }
    })
}

/// The targets of an owner.
pub(super) fn targets_of<'a>(p: &'a mut Programme, owner: Owner, field: &Field) -> Result<&'a mut Vec<Target>, FieldError> {
    match owner {
        Owner::Indicator(n) => indicator(p, n, field).map(|i| &mut i.targets),
        Owner::Part(n) => part(p, n, field).map(|x| &mut x.targets),
    }
}

/// Whether an owner is retired (or gone).
pub(super) fn owner_retired(p: &Programme, owner: Owner) -> bool {
    match owner {
        Owner::Indicator(n) => p.indicators.iter().find(|i| i.number == n).is_none_or(|i| i.retired),
        Owner::Part(n) => p.part(n).is_none_or(|x| x.retired),
    }
}
