//! Screen models: what each screen shows and enables, from the state alone.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{RecordKey, UnitKind, Value};
use crate::core::clock::Hlc;
use crate::core::error::InputError;
use crate::core::screen::checklist::{self, Editor};
use crate::core::screen::shell::{self, Home};
use crate::core::screen::{reader, settings, share, units, Env, Page, Route};
use crate::core::state::{Action, Change, Role, State, COMMUNE_ID};
use crate::core::stored::{self, BackupInfo};
use chrono::NaiveDate;

fn env(y: i32, m: u32, d: u32) -> Env {
    Env { now_ms: T0 + 1_000_000, today: NaiveDate::from_ymd_opt(y, m, d).unwrap(), tz_offset_min: 420 }
}

fn commune_with(areas: &[&str]) -> (State, Vec<String>) {
    let mut s = fresh("may-xa");
    let ids = areas.iter().enumerate().map(|(i, n)| add_area(&mut s, n, T0 + 1 + i as i64)).collect();
    s.apply(Action::FinishSetup, T0 + 10).unwrap();
    (s, ids)
}

fn area_phone(s: &State, unit: &str) -> State {
    let mut a = s.clone();
    a.local.device = "may-thon".into();
    a.apply(Action::SetRole(Role::Area { unit: unit.into() }), T0 + 20).unwrap();
    a
}

#[test]
fn the_checklist_opens_on_a_unit_this_phone_may_write_and_a_year_of_the_term() {
    let (s, ids) = commune_with(&["Thôn 1", "Thôn 2"]);
    let e = env(2031, 1, 5);
    let m = checklist::checklist(&s, Some(&ids[1]), None, &e).unwrap();
    assert_eq!((m.unit.as_str(), m.unit_name.as_str(), m.year), (ids[1].as_str(), "Thôn 2", 2029), "today is after the term");
    assert_eq!(checklist::checklist(&s, Some(&ids[1]), Some(2019), &env(2025, 3, 1)).unwrap().year, 2025);
    assert_eq!(checklist::checklist(&s, None, None, &e).unwrap().unit, COMMUNE_ID, "the commune's phone opens on the commune");
    assert_eq!(m.groups[0].title, "Chỉ tiêu 1");
    assert!(m.groups.iter().any(|g| g.title == "Chương trình hành động 6"), "{:?}", m.groups);
    assert!(m.tasks.is_empty(), "only the commune keeps tasks");
    assert_eq!(checklist::checklist(&s, None, None, &e).unwrap().tasks.len(), 6);
    // An area's phone keeps its own area only.
    let a = area_phone(&s, &ids[0]);
    let m = checklist::checklist(&a, Some(&ids[1]), None, &e).unwrap();
    assert_eq!(m.unit, ids[0]);
    assert_eq!(m.units.len(), 1);
    assert!(m.units[0].selected);
}

#[test]
fn item_cards_show_the_value_who_changed_it_and_what_is_not_saved() {
    let (mut s, ids) = commune_with(&["Thôn 1"]);
    let e = env(2025, 6, 1);
    let saved = s.local.clock;
    let key = RecordKey { unit: ids[0].clone(), item: "ngay-hoi".into(), year: Some(2025) };
    s.apply(Action::Edit { key: key.clone(), change: Change::Toggle }, T0 + 100).unwrap();
    s.apply(Action::Edit { key: key.clone(), change: Change::Note("  Ở nhà văn hóa ".into()) }, T0 + 200).unwrap();
    let m = checklist::item(&s, &ids[0], "ngay-hoi", 2025, saved, &e).unwrap();
    assert_eq!(m.editor, Editor::Done { done: true });
    assert!(m.unsaved, "changed after the last save");
    assert!(!checklist::item(&s, &ids[0], "ngay-hoi", 2025, s.local.clock, &e).unwrap().unsaved);
    let d = m.details.unwrap();
    assert_eq!((d.note.as_str(), d.summary.as_str()), ("Ở nhà văn hóa", "Ở nhà văn hóa"));
    assert_eq!((d.min.as_str(), d.max.as_str()), ("2025-01-01", "2025-12-31"));
    assert!(m.changed.unwrap().ends_with("· máy này"));
    assert_eq!(m.history.len(), 1);
    assert!(m.history[0].ends_with(": Đã thực hiện"), "{:?}", m.history);
    s.apply(Action::Edit { key: key.clone(), change: Change::Toggle }, T0 + 300).unwrap();
    assert_eq!(checklist::item(&s, &ids[0], "ngay-hoi", 2025, saved, &e).unwrap().editor, Editor::Done { done: false });
    // A once-in-term ratio, and its first year's dates start on adoption day.
    let m = checklist::item(&s, &ids[0], "tap-huan", 2024, saved, &e).unwrap();
    assert_eq!(m.cadence, "Ghi một lần trong nhiệm kỳ");
    assert!(matches!(m.editor, Editor::Ratio { n: None, of: None, ref n_label, .. } if n_label == "Số cán bộ đã tập huấn"));
    assert_eq!(m.details.unwrap().min, "2024-10-21");
}

#[test]
fn events_are_listed_with_their_total_and_what_removing_one_asks() {
    let (mut s, _) = commune_with(&[]);
    let e = env(2025, 6, 1);
    let entry = checklist::event_entry(true, "2.500.000", "2025-05-01", " Tháng cao điểm ").unwrap();
    s.apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "quy-vi-nguoi-ngheo".into(), year: 2025, entry }, T0 + 50).unwrap();
    let m = checklist::item(&s, COMMUNE_ID, "quy-vi-nguoi-ngheo", 2025, Hlc::default(), &e).unwrap();
    let Editor::Events(ev) = m.editor else { panic!("events") };
    assert_eq!(ev.total, "Tổng năm 2025: 2.500.000 đồng");
    assert_eq!(ev.rows.len(), 1);
    assert_eq!(ev.rows[0].what, "2.500.000 đồng");
    assert_eq!(ev.rows[0].confirm, "Xóa lần ghi 2.500.000 đồng, 01/05/2025? Nó sẽ không còn được tính nữa.");
    assert_eq!(ev.default_date, "2025-06-01");
    assert!(m.details.is_none() && m.history.is_empty());
    let Editor::Events(ev2024) = checklist::item(&s, COMMUNE_ID, "quy-vi-nguoi-ngheo", 2024, Hlc::default(), &e).unwrap().editor else {
        panic!("events")
    };
    assert_eq!(ev2024.default_date, "", "no default date outside today's year");
    assert_eq!(ev2024.min, "2024-10-21");
    // What people type.
    assert_eq!(checklist::event_entry(true, "năm trăm", "", ""), Err(InputError::NotAmount("năm trăm".into())));
    assert_eq!(checklist::event_entry(false, "2", "2025-13-01", ""), Err(InputError::BadDate));
    let zero = checklist::event_entry(false, "0", "", "").unwrap();
    let r = s.apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "giam-sat".into(), year: 2025, entry: zero }, T0 + 60);
    assert_eq!(r.unwrap_err().to_string(), "Hãy nhập số lần, từ 1 trở lên.");
}

#[test]
fn ratio_boxes_follow_the_rules_of_a_pair() {
    use checklist::ratio_value;
    assert_eq!(ratio_value("12", "15", None), Ok(Value::Ratio { n: 12, of: 15 }));
    assert_eq!(ratio_value("", "", Some((1, 2))), Ok(Value::Empty));
    assert_eq!(ratio_value("", "0", None), Ok(Value::Ratio { n: 0, of: 0 }), "nothing to do this year");
    assert_eq!(ratio_value("95", "", None), Err(InputError::BothNumbers));
    assert_eq!(ratio_value("", "15", Some((12, 15))), Err(InputError::KeepBoth));
    assert_eq!(ratio_value("-1", "5", None), Err(InputError::NotCount("-1".into())));
    assert_eq!(InputError::KeepBoth.to_string(), "Cần cả hai số. Số đã lưu vẫn giữ nguyên; muốn bỏ thì xóa cả hai ô.");
}

#[test]
fn retired_items_leave_the_checklist_but_their_data_stays_in_view() {
    let (mut s, ids) = commune_with(&["Thôn 1"]);
    s.apply(done(&ids[0], "ngay-hoi", 2025), T0 + 50).unwrap();
    s.book.programme.items.iter_mut().find(|i| i.id == "ngay-hoi").unwrap().retired = true;
    let m = checklist::checklist(&s, Some(&ids[0]), Some(2025), &env(2025, 6, 1)).unwrap();
    assert!(m.groups.iter().all(|g| !g.items.contains(&"ngay-hoi".to_string())));
    assert_eq!(m.retired, vec!["ngay-hoi".to_string()]);
    let r = reader::reader(&s);
    assert!(r.retired_items.iter().any(|l| l.ends_with("(đã thôi theo dõi)")));
}

#[test]
fn unit_rows_offer_what_this_phone_may_do() {
    let (s, ids) = commune_with(&["Thôn 1", "Thôn 2"]);
    let e = env(2026, 3, 1);
    let r0 = units::row(&s, &ids[0], &e).unwrap();
    assert_eq!(r0.moves, Some((false, true)));
    assert_eq!(r0.sub, "100 hộ");
    assert_eq!(r0.href, format!("./#/so/{}", ids[0]));
    let (_, label, action) = r0.archive.unwrap();
    assert_eq!(label, "Ngừng theo dõi");
    assert_eq!(action, Action::Archive { id: ids[0].clone(), last_year: 2026 }, "counts up to this year by default");
    assert_eq!(units::row(&s, &ids[1], &e).unwrap().moves, Some((true, false)));
    assert_eq!(units::row(&s, COMMUNE_ID, &e).unwrap().moves, None);
    let a = area_phone(&s, &ids[0]);
    let r = units::row(&a, &ids[1], &e).unwrap();
    assert!(r.moves.is_none() && r.archive.is_none() && !r.editable);
    assert!(units::row(&a, &ids[0], &e).unwrap().editable);
    let lists = units::lists(&a);
    assert!(lists[0].add_label.is_none() && lists[0].add_note.is_some());
    assert_eq!(units::edit(&ids[0], "Thôn Một", " 12 ", "2026"), Ok(Action::EditUnit {
        id: ids[0].clone(),
        name: "Thôn Một".into(),
        households: Some(12),
        since: Some(2026)
    }));
    assert_eq!(units::add(UnitKind::Area, "X", "mười"), Err(InputError::Households("mười".into())));
    let f = units::form(&s, &ids[0]).unwrap();
    assert_eq!((f.households.as_deref(), f.since.as_deref()), (Some("100"), Some("")));
    assert_eq!(f.since_options.len(), 7);
}

#[test]
fn the_first_run_finishes_as_the_commune_or_as_a_chosen_area() {
    let mut s = fresh("new");
    assert_eq!(shell::home(&s), Home::Setup);
    let t = add_area(&mut s, "Thôn 1", T0);
    assert_eq!(units::setup_button(&s), "Xong, bắt đầu ghi chép (1 khu dân cư)");
    assert_eq!(units::finish_setup(&s, true).unwrap_err().to_string(), "Hãy chọn khu dân cư mà máy này theo dõi.");
    for a in units::finish_setup(&s, false).unwrap() {
        s.apply(a, T0 + 1).unwrap();
    }
    assert_eq!(shell::home(&s), Home::Overview);
    s.apply(units::role_action(&t), T0 + 2).unwrap();
    assert_eq!(shell::home(&s), Home::Checklist);
    assert!(units::role_choices(&s).iter().any(|c| c.value == t && c.selected));
    assert!(units::setup_programme_note(&s).starts_with("Sổ tay đang mở chương trình mẫu của xã Hà Hải"));
    s.book.programme.id = "linh-toai-2025-2030".into();
    assert!(units::setup_programme_note(&s).starts_with("Chương trình: "));
}

#[test]
fn the_navigation_marks_where_the_user_is_and_links_across_pages() {
    let (s, _) = commune_with(&["Thôn 1"]);
    let nav = shell::nav(&s, &Route::Home, Page::Daily);
    assert_eq!(nav.iter().filter(|l| l.here).map(|l| l.label).collect::<Vec<_>>(), vec!["Tổng quan"]);
    assert_eq!(nav[2].href, "./more.html#/chia-se");
    let nav = shell::nav(&s, &Route::Report, Page::More);
    assert_eq!(nav.iter().filter(|l| l.here).map(|l| l.label).collect::<Vec<_>>(), vec!["Chương trình"]);
    assert_eq!(nav[0].href, "./#/tong-quan");
    assert_eq!(shell::header(&s).sub, "xã Hà Hải · Nhiệm kỳ 2024-2029");
}

#[test]
fn the_reminder_waits_a_week_or_ten_changes_and_not_on_the_share_screen() {
    let (mut s, ids) = commune_with(&["Thôn 1"]);
    let e = Env { now_ms: T0 + 1000, ..env(2025, 1, 1) };
    assert_eq!(shell::reminder(&s, &Route::Home, &e), None);
    for y in 2024..=2029 {
        s.apply(done(&ids[0], "ngay-hoi", y), T0 + 100).unwrap();
        s.apply(done(&ids[0], "phong-trao", y), T0 + 100).unwrap();
    }
    let r = shell::reminder(&s, &Route::Home, &e).unwrap();
    assert!(r.starts_with("Chưa gửi dữ liệu lần nào; có 13 thay đổi chưa gửi."), "{r}");
    assert_eq!(shell::reminder(&s, &Route::Share, &e), None);
}

#[test]
fn an_area_phone_sends_its_own_area_and_that_settles_its_changes() {
    let (s, ids) = commune_with(&["Thôn 1", "Thôn 2"]);
    let mut a = area_phone(&s, &ids[1]);
    a.apply(done(&ids[1], "ngay-hoi", 2025), T0 + 30).unwrap();
    let e = env(2025, 6, 1);
    let m = share::export_model(&a, &e);
    assert_eq!(m.scopes.iter().find(|c| c.selected).unwrap().value, ids[1]);
    assert_eq!(m.last, "Chưa gửi lần nào.");
    let out = share::outgoing(&a, &ids[1], &e).unwrap();
    assert_eq!(out.sent, Action::MarkExported { all: true });
    assert!(out.name.starts_with("sotay-ha-hai-thon-2-2025-06-01"), "{}", out.name);
    assert_eq!(share::outgoing(&a, "", &e).unwrap().sent, Action::MarkExported { all: true });
    assert_eq!(share::outgoing(&s, &ids[0], &e).unwrap().sent, Action::MarkExported { all: false });
}

/// Five backups taken an hour apart, then the phone's clock set back a
/// year (a date reset): the next two backups still roll over the ones taken
/// first, the list shows them newest first, and the backup taken last
/// before is kept. By the clock alone, the second would have been written
/// over the first.
#[test]
fn backups_roll_in_the_order_they_were_taken_whatever_the_clock_says() {
    const HOUR: i64 = 3_600_000;
    let t0 = 1_781_485_200_000; // 15/06/2026
    let mut list: Vec<BackupInfo> = Vec::new();
    let take = |list: &mut Vec<BackupInfo>, saved_ms: i64| {
        let (key, seq) = stored::next_backup(list);
        list.retain(|b| b.key != key);
        list.push(BackupInfo { key: key.clone(), saved_ms, seq, bytes: 1 });
        key
    };
    for n in 0..5 {
        assert_eq!(take(&mut list, t0 + n * HOUR), format!("backup.{n}"));
    }
    let year_earlier = t0 - 365 * 24 * HOUR;
    assert_eq!(take(&mut list, year_earlier), "backup.0");
    assert_eq!(take(&mut list, year_earlier + HOUR), "backup.1");
    let mut v = list.clone();
    stored::newest_first(&mut v);
    let order: Vec<&str> = v.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(order, ["backup.1", "backup.0", "backup.4", "backup.3", "backup.2"]);
    let rows = settings::backups(&list, &env(2026, 6, 15));
    assert_eq!(rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), order);
    assert!(rows[0].label.starts_with("15/06/2025 "), "{}", rows[0].label);
}

/// Backups an earlier version kept carry no number: they count as older
/// than every numbered one, and among themselves go by the time they were
/// saved, so the first numbered backup goes over the oldest of them.
#[test]
fn backups_an_earlier_version_kept_are_older_than_numbered_ones() {
    let kept = |key: &str, saved_ms: i64, seq: u64| BackupInfo { key: key.into(), saved_ms, seq, bytes: 1 };
    let mut list: Vec<BackupInfo> =
        (0..5).map(|n| kept(&format!("backup.{n}"), 1_000 * [3, 1, 4, 5, 2][n], 0)).collect();
    assert_eq!(stored::next_backup(&list), ("backup.1".to_string(), 1));
    list[1] = kept("backup.1", 500, 1);
    stored::newest_first(&mut list);
    let order: Vec<&str> = list.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(order, ["backup.1", "backup.3", "backup.2", "backup.0", "backup.4"]);
    assert_eq!(stored::next_backup(&list), ("backup.4".to_string(), 2));
}

#[test]
fn backups_are_listed_newest_first_in_local_time() {
    let e = env(2025, 6, 1);
    let list = [
        BackupInfo { key: "b0".into(), saved_ms: 1_763_425_800_000, seq: 1, bytes: 2048 },
        BackupInfo { key: "b1".into(), saved_ms: 1_763_429_400_000, seq: 2, bytes: 1 },
    ];
    let rows = settings::backups(&list, &e);
    assert_eq!(rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["b1", "b0"]);
    assert_eq!(rows[1].label, "18/11/2025 07:30 · 2 KB");
    assert!(rows[0].confirm.starts_with("Khôi phục bản sao lưu lúc 18/11/2025 08:30?"));
    let m = settings::storage(Some(Some(false)), 1024 * 1024, 40 * 1024, Some((2.0 * 1024.0 * 1024.0, 512.0 * 1_048_576.0)));
    assert!(m.persisted.contains("chưa đồng ý"));
    assert_eq!(m.data, "Dữ liệu của sổ: khoảng 1.024 KB, dùng 10 % bộ nhớ riêng của trình duyệt cho sổ (giới hạn khoảng 10 MB).");
    assert_eq!(m.copies, "Các bản sao lưu (đã nén): khoảng 40 KB.");
    assert!(m.all.contains("2.048 KB") && m.all.contains("512 MB"), "{}", m.all);
}

#[test]
fn the_reader_counts_what_the_programme_holds() {
    let (s, _) = commune_with(&[]);
    let r = reader::reader(&s);
    assert_eq!(r.indicators_heading, "Các chỉ tiêu chủ yếu (10)");
    assert_eq!(r.parts_heading, "Chương trình hành động (6)");
    assert_eq!(r.parts[0].tasks_heading, "Nhiệm vụ trọng tâm (5)");
    assert_eq!(r.indicators[4].paragraphs.len(), 2);
    assert_eq!(r.owner, "xã Hà Hải · từ 21/10/2024 đến hết năm 2029");
    assert!(r.can_edit);
}

#[test]
fn the_report_offers_the_periods_begun_and_whose_report_this_phone_makes() {
    use crate::core::report::{Period, Scope};
    use crate::core::screen::report;
    let (s, ids) = commune_with(&["Thôn 1", "Thôn 2"]);
    let p = report::periods(&s, &env(2026, 6, 15));
    let values: Vec<&str> = p.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["y2026", "h2026", "y2025", "h2025", "y2024", "term"], "no first half of 2024: the term began in October");
    assert!(p[0].selected);
    // Every period offered can be reported on; before the term begins, only
    // the term (whose report says when it begins).
    for today in [env(2024, 10, 1), env(2024, 10, 21), env(2025, 1, 1), env(2030, 3, 1)] {
        let offered = report::periods(&s, &today);
        for c in &offered {
            let made = crate::core::report::report(&s, &Scope::Commune, report::period(&c.value).unwrap(), &today);
            assert!(made.is_ok() || (offered.len() == 1 && c.value == "term"), "{} on {}: {:?}", c.value, today.today, made.err());
        }
        assert_eq!(offered.iter().filter(|c| c.selected).count(), 1);
    }
    let before: Vec<String> = report::periods(&s, &env(2024, 10, 1)).into_iter().map(|c| c.value).collect();
    assert_eq!(before, ["term"]);
    assert_eq!(report::period("h2025"), Some(Period::FirstHalf(2025)));
    assert_eq!(report::period("term"), Some(Period::Term));
    assert_eq!(report::period("x"), None);
    assert_eq!(report::scopes(&s).len(), 3);
    assert_eq!(report::scope(""), Scope::Commune);
    let a = area_phone(&s, &ids[1]);
    let own = report::scopes(&a);
    assert_eq!((own.len(), own[0].value.as_str(), own[0].label.as_str()), (1, ids[1].as_str(), "Ban công tác Mặt trận Thôn 2"));
    assert_eq!(report::workbook_name(&s, &env(2026, 12, 5)), "sotay-ha-hai-bang-so-lieu-2026-12-05.xlsx");
}
