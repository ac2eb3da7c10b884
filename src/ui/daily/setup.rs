//! A new phone's first run: what this phone keeps, and the commune's areas.
//! The add form and the area picker are shared with the units and settings
//! screens.

use crate::core::book::UnitKind;
use crate::core::screen::{units, Page, Route};
use crate::ui::{ctx, widgets};
use leptos::prelude::*;

#[component]
pub fn Setup() -> impl IntoView {
    let c = ctx();
    let keeps_area = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let button = widgets::slice(c.state, units::setup_button);
    let areas = widgets::slice(c.state, units::area_names);
    let finish = move |_| {
        let r = c.state.with_untracked(|s| units::finish_setup(s, keeps_area.get_untracked())).and_then(|a| c.act_all(a));
        match r {
            Ok(()) => c.go(Route::Home),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="screen setup">
            <h2>"Bắt đầu"</h2>
            <p>"Sổ tay giữ mọi số liệu ngay trong trình duyệt của máy này, không cần mạng. Hãy cho biết máy này theo dõi những gì."</p>
            <fieldset class="role">
                <legend>"Máy này theo dõi"</legend>
                <label class="choice"><input type="radio" name="role" checked=move || !keeps_area.get()
                    on:change=widgets::on(move |_| keeps_area.set(false)) />"Toàn xã (Ủy ban MTTQ xã)"</label>
                <label class="choice"><input type="radio" name="role" checked=move || keeps_area.get()
                    on:change=widgets::on(move |_| keeps_area.set(true)) />"Một khu dân cư (Ban công tác Mặt trận)"</label>
            </fieldset>
            <p><a class="button" id="setup-import" href=Route::Share.href(Page::Daily)>"Đã có tệp từ xã? Nhập tệp"</a></p>
            <p class="hint" id="setup-programme-note">{move || c.state.with(units::setup_programme_note)}</p>
            <p><a class="button" id="setup-programme" href=Route::Editor { revise: false }.href(Page::Daily)>"Nhập chương trình của xã"</a></p>
            <h3>"Các khu dân cư của xã"</h3>
            <p class="hint">"Nhập tên từng khu dân cư (thôn). Có thể sửa, thêm sau. Nếu đã nhận được tệp từ xã, hãy nhập tệp đó thay vì gõ lại."</p>
            <ul class="unit-list">
                {widgets::keyed(move || areas.get().into_iter().map(|a| widgets::Row::by_content(a, |(id, name)| view! {
                    <li class="unit" data-unit=id.clone()><span class="unit-name">{name.clone()}</span></li>
                }.into_any())).collect())}
            </ul>
            <AddUnit kind=UnitKind::Area/>
            {move || keeps_area.get().then(|| view! { <RolePicker/> })}
            {widgets::error_line(error)}
            <button class="primary big" id="finish-setup" on:click=widgets::on(finish)>{move || button.get()}</button>
        </div>
    }
}

/// The choice of what this phone keeps: the whole commune, or one area.
#[component]
pub fn RolePicker() -> impl IntoView {
    let c = ctx();
    let error = RwSignal::new(None::<String>);
    let choices = widgets::slice(c.state, units::role_choices);
    let on_change = move |ev: leptos::ev::Event| {
        error.set(c.act(units::role_action(&event_target_value(&ev))).err().map(|e| e.to_string()));
    };
    view! {
        <label class="role-area">"Máy này giữ sổ của"
            <select id="role" on:change=widgets::on(on_change) prop:value=move || choices.with(|c| widgets::chosen(c))>
                {move || widgets::options(choices.get())}
            </select>
        </label>
        {widgets::error_line(error)}
    }
}

/// The form that adds an area or an organisation (the commune's phone).
#[component]
pub fn AddUnit(kind: UnitKind) -> impl IntoView {
    let c = ctx();
    let list = c.state.with_untracked(|s| units::list(s, kind));
    let name = RwSignal::new(String::new());
    let households = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move || {
        let r = units::add(kind, &name.get_untracked(), &households.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|a| c.act(a).map_err(|e| e.to_string()));
        if r.is_ok() {
            name.set(String::new());
            households.set(String::new());
        }
        error.set(r.err());
    };
    let Some(label) = list.add_label else {
        return view! { <p class="hint">{list.add_note.unwrap_or_default()}</p> }.into_any();
    };
    view! {
        <div class="add-unit" data-kind=kind.code()>
            <label>{label}
                <input type="text" class="unit-name" prop:value=move || name.get()
                    on:input=widgets::on(move |ev| name.set(event_target_value(&ev)))
                    on:keydown=widgets::on(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { add() }) />
            </label>
            {(kind == UnitKind::Area).then(|| view! {
                <label>"Số hộ (nếu biết)"
                    <input type="number" inputmode="numeric" min="0" class="unit-households" prop:value=move || households.get()
                        on:input=widgets::on(move |ev| households.set(event_target_value(&ev))) />
                </label>
            })}
            <button class="primary add" on:click=widgets::on(move |_| add())>"Thêm"</button>
            {widgets::error_line(error)}
        </div>
    }
    .into_any()
}
