//! Generated communes for the benchmarks.
// Each example that includes this uses only some of the fixtures.
#![allow(dead_code)]

use sotay::core::book::{Entry, RecordKey, TaskStatus, UnitKind, Value};
use sotay::core::default_programme;
use sotay::core::programme::{Cadence, ValueKind, Who};
use sotay::core::state::{Action, State};

pub const T0: i64 = 1_730_000_000_000;

/// A commune with `n` areas and every yearly and term item filled for 6 years,
/// plus two fund receipts per area per year.
pub fn commune(n: usize, device: &str) -> State {
    let mut s = State::fresh(default_programme(), device.into(), T0);
    let mut now = T0;
    let mut tick = || {
        now += 1;
        now
    };
    for i in 0..n {
        s.apply(Action::AddUnit { kind: UnitKind::Area, name: format!("Thôn {}", i + 1), households: Some(200), since: None }, tick())
            .unwrap();
    }
    let areas: Vec<String> = s.book.units_of(UnitKind::Area).into_iter().map(|(id, _)| id.to_string()).collect();
    let items: Vec<_> = s.book.programme.items.iter().filter(|i| i.filled_by(Who::Areas)).cloned().collect();
    for (k, unit) in areas.iter().enumerate() {
        for year in 2024..=2029 {
            for item in &items {
                let (value, names) = match item.value {
                    ValueKind::Done => (Value::Done { done: !(k + year as usize).is_multiple_of(3) }, vec![]),
                    ValueKind::Count => (Value::Count { count: 1 }, vec![format!("Công trình {k}-{year}")]),
                    ValueKind::Ratio => (Value::Ratio { n: 190, of: 200 }, vec![]),
                    ValueKind::Grade => (Value::Grade { grade: "tot".into() }, vec![]),
                    ValueKind::Amount => {
                        for _ in 0..2 {
                            let entry = Entry { value: Value::Amount { dong: 500_000 }, ..Entry::empty() };
                            s.apply(Action::AddEvent { unit: unit.clone(), item: item.id.clone(), year, entry }, tick()).unwrap();
                        }
                        continue;
                    }
                };
                let y = if item.cadence == Cadence::Term { None } else { Some(year) };
                if item.cadence == Cadence::Term && year != 2025 {
                    continue;
                }
                let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: y };
                s.apply(Action::SetEntry { key, entry: Entry { value, names, ..Entry::empty() } }, tick()).unwrap();
            }
        }
    }
    s
}


/// Makes the i-th event of a kind: its value and note.
type MakeEvent<'a> = &'a dyn Fn(usize) -> (Value, String);

/// A day in ms since the epoch, at 08:00 Vietnam time (01:00 UTC).
fn day_ms(y: i32, m: u32, d: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(1, 0, 0).unwrap().and_utc().timestamp_millis()
}

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// The `n` residential areas of a merged commune: "Thôn Đông Hải", "Tổ dân phố Phú Lộc"...
pub fn area_names(n: usize) -> Vec<String> {
    const FIRST: [&str; 10] = ["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Phú", "Yên", "Tân"];
    const SECOND: [&str; 10] = ["Hải", "Sơn", "Thịnh", "An", "Bình", "Lộc", "Hòa", "Phong", "Thành", "Vinh"];
    (0..n)
        .map(|i| {
            let kind = if i % 4 == 3 { "Tổ dân phố" } else { "Thôn" };
            format!("{kind} {} {}", FIRST[i % 10], SECOND[(i / 10 + i) % 10])
        })
        .collect()
}

/// An 8-character device id like the app makes (`storage::new_device_id`).
fn device_id(seed: u64) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0x2545_F491_4F6C_DD1D);
    (0..8)
        .map(|_| {
            x ^= x >> 29;
            x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            ALPHABET[(x >> 59) as usize % 32] as char
        })
        .collect()
}

/// A commune at the end of its term (2024-2029, the embedded programme) with
/// `n` residential areas and the five default member organisations, its
/// history as the phones wrote it:
///
/// - each area's data is written by its own phone (its own device id), the
///   commune's and the organisations' by the commune's phone;
/// - every yearly record of every unit is entered and then corrected once or
///   twice in its year (2 or 3 versions; alternating), the term records
///   (training, community page, self-managed groups) in 2025, 2027 and 2029;
///   each area's households are updated twice (3 versions of each area);
/// - events each year: two fund receipts per area; for the commune four fund
///   receipts, two houses, three supervisions and two critiques, one of each
///   kind corrected afterwards;
/// - the status of every focus task and main solution for the commune, each
///   year, set twice or three times, each with a note;
/// - notes of 60 to 200 characters on every event, task status and
///   correction and on half the first entries; names of works, models and
///   self-managed groups as people write them.
///
/// Built through `State::apply`, so every value is one the app accepts.
pub fn end_of_term_commune(n: usize) -> State {
    let commune_device = "k3x9q2ma".to_string();
    let mut s = State::fresh(default_programme(), commune_device.clone(), T0);
    let p = s.book.programme.clone();
    let mut now = day_ms(2024, 10, 25);
    let mut at = |t: i64| {
        // Never back in time (the clock would count within one millisecond).
        now = now.max(t) + 60_000;
        now
    };
    let ok = |s: &mut State, a: Action, t: i64| {
        let what = format!("{a:?}");
        s.apply(a, t).unwrap_or_else(|e| panic!("fixture action refused: {e}: {what}"));
    };
    let names = area_names(n);
    for (k, name) in names.iter().enumerate() {
        let households = Some(150 + (k as u32 * 37) % 260);
        let t = at(0);
        ok(&mut s, Action::AddUnit { kind: UnitKind::Area, name: name.clone(), households, since: None }, t);
    }
    let areas: Vec<(String, String, u32)> = s
        .book
        .units_of(UnitKind::Area)
        .into_iter()
        .map(|(id, u)| (id.to_string(), u.name.clone(), u.households.unwrap_or(200)))
        .collect();
    let devices: Vec<String> = (0..areas.len()).map(|k| device_id(k as u64 + 1)).collect();
    let orgs: Vec<String> = s.book.units_of(UnitKind::Organisation).into_iter().map(|(id, _)| id.to_string()).collect();
    let tasks: Vec<String> = p.all_tasks().map(|(_, t)| t.id.clone()).collect();
    let area_items: Vec<_> = p.items.iter().filter(|i| i.filled_by(Who::Areas)).cloned().collect();
    let works = [
        "Đường bê tông liên xóm dài 350 m",
        "Điện chiếu sáng đường quê 1,2 km",
        "Sửa chữa, nâng cấp nhà văn hóa thôn",
        "Tuyến đường hoa “Xanh - sạch - đẹp” dài 800 m",
        "Lắp camera an ninh tại ngã ba chợ",
        "Nạo vét kênh mương nội đồng",
    ];
    let models = [
        "Mô hình trồng rau an toàn theo tiêu chuẩn VietGAP",
        "Tổ hợp tác nuôi ong lấy mật",
        "Mô hình phân loại rác thải sinh hoạt tại nguồn",
        "Câu lạc bộ dân vũ người cao tuổi",
        "Mô hình “Cổng trường an toàn giao thông”",
    ];
    let groups = ["Tổ tự quản an ninh trật tự", "Nhóm tự quản vệ sinh môi trường", "Tổ hòa giải ở cơ sở"];
    let first_day = |y: i32, m: u32, d: u32| if y == 2024 { day_ms(2024, 10, 25).max(day_ms(2024, m.max(10), d)) } else { day_ms(y, m, d) };

    // The value of an area's item in a year; `v` is the version (0 first entry, 1-2 corrections).
    let area_entry = |item: &sotay::core::programme::Item, k: usize, name: &str, hh: u32, year: i32, v: usize| -> Entry {
        let hh = hh as u64;
        let seed = k + year as usize + v;
        let (value, names, date, note) = match item.id.as_str() {
            "ngay-hoi" => (
                Value::Done { done: v > 0 },
                vec![],
                (v > 0).then(|| date(year, 11, 18)).flatten(),
                if v == 0 {
                    format!("Đang chuẩn bị Ngày hội năm {year}: đã họp Ban công tác Mặt trận, phân công các chi hội.")
                } else {
                    format!(
                        "Tổ chức Ngày hội tại nhà văn hóa {name}, có {} hộ tham gia; trao {} suất quà cho hộ khó khăn, biểu dương {} gia đình văn hóa tiêu biểu{}.",
                        hh * 3 / 4 + v as u64,
                        5 + seed % 7,
                        3 + seed % 5,
                        if v == 2 { " (sửa lại theo báo cáo tổng kết)" } else { "" }
                    )
                },
            ),
            "cong-trinh" | "mo-hinh" => {
                let list: &[&str] = if item.id == "cong-trinh" { &works } else { &models };
                let names: Vec<String> = (0..=v.min(1)).map(|j| list[(seed + j) % list.len()].to_string()).collect();
                (Value::Count { count: names.len() as u64 }, names, None, if v > 0 { format!("Bổ sung theo báo cáo tháng 12/{year} của thôn.") } else { String::new() })
            }
            "tham-ho-ngheo" => {
                let of = 8 + (k as u64 * 3 + year as u64) % 13;
                let n = if v == 0 { of - 3 } else { of - (v as u64 - 1) };
                (Value::Ratio { n, of }, vec![], None, format!("Thăm, tặng {n} suất quà Tết, mỗi suất 500.000 đồng từ Quỹ Vì người nghèo và nhà hảo tâm; {} hộ còn lại đi làm ăn xa.", of - n))
            }
            "tham-thien-tai" => {
                let of = (k as u64 + year as u64) % 5;
                let n = if v == 0 { of / 2 } else { of };
                (Value::Ratio { n, of }, vec![], None, if of > 0 { format!("Sau cơn bão tháng 9/{year}, thăm hỏi {n} hộ bị tốc mái, hỗ trợ gạo và tiền mặt.") } else { String::new() })
            }
            "an-toan-giao-thong" => {
                let n = hh - 12 + 4 * v as u64;
                (Value::Ratio { n, of: hh }, vec![], None, if v > 0 { "Ký cam kết tại họp thôn; số hộ chưa ký do đi làm ăn xa.".to_string() } else { String::new() })
            }
            "xep-loai-bctmt" => {
                let grade = p.grades[(seed % 3).min(p.grades.len() - 1)].id.clone();
                (Value::Grade { grade }, vec![], None, format!("Theo biên bản họp bình xét cuối năm ngày {}/12/{year} của Ban công tác Mặt trận.", 10 + v))
            }
            _ => {
                // Done items: tuyen-truyen, phong-trao, nam-tinh-hinh.
                let note = match (item.id.as_str(), v) {
                    (_, 0) if seed.is_multiple_of(2) => String::new(),
                    ("tuyen-truyen", _) => format!("Triển khai tại hội nghị thôn, {} người dự; phát tài liệu qua nhóm Zalo của thôn (lần {}).", hh / 2 + v as u64, v + 1),
                    ("phong-trao", _) => format!("Phối hợp Chi hội Phụ nữ, Chi đoàn thanh niên ra quân vệ sinh môi trường, trồng {} cây xanh trên trục đường chính.", 40 + seed % 60),
                    _ => format!("Tổng hợp {} ý kiến, kiến nghị về đường giao thông nội đồng và nước sạch, đã chuyển Ủy ban MTTQ xã (đợt {}).", 4 + seed % 9, v + 1),
                };
                (Value::Done { done: v > 0 || !seed.is_multiple_of(3) }, vec![], None, note)
            }
        };
        Entry { value, date, note, names }
    };

    for year in 2024..=2029 {
        let (a, b, c) = (first_day(year, 5, 10), first_day(year, 11, 20), first_day(year, 12, 15));
        let phases = [a, b, c];
        // Areas, from their own phones: first entries, then one or two corrections.
        for (phase, start) in phases.iter().enumerate() {
            for (k, (unit, name, hh)) in areas.iter().enumerate() {
                s.local.device = devices[k].clone();
                let base = start + k as i64 * 1_200_000;
                for (j, item) in area_items.iter().enumerate() {
                    let t = at(base + j as i64 * 60_000);
                    match item.cadence {
                        Cadence::Yearly => {
                            let versions = 2 + (k + j + year as usize) % 2;
                            if phase < versions {
                                let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: Some(year) };
                                ok(&mut s, Action::SetEntry { key, entry: area_entry(item, k, name, *hh, year, phase) }, t);
                            }
                        }
                        Cadence::Term => {
                            // Entered in 2025, corrected in 2027 and 2029.
                            if phase == 1 && matches!(year, 2025 | 2027 | 2029) {
                                let v = ((year - 2025) / 2) as usize;
                                let (value, names, note) = match item.value {
                                    ValueKind::Ratio => (Value::Ratio { n: 5 + v as u64, of: 7 }, vec![], format!("Cán bộ chủ chốt dự lớp tập huấn của Ủy ban MTTQ xã tháng 6/{year}.")),
                                    ValueKind::Count => {
                                        let names: Vec<String> = groups.iter().take(1 + v).map(|g| format!("{g} {name}")).collect();
                                        (Value::Count { count: names.len() as u64 }, names, String::new())
                                    }
                                    _ => (Value::Done { done: true }, vec![], format!("https://www.facebook.com/groups/mttq.{}.{}", unit.len() + k, year)),
                                };
                                let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: None };
                                ok(&mut s, Action::SetEntry { key, entry: Entry { value, names, note, date: None } }, t);
                            }
                        }
                        Cadence::Event => {
                            // Two fund receipts a year, in the first two phases.
                            if phase < 2 {
                                let dong = 1_000_000 + ((k * 7 + year as usize + phase) % 30) as i64 * 250_000;
                                let entry = Entry {
                                    value: Value::Amount { dong },
                                    date: date(year, if year == 2024 { 11 + phase as u32 } else { 5 + 6 * phase as u32 }, 1 + (k % 27) as u32),
                                    note: format!("Thu Quỹ Vì người nghèo đợt {}: {} hộ đóng góp, biên lai số {}/{year}.", phase + 1, hh / 2 + k as u32 % 40, 100 + k * 3 + phase),
                                    names: vec![],
                                };
                                ok(&mut s, Action::AddEvent { unit: unit.clone(), item: item.id.clone(), year, entry }, t);
                            }
                        }
                    }
                }
                if phase == 1 && matches!(year, 2025 | 2028) {
                    let t = at(base + 3_000_000);
                    let households = Some(*hh + (year as u32 - 2024) * 3);
                    ok(&mut s, Action::EditUnit { id: unit.clone(), name: name.clone(), households, since: None }, t);
                }
            }
        }
        // The commune's phone: its own items, events, tasks, the organisations.
        s.local.device = commune_device.clone();
        for (phase, start) in phases.iter().enumerate() {
            let mut t = at(start + 80_000_000);
            for (j, id) in ["tuyen-truyen", "nam-tinh-hinh", "ban-ttnd-gsdtcd", "xep-loai-mttq"].iter().enumerate() {
                if phase >= 2 + (j + year as usize) % 2 {
                    continue;
                }
                let value = match *id {
                    "ban-ttnd-gsdtcd" => Value::Ratio { n: 2 * areas.len() as u64 * 9 / 10 + phase as u64, of: 2 * areas.len() as u64 + 2 },
                    "xep-loai-mttq" => Value::Grade { grade: p.grades[phase.min(1)].id.clone() },
                    _ => Value::Done { done: phase > 0 },
                };
                let note = format!("Ban Thường trực tổng hợp từ báo cáo của {} Ban công tác Mặt trận, trình hội nghị Ủy ban tháng {}/{year}.", areas.len(), 6 + phase * 3);
                let key = RecordKey { unit: "xa".into(), item: id.to_string(), year: Some(year) };
                t = at(t);
                ok(&mut s, Action::SetEntry { key, entry: Entry { value, note, ..Entry::empty() } }, t);
            }
            if phase < 2 {
                let events: [(&str, usize, MakeEvent); 4] = [
                    ("quy-vi-nguoi-ngheo", 2, &|i| (Value::Amount { dong: 15_000_000 + i as i64 * 2_500_000 }, format!("Tiếp nhận ủng hộ của doanh nghiệp và cán bộ, công chức xã đợt {}, biên lai số {}.", i + 1, 20 + i))),
                    ("nha-dai-doan-ket", 1, &|i| (Value::Count { count: 1 }, format!("Bàn giao nhà Đại đoàn kết cho hộ bà Nguyễn Thị Lan, {}, kinh phí {} triệu đồng từ Quỹ Vì người nghèo tỉnh.", areas[i % areas.len()].1, 60 + i * 10))),
                    ("giam-sat", 1 + phase, &|i| (Value::Count { count: 1 }, format!("Giám sát việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi tại {} thôn; kiến nghị {} nội dung.", 3 + i, 2 + i))),
                    ("phan-bien", 1, &|i| (Value::Count { count: 1 }, format!("Phản biện dự thảo Nghị quyết của Hội đồng nhân dân xã về kế hoạch đầu tư công, góp {} ý kiến bằng văn bản.", 5 + i))),
                ];
                for (item, count, make) in events {
                    for i in 0..count {
                        let (value, note) = make(i + phase * 2);
                        let d = date(year, if year == 2024 { 11 + phase as u32 } else { 4 + 6 * phase as u32 + i as u32 }, 10 + i as u32);
                        t = at(t);
                        ok(&mut s, Action::AddEvent { unit: "xa".into(), item: item.into(), year, entry: Entry { value, date: d, note, names: vec![] } }, t);
                    }
                }
            } else {
                // One event of each kind corrected.
                for item in ["quy-vi-nguoi-ngheo", "nha-dai-doan-ket", "giam-sat", "phan-bien"] {
                    let id = s.book.events("xa", item, year).first().map(|r| r.id.clone());
                    if let Some(id) = id {
                        let mut entry = s.book.records[&id].entry().clone();
                        entry.note = format!("{} (sửa lại theo chứng từ kế toán)", entry.note);
                        t = at(t);
                        ok(&mut s, Action::UpdateEvent { id, entry }, t);
                    }
                }
            }
            for (j, task) in tasks.iter().enumerate() {
                if phase >= 2 + (j + year as usize) % 2 {
                    continue;
                }
                let status = [TaskStatus::InProgress, TaskStatus::InProgress, TaskStatus::Done][phase];
                let note = format!(
                    "Quý {}/{year}: đã xây dựng kế hoạch, giao Ban công tác Mặt trận các thôn và tổ chức thành viên triển khai; {}.",
                    2 + phase,
                    if phase == 0 { "đang theo dõi tiến độ" } else { "đã tổng hợp kết quả, báo cáo Ban Thường trực" }
                );
                let key = RecordKey { unit: "xa".into(), item: task.clone(), year: Some(year) };
                t = at(t);
                ok(&mut s, Action::SetEntry { key, entry: Entry { value: Value::Status { status }, note, ..Entry::empty() } }, t);
            }
            for (j, org) in orgs.iter().enumerate() {
                if phase >= 2 {
                    continue;
                }
                let grade = p.grades[(j + phase + year as usize) % 2].id.clone();
                let note = format!("Theo kết quả đánh giá, xếp loại của Ban Thường trực Ủy ban MTTQ xã năm {year} (lần {}).", phase + 1);
                let key = RecordKey { unit: org.clone(), item: "xep-loai-to-chuc".into(), year: Some(year) };
                t = at(t);
                ok(&mut s, Action::SetEntry { key, entry: Entry { value: Value::Grade { grade }, note, ..Entry::empty() } }, t);
            }
        }
    }
    s.local.device = commune_device;
    s.local.set_up = true;
    s
}
