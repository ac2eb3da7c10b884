//! The programme editor: every field, every list, retiring, every kind of
//! target, the errors at their fields, the draft as text, the screen model.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, TaskStatus, Value};
use crate::core::editor::words::{checklist_preview, sentence};
use crate::core::editor::{
    apply, check, editor, publish, Add, Draft, Edit, EditorModel, EditorScreen, Field, FieldError, Owner, Row,
};
use crate::core::programme::{Cadence, Cmp, PartKind, Period, Programme, Rule, ValueKind, Who};
use crate::core::progress::{self, Measure};
use crate::core::screen::Env;
use crate::core::state::{Action, Role, State, COMMUNE_ID};
use chrono::NaiveDate;

pub(crate) fn commune() -> State {
    let mut s = fresh("may-xa");
    s.apply(Action::FinishSetup, T0).unwrap();
    s
}

pub(crate) fn env() -> Env {
    Env { now_ms: T0, today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), tz_offset_min: 420 }
}

pub(crate) fn edit(d: &mut Draft, s: &State, e: Edit) {
    apply(d, e.clone(), s).unwrap_or_else(|err| panic!("{e:?}: {err:?}"));
}

pub(crate) fn set(d: &mut Draft, s: &State, field: Field, value: &str) {
    edit(d, s, Edit::Set { field, value: value.into() });
}

/// The error of an edit that must be refused, after checking it changed nothing.
pub(crate) fn refused(d: &mut Draft, s: &State, e: Edit) -> FieldError {
    let before = d.clone();
    let err = apply(d, e.clone(), s).expect_err(&format!("{e:?} is refused"));
    assert_eq!(*d, before, "a refused edit changes nothing");
    err
}

fn set_err(d: &mut Draft, s: &State, field: Field, value: &str) -> FieldError {
    refused(d, s, Edit::Set { field, value: value.into() })
}

pub(crate) fn model(s: &State, d: &Draft) -> EditorModel {
    match editor(s, Some(d), None, &env()) {
        EditorScreen::Editing(m) => *m,
        other => panic!("expected the editor, got {other:?}"),
    }
}

fn blank() -> Draft {
    Draft::new_blank("xã Linh Toại", crate::core::editor::default_term())
}

/// The number of the indicator last added.
fn last_indicator(d: &Draft) -> u32 {
    d.programme.indicators.last().unwrap().number
}

fn last_part(d: &Draft) -> u32 {
    d.programme.parts.last().unwrap().number
}

/// The id of the item last added to `owner`.
fn last_item(d: &Draft, owner: Owner) -> String {
    let of = |i: &crate::core::programme::Item| match owner {
        Owner::Indicator(n) => i.indicator == Some(n),
        Owner::Part(n) => i.part == Some(n),
    };
    d.programme.items.iter().rev().find(|i| of(i)).unwrap().id.clone()
}

fn targets_of(d: &Draft, owner: Owner) -> Vec<crate::core::programme::Target> {
    match owner {
        Owner::Indicator(n) => d.programme.indicators.iter().find(|i| i.number == n).unwrap().targets.clone(),
        Owner::Part(n) => d.programme.part(n).unwrap().targets.clone(),
    }
}

fn last_target(d: &Draft, owner: Owner) -> String {
    targets_of(d, owner).last().unwrap().id.clone()
}

#[test]
fn the_programme_fields_take_what_people_type() {
    let s = commune();
    let mut d = blank();
    set(&mut d, &s, Field::Title, "Chương trình hành động nhiệm kỳ 2025-2030");
    set(&mut d, &s, Field::Owner, "xã Linh Toại");
    set(&mut d, &s, Field::Objective, "Đổi mới nội dung, phương thức hoạt động.");
    set(&mut d, &s, Field::Closing, "Quyết tâm thực hiện thắng lợi.");
    let p = &d.programme;
    assert_eq!((p.title.as_str(), p.owner.as_str()), ("Chương trình hành động nhiệm kỳ 2025-2030", "xã Linh Toại"));
    assert_eq!((p.objective.as_str(), p.closing.as_str()), ("Đổi mới nội dung, phương thức hoạt động.", "Quyết tâm thực hiện thắng lợi."));
    // The adoption date, as a date input or as written; the term keeps its length.
    set(&mut d, &s, Field::Start, "2025-07-15");
    assert_eq!((d.programme.term.first_year, d.programme.term.last_year), (2025, 2030));
    set(&mut d, &s, Field::Start, "21/10/2026");
    let t = d.programme.term;
    assert_eq!((t.start, t.first_year, t.last_year), (NaiveDate::from_ymd_opt(2026, 10, 21).unwrap(), 2026, 2031));
    set(&mut d, &s, Field::LastYear, "2030");
    assert_eq!(d.programme.term.last_year, 2030);
    // Refused at their fields.
    let e = set_err(&mut d, &s, Field::Start, "31/02/2026");
    assert_eq!(e, FieldError::new(Field::Start, "“31/02/2026” không phải ngày hợp lệ. Ví dụ: 21/10/2024."));
    let e = set_err(&mut d, &s, Field::LastYear, "2025");
    assert_eq!(e, FieldError::new(Field::LastYear, "Năm cuối nhiệm kỳ (2025) không được trước năm bắt đầu (2026)."));
    let e = set_err(&mut d, &s, Field::LastYear, "2040");
    assert_eq!(e, FieldError::new(Field::LastYear, "Nhiệm kỳ 2026-2040 dài quá 10 năm. Hãy kiểm tra lại năm cuối."));
    assert_eq!(set_err(&mut d, &s, Field::LastYear, "năm 2030").field, Field::LastYear);
    // The model shows them as they are.
    let m = model(&s, &d);
    assert_eq!(m.general.start.value, "2026-10-21");
    assert_eq!(m.general.last_year.value, "2030");
    assert_eq!(m.general.term, "Nhiệm kỳ 2026-2030, từ ngày 21/10/2026");
    assert_eq!(m.general.owner.locked, None, "a new programme names its commune");
}

#[test]
fn indicators_are_added_edited_moved_and_removed() {
    let s = commune();
    let mut d = blank();
    for text in ["Chỉ tiêu A", "Chỉ tiêu B", "Chỉ tiêu C"] {
        edit(&mut d, &s, Edit::Add(Add::Indicator));
        let n = last_indicator(&d);
        set(&mut d, &s, Field::IndicatorText(n), text);
    }
    let texts = |d: &Draft| d.programme.indicators.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    edit(&mut d, &s, Edit::Move { row: Row::Indicator(3), up: true });
    assert_eq!(texts(&d), ["Chỉ tiêu A", "Chỉ tiêu C", "Chỉ tiêu B"]);
    assert_eq!(d.programme.indicators[1].number, 3, "numbers stay while editing");
    let m = model(&s, &d);
    assert_eq!(m.indicators[1].title, "Chỉ tiêu 2", "titles follow the list");
    assert!(!m.indicators[0].controls.up.enabled);
    assert_eq!(m.indicators[0].controls.up.why.as_deref(), Some("Đã ở đầu danh sách."));
    assert!(!m.indicators[2].controls.down.enabled);
    assert_eq!(m.indicators[1].controls.remove.label, "Xóa");
    assert_eq!(m.indicators[1].controls.remove.confirm.as_deref(), Some("Xóa chỉ tiêu 2 cùng các mục ghi chép và mốc đo của nó?"));
    assert_eq!(refused(&mut d, &s, Edit::Move { row: Row::Indicator(1), up: true }).message, "Đã ở đầu danh sách.");
    assert_eq!(refused(&mut d, &s, Edit::Move { row: Row::Indicator(2), up: false }).message, "Đã ở cuối danh sách.");
    edit(&mut d, &s, Edit::Move { row: Row::Indicator(3), up: false });
    assert_eq!(texts(&d), ["Chỉ tiêu A", "Chỉ tiêu B", "Chỉ tiêu C"]);
    edit(&mut d, &s, Edit::Remove(Row::Indicator(2)));
    assert_eq!(texts(&d), ["Chỉ tiêu A", "Chỉ tiêu C"]);
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    assert_eq!(last_indicator(&d), 4, "a new indicator takes the next free number");
    assert_eq!(refused(&mut d, &s, Edit::Set { field: Field::IndicatorText(9), value: "x".into() }).field, Field::IndicatorText(9));
}

#[test]
fn parts_tasks_and_solutions_are_added_edited_moved_and_removed() {
    let s = commune();
    let mut d = blank();
    edit(&mut d, &s, Edit::Add(Add::Part { kind: PartKind::Action }));
    edit(&mut d, &s, Edit::Add(Add::Part { kind: PartKind::Breakthrough }));
    let (a, b) = (d.programme.parts[0].number, last_part(&d));
    set(&mut d, &s, Field::PartTitle(a), "Tuyên truyền, vận động");
    set(&mut d, &s, Field::PartObjective(a), "Tăng cường đồng thuận xã hội.");
    set(&mut d, &s, Field::PartTitle(b), "Chuyển đổi số");
    set(&mut d, &s, Field::PartKind(b), "project");
    assert_eq!(d.programme.part(b).unwrap().kind, PartKind::Project);
    assert_eq!(set_err(&mut d, &s, Field::PartKind(b), "chuong-trinh").message, "Lựa chọn này không có trong danh sách.");
    for text in ["Nhiệm vụ 1", "Nhiệm vụ 2", "Nhiệm vụ 3"] {
        edit(&mut d, &s, Edit::Add(Add::Task { part: a }));
        let id = d.programme.part(a).unwrap().tasks.last().unwrap().id.clone();
        set(&mut d, &s, Field::TaskText(id), text);
    }
    edit(&mut d, &s, Edit::Add(Add::Solution { part: a }));
    let sol = d.programme.part(a).unwrap().solutions[0].id.clone();
    set(&mut d, &s, Field::TaskText(sol.clone()), "Giải pháp 1");
    let tasks: Vec<String> = d.programme.part(a).unwrap().tasks.iter().map(|t| t.id.clone()).collect();
    assert_eq!(tasks, ["a1-t1", "a1-t2", "a1-t3"]);
    assert_eq!(sol, "a1-s1");
    edit(&mut d, &s, Edit::Move { row: Row::Task("a1-t3".into()), up: true });
    edit(&mut d, &s, Edit::Remove(Row::Task("a1-t1".into())));
    let texts: Vec<String> = d.programme.part(a).unwrap().tasks.iter().map(|t| t.text.clone()).collect();
    assert_eq!(texts, ["Nhiệm vụ 3", "Nhiệm vụ 2"]);
    assert_eq!(refused(&mut d, &s, Edit::Move { row: Row::Task(sol.clone()), up: false }).message, "Đã ở cuối danh sách.");
    edit(&mut d, &s, Edit::Move { row: Row::Part(b), up: true });
    let m = model(&s, &d);
    assert_eq!(m.parts[0].name, "Đề án 1");
    assert_eq!(m.parts[1].name, "Chương trình hành động 1");
    assert_eq!(m.parts[1].tasks_heading, "Nhiệm vụ trọng tâm (2)");
    assert_eq!(m.parts[1].kind.choices.iter().find(|c| c.selected).unwrap().label, "Chương trình hành động");
    assert_eq!(m.add_parts.len(), 4);
    edit(&mut d, &s, Edit::Remove(Row::Part(b)));
    assert_eq!(d.programme.parts.len(), 1);
    // A new task id is never one the draft has.
    edit(&mut d, &s, Edit::Add(Add::Task { part: a }));
    assert_eq!(d.programme.part(a).unwrap().tasks.last().unwrap().id, "a1-t1");
}

#[test]
fn organisations_and_grades_are_added_renamed_moved_and_removed() {
    let s = commune();
    let mut d = blank();
    let orgs = |d: &Draft| d.programme.organisations.clone();
    assert_eq!(orgs(&d).len(), 5);
    edit(&mut d, &s, Edit::Add(Add::Organisation));
    set(&mut d, &s, Field::Organisation(5), "Hội Người cao tuổi");
    edit(&mut d, &s, Edit::Move { row: Row::Organisation(5), up: true });
    assert_eq!(orgs(&d)[4], "Hội Người cao tuổi");
    set(&mut d, &s, Field::Organisation(0), "Công đoàn cơ sở");
    edit(&mut d, &s, Edit::Remove(Row::Organisation(1)));
    assert_eq!(orgs(&d), ["Công đoàn cơ sở", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Người cao tuổi", "Hội Cựu chiến binh"]);
    let grades = |d: &Draft| d.programme.grades.iter().map(|g| g.label.clone()).collect::<Vec<_>>();
    edit(&mut d, &s, Edit::Add(Add::Grade));
    let new = d.programme.grades[3].id.clone();
    assert_eq!(new, "xep-loai-1");
    set(&mut d, &s, Field::GradeLabel(new.clone()), "Hoàn thành khá");
    assert_eq!(grades(&d)[3..], ["Hoàn thành khá", "Không hoàn thành nhiệm vụ"], "a new grade goes above the failing one");
    edit(&mut d, &s, Edit::Move { row: Row::Grade(new.clone()), up: true });
    assert_eq!(grades(&d)[2], "Hoàn thành khá");
    assert_eq!(refused(&mut d, &s, Edit::Move { row: Row::Grade("khong-hoan-thanh".into()), up: false }).message, "Đã ở cuối danh sách.");
    set(&mut d, &s, Field::GradeLabel("tot".into()), "Hoàn thành tốt");
    edit(&mut d, &s, Edit::Remove(Row::Grade("xuat-sac".into())));
    assert_eq!(grades(&d), ["Hoàn thành tốt", "Hoàn thành khá", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]);
    // A grade a target counts from stays.
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    let n = last_indicator(&d);
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(n) }));
    let item = last_item(&d, Owner::Indicator(n));
    set(&mut d, &s, Field::ItemValue(item), "grade");
    edit(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(n) }));
    let e = refused(&mut d, &s, Edit::Remove(Row::Grade("xep-loai-1".into())));
    assert_eq!(e.field, Field::GradeLabel("xep-loai-1".into()));
    assert!(e.message.starts_with("Mốc đo “"), "{}", e.message);
}

#[test]
fn items_take_who_how_often_and_what_in_a_front_officers_words() {
    let s = commune();
    let mut d = blank();
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    let owner = Owner::Indicator(1);
    edit(&mut d, &s, Edit::Add(Add::Item { owner }));
    let id = last_item(&d, owner);
    assert_eq!(id, "ct1-muc-1");
    set(&mut d, &s, Field::ItemLabel(id.clone()), "Thăm hỏi hộ nghèo dịp Tết");
    edit(&mut d, &s, Edit::Check { field: Field::ItemWho(id.clone()), value: "commune".into(), on: true });
    set(&mut d, &s, Field::ItemValue(id.clone()), "ratio");
    set(&mut d, &s, Field::ItemNumerator(id.clone()), "Số hộ được thăm");
    set(&mut d, &s, Field::ItemDenominator(id.clone()), "Tổng số hộ nghèo");
    set(&mut d, &s, Field::ItemHint(id.clone()), "Ghi cả hộ cận nghèo");
    let item = d.programme.item(&id).unwrap().clone();
    assert_eq!(item.who, [Who::Areas, Who::Commune]);
    assert_eq!((item.cadence, item.value), (Cadence::Yearly, ValueKind::Ratio));
    let card = &model(&s, &d).indicators[0].items[0];
    assert_eq!(card.who.iter().filter(|c| c.checked).map(|c| c.label.as_str()).collect::<Vec<_>>(), ["Mỗi khu dân cư", "Ủy ban MTTQ xã"]);
    let labels = |f: &crate::core::editor::SelectField| f.choices.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&card.cadence), ["Mỗi năm", "Một lần trong nhiệm kỳ", "Mỗi lần phát sinh (ví dụ mỗi lần nhận tiền quỹ)"]);
    assert_eq!(
        labels(&card.value),
        ["Đã làm hay chưa", "Số lượng (có ghi tên)", "Số tiền (đồng)", "Số đã làm trên tổng số (n/N)", "Xếp loại"]
    );
    assert_eq!(card.preview.cadence, "Ghi cho năm 2026");
    assert_eq!(card.preview.control, "Hai ô số: Số hộ được thăm / Tổng số hộ nghèo");
    assert_eq!(card.preview.who, "Ủy ban MTTQ xã và mỗi khu dân cư");
    assert_eq!(card.preview.hint.as_deref(), Some("Ghi cả hộ cận nghèo"));
    // Logged each time: an amount or a count, never a tick.
    set(&mut d, &s, Field::ItemValue(id.clone()), "done");
    set(&mut d, &s, Field::ItemCadence(id.clone()), "event");
    assert_eq!(d.programme.item(&id).unwrap().value, ValueKind::Count, "a tick logged each time becomes a count");
    let e = set_err(&mut d, &s, Field::ItemValue(id.clone()), "grade");
    assert_eq!(e.field, Field::ItemValue(id.clone()));
    let card = &model(&s, &d).indicators[0].items[0];
    assert_eq!(labels(&card.value), ["Số lượng (mỗi lần ghi một số)", "Số tiền (đồng)"]);
    assert_eq!((card.preview.cadence.as_str(), card.preview.control.as_str()), ("Ghi từng lần trong năm 2026", "Sổ ghi từng lần (số lượng)"));
    set(&mut d, &s, Field::ItemValue(id.clone()), "amount");
    assert_eq!(checklist_preview(d.programme.item(&id).unwrap(), 2026).control, "Sổ ghi từng lần (số tiền)");
    set(&mut d, &s, Field::ItemCadence(id.clone()), "term");
    let item = d.programme.item(&id).unwrap();
    assert_eq!(checklist_preview(item, 2026).cadence, "Ghi một lần trong nhiệm kỳ");
    assert_eq!(checklist_preview(item, 2026).control, "Ô nhập số tiền (đồng)");
    for (value, control) in [("done", "Nút đánh dấu đã thực hiện"), ("count", "Danh sách tên"), ("grade", "Chọn xếp loại")] {
        set(&mut d, &s, Field::ItemValue(id.clone()), value);
        assert_eq!(checklist_preview(d.programme.item(&id).unwrap(), 2026).control, control);
    }
    // Nobody left to fill it: said at the field.
    for who in ["areas", "commune"] {
        edit(&mut d, &s, Edit::Check { field: Field::ItemWho(id.clone()), value: who.into(), on: false });
    }
    let m = model(&s, &d);
    assert_eq!(m.indicators[0].items[0].who_error.as_deref(), Some("Chưa chọn ai ghi mục này."));
    // Moving and removing among the indicator's items.
    edit(&mut d, &s, Edit::Add(Add::Item { owner }));
    let second = last_item(&d, owner);
    assert_eq!(second, "ct1-muc-2");
    edit(&mut d, &s, Edit::Move { row: Row::Item(second.clone()), up: true });
    assert_eq!(d.programme.items[0].id, second);
    edit(&mut d, &s, Edit::Remove(Row::Item(id.clone())));
    assert!(d.programme.item(&id).is_none(), "nothing recorded: deleted");
}

/// The fields a target of some kinds has besides its kind, comparison and number.
enum Extra {
    MinCount,
    From,
    To,
    Grade,
}

/// A target to build: its item, kind, period, comparison, number and other fields.
type Plan<'a> = (&'a String, &'a str, Option<&'a str>, &'a str, &'a str, Vec<(Extra, &'a str)>);

/// Builds, through edits only, one target of each kind, period and
/// comparison the progress engine has, over items of every kind.
fn every_target(s: &State) -> Draft {
    let mut d = blank();
    set(&mut d, s, Field::Start, "2025-07-01");
    edit(&mut d, s, Edit::Add(Add::Indicator));
    set(&mut d, s, Field::IndicatorText(1), "Các chỉ tiêu đo được");
    let owner = Owner::Indicator(1);
    let item = |d: &mut Draft, label: &str, who: &[&str], cadence: &str, value: &str| -> String {
        edit(d, s, Edit::Add(Add::Item { owner }));
        let id = last_item(d, owner);
        set(d, s, Field::ItemLabel(id.clone()), label);
        for w in who {
            edit(d, s, Edit::Check { field: Field::ItemWho(id.clone()), value: w.to_string(), on: true });
        }
        if !who.contains(&"areas") {
            edit(d, s, Edit::Check { field: Field::ItemWho(id.clone()), value: "areas".into(), on: false });
        }
        set(d, s, Field::ItemCadence(id.clone()), cadence);
        set(d, s, Field::ItemValue(id.clone()), value);
        id
    };
    let ngay_hoi = item(&mut d, "Tổ chức Ngày hội", &["areas"], "yearly", "done");
    let cong_trinh = item(&mut d, "Công trình phục vụ cộng đồng", &["areas"], "yearly", "count");
    let trang = item(&mut d, "Có trang cộng đồng", &["areas"], "term", "done");
    let quy = item(&mut d, "Vận động Quỹ Vì người nghèo", &["areas", "commune"], "event", "amount");
    let giam_sat = item(&mut d, "Giám sát", &["commune"], "event", "count");
    let ho_ngheo = item(&mut d, "Hộ nghèo", &["areas"], "yearly", "ratio");
    set(&mut d, s, Field::ItemNumerator(ho_ngheo.clone()), "Hộ nghèo");
    set(&mut d, s, Field::ItemDenominator(ho_ngheo.clone()), "Tổng số hộ");
    let tap_huan = item(&mut d, "Cán bộ được tập huấn", &["areas", "commune"], "term", "ratio");
    set(&mut d, s, Field::ItemNumerator(tap_huan.clone()), "Cán bộ đã tập huấn");
    set(&mut d, s, Field::ItemDenominator(tap_huan.clone()), "Tổng số cán bộ chủ chốt");
    let xep_loai = item(&mut d, "Xếp loại Ban công tác Mặt trận", &["areas"], "yearly", "grade");
    use Extra::{From, Grade, MinCount, To};
    let plans: Vec<Plan> = vec![
        (&ngay_hoi, "units_share", None, "at_least", "100", vec![]),
        (&cong_trinh, "units_share", None, "more_than", "90", vec![(MinCount, "2")]),
        (&trang, "units_share", Some("term"), "at_least", "100", vec![]),
        (&trang, "units_share", Some("years"), "more_than", "50", vec![(From, "2026"), (To, "2027")]),
        (&quy, "total_term", None, "more_than", "20 triệu", vec![]),
        (&quy, "total_year", None, "at_most", "3 tỷ", vec![]),
        (&quy, "total_years", None, "less_than", "1,5 tỷ", vec![(To, "2028")]),
        (&giam_sat, "total_year", None, "at_least", "1", vec![]),
        (&ho_ngheo, "ratio", None, "less_than", "1,5", vec![]),
        (&ho_ngheo, "ratio", None, "at_most", "3", vec![]),
        (&tap_huan, "ratio", Some("term"), "at_least", "100", vec![]),
        (&tap_huan, "ratio", Some("years"), "more_than", "80", vec![(From, "2025"), (To, "2026")]),
        (&xep_loai, "grade_share", None, "at_least", "90", vec![(Grade, "tot")]),
        (&xep_loai, "grade_share", None, "more_than", "50", vec![(Grade, "xuat-sac")]),
    ];
    for (item, kind, period, cmp, number, extra) in plans {
        edit(&mut d, s, Edit::Add(Add::Target { owner }));
        let t = last_target(&d, owner);
        set(&mut d, s, Field::TargetItem(t.clone()), item);
        set(&mut d, s, Field::TargetKind(t.clone()), kind);
        if let Some(p) = period {
            set(&mut d, s, Field::TargetPeriod(t.clone()), p);
        }
        set(&mut d, s, Field::TargetCmp(t.clone()), cmp);
        set(&mut d, s, Field::TargetNumber(t.clone()), number);
        for (which, value) in extra {
            let field = match which {
                MinCount => Field::TargetMinCount(t.clone()),
                From => Field::TargetFrom(t.clone()),
                To => Field::TargetTo(t.clone()),
                Grade => Field::TargetGrade(t.clone()),
            };
            set(&mut d, s, field, value);
        }
    }
    let xl = targets_of(&d, owner).iter().find(|t| t.rule.item() == xep_loai).unwrap().id.clone();
    edit(&mut d, s, Edit::Check { field: Field::TargetNoneFailing(xl), value: String::new(), on: true });
    d
}

#[test]
fn every_target_kind_and_comparison_validates_and_computes() {
    let s = commune();
    let d = every_target(&s);
    assert_eq!(check(&d, &s), vec![], "nothing left to fix");
    let rules: Vec<Rule> = targets_of(&d, Owner::Indicator(1)).into_iter().map(|t| t.rule).collect();
    let has = |f: &dyn Fn(&Rule) -> bool| rules.iter().any(f);
    assert!(has(&|r| matches!(r, Rule::UnitsShare { period: Period::EachYear, min_count: 2, cmp: Cmp::MoreThan, .. })));
    assert!(has(&|r| matches!(r, Rule::UnitsShare { period: Period::Term, .. })));
    assert!(has(&|r| matches!(r, Rule::UnitsShare { period: Period::Years([2026, 2027]), .. })));
    assert!(has(&|r| matches!(r, Rule::Total { period: Period::Term, goal: 20_000_000, cmp: Cmp::MoreThan, .. })));
    assert!(has(&|r| matches!(r, Rule::Total { period: Period::EachYear, goal: 3_000_000_000, cmp: Cmp::AtMost, .. })));
    assert!(has(&|r| matches!(r, Rule::Total { period: Period::Years([2025, 2028]), goal: 1_500_000_000, cmp: Cmp::LessThan, .. })));
    assert!(has(&|r| matches!(r, Rule::Ratio { period: Period::EachYear, cmp: Cmp::LessThan, .. } if (r_percent(r) - 1.5).abs() < 1e-9)));
    assert!(has(&|r| matches!(r, Rule::Ratio { period: Period::Term, .. })));
    assert!(has(&|r| matches!(r, Rule::Ratio { period: Period::Years([2025, 2026]), cmp: Cmp::MoreThan, .. })));
    assert!(has(&|r| matches!(r, Rule::GradeShare { none_failing: true, cmp: Cmp::AtLeast, .. })));
    assert!(has(&|r| matches!(r, Rule::GradeShare { cmp: Cmp::MoreThan, .. })));
    // Published, it validates and every gauge computes.
    let published = publish(&s, &d, T0 + 10).unwrap();
    published.programme.validate().unwrap();
    let mut after = published.step.state;
    let area = add_area(&mut after, "Thôn 1", T0 + 20);
    after.apply(done(&area, "ct1-muc-1", 2026), T0 + 30).unwrap();
    let figures = progress::compute(&after.book, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
    assert_eq!(figures.len(), 14);
    assert!(figures.iter().all(|f| f.term.measure != Measure::NoItem));
    let first = &figures[0];
    assert_eq!(first.years.iter().find(|(y, _)| *y == 2026).unwrap().1.measure, Measure::Units { did: 1, of: 1 });
}

fn r_percent(r: &Rule) -> f64 {
    match r {
        Rule::UnitsShare { percent, .. } | Rule::Ratio { percent, .. } | Rule::GradeShare { percent, .. } => *percent,
        Rule::Total { goal, .. } => *goal as f64,
    }
}

#[test]
fn targets_read_as_gauge_sentences() {
    let s = commune();
    let d = every_target(&s);
    let m = model(&s, &d);
    let sentences: Vec<String> = m.indicators[0].targets.iter().map(|t| t.sentence.clone()).collect();
    assert_eq!(
        sentences,
        [
            "100 % khu dân cư tổ chức Ngày hội hằng năm",
            "Trên 90 % khu dân cư có ít nhất 2 công trình phục vụ cộng đồng hằng năm",
            "100 % khu dân cư có trang cộng đồng trong nhiệm kỳ",
            "Trên 50 % khu dân cư có trang cộng đồng trong các năm 2026–2027",
            "Trên 20.000.000 đồng trong nhiệm kỳ",
            "Nhiều nhất 3.000.000.000 đồng mỗi năm",
            "Dưới 1.500.000.000 đồng trong các năm 2025–2028",
            "Giám sát: ít nhất 1 mỗi năm",
            "Dưới 1,5 % hộ nghèo mỗi năm",
            "Nhiều nhất 3 % hộ nghèo mỗi năm",
            "100 % cán bộ đã tập huấn trong nhiệm kỳ",
            "Trên 80 % cán bộ đã tập huấn trong các năm 2025–2026",
            "Ít nhất 90 % Ban công tác Mặt trận xếp loại hoàn thành tốt nhiệm vụ trở lên, không có đơn vị không hoàn thành nhiệm vụ",
            "Trên 50 % Ban công tác Mặt trận xếp loại hoàn thành xuất sắc nhiệm vụ trở lên",
        ]
    );
    // The embedded programme's targets read the same way.
    let p: Programme = crate::core::default_programme();
    let t = |id: &str| p.all_targets().find(|t| t.id == id).unwrap().clone();
    let say = |id: &str| sentence(&p, p.item(t(id).rule.item()), &t(id));
    assert_eq!(say("5a"), "Trên 20.000.000 đồng trong nhiệm kỳ");
    assert_eq!(say("10c"), "Ủy ban MTTQ xã xếp loại hoàn thành tốt nhiệm vụ trở lên, không có đơn vị không hoàn thành nhiệm vụ");
    assert_eq!(say("5c"), "100 % hộ đã thăm hỏi, tặng quà mỗi năm");
}

#[test]
fn only_what_the_engine_computes_is_offered_and_the_rest_refused_at_its_field() {
    let s = commune();
    let mut d = every_target(&s);
    let m = model(&s, &d);
    let card = |id: &str| m.indicators[0].targets.iter().find(|t| t.id == id).unwrap().clone();
    let values = |f: &crate::core::editor::SelectField| f.choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
    // A tick each year: a share of units, each year, reaching up.
    let first = card("1a");
    assert_eq!(values(&first.kind), ["units_share"]);
    assert_eq!(values(first.period.as_ref().unwrap()), ["each_year"]);
    assert_eq!(values(&first.cmp), ["at_least", "more_than"]);
    assert_eq!(first.kind.choices[0].label, "Tỷ lệ đơn vị thực hiện");
    assert_eq!(first.number.label, "Tỷ lệ (%)");
    // An amount logged each time: the three totals, any comparison.
    let fund = card("1e");
    assert_eq!(values(&fund.kind), ["total_term", "total_year", "total_years"]);
    assert_eq!(fund.kind.choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["Tổng trong nhiệm kỳ", "Tổng mỗi năm", "Tổng trong khoảng năm …–…"]);
    assert_eq!(values(&fund.cmp), ["at_least", "more_than", "at_most", "less_than"]);
    assert_eq!((fund.number.label.as_str(), fund.number.value.as_str()), ("Số tiền (đồng)", "20.000.000"));
    // A ratio once in the term: over the term or some years, not each year.
    let trained = card("1k");
    assert_eq!(values(&trained.kind), ["ratio", "units_share"]);
    assert_eq!(values(trained.period.as_ref().unwrap()), ["term", "years"]);
    // Grades: the grade and the failing one.
    let graded = card("1m");
    assert_eq!(values(graded.grade.as_ref().unwrap()), ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]);
    assert_eq!(graded.none_failing.as_ref().unwrap().label, "Không có đơn vị không hoàn thành nhiệm vụ");
    // Refused, each at its field.
    let e = set_err(&mut d, &s, Field::TargetKind("1a".into()), "total_term");
    assert_eq!(e.field, Field::TargetKind("1a".into()));
    assert_eq!(
        e.message,
        "“Tổng trong nhiệm kỳ” cần mục ghi mỗi lần phát sinh, số tiền hoặc số lượng; mục “Tổ chức Ngày hội” ghi mỗi năm, đã làm hay chưa."
    );
    assert_eq!(set_err(&mut d, &s, Field::TargetPeriod("1k".into()), "each_year").field, Field::TargetPeriod("1k".into()));
    assert_eq!(
        set_err(&mut d, &s, Field::TargetCmp("1a".into()), "at_most").message,
        "Tỷ lệ đơn vị chỉ đặt mức “ít nhất” hoặc “trên”."
    );
    assert_eq!(set_err(&mut d, &s, Field::TargetNumber("1a".into()), "120").message, "Tỷ lệ 120 % vượt quá 100 %.");
    assert_eq!(
        set_err(&mut d, &s, Field::TargetNumber("1e".into()), "hai mươi triệu").message,
        "“hai mươi triệu” không phải số tiền. Ví dụ: 20.000.000, 20 triệu hoặc 3 tỷ."
    );
    assert_eq!(set_err(&mut d, &s, Field::TargetNumber("1h".into()), "1,5").field, Field::TargetNumber("1h".into()));
    assert_eq!(set_err(&mut d, &s, Field::TargetMinCount("1b".into()), "0").field, Field::TargetMinCount("1b".into()));
    assert_eq!(set_err(&mut d, &s, Field::TargetFrom("1d".into()), "2031").field, Field::TargetFrom("1d".into()));
    // An item no target can read (an amount once a year).
    let item = d.programme.items[0].id.clone();
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(1) }));
    let yearly_amount = last_item(&d, Owner::Indicator(1));
    set(&mut d, &s, Field::ItemLabel(yearly_amount.clone()), "Kinh phí hoạt động");
    set(&mut d, &s, Field::ItemValue(yearly_amount.clone()), "amount");
    let e = set_err(&mut d, &s, Field::TargetItem("1a".into()), &yearly_amount);
    assert!(e.message.starts_with("Mục “Kinh phí hoạt động” (mỗi năm, số tiền (đồng)) không tính được mốc đo nào."), "{}", e.message);
    assert!(!model(&s, &d).indicators[0].targets[0].item.choices.iter().any(|c| c.value == yearly_amount));
    // Choosing another item keeps the kind when it fits, else takes one that does.
    set(&mut d, &s, Field::TargetItem("1a".into()), "ct1-muc-3");
    assert!(matches!(d.programme.indicators[0].targets[0].rule, Rule::UnitsShare { period: Period::Term, .. }));
    set(&mut d, &s, Field::TargetItem("1a".into()), "ct1-muc-4");
    assert!(matches!(d.programme.indicators[0].targets[0].rule, Rule::Total { period: Period::Term, .. }));
    assert_eq!(item, "ct1-muc-1");
}

#[test]
fn a_target_needs_an_item_first() {
    let s = commune();
    let mut d = blank();
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    let e = refused(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(1) }));
    assert_eq!(e.field, Field::IndicatorText(1));
    let m = model(&s, &d);
    assert!(!m.indicators[0].add_target.enabled);
    assert_eq!(m.indicators[0].add_target.why.as_deref(), Some("Mốc đo được tính từ số liệu của một mục: hãy thêm mục ghi chép trước."));
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(1) }));
    edit(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(1) }));
    assert_eq!(d.programme.indicators[0].targets[0].id, "1a");
}

#[test]
fn what_publishing_refuses_is_said_at_each_field() {
    let s = commune();
    let mut d = Draft::new_blank("", crate::core::editor::default_term());
    let fields = |d: &Draft| check(d, &s).into_iter().map(|e| e.field).collect::<Vec<_>>();
    let errs = publish(&s, &d, T0).unwrap_err().errors;
    assert_eq!(errs[0], FieldError::new(Field::Owner, "Chưa ghi tên xã (ví dụ: xã Linh Toại)."));
    assert_eq!(
        errs[1],
        FieldError::new(Field::Indicators, "Chương trình chưa có chỉ tiêu nào. Hãy thêm chỉ tiêu, hoặc dán văn bản chương trình.")
    );
    set(&mut d, &s, Field::Owner, "xã Linh Toại");
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    assert_eq!(fields(&d), [Field::IndicatorText(1)], "an empty indicator");
    set(&mut d, &s, Field::IndicatorText(1), "100% khu dân cư tổ chức Ngày hội");
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(1) }));
    assert_eq!(fields(&d), [Field::ItemLabel("ct1-muc-1".into())], "a name left empty");
    set(&mut d, &s, Field::ItemLabel("ct1-muc-1".into()), "Tổ chức Ngày hội");
    edit(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(1) }));
    assert_eq!(fields(&d), []);
    // The item changes under its target: the target can no longer be fed.
    set(&mut d, &s, Field::ItemCadence("ct1-muc-1".into()), "event");
    let errs = check(&d, &s);
    assert_eq!(errs[0].field, Field::TargetKind("1a".into()));
    assert_eq!(
        errs[0].message,
        "Mốc đo “Tỷ lệ đơn vị thực hiện” không tính được từ mục “Tổ chức Ngày hội” (ghi mỗi lần phát sinh (ví dụ mỗi lần nhận tiền quỹ), số lượng (mỗi lần ghi một số)). Hãy chọn loại mốc đo khác hoặc mục khác."
    );
    assert_eq!(model(&s, &d).indicators[0].targets[0].kind.error, Some(errs[0].message.clone()));
    set(&mut d, &s, Field::ItemCadence("ct1-muc-1".into()), "yearly");
    set(&mut d, &s, Field::ItemValue("ct1-muc-1".into()), "done");
    assert_eq!(fields(&d), []);
    // What a damaged or hand-made draft may hold.
    let mut bad = d.clone();
    bad.programme.term.last_year = 2024;
    assert_eq!(fields(&bad), [Field::LastYear], "an end year before the start");
    bad.programme.term.last_year = 2040;
    assert_eq!(check(&bad, &s)[0].message, "Nhiệm kỳ 2025-2040 dài quá 10 năm.");
    let mut bad = d.clone();
    if let Rule::UnitsShare { percent, .. } = &mut bad.programme.indicators[0].targets[0].rule {
        *percent = 120.0;
    }
    assert_eq!(check(&bad, &s), [FieldError::new(Field::TargetNumber("1a".into()), "Tỷ lệ phải từ 0 đến 100 %.")]);
    let mut bad = d.clone();
    let twin = bad.programme.items[0].clone();
    bad.programme.items.push(twin);
    assert!(check(&bad, &s).iter().any(|e| e.field == Field::ItemLabel("ct1-muc-1".into()) && e.message.contains("bị trùng")), "an id clash");
    let mut bad = d.clone();
    bad.programme.items[0].id = "@app".into();
    assert!(check(&bad, &s).iter().any(|e| e.message.starts_with("Mã “@app”")), "ids starting with @ are the app's");
    let mut bad = d.clone();
    bad.programme.organisations[2] = " ".into();
    assert_eq!(check(&bad, &s), [FieldError::new(Field::Organisation(2), "Chưa ghi tên tổ chức.")]);
    // The publish button says why it waits.
    let m = model(&s, &bad);
    assert!(!m.publish.enabled);
    assert_eq!(m.publish.why.as_deref(), Some("Còn 1 chỗ cần sửa (ghi ngay dưới từng ô)."));
    assert_eq!(m.organisations[2].name.error.as_deref(), Some("Chưa ghi tên tổ chức."));
    assert!(model(&s, &d).publish.enabled);
}

#[test]
fn the_draft_round_trips_as_text_and_damaged_text_is_said_in_vietnamese() {
    let s = commune();
    let mut d = Draft::edit_current(&s);
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    set(&mut d, &s, Field::IndicatorText(11), "Chỉ tiêu mới");
    d.suggestions = crate::core::recognise::suggest(11, "100% khu dân cư có tủ sách pháp luật hằng năm.", d.programme.term, &[]);
    assert!(!d.suggestions.is_empty());
    let text = d.to_text();
    assert_eq!(Draft::from_text(&text).unwrap(), d);
    let blank = blank();
    assert_eq!(Draft::from_text(&blank.to_text()).unwrap(), blank);
    let cut = &text[..text.len() / 2];
    assert!(Draft::from_text(cut).unwrap_err().to_string().starts_with("Không mở được bản nháp chương trình đã lưu: không phải dữ liệu JSON đầy đủ"));
    assert_eq!(
        Draft::from_text("{\"format\":\"sotay-mat-tran\",\"version\":1}").unwrap_err().to_string(),
        "Không mở được bản nháp chương trình đã lưu: không phải bản nháp chương trình của Sổ tay. Hãy bỏ bản nháp này và soạn lại."
    );
    assert!(Draft::from_text("{\"format\":\"sotay-ban-nhap\",\"version\":9}").unwrap_err().why.contains("phiên bản mới hơn"));
    let wrong = text.replacen("\"revision\":1", "\"revision\":\"một\"", 1);
    let e = Draft::from_text(&wrong).unwrap_err();
    assert!(e.why.starts_with("dữ liệu tại draft.") && e.why.contains("không hợp lệ"), "{}", e.why);
}

/// A commune phone with records: an area's tick for "ngay-hoi", a fund
/// receipt, the status of task a1-t1.
fn commune_with_records() -> (State, String) {
    let mut s = commune();
    let area = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(done(&area, "ngay-hoi", 2025), T0 + 2).unwrap();
    let key = RecordKey { unit: COMMUNE_ID.into(), item: "a1-t1".into(), year: Some(2025) };
    s.apply(Action::SetEntry { key, entry: Entry { value: Value::Status { status: TaskStatus::Done }, ..Entry::empty() } }, T0 + 3).unwrap();
    let fund = Entry { value: Value::Amount { dong: 5_000_000 }, ..Entry::empty() };
    s.apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "quy-vi-nguoi-ngheo".into(), year: 2025, entry: fund }, T0 + 4).unwrap();
    let grade = RecordKey { unit: area.clone(), item: "xep-loai-bctmt".into(), year: Some(2025) };
    s.apply(Action::SetEntry { key: grade, entry: Entry { value: Value::Grade { grade: "tot".into() }, ..Entry::empty() } }, T0 + 5).unwrap();
    (s, area)
}

#[test]
fn what_has_records_is_retired_and_the_rest_deleted() {
    let (s, _) = commune_with_records();
    let mut d = Draft::edit_current(&s);
    let m = model(&s, &d);
    let card = m.indicators[2].items.iter().find(|i| i.id == "ngay-hoi").unwrap();
    assert_eq!(card.controls.remove.label, "Thôi theo dõi");
    assert!(card.controls.remove.why.as_deref().unwrap().starts_with("Đã có số liệu nên không xóa"));
    let other = m.indicators[3].items.iter().find(|i| i.id == "mo-hinh").unwrap();
    assert_eq!(other.controls.remove.label, "Xóa");
    // Items, and their targets with them.
    edit(&mut d, &s, Edit::Remove(Row::Item("ngay-hoi".into())));
    let p = &d.programme;
    assert!(p.item("ngay-hoi").unwrap().retired);
    assert!(p.all_targets().find(|t| t.id == "3a").unwrap().retired);
    edit(&mut d, &s, Edit::Remove(Row::Item("mo-hinh".into())));
    assert!(d.programme.item("mo-hinh").is_none());
    assert!(!d.programme.all_targets().any(|t| t.id == "4c"));
    // Targets by their item's records.
    edit(&mut d, &s, Edit::Remove(Row::Target("5b".into())));
    edit(&mut d, &s, Edit::Remove(Row::Target("5a".into())));
    assert!(!d.programme.all_targets().any(|t| t.id == "5b"));
    assert!(d.programme.all_targets().find(|t| t.id == "5a").unwrap().retired);
    // Tasks by their own.
    edit(&mut d, &s, Edit::Remove(Row::Task("a1-t1".into())));
    edit(&mut d, &s, Edit::Remove(Row::Task("a1-t2".into())));
    assert!(d.programme.task("a1-t1").unwrap().retired);
    assert!(d.programme.task("a1-t2").is_none());
    // Indicators and parts by what they hold.
    edit(&mut d, &s, Edit::Remove(Row::Indicator(3)));
    assert!(d.programme.indicators.iter().find(|i| i.number == 3).unwrap().retired);
    edit(&mut d, &s, Edit::Remove(Row::Indicator(9)));
    assert!(!d.programme.indicators.iter().any(|i| i.number == 9));
    assert!(d.programme.item("to-tu-quan").is_none());
    edit(&mut d, &s, Edit::Remove(Row::Part(1)));
    let part = d.programme.part(1).unwrap();
    assert!(part.retired);
    assert_eq!(part.tasks.iter().map(|t| (t.id.as_str(), t.retired)).collect::<Vec<_>>(), [("a1-t1", true)]);
    assert!(part.solutions.is_empty());
    edit(&mut d, &s, Edit::Remove(Row::Part(4)));
    assert!(d.programme.part(4).is_none());
    // Retired: marked in the reader, off the overview.
    let mut shown = s.clone();
    shown.book.programme = d.programme.clone();
    let r = crate::core::screen::reader::reader(&shown);
    assert!(r.indicators.iter().find(|i| i.number == 3).unwrap().paragraphs[0].ends_with(" (đã thôi theo dõi)"));
    assert!(r.parts[0].title.ends_with(" (đã thôi theo dõi)"));
    assert_eq!(r.parts[0].tasks.len(), 1);
    let cards = crate::core::screen::overview::overview(&shown, Some(2025), &env()).cards;
    assert!(!cards.iter().any(|c| c.key == "i3") && cards.iter().any(|c| c.key == "i4"));
    // Retired rows: read only, brought back on demand.
    let m = model(&s, &d);
    let three = m.indicators.iter().find(|i| i.number == 3).unwrap();
    assert_eq!(three.title, "Chỉ tiêu 3 (đã thôi theo dõi)");
    assert!(three.controls.retired && three.text.locked.is_some());
    assert_eq!(three.controls.restore.as_ref().unwrap().edit, Some(Edit::Restore(Row::Indicator(3))));
    assert_eq!(set_err(&mut d, &s, Field::ItemLabel("ngay-hoi".into()), "x").message, "Đã thôi theo dõi: bấm “Theo dõi lại” trước khi sửa.");
    edit(&mut d, &s, Edit::Restore(Row::Item("ngay-hoi".into())));
    assert!(!d.programme.item("ngay-hoi").unwrap().retired);
    assert!(!d.programme.indicators.iter().find(|i| i.number == 3).unwrap().retired, "its indicator comes back with it");
    assert!(!d.programme.all_targets().find(|t| t.id == "3a").unwrap().retired);
    edit(&mut d, &s, Edit::Restore(Row::Task("a1-t1".into())));
    assert!(!d.programme.part(1).unwrap().retired);
    edit(&mut d, &s, Edit::Restore(Row::Target("5a".into())));
    assert_eq!(refused(&mut d, &s, Edit::Restore(Row::Target("5a".into()))).message, "Đang được theo dõi, không cần theo dõi lại.");
    assert_eq!(check(&d, &s), vec![]);
    // An id once used is never given again.
    edit(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(4) }));
    assert_eq!(last_target(&d, Owner::Indicator(4)), "4d", "4c was deleted in this draft");
}

#[test]
fn what_records_depend_on_stays_as_it_is() {
    let (s, _) = commune_with_records();
    let mut d = Draft::edit_current(&s);
    let locked = "Mục này đã có số liệu nên không đổi được cách ghi. Muốn ghi khác đi, hãy thôi theo dõi mục này và thêm mục mới.";
    assert_eq!(set_err(&mut d, &s, Field::ItemCadence("quy-vi-nguoi-ngheo".into()), "yearly").message, locked);
    assert_eq!(set_err(&mut d, &s, Field::ItemValue("ngay-hoi".into()), "count").message, locked);
    let e = refused(&mut d, &s, Edit::Check { field: Field::ItemWho("ngay-hoi".into()), value: "areas".into(), on: false });
    assert_eq!(e.message, "Đã có số liệu của mỗi khu dân cư cho mục này nên không bỏ được.");
    edit(&mut d, &s, Edit::Check { field: Field::ItemWho("quy-vi-nguoi-ngheo".into()), value: "organisations".into(), on: true });
    edit(&mut d, &s, Edit::Check { field: Field::ItemWho("quy-vi-nguoi-ngheo".into()), value: "organisations".into(), on: false });
    set(&mut d, &s, Field::ItemCadence("mo-hinh".into()), "term");
    // A grade given stays; the commune's name and the organisations every phone made too.
    let e = refused(&mut d, &s, Edit::Remove(Row::Grade("tot".into())));
    assert_eq!(e.message, "Xếp loại này đã được dùng trong số liệu nên không bỏ được.");
    assert_eq!(set_err(&mut d, &s, Field::Owner, "xã Hà Hải Mới").field, Field::Owner);
    set(&mut d, &s, Field::Owner, "xã Hà Hải");
    assert_eq!(set_err(&mut d, &s, Field::Organisation(0), "Công đoàn cơ sở").field, Field::Organisation(0));
    assert_eq!(refused(&mut d, &s, Edit::Remove(Row::Organisation(4))).field, Field::Organisation(4));
    edit(&mut d, &s, Edit::Add(Add::Organisation));
    set(&mut d, &s, Field::Organisation(5), "Hội Người cao tuổi");
    let e = refused(&mut d, &s, Edit::Move { row: Row::Organisation(5), up: true });
    assert_eq!(e.message, "Các tổ chức đã có trên các máy giữ nguyên thứ tự; tổ chức mới xếp sau.");
    let m = model(&s, &d);
    assert!(m.general.owner.locked.is_some());
    assert!(m.organisations[0].name.locked.is_some() && m.organisations[5].name.locked.is_none());
    assert!(!m.organisations[0].controls.remove.enabled && m.organisations[5].controls.remove.enabled);
    let fund = m.indicators[4].items.iter().find(|i| i.id == "quy-vi-nguoi-ngheo").unwrap();
    assert_eq!(fund.cadence.locked.as_deref(), Some(locked));
    let areas = fund.who.iter().find(|c| c.value == "areas").unwrap();
    assert!(areas.checked && areas.locked.is_none(), "only the commune recorded it");
    let commune_box = fund.who.iter().find(|c| c.value == "commune").unwrap();
    assert!(commune_box.locked.is_some());
    // The term must keep the years recorded.
    set(&mut d, &s, Field::Start, "2026-01-01");
    let errs = check(&d, &s);
    assert_eq!(errs[0], FieldError::new(Field::Start, "Máy này đã có số liệu năm 2025: nhiệm kỳ phải gồm năm đó."));
}

#[test]
fn only_the_communes_phone_edits() {
    let (mut s, area) = commune_with_records();
    let mut d = Draft::edit_current(&s);
    s.apply(Action::SetRole(Role::Area { unit: area }), T0 + 10).unwrap();
    let EditorScreen::NotHere { message } = editor(&s, Some(&d), None, &env()) else { panic!("an area's phone does not edit") };
    assert!(message.starts_with("Chỉ máy của Ủy ban MTTQ xã soạn và sửa chương trình."));
    let e = refused(&mut d, &s, Edit::Set { field: Field::Title, value: "x".into() });
    assert_eq!((e.field, e.message), (Field::Programme, message.clone()));
    assert_eq!(publish(&s, &d, T0).unwrap_err().errors[0].message, message);
    let s = commune();
    match editor(&s, None, None, &env()) {
        EditorScreen::Start(start) => {
            assert_eq!(start.revise_label, "Sửa chương trình đang theo dõi");
            assert!(start.revise_about.contains("lần sửa 1") && start.revise_about.contains("lần sửa 2"));
        }
        other => panic!("expected the start, got {other:?}"),
    }
    // A refused edit's error shows at its field until the next one.
    let d = Draft::edit_current(&s);
    let pending = FieldError::new(Field::TargetNumber("5a".into()), "“x” không phải số tiền.".to_string());
    let EditorScreen::Editing(m) = editor(&s, Some(&d), Some(&pending), &env()) else { panic!() };
    let five = m.indicators.iter().find(|i| i.number == 5).unwrap();
    assert_eq!(five.targets[0].number.error.as_deref(), Some("“x” không phải số tiền."));
}

#[test]
fn fields_and_rows_have_keys_for_the_page() {
    assert_eq!(Field::IndicatorText(3).key(), "indicator-3-text");
    assert_eq!(Field::ItemWho("ngay-hoi".into()).key(), "item-ngay-hoi-who");
    assert_eq!(Field::TargetMinCount("4b".into()).key(), "target-4b-min-count");
    assert_eq!(Row::Task("a1-t1".into()).key(), "task-a1-t1");
    // Every field of the embedded programme's editor has its own key.
    let s = commune();
    let m = model(&s, &Draft::edit_current(&s));
    let mut keys = std::collections::BTreeSet::new();
    let mut add = |f: &Field| assert!(keys.insert(f.key()), "{}", f.key());
    for ind in &m.indicators {
        add(&ind.text.field);
        for i in &ind.items {
            for f in [&i.label.field, &i.cadence.field, &i.value.field, &i.hint.field] {
                add(f);
            }
        }
        for t in &ind.targets {
            for f in [&t.label.field, &t.item.field, &t.kind.field, &t.cmp.field, &t.number.field] {
                add(f);
            }
        }
    }
    assert_eq!(keys.len(), 10 + 19 * 4 + 19 * 5);
}

