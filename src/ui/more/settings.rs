//! Settings: what this phone keeps, the data's fingerprint, storage health,
//! and backups to restore.

use crate::core::screen::settings;
use crate::core::screen::Route;
use crate::core::workflow::{self, Workflow};
use crate::storage;
use crate::ui::daily::setup::RolePicker;
use crate::ui::{ctx, embedded, widgets};
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let c = ctx();
    let persisted = RwSignal::new(None::<Option<bool>>);
    let estimate = RwSignal::new(None::<(f64, f64)>);
    leptos::task::spawn_local(async move {
        persisted.set(Some(storage::persist().await));
        estimate.set(storage::estimate().await);
    });
    // Read again whenever copies are written (a backup at start, before an import or a restore).
    let list = RwSignal::new(Vec::new());
    let copies_bytes = RwSignal::new(0usize);
    let damaged = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        c.copies.track();
        leptos::task::spawn_local(async move {
            list.set(storage::backups().await);
            copies_bytes.set(storage::copies_bytes().await);
            damaged.set(storage::damaged().await);
        });
    });
    let backups = Memo::new(move |_| list.with(|l| settings::backups(l, &c.env())));
    let usage = Memo::new(move |_| {
        // After each write of the state, which comes after the screen shows
        // a change (a role chosen here, a restore): what localStorage holds
        // then, not before. Backups are read again through `copies`.
        c.written.track();
        c.state.track();
        settings::storage(persisted.get(), storage::used_bytes(), copies_bytes.get(), estimate.get())
    });
    let restore = move |key: String, question: String| {
        if !widgets::confirm(&question) {
            return;
        }
        leptos::task::spawn_local(async move {
            let backup = match storage::read_backup(&key, &embedded).await {
                Ok(b) => b,
                Err(e) => return c.notice.set(Some(format!("Không khôi phục được: {e}"))),
            };
            let step = c.state.with_untracked(|s| workflow::restore(s, &backup));
            match c.run(step, Workflow::Restore).await {
                Ok(msg) => c.notice.set(Some(msg)),
                Err(e) => c.notice.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="screen settings">
            <h2>"Cài đặt"</h2>
            <section class="group">
                <h3>"Máy này"</h3>
                <RolePicker/>
            </section>
            <section class="group">
                <h3>"Đơn vị"</h3>
                <p><a class="button" href=Route::Units.href(c.page)>"Khu dân cư, tổ chức thành viên"</a></p>
            </section>
            <section class="group">
                <h3>"Mã kiểm tra dữ liệu"</h3>
                <p class="fingerprint" id="fingerprint" aria-live="polite">{move || c.fingerprint.get()}</p>
                <p class="hint">"Hai máy có cùng mã này là đang giữ cùng một dữ liệu. Đọc cho nhau qua điện thoại để đối chiếu."</p>
            </section>
            <section class="group">
                <h3>"Bộ nhớ"</h3>
                <p id="persisted">{move || usage.with(|u| u.persisted.clone())}</p>
                <p id="data-size">{move || usage.with(|u| u.data.clone())}</p>
                <p id="copies-size">{move || usage.with(|u| u.copies.clone())}</p>
                <p class="hint">{move || usage.with(|u| u.all.clone())}</p>
                <button on:click=move |_| widgets::download_state(c)>"Tải toàn bộ dữ liệu về máy (tệp sao lưu)"</button>
            </section>
            <section class="group">
                <h3>"Bản sao lưu tự động"</h3>
                <p class="hint">"Mỗi lần mở ứng dụng và trước mỗi lần nhập tệp hay khôi phục, ứng dụng giữ lại một bản sao (tối đa 5 bản gần nhất, được nén cho gọn)."</p>
                <ul class="backups">
                    <Show when=move || backups.with(|b| b.is_empty())>
                        <li>"Chưa có bản sao lưu nào."</li>
                    </Show>
                    {widgets::keyed(move || backups.get().into_iter().map(|b| widgets::Row::by_content(b, move |b| view! {
                        <li>
                            <span>{b.label.clone()}</span>
                            <button class="small restore" aria-label=b.aria.clone()
                                on:click={ let (k, q) = (b.key.clone(), b.confirm.clone()); move |_| restore(k.clone(), q.clone()) }>"Khôi phục"</button>
                        </li>
                    }.into_any())).collect())}
                </ul>
                {move || damaged.get().map(|text| view! {
                    <p class="hint" id="damaged">{settings::damaged(text.len())}</p>
                    <button on:click=move |_| { let _ = widgets::download("sotay-du-lieu-hong.txt", &text, "text/plain"); }>"Tải bản hỏng về máy"</button>
                })}
            </section>
        </div>
    }
}
