//! [`Edit::Set`] and [`Edit::Check`]: a field takes what was typed or chosen.
//!
//! [`Edit::Set`]: super::Edit::Set
//! [`Edit::Check`]: super::Edit::Check

use super::rules::{computes, Shape};
use super::words::{self, TargetKind};
use super::{find, Ctx, Draft, Field, FieldError};
use crate::core::programme::{Cmp, PartKind, Period, Programme, Rule, ValueKind};
use crate::core::text;
use chrono::Datelike;

/// The longest term a programme may have, in years from first to last.
pub const MAX_TERM_YEARS: i32 = 10;

pub(super) fn set(d: &mut Draft, ctx: &Ctx, field: Field, value: String) -> Result<(), FieldError> {
    let p = &mut d.programme;
    let f = &field;
    match f {
        Field::Title => p.title = value,
        Field::Owner => owner(p, ctx, value)?,
        Field::Start => start(p, &value)?,
        Field::LastYear => last_year(p, &value)?,
        Field::Objective => p.objective = value,
        Field::Closing => p.closing = value,
        Field::IndicatorText(n) => {
            let ind = find::indicator(p, *n, f)?;
            find::followed(ind.retired, f)?;
            ind.text = value;
        }
        Field::PartKind(n) => {
            let kind = PartKind::from_code(&value).ok_or_else(|| unknown(f))?;
            let part = find::part(p, *n, f)?;
            find::followed(part.retired, f)?;
            part.kind = kind;
        }
        Field::PartTitle(n) | Field::PartObjective(n) => {
            let part = find::part(p, *n, f)?;
            find::followed(part.retired, f)?;
            match f {
                Field::PartTitle(_) => part.title = value,
                _ => part.objective = value,
            }
        }
        Field::TaskText(id) => {
            let task = find::task(p, id, f)?;
            find::followed(task.retired, f)?;
            task.text = value;
        }
        Field::Organisation(i) => organisation(p, ctx, *i, value)?,
        Field::GradeLabel(id) => p.grades.iter_mut().find(|g| g.id == *id).ok_or_else(|| find::gone(f))?.label = value,
        Field::ItemLabel(id) | Field::ItemHint(id) | Field::ItemNumerator(id) | Field::ItemDenominator(id) => {
            let item = find::item(p, id, f)?;
            find::followed(item.retired, f)?;
            let optional = (!value.trim().is_empty()).then_some(value.clone());
            match f {
                Field::ItemLabel(_) => item.label = value,
                Field::ItemHint(_) => item.hint = optional,
                Field::ItemNumerator(_) => item.numerator = optional,
                _ => item.denominator = optional,
            }
        }
        Field::ItemCadence(id) => item_cadence(p, ctx, id, &value, f)?,
        Field::ItemValue(id) => item_value(p, ctx, id, &value, f)?,
        Field::TargetLabel(id) => {
            let t = find::target(p, id, f)?;
            find::followed(t.retired, f)?;
            t.label = value;
        }
        Field::TargetItem(id)
        | Field::TargetKind(id)
        | Field::TargetPeriod(id)
        | Field::TargetCmp(id)
        | Field::TargetNumber(id)
        | Field::TargetMinCount(id)
        | Field::TargetFrom(id)
        | Field::TargetTo(id)
        | Field::TargetGrade(id) => target(p, id, &value, f)?,
        Field::Programme | Field::Indicators | Field::Grades | Field::ItemWho(_) | Field::TargetNoneFailing(_) => {
            return Err(FieldError::new(field, "Ô này chỉ đánh dấu hoặc bỏ đánh dấu, không nhập chữ."));
        }
    }
    Ok(())
}

/// A code the screen sent that is none of the choices.
fn unknown(f: &Field) -> FieldError {
    FieldError::new(f.clone(), "Lựa chọn này không có trong danh sách.")
}

/// Why the commune's name stays in a revision.
pub(crate) const OWNER_LOCKED: &str = "Tên xã gắn với dữ liệu đã có trên các máy nên không đổi khi sửa chương trình. Xã mới (sau sáp nhập) hoặc nhiệm kỳ mới: hãy soạn chương trình mới.";

/// The commune's name: fixed in a revision (every phone named its commune
/// unit after it when it started on this programme).
fn owner(p: &mut Programme, ctx: &Ctx, value: String) -> Result<(), FieldError> {
    if let Some(base) = ctx.base {
        if value.trim() != base.owner.trim() {
            return Err(FieldError::new(Field::Owner, OWNER_LOCKED));
        }
    }
    p.owner = value;
    Ok(())
}

/// A date as a date input gives it (yyyy-mm-dd) or as people write it (dd/mm/yyyy).
fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    text::parse_iso_date(s).or_else(|| text::parse_date(s))
}

/// The adoption date; the term keeps its length from the new first year.
fn start(p: &mut Programme, value: &str) -> Result<(), FieldError> {
    let day = parse_day(value).filter(|d| (1990..=2200).contains(&d.year()));
    let day = day.ok_or_else(|| FieldError::new(Field::Start, format!("“{}” không phải ngày hợp lệ. Ví dụ: 21/10/2024.", value.trim())))?;
    // In i64: a damaged stored draft may hold any years.
    let length = (i64::from(p.term.last_year) - i64::from(p.term.first_year)).clamp(0, MAX_TERM_YEARS.into()) as i32;
    p.term.start = day;
    p.term.first_year = day.year();
    p.term.last_year = day.year() + length;
    Ok(())
}

/// The term's last year: not before the first, at most ten years on.
fn last_year(p: &mut Programme, value: &str) -> Result<(), FieldError> {
    let first = p.term.first_year;
    let year: i32 = value
        .trim()
        .parse()
        .ok()
        .filter(|y| (1990..=2200).contains(y))
        .ok_or_else(|| FieldError::new(Field::LastYear, format!("“{}” không phải năm hợp lệ. Ví dụ: {}.", value.trim(), first + 5)))?;
    if year < first {
        return Err(FieldError::new(Field::LastYear, format!("Năm cuối nhiệm kỳ ({year}) không được trước năm bắt đầu ({first}).")));
    }
    if year - first > MAX_TERM_YEARS {
        return Err(FieldError::new(
            Field::LastYear,
            format!("Nhiệm kỳ {first}-{year} dài quá {MAX_TERM_YEARS} năm. Hãy kiểm tra lại năm cuối."),
        ));
    }
    p.term.last_year = year;
    Ok(())
}

/// Why an organisation of a revision stays as it is.
pub(crate) const ORGANISATION_LOCKED: &str = "Tổ chức này đã có trên các máy theo chương trình: đổi tên hay ngừng theo dõi ở mục Đơn vị. Ở đây chỉ thêm được tổ chức mới.";

/// Whether organisation `i` was already in the programme revised (every
/// phone made a unit of it when it started): then it stays, name and place.
pub(crate) fn organisation_locked(ctx: &Ctx, i: usize) -> bool {
    ctx.base.is_some_and(|b| i < b.organisations.len())
}

fn organisation(p: &mut Programme, ctx: &Ctx, i: usize, value: String) -> Result<(), FieldError> {
    let f = Field::Organisation(i);
    let slot = p.organisations.get_mut(i).ok_or_else(|| find::gone(&f))?;
    if organisation_locked(ctx, i) && value != *slot {
        return Err(FieldError::new(f, ORGANISATION_LOCKED));
    }
    *slot = value;
    Ok(())
}

/// Why an item with records keeps how it is recorded.
pub(crate) const ITEM_LOCKED: &str = "Mục này đã có số liệu nên không đổi được cách ghi. Muốn ghi khác đi, hãy thôi theo dõi mục này và thêm mục mới.";

fn item_cadence(p: &mut Programme, ctx: &Ctx, id: &str, code: &str, f: &Field) -> Result<(), FieldError> {
    let cadence = words::cadence_from_code(code).ok_or_else(|| unknown(f))?;
    let item = find::item(p, id, f)?;
    find::followed(item.retired, f)?;
    if item.cadence == cadence {
        return Ok(());
    }
    if ctx.usage.recorded(id) {
        return Err(FieldError::new(f.clone(), ITEM_LOCKED));
    }
    item.cadence = cadence;
    // What is logged each time is an amount or a count: a tick becomes a count.
    if !words::value_fits_cadence(item.value, cadence) {
        item.value = ValueKind::Count;
    }
    Ok(())
}

fn item_value(p: &mut Programme, ctx: &Ctx, id: &str, code: &str, f: &Field) -> Result<(), FieldError> {
    let value = words::value_from_code(code).ok_or_else(|| unknown(f))?;
    let item = find::item(p, id, f)?;
    find::followed(item.retired, f)?;
    if item.value == value {
        return Ok(());
    }
    if ctx.usage.recorded(id) {
        return Err(FieldError::new(f.clone(), ITEM_LOCKED));
    }
    if !words::value_fits_cadence(value, item.cadence) {
        return Err(FieldError::new(
            f.clone(),
            "Mục ghi mỗi lần phát sinh chỉ ghi số tiền hoặc số lượng. Muốn ghi kiểu khác, hãy đổi “Ghi khi nào” trước.",
        ));
    }
    item.value = value;
    Ok(())
}

pub(super) fn check(d: &mut Draft, ctx: &Ctx, field: Field, value: &str, on: bool) -> Result<(), FieldError> {
    let p = &mut d.programme;
    let f = &field;
    match f {
        Field::ItemWho(id) => {
            let who = words::who_from_code(value).ok_or_else(|| unknown(f))?;
            let item = find::item(p, id, f)?;
            find::followed(item.retired, f)?;
            if on {
                item.who.push(who);
                item.who.sort();
                item.who.dedup();
                return Ok(());
            }
            if ctx.usage.kinds(id).iter().any(|k| k.who() == who) {
                return Err(FieldError::new(
                    f.clone(),
                    format!("Đã có số liệu của {} cho mục này nên không bỏ được.", words::lower_first(words::who_label(who))),
                ));
            }
            item.who.retain(|w| *w != who);
        }
        Field::TargetNoneFailing(id) => {
            let t = find::target(p, id, f)?;
            find::followed(t.retired, f)?;
            match &mut t.rule {
                Rule::GradeShare { none_failing, .. } => *none_failing = on,
                _ => return Err(FieldError::new(f.clone(), "Chỉ mốc đo xếp loại mới có điều kiện này.")),
            }
        }
        _ => return Err(FieldError::new(field, "Ô này nhập chữ, không đánh dấu.")),
    }
    Ok(())
}

/// A field of a target's rule.
fn target(p: &mut Programme, id: &str, value: &str, f: &Field) -> Result<(), FieldError> {
    let t = p.all_targets().find(|t| t.id == id).ok_or_else(|| find::gone(f))?.clone();
    find::followed(t.retired, f)?;
    let err = |m: String| FieldError::new(f.clone(), m);
    let mut shape = Shape::of(&t.rule, p);
    let mut item_id = t.rule.item().to_string();
    let item = |id: &str| p.item(id).filter(|i| !i.retired).cloned();
    match f {
        Field::TargetItem(_) => {
            let new = item(value).ok_or_else(|| err("Hãy chọn một mục ghi chép đang theo dõi.".into()))?;
            shape = shape.as_kind(shape.kind, &new, p.term).or_else(|| super::rules::first_shape(&new, p, &shape)).ok_or_else(|| {
                err(format!(
                    "Mục “{}” ({}, {}) không tính được mốc đo nào. Hãy chọn mục khác, hoặc đổi cách ghi của mục.",
                    new.label.trim(),
                    words::lower_first(words::cadence_label(new.cadence)),
                    words::lower_first(words::value_label(new.value, new.cadence))
                ))
            })?;
            item_id = new.id;
        }
        Field::TargetKind(_) => {
            let kind = TargetKind::from_code(value).ok_or_else(|| unknown(f))?;
            let it = item(&item_id).ok_or_else(|| err("Hãy chọn mục ghi chép trước.".into()))?;
            shape = shape.as_kind(kind, &it, p.term).ok_or_else(|| err(not_computable(kind, &it)))?;
        }
        Field::TargetPeriod(_) => {
            let it = item(&item_id).ok_or_else(|| err("Hãy chọn mục ghi chép trước.".into()))?;
            if !matches!(shape.kind, TargetKind::UnitsShare | TargetKind::Ratio) {
                return Err(err("Kỳ của mốc đo này nằm trong loại mốc đo.".into()));
            }
            shape.period = match value {
                "each_year" => Period::EachYear,
                "term" => Period::Term,
                "years" => match shape.period {
                    Period::Years(y) => Period::Years(y),
                    _ => Period::Years([p.term.first_year, p.term.last_year]),
                },
                _ => return Err(unknown(f)),
            };
            if !computes(&shape.rule(&item_id), &it) {
                return Err(err(format!(
                    "Mục “{}” ghi {} nên không tính được theo kỳ “{}”.",
                    it.label.trim(),
                    words::lower_first(words::cadence_label(it.cadence)),
                    words::lower_first(words::period_label(value))
                )));
            }
        }
        Field::TargetCmp(_) => {
            let cmp = Cmp::from_code(value).ok_or_else(|| unknown(f))?;
            if cmp.upper() && shape.kind.reaches_only() {
                return Err(err("Tỷ lệ đơn vị chỉ đặt mức “ít nhất” hoặc “trên”.".into()));
            }
            shape.cmp = cmp;
        }
        Field::TargetNumber(_) => number(&mut shape, p.item(&item_id).map(|i| i.value), value, f)?,
        Field::TargetMinCount(_) => {
            if shape.kind != TargetKind::UnitsShare || p.item(&item_id).is_none_or(|i| i.value != ValueKind::Count) {
                return Err(err("Chỉ tỷ lệ đơn vị của mục ghi số lượng mới đặt số tối thiểu.".into()));
            }
            shape.min_count = words::parse_count(value)
                .filter(|n| *n >= 1)
                .ok_or_else(|| err(format!("“{}” không phải số nguyên từ 1 trở lên.", value.trim())))?;
        }
        Field::TargetFrom(_) | Field::TargetTo(_) => {
            let Period::Years([a, b]) = shape.period else {
                return Err(err("Chỉ mốc đo trong khoảng năm mới chọn năm.".into()));
            };
            let term = p.term;
            let year: i32 = value
                .trim()
                .parse()
                .ok()
                .filter(|y| term.contains_year(*y))
                .ok_or_else(|| err(format!("Hãy chọn một năm của nhiệm kỳ ({}-{}).", term.first_year, term.last_year)))?;
            // The other end follows when the window would turn round.
            shape.period = match f {
                Field::TargetFrom(_) => Period::Years([year, b.max(year)]),
                _ => Period::Years([a.min(year), year]),
            };
        }
        Field::TargetGrade(_) => {
            if shape.kind != TargetKind::GradeShare {
                return Err(err("Chỉ mốc đo xếp loại mới chọn xếp loại.".into()));
            }
            if p.grade_rank(value).is_none() {
                return Err(unknown(f));
            }
            shape.min_grade = value.to_string();
        }
        _ => unreachable!("target() is called for the fields of a target's rule"),
    }
    find::target(p, id, f)?.rule = shape.rule(&item_id);
    Ok(())
}

/// "Mục “…” ghi mỗi năm, đã làm hay chưa: không tính được “Tổng trong nhiệm kỳ”."
fn not_computable(kind: TargetKind, item: &crate::core::programme::Item) -> String {
    let need = match kind {
        TargetKind::UnitsShare => "cần mục ghi mỗi năm hoặc một lần trong nhiệm kỳ, ghi đã làm, số lượng hay n/N",
        TargetKind::Ratio => "cần mục ghi n/N mỗi năm hoặc một lần trong nhiệm kỳ",
        TargetKind::GradeShare => "cần mục ghi xếp loại mỗi năm",
        _ => "cần mục ghi mỗi lần phát sinh, số tiền hoặc số lượng",
    };
    format!(
        "“{}” {need}; mục “{}” ghi {}, {}.",
        kind.label(),
        item.label.trim(),
        words::lower_first(words::cadence_label(item.cadence)),
        words::lower_first(words::value_label(item.value, item.cadence))
    )
}

/// The percentage, or a total's goal in đồng or as a count.
fn number(shape: &mut Shape, value: Option<ValueKind>, typed: &str, f: &Field) -> Result<(), FieldError> {
    let err = |m: String| FieldError::new(f.clone(), m);
    let t = typed.trim();
    if !shape.kind.is_total() {
        let p = words::parse_percent(t).ok_or_else(|| err(format!("“{t}” không phải tỷ lệ phần trăm. Ví dụ: 90 hoặc 1,5.")))?;
        if p > 100.0 {
            return Err(err(format!("Tỷ lệ {} % vượt quá 100 %.", words::percent_text(p))));
        }
        shape.percent = p;
    } else if value == Some(ValueKind::Amount) {
        shape.goal = words::parse_amount(t)
            .ok_or_else(|| err(format!("“{t}” không phải số tiền. Ví dụ: 20.000.000, 20 triệu hoặc 3 tỷ.")))?;
    } else {
        let n = words::parse_count(t).filter(|n| *n <= 1_000_000_000).ok_or_else(|| err(format!("“{t}” không phải số nguyên không âm.")))?;
        shape.goal = n as i64;
    }
    Ok(())
}

/// What a number field shows for a target: "90", "1,5", "20.000.000", "1".
pub(crate) fn number_text(rule: &Rule) -> String {
    match rule {
        Rule::Total { goal, .. } => text::group_thousands(*goal),
        Rule::UnitsShare { percent, .. } | Rule::Ratio { percent, .. } | Rule::GradeShare { percent, .. } => words::percent_text(*percent),
    }
}

/// Whether an item's cadence and value may change: not once it has records.
pub(crate) fn item_locked(ctx: &Ctx, id: &str) -> bool {
    ctx.usage.recorded(id)
}

/// Whether the term is a sane one: used before anything reads its years.
pub(crate) fn term_ok(p: &Programme) -> bool {
    let t = p.term;
    t.first_year <= t.last_year
        && i64::from(t.last_year) - i64::from(t.first_year) <= MAX_TERM_YEARS.into()
        && t.start.year() == t.first_year
}
