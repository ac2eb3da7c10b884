//! The checklist: renders `screen::checklist` for one unit and year. Every
//! card, and every field in it, reads its own slice of the model, so a
//! change elsewhere never touches what is being typed here.

use crate::core::book::RecordKey;
use crate::core::clock::Hlc;
use crate::core::screen::checklist::{self, Editor, EventRow, ItemModel};
use crate::core::screen::Route;
use crate::core::state::{Action, Change};
use crate::ui::{ctx, widgets, Ctx};
use leptos::html;
use leptos::prelude::*;

/// Errors of one card.
type Error = RwSignal<Option<String>>;

fn shown<E: ToString>(error: Error, r: Result<(), E>) {
    error.set(r.err().map(|e| e.to_string()));
}

/// The clock of the last successful save while saving fails (anything newer
/// is marked "chưa lưu"), else one that marks nothing.
fn saved_clock(c: Ctx) -> Hlc {
    if c.storage.with(|s| s.is_some()) {
        c.saved.get()
    } else {
        Hlc { ms: i64::MAX, count: u32::MAX }
    }
}

#[component]
pub fn Checklist(unit: Option<String>, year: Option<i32>) -> impl IntoView {
    let c = ctx();
    let model = Memo::new(move |_| c.state.with(|s| checklist::checklist(s, unit.as_deref(), year, &c.env())));
    let Some(first) = model.get_untracked() else {
        return view! {
            <div class="screen">
                <p>"Chưa có đơn vị nào. "<a href=Route::Units.href(c.page)>"Thêm khu dân cư"</a></p>
            </div>
        }
        .into_any();
    };
    let (unit, year) = (first.unit.clone(), first.year);
    let u = unit.clone();
    let on_unit = move |ev: leptos::ev::Event| c.go(Route::Book { unit: Some(event_target_value(&ev)), year: Some(year) });
    let on_year = move |ev: leptos::ev::Event| c.go(Route::Book { unit: Some(u.clone()), year: event_target_value(&ev).parse().ok() });
    let groups = widgets::slice(model, |m| m.as_ref().map(|m| m.groups.clone()).unwrap_or_default());
    let tasks = widgets::slice(model, |m| m.as_ref().map(|m| m.tasks.clone()).unwrap_or_default());
    let retired = widgets::slice(model, |m| m.as_ref().map(|m| m.retired.clone()).unwrap_or_default());
    // A memo of the condition and a closure do what <Show> does. <Show> is
    // generated again for every condition and children it is given: the
    // daily page, which is the first load, uses none (`scripts/bench size`).
    let has_retired = widgets::slice(retired, |r| !r.is_empty());
    let has_tasks = widgets::slice(tasks, |t| !t.is_empty());
    let (u1, u2, u3) = (unit.clone(), unit.clone(), unit.clone());
    view! {
        <div class="screen checklist" data-unit=unit.clone() data-year=year>
            <h2>{first.unit_name}</h2>
            <div class="pickers">
                <label>"Đơn vị"<select on:change=widgets::on(on_unit)>{widgets::options(first.units)}</select></label>
                <label>"Năm"<select on:change=widgets::on(on_year)>{widgets::options(first.years)}</select></label>
            </div>
            {first.empty.map(|e| view! { <p>{e}</p> })}
            {widgets::keyed(move || groups.get().into_iter().map(|g| {
                let unit = u1.clone();
                widgets::Row::by_content(g, move |g| view! {
                    <section class="group">
                        <h3>{g.title.clone()}</h3>
                        {g.items.iter().map(|id| view! { <ItemCard unit=unit.clone() id=id.clone() year/> }).collect_view()}
                    </section>
                }.into_any())
            }).collect())}
            {move || has_retired.get().then(|| view! {
                <section class="group retired">
                    <h3>"Đã thôi theo dõi"</h3>
                    <p class="hint">"Những mục này không còn trong chương trình từ bản sửa đổi mới; số liệu đã ghi vẫn được giữ."</p>
                    {retired.get_untracked().into_iter().map(|id| view! { <ItemCard unit=u2.clone() id year/> }).collect_view()}
                </section>
            })}
            {move || has_tasks.get().then(|| view! {
                <section class="group tasks">
                    <h3>{format!("Nhiệm vụ, giải pháp năm {year}")}</h3>
                    {tasks.get_untracked().into_iter().map(|g| {
                        let unit = u3.clone();
                        view! {
                            <details class="area-tasks">
                                <summary>{g.title}</summary>
                                <ul>{g.tasks.into_iter().map(|id| view! { <TaskRow unit=unit.clone() id year/> }).collect_view()}</ul>
                            </details>
                        }
                    }).collect_view()}
                </section>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn ItemCard(unit: String, id: String, year: i32) -> impl IntoView {
    let c = ctx();
    let (u, i) = (unit.clone(), id.clone());
    let model = Memo::new(move |_| c.state.with(|s| checklist::item(s, &u, &i, year, saved_clock(c), &c.env())));
    let Some(first) = model.get_untracked() else { return ().into_any() };
    let key = c.state.with_untracked(|s| checklist::key(s, &unit, &id, year));
    let error: Error = RwSignal::new(None);
    let changed = widgets::slice(model, |m| m.as_ref().and_then(|m| m.changed.clone()).unwrap_or_default());
    let history = widgets::slice(model, |m| m.as_ref().map(|m| m.history.clone()).unwrap_or_default());
    let unsaved = widgets::slice(model, |m| m.as_ref().is_some_and(|m| m.unsaved));
    let has_changed = widgets::slice(changed, |c| !c.is_empty());
    let has_history = widgets::slice(history, |h| !h.is_empty());
    let editable = !first.retired;
    let body = match first.editor {
        Editor::Done { .. } => done_editor(c, model, key.clone(), error).into_any(),
        Editor::Names { .. } => names_editor(c, model, key.clone(), error, editable).into_any(),
        Editor::Ratio { n_label, of_label, .. } => ratio_editor(c, model, key.clone(), error, n_label, of_label).into_any(),
        Editor::Grade { .. } => grade_editor(c, model, key.clone(), error).into_any(),
        Editor::Amount { .. } => amount_editor(c, model, key.clone(), error).into_any(),
        Editor::Events(_) => view! { <EventLog unit=unit.clone() item=id.clone() year model error/> }.into_any(),
    };
    let details = first.details.map(|d| details_editor(c, model, key, error, d.min, d.max));
    view! {
        <article class="item" class:retired=first.retired data-item=id.clone()>
            <h4>{first.label}{move || unsaved.get().then(|| view! { <span class="unsaved-mark">"chưa lưu"</span> })}</h4>
            <p class="cadence">{first.cadence}</p>
            {first.hint.map(|h| view! { <p class="hint">{h}</p> })}
            <fieldset class="editor" disabled=!editable>{body}{details}</fieldset>
            {widgets::error_line(error)}
            {move || has_changed.get().then(|| view! { <p class="changed">{move || changed.get()}</p> })}
            {move || has_history.get().then(|| view! {
                <details class="history">
                    <summary>{move || format!("Lịch sử ({} lần trước)", history.with(|h| h.len()))}</summary>
                    <ul>{move || history.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </details>
            })}
        </article>
    }
    .into_any()
}

type Model = Memo<Option<ItemModel>>;

/// The card's editor.
fn editor_in(m: &Option<ItemModel>) -> Option<&Editor> {
    m.as_ref().map(|m| &m.editor)
}

fn edit(c: Ctx, key: &RecordKey, change: Change, error: Error) {
    shown(error, c.act(Action::Edit { key: key.clone(), change }));
}

fn done_editor(c: Ctx, model: Model, key: RecordKey, error: Error) -> impl IntoView {
    let done = widgets::slice(model, |m| matches!(editor_in(m), Some(Editor::Done { done: true })));
    view! {
        <button class="tick" class:on=done aria-pressed=move || if done.get() { "true" } else { "false" }
            on:click=widgets::on(move |_| edit(c, &key, Change::Toggle, error))>
            <span class="box" aria-hidden="true">{move || if done.get() { "✓" } else { "" }}</span>
            {move || if done.get() { "Đã thực hiện" } else { "Chưa thực hiện — chạm để đánh dấu" }}
        </button>
    }
}

fn names_editor(c: Ctx, model: Model, key: RecordKey, error: Error, editable: bool) -> impl IntoView {
    let names = widgets::slice(model, |m| match editor_in(m) {
        Some(Editor::Names { names }) => names.clone(),
        _ => vec![],
    });
    let input = RwSignal::new(String::new());
    let k = key.clone();
    let add = move || {
        let r = c.act(Action::Edit { key: k.clone(), change: Change::AddName(input.get_untracked()) });
        if r.is_ok() {
            input.set(String::new());
        }
        shown(error, r);
    };
    view! {
        <p class="count"><strong>{move || names.with(|n| n.len())}</strong>" đã ghi"</p>
        <ul class="names">
            {widgets::keyed(move || names.get().into_iter().enumerate().map(|n| {
                let key = key.clone();
                widgets::Row::by_content(n, move |(i, name)| {
                    let (key, i) = (key.clone(), *i);
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            <button class="small" aria-label=format!("Xóa {name}") on:click=widgets::on(move |_| edit(c, &key, Change::RemoveName(i), error))>"Xóa"</button>
                        </li>
                    }
                    .into_any()
                })
            }).collect())}
        </ul>
        {editable.then(|| view! {
            <div class="add-row">
                <input type="text" aria-label="Tên cần thêm" placeholder="Tên..." prop:value=move || input.get()
                    on:input=widgets::on(move |ev| input.set(event_target_value(&ev)))
                    on:keydown={ let add = add.clone(); widgets::on(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { add() }) } />
                <button on:click=widgets::on(move |_| add())>"Thêm"</button>
            </div>
        })}
    }
}

fn ratio_editor(c: Ctx, model: Model, key: RecordKey, error: Error, n_label: String, of_label: String) -> impl IntoView {
    let pair = widgets::slice(model, |m| match editor_in(m) {
        Some(Editor::Ratio { n, of, shown, .. }) => (*n, *of, shown.clone()),
        _ => (None, None, String::new()),
    });
    let (n_ref, of_ref) = (NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new());
    let commit = move || {
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|i| i.value()).unwrap_or_default();
        let saved = pair.with_untracked(|(n, of, _)| n.zip(*of));
        let r = checklist::ratio_value(&value(n_ref), &value(of_ref), saved)
            .map_err(|e| e.to_string())
            .and_then(|v| c.act(Action::Edit { key: key.clone(), change: Change::Value(v) }).map_err(|e| e.to_string()));
        error.set(r.err());
    };
    let commit2 = commit.clone();
    let text = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    view! {
        <div class="ratio">
            <label>{n_label}
                <input type="number" inputmode="numeric" min="0" step="1" class="n" node_ref=n_ref
                    prop:value=move || pair.with(|p| text(p.0)) on:change=widgets::on(move |_| commit()) />
            </label>
            <label>{of_label}
                <input type="number" inputmode="numeric" min="0" step="1" class="of" node_ref=of_ref
                    prop:value=move || pair.with(|p| text(p.1)) on:change=widgets::on(move |_| commit2()) />
            </label>
            <p class="pct">{move || pair.with(|p| p.2.clone())}</p>
        </div>
    }
}

fn grade_editor(c: Ctx, model: Model, key: RecordKey, error: Error) -> impl IntoView {
    let options = widgets::slice(model, |m| match editor_in(m) {
        Some(Editor::Grade { options }) => options.clone(),
        _ => vec![],
    });
    let on_change = move |ev: leptos::ev::Event| {
        edit(c, &key, Change::Value(checklist::grade_value(&event_target_value(&ev))), error);
    };
    view! {
        <select class="grade" aria-label="Xếp loại" on:change=widgets::on(on_change) prop:value=move || options.with(|o| widgets::chosen(o))>
            {move || widgets::options(options.get())}
        </select>
    }
}

fn amount_editor(c: Ctx, model: Model, key: RecordKey, error: Error) -> impl IntoView {
    let value = widgets::slice(model, |m| match editor_in(m) {
        Some(Editor::Amount { text }) => text.clone(),
        _ => String::new(),
    });
    let on_change = move |ev: leptos::ev::Event| {
        let r = checklist::amount_value(&event_target_value(&ev))
            .map_err(|e| e.to_string())
            .and_then(|v| c.act(Action::Edit { key: key.clone(), change: Change::Value(v) }).map_err(|e| e.to_string()));
        error.set(r.err());
    };
    view! {
        <label>"Số tiền (đồng)"
            <input type="text" inputmode="numeric" class="amount" prop:value=move || value.get() on:change=widgets::on(on_change) />
        </label>
    }
}

fn details_editor(c: Ctx, model: Model, key: RecordKey, error: Error, min: String, max: String) -> impl IntoView {
    let date = widgets::slice(model, |m| m.as_ref().and_then(|m| m.details.as_ref()).map(|d| d.date.clone()).unwrap_or_default());
    let note = widgets::slice(model, |m| m.as_ref().and_then(|m| m.details.as_ref()).map(|d| d.note.clone()).unwrap_or_default());
    let summary = widgets::slice(model, |m| m.as_ref().and_then(|m| m.details.as_ref()).map(|d| d.summary.clone()).unwrap_or_default());
    let kd = key.clone();
    let on_date = move |ev: leptos::ev::Event| {
        let r = checklist::parse_date_input(&event_target_value(&ev))
            .map_err(|e| e.to_string())
            .and_then(|d| c.act(Action::Edit { key: kd.clone(), change: Change::Date(d) }).map_err(|e| e.to_string()));
        error.set(r.err());
    };
    let on_note = move |ev: leptos::ev::Event| edit(c, &key, Change::Note(event_target_value(&ev)), error);
    view! {
        <details class="more">
            <summary>{move || summary.get()}</summary>
            <label>"Ngày"<input type="date" min=min max=max prop:value=move || date.get() on:change=widgets::on(on_date) /></label>
            <label>"Ghi chú"<textarea rows="2" prop:value=move || note.get() on:change=widgets::on(on_note)></textarea></label>
        </details>
    }
}

/// The events of an item in a year, and the form that logs or corrects one.
#[component]
fn EventLog(unit: String, item: String, year: i32, model: Model, error: Error) -> impl IntoView {
    let c = ctx();
    let events = widgets::slice(model, |m| match editor_in(m) {
        Some(Editor::Events(e)) => Some(e.clone()),
        _ => None,
    });
    let Some(first) = events.get_untracked() else { return ().into_any() };
    let rows = widgets::slice(events, |e| e.as_ref().map(|e| e.rows.clone()).unwrap_or_default());
    let (amount, blank, default_date) = (first.amount, first.blank_value, first.default_date.clone());
    let value = RwSignal::new(blank.to_string());
    let date = RwSignal::new(default_date.clone());
    let note = RwSignal::new(String::new());
    // The event being corrected, if any: the form below then saves over it.
    let editing = RwSignal::new(None::<String>);
    let default_date = StoredValue::new(default_date);
    let reset = move || {
        editing.set(None);
        value.set(blank.to_string());
        note.set(String::new());
        date.set(default_date.get_value());
    };
    let card = format!("article[data-item=\"{item}\"]");
    let card_submit = card.clone();
    let submit = move |_| {
        let r = checklist::event_entry(amount, &value.get_untracked(), &date.get_untracked(), &note.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|entry| {
                let action = match editing.get_untracked() {
                    Some(id) => Action::UpdateEvent { id, entry },
                    None => Action::AddEvent { unit: unit.clone(), item: item.clone(), year, entry },
                };
                c.act(action).map_err(|e| e.to_string())
            });
        let ok = r.is_ok();
        error.set(r.err());
        if ok {
            let was = editing.get_untracked();
            reset();
            // Focus goes back to the row just saved, or to the form's opener.
            widgets::focus_later(match was {
                Some(id) => format!("button.edit-event[data-event=\"{id}\"]"),
                None => format!("{card_submit} details.add-event summary"),
            });
        }
    };
    let row = move |e: EventRow| {
        let EventRow { id, what, raw, date: date_text, date_iso, note: e_note, changed, edit_label, remove_label, confirm, unsaved } = e;
        let id_edit = id.clone();
        let note_edit = e_note.clone();
        let (card_edit, card_remove) = (card.clone(), card.clone());
        let start_edit = move |_| {
            editing.set(Some(id_edit.clone()));
            value.set(raw.clone());
            date.set(date_iso.clone());
            note.set(note_edit.clone());
            widgets::focus_later(format!("{card_edit} details.add-event input.value"));
        };
        let id_remove = id.clone();
        let remove = move |_| {
            if !widgets::confirm(&confirm) {
                return;
            }
            if editing.get_untracked().as_deref() == Some(id_remove.as_str()) {
                reset();
            }
            shown(error, c.act(Action::RemoveEvent { id: id_remove.clone() }));
            widgets::focus_later(format!("{card_remove} details.add-event summary"));
        };
        view! {
            <li>
                <div>
                    <strong>{what}</strong>" · "{date_text}
                    {unsaved.then(|| view! { <span class="unsaved-mark">"chưa lưu"</span> })}
                    {(!e_note.is_empty()).then(|| view! { <br/><span>{e_note.clone()}</span> })}
                    <br/><small>{changed}</small>
                </div>
                <div class="row">
                    <button class="small edit-event" data-event=id.clone() aria-label=edit_label on:click=widgets::on(start_edit)>"Sửa"</button>
                    <button class="small remove-event" aria-label=remove_label on:click=widgets::on(remove)>"Xóa"</button>
                </div>
            </li>
        }
    };
    view! {
        <p class="total">{move || events.with(|e| e.as_ref().map(|e| e.total.clone()).unwrap_or_default())}</p>
        <ul class="events">
            {widgets::keyed(move || rows.get().into_iter().map(|r| {
                let row = row.clone();
                widgets::Row::by_content(r, move |r| row(r.clone()).into_any())
            }).collect())}
        </ul>
        <details class="add-event" prop:open=move || editing.with(|e| e.is_some())>
            <summary>{move || if editing.with(|e| e.is_some()) { "Sửa lần ghi này" } else { "+ Ghi thêm một lần" }}</summary>
            <label>{first.value_label}
                <input type="text" inputmode="numeric" class="value" prop:value=move || value.get()
                    on:input=widgets::on(move |ev| value.set(event_target_value(&ev))) />
            </label>
            <label>"Ngày"<input type="date" min=first.min max=first.max prop:value=move || date.get()
                on:input=widgets::on(move |ev| date.set(event_target_value(&ev))) /></label>
            <label>"Ghi chú"<input type="text" class="note" prop:value=move || note.get()
                on:input=widgets::on(move |ev| note.set(event_target_value(&ev))) /></label>
            <div class="row">
                <button class="primary save-event" on:click=widgets::on(submit)>{move || if editing.with(|e| e.is_some()) { "Lưu thay đổi" } else { "Ghi" }}</button>
                {move || editing.with(|e| e.is_some()).then(|| view! { <button on:click=widgets::on(move |_| {
                    // This button goes with the form: focus goes back to the row it was correcting.
                    let was = editing.get_untracked();
                    reset();
                    if let Some(id) = was {
                        widgets::focus_later(format!("button.edit-event[data-event=\"{id}\"]"));
                    }
                })>"Hủy sửa"</button> })}
            </div>
        </details>
    }
    .into_any()
}

/// One focus task or main solution of the commune, for a year.
#[component]
fn TaskRow(unit: String, id: String, year: i32) -> impl IntoView {
    let c = ctx();
    let (u, i) = (unit.clone(), id.clone());
    let model = Memo::new(move |_| c.state.with(|s| checklist::task(s, &u, &i, year, saved_clock(c))));
    let Some(first) = model.get_untracked() else { return ().into_any() };
    let key = RecordKey { unit, item: id.clone(), year: Some(year) };
    let error: Error = RwSignal::new(None);
    let status = widgets::slice(model, |m| m.as_ref().map(|m| m.status.clone()).unwrap_or_default());
    let note = widgets::slice(model, |m| m.as_ref().map(|m| m.note.clone()).unwrap_or_default());
    let unsaved = widgets::slice(model, |m| m.as_ref().is_some_and(|m| m.unsaved));
    let text_id = format!("task-text-{id}");
    let ks = key.clone();
    let on_status = move |ev: leptos::ev::Event| edit(c, &ks, Change::Value(checklist::status_value(&event_target_value(&ev))), error);
    let on_note = move |ev: leptos::ev::Event| edit(c, &key, Change::Note(event_target_value(&ev)), error);
    view! {
        <li class="task" data-task=id>
            <p id=text_id.clone()><small>{first.kind}</small>" "{first.text}
                {move || unsaved.get().then(|| view! { <span class="unsaved-mark">"chưa lưu"</span> })}</p>
            <select aria-label="Trạng thái" aria-describedby=text_id.clone() on:change=widgets::on(on_status) prop:value=move || status.with(|s| widgets::chosen(s))>
                {move || widgets::options(status.get())}
            </select>
            <input type="text" aria-label="Đã làm được gì" aria-describedby=text_id placeholder="Đã làm được gì..."
                prop:value=move || note.get() on:change=widgets::on(on_note) />
            {widgets::error_line(error)}
        </li>
    }
    .into_any()
}
