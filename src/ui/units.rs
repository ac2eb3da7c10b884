//! Residential areas, member organisations and the commune: add, rename,
//! reorder, archive. And the first-run screen.

use super::{ctx, Ctx, Route};
use crate::core::book::UnitKind;
use crate::core::state::{Action, Role};
use leptos::prelude::*;

/// The first screen on a new phone.
#[component]
pub fn Setup() -> impl IntoView {
    let c = ctx();
    let role_area = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let finish = move |_| {
        let r = if role_area.get_untracked() {
            let chosen = c.state.with_untracked(|s| match &s.local.role {
                Role::Area { unit } => Some(unit.clone()),
                Role::Commune => None,
            });
            match chosen {
                Some(_) => c.act(Action::FinishSetup),
                None => Err("Hãy chọn khu dân cư mà máy này theo dõi.".into()),
            }
        } else {
            c.act(Action::SetRole(Role::Commune)).and_then(|_| c.act(Action::FinishSetup))
        };
        match r {
            Ok(()) => c.go(Route::Home),
            Err(e) => error.set(Some(e)),
        }
    };
    let area_count = move || c.state.with(|s| s.book.units_of(UnitKind::Area).len());
    view! {
        <div class="screen setup">
            <h2>"Bắt đầu"</h2>
            <p>"Sổ tay giữ mọi số liệu ngay trong trình duyệt của máy này, không cần mạng. Hãy cho biết máy này theo dõi những gì."</p>
            <fieldset class="role">
                <legend>"Máy này theo dõi"</legend>
                <label class="choice"><input type="radio" name="role" checked=move || !role_area.get()
                    on:change=move |_| role_area.set(false) />"Toàn xã (Ủy ban MTTQ xã)"</label>
                <label class="choice"><input type="radio" name="role" checked=move || role_area.get()
                    on:change=move |_| role_area.set(true) />"Một khu dân cư (Ban công tác Mặt trận)"</label>
            </fieldset>
            <p><a class="button" id="setup-import" href="#/chia-se">"Đã có tệp từ xã? Nhập tệp"</a></p>
            <h3>"Các khu dân cư của xã"</h3>
            <p class="hint">"Nhập tên từng khu dân cư (thôn). Có thể sửa, thêm sau. Nếu đã nhận được tệp từ xã, hãy nhập tệp đó thay vì gõ lại."</p>
            <UnitList kind=UnitKind::Area/>
            <AddUnit kind=UnitKind::Area/>
            {move || role_area.get().then(|| view! { <RolePicker/> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button class="primary big" id="finish-setup" on:click=finish>
                {move || format!("Xong, bắt đầu ghi chép ({} khu dân cư)", area_count())}
            </button>
        </div>
    }
}

/// Choice of the area a phone keeps.
#[component]
pub fn RolePicker() -> impl IntoView {
    let c = ctx();
    let error = RwSignal::new(None::<String>);
    let current = move || {
        c.state.with(|s| match &s.local.role {
            Role::Area { unit } => unit.clone(),
            Role::Commune => String::new(),
        })
    };
    let on_change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let role = if v.is_empty() { Role::Commune } else { Role::Area { unit: v } };
        error.set(c.act(Action::SetRole(role)).err());
    };
    let options = move || {
        c.state.with(|s| {
            s.book
                .units_of(UnitKind::Area)
                .into_iter()
                .filter(|(_, u)| !u.archived())
                .map(|(id, u)| {
                    let id = id.to_string();
                    let cur = current;
                    let sel = id.clone();
                    view! { <option value=id selected=move || cur() == sel>{u.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <label class="role-area">"Máy này giữ sổ của"
            <select id="role" on:change=on_change prop:value=current>
                <option value="" selected=move || current().is_empty()>"Toàn xã"</option>
                {options}
            </select>
        </label>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

#[component]
pub fn Units() -> impl IntoView {
    view! {
        <div class="screen units">
            <h2>"Đơn vị"</h2>
            <section class="group">
                <h3>"Khu dân cư"</h3>
                <UnitList kind=UnitKind::Area/>
                <AddUnit kind=UnitKind::Area/>
            </section>
            <section class="group">
                <h3>"Tổ chức thành viên"</h3>
                <UnitList kind=UnitKind::Organisation/>
                <AddUnit kind=UnitKind::Organisation/>
            </section>
            <section class="group">
                <h3>"Ủy ban MTTQ xã"</h3>
                <UnitList kind=UnitKind::Commune/>
            </section>
        </div>
    }
}

#[component]
fn AddUnit(kind: UnitKind) -> impl IntoView {
    let c = ctx();
    let name = RwSignal::new(String::new());
    let households = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move || {
        let r = parse_households(&households.get_untracked()).and_then(|h| {
            c.act(Action::AddUnit { kind, name: name.get_untracked(), households: h, since: None })
        });
        if r.is_ok() {
            name.set(String::new());
            households.set(String::new());
        }
        error.set(r.err());
    };
    let add2 = add;
    let label = if kind == UnitKind::Area { "Tên khu dân cư mới" } else { "Tên tổ chức mới" };
    // Only the commune's phone adds units once set up (State::own_unit).
    if c.state.with_untracked(|s| s.own_unit().is_some()) {
        return view! { <p class="hint">"Đơn vị do máy của xã thêm; máy này nhận danh sách qua tệp của xã."</p> }.into_any();
    }
    view! {
        <div class="add-unit" data-kind=format!("{kind:?}")>
            <label>{label}
                <input type="text" class="unit-name" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add2() } />
            </label>
            {(kind == UnitKind::Area).then(|| view! {
                <label>"Số hộ (nếu biết)"
                    <input type="number" inputmode="numeric" min="0" class="unit-households" prop:value=move || households.get()
                        on:input=move |ev| households.set(event_target_value(&ev)) />
                </label>
            })}
            <button class="primary add" on:click=move |_| add()>"Thêm"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
    .into_any()
}

fn parse_households(s: &str) -> Result<Option<u32>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| format!("Số hộ “{t}” không hợp lệ: hãy nhập số nguyên không âm."))
}

#[component]
fn UnitList(kind: UnitKind) -> impl IntoView {
    let c = ctx();
    let editing = RwSignal::new(None::<String>);
    // The edit form's fields live here, not in the form: the list is rebuilt
    // on every change of the state (another unit added, a merge), and the form
    // with it, without losing what is being typed.
    let draft = Draft { name: RwSignal::new(String::new()), households: RwSignal::new(String::new()), since: RwSignal::new(String::new()) };
    let rows = move || {
        let (list, years, manage) = c.state.with(|s| {
            let list: Vec<(String, crate::core::book::UnitData, bool)> =
                s.book.units_of(kind).into_iter().map(|(i, d)| (i.to_string(), d.clone(), s.may_write(i))).collect();
            // An area's phone edits its own area's details only (State::may_write).
            (list, s.book.programme.term, s.own_unit().is_none())
        });
        let n = list.len();
        list.into_iter()
            .enumerate()
            .map(|(pos, (id, d, editable))| {
                let id_edit = id.clone();
                let d_edit = d.clone();
                let is_editing = {
                    let id = id.clone();
                    move || editing.get().as_deref() == Some(id.as_str())
                };
                let status = match (d.since, d.until) {
                    (_, Some(u)) => format!("Ngừng theo dõi sau năm {u}"),
                    (Some(s), None) => format!("Tính từ năm {s}"),
                    (None, None) => String::new(),
                };
                let households = d.households.map(|h| format!("{h} hộ")).unwrap_or_default();
                let archived = d.archived();
                let name = d.name.clone();
                let view_row = {
                    let id = id.clone();
                    let name = name.clone();
                    move || {
                        let (id_up, id_down, id_arch) = (id.clone(), id.clone(), id.clone());
                        let id_e = id_edit.clone();
                        let d_e = d_edit.clone();
                        let start_edit = move |_| {
                            draft.name.set(d_e.name.clone());
                            draft.households.set(d_e.households.map(|h| h.to_string()).unwrap_or_default());
                            draft.since.set(d_e.since.map(|y| y.to_string()).unwrap_or_default());
                            editing.set(Some(id_e.clone()));
                        };
                        view! {
                            <div class="unit-main">
                                <a class="unit-name" href=Route::Book { unit: Some(id.clone()), year: None }.href()>{name.clone()}</a>
                                <small>{households.clone()}" "{status.clone()}</small>
                            </div>
                            <div class="unit-actions">
                                {(manage && kind != UnitKind::Commune).then(|| view! {
                                    <button class="small" aria-label=format!("Chuyển {} lên", name) disabled=pos == 0
                                        on:click=move |_| { let _ = c.act(Action::Move { id: id_up.clone(), up: true }); }>"↑"</button>
                                    <button class="small" aria-label=format!("Chuyển {} xuống", name) disabled=pos + 1 == n
                                        on:click=move |_| { let _ = c.act(Action::Move { id: id_down.clone(), up: false }); }>"↓"</button>
                                })}
                                {editable.then(|| view! {
                                    <button class="small edit" aria-label=format!("Sửa {name}") on:click=start_edit>"Sửa"</button>
                                })}
                                {(manage && kind != UnitKind::Commune).then(|| {
                                    let this_year = years.current_year(super::today());
                                    if archived {
                                        view! { <button class="small" aria-label=format!("Theo dõi lại {name}")
                                            on:click=move |_| { let _ = c.act(Action::Unarchive { id: id_arch.clone() }); }>"Theo dõi lại"</button> }.into_any()
                                    } else {
                                        view! { <button class="small archive" aria-label=format!("Ngừng theo dõi {name}")
                                            on:click=move |_| { let _ = c.act(Action::Archive { id: id_arch.clone(), last_year: this_year }); }>"Ngừng theo dõi"</button> }.into_any()
                                    }
                                })}
                            </div>
                        }
                    }
                };
                let edit_form = {
                    let id = id.clone();
                    let d = d.clone();
                    move || view! { <EditUnit c=c id=id.clone() data=d.clone() editing=editing draft=draft/> }
                };
                view! {
                    <li class="unit" class:archived=archived data-unit=id.clone()>
                        <Show when=is_editing.clone() fallback=view_row.clone()>{edit_form.clone()}</Show>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="unit-list">{rows}</ul> }
}

/// The fields of the unit being edited.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    households: RwSignal<String>,
    since: RwSignal<String>,
}

#[component]
fn EditUnit(c: Ctx, id: String, data: crate::core::book::UnitData, editing: RwSignal<Option<String>>, draft: Draft) -> impl IntoView {
    let Draft { name, households, since } = draft;
    let error = RwSignal::new(None::<String>);
    let term = c.state.with_untracked(|s| s.book.programme.term);
    let save = move |_| {
        let r = parse_households(&households.get_untracked()).and_then(|h| {
            let since = since.get_untracked().parse::<i32>().ok();
            c.act(Action::EditUnit { id: id.clone(), name: name.get_untracked(), households: h, since })
        });
        match r {
            Ok(()) => editing.set(None),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="edit-unit">
            <label>"Tên"<input type="text" class="edit-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            {(data.kind == UnitKind::Area).then(|| view! {
                <label>"Số hộ"<input type="number" inputmode="numeric" min="0" prop:value=move || households.get()
                    on:input=move |ev| households.set(event_target_value(&ev)) /></label>
            })}
            {(data.kind != UnitKind::Commune).then(|| view! {
                <label>"Tính từ năm"
                    <select class="edit-since" on:change=move |ev| since.set(event_target_value(&ev)) prop:value=move || since.get()>
                        <option value="" selected=move || since.get().is_empty()>"Đầu nhiệm kỳ"</option>
                        {term.years().map(|y| view! { <option value=y.to_string() selected=move || since.get() == y.to_string()>{y}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <div class="row">
                <button class="primary save" on:click=save>"Lưu"</button>
                <button on:click=move |_| editing.set(None)>"Hủy"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
