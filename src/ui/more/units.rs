//! Residential areas, member organisations and the commune: renders
//! `screen::units`. Rows are keyed, so an edit form being typed into stays
//! as it is when the list changes; focus follows a moved or saved row.

use crate::core::book::UnitKind;
use crate::core::screen::units::{self, UnitRow};
use crate::ui::daily::setup::AddUnit;
use crate::ui::{ctx, widgets};
use leptos::prelude::*;

#[component]
pub fn Units() -> impl IntoView {
    let c = ctx();
    let lists = c.state.with_untracked(units::lists);
    view! {
        <div class="screen units">
            <h2>"Đơn vị"</h2>
            {lists.into_iter().map(|l| view! {
                <section class="group">
                    <h3>{l.title}</h3>
                    <UnitList kind=l.kind/>
                    {(l.kind != UnitKind::Commune).then(|| view! { <AddUnit kind=l.kind/> })}
                </section>
            }).collect_view()}
        </div>
    }
}

#[component]
fn UnitList(kind: UnitKind) -> impl IntoView {
    let c = ctx();
    let ids = Memo::new(move |_| c.state.with(|s| units::list(s, kind).rows));
    view! {
        <ul class="unit-list">
            {widgets::keyed(move || ids.get().into_iter().map(|id| {
                widgets::Row::new(id.clone(), move || view! { <Row id=id.clone()/> }.into_any())
            }).collect())}
        </ul>
    }
}

/// The css selector of a control in a unit's row.
fn in_row(id: &str, control: &str) -> String {
    format!("li.unit[data-unit=\"{id}\"] {control}")
}

#[component]
fn Row(id: String) -> impl IntoView {
    let c = ctx();
    let i = id.clone();
    let row = Memo::new(move |_| c.state.with(|s| units::row(s, &i, &c.env())));
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // The row as shown when not editing; the edit form below is built only
    // when editing starts, so changes to the list never rebuild it.
    let main = move || {
        let Some(r) = row.get() else { return ().into_any() };
        let UnitRow { id, name, href, sub, archived, moves, up_label, down_label, editable, edit_label, archive } = r;
        let mover = move |up: bool| {
            let (id, label) = (id.clone(), if up { up_label.clone() } else { down_label.clone() });
            view! {
                <button class="small" aria-label=label.clone() disabled=moves.is_some_and(|(u, d)| if up { !u } else { !d })
                    on:click=move |_| {
                        error.set(c.act(crate::core::state::Action::Move { id: id.clone(), up }).err().map(|e| e.to_string()));
                        // The row moved: focus stays on its button (or the other one at an end).
                        let same = in_row(&id, &format!("button[aria-label=\"{label}\"]:not(:disabled)"));
                        widgets::focus_later(format!("{same}, {}", in_row(&id, "button.small:not(:disabled)")));
                    }>{if up { "↑" } else { "↓" }}</button>
            }
        };
        let (m_up, m_down) = (moves.map(|_| mover(true)), moves.map(|_| mover(false)));
        let archive = archive.map(|(aria, label, action)| {
            let class = if archived { "small unarchive" } else { "small archive" };
            view! { <button class=class aria-label=aria on:click=move |_| {
                error.set(c.act(action.clone()).err().map(|e| e.to_string()));
            }>{label}</button> }
        });
        view! {
            <div class="unit-main">
                <a class="unit-name" href=href>{name}</a>
                <small>{sub}</small>
            </div>
            <div class="unit-actions">
                {m_up}{m_down}
                {editable.then(|| view! { <button class="small edit" aria-label=edit_label on:click=move |_| editing.set(true)>"Sửa"</button> })}
                {archive}
            </div>
        }
        .into_any()
    };
    let archived = Memo::new(move |_| row.with(|r| r.as_ref().is_some_and(|r| r.archived)));
    let form_id = id.clone();
    view! {
        <li class="unit" class:archived=archived data-unit=id>
            <Show when=move || editing.get() fallback=main>
                <EditUnit id=form_id.clone() editing/>
            </Show>
            {widgets::error_line(error)}
        </li>
    }
}

#[component]
fn EditUnit(id: String, editing: RwSignal<bool>) -> impl IntoView {
    let c = ctx();
    let Some(f) = c.state.with_untracked(|s| units::form(s, &id)) else { return ().into_any() };
    let name = RwSignal::new(f.name);
    let households = RwSignal::new(f.households.clone().unwrap_or_default());
    let since = RwSignal::new(f.since.clone().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let i = id.clone();
    let save = move |_| {
        let r = units::edit(&i, &name.get_untracked(), &households.get_untracked(), &since.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|a| c.act(a).map_err(|e| e.to_string()));
        match r {
            Ok(()) => {
                editing.set(false);
                widgets::focus_later(in_row(&i, "button.edit"));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let cancel = move |_| {
        editing.set(false);
        widgets::focus_later(in_row(&id, "button.edit"));
    };
    let since_options = f.since_options;
    view! {
        <div class="edit-unit">
            <label>"Tên"<input type="text" class="edit-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            {f.households.map(|_| view! {
                <label>"Số hộ"<input type="number" inputmode="numeric" min="0" prop:value=move || households.get()
                    on:input=move |ev| households.set(event_target_value(&ev)) /></label>
            })}
            {f.since.map(|_| view! {
                <label>"Tính từ năm"
                    <select class="edit-since" on:change=move |ev| since.set(event_target_value(&ev)) prop:value=move || since.get()>
                        {since_options.into_iter().map(|(v, l)| {
                            let sel = v.clone();
                            view! { <option value=v selected=move || since.get() == sel>{l}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            <div class="row">
                <button class="primary save" on:click=save>"Lưu"</button>
                <button on:click=cancel>"Hủy"</button>
            </div>
            {widgets::error_line(error)}
        </div>
    }
    .into_any()
}
