//! Small pieces every screen uses: select options, file downloads, the
//! browser's confirm, and keeping focus where the user was.

use super::{env, Ctx};
use crate::core::screen::Choice;
use crate::core::stored;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The options of a select, the chosen one selected.
pub fn options(choices: Vec<Choice>) -> impl IntoView {
    choices
        .into_iter()
        .map(|c| view! { <option value=c.value selected=c.selected>{c.label}</option> })
        .collect_view()
}

/// The value of the option chosen in `choices`, for a select's `prop:value`.
pub fn chosen(choices: &[Choice]) -> String {
    choices.iter().find(|c| c.selected).map(|c| c.value.clone()).unwrap_or_default()
}

/// Offers text as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), &'static str> {
    let fail = |_| "Trình duyệt không cho tải tệp xuống.";
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    download_blob(name, &blob)
}

/// Offers a blob as a file download.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), &'static str> {
    let fail = |_| "Trình duyệt không cho tải tệp xuống.";
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
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
    let e = env();
    let text = c.state.with_untracked(|s| stored::encode(s, e.now_ms));
    let day = crate::core::text::iso_date(e.today);
    if let Err(msg) = download(&format!("sotay-sao-luu-{day}.json"), &text, "application/json") {
        c.notice.set(Some(msg.to_string()));
    }
}

/// Asks the user; false when the browser cannot ask.
pub fn confirm(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}

/// Puts focus on the first element matching `css`, after the view has
/// updated (a moved row, a closed form), so it never falls back to the page.
pub fn focus_later(css: String) {
    request_animation_frame(move || {
        if let Some(el) = document().query_selector(&css).ok().flatten() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
