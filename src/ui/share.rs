//! Sharing: export a file (through the phone's share sheet where it can take
//! files, otherwise a download), import from a file, a drop or pasted text,
//! with a preview before anything changes, and one-tap undo.

use super::{ctx, now_ms, settings::download, today, Ctx};
use crate::core::book::UnitKind;
use crate::core::file::{self, ImportError, Incoming, Preview, Scope};
use crate::core::state::{Action, Role};
use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Shares a file through `navigator.share`. Ok(true) when shared, Ok(false)
/// when the browser cannot share files (the caller downloads instead).
/// Chrome on Android shares only some file types, and JSON is not among them,
/// so the same text is offered as a .txt file when .json is refused (import
/// takes either).
async fn share_file(name: &str, text: &str) -> Result<bool, String> {
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
        let f = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &opts)
            .map_err(|_| "Không tạo được tệp.".to_string())?;
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&f));
        let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(file_name));
        if can.call1(nav_js, &data).ok().and_then(|v| v.as_bool()).unwrap_or(false) {
            chosen = Some(data);
            break;
        }
    }
    let Some(data) = chosen else { return Ok(false) };
    let promise: js_sys::Promise = share.call1(nav_js, &data).map_err(|_| "Không mở được hộp chia sẻ.".to_string())?.unchecked_into();
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            if name == "AbortError" {
                Err("Đã hủy gửi.".into())
            } else {
                Ok(false)
            }
        }
    }
}

/// The text of a file another app shared to this one, if any (see the page
/// script in index.html: `window.sotayTakeSharedFile()` resolves to a string or null).
async fn take_shared_file() -> Option<String> {
    let f = js_sys::Reflect::get(&window(), &"sotayTakeSharedFile".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise: js_sys::Promise = f.call0(&JsValue::NULL).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// What the import area shows.
#[derive(Clone)]
enum Pending {
    None,
    Preview(Box<Incoming>, Box<Preview>),
    /// A file for another programme that carries its programme: offer to switch.
    Other(Box<Incoming>, String),
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
                <p class="fingerprint" id="share-fingerprint">{move || c.state.with(|s| s.book.fingerprint())}</p>
            </section>
        </div>
    }
}

#[component]
fn Export() -> impl IntoView {
    let c = ctx();
    let default_scope = c.state.with_untracked(|s| match &s.local.role {
        Role::Area { unit } => unit.clone(),
        Role::Commune => String::new(),
    });
    let scope_value = RwSignal::new(default_scope);
    let message = RwSignal::new(None::<(bool, String)>);
    let last_text = RwSignal::new(String::new());
    let make = move || -> Result<(String, String), String> {
        let v = scope_value.get_untracked();
        let scope = if v.is_empty() { Scope::All } else { Scope::Unit { unit: v } };
        c.state.with_untracked(|s| {
            let text = file::export(&s.book, &scope, &s.local.device, now_ms())?;
            Ok((file::file_name(&s.book, &scope, today()), text))
        })
    };
    // A file with only some of what this phone writes does not settle its changes.
    let mark_sent = move |c: Ctx| {
        let v = scope_value.get_untracked();
        let all = c.state.with_untracked(|s| s.export_covers_all((!v.is_empty()).then_some(v.as_str())));
        let _ = c.act(Action::MarkExported { all });
    };
    let done = move |c: Ctx, name: &str, how: &str| {
        mark_sent(c);
        message.set(Some((true, format!("{how} tệp {name}."))));
    };
    // Inside Zalo's or Facebook's browser a download usually never happens:
    // not counted as sent, and the user is told what works there.
    let downloaded = move |c: Ctx, name: &str, how: &str| {
        if in_app_browser() {
            message.set(Some((
                false,
                format!(
                    "Đã thử tải tệp {name} về, nhưng trong trình duyệt của Zalo hay Facebook việc tải thường không được. \
                     Nếu không thấy tệp, hãy bấm “Sao chép” rồi dán vào tin nhắn, hoặc mở Sổ tay bằng Chrome."
                ),
            )));
        } else {
            done(c, name, how);
        }
    };
    let on_share = move |_| match make() {
        Err(e) => message.set(Some((false, e))),
        Ok((name, text)) => {
            last_text.set(text.clone());
            leptos::task::spawn_local(async move {
                match share_file(&name, &text).await {
                    Ok(true) => done(c, &name, "Đã gửi"),
                    Ok(false) => match download(&name, &text, "application/json") {
                        Ok(()) => downloaded(c, &name, "Máy này không gửi thẳng được, đã tải về"),
                        Err(e) => message.set(Some((false, e))),
                    },
                    Err(e) => message.set(Some((false, e))),
                }
            });
        }
    };
    let on_download = move |_| match make() {
        Err(e) => message.set(Some((false, e))),
        Ok((name, text)) => {
            last_text.set(text.clone());
            match download(&name, &text, "application/json") {
                Ok(()) => downloaded(c, &name, "Đã tải về"),
                Err(e) => message.set(Some((false, e))),
            }
        }
    };
    let on_copy = move |_| match make() {
        Err(e) => message.set(Some((false, e))),
        Ok((_, text)) => {
            last_text.set(text.clone());
            let clip = window().navigator().clipboard();
            let p = clip.write_text(&text);
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(p).await {
                    Ok(_) => {
                        mark_sent(c);
                        message.set(Some((true, "Đã sao chép. Dán vào tin nhắn để gửi.".into())));
                    }
                    Err(_) => message.set(Some((false, "Trình duyệt không cho sao chép; hãy chọn và sao chép nội dung bên dưới.".into()))),
                }
            });
        }
    };
    let options = move || {
        c.state.with(|s| {
            s.book
                .units_of(UnitKind::Area)
                .into_iter()
                .map(|(id, u)| view! { <option value=id.to_string() selected=scope_value.get_untracked() == id>{format!("Chỉ {}", u.name)}</option> })
                .collect_view()
        })
    };
    let last = move || {
        c.state.with(|s| match s.local.last_export_ms {
            Some(t) => format!("Lần gửi gần nhất: {}. {} thay đổi chưa gửi.", super::format_time(t), s.local.changes_since_export),
            None => "Chưa gửi lần nào.".to_string(),
        })
    };
    view! {
        <section class="group export">
            <h3>"Gửi dữ liệu đi"</h3>
            <label>"Gửi phần nào"
                <select id="export-scope" on:change=move |ev| scope_value.set(event_target_value(&ev)) prop:value=move || scope_value.get()>
                    <option value="">"Toàn bộ dữ liệu của xã"</option>
                    {options}
                </select>
            </label>
            <p class="hint">{last}</p>
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
    let pending = RwSignal::new(Pending::None);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pasted = RwSignal::new(String::new());
    let undo_tick = RwSignal::new(0u32);

    // A refused file: why, and that nothing changed.
    let refuse = move |e: ImportError| {
        pending.set(Pending::None);
        error.set(Some(format!("{} Dữ liệu hiện có không thay đổi.", e.message())));
    };
    let receive = move |text: String| {
        done.set(None);
        let programme = c.state.with_untracked(|s| s.book.programme.clone());
        let read = match file::read(&text, &programme) {
            Ok(inc) => {
                c.state.with_untracked(|s| file::preview(&s.book, &inc)).map(|p| Pending::Preview(Box::new(inc), Box::new(p)))
            }
            Err(e @ ImportError::OtherProgramme { programme: Some(_), .. }) => {
                file::read_other_programme(&text).map(|inc| Pending::Other(Box::new(inc), e.message()))
            }
            Err(e) => Err(e),
        };
        match read {
            Ok(next) => {
                error.set(None);
                pending.set(next);
            }
            Err(e) => refuse(e),
        }
    };
    let read_file = move |f: web_sys::File| {
        let size = f.size() as usize;
        if size > file::MAX_BYTES {
            refuse(ImportError::TooLarge { bytes: size });
            return;
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
    // service worker's inbox; take it into the preview.
    leptos::task::spawn_local(async move {
        if let Some(text) = take_shared_file().await {
            receive(text);
        }
    });
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
        let Pending::Preview(inc, _) = pending.get_untracked() else { return };
        // Against the data as it is now (an undo may have happened since the preview).
        let preview = match c.state.with_untracked(|s| file::preview(&s.book, &inc)) {
            Ok(p) => p,
            Err(e) => return refuse(e),
        };
        if preview.is_empty() {
            // Nothing to change: no backup rotated out, and the last real import stays undoable.
            pending.set(Pending::None);
            done.set(Some("Tệp không có gì mới: dữ liệu không thay đổi.".into()));
            return;
        }
        let before = c.state.with_untracked(|s| s.clone());
        if let Err(e) = storage::backup_now(&before, now_ms()) {
            error.set(Some(format!("Chưa nhập: không sao lưu được dữ liệu hiện tại trước khi nhập ({e}) Hãy tải tệp sao lưu ở mục Cài đặt rồi thử lại.")));
            return;
        }
        let mut next = before.clone();
        let report = file::apply(&mut next, &inc, now_ms());
        let _ = storage::save_undo(&before, &next.book.fingerprint(), now_ms());
        c.replace(next);
        pending.set(Pending::None);
        undo_tick.update(|t| *t += 1);
        done.set(Some(format!(
            "Đã nhập: {} mục mới, {} mục được cập nhật. Mã kiểm tra mới: {}.",
            report.units.values().map(|u| u.new).sum::<usize>(),
            report.units.values().map(|u| u.newer).sum::<usize>(),
            preview.fingerprint_after
        )));
    };
    let switch = move |_| {
        let Pending::Other(inc, _) = pending.get_untracked() else { return };
        let ok = window()
            .confirm_with_message(&format!(
                "Chuyển sang chương trình “{}” ({})? Dữ liệu của chương trình hiện tại được sao lưu tự động (mục Cài đặt giữ 5 bản gần nhất); nếu còn cần, hãy tải một tệp sao lưu ở mục Cài đặt trước.",
                inc.book.programme.title, inc.book.programme.owner
            ))
            .unwrap_or(false);
        if !ok {
            return;
        }
        let before = c.state.with_untracked(|s| s.clone());
        if let Err(e) = storage::backup_now(&before, now_ms()) {
            error.set(Some(format!("Chưa chuyển: không sao lưu được dữ liệu hiện tại ({e})")));
            return;
        }
        let mut next = before;
        file::switch_programme(&mut next, &inc, now_ms());
        storage::clear_undo();
        c.replace(next);
        pending.set(Pending::None);
        done.set(Some("Đã chuyển sang chương trình mới. Dữ liệu cũ đã được sao lưu.".into()));
    };
    let undo_state = move || {
        undo_tick.get();
        let fp = c.state.with(|s| s.book.fingerprint());
        storage::read_undo(&fp, &super::embedded())
    };
    let undo = move |_| {
        let fp = c.state.with_untracked(|s| s.book.fingerprint());
        if let Some(before) = storage::read_undo(&fp, &super::embedded()) {
            let next = c.state.with_untracked(|s| s.restore(&before));
            c.replace(next);
            storage::clear_undo();
            undo_tick.update(|t| *t += 1);
            // A preview still open was made against the data before the undo.
            pending.set(Pending::None);
            done.set(Some("Đã hoàn tác lần nhập vừa rồi.".into()));
        }
    };
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
                <textarea id="import-text" rows="4" aria-label="Nội dung đã sao chép" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button id="import-paste" on:click=move |_| receive(pasted.get_untracked())>"Đọc nội dung đã dán"</button>
            </details>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="import-error">{e}</p> })}
            {move || done.get().map(|m| view! { <p class="ok" role="status" id="import-done">{m}</p> })}
            {move || (done.with(|d| d.is_some()) && !c.state.with(|s| s.local.set_up)).then(|| view! {
                <p><a class="button" href="#/">"Tiếp tục: chọn máy này theo dõi gì"</a></p>
            })}
            {move || match pending.get() {
                Pending::None => None,
                Pending::Preview(inc, p) => Some(preview_view(&inc, *p, apply, move |_| pending.set(Pending::None)).into_any()),
                Pending::Other(_, msg) => Some(view! {
                    <div class="preview" id="import-other">
                        <p>{msg}</p>
                        <button class="primary" id="import-switch" on:click=switch>"Chuyển sang chương trình này"</button>
                        <button on:click=move |_| pending.set(Pending::None)>"Hủy"</button>
                    </div>
                }.into_any()),
            }}
            {move || undo_state().map(|_| view! {
                <button id="import-undo" on:click=undo>"Hoàn tác lần nhập vừa rồi"</button>
            })}
        </section>
    }
}

fn preview_view(
    inc: &Incoming,
    p: Preview,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let from = match (&inc.device, inc.exported_ms) {
        (Some(d), Some(t)) => format!("Tệp từ máy {d}, tạo lúc {}.", super::format_time(t)),
        _ => String::new(),
    };
    let changes = p.changes();
    let programme = p.programme.clone().map(|u| {
        let n = u.changes.len();
        let lines = u.changes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
        view! {
            <div class="programme-update" id="import-programme">
                <p><strong>{format!("Tệp mang chương trình đã sửa đổi (lần sửa {}; máy này đang theo lần sửa {}).", u.to, u.from)}</strong>
                    " Sau khi nhập, máy này theo chương trình của tệp."</p>
                <details>
                    <summary>{format!("Xem {n} thay đổi của chương trình")}</summary>
                    <ul>{lines}</ul>
                </details>
            </div>
        }
    });
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let replaced = r
                .replaced
                .iter()
                .map(|(what, ours, theirs)| view! { <li>{format!("{what}: “{ours}” → “{theirs}”")}</li> })
                .collect_view();
            view! {
                <tr data-preview-unit=r.unit.clone()>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="new">{r.new}</td>
                    <td class="newer">{r.newer}</td>
                    <td class="older">{r.older}</td>
                    <td class="same">{r.same}</td>
                </tr>
                {(!r.replaced.is_empty()).then(|| view! {
                    <tr class="replaced"><td colspan="5"><ul>{replaced}</ul></td></tr>
                })}
            }
        })
        .collect_view();
    view! {
        <div class="preview" id="import-preview">
            <h4>"Xem trước khi nhập"</h4>
            <p class="hint">{from}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th>"Đơn vị"</th><th>"Mới"</th><th>"Mới hơn"</th><th>"Cũ hơn"</th><th>"Giống"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">"Mới: chưa có ở máy này. Mới hơn: sẽ thay dữ liệu hiện có (giá trị cũ vẫn giữ trong lịch sử). Cũ hơn: giữ giá trị ở máy này, bản của tệp chỉ thêm vào lịch sử nếu chưa có. Giống: đã có."</p>
            {programme}
            {(!p.same_names.is_empty()).then(|| view! {
                <p class="warning" id="import-same-names">
                    <strong>"Chú ý: "</strong>
                    {format!(
                        "“{}” trong tệp trùng tên với đơn vị đã có ở máy này nhưng được tạo riêng trên máy khác, nên sẽ thành hai đơn vị. \
                         Nếu là cùng một nơi, hãy bấm Hủy; ở máy kia, nhập tệp của xã, chọn đúng đơn vị ở mục Cài đặt, rồi gửi lại.",
                        p.same_names.join("”, “")
                    )}
                </p>
            })}
            <p>{if p.is_empty() {
                "Tệp này không có gì mới: nhập vào cũng không thay đổi gì.".to_string()
            } else if changes == 0 {
                format!("Số liệu của các đơn vị không thay đổi. Mã kiểm tra sau khi nhập: {}.", p.fingerprint_after)
            } else {
                format!("Sẽ thay đổi {changes} mục. Mã kiểm tra sau khi nhập: {}.", p.fingerprint_after)
            }}</p>
            <div class="row">
                <button class="primary" id="import-apply" on:click=apply>"Nhập vào"</button>
                <button id="import-cancel" on:click=cancel>"Hủy"</button>
            </div>
        </div>
    }
}

/// Whether the page runs in Zalo's, Facebook's, Messenger's or Instagram's
/// built-in browser (detected once, in index.html).
fn in_app_browser() -> bool {
    js_sys::Reflect::get(&window(), &"sotayInApp".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
