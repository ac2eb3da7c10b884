//! Sharing: send a file (the phone's share sheet where it takes files,
//! otherwise a download, or copied text), and take files in by picker, drop
//! or paste, with a preview before anything changes and one-tap undo.
//! The rules are the core's (`screen::share`, `workflow`).

use crate::core::file::{self, ImportError};
use crate::core::screen::share::{self, PreviewModel};
use crate::core::screen::Route;
use crate::core::workflow::{self, Received, Workflow};
use crate::storage;
use crate::ui::{ctx, embedded, widgets, Ctx};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Shares a file through `navigator.share`. Ok(true) when shared, Ok(false)
/// when the browser cannot share files (the caller downloads instead).
/// Chrome on Android shares only some file types, and JSON is not among them,
/// so the same text is offered as a .txt file when .json is refused (import
/// takes either).
async fn share_file(name: &str, text: &str) -> Result<bool, &'static str> {
    let nav = window().navigator();
    let nav_js: &JsValue = nav.as_ref();
    let can = js_sys::Reflect::get(nav_js, &"canShare".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let share = js_sys::Reflect::get(nav_js, &"share".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(can), Some(share)) = (can, share) else { return Ok(false) };
    let as_txt = format!("{}.txt", name.trim_end_matches(".json"));
    let mut chosen = None;
    for (mime, file_name) in [("application/json", name), ("text/plain", as_txt.as_str())] {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let opts = web_sys::FilePropertyBag::new();
        opts.set_type(mime);
        let f = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &opts).map_err(|_| "Không tạo được tệp.")?;
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&f));
        let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(file_name));
        if can.call1(nav_js, &data).ok().and_then(|v| v.as_bool()).unwrap_or(false) {
            chosen = Some(data);
            break;
        }
    }
    let Some(data) = chosen else { return Ok(false) };
    let promise: js_sys::Promise = share.call1(nav_js, &data).map_err(|_| "Không mở được hộp chia sẻ.")?.unchecked_into();
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            if name == "AbortError" {
                Err("Đã hủy gửi.")
            } else {
                Ok(false)
            }
        }
    }
}

/// The text of a file another app shared to this one, if any (page.js keeps it).
async fn take_shared_file() -> Option<String> {
    let f = js_sys::Reflect::get(&window(), &"sotayTakeSharedFile".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise: js_sys::Promise = f.call0(&JsValue::NULL).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// Whether the page runs in Zalo's, Facebook's, Messenger's or Instagram's
/// built-in browser (detected by page.js).
fn in_app_browser() -> bool {
    js_sys::Reflect::get(&window(), &"sotayInApp".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

#[component]
pub fn Share() -> impl IntoView {
    let c = ctx();
    view! {
        <div class="screen share">
            <h2>"Chia sẻ dữ liệu"</h2>
            <p class="hint">"Gửi tệp cho xã hoặc thôn khác qua Zalo, Messenger. Nhập tệp nhận được: dữ liệu được gộp, không ghi đè, nhập lại nhiều lần cũng không bị trùng."</p>
            <Export/>
            <Import/>
            <section class="group">
                <h3>"Mã kiểm tra dữ liệu"</h3>
                <p class="fingerprint" id="share-fingerprint">{move || c.fingerprint.get()}</p>
            </section>
        </div>
    }
}

#[component]
fn Export() -> impl IntoView {
    let c = ctx();
    let model = Memo::new(move |_| c.state.with(|s| share::export_model(s, &c.env())));
    let scope = RwSignal::new(model.with_untracked(|m| widgets::chosen(&m.scopes)));
    let message = RwSignal::new(None::<(bool, String)>);
    let last_text = RwSignal::new(String::new());
    let make = move || -> Option<share::Outgoing> {
        match c.state.with_untracked(|s| share::outgoing(s, &scope.get_untracked(), &c.env())) {
            Ok(out) => {
                last_text.set(out.text.clone());
                Some(out)
            }
            Err(e) => {
                message.set(Some((false, e.to_string())));
                None
            }
        }
    };
    let sent = move |c: Ctx, out: &share::Outgoing, how: &str| {
        let _ = c.act(out.sent.clone());
        message.set(Some((true, format!("{how} tệp {}.", out.name))));
    };
    // Inside Zalo's or Facebook's browser a download usually never happens:
    // not counted as sent, and the user is told what works there.
    let downloaded = move |c: Ctx, out: &share::Outgoing, how: &str| {
        if in_app_browser() {
            message.set(Some((false, share::in_app_download(&out.name))));
        } else {
            sent(c, out, how);
        }
    };
    let on_share = move |_| {
        let Some(out) = make() else { return };
        leptos::task::spawn_local(async move {
            match share_file(&out.name, &out.text).await {
                Ok(true) => sent(c, &out, "Đã gửi"),
                Ok(false) => match widgets::download(&out.name, &out.text, "application/json") {
                    Ok(()) => downloaded(c, &out, "Máy này không gửi thẳng được, đã tải về"),
                    Err(e) => message.set(Some((false, e.to_string()))),
                },
                Err(e) => message.set(Some((false, e.to_string()))),
            }
        });
    };
    let on_download = move |_| {
        let Some(out) = make() else { return };
        match widgets::download(&out.name, &out.text, "application/json") {
            Ok(()) => downloaded(c, &out, "Đã tải về"),
            Err(e) => message.set(Some((false, e.to_string()))),
        }
    };
    let on_copy = move |_| {
        let Some(out) = make() else { return };
        let refused = "Trình duyệt không cho sao chép; hãy chọn và sao chép nội dung bên dưới.";
        // navigator.clipboard is missing outside https and in some built-in browsers.
        let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok().filter(|v| v.is_object());
        let Some(clipboard) = clipboard else {
            message.set(Some((false, refused.into())));
            return;
        };
        let p = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&out.text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(p).await {
                Ok(_) => {
                    let _ = c.act(out.sent.clone());
                    message.set(Some((true, "Đã sao chép. Dán vào tin nhắn để gửi.".into())));
                }
                Err(_) => message.set(Some((false, refused.into()))),
            }
        });
    };
    view! {
        <section class="group export">
            <h3>"Gửi dữ liệu đi"</h3>
            <label>"Gửi phần nào"
                <select id="export-scope" on:change=move |ev| scope.set(event_target_value(&ev)) prop:value=move || scope.get()>
                    {move || widgets::options(model.with(|m| m.scopes.clone()))}
                </select>
            </label>
            <p class="hint">{move || model.with(|m| m.last.clone())}</p>
            <button class="primary big" id="export-share" on:click=on_share>"Gửi tệp (Zalo, Messenger...)"</button>
            <div class="row">
                <button id="export-download" on:click=on_download>"Tải tệp về máy"</button>
                <button id="export-copy" on:click=on_copy>"Sao chép"</button>
            </div>
            {move || message.get().map(|(ok, m)| view! { <p class=if ok { "ok" } else { "error" } role="status" id="export-message">{m}</p> })}
            <Show when=move || !last_text.with(|t| t.is_empty())>
                <details class="more">
                    <summary>"Xem nội dung tệp"</summary>
                    <textarea id="export-text" readonly rows="4" aria-label="Nội dung tệp" prop:value=move || last_text.get()></textarea>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn Import() -> impl IntoView {
    let c = ctx();
    let pending = RwSignal::new(None::<Received>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pasted = RwSignal::new(String::new());
    let preview = Memo::new(move |_| match pending.get() {
        Some(Received::Preview { incoming, preview }) => Some(share::preview_model(&incoming, &preview, &c.env())),
        _ => None,
    });
    let refuse = move |e: ImportError| {
        pending.set(None);
        error.set(Some(format!("{e} Dữ liệu hiện có không thay đổi.")));
    };
    let receive = move |text: String| {
        done.set(None);
        match c.state.with_untracked(|s| workflow::receive(s, &text)) {
            Ok(r) => {
                error.set(None);
                pending.set(Some(r));
            }
            Err(e) => refuse(e),
        }
    };
    let read_file = move |f: web_sys::File| {
        if let Err(e) = file::check_size(f.size() as usize) {
            return refuse(e);
        }
        let promise = f.text();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string()) {
                Some(text) => receive(text),
                None => error.set(Some("Không đọc được tệp này.".into())),
            }
        });
    };
    // A file shared to the installed app ("Chia sẻ" from Zalo) waits in the
    // service worker's inbox; what another tab's undo set aside waits in
    // this tab's session. Either comes into the preview.
    leptos::task::spawn_local(async move {
        if let Some(text) = take_shared_file().await {
            receive(text);
        }
    });
    if let Some(kept) = c.kept.get_untracked() {
        if let Ok(r) = c.state.with_untracked(|s| workflow::preview(s, kept)) {
            pending.set(Some(r));
        }
    }
    // Another tab's save changes the data under an open preview: it is made
    // again, so that it shows what importing would do now.
    Effect::new(move |_| {
        c.state.track();
        let Some(Received::Preview { incoming, .. }) = pending.get_untracked() else { return };
        match c.state.with_untracked(|s| workflow::preview(s, *incoming)) {
            Ok(r) => pending.set(Some(r)),
            Err(e) => refuse(e),
        }
    });
    let forget_kept = move || {
        storage::clear_kept();
        c.kept.set(None);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            read_file(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            read_file(f);
        }
    };
    let apply = move |_| {
        let Some(Received::Preview { incoming, .. }) = pending.get_untracked() else { return };
        let step = match c.state.with_untracked(|s| workflow::import(s, &incoming, crate::ui::now_ms())) {
            Ok(step) => step,
            Err(e) => return refuse(e),
        };
        leptos::task::spawn_local(async move {
            match c.run(step, Workflow::Import).await {
                Ok(msg) => {
                    pending.set(None);
                    forget_kept();
                    done.set(Some(msg));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let cancel = move |_| {
        pending.set(None);
        forget_kept();
    };
    let switch = move |_| {
        let Some(Received::Switch { incoming, question, .. }) = pending.get_untracked() else { return };
        if !widgets::confirm(&question) {
            return;
        }
        let step = c.state.with_untracked(|s| workflow::switch(s, &incoming, crate::ui::now_ms()));
        leptos::task::spawn_local(async move {
            match c.run(step, Workflow::Switch).await {
                Ok(msg) => {
                    pending.set(None);
                    done.set(Some(msg));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let undo_available = Memo::new(move |_| workflow::undo_available(&c.fingerprint.get(), c.undo_fp.get().as_deref()));
    let undo = move |_| {
        leptos::task::spawn_local(async move {
            let Some(copy) = storage::read_undo(&embedded).await else {
                c.undo_fp.set(None);
                return;
            };
            match c.state.with_untracked(|s| workflow::undo(s, &copy)) {
                Ok(step) => match c.run(step, Workflow::Import).await {
                    Ok(msg) => {
                        // A preview still open was made against the data before the undo.
                        pending.set(None);
                        done.set(Some(msg));
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => {
                    c.undo_fp.set(None);
                    error.set(Some(e.to_string()));
                }
            }
        });
    };
    let setup_link = move || done.with(|d| d.is_some()) && !c.state.with(|s| s.local.set_up);
    view! {
        <section class="group import">
            <h3>"Nhận dữ liệu"</h3>
            <div class="drop" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label class="file-pick">"Chọn tệp nhận được (.json, .txt...)"
                    <input type="file" id="import-file" on:change=on_pick />
                </label>
                <p class="hint">"Hoặc kéo thả tệp vào đây."</p>
            </div>
            <details class="more">
                <summary>"Dán nội dung đã sao chép"</summary>
                <textarea id="import-text" rows="4" aria-label="Nội dung đã sao chép" prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button id="import-paste" on:click=move |_| receive(pasted.get_untracked())>"Đọc nội dung đã dán"</button>
            </details>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="import-error">{e}</p> })}
            {move || done.get().map(|m| view! { <p class="ok" role="status" id="import-done">{m}</p> })}
            <Show when=setup_link>
                <p><a class="button" href=Route::Home.href(c.page)>"Tiếp tục: chọn máy này theo dõi gì"</a></p>
            </Show>
            {move || preview.get().map(|p| preview_view(p, c.kept.with(|k| k.is_some()), apply, cancel))}
            {move || match pending.get() {
                Some(Received::Switch { message, .. }) => Some(view! {
                    <div class="preview" id="import-other">
                        <p>{message}</p>
                        <button class="primary" id="import-switch" on:click=switch>"Chuyển sang chương trình này"</button>
                        <button on:click=move |_| pending.set(None)>"Hủy"</button>
                    </div>
                }),
                _ => None,
            }}
            <Show when=move || undo_available.get()>
                <button id="import-undo" on:click=undo>"Hoàn tác lần nhập vừa rồi"</button>
            </Show>
        </section>
    }
}

fn preview_view(
    p: PreviewModel,
    kept: bool,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let rows = p
        .rows
        .into_iter()
        .map(|r| {
            let replaced = (!r.replaced.is_empty()).then(|| {
                let lines = r.replaced.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
                view! { <tr class="replaced"><td colspan="5"><ul>{lines}</ul></td></tr> }
            });
            view! {
                <tr data-preview-unit=r.unit>
                    <th scope="row">{r.name}</th>
                    <td class="new">{r.new}</td>
                    <td class="newer">{r.newer}</td>
                    <td class="older">{r.older}</td>
                    <td class="same">{r.same}</td>
                </tr>
                {replaced}
            }
        })
        .collect_view();
    let programme = p.programme.map(|u| {
        let lines = u.changes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
        view! {
            <div class="programme-update" id="import-programme">
                <p><strong>{u.heading}</strong>" Sau khi nhập, máy này theo chương trình của tệp."</p>
                <details>
                    <summary>{u.summary}</summary>
                    <ul>{lines}</ul>
                </details>
            </div>
        }
    });
    view! {
        <div class="preview" id="import-preview">
            <h4>{if kept { "Những thay đổi cửa sổ này giữ riêng" } else { "Xem trước khi nhập" }}</h4>
            <p class="hint">{p.from}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th>"Đơn vị"</th><th>"Mới"</th><th>"Mới hơn"</th><th>"Cũ hơn"</th><th>"Giống"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">"Mới: chưa có ở máy này. Mới hơn: sẽ thay dữ liệu hiện có (giá trị cũ vẫn giữ trong lịch sử). Cũ hơn: giữ giá trị ở máy này, bản của tệp chỉ thêm vào lịch sử nếu chưa có. Giống: đã có."</p>
            {programme}
            {p.same_names.map(|m| view! { <p class="warning" id="import-same-names"><strong>"Chú ý: "</strong>{m}</p> })}
            <p>{p.conclusion}</p>
            <div class="row">
                <button class="primary" id="import-apply" on:click=apply>"Nhập vào"</button>
                <button id="import-cancel" on:click=cancel>{if kept { "Bỏ các thay đổi này" } else { "Hủy" }}</button>
            </div>
        </div>
    }
}
