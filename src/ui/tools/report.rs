//! The report screen: renders `core::report` as an A4 document (style/report.css),
//! prints it with the browser (Save as PDF on Android), and downloads the
//! tables for Excel. The header fields and sections IV-V are records: they
//! are saved as they are left, and travel in files like everything else.

use crate::core::book::RecordKey;
use crate::core::report::{self, csv::Separator, Report, TextSection};
use crate::core::screen::report as choices;
use crate::core::state::{Action, Change};
use crate::ui::{ctx, widgets, Ctx};
use leptos::prelude::*;

fn save(c: Ctx, key: &RecordKey, text: String, error: RwSignal<Option<String>>) {
    error.set(c.act(Action::Edit { key: key.clone(), change: Change::Note(text) }).err().map(|e| e.to_string()));
}

#[component]
pub fn ReportScreen() -> impl IntoView {
    let c = ctx();
    let periods = c.state.with_untracked(|s| choices::periods(s, &c.env()));
    let scopes = c.state.with_untracked(choices::scopes);
    let period = RwSignal::new(widgets::chosen(&periods));
    let scope = RwSignal::new(widgets::chosen(&scopes));
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let sep = RwSignal::new(Separator::Semicolon);
    let made = Memo::new(move |_| {
        let p = choices::period(&period.get());
        let sc = choices::scope(&scope.get());
        c.state.with(|s| match p {
            Some(p) => report::report(s, &sc, p, &c.env()).map_err(|e| e.to_string()),
            None => Err("Hãy chọn kỳ báo cáo.".to_string()),
        })
    });
    let doc = Memo::new(move |_| made.with(|m| m.as_ref().ok().cloned()));
    let fields = Memo::new(move |_| doc.with(|d| d.as_ref().map(|d| (d.fields.clone(), d.may_edit))));
    let print = move |_| {
        // The browser's own reason would be English: not shown.
        if window().print().is_err() {
            message.set(Some((false, "Trình duyệt không mở được hộp in. Hãy thử trong Chrome.".to_string())));
        }
    };
    let xlsx = move |_| {
        let (bytes, name) = c.state.with_untracked(|s| (report::workbook(s, &c.env()), choices::workbook_name(s, &c.env())));
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let r = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
            .map_err(|_| "Trình duyệt không tạo được tệp.")
            .and_then(|b| widgets::download_blob(&name, &b));
        message.set(Some(match r {
            Ok(()) => (true, format!("Đã tải về tệp {name}.")),
            Err(e) => (false, e.to_string()),
        }));
    };
    let csv = move |records: bool| {
        let (text, name) = c.state.with_untracked(|s| {
            let e = c.env();
            let table = if records { report::table::records_table(s, &e) } else { report::table::results_table(s, &e) };
            let text = if records { report::records_csv(s, &e, sep.get_untracked()) } else { report::results_csv(s, &e, sep.get_untracked()) };
            (text, report::table::file_name(&s.book, &table, e.today, "csv"))
        });
        message.set(Some(match widgets::download(&name, &text, "text/csv;charset=utf-8") {
            Ok(()) => (true, format!("Đã tải về tệp {name}.")),
            Err(e) => (false, e.to_string()),
        }));
    };
    view! {
        <div class="screen report">
            <div class="report-controls no-print">
                <h2>"Báo cáo"</h2>
                <label>"Kỳ báo cáo"
                    <select id="report-period" on:change=move |ev| period.set(event_target_value(&ev))>{widgets::options(periods)}</select>
                </label>
                <label>"Báo cáo của"
                    <select id="report-scope" on:change=move |ev| scope.set(event_target_value(&ev))>{widgets::options(scopes)}</select>
                </label>
                <details class="more report-fields" id="report-fields">
                    <summary>"Địa danh, số văn bản, người ký, nơi nhận"</summary>
                    {move || fields.get().map(|(list, may_edit)| list.into_iter().map(|f| {
                        let id = format!("report-field-{}", f.key.item.trim_start_matches('@'));
                        let multiline = f.max_chars > 200;
                        let key = f.key.clone();
                        let on_change = move |ev: leptos::ev::Event| save(c, &key, event_target_value(&ev), error);
                        let input = if multiline {
                            view! { <textarea id=id rows="3" placeholder=f.placeholder prop:value=f.value readonly=!may_edit on:change=on_change></textarea> }.into_any()
                        } else {
                            view! { <input type="text" id=id placeholder=f.placeholder prop:value=f.value readonly=!may_edit on:change=on_change /> }.into_any()
                        };
                        view! { <label>{f.label}{input}</label> }
                    }).collect_view())}
                </details>
                <div class="row">
                    <button class="primary" id="report-print" on:click=print>"In / Lưu PDF"</button>
                    <button id="report-xlsx" on:click=xlsx>"Tải bảng số liệu (Excel)"</button>
                </div>
                <div class="row">
                    <label>"Dấu phân cách CSV"
                        <select id="report-sep" on:change=move |ev| sep.set(if event_target_value(&ev) == "," { Separator::Comma } else { Separator::Semicolon })>
                            <option value=";" selected=true>"; (Excel tiếng Việt)"</option>
                            <option value=",">", (dấu phẩy)"</option>
                        </select>
                    </label>
                    <button id="report-csv-records" on:click=move |_| csv(true)>"Tải CSV: mọi số liệu"</button>
                    <button id="report-csv-results" on:click=move |_| csv(false)>"Tải CSV: kết quả chỉ tiêu"</button>
                </div>
                {move || message.get().map(|(ok, m)| view! { <p class=if ok { "ok" } else { "error" } role="status" id="report-message">{m}</p> })}
                {move || error.get().map(|e| view! { <p class="error" role="alert" id="report-error">{e}</p> })}
                {move || made.with(|m| m.as_ref().err().cloned()).map(|e| view! { <p class="error" role="alert" id="report-refused">{e}</p> })}
            </div>
            {move || doc.get().map(|d| document(c, d, error))}
        </div>
    }
}

/// The A4 document.
fn document(c: Ctx, d: Report, error: RwSignal<Option<String>>) -> impl IntoView {
    let line = |l: report::Line| view! { <p style=if l.bold { "font-weight:bold" } else { "" }>{l.text}</p> };
    let h = d.heading;
    let table_i = d.indicators.map(|t| {
        view! {
            <h3>{t.heading}</h3>
            <div class="table-wrap">
                <table class="doc" id="report-indicators">
                    <thead><tr>{t.columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {t.groups.into_iter().map(|g| view! {
                            <tr class="group-row"><td colspan="7"><strong>{g.title}</strong>": "{g.text}</td></tr>
                            {g.rows.into_iter().map(|r| {
                                let bar = r.bar.map(|w| view! {
                                    <span class="pbar" aria-hidden="true"><span style=format!("width:{w}")></span></span>
                                });
                                view! {
                                    <tr data-target=r.target_id>
                                        <td class="n">{r.stt}</td>
                                        <td>{r.target}</td>
                                        <td>{r.goal}</td>
                                        <td class="result">{r.result}</td>
                                        <td class="n">{r.percent}{bar}</td>
                                        <td class="assessment">{r.assessment}</td>
                                        <td class="who-missing">{r.missing}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let own = d.own_items.map(|t| {
        view! {
            <h3>{t.heading}</h3>
            <div class="table-wrap">
                <table class="doc" id="report-own-items">
                    <thead><tr>{t.columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                    <tbody>{t.rows.into_iter().map(|r| view! {
                        <tr data-item=r.item>
                            <td class="n">{r.stt}</td><td>{r.serves}</td><td>{r.label}</td>
                            <td class="result">{r.result}{(!r.detail.is_empty()).then(|| view! { <br/><small>{r.detail}</small> })}</td>
                            <td class="assessment">{r.assessment}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        }
    });
    let table_ii = d.areas.map(|t| {
        view! {
            <h3>{t.heading}</h3>
            <p class="body">{t.summary}</p>
            <div class="table-wrap">
                <table class="doc" id="report-areas">
                    <thead><tr>{t.columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                    <tbody>{t.rows.into_iter().map(|r| view! {
                        <tr data-area-unit=r.unit>
                            <td class="n">{r.stt}</td><td>{r.name}</td>
                            {r.cells.into_iter().map(|c| view! { <td class="n">{c}</td> }).collect_view()}
                            <td class="n">{r.total_text}</td><td class="n">{r.percent}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
            <p class="legend">{t.legend.join("; ")}</p>
        }
    });
    let tasks = d.tasks.map(|t| {
        view! {
            <h3>{t.heading}</h3>
            {t.parts.into_iter().map(|p| view! {
                <p><strong>{p.title}</strong></p>
                <div class="table-wrap">
                    <table class="doc tasks">
                        <thead><tr>{t.columns.iter().cloned().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                        <tbody>{p.rows.into_iter().map(|r| view! {
                            <tr><td class="n">{r.stt}</td><td>{r.text}<br/><small>{r.kind}</small></td><td>{r.status}</td><td>{r.note}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
            }).collect_view()}
        }
    });
    view! {
        <article class="a4" id="report-doc">
            <div class="doc-head">
                <div class="issuer">
                    {h.left.into_iter().map(line).collect_view()}
                    <span class="rule"></span>
                    <p class="number">{h.number}</p>
                </div>
                <div class="nation">
                    {h.right.into_iter().map(line).collect_view()}
                    <span class="rule"></span>
                    <p class="place-date">{h.place_date}</p>
                </div>
            </div>
            <p class="doc-title">{d.title}</p>
            <p class="doc-sub">{d.subtitle}</p>
            <p class="body"><em>{d.basis}</em></p>
            {table_i}
            {own}
            {table_ii}
            {tasks}
            {section(c, d.shortcomings, d.may_edit, error, "report-shortcomings")}
            {section(c, d.direction, d.may_edit, error, "report-direction")}
            <div class="signature">
                <div class="recipients">
                    <p><strong>{d.recipients.heading}</strong></p>
                    {d.recipients.lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                </div>
                <div class="sign">
                    {d.signature.lines.into_iter().map(|l| view! { <p class="role">{l}</p> }).collect_view()}
                    <div class="space"></div>
                    <p class="name">{d.signature.name}</p>
                </div>
            </div>
        </article>
    }
}

/// Section IV or V: its text printed; on screen, a box to write it in.
fn section(c: Ctx, s: TextSection, may_edit: bool, error: RwSignal<Option<String>>, id: &'static str) -> impl IntoView {
    let TextSection { heading, key, text, paragraphs, draft, .. } = s;
    view! {
        <h3>{heading}</h3>
        <div class="print-only" class:draft=draft>
            {paragraphs.into_iter().map(|p| view! { <p class="body">{p}</p> }).collect_view()}
        </div>
        <div class="no-print">
            {draft.then(|| view! { <p class="hint">"Câu mở đầu gợi ý từ số liệu, chưa lưu: sửa rồi bấm ra ngoài ô để lưu."</p> })}
            <textarea id=id rows="5" aria-label="Nội dung phần này" prop:value=text readonly=!may_edit
                on:change=move |ev| save(c, &key, event_target_value(&ev), error)></textarea>
        </div>
    }
}
