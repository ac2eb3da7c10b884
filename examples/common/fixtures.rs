//! A generated commune for the benchmarks.

use sotay::core::book::{Entry, RecordKey, UnitKind, Value};
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

