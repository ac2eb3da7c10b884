//! Issue 4 in a real browser: ticking one item on an area's checklist moves
//! the matching gauge, and the explanation names the areas still missing.

mod common;
mod support;
use common::*;
use support::*;

/// Ticking "Ngày hội" for one of three areas moves gauge 3a (and only it)
/// to 1/3, says its status in words, and "Vì sao?" names the two areas still
/// missing, in natural order.
#[tokio::test]
async fn ticking_an_item_moves_its_gauge_and_the_explanation_names_who_is_missing() -> TestResult {
    let b = Phone::start().await?;
    let ids = setup_commune(&b, &["Thôn 1", "Thôn 2", "Thôn 10"]).await?;
    let before = gauges(&b, 2025).await?;
    let festival = |g: &[(String, String)]| g.iter().find(|(id, _)| id == "3a").map(|(_, t)| t.clone()).unwrap_or_default();
    assert!(festival(&before).starts_with("0 % (0/3)"), "{before:?}");
    assert_eq!(before.len(), 20, "a gauge for every target");

    open_checklist(&b, &ids[0], 2025).await?;
    tick(&b, "ngay-hoi").await?;

    let after = gauges(&b, 2025).await?;
    assert!(festival(&after).starts_with("33,3 % (1/3)"), "{after:?}");
    let gauge = b.find(By::Css("[data-target=\"3a\"] [role=progressbar]")).await?;
    assert_eq!(gauge.attr("aria-valuenow").await?.as_deref(), Some("33"));
    assert_eq!(gauge.attr("aria-valuemin").await?.as_deref(), Some("0"));
    assert_eq!(gauge.attr("aria-valuemax").await?.as_deref(), Some("100"));
    assert!(gauge.attr("aria-label").await?.unwrap_or_default().contains("Ngày hội"));
    // Status in words, not only colour. On the pinned day (15/06/2026) the
    // year 2025 is over, so 1 of 3 is missed.
    let status = text_of(&b, "[data-target=\"3a\"] .status").await?;
    assert!(status.contains("Chưa đạt"), "{status}");
    // Only that gauge moved.
    for ((id, t0), (_, t1)) in before.iter().zip(after.iter()) {
        if id != "3a" {
            assert_eq!(t0, t1, "gauge {id} should not move");
        }
    }
    click(&b, "[data-target=\"3a\"] details.explain summary").await?;
    // The explanation is computed when opened: wait for it, not only for the summary.
    wait_for(&b, "[data-target=\"3a\"] details.explain[open] .rule", *TIMEOUT).await?;
    let why = text_of(&b, "[data-target=\"3a\"] details.explain").await?;
    assert!(why.contains("1/3 khu dân cư"), "{why}");
    assert!(why.contains("Còn thiếu: Thôn 2, Thôn 10"), "missing areas named in natural order: {why}");
    // The area bars and completeness.
    assert!(text_of(&b, "#completeness").await?.starts_with("1/3 khu dân cư đã nhập"));
    let bar = b.find(By::Css(format!("[data-area-unit=\"{}\"] [role=progressbar]", ids[0]))).await?;
    assert_eq!(bar.attr("aria-valuetext").await?.as_deref(), Some("1/13"));
    assert!(no_horizontal_scroll(&b).await?, "overview scrolls sideways: {}", overflow_report(&b).await?);
    b.done().await
}
