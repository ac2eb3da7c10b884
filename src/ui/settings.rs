//! Settings: what this phone keeps, the data's fingerprint, storage health,
//! and backups to restore.

use super::{ctx, now_ms, units::RolePicker, Ctx};
use crate::core::stored;
use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers text as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "Trình duyệt không cho tải tệp xuống.".to_string();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("style", "display:none").map_err(fail)?;
    document().body().ok_or("Không có trang.")?.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads everything this phone holds, exactly as it is stored.
pub fn download_state(c: Ctx) {
    let text = c.state.with_untracked(|s| stored::encode(s, now_ms()));
    let day = crate::core::text::iso_date(super::today());
    if let Err(e) = download(&format!("sotay-sao-luu-{day}.json"), &text, "application/json") {
        c.notice.set(Some(e));
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let c = ctx();
    let fingerprint = move || c.state.with(|s| s.book.fingerprint());
    let persisted = RwSignal::new(None::<Option<bool>>);
    let estimate = RwSignal::new(None::<(f64, f64)>);
    leptos::task::spawn_local(async move {
        persisted.set(Some(storage::persist().await));
        estimate.set(storage::estimate().await);
    });
    let backups = RwSignal::new(storage::backups());
    let restore = move |key: String, when: String| {
        let sure = window()
            .confirm_with_message(&format!(
                "Khôi phục bản sao lưu lúc {when}? Dữ liệu hiện tại được sao lưu trước, có thể khôi phục lại."
            ))
            .unwrap_or(false);
        if !sure {
            return;
        }
        let embedded = super::embedded();
        match storage::read_backup(&key, &embedded) {
            Ok(state) => {
                let current = c.state.with_untracked(|s| s.clone());
                if let Err(e) = storage::backup_now(&current, now_ms()) {
                    c.notice.set(Some(format!("Chưa khôi phục: không sao lưu được dữ liệu hiện tại trước ({e}).")));
                    return;
                }
                c.replace(current.restore(&state));
                backups.set(storage::backups());
                c.notice.set(Some("Đã khôi phục bản sao lưu. Dữ liệu trước đó cũng đã được sao lưu.".into()));
            }
            Err(e) => c.notice.set(Some(format!("Không khôi phục được: {e}"))),
        }
    };
    let storage_line = move || {
        let p = match persisted.get() {
            None => "Đang hỏi trình duyệt...".to_string(),
            Some(Some(true)) => "Trình duyệt đã đồng ý giữ dữ liệu lâu dài (không tự xóa khi máy thiếu chỗ).".to_string(),
            Some(Some(false)) => "Trình duyệt chưa đồng ý giữ dữ liệu lâu dài: khi máy thiếu chỗ, dữ liệu có thể bị xóa. Hãy xuất tệp thường xuyên.".to_string(),
            Some(None) => "Trình duyệt này không cho biết có giữ dữ liệu lâu dài hay không. Hãy xuất tệp thường xuyên.".to_string(),
        };
        let kb = |bytes: f64| crate::core::text::group_thousands((bytes / 1024.0).round() as i64);
        // Backups count too: they share localStorage's limit with the data.
        let data = format!("Dữ liệu của sổ, cả các bản sao lưu: khoảng {} KB.", kb(storage::used_bytes() as f64));
        let all = match estimate.get() {
            Some((used, quota)) if quota > 0.0 => format!(
                "Cả ứng dụng trên máy này, gồm bản để dùng khi không có mạng: khoảng {} KB (trình duyệt cho phép tới {} MB).",
                kb(used),
                crate::core::text::group_thousands((quota / 1_048_576.0).round() as i64)
            ),
            _ => String::new(),
        };
        (p, data, all)
    };
    let damaged = storage::damaged();
    view! {
        <div class="screen settings">
            <h2>"Cài đặt"</h2>
            <section class="group">
                <h3>"Máy này"</h3>
                <RolePicker/>
            </section>
            <section class="group">
                <h3>"Đơn vị"</h3>
                <p><a class="button" href="#/don-vi">"Khu dân cư, tổ chức thành viên"</a></p>
            </section>
            <section class="group">
                <h3>"Mã kiểm tra dữ liệu"</h3>
                <p class="fingerprint" id="fingerprint" aria-live="polite">{fingerprint}</p>
                <p class="hint">"Hai máy có cùng mã này là đang giữ cùng một dữ liệu. Đọc cho nhau qua điện thoại để đối chiếu."</p>
            </section>
            <section class="group">
                <h3>"Bộ nhớ"</h3>
                <p id="persisted">{move || storage_line().0}</p>
                <p id="data-size">{move || storage_line().1}</p>
                <p class="hint">{move || storage_line().2}</p>
                <button on:click=move |_| download_state(c)>"Tải toàn bộ dữ liệu về máy (tệp sao lưu)"</button>
            </section>
            <section class="group">
                <h3>"Bản sao lưu tự động"</h3>
                <p class="hint">"Mỗi lần mở ứng dụng và trước mỗi lần khôi phục, ứng dụng giữ lại một bản sao (tối đa 5 bản gần nhất)."</p>
                <ul class="backups">
                    {move || {
                        let list = backups.get();
                        if list.is_empty() {
                            return view! { <li>"Chưa có bản sao lưu nào."</li> }.into_any();
                        }
                        list.into_iter().map(|b| {
                            let key = b.key.clone();
                            let when = b.when.clone();
                            view! {
                                <li>
                                    <span>{format!("{} · {} KB", b.when, b.bytes.div_ceil(1024))}</span>
                                    <button class="small restore" aria-label=format!("Khôi phục bản sao lưu lúc {}", b.when)
                                        on:click=move |_| restore(key.clone(), when.clone())>"Khôi phục"</button>
                                </li>
                            }
                        }).collect_view().into_any()
                    }}
                </ul>
                {damaged.map(|text| {
                    let t = text.clone();
                    view! {
                        <p class="hint" id="damaged">{format!("Có một bản dữ liệu hỏng được giữ riêng ({} KB).", text.len().div_ceil(1024))}</p>
                        <button on:click=move |_| { let _ = download("sotay-du-lieu-hong.txt", &t, "text/plain"); }>"Tải bản hỏng về máy"</button>
                    }
                })}
            </section>
        </div>
    }
}
