use crate::core::book::{Book, Entry, RecordKey, UnitKind, Value};
use crate::core::default_programme;
use crate::core::state::{Action, Role, State, COMMUNE_ID};
use crate::core::stored;

pub(crate) const T0: i64 = 1_730_000_000_000; // 27/10/2024

pub(crate) fn fresh(device: &str) -> State {
    State::fresh(default_programme(), device.into(), T0)
}

pub(crate) fn add_area(s: &mut State, name: &str, now: i64) -> String {
    s.apply(Action::AddUnit { kind: UnitKind::Area, name: name.into(), households: Some(100), since: None }, now).unwrap();
    s.book.units_of(UnitKind::Area).into_iter().find(|(_, u)| u.name == name).unwrap().0.to_string()
}

pub(crate) fn done(unit: &str, item: &str, year: i32) -> Action {
    Action::SetEntry {
        key: RecordKey { unit: unit.into(), item: item.into(), year: Some(year) },
        entry: Entry { value: Value::Done { done: true }, ..Entry::empty() },
    }
}

#[test]
fn a_fresh_phone_has_the_commune_and_default_organisations() {
    let s = fresh("a");
    assert_eq!(s.book.unit(COMMUNE_ID).unwrap().name, "Ủy ban MTTQ xã Hà Hải");
    let orgs: Vec<_> = s.book.units_of(UnitKind::Organisation).into_iter().map(|(_, u)| u.name.clone()).collect();
    assert_eq!(orgs[0], "Công đoàn");
    assert_eq!(orgs.len(), 5);
    assert!(!s.local.set_up);
    assert_eq!(s.local.role, Role::Commune);
}

#[test]
fn units_keep_their_order_and_refuse_bad_names() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let t2 = add_area(&mut s, "Thôn 2", T0 + 2);
    let t3 = add_area(&mut s, "Thôn 3", T0 + 3);
    let names = |s: &State| s.book.units_of(UnitKind::Area).into_iter().map(|(i, _)| i.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&s), vec![t1.clone(), t2.clone(), t3.clone()]);
    s.apply(Action::Move { id: t3.clone(), up: true }, T0 + 4).unwrap();
    assert_eq!(names(&s), vec![t1.clone(), t3.clone(), t2.clone()]);
    let before = s.clone();
    let e = s.apply(Action::AddUnit { kind: UnitKind::Area, name: " thôn  1 ".into(), households: None, since: None }, T0 + 5);
    assert_eq!(e, Err(crate::core::error::ActionError::UnitNameTaken("thôn 1".into())));
    assert_eq!(s, before, "a refused action changes nothing");
    assert!(s.apply(Action::AddUnit { kind: UnitKind::Area, name: "   ".into(), households: None, since: None }, T0).is_err());
    assert!(s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn 9".into(), households: None, since: Some(2031) }, T0).is_err());
    s.apply(Action::EditUnit { id: t1.clone(), name: "Thôn Một".into(), households: Some(120), since: None }, T0 + 6).unwrap();
    assert_eq!(s.book.unit(&t1).unwrap().name, "Thôn Một");
    let old: Vec<_> = s.book.units[&t1].versions.history().map(|v| v.value.name.clone()).collect();
    assert_eq!(old, vec!["Thôn 1".to_string()], "renaming keeps the old name in history");
}

/// Found by the import fuzzer: a file may carry any order, and adding a unit
/// after one at i64::MAX overflowed (a panic in debug, the new unit first in
/// release). Now it takes the same order and sorts by name among them.
#[test]
fn a_unit_added_after_one_at_the_largest_order_is_not_put_first() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let t2 = add_area(&mut s, "Thôn 2", T0 + 2);
    let u = s.book.units.get_mut(&t2).unwrap();
    let mut d = u.data().clone();
    d.order = i64::MAX;
    u.versions.set(crate::core::clock::Stamp { hlc: crate::core::clock::Hlc { ms: T0 + 3, count: 0 }, device: "b".into(), wall_ms: T0 + 3 }, d);
    let t3 = add_area(&mut s, "Thôn 3", T0 + 4);
    let ids: Vec<String> = s.book.units_of(UnitKind::Area).into_iter().map(|(i, _)| i.to_string()).collect();
    assert_eq!(ids, vec![t1, t2, t3]);
}

#[test]
fn archiving_keeps_data_and_drops_the_unit_from_later_years() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 2).unwrap();
    s.apply(Action::Archive { id: t1.clone(), last_year: 2025 }, T0 + 3).unwrap();
    let u = s.book.unit(&t1).unwrap();
    assert!(u.archived());
    assert!(u.active_in(2024) && u.active_in(2025) && !u.active_in(2026));
    assert!(s.book.entry(&RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) }).is_some());
    assert!(s.apply(Action::Archive { id: COMMUNE_ID.into(), last_year: 2025 }, T0).is_err());
    assert!(s.apply(Action::Archive { id: t1.clone(), last_year: 2035 }, T0).is_err());
    s.apply(Action::Unarchive { id: t1.clone() }, T0 + 4).unwrap();
    assert!(s.book.unit(&t1).unwrap().active_in(2029));
    // A unit added in 2026 counts from 2026 only.
    s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn mới".into(), households: None, since: Some(2026) }, T0 + 5).unwrap();
    let (_, nu) = s.book.units_of(UnitKind::Area).into_iter().find(|(_, u)| u.name == "Thôn mới").unwrap();
    assert!(!nu.active_in(2025) && nu.active_in(2026));
}

#[test]
fn every_change_keeps_what_it_replaced_with_who_and_when() {
    let mut s = fresh("phone-a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let key = RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) };
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 10).unwrap();
    let off = Action::SetEntry { key: key.clone(), entry: Entry { value: Value::Done { done: false }, ..Entry::empty() } };
    s.apply(off, T0 + 20).unwrap();
    let r = s.book.record(&key).unwrap();
    assert_eq!(r.entry().value, Value::Done { done: false });
    let hist: Vec<_> = r.versions.history().collect();
    assert_eq!(hist.len(), 1);
    assert_eq!(hist[0].value.value, Value::Done { done: true });
    assert_eq!(hist[0].stamp.device, "phone-a");
    assert_eq!(hist[0].stamp.wall_ms, T0 + 10);
    assert_eq!(r.versions.current().stamp.wall_ms, T0 + 20);
    // Setting the same value again adds nothing.
    let again = Action::SetEntry { key: key.clone(), entry: Entry { value: Value::Done { done: false }, ..Entry::empty() } };
    s.apply(again, T0 + 30).unwrap();
    assert_eq!(s.book.record(&key).unwrap().versions.all().len(), 2);
}

#[test]
fn a_clock_set_back_still_orders_edits() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1_000);
    let key = RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) };
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 2_000).unwrap();
    // The phone's clock jumps back a day; the later edit must still win.
    let off = Action::SetEntry { key: key.clone(), entry: Entry { value: Value::Done { done: false }, ..Entry::empty() } };
    s.apply(off, T0 - 86_400_000).unwrap();
    assert_eq!(s.book.entry(&key).unwrap().value, Value::Done { done: false });
    // Its stamp (clock ahead of the wall time, counter > 0) survives storage.
    let st = &s.book.record(&key).unwrap().versions.current().stamp;
    assert!(st.wall_ms != st.hlc.ms && st.hlc.count > 0);
    assert_eq!(stored::decode(&stored::encode(&s, T0), &default_programme).unwrap(), s);
}

#[test]
fn values_are_checked_against_the_programme() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let before = s.clone();
    let set = |item: &str, year: Option<i32>, value: Value| Action::SetEntry {
        key: RecordKey { unit: t1.clone(), item: item.into(), year },
        entry: Entry { value, ..Entry::empty() },
    };
    let cases = vec![
        (set("tham-ho-ngheo", Some(2025), Value::Ratio { n: 5, of: 3 }), "không được lớn hơn tổng số"),
        (set("ngay-hoi", Some(2031), Value::Done { done: true }), "nằm ngoài nhiệm kỳ"),
        (set("khong-co", Some(2025), Value::Done { done: true }), "không có mục"),
        (set("xep-loai-bctmt", Some(2025), Value::Grade { grade: "gioi".into() }), "Không có xếp loại"),
        (set("ngay-hoi", Some(2025), Value::Amount { dong: 5 }), "không đúng kiểu"),
        (set("xep-loai-mttq", Some(2025), Value::Grade { grade: "tot".into() }), "không phải mục mà"),
        (set("trang-cong-dong", Some(2025), Value::Done { done: true }), "một lần trong nhiệm kỳ"),
        (set("cong-trinh", Some(2025), Value::Count { count: 2 }), "bằng số tên"),
    ];
    for (action, msg) in cases {
        let e = s.apply(action.clone(), T0 + 5).expect_err(&format!("{action:?} must be refused"));
        assert!(e.to_string().contains(msg), "{e} should contain {msg}");
        assert_eq!(s, before);
    }
    let neg = Action::AddEvent {
        unit: COMMUNE_ID.into(),
        item: "quy-vi-nguoi-ngheo".into(),
        year: 2025,
        entry: Entry { value: Value::Amount { dong: -1 }, ..Entry::empty() },
    };
    assert_eq!(s.apply(neg, T0).unwrap_err().to_string(), "Số tiền không được âm.");
    let date = Action::SetEntry {
        key: RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) },
        entry: Entry { value: Value::Done { done: true }, date: chrono::NaiveDate::from_ymd_opt(2026, 11, 18), ..Entry::empty() },
    };
    assert!(s.apply(date, T0).unwrap_err().to_string().contains("không thuộc năm 2025"));
    assert_eq!(s, before);
}

#[test]
fn events_are_logged_edited_and_removed_without_losing_history() {
    let mut s = fresh("a");
    let add = |dong| Action::AddEvent {
        unit: COMMUNE_ID.into(),
        item: "quy-vi-nguoi-ngheo".into(),
        year: 2025,
        entry: Entry { value: Value::Amount { dong }, ..Entry::empty() },
    };
    s.apply(add(5_000_000), T0 + 1).unwrap();
    s.apply(add(3_000_000), T0 + 2).unwrap();
    let evs = s.book.events(COMMUNE_ID, "quy-vi-nguoi-ngheo", 2025);
    assert_eq!(evs.len(), 2);
    assert_eq!(s.book.event_total(COMMUNE_ID, "quy-vi-nguoi-ngheo", 2025), 8_000_000);
    let id = evs[0].id.clone();
    s.apply(Action::RemoveEvent { id: id.clone() }, T0 + 3).unwrap();
    assert_eq!(s.book.events(COMMUNE_ID, "quy-vi-nguoi-ngheo", 2025).len(), 1);
    assert_eq!(s.book.records[&id].versions.history().count(), 1, "the removed amount stays in history");
    assert_eq!(s.book.event_total(COMMUNE_ID, "quy-vi-nguoi-ngheo", 2025), 3_000_000);
}

#[test]
fn named_entries_keep_the_count() {
    let mut e = Entry::empty();
    e.add_name("  Đường bê tông ");
    e.add_name("Nhà văn hóa");
    assert_eq!((e.value.clone(), e.names.clone()), (Value::Count { count: 2 }, vec!["Đường bê tông".to_string(), "Nhà văn hóa".to_string()]));
    e.remove_name(0);
    assert_eq!(e.value, Value::Count { count: 1 });
    e.remove_name(5);
    assert_eq!(e.names.len(), 1);
    e.remove_name(0);
    assert_eq!(e.value, Value::Empty);
}

#[test]
fn role_must_name_an_existing_area() {
    let mut s = fresh("a");
    assert!(s.apply(Action::SetRole(Role::Area { unit: "nope".into() }), T0).is_err());
    assert!(s.apply(Action::SetRole(Role::Area { unit: COMMUNE_ID.into() }), T0).is_err());
    let t = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(Action::SetRole(Role::Area { unit: t.clone() }), T0 + 2).unwrap();
    assert_eq!(s.local.role, Role::Area { unit: t });
}

#[test]
fn stored_state_round_trips_and_older_schema_migrates() {
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 2).unwrap();
    let text = stored::encode(&s, T0 + 3);
    assert_eq!(stored::decode(&text, &default_programme).unwrap(), s);
    assert_eq!(stored::saved_ms(&text), Some(T0 + 3));

    // Schema 1 kept only the programme's id, with units and records at the top level.
    let v1 = serde_json::json!({
        "schema": 1,
        "programme_id": "ha-hai-2024-2029",
        "units": serde_json::to_value(&s.book.units).unwrap(),
        "records": serde_json::to_value(&s.book.records).unwrap(),
        "local": serde_json::to_value(&s.local).unwrap(),
    })
    .to_string();
    let migrated = stored::decode(&v1, &default_programme).unwrap();
    assert_eq!(migrated, s);
    let v1_other = v1.replace("ha-hai-2024-2029", "khac-2025-2030");
    assert!(matches!(stored::decode(&v1_other, &default_programme), Err(stored::DecodeError::Damaged(_))));
}

#[test]
fn damaged_or_newer_stored_text_is_refused() {
    let s = fresh("a");
    let text = stored::encode(&s, T0);
    let p = default_programme;
    assert!(matches!(stored::decode(&text[..(text.len() / 2..).find(|i| text.is_char_boundary(*i)).unwrap()], &p), Err(stored::DecodeError::Damaged(_))));
    assert!(matches!(stored::decode("hello", &p), Err(stored::DecodeError::Damaged(_))));
    assert!(matches!(stored::decode("{\"schema\":0}", &p), Err(stored::DecodeError::Damaged(_))));
    let newer = text.replacen("\"schema\":2", "\"schema\":9", 1);
    assert_eq!(stored::decode(&newer, &p), Err(stored::DecodeError::Newer(9)));
    // A generation is kept with the data.
    let g = stored::encode_generation(&s, T0, Some("tab-1"));
    let back = stored::decode_stored(&g, &p).unwrap();
    assert_eq!((back.state, back.generation.as_deref()), (s.clone(), Some("tab-1")));
    assert_eq!(stored::decode_stored(&text, &p).unwrap().generation, None);
    assert!(stored::DecodeError::Newer(9).to_string().contains("phiên bản mới hơn"));
}

#[test]
fn two_tabs_editing_different_items_both_survive_a_merge() {
    let mut a = fresh("dev");
    let t1 = add_area(&mut a, "Thôn 1", T0 + 1);
    let mut b = a.clone();
    a.apply(done(&t1, "ngay-hoi", 2025), T0 + 10).unwrap();
    b.apply(done(&t1, "phong-trao", 2025), T0 + 10).unwrap();
    let mut merged = a.book.clone();
    merged.merge(&b.book);
    let mut other = b.book.clone();
    other.merge(&a.book);
    assert_eq!(merged, other);
    for item in ["ngay-hoi", "phong-trao"] {
        assert!(merged.entry(&RecordKey { unit: t1.clone(), item: item.into(), year: Some(2025) }).is_some());
    }
    assert_eq!(merged.fingerprint(), other.fingerprint());
    assert_ne!(merged.fingerprint(), a.book.fingerprint());
}

/// Two tabs settle after one exchange even when one of them took a newer
/// programme revision or switched programme (the old comparison of whole books
/// never settled: the programme was never merged).
#[test]
fn tabs_settle_on_the_newest_programme_after_one_exchange() {
    let mut a = fresh("dev");
    let t1 = add_area(&mut a, "Thôn 1", T0 + 1);
    let mut b = a.clone();
    b.book.programme.revision += 1;
    b.book.programme.title = "Bản sửa đổi".into();
    b.apply(done(&t1, "phong-trao", 2025), T0 + 10).unwrap();
    a.apply(done(&t1, "ngay-hoi", 2025), T0 + 11).unwrap();
    assert!(a.merge_other_tab(&b, T0 + 20), "a takes b's revision and record");
    assert_eq!(a.book.programme, b.book.programme);
    assert!(b.merge_other_tab(&a, T0 + 21), "b takes a's record");
    assert_eq!(a.book, b.book);
    assert!(!a.merge_other_tab(&b, T0 + 22), "settled: nothing changes any more");
    assert!(!b.merge_other_tab(&a, T0 + 23));
    // A stale tab on the older revision does not take the revision back.
    let stale = fresh("dev");
    assert!(!a.merge_other_tab(&stale, T0 + 24));
    assert_eq!(a.book.programme.title, "Bản sửa đổi");
    // Another programme: the tab that switched wins, with its role.
    let mut other = State::fresh(
        crate::core::programme::Programme { id: "linh-toai-2025-2030".into(), ..default_programme() },
        "dev".into(),
        T0,
    );
    other.local.role = Role::Commune;
    a.local.set_up = true;
    assert!(a.local.changes_since_export > 0);
    assert!(a.merge_other_tab(&other, T0 + 30));
    assert_eq!(a.book, other.book);
    assert_eq!((a.local.set_up, a.local.changes_since_export), (false, 0), "the switch's settings come with it");
    assert!(!a.merge_other_tab(&other, T0 + 31));
    assert!(!other.merge_other_tab(&a, T0 + 32), "settled both ways");
}

/// Restoring a backup brings back its data, never its older clock: an edit
/// made after the restore still wins over everything the phone had seen.
#[test]
fn restoring_a_backup_keeps_the_clock_moving_forward() {
    let mut s = fresh("dev");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let backup = s.clone();
    // A phone whose clock runs a day fast sends a tick; we see it.
    let mut fast = s.clone();
    fast.local.device = "fast".into();
    fast.apply(done(&t1, "ngay-hoi", 2025), T0 + 86_400_000).unwrap();
    s.book.merge(&fast.book);
    s.observe_book(T0 + 10);
    let seen = s.local.clock;
    let mut restored = s.restore(&backup);
    assert_eq!(restored.book, backup.book);
    assert!(restored.local.clock >= seen, "the clock did not go back");
    // Now untick here: when the fast phone's tick comes back, ours still wins.
    restored
        .apply(
            Action::SetEntry {
                key: RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) },
                entry: Entry { value: Value::Done { done: false }, ..Entry::empty() },
            },
            T0 + 20,
        )
        .unwrap();
    restored.book.merge(&fast.book);
    let key = RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) };
    assert_eq!(restored.book.entry(&key).map(|e| e.value.clone()), Some(Value::Done { done: false }));

    // Going back to before the area existed: an area phone chooses again.
    let empty = fresh("dev");
    let mut area_phone = s.clone();
    area_phone.apply(Action::SetRole(Role::Area { unit: t1.clone() }), T0 + 30).unwrap();
    area_phone.apply(Action::FinishSetup, T0 + 31).unwrap();
    let back = area_phone.restore(&empty);
    assert_eq!((back.local.role.clone(), back.local.set_up), (Role::Commune, false));
    // Going back to another programme takes that state's settings too.
    let mut old_prog = State::fresh(
        crate::core::programme::Programme { id: "cu-2019-2024".into(), ..default_programme() },
        "dev".into(),
        T0,
    );
    old_prog.local.set_up = true;
    old_prog.local.changes_since_export = 4;
    let back = area_phone.restore(&old_prog);
    assert_eq!(back.book, old_prog.book);
    assert_eq!((back.local.set_up, back.local.changes_since_export), (true, 4));
    assert!(back.local.clock >= area_phone.local.clock);
}

/// An area's phone writes its own area only, and only a file of its area
/// (or everything) settles its changes.
#[test]
fn an_area_phone_writes_only_its_own_area() {
    let mut s = fresh("dev");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let t2 = add_area(&mut s, "Thôn 2", T0 + 2);
    s.apply(Action::SetRole(Role::Area { unit: t1.clone() }), T0 + 3).unwrap();
    // During setup it may still add areas; after it, only the commune's phone does.
    s.apply(Action::FinishSetup, T0 + 4).unwrap();
    assert_eq!(s.own_unit(), Some(t1.as_str()));
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 5).unwrap();
    let e = s.apply(done(&t2, "ngay-hoi", 2025), T0 + 6).unwrap_err();
    assert!(e.to_string().contains("Máy này giữ sổ của Thôn 1"), "{e}");
    let e = s
        .apply(Action::AddEvent { unit: COMMUNE_ID.into(), item: "quy-vi-nguoi-ngheo".into(), year: 2025, entry: Entry { value: Value::Amount { dong: 5 }, ..Entry::empty() } }, T0 + 7)
        .unwrap_err();
    assert!(e.to_string().contains("đơn vị khác"), "{e}");
    assert!(s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn 9".into(), households: None, since: None }, T0 + 8).is_err());
    assert!(s.apply(Action::Archive { id: t2.clone(), last_year: 2025 }, T0 + 8).is_err());
    s.apply(Action::EditUnit { id: t1.clone(), name: "Thôn Một".into(), households: Some(90), since: None }, T0 + 9).unwrap();
    assert!(s.apply(Action::EditUnit { id: t2.clone(), name: "Thôn Hai".into(), households: None, since: None }, T0 + 9).is_err());
    assert!(s.may_write(&t1) && !s.may_write(&t2));
    // Sending: a file of its own area settles the changes; the commune's phone
    // sending one area does not.
    assert!(s.local.changes_since_export > 0);
    assert!(s.export_covers_all(Some(&t1)) && !s.export_covers_all(Some(&t2)));
    let mut commune = fresh("xa-phone");
    let a = add_area(&mut commune, "Thôn 1", T0 + 1);
    commune.apply(Action::FinishSetup, T0 + 2).unwrap();
    assert!(!commune.export_covers_all(Some(&a)) && commune.export_covers_all(None));
    commune.apply(Action::MarkExported { all: false }, T0 + 3).unwrap();
    assert!(commune.local.changes_since_export > 0, "a one-area file leaves the rest unsent");
    commune.apply(Action::MarkExported { all: true }, T0 + 4).unwrap();
    assert_eq!(commune.local.changes_since_export, 0);
}

/// The reminder to send: after a week with changes unsent (from the last
/// export, or from the first change on a phone that never sent), or after
/// many changes.
#[test]
fn the_export_reminder_counts_days_and_changes() {
    const DAY: i64 = 86_400_000;
    let mut s = fresh("dev");
    let t1 = add_area(&mut s, "Thôn 1", T0);
    s.apply(Action::FinishSetup, T0).unwrap();
    s.apply(done(&t1, "ngay-hoi", 2025), T0).unwrap();
    assert_eq!(s.local.changes_since_export, 2);
    assert_eq!(s.export_reminder(T0 + DAY), None, "new, few changes");
    assert_eq!(s.export_reminder(T0 + 7 * DAY), Some((None, 2)), "a week unsent, never sent before");
    s.apply(Action::MarkExported { all: true }, T0 + 8 * DAY).unwrap();
    assert_eq!(s.export_reminder(T0 + 20 * DAY), None, "nothing unsent");
    s.apply(done(&t1, "phong-trao", 2025), T0 + 9 * DAY).unwrap();
    assert_eq!(s.export_reminder(T0 + 10 * DAY), None);
    assert_eq!(s.export_reminder(T0 + 15 * DAY), Some((Some(7), 1)), "a week since the last export");
    let mut many = fresh("dev2");
    let a = add_area(&mut many, "Thôn 2", T0);
    many.apply(Action::FinishSetup, T0).unwrap();
    for y in 2024..=2029 {
        for item in ["ngay-hoi", "phong-trao"] {
            many.apply(done(&a, item, y), T0).unwrap();
        }
    }
    assert!(many.export_reminder(T0).is_some(), "ten or more changes never sent");
}

#[test]
fn merge_reports_new_newer_older_and_same() {
    let mut a = fresh("a");
    let t1 = add_area(&mut a, "Thôn 1", T0 + 1);
    a.apply(done(&t1, "ngay-hoi", 2025), T0 + 2).unwrap();
    a.apply(done(&t1, "phong-trao", 2025), T0 + 2).unwrap();
    let mut b = State { local: crate::core::state::Local { device: "b".into(), ..a.local.clone() }, book: a.book.clone() };
    b.observe_book(T0 + 3);
    let off = |item: &str| Action::SetEntry {
        key: RecordKey { unit: t1.clone(), item: item.into(), year: Some(2025) },
        entry: Entry { value: Value::Done { done: false }, ..Entry::empty() },
    };
    b.apply(off("ngay-hoi"), T0 + 5).unwrap();
    b.apply(done(&t1, "mo-hinh-khong-co", 2025), T0 + 5).unwrap_err();
    b.apply(done(&t1, "tuyen-truyen", 2025), T0 + 6).unwrap();
    let mut ours: Book = a.book.clone();
    let report = ours.merge(&b.book);
    let c = &report.units[&t1];
    assert_eq!((c.new, c.newer, c.same), (1, 1, 2), "{c:?}"); // the unit itself and phong-trao are the same
    assert_eq!(c.replaced.len(), 1);
    assert_eq!(c.replaced[0].1.value, Value::Done { done: true });
    // Merging the older copy back changes nothing.
    let mut theirs = b.book.clone();
    let back = theirs.merge(&a.book);
    assert_eq!(back.changes(), 0);
    assert_eq!(theirs, b.book);

    // A version we never had, older than ours, still goes into our history:
    // that is a change (the two phones differ until it is merged).
    let mut c_phone = State { local: crate::core::state::Local { device: "c".into(), ..a.local.clone() }, book: a.book.clone() };
    c_phone.apply(off("phong-trao"), T0 + 4).unwrap();
    let mut newer = b.book.clone();
    newer.records.get_mut(&format!("{t1}/phong-trao/2025")).unwrap().versions.set(
        crate::core::clock::Stamp { hlc: crate::core::clock::Hlc { ms: T0 + 50, count: 0 }, device: "b".into(), wall_ms: T0 + 50 },
        Entry { value: Value::Done { done: true }, note: "b".into(), ..Entry::empty() },
    );
    let report = newer.merge(&c_phone.book);
    let c = &report.units[&t1];
    assert_eq!((c.older, c.history), (2, 1), "{c:?}"); // ngay-hoi is older and adds nothing
    assert_eq!(report.changes(), 1);
}

#[test]
fn record_keys_are_read_back_from_ids() {
    for key in [
        RecordKey { unit: "kdc-a-1-0".into(), item: "ngay-hoi".into(), year: Some(2025) },
        RecordKey { unit: "xa".into(), item: "to-tu-quan".into(), year: None },
    ] {
        assert_eq!(RecordKey::from_id(&key.slot_id()), Some(key.clone()));
    }
    let ev = RecordKey::from_id("xa/quy-vi-nguoi-ngheo/2025/dev-1730000000000-0").unwrap();
    assert_eq!((ev.unit.as_str(), ev.item.as_str(), ev.year), ("xa", "quy-vi-nguoi-ngheo", Some(2025)));
    for bad in ["", "xa", "xa/ngay-hoi", "xa//2025", "/ngay-hoi/2025", "xa/ngay-hoi/nam", "xa/ngay-hoi/term/x", "xa/i/2025/", "xa/i/2025/a/b"] {
        assert_eq!(RecordKey::from_id(bad), None, "{bad}");
    }
}

/// Rules the checklist used to enforce alone now live in `State::apply`: an
/// event counts at least 1; events are corrected as events and slots as
/// slots; items no longer followed take no new data.
#[test]
fn events_and_retired_items_are_checked_by_the_core() {
    use crate::core::error::ActionError;
    let mut s = fresh("a");
    let t1 = add_area(&mut s, "Thôn 1", T0);
    let count = |n| Action::AddEvent {
        unit: COMMUNE_ID.into(),
        item: "giam-sat".into(),
        year: 2025,
        entry: Entry { value: Value::Count { count: n }, ..Entry::empty() },
    };
    assert_eq!(s.apply(count(0), T0 + 1), Err(ActionError::EventCountZero));
    s.apply(count(2), T0 + 2).unwrap();
    let slot = RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) };
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 3).unwrap();
    let e = s.apply(Action::RemoveEvent { id: slot.slot_id() }, T0 + 4).unwrap_err();
    assert_eq!(e, ActionError::NotAnEvent);
    let set_event = Action::SetEntry {
        key: RecordKey { unit: COMMUNE_ID.into(), item: "giam-sat".into(), year: Some(2025) },
        entry: Entry { value: Value::Count { count: 1 }, ..Entry::empty() },
    };
    assert!(matches!(s.apply(set_event, T0 + 5), Err(ActionError::Entry(crate::core::error::EntryError::IdShape { .. }))));
    s.book.programme.items.iter_mut().find(|i| i.id == "ngay-hoi").unwrap().retired = true;
    let before = s.clone();
    let e = s.apply(done(&t1, "ngay-hoi", 2026), T0 + 6).unwrap_err();
    assert!(e.to_string().contains("thôi theo dõi"), "{e}");
    assert_eq!(s, before);
}

/// A history line and the report say a value the same way: a count is
/// grouped by thousands in both, and the report adds the names after it.
#[test]
fn a_history_line_says_a_value_as_the_report_does() {
    let p = default_programme();
    let mut e = Entry { value: Value::Count { count: 1200 }, date: None, note: String::new(), names: vec![] };
    assert_eq!(e.describe(&p), "1.200");
    e.names = vec!["Đường bê tông".into(), "Nhà văn hóa".into()];
    assert_eq!(e.describe(&p), "1.200: Đường bê tông, Nhà văn hóa");
    assert_eq!(crate::core::report::value_text(&p, &e.value, &e.names), "1.200: Đường bê tông, Nhà văn hóa");
    assert_eq!(Value::Empty.text(&p), "");
    assert_eq!(Value::Amount { dong: 20_000_000 }.text(&p), "20.000.000 đồng");
}

/// `State::act` applies a tap's action in place and reads whether it changed
/// anything from `local` alone: checked here against copying the state and
/// comparing all of it, as the app did before, over random sequences of
/// actions of every kind, valid or not (unknown units and items, years
/// outside the term, values of the wrong kind, names already taken...).
mod act {
    use super::*;
    use crate::core::book::TaskStatus;
    use crate::core::state::Change;
    use proptest::prelude::*;

    /// A state with two areas and some of everything recorded.
    fn start() -> State {
        let mut s = fresh("a");
        let a1 = add_area(&mut s, "Thôn 1", T0 + 1);
        add_area(&mut s, "Thôn 2", T0 + 2);
        let first = s.book.programme.term.first_year;
        for (k, item) in s.book.programme.items.iter().take(12).map(|i| i.id.clone()).collect::<Vec<_>>().into_iter().enumerate() {
            let _ = s.apply(done(&a1, &item, first + (k as i32 % 2)), T0 + 10 + k as i64);
        }
        s
    }

    fn pick(v: &[String], i: usize) -> &str {
        &v[i % v.len()]
    }

    /// Builds an action from random numbers against what `s` holds.
    fn action(s: &State, kind: u8, a: usize, b: usize, c: usize, text: &str) -> Action {
        let mut units: Vec<String> = s.book.units.keys().cloned().collect();
        units.push("khong-co".into());
        let mut items: Vec<String> = s.book.programme.items.iter().map(|i| i.id.clone()).collect();
        items.extend(s.book.programme.all_tasks().map(|(_, t)| t.id.clone()).take(5));
        items.push("khong-co".into());
        let mut events: Vec<String> = s.book.records.keys().cloned().collect();
        events.push("khong-co".into());
        let grades: Vec<String> = s.book.programme.grades.iter().map(|g| g.id.clone()).chain(["xx".to_string()]).collect();
        let term = s.book.programme.term;
        let year = term.first_year - 1 + (c % 7) as i32;
        let key = RecordKey { unit: pick(&units, a).into(), item: pick(&items, b).into(), year: (c % 8 != 7).then_some(year) };
        let value = match c % 7 {
            0 => Value::Empty,
            1 => Value::Done { done: b.is_multiple_of(2) },
            2 => Value::Count { count: a as u64 % 5 },
            3 => Value::Amount { dong: a as i64 % 3 * 1000 - 1000 },
            4 => Value::Ratio { n: a as u64 % 4, of: b as u64 % 4 },
            5 => Value::Grade { grade: pick(&grades, a).into() },
            _ => Value::Status { status: TaskStatus::ALL[a % 3] },
        };
        let entry = Entry { value, ..Entry::empty() };
        let change = match b % 6 {
            0 => Change::Toggle,
            1 => Change::Value(entry.value.clone()),
            2 => Change::Date(chrono::NaiveDate::from_ymd_opt(year, 1 + (a % 12) as u32, 1)),
            3 => Change::Note(text.into()),
            4 => Change::AddName(text.into()),
            _ => Change::RemoveName(a % 3),
        };
        let area = || [UnitKind::Area, UnitKind::Commune, UnitKind::Organisation][a % 3];
        match kind % 14 {
            0 | 1 => Action::SetEntry { key, entry },
            2..=4 => Action::Edit { key, change },
            5 => Action::AddEvent { unit: key.unit, item: key.item, year, entry },
            6 => Action::UpdateEvent { id: pick(&events, a).into(), entry },
            7 => Action::RemoveEvent { id: pick(&events, a).into() },
            8 => Action::AddUnit { kind: area(), name: format!("Thôn {}", a % 4), households: None, since: None },
            9 => Action::EditUnit { id: key.unit, name: text.into(), households: Some(a as u32 % 3), since: None },
            10 => Action::Archive { id: key.unit, last_year: year },
            11 => Action::Unarchive { id: key.unit },
            12 => Action::Move { id: key.unit, up: b.is_multiple_of(2) },
            _ => match a % 4 {
                0 => Action::SetRole(Role::Commune),
                1 => Action::SetRole(Role::Area { unit: key.unit }),
                2 => Action::FinishSetup,
                _ => Action::MarkExported { all: b.is_multiple_of(2) },
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn act_says_changed_exactly_when_the_state_changed(
            steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>(), "[ a-zA-Zà]{0,6}", 1usize..=3), 1..40)
        ) {
            let mut s = start();
            let mut now = T0 + 100;
            for (kind, a, b, c, text, n) in steps {
                // Sometimes the clock stands still (two taps in one millisecond).
                now += (a % 3) as i64;
                let actions: Vec<Action> = (0..n).map(|k| action(&s, kind.wrapping_add(k as u8 * 5), a.wrapping_add(k), b, c, &text)).collect();
                let before = s.clone();
                match s.act(actions.clone(), now) {
                    Err(e) => prop_assert_eq!(&s, &before, "refused ({}), yet changed: {:?}", e, actions),
                    Ok(changed) => prop_assert_eq!(changed, s != before, "{:?}", actions),
                }
                // All or none: the same actions one by one on a copy, up to the first refusal.
                let mut one_by_one = before.clone();
                let all = actions.into_iter().try_for_each(|a| one_by_one.apply(a, now));
                if all.is_ok() {
                    prop_assert_eq!(&one_by_one, &s);
                }
            }
        }
    }
}

/// `Book::events` reads only the ids that start with "unit/item/": checked
/// against reading every record, over books holding ids of every shape
/// `RecordKey::from_id` accepts, with units and items whose ids are
/// prefixes of each other and years written as "02026" or "+2026".
mod events {
    use super::*;
    use crate::core::book::{Record, Versions};
    use crate::core::clock::{Hlc, Stamp};
    use proptest::prelude::*;

    const UNITS: [&str; 4] = ["k1", "k10", "k1-0", "xa"];
    const ITEMS: [&str; 4] = ["e", "e1", "e-1", "quy"];
    const YEARS: [&str; 6] = ["2026", "2025", "02026", "+2026", "term", "x"];
    const TAILS: [&str; 4] = ["", "/a-1-0", "/b-2-1", "/"];

    fn every_record_read(b: &Book, unit: &str, item: &str, year: i32) -> Vec<String> {
        let mut v: Vec<&Record> = b
            .records
            .values()
            .filter(|r| r.key.unit == unit && r.key.item == item && r.key.year == Some(year) && r.id != r.key.slot_id())
            .filter(|r| r.entry().value != Value::Empty)
            .collect();
        crate::core::sort_by(&mut v, |a, b| (a.entry().date, &a.versions.all()[0].stamp).cmp(&(b.entry().date, &b.versions.all()[0].stamp)));
        v.into_iter().map(|r| r.id.clone()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn events_are_those_every_record_read_finds(
            records in prop::collection::vec((0..4usize, 0..4usize, 0..6usize, 0..4usize, any::<bool>(), 0..3u32), 0..40)
        ) {
            let mut b = fresh("a").book;
            for (k, (u, i, y, t, empty, ms)) in records.into_iter().enumerate() {
                let id = format!("{}/{}/{}{}", UNITS[u], ITEMS[i], YEARS[y], TAILS[t]);
                let Some(key) = RecordKey::from_id(&id) else { continue };
                let value = if empty { Value::Empty } else { Value::Amount { dong: 1000 * k as i64 } };
                let stamp = Stamp { hlc: Hlc { ms: T0 + ms as i64, count: k as u32 }, device: "a".into(), wall_ms: T0 };
                b.records.insert(id.clone(), Record { id, key, versions: Versions::new(stamp, Entry { value, ..Entry::empty() }) });
            }
            for unit in UNITS {
                for item in ITEMS {
                    for year in [2025, 2026] {
                        let got: Vec<String> = b.events(unit, item, year).into_iter().map(|r| r.id.clone()).collect();
                        prop_assert_eq!(got, every_record_read(&b, unit, item, year), "{} {} {}", unit, item, year);
                    }
                }
            }
        }
    }
}
