//! Issue "Nothing lost, nothing hidden" in a real browser: storage that
//! refuses writes keeps every backup and says so in Vietnamese; a full
//! storage's warning stays in view; a damaged store is explained without a
//! word of English; an undo in one tab is not merged back by another; a file
//! with a malformed record is refused with the record's path; focus stays
//! where the user was; "Cập nhật" in one tab never reloads away a note
//! half-typed in another; a full IndexedDB makes room for the session's
//! backup from the undo copy and the oldest backups, never the newest; and a
//! tap is saved the moment the page is hidden.

mod common;
mod support;
use common::*;
use support::*;

use serde_json::{json, Value};

/// JS that moves the page's clock an hour later. Added once more before
/// each session, it makes sessions follow each other in time: the pinned
/// clock alone starts every page at the same instant.
const AN_HOUR_LATER_JS: &str = "(() => {
  const Earlier = window.Date;
  class Later extends Earlier {
    constructor(...args) { if (args.length === 0) super(Earlier.now() + 3600000); else super(...args); }
    static now() { return Earlier.now() + 3600000; }
  }
  window.Date = Later;
})();";

/// Five sessions with a change each, an hour apart: five backups (toggling
/// one item, so every session starts from different data). Returns the
/// backups' (key, tag), by key.
async fn five_backups(p: &Phone, unit: &str) -> TestResult<Vec<(String, String)>> {
    for n in 0..5 {
        open_checklist(p, unit, 2026).await?;
        if n % 2 == 0 {
            tick(p, "ngay-hoi").await?;
        } else {
            untick(p, "ngay-hoi").await?;
        }
        wait_stored(p, &format!("{unit}/ngay-hoi/2026")).await?;
        on_every_page(p, AN_HOUR_LATER_JS).await?;
        p.reload().await?;
        wait_backups(p, n + 1).await?;
    }
    let kept = backups(p).await?;
    assert_eq!(kept.len(), 5, "{kept:?}");
    Ok(kept)
}

/// A browser that refuses every write to localStorage (a setting, not a full
/// disk): the five backups are all kept (none is given up to make room,
/// since room is not the problem), the warning says in Vietnamese what
/// happened, the change stays on screen marked "chưa lưu", and the backup
/// file is offered.
#[tokio::test]
async fn storage_that_refuses_writes_keeps_all_five_backups_and_offers_the_file() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    let before = five_backups(&p, &ids[0]).await?;
    // A change, saved: the next session starts from data no backup holds yet.
    open_checklist(&p, &ids[0], 2026).await?;
    tick(&p, "phong-trao").await?;
    wait_stored(&p, &format!("{}/phong-trao/2026", ids[0])).await?;

    // From the next page on, every localStorage.setItem throws a SecurityError;
    // the keys the app tried to write are recorded.
    let refuse = format!("window.__refused = []; {}", REFUSE_STORAGE_JS.replace("function () {", "function (k) { window.__refused.push(k);"));
    thirtyfour::extensions::cdp::ChromeDevTools::new(p.handle.clone())
        .execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", json!({ "source": refuse }))
        .await?;
    p.reload().await?;
    // The session's start is backed up as usual, over the oldest (backups live
    // in IndexedDB, which this browser still takes): five kept.
    let deadline = std::time::Instant::now() + *TIMEOUT;
    let before = loop {
        let now = backups(&p).await?;
        if now != before {
            break now;
        }
        assert!(std::time::Instant::now() < deadline, "the session's start was not backed up");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(before.len(), 5, "{before:?}");

    open_checklist(&p, &ids[0], 2026).await?;
    let item = "tuyen-truyen";
    click(&p, &tick_button(item)).await?;
    let banner = wait_for(&p, "#storage-error", *TIMEOUT).await?.text().await?;
    assert!(banner.contains("Trình duyệt từ chối lưu dữ liệu."), "{banner}");
    assert!(banner.contains("Chưa lưu được"), "{banner}");
    wait_until(&p, "window.__refused.includes('sotay.state')", *TIMEOUT).await?;
    assert!(is_ticked(&p, item).await?, "the change stays on screen");
    wait_for(&p, &format!("article[data-item=\"{item}\"] .unsaved-mark"), *TIMEOUT).await?;
    assert_eq!(backups(&p).await?, before, "no backup was given up for the failed save");
    assert!(!eval(&p, &format!("return {};", stored_record_js(&format!("{}/{item}/", ids[0])))).await?.as_bool().unwrap_or(true));

    // The backup file is offered, named with today's date (the pinned 15/06/2026).
    record_downloads(&p).await?;
    let button = wait_for(&p, "#storage-error button", *TIMEOUT).await?;
    assert_eq!(button.text().await?.trim(), "Tải tệp sao lưu ngay");
    click(&p, "#storage-error button").await?;
    wait_until(&p, "window.__downloads.length === 1", *TIMEOUT).await?;
    assert_eq!(downloads(&p).await?, ["sotay-sao-luu-2026-06-15.json"]);
    assert_eq!(backups(&p).await?, before);
    p.done().await
}

/// With storage full, ticking the last item of the commune's long
/// checklist, scrolled to its end: the warning is inside the viewport and
/// nothing covers it, and the ticked card says "chưa lưu".
#[tokio::test]
async fn a_full_storage_warning_is_in_view_at_the_end_of_a_long_checklist() -> TestResult {
    let p = Phone::start().await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    open_checklist(&p, "xa", 2026).await?;
    let last = eval(
        &p,
        "const items = [...document.querySelectorAll('article.item')].filter(a => a.querySelector('button.tick'));
         return items[items.length - 1].dataset.item;",
    )
    .await?;
    let last = last.as_str().ok_or("no item with a tick on the commune's checklist")?.to_string();
    let height = eval(&p, "return [document.documentElement.scrollHeight, window.innerHeight];").await?;
    assert!(height[0].as_i64() > Some(3 * height[1].as_i64().unwrap_or(0)), "a long checklist: {height}");

    fill_storage(&p).await?;
    // Scrolled to the very end, as after reading the whole list; the tap hits
    // the button where it is.
    eval(&p, "window.scrollTo(0, document.documentElement.scrollHeight); return null;").await?;
    let button = wait_for(&p, &tick_button(&last), *TIMEOUT).await?;
    button.click().await?;
    wait_ticked(&p, &last).await?;
    wait_for(&p, "#storage-error", *TIMEOUT).await?;
    wait_for(&p, &format!("article[data-item=\"{last}\"] .unsaved-mark"), *TIMEOUT).await?;
    let seen = in_view(&p, "#storage-error").await?;
    screenshot(&p, "storage-full-at-the-end").await?;
    assert_eq!(seen["inside"], json!(true), "the warning is inside the viewport: {seen}");
    assert_eq!(seen["uncovered"], json!(true), "nothing covers the warning: {seen}");
    let text = text_of(&p, "#storage-error").await?;
    assert!(text.contains("Chưa lưu được") && text.contains("đầy"), "{text}");
    free_storage(&p).await?;
    p.done().await
}

/// English words serde_json's messages are made of.
const SERDE_WORDS: &[&str] = &[
    "eof", "while", "parsing", "expected", "invalid", "missing", "field", "line", "column", "value", "string",
    "unknown", "variant", "type", "found", "trailing", "characters", "number", "map", "sequence", "struct", "key",
    "unexpected", "end", "input", "at", "of", "the", "error", "duplicate", "integer", "boolean", "escape", "control",
];

/// The English words of `SERDE_WORDS` found in `text`, as whole words.
fn english_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| SERDE_WORDS.contains(&w.as_str()))
        .collect()
}

/// A damaged store's notice is Vietnamese only: for text cut in the middle
/// of a string and for a value of the wrong type, it says where ("dòng 1,
/// cột …") and which backup it took, with no word of serde's English.
#[tokio::test]
async fn a_damaged_store_is_explained_without_a_word_of_english() -> TestResult {
    let p = Phone::start().await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    p.reload().await?;
    wait_backups(&p, 1).await?;
    let good = stored_state(&p).await?.as_str().ok_or("nothing stored")?.to_string();

    // Cut in the middle of a string: the first string value, two characters in.
    let at = good.find("\":\"").ok_or("no string value in the stored text")? + 5;
    let at = (at..).find(|i| good.is_char_boundary(*i)).unwrap_or(good.len());
    let cut = &good[..at];
    assert!(good.contains("\"revision\":1,"), "the programme's revision is stored");
    let wrong_type = good.replacen("\"revision\":1,", "\"revision\":\"một\",", 1);
    for (what, broken) in [("cut in a string", cut.to_string()), ("a value of the wrong type", wrong_type)] {
        eval_with(&p, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![json!(broken)]).await?;
        p.reload().await?;
        let notice = text_of(&p, "#notice").await?;
        assert!(notice.contains("Dữ liệu đã lưu bị hỏng ("), "{what}: {notice}");
        assert!(notice.contains("dòng 1, cột "), "{what}: says where: {notice}");
        assert!(notice.contains("khôi phục bản sao lưu lúc 15/06/2026"), "{what}: names the backup taken: {notice}");
        assert_eq!(english_in(&notice), Vec::<String>::new(), "{what}: English in the notice: {notice}");
        assert_eq!(copy_text(&p, "damaged").await?.as_deref(), Some(broken.as_str()), "{what}: kept aside");
    }
    p.done().await
}

/// Wraps the page's `storage` listeners so that, while `window.__hold` is
/// set, the events they would get are dropped (their keys noted in
/// `window.__held`).
const HOLD_STORAGE_EVENTS_JS: &str = r#"
window.__held = [];
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, fn, opts) {
  if (this === window && type === 'storage' && typeof fn === 'function') {
    const held = function (e) { if (window.__hold) { window.__held.push(e.key); return; } return fn.apply(this, arguments); };
    return add.call(this, type, held, opts);
  }
  return add.apply(this, arguments);
};
"#;

/// Undo in tab A while tab B is open: B's next save does not bring the
/// undone import back. B, which had not yet heard of the undo when it
/// saved (as a tab in the background), takes A's data and keeps its own
/// tick aside: it says so, and its share screen offers the tick to import.
#[tokio::test]
async fn an_undo_in_one_tab_is_not_merged_back_by_another() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    let files = TempDir::new("undo-two-tabs");
    let file = save(&files, "thon-9.json", &a_file_with_an_area("may-khac", "Thôn 9")?);
    let fp_before = fingerprint(&p).await?;
    let tab_a = p.window().await?;
    let preview = import_file(&p, &file).await?;
    assert!(preview.contains("Thôn 9"), "{preview}");
    let fp_imported = text_of(&p, "#share-fingerprint").await?;
    assert_ne!(fp_imported, fp_before);

    // Tab B, on the checklist. It hears of other tabs' saves late, as a tab
    // in the background may: its storage events are held back (dropped)
    // while `window.__hold` is set, so it learns of A's undo when it saves.
    let tab_b = p.browser().new_tab().await?;
    thirtyfour::extensions::cdp::ChromeDevTools::new(p.handle.clone())
        .execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", json!({ "source": HOLD_STORAGE_EVENTS_JS }))
        .await?;
    open_checklist(&p, &ids[0], 2026).await?;
    eval(&p, "window.__hold = true; return null;").await?;

    // Tab A undoes the import.
    p.switch_to_window(tab_a.clone()).await?;
    click(&p, "#import-undo").await?;
    wait_gone(&p, "#import-undo", *TIMEOUT).await?;
    wait_until(&p, &format!("document.getElementById('share-fingerprint').textContent.trim() === {}", js(&fp_before)), *TIMEOUT).await?;

    // Tab B ticks: its save finds A's undone data, takes it, and keeps the tick aside.
    p.switch_to_window(tab_b.clone()).await?;
    wait_until(&p, "window.__held.includes('sotay.state')", *TIMEOUT).await?;
    click(&p, &tick_button("ngay-hoi")).await?;
    let kept = text_of(&p, "#kept-changes").await?;
    assert!(kept.contains("hoàn tác") && kept.contains("giữ riêng"), "{kept}");
    wait_until(&p, &format!("document.querySelector({}).getAttribute('aria-pressed') === 'false'", js(&tick_button("ngay-hoi"))), *TIMEOUT).await?;

    // Both tabs and the stored data: the undone data.
    assert_eq!(fingerprint(&p).await?, fp_before, "tab B has the undone data");
    let offered = text_of(&p, "#import-preview").await?;
    assert!(offered.contains("Những thay đổi cửa sổ này giữ riêng") && offered.contains("Thôn 1"), "{offered}");
    assert!(!offered.contains("Thôn 9"), "the undone import is not offered back: {offered}");
    p.switch_to_window(tab_a).await?;
    assert_eq!(text_of(&p, "#share-fingerprint").await?, fp_before, "tab A keeps the undone data");
    p.reload().await?;
    assert_eq!(text_of(&p, "#share-fingerprint").await?, fp_before, "the stored data is the undone data");
    assert!(!text_of(&p, "#share-fingerprint").await?.is_empty());

    // Taking the kept tick in B adds just that.
    p.switch_to_window(tab_b).await?;
    click(&p, "#import-apply").await?;
    wait_for(&p, "#import-done", *TIMEOUT).await?;
    wait_gone(&p, "#kept-changes", *TIMEOUT).await?;
    open_checklist(&p, &ids[0], 2026).await?;
    assert!(is_ticked(&p, "ngay-hoi").await?, "the kept tick, imported");
    open_units(&p).await?;
    assert!(!unit_names(&p).await?.iter().any(|n| n == "Thôn 9"), "the undone import stays undone");
    p.done().await
}

/// A file whose record id has the wrong shape for its item (a yearly
/// item's record with an event suffix; an event's record without one) is
/// refused on Chia sẻ, naming the record's JSON path, and nothing changes.
#[tokio::test]
async fn a_record_id_of_the_wrong_shape_is_refused_with_its_path() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    open_checklist(&p, &ids[0], 2026).await?;
    tick(&p, "ngay-hoi").await?;
    open_checklist(&p, "xa", 2026).await?;
    log_amount(&p, "quy-vi-nguoi-ngheo", "500.000").await?;
    let text = export_all(&p).await?;
    let fp = fingerprint(&p).await?;

    let file: Value = serde_json::from_str(&text)?;
    let records = file["records"].as_array().ok_or("no records")?;
    let at = |prefix: &str| records.iter().position(|r| r["id"].as_str().is_some_and(|id| id.starts_with(prefix)));
    let fest = at(&format!("{}/ngay-hoi/2026", ids[0])).ok_or("no festival record")?;
    let event = at("xa/quy-vi-nguoi-ngheo/2026/").ok_or("no fund event record")?;
    let files = TempDir::new("id-shape");
    for (i, id) in [(fest, format!("{}/ngay-hoi/2026/khac-1-0", ids[0])), (event, "xa/quy-vi-nguoi-ngheo/2026".to_string())] {
        let mut edited = file.clone();
        edited["records"][i]["id"] = json!(id);
        edited.as_object_mut().ok_or("not an object")?.remove("fingerprint");
        let path = save(&files, &format!("record-{i}.json"), &serde_json::to_string(&edited)?);
        open_share(&p).await?;
        pick_file(&p, &path).await?;
        let err = text_of(&p, "#import-error").await?;
        assert!(err.contains(&format!("records[{i}].id")), "the record's path: {err}");
        assert!(err.contains(&id), "the record's id: {err}");
        assert!(err.contains("không thay đổi"), "{err}");
        assert_eq!(count(&p, "#import-preview").await?, 0, "no preview of a refused file");
        assert_eq!(fingerprint(&p).await?, fp, "nothing changed");
    }
    p.done().await
}

/// JS: whether focus is inside the element matching `css` (not on the page).
fn focus_in(css: &str) -> String {
    format!(
        "(() => {{ const a = document.activeElement, el = document.querySelector({}); \
           return !!a && a !== document.body && !!el && el.contains(a); }})()",
        js(css)
    )
}

/// Focus stays where the user was: on a unit's move button after moving it
/// up or down, on its "Sửa" button after saving or cancelling its edit, and
/// on the event's row after saving or cancelling an event's correction.
#[tokio::test]
async fn focus_follows_a_moved_unit_and_a_closed_form() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1", "Thôn 2", "Thôn 3"]).await?;
    open_units(&p).await?;
    let row = format!("li.unit[data-unit=\"{}\"]", ids[1]);
    let order = |v: Vec<String>| v.into_iter().filter(|u| ids.contains(u)).collect::<Vec<_>>();

    // Up: Thôn 2 goes first; focus stays on its move button.
    click(&p, &format!("{row} .unit-actions button.small:nth-child(1)")).await?;
    wait_until(&p, &format!("[...document.querySelectorAll('li.unit')].map(l => l.dataset.unit).filter(u => {}.includes(u))[0] === {}", json!(ids), js(&ids[1])), *TIMEOUT).await?;
    assert_eq!(order(unit_ids(&p).await?), [ids[1].clone(), ids[0].clone(), ids[2].clone()]);
    wait_until(&p, &focus_in(&row), *TIMEOUT).await?;
    let focused = eval(&p, "return [document.activeElement.tagName, document.activeElement.textContent.trim()];").await?;
    assert!(focused[0] == "BUTTON" && (focused[1] == "↑" || focused[1] == "↓"), "a move button of the moved unit: {focused}");

    // Down twice: Thôn 2 goes last; focus still on its move button.
    for _ in 0..2 {
        let before = order(unit_ids(&p).await?);
        click(&p, &format!("{row} .unit-actions button.small:nth-child(2)")).await?;
        wait_until(&p, &format!("JSON.stringify([...document.querySelectorAll('li.unit')].map(l => l.dataset.unit).filter(u => {}.includes(u))) !== {}", json!(ids), js(&serde_json::to_string(&before)?)), *TIMEOUT).await?;
        wait_until(&p, &focus_in(&row), *TIMEOUT).await?;
    }
    assert_eq!(order(unit_ids(&p).await?), [ids[0].clone(), ids[2].clone(), ids[1].clone()]);
    let focused = eval(&p, "return document.activeElement.textContent.trim();").await?;
    assert!(focused == "↑" || focused == "↓", "a move button: {focused}");

    // Saving a unit's edit form: focus on its "Sửa" button.
    click(&p, &format!("{row} button.edit")).await?;
    set_input(&p, &format!("{row} input.edit-name"), "Thôn Hai").await?;
    click(&p, &format!("{row} button.save")).await?;
    wait_until(&p, &format!("document.activeElement === document.querySelector({})", js(&format!("{row} button.edit"))), *TIMEOUT).await?;
    assert!(text_of(&p, &format!("{row} .unit-name")).await? == "Thôn Hai");
    // Cancelling it too.
    click(&p, &format!("{row} button.edit")).await?;
    click(&p, &format!("{row} .edit-unit button:not(.save)")).await?;
    wait_until(&p, &format!("document.activeElement === document.querySelector({})", js(&format!("{row} button.edit"))), *TIMEOUT).await?;

    // An event's correction, saved and then cancelled: focus is on its row, not the page.
    open_checklist(&p, "xa", 2026).await?;
    let fund = "article[data-item=\"quy-vi-nguoi-ngheo\"]";
    log_amount(&p, "quy-vi-nguoi-ngheo", "500.000").await?;
    click(&p, &format!("{fund} button.edit-event")).await?;
    set_input(&p, &format!("{fund} input.value"), "700.000").await?;
    click(&p, &format!("{fund} button.save-event")).await?;
    wait_until(&p, &focus_in(&format!("{fund} ul.events")), *TIMEOUT).await?;
    assert!(text_of(&p, &format!("{fund} ul.events")).await?.contains("700.000"));
    click(&p, &format!("{fund} button.edit-event")).await?;
    let cancel = format!("{fund} details.add-event .row button:not(.save-event)");
    assert_eq!(text_of(&p, &cancel).await?, "Hủy sửa");
    click(&p, &cancel).await?;
    wait_gone(&p, &cancel, *TIMEOUT).await?;
    wait_until(&p, &focus_in(fund), *TIMEOUT).await?;
    assert_eq!(eval(&p, "return document.activeElement === document.body;").await?, json!(false));
    p.done().await
}

/// "Cập nhật" tapped in tab A reloads A into the new release, but tab B,
/// where a note is half typed, is not reloaded under the user's fingers: it
/// keeps the text and offers "Tải lại" instead; tapping it then loads the
/// new release there too.
#[tokio::test]
async fn an_update_in_one_tab_does_not_reload_a_note_being_typed_in_another() -> TestResult {
    let one = copy_of_dist("typing-one");
    let two = another_release("typing-two", |dir| {
        let page = read(&dir.join("index.html"));
        std::fs::write(dir.join("index.html"), page.replace("</body>", "<!-- release two -->\n</body>")).unwrap();
    });
    let (v1, v2) = (build_of(&one), build_of(&two));
    let p = Phone::with_server(StaticServer::start(one.path())).await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    wait_controlled(&p).await?;
    let tab_a = p.window().await?;
    let tab_b = p.new_tab("/").await?;
    open_checklist(&p, "xa", 2026).await?;
    wait_controlled(&p).await?;

    // A newer release is served; tab A finds it and offers it.
    let mut p = p;
    p.server.restart_with(two.path());
    p.switch_to_window(tab_a.clone()).await?;
    p.reload().await?;
    wait_for(&p, "#sw-banner .sw-update", *TIMEOUT).await?;

    // Tab B: a note half typed into a focus task, with real keys.
    p.switch_to_window(tab_b.clone()).await?;
    eval(&p, "document.querySelectorAll('details.area-tasks').forEach(d => d.open = true); window.__sameDocument = true; return null;").await?;
    let note = "li.task input";
    let typed = "Đã họp triển khai ở th";
    click(&p, note).await?;
    wait_for(&p, note, *TIMEOUT).await?.send_keys(typed).await?;
    assert_eq!(value_of(&p, note).await?, typed);

    // Tab A: "Cập nhật".
    p.switch_to_window(tab_a).await?;
    click(&p, "#sw-banner .sw-update button.primary").await?;
    eventually(&p, &format!("document.querySelector('meta[name=\"sotay-build\"]').content === {}", js(&v2)), "tab A runs the new release").await?;
    p.ready().await?;

    // Tab B: told, not reloaded; the text and the focus are where they were.
    p.switch_to_window(tab_b).await?;
    let told = text_of(&p, "#sw-banner .sw-updated").await?;
    assert!(told.contains("cập nhật ở một cửa sổ khác"), "{told}");
    assert_eq!(texts_of(&p, "#sw-banner .sw-updated button").await?, ["Tải lại"]);
    assert_eq!(eval(&p, "return window.__sameDocument === true;").await?, json!(true), "tab B was not reloaded");
    assert_eq!(page_build(&p).await?, v1);
    assert_eq!(value_of(&p, note).await?, typed, "the half-typed note is kept");
    assert_eq!(eval(&p, &format!("return document.activeElement === document.querySelector({});", js(note))).await?, json!(true));

    // "Tải lại" then loads the new release there too.
    click(&p, "#sw-banner .sw-updated button").await?;
    eventually(&p, &format!("document.querySelector('meta[name=\"sotay-build\"]').content === {}", js(&v2)), "tab B runs the new release").await?;
    p.ready().await?;
    p.done().await
}

#[path = "../examples/common/fixtures.rs"]
mod fixtures;

/// The largest commune the app is built for, at the end of its term: 60
/// areas, every year's data with its corrections (the fixture
/// `scripts/bench storage` measures). Stored in the browser, it reloads
/// intact (the same fingerprint as the core computes, the same data read
/// back), with no storage warning; five sessions with a change each leave
/// five backups beside it, each one readable and whole.
#[tokio::test]
async fn a_sixty_area_commune_at_the_end_of_its_term_reloads_intact_with_five_backups() -> TestResult {
    use sotay::core::{book::UnitKind, default_programme, stored};
    let state = fixtures::end_of_term_commune(60);
    let text = stored::encode(&state, fixtures::T0);
    let area = state.book.units_of(UnitKind::Area)[0].0.to_string();
    let p = Phone::start().await?;
    p.open("/#/tong-quan").await?;
    eval_with(&p, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![text.clone().into()]).await?;
    p.reload().await?;
    wait_backups(&p, 1).await?;
    assert_eq!(fingerprint(&p).await?, state.book.fingerprint(), "the fingerprint the core computes");
    let back = stored_state(&p).await?;
    let back = stored::decode(back.as_str().ok_or("nothing stored")?, &default_programme)?;
    assert!(back.book == state.book, "the stored data reads back as it was stored");
    assert_eq!(back.book.units_of(UnitKind::Area).len(), 60);

    // Four more sessions, each starting from data no backup holds yet.
    for n in 2..=5 {
        open_checklist(&p, &area, 2026).await?;
        eval(&p, "window.__before = localStorage.getItem('sotay.state'); return null;").await?;
        if is_ticked(&p, "ngay-hoi").await? {
            untick(&p, "ngay-hoi").await?;
        } else {
            tick(&p, "ngay-hoi").await?;
        }
        wait_until(&p, "localStorage.getItem('sotay.state') !== window.__before", *TIMEOUT).await?;
        p.reload().await?;
        wait_backups(&p, n).await?;
    }
    assert_eq!(count(&p, "#storage-error").await?, 0, "no storage warning");
    for (key, _) in backups(&p).await? {
        let copy = copy_text(&p, &key).await?.ok_or(format!("{key} unreadable"))?;
        let kept = stored::decode(&copy, &default_programme)?;
        assert_eq!(kept.book.units_of(UnitKind::Area).len(), 60, "{key} holds the whole commune");
        assert_eq!(kept.book.records.len(), state.book.records.len(), "{key} holds every record");
    }
    p.done().await
}

/// JS that lets IndexedDB hold at most four copies, as a phone whose storage
/// is full: `sotayCopies.put` answers 'QuotaExceededError' (as the browser
/// does) when four other copies are kept, and records the keys it refused.
const ROOM_FOR_FOUR_COPIES_JS: &str = r#"(() => {
  let real;
  window.__refusedPuts = [];
  Object.defineProperty(window, 'sotayCopies', {
    configurable: true,
    get() { return real; },
    set(copies) {
      const put = copies.put;
      copies.put = async (key, ...rest) => {
        const held = JSON.parse(await copies.list()) || [];
        if (held.filter((c) => c.key !== key).length >= 4) {
          window.__refusedPuts.push(key);
          return 'QuotaExceededError';
        }
        return put(key, ...rest);
      };
      real = copies;
    },
  });
})();"#;

/// Waits until a backup holds `text`; returns its key and then every backup's (key, tag).
async fn wait_backed_up(p: &Phone, text: &str) -> TestResult<(String, Vec<(String, String)>)> {
    let deadline = std::time::Instant::now() + *TIMEOUT;
    loop {
        let now = backups(p).await?;
        for (key, _) in &now {
            if copy_text(p, key).await?.as_deref() == Some(text) {
                // Read again: the list above may predate the write that was found.
                return Ok((key.clone(), backups(p).await?));
            }
        }
        assert!(std::time::Instant::now() < deadline, "the session's start was not backed up: {now:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// JS that sets the page's clock a year back, as on a phone whose date was
/// reset after the sessions before.
const A_YEAR_EARLIER_JS: &str = "(() => {
  const Later = window.Date;
  const back = 365 * 24 * 3600000;
  class Earlier extends Later {
    constructor(...args) { if (args.length === 0) super(Later.now() - back); else super(...args); }
    static now() { return Later.now() - back; }
  }
  window.Date = Earlier;
})();";

/// Five sessions, then the phone's clock set back a year: the next two
/// sessions' backups go over the two backups taken first, never over the
/// one taken last, and the restore list shows them first, with the time
/// the phone said. (Ordered by the clock, the second would have gone over
/// the first, and the list would have put them last.)
#[tokio::test]
async fn backups_roll_over_the_oldest_when_the_phone_clock_was_set_back() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    let before = five_backups(&p, &ids[0]).await?;
    on_every_page(&p, A_YEAR_EARLIER_JS).await?;
    let mut taken = Vec::new();
    for item in ["phong-trao", "tuyen-truyen"] {
        // A change, saved: the next session starts from data no backup holds.
        open_checklist(&p, &ids[0], 2025).await?;
        tick(&p, item).await?;
        wait_stored(&p, &format!("{}/{item}/2025", ids[0])).await?;
        let start = stored_state(&p).await?.as_str().ok_or("nothing stored")?.to_string();
        on_every_page(&p, AN_HOUR_LATER_JS).await?;
        p.reload().await?;
        taken.push(wait_backed_up(&p, &start).await?.0);
    }
    assert_eq!(taken, ["backup.0", "backup.1"], "the two taken first make room");
    let after = backups(&p).await?;
    assert_eq!(after[2..], before[2..], "the three taken last are kept");
    p.open("/#/cai-dat").await?;
    wait_for(&p, "ul.backups button.restore", *TIMEOUT).await?;
    let labels = eval(&p, "return [...document.querySelectorAll('ul.backups li span')].map(s => s.textContent);").await?;
    let labels: Vec<String> = serde_json::from_value(labels)?;
    assert_eq!(labels.len(), 5, "{labels:?}");
    assert!(labels[0].starts_with("15/06/2025 ") && labels[1].starts_with("15/06/2025 "), "newest first: {labels:?}");
    assert!(labels[2..].iter().all(|l| l.starts_with("15/06/2026 ")), "{labels:?}");
    p.done().await
}

/// Restoring an older, smaller backup on the settings screen: the size it
/// shows is what localStorage holds once the restore is saved, not the size
/// from before it.
#[tokio::test]
async fn the_size_shown_follows_a_restore() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    p.reload().await?;
    wait_backups(&p, 1).await?;
    // Long notes (each within the 2.000 characters a note may have) on every
    // item of the year: the next session starts from tens of KB more data.
    open_checklist(&p, &ids[0], 2026).await?;
    let note = "Ghi chú dài. ".repeat(150);
    let notes = eval_with(
        &p,
        "const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
         const all = document.querySelectorAll('article.item textarea');
         for (const el of all) { setter.call(el, arguments[0]); el.dispatchEvent(new Event('change', { bubbles: true })); }
         return all.length;",
        vec![json!(note)],
    )
    .await?;
    let notes = notes.as_u64().ok_or("no notes")?;
    assert!(notes >= 8, "{notes} notes");
    wait_until(&p, &format!("localStorage.getItem('sotay.state').split('Ghi chú dài. Ghi chú dài.').length > {notes}"), *TIMEOUT).await?;
    p.reload().await?;
    wait_backups(&p, 2).await?;
    let big = stored_bytes(&p).await?;

    p.open("/#/cai-dat").await?;
    wait_until(&p, "document.querySelectorAll('ul.backups button.restore').length === 2", *TIMEOUT).await?;
    // Newest first: the second is the session before the note.
    eval(&p, "document.querySelectorAll('ul.backups button.restore')[1].click(); return null;").await?;
    p.accept_alert().await?;
    let notice = wait_for(&p, "#notice", *TIMEOUT).await?.text().await?;
    assert!(notice.contains("Đã khôi phục"), "{notice}");
    wait_until(&p, "!localStorage.getItem('sotay.state').includes('Ghi chú dài.')", *TIMEOUT).await?;
    let small = stored_bytes(&p).await?;
    assert!(big - small > 30_000, "the restore made the data smaller: {big} -> {small}");
    let kb = (small as f64 / 1024.0).round() as i64;
    let shown = format!("khoảng {kb} KB");
    let shows = format!("document.getElementById('data-size').textContent.includes({})", js(&shown));
    if wait_until(&p, &shows, *TIMEOUT).await.is_err() {
        let text = text_of(&p, "#data-size").await?;
        panic!("{text:?} after the restore, which left {small} bytes ({shown})");
    }
    p.done().await
}

/// Storage full when a session starts, with five backups and the undo copy
/// kept: the session's starting point is still backed up, the room taken
/// from the undo copy and the oldest backups; the newest backup of before
/// is kept, and no backup is lost that there was room for.
#[tokio::test]
async fn a_full_storage_makes_room_from_the_undo_copy_and_the_oldest_backups() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    let before = five_backups(&p, &ids[0]).await?;
    let mut ages = Vec::new();
    for (key, tag) in &before {
        let saved = run_async(&p, "window.sotayCopies.list().then(t => done(JSON.parse(t).find(c => c.key === arguments[0]).saved_ms));", vec![json!(key)]).await?;
        ages.push((saved.as_i64().ok_or("no saved_ms")?, key.clone(), tag.clone()));
    }
    // Sessions an hour apart: backup.0 is the first session's, backup.4 the last's.
    ages.sort();
    let keys: Vec<&str> = ages.iter().map(|(_, key, _)| key.as_str()).collect();
    assert_eq!(keys, ["backup.0", "backup.1", "backup.2", "backup.3", "backup.4"], "{ages:?}");
    let (oldest, second, newest) = (&ages[0].2, &ages[1].2, &ages[4].2);
    // An undo copy, as an import leaves.
    let state = stored_state(&p).await?.as_str().ok_or("nothing stored")?.to_string();
    let put = run_async(&p, "window.sotayCopies.put('undo', arguments[0], 1, 'undo-tag').then(done);", vec![json!(state)]).await?;
    assert_eq!(put, json!(""), "undo copy not kept");
    // A change, saved: the next session starts from data no backup holds.
    open_checklist(&p, &ids[0], 2026).await?;
    tick(&p, "phong-trao").await?;
    wait_stored(&p, &format!("{}/phong-trao/2026", ids[0])).await?;
    let start = stored_state(&p).await?.as_str().ok_or("nothing stored")?.to_string();

    on_every_page(&p, ROOM_FOR_FOUR_COPIES_JS).await?;
    p.reload().await?;
    // Room for four: the session's start and the three newest backups of before.
    let (_, after) = wait_backed_up(&p, &start).await?;
    let refused = eval(&p, "return window.__refusedPuts;").await?;
    assert!(refused.as_array().is_some_and(|r| !r.is_empty()), "storage was never full: {refused}");
    assert_eq!(copy_text(&p, "undo").await?, None, "the undo copy made room");
    assert_eq!(after.len(), 4, "{after:?}");
    let tags: Vec<&String> = after.iter().map(|(_, tag)| tag).collect();
    assert!(tags.contains(&newest), "the newest backup of before is kept: {after:?}");
    for kept in &ages[2..] {
        assert!(tags.contains(&&kept.2), "{} was given up though there was room: {after:?}", kept.1);
    }
    assert!(!tags.contains(&oldest) && !tags.contains(&second), "the two oldest made room: {after:?} of {ages:?}, refused {refused}");
    assert_eq!(count(&p, "#storage-error").await?, 0, "the backup was taken: nothing to warn about");
    p.done().await
}

/// A browser that keeps no site data (reaching localStorage or
/// sessionStorage throws): the app still starts, shows a change on screen,
/// and says in Vietnamese that it cannot save; nothing throws on the way.
#[tokio::test]
async fn a_browser_that_keeps_no_data_still_opens_and_says_it_cannot_save() -> TestResult {
    let p = Phone::start().await?;
    on_every_page(&p, NO_STORAGE_JS).await?;
    p.reload().await?;
    wait_for(&p, ".setup", *TIMEOUT).await?;
    add_areas(&p, &["Thôn 1"]).await?;
    assert_eq!(unit_names(&p).await?, ["Thôn 1"], "the change is on screen");
    let banner = wait_for(&p, "#storage-error", *TIMEOUT).await?.text().await?;
    assert!(banner.contains("Trình duyệt không cho lưu dữ liệu"), "{banner}");
    p.done().await
}

/// A phone that switches to another app straight after a tap hides the
/// page before the frame the save waits for (a hidden page paints none, and
/// Android may end it). Hiding the page saves at once.
#[tokio::test]
async fn a_tap_is_saved_the_moment_the_page_is_hidden() -> TestResult {
    let p = Phone::start().await?;
    let ids = setup_commune(&p, &["Thôn 1"]).await?;
    open_checklist(&p, &ids[0], 2026).await?;
    wait_for(&p, &tick_button("phong-trao"), *TIMEOUT).await?;
    assert!(!is_ticked(&p, "phong-trao").await?);
    let stored = stored_record_js(&format!("{}/phong-trao/2026", ids[0]));
    // One script: no frame, timer or other task of the page runs between
    // the tap and the page being hidden, as switching app hides it.
    let script = format!(
        "document.querySelector({button}).click();
         const before = {stored};
         Object.defineProperty(document, 'visibilityState', {{ value: 'hidden', configurable: true }});
         Object.defineProperty(document, 'hidden', {{ value: true, configurable: true }});
         document.dispatchEvent(new Event('visibilitychange', {{ bubbles: true }}));
         return [before, {stored}];",
        button = js(&tick_button("phong-trao")),
    );
    let saved = eval(&p, &script).await?;
    assert_eq!(saved, json!([false, true]), "not saved by the tap itself, saved by hiding the page");
    p.done().await
}
