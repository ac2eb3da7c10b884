//! The programme editor: renders `core::editor`'s models and sends its
//! edits. The draft is kept in storage after every edit, so a reload or a
//! closed tab loses nothing. Fields send what was typed when they are left;
//! every card and field reads its own slice of the model, so a field being
//! typed into is never rebuilt by an edit elsewhere.

use crate::core::editor::{
    self, Button, CheckField, Draft, Edit, EditorModel, EditorScreen, FieldError, IndicatorCard, ItemCard, NameRow, PartCard,
    PasteModel, RowControls, SelectField, StartModel, SuggestionCard, TargetCard, TaskRow, TextField,
};
use crate::core::recognise;
use crate::core::workflow::Workflow;
use crate::storage;
use crate::ui::{ctx, widgets, Ctx};
use leptos::prelude::*;

/// The draft being edited and the error of the last refused edit.
#[derive(Clone, Copy)]
struct Editing {
    c: Ctx,
    draft: RwSignal<Option<Draft>>,
    pending: RwSignal<Option<FieldError>>,
    /// What the last publish said, or why it failed.
    said: RwSignal<Option<Said>>,
}

/// What publishing said: done (with where to go next, as a link and its
/// label) or refused.
#[derive(Clone)]
struct Said {
    ok: bool,
    text: String,
    next: Option<(String, String)>,
}

impl Said {
    fn refused(e: impl ToString) -> Option<Said> {
        Some(Said { ok: false, text: e.to_string(), next: None })
    }
}

impl Editing {
    /// Applies an edit to the draft and keeps it; a refused edit shows at its field.
    fn send(self, edit: Edit) {
        let mut next = match self.draft.get_untracked() {
            Some(d) => d,
            None => return,
        };
        let r = self.c.state.with_untracked(|s| editor::apply(&mut next, edit, s));
        match r {
            Ok(()) => {
                self.pending.set(None);
                self.keep(next);
            }
            Err(e) => self.pending.set(Some(e)),
        }
    }

    /// Takes a draft as the one being edited, and keeps it in storage.
    fn keep(self, draft: Draft) {
        if let Err(e) = storage::keep_draft(&draft.to_text()) {
            self.c.notice.set(Some(format!("Chưa lưu được bản nháp: {e} Bản nháp vẫn còn khi trang còn mở.")));
        }
        self.draft.set(Some(draft));
    }

    fn drop(self) {
        storage::drop_draft();
        self.pending.set(None);
        self.draft.set(None);
    }
}

/// `revise`: with no draft kept, begin a revision of the programme followed.
#[component]
pub fn Editor(revise: bool) -> impl IntoView {
    let c = ctx();
    // A damaged stored draft is never silently dropped: it is said, and kept until replaced.
    let (initial, damaged) = match storage::draft().map(|t| Draft::from_text(&t)) {
        None => (None, None),
        Some(Ok(d)) => (Some(d), None),
        Some(Err(e)) => (None, Some(e.to_string())),
    };
    let ed = Editing { c, draft: RwSignal::new(None), pending: RwSignal::new(None), said: RwSignal::new(None) };
    match initial {
        Some(d) => ed.draft.set(Some(d)),
        // Only the commune's phone edits; the editor says so on an area's.
        None if revise && damaged.is_none() && c.state.with_untracked(|s| s.own_unit().is_none()) => {
            ed.keep(c.state.with_untracked(Draft::edit_current))
        }
        None => {}
    }
    let pasting = RwSignal::new(false);
    let screen = Memo::new(move |_| {
        let (d, p) = (ed.draft.get(), ed.pending.get());
        c.state.with(|s| editor::editor(s, d.as_ref(), p.as_ref(), &c.env()))
    });
    let kind = Memo::new(move |_| match screen.get() {
        EditorScreen::NotHere { .. } => 0,
        EditorScreen::Start(_) => 1,
        EditorScreen::Editing(_) => 2,
    });
    let model = Memo::new(move |_| match screen.get() {
        EditorScreen::Editing(m) => Some(*m),
        _ => None,
    });
    view! {
        <div class="screen editor">
            {damaged.map(|e| view! { <p class="error" role="alert" id="draft-damaged">{e}</p> })}
            {move || ed.said.get().map(|Said { ok, text, next }| view! {
                <div class=if ok { "ok" } else { "error" } role="status" id="publish-said">
                    <p>{text}</p>
                    {next.map(|(href, label)| view! { <p><a class="button primary" id="publish-next" href=href>{label}</a></p> })}
                </div>
            })}
            <Show when=move || pasting.get()>
                <Paste ed pasting/>
            </Show>
            <Show when=move || !pasting.get()>
                {move || match kind.get() {
                    0 => match screen.get_untracked() {
                        EditorScreen::NotHere { message } => view! { <p class="hint" id="editor-not-here">{message}</p> }.into_any(),
                        _ => ().into_any(),
                    },
                    1 => match screen.get_untracked() {
                        EditorScreen::Start(m) => start_view(ed, *m, pasting).into_any(),
                        _ => ().into_any(),
                    },
                    _ => view! { <EditingView ed model pasting/> }.into_any(),
                }}
            </Show>
        </div>
    }
}

fn start_view(ed: Editing, m: StartModel, pasting: RwSignal<bool>) -> impl IntoView {
    let c = ed.c;
    let owner = RwSignal::new(String::new());
    let blank = move |_| ed.keep(Draft::new_blank(&owner.get_untracked(), editor::default_term()));
    view! {
        <h2>{m.heading}</h2>
        <section class="group">
            <button class="primary big" id="editor-revise" on:click=move |_| ed.keep(c.state.with_untracked(Draft::edit_current))>{m.revise_label}</button>
            <p class="hint">{m.revise_about}</p>
        </section>
        <section class="group">
            <p class="hint">{m.new_note}</p>
            <button class="big" id="editor-paste" on:click=move |_| pasting.set(true)>{m.paste_label}</button>
            <p class="hint">{m.paste_about}</p>
            <button class="big" id="editor-example" on:click=move |_| ed.keep(Draft::copy_of_example())>{m.example_label}</button>
            <p class="hint">{m.example_about}</p>
            <label>"Tên xã (ví dụ: xã Lĩnh Toại)"
                <input type="text" id="editor-blank-owner" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev)) />
            </label>
            <button class="big" id="editor-blank" on:click=blank>{m.blank_label}</button>
            <p class="hint">{m.blank_about}</p>
        </section>
    }
}

/// Pasting a programme's text: what was recognised, before anything is kept.
#[component]
fn Paste(ed: Editing, pasting: RwSignal<bool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let read = RwSignal::new(None::<Result<PasteModel, String>>);
    let on_read = move |_| {
        read.set(Some(ed.draft.with_untracked(|d| editor::paste_preview(&text.get_untracked(), d.as_ref()))));
    };
    let use_it = move |_| {
        let Some(Ok(m)) = read.get_untracked() else { return };
        let t = text.get_untracked();
        if ed.draft.with_untracked(|d| d.is_some()) {
            if let Some(q) = &m.confirm {
                if !widgets::confirm(q) {
                    return;
                }
            }
            ed.send(Edit::PasteTexts { text: t });
        } else {
            match recognise::recognise(&t) {
                Ok(r) => ed.keep(Draft::from_recognised(r)),
                Err(e) => return read.set(Some(Err(e.to_string()))),
            }
        }
        pasting.set(false);
    };
    view! {
        <h2>"Dán văn bản chương trình"</h2>
        <p class="hint">"Sao chép từ tệp Word hoặc trang web phần mục tiêu, các chỉ tiêu và các chương trình (khâu đột phá, đề án), rồi dán vào ô dưới đây. Chưa có gì được giữ cho đến khi bấm dùng."</p>
        <textarea id="paste-text" rows="10" aria-label="Văn bản chương trình" prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        <div class="row">
            <button class="primary" id="paste-read" on:click=on_read>"Đọc văn bản"</button>
            <button on:click=move |_| pasting.set(false)>"Quay lại"</button>
        </div>
        {move || read.get().map(|r| match r {
            Err(e) => view! { <p class="error" role="alert" id="paste-error">{e}</p> }.into_any(),
            Ok(m) => view! {
                <section class="group paste-result" id="paste-result">
                    <h3 id="paste-summary">{m.summary}</h3>
                    <p><strong>{m.title}</strong></p>
                    <p>{m.owner}" · "{m.term}</p>
                    <details class="more"><summary>"Mục tiêu"</summary><p>{m.objective}</p></details>
                    <ol class="indicators">
                        {m.indicators.into_iter().map(|i| view! {
                            <li class="pasted-indicator">
                                <div>
                                    <p><strong>{i.title}</strong></p>
                                    {i.text.split('\n').map(|t| view! { <p>{t.to_string()}</p> }).collect_view()}
                                    {(!i.suggestions.is_empty()).then(|| view! {
                                        <ul class="suggested">{i.suggestions.into_iter().map(|s| view! { <li>{s.sentence}</li> }).collect_view()}</ul>
                                    })}
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                    {m.parts.into_iter().map(|a| view! {
                        <details class="card pasted-part">
                            <summary>{format!("{}: {}", a.name, a.title)}</summary>
                            <p>{a.objective}</p>
                            <h4>{a.tasks_heading}</h4>
                            <ol class="tasks">{a.tasks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol>
                            <h4>{a.solutions_heading}</h4>
                            <ol class="tasks">{a.solutions.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol>
                        </details>
                    }).collect_view()}
                    <p class="closing">{m.closing}</p>
                    {m.skipped_heading.map(|h| view! {
                        <details class="more"><summary>{h}</summary>
                            <ul>{m.skipped.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    <p class="hint">{m.suggestions_note}</p>
                    <button class="primary big" id="paste-use" on:click=use_it>{m.use_label}</button>
                </section>
            }.into_any(),
        })}
    }
}

/// A part of the model, redrawn only when it changes.
fn slice<T: Clone + PartialEq + Send + Sync + 'static>(
    model: Memo<Option<EditorModel>>,
    f: impl Fn(&EditorModel) -> T + Send + Sync + 'static,
) -> Memo<Option<T>> {
    Memo::new(move |_| model.with(|m| m.as_ref().map(&f)))
}

#[component]
fn EditingView(ed: Editing, model: Memo<Option<EditorModel>>, pasting: RwSignal<bool>) -> impl IntoView {
    let c = ed.c;
    let heads = slice(model, |m| (m.heading.clone(), m.about.clone(), m.notices.clone()));
    let general = slice(model, |m| m.general.clone());
    let field = move |f: fn(&editor::General) -> TextField| Memo::new(move |_| general.with(|g| g.as_ref().map(f)));
    let indicators = slice(model, |m| m.indicators.iter().map(|i| i.number).collect::<Vec<_>>());
    let parts = slice(model, |m| m.parts.iter().map(|p| p.number).collect::<Vec<_>>());
    let indicators_heading = slice(model, |m| m.indicators_heading.clone());
    let indicators_error = slice(model, |m| m.indicators_error.clone());
    let parts_heading = slice(model, |m| m.parts_heading.clone());
    let organisations_heading = slice(model, |m| m.organisations_heading.clone());
    let organisations_note = slice(model, |m| m.organisations_note.clone());
    let grades_heading = slice(model, |m| m.grades_heading.clone());
    let grades_note = slice(model, |m| m.grades_note.clone());
    let grades_error = slice(model, |m| m.grades_error.clone());
    let organisations = slice(model, |m| m.organisations.clone());
    let grades = slice(model, |m| m.grades.clone());
    let buttons = slice(model, |m| (m.add_indicator.clone(), m.add_parts.clone(), m.add_organisation.clone(), m.add_grade.clone()));
    let footer = slice(model, |m| {
        (m.changes_heading.clone(), m.changes.clone(), m.errors.clone(), m.status.clone(), m.publish.clone(), m.paste.clone(), m.discard.clone())
    });
    let publish = move || {
        let Some(d) = ed.draft.get_untracked() else { return };
        let published = c.state.with_untracked(|s| editor::publish(s, &d, crate::ui::now_ms()));
        match published {
            Err(e) => {
                ed.pending.set(e.errors.first().cloned());
                ed.said.set(Said::refused(&e));
            }
            Ok(p) => {
                let next = (p.next.href(c.page), p.next_label.clone());
                leptos::task::spawn_local(async move {
                    match c.run(p.step, Workflow::Publish).await {
                        Ok(done) => {
                            ed.drop();
                            ed.said.set(Some(Said { ok: true, text: done, next: Some(next) }));
                        }
                        Err(e) => ed.said.set(Said::refused(&e)),
                    }
                });
            }
        }
    };
    let alert = move |e: Memo<Option<Option<String>>>| move || e.get().flatten().map(|e| view! { <p class="error" role="alert">{e}</p> });
    view! {
        <h2 id="editor-heading">{move || heads.with(|h| h.as_ref().map(|h| h.0.clone()))}</h2>
        <p class="hint">{move || heads.with(|h| h.as_ref().map(|h| h.1.clone()))}</p>
        {move || heads.with(|h| h.as_ref().map(|h| h.2.clone())).unwrap_or_default().into_iter().map(|n| view! { <p class="warning">{n}</p> }).collect_view()}
        <section class="group" id="editor-general">
            <h3>"Thông tin chung"</h3>
            <TextInput ed field=field(|g| g.title.clone())/>
            <TextInput ed field=field(|g| g.owner.clone())/>
            <TextInput ed field=field(|g| g.start.clone()) kind="date"/>
            <TextInput ed field=field(|g| g.last_year.clone()) kind="number"/>
            <p class="hint">{move || general.with(|g| g.as_ref().map(|g| g.term.clone()))}</p>
            <TextInput ed field=field(|g| g.objective.clone())/>
            <TextInput ed field=field(|g| g.closing.clone())/>
        </section>
        <section class="group" id="editor-indicators">
            <h3>{move || indicators_heading.get()}</h3>
            {alert(indicators_error)}
            {widgets::keyed(move || indicators.get().unwrap_or_default().into_iter().map(|number| {
                widgets::Row::new(number.to_string(), move || view! { <IndicatorView ed model number/> }.into_any())
            }).collect())}
            {move || buttons.with(|b| b.as_ref().map(|b| b.0.clone())).map(|b| button(ed, b, "add-indicator"))}
        </section>
        <section class="group" id="editor-parts">
            <h3>{move || parts_heading.get()}</h3>
            {widgets::keyed(move || parts.get().unwrap_or_default().into_iter().map(|number| {
                widgets::Row::new(number.to_string(), move || view! { <PartView ed model number/> }.into_any())
            }).collect())}
            <div class="row">
                {move || buttons.with(|b| b.as_ref().map(|b| b.1.clone())).unwrap_or_default().into_iter().enumerate()
                    .map(|(i, b)| button(ed, b, &format!("add-part-{i}"))).collect_view()}
            </div>
        </section>
        <section class="group" id="editor-organisations">
            <h3>{move || organisations_heading.get()}</h3>
            <p class="hint">{move || organisations_note.get()}</p>
            {move || organisations.get().unwrap_or_default().into_iter().map(|r| name_row(ed, r)).collect_view()}
            {move || buttons.with(|b| b.as_ref().map(|b| b.2.clone())).map(|b| button(ed, b, "add-organisation"))}
        </section>
        <section class="group" id="editor-grades">
            <h3>{move || grades_heading.get()}</h3>
            <p class="hint">{move || grades_note.get()}</p>
            {alert(grades_error)}
            {move || grades.get().unwrap_or_default().into_iter().map(|r| name_row(ed, r)).collect_view()}
            {move || buttons.with(|b| b.as_ref().map(|b| b.3.clone())).map(|b| button(ed, b, "add-grade"))}
        </section>
        {move || footer.get().map(|(heading, changes, errors, status, publish_button, paste, discard)| view! {
            <section class="group" id="editor-publish">
                {heading.map(|h| view! {
                    <details class="more" id="editor-changes"><summary>{h}</summary>
                        <ul>{changes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </details>
                })}
                <p id="editor-status"><strong>{status}</strong></p>
                {(!errors.is_empty()).then(|| view! {
                    <ul class="errors" id="editor-errors">{errors.into_iter().map(|e| {
                        let href = format!("#{}", e.field.key());
                        view! { <li><a href=href on:click=move |ev| { ev.prevent_default(); widgets::focus_later(format!("#{}", e.field.key())); }>{e.message.clone()}</a></li> }
                    }).collect_view()}</ul>
                })}
                <button class="primary big" id="editor-publish-button" disabled=!publish_button.enabled
                    on:click=move |_| {
                        if publish_button.confirm.as_ref().is_none_or(|q| widgets::confirm(q)) {
                            publish();
                        }
                    }>{publish_button.label.clone()}</button>
                {publish_button.why.map(|w| view! { <p class="hint">{w}</p> })}
                <div class="row">
                    <button id="editor-paste-again" disabled=!paste.enabled on:click=move |_| pasting.set(true)>{paste.label}</button>
                    <button id="editor-discard" on:click=move |_| {
                        if discard.confirm.as_ref().is_none_or(|q| widgets::confirm(q)) {
                            ed.drop();
                        }
                    }>{discard.label}</button>
                </div>
            </section>
        })}
    }
}

/// A button of the model: its edit (after its question), disabled with why.
fn button(ed: Editing, b: Button, id: &str) -> impl IntoView {
    let Button { label, edit, enabled, why, confirm } = b;
    view! {
        <button class="small" id=id.to_string() disabled=!enabled title=why.clone() on:click=move |_| {
            if confirm.as_ref().is_none_or(|q| widgets::confirm(q)) {
                if let Some(e) = edit.clone() {
                    ed.send(e);
                }
            }
        }>{label}</button>
        {(!enabled).then_some(()).and(why).map(|w| view! { <small class="why">{w}</small> })}
    }
}

fn controls_view(ed: Editing, c: RowControls, key: &str) -> impl IntoView {
    view! {
        <div class="row-controls">
            {button(ed, c.up, &format!("{key}-up"))}
            {button(ed, c.down, &format!("{key}-down"))}
            {button(ed, c.remove, &format!("{key}-remove"))}
            {c.restore.map(|b| button(ed, b, &format!("{key}-restore")))}
        </div>
    }
}

/// A text field: sends what was typed when it is left.
#[component]
fn TextInput(ed: Editing, field: Memo<Option<TextField>>, #[prop(optional)] kind: &'static str) -> impl IntoView {
    let first = field.get_untracked();
    let Some(first) = first else { return ().into_any() };
    let id = first.field.key();
    let f = first.field.clone();
    let send = move |ev: leptos::ev::Event| ed.send(Edit::Set { field: f.clone(), value: event_target_value(&ev) });
    let value = move || field.with(|t| t.as_ref().map(|t| t.value.clone()).unwrap_or_default());
    let error = move || field.with(|t| t.as_ref().and_then(|t| t.error.clone()));
    let locked = move || field.with(|t| t.as_ref().and_then(|t| t.locked.clone()));
    let input = if first.multiline {
        view! { <textarea id=id.clone() rows="3" prop:value=value readonly=move || locked().is_some() on:change=send></textarea> }.into_any()
    } else {
        let kind = if kind.is_empty() { "text" } else { kind };
        view! { <input type=kind id=id.clone() prop:value=value readonly=move || locked().is_some() on:change=send /> }.into_any()
    };
    view! {
        <label class="field">{first.label}{input}</label>
        {move || locked().map(|l| view! { <small class="why">{l}</small> })}
        {move || error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
    .into_any()
}

fn select_view(ed: Editing, s: SelectField) -> impl IntoView {
    let SelectField { field, label, choices, error, locked } = s;
    let id = field.key();
    let value = widgets::chosen(&choices);
    view! {
        <label class="field">{label}
            <select id=id disabled=locked.is_some() prop:value=value on:change=move |ev| ed.send(Edit::Set { field: field.clone(), value: event_target_value(&ev) })>
                {widgets::options(choices)}
            </select>
        </label>
        {locked.map(|l| view! { <small class="why">{l}</small> })}
        {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

fn check_view(ed: Editing, k: CheckField) -> impl IntoView {
    let CheckField { field, value, label, checked, locked } = k;
    let id = format!("{}-{}", field.key(), value);
    view! {
        <label class="choice">
            <input type="checkbox" id=id prop:checked=checked disabled=locked.is_some()
                on:change=move |ev| ed.send(Edit::Check { field: field.clone(), value: value.clone(), on: event_target_checked(&ev) }) />
            {label}
        </label>
    }
}

fn text_view(ed: Editing, t: TextField) -> impl IntoView {
    let TextField { field, label, value, multiline, error, locked } = t;
    let id = field.key();
    let send = move |ev: leptos::ev::Event| ed.send(Edit::Set { field: field.clone(), value: event_target_value(&ev) });
    let input = if multiline {
        view! { <textarea id=id rows="3" prop:value=value readonly=locked.is_some() on:change=send></textarea> }.into_any()
    } else {
        view! { <input type="text" id=id prop:value=value readonly=locked.is_some() on:change=send /> }.into_any()
    };
    view! {
        <label class="field">{label}{input}</label>
        {locked.map(|l| view! { <small class="why">{l}</small> })}
        {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

fn name_row(ed: Editing, r: NameRow) -> impl IntoView {
    let key = r.name.field.key();
    let attr = key.clone();
    view! {
        <div class="name-row" data-row=attr>
            {text_view(ed, r.name)}
            {controls_view(ed, r.controls, &key)}
        </div>
    }
}

#[component]
fn IndicatorView(ed: Editing, model: Memo<Option<EditorModel>>, number: u32) -> impl IntoView {
    let card = Memo::new(move |_| model.with(|m| m.as_ref().and_then(|m| m.indicators.iter().find(|i| i.number == number).cloned())));
    let text = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| c.text.clone())));
    let rest = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| (c.title.clone(), c.controls.clone()))));
    let extra = Memo::new(move |_| card.with(|c| c.as_ref().map(|c: &IndicatorCard| (c.suggestions.clone(), c.add_item.clone(), c.add_target.clone()))));
    let key = format!("indicator-{number}");
    let attr = key.clone();
    view! {
        <article class="card editor-indicator" data-row=attr>
            {move || rest.get().map(|(title, controls)| view! {
                <h4>{title}</h4>
                {controls_view(ed, controls, &key)}
            })}
            <TextInput ed field=text/>
            {item_and_target_rows(ed, card)}
            {move || extra.get().map(|(suggestions, add_item, add_target)| view! {
                {suggestions.into_iter().map(|s| suggestion_view(ed, s)).collect_view()}
                <div class="row">
                    {button(ed, add_item, &format!("indicator-{number}-add-item"))}
                    {button(ed, add_target, &format!("indicator-{number}-add-target"))}
                </div>
            })}
        </article>
    }
}

fn suggestion_view(ed: Editing, s: SuggestionCard) -> impl IntoView {
    let id = s.target.clone();
    view! {
        <div class="suggestion" data-suggestion=id.clone()>
            <p><strong>"Gợi ý: "</strong>{s.text.sentence}</p>
            <p class="hint">{s.text.item}</p>
            <p class="hint">{s.text.phrase}</p>
            <div class="row">
                {button(ed, s.accept, &format!("suggestion-{id}-accept"))}
                {button(ed, s.dismiss, &format!("suggestion-{id}-dismiss"))}
            </div>
        </div>
    }
}

/// The item and target rows of an indicator's card, or of a part's read as one.
fn item_and_target_rows(ed: Editing, card: Memo<Option<IndicatorCard>>) -> impl IntoView {
    let items = widgets::slice(card, |c| c.as_ref().map(|c| c.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let targets = widgets::slice(card, |c| c.as_ref().map(|c| c.targets.iter().map(|t| t.id.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let owner_targets = widgets::slice(card, |c| c.as_ref().map(|c| c.targets.clone()).unwrap_or_default());
    view! {
        {widgets::keyed(move || items.get().into_iter().map(|id| {
            widgets::Row::new(id.clone(), move || view! { <ItemView ed card id=id.clone()/> }.into_any())
        }).collect())}
        {widgets::keyed(move || targets.get().into_iter().map(|id| {
            widgets::Row::new(id.clone(), move || view! { <TargetView ed owner_targets id=id.clone()/> }.into_any())
        }).collect())}
    }
}

#[component]
fn PartView(ed: Editing, model: Memo<Option<EditorModel>>, number: u32) -> impl IntoView {
    let card = Memo::new(move |_| model.with(|m| m.as_ref().and_then(|m| m.parts.iter().find(|p| p.number == number).cloned())));
    let title = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| c.title.clone())));
    let objective = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| c.objective.clone())));
    let head = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| (c.name.clone(), c.kind.clone(), c.controls.clone()))));
    let tasks = Memo::new(move |_| card.with(|c| c.as_ref().map(|c: &PartCard| (c.tasks_heading.clone(), c.tasks.clone(), c.add_task.clone()))));
    let solutions = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| (c.solutions_heading.clone(), c.solutions.clone(), c.add_solution.clone()))));
    let adds = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| (c.add_item.clone(), c.add_target.clone()))));
    let key = format!("part-{number}");
    let attr = key.clone();
    let task_list = move |list: Vec<TaskRow>| {
        list.into_iter()
            .map(|t| {
                let k = format!("task-{}", t.id);
                view! { <li data-row=k.clone()>{text_view(ed, t.text)}{controls_view(ed, t.controls, &k)}</li> }
            })
            .collect_view()
    };
    // A part's item cards read their item from the part's card.
    let as_indicator = Memo::new(move |_| {
        card.with(|c| {
            c.as_ref().map(|c| IndicatorCard {
                number: c.number,
                title: c.name.clone(),
                text: c.title.clone(),
                controls: c.controls.clone(),
                items: c.items.clone(),
                targets: c.targets.clone(),
                suggestions: vec![],
                add_item: c.add_item.clone(),
                add_target: c.add_target.clone(),
            })
        })
    });
    view! {
        <article class="card editor-part" data-row=attr>
            {move || head.get().map(|(name, kind, controls)| view! {
                <h4>{name}</h4>
                {controls_view(ed, controls, &key)}
                {select_view(ed, kind)}
            })}
            <TextInput ed field=title/>
            <TextInput ed field=objective/>
            {move || tasks.get().map(|(h, list, add)| view! {
                <h5>{h}</h5>
                <ol class="tasks">{task_list(list)}</ol>
                {button(ed, add, &format!("part-{number}-add-task"))}
            })}
            {move || solutions.get().map(|(h, list, add)| view! {
                <h5>{h}</h5>
                <ol class="tasks">{task_list(list)}</ol>
                {button(ed, add, &format!("part-{number}-add-solution"))}
            })}
            {item_and_target_rows(ed, as_indicator)}
            {move || adds.get().map(|(add_item, add_target)| view! {
                <div class="row">
                    {button(ed, add_item, &format!("part-{number}-add-item"))}
                    {button(ed, add_target, &format!("part-{number}-add-target"))}
                </div>
            })}
        </article>
    }
}

#[component]
fn ItemView(ed: Editing, card: Memo<Option<IndicatorCard>>, id: String) -> impl IntoView {
    let i = id.clone();
    let item = Memo::new(move |_| card.with(|c| c.as_ref().and_then(|c| c.items.iter().find(|x| x.id == i).cloned())));
    let label = Memo::new(move |_| item.with(|x| x.as_ref().map(|x| x.label.clone())));
    let hint = Memo::new(move |_| item.with(|x| x.as_ref().map(|x| x.hint.clone())));
    let key = format!("item-{id}");
    let attr = key.clone();
    view! {
        <div class="editor-item" data-row=attr>
            <p class="kind"><strong>"Mục ghi chép"</strong></p>
            <TextInput ed field=label/>
            {move || item.get().map(|x: ItemCard| view! {
                <fieldset class="who"><legend>"Ai ghi"</legend>
                    {x.who.into_iter().map(|k| check_view(ed, k)).collect_view()}
                </fieldset>
                {x.who_error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {select_view(ed, x.cadence)}
                {select_view(ed, x.value)}
                {x.numerator.map(|t| text_view(ed, t))}
                {x.denominator.map(|t| text_view(ed, t))}
                <div class="preview" aria-label="Trên sổ ghi chép">
                    <p class="hint">"Trên sổ ghi chép:"</p>
                    <p><strong>{x.preview.label}</strong></p>
                    <p class="cadence">{format!("{} · {}", x.preview.who, x.preview.cadence)}</p>
                    <p class="hint">{x.preview.control}</p>
                </div>
                {controls_view(ed, x.controls, &key)}
            })}
            <TextInput ed field=hint/>
        </div>
    }
}

#[component]
fn TargetView(ed: Editing, owner_targets: Memo<Vec<TargetCard>>, id: String) -> impl IntoView {
    let i = id.clone();
    let target = Memo::new(move |_| owner_targets.with(|ts| ts.iter().find(|t| t.id == i).cloned()));
    let label = Memo::new(move |_| target.with(|t| t.as_ref().map(|t| t.label.clone())));
    let number = Memo::new(move |_| target.with(|t| t.as_ref().map(|t| t.number.clone())));
    let min_count = Memo::new(move |_| target.with(|t| t.as_ref().and_then(|t| t.min_count.clone())));
    let key = format!("target-{id}");
    let attr = key.clone();
    view! {
        <div class="editor-target" data-row=attr>
            <p class="kind"><strong>"Mốc đo"</strong></p>
            <TextInput ed field=label/>
            {move || target.get().map(|t| view! {
                {select_view(ed, t.item)}
                {select_view(ed, t.kind)}
                {t.period.map(|s| select_view(ed, s))}
                {select_view(ed, t.cmp)}
            })}
            <TextInput ed field=number/>
            <Show when=move || min_count.with(|m| m.is_some())>
                <TextInput ed field=min_count/>
            </Show>
            {move || target.get().map(|t| view! {
                {t.from.map(|s| select_view(ed, s))}
                {t.to.map(|s| select_view(ed, s))}
                {t.grade.map(|s| select_view(ed, s))}
                {t.none_failing.map(|k| check_view(ed, k))}
                <p class="sentence"><strong>"Trên tổng quan: "</strong><span class="target-sentence">{t.sentence}</span></p>
                {controls_view(ed, t.controls, &key)}
            })}
        </div>
    }
}
