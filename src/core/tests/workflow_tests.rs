//! The workflows that replace or merge the whole book, with their effects.

use super::record_tests::{add_area, done, fresh, T0};
use crate::core::default_programme;
use crate::core::file::{self, Scope};
use crate::core::state::{Action, Role, State};
use crate::core::workflow::{self, Effect, Received, UndoCopy, UndoError};

fn village_file() -> (State, String) {
    let mut v = fresh("village");
    let t = add_area(&mut v, "Thôn 1", T0 + 1);
    v.apply(done(&t, "ngay-hoi", 2025), T0 + 2).unwrap();
    let text = file::export(&v.book, &Scope::All, "village", T0 + 3).unwrap();
    (v, text)
}

fn preview_of(state: &State, text: &str) -> Box<file::Incoming> {
    match workflow::receive(state, text).unwrap() {
        Received::Preview { incoming, preview } => {
            assert!(preview.changes() > 0);
            incoming
        }
        other => panic!("expected a preview, got {other:?}"),
    }
}

#[test]
fn import_backs_up_keeps_an_undo_copy_and_undo_goes_back() {
    let (village, text) = village_file();
    let mut commune = fresh("commune");
    commune.apply(Action::FinishSetup, T0).unwrap();
    let before = commune.clone();
    let incoming = preview_of(&commune, &text);
    let step = workflow::import(&commune, &incoming, T0 + 10).unwrap();
    assert_eq!(step.state.book.fingerprint(), village.book.fingerprint());
    let fp = step.state.book.fingerprint();
    assert_eq!(
        step.effects,
        vec![
            Effect::Backup(Box::new(before.clone())),
            Effect::KeepUndo { before: Box::new(before.clone()), fingerprint_after: fp.clone() }
        ]
    );
    assert!(step.done.contains("Đã nhập: 2 mục mới") && step.done.contains(&fp), "{}", step.done);
    commune = step.state;
    assert!(workflow::undo_available(&commune.book.fingerprint(), Some(&fp)));

    // The same file again: nothing new, no backup rotated out, undo still there.
    let again = workflow::import(&commune, &incoming, T0 + 20).unwrap();
    assert!(again.effects.is_empty());
    assert_eq!(again.state, commune);
    assert!(again.done.contains("không có gì mới"));

    let copy = UndoCopy { fingerprint_after: fp, before: before.clone() };
    let undone = workflow::undo(&commune, &copy).unwrap();
    assert_eq!(undone.state.book, before.book);
    assert_eq!(undone.effects, vec![Effect::DropUndo, Effect::NewGeneration]);
    assert!(undone.state.local.clock >= commune.local.clock, "the clock never goes back");
    assert!(undone.state.local.set_up, "this phone's settings stay");

    // After any change the copy can never be used.
    let mut changed = commune.clone();
    let t = changed.book.units_of(crate::core::book::UnitKind::Area)[0].0.to_string();
    changed.apply(done(&t, "phong-trao", 2025), T0 + 30).unwrap();
    assert!(!workflow::undo_available(&changed.book.fingerprint(), Some(&copy.fingerprint_after)));
    assert_eq!(workflow::undo(&changed, &copy), Err(UndoError::Stale));
}

#[test]
fn a_file_of_another_programme_is_offered_as_a_switch_with_a_backup_first() {
    let mut other = default_programme();
    other.id = "linh-toai-2025-2030".into();
    other.owner = "xã Lĩnh Toại".into();
    let theirs = State::fresh(other.clone(), "lt".into(), T0);
    let text = file::export(&theirs.book, &Scope::All, "lt", T0).unwrap();
    let mut ours = fresh("ours");
    let t = add_area(&mut ours, "Thôn 2", T0 + 1);
    ours.apply(Action::SetRole(Role::Area { unit: t }), T0 + 2).unwrap();
    ours.apply(Action::FinishSetup, T0 + 2).unwrap();
    let Received::Switch { incoming, message, question } = workflow::receive(&ours, &text).unwrap() else {
        panic!("a switch")
    };
    assert!(message.contains("xã Lĩnh Toại") && question.starts_with("Chuyển sang chương trình"), "{message} / {question}");
    let step = workflow::switch(&ours, &incoming, T0 + 5);
    assert_eq!(step.effects, vec![Effect::Backup(Box::new(ours.clone())), Effect::DropUndo]);
    assert_eq!(step.state.book.programme.id, "linh-toai-2025-2030");
    assert_eq!(step.state.local.role, Role::Commune, "the area is not in the new programme's book: choose again");
    assert!(!step.state.local.set_up);
}

#[test]
fn restore_backs_up_first_and_starts_a_new_generation() {
    let mut s = fresh("a");
    let backup = s.clone();
    let t = add_area(&mut s, "Thôn 1", T0 + 1);
    s.apply(done(&t, "ngay-hoi", 2025), T0 + 2).unwrap();
    let step = workflow::restore(&s, &backup);
    assert_eq!(step.state.book, backup.book);
    assert_eq!(step.effects, vec![Effect::Backup(Box::new(s.clone())), Effect::DropUndo, Effect::NewGeneration]);
    assert!(step.state.local.clock >= s.local.clock);
}

/// Tab A undoes an import while tab B, which had seen the import, writes
/// something: B takes A's data as it is (the import stays undone) and gets
/// its own change back as an import to preview; a backup of B comes first.
#[test]
fn a_tab_follows_an_undo_elsewhere_and_keeps_its_own_change_aside() {
    let (_, text) = village_file();
    let a0 = fresh("phone");
    let incoming = preview_of(&a0, &text);
    let imported = workflow::import(&a0, &incoming, T0 + 10).unwrap();
    let fp = imported.state.book.fingerprint();
    // Both tabs have the imported data; B saw it as stored text (its base).
    let base = imported.state.book.clone();
    let mut b = imported.state.clone();
    let t = b.book.units_of(crate::core::book::UnitKind::Area)[0].0.to_string();
    b.apply(done(&t, "phong-trao", 2025), T0 + 20).unwrap();
    let undone = workflow::undo(&imported.state, &UndoCopy { fingerprint_after: fp, before: a0.clone() }).unwrap();

    let followed = workflow::follow_generation(&b, &base, undone.state.clone());
    assert_eq!(followed.state.book, a0.book, "the undone import does not come back");
    assert_eq!(followed.effects, vec![Effect::Backup(Box::new(b.clone()))]);
    let kept = followed.kept.expect("B's own change is kept aside");
    assert_eq!(kept.book.records.len(), 1);
    let preview = file::preview(&followed.state.book, &kept).unwrap();
    assert_eq!(preview.changes(), 2, "the area it belongs to and the record");

    // Nothing written since the base: nothing kept, no backup.
    let quiet = workflow::follow_generation(&imported.state, &base, undone.state);
    assert!(quiet.kept.is_none() && quiet.effects.is_empty());
}
