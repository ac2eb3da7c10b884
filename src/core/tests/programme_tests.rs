use crate::core::default_programme;
use crate::core::programme::{Cmp, Period, Rule};

/// The seed page, copied into the repository (tests/data, see its README).
fn seed_lines() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/chuong-trinh-hanh-dong-2024-2029.txt");
    let text = std::fs::read_to_string(path).expect("the seed text is in tests/data");
    text.lines().skip(96).take(102).map(str::to_string).collect()
}

#[test]
fn embedded_programme_has_the_seed_counts() {
    let p = default_programme();
    assert_eq!(p.id, "ha-hai-2024-2029");
    assert_eq!(p.owner, "xã Hà Hải");
    assert_eq!(p.indicators.len(), 10);
    assert_eq!(p.indicators.iter().map(|i| i.number).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(p.parts.len(), 6);
    assert_eq!(p.parts.iter().map(|a| a.tasks.len()).collect::<Vec<_>>(), vec![5, 5, 4, 2, 4, 3]);
    assert_eq!(p.parts.iter().map(|a| a.solutions.len()).collect::<Vec<_>>(), vec![6, 10, 6, 3, 9, 4]);
    assert_eq!(p.all_tasks().count(), 61);
    assert_eq!(p.term.start.to_string(), "2024-10-21");
    assert_eq!((p.term.first_year, p.term.last_year), (2024, 2029));
    p.validate().expect("the embedded programme is valid");
}

#[test]
fn embedded_texts_are_verbatim_from_the_seed() {
    let seed = seed_lines();
    let p = default_programme();
    assert_eq!(p.objective, seed[1]);
    // Every indicator paragraph is a seed line after its "(n) " or "n) " prefix.
    for ind in &p.indicators {
        for (k, para) in ind.text.split('\n').enumerate() {
            let found = seed.iter().any(|l| {
                if k == 0 {
                    l == &format!("({}) {para}", ind.number) || l == &format!("{}) {para}", ind.number)
                } else {
                    l == para
                }
            });
            assert!(found, "indicator {} paragraph {k} is not verbatim", ind.number);
        }
    }
    assert!(p.indicators[4].text.contains("\nHàng năm, 100% gia đình hộ nghèo"));
    assert!(p.indicators[7].text.starts_with("100% Mặt trận Tổ quốc Việt Nam các cấp trong xã thực hiện tốt việc nắm tình hình"));
    for a in &p.parts {
        assert!(seed.contains(&format!("{}. {}", a.number, a.title)), "area {} title", a.number);
        assert!(seed.iter().any(|l| l.ends_with(&a.objective) && l.contains("Mục tiêu")), "area {} objective", a.number);
        for t in a.tasks.iter().chain(a.solutions.iter()) {
            // Bullets ("- " or "-") and one stray backslash are scraping artefacts.
            let found = seed
                .iter()
                .any(|l| l.replace(" \\Phối hợp", " Phối hợp") == format!("- {}", t.text) || *l == format!("-{}", t.text));
            assert!(found, "{} is not verbatim: {}", t.id, t.text);
        }
    }
    assert!(p.parts[1].solutions.iter().any(|s| s.text.starts_with("Phát huy vai trò giám sát của Ban Thanh tra nhân dân")));
    assert!(p.parts[5].solutions[3].text.contains("Trên 99% hộ gia đình ký cam kết đảm bảo an toàn giao thông"));
}

#[test]
fn targets_follow_the_design_mapping() {
    let p = default_programme();
    let fund = p.all_targets().find(|t| t.id == "5a").unwrap();
    assert_eq!(
        fund.rule,
        Rule::Total { item: "quy-vi-nguoi-ngheo".into(), goal: 20_000_000, cmp: Cmp::MoreThan, period: Period::Term }
    );
    let house = p.all_targets().find(|t| t.id == "5b").unwrap();
    assert_eq!(house.rule.period(), Period::Years([2024, 2025]));
    assert_eq!(p.all_targets().count(), 20);
    assert_eq!(p.items.len(), 20);
    assert_eq!(p.grades.len(), 4);
    assert_eq!(p.organisations.len(), 5);
}

#[test]
fn validation_names_the_bad_field() {
    let mut p = default_programme();
    p.indicators[2].targets[0].rule = Rule::UnitsShare {
        item: "khong-co".into(),
        percent: 100.0,
        cmp: Cmp::AtLeast,
        period: Period::EachYear,
        min_count: 1,
    };
    let e = p.validate().unwrap_err();
    assert_eq!(e.path, "programme.indicators[2].targets[0].item");
    assert!(e.message.contains("khong-co"));

    let mut p = default_programme();
    p.items[1].id = p.items[0].id.clone();
    assert_eq!(p.validate().unwrap_err().path, "programme.items[1].id");

    let mut p = default_programme();
    p.term.last_year = 2020;
    assert_eq!(p.validate().unwrap_err().path, "programme.term");

    // Targets the progress engine cannot compute from their item are refused:
    // a total of a yearly count (totals read logged events), a term-long
    // share of a yearly item.
    let yearly_count = default_programme().items.iter().find(|i| i.cadence == crate::core::programme::Cadence::Yearly
        && i.value == crate::core::programme::ValueKind::Count).unwrap().id.clone();
    let yearly_done = "ngay-hoi".to_string();
    for rule in [
        Rule::Total { item: yearly_count, goal: 3, cmp: Cmp::AtLeast, period: Period::EachYear },
        Rule::UnitsShare { item: yearly_done, percent: 100.0, cmp: Cmp::AtLeast, period: Period::Term, min_count: 1 },
    ] {
        let mut p = default_programme();
        p.indicators[2].targets[0].rule = rule.clone();
        let e = p.validate().unwrap_err();
        assert_eq!(e.path, "programme.indicators[2].targets[0].kind", "{rule:?}");
        assert!(e.message.contains("không tính được"), "{}", e.message);
    }
}

#[test]
fn term_years_start_on_adoption_day() {
    let t = default_programme().term;
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(t.year_start(2024), d(2024, 10, 21));
    assert_eq!(t.year_start(2025), d(2025, 1, 1));
    assert_eq!(t.year_end(2029), d(2029, 12, 31));
    assert_eq!(t.current_year(d(2023, 5, 1)), 2024);
    assert_eq!(t.current_year(d(2026, 11, 27)), 2026);
    assert_eq!(t.current_year(d(2031, 1, 1)), 2029);
    assert!(!t.contains_date(d(2024, 10, 20)));
    assert!(t.contains_date(d(2024, 10, 21)));
}

/// Targets, values, roles and scopes are written through flat JSON shapes
/// (not serde's tagged enums): each reads back as itself, defaults apply,
/// and a missing field is named in Vietnamese.
#[test]
fn flat_json_shapes_read_back_and_name_missing_fields() {
    use crate::core::book::{TaskStatus, Value};
    use crate::core::file::Scope;
    use crate::core::state::Role;
    let p = default_programme();
    let json = serde_json::to_string(&p).unwrap();
    let back: crate::core::programme::Programme = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    let t: crate::core::programme::Target =
        serde_json::from_str(r#"{"id":"t","label":"L","kind":"units_share","item":"ngay-hoi","min_percent":100}"#).unwrap();
    assert_eq!(t.rule, Rule::UnitsShare { item: "ngay-hoi".into(), percent: 100.0, cmp: Cmp::AtLeast, period: Period::EachYear, min_count: 1 });
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"id":"t","label":"L","kind":"units_share","item":"ngay-hoi","min_percent":100.0,"period":"each_year","min_count":1}"#
    );
    let e = serde_json::from_str::<crate::core::programme::Target>(r#"{"id":"t","label":"L","kind":"total","item":"x","min":5}"#)
        .unwrap_err();
    assert!(e.to_string().contains("thiếu trường bắt buộc “period”"), "{e}");
    for v in [
        Value::Empty,
        Value::Done { done: true },
        Value::Count { count: 3 },
        Value::Amount { dong: 5_000_000 },
        Value::Ratio { n: 3, of: 5 },
        Value::Grade { grade: "tot".into() },
        Value::Status { status: TaskStatus::InProgress },
    ] {
        let j = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&j).unwrap(), v, "{j}");
    }
    assert_eq!(serde_json::to_string(&Value::Ratio { n: 3, of: 5 }).unwrap(), r#"{"kind":"ratio","n":3,"of":5}"#);
    assert!(serde_json::from_str::<Value>(r#"{"kind":"ratio","n":3}"#).unwrap_err().to_string().contains("“of”"));
    for r in [Role::Commune, Role::Area { unit: "k1".into() }] {
        assert_eq!(serde_json::from_str::<Role>(&serde_json::to_string(&r).unwrap()).unwrap(), r);
    }
    assert_eq!(serde_json::to_string(&Role::Area { unit: "k1".into() }).unwrap(), r#"{"keeps":"area","unit":"k1"}"#);
    assert!(serde_json::from_str::<Role>(r#"{"keeps":"area"}"#).is_err());
    for s in [Scope::All, Scope::Unit { unit: "k1".into() }] {
        assert_eq!(serde_json::from_str::<Scope>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }
    assert_eq!(serde_json::to_string(&Scope::All).unwrap(), r#"{"covers":"all"}"#);
}

/// Goals to reach and ceilings not to pass read back as themselves, and
/// the JSON of the existing "at least" and "more than" shapes is unchanged.
#[test]
fn comparisons_read_back_and_old_shapes_stay_the_same() {
    use crate::core::programme::Target;
    let cases = [
        (Rule::Total { item: "x".into(), goal: 5, cmp: Cmp::AtMost, period: Period::Term }, r#""max":5,"strictly_less":false"#),
        (Rule::Ratio { item: "x".into(), percent: 1.5, cmp: Cmp::LessThan, period: Period::EachYear }, r#""max_percent":1.5,"strictly_less":true"#),
        (Rule::Ratio { item: "x".into(), percent: 99.0, cmp: Cmp::MoreThan, period: Period::EachYear }, r#""min_percent":99.0,"strictly_more":true"#),
        (Rule::Total { item: "x".into(), goal: 1, cmp: Cmp::AtLeast, period: Period::EachYear }, r#""min":1,"strictly_more":false"#),
    ];
    for (rule, json) in cases {
        let t = Target { id: "t".into(), label: "L".into(), rule: rule.clone(), retired: false };
        let text = serde_json::to_string(&t).unwrap();
        assert!(text.contains(json), "{text}");
        assert_eq!(serde_json::from_str::<Target>(&text).unwrap(), t);
    }
    let retired = Target { id: "t".into(), label: "L".into(), rule: cases_rule(), retired: true };
    let text = serde_json::to_string(&retired).unwrap();
    assert!(text.contains(r#""retired":true"#), "{text}");
    assert_eq!(serde_json::from_str::<Target>(&text).unwrap(), retired);
    // The embedded programme writes no new field.
    let p = default_programme();
    let json = serde_json::to_string(&p).unwrap();
    for absent in ["retired", "max", "strictly_less", "\"kind\":\"action\""] {
        assert!(!json.contains(absent), "{absent}");
    }
    assert!(json.contains(r#""areas":["#));
}

fn cases_rule() -> Rule {
    Rule::UnitsShare { item: "ngay-hoi".into(), percent: 100.0, cmp: Cmp::AtLeast, period: Period::EachYear, min_count: 1 }
}

#[test]
fn parts_of_other_kinds_are_named_by_their_rank_among_their_kind() {
    use crate::core::programme::{Part, PartKind};
    let mut p = default_programme();
    p.parts.push(Part {
        number: 7,
        kind: PartKind::Breakthrough,
        title: "Chuyển đổi số".into(),
        objective: String::new(),
        tasks: vec![],
        solutions: vec![],
        targets: vec![],
        retired: false,
    });
    p.validate().unwrap();
    assert_eq!(p.part_name(&p.parts[6]), "Khâu đột phá 1");
    assert_eq!(p.part_name(&p.parts[2]), "Chương trình hành động 3");
    let back: crate::core::programme::Programme = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
    p.parts[6].number = 3;
    assert_eq!(p.validate().unwrap_err().path, "programme.areas[6].number");
}

#[test]
fn validation_refuses_what_an_editor_could_leave_wrong() {
    let check = |f: &dyn Fn(&mut crate::core::programme::Programme), path: &str| {
        let mut p = default_programme();
        f(&mut p);
        let e = p.validate().unwrap_err();
        assert_eq!(e.path, path, "{}", e.message);
        assert!(!e.message.is_empty());
    };
    check(&|p| p.indicators.clear(), "programme.indicators");
    check(&|p| p.owner = " ".into(), "programme.owner");
    check(&|p| p.items[0].label = String::new(), "programme.items[0].label");
    check(&|p| p.items[0].indicator = Some(42), "programme.items[0].indicator");
    check(&|p| p.parts[0].title = String::new(), "programme.areas[0].title");
    check(&|p| p.indicators[0].text = "  ".into(), "programme.indicators[0].text");
    check(
        &|p| {
            if let Rule::UnitsShare { percent, .. } = &mut p.indicators[0].targets[0].rule {
                *percent = 120.0;
            }
        },
        "programme.indicators[0].targets[0].min_percent",
    );
    check(
        &|p| {
            if let Rule::UnitsShare { cmp, .. } = &mut p.indicators[0].targets[0].rule {
                *cmp = Cmp::AtMost;
            }
        },
        "programme.indicators[0].targets[0].kind",
    );
    // Found by the import fuzzer: years from a file near i32::MIN overflowed
    // the term's length check (a panic in debug builds).
    check(&|p| p.term.first_year = i32::MIN, "programme.term");
    check(&|p| (p.term.first_year, p.term.last_year) = (i32::MIN, i32::MAX), "programme.term");
    check(&|p| p.organisations[1] = " ".into(), "programme.organisations[1]");
}

#[test]
fn the_default_programme_id_names_the_embedded_programme() {
    assert_eq!(default_programme().id, crate::core::DEFAULT_PROGRAMME_ID);
}
