//! The report model: headings, periods as of their end, the tables, the
//! drafted texts, the signature; and `Book::as_of`.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, TaskStatus, UnitKind, Value};
use crate::core::progress::{self, Status};
use crate::core::report_texts::{Field, Section};
use crate::core::report::{self, commune_caps, date_words, end_of_day_ms, place_of, Period, ReportError, Scope};
use crate::core::screen::Env;
use crate::core::state::{Action, Change, Role, State, COMMUNE_ID};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Noon of a day in Vietnam (UTC+7), in ms.
fn noon(y: i32, m: u32, day: u32) -> i64 {
    end_of_day_ms(d(y, m, day), 420) + 1 - 12 * 3_600_000
}

fn env(y: i32, m: u32, day: u32) -> Env {
    Env { now_ms: noon(y, m, day), today: d(y, m, day), tz_offset_min: 420 }
}

fn set(s: &mut State, unit: &str, item: &str, year: Option<i32>, entry: Entry, at: i64) {
    s.apply(Action::SetEntry { key: RecordKey { unit: unit.into(), item: item.into(), year }, entry }, at).unwrap();
}

fn value(v: Value) -> Entry {
    Entry { value: v, ..Entry::empty() }
}

fn note(s: &mut State, key: RecordKey, text: &str, at: i64) {
    s.apply(Action::Edit { key, change: Change::Note(text.into()) }, at).unwrap();
}

/// Five areas; in 2026 Thôn 1 and Thôn 3 enter data before 30 June, Thôn 4
/// only in July, Thôn 2 and Thôn 5 nothing.
fn commune() -> (State, Vec<String>) {
    let mut s = fresh("may-xa");
    let ids: Vec<String> = (1..=5).map(|n| add_area(&mut s, &format!("Thôn {n}"), T0 + n)).collect();
    s.apply(Action::FinishSetup, T0 + 10).unwrap();
    s.apply(done(&ids[0], "ngay-hoi", 2026), noon(2026, 3, 1)).unwrap();
    set(&mut s, &ids[0], "tham-ho-ngheo", Some(2026), value(Value::Ratio { n: 67, of: 70 }), noon(2026, 3, 2));
    let works = Entry { value: Value::Count { count: 2 }, names: vec!["Đường bê tông".into(), "Nhà văn hóa".into()], ..Entry::empty() };
    set(&mut s, &ids[0], "cong-trinh", Some(2026), works, noon(2026, 3, 3));
    s.apply(done(&ids[2], "ngay-hoi", 2026), noon(2026, 5, 1)).unwrap();
    s.apply(done(&ids[3], "phong-trao", 2026), noon(2026, 7, 10)).unwrap();
    (s, ids)
}

fn row<'a>(r: &'a report::Report, target: &str) -> &'a report::ResultRow {
    r.indicators.as_ref().unwrap().groups.iter().flat_map(|g| &g.rows).find(|row| row.target_id == target).unwrap()
}

#[test]
fn dates_have_a_zero_before_days_1_to_9_and_months_1_and_2_only() {
    assert_eq!(date_words(d(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
    assert_eq!(date_words(d(2026, 12, 5)), "ngày 05 tháng 12 năm 2026");
    assert_eq!(date_words(d(2026, 1, 1)), "ngày 01 tháng 01 năm 2026");
    assert_eq!(date_words(d(2026, 3, 15)), "ngày 15 tháng 3 năm 2026");
    assert_eq!(date_words(d(2026, 9, 30)), "ngày 30 tháng 9 năm 2026");
    assert_eq!(date_words(d(2026, 11, 18)), "ngày 18 tháng 11 năm 2026");
}

#[test]
fn commune_names_in_capitals_keep_their_vietnamese_letters() {
    assert_eq!(commune_caps("xã Hà Hải"), "XÃ HÀ HẢI");
    assert_eq!(commune_caps("Hà Hải"), "XÃ HÀ HẢI");
    assert_eq!(commune_caps("Xã  Đồng Ứng"), "XÃ ĐỒNG ỨNG");
    assert_eq!(commune_caps("phường Ỷ La"), "PHƯỜNG Ỷ LA");
    assert_eq!(commune_caps("thị trấn Tiền Hải"), "THỊ TRẤN TIỀN HẢI");
    assert_eq!(commune_caps("xã Quỳnh Lưu"), "XÃ QUỲNH LƯU");
    assert_eq!(place_of("xã Hà Hải"), "Hà Hải");
    assert_eq!(place_of("Thị trấn Tiền Hải"), "Tiền Hải");
    assert_eq!(place_of("Hà Hải"), "Hà Hải");
}

#[test]
fn the_commune_heading_title_signature_and_recipients() {
    let (mut s, _) = commune();
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &env(2026, 12, 5)).unwrap();
    let left: Vec<(&str, bool)> = r.heading.left.iter().map(|l| (l.text.as_str(), l.bold)).collect();
    assert_eq!(left, vec![("ỦY BAN MTTQ VIỆT NAM", false), ("XÃ HÀ HẢI", false), ("BAN THƯỜNG TRỰC", true)]);
    assert_eq!(r.heading.number, "Số: …/BC-MTTQ-BTT");
    let right: Vec<&str> = r.heading.right.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(right, vec!["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
    assert_eq!(r.heading.place_date, "Hà Hải, ngày 05 tháng 12 năm 2026");
    assert_eq!(r.title, "BÁO CÁO");
    assert_eq!(
        r.subtitle,
        "Kết quả thực hiện Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam các cấp nhiệm kỳ 2024-2029, năm 2026"
    );
    assert_eq!(r.basis, "Số liệu tính đến ngày 05/12/2026.");
    assert_eq!(r.signature.lines, vec!["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]);
    assert_eq!(r.signature.name, "");
    assert_eq!((r.recipients.heading.as_str(), r.recipients.lines.clone()), ("Nơi nhận:", vec!["- Như trên;".to_string(), "- Lưu: VT.".to_string()]));
    let headings: Vec<&str> = [
        &r.indicators.as_ref().unwrap().heading,
        &r.areas.as_ref().unwrap().heading,
        &r.tasks.as_ref().unwrap().heading,
        &r.shortcomings.heading,
        &r.direction.heading,
    ]
    .map(|h| h.as_str())
    .to_vec();
    assert_eq!(
        headings,
        vec![
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            "II. KẾT QUẢ CỦA CÁC KHU DÂN CƯ NĂM 2026",
            "III. THỰC HIỆN NHIỆM VỤ TRỌNG TÂM VÀ GIẢI PHÁP CHỦ YẾU",
            "IV. TỒN TẠI, HẠN CHẾ",
            "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
        ]
    );
    assert!(r.own_items.is_none());
    assert!(r.may_edit);
    let fields: Vec<(&str, &str, &str)> = r.fields.iter().map(|f| (f.label.as_str(), f.value.as_str(), f.placeholder.as_str())).collect();
    assert_eq!(
        fields,
        vec![("Địa danh", "", "Hà Hải"), ("Số văn bản", "", "…"), ("Người ký", "", ""), ("Nơi nhận", "", "- Như trên;\n- Lưu: VT.")]
    );

    // What people store shows instead.
    note(&mut s, Field::Place.key(COMMUNE_ID), "Hà Hải", noon(2026, 12, 5));
    note(&mut s, Field::Number.key(COMMUNE_ID), "45", noon(2026, 12, 5) + 1);
    note(&mut s, Field::Signer.key(COMMUNE_ID), "Nguyễn Văn Bình", noon(2026, 12, 5) + 2);
    note(&mut s, Field::Recipients.key(COMMUNE_ID), "Ban Thường trực Ủy ban MTTQ tỉnh;\n\n- Đảng ủy xã;\n- Lưu: VT.", noon(2026, 12, 5) + 3);
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &env(2026, 12, 5)).unwrap();
    assert_eq!(r.heading.number, "Số: 45/BC-MTTQ-BTT");
    assert_eq!(r.signature.name, "Nguyễn Văn Bình");
    assert_eq!(r.recipients.lines, vec!["- Ban Thường trực Ủy ban MTTQ tỉnh;", "- Đảng ủy xã;", "- Lưu: VT."]);
    assert_eq!(r.fields[2].value, "Nguyễn Văn Bình");
    note(&mut s, Field::Number.key(COMMUNE_ID), "45/BC-MTTQ", noon(2026, 12, 5) + 4);
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &env(2026, 12, 5)).unwrap();
    assert_eq!(r.heading.number, "Số: 45/BC-MTTQ", "a full number typed in is kept as it is");
}

#[test]
fn an_area_report_has_its_own_heading_results_and_signature() {
    let (mut s, ids) = commune();
    note(&mut s, Field::Place.key(COMMUNE_ID), "Hà Hải, Hậu Lộc", noon(2026, 12, 1));
    let r = report::report(&s, &Scope::Area(ids[0].clone()), Period::Year(2026), &env(2026, 11, 18)).unwrap();
    let left: Vec<(&str, bool)> = r.heading.left.iter().map(|l| (l.text.as_str(), l.bold)).collect();
    assert_eq!(left, vec![("ỦY BAN MTTQ VIỆT NAM XÃ HÀ HẢI", false), ("BAN CÔNG TÁC MẶT TRẬN THÔN 1", true)]);
    assert_eq!(r.heading.number, "Số: …/BC-BCTMT");
    assert_eq!(r.heading.place_date, "Hà Hải, Hậu Lộc, ngày 18 tháng 11 năm 2026", "the commune's place name, when the area has none");
    assert_eq!(r.signature.lines, vec!["TM. BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN"]);
    assert!(r.indicators.is_none() && r.areas.is_none() && r.tasks.is_none());
    let own = r.own_items.as_ref().unwrap();
    assert_eq!(own.heading, "I. KẾT QUẢ THỰC HIỆN NĂM 2026");
    assert_eq!((r.shortcomings.heading.as_str(), r.direction.heading.as_str()), ("II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027"));
    let item = |id: &str| own.rows.iter().find(|r| r.item == id).unwrap();
    let ngay_hoi = item("ngay-hoi");
    assert_eq!(
        (ngay_hoi.serves.as_str(), ngay_hoi.result.as_str(), ngay_hoi.assessment.as_str(), ngay_hoi.done),
        ("Chỉ tiêu 3", "Đã thực hiện", "Hoàn thành", true)
    );
    let ratio = item("tham-ho-ngheo");
    assert_eq!((ratio.result.as_str(), ratio.assessment.as_str()), ("67/70 = 95,7 %", "Chưa hoàn thành"));
    assert_eq!(item("cong-trinh").result, "2: Đường bê tông, Nhà văn hóa");
    assert_eq!((item("mo-hinh").result.as_str(), item("mo-hinh").assessment.as_str()), ("Chưa nhập", "Chưa nhập"));
    assert_eq!(item("an-toan-giao-thong").serves, "Chương trình hành động 6");
    assert_eq!((item("quy-vi-nguoi-ngheo").result.as_str(), item("quy-vi-nguoi-ngheo").assessment.as_str()), ("Chưa ghi", "Chưa ghi"));
    assert!(r.shortcomings.draft);
    assert_eq!(r.shortcomings.paragraphs[0], "Còn 1 mục chưa hoàn thành năm 2026: Thăm hỏi, tặng quà hộ nghèo, hộ khó khăn dịp lễ, Tết.");
    assert!(r.shortcomings.paragraphs[1].starts_with("Còn 11 mục chưa nhập số liệu năm 2026: Tuyên truyền, triển khai"), "{:?}", r.shortcomings.paragraphs);
    assert!(r.direction.text.starts_with("Tập trung hoàn thành các mục còn lại: Tuyên truyền"), "{}", r.direction.text);
    assert!(!r.shortcomings.text.contains("Tổ chức Ngày hội"), "done items are not shortcomings");
    // The area's own texts and fields.
    note(&mut s, Field::Signer.key(&ids[0]), "Trần Thị Hoa", noon(2026, 11, 18));
    note(&mut s, Field::Number.key(&ids[0]), "03", noon(2026, 11, 18) + 1);
    let r = report::report(&s, &Scope::Area(ids[0].clone()), Period::Year(2026), &env(2026, 11, 18)).unwrap();
    assert_eq!((r.signature.name.as_str(), r.heading.number.as_str()), ("Trần Thị Hoa", "Số: 03/BC-BCTMT"));
    assert_eq!(r.fields[0].key, Field::Place.key(&ids[0]));
    assert_eq!(r.shortcomings.key, RecordKey { unit: ids[0].clone(), item: "@bc-ton-tai".into(), year: Some(2026) });
    // An area's phone edits its own area's report, and only reads the others'.
    let mut phone = s.clone();
    phone.apply(Action::SetRole(Role::Area { unit: ids[0].clone() }), noon(2026, 11, 18) + 2).unwrap();
    assert!(report::report(&phone, &Scope::Area(ids[0].clone()), Period::Year(2026), &env(2026, 11, 18)).unwrap().may_edit);
    assert!(!report::report(&phone, &Scope::Commune, Period::Year(2026), &env(2026, 11, 18)).unwrap().may_edit);
}

#[test]
fn an_area_report_over_the_term_counts_years() {
    let (mut s, ids) = commune();
    s.apply(done(&ids[0], "ngay-hoi", 2025), noon(2026, 1, 2)).unwrap();
    let r = report::report(&s, &Scope::Area(ids[0].clone()), Period::Term, &env(2026, 12, 5)).unwrap();
    let own = r.own_items.unwrap();
    let ngay_hoi = own.rows.iter().find(|r| r.item == "ngay-hoi").unwrap();
    assert_eq!(ngay_hoi.result, "2/3 năm", "2024, 2025 and 2026 have begun; done in two");
    assert_eq!(ngay_hoi.detail, "2025: Đã thực hiện; 2026: Đã thực hiện");
    assert_eq!(ngay_hoi.assessment, "Chưa hoàn thành");
    assert_eq!(own.heading, "I. KẾT QUẢ THỰC HIỆN NHIỆM KỲ 2024-2029");
}

#[test]
fn subtitles_and_sections_follow_the_period() {
    let (s, _) = commune();
    let e = env(2026, 12, 5);
    let half = report::report(&s, &Scope::Commune, Period::FirstHalf(2026), &e).unwrap();
    assert!(half.subtitle.ends_with("nhiệm kỳ 2024-2029, 6 tháng đầu năm 2026"), "{}", half.subtitle);
    assert_eq!(half.basis, "Số liệu ghi nhận đến hết ngày 30/06/2026.");
    assert_eq!(half.direction.heading, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026");
    assert_eq!(half.shortcomings.key.item, "@bc-ton-tai-6t");
    let term = report::report(&s, &Scope::Commune, Period::Term, &e).unwrap();
    assert_eq!(
        term.subtitle,
        "Kết quả thực hiện Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam các cấp nhiệm kỳ 2024-2029 (đến ngày 05/12/2026)",
        "the term is not said twice"
    );
    assert_eq!(term.direction.heading, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI");
    assert_eq!(term.shortcomings.key, RecordKey { unit: COMMUNE_ID.into(), item: "@bc-ton-tai".into(), year: None });
    // A programme titled without its term gets it added.
    let mut other = s.clone();
    other.book.programme.title = "Chương trình hành động của Ủy ban MTTQ xã".into();
    let t = report::report(&other, &Scope::Commune, Period::Term, &e).unwrap();
    assert_eq!(t.subtitle, "Kết quả thực hiện Chương trình hành động của Ủy ban MTTQ xã nhiệm kỳ 2024-2029 (đến ngày 05/12/2026)");
    let y = report::report(&other, &Scope::Commune, Period::Year(2026), &e).unwrap();
    assert_eq!(y.subtitle, "Kết quả thực hiện Chương trình hành động của Ủy ban MTTQ xã năm 2026");
    let last = report::report(&other, &Scope::Commune, Period::Year(2029), &env(2030, 1, 5)).unwrap();
    assert_eq!(last.direction.heading, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "no year 2030 in this term");
}

#[test]
fn periods_not_begun_and_unknown_areas_are_refused_in_vietnamese() {
    let (s, _) = commune();
    let e = env(2026, 12, 5);
    let err = |scope: Scope, p: Period| report::report(&s, &scope, p, &e).unwrap_err();
    let e1 = err(Scope::Commune, Period::Year(2027));
    assert_eq!(e1, ReportError::NotStarted { what: "Năm 2027".into(), start: d(2027, 1, 1) });
    assert_eq!(e1.to_string(), "Năm 2027 chưa bắt đầu (từ ngày 01/01/2027): chưa có số liệu để báo cáo.");
    assert_eq!(err(Scope::Commune, Period::FirstHalf(2027)).to_string(), "6 tháng đầu năm 2027 chưa bắt đầu (từ ngày 01/01/2027): chưa có số liệu để báo cáo.");
    assert_eq!(
        err(Scope::Commune, Period::FirstHalf(2024)).to_string(),
        "6 tháng đầu năm 2024 ở trước ngày bắt đầu nhiệm kỳ (21/10/2024): không có gì để báo cáo. Hãy chọn báo cáo năm 2024."
    );
    assert_eq!(err(Scope::Commune, Period::Year(2031)).to_string(), "Năm 2031 nằm ngoài nhiệm kỳ 2024-2029: không có báo cáo năm này.");
    assert_eq!(err(Scope::Area("kdc-khong-co".into()), Period::Year(2026)).to_string(), "Không có khu dân cư mã “kdc-khong-co” để làm báo cáo.");
    let org = s.book.units_of(UnitKind::Organisation)[0].0.to_string();
    assert_eq!(err(Scope::Area(org.clone()), Period::Year(2026)), ReportError::NoArea(org));
    assert_eq!(err(Scope::Area(COMMUNE_ID.into()), Period::Year(2026)), ReportError::NoArea(COMMUNE_ID.into()));
    let before_term = Env { today: d(2024, 10, 1), ..e };
    assert_eq!(
        report::report(&s, &Scope::Commune, Period::Term, &before_term).unwrap_err().to_string(),
        "Nhiệm kỳ chưa bắt đầu (từ ngày 21/10/2024): chưa có số liệu để báo cáo."
    );
    // The first year of the term begins on adoption day.
    assert!(report::report(&s, &Scope::Commune, Period::Year(2024), &Env { today: d(2024, 10, 21), ..e }).is_ok());
}

#[test]
fn a_first_half_report_shows_the_data_as_of_30_june() {
    let (s, _) = commune();
    let e = env(2026, 12, 5);
    let half = report::report(&s, &Scope::Commune, Period::FirstHalf(2026), &e).unwrap();
    let year = report::report(&s, &Scope::Commune, Period::Year(2026), &e).unwrap();
    // Thôn 4 ticked "phong-trao" on 10 July: in the year's report, not in the first half's.
    assert_eq!(row(&half, "4a").result, "0 % (0/5)");
    assert_eq!(row(&year, "4a").result, "20 % (1/5)");
    assert_eq!(row(&half, "3a").result, "40 % (2/5)");
    assert_eq!(row(&half, "3a").status, Status::InProgress, "the year runs on after 30 June");
    assert_eq!(row(&half, "3a").assessment, "Đang thực hiện");
    assert_eq!(row(&half, "3a").missing, "Thôn 2, Thôn 4, Thôn 5");
    assert_eq!(row(&year, "3a").missing, "Thôn 2, Thôn 4, Thôn 5");
    assert_eq!(row(&half, "3a").goal, "ít nhất 100 % khu dân cư mỗi năm");
    let half_areas = half.areas.as_ref().unwrap();
    assert_eq!(half_areas.summary, "2/5 khu dân cư đã nhập số liệu 6 tháng đầu năm 2026.");
    assert_eq!(half_areas.heading, "II. KẾT QUẢ CỦA CÁC KHU DÂN CƯ 6 THÁNG ĐẦU NĂM 2026");
    assert!(!half_areas.rows[3].entered && year.areas.as_ref().unwrap().rows[3].entered, "Thôn 4 entered in July");
    // The same on the phone's clock: a change at 23:30 on 30 June in Vietnam
    // (16:30 UTC) is in; one at 00:30 on 1 July is not.
    let (mut late, ids) = commune();
    late.apply(done(&ids[1], "phong-trao", 2026), end_of_day_ms(d(2026, 6, 30), 420) - 30 * 60_000).unwrap();
    late.apply(done(&ids[4], "phong-trao", 2026), end_of_day_ms(d(2026, 6, 30), 420) + 30 * 60_000).unwrap();
    let half = report::report(&late, &Scope::Commune, Period::FirstHalf(2026), &e).unwrap();
    assert_eq!(row(&half, "4a").result, "20 % (1/5)");
    assert_eq!(row(&half, "4a").missing, "Thôn 1, Thôn 3, Thôn 4, Thôn 5");
    // A phone in another time zone draws the line at its own midnight.
    let utc = Env { tz_offset_min: 0, ..e };
    assert_eq!(row(&report::report(&late, &Scope::Commune, Period::FirstHalf(2026), &utc).unwrap(), "4a").result, "40 % (2/5)");
}

#[test]
fn a_year_report_shows_what_the_overview_showed_for_that_year() {
    // 2025, all written in 2025; nothing after it.
    let mut s25 = fresh("may-xa");
    let ids25: Vec<String> = (1..=3).map(|n| add_area(&mut s25, &format!("Thôn {n}"), T0 + n)).collect();
    s25.apply(done(&ids25[0], "ngay-hoi", 2025), noon(2025, 11, 18)).unwrap();
    s25.apply(done(&ids25[1], "ngay-hoi", 2025), noon(2025, 11, 18) + 1).unwrap();
    set(&mut s25, &ids25[0], "tham-ho-ngheo", Some(2025), value(Value::Ratio { n: 10, of: 10 }), noon(2025, 2, 1));
    set(&mut s25, &ids25[0], "xep-loai-bctmt", Some(2025), value(Value::Grade { grade: "tot".into() }), noon(2025, 12, 20));
    s25.apply(
        Action::AddEvent { unit: COMMUNE_ID.into(), item: "giam-sat".into(), year: 2025, entry: value(Value::Count { count: 1 }) },
        noon(2025, 6, 1),
    )
    .unwrap();
    s25.apply(
        Action::AddEvent { unit: ids25[2].clone(), item: "quy-vi-nguoi-ngheo".into(), year: 2025, entry: value(Value::Amount { dong: 3_500_000 }) },
        noon(2025, 9, 1),
    )
    .unwrap();
    for today in [d(2025, 11, 20), d(2026, 1, 10), d(2026, 8, 1)] {
        let e = Env { now_ms: noon(2026, 1, 10), today, tz_offset_min: 420 };
        let r = report::report(&s25, &Scope::Commune, Period::Year(2025), &e).unwrap();
        let overview = progress::compute(&s25.book, today);
        let mut n = 0;
        for t in &overview {
            let f = t.shown(2025);
            let got = row(&r, &t.target.id);
            assert_eq!((got.result.as_str(), got.status), (f.text().as_str(), f.status), "{} on {today}", t.target.id);
            assert_eq!(got.percent, report::percent_shown(f), "{}", t.target.id);
            assert_eq!(got.figure, *f, "{}", t.target.id);
            n += 1;
        }
        assert_eq!(n, r.indicators.as_ref().unwrap().groups.iter().map(|g| g.rows.len()).sum::<usize>());
    }
    // After the year, an unmet yearly target reads "Chưa đạt" as in the overview.
    let r = report::report(&s25, &Scope::Commune, Period::Year(2025), &env(2026, 1, 10)).unwrap();
    assert_eq!((row(&r, "3a").result.as_str(), row(&r, "3a").assessment.as_str()), ("66,6 % (2/3)", "Chưa đạt"));
    assert_eq!(row(&r, "3a").bar.as_deref(), Some("66.67%"), "the bar beside the percentage, as a CSS width");
    assert_eq!(r.basis, "Số liệu năm 2025, cập nhật đến ngày 10/01/2026.");
    // 2025's work recorded in 2026 counts in the 2025 report, as in the overview.
    s25.apply(done(&ids25[2], "ngay-hoi", 2025), noon(2026, 2, 1)).unwrap();
    let after = report::report(&s25, &Scope::Commune, Period::Year(2025), &env(2026, 8, 1)).unwrap();
    assert_eq!(progress::compute(&s25.book, d(2026, 8, 1)).iter().find(|t| t.target.id == "3a").unwrap().shown(2025).text(), "100 % (3/3)");
    assert_eq!((row(&after, "3a").result.as_str(), row(&after, "3a").assessment.as_str()), ("100 % (3/3)", "Đạt"));
}

#[test]
fn the_areas_table_counts_as_the_overview_does() {
    let (s, _) = commune();
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &env(2026, 12, 5)).unwrap();
    let t = r.areas.unwrap();
    assert_eq!(t.columns[..4], ["STT", "Khu dân cư", "CT1", "CT2"]);
    assert_eq!(t.columns.last().unwrap(), "Tỷ lệ");
    assert!(t.columns.contains(&"P6".to_string()));
    assert!(t.legend.iter().any(|l| l.starts_with("CT3: Chỉ tiêu 3 (1 mục: Tổ chức Ngày hội")), "{:?}", t.legend);
    assert!(t.legend.iter().any(|l| l.starts_with("P6: Chương trình hành động 6")), "{:?}", t.legend);
    assert_eq!(t.summary, "3/5 khu dân cư đã nhập số liệu năm 2026.");
    let overview = progress::areas(&s.book, 2026);
    assert_eq!(t.rows.len(), overview.len());
    for (row, a) in t.rows.iter().zip(&overview) {
        assert_eq!((row.name.as_str(), row.done, row.total, row.entered), (a.name.as_str(), a.done, a.total, a.entered));
        let sum: usize = row.cells.iter().map(|c| c.split('/').next().unwrap().parse::<usize>().unwrap()).sum();
        let of: usize = row.cells.iter().map(|c| c.split('/').nth(1).unwrap().parse::<usize>().unwrap()).sum();
        assert_eq!((sum, of), (row.done, row.total), "{}", row.name);
        assert_eq!(row.cells.len() + 4, t.columns.len());
    }
    let first = &t.rows[0];
    assert_eq!((first.name.as_str(), first.total_text.as_str()), ("Thôn 1", "2/13"));
    assert_eq!(first.cells[t.columns.iter().position(|c| c == "CT3").unwrap() - 2], "1/1");
}

#[test]
fn drafts_name_the_areas_with_no_data_and_the_targets_not_met() {
    let (mut s, _) = commune();
    let e = env(2027, 1, 10);
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &e).unwrap();
    assert!(r.shortcomings.draft && r.direction.draft);
    assert_eq!(r.shortcomings.paragraphs[0], "Còn 2 khu dân cư chưa nhập số liệu năm 2026: Thôn 2, Thôn 5.");
    assert!(r.shortcomings.paragraphs[1].starts_with("Còn "), "{:?}", r.shortcomings.paragraphs);
    assert!(r.shortcomings.paragraphs[1].contains("chỉ tiêu chưa đạt: Chỉ tiêu 1 ("), "{:?}", r.shortcomings.paragraphs);
    assert!(r.shortcomings.text.contains("Chỉ tiêu 3 (Khu dân cư tổ chức Ngày hội 18/11 hằng năm: 40 % (2/5))"), "{}", r.shortcomings.text);
    assert!(r.direction.paragraphs[0].starts_with("Tập trung hoàn thành các chỉ tiêu chưa đạt: Chỉ tiêu 1 ("), "{:?}", r.direction.paragraphs);
    assert!(r.direction.text.contains("Đôn đốc các khu dân cư nhập đầy đủ số liệu: Thôn 2, Thôn 5."));
    assert_eq!(r.direction.paragraphs.last().unwrap(), "Tiếp tục thực hiện các nhiệm vụ trọng tâm, giải pháp chủ yếu của Chương trình hành động trong năm 2027.");
    // Stored text replaces the draft, for that period only.
    note(&mut s, r.shortcomings.key.clone(), "Một số khu dân cư chậm cập nhật.\n\nNguyên nhân: thiếu cán bộ.", noon(2027, 1, 10));
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &e).unwrap();
    assert!(!r.shortcomings.draft && r.direction.draft);
    assert_eq!(r.shortcomings.paragraphs, vec!["Một số khu dân cư chậm cập nhật.", "Nguyên nhân: thiếu cán bộ."]);
    assert_eq!(r.shortcomings.max_chars, 10_000);
    assert!(report::report(&s, &Scope::Commune, Period::FirstHalf(2026), &e).unwrap().shortcomings.draft);
    // Texts written after the period's end are still the report's: they are about it.
    assert_eq!(r.shortcomings.key, report::section_key(COMMUNE_ID, Section::Shortcomings, Period::Year(2026)));
}

#[test]
fn focus_tasks_show_the_status_recorded_for_the_period() {
    let (mut s, _) = commune();
    let task = s.book.programme.parts[0].tasks[0].id.clone();
    let solution = s.book.programme.parts[0].solutions[0].id.clone();
    let status = |st| Entry { value: Value::Status { status: st }, ..Entry::empty() };
    let mut with_note = status(TaskStatus::Done);
    with_note.note = "Tổ chức 12 hội nghị; 95 % hộ được tuyên truyền".into();
    set(&mut s, COMMUNE_ID, &task, Some(2026), with_note, noon(2026, 4, 1));
    set(&mut s, COMMUNE_ID, &solution, Some(2025), status(TaskStatus::InProgress), noon(2025, 4, 1));
    let r = report::report(&s, &Scope::Commune, Period::Year(2026), &env(2026, 12, 5)).unwrap();
    let tasks = r.tasks.unwrap();
    assert_eq!(tasks.columns, vec!["STT", "Nhiệm vụ, giải pháp", "Kết quả", "Ghi chú"]);
    let part = &tasks.parts[0];
    assert!(part.title.starts_with("1. Chương trình hành động 1: "), "{}", part.title);
    assert_eq!((part.rows[0].kind.as_str(), part.rows[0].status.as_str()), ("Nhiệm vụ trọng tâm", "Hoàn thành"));
    assert_eq!(part.rows[0].note, "Tổ chức 12 hội nghị; 95 % hộ được tuyên truyền");
    let first_solution = part.rows.iter().find(|r| r.kind == "Giải pháp chủ yếu").unwrap();
    assert_eq!(first_solution.status, "Chưa đánh giá", "2025's status is not 2026's");
    assert_eq!(tasks.parts.iter().map(|p| p.rows.len()).sum::<usize>(), s.book.programme.all_tasks().count());
    let term = report::report(&s, &Scope::Commune, Period::Term, &env(2026, 12, 5)).unwrap().tasks.unwrap();
    let first_solution = term.parts[0].rows.iter().find(|r| r.kind == "Giải pháp chủ yếu").unwrap();
    assert_eq!(first_solution.status, "Đang triển khai (năm 2025)", "over the term, the latest status recorded");
}

#[test]
fn a_book_as_of_a_moment_keeps_only_what_was_written_by_then() {
    let (mut s, ids) = commune();
    let key = RecordKey { unit: ids[0].clone(), item: "ngay-hoi".into(), year: Some(2026) };
    s.apply(Action::Edit { key: key.clone(), change: Change::Toggle }, noon(2026, 8, 1)).unwrap();
    s.apply(Action::EditUnit { id: ids[0].clone(), name: "Thôn Một".into(), households: None, since: None }, noon(2026, 8, 2)).unwrap();
    s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn 6".into(), households: None, since: None }, noon(2026, 8, 3)).unwrap();
    let june = s.book.as_of(end_of_day_ms(d(2026, 6, 30), 420));
    assert_eq!(june.records[&key.slot_id()].entry().value, Value::Done { done: true }, "the untick of August is not in it");
    assert_eq!(june.records[&key.slot_id()].versions.all().len(), 1);
    assert_eq!(june.unit(&ids[0]).unwrap().name, "Thôn 1");
    assert_eq!(june.units_of(UnitKind::Area).len(), 5, "Thôn 6 did not exist yet");
    assert!(!june.records.values().any(|r| r.key.unit == ids[3]), "Thôn 4's July record is not in it");
    assert_eq!(june.unit(COMMUNE_ID).unwrap().name, "Ủy ban MTTQ xã Hà Hải", "the defaults every phone makes are always in it");
    assert_eq!(s.book.as_of(i64::MAX), s.book);
    assert!(s.book.as_of(0).records.is_empty());
    assert_eq!(end_of_day_ms(d(2026, 12, 31), 420), 1_798_736_399_999, "2026-12-31T16:59:59.999Z");
    assert_eq!(end_of_day_ms(d(1970, 1, 1), 0), 86_399_999);
}

