//! The workflows that replace or merge the whole book: importing a file
//! (preview, then apply), switching to another programme, undoing the last
//! import, restoring a backup. Each takes the current state and its inputs
//! and returns the new state with the effects the shell must run, in order,
//! before the new state takes over. Nothing else changes state but
//! `State::apply` and these.

use super::book::MergeReport;
use super::file::{self, ImportError, Incoming, Preview};
use super::state::State;
use std::fmt;

/// What the shell runs for a workflow, in order, before the new state
/// takes over. A failed `Backup` stops the workflow: nothing changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Keep a backup of this state (the data as it was).
    Backup(Box<State>),
    /// Keep this state as the undo copy, with the fingerprint the data has
    /// right after the change: undo is offered while the data still has it.
    KeepUndo { before: Box<State>, fingerprint_after: String },
    /// The undo copy can never be used again.
    DropUndo,
    /// The data went back (undo, restore): other tabs must take this state
    /// instead of merging theirs into it, which would bring back what went.
    NewGeneration,
}

/// The outcome of a workflow: the state to take, the effects to run first,
/// and what to tell the user once done.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub state: State,
    pub effects: Vec<Effect>,
    pub done: String,
}

/// What a file read for import leads to.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    /// A file of our programme: its preview, before anything changes.
    Preview { incoming: Box<Incoming>, preview: Box<Preview> },
    /// A file of another programme that carries it: offered as a switch.
    Switch { incoming: Box<Incoming>, message: String, question: String },
}

/// Reads a file for import. Changes nothing.
pub fn receive(state: &State, text: &str) -> Result<Received, ImportError> {
    match file::read(text, &state.book.programme) {
        Ok(incoming) => preview(state, incoming),
        Err(e @ ImportError::OtherProgramme { programme: Some(_), .. }) => {
            let incoming = file::read_other_programme(text)?;
            let p = &incoming.book.programme;
            let question = format!(
                "Chuyển sang chương trình “{}” ({})? Dữ liệu của chương trình hiện tại được sao lưu tự động (mục Cài đặt giữ 5 bản gần nhất); nếu còn cần, hãy tải một tệp sao lưu ở mục Cài đặt trước.",
                p.title, p.owner
            );
            Ok(Received::Switch { incoming: Box::new(incoming), message: e.message(), question })
        }
        Err(e) => Err(e),
    }
}

/// The preview of a file read earlier, against the data as it is now (an
/// open preview is made again when another tab's save changes the data).
pub fn preview(state: &State, incoming: Incoming) -> Result<Received, ImportError> {
    let preview = file::preview(&state.book, &incoming)?;
    Ok(Received::Preview { incoming: Box::new(incoming), preview: Box::new(preview) })
}

/// Merges a previewed file. The preview is made again against the data as
/// it is now (an undo may have come in between). A file with nothing new
/// changes nothing, takes no backup, and leaves the last import undoable.
pub fn import(state: &State, incoming: &Incoming, now_ms: i64) -> Result<Step, ImportError> {
    let preview = file::preview(&state.book, incoming)?;
    if preview.is_empty() {
        return Ok(Step { state: state.clone(), effects: vec![], done: "Tệp không có gì mới: dữ liệu không thay đổi.".into() });
    }
    let mut next = state.clone();
    let report: MergeReport = file::apply(&mut next, incoming, now_ms);
    let fingerprint_after = next.book.fingerprint();
    let done = format!(
        "Đã nhập: {} mục mới, {} mục được cập nhật. Mã kiểm tra mới: {fingerprint_after}.",
        report.units.values().map(|u| u.new).sum::<usize>(),
        report.units.values().map(|u| u.newer).sum::<usize>(),
    );
    let before = Box::new(state.clone());
    Ok(Step {
        state: next,
        effects: vec![Effect::Backup(before.clone()), Effect::KeepUndo { before, fingerprint_after }],
        done,
    })
}

/// Starts over on the programme a file carries (after the user confirmed).
pub fn switch(state: &State, incoming: &Incoming, now_ms: i64) -> Step {
    let mut next = state.clone();
    file::switch_programme(&mut next, incoming, now_ms);
    Step {
        state: next,
        effects: vec![Effect::Backup(Box::new(state.clone())), Effect::DropUndo],
        done: "Đã chuyển sang chương trình mới. Dữ liệu cũ đã được sao lưu.".into(),
    }
}

/// The undo copy of the last import, as kept in storage.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoCopy {
    pub fingerprint_after: String,
    pub before: State,
}

/// Why an undo cannot be done.
#[derive(Clone, Debug, PartialEq)]
pub enum UndoError {
    /// The data changed since the import: the copy can never be used again.
    Stale,
}

impl fmt::Display for UndoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Dữ liệu đã thay đổi sau lần nhập đó, nên không hoàn tác được nữa.")
    }
}

/// Whether the undo copy kept with fingerprint `kept` still applies.
pub fn undo_available(state_fingerprint: &str, kept: Option<&str>) -> bool {
    kept == Some(state_fingerprint)
}

/// Goes back to the data from before the last import, while nothing has
/// changed since it. Keeps this phone's settings and clock (see `State::restore`).
pub fn undo(state: &State, copy: &UndoCopy) -> Result<Step, UndoError> {
    if copy.fingerprint_after != state.book.fingerprint() {
        return Err(UndoError::Stale);
    }
    Ok(Step {
        state: state.restore(&copy.before),
        effects: vec![Effect::DropUndo, Effect::NewGeneration],
        done: "Đã hoàn tác lần nhập vừa rồi.".into(),
    })
}

/// Restores a backup, after taking one of the data as it is.
pub fn restore(state: &State, backup: &State) -> Step {
    Step {
        state: state.restore(backup),
        effects: vec![Effect::Backup(Box::new(state.clone())), Effect::DropUndo, Effect::NewGeneration],
        done: "Đã khôi phục bản sao lưu. Dữ liệu trước đó cũng đã được sao lưu.".into(),
    }
}

/// Another tab went back (undo, restore) and saved `theirs` under a new
/// generation: this tab takes it as it is, instead of merging into it what
/// the other tab just removed. What this tab wrote since it last saw the
/// stored data (`base`) is not merged back silently: it is backed up, and
/// (same programme) offered as a file-like import the user previews.
pub fn follow_generation(mine: &State, base: &super::book::Book, theirs: State) -> Followed {
    let own = mine.book.versions_not_in(base);
    let mut state = theirs;
    // This phone's clock never goes back.
    state.local.clock = state.local.clock.max(mine.local.clock);
    if own.records.is_empty() && own.units.is_empty() {
        return Followed { state, effects: vec![], kept: None };
    }
    let kept = (own.programme.id == state.book.programme.id).then(|| Incoming {
        book: own,
        scope: file::Scope::All,
        exported_ms: None,
        device: Some(mine.local.device.clone()),
    });
    Followed { state, effects: vec![Effect::Backup(Box::new(mine.clone()))], kept }
}

/// See [`follow_generation`].
#[derive(Clone, Debug, PartialEq)]
pub struct Followed {
    pub state: State,
    pub effects: Vec<Effect>,
    /// This tab's own changes, to preview as an import.
    pub kept: Option<Incoming>,
}

/// Why a workflow stopped before changing anything: its backup failed.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupFailed {
    pub what: Workflow,
    /// Why storage refused, in Vietnamese.
    pub why: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workflow {
    Import,
    Switch,
    Restore,
    /// Publishing a programme written or revised in the editor.
    Publish,
}

impl fmt::Display for BackupFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = &self.why;
        match self.what {
            Workflow::Import => write!(
                f,
                "Chưa nhập: không sao lưu được dữ liệu hiện tại trước khi nhập ({why}) Hãy tải tệp sao lưu ở mục Cài đặt rồi thử lại."
            ),
            Workflow::Switch => write!(f, "Chưa chuyển: không sao lưu được dữ liệu hiện tại ({why})"),
            Workflow::Restore => write!(f, "Chưa khôi phục: không sao lưu được dữ liệu hiện tại trước ({why})."),
            Workflow::Publish => write!(f, "Chưa áp dụng chương trình: không sao lưu được dữ liệu hiện tại trước ({why}). Bản nháp vẫn được giữ."),
        }
    }
}
