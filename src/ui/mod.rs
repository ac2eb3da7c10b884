//! The Leptos shell: state in context, one Effect that saves it, hash routes,
//! header and navigation. Components read state and call core functions.

mod checklist;
mod overview;
mod reader;
mod settings;
mod share;
mod units;

use crate::core::programme::Programme;
use crate::core::state::{Action, Role, State};
use crate::core::{default_programme, stored};
use crate::storage::{self, Loaded, Saved};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The page being shown, kept in the URL's hash so Back works.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Home,
    Overview { year: Option<i32> },
    Book { unit: Option<String>, year: Option<i32> },
    Programme,
    Units,
    Share,
    Settings,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["so"] => Route::Book { unit: None, year: None },
            ["so", unit] => Route::Book { unit: Some(decode(unit)), year: None },
            ["so", unit, year] => Route::Book { unit: Some(decode(unit)), year: year.parse().ok() },
            ["tong-quan"] => Route::Overview { year: None },
            ["tong-quan", year] => Route::Overview { year: year.parse().ok() },
            ["chuong-trinh"] => Route::Programme,
            ["don-vi"] => Route::Units,
            ["chia-se"] => Route::Share,
            ["cai-dat"] => Route::Settings,
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Overview { year: None } => "#/tong-quan".into(),
            Route::Overview { year: Some(y) } => format!("#/tong-quan/{y}"),
            Route::Book { unit: None, .. } => "#/so".into(),
            Route::Book { unit: Some(u), year: None } => format!("#/so/{}", encode(u)),
            Route::Book { unit: Some(u), year: Some(y) } => format!("#/so/{}/{y}", encode(u)),
            Route::Programme => "#/chuong-trinh".into(),
            Route::Units => "#/don-vi".into(),
            Route::Share => "#/chia-se".into(),
            Route::Settings => "#/cai-dat".into(),
        }
    }
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_else(|| s.to_string())
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// How storage is doing, shown as a banner when something is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    Ok,
    /// Writing failed: the data lives only in memory until it works again.
    Failed(String),
}

/// Read access to everything, and the one way to change state: [`Ctx::act`].
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: ReadSignal<State>,
    set_state: WriteSignal<State>,
    pub route: RwSignal<Route>,
    pub storage: RwSignal<StorageStatus>,
    /// A message shown once at the top (recovery from damage, restore done...).
    pub notice: RwSignal<Option<String>>,
}

impl Ctx {
    /// Applies an action through the core. On error nothing changed.
    pub fn act(&self, action: Action) -> Result<(), String> {
        let mut result = Ok(());
        self.set_state.maybe_update(|s| match s.apply(action, now_ms()) {
            Ok(()) => true,
            Err(e) => {
                result = Err(e);
                false
            }
        });
        result.map_err(|e| e.to_string())
    }

    /// Replaces the whole state (restoring a backup, after an import).
    pub fn replace(&self, state: State) {
        self.set_state.set(state);
    }

    pub fn go(&self, route: Route) {
        let _ = window().location().set_hash(&route.href());
        self.route.set(route);
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's date on this phone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// "dd/mm/yyyy hh:mm" in the phone's time zone.
pub fn format_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The embedded default programme, parsed once.
pub(crate) fn embedded() -> Programme {
    thread_local! {
        static EMBEDDED: Programme = default_programme();
    }
    EMBEDDED.with(Programme::clone)
}

#[component]
pub fn App() -> impl IntoView {
    let programme = embedded();
    let fresh = || State::fresh(embedded(), storage::new_device_id(), now_ms());
    let mut first_notice = None;
    let initial = match storage::load(&programme, fresh) {
        Loaded::Fresh(s) | Loaded::Ok(s) => s,
        Loaded::Recovered(s, msg) | Loaded::Lost(s, msg) => {
            first_notice = Some(msg);
            s
        }
    };
    let (state, set_state) = signal(initial);
    let route = RwSignal::new(Route::parse(&window().location().hash().unwrap_or_default()));
    let ctx = Ctx {
        state,
        set_state,
        route,
        storage: RwSignal::new(StorageStatus::Ok),
        notice: RwSignal::new(first_notice),
    };
    provide_context(ctx);

    // The one place that saves. When another tab saved first, merge its data and save again.
    Effect::new(move |_| {
        let report = |outcome| match outcome {
            Saved::Ok => ctx.storage.set(StorageStatus::Ok),
            Saved::Failed(e) => ctx.storage.set(StorageStatus::Failed(e)),
            Saved::Other(_) => {}
        };
        match state.with(|s| storage::save(s, now_ms())) {
            Saved::Other(text) => match merge_other_tab(ctx, &text) {
                // Merged: the state changed, and this Effect runs again to save it.
                Ok(true) => {}
                // Nothing new in the other tab's text: save ours now.
                Ok(false) => report(state.with_untracked(|s| storage::save(s, now_ms()))),
                // Unreadable here: never written over (every later save stops here too).
                Err(e) => ctx.storage.set(StorageStatus::Failed(e)),
            },
            outcome => report(outcome),
        }
    });

    let _hash = window_event_listener(leptos::ev::hashchange, move |_| {
        // Ctx::go has already set the route it navigated to: building the screen twice would drop focus.
        let next = Route::parse(&window().location().hash().unwrap_or_default());
        if route.with_untracked(|r| *r != next) {
            route.set(next);
        }
    });
    let _storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if storage::is_state_key(ev.key()) {
            if let Some(text) = ev.new_value() {
                if let Err(e) = merge_other_tab(ctx, &text) {
                    ctx.storage.set(StorageStatus::Failed(e));
                }
            }
        }
    });
    leptos::task::spawn_local(async {
        let _ = storage::persist().await;
    });

    view! {
        <Header/>
        <Banners/>
        <main id="main">{move || screen(route.get())}</main>
        <Nav/>
    }
}

/// For `scripts/bench browser`: the median time in ms, in this browser's
/// wasm engine, of recomputing every gauge (and the area bars) of the stored
/// data. Reads storage, writes nothing.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = sotayBenchRecompute)]
pub fn bench_recompute(runs: u32) -> Result<f64, wasm_bindgen::JsValue> {
    let text = storage::current_text().ok_or("no stored data")?;
    let state = stored::decode(&text, &embedded()).map_err(|e| e.to_string())?;
    let perf = window().performance().ok_or("no performance clock")?;
    let year = state.book.programme.term.current_year(today());
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = perf.now();
            let gauges = crate::core::progress::compute(&state.book, today());
            let bars = crate::core::progress::areas(&state.book, year);
            std::hint::black_box((gauges, bars));
            perf.now() - t
        })
        .collect();
    crate::core::sort_by(&mut times, |a, b| a.total_cmp(b));
    Ok(times[times.len() / 2])
}

/// Merges what another tab saved into ours; nothing of either is lost.
/// Returns whether our state changed, or, when the other tab's text cannot
/// be read (a newer version of the app saved it), why this tab must not
/// save over it.
fn merge_other_tab(ctx: Ctx, text: &str) -> Result<bool, String> {
    let other = stored::decode(text, &embedded()).map_err(|e| match e {
        stored::DecodeError::Newer(_) => "Một cửa sổ khác đã lưu dữ liệu bằng phiên bản Sổ tay mới hơn, nên cửa sổ này \
             không ghi đè lên. Hãy tải lại trang để dùng phiên bản mới."
            .to_string(),
        e => format!("Cửa sổ này không đọc được dữ liệu một cửa sổ khác vừa lưu ({}), nên không ghi đè lên. Hãy tải lại trang.", e.to_string()),
    })?;
    storage::mark_seen(text);
    let mut changed = false;
    ctx.set_state.maybe_update(|s| {
        changed = s.merge_other_tab(&other, now_ms());
        changed
    });
    Ok(changed)
}

fn screen(route: Route) -> AnyView {
    let c = ctx();
    let set_up = c.state.with_untracked(|s| s.local.set_up);
    match route {
        Route::Home if !set_up => view! { <units::Setup/> }.into_any(),
        Route::Home => {
            let commune = c.state.with_untracked(|s| s.local.role == Role::Commune);
            if commune {
                view! { <overview::Overview year=None/> }.into_any()
            } else {
                view! { <checklist::Checklist unit=None year=None/> }.into_any()
            }
        }
        Route::Overview { year } => view! { <overview::Overview year=year/> }.into_any(),
        Route::Book { unit, year } => view! { <checklist::Checklist unit=unit year=year/> }.into_any(),
        Route::Programme => view! { <reader::Reader/> }.into_any(),
        Route::Units => view! { <units::Units/> }.into_any(),
        Route::Share => view! { <share::Share/> }.into_any(),
        Route::Settings => view! { <settings::Settings/> }.into_any(),
    }
}

#[component]
fn Header() -> impl IntoView {
    let c = ctx();
    let title = move || c.state.with(|s| s.book.programme.title.clone());
    let sub = move || {
        c.state.with(|s| {
            let p = &s.book.programme;
            format!("{} · Nhiệm kỳ {}-{}", p.owner, p.term.first_year, p.term.last_year)
        })
    };
    view! {
        <header class="top">
            <p class="app-name">"Sổ tay Mặt trận"</p>
            <h1>{title}</h1>
            <p class="term">{sub}</p>
        </header>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let c = ctx();
    view! {
        {move || match c.storage.get() {
            StorageStatus::Ok => None,
            StorageStatus::Failed(msg) => Some(view! {
                <div class="banner error" role="alert" id="storage-error">
                    <p><strong>"Chưa lưu được! "</strong>{msg}</p>
                    <p>"Dữ liệu vẫn còn trong ứng dụng khi trang còn mở. Hãy tải tệp sao lưu ngay để không mất dữ liệu."</p>
                    <button class="primary" on:click=move |_| settings::download_state(c)>"Tải tệp sao lưu ngay"</button>
                </div>
            }),
        }}
        {move || c.state.with(|s| s.export_reminder(now_ms())).filter(|_| c.route.get() != Route::Share).map(|(days, changes)| {
            let when = match days {
                Some(d) => format!("Đã {d} ngày từ lần gửi dữ liệu gần nhất"),
                None => "Chưa gửi dữ liệu lần nào".to_string(),
            };
            view! {
                <div class="banner notice" role="status" id="export-reminder">
                    <p>{format!("{when}; có {changes} thay đổi chưa gửi. Hãy gửi một bản cho xã để không mất dữ liệu.")}</p>
                    <a class="button" href="#/chia-se">"Gửi ngay"</a>
                </div>
            }
        })}
        {move || c.notice.get().map(|msg| view! {
            <div class="banner notice" role="status" id="notice">
                <p>{msg}</p>
                <button on:click=move |_| c.notice.set(None)>"Đã hiểu"</button>
            </div>
        })}
    }
}

#[component]
fn Nav() -> impl IntoView {
    let c = ctx();
    let link = move |route: Route, label: &'static str| {
        let href = route.href();
        let is_here = {
            let route = route.clone();
            move || {
                let r = c.route.get();
                std::mem::discriminant(&r) == std::mem::discriminant(&route)
                    || (r == Route::Home && home_is(&route))
            }
        };
        view! {
            <a href=href class:here=is_here.clone() aria-current=move || is_here().then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="bottom" aria-label="Chuyển màn hình">
            {link(Route::Overview { year: None }, "Tổng quan")}
            {link(Route::Book { unit: None, year: None }, "Ghi chép")}
            {link(Route::Share, "Chia sẻ")}
            {link(Route::Programme, "Chương trình")}
            {link(Route::Settings, "Cài đặt")}
        </nav>
    }
}

/// Which nav entry the home screen is, for highlighting.
fn home_is(route: &Route) -> bool {
    let commune = ctx().state.with_untracked(|s| s.local.role == Role::Commune);
    matches!((route, commune), (Route::Overview { .. }, true) | (Route::Book { .. }, false))
}
