//! Phone-ready at 360 px on every screen: no sideways scrolling, tap targets
//! of at least 44 px, form fields at 16 px or more (so iOS does not zoom), and
//! an accessible name on every control.

mod common;
mod support;
use common::*;
use support::*;

/// Problems of the controls on the current screen, as readable lines.
const AUDIT: &str = r#"
const bad = [];
const nameOf = el => {
  const aria = el.getAttribute('aria-label');
  if (aria && aria.trim()) return aria.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
  if (el.labels && el.labels.length) return [...el.labels].map(l => l.textContent).join(' ').trim();
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return '';
  return (el.textContent || el.getAttribute('title') || '').trim();
};
const what = el => el.outerHTML.slice(0, 90).replace(/\s+/g, ' ');
for (const el of document.querySelectorAll('main button, main a[href], main input, main select, main textarea, main summary, nav a, header a, #storage-error button, #notice button')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;          // not shown (inside a closed <details>)
  if (!nameOf(el)) bad.push('no accessible name: ' + what(el));
  const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline';
  const small = ['radio', 'checkbox'].includes(el.type);
  if (!inline && !small && r.height < 44) bad.push('tap target ' + Math.round(r.height) + ' px high: ' + what(el));
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && parseFloat(getComputedStyle(el).fontSize) < 16)
    bad.push('font below 16 px: ' + what(el));
}
if (document.documentElement.scrollWidth > window.innerWidth) bad.push('scrolls sideways: ' + document.documentElement.scrollWidth);
return bad;
"#;

async fn audit(d: &WebDriver, screen: &str) -> TestResult<Vec<String>> {
    // Open every <details> so that what they hide is checked too.
    eval(d, "document.querySelectorAll('details').forEach(x => x.open = true); return null;").await?;
    let v: Vec<String> = serde_json::from_value(eval(d, AUDIT).await?)?;
    Ok(v.into_iter().map(|p| format!("{screen}: {p}")).collect())
}

/// Every screen of both pages, at 360 px: no sideways scroll, tap targets of
/// 44 px, form fields at 16 px, and every control named.
#[tokio::test]
async fn every_screen_is_phone_ready() -> TestResult {
    let b = Phone::start().await?;
    let mut problems = Vec::new();
    wait_for(&b, ".setup", *TIMEOUT).await?;
    add_areas(&b, &["Thôn Đông", "Thôn Tây"]).await?;
    problems.extend(audit(&b, "setup").await?);
    click(&b, "#finish-setup").await?;
    wait_for(&b, ".overview", *TIMEOUT).await?;
    let ids = {
        open_units(&b).await?;
        unit_ids(&b).await?
    };
    let screens: Vec<(String, &str)> = vec![
        ("/#/tong-quan/2026".into(), ".overview"),
        ("/#/so/xa/2026".into(), ".checklist"),
        (format!("/#/so/{}/2026", ids[0]), ".checklist"),
        ("/#/don-vi".into(), ".units"),
        ("/#/chia-se".into(), ".share"),
        ("/#/cai-dat".into(), ".settings"),
        ("/#/chuong-trinh".into(), ".reader"),
    ];
    for (path, sel) in &screens {
        b.open(path).await?;
        wait_for(&b, sel, *TIMEOUT).await?;
        problems.extend(audit(&b, path).await?);
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    b.done().await
}
