use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Book, Entry, RecordKey, Value};
use crate::core::default_programme;
use crate::core::file::{self, ImportError, Scope};
use crate::core::state::{Action, State, COMMUNE_ID};
use chrono::NaiveDate;
use proptest::prelude::*;

fn filled() -> (State, String, String) {
    let mut s = fresh("phone-a");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    let t3 = add_area(&mut s, "Thôn 3", T0 + 2);
    s.apply(done(&t1, "ngay-hoi", 2025), T0 + 3).unwrap();
    s.apply(done(&t3, "phong-trao", 2025), T0 + 4).unwrap();
    s.apply(
        Action::AddEvent {
            unit: COMMUNE_ID.into(),
            item: "quy-vi-nguoi-ngheo".into(),
            year: 2025,
            entry: Entry { value: Value::Amount { dong: 2_500_000 }, note: "Tháng cao điểm".into(), ..Entry::empty() },
        },
        T0 + 5,
    )
    .unwrap();
    (s, t1, t3)
}

fn export_all(s: &State) -> String {
    file::export(&s.book, &Scope::All, &s.local.device, T0 + 100).unwrap()
}

#[test]
fn round_trip_export_then_import_gives_equal_state() {
    let (s, _, _) = filled();
    let text = export_all(&s);
    let inc = file::read(&text, &s.book.programme).unwrap();
    assert_eq!(inc.book, s.book);
    let mut other = fresh("phone-b");
    file::apply(&mut other, &inc, T0 + 200);
    assert_eq!(other.book.records, s.book.records);
    assert_eq!(other.book.units, s.book.units, "same ids for the commune and organisations, merged");
    assert_eq!(other.book.fingerprint(), s.book.fingerprint());
    // Importing the same file again changes nothing.
    let before = other.clone();
    let p = file::preview(&other.book, &inc).unwrap();
    assert_eq!(p.changes(), 0);
    file::apply(&mut other, &inc, T0 + 300);
    assert_eq!(other.book, before.book);
}

/// A commune that revises its programme sends the new revision in its files:
/// the preview says so and lists what changed, and its fingerprint is the
/// one the phone has after importing.
#[test]
fn a_newer_programme_revision_is_previewed_and_then_followed() {
    let (s, t1, _) = filled();
    let mut commune = s.clone();
    let p = &mut commune.book.programme;
    p.revision += 1;
    p.items.iter_mut().find(|i| i.id == "ngay-hoi").unwrap().label = "Tổ chức Ngày hội Đại đoàn kết (sửa)".into();
    let removed = p.grades.pop().unwrap();
    p.validate().unwrap();
    let text = export_all(&commune);
    let village = s.clone();
    let inc = file::read(&text, &village.book.programme).unwrap();
    let preview = file::preview(&village.book, &inc).unwrap();
    assert_eq!(preview.changes(), 0, "no unit or record is new");
    assert!(!preview.is_empty(), "the programme changes");
    let update = preview.programme.clone().expect("a programme update");
    assert_eq!((update.from, update.to), (s.book.programme.revision, s.book.programme.revision + 1));
    assert_eq!(
        update.changes,
        vec!["Sửa mục ghi chép “Tổ chức Ngày hội Đại đoàn kết (sửa)”".to_string(), format!("Bỏ xếp loại “{}”", removed.label)]
    );
    let mut after = village.clone();
    file::apply(&mut after, &inc, T0 + 200);
    assert_eq!(after.book.programme, commune.book.programme);
    assert_eq!(after.book.fingerprint(), preview.fingerprint_after);
    assert_eq!(after.book.fingerprint(), commune.book.fingerprint());
    // The same file again: nothing left to change.
    assert!(file::preview(&after.book, &inc).unwrap().is_empty());
    // An older revision never replaces ours.
    let inc_old = file::read(&export_all(&village), &after.book.programme).unwrap();
    let p_old = file::preview(&after.book, &inc_old).unwrap();
    assert!(p_old.programme.is_none());
    let mut again = after.clone();
    file::apply(&mut again, &inc_old, T0 + 300);
    assert_eq!(again.book.programme, after.book.programme);
    let _ = t1;
}

/// A revision that drops an item we hold records for is refused: otherwise
/// those records would lose their item and no export could be read again.
#[test]
fn a_revision_that_drops_an_item_with_data_is_refused() {
    let (s, _, _) = filled();
    let mut commune = s.clone();
    commune.book.records.clear();
    let p = &mut commune.book.programme;
    p.revision += 1;
    p.items.retain(|i| i.id != "phong-trao");
    for t in p.indicators.iter_mut() {
        t.targets.retain(|t| t.rule.item() != "phong-trao");
    }
    for a in p.parts.iter_mut() {
        a.targets.retain(|t| t.rule.item() != "phong-trao");
    }
    p.validate().unwrap();
    let inc = file::read(&export_all(&commune), &s.book.programme).unwrap();
    let e = file::preview(&s.book, &inc).unwrap_err();
    assert!(e.message().contains("bỏ mục") && e.message().contains("lần sửa"), "{}", e.message());
    // A phone with no records for that item takes the revision.
    let empty = fresh("phone-e");
    assert!(file::preview(&empty.book, &inc).unwrap().programme.is_some());

    // An item that changes kind under data we hold is refused too (every
    // later export would fail its read-back check).
    let mut kind = s.clone();
    kind.book.records.clear();
    kind.book.programme.revision += 1;
    let item = kind.book.programme.items.iter_mut().find(|i| i.id == "ngay-hoi").unwrap();
    item.value = crate::core::programme::ValueKind::Count;
    for t in kind.book.programme.indicators.iter_mut() {
        t.targets.retain(|t| t.rule.item() != "ngay-hoi");
    }
    kind.book.programme.validate().unwrap();
    let inc = file::read(&export_all(&kind), &s.book.programme).unwrap();
    let e = file::preview(&s.book, &inc).unwrap_err();
    assert!(e.message().contains("không hợp với số liệu đã có"), "{}", e.message());
    assert!(file::preview(&empty.book, &inc).is_ok(), "a phone without such data takes it");
}

#[test]
fn programme_changes_name_what_was_added_edited_and_removed() {
    let old = default_programme();
    let mut new = old.clone();
    new.title = "Chương trình mới".into();
    new.indicators[0].text = "Chỉ tiêu sửa".into();
    let t = new.indicators[0].targets.remove(0);
    new.parts[1].tasks.push(crate::core::programme::Task { id: "nv-moi".into(), text: "Một nhiệm vụ mới ".repeat(10), retired: false });
    let lines = new.changes_from(&old);
    assert_eq!(lines[0], "Sửa tên chương trình");
    assert!(lines.contains(&"Sửa chỉ tiêu 1".to_string()), "{lines:?}");
    assert!(lines.contains(&format!("Bỏ mốc đo “{}”", t.label)), "{lines:?}");
    let added = lines.iter().find(|l| l.starts_with("Thêm nhiệm vụ, giải pháp “Một nhiệm vụ mới")).expect("the new task");
    assert!(added.ends_with("…”") && added.chars().count() < 100, "{added}");
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(old.changes_from(&old).is_empty());
}

/// An area set up separately on two phones is two units: the preview names it.
#[test]
fn the_preview_names_areas_set_up_twice() {
    let (s, _, _) = filled();
    let mut village = fresh("phone-v");
    add_area(&mut village, "thôn 1", T0 + 10);
    add_area(&mut village, "Thôn 9", T0 + 11);
    let inc = file::read(&export_all(&village), &s.book.programme).unwrap();
    let p = file::preview(&s.book, &inc).unwrap();
    assert_eq!(p.same_names, vec!["thôn 1".to_string()]);
    // Our own file again names nothing: the same ids are the same units.
    let again = file::preview(&s.book, &file::read(&export_all(&s), &s.book.programme).unwrap()).unwrap();
    assert!(again.same_names.is_empty());
}

#[test]
fn a_phone_that_keeps_one_area_exports_only_it() {
    let (s, t1, _) = filled();
    let text = file::export(&s.book, &Scope::Unit { unit: t1.clone() }, "phone-a", T0).unwrap();
    let inc = file::read(&text, &s.book.programme).unwrap();
    assert_eq!(inc.book.units.keys().collect::<Vec<_>>(), vec![&t1]);
    assert_eq!(inc.book.records.len(), 1);
    assert_eq!(inc.scope, Scope::Unit { unit: t1.clone() });
    let name = file::file_name(&s.book, &Scope::Unit { unit: t1 }, NaiveDate::from_ymd_opt(2025, 11, 20).unwrap());
    assert_eq!(name, "sotay-ha-hai-thon-1-2025-11-20.json");
    assert_eq!(file::file_name(&s.book, &Scope::All, NaiveDate::from_ymd_opt(2025, 1, 2).unwrap()), "sotay-ha-hai-toan-xa-2025-01-02.json");
}

#[test]
fn tolerates_a_byte_order_mark_and_crlf() {
    let (s, _, _) = filled();
    let pretty: serde_json::Value = serde_json::from_str(&export_all(&s)).unwrap();
    let text = format!("\u{feff}{}", serde_json::to_string_pretty(&pretty).unwrap().replace('\n', "\r\n"));
    assert_eq!(file::read(&text, &s.book.programme).unwrap().book, s.book);
}

#[test]
fn preview_counts_new_newer_older_and_same_and_shows_replaced_values() {
    let (a, t1, _) = filled();
    let text = export_all(&a);
    let mut b = fresh("phone-b");
    let inc = file::read(&text, &b.book.programme).unwrap();
    file::apply(&mut b, &inc, T0 + 10);
    // B unticks the festival later; A's file is then older for that record.
    let key = RecordKey { unit: t1.clone(), item: "ngay-hoi".into(), year: Some(2025) };
    b.apply(Action::SetEntry { key, entry: Entry { value: Value::Done { done: false }, ..Entry::empty() } }, T0 + 1_000).unwrap();
    let p = file::preview(&b.book, &file::read(&text, &b.book.programme).unwrap()).unwrap();
    let row = p.rows.iter().find(|r| r.unit == t1).unwrap();
    assert_eq!((row.new, row.newer, row.older, row.same), (0, 0, 1, 1));
    // And the other way round, A sees one newer record with both values.
    let back = file::export(&b.book, &Scope::All, "phone-b", T0 + 2_000).unwrap();
    let p = file::preview(&a.book, &file::read(&back, &a.book.programme).unwrap()).unwrap();
    let row = p.rows.iter().find(|r| r.unit == t1).unwrap();
    assert_eq!(row.newer, 1);
    assert_eq!(row.replaced, vec![(
        "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11) (2025)".to_string(),
        "Đã thực hiện".to_string(),
        "Chưa thực hiện".to_string()
    )]);
}

/// Each refusal: the message, and nothing changed.
#[test]
fn every_bad_file_is_refused_with_a_clear_message() {
    let (s, t1, _) = filled();
    let good = export_all(&s);
    let json: serde_json::Value = serde_json::from_str(&good).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = json.clone();
        f(&mut v);
        // Drop the fingerprint so that the field check, not the checksum, speaks.
        v.as_object_mut().unwrap().remove("fingerprint");
        v.to_string()
    };
    let rec = |v: &serde_json::Value, id: &str| {
        v["records"].as_array().unwrap().iter().position(|r| r["id"].as_str().unwrap().starts_with(id)).unwrap()
    };
    let fund = rec(&json, "xa/quy-vi-nguoi-ngheo");
    let fest = rec(&json, &format!("{t1}/ngay-hoi"));
    let cases: Vec<(String, &str)> = vec![
        ("Xin chào, đây là tin nhắn".into(), "không phải tệp dữ liệu JSON"),
        (good[..good.len() - 40].to_string(), "không phải tệp dữ liệu JSON"),
        ("[1,2,3]".into(), "không phải tệp của Sổ tay"),
        ("{\"name\":\"khác\"}".into(), "không phải tệp của Sổ tay"),
        ("".into(), "Tệp trống"),
        (edit(&|v| v["version"] = 7.into()), "phiên bản mới hơn"),
        (edit(&|v| v["records"][fund]["versions"][0]["v"]["value"]["dong"] = (-5).into()),
            &*Box::leak(format!("records[{fund}].versions[0].v: số tiền không được âm").into_boxed_str())),
        (edit(&|v| v["records"][fest]["id"] = "khong-co/ngay-hoi/2025".into()), "không có đơn vị mã “khong-co”"),
        (edit(&|v| v["records"][fest]["id"] = format!("{t1}/khong-co/2025").into()), "không có mục “khong-co”"),
        (edit(&|v| v["records"][fest]["id"] = format!("{t1}/ngay-hoi/2031").into()), "nằm ngoài nhiệm kỳ"),
        (edit(&|v| v["records"][fest]["id"] = "mot-ma-la".into()), "không đúng dạng"),
        (edit(&|v| v["records"][fest]["versions"][0]["v"]["date"] = "2019-11-18".into()), "nằm ngoài nhiệm kỳ"),
        (edit(&|v| {
            v["records"][fest]["id"] = format!("{t1}/xep-loai-bctmt/2025").into();
            v["records"][fest]["versions"][0]["v"]["value"] = serde_json::json!({"kind": "grade", "grade": "gioi"});
        }), "không có xếp loại “gioi”"),
        (edit(&|v| v["records"][fest]["versions"][0]["v"]["value"]["kind"] = "sao".into()), "giá trị không được phép"),
        (edit(&|v| { v["records"][fund]["versions"][0]["v"]["value"].as_object_mut().unwrap().remove("dong"); }),
            "thiếu trường bắt buộc “dong”"),
        (edit(&|v| { v["units"].as_array_mut().unwrap().remove(0); }), "không có đơn vị"),
    ];
    for (text, msg) in cases {
        // The import path the app takes: read, then merge only what was read.
        let mut state = s.clone();
        let e = file::read(&text, &state.book.programme)
            .map(|inc| file::apply(&mut state, &inc, T0 + 500))
            .expect_err(&format!("must refuse: {}", &text[..text.len().min(80)]));
        assert!(e.message().contains(msg), "“{}” should contain “{msg}”", e.message());
        assert_eq!(state, s, "a refused file changes nothing");
    }
    // A value of the wrong type names its JSON path.
    let e = file::read(&edit(&|v| v["records"][fund]["versions"][0]["v"]["value"]["dong"] = "năm triệu".into()), &s.book.programme).unwrap_err();
    assert!(matches!(&e, ImportError::Invalid { path, .. } if path == &format!("records[{fund}].versions[0].v.value.dong")), "{e:?}");
    assert!(e.message().contains("sai kiểu"), "{}", e.message());
    assert!(!e.message().contains("expected") && !e.message().contains("invalid"), "no English from serde: {}", e.message());
    // A record of a unit that is not in the file names the JSON path.
    let e = file::read(&edit(&|v| v["records"][fest]["id"] = "khong-co/ngay-hoi/2025".into()), &s.book.programme).unwrap_err();
    assert!(matches!(&e, ImportError::Invalid { path, .. } if path == &format!("records[{fest}].id")), "{e:?}");
}

#[test]
fn the_fingerprint_catches_a_file_edited_or_cut() {
    let (s, t1, _) = filled();
    let good = export_all(&s);
    let tampered = good.replacen("\"done\":true", "\"done\":false", 1);
    assert_ne!(tampered, good);
    let e = file::read(&tampered, &s.book.programme).unwrap_err();
    assert!(matches!(e, ImportError::Fingerprint { .. }), "{e:?}");
    let _ = t1;
}

#[test]
fn size_limit_is_checked_before_parsing() {
    let big = " ".repeat(file::MAX_BYTES + 1);
    let e = file::read(&big, &default_programme()).unwrap_err();
    assert!(e.message().contains("Tệp quá lớn"));
}

#[test]
fn a_file_for_another_programme_is_refused_but_can_be_switched_to() {
    let (s, _, _) = filled();
    let mut other_prog = default_programme();
    other_prog.id = "linh-toai-2025-2030".into();
    other_prog.title = "Chương trình hành động nhiệm kỳ 2025-2030".into();
    other_prog.owner = "xã Lĩnh Toại".into();
    let other = State::fresh(other_prog, "c".into(), T0);
    let text = file::export(&other.book, &Scope::All, "c", T0).unwrap();
    let e = file::read(&text, &s.book.programme).unwrap_err();
    assert!(matches!(&e, ImportError::OtherProgramme { id, programme: Some(_) } if id == "linh-toai-2025-2030"));
    assert!(e.message().contains("xã Lĩnh Toại"));
    let inc = file::read_other_programme(&text).unwrap();
    let mut mine = s.clone();
    assert!(mine.local.changes_since_export > 0);
    file::switch_programme(&mut mine, &inc, T0 + 10);
    assert_eq!(mine.book.programme.id, "linh-toai-2025-2030");
    assert_eq!(mine.local.device, s.local.device);
    assert_eq!(mine.local.changes_since_export, 0, "the old programme's unsent changes are not this book's");
    // An edited file for another programme is refused like any other.
    let edited = text.replacen("\"name\":\"Ủy ban MTTQ xã Lĩnh Toại\"", "\"name\":\"Ủy ban MTTQ xã Lĩnh Toại (sửa)\"", 1);
    assert_ne!(edited, text);
    assert!(matches!(file::read_other_programme(&edited), Err(ImportError::Fingerprint { .. })));
    // An area phone whose area is not in the new programme chooses again.
    let mut area_phone = s.clone();
    let t1 = area_phone.book.units_of(crate::core::book::UnitKind::Area)[0].0.to_string();
    area_phone.apply(Action::SetRole(crate::core::state::Role::Area { unit: t1 }), T0 + 20).unwrap();
    area_phone.apply(Action::FinishSetup, T0 + 21).unwrap();
    file::switch_programme(&mut area_phone, &inc, T0 + 30);
    assert_eq!(area_phone.local.role, crate::core::state::Role::Commune);
    assert!(!area_phone.local.set_up);
}

#[test]
fn a_programme_file_alone_starts_a_commune_on_it() {
    // The embedded file has only the programme: as another commune's file it
    // switches a phone to it, with the commune and member organisations ready.
    let text = crate::core::DEFAULT_PROGRAMME_JSON.replace("ha-hai-2024-2029", "linh-toai-2025-2030");
    let (s, _, _) = filled();
    assert!(matches!(file::read(&text, &s.book.programme), Err(ImportError::OtherProgramme { programme: Some(_), .. })));
    let inc = file::read_other_programme(&text).unwrap();
    let mut mine = s.clone();
    file::switch_programme(&mut mine, &inc, T0 + 10);
    assert_eq!(mine.book.programme.id, "linh-toai-2025-2030");
    assert!(mine.book.unit(COMMUNE_ID).is_some());
    assert_eq!(mine.book.units.len(), 6, "the commune and five organisations, none of the old areas");
    assert!(mine.book.records.is_empty());
}

/// Found by the import fuzzer: a programme whose member organisations
/// include a blank name was taken, and the phone that switched to it created
/// a unit with no name, so every later export was refused.
#[test]
fn a_programme_with_a_blank_organisation_name_is_refused() {
    let text = crate::core::DEFAULT_PROGRAMME_JSON
        .replace("ha-hai-2024-2029", "linh-toai-2025-2030")
        .replacen("\"Hội Nông dân\"", "\"\\n\"", 1);
    let e = file::read_other_programme(&text).unwrap_err();
    assert!(matches!(&e, ImportError::Invalid { path, .. } if path == "programme.organisations[1]"), "{e:?}");
    assert!(e.message().contains("Tên tổ chức thành viên thứ 2 đang để trống"), "{}", e.message());
}

/// Found by the import fuzzer: a file (edited by hand) in which one of our
/// areas is an organisation was merged; the area's records no longer fitted
/// it, and every later export of the phone was refused.
#[test]
fn a_file_that_changes_a_units_kind_is_refused() {
    let (s, t1, _) = filled();
    // The units as the commune first sent them, before any record.
    let mut units_only = s.clone();
    units_only.book.records.clear();
    let mut v: serde_json::Value = serde_json::from_str(&export_all(&units_only)).unwrap();
    v.as_object_mut().unwrap().remove("fingerprint");
    for u in v["units"].as_array_mut().unwrap() {
        if u["id"] == t1.as_str() {
            u["versions"][0]["v"]["kind"] = "organisation".into();
        }
    }
    let inc = file::read(&v.to_string(), &s.book.programme).expect("the file alone is consistent");
    let e = file::preview(&s.book, &inc).unwrap_err();
    assert!(e.message().contains("trong tệp là tổ chức thành viên, còn trên máy này là khu dân cư"), "{}", e.message());
    // A phone without that area has no records it could break: it takes the file.
    let new_phone = fresh("phone-n");
    let p = file::preview(&new_phone.book, &inc).unwrap();
    let mut after = new_phone.clone();
    file::apply(&mut after, &inc, T0 + 10);
    assert_eq!(after.book.fingerprint(), p.fingerprint_after);
    assert!(file::export(&after.book, &Scope::All, "phone-n", T0 + 20).is_ok());
    // Nor may one file give a unit two kinds (an older version an area, the
    // newer an organisation): the second import of it would be refused.
    let mut renamed = units_only.clone();
    renamed.apply(Action::EditUnit { id: t1.clone(), name: "Thôn Một".into(), households: None, since: None }, T0 + 30).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&export_all(&renamed)).unwrap();
    v.as_object_mut().unwrap().remove("fingerprint");
    for u in v["units"].as_array_mut().unwrap() {
        if u["id"] == t1.as_str() {
            u["versions"][1]["v"]["kind"] = "organisation".into();
        }
    }
    let e = file::read(&v.to_string(), &s.book.programme).unwrap_err();
    assert!(matches!(&e, ImportError::Invalid { path, .. } if path.ends_with("versions[0].v.kind")), "{e:?}");
    assert!(e.message().contains("vừa là khu dân cư vừa là tổ chức thành viên"), "{}", e.message());
    // Switching to another programme starts from its commune and member
    // organisations: a file of it whose "xa" is an area is refused too.
    let mut other_prog = default_programme();
    other_prog.id = "linh-toai-2025-2030".into();
    let other = State::fresh(other_prog, "c".into(), T0);
    let mut v: serde_json::Value = serde_json::from_str(&export_all(&other)).unwrap();
    v.as_object_mut().unwrap().remove("fingerprint");
    for u in v["units"].as_array_mut().unwrap() {
        if u["id"] == COMMUNE_ID {
            u["versions"][0]["v"]["kind"] = "area".into();
        }
    }
    let e = file::read_other_programme(&v.to_string()).unwrap_err();
    assert!(e.message().contains("trong tệp là khu dân cư, còn theo chương trình là Ủy ban MTTQ xã"), "{}", e.message());
}

#[test]
fn truncated_export_is_an_error_never_a_file() {
    let (s, _, _) = filled();
    let text = export_all(&s);
    let cut = &text[..(text.len() / 2..).find(|i| text.is_char_boundary(*i)).unwrap()];
    assert!(file::verify(cut, &s.book).is_err());
    assert!(file::verify(&text, &s.book).is_ok());
    let mut other = s.book.clone();
    other.records.clear();
    assert!(file::verify(&text, &other).is_err());
}

// ---- Merge laws, over random record sets ----

const DEVICES: [&str; 3] = ["a", "b", "c"];
const ITEMS: [&str; 2] = ["tuyen-truyen", "nam-tinh-hinh"];

/// A random history of edits by three devices to a few records.
fn arb_book() -> impl Strategy<Value = Book> {
    prop::collection::vec((0usize..3, 0usize..2, 2024i32..2027, any::<bool>(), 0i64..50, 0u32..3), 0..25).prop_map(|edits| {
        let base = fresh("a");
        let mut book = base.book.clone();
        for (dev, item, year, value, ms, count) in edits {
            let key = RecordKey { unit: COMMUNE_ID.into(), item: ITEMS[item].into(), year: Some(year) };
            let stamp = crate::core::clock::Stamp {
                hlc: crate::core::clock::Hlc { ms: T0 + ms, count },
                device: DEVICES[dev].into(),
                wall_ms: T0 + ms,
            };
            let entry = Entry { value: Value::Done { done: value }, ..Entry::empty() };
            match book.records.get_mut(&key.slot_id()) {
                Some(r) => r.versions.set(stamp, entry),
                None => {
                    book.records.insert(
                        key.slot_id(),
                        crate::core::book::Record {
                            id: key.slot_id(),
                            key,
                            versions: crate::core::book::Versions::new(stamp, entry),
                        },
                    );
                }
            }
        }
        book
    })
}

fn merged(a: &Book, b: &Book) -> Book {
    let mut x = a.clone();
    x.merge(b);
    x
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn merge_is_commutative(a in arb_book(), b in arb_book()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn merge_is_associative(a in arb_book(), b in arb_book(), c in arb_book()) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
    }

    #[test]
    fn merge_is_idempotent(a in arb_book(), b in arb_book()) {
        prop_assert_eq!(merged(&a, &a), a.clone());
        let ab = merged(&a, &b);
        prop_assert_eq!(merged(&ab, &b), ab.clone());
    }

    #[test]
    fn merge_keeps_every_version_and_the_latest_wins(a in arb_book(), b in arb_book()) {
        let m = merged(&a, &b);
        for (id, r) in a.records.iter().chain(b.records.iter()) {
            let mr = &m.records[id];
            for v in r.versions.all() {
                prop_assert!(mr.versions.all().contains(v));
            }
            prop_assert!(mr.versions.current().stamp >= r.versions.current().stamp);
        }
    }

    #[test]
    fn files_in_any_order_give_the_same_fingerprint(a in arb_book(), b in arb_book(), c in arb_book()) {
        let files: Vec<String> = [&a, &b, &c].iter().map(|x| file::export(x, &Scope::All, "x", T0).unwrap()).collect();
        let p = default_programme();
        let mut s1 = fresh("z");
        let mut s2 = fresh("z");
        for i in [0, 1, 2] { file::apply(&mut s1, &file::read(&files[i], &p).unwrap(), T0); }
        for i in [2, 0, 1, 0] { file::apply(&mut s2, &file::read(&files[i], &p).unwrap(), T0); }
        prop_assert_eq!(s1.book.fingerprint(), s2.book.fingerprint());
        prop_assert_eq!(s1.book, s2.book);
    }
}

/// Nothing that imports may be invisible: a record whose id does not have the
/// shape its item's cadence implies is refused, naming the record and its
/// JSON path.
#[test]
fn records_with_the_wrong_id_shape_are_refused_with_their_path() {
    let (s, t1, _) = filled();
    let good = export_all(&s);
    let json: serde_json::Value = serde_json::from_str(&good).unwrap();
    let rec = |id: &str| json["records"].as_array().unwrap().iter().position(|r| r["id"].as_str().unwrap().starts_with(id)).unwrap();
    let fest = rec(&format!("{t1}/ngay-hoi"));
    let fund = rec("xa/quy-vi-nguoi-ngheo");
    let edit = |i: usize, id: String| {
        let mut v = json.clone();
        v["records"][i]["id"] = id.into();
        v.as_object_mut().unwrap().remove("fingerprint");
        serde_json::to_string(&v).unwrap()
    };
    for (i, id, shape) in [
        (fest, format!("{t1}/ngay-hoi/2026/khac-1-0"), "đơn-vị/mục/năm"),
        (fund, "xa/quy-vi-nguoi-ngheo/2026".to_string(), "một lần ghi"),
    ] {
        let e = file::read(&edit(i, id.clone()), &s.book.programme).unwrap_err();
        assert!(matches!(&e, ImportError::Invalid { path, .. } if path == &format!("records[{i}].id")), "{e:?}");
        let m = e.message();
        assert!(m.contains(&id) && m.contains(shape) && m.contains(&format!("records[{i}].id")), "{m}");
    }
}

/// serde's English never reaches a message: our own reason, or a plain
/// Vietnamese one, and positions as "dòng, cột".
#[test]
fn parse_errors_are_said_in_vietnamese() {
    use crate::core::stored;
    let (s, _, _) = filled();
    let text = stored::encode(&s, T0);
    let cut = &text[..text.len() - 30];
    let e = stored::decode(cut, &default_programme).unwrap_err().to_string();
    assert!(e.starts_with("Dữ liệu đã lưu bị hỏng (dòng 1, cột "), "{e}");
    let english = ["EOF", "while", "parsing", "expected", "invalid", "missing", "field", "line", "column", "value"];
    let wrong_type = text.replacen("\"schema\":2", "\"schema\":\"hai\"", 1);
    for t in [cut, wrong_type.as_str(), "{", "null", "{\"schema\":2}"] {
        let e = stored::decode(t, &default_programme).unwrap_err().to_string();
        assert!(!e.split(|c: char| !c.is_ascii_alphabetic()).any(|w| english.contains(&w)), "{e}");
    }
    let bad_date = text.replacen("\"start\":\"2024-10-21\"", "\"start\":\"21/10/2024\"", 1);
    let e = stored::decode(&bad_date, &default_programme).unwrap_err().to_string();
    assert!(e.contains("ngày “21/10/2024” không hợp lệ"), "our own reason is kept: {e}");
}
