//! The programme reader: objective, the indicators, and the action areas with
//! their objective, focus tasks and main solutions.

use super::ctx;
use leptos::prelude::*;

#[component]
pub fn Reader() -> impl IntoView {
    let c = ctx();
    let p = c.state.with_untracked(|s| s.book.programme.clone());
    let indicators = p
        .indicators
        .iter()
        .map(|ind| {
            let paragraphs = ind.text.split('\n').map(|t| view! { <p>{t.to_string()}</p> }).collect_view();
            view! {
                <li data-indicator=ind.number>
                    <span class="num" aria-hidden="true">{ind.number}</span>
                    <div>
                        <span class="sr-only">{format!("Chỉ tiêu {}: ", ind.number)}</span>
                        {paragraphs}
                    </div>
                </li>
            }
        })
        .collect_view();
    let areas = p
        .parts
        .iter()
        .map(|a| {
            let tasks = a.tasks.iter().map(|t| view! { <li>{t.text.clone()}</li> }).collect_view();
            let solutions = a.solutions.iter().map(|t| view! { <li>{t.text.clone()}</li> }).collect_view();
            view! {
                <section class="area" data-area=a.number>
                    <details>
                        <summary><span class="num">{a.number}</span>{a.title.clone()}</summary>
                        <h4>"Mục tiêu"</h4>
                        <p>{a.objective.clone()}</p>
                        <h4>{format!("Nhiệm vụ trọng tâm ({})", a.tasks.len())}</h4>
                        <ol class="tasks">{tasks}</ol>
                        <h4>{format!("Giải pháp chủ yếu ({})", a.solutions.len())}</h4>
                        <ol class="tasks">{solutions}</ol>
                    </details>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="screen reader">
            <h2>"Chương trình hành động"</h2>
            <p class="full-title">{p.title.clone()}</p>
            <p class="hint">{format!("{} · từ {} đến hết năm {}", p.owner, crate::core::text::date(p.term.start), p.term.last_year)}</p>
            <details class="card">
                <summary>"Mục tiêu chung"</summary>
                <p>{p.objective.clone()}</p>
            </details>
            <h3>{format!("Các chỉ tiêu chủ yếu ({})", p.indicators.len())}</h3>
            <ol class="indicators">{indicators}</ol>
            <h3>{format!("Chương trình hành động ({})", p.parts.len())}</h3>
            {areas}
            {(!p.closing.is_empty()).then(|| view! { <p class="closing">{p.closing.clone()}</p> })}
        </div>
    }
}
