//! The programme reader: renders `screen::reader`.

use crate::core::screen::reader;
use crate::ui::ctx;
use leptos::prelude::*;

#[component]
pub fn Reader() -> impl IntoView {
    let c = ctx();
    let p = c.state.with_untracked(reader::reader);
    let indicators = p
        .indicators
        .into_iter()
        .map(|ind| {
            let paragraphs = ind.paragraphs.into_iter().map(|t| view! { <p>{t}</p> }).collect_view();
            let retired = ind.retired.into_iter().map(|t| view! { <p class="retired">{t}</p> }).collect_view();
            view! {
                <li data-indicator=ind.number>
                    <span class="num" aria-hidden="true">{ind.number}</span>
                    <div>
                        <span class="sr-only">{format!("Chỉ tiêu {}: ", ind.number)}</span>
                        {paragraphs}
                        {retired}
                    </div>
                </li>
            }
        })
        .collect_view();
    let parts = p
        .parts
        .into_iter()
        .map(|a| {
            let tasks = a.tasks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
            let solutions = a.solutions.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
            view! {
                <section class="area" data-area=a.number>
                    <details>
                        <summary><span class="num">{a.number}</span>{a.title}</summary>
                        <p class="hint">{a.name}</p>
                        <h4>"Mục tiêu"</h4>
                        <p>{a.objective}</p>
                        <h4>{a.tasks_heading}</h4>
                        <ol class="tasks">{tasks}</ol>
                        <h4>{a.solutions_heading}</h4>
                        <ol class="tasks">{solutions}</ol>
                    </details>
                </section>
            }
        })
        .collect_view();
    let retired = (!p.retired_items.is_empty()).then(|| {
        let items = p.retired_items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
        view! {
            <h3>"Mục ghi chép đã thôi theo dõi"</h3>
            <ul class="retired">{items}</ul>
        }
    });
    view! {
        <div class="screen reader">
            <h2>"Chương trình hành động"</h2>
            <div class="row">
                <a class="button" id="reader-report" href=p.report_href>"Báo cáo"</a>
                {p.can_edit.then(|| view! {
                    <a class="button" id="reader-revise" href=p.revise_href>"Sửa chương trình này"</a>
                    <a class="button" id="reader-new" href=p.new_href>"Tạo chương trình mới"</a>
                })}
            </div>
            <p class="full-title">{p.title}</p>
            <p class="hint">{p.owner}</p>
            <details class="card">
                <summary>"Mục tiêu chung"</summary>
                <p>{p.objective}</p>
            </details>
            <h3>{p.indicators_heading}</h3>
            <ol class="indicators">{indicators}</ol>
            <h3>{p.parts_heading}</h3>
            {parts}
            {(!p.closing.is_empty()).then(|| view! { <p class="closing">{p.closing}</p> })}
            {retired}
        </div>
    }
}
