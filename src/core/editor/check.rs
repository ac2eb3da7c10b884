//! Everything a draft still lacks or gets wrong, each at its field: what
//! [`Programme::validate`] would refuse (all of it, not the first), and for
//! a revision what the phone's data needs kept (see `file::misfit`).

use super::rules::computes;
use super::set::{ITEM_LOCKED, MAX_TERM_YEARS};
use super::usage::Usage;
use super::words;
use super::{ids, Ctx, Draft, Field, FieldError, Owner};
use crate::core::programme::{Item, Period, Programme, Rule, Target};
use crate::core::state::State;
use crate::core::text;
use chrono::Datelike;
use std::collections::BTreeSet;

/// Every problem of the draft, in the order the screen shows its fields.
/// Empty when it can be published (the phone's role and staleness aside,
/// which [`super::publish`] checks too).
pub fn check(draft: &Draft, state: &State) -> Vec<FieldError> {
    check_with(draft, &Ctx::new(draft, state))
}

pub(crate) fn check_with(d: &Draft, ctx: &Ctx) -> Vec<FieldError> {
    let mut out = Vec::new();
    let p = &d.programme;
    stale(d, ctx, &mut out);
    let mut e = |field: Field, message: String| out.push(FieldError { field, message });
    if p.title.trim().is_empty() {
        e(Field::Title, "Chưa ghi tên chương trình.".into());
    }
    if p.owner.trim().is_empty() {
        e(Field::Owner, "Chưa ghi tên xã (ví dụ: xã Linh Toại).".into());
    }
    term(p, &ctx.usage, &mut e);
    if !p.indicators.iter().any(|i| !i.retired) {
        e(Field::Indicators, "Chương trình chưa có chỉ tiêu nào. Hãy thêm chỉ tiêu, hoặc dán văn bản chương trình.".into());
    }
    for (k, ind) in p.indicators.iter().enumerate() {
        if ind.text.trim().is_empty() {
            e(Field::IndicatorText(ind.number), format!("Chỉ tiêu {} chưa có nội dung.", k + 1));
        }
        if p.indicators[..k].iter().any(|o| o.number == ind.number) {
            e(Field::IndicatorText(ind.number), format!("Chỉ tiêu {} có số thứ tự trùng với chỉ tiêu khác.", k + 1));
        }
    }
    let mut seen = BTreeSet::new();
    for item in &p.items {
        seen.insert(item.id.as_str());
    }
    for (k, part) in p.parts.iter().enumerate() {
        if part.title.trim().is_empty() {
            e(Field::PartTitle(part.number), format!("Phần thứ {} ({}) chưa có tên.", k + 1, part.kind.label().to_lowercase()));
        }
        if p.parts[..k].iter().any(|o| o.number == part.number) {
            e(Field::PartTitle(part.number), format!("Phần thứ {} có số thứ tự trùng với phần khác.", k + 1));
        }
        for t in part.tasks.iter().chain(&part.solutions) {
            let f = Field::TaskText(t.id.clone());
            if t.text.trim().is_empty() {
                e(f.clone(), "Nhiệm vụ, giải pháp này chưa có nội dung.".into());
            }
            if !ids::usable(&t.id) || !seen.insert(t.id.as_str()) {
                e(f, clash(&t.id));
            }
        }
    }
    organisations(p, &mut e);
    grades(p, &mut e);
    items(p, ctx, &mut e);
    targets(p, &mut e);
    kept(p, ctx, &mut e);
    out
}

/// A draft begun on another programme, or on an older revision, than the one followed.
fn stale(d: &Draft, ctx: &Ctx, out: &mut Vec<FieldError>) {
    let Some(base) = &d.base else { return };
    let now = &ctx.state.book.programme;
    let message = if base.id != now.id {
        format!("Bản nháp này sửa chương trình mã “{}”, nhưng máy đang theo chương trình khác (“{}”). Hãy bỏ bản nháp này.", base.id, now.title)
    } else if base.revision != now.revision {
        format!(
            "Từ khi bắt đầu soạn bản nháp (lần sửa {}), máy đã nhận lần sửa {} của chương trình. Hãy bỏ bản nháp này và sửa lại từ lần sửa mới.",
            base.revision, now.revision
        )
    } else {
        return;
    };
    out.push(FieldError::new(Field::Programme, message));
}

/// "Mã “x” bị trống, bị trùng hoặc không dùng được."
fn clash(id: &str) -> String {
    format!("Mã “{id}” bị trống, bị trùng với mục khác hoặc không dùng được (không có “/”, không bắt đầu bằng “@”).")
}

/// The term, and for a revision the years and days the data holds.
fn term(p: &Programme, usage: &Usage, e: &mut impl FnMut(Field, String)) {
    let t = p.term;
    if t.start.year() != t.first_year {
        e(Field::Start, "Năm đầu nhiệm kỳ phải là năm của ngày thông qua chương trình.".into());
    }
    if t.last_year < t.first_year {
        e(Field::LastYear, format!("Năm cuối nhiệm kỳ ({}) không được trước năm bắt đầu ({}).", t.last_year, t.first_year));
    } else if t.last_year as i64 - t.first_year as i64 > MAX_TERM_YEARS as i64 {
        e(Field::LastYear, format!("Nhiệm kỳ {}-{} dài quá {MAX_TERM_YEARS} năm.", t.first_year, t.last_year));
    }
    if let Some((a, b)) = usage.years {
        if a < t.first_year {
            e(Field::Start, format!("Máy này đã có số liệu năm {a}: nhiệm kỳ phải gồm năm đó."));
        }
        if b > t.last_year {
            e(Field::LastYear, format!("Máy này đã có số liệu năm {b}: nhiệm kỳ phải gồm năm đó."));
        }
    }
    if let Some((a, b)) = usage.dates {
        if a < t.start {
            e(Field::Start, format!("Máy này đã có số liệu ghi ngày {}, trước ngày bắt đầu này.", text::date(a)));
        }
        if b.year() > t.last_year {
            e(Field::LastYear, format!("Máy này đã có số liệu ghi ngày {}, sau khi nhiệm kỳ kết thúc.", text::date(b)));
        }
    }
}

fn organisations(p: &Programme, e: &mut impl FnMut(Field, String)) {
    for (i, name) in p.organisations.iter().enumerate() {
        let key = text::lowercase(name.trim());
        if key.is_empty() {
            e(Field::Organisation(i), "Chưa ghi tên tổ chức.".into());
        } else if p.organisations[..i].iter().any(|o| text::lowercase(o.trim()) == key) {
            e(Field::Organisation(i), format!("Trùng tên với tổ chức “{}” ở trên.", name.trim()));
        }
    }
}

fn grades(p: &Programme, e: &mut impl FnMut(Field, String)) {
    let mut seen = BTreeSet::new();
    for g in &p.grades {
        let f = Field::GradeLabel(g.id.clone());
        if g.label.trim().is_empty() {
            e(f.clone(), "Chưa ghi tên xếp loại.".into());
        }
        if !ids::usable(&g.id) || !seen.insert(g.id.as_str()) {
            e(f, clash(&g.id));
        }
    }
    if p.grades.is_empty() && p.items.iter().any(|i| i.value == crate::core::programme::ValueKind::Grade) {
        e(Field::Grades, "Có mục ghi xếp loại nên cần danh sách xếp loại.".into());
    }
}

fn items(p: &Programme, ctx: &Ctx, e: &mut impl FnMut(Field, String)) {
    let mut seen = BTreeSet::new();
    for item in &p.items {
        let id = &item.id;
        if !ids::usable(id) || !seen.insert(id.as_str()) {
            e(Field::ItemLabel(id.clone()), clash(id));
        }
        if item.label.trim().is_empty() {
            e(Field::ItemLabel(id.clone()), "Mục ghi chép chưa có tên.".into());
        }
        if item.who.is_empty() {
            e(Field::ItemWho(id.clone()), "Chưa chọn ai ghi mục này.".into());
        }
        if !words::value_fits_cadence(item.value, item.cadence) {
            e(Field::ItemValue(id.clone()), "Mục ghi mỗi lần phát sinh chỉ ghi số tiền hoặc số lượng.".into());
        }
        if item.value == crate::core::programme::ValueKind::Ratio && !item.retired {
            if blank(&item.numerator) {
                e(Field::ItemNumerator(id.clone()), "Ghi rõ số đã làm là gì, ví dụ “Số hộ đã ký cam kết”.".into());
            }
            if blank(&item.denominator) {
                e(Field::ItemDenominator(id.clone()), "Ghi rõ tổng số là gì, ví dụ “Tổng số hộ”.".into());
            }
        }
        let owned = match super::find::item_owner(item) {
            Some(Owner::Indicator(n)) => p.indicators.iter().any(|i| i.number == n),
            Some(Owner::Part(n)) => p.part(n).is_some(),
            None => false,
        };
        if !owned {
            e(Field::ItemLabel(id.clone()), "Mục này không thuộc chỉ tiêu hay phần nào của chương trình.".into());
        }
        recorded_item(item, ctx, e);
    }
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// An item with records keeps its cadence, its kind and who fills it.
fn recorded_item(item: &Item, ctx: &Ctx, e: &mut impl FnMut(Field, String)) {
    let (Some(base), true) = (ctx.base, ctx.usage.recorded(&item.id)) else { return };
    let Some(old) = base.item(&item.id) else { return };
    if old.cadence != item.cadence {
        e(Field::ItemCadence(item.id.clone()), ITEM_LOCKED.into());
    }
    if old.value != item.value {
        e(Field::ItemValue(item.id.clone()), ITEM_LOCKED.into());
    }
    if ctx.usage.kinds(&item.id).iter().any(|k| !item.who.contains(&k.who())) {
        e(Field::ItemWho(item.id.clone()), "Đã có số liệu của đơn vị bị bỏ chọn ở đây: hãy chọn lại.".into());
    }
}

/// Every target with the field of its first problem at each part of its rule.
fn targets(p: &Programme, e: &mut impl FnMut(Field, String)) {
    let mut seen = BTreeSet::new();
    for t in p.all_targets() {
        let id = t.id.clone();
        if !ids::usable(&id) || !seen.insert(id.clone()) {
            e(Field::TargetLabel(id.clone()), clash(&id));
        }
        if t.label.trim().is_empty() {
            e(Field::TargetLabel(id.clone()), "Mốc đo chưa có tên.".into());
        }
        if t.retired {
            continue;
        }
        target_rule(p, t, e);
    }
}

fn target_rule(p: &Programme, t: &Target, e: &mut impl FnMut(Field, String)) {
    let id = t.id.clone();
    let rule = &t.rule;
    match p.item(rule.item()) {
        None => e(Field::TargetItem(id.clone()), "Chưa chọn mục ghi chép để tính mốc đo này.".into()),
        Some(item) if item.retired => {
            e(Field::TargetItem(id.clone()), format!("Mục “{}” đã thôi theo dõi: hãy chọn mục khác.", item.label.trim()))
        }
        Some(item) if !computes(rule, item) => e(
            Field::TargetKind(id.clone()),
            format!(
                "Mốc đo “{}” không tính được từ mục “{}” (ghi {}, {}). Hãy chọn loại mốc đo khác hoặc mục khác.",
                words::TargetKind::of(rule).label(),
                item.label.trim(),
                words::lower_first(words::cadence_label(item.cadence)),
                words::lower_first(words::value_label(item.value, item.cadence))
            ),
        ),
        Some(_) => {}
    }
    match rule {
        Rule::UnitsShare { percent, .. } | Rule::Ratio { percent, .. } | Rule::GradeShare { percent, .. } => {
            if !(0.0..=100.0).contains(percent) {
                e(Field::TargetNumber(id.clone()), "Tỷ lệ phải từ 0 đến 100 %.".into());
            }
        }
        Rule::Total { goal, .. } => {
            if *goal < 0 {
                e(Field::TargetNumber(id.clone()), "Mức cần đạt không được âm.".into());
            }
        }
    }
    if rule.cmp().upper() && matches!(rule, Rule::UnitsShare { .. } | Rule::GradeShare { .. }) {
        e(Field::TargetCmp(id.clone()), "Tỷ lệ đơn vị chỉ đặt mức “ít nhất” hoặc “trên”.".into());
    }
    if let Rule::UnitsShare { min_count: 0, .. } = rule {
        e(Field::TargetMinCount(id.clone()), "Số tối thiểu phải từ 1 trở lên.".into());
    }
    if let Rule::GradeShare { min_grade, .. } = rule {
        if p.grade_rank(min_grade).is_none() {
            e(Field::TargetGrade(id.clone()), "Hãy chọn xếp loại tối thiểu.".into());
        }
    }
    if let Period::Years([a, b]) = rule.period() {
        let t = p.term;
        if a > b || !t.contains_year(a) || !t.contains_year(b) {
            e(Field::TargetFrom(id), format!("Khoảng năm {a}–{b} phải nằm trong nhiệm kỳ {}-{}.", t.first_year, t.last_year));
        }
    }
}

/// For a revision: every item and task with records is still in the draft.
fn kept(p: &Programme, ctx: &Ctx, e: &mut impl FnMut(Field, String)) {
    let Some(base) = ctx.base else { return };
    for id in ctx.usage.items.keys() {
        if p.item(id).is_some() || p.task(id).is_some() {
            continue;
        }
        let name = base.item(id).map(|i| i.label.clone()).or_else(|| base.task(id).map(|t| text::short(&t.text, 60)));
        let name = name.unwrap_or_else(|| id.clone());
        e(
            Field::Programme,
            format!("Máy này đã có số liệu của “{name}” nên chương trình phải giữ mục đó. Hãy bỏ bản nháp này và soạn lại."),
        );
    }
}
