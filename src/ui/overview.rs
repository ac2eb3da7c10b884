//! The overview: one card per indicator with a gauge per target, a strip of
//! the term's years, explanations, and each area's progress for the year.

use super::{ctx, format_time, today, Route};
use crate::core::progress::{self, Figure, Status, TargetProgress};
use crate::core::text;
use leptos::prelude::*;

fn icon(s: Status) -> &'static str {
    match s {
        Status::Met => "✓",
        Status::Missed => "✗",
        Status::InProgress => "…",
        Status::NotDue => "○",
        Status::NotApplicable => "–",
    }
}

/// A number with two decimals, without pulling float formatting into the wasm.
fn fixed2(x: f64) -> String {
    let v = (x * 100.0).round() as i64;
    let sign = if v < 0 { "-" } else { "" };
    let v = v.abs();
    format!("{sign}{}.{:02}", v / 100, v % 100)
}

/// An accessible SVG ring gauge: the arc is the progress, the tick is the goal.
#[component]
pub fn Gauge(percent: f64, goal: f64, status: Status, label: String, text: String) -> impl IntoView {
    let shown = percent.clamp(0.0, 100.0);
    let goal = goal.clamp(0.0, 100.0);
    // The goal tick: drawn at the top, turned to the goal (percent × 3.6°),
    // so that no trigonometry is compiled into the wasm.
    let turn = format!("rotate({} 18 18)", fixed2(goal * 3.6));
    let num = text::percent_near(percent.clamp(0.0, 999.0), goal).replace(" %", "%");
    let num_class = if num.chars().count() > 4 { "gauge-num long" } else { "gauge-num" };
    view! {
        <div class=format!("gauge {}", status.code()) role="progressbar" aria-label=label
            aria-valuemin="0" aria-valuemax="100" aria-valuenow=(shown.round() as i64).to_string() aria-valuetext=text.clone()>
            <svg viewBox="0 0 36 36" aria-hidden="true" focusable="false">
                <circle class="track" cx="18" cy="18" r="15.9155" fill="none" stroke-width="4"/>
                <circle class="arc" cx="18" cy="18" r="15.9155" fill="none" stroke-width="4"
                    stroke-dasharray=format!("{} 100", fixed2(shown)) transform="rotate(-90 18 18)"/>
                {(goal < 100.0).then(|| view! {
                    <line class="goal" x1="18" y1="5" x2="18" y2="-1" transform=turn stroke-width="1.2"/>
                })}
            </svg>
            <span class=num_class aria-hidden="true">{num}</span>
        </div>
    }
}

#[component]
pub fn Overview(year: Option<i32>) -> impl IntoView {
    let c = ctx();
    let term = c.state.with_untracked(|s| s.book.programme.term);
    let year = year.filter(|y| term.contains_year(*y)).unwrap_or_else(|| term.current_year(today()));
    let all = Memo::new(move |_| c.state.with(|s| progress::compute(&s.book, today())));
    let indicators = c.state.with_untracked(|s| s.book.programme.indicators.clone());
    let areas = c.state.with_untracked(|s| s.book.programme.parts.clone());
    let year_options = term
        .years()
        .map(|y| view! { <option value=y.to_string() selected=y == year>{format!("Năm {y}")}</option> })
        .collect_view();
    let on_year = move |ev: leptos::ev::Event| c.go(Route::Overview { year: event_target_value(&ev).parse().ok() });

    let cards = indicators
        .into_iter()
        .map(|ind| {
            let n = ind.number;
            let first = ind.text.split('\n').next().unwrap_or_default().to_string();
            let rows = move || {
                all.with(|all| {
                    all.iter()
                        .filter(|t| t.indicator == Some(n))
                        .map(|t| target_row(t, year))
                        .collect_view()
                })
            };
            view! {
                <article class="indicator-card" data-indicator-card=n>
                    <details class="ind-text">
                        <summary><span class="num">{n}</span>{format!("Chỉ tiêu {n}")}</summary>
                        <p>{first}</p>
                    </details>
                    {rows}
                </article>
            }
        })
        .collect_view();
    let area_cards = areas
        .into_iter()
        .filter(|a| !a.targets.is_empty())
        .map(|a| {
            let n = a.number;
            let rows = move || {
                all.with(|all| all.iter().filter(|t| t.area == Some(n)).map(|t| target_row(t, year)).collect_view())
            };
            view! {
                <article class="indicator-card" data-area-card=n>
                    <p class="ind-title"><span class="num">{n}</span>{format!("Chương trình hành động {n}")}</p>
                    {rows}
                </article>
            }
        })
        .collect_view();

    let area_rows = move || {
        c.state.with(|s| {
            let list = progress::areas(&s.book, year);
            let entered = list.iter().filter(|a| a.entered).count();
            let total = list.len();
            let rows = list
                .into_iter()
                .map(|a| {
                    let pct = if a.total > 0 { a.done as f64 * 100.0 / a.total as f64 } else { 0.0 };
                    let label = format!("{}: {}/{} mục năm {year}", a.name, a.done, a.total);
                    let last = a.last_change_ms.map(format_time).unwrap_or_else(|| "chưa có".into());
                    view! {
                        <li class="area-row" data-area-unit=a.unit.clone()>
                            <a href=Route::Book { unit: Some(a.unit.clone()), year: Some(year) }.href()>{a.name.clone()}</a>
                            <div class="bar" role="progressbar" aria-label=label.clone() aria-valuemin="0" aria-valuemax="100"
                                aria-valuenow=(pct.round() as i64).to_string() aria-valuetext=format!("{}/{}", a.done, a.total)>
                                <span style=format!("width:{}%", fixed2(pct))></span>
                            </div>
                            <small>
                                {format!("{}/{} mục", a.done, a.total)}
                                {(!a.entered).then_some(" · chưa nhập gì năm này")}
                                {format!(" · sửa lần cuối: {last}")}
                            </small>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="completeness" id="completeness">
                    {format!("{entered}/{total} khu dân cư đã nhập số liệu năm {year}.")}
                </p>
                <ul class="area-bars">{rows}</ul>
            }
        })
    };

    view! {
        <div class="screen overview" data-year=year>
            <h2>"Tổng quan"</h2>
            <label class="year-pick">"Năm"<select on:change=on_year>{year_options}</select></label>
            <p class="hint">"Chạm “Vì sao?” để xem cách tính và đơn vị còn thiếu."</p>
            {cards}
            {area_cards}
            <section class="group">
                <h3>{format!("Các khu dân cư năm {year}")}</h3>
                {area_rows}
            </section>
        </div>
    }
}

fn target_row(t: &TargetProgress, year: i32) -> impl IntoView {
    let c = ctx();
    let f: &Figure = t.shown(year);
    let yearly = t.target.rule.period() == crate::core::programme::Period::EachYear;
    // The figure `shown` picked: the year's own, or the term's.
    let which = (yearly && t.years.iter().any(|(y, _)| *y == year)).then_some(year);
    let text = f.text();
    let scope = if yearly { format!("Năm {year}") } else { "Cả nhiệm kỳ".to_string() };
    let strip = t
        .years
        .iter()
        .map(|(y, fy)| {
            let title = format!("{y}: {} ({})", fy.status.label(), fy.text());
            view! {
                <li class=format!("mark {}", fy.status.code()) class:sel=*y == year title=title.clone() aria-label=title>
                    <span aria-hidden="true">{icon(fy.status)}</span>
                    <small aria-hidden="true">{format!("{:02}", y % 100)}</small>
                </li>
            }
        })
        .collect_view();
    // The explanation is built only once "Vì sao?" is opened.
    let open = RwSignal::new(false);
    let id = t.target.id.clone();
    let explanation = move || {
        let w = open.get().then(|| c.state.with(|s| progress::explain(&s.book, &id, which, today()))).flatten()?;
        let counted = (!w.counted.is_empty()).then(|| {
            view! { <p><strong>"Đã tính: "</strong>{w.counted.join("; ")}</p> }
        });
        let missing = (!w.missing.is_empty()).then(|| {
            view! { <p class="missing"><strong>"Còn thiếu: "</strong>{w.missing.join(", ")}</p> }
        });
        Some(view! {
            <p class="rule">{w.rule}</p>
            {counted}
            {missing}
            <p class="hint">{format!("{} bản ghi được tính.", text::group_thousands(w.records.len() as i64))}</p>
        })
    };
    let term_line = yearly.then(|| format!("Cả nhiệm kỳ đến nay: {} — {}", t.term.text(), t.term.status.label()));
    view! {
        <div class=format!("target {}", f.status.code()) data-target=t.target.id.clone()>
            <Gauge percent=f.percent goal=f.goal_percent status=f.status label=t.target.label.clone() text=text.clone()/>
            <div class="target-body">
                <p class="target-label">{t.target.label.clone()}</p>
                <p class="figure">{text}<small>{format!(" · {scope}")}</small></p>
                <p class=format!("status {}", f.status.code())>{icon(f.status)}" "{f.status.label()}</p>
            </div>
            <ol class="strip" aria-label="Từng năm của nhiệm kỳ">{strip}</ol>
            <details class="explain" on:toggle=move |_| open.update(|o| *o = !*o)>
                <summary>"Vì sao?"</summary>
                {explanation}
                {term_line.map(|l| view! { <p>{l}</p> })}
            </details>
        </div>
    }
}
