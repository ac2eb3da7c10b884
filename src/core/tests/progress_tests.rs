use super::progress_reference as reference;
use super::record_tests::{add_area, done, fresh, T0};
use crate::core::book::{Entry, RecordKey, UnitKind, Value};
use crate::core::progress::{self, Explanation, Measure, Status, TargetProgress};
use crate::core::state::{Action, State, COMMUNE_ID};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn target<'a>(all: &'a [TargetProgress], id: &str) -> &'a TargetProgress {
    all.iter().find(|t| t.target.id == id).unwrap()
}

fn year(t: &TargetProgress, y: i32) -> &progress::Figure {
    &t.years.iter().find(|(yy, _)| *yy == y).unwrap().1
}

/// The explanation of a target's figure of year `y` (None: the term's).
fn why(s: &State, id: &str, y: Option<i32>, today: NaiveDate) -> Explanation {
    progress::explain(&s.book, id, y, today).unwrap()
}

fn with_areas(names: &[&str]) -> (State, Vec<String>) {
    let mut s = fresh("a");
    let ids = names.iter().enumerate().map(|(i, n)| add_area(&mut s, n, T0 + 1 + i as i64)).collect();
    (s, ids)
}

fn set(s: &mut State, unit: &str, item: &str, y: Option<i32>, value: Value) {
    let key = RecordKey { unit: unit.into(), item: item.into(), year: y };
    s.apply(Action::SetEntry { key, entry: Entry { value, ..Entry::empty() } }, T0 + 100).unwrap();
}

fn event(s: &mut State, unit: &str, item: &str, y: i32, value: Value) {
    s.apply(Action::AddEvent { unit: unit.into(), item: item.into(), year: y, entry: Entry { value, ..Entry::empty() } }, T0 + 100)
        .unwrap();
}

#[test]
fn units_share_each_year_across_the_periods_of_the_term() {
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 8", "Thôn 10"]);
    for id in &ids[..3] {
        s.apply(done(id, "ngay-hoi", 2025), T0 + 50).unwrap();
    }
    for id in &ids {
        s.apply(done(id, "ngay-hoi", 2024), T0 + 50).unwrap();
    }
    // (today, year, expected status, expected text)
    let table = [
        (d(2024, 10, 1), 2024, Status::NotDue, "100 % (5/5)"),
        (d(2024, 10, 25), 2024, Status::Met, "100 % (5/5)"),
        (d(2025, 6, 1), 2025, Status::InProgress, "60 % (3/5)"),
        (d(2026, 1, 2), 2025, Status::Missed, "60 % (3/5)"),
        (d(2026, 1, 2), 2026, Status::InProgress, "0 % (0/5)"),
        (d(2026, 1, 2), 2027, Status::NotDue, "0 % (0/5)"),
    ];
    for (today, y, st, text) in table {
        let all = progress::compute(&s.book, today);
        let f = year(target(&all, "3a"), y);
        assert_eq!((f.status, f.text()), (st, text.to_string()), "today {today}, year {y}");
    }
    let all = progress::compute(&s.book, d(2025, 12, 1));
    assert_eq!(year(target(&all, "3a"), 2025).measure, Measure::Units { did: 3, of: 5 });
    let w = why(&s, "3a", Some(2025), d(2025, 12, 1));
    assert_eq!(w.missing, vec!["Thôn 8", "Thôn 10"], "missing areas are named, in natural order");
    assert!(w.rule.starts_with("3/5 khu dân cư đã thực hiện “Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11)” năm 2025"), "{}", w.rule);
    assert_eq!(w.records.len(), 3);
    // The term so far: 2024 met, 2025 missed once it is over.
    let all = progress::compute(&s.book, d(2026, 3, 1));
    assert_eq!(target(&all, "3a").term.status, Status::Missed);
    assert_eq!(target(&all, "3a").term.text(), "1/3 năm đạt");
    assert_eq!(target(&all, "3a").term.measure, Measure::Years { met: 1, counted: 3 });
    let w = why(&s, "3a", None, d(2026, 3, 1));
    assert_eq!((w.counted, w.missing), (vec!["Năm 2024".to_string()], vec!["Năm 2025".to_string()]));
}

#[test]
fn no_units_is_not_applicable() {
    let s = fresh("a");
    let all = progress::compute(&s.book, d(2025, 6, 1));
    let f = year(target(&all, "3a"), 2025);
    assert_eq!(f.status, Status::NotApplicable);
    assert_eq!(f.text(), "Chưa có đơn vị");
}

#[test]
fn units_added_or_archived_mid_term_count_only_in_their_years() {
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2"]);
    s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn 3".into(), households: None, since: Some(2026) }, T0 + 5)
        .unwrap();
    s.apply(Action::Archive { id: ids[1].clone(), last_year: 2025 }, T0 + 6).unwrap();
    let all = progress::compute(&s.book, d(2026, 6, 1));
    let t = target(&all, "4a");
    assert_eq!(year(t, 2025).text(), "0 % (0/2)", "Thôn 3 does not count before 2026");
    assert_eq!(year(t, 2026).text(), "0 % (0/2)", "Thôn 2 does not count after 2025");
    assert_eq!(why(&s, "4a", Some(2026), d(2026, 6, 1)).missing, vec!["Thôn 1", "Thôn 3"]);
}

#[test]
fn commune_and_areas_together_for_items_both_fill() {
    let (mut s, ids) = with_areas(&["Thôn 1"]);
    s.apply(done(COMMUNE_ID, "tuyen-truyen", 2025), T0 + 9).unwrap();
    let all = progress::compute(&s.book, d(2025, 6, 1));
    let f = year(target(&all, "1a"), 2025);
    assert_eq!(f.text(), "50 % (1/2)");
    let w = why(&s, "1a", Some(2025), d(2025, 6, 1));
    assert_eq!(w.missing, vec!["Thôn 1"]);
    assert!(w.rule.contains("đơn vị"));
    let _ = ids;
}

#[test]
fn amounts_from_several_units_add_up_and_more_than_means_more() {
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2"]);
    event(&mut s, &ids[0], "quy-vi-nguoi-ngheo", 2024, Value::Amount { dong: 5_000_000 });
    event(&mut s, &ids[1], "quy-vi-nguoi-ngheo", 2025, Value::Amount { dong: 7_000_000 });
    event(&mut s, COMMUNE_ID, "quy-vi-nguoi-ngheo", 2026, Value::Amount { dong: 8_000_000 });
    let all = progress::compute(&s.book, d(2026, 6, 1));
    let t = target(&all, "5a");
    assert_eq!(t.term.text(), "20.000.000 đồng");
    assert_eq!(t.term.status, Status::InProgress, "exactly 20 million is not more than 20 million");
    assert_eq!(t.term.measure, Measure::Sum { sum: 20_000_000, goal: 20_000_000, amount: true });
    let w = why(&s, "5a", None, d(2026, 6, 1));
    assert_eq!(w.counted, vec!["Ủy ban MTTQ xã Hà Hải: 8.000.000 đồng", "Thôn 1: 5.000.000 đồng", "Thôn 2: 7.000.000 đồng"]);
    assert_eq!(w.records.len(), 3);
    assert_eq!(year(t, 2024).text(), "5.000.000 đồng", "cumulative at the end of 2024");
    assert_eq!(year(t, 2025).text(), "12.000.000 đồng");
    assert_eq!(year(t, 2025).status, Status::InProgress);
    event(&mut s, &ids[0], "quy-vi-nguoi-ngheo", 2026, Value::Amount { dong: 1 });
    let all = progress::compute(&s.book, d(2026, 6, 1));
    assert_eq!(target(&all, "5a").term.status, Status::Met);
    // Missed only once the term is over.
    let (s2, _) = with_areas(&["Thôn 1"]);
    let all = progress::compute(&s2.book, d(2030, 1, 1));
    assert_eq!(target(&all, "5a").term.status, Status::Missed);
}

#[test]
fn a_window_of_years_for_the_house() {
    let (mut s, _) = with_areas(&["Thôn 1"]);
    let all = progress::compute(&s.book, d(2025, 6, 1));
    assert_eq!(target(&all, "5b").term.status, Status::InProgress);
    let all = progress::compute(&s.book, d(2026, 1, 1));
    assert_eq!(target(&all, "5b").term.status, Status::Missed);
    assert_eq!(year(target(&all, "5b"), 2027).status, Status::Missed);
    // A house logged in 2026 is outside the window.
    event(&mut s, COMMUNE_ID, "nha-dai-doan-ket", 2026, Value::Count { count: 1 });
    let all = progress::compute(&s.book, d(2026, 6, 1));
    assert_eq!(target(&all, "5b").term.status, Status::Missed);
    event(&mut s, COMMUNE_ID, "nha-dai-doan-ket", 2025, Value::Count { count: 1 });
    let all = progress::compute(&s.book, d(2026, 6, 1));
    assert_eq!(target(&all, "5b").term.status, Status::Met);
    assert_eq!(target(&all, "5b").term.text(), "1/1");
}

#[test]
fn at_least_one_a_year() {
    let mut s = fresh("a");
    event(&mut s, COMMUNE_ID, "giam-sat", 2025, Value::Count { count: 1 });
    let all = progress::compute(&s.book, d(2026, 2, 1));
    let t = target(&all, "6a");
    assert_eq!(year(t, 2025).status, Status::Met);
    assert_eq!(year(t, 2024).status, Status::Missed);
    assert_eq!(year(t, 2026).status, Status::InProgress);
}

#[test]
fn ratios_sum_n_over_sum_n_and_zero_is_not_applicable() {
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2"]);
    // Nobody was hit by a disaster in 2025: N = 0 everywhere.
    set(&mut s, &ids[0], "tham-thien-tai", Some(2025), Value::Ratio { n: 0, of: 0 });
    set(&mut s, &ids[1], "tham-thien-tai", Some(2025), Value::Ratio { n: 0, of: 0 });
    let all = progress::compute(&s.book, d(2026, 2, 1));
    assert_eq!(year(target(&all, "5d"), 2025).status, Status::NotApplicable);
    assert_eq!(year(target(&all, "5d"), 2025).measure, Measure::Ratio { n: 0, of: 0, entered: 2, units: 2 });
    assert_eq!(year(target(&all, "5d"), 2025).text(), "0/0");
    // A year where it does not apply counts neither way in the term summary.
    for y in [2024, 2026, 2027, 2028, 2029] {
        set(&mut s, &ids[0], "tham-thien-tai", Some(y), Value::Ratio { n: 3, of: 3 });
        set(&mut s, &ids[1], "tham-thien-tai", Some(y), Value::Ratio { n: 0, of: 0 });
    }
    let all = progress::compute(&s.book, d(2026, 2, 1));
    let term = &target(&all, "5d").term;
    assert_eq!((term.status, term.text()), (Status::InProgress, "2/2 năm đạt".to_string()));
    let all = progress::compute(&s.book, d(2030, 1, 2));
    let term = &target(&all, "5d").term;
    assert_eq!((term.status, term.text()), (Status::Met, "5/5 năm đạt".to_string()));
    // Traffic pledge: above 99%.
    set(&mut s, &ids[0], "an-toan-giao-thong", Some(2025), Value::Ratio { n: 99, of: 100 });
    let all = progress::compute(&s.book, d(2025, 6, 1));
    let f = year(target(&all, "a6a"), 2025);
    assert_eq!(f.status, Status::InProgress);
    assert_eq!(why(&s, "a6a", Some(2025), d(2025, 6, 1)).missing, vec!["Thôn 2"]);
    set(&mut s, &ids[1], "an-toan-giao-thong", Some(2025), Value::Ratio { n: 100, of: 100 });
    let all = progress::compute(&s.book, d(2025, 6, 1));
    let f = year(target(&all, "a6a"), 2025);
    assert_eq!(f.text(), "99,5 % (199/200)");
    assert_eq!(f.status, Status::Met);
    set(&mut s, &ids[1], "an-toan-giao-thong", Some(2025), Value::Ratio { n: 99, of: 100 });
    let all = progress::compute(&s.book, d(2026, 1, 1));
    let f = year(target(&all, "a6a"), 2025);
    assert_eq!((f.text(), f.status), ("99 % (198/200)".to_string(), Status::Missed), "exactly 99% is not above 99%");
}

#[test]
fn one_failing_grade_misses_the_target() {
    let mut s = fresh("a");
    let orgs: Vec<String> = s.book.units_of(UnitKind::Organisation).into_iter().map(|(i, _)| i.to_string()).collect();
    for o in &orgs {
        set(&mut s, o, "xep-loai-to-chuc", Some(2025), Value::Grade { grade: "xuat-sac".into() });
    }
    let all = progress::compute(&s.book, d(2025, 12, 1));
    assert_eq!(year(target(&all, "10a"), 2025).status, Status::Met);
    assert_eq!(year(target(&all, "10a"), 2025).text(), "100 % (5/5)");
    // Add a sixth organisation graded "không hoàn thành": 5/6 = 83% < 95% and one failing.
    s.apply(Action::AddUnit { kind: UnitKind::Organisation, name: "Hội Người cao tuổi".into(), households: None, since: None }, T0 + 200).unwrap();
    let id = s.book.units_of(UnitKind::Organisation).into_iter().find(|(_, u)| u.name == "Hội Người cao tuổi").unwrap().0.to_string();
    set(&mut s, &id, "xep-loai-to-chuc", Some(2025), Value::Grade { grade: "khong-hoan-thanh".into() });
    let all = progress::compute(&s.book, d(2026, 1, 1));
    let f = year(target(&all, "10a"), 2025);
    assert_eq!(f.status, Status::Missed);
    assert_eq!(f.measure, Measure::Grades { at_or_above: 5, of: 6, failing: 1 });
    let w = why(&s, "10a", Some(2025), d(2026, 1, 1));
    assert!(w.rule.contains("Không hoàn thành nhiệm vụ: Hội Người cao tuổi"), "{}", w.rule);
    // 90% of BCTMT with none failing: 9 of 10 good and one "hoàn thành" is met...
    let names: Vec<String> = (1..=10).map(|i| format!("Thôn {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (mut s, ids) = with_areas(&refs);
    for (i, id) in ids.iter().enumerate() {
        let g = if i == 0 { "hoan-thanh" } else { "tot" };
        set(&mut s, id, "xep-loai-bctmt", Some(2025), Value::Grade { grade: g.into() });
    }
    let all = progress::compute(&s.book, d(2026, 1, 1));
    assert_eq!(year(target(&all, "10b"), 2025).status, Status::Met);
    // ...but one "không hoàn thành" is not, even at 90%.
    set(&mut s, &ids[0], "xep-loai-bctmt", Some(2025), Value::Grade { grade: "khong-hoan-thanh".into() });
    let all = progress::compute(&s.book, d(2026, 1, 1));
    assert_eq!(year(target(&all, "10b"), 2025).status, Status::Missed);
}

#[test]
fn once_in_the_term_items_count_whenever_done() {
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2"]);
    s.apply(
        Action::SetEntry {
            key: RecordKey { unit: ids[0].clone(), item: "to-tu-quan".into(), year: None },
            entry: Entry { value: Value::Count { count: 1 }, names: vec!["Tổ tự quản số 1".into()], ..Entry::empty() },
        },
        T0 + 10,
    )
    .unwrap();
    let all = progress::compute(&s.book, d(2026, 6, 1));
    let t = target(&all, "9a");
    assert_eq!(t.term.text(), "50 % (1/2)");
    assert_eq!(t.term.status, Status::InProgress);
    assert_eq!(why(&s, "9a", None, d(2026, 6, 1)).missing, vec!["Thôn 2"]);
    let all = progress::compute(&s.book, d(2030, 1, 1));
    assert_eq!(target(&all, "9a").term.status, Status::Missed);
}

#[test]
fn every_target_of_the_default_programme_is_computed() {
    let s = fresh("a");
    let all = progress::compute(&s.book, d(2026, 11, 27));
    assert_eq!(all.len(), 20);
    assert!(all.iter().all(|t| t.years.len() == 6));
    assert_eq!(all.iter().filter(|t| t.indicator.is_none()).count(), 1);
    // Every figure has an explanation; nothing else has.
    let today = d(2026, 11, 27);
    for t in &all {
        for y in t.years.iter().map(|(y, _)| Some(*y)).chain([None]) {
            assert!(progress::explain(&s.book, &t.target.id, y, today).is_some_and(|w| !w.rule.is_empty()), "{} {y:?}", t.target.id);
        }
    }
    assert_eq!(progress::explain(&s.book, "khong-co", None, today), None, "no such target");
    assert_eq!(progress::explain(&s.book, "3a", Some(2023), today), None, "no such year");
    assert_eq!(progress::explain(&s.book, "5a", Some(2030), today), None, "no such year");
}

#[test]
fn area_progress_and_completeness() {
    let (mut s, ids) = with_areas(&["Thôn 2", "Thôn 10", "Thôn 1"]);
    s.apply(done(&ids[0], "ngay-hoi", 2025), T0 + 10).unwrap();
    s.apply(done(&ids[0], "phong-trao", 2025), T0 + 11).unwrap();
    let a = progress::areas(&s.book, 2025);
    assert_eq!(a.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), vec!["Thôn 1", "Thôn 2", "Thôn 10"]);
    let t2 = &a[1];
    assert_eq!((t2.done, t2.total, t2.entered), (2, 13, true));
    assert_eq!(t2.last_change_ms, Some(T0 + 11));
    assert!(!a[0].entered);
}

/// "Fewer is better": a total under a ceiling is missed as soon as it
/// passes it and met only when its period is over; a ratio under a ceiling
/// is met when every unit's figures are in and below it.
#[test]
fn ceilings_are_met_by_staying_under_them() {
    use crate::core::programme::{Cmp, Period, Rule};
    let (mut s, ids) = with_areas(&["Thôn 1", "Thôn 2"]);
    let set_rule = |s: &mut State, id: &str, rule: Rule| {
        let t = s.book.programme.indicators.iter_mut().flat_map(|i| i.targets.iter_mut()).find(|t| t.id == id).unwrap();
        t.rule = rule;
    };
    set_rule(&mut s, "5b", Rule::Total { item: "nha-dai-doan-ket".into(), goal: 1, cmp: Cmp::AtMost, period: Period::Years([2024, 2025]) });
    set_rule(&mut s, "5c", Rule::Ratio { item: "tham-ho-ngheo".into(), percent: 10.0, cmp: Cmp::LessThan, period: Period::EachYear });
    s.book.programme.validate().unwrap();
    let all = progress::compute(&s.book, d(2025, 3, 1));
    assert_eq!(target(&all, "5b").term.status, Status::InProgress, "0 of at most 1, period under way");
    let all = progress::compute(&s.book, d(2026, 3, 1));
    assert_eq!(target(&all, "5b").term.status, Status::Met, "stayed under the ceiling to the end");
    event(&mut s, COMMUNE_ID, "nha-dai-doan-ket", 2025, Value::Count { count: 2 });
    let all = progress::compute(&s.book, d(2025, 3, 1));
    assert_eq!(target(&all, "5b").term.status, Status::Missed, "passed the ceiling: missed at once");
    let w = why(&s, "5b", None, d(2025, 3, 1));
    assert!(w.rule.contains("nhiều nhất"), "{}", w.rule);

    set(&mut s, &ids[0], "tham-ho-ngheo", Some(2025), Value::Ratio { n: 1, of: 20 });
    let all = progress::compute(&s.book, d(2025, 6, 1));
    assert_eq!(year(target(&all, "5c"), 2025).status, Status::InProgress, "Thôn 2 has not entered");
    set(&mut s, &ids[1], "tham-ho-ngheo", Some(2025), Value::Ratio { n: 1, of: 20 });
    let all = progress::compute(&s.book, d(2025, 6, 1));
    assert_eq!(year(target(&all, "5c"), 2025).status, Status::Met, "2/40 = 5 % is under 10 %");
    set(&mut s, &ids[1], "tham-ho-ngheo", Some(2025), Value::Ratio { n: 3, of: 20 });
    let all = progress::compute(&s.book, d(2026, 1, 2));
    let f = year(target(&all, "5c"), 2025);
    assert_eq!(f.status, Status::Missed, "4/40 = 10 % is not under 10 %");
    let w = why(&s, "5c", Some(2025), d(2026, 1, 2));
    assert!(w.rule.contains("dưới 10 %"), "{}", w.rule);
}

#[test]
fn retired_targets_leave_the_gauges() {
    let (mut s, _) = with_areas(&["Thôn 1"]);
    let before = progress::compute(&s.book, d(2025, 6, 1)).len();
    s.book.programme.indicators[2].targets[0].retired = true;
    let all = progress::compute(&s.book, d(2025, 6, 1));
    assert_eq!(all.len(), before - 1);
    assert!(all.iter().all(|t| t.target.id != "3a"));
    assert_eq!(progress::explain(&s.book, "3a", Some(2025), d(2025, 6, 1)), None, "nothing to explain");
}

/// A commune of the default programme with varied data over every year of
/// the term: done and not done, counts, ratios with N = 0, every grade,
/// amounts and counts logged (some removed), cleared entries, notes alone,
/// areas added and archived mid-term, and a fund receipt of a unit no longer
/// in the book.
fn varied_commune() -> State {
    use crate::core::book::{Record, Versions};
    use crate::core::clock::{Hlc, Stamp};
    use crate::core::programme::{Cadence, ValueKind};
    let names = ["Thôn 10", "Thôn 2", "Đông Hải", "An Lạc", "Thôn 1", "Dương Xá", "Ân Trạch", "Thôn 3"];
    let (mut s, _) = with_areas(&names);
    s.apply(Action::AddUnit { kind: UnitKind::Area, name: "Thôn Mới".into(), households: None, since: Some(2026) }, T0 + 20).unwrap();
    s.apply(Action::AddUnit { kind: UnitKind::Organisation, name: "Hội Người cao tuổi".into(), households: None, since: Some(2025) }, T0 + 21)
        .unwrap();
    let gone = s.book.units_of(UnitKind::Area).into_iter().find(|(_, u)| u.name == "Thôn 3").unwrap().0.to_string();
    s.apply(Action::Archive { id: gone, last_year: 2025 }, T0 + 22).unwrap();
    // A small deterministic generator (a linear congruential one).
    let mut seed: u64 = 0x2024_1021;
    let mut roll = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let units: Vec<(String, UnitKind)> = s.book.units.values().map(|u| (u.id.clone(), u.data().kind)).collect();
    let items = s.book.programme.items.clone();
    let grades: Vec<String> = s.book.programme.grades.iter().map(|g| g.id.clone()).collect();
    let mut now = T0 + 1000;
    for (unit, kind) in &units {
        for item in items.iter().filter(|i| i.filled_by(kind.who())) {
            let years: Vec<Option<i32>> = match item.cadence {
                Cadence::Term => vec![None],
                _ => (2024..=2029).map(Some).collect(),
            };
            for y in years {
                now += 1;
                if item.cadence == Cadence::Event {
                    for _ in 0..roll(3) {
                        let value = match item.value {
                            ValueKind::Amount => Value::Amount { dong: 250_000 * (1 + roll(12) as i64) },
                            _ => Value::Count { count: 1 + roll(2) },
                        };
                        let entry = Entry { value, ..Entry::empty() };
                        let action = Action::AddEvent { unit: unit.clone(), item: item.id.clone(), year: y.unwrap(), entry };
                        if s.apply(action, now).is_err() {
                            continue;
                        }
                        if roll(5) == 0 {
                            let id = s.book.events(unit, &item.id, y.unwrap()).last().unwrap().id.clone();
                            s.apply(Action::RemoveEvent { id }, now + 1).unwrap();
                        }
                    }
                    continue;
                }
                let value = match (roll(6), item.value) {
                    (0, _) => continue,
                    (1, _) => Value::Empty,
                    (_, ValueKind::Done) => Value::Done { done: roll(3) > 0 },
                    (_, ValueKind::Count) => Value::Count { count: roll(3) },
                    (_, ValueKind::Ratio) => match roll(4) {
                        0 => Value::Ratio { n: 0, of: 0 },
                        _ => {
                            let of = 1 + roll(200);
                            Value::Ratio { n: of - roll(3).min(of), of }
                        }
                    },
                    (_, ValueKind::Grade) => Value::Grade { grade: grades[roll(grades.len() as u64) as usize].clone() },
                    (_, ValueKind::Amount) => unreachable!("amounts are logged"),
                };
                let names = match value {
                    Value::Count { count } => (0..count).map(|k| format!("Công trình {k}")).collect(),
                    _ => vec![],
                };
                let value = if matches!(value, Value::Count { count: 0 }) { Value::Empty } else { value };
                let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: y };
                let note = if roll(4) == 0 { "ghi chú".to_string() } else { String::new() };
                if value == Value::Empty && note.is_empty() {
                    // A value entered, then cleared: the record stays, empty.
                    let entry = Entry { value: Value::Done { done: true }, ..Entry::empty() };
                    if item.value == ValueKind::Done {
                        s.apply(Action::SetEntry { key: key.clone(), entry }, now).unwrap();
                    }
                }
                s.apply(Action::SetEntry { key, entry: Entry { value, names, note, ..Entry::empty() } }, now + 1).unwrap();
            }
        }
    }
    // What a unit that is no longer in the book raised still counts.
    let key = RecordKey { unit: "kdc-cu".into(), item: "quy-vi-nguoi-ngheo".into(), year: Some(2025) };
    let stamp = Stamp { hlc: Hlc { ms: now + 5, count: 0 }, device: "b".into(), wall_ms: now + 5 };
    let entry = Entry { value: Value::Amount { dong: 3_000_000 }, ..Entry::empty() };
    let id = format!("{}/b-1", key.slot_id());
    s.book.records.insert(id.clone(), Record { id, key, versions: Versions::new(stamp, entry) });
    assert!(s.book.units.values().any(|u| u.data().kind == UnitKind::Area && u.data().since == Some(2026)));
    s
}

/// The default programme, then variants of it with the other rule shapes:
/// ceilings, "more than" shares of counts, a window of years for a ratio,
/// a retired target, a target whose item is gone, and no organisation left
/// (with a share of them graded: the engine stays total on such a target).
fn programme_variants(s: &State) -> Vec<crate::core::book::Book> {
    use crate::core::programme::{Cmp, Period, Rule};
    let mut out = vec![s.book.clone()];
    let set = |book: &mut crate::core::book::Book, id: &str, rule: Rule| {
        let p = &mut book.programme;
        let t = p.indicators.iter_mut().flat_map(|i| i.targets.iter_mut()).find(|t| t.id == id).unwrap();
        t.rule = rule;
    };
    let mut b = s.book.clone();
    set(&mut b, "5b", Rule::Total { item: "nha-dai-doan-ket".into(), goal: 3, cmp: Cmp::AtMost, period: Period::Years([2024, 2025]) });
    set(&mut b, "5c", Rule::Ratio { item: "tham-ho-ngheo".into(), percent: 10.0, cmp: Cmp::LessThan, period: Period::EachYear });
    set(&mut b, "5d", Rule::Ratio { item: "tham-thien-tai".into(), percent: 95.0, cmp: Cmp::AtMost, period: Period::EachYear });
    set(&mut b, "6a", Rule::Total { item: "giam-sat".into(), goal: 2, cmp: Cmp::LessThan, period: Period::EachYear });
    set(&mut b, "4b", Rule::UnitsShare { item: "cong-trinh".into(), percent: 50.0, cmp: Cmp::MoreThan, period: Period::EachYear, min_count: 2 });
    set(&mut b, "1b", Rule::Ratio { item: "tap-huan".into(), percent: 80.0, cmp: Cmp::AtLeast, period: Period::Years([2025, 2027]) });
    set(&mut b, "2a", Rule::UnitsShare { item: "trang-cong-dong".into(), percent: 60.0, cmp: Cmp::AtLeast, period: Period::Years([2026, 2028]), min_count: 1 });
    set(&mut b, "7a", Rule::Total { item: "quy-vi-nguoi-ngheo".into(), goal: 5_000_000, cmp: Cmp::AtLeast, period: Period::Years([2025, 2026]) });
    b.programme.validate().unwrap();
    out.push(b.clone());
    b.programme.indicators[2].targets[0].retired = true;
    set(&mut b, "8a", Rule::UnitsShare { item: "khong-co".into(), percent: 100.0, cmp: Cmp::AtLeast, period: Period::EachYear, min_count: 1 });
    let graded = Rule::UnitsShare { item: "xep-loai-to-chuc".into(), percent: 100.0, cmp: Cmp::AtLeast, period: Period::EachYear, min_count: 1 };
    b.programme.indicators[9].targets.push(crate::core::programme::Target { id: "10d".into(), label: "Tổ chức được xếp loại".into(), rule: graded, retired: false });
    // No organisation counts after 2025.
    for u in b.units.values_mut().filter(|u| u.data().kind == UnitKind::Organisation) {
        let mut stamp = u.versions.current().stamp.clone();
        stamp.hlc.ms += 1;
        let data = crate::core::book::UnitData { until: Some(2025), ..u.data().clone() };
        u.versions.set(stamp, data);
    }
    out.push(b);
    out
}

/// Days around the edges of the term: before and on the adoption day, year
/// ends and starts, and after the term.
fn days() -> Vec<NaiveDate> {
    vec![d(2024, 10, 1), d(2024, 10, 21), d(2024, 12, 31), d(2025, 1, 1), d(2025, 6, 1), d(2026, 11, 27), d(2029, 12, 31), d(2030, 1, 2)]
}

/// Every figure of every target, each year and the term, reads as the
/// reference engine's, and `explain` gives its rule, counted, missing and
/// records; every area's bar is the same too; for every variant and day.
#[test]
fn the_same_figures_as_the_reference_engine() {
    let s = varied_commune();
    for book in programme_variants(&s) {
        for today in days() {
            let new = progress::compute(&book, today);
            let old = reference::compute(&book, today);
            assert_eq!(new.len(), old.len());
            for (n, o) in new.iter().zip(&old) {
                assert_eq!((&n.target, n.indicator, n.area), (&o.target, o.indicator, o.area));
                let figures = n.years.iter().map(|(y, f)| (Some(*y), f)).chain([(None, &n.term)]);
                let old_figures = o.years.iter().map(|(y, f)| (Some(*y), f)).chain([(None, &o.term)]);
                for ((y, f), (oy, of)) in figures.zip(old_figures) {
                    let at = format!("target {}, year {y:?}, today {today}", n.target.id);
                    assert_eq!(y, oy, "{at}");
                    assert_eq!((f.status, f.percent, f.goal_percent), (of.status, of.percent, of.goal_percent), "{at}");
                    assert_eq!(f.text(), of.text, "{at}");
                    let old_why = Explanation { rule: of.rule.clone(), counted: of.counted.clone(), missing: of.missing.clone(), records: of.records.clone() };
                    assert_eq!(progress::explain(&book, &n.target.id, y, today), Some(old_why), "{at}");
                }
            }
        }
        for year in 2023..=2030 {
            let areas = reference::areas(&book, year);
            assert_eq!(progress::areas(&book, year), areas, "areas in {year}");
            // The overview's one pass reads the same figures and bars.
            let today = d(year, 11, 27);
            let (figures, bars) = progress::overview(&book, today, year);
            assert_eq!(figures, progress::compute(&book, today), "overview's figures in {year}");
            assert_eq!(bars, areas, "overview's bars in {year}");
        }
    }
}

/// The varied commune reaches every status and every shape of figure text
/// and explanation, so that comparing with the reference engine covers them.
#[test]
fn the_varied_commune_covers_every_case() {
    let s = varied_commune();
    let mut statuses = std::collections::BTreeSet::new();
    let mut texts = Vec::new();
    let mut rules = Vec::new();
    for book in programme_variants(&s) {
        for today in days() {
            for t in reference::compute(&book, today) {
                for f in t.years.iter().map(|(_, f)| f).chain([&t.term]) {
                    statuses.insert(f.status.code());
                    texts.push(f.text.clone());
                    rules.push(format!("{} | {}", f.rule, f.counted.join("; ")));
                }
            }
        }
    }
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    for shape in ["Chưa có đơn vị", "Chưa có số liệu", "năm đạt", "đồng", "—", "/0"] {
        assert!(texts.iter().any(|t| t.contains(shape)), "no figure reads “{shape}”");
    }
    assert!(texts.iter().any(|t| t.ends_with("/0") && !t.contains('%')), "N = 0 everywhere entered");
    let shapes = [
        "Không hoàn thành nhiệm vụ: ",
        "Chưa đủ số liệu",
        "(tổng số bằng 0)",
        "Chưa có tổ chức thành viên nào",
        "0/0 tổ chức thành viên xếp loại",
        "Chương trình không có mục",
        "có ít nhất 2",
        "trong 2025-2027",
        "kdc-cu: 3.000.000 đồng",
    ];
    for shape in shapes {
        assert!(rules.iter().any(|r| r.contains(shape)), "no explanation reads “{shape}”");
    }
}

/// A retired item is no longer on an area's checklist (the checklist screen
/// lists it apart, and the area's own report leaves it out): its bar and
/// the report's table of areas count only the items still followed, so an
/// area can be full again.
#[test]
fn a_retired_item_leaves_the_areas_bars_and_table() {
    use crate::core::report::{self, Period, Scope};
    let (mut s, ids) = with_areas(&["Thôn 1"]);
    let before = progress::areas(&s.book, 2026)[0].total;
    let item = s.book.programme.items.iter().position(|i| i.id == "ngay-hoi").unwrap();
    s.book.programme.items[item].retired = true;
    let env = super::editor_tests::env();
    let list = crate::core::screen::checklist::checklist(&s, Some(&ids[0]), Some(2026), &env).unwrap();
    assert!(!list.groups.iter().any(|g| g.items.iter().any(|i| i == "ngay-hoi")), "not among the items to do");
    let bars = progress::areas(&s.book, 2026);
    assert_eq!(bars[0].total, before - 1);
    let table = report::report(&s, &Scope::Commune, Period::Year(2026), &env).unwrap().areas.unwrap();
    assert_eq!(table.rows[0].total, bars[0].total, "table II counts as the bar");
    assert!(!table.legend.iter().any(|l| l.contains("Ngày hội")), "{:?}", table.legend);
}
