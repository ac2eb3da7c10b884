//! The checklist of one unit for one year: every item with a big tap target,
//! saved at once on every change.

use super::{ctx, today, Ctx, Route};
use crate::core::book::{Entry, RecordKey, TaskStatus, UnitKind, Value};
use crate::core::clock::Stamp;
use crate::core::programme::{Cadence, Item, ValueKind, Who};
use crate::core::state::Action;
use crate::core::text;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

#[component]
pub fn Checklist(unit: Option<String>, year: Option<i32>) -> impl IntoView {
    let c = ctx();
    let (unit_id, kind, unit_name, programme, units) = c.state.with_untracked(|s| {
        // An area's phone keeps its own area's book only (State::may_write).
        let id = unit.filter(|u| s.book.unit(u).is_some() && s.may_write(u)).or_else(|| s.home_unit());
        let d = id.as_ref().and_then(|i| s.book.unit(i)).cloned();
        let mut all: Vec<(String, String)> = Vec::new();
        for k in [UnitKind::Commune, UnitKind::Area, UnitKind::Organisation] {
            for (i, u) in s.book.units_of(k).into_iter().filter(|(i, _)| s.may_write(i)) {
                let mut name = u.name.clone();
                if u.archived() {
                    name.push_str(" (đã ngừng)");
                }
                all.push((i.to_string(), name));
            }
        }
        (id, d.as_ref().map(|d| d.kind), d.map(|d| d.name), s.book.programme.clone(), all)
    });
    let (Some(unit_id), Some(kind), Some(unit_name)) = (unit_id, kind, unit_name) else {
        return view! {
            <div class="screen">
                <p>"Chưa có đơn vị nào. "<a href="#/don-vi">"Thêm khu dân cư"</a></p>
            </div>
        }
        .into_any();
    };
    let term = programme.term;
    let year = year.filter(|y| term.contains_year(*y)).unwrap_or_else(|| term.current_year(today()));

    let unit_for_year = unit_id.clone();
    let on_unit = move |ev: leptos::ev::Event| {
        c.go(Route::Book { unit: Some(event_target_value(&ev)), year: Some(year) });
    };
    let on_year = move |ev: leptos::ev::Event| {
        c.go(Route::Book { unit: Some(unit_for_year.clone()), year: event_target_value(&ev).parse().ok() });
    };
    let unit_options = units
        .into_iter()
        .map(|(id, name)| {
            let selected = id == unit_id;
            view! { <option value=id selected=selected>{name}</option> }
        })
        .collect_view();
    let year_options = term
        .years()
        .map(|y| view! { <option value=y.to_string() selected=y == year>{format!("Năm {y}")}</option> })
        .collect_view();

    let who = kind.who();
    let items: Vec<Item> = programme.items.iter().filter(|i| i.filled_by(who)).cloned().collect();
    let mut groups: Vec<(String, Vec<Item>)> = Vec::new();
    for item in items {
        let title = match (item.indicator, item.part) {
            (Some(n), _) => format!("Chỉ tiêu {n}"),
            (None, Some(a)) => format!("Chương trình hành động {a}"),
            _ => "Khác".to_string(),
        };
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, v)) => v.push(item),
            None => groups.push((title, vec![item])),
        }
    }
    let cards = groups
        .into_iter()
        .map(|(title, items)| {
            let cards = items
                .into_iter()
                .map(|item| view! { <ItemCard unit=unit_id.clone() item=item year=year/> })
                .collect_view();
            view! {
                <section class="group">
                    <h3>{title}</h3>
                    {cards}
                </section>
            }
        })
        .collect_view();
    let tasks = (kind == UnitKind::Commune).then(|| view! { <TaskList unit=unit_id.clone() year=year/> });
    let empty = (who == Who::Organisations && !programme.items.iter().any(|i| i.filled_by(who)))
        .then(|| view! { <p>"Chương trình không có mục nào cho tổ chức thành viên."</p> });

    view! {
        <div class="screen checklist" data-unit=unit_id.clone() data-year=year>
            <h2>{unit_name}</h2>
            <div class="pickers">
                <label>"Đơn vị"<select on:change=on_unit>{unit_options}</select></label>
                <label>"Năm"<select on:change=on_year>{year_options}</select></label>
            </div>
            {empty}
            {cards}
            {tasks}
        </div>
    }
    .into_any()
}

fn set_entry(c: Ctx, key: &RecordKey, change: impl FnOnce(&mut Entry)) -> Result<(), String> {
    let mut entry = c.state.with_untracked(|s| s.book.record(key).map(|r| r.entry().clone())).unwrap_or_else(Entry::empty);
    change(&mut entry);
    c.act(Action::SetEntry { key: key.clone(), entry })
}

fn parse_input_date(s: &str) -> Option<NaiveDate> {
    text::parse_iso_date(s)
}

fn date_bounds(c: Ctx, year: Option<i32>) -> (String, String) {
    c.state.with_untracked(|s| {
        let t = s.book.programme.term;
        let (a, b) = match year {
            Some(y) => (t.year_start(y), t.year_end(y)),
            None => (t.start, t.end()),
        };
        (text::iso_date(a), text::iso_date(b))
    })
}

/// Who changed it last, and when.
fn changed_line(c: Ctx, stamp: &Stamp) -> String {
    let me = c.state.with_untracked(|s| s.local.device.clone());
    if stamp.device == crate::core::state::GENESIS_DEVICE {
        return "mặc định ban đầu".to_string();
    }
    let who = if stamp.device == me { "máy này".to_string() } else { format!("máy {}", stamp.device) };
    format!("{} · {}", super::format_time(stamp.wall_ms), who)
}

#[component]
fn ItemCard(unit: String, item: Item, year: i32) -> impl IntoView {
    let c = ctx();
    let key_year = match item.cadence {
        Cadence::Term => None,
        Cadence::Yearly | Cadence::Event => Some(year),
    };
    let key = RecordKey { unit: unit.clone(), item: item.id.clone(), year: key_year };
    let error = RwSignal::new(None::<String>);
    let cadence_note = match item.cadence {
        Cadence::Yearly => format!("Ghi cho năm {year}"),
        Cadence::Term => "Ghi một lần trong nhiệm kỳ".to_string(),
        Cadence::Event => format!("Ghi từng lần trong năm {year}"),
    };
    let body = match (item.cadence, item.value) {
        (Cadence::Event, _) => view! { <EventLog unit=unit.clone() item=item.clone() year=year error=error/> }.into_any(),
        (_, ValueKind::Done) => done_editor(c, key.clone(), error).into_any(),
        (_, ValueKind::Count) => names_editor(c, key.clone(), error).into_any(),
        (_, ValueKind::Ratio) => ratio_editor(c, key.clone(), &item, error).into_any(),
        (_, ValueKind::Grade) => grade_editor(c, key.clone(), error).into_any(),
        (_, ValueKind::Amount) => view! { <p>"Số tiền được ghi theo từng lần."</p> }.into_any(),
    };
    let details = (item.cadence != Cadence::Event).then(|| details_editor(c, key.clone(), key_year, error));
    let history = (item.cadence != Cadence::Event).then(|| history_view(c, key.clone()));
    view! {
        <article class="item" data-item=item.id.clone()>
            <h4>{item.label.clone()}</h4>
            <p class="cadence">{cadence_note}</p>
            {item.hint.clone().map(|h| view! { <p class="hint">{h}</p> })}
            {body}
            {details}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {history}
        </article>
    }
}

fn done_editor(c: Ctx, key: RecordKey, error: RwSignal<Option<String>>) -> impl IntoView {
    let k = key.clone();
    let done = Signal::derive(move || c.state.with(|s| matches!(s.book.entry(&k).map(|e| &e.value), Some(Value::Done { done: true }))));
    let toggle = move |_| {
        let now_done = done.get_untracked();
        let r = set_entry(c, &key, |e| e.value = Value::Done { done: !now_done });
        error.set(r.err());
    };
    view! {
        <button class="tick" class:on=done aria-pressed=move || if done.get() { "true" } else { "false" } on:click=toggle>
            <span class="box" aria-hidden="true">{move || if done.get() { "✓" } else { "" }}</span>
            {move || if done.get() { "Đã thực hiện" } else { "Chưa thực hiện — chạm để đánh dấu" }}
        </button>
    }
}

fn names_editor(c: Ctx, key: RecordKey, error: RwSignal<Option<String>>) -> impl IntoView {
    let k = key.clone();
    let names = Signal::derive(move || c.state.with(|s| s.book.entry(&k).map(|e| e.names.clone()).unwrap_or_default()));
    let input = RwSignal::new(String::new());
    let key_add = key.clone();
    let add = move || {
        let name = input.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("Hãy nhập tên trước khi thêm.".into()));
            return;
        }
        let r = set_entry(c, &key_add, |e| e.add_name(&name));
        if r.is_ok() {
            input.set(String::new());
        }
        error.set(r.err());
    };
    let add2 = add.clone();
    let list = move || {
        let key = key.clone();
        names
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let key = key.clone();
                let remove = move |_| {
                    let r = set_entry(c, &key, |e| e.remove_name(i));
                    error.set(r.err());
                };
                view! {
                    <li>
                        <span>{n.clone()}</span>
                        <button class="small" aria-label=format!("Xóa {n}") on:click=remove>"Xóa"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <p class="count"><strong>{move || names.with(|n| n.len())}</strong>" đã ghi"</p>
        <ul class="names">{list}</ul>
        <div class="add-row">
            <input type="text" aria-label="Tên cần thêm" placeholder="Tên..." prop:value=move || input.get()
                on:input=move |ev| input.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" { add2() } />
            <button on:click=move |_| add()>"Thêm"</button>
        </div>
    }
}

fn parse_count(s: &str) -> Result<Option<u64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u64>().map(Some).map_err(|_| format!("“{t}” không phải số nguyên không âm."))
}

fn ratio_editor(c: Ctx, key: RecordKey, item: &Item, error: RwSignal<Option<String>>) -> impl IntoView {
    let k = key.clone();
    // A memo: the boxes are refilled only when this record's value changes,
    // never over what is being typed when something else is saved.
    let current = Memo::new(move |_| match c.state.with(|s| s.book.entry(&k).map(|e| e.value.clone())) {
        Some(Value::Ratio { n, of }) => (Some(n), Some(of)),
        _ => (None, None),
    });
    let n_text = RwSignal::new(String::new());
    let of_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        let (n, of) = current.get();
        n_text.set(n.map(|v| v.to_string()).unwrap_or_default());
        of_text.set(of.map(|v| v.to_string()).unwrap_or_default());
    });
    let commit = move || {
        let parsed = parse_count(&n_text.get_untracked()).and_then(|n| Ok((n, parse_count(&of_text.get_untracked())?)));
        let r = match parsed {
            Err(e) => Err(e),
            Ok((None, None)) => set_entry(c, &key, |e| e.value = Value::Empty),
            Ok((Some(n), Some(of))) => set_entry(c, &key, |e| e.value = Value::Ratio { n, of }),
            // None of N: nothing to do, 0 of 0 (the year does not count).
            Ok((None, Some(0))) => set_entry(c, &key, |e| e.value = Value::Ratio { n: 0, of: 0 }),
            Ok(_) if current.get_untracked().0.is_none() => Err("Nhập cả hai số để lưu.".to_string()),
            Ok(_) => Err("Cần cả hai số. Số đã lưu vẫn giữ nguyên; muốn bỏ thì xóa cả hai ô.".to_string()),
        };
        error.set(r.err());
    };
    let commit2 = commit.clone();
    let pct = move || match current.get() {
        (Some(n), Some(of)) if of > 0 => text::percent(n as f64 * 100.0 / of as f64),
        (Some(_), Some(0)) => "Không có trường hợp nào (không tính)".to_string(),
        _ => "Chưa nhập".to_string(),
    };
    let n_label = item.numerator.clone().unwrap_or_else(|| "Đã thực hiện".into());
    let of_label = item.denominator.clone().unwrap_or_else(|| "Tổng số".into());
    view! {
        <div class="ratio">
            <label>{n_label}
                <input type="number" inputmode="numeric" min="0" step="1" class="n" prop:value=move || n_text.get()
                    on:input=move |ev| n_text.set(event_target_value(&ev)) on:change=move |_| commit() />
            </label>
            <label>{of_label}
                <input type="number" inputmode="numeric" min="0" step="1" class="of" prop:value=move || of_text.get()
                    on:input=move |ev| of_text.set(event_target_value(&ev)) on:change=move |_| commit2() />
            </label>
            <p class="pct">{pct}</p>
        </div>
    }
}

fn grade_editor(c: Ctx, key: RecordKey, error: RwSignal<Option<String>>) -> impl IntoView {
    let k = key.clone();
    let current = Signal::derive(move || match c.state.with(|s| s.book.entry(&k).map(|e| e.value.clone())) {
        Some(Value::Grade { grade }) => grade,
        _ => String::new(),
    });
    let grades = c.state.with_untracked(|s| s.book.programme.grades.clone());
    let on_change = move |ev: leptos::ev::Event| {
        let g = event_target_value(&ev);
        let r = set_entry(c, &key, |e| e.value = if g.is_empty() { Value::Empty } else { Value::Grade { grade: g } });
        error.set(r.err());
    };
    view! {
        <select class="grade" aria-label="Xếp loại" on:change=on_change prop:value=current>
            <option value="" selected=move || current.with(|g| g.is_empty())>"— Chưa xếp loại —"</option>
            {grades.into_iter().map(|g| {
                let id = g.id.clone();
                view! { <option value=g.id.clone() selected=move || current.get() == id>{g.label.clone()}</option> }
            }).collect_view()}
        </select>
    }
}

fn details_editor(c: Ctx, key: RecordKey, year: Option<i32>, error: RwSignal<Option<String>>) -> impl IntoView {
    let k1 = key.clone();
    let k2 = key.clone();
    // Memos: a field is rewritten only when its own saved value changes, not
    // over what is being typed when something else is saved (or merged in).
    let date = Memo::new(move |_| c.state.with(|s| s.book.entry(&k1).and_then(|e| e.date)).map(text::iso_date).unwrap_or_default());
    let note = Memo::new(move |_| c.state.with(|s| s.book.entry(&k2).map(|e| e.note.clone()).unwrap_or_default()));
    let (min, max) = date_bounds(c, year);
    let kd = key.clone();
    let on_date = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let d = parse_input_date(&v);
        let r = if !v.is_empty() && d.is_none() {
            Err("Ngày không hợp lệ.".to_string())
        } else {
            set_entry(c, &kd, |e| e.date = d)
        };
        error.set(r.err());
    };
    let on_note = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let r = set_entry(c, &key, |e| e.note = v.trim().to_string());
        error.set(r.err());
    };
    let summary = {
        move || {
            let (d, n) = (date.get(), note.get());
            match (d.is_empty(), n.is_empty()) {
                (true, true) => "Thêm ngày, ghi chú".to_string(),
                _ => {
                    let mut s = String::new();
                    if let Some(x) = parse_input_date(&d) {
                        s.push_str(&text::date(x));
                    }
                    if !n.is_empty() {
                        if !s.is_empty() {
                            s.push_str(" · ");
                        }
                        s.push_str(&n.chars().take(40).collect::<String>());
                    }
                    s
                }
            }
        }
    };
    view! {
        <details class="more">
            <summary>{summary}</summary>
            <label>"Ngày"<input type="date" min=min max=max prop:value=move || date.get() on:change=on_date /></label>
            <label>"Ghi chú"<textarea rows="2" prop:value=move || note.get() on:change=on_note></textarea></label>
        </details>
    }
}

fn history_view(c: Ctx, key: RecordKey) -> impl IntoView {
    move || {
        c.state.with(|s| {
            let r = s.book.record(&key)?;
            let p = &s.book.programme;
            let last = changed_line(c, &r.versions.current().stamp);
            let older: Vec<_> = r
                .versions
                .history()
                .map(|v| view! { <li>{format!("{}: {}", changed_line(c, &v.stamp), v.value.describe(p))}</li> })
                .collect();
            let n = older.len();
            Some(view! {
                <p class="changed">{format!("Sửa lần cuối: {last}")}</p>
                {(n > 0).then(|| view! {
                    <details class="history">
                        <summary>{format!("Lịch sử ({n} lần trước)")}</summary>
                        <ul>{older}</ul>
                    </details>
                })}
            })
        })
    }
}

#[component]
fn EventLog(unit: String, item: Item, year: i32, error: RwSignal<Option<String>>) -> impl IntoView {
    let c = ctx();
    let amount = item.value == ValueKind::Amount;
    let (u1, i1) = (unit.clone(), item.id.clone());
    let events = move || {
        c.state.with(|s| {
            s.book
                .events(&u1, &i1, year)
                .into_iter()
                .map(|r| (r.id.clone(), r.entry().clone(), r.versions.current().stamp.clone()))
                .collect::<Vec<_>>()
        })
    };
    let (u2, i2) = (unit.clone(), item.id.clone());
    let total = move || {
        let sum = c.state.with(|s| s.book.event_total(&u2, &i2, year));
        if amount {
            format!("Tổng năm {year}: {}", text::dong(sum))
        } else {
            format!("Tổng năm {year}: {sum}")
        }
    };
    let t = today();
    let (min, max) = date_bounds(c, Some(year));
    let default_date = if t.year() == year { text::iso_date(t) } else { String::new() };
    let date = RwSignal::new(default_date.clone());
    let default_date = StoredValue::new(default_date);
    let blank = move || if amount { String::new() } else { "1".to_string() };
    let value = RwSignal::new(blank());
    let note = RwSignal::new(String::new());
    // The event being corrected, if any: the form below then saves over it.
    let editing = RwSignal::new(None::<String>);
    let reset = move || {
        editing.set(None);
        value.set(blank());
        note.set(String::new());
        date.set(default_date.get_value());
    };
    let list = move || {
        events()
            .into_iter()
            .map(|(id, e, stamp)| {
                let id_edit = id.clone();
                let (what, raw) = match e.value {
                    Value::Amount { dong } => (text::dong(dong), text::group_thousands(dong)),
                    Value::Count { count } => (format!("{count} lần"), count.to_string()),
                    _ => (String::new(), String::new()),
                };
                let date_text = e.date.map(text::date).unwrap_or_else(|| "không ghi ngày".into());
                let named = format!("{what}, {date_text}");
                let (edit_label, remove_label) = (format!("Sửa lần ghi {named}"), format!("Xóa lần ghi {named}"));
                let remove = move |_| {
                    let sure = window()
                        .confirm_with_message(&format!("Xóa lần ghi {named}? Nó sẽ không còn được tính nữa."))
                        .unwrap_or(false);
                    if !sure {
                        return;
                    }
                    if editing.get_untracked().as_deref() == Some(id.as_str()) {
                        reset();
                    }
                    error.set(c.act(Action::RemoveEvent { id: id.clone() }).err());
                };
                let (e_date, e_note) = (e.date.map(text::iso_date).unwrap_or_default(), e.note.clone());
                let edit = move |_| {
                    editing.set(Some(id_edit.clone()));
                    value.set(raw.clone());
                    date.set(e_date.clone());
                    note.set(e_note.clone());
                };
                view! {
                    <li>
                        <div>
                            <strong>{what}</strong>" · "{date_text}
                            {(!e.note.is_empty()).then(|| view! { <br/><span>{e.note.clone()}</span> })}
                            <br/><small>{changed_line(c, &stamp)}</small>
                        </div>
                        <div class="row">
                            <button class="small edit-event" aria-label=edit_label on:click=edit>"Sửa"</button>
                            <button class="small remove-event" aria-label=remove_label on:click=remove>"Xóa"</button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    let submit = move |_| {
        let v = value.get_untracked();
        let parsed = if amount {
            text::parse_dong(&v).map(|dong| Value::Amount { dong }).ok_or_else(|| {
                format!("“{}” không phải số tiền hợp lệ. Hãy nhập số đồng, ví dụ 500.000.", v.trim())
            })
        } else {
            match parse_count(&v) {
                Ok(Some(n)) if n > 0 => Ok(Value::Count { count: n }),
                Ok(_) => Err("Hãy nhập số lần, từ 1 trở lên.".to_string()),
                Err(e) => Err(e),
            }
        };
        let d = date.get_untracked();
        let r = parsed.and_then(|value| {
            let date = if d.is_empty() { None } else { Some(parse_input_date(&d).ok_or("Ngày không hợp lệ.")?) };
            let entry = Entry { value, date, note: note.get_untracked().trim().to_string(), names: vec![] };
            match editing.get_untracked() {
                Some(id) => c.act(Action::UpdateEvent { id, entry }),
                None => c.act(Action::AddEvent { unit: unit.clone(), item: item.id.clone(), year, entry }),
            }
        });
        if r.is_ok() {
            reset();
        }
        error.set(r.err());
    };
    view! {
        <p class="total">{total}</p>
        <ul class="events">{list}</ul>
        <details class="add-event" prop:open=move || editing.with(|e| e.is_some())>
            <summary>{move || if editing.with(|e| e.is_some()) { "Sửa lần ghi này" } else { "+ Ghi thêm một lần" }}</summary>
            <label>{if amount { "Số tiền (đồng)" } else { "Số lượng" }}
                <input type="text" inputmode="numeric" class="value" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
            <label>"Ngày"<input type="date" min=min max=max prop:value=move || date.get()
                on:input=move |ev| date.set(event_target_value(&ev)) /></label>
            <label>"Ghi chú"<input type="text" class="note" prop:value=move || note.get()
                on:input=move |ev| note.set(event_target_value(&ev)) /></label>
            <div class="row">
                <button class="primary save-event" on:click=submit>{move || if editing.with(|e| e.is_some()) { "Lưu thay đổi" } else { "Ghi" }}</button>
                {move || editing.with(|e| e.is_some()).then(|| view! { <button on:click=move |_| reset()>"Hủy sửa"</button> })}
            </div>
        </details>
    }
}

/// The commune's second checklist: yearly status of every focus task and main solution.
#[component]
fn TaskList(unit: String, year: i32) -> impl IntoView {
    let c = ctx();
    let areas = c.state.with_untracked(|s| s.book.programme.parts.clone());
    let sections = areas
        .into_iter()
        .map(|a| {
            let rows = a
                .tasks
                .iter()
                .map(|t| ("Nhiệm vụ", t))
                .chain(a.solutions.iter().map(|t| ("Giải pháp", t)))
                .map(|(kind, t)| {
                    let key = RecordKey { unit: unit.clone(), item: t.id.clone(), year: Some(year) };
                    let k = key.clone();
                    let status = Signal::derive(move || match c.state.with(|s| s.book.entry(&k).map(|e| e.value.clone())) {
                        Some(Value::Status { status }) => status.code(),
                        _ => "",
                    });
                    let k2 = key.clone();
                    // A memo: the field is not rewritten over typing when something else is saved.
                    let note = Memo::new(move |_| c.state.with(|s| s.book.entry(&k2).map(|e| e.note.clone()).unwrap_or_default()));
                    let error = RwSignal::new(None::<String>);
                    let text_id = format!("task-text-{}", t.id);
                    let ks = key.clone();
                    let on_status = move |ev: leptos::ev::Event| {
                        let v = TaskStatus::from_code(&event_target_value(&ev));
                        let r = set_entry(c, &ks, |e| e.value = v.map(|status| Value::Status { status }).unwrap_or(Value::Empty));
                        error.set(r.err());
                    };
                    let on_note = move |ev: leptos::ev::Event| {
                        let v = event_target_value(&ev);
                        let r = set_entry(c, &key, |e| e.note = v.trim().to_string());
                        error.set(r.err());
                    };
                    view! {
                        <li class="task" data-task=t.id.clone()>
                            <p id=text_id.clone()><small>{kind}</small>" "{t.text.clone()}</p>
                            <select aria-label="Trạng thái" aria-describedby=text_id.clone() on:change=on_status prop:value=status>
                                <option value="" selected=move || status.get().is_empty()>"— Chưa đánh giá —"</option>
                                {TaskStatus::ALL.into_iter().map(|ts| {
                                    view! { <option value=ts.code() selected=move || status.get() == ts.code()>{ts.label()}</option> }
                                }).collect_view()}
                            </select>
                            <input type="text" aria-label="Đã làm được gì" aria-describedby=text_id placeholder="Đã làm được gì..."
                                prop:value=move || note.get() on:change=on_note />
                            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details class="area-tasks">
                    <summary>{format!("{}. {}", a.number, a.title)}</summary>
                    <ul>{rows}</ul>
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="group tasks">
            <h3>{format!("Nhiệm vụ, giải pháp năm {year}")}</h3>
            {sections}
        </section>
    }
}
