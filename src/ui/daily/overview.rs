//! The overview: renders `screen::overview`. Cards and their targets are
//! keyed lists; each row reads its own slice of the model, so a tick
//! redraws only the gauges it moved.

use crate::core::progress::Status;
use crate::core::screen::overview::{self, icon, Gauge, TargetRow};
use crate::core::screen::Route;
use crate::ui::{ctx, widgets};
use leptos::prelude::*;

#[component]
pub fn Overview(year: Option<i32>) -> impl IntoView {
    let c = ctx();
    let model = Memo::new(move |_| c.state.with(|s| overview::overview(s, year, &c.env())));
    let y = model.with_untracked(|m| m.year);
    let on_year = move |ev: leptos::ev::Event| c.go(Route::Overview { year: event_target_value(&ev).parse().ok() });
    let card_keys = widgets::slice(model, |m| m.cards.iter().map(|k| k.key.clone()).collect::<Vec<_>>());
    let area_rows = widgets::slice(model, |m| m.areas.clone());
    view! {
        <div class="screen overview" data-year=y>
            <h2>"Tổng quan"</h2>
            <label class="year-pick">"Năm"
                <select on:change=widgets::on(on_year)>{widgets::options(model.with_untracked(|m| m.years.clone()))}</select>
            </label>
            <p class="hint">"Chạm “Vì sao?” để xem cách tính và đơn vị còn thiếu."</p>
            {widgets::keyed(move || card_keys.get().into_iter().map(|key| {
                widgets::Row::new(key.clone(), move || view! { <CardView model key=key.clone()/> }.into_any())
            }).collect())}
            <section class="group">
                <h3>{move || model.with(|m| m.areas_title.clone())}</h3>
                <p class="completeness" id="completeness">{move || model.with(|m| m.completeness.clone())}</p>
                <ul class="area-bars">
                    {widgets::keyed(move || area_rows.get().into_iter().map(|a| widgets::Row::by_content(a, |a| view! {
                        <li class="area-row" data-area-unit=a.unit.clone()>
                            <a href=a.href.clone()>{a.name.clone()}</a>
                            <div class="bar" role="progressbar" aria-label=a.label.clone() aria-valuemin="0" aria-valuemax="100"
                                aria-valuenow=a.value_now.to_string() aria-valuetext=a.value_text.clone()>
                                <span style=format!("width:{}%", a.width)></span>
                            </div>
                            <small>{a.detail.clone()}</small>
                        </li>
                    }.into_any())).collect())}
                </ul>
            </section>
        </div>
    }
}

#[component]
fn CardView(model: Memo<overview::OverviewModel>, key: String) -> impl IntoView {
    let k = key.clone();
    let card = Memo::new(move |_| model.with(|m| m.cards.iter().find(|c| c.key == k).cloned()));
    let head = card.with_untracked(|c| c.clone()).map(|c| (c.number, c.title, c.text, c.indicator)).unwrap_or_default();
    let targets = widgets::slice(card, |c| c.as_ref().map(|c| c.targets.iter().map(|t| t.id.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let (number, title, text, indicator) = head;
    let heading = if indicator {
        view! {
            <details class="ind-text">
                <summary><span class="num">{number}</span>{title}</summary>
                <p>{text}</p>
            </details>
        }
        .into_any()
    } else {
        view! { <p class="ind-title"><span class="num">{number}</span>{title}": "{text}</p> }.into_any()
    };
    view! {
        <article class="indicator-card" data-indicator-card=indicator.then_some(number) data-area-card=(!indicator).then_some(number)>
            {heading}
            {widgets::keyed(move || targets.get().into_iter().map(|id| {
                widgets::Row::new(id.clone(), move || view! { <Target card id=id.clone()/> }.into_any())
            }).collect())}
        </article>
    }
}

#[component]
fn Target(card: Memo<Option<overview::Card>>, id: String) -> impl IntoView {
    let c = ctx();
    let i = id.clone();
    let row = Memo::new(move |_| card.with(|c| c.as_ref().and_then(|c| c.targets.iter().find(|t| t.id == i).cloned())));
    let year = move || c.route.with(|r| match r {
        Route::Overview { year } => *year,
        _ => None,
    });
    let open = RwSignal::new(false);
    // "Vì sao?" is worked out only when opened, and then follows the data.
    let why = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let y = c.state.with(|s| crate::core::screen::checklist::year_shown(s, year(), c.env().today));
        c.state.with(|s| overview::explain(s, &id, y, &c.env()))
    });
    move || {
        row.get().map(|t: TargetRow| {
            let code = t.status.code();
            view! {
                <div class=format!("target {code}") data-target=t.id.clone()>
                    <GaugeView gauge=t.gauge status=t.status label=t.label.clone() text=t.figure.clone()/>
                    <div class="target-body">
                        <p class="target-label">{t.label.clone()}</p>
                        <p class="figure">{t.figure.clone()}<small>{format!(" · {}", t.scope)}</small></p>
                        <p class=format!("status {code}")>{icon(t.status)}" "{t.status.label()}</p>
                    </div>
                    <ol class="strip" aria-label="Từng năm của nhiệm kỳ">
                        {t.strip.into_iter().map(|m| view! {
                            <li class=format!("mark {}", m.status.code()) class:sel=m.selected title=m.title.clone() aria-label=m.title>
                                <span aria-hidden="true">{icon(m.status)}</span>
                                <small aria-hidden="true">{m.short}</small>
                            </li>
                        }).collect_view()}
                    </ol>
                    <details class="explain" prop:open=move || open.get() on:toggle=widgets::on(move |ev| {
                        let d: web_sys::HtmlDetailsElement = event_target(&ev);
                        open.set(d.open());
                    })>
                        <summary>"Vì sao?"</summary>
                        {move || why.get().map(|e| view! {
                            <p class="rule">{e.rule}</p>
                            {e.counted.map(|x| view! { <p><strong>"Đã tính: "</strong>{x}</p> })}
                            {e.missing.map(|x| view! { <p class="missing"><strong>"Còn thiếu: "</strong>{x}</p> })}
                            <p class="hint">{e.records}</p>
                            {e.term.map(|x| view! { <p>{x}</p> })}
                        })}
                    </details>
                </div>
            }
        })
    }
}

/// An accessible SVG ring gauge: the arc is the progress, the tick is the goal.
#[component]
fn GaugeView(gauge: Gauge, status: Status, label: String, text: String) -> impl IntoView {
    view! {
        <div class=format!("gauge {}", status.code()) role="progressbar" aria-label=label
            aria-valuemin="0" aria-valuemax="100" aria-valuenow=gauge.value_now.to_string() aria-valuetext=text>
            <svg viewBox="0 0 36 36" aria-hidden="true" focusable="false">
                <circle class="track" cx="18" cy="18" r="15.9155" fill="none" stroke-width="4"/>
                <circle class="arc" cx="18" cy="18" r="15.9155" fill="none" stroke-width="4"
                    stroke-dasharray=gauge.dash transform="rotate(-90 18 18)"/>
                {gauge.goal_turn.map(|turn| view! {
                    <line class="goal" x1="18" y1="5" x2="18" y2="-1" transform=turn stroke-width="1.2"/>
                })}
            </svg>
            <span class=if gauge.long { "gauge-num long" } else { "gauge-num" } aria-hidden="true">{gauge.number}</span>
        </div>
    }
}
