//! Small pieces every screen uses: select options, file downloads, the
//! browser's confirm, and keeping focus where the user was.

use super::{env, Ctx};
use crate::core::screen::Choice;
use crate::core::stored;
use leptos::prelude::*;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
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

/// One row of a [`keyed`] list: its key, and how to draw it.
#[derive(Clone)]
pub struct Row {
    key: Vec<u8>,
    draw: Arc<dyn Fn() -> AnyView + Send + Sync>,
}

impl Row {
    /// A row known by `key`: drawn when it appears, kept (and moved) while
    /// a row with that key stays in the list.
    pub fn new(key: String, draw: impl Fn() -> AnyView + Send + Sync + 'static) -> Row {
        Row { key: key.into_bytes(), draw: Arc::new(draw) }
    }

    /// A row known by its whole content, redrawn when anything in it
    /// changes. Its key is every byte the value's `Hash` feeds a hasher,
    /// kept as they are: the standard and derived `Hash` write texts and
    /// lists prefix-free, so two different values never share a key.
    pub fn by_content<T: Hash + Send + Sync + 'static>(value: T, draw: impl Fn(&T) -> AnyView + Send + Sync + 'static) -> Row {
        struct Bytes(Vec<u8>);
        impl Hasher for Bytes {
            fn write(&mut self, bytes: &[u8]) {
                self.0.extend_from_slice(bytes);
            }
            fn finish(&self) -> u64 {
                0 // never asked: the bytes are the key
            }
        }
        let mut key = Bytes(Vec::new());
        value.hash(&mut key);
        Row { key: key.0, draw: Arc::new(move || draw(&value)) }
    }
}

/// A keyed list (Leptos' `<For>`) of the rows `rows` gives. `<For>`'s code
/// (diffing, moving and building rows) is generated for every item, key and
/// closure type it is used with, 1 to 2 KB gzip each; every list goes
/// through the one below, so a page carries it once (`scripts/bench size`).
pub fn keyed(rows: impl Fn() -> Vec<Row> + Send + Sync + 'static) -> AnyView {
    rows_of(Arc::new(rows))
}

#[inline(never)]
fn rows_of(rows: Arc<dyn Fn() -> Vec<Row> + Send + Sync>) -> AnyView {
    view! { <For each=move || rows() key=|r: &Row| r.key.clone() children=|r: Row| (r.draw)()/> }.into_any()
}

/// An event handler, boxed: `on:click=widgets::on(move |_| …)`. Leptos
/// generates an event attribute's code (attaching, cloning, rebuilding) for
/// every handler type, and every closure is a type of its own; boxed, it is
/// generated once per kind of event. The daily page, which is the first
/// load, writes every handler this way: about 75 bytes gzip each
/// (`scripts/bench size`).
pub fn on<E: 'static>(f: impl FnMut(E) + Send + 'static) -> Box<dyn FnMut(E) + Send> {
    Box::new(f)
}

/// The error of a card or form, in Vietnamese, announced when it appears.
pub fn error_line(error: RwSignal<Option<String>>) -> AnyView {
    (move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })).into_any()
}

/// A memo of one slice of `model`, read by a plain function. Leptos
/// generates a memo's code for every closure it is given; this one is
/// generated once per model and slice type, however many fields use it.
pub fn slice<S, M: 'static, T>(model: S, f: fn(&M) -> T) -> Memo<T>
where
    S: With<Value = M> + Copy + Send + Sync + 'static,
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| model.with(f))
}
