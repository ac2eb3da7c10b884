//! Publishing drafts: a revision (and how it travels to phones on the
//! previous one), a new programme, the retire deadlock, the paste flow.

use super::editor_tests::{commune, edit, env, model, refused, set};
use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, Value};
use crate::core::editor::{apply, check, paste_preview, publish, Add, Draft, Edit, Field, Owner, Row};
use crate::core::file::{self, Scope};
use crate::core::programme::{Cadence, Programme, ValueKind};
use crate::core::progress;
use crate::core::recognise::recognise;
use crate::core::screen::{checklist, overview, reader, Route};
use crate::core::state::{Action, Role, State};
use crate::core::workflow::{self, Effect, Received};
use chrono::NaiveDate;

fn seed_paste() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/chuong-trinh-hanh-dong-2024-2029.txt");
    let page = std::fs::read_to_string(path).expect("the seed text is in tests/data");
    page.lines().skip(96).take(102).collect::<Vec<_>>().join("\n")
}

fn export_all(s: &State, at: i64) -> String {
    file::export(&s.book, &Scope::All, &s.local.device, at).unwrap()
}

/// Imports a file of the same programme, through its preview.
fn import(s: &State, text: &str, at: i64) -> State {
    match workflow::receive(s, text).unwrap_or_else(|e| panic!("{e}")) {
        Received::Preview { incoming, .. } => workflow::import(s, &incoming, at).unwrap().state,
        other => panic!("expected a preview, got {other:?}"),
    }
}

/// A revision: an item renamed, an indicator with an item and a target added.
fn revise(s: &State) -> Draft {
    let mut d = Draft::edit_current(s);
    set(&mut d, s, Field::ItemLabel("ngay-hoi".into()), "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc");
    edit(&mut d, s, Edit::Add(Add::Indicator));
    set(&mut d, s, Field::IndicatorText(11), "100% khu dân cư có tủ sách pháp luật.");
    edit(&mut d, s, Edit::Move { row: Row::Indicator(11), up: true });
    edit(&mut d, s, Edit::Add(Add::Item { owner: Owner::Indicator(11) }));
    set(&mut d, s, Field::ItemLabel("ct11-muc-1".into()), "Có tủ sách pháp luật");
    set(&mut d, s, Field::ItemCadence("ct11-muc-1".into()), "term");
    edit(&mut d, s, Edit::Add(Add::Target { owner: Owner::Indicator(11) }));
    set(&mut d, s, Field::TargetLabel("11a".into()), "Khu dân cư có tủ sách pháp luật");
    d
}

#[test]
fn a_revision_lists_its_changes_backs_up_and_the_state_follows_it() {
    let mut s = commune();
    let area = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(done(&area, "ngay-hoi", 2025), T0 + 2).unwrap();
    s.apply(Action::MarkExported { all: true }, T0 + 3).unwrap();
    let d = revise(&s);
    let m = model(&s, &d);
    assert_eq!(m.heading, "Sửa chương trình (lần sửa 2)");
    assert_eq!(m.changes_heading.as_deref(), Some("Những thay đổi sẽ áp dụng (8)"));
    // Numbered in list order: the new indicator is 10, the old 10 is 11, and its items follow it.
    assert_eq!(
        m.changes,
        [
            "Sửa chỉ tiêu 10",
            "Thêm chỉ tiêu 11",
            "Thêm mốc đo “Khu dân cư có tủ sách pháp luật”",
            "Sửa mục ghi chép “Tổ chức Ngày hội Đại đoàn kết toàn dân tộc”",
            "Sửa mục ghi chép “Xếp loại tổ chức thành viên”",
            "Sửa mục ghi chép “Xếp loại Ban công tác Mặt trận”",
            "Sửa mục ghi chép “Xếp loại Ủy ban MTTQ xã”",
            "Thêm mục ghi chép “Có tủ sách pháp luật”",
        ]
    );
    assert!(m.publish.enabled, "{:?}", m.errors);
    assert_eq!(m.publish.label, "Áp dụng lần sửa 2");
    let published = publish(&s, &d, T0 + 10).unwrap();
    assert_eq!(published.changes, m.changes);
    let p = &published.programme;
    assert_eq!((p.id.as_str(), p.revision), ("ha-hai-2024-2029", 2));
    assert_eq!(p.indicators.iter().map(|i| i.number).collect::<Vec<_>>(), (1..=11).collect::<Vec<_>>());
    assert_eq!(p.indicators[9].text, "100% khu dân cư có tủ sách pháp luật.");
    assert_eq!(p.item("ct11-muc-1").unwrap().indicator, Some(10), "item links follow the renumbering");
    assert_eq!(p.item("xep-loai-mttq").unwrap().indicator, Some(11));
    let step = &published.step;
    assert_eq!(step.effects, vec![Effect::Backup(Box::new(s.clone())), Effect::DropUndo]);
    assert_eq!(step.state.book.programme, *p);
    assert_eq!(step.state.book.records, s.book.records, "the data stays");
    assert_eq!(step.state.local.changes_since_export, 1, "the revision is a change to send");
    assert!(step.done.starts_with("Đã áp dụng lần sửa 2 của chương trình."));
    assert_eq!((published.next.clone(), published.next_label.as_str()), (Route::Share, "Gửi chương trình cho các khu dân cư"));
    // The new item is on the checklist; the overview has its card.
    let after = step.state.clone();
    let list = checklist::checklist(&after, Some(&area), Some(2026), &env()).unwrap();
    assert!(list.groups.iter().any(|g| g.title == "Chỉ tiêu 10" && g.items == ["ct11-muc-1"]));
    assert_eq!(overview::overview(&after, Some(2026), &env()).cards.len(), 12);
    // The draft is now behind the programme: publishing it again is refused.
    let again = publish(&after, &d, T0 + 20).unwrap_err();
    assert_eq!(again.errors[0].field, Field::Programme);
    assert!(again.errors[0].message.contains("máy đã nhận lần sửa 2"), "{}", again.errors[0].message);
    // A revision that changes nothing is refused.
    let same = Draft::edit_current(&after);
    assert_eq!(publish(&after, &same, T0 + 30).unwrap_err().errors[0].message, "Bản nháp chưa thay đổi gì so với chương trình đang theo dõi.");
    assert!(!model(&after, &same).publish.enabled);
}

/// The report's header fields and sections are kept as records of reserved
/// items ("@…"), which no programme has: they never hold a revision back.
#[test]
fn report_texts_do_not_hold_a_revision_back() {
    use crate::core::state::Change;
    use crate::core::report_texts::Field as ReportField;
    let mut s = commune();
    let key = ReportField::Place.key(crate::core::state::COMMUNE_ID);
    s.apply(Action::Edit { key, change: Change::Note("Hà Hải".into()) }, T0 + 2).unwrap();
    let d = revise(&s);
    let m = model(&s, &d);
    assert!(m.publish.enabled, "{:?}", m.errors);
    let published = publish(&s, &d, T0 + 10).unwrap();
    assert_eq!(published.step.state.book.records, s.book.records, "the report text stays");
}

#[test]
fn a_published_revision_imports_on_a_phone_still_on_the_previous_one() {
    let mut commune = commune();
    let area = add_area(&mut commune, "Thôn 1", T0 + 1);
    commune.apply(done(&area, "ngay-hoi", 2025), T0 + 2).unwrap();
    // The area's phone had the commune's file of revision 1, and recorded since.
    let mut village = fresh("may-thon");
    village = import(&village, &export_all(&commune, T0 + 3), T0 + 4);
    village.apply(Action::SetRole(Role::Area { unit: area.clone() }), T0 + 5).unwrap();
    village.apply(Action::FinishSetup, T0 + 5).unwrap();
    village.apply(done(&area, "phong-trao", 2025), T0 + 6).unwrap();
    let mut d = revise(&commune);
    edit(&mut d, &commune, Edit::Remove(Row::Item("ngay-hoi".into())));
    let published = publish(&commune, &d, T0 + 10).unwrap();
    let commune = published.step.state;
    let text = export_all(&commune, T0 + 11);
    let incoming = file::read(&text, &village.book.programme).unwrap();
    let preview = file::preview(&village.book, &incoming).unwrap();
    let update = preview.programme.clone().expect("the revision is previewed");
    assert_eq!((update.from, update.to), (1, 2));
    assert_eq!(update.changes, published.changes);
    let step = workflow::import(&village, &incoming, T0 + 12).unwrap();
    let village = step.state;
    assert_eq!(village.book.programme, commune.book.programme, "the area follows revision 2");
    assert!(village.book.programme.item("ngay-hoi").unwrap().retired);
    let list = checklist::checklist(&village, None, Some(2025), &env()).unwrap();
    assert!(list.groups.iter().all(|g| !g.items.contains(&"ngay-hoi".to_string())), "off the checklist");
    assert_eq!(list.retired, ["ngay-hoi"], "its data still in view");
    assert!(reader::reader(&village).retired_items.iter().any(|l| l == "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (đã thôi theo dõi)"));
    // New data goes only to what is followed.
    assert!(village.clone().apply(done(&area, "ngay-hoi", 2026), T0 + 13).is_err());
    let key = RecordKey { unit: area.clone(), item: "ct11-muc-1".into(), year: None };
    let mut v = village.clone();
    v.apply(Action::SetEntry { key, entry: Entry { value: Value::Done { done: true }, ..Entry::empty() } }, T0 + 14).unwrap();
}

/// The deadlock a dropped item made: an area phone with records for an item
/// that the commune's new revision drops refuses the commune's files, and
/// the commune's phone refuses the area's. Retiring ends it.
#[test]
fn retiring_ends_the_deadlock_between_the_commune_and_an_area() {
    let mut commune = commune();
    let area = add_area(&mut commune, "Thôn 1", T0 + 1);
    let mut village = import(&fresh("may-thon"), &export_all(&commune, T0 + 2), T0 + 3);
    village.apply(Action::SetRole(Role::Area { unit: area.clone() }), T0 + 4).unwrap();
    village.apply(Action::FinishSetup, T0 + 4).unwrap();
    village.apply(done(&area, "ngay-hoi", 2025), T0 + 5).unwrap();
    let area_file = |v: &State, at: i64| file::export(&v.book, &Scope::Unit { unit: area.clone() }, &v.local.device, at).unwrap();
    commune = import(&commune, &area_file(&village, T0 + 6), T0 + 7);
    // The area goes on recording for the item, not yet sent.
    village.apply(done(&area, "ngay-hoi", 2026), T0 + 8).unwrap();
    // Dropping the item (as a hand-written revision did) deadlocks.
    let mut dropped: Programme = commune.book.programme.clone();
    dropped.revision = 2;
    dropped.items.retain(|i| i.id != "ngay-hoi");
    dropped.indicators.iter_mut().for_each(|i| i.targets.retain(|t| t.rule.item() != "ngay-hoi"));
    let mut dropping = commune.clone();
    dropping.book.programme = dropped;
    assert!(file::export(&dropping.book, &Scope::All, "may-xa", T0 + 9).is_err(), "not even its own file reads back");
    // The editor retires it instead.
    let mut d = Draft::edit_current(&commune);
    edit(&mut d, &commune, Edit::Remove(Row::Item("ngay-hoi".into())));
    commune = publish(&commune, &d, T0 + 10).unwrap().step.state;
    assert!(commune.book.programme.item("ngay-hoi").unwrap().retired);
    // The commune's file imports on the area's phone, which still holds its new record…
    village = import(&village, &export_all(&commune, T0 + 11), T0 + 12);
    assert_eq!(village.book.programme.revision, 2);
    // …and the area's file, with those records, on the commune's.
    let text = area_file(&village, T0 + 13);
    commune = import(&commune, &text, T0 + 14);
    let key = RecordKey { unit: area.clone(), item: "ngay-hoi".into(), year: Some(2026) };
    assert!(commune.book.record(&key).is_some());
    assert_eq!(commune.book.fingerprint(), village.book.fingerprint(), "both phones hold the same data");
}

#[test]
fn a_new_programme_gets_its_own_id_and_the_phone_switches_to_it() {
    let mut s = commune();
    add_area(&mut s, "Thôn 1", T0 + 1);
    let mut d = Draft::copy_of_example();
    assert_eq!(check(&d, &s)[0].field, Field::Owner, "the commune's name is to write");
    set(&mut d, &s, Field::Owner, "xã Linh Toại");
    set(&mut d, &s, Field::Start, "2025-07-01");
    set(&mut d, &s, Field::Title, "Chương trình hành động nhiệm kỳ 2025-2030");
    // A window of years of the example no longer in the term.
    let errs = check(&d, &s);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, Field::TargetFrom("5b".into()));
    set(&mut d, &s, Field::TargetFrom("5b".into()), "2025");
    set(&mut d, &s, Field::TargetTo("5b".into()), "2026");
    let m = model(&s, &d);
    assert_eq!((m.heading.as_str(), m.publish.label.as_str()), ("Chương trình mới", "Áp dụng chương trình mới"));
    assert!(m.changes_heading.is_none() && m.publish.enabled);
    let published = publish(&s, &d, T0 + 10).unwrap();
    let p = &published.programme;
    assert_eq!((p.id.as_str(), p.revision, p.owner.as_str()), ("linh-toai-2025-2030", 1, "xã Linh Toại"));
    let next = &published.step.state;
    assert_eq!(published.step.effects, vec![Effect::Backup(Box::new(s.clone())), Effect::DropUndo]);
    assert_eq!(next.book.programme, *p);
    assert_eq!(next.book.unit(crate::core::state::COMMUNE_ID).unwrap().name, "Ủy ban MTTQ xã Linh Toại");
    assert_eq!(next.book.units.len(), 6, "the commune and its organisations, no area yet");
    assert!(next.book.records.is_empty());
    assert!(next.local.set_up && next.local.role == Role::Commune);
    assert_eq!(published.next, Route::Units);
    assert!(published.step.done.contains("“Chương trình hành động nhiệm kỳ 2025-2030” (xã Linh Toại)"));
    // Another phone set up from its file agrees on everything.
    let text = export_all(next, T0 + 11);
    let other = fresh("may-khac");
    let Received::Switch { incoming, .. } = workflow::receive(&other, &text).unwrap() else { panic!("a switch") };
    let other = workflow::switch(&other, &incoming, T0 + 12).state;
    assert_eq!(other.book.fingerprint(), next.book.fingerprint());
    // The same commune and term as the programme followed: still a new id.
    let mut d = Draft::copy_of_example();
    set(&mut d, &s, Field::Owner, "xã Hà Hải");
    assert_eq!(publish(&s, &d, T0 + 20).unwrap().programme.id, "ha-hai-2024-2029-2");
    assert_eq!(crate::core::editor::new_id("Phường Hạc Thành", d.programme.term, &[]), "hac-thanh-2024-2029");
}

#[test]
fn new_organisations_of_a_revision_are_made_as_a_new_phone_makes_them() {
    let s = commune();
    let mut d = Draft::edit_current(&s);
    edit(&mut d, &s, Edit::Add(Add::Organisation));
    set(&mut d, &s, Field::Organisation(5), "Hội Người cao tuổi");
    let next = publish(&s, &d, T0 + 10).unwrap().step.state;
    assert_eq!(next.book.unit("tc-6").unwrap().name, "Hội Người cao tuổi");
    let fresh_phone = State::fresh(next.book.programme.clone(), "may-moi".into(), T0);
    assert_eq!(fresh_phone.book.units["tc-6"], next.book.units["tc-6"], "same id, same stamp, same name");
}

#[test]
fn pasting_the_seed_then_accepting_three_indicators_gives_a_programme_that_computes() {
    let s = commune();
    assert_eq!(paste_preview("   ", None).unwrap_err(), "Chưa dán văn bản nào.");
    let text = seed_paste();
    let preview = paste_preview(&text, None).unwrap();
    assert_eq!(preview.summary, "10 chỉ tiêu, 6 chương trình, 23 nhiệm vụ, 38 giải pháp");
    assert_eq!(preview.indicators.len(), 10);
    assert_eq!(preview.parts.len(), 6);
    assert_eq!(preview.parts[0].tasks_heading, "Nhiệm vụ trọng tâm (5)");
    assert!(!preview.objective.is_empty() && !preview.closing.is_empty());
    assert!(preview.confirm.is_none(), "no draft to replace");
    assert_eq!(preview.use_label, "Dùng văn bản này");
    let three = &preview.indicators[2].suggestions[0];
    assert_eq!(three.sentence, "100 % khu dân cư tổ chức tốt ngày hội đại đoàn kết toàn dân tộc hằng năm");
    assert!(three.phrase.starts_with("Đọc từ: “"), "{}", three.phrase);
    let five = &preview.indicators[4].suggestions[0];
    assert_eq!(five.sentence, "Trên 20.000.000 đồng trong nhiệm kỳ");
    assert!(preview.suggestions_note.contains("Chưa gợi ý nào được thêm"));
    // The draft holds the texts; the suggestions wait.
    let mut d = Draft::from_recognised(recognise(&text).unwrap());
    assert!(d.programme.items.is_empty() && d.programme.all_targets().next().is_none(), "nothing applied silently");
    set(&mut d, &s, Field::Owner, "xã Hà Hải");
    let m = model(&s, &d);
    assert_eq!(m.indicators[2].suggestions[0].accept.label, "Nhận");
    for n in [3, 5, 10] {
        let waiting: Vec<String> = d.suggestions.iter().filter(|x| x.indicator == n).map(|x| x.target.id.clone()).collect();
        assert!(!waiting.is_empty());
        for t in waiting {
            edit(&mut d, &s, Edit::Accept { target: t });
        }
    }
    let first = d.suggestions.iter().find(|x| x.indicator == 1).unwrap().target.id.clone();
    edit(&mut d, &s, Edit::Dismiss { target: first });
    assert!(refused(&mut d, &s, Edit::Accept { target: "10a".into() }).message.starts_with("Không còn mục này"));
    // One target written by hand, for indicator 1.
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(1) }));
    set(&mut d, &s, Field::ItemLabel("ct1-muc-1".into()), "Tuyên truyền nghị quyết của Đảng");
    edit(&mut d, &s, Edit::Check { field: Field::ItemWho("ct1-muc-1".into()), value: "commune".into(), on: true });
    edit(&mut d, &s, Edit::Add(Add::Target { owner: Owner::Indicator(1) }));
    let hand = d.programme.indicators[0].targets[0].id.clone();
    set(&mut d, &s, Field::TargetLabel(hand.clone()), "Đơn vị tuyên truyền nghị quyết hằng năm");
    set(&mut d, &s, Field::TargetNumber(hand.clone()), "100");
    assert_eq!(check(&d, &s), vec![]);
    let p = &d.programme;
    let accepted: usize = p.indicators.iter().map(|i| i.targets.len()).sum();
    let three_five_ten = recognise(&text).unwrap().suggestions.iter().filter(|x| [3, 5, 10].contains(&x.indicator)).count();
    assert_eq!(accepted, three_five_ten + 1);
    assert_eq!(p.items.iter().filter(|i| i.indicator == Some(10)).count(), 3);
    // Published as a new programme: it validates, and its gauges compute.
    let published = publish(&s, &d, T0 + 10).unwrap();
    let mut after = published.step.state;
    published.programme.validate().unwrap();
    let area = add_area(&mut after, "Thôn 1", T0 + 20);
    let ngay_hoi = published.programme.items.iter().find(|i| i.indicator == Some(3)).unwrap().id.clone();
    after.apply(done(&area, &ngay_hoi, 2025), T0 + 21).unwrap();
    let figures = progress::compute(&after.book, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
    assert_eq!(figures.len(), accepted);
    let three = figures.iter().find(|f| f.indicator == Some(3)).unwrap();
    assert_eq!(three.years.iter().find(|(y, _)| *y == 2025).unwrap().1.status, progress::Status::Met);
}

#[test]
fn pasting_into_a_draft_asks_first_then_replaces_the_texts_only() {
    let s = commune();
    let mut d = Draft::new_blank("xã Linh Toại", crate::core::editor::default_term());
    edit(&mut d, &s, Edit::Add(Add::Indicator));
    set(&mut d, &s, Field::IndicatorText(1), "Chỉ tiêu cũ");
    edit(&mut d, &s, Edit::Add(Add::Item { owner: Owner::Indicator(1) }));
    set(&mut d, &s, Field::ItemLabel("ct1-muc-1".into()), "Mục đã soạn");
    edit(&mut d, &s, Edit::Add(Add::Part { kind: crate::core::programme::PartKind::Action }));
    for _ in 0..7 {
        edit(&mut d, &s, Edit::Add(Add::Task { part: 1 }));
    }
    let text = seed_paste();
    let preview = paste_preview(&text, Some(&d)).unwrap();
    assert!(preview.confirm.as_deref().unwrap().starts_with("Thay nội dung của bản nháp đang soạn bằng văn bản vừa dán?"));
    assert_eq!(preview.use_label, "Thay nội dung bản nháp");
    edit(&mut d, &s, Edit::PasteTexts { text: text.clone() });
    let want = recognise(&text).unwrap().programme;
    let p = &d.programme;
    assert_eq!(p.owner, "xã Linh Toại", "the commune's name stays");
    assert_eq!(p.indicators.iter().map(|i| i.text.clone()).collect::<Vec<_>>(), want.indicators.iter().map(|i| i.text.clone()).collect::<Vec<_>>());
    assert_eq!(p.indicators[0].number, 1, "the first indicator took the first text");
    assert_eq!(p.item("ct1-muc-1").unwrap().label, "Mục đã soạn", "items stay");
    assert_eq!(p.parts.len(), 6);
    assert_eq!(p.parts[0].tasks.iter().map(|t| t.text.clone()).collect::<Vec<_>>(), want.parts[0].tasks.iter().map(|t| t.text.clone()).collect::<Vec<_>>());
    assert_eq!(p.parts[0].solutions.len(), want.parts[0].solutions.len());
    assert_eq!(d.suggestions.len(), recognise(&text).unwrap().suggestions.len());
    let news = "Sáng 18/11, tại nhà văn hóa thôn 3 đã diễn ra Ngày hội Đại đoàn kết toàn dân tộc.\nĐến dự có đại diện lãnh đạo xã.";
    let e = apply(&mut d, Edit::PasteTexts { text: news.into() }, &s).unwrap_err();
    assert_eq!(e.field, Field::Programme);
    assert!(e.message.starts_with("Không nhận ra chỉ tiêu hay phần nào"));
}

#[test]
fn a_suggestion_whose_ids_are_taken_gets_new_ones() {
    let s = commune();
    let mut d = Draft::edit_current(&s);
    let found = crate::core::recognise::suggest(1, "100% khu dân cư tổ chức Ngày hội hằng năm.", d.programme.term, &[]);
    let mut suggestion = found[0].clone();
    suggestion.item.id = "ngay-hoi".into();
    suggestion.target.id = "1a".into();
    d.suggestions = vec![suggestion];
    edit(&mut d, &s, Edit::Accept { target: "1a".into() });
    let p = &d.programme;
    let added = p.indicators[0].targets.last().unwrap();
    assert_eq!(added.id, "1c");
    assert_ne!(added.rule.item(), "ngay-hoi");
    let item = p.item(added.rule.item()).unwrap();
    assert_eq!((item.indicator, item.cadence, item.value), (Some(1), Cadence::Yearly, ValueKind::Done));
    assert_eq!(check(&d, &s), vec![]);
}
