//! The Leptos shell of every page: the state in context, the one place that
//! saves, hash routes, header, navigation and banners. Screens render the
//! core's screen models and send actions; they decide nothing.
//!
//! Three pages share this shell: the daily page (`src/main.rs`: overview,
//! checklist, first run), the page of rarely used screens
//! (`src/bin/more.rs`: sharing, settings, units, the programme) and the
//! tools (`src/bin/tools.rs`: the programme editor, the reports). Each
//! binary names its screens, so each wasm holds only the code its screens
//! reach.

pub mod daily;
pub mod more;
pub mod tools;
mod widgets;

use crate::core::clock::Hlc;
use crate::core::error::{ActionError, StorageError};
use crate::core::file::Incoming;
use crate::core::programme::Programme;
use crate::core::screen::shell::{self, Home};
pub use crate::core::screen::{Env, Page, Route};
use crate::core::state::{Action, State};
use crate::core::workflow::{self, BackupFailed, Step, Workflow};
use crate::core::default_programme;
use crate::storage::{self, Loaded, OtherTab, Saved};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::cell::Cell;

/// Read access to everything, and the ways to change state: [`Ctx::act`]
/// and [`Ctx::run`].
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: ReadSignal<State>,
    set_state: WriteSignal<State>,
    pub route: RwSignal<Route>,
    pub page: Page,
    /// Why saving fails, while it does.
    pub storage: RwSignal<Option<StorageError>>,
    /// The local clock at the last successful save: anything newer is "chưa lưu".
    pub saved: RwSignal<Hlc>,
    /// A message shown once at the top (recovery from damage, restore done...).
    pub notice: RwSignal<Option<String>>,
    /// The data's fingerprint, computed once per change.
    pub fingerprint: Memo<String>,
    /// The fingerprint the undo copy of the last import was kept with.
    pub undo_fp: RwSignal<Option<String>>,
    /// What this tab wrote just before another tab went back (undo,
    /// restore): kept aside, offered as an import on the share screen.
    pub kept: RwSignal<Option<Incoming>>,
    /// Changes each time backups or the undo copy are written.
    pub copies: RwSignal<u32>,
    /// Changes each time the state is written to storage.
    pub written: RwSignal<u32>,
}

impl Ctx {
    /// Applies an action through the core. On error nothing changed.
    pub fn act(&self, action: Action) -> Result<(), ActionError> {
        self.act_all(vec![action])
    }

    /// Applies actions in order, all or none (`State::act`); screens hear
    /// of it only if something changed.
    pub fn act_all(&self, actions: Vec<Action>) -> Result<(), ActionError> {
        let mut result = Ok(());
        let now = now_ms();
        self.set_state.maybe_update(|s| match s.act(actions, now) {
            Ok(changed) => changed,
            Err(e) => {
                result = Err(e);
                false
            }
        });
        result
    }

    /// Runs a workflow's effects, then takes its state; a failed backup
    /// stops it with nothing changed. Returns what to tell the user.
    pub async fn run(&self, step: Step, what: Workflow) -> Result<String, BackupFailed> {
        let ran = storage::run(&step.effects, what, now_ms()).await;
        self.copies.update(|n| *n += 1);
        ran?;
        for e in &step.effects {
            match e {
                workflow::Effect::KeepUndo { fingerprint_after, .. } => self.undo_fp.set(Some(fingerprint_after.clone())),
                workflow::Effect::DropUndo => self.undo_fp.set(None),
                workflow::Effect::Backup(_) | workflow::Effect::NewGeneration => {}
            }
        }
        let Step { state, done, .. } = step;
        self.set_state.maybe_update(|s| {
            let changed = *s != state;
            *s = state;
            changed
        });
        Ok(done)
    }

    /// Shows a route: on this page by its hash, else by loading the other page.
    pub fn go(&self, route: Route) {
        if route.page() == self.page {
            let _ = window().location().set_hash(&route.hash());
            self.route.set(route);
        } else {
            let _ = window().location().assign(&route.href(self.page));
        }
    }

    pub fn env(&self) -> Env {
        env()
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The time, today and the time zone of this phone.
pub fn env() -> Env {
    let d = js_sys::Date::new_0();
    let today = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default();
    Env { now_ms: d.get_time() as i64, today, tz_offset_min: -(d.get_timezone_offset() as i32) }
}

/// The embedded default programme, parsed only when needed (a new phone,
/// data of the first schema), and then once.
pub(crate) fn embedded() -> Programme {
    thread_local! {
        static EMBEDDED: Programme = default_programme();
    }
    EMBEDDED.with(Programme::clone)
}

/// What a page shows for a route (each page knows only its own screens).
pub type Screens = fn(Route, Home) -> AnyView;

/// Starts a page: loads the data, mounts the app over the static frame,
/// then takes a backup of the starting point and asks to keep the data.
pub fn start(page: Page, screens: Screens) {
    console_error_panic_hook::set_once();
    // page.js is sending this route to another page: nothing runs here.
    if js_sys::Reflect::get(&window(), &"sotayElsewhere".into()).is_ok_and(|v| v.is_truthy()) {
        return;
    }
    // Before mount_to_body sets Leptos' executor up, futures run on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        // Reading the data and building the first screen are separate tasks,
        // so that neither blocks a slow phone's page for long.
        let fresh = || State::fresh(embedded(), storage::new_device_id(), now_ms());
        let loaded = storage::load(&embedded, fresh).await;
        next_task().await;
        let (initial, notice) = match loaded {
            Loaded::Fresh(s) | Loaded::Ok(s) => (s, None),
            Loaded::Problem(s, p) => {
                let n = shell::load_notice(&p, &env());
                (s, Some(n))
            }
        };
        leptos::mount::mount_to_body(move || app(page, screens, initial, notice));
        // The app's own frame is in place: the static one goes in the same task, so no frame shows both.
        if let Some(frame) = document().get_element_by_id("frame") {
            frame.remove();
        }
        document().body().map(|b| b.class_list().remove_1("first-run"));
    });
}

/// Resolves in a later task of the page's event loop (after a paint if due).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn app(page: Page, screens: Screens, initial: State, notice: Option<String>) -> impl IntoView {
    let saved = initial.local.clock;
    let (state, set_state) = signal(initial);
    let route = RwSignal::new(Route::parse(&window().location().hash().unwrap_or_default()));
    let fingerprint = widgets::slice(state, |s| s.book.fingerprint());
    let ctx = Ctx {
        state,
        set_state,
        route,
        page,
        storage: RwSignal::new(None),
        saved: RwSignal::new(saved),
        notice: RwSignal::new(notice),
        fingerprint,
        undo_fp: RwSignal::new(None),
        kept: RwSignal::new(storage::kept().map(kept_incoming)),
        copies: RwSignal::new(0),
        written: RwSignal::new(0),
    };
    provide_context(ctx);
    // A backup of this session's starting point, then ask to keep the data.
    leptos::task::spawn_local(async move {
        storage::backup_start(now_ms()).await;
        ctx.undo_fp.set(storage::undo_fingerprint().await);
        ctx.copies.update(|n| *n += 1);
        let _ = storage::persist().await;
    });

    // The one place that saves: after every change, once the page has painted.
    Effect::new(move |_| {
        state.track();
        schedule_save(ctx);
    });
    // A phone switching to another app (Zalo, straight after a tap) hides
    // the page: it then paints no frame, its timers slow down, and Android
    // may end it without a pagehide. Hiding saves at once; so does leaving.
    let _hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            save_now(ctx);
        }
    });
    let _hide = window_event_listener(leptos::ev::pagehide, move |_| save_now(ctx));
    let _hash = window_event_listener(leptos::ev::hashchange, move |_| {
        // Ctx::go has already set the route it navigated to: building the screen twice would drop focus.
        let next = Route::parse(&window().location().hash().unwrap_or_default());
        if next.page() != page {
            // A route of the other page: that page shows it.
            let _ = window().location().replace(&next.href(page));
        } else if route.with_untracked(|r| *r != next) {
            route.set(next);
        }
    });
    let _other = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if storage::is_state_key(ev.key()) {
            if let Some(text) = ev.new_value() {
                take_other(ctx, &text);
            }
        }
    });
    // The header the next start paints before the wasm arrives.
    let header = widgets::slice(state, shell::header);
    Effect::new(move |_| header.with(|h| storage::keep_frame(&storage::Frame { title: &h.title, sub: &h.sub })));

    let shown = Memo::new(move |_| (route.get(), state.with(shell::home)));
    view! {
        <Header header/>
        <Banners/>
        <main id="main">{move || { let (r, home) = shown.get(); screens(r, home) }}</main>
        <Nav/>
    }
}

/// What a tab kept aside, as an import to preview.
pub fn kept_incoming(book: crate::core::book::Book) -> Incoming {
    Incoming { book, scope: crate::core::file::Scope::All, exported_ms: None, device: None }
}

thread_local! {
    static SAVE_PENDING: Cell<bool> = const { Cell::new(false) };
    /// Which request the pending save answers: a timer left from an earlier
    /// one must not save ahead of a later change's frame.
    static SAVE_REQUEST: Cell<u32> = const { Cell::new(0) };
}

/// Saves once the frame that shows the change has been painted. Saving
/// writes the whole state, which for a large commune takes tens of
/// milliseconds on a cheap phone: run straight after the tap (a zero
/// timeout), it held back the frame showing the tap (`scripts/bench
/// browser`, "a tick until its frame"). A hidden page paints no frames, so
/// a timer saves there; whichever comes first saves, once. (Hiding the page
/// saves at once as well: see `app`.)
fn schedule_save(ctx: Ctx) {
    if SAVE_PENDING.with(|p| p.replace(true)) {
        return;
    }
    let request = SAVE_REQUEST.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    });
    let run = move || {
        if SAVE_REQUEST.with(Cell::get) == request && SAVE_PENDING.with(|p| p.replace(false)) {
            save_now(ctx);
        }
    };
    request_animation_frame(move || set_timeout(run, std::time::Duration::ZERO));
    set_timeout(run, std::time::Duration::from_millis(250));
}

fn save_now(ctx: Ctx) {
    let clock = ctx.state.with_untracked(|s| s.local.clock);
    match ctx.state.with_untracked(|s| storage::save(s, now_ms())) {
        saved @ (Saved::Written | Saved::Unchanged) => {
            set_if_changed(ctx.storage, None);
            set_if_changed(ctx.saved, clock);
            if matches!(saved, Saved::Written) {
                ctx.written.update(|n| *n += 1);
            }
        }
        Saved::Failed(e) => set_if_changed(ctx.storage, Some(e)),
        Saved::Other(text) => {
            if take_other(ctx, &text) {
                schedule_save(ctx);
            }
        }
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(s: RwSignal<T>, v: T) {
    s.maybe_update(|x| {
        let changed = *x != v;
        *x = v;
        changed
    });
}

/// Takes in what another tab saved, so that neither overwrites the other:
/// merged, or (after an undo or restore there) taken as it is, with what
/// this tab wrote meanwhile kept aside. Returns whether to save again; an
/// unreadable text stops every save here.
fn take_other(ctx: Ctx, text: &str) -> bool {
    match storage::read_other(text, &embedded) {
        Err(e) => {
            ctx.storage.set(Some(e));
            false
        }
        Ok(OtherTab::Merge(other)) => {
            storage::mark_seen(text);
            let mut changed = false;
            ctx.set_state.maybe_update(|s| {
                changed = s.merge_other_tab(&other, now_ms());
                changed
            });
            // Changed: the save effect runs again. Unchanged: ours may still hold more.
            !changed
        }
        Ok(OtherTab::Follow { theirs, base }) => {
            storage::mark_seen(text);
            let mine = ctx.state.get_untracked();
            let followed = workflow::follow_generation(&mine, &base.book, theirs);
            let effects = followed.effects.clone();
            leptos::task::spawn_local(async move {
                if let Err(e) = storage::run(&effects, Workflow::Restore, now_ms()).await {
                    ctx.notice.set(Some(shell::kept_not_backed_up(&e.why)));
                }
                ctx.undo_fp.set(storage::undo_fingerprint().await);
                ctx.copies.update(|n| *n += 1);
            });
            if let Some(kept) = followed.kept {
                storage::set_kept(&kept.book);
                ctx.kept.set(Some(kept));
            }
            ctx.set_state.set(followed.state);
            false
        }
    }
}

#[component]
fn Header(header: Memo<shell::Header>) -> impl IntoView {
    view! {
        <header class="top">
            <p class="app-name">"Sổ tay Mặt trận"</p>
            <h1>{move || header.with(|h| h.title.clone())}</h1>
            <p class="term">{move || header.with(|h| h.sub.clone())}</p>
        </header>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let c = ctx();
    let reminder = Memo::new(move |_| {
        let route = c.route.get();
        c.state.with(|s| shell::reminder(s, &route, &env()))
    });
    Effect::new(move |_| {
        // Room below the content for the warning that stays in view.
        let failing = c.storage.with(|s| s.is_some());
        if let Some(b) = document().body() {
            let _ = b.class_list().toggle_with_force("unsaved", failing);
        }
    });
    view! {
        {move || c.storage.get().map(|e| view! {
            <div class="banner error" role="alert" id="storage-error">
                <p><strong>"Chưa lưu được! "</strong>{e.to_string()}</p>
                <details>
                    <summary>"Dữ liệu có mất không?"</summary>
                    <p>"Dữ liệu vẫn còn trong ứng dụng khi trang còn mở. Những mục đánh dấu “chưa lưu” chưa được ghi vào máy. Hãy tải tệp sao lưu ngay để không mất dữ liệu."</p>
                </details>
                <button class="primary" on:click=widgets::on(move |_| widgets::download_state(c))>"Tải tệp sao lưu ngay"</button>
            </div>
        })}
        {move || c.kept.with(|k| k.as_ref().map(|k| k.book.records.len())).map(|n| view! {
            <div class="banner notice" role="status" id="kept-changes">
                <p>{shell::kept_notice(n)}</p>
                <a class="button" href=Route::Share.href(c.page)>"Xem và nhập lại"</a>
            </div>
        })}
        {move || reminder.get().map(|msg| view! {
            <div class="banner notice" role="status" id="export-reminder">
                <p>{msg}</p>
                <a class="button" href=Route::Share.href(c.page)>"Gửi ngay"</a>
            </div>
        })}
        {move || c.notice.get().map(|msg| view! {
            <div class="banner notice" role="status" id="notice">
                <p>{msg}</p>
                <button on:click=widgets::on(move |_| c.notice.set(None))>"Đã hiểu"</button>
            </div>
        })}
    }
}

#[component]
fn Nav() -> impl IntoView {
    let c = ctx();
    let links = Memo::new(move |_| {
        let route = c.route.get();
        c.state.with(|s| shell::nav(s, &route, c.page))
    });
    let link = move |i: usize| {
        let l = links.with_untracked(|l| l[i].clone());
        let here = move || links.with(|l| l[i].here);
        view! { <a href=l.href class:here=here aria-current=move || here().then_some("page")>{l.label}</a> }
    };
    view! {
        <nav class="bottom" aria-label="Chuyển màn hình">
            {(0..5).map(link).collect_view()}
        </nav>
    }
}
