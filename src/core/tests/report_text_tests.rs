//! Report texts: records of reserved ids that are set like any entry,
//! travel in files and merge, and never count as data.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, UnitKind, Value};
use crate::core::error::{ActionError, EntryError};
use crate::core::file::{self, Scope};
use crate::core::progress;
use crate::core::report_texts::{self as texts, Field, Section};
use crate::core::state::{check_entry, check_id_shape, Action, Change, Role, State, COMMUNE_ID};

fn section_key(unit: &str, section: Section, first_half: bool, year: Option<i32>) -> RecordKey {
    RecordKey { unit: unit.into(), item: section.item(first_half).into(), year }
}

fn note(key: &RecordKey, text: &str) -> Action {
    Action::Edit { key: key.clone(), change: Change::Note(text.into()) }
}

fn commune() -> (State, String) {
    let mut s = fresh("may-xa");
    let t1 = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(Action::FinishSetup, T0 + 2).unwrap();
    (s, t1)
}

#[test]
fn report_texts_are_set_like_any_note_and_read_back() {
    let (mut s, t1) = commune();
    let place = Field::Place.key(COMMUNE_ID);
    assert_eq!(place.slot_id(), "xa/@bc-dia-danh/term");
    s.apply(note(&place, "  Hà Hải "), T0 + 10).unwrap();
    assert_eq!(texts::stored(&s.book, &place).as_deref(), Some("Hà Hải"));
    let iv = section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026));
    assert_eq!(iv.slot_id(), "xa/@bc-ton-tai/2026");
    s.apply(note(&iv, "Một số khu dân cư chưa nhập số liệu.\nCần đôn đốc."), T0 + 11).unwrap();
    let half = section_key(&t1, Section::Direction, true, Some(2026));
    assert_eq!(half.item, "@bc-phuong-huong-6t");
    s.apply(note(&half, "Tổ chức Ngày hội 18/11."), T0 + 12).unwrap();
    let term = section_key(COMMUNE_ID, Section::Direction, false, None);
    s.apply(note(&term, "Giữ vững kết quả."), T0 + 13).unwrap();
    let r = s.book.record(&iv).unwrap();
    assert_eq!(r.entry().value, Value::Empty);
    assert_eq!(r.entry().note, "Một số khu dân cư chưa nhập số liệu.\nCần đôn đốc.");
    for key in [&place, &iv, &half, &term] {
        let r = s.book.record(key).unwrap();
        check_id_shape(&s.book, &r.id, &r.key).unwrap();
        check_entry(&s.book, key, r.entry()).unwrap();
    }
    // Clearing keeps the record (with its history) but no text.
    s.apply(note(&place, ""), T0 + 14).unwrap();
    assert_eq!(texts::stored(&s.book, &place), None);
    assert_eq!(s.book.record(&place).unwrap().versions.all().len(), 2);
}

#[test]
fn report_texts_refuse_what_does_not_fit_in_vietnamese() {
    let (mut s, t1) = commune();
    let before = s.clone();
    let org = s.book.units_of(UnitKind::Organisation)[0].0.to_string();
    let refused = |s: &mut State, a: Action| s.apply(a, T0 + 20).unwrap_err().to_string();
    let e = refused(&mut s, note(&section_key(&org, Section::Shortcomings, false, Some(2026)), "x"));
    assert_eq!(e, "Chỉ Ủy ban MTTQ xã và các khu dân cư có báo cáo.");
    let long = "ă".repeat(texts::MAX_SECTION + 1);
    let e = refused(&mut s, note(&section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026)), &long));
    assert_eq!(e, "Nội dung “Tồn tại, hạn chế” dài quá 10.000 ký tự.");
    // A section of 10 000 characters is kept (far above an ordinary note's 2 000).
    s.apply(note(&section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026)), &long[..long.len() - 2]), T0 + 21).unwrap();
    let e = refused(&mut s, note(&Field::Signer.key(COMMUNE_ID), &"A".repeat(201)));
    assert_eq!(e, "Nội dung “Người ký” dài quá 200 ký tự.");
    let with_year = RecordKey { year: Some(2026), ..Field::Number.key(COMMUNE_ID) };
    assert_eq!(refused(&mut s, note(&with_year, "12")), "“Báo cáo: Số văn bản” chỉ ghi một lần trong nhiệm kỳ.");
    let half_term = section_key(&t1, Section::Shortcomings, true, None);
    assert_eq!(refused(&mut s, note(&half_term, "x")), "“Báo cáo: Tồn tại, hạn chế” phải ghi theo năm.");
    let value = Action::Edit { key: Field::Place.key(COMMUNE_ID), change: Change::Value(Value::Count { count: 1 }) };
    assert_eq!(refused(&mut s, value), "Nội dung báo cáo chỉ gồm chữ, không có số liệu, ngày hay danh sách tên.");
    let unknown = RecordKey { unit: COMMUNE_ID.into(), item: "@bc-khac".into(), year: None };
    assert_eq!(refused(&mut s, note(&unknown, "x")), "Chương trình không có mục “@bc-khac”.");
    let outside = section_key(COMMUNE_ID, Section::Direction, false, Some(2031));
    assert_eq!(refused(&mut s, note(&outside, "x")), "Năm 2031 nằm ngoài nhiệm kỳ 2024-2029.");
    // Not events: a report text is never logged.
    let e = s.apply(Action::AddEvent { unit: t1.clone(), item: "@bc-ton-tai".into(), year: 2026, entry: Entry::empty() }, T0 + 22);
    assert!(matches!(e, Err(ActionError::Entry(EntryError::IdShape { event: false, .. }))), "{e:?}");
    // A slot id only: no event suffix.
    let key = section_key(&t1, Section::Shortcomings, false, Some(2026));
    assert!(check_id_shape(&s.book, &format!("{}/may-1", key.slot_id()), &key).is_err());
    assert_eq!(s.book.records.len(), before.book.records.len() + 1, "only the 10 000-character section was written");
}

#[test]
fn an_area_phone_writes_its_own_report_texts_only() {
    let (s, t1) = commune();
    let mut a = s.clone();
    a.local.device = "may-thon".into();
    a.apply(Action::SetRole(Role::Area { unit: t1.clone() }), T0 + 30).unwrap();
    a.apply(note(&section_key(&t1, Section::Shortcomings, false, Some(2026)), "Chưa có mô hình mới."), T0 + 31).unwrap();
    let e = a.apply(note(&Field::Place.key(COMMUNE_ID), "Hà Hải"), T0 + 32).unwrap_err();
    assert!(matches!(e, ActionError::OtherUnit { .. }), "{e:?}");
    // Its area's file carries them.
    let text = file::export(&a.book, &Scope::Unit { unit: t1.clone() }, "may-thon", T0 + 40).unwrap();
    assert!(text.contains("@bc-ton-tai"));
}

#[test]
fn report_texts_travel_in_files_to_a_fresh_phone() {
    let (mut s, t1) = commune();
    // A file without report texts stays at format 1, which older phones read.
    let plain = file::export(&s.book, &Scope::All, "may-xa", T0 + 50).unwrap();
    assert!(plain.contains("\"version\":1,"), "{}", &plain[..80]);
    s.apply(note(&Field::Recipients.key(COMMUNE_ID), "- Ban Thường trực Ủy ban MTTQ tỉnh;\n- Lưu: VT."), T0 + 51).unwrap();
    s.apply(note(&section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026)), "Tồn tại: …; “trích dẫn”"), T0 + 52).unwrap();
    s.apply(note(&section_key(&t1, Section::Direction, true, Some(2026)), "Phương hướng 6 tháng cuối năm."), T0 + 53).unwrap();
    let text = file::export(&s.book, &Scope::All, "may-xa", T0 + 60).unwrap();
    assert!(text.contains("\"version\":2,"), "{}", &text[..80]);
    let incoming = file::read(&text, &s.book.programme).unwrap();
    let mut phone = fresh("may-moi");
    let preview = file::preview(&phone.book, &incoming).unwrap();
    assert!(preview.changes() > 0);
    file::apply(&mut phone, &incoming, T0 + 70);
    assert_eq!(phone.book.records, s.book.records);
    assert_eq!(phone.book.fingerprint(), s.book.fingerprint());
    assert_eq!(
        texts::stored(&phone.book, &section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026))).as_deref(),
        Some("Tồn tại: …; “trích dẫn”")
    );
    // A file that claims format 3 is still refused as newer.
    let newer = text.replacen("\"version\":2,", "\"version\":3,", 1);
    assert!(file::read(&newer, &s.book.programme).unwrap_err().message().contains("chỉ đọc được đến định dạng 2"));
}

#[test]
fn two_phones_edits_of_report_texts_merge_and_the_preview_names_them_in_words() {
    let (s, t1) = commune();
    let iv = section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026));
    let v = section_key(COMMUNE_ID, Section::Direction, false, Some(2026));
    let mut a = s.clone();
    let mut b = s.clone();
    b.local.device = "may-b".into();
    a.apply(note(&iv, "Bản của máy A."), T0 + 100).unwrap();
    b.apply(note(&v, "Phương hướng của máy B."), T0 + 101).unwrap();
    b.apply(note(&iv, "Bản của máy B, sửa sau."), T0 + 102).unwrap();
    b.apply(done(&t1, "ngay-hoi", 2026), T0 + 103).unwrap();
    let from_b = file::read(&file::export(&b.book, &Scope::All, "may-b", T0 + 110).unwrap(), &a.book.programme).unwrap();
    let preview = file::preview(&a.book, &from_b).unwrap();
    let replaced: Vec<_> = preview.rows.iter().flat_map(|r| r.replaced.clone()).collect();
    assert_eq!(
        replaced,
        vec![("Báo cáo: Tồn tại, hạn chế (2026)".to_string(), "Bản của máy A.".to_string(), "Bản của máy B, sửa sau.".to_string())]
    );
    file::apply(&mut a, &from_b, T0 + 120);
    let from_a = file::read(&file::export(&a.book, &Scope::All, "may-xa", T0 + 130).unwrap(), &b.book.programme).unwrap();
    file::apply(&mut b, &from_a, T0 + 140);
    assert_eq!(a.book, b.book, "both phones hold the same after one exchange");
    assert_eq!(texts::stored(&a.book, &iv).as_deref(), Some("Bản của máy B, sửa sau."));
    assert_eq!(texts::stored(&a.book, &v).as_deref(), Some("Phương hướng của máy B."));
    let history: Vec<_> = a.book.record(&iv).unwrap().versions.history().map(|h| h.value.note.clone()).collect();
    assert_eq!(history, vec!["Bản của máy A.".to_string()], "nothing a phone wrote is lost");
    // Names in words, whatever the period.
    assert_eq!(texts::describe_key(&section_key("x", Section::Direction, true, Some(2026))).unwrap(), "Báo cáo: Phương hướng (6 tháng đầu năm 2026)");
    assert_eq!(texts::describe_key(&section_key("x", Section::Shortcomings, false, None)).unwrap(), "Báo cáo: Tồn tại, hạn chế (cả nhiệm kỳ)");
    assert_eq!(texts::describe_key(&Field::Place.key("x")).unwrap(), "Báo cáo: Địa danh");
}

#[test]
fn report_texts_never_count_as_data() {
    let (mut s, t1) = commune();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let figures = progress::compute(&s.book, today);
    let areas = progress::areas(&s.book, 2026);
    s.apply(note(&section_key(&t1, Section::Shortcomings, false, Some(2026)), "Chưa nhập số liệu."), T0 + 200).unwrap();
    s.apply(note(&Field::Signer.key(&t1), "Nguyễn Văn A"), T0 + 201).unwrap();
    s.apply(note(&section_key(COMMUNE_ID, Section::Direction, false, Some(2026)), "x"), T0 + 202).unwrap();
    assert_eq!(progress::compute(&s.book, today), figures);
    assert_eq!(progress::areas(&s.book, 2026), areas, "an area's report text is not entered data, nor a change to it");
    assert!(!progress::areas(&s.book, 2026)[0].entered);
}

#[test]
fn programmes_may_not_use_reserved_ids_and_revisions_keep_report_texts() {
    let mut p = crate::core::default_programme();
    p.items[0].id = "@bc-ton-tai".into();
    let e = p.validate().unwrap_err();
    assert_eq!(e.path, "programme.items[0].id");
    assert!(e.message.contains("không được bắt đầu bằng “@”"), "{}", e.message);
    let mut p = crate::core::default_programme();
    p.parts[0].tasks[0].id = "@x".into();
    assert!(p.validate().unwrap_err().message.contains("không được bắt đầu bằng “@”"));
    // A newer revision is taken by a phone that holds report texts (they are no programme item).
    let (mut s, _) = commune();
    s.apply(note(&section_key(COMMUNE_ID, Section::Shortcomings, false, Some(2026)), "x"), T0 + 300).unwrap();
    let mut commune = s.clone();
    commune.book.programme.revision += 1;
    commune.book.programme.title.push_str(" (sửa đổi)");
    let incoming = file::read(&file::export(&commune.book, &Scope::All, "may-xa", T0 + 310).unwrap(), &s.book.programme).unwrap();
    assert!(file::preview(&s.book, &incoming).unwrap().programme.is_some());
}
