//! Issue 5 in a real browser, with separate browser profiles: a file made on
//! one phone gives another the same gauges and fingerprint; importing it again
//! changes nothing; files imported in different orders agree; bad input is
//! refused with nothing changed.

mod common;
mod support;
use common::*;
use support::*;

/// A file exported on phone A, imported on a new phone B, gives B A's
/// fingerprint and gauges; the same file again changes nothing; bad or cut
/// input is refused with nothing changed; and one tap undoes the import,
/// bringing back B's data from before it.
#[tokio::test]
async fn a_file_from_one_phone_gives_another_the_same_data() -> TestResult {
    let files = TempDir::new("sharing");
    let a = Phone::start().await?;
    let ids = setup_commune(&a, &["Thôn 1", "Thôn 2"]).await?;
    open_checklist(&a, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    tick(&a, "phong-trao").await?;
    open_checklist(&a, &ids[1], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let text = export_all(&a).await?;
    assert!(text.starts_with("{\"format\":\"sotay-mat-tran\",\"version\":1"), "{}", &text[..80.min(text.len())]);
    let file = save(&files, "sotay-ha-hai-toan-xa.json", &text);
    let fp_a = fingerprint(&a).await?;
    let gauges_a = gauges(&a, 2025).await?;

    let b = Phone::start().await?;
    let fp_empty = fingerprint(&b).await?;
    let preview = import_file(&b, &file).await?;
    assert!(preview.contains("Thôn 1") && preview.contains("Thôn 2"), "{preview}");
    assert_eq!(fingerprint(&b).await?, fp_a, "same fingerprint on both phones");
    assert_eq!(gauges(&b, 2025).await?, gauges_a, "same gauges on both phones");

    // The same file again: the preview says nothing is new, and nothing changes.
    let again = preview_file(&b, &file).await?;
    assert!(again.contains("không có gì mới"), "{again}");
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b).await?, fp_a);

    // Bad input: a refusal that says what is wrong, and nothing changed.
    open_share(&b).await?;
    click(&b, ".import details.more summary").await?;
    wait_until(&b, "document.querySelector('.import details.more').open", *TIMEOUT).await?;
    paste_text(&b, "Xin chào, gửi anh số liệu").await?;
    let err = wait_for(&b, "#import-error", *TIMEOUT).await?.text().await?;
    assert!(err.contains("không phải tệp dữ liệu JSON") && err.contains("không thay đổi"), "{err}");
    let cut = (text.len() * 2 / 3..).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
    let truncated = save(&files, "cut.json", &text[..cut]);
    pick_file(&b, &truncated).await?;
    wait_until(&b, "(document.getElementById('import-error')||{}).textContent !== undefined && document.getElementById('import-error').textContent.includes('cắt ngắn')", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b).await?, fp_a, "refused input changed nothing");

    // Undo of the last import brings back the empty phone.
    open_share(&b).await?;
    click(&b, "#import-undo").await?;
    let said = wait_for(&b, "#import-done", *TIMEOUT).await?.text().await?;
    assert!(!said.is_empty(), "the undo says what it did");
    wait_gone(&b, "#import-undo", *TIMEOUT).await?;
    assert_eq!(text_of(&b, "#share-fingerprint").await?, fp_empty, "the data from before the first import");
    assert_eq!(fingerprint(&b).await?, fp_empty, "and so it stays, after opening the screen again");
    a.done().await?;
    b.done().await
}

/// Three files (two versions from one phone, one from another) imported in
/// two different orders on two fresh phones give the same fingerprint and
/// gauges, and the latest edit of each record wins.
#[tokio::test]
async fn three_files_in_two_orders_give_the_same_fingerprint() -> TestResult {
    let files = TempDir::new("orders");
    let a = Phone::start().await?;
    let b = Phone::start().await?;

    // File 1: phone A's areas and ticks.
    let ids = setup_commune(&a, &["Thôn 1", "Thôn 2"]).await?;
    open_checklist(&a, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let f1 = save(&files, "1.json", &export_all(&a).await?);
    // File 2: A changes more, including undoing a tick (a newer version of a record).
    open_checklist(&a, &ids[0], 2025).await?;
    untick(&a, "ngay-hoi").await?;
    tick(&a, "tuyen-truyen").await?;
    let f2 = save(&files, "2.json", &export_all(&a).await?);
    // File 3: phone B starts from file 1 and edits other things.
    import_file(&b, &f1).await?;
    open_checklist(&b, &ids[1], 2026).await?;
    tick(&b, "phong-trao").await?;
    let f3 = save(&files, "3.json", &export_all(&b).await?);

    // Two fresh phones import them in different orders. (New phones: an open
    // page saves what it holds when it is left, so clearing A and B would
    // not leave them empty.)
    a.done().await?;
    b.done().await?;
    let (c, d) = (Phone::start().await?, Phone::start().await?);
    for f in [&f1, &f2, &f3] {
        import_file(&c, f).await?;
    }
    for f in [&f3, &f2, &f1] {
        import_file(&d, f).await?;
    }
    let (fc, fd) = (fingerprint(&c).await?, fingerprint(&d).await?);
    assert_eq!(fc, fd, "order of import does not matter");
    assert_eq!(gauges(&c, 2025).await?, gauges(&d, 2025).await?);
    // The latest edit won: ngay-hoi was unticked in file 2.
    open_checklist(&d, &ids[0], 2025).await?;
    assert!(!is_ticked(&d, "ngay-hoi").await?);
    assert!(is_ticked(&d, "tuyen-truyen").await?);
    // B's own edit of file 3 arrived too.
    open_checklist(&c, &ids[1], 2026).await?;
    assert!(is_ticked(&c, "phong-trao").await?);
    c.done().await?;
    d.done().await
}

/// A file dropped on the import area (renamed .txt, with a byte-order mark
/// and CRLF line ends) or pasted as text imports the same; importing it again
/// adds nothing and keeps the real import undoable; one tap undoes it.
#[tokio::test]
async fn a_file_can_be_dropped_or_pasted_and_the_import_undone() -> TestResult {
    let a = Phone::start().await?;
    let ids = setup_commune(&a, &["Thôn 5"]).await?;
    open_checklist(&a, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let text = export_all(&a).await?;
    let fp_a = fingerprint(&a).await?;

    // Dropped on the import area, with a renamed extension, a byte-order mark and CRLF line ends.
    let b = Phone::start().await?;
    let fp_empty = fingerprint(&b).await?;
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
    assert_eq!(fingerprint(&b).await?, fp_a);

    // The same file again: nothing new, and the real import stays undoable.
    paste_text(&b, &text).await?;
    wait_for(&b, "#import-preview", *TIMEOUT).await?;
    click(&b, "#import-apply").await?;
    let said = wait_for(&b, "#import-done", *TIMEOUT).await?.text().await?;
    assert!(said.contains("không có gì mới"), "{said}");

    // One tap undoes it.
    wait_for(&b, "#import-undo", *TIMEOUT).await?;
    click(&b, "#import-undo").await?;
    wait_until(&b, "document.getElementById('import-undo') === null", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b).await?, fp_empty, "undo brings back the data from before the import");

    // Pasted text works too.
    paste_text(&b, &text).await?;
    wait_for(&b, "#import-preview", *TIMEOUT).await?;
    click(&b, "#import-apply").await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b).await?, fp_a);
    a.done().await?;
    b.done().await
}

/// The commune revises its programme and sends it out: a village phone sees
/// what the revision changes before importing, then follows it; a file from a
/// phone still on the old revision still imports (its fingerprint checks out).
#[tokio::test]
async fn a_revised_programme_is_shown_before_it_is_followed() -> TestResult {
    use sotay::core::file::{self, Scope};
    let files = TempDir::new("revision");
    let a = Phone::start().await?;
    let ids = setup_commune(&a, &["Thôn 7"]).await?;
    open_checklist(&a, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    let old_text = export_all(&a).await?;
    let old_file = save(&files, "cu.json", &old_text);

    // The revised file, made by the core as the commune's phone would.
    let ours = sotay::core::default_programme();
    let mut book = file::read(&old_text, &ours).map_err(|e| e.message())?.book;
    book.programme.revision += 1;
    let label = "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (bản sửa)";
    book.programme.items.iter_mut().find(|i| i.id == "ngay-hoi").ok_or("no ngay-hoi item")?.label = label.into();
    let new_text = file::export(&book, &Scope::All, "may-xa", 1_770_000_000_000)?;
    let new_file = save(&files, "moi.json", &new_text);

    let b = Phone::start().await?;
    preview_file(&b, &new_file).await?;
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
    let fp = fingerprint(&b).await?;
    assert!(promised.contains(&format!("Mã kiểm tra sau khi nhập: {fp}")), "the preview promised {promised}, got {fp}");
    open_checklist(&b, &ids[0], 2025).await?;
    let heading = text_of(&b, "article.item[data-item=\"ngay-hoi\"] h4").await?;
    assert_eq!(heading, label);
    assert!(is_ticked(&b, "ngay-hoi").await?);

    // The old revision's file: nothing new, no programme change, and no fingerprint error.
    let again = preview_file(&b, &old_file).await?;
    assert!(again.contains("không có gì mới"), "{again}");
    assert_eq!(count(&b, "#import-programme").await?, 0);
    assert_eq!(count(&b, "#import-error").await?, 0);
    a.done().await?;
    b.done().await
}

/// The same area typed in on two phones is two units: the preview says so
/// before anything is merged, and the import can be cancelled.
#[tokio::test]
async fn an_area_set_up_on_two_phones_is_pointed_out() -> TestResult {
    let files = TempDir::new("same-names");
    let a = Phone::start().await?;
    setup_commune(&a, &["Thôn 1", "Thôn 2"]).await?;
    let fp_a = fingerprint(&a).await?;
    let b = Phone::start().await?;
    setup_commune(&b, &["Thôn 2", "Thôn 4"]).await?;
    let file = save(&files, "thon.json", &export_all(&b).await?);

    preview_file(&a, &file).await?;
    let warning = wait_for(&a, "#import-same-names", *TIMEOUT).await?.text().await?;
    assert!(warning.contains("“Thôn 2”") && !warning.contains("Thôn 4") && !warning.contains("Thôn 1"), "{warning}");
    click(&a, "#import-cancel").await?;
    wait_gone(&a, "#import-preview", *TIMEOUT).await?;
    assert_eq!(fingerprint(&a).await?, fp_a, "cancelled: nothing changed");
    a.done().await?;
    b.done().await
}

/// Chrome on Android shares only some file types (not JSON): the share sheet
/// gets the same data as a .txt file then, and without a share sheet the file
/// is downloaded.
#[tokio::test]
async fn sending_uses_the_share_sheet_with_a_type_it_accepts() -> TestResult {
    let a = Phone::start().await?;
    let ids = setup_commune(&a, &["Thôn 3"]).await?;
    open_checklist(&a, &ids[0], 2025).await?;
    tick(&a, "ngay-hoi").await?;
    open_share(&a).await?;
    wait_for(&a, "#export-share", *TIMEOUT).await?;
    // No share sheet (desktop Chromium): the file is downloaded.
    eval(&a, "Object.defineProperty(navigator, 'share', { value: undefined, configurable: true }); return null;").await?;
    click(&a, "#export-share").await?;
    let msg = wait_for(&a, "#export-message.ok", *TIMEOUT).await?.text().await?;
    assert!(msg.contains("đã tải về") && msg.contains(".json"), "{msg}");
    assert!(msg.contains("-2026-06-15.json"), "named with today's date (the pinned 15/06/2026): {msg}");
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
    let fp_a = fingerprint(&a).await?;

    // What was shared imports on another phone.
    let files = TempDir::new("shared");
    let path = files.join(name);
    std::fs::write(&path, &text)?;
    let b = Phone::start().await?;
    import_file(&b, &path).await?;
    assert_eq!(fingerprint(&b).await?, fp_a);
    a.done().await?;
    b.done().await
}

/// Where the browser has no clipboard (outside https, some built-in
/// browsers), "Sao chép" says in Vietnamese what to do instead, and nothing
/// throws.
#[tokio::test]
async fn copying_without_a_clipboard_says_what_to_do() -> TestResult {
    let p = Phone::start().await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    p.open("/#/chia-se").await?;
    eval(&p, "Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get() { return undefined; } }); return null;").await?;
    click(&p, "#export-copy").await?;
    let said = wait_for(&p, "#export-message.error", *TIMEOUT).await?.text().await?;
    assert!(said.contains("Trình duyệt không cho sao chép"), "{said}");
    p.done().await
}

/// A preview open in one tab while another tab imports the same file: the
/// preview is made again against the data the other tab saved, and says
/// the file now brings nothing new (it said "Sẽ thay đổi …" before), so
/// what it shows is what importing would do.
#[tokio::test]
async fn an_open_preview_follows_what_another_tab_saved() -> TestResult {
    let files = TempDir::new("preview-two-tabs");
    let p = Phone::start().await?;
    setup_commune(&p, &["Thôn 1"]).await?;
    let file = save(&files, "thon-9.json", &a_file_with_an_area("may-khac", "Thôn 9")?);
    let tab_a = p.window().await?;
    let before = preview_file(&p, &file).await?;
    assert!(before.contains("Thôn 9") && before.contains("Sẽ thay đổi"), "{before}");

    p.new_tab("/#/chia-se").await?;
    import_file(&p, &file).await?;

    p.switch_to_window(tab_a).await?;
    wait_until(&p, "document.getElementById('import-preview').textContent.includes('không có gì mới')", *TIMEOUT).await?;
    let after = text_of(&p, "#import-preview").await?;
    assert!(!after.contains("Sẽ thay đổi"), "{after}");
    p.done().await
}
