//! What the data a phone holds uses of its programme: the items and tasks
//! with records (and the kinds of units they are for), the grades given,
//! the years and days recorded. A revision must keep all of it (see
//! `file::misfit`), so the editor retires instead of deleting and locks
//! what records depend on.

use crate::core::book::{Book, UnitKind, Value};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Usage {
    /// Item and task ids with records (any version, even emptied), and the
    /// kinds of the units they are for.
    pub items: BTreeMap<String, BTreeSet<UnitKind>>,
    /// Grade ids given in any version of any record.
    pub grades: BTreeSet<String>,
    /// The first and last year records are kept for.
    pub years: Option<(i32, i32)>,
    /// The first and last day a record names.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

impl Usage {
    /// What `book`'s records use, in one pass.
    pub fn of(book: &Book) -> Usage {
        let mut u = Usage::default();
        let widen = |span: &mut Option<(i32, i32)>, y: i32| {
            *span = Some(span.map_or((y, y), |(a, b)| (a.min(y), b.max(y))));
        };
        // The report's texts ("@…") are no programme's items: nothing to keep for them.
        for r in book.records.values().filter(|r| !crate::core::programme::is_reserved(&r.key.item)) {
            // Records come grouped by unit, not item: look up before allocating a key.
            let kinds = match u.items.get_mut(&r.key.item) {
                Some(k) => k,
                None => u.items.entry(r.key.item.clone()).or_default(),
            };
            if let Some(unit) = book.unit(&r.key.unit) {
                kinds.insert(unit.kind);
            }
            if let Some(y) = r.key.year {
                widen(&mut u.years, y);
            }
            for v in r.versions.all() {
                if let Value::Grade { grade } = &v.value.value {
                    if !u.grades.contains(grade) {
                        u.grades.insert(grade.clone());
                    }
                }
                if let Some(d) = v.value.date {
                    u.dates = Some(u.dates.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
                }
            }
        }
        u
    }

    /// Whether an item or task has records.
    pub fn recorded(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    /// The kinds of units an item has records for.
    pub fn kinds(&self, id: &str) -> BTreeSet<UnitKind> {
        self.items.get(id).cloned().unwrap_or_default()
    }
}
