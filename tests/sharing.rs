//! Issue 5 in a real browser, with separate browser profiles: a file made on
//! one phone gives another the same gauges and fingerprint; importing it again
//! changes nothing; files imported in different orders agree; bad input is
//! refused with nothing changed.

mod common;
mod support;
use common::*;
use support::*;

fn save(dir: &TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write the exported file");
    p
}

#[tokio::test]
async fn a_file_from_one_phone_gives_another_the_same_data() -> TestResult {
    let server = StaticServer::start_dist();
    let files = TempDir::new("sharing");
    let a = Browser::start().await?;
    let ids = setup_commune(&a, &server, &["Thôn 1", "Thôn 2"]).await?;
    open_checklist(&a, &server, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    tick(&a, "phong-trao").await?;
    open_checklist(&a, &server, &ids[1], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let text = export_all(&a, &server).await?;
    assert!(text.starts_with("{\"format\":\"sotay-mat-tran\",\"version\":1"), "{}", &text[..80.min(text.len())]);
    let file = save(&files, "sotay-ha-hai-toan-xa.json", &text);
    let fp_a = fingerprint(&a, &server).await?;
    let gauges_a = gauges(&a, &server, 2025).await?;

    let b = Browser::start().await?;
    let preview = import_file(&b, &server, &file).await?;
    assert!(preview.contains("Thôn 1") && preview.contains("Thôn 2"), "{preview}");
    assert_eq!(fingerprint(&b, &server).await?, fp_a, "same fingerprint on both phones");
    assert_eq!(gauges(&b, &server, 2025).await?, gauges_a, "same gauges on both phones");

    // The same file again: the preview says nothing is new, and nothing changes.
    b.goto(&server.url("/#/chia-se")).await?;
    wait_for(&b, "#import-file", *TIMEOUT).await?.send_keys(file.to_string_lossy().as_ref()).await?;
    let again = wait_for(&b, "#import-preview", *TIMEOUT).await?.text().await?;
    assert!(again.contains("không có gì mới"), "{again}");
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_a);

    // Bad input: a refusal that says what is wrong, and nothing changed.
    b.goto(&server.url("/#/chia-se")).await?;
    click(&b, "details.more summary").await.ok();
    eval(&b, "document.querySelectorAll('.import details.more').forEach(d => d.open = true); return null;").await?;
    set_input(&b, "#import-text", "Xin chào, gửi anh số liệu").await?;
    click(&b, "#import-paste").await?;
    let err = wait_for(&b, "#import-error", *TIMEOUT).await?.text().await?;
    assert!(err.contains("không phải tệp dữ liệu JSON") && err.contains("không thay đổi"), "{err}");
    let cut = (text.len() * 2 / 3..).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
    let truncated = save(&files, "cut.json", &text[..cut]);
    wait_for(&b, "#import-file", *TIMEOUT).await?.send_keys(truncated.to_string_lossy().as_ref()).await?;
    wait_until(&b, "(document.getElementById('import-error')||{}).textContent !== undefined && document.getElementById('import-error').textContent.includes('cắt ngắn')", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_a, "refused input changed nothing");

    // Undo of the last import brings back the empty phone.
    let errors = console_errors(&b).await?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    a.quit().await?;
    b.quit().await
}

#[tokio::test]
async fn three_files_in_two_orders_give_the_same_fingerprint() -> TestResult {
    let server = StaticServer::start_dist();
    let files = TempDir::new("orders");
    let a = Browser::start().await?;
    let b = Browser::start().await?;

    // File 1: phone A's areas and ticks.
    let ids = setup_commune(&a, &server, &["Thôn 1", "Thôn 2"]).await?;
    open_checklist(&a, &server, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let f1 = save(&files, "1.json", &export_all(&a, &server).await?);
    // File 2: A changes more, including undoing a tick (a newer version of a record).
    open_checklist(&a, &server, &ids[0], 2025).await?;
    click(&a, "article[data-item=\"ngay-hoi\"] button.tick").await?;
    tick(&a, "tuyen-truyen").await?;
    let f2 = save(&files, "2.json", &export_all(&a, &server).await?);
    // File 3: phone B starts from file 1 and edits other things.
    import_file(&b, &server, &f1).await?;
    open_checklist(&b, &server, &ids[1], 2026).await?;
    tick(&b, "phong-trao").await?;
    let f3 = save(&files, "3.json", &export_all(&b, &server).await?);

    // Two fresh phones import them in different orders.
    clear_storage(&a).await?;
    a.refresh().await?;
    for f in [&f1, &f2, &f3] {
        import_file(&a, &server, f).await?;
    }
    clear_storage(&b).await?;
    b.refresh().await?;
    for f in [&f3, &f2, &f1] {
        import_file(&b, &server, f).await?;
    }
    let (fa, fb) = (fingerprint(&a, &server).await?, fingerprint(&b, &server).await?);
    assert_eq!(fa, fb, "order of import does not matter");
    assert_eq!(gauges(&a, &server, 2025).await?, gauges(&b, &server, 2025).await?);
    // The latest edit won: ngay-hoi was unticked in file 2.
    open_checklist(&b, &server, &ids[0], 2025).await?;
    assert!(!is_ticked(&b, "ngay-hoi").await?);
    assert!(is_ticked(&b, "tuyen-truyen").await?);
    a.quit().await?;
    b.quit().await
}

#[tokio::test]
async fn a_file_can_be_dropped_or_pasted_and_the_import_undone() -> TestResult {
    let server = StaticServer::start_dist();
    let a = Browser::start().await?;
    let ids = setup_commune(&a, &server, &["Thôn 5"]).await?;
    open_checklist(&a, &server, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let text = export_all(&a, &server).await?;
    let fp_a = fingerprint(&a, &server).await?;

    // Dropped on the import area, with a renamed extension, a byte-order mark and CRLF line ends.
    let b = Browser::start().await?;
    let fp_empty = fingerprint(&b, &server).await?;
    eval_with(
        &b,
        "const odd = '\\ufeff' + JSON.stringify(JSON.parse(arguments[0]), null, 1).replace(/\\n/g, '\\r\\n');
         const dt = new DataTransfer();
         dt.items.add(new File([odd], 'so-lieu-thon-5.txt', { type: 'text/plain' }));
         document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
         return null;",
        vec![text.clone().into()],
    )
    .await?;
    wait_for(&b, "#import-preview", *TIMEOUT).await?;
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_a);

    // The same file again: nothing new, and the real import stays undoable.
    eval(&b, "document.querySelectorAll('.import details.more').forEach(d => d.open = true); return null;").await?;
    set_input(&b, "#import-text", &text).await?;
    click(&b, "#import-paste").await?;
    wait_for(&b, "#import-preview", *TIMEOUT).await?;
    click(&b, "#import-apply").await?;
    let said = wait_for(&b, "#import-done", *TIMEOUT).await?.text().await?;
    assert!(said.contains("không có gì mới"), "{said}");

    // One tap undoes it.
    wait_for(&b, "#import-undo", *TIMEOUT).await?;
    click(&b, "#import-undo").await?;
    wait_until(&b, "document.getElementById('import-undo') === null", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_empty, "undo brings back the data from before the import");

    // Pasted text works too.
    eval(&b, "document.querySelectorAll('.import details.more').forEach(d => d.open = true); return null;").await?;
    set_input(&b, "#import-text", &text).await?;
    click(&b, "#import-paste").await?;
    wait_for(&b, "#import-preview", *TIMEOUT).await?;
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_a);
    a.quit().await?;
    b.quit().await
}

/// The commune revises its programme and sends it out: a village phone sees
/// what the revision changes before importing, then follows it; a file from a
/// phone still on the old revision still imports (its fingerprint checks out).
#[tokio::test]
async fn a_revised_programme_is_shown_before_it_is_followed() -> TestResult {
    use sotay::core::file::{self, Scope};
    let server = StaticServer::start_dist();
    let files = TempDir::new("revision");
    let a = Browser::start().await?;
    let ids = setup_commune(&a, &server, &["Thôn 7"]).await?;
    open_checklist(&a, &server, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let old_text = export_all(&a, &server).await?;
    let old_file = save(&files, "cu.json", &old_text);

    // The revised file, made by the core as the commune's phone would.
    let ours = sotay::core::default_programme();
    let mut book = file::read(&old_text, &ours).map_err(|e| e.message())?.book;
    book.programme.revision += 1;
    let label = "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (bản sửa)";
    book.programme.items.iter_mut().find(|i| i.id == "ngay-hoi").ok_or("no ngay-hoi item")?.label = label.into();
    let new_text = file::export(&book, &Scope::All, "may-xa", 1_770_000_000_000)?;
    let new_file = save(&files, "moi.json", &new_text);

    let b = Browser::start().await?;
    b.goto(&server.url("/#/chia-se")).await?;
    wait_for(&b, "#import-file", *TIMEOUT).await?.send_keys(new_file.to_string_lossy().as_ref()).await?;
    wait_for(&b, "#import-programme", *TIMEOUT).await?;
    eval(&b, "document.querySelector('#import-programme details').open = true; return null;").await?;
    let shown = text_of(&b, "#import-programme").await?;
    let rev = ours.revision;
    assert!(shown.contains(&format!("lần sửa {}; máy này đang theo lần sửa {rev}", rev + 1)), "{shown}");
    assert!(shown.contains(&format!("Sửa mục ghi chép “{label}”")), "{shown}");
    let promised = text_of(&b, "#import-preview").await?;
    eval(&b, "document.getElementById('import-programme').scrollIntoView(); return null;").await?;
    screenshot(&b, "revision-preview").await?;
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    let fp = fingerprint(&b, &server).await?;
    assert!(promised.contains(&format!("Mã kiểm tra sau khi nhập: {fp}")), "the preview promised {promised}, got {fp}");
    open_checklist(&b, &server, &ids[0], 2025).await?;
    let heading = text_of(&b, "article.item[data-item=\"ngay-hoi\"] h4").await?;
    assert_eq!(heading, label);
    assert!(is_ticked(&b, "ngay-hoi").await?);

    // The old revision's file: nothing new, no programme change, and no fingerprint error.
    b.goto(&server.url("/#/chia-se")).await?;
    wait_for(&b, "#import-file", *TIMEOUT).await?.send_keys(old_file.to_string_lossy().as_ref()).await?;
    let again = wait_for(&b, "#import-preview", *TIMEOUT).await?.text().await?;
    assert!(again.contains("không có gì mới"), "{again}");
    assert_eq!(count(&b, "#import-programme").await?, 0);
    assert_eq!(count(&b, "#import-error").await?, 0);
    let errors = console_errors(&b).await?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    a.quit().await?;
    b.quit().await
}

/// The same area typed in on two phones is two units: the preview says so
/// before anything is merged, and the import can be cancelled.
#[tokio::test]
async fn an_area_set_up_on_two_phones_is_pointed_out() -> TestResult {
    let server = StaticServer::start_dist();
    let files = TempDir::new("same-names");
    let a = Browser::start().await?;
    setup_commune(&a, &server, &["Thôn 1", "Thôn 2"]).await?;
    let fp_a = fingerprint(&a, &server).await?;
    let b = Browser::start().await?;
    setup_commune(&b, &server, &["Thôn 2", "Thôn 4"]).await?;
    let file = save(&files, "thon.json", &export_all(&b, &server).await?);

    a.goto(&server.url("/#/chia-se")).await?;
    wait_for(&a, "#import-file", *TIMEOUT).await?.send_keys(file.to_string_lossy().as_ref()).await?;
    let warning = wait_for(&a, "#import-same-names", *TIMEOUT).await?.text().await?;
    assert!(warning.contains("“Thôn 2”") && !warning.contains("Thôn 4") && !warning.contains("Thôn 1"), "{warning}");
    click(&a, "#import-cancel").await?;
    wait_gone(&a, "#import-preview", *TIMEOUT).await?;
    assert_eq!(fingerprint(&a, &server).await?, fp_a, "cancelled: nothing changed");
    a.quit().await?;
    b.quit().await
}

/// Chrome on Android shares only some file types (not JSON): the share sheet
/// gets the same data as a .txt file then, and without a share sheet the file
/// is downloaded.
#[tokio::test]
async fn sending_uses_the_share_sheet_with_a_type_it_accepts() -> TestResult {
    let server = StaticServer::start_dist();
    let a = Browser::start().await?;
    let ids = setup_commune(&a, &server, &["Thôn 3"]).await?;
    open_checklist(&a, &server, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    a.goto(&server.url("/#/chia-se")).await?;
    wait_for(&a, "#export-share", *TIMEOUT).await?;
    // No share sheet (desktop Chromium): the file is downloaded.
    eval(&a, "Object.defineProperty(navigator, 'share', { value: undefined, configurable: true }); return null;").await?;
    click(&a, "#export-share").await?;
    let msg = wait_for(&a, "#export-message.ok", *TIMEOUT).await?.text().await?;
    assert!(msg.contains("đã tải về") && msg.contains(".json"), "{msg}");
    // A share sheet that, like Android's, takes text/plain but not JSON.
    eval(
        &a,
        "window.__shared = null;
         Object.defineProperty(navigator, 'canShare', { configurable: true,
           value: d => d.files.every(f => f.type === 'text/plain' && f.name.endsWith('.txt')) });
         Object.defineProperty(navigator, 'share', { configurable: true,
           value: async d => { const f = d.files[0]; window.__shared = { name: f.name, type: f.type, text: await f.text() }; } });
         return null;",
    )
    .await?;
    click(&a, "#export-share").await?;
    wait_until(&a, "window.__shared !== null && document.querySelector('#export-message').textContent.includes('Đã gửi')", *TIMEOUT).await?;
    let shared = eval(&a, "return window.__shared;").await?;
    let name = shared["name"].as_str().unwrap_or_default();
    assert!(name.starts_with("sotay-ha-hai-toan-xa-") && name.ends_with(".txt"), "{name}");
    assert_eq!(shared["type"], "text/plain");
    let text = shared["text"].as_str().unwrap_or_default().to_string();
    let fp_a = fingerprint(&a, &server).await?;

    // What was shared imports on another phone.
    let files = TempDir::new("shared");
    let path = files.join(name);
    std::fs::write(&path, &text)?;
    let b = Browser::start().await?;
    import_file(&b, &server, &path).await?;
    assert_eq!(fingerprint(&b, &server).await?, fp_a);
    a.quit().await?;
    b.quit().await
}
