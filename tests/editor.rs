//! Any commune's own programme, in a real browser: a new commune pastes its
//! programme's text, confirms suggested targets and writes one by hand,
//! publishes it, and uses it; a second phone takes it from a file; a draft
//! survives a reload; a retired item ends the deadlock between an area's
//! phone holding records for it and the commune's phone.

mod common;
mod support;
use common::*;
use support::*;


fn programme_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/linh-toai-2025-2030.txt"))
        .expect("tests/data/linh-toai-2025-2030.txt")
}

/// The `data-row` keys of rows matching `css` on the editor.
async fn rows(p: &Phone, css: &str) -> TestResult<Vec<String>> {
    let v = eval_with(p, "return [...document.querySelectorAll(arguments[0])].map(e => e.dataset.row);", vec![css.into()]).await?;
    Ok(serde_json::from_value(v)?)
}

/// Waits until the editor has one more row matching `css` than `before`, and returns its key.
async fn new_row(p: &Phone, css: &str, before: &[String]) -> TestResult<String> {
    wait_until(p, &format!("document.querySelectorAll({}).length > {}", js(css), before.len()), *TIMEOUT).await?;
    let now = rows(p, css).await?;
    Ok(now.into_iter().find(|r| !before.contains(r)).ok_or("no new row")?)
}

/// Sets an editor field by its id and waits until the model shows no error there.
async fn field(p: &Phone, id: &str, value: &str) -> TestResult {
    set_input(p, &format!("#{id}"), value).await?;
    wait_until(p, &format!("document.getElementById({}).value === {}", js(id), js(value)), *TIMEOUT).await
}

/// Pastes the Lĩnh Toại programme on a new phone, confirms three
/// suggestions and writes a fourth target by hand, publishes it as a new
/// programme, adds two areas, ticks items and sees the gauges move; then a
/// second new phone takes the programme and the data from a file.
#[tokio::test]
async fn a_new_commune_pastes_its_programme_and_uses_it() -> TestResult {
    let a = Phone::start().await?;
    wait_for(&a, ".setup", *TIMEOUT).await?;
    assert!(text_of(&a, "#setup-programme-note").await?.contains("chương trình mẫu của xã Hà Hải"));
    click(&a, "#setup-programme").await?;
    a.ready().await?;
    wait_for(&a, "#editor-paste", *TIMEOUT).await?;
    click(&a, "#editor-paste").await?;
    set_input(&a, "#paste-text", &programme_text()).await?;
    click(&a, "#paste-read").await?;
    let summary = text_of(&a, "#paste-summary").await?;
    assert!(summary.contains("4 chỉ tiêu") && summary.contains("1 khâu đột phá"), "{summary}");
    assert!(content_of(&a, "#paste-result").await?.contains("Tổ chức Ngày hội Đại đoàn kết ở khu dân cư"));
    click(&a, "#paste-use").await?;
    wait_for(&a, "#editor-heading", *TIMEOUT).await?;
    assert_eq!(value_of(&a, "#owner").await?, "xã Lĩnh Toại");

    // Suggestions are confirmed one by one: three indicators' first.
    for n in 1..=3 {
        let sel = format!("article[data-row=\"indicator-{n}\"] .suggestion button[id$=\"-accept\"]");
        let before = rows(&a, &format!("article[data-row=\"indicator-{n}\"] .editor-target")).await?;
        click(&a, &sel).await?;
        new_row(&a, &format!("article[data-row=\"indicator-{n}\"] .editor-target"), &before).await?;
    }
    // Indicator 4 by hand: supervisions logged by the commune, at least 2 a year.
    let ind4 = "article[data-row=\"indicator-4\"]";
    let items = rows(&a, &format!("{ind4} .editor-item")).await?;
    click(&a, "#indicator-4-add-item").await?;
    let item = new_row(&a, &format!("{ind4} .editor-item"), &items).await?;
    let id = item.trim_start_matches("item-").to_string();
    field(&a, &format!("item-{id}-label"), "Cuộc giám sát").await?;
    click(&a, &format!("#item-{id}-who-commune")).await?;
    wait_until(&a, &format!("document.getElementById('item-{id}-who-commune').checked"), *TIMEOUT).await?;
    field(&a, &format!("item-{id}-cadence"), "event").await?;
    field(&a, &format!("item-{id}-value"), "count").await?;
    let preview = text_of(&a, &format!("{ind4} [data-row=\"{item}\"] .preview")).await?;
    assert!(preview.contains("Cuộc giám sát") && preview.contains("Ghi từng lần"), "{preview}");
    let targets = rows(&a, &format!("{ind4} .editor-target")).await?;
    click(&a, "#indicator-4-add-target").await?;
    let target = new_row(&a, &format!("{ind4} .editor-target"), &targets).await?;
    let t = target.trim_start_matches("target-").to_string();
    field(&a, &format!("target-{t}-label"), "Giám sát mỗi năm").await?;
    field(&a, &format!("target-{t}-item"), &id).await?;
    field(&a, &format!("target-{t}-kind"), "total_year").await?;
    field(&a, &format!("target-{t}-cmp"), "at_least").await?;
    field(&a, &format!("target-{t}-number"), "2").await?;
    let sentence = text_of(&a, &format!("[data-row=\"{target}\"] .target-sentence")).await?;
    assert!(sentence.contains("2") && sentence.to_lowercase().contains("ít nhất"), "{sentence}");

    // Bad input is refused at its field, and nothing changes.
    set_input(&a, &format!("#target-{t}-number"), "hai mươi cuộc").await?;
    wait_for(&a, &format!("[data-row=\"{target}\"] .error"), *TIMEOUT).await?;
    field(&a, &format!("target-{t}-number"), "2").await?;

    // Publish the new programme: a backup first, then the phone follows it.
    wait_until(&a, "!document.getElementById('editor-publish-button').disabled", *TIMEOUT).await?;
    click(&a, "#editor-publish-button").await?;
    a.accept_alert().await?;
    let said = wait_for(&a, "#publish-said.ok", *TIMEOUT).await?.text().await?;
    assert!(!said.contains("Chưa"), "{said}");
    click(&a, "#publish-next").await?;
    a.ready().await?;
    // Areas, then the first run as the commune.
    open_units(&a).await?;
    add_area(&a, "Thôn Lĩnh").await?;
    add_area(&a, "Thôn Toại").await?;
    let ids = unit_ids(&a).await?;
    a.open("/#/").await?;
    // A phone new to the app, set up with its own programme: the first run
    // still asks what it keeps.
    wait_for(&a, ".setup", *TIMEOUT).await?;
    click(&a, "#finish-setup").await?;
    wait_for(&a, ".overview", *TIMEOUT).await?;
    assert!(text_of(&a, "header h1").await?.contains("Lĩnh Toại"));
    let before = gauges(&a, 2026).await?;
    assert!(before.len() >= 4, "{before:?}");
    // Tick the first area's yearly items for 2026: the areas' gauge moves.
    open_checklist(&a, &ids[0], 2026).await?;
    let ticks = eval(&a, "return [...document.querySelectorAll('article[data-item] button.tick')].map(b => b.closest('article').dataset.item);").await?;
    let ticks: Vec<String> = serde_json::from_value(ticks)?;
    assert!(!ticks.is_empty(), "the new programme's items reach the checklist");
    for item in &ticks {
        tick(&a, item).await?;
    }
    let after = gauges(&a, 2026).await?;
    assert_ne!(before, after, "ticking moves a gauge");

    // A second phone takes the programme and the data from a file.
    let files = TempDir::new("new-commune");
    let text = export_all(&a).await?;
    let file = save(&files, "sotay-linh-toai.json", &text);
    let fp_a = fingerprint(&a).await?;
    let b = Phone::start().await?;
    open_share(&b).await?;
    pick_file(&b, &file).await?;
    wait_for(&b, "#import-other", *TIMEOUT).await?;
    click(&b, "#import-switch").await?;
    b.accept_alert().await?;
    wait_for(&b, "#import-done", *TIMEOUT).await?;
    assert_eq!(fingerprint(&b).await?, fp_a, "the same data on both phones");
    b.open("/#/chuong-trinh").await?;
    assert!(content_of(&b, ".reader").await?.contains("Khâu đột phá"));
    open_checklist(&b, &ids[0], 2026).await?;
    for item in &ticks {
        assert!(is_ticked(&b, item).await?, "{item} came with the file");
    }
    assert_eq!(gauges(&b, 2026).await?, after, "the same gauges on both phones");
    a.done().await?;
    b.done().await
}

/// A draft being edited is kept in storage: a reload (or a closed tab)
/// loses nothing typed and left.
#[tokio::test]
async fn a_draft_survives_a_reload() -> TestResult {
    let a = Phone::start().await?;
    setup_commune(&a, &["Thôn 1"]).await?;
    a.open("/#/soan-chuong-trinh/sua").await?;
    wait_for(&a, "#editor-heading", *TIMEOUT).await?;
    field(&a, "indicator-3-text", "Chỉ tiêu 3 đã sửa: 100% khu dân cư tổ chức Ngày hội mỗi năm.").await?;
    field(&a, "closing", "Lời kết đã sửa.").await?;
    a.reload().await?;
    wait_for(&a, "#editor-heading", *TIMEOUT).await?;
    assert_eq!(value_of(&a, "#indicator-3-text").await?, "Chỉ tiêu 3 đã sửa: 100% khu dân cư tổ chức Ngày hội mỗi năm.");
    assert_eq!(value_of(&a, "#closing").await?, "Lời kết đã sửa.");
    let changes = content_of(&a, "#editor-publish").await?;
    assert!(changes.contains("Sửa chỉ tiêu 3"), "{changes}");
    a.done().await
}

/// The commune retires an item an area's phone holds records for, and
/// sends the revision: the area's phone takes it, the commune's phone takes
/// the area's file with those records, and both hold the same data.
#[tokio::test]
async fn a_retired_item_keeps_files_flowing_both_ways() -> TestResult {
    let files = TempDir::new("retire");
    let commune = Phone::start().await?;
    let ids = setup_commune(&commune, &["Thôn 1", "Thôn 2"]).await?;
    let first = export_all(&commune).await?;
    let first = save(&files, "xa-1.json", &first);
    // The area's phone: its own area, a record of "Ngày hội" 2026.
    let area = Phone::start().await?;
    import_file(&area, &first).await?;
    area.open("/#/").await?;
    wait_for(&area, ".setup", *TIMEOUT).await?;
    let radios = area.find_all(By::Css("fieldset.role input[type=radio]")).await?;
    radios[1].click().await?;
    set_input(&area, "#role", &ids[0]).await?;
    click(&area, "#finish-setup").await?;
    wait_for(&area, ".checklist", *TIMEOUT).await?;
    open_checklist(&area, &ids[0], 2026).await?;
    tick(&area, "ngay-hoi").await?;
    let from_area = save(&files, "thon-1.json", &export_all(&area).await?);

    // The commune retires "Ngày hội" and publishes revision 2.
    import_file(&commune, &from_area).await?;
    commune.open("/#/soan-chuong-trinh/sua").await?;
    wait_for(&commune, "#item-ngay-hoi-remove", *TIMEOUT).await?;
    assert_eq!(text_of(&commune, "#item-ngay-hoi-remove").await?, "Thôi theo dõi", "it has records: retired, not deleted");
    click(&commune, "#item-ngay-hoi-remove").await?;
    wait_for(&commune, "#item-ngay-hoi-restore", *TIMEOUT).await?;
    click(&commune, "#editor-publish-button").await?;
    commune.accept_alert().await?;
    wait_for(&commune, "#publish-said.ok", *TIMEOUT).await?;
    commune.open("/#/chuong-trinh").await?;
    assert!(text_of(&commune, ".reader").await?.contains("(đã thôi theo dõi)"));
    let revised = save(&files, "xa-2.json", &export_all(&commune).await?);

    // The area's phone takes the revision: the retired item leaves its checklist, its data stays.
    let preview = import_file(&area, &revised).await?;
    assert!(preview.contains("lần sửa 2"), "{preview}");
    open_checklist(&area, &ids[0], 2026).await?;
    assert_eq!(count(&area, ".group:not(.retired) article[data-item=\"ngay-hoi\"]").await?, 0);
    assert_eq!(count(&area, ".group.retired article[data-item=\"ngay-hoi\"]").await?, 1, "its data stays in view");
    // And the area's file (with those records) imports on the commune's phone.
    open_checklist(&area, &ids[0], 2026).await?;
    tick(&area, "phong-trao").await?;
    let again = save(&files, "thon-1-b.json", &export_all(&area).await?);
    import_file(&commune, &again).await?;
    // Saved (after the screen): the commune's phone stays on revision 2 with the area's records.
    wait_until(&commune, "JSON.parse(localStorage.getItem('sotay.state')).state.book.programme.revision === 2", *TIMEOUT).await?;
    let commune_back = save(&files, "xa-3.json", &export_all(&commune).await?);
    import_file(&area, &commune_back).await?;
    assert_eq!(fingerprint(&area).await?, fingerprint(&commune).await?);
    commune.done().await?;
    area.done().await
}
