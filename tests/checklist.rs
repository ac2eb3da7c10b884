//! Issue 3 in a real browser: areas and ticks survive a reload; a full
//! storage is reported with nothing lost from memory; damaged storage is
//! recovered from a backup; two tabs keep both of their changes; nothing is
//! ever written over data this version cannot read. Every "nothing was
//! written" is checked after the app has certainly tried to save.

mod common;
mod support;
use common::*;
use support::*;
use thirtyfour::extensions::cdp::ChromeDevTools;

/// Areas, ticks, a ratio's two numbers, a named entry and a unit's details
/// survive a reload; half-entered numbers are explained, never saved half.
#[tokio::test]
async fn areas_and_ticks_survive_a_reload() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1", "Thôn 2", "Thôn 10"]).await?;
    assert_eq!(ids.len(), 3);

    open_checklist(&b, &ids[1], 2025).await?;
    tick(&b, "ngay-hoi").await?;
    tick(&b, "phong-trao").await?;
    // A ratio: households visited.
    set_input(&b, "article[data-item=\"tham-ho-ngheo\"] input.n", "12").await?;
    set_input(&b, "article[data-item=\"tham-ho-ngheo\"] input.of", "15").await?;
    wait_until(&b, "document.querySelector('article[data-item=\"tham-ho-ngheo\"] .pct').textContent.includes('80 %')", *TIMEOUT).await?;
    // Clearing one of the two numbers keeps the saved pair, and says so.
    set_input(&b, "article[data-item=\"tham-ho-ngheo\"] input.of", "").await?;
    let why = text_of(&b, "article[data-item=\"tham-ho-ngheo\"] .error").await?;
    assert!(why.contains("Cần cả hai số"), "{why}");
    assert!(text_of(&b, "article[data-item=\"tham-ho-ngheo\"] .pct").await?.contains("80 %"));
    set_input(&b, "article[data-item=\"tham-ho-ngheo\"] input.of", "15").await?;
    wait_gone(&b, "article[data-item=\"tham-ho-ngheo\"] .error", *TIMEOUT).await?;
    // No household hit by a disaster: N = 0 alone is saved as 0 of 0.
    set_input(&b, "article[data-item=\"tham-thien-tai\"] input.of", "0").await?;
    wait_until(&b, "document.querySelector('article[data-item=\"tham-thien-tai\"] .pct').textContent.includes('Không có trường hợp nào')", *TIMEOUT).await?;
    // One number typed on a first entry: asked for the other, and kept while other things are saved.
    set_input(&b, "article[data-item=\"an-toan-giao-thong\"] input.n", "95").await?;
    assert!(text_of(&b, "article[data-item=\"an-toan-giao-thong\"] .error").await?.contains("Nhập cả hai số"));
    tick(&b, "tuyen-truyen").await?;
    assert_eq!(value_of(&b, "article[data-item=\"an-toan-giao-thong\"] input.n").await?, "95");
    click(&b, "article[data-item=\"tuyen-truyen\"] button.tick").await?;
    wait_until(&b, "document.querySelector('article[data-item=\"tuyen-truyen\"] button.tick').getAttribute('aria-pressed') === 'false'", *TIMEOUT).await?;
    // A named entry.
    set_input(&b, "article[data-item=\"cong-trinh\"] .add-row input", "Đường bê tông xóm Đông").await?;
    click(&b, "article[data-item=\"cong-trinh\"] .add-row button").await?;
    wait_for(&b, "article[data-item=\"cong-trinh\"] ul.names li", *TIMEOUT).await?;
    assert!(no_horizontal_scroll(&b).await?, "checklist scrolls sideways at 360px: {}", overflow_report(&b).await?);

    b.reload().await?;
    open_checklist(&b, &ids[1], 2025).await?;
    assert!(is_ticked(&b, "ngay-hoi").await?);
    assert!(is_ticked(&b, "phong-trao").await?);
    assert!(!is_ticked(&b, "tuyen-truyen").await?);
    assert_eq!(value_of(&b, "article[data-item=\"tham-ho-ngheo\"] input.n").await?, "12");
    assert!(text_of(&b, "article[data-item=\"cong-trinh\"] ul.names").await?.contains("Đường bê tông xóm Đông"));
    // Another year is untouched.
    open_checklist(&b, &ids[1], 2026).await?;
    assert!(!is_ticked(&b, "ngay-hoi").await?);

    b.open("/#/don-vi").await?;
    wait_for(&b, "li.unit", *TIMEOUT).await?;
    let names = texts_of(&b, "li.unit .unit-name").await?;
    for n in ["Thôn 1", "Thôn 2", "Thôn 10"] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    assert!(no_horizontal_scroll(&b).await?, "units screen scrolls sideways");
    // "Tính từ năm": saved, then shown selected when the unit is edited again.
    let row = format!("li.unit[data-unit=\"{}\"]", ids[2]);
    click(&b, &format!("{row} button.edit")).await?;
    set_input(&b, &format!("{row} select.edit-since"), "2026").await?;
    click(&b, &format!("{row} button.save")).await?;
    wait_until(&b, &format!("document.querySelector('{}').textContent.includes('Tính từ năm 2026')", row.replace('\'', "\\'")), *TIMEOUT).await?;
    click(&b, &format!("{row} button.edit")).await?;
    let shown = eval(&b, &format!("return document.querySelector('{} select.edit-since').selectedOptions[0].textContent;", row.replace('\'', "\\'"))).await?;
    assert_eq!(shown, "2026");
    // A name being typed survives another change to the list (a new area added).
    set_input(&b, &format!("{row} input.edit-name"), "Thôn Mười").await?;
    add_areas(&b, &["Thôn 11"]).await?;
    let typed = value_of(&b, &format!("{row} input.edit-name")).await?;
    assert_eq!(typed, "Thôn Mười");
    b.done().await
}

/// A full storage is reported in Vietnamese with an export offered; edits go
/// on in memory and are all saved once space comes back.
#[tokio::test]
async fn a_full_storage_is_reported_and_nothing_is_lost_from_memory() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1"]).await?;
    open_checklist(&b, &ids[0], 2025).await?;
    // Fill the origin's localStorage to the brim.
    let filled = fill_storage(&b).await?;
    assert!(filled > 0, "storage was filled");
    click(&b, "article[data-item=\"ngay-hoi\"] button.tick").await?;
    let banner = wait_for(&b, "#storage-error", *TIMEOUT).await?;
    let text = banner.text().await?;
    assert!(text.contains("Chưa lưu được"), "{text}");
    assert!(text.contains("đầy"), "says the storage is full: {text}");
    assert!(is_ticked(&b, "ngay-hoi").await?, "the change stays in memory");
    // More edits still work in memory.
    tick(&b, "phong-trao").await?;
    assert!(wait_for(&b, "#storage-error button", *TIMEOUT).await?.is_displayed().await?, "offers an export");
    // Space comes back: the next save writes everything, and the banner goes.
    free_storage(&b).await?;
    tick(&b, "tuyen-truyen").await?;
    wait_gone(&b, "#storage-error", *TIMEOUT).await?;
    b.reload().await?;
    open_checklist(&b, &ids[0], 2025).await?;
    for item in ["ngay-hoi", "phong-trao", "tuyen-truyen"] {
        assert!(is_ticked(&b, item).await?, "{item} was saved once space came back");
    }
    b.done().await
}

/// Unreadable stored data is kept aside and the newest backup restored; the
/// settings screen lists backups and the data's size, and a restore asks first.
#[tokio::test]
async fn damaged_storage_is_recovered_from_a_backup() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1", "Thôn 2"]).await?;
    open_checklist(&b, &ids[0], 2025).await?;
    tick(&b, "ngay-hoi").await?;
    // A reload takes the session's backup.
    b.reload().await?;
    wait_backups(&b, 1).await?;
    let broken = r#"{"schema":2,"saved_ms":1,"state":{"book":{"programme":"#;
    eval_with(&b, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![broken.into()]).await?;
    b.reload().await?;
    let notice = wait_for(&b, "#notice", *TIMEOUT).await?.text().await?;
    assert!(notice.contains("bị hỏng"), "{notice}");
    assert!(notice.contains("khôi phục"), "{notice}");
    open_checklist(&b, &ids[0], 2025).await?;
    assert!(is_ticked(&b, "ngay-hoi").await?, "the backup had the tick");
    let kept = copy_text(&b, "damaged").await?;
    assert_eq!(kept.as_deref(), Some(broken), "the damaged text is kept aside, not overwritten");
    // The recovered data is saved in its place, with no storage error.
    tick(&b, "phong-trao").await?;
    wait_until(&b, "localStorage.getItem('sotay.state').includes('phong-trao')", *TIMEOUT).await?;
    assert_eq!(count(&b, "#storage-error").await?, 0);
    b.open("/#/cai-dat").await?;
    wait_for(&b, "#damaged", *TIMEOUT).await?;
    assert!(count(&b, "ul.backups button.restore").await? >= 1, "backups are listed for restore");
    // No backup holds the damaged text (it is kept aside already, and a copy
    // of it would push out a good backup): every one reads as JSON.
    let mut unreadable = Vec::new();
    for (key, _) in backups(&b).await? {
        let text = copy_text(&b, &key).await?.unwrap_or_default();
        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
            unreadable.push(key);
        }
    }
    assert_eq!(unreadable, Vec::<String>::new(), "backups holding unreadable text");
    // The size shown is what our keys take in localStorage (UTF-16: two bytes a unit).
    let bytes = stored_bytes(&b).await?;
    let shown = text_of(&b, "#data-size").await?;
    let kb = (bytes as f64 / 1024.0).round() as i64;
    assert!(shown.contains(&format!("khoảng {kb} KB")) || shown.contains(&format!("khoảng {} KB", kb + 1)), "{shown}, {bytes} bytes");
    // Restoring asks first; "Hủy" changes nothing: not even the backup is
    // read (a restore reads it first, so a late restore would show here).
    eval(&b, "window.__reads = 0; const get = window.sotayCopies.get; window.sotayCopies.get = (...a) => { window.__reads++; return get(...a); }; return null;").await?;
    let before = eval(&b, "return localStorage.getItem('sotay.state');").await?;
    click(&b, "ul.backups button.restore").await?;
    b.dismiss_alert().await?;
    assert_eq!(eval(&b, "return localStorage.getItem('sotay.state');").await?, before);
    assert_eq!(eval(&b, "return window.__reads;").await?, 0, "no backup read after Hủy");
    click(&b, "ul.backups button.restore").await?;
    b.accept_alert().await?;
    let notice = wait_for(&b, "#notice", *TIMEOUT).await?.text().await?;
    assert!(notice.contains("Đã khôi phục"), "{notice}");
    assert!(eval(&b, "return window.__reads;").await?.as_i64() > Some(0), "the restore read its backup");
    b.done().await
}

/// Damaged stored text that cannot be kept aside (the browser keeps no copy
/// for the site: IndexedDB refused) stays where it is: nothing is saved over
/// it, and the app says so.
#[tokio::test]
async fn damaged_text_that_cannot_be_kept_aside_is_not_written_over() -> TestResult {
    let b = Phone::start().await?;
    setup_commune(&b, &["Thôn 1"]).await?;
    let broken = r#"{"schema":2,"saved_ms":1,"state":{"book":"#;
    eval_with(&b, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![broken.into()]).await?;
    ChromeDevTools::new(b.handle.clone())
        .execute_cdp_with_params("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": REFUSE_COPIES_JS }))
        .await?;
    b.reload().await?;
    let notice = wait_for(&b, "#notice", *TIMEOUT).await?.text().await?;
    assert!(notice.contains("nằm nguyên chỗ cũ"), "{notice}");
    let banner = wait_for(&b, "#storage-error", *TIMEOUT).await?.text().await?;
    assert!(banner.contains("tạm không lưu"), "{banner}");
    // That warning comes from the save the app tried at start, and refused.
    let stored = eval(&b, "return localStorage.getItem('sotay.state');").await?;
    assert_eq!(stored, broken, "the damaged text was not written over");
    b.done().await
}

/// Two tabs of one phone tick different items: each takes in the other's
/// save, and both ticks are stored.
#[tokio::test]
async fn two_tabs_edit_different_items_and_both_changes_survive() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1"]).await?;
    open_checklist(&b, &ids[0], 2025).await?;
    let first = b.window().await?;
    let second = b.new_tab("/").await?;
    open_checklist(&b, &ids[0], 2025).await?;
    // Tab 2 ticks one item, tab 1 (which loaded before) another.
    tick(&b, "phong-trao").await?;
    b.switch_to_window(first.clone()).await?;
    tick(&b, "ngay-hoi").await?;
    // Tab 1 now shows both (it merged tab 2's save).
    wait_ticked(&b, "phong-trao").await?;
    b.switch_to_window(second).await?;
    wait_ticked(&b, "ngay-hoi").await?;
    b.reload().await?;
    open_checklist(&b, &ids[0], 2025).await?;
    assert!(is_ticked(&b, "ngay-hoi").await?, "tab 1's change survived");
    assert!(is_ticked(&b, "phong-trao").await?, "tab 2's change survived");
    b.done().await
}

/// A newer version of the app in another tab saved data this tab cannot
/// read: this tab says so and never writes over it, whatever is done here.
#[tokio::test]
async fn a_tab_never_overwrites_what_a_newer_version_saved() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1"]).await?;
    open_checklist(&b, &ids[0], 2025).await?;
    let first = b.window().await?;
    b.new_tab("/#/").await?;
    let newer = r#"{"schema":99,"saved_ms":1,"state":{"something":"new"}}"#;
    eval_with(&b, "localStorage.setItem('sotay.state', arguments[0]); return null;", vec![newer.into()]).await?;
    b.switch_to_window(first).await?;
    let banner = wait_for(&b, "#storage-error", *TIMEOUT).await?.text().await?;
    assert!(banner.contains("phiên bản Sổ tay mới hơn") && banner.contains("không ghi đè"), "{banner}");
    // Changes here stay in memory only, however many: the app tries to save
    // each (it reads the stored text first), and writes nothing.
    count_state_access(&b).await?;
    let (reads, _) = state_access(&b).await?;
    tick(&b, "ngay-hoi").await?;
    wait_save_tried(&b, reads).await?;
    let (reads, _) = state_access(&b).await?;
    tick(&b, "phong-trao").await?;
    wait_save_tried(&b, reads).await?;
    wait_for(&b, "article[data-item=\"phong-trao\"] .unsaved-mark", *TIMEOUT).await?;
    assert_eq!(state_access(&b).await?.1, 0, "no write of the stored state was even tried");
    let stored = eval(&b, "return localStorage.getItem('sotay.state');").await?;
    assert_eq!(stored, newer, "the newer version's data was not written over");
    // Opened afresh on the older version, the app still writes nothing over it.
    b.reload().await?;
    let banner = wait_for(&b, "#storage-error", *TIMEOUT).await?.text().await?;
    assert!(banner.contains("phiên bản Sổ tay mới hơn"), "{banner}");
    // That warning comes from the save the app tried at start, and refused.
    assert_eq!(eval(&b, "return localStorage.getItem('sotay.state');").await?, newer);
    b.done().await
}

/// A phone set up for one area opens on its checklist, writes only that
/// area's book, manages no other unit, and exports its own area by default.
#[tokio::test]
async fn a_phone_that_keeps_one_area_opens_on_its_checklist() -> TestResult {
    let b = Phone::start().await?;
    wait_for(&b, ".setup", *TIMEOUT).await?;
    add_areas(&b, &["Thôn Đông", "Thôn Tây"]).await?;
    let ids = unit_ids(&b).await?;
    // Choosing "one area" without picking it is refused with a message.
    let radios = b.find_all(By::Css("fieldset.role input[type=radio]")).await?;
    radios[1].click().await?;
    wait_for(&b, "#role", *TIMEOUT).await?;
    click(&b, "#finish-setup").await?;
    let err = wait_for(&b, ".setup .error", *TIMEOUT).await?.text().await?;
    assert!(err.contains("Hãy chọn khu dân cư"), "{err}");
    set_input(&b, "#role", &ids[1]).await?;
    click(&b, "#finish-setup").await?;
    wait_until(&b, &format!("(document.querySelector('.checklist')||{{dataset:{{}}}}).dataset.unit === '{}'", ids[1]), *TIMEOUT).await?;
    assert_eq!(text_of(&b, ".checklist h2").await?, "Thôn Tây");
    // And again after a reload.
    b.open("/#/").await?;
    b.reload().await?;
    wait_until(&b, &format!("(document.querySelector('.checklist')||{{dataset:{{}}}}).dataset.unit === '{}'", ids[1]), *TIMEOUT).await?;
    // It keeps its own area's book only: another unit's address opens its own,
    // and it manages no other unit.
    open_checklist(&b, &ids[1], 2025).await?;
    tick(&b, "ngay-hoi").await?;
    b.open(&format!("/#/so/{}/2025", ids[0])).await?;
    wait_until(&b, &format!("document.querySelector('.checklist').dataset.unit === '{}'", ids[1]), *TIMEOUT).await?;
    b.open("/#/don-vi").await?;
    wait_for(&b, "li.unit", *TIMEOUT).await?;
    assert_eq!(count(&b, ".add-unit").await?, 0, "no unit is added from an area's phone");
    assert_eq!(count(&b, "li.unit button.archive").await?, 0);
    assert_eq!(count(&b, "li.unit button.edit").await?, 1, "only its own area's details");
    // Its export defaults to its own area, and sending it settles the reminder.
    b.open("/#/chia-se").await?;
    wait_for(&b, "#export-scope", *TIMEOUT).await?;
    assert_eq!(value_of(&b, "#export-scope").await?, ids[1].as_str());
    click(&b, "#export-download").await?;
    wait_for(&b, "#export-message.ok", *TIMEOUT).await?;
    // Saved after the screen says so: wait for the stored count to reach 0.
    wait_until(&b, "JSON.parse(localStorage.getItem('sotay.state')).state.local.changes_since_export === 0", *TIMEOUT).await?;
    b.done().await
}

/// The state has localStorage to itself: a full localStorage does not touch
/// the backups (they live in IndexedDB), and copies an earlier version kept
/// beside the state move out at start, where they can still be restored.
#[tokio::test]
async fn backups_live_beside_the_state_and_old_ones_move_there() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1"]).await?;
    // Two sessions with changes: two backups.
    for (n, item) in ["ngay-hoi", "phong-trao"].into_iter().enumerate() {
        open_checklist(&b, &ids[0], 2025).await?;
        tick(&b, item).await?;
        b.reload().await?;
        wait_backups(&b, n + 1).await?;
    }
    let kept = backups(&b).await?;
    // Full localStorage: the save fails and says so; the backups stay.
    open_checklist(&b, &ids[0], 2025).await?;
    fill_storage(&b).await?;
    click(&b, &tick_button("nam-tinh-hinh")).await?;
    wait_for(&b, "#storage-error", *TIMEOUT).await?;
    assert_eq!(backups(&b).await?, kept, "the backups are not given up for the state");
    free_storage(&b).await?;
    tick(&b, "tuyen-truyen").await?;
    wait_gone(&b, "#storage-error", *TIMEOUT).await?;
    // Copies where an earlier version kept them: in localStorage, uncompressed.
    let old = eval(&b, "return localStorage.getItem('sotay.state');").await?;
    let old = old.as_str().ok_or("no stored state")?.replace("\"saved_ms\":", "\"saved_ms\":1");
    eval_with(&b, "localStorage.setItem('sotay.backup.3', arguments[0]); localStorage.setItem('sotay.undo', 'ABCDEF\\n' + arguments[0]); return null;", vec![old.clone().into()]).await?;
    b.reload().await?;
    wait_until(&b, "localStorage.getItem('sotay.backup.3') === null && localStorage.getItem('sotay.undo') === null", *TIMEOUT).await?;
    assert_eq!(copy_text(&b, "backup.3").await?.as_deref(), Some(old.as_str()), "moved to IndexedDB as it was");
    assert!(copy_text(&b, "undo").await?.is_some(), "the undo copy moved too");
    b.done().await
}

/// A logged amount is refused when it is not one, corrected in place with
/// the old value kept in history, removed only after a confirm; the event
/// form proposes today's date in the current year only.
#[tokio::test]
async fn a_logged_amount_is_corrected_and_the_old_one_kept_in_history() -> TestResult {
    let b = Phone::start().await?;
    setup_commune(&b, &["Thôn 1"]).await?;
    open_checklist(&b, "xa", 2025).await?;
    let fund = "article[data-item=\"quy-vi-nguoi-ngheo\"]";
    eval(&b, "document.querySelectorAll('details.add-event').forEach(d => d.open = true); return null;").await?;
    // On the pinned day (15/06/2026) the year 2025 is over: no date is proposed.
    assert_eq!(value_of(&b, &format!("{fund} details.add-event input[type=date]")).await?, "");
    // A bad amount is refused with a message, and nothing is logged.
    set_input(&b, &format!("{fund} input.value"), "năm trăm").await?;
    click(&b, &format!("{fund} button.save-event")).await?;
    let err = wait_for(&b, &format!("{fund} .error"), *TIMEOUT).await?.text().await?;
    assert!(err.contains("không phải số tiền hợp lệ"), "{err}");
    assert_eq!(count(&b, &format!("{fund} ul.events li")).await?, 0);
    log_amount(&b, "quy-vi-nguoi-ngheo", "500.000").await?;
    assert_eq!(text_of(&b, &format!("{fund} .total")).await?, "Tổng năm 2025: 500.000 đồng");
    // Correct it to 700.000.
    click(&b, &format!("{fund} button.edit-event")).await?;
    assert_eq!(value_of(&b, &format!("{fund} input.value")).await?, "500.000");
    set_input(&b, &format!("{fund} input.value"), "700.000").await?;
    click(&b, &format!("{fund} button.save-event")).await?;
    wait_until(&b, &format!("document.querySelector('{} .total').textContent.includes('700.000')", fund.replace('\'', "\\'")), *TIMEOUT).await?;
    assert_eq!(count(&b, &format!("{fund} ul.events li")).await?, 1, "corrected, not added");
    // The old amount stays in the record's history (in storage, once saved:
    // the save follows the screen's update).
    let versions = "JSON.stringify(Object.values(JSON.parse(localStorage.getItem('sotay.state')).state.book.records)
         .filter(r => r.id.startsWith('xa/quy-vi-nguoi-ngheo/2025/')).map(r => r.versions.map(v => v.v.value.dong)))";
    wait_until(&b, &format!("{versions}.includes('700000')"), *TIMEOUT).await?;
    let versions = eval(&b, &format!("return {versions};")).await?;
    assert_eq!(versions, serde_json::json!("[[500000,700000]]"));

    // Removing asks first: "Hủy" keeps it, "OK" removes it (and its name is in the button's label).
    let label = attr_of(&b, &format!("{fund} button.remove-event"), "aria-label").await?.unwrap_or_default();
    assert!(label.starts_with("Xóa lần ghi 700.000 đồng"), "{label}");
    click(&b, &format!("{fund} button.remove-event")).await?;
    b.dismiss_alert().await?;
    assert_eq!(count(&b, &format!("{fund} ul.events li")).await?, 1, "kept after Hủy");
    click(&b, &format!("{fund} button.remove-event")).await?;
    b.accept_alert().await?;
    wait_until(&b, &format!("document.querySelectorAll('{} ul.events li').length === 0", fund.replace('\'', "\\'")), *TIMEOUT).await?;
    assert_eq!(text_of(&b, &format!("{fund} .total")).await?, "Tổng năm 2025: 0 đồng");

    // In the current year the form proposes today, 15/06/2026, and logs it.
    open_checklist(&b, "xa", 2026).await?;
    eval(&b, "document.querySelectorAll('details.add-event').forEach(d => d.open = true); return null;").await?;
    assert_eq!(value_of(&b, &format!("{fund} details.add-event input[type=date]")).await?, "2026-06-15");
    set_input(&b, &format!("{fund} input.value"), "200.000").await?;
    click(&b, &format!("{fund} button.save-event")).await?;
    let logged = wait_for(&b, &format!("{fund} ul.events li"), *TIMEOUT).await?.text().await?;
    assert!(logged.contains("15/06/2026"), "{logged}");
    assert_eq!(text_of(&b, &format!("{fund} .total")).await?, "Tổng năm 2026: 200.000 đồng");
    b.done().await
}

/// The commune's focus tasks and solutions: a status and a note per year,
/// kept across a reload; a note being typed is not wiped when something else
/// is saved; each control is described by its task's text.
#[tokio::test]
async fn task_statuses_and_notes_are_kept() -> TestResult {
    let b = Phone::start().await?;
    setup_commune(&b, &["Thôn 1"]).await?;
    open_checklist(&b, "xa", 2025).await?;
    assert_eq!(count(&b, "li.task").await?, 61, "every focus task and solution");
    eval(&b, "document.querySelectorAll('details.area-tasks').forEach(d => d.open = true); return null;").await?;
    let task = eval(&b, "return document.querySelector('li.task').dataset.task;").await?;
    let task = task.as_str().ok_or("no task id")?.to_string();
    let row = format!("li.task[data-task=\"{task}\"]");
    set_input(&b, &format!("{row} select"), "in_progress").await?;
    set_input(&b, &format!("{row} input"), "Đã họp triển khai ở 3 thôn").await?;
    let described = eval(
        &b,
        &format!("const s = document.querySelector('{} select'); return document.getElementById(s.getAttribute('aria-describedby')).textContent;", row.replace('\'', "\\'")),
    )
    .await?;
    assert!(described.as_str().unwrap_or_default().len() > 20, "the select is described by its task: {described}");

    // A note typed into the second task but not yet saved survives a save elsewhere.
    let second = "document.querySelectorAll('li.task input')[1]";
    eval(&b, &format!("{second}.value = 'đang gõ dở'; return null;")).await?;
    tick(&b, "tuyen-truyen").await?;
    wait_stored(&b, "xa/tuyen-truyen/2025").await?;
    assert_eq!(eval(&b, &format!("return {second}.value;")).await?, "đang gõ dở");

    b.reload().await?;
    open_checklist(&b, "xa", 2025).await?;
    wait_for(&b, &format!("{row} select"), *TIMEOUT).await?;
    assert_eq!(value_of(&b, &format!("{row} select")).await?, "in_progress");
    assert_eq!(value_of(&b, &format!("{row} input")).await?, "Đã họp triển khai ở 3 thôn");
    // Another year starts empty.
    open_checklist(&b, "xa", 2026).await?;
    wait_for(&b, &format!("{row} select"), *TIMEOUT).await?;
    assert_eq!(value_of(&b, &format!("{row} select")).await?, "");
    b.done().await
}
