//! App-level steps shared by the browser tests: what a user does, in the
//! app's own DOM (see src/ui). Built on the generic harness in tests/common.

#![allow(dead_code)]

use crate::common::*;
use std::ops::Deref;

/// A phone: a fresh browser profile at a phone's viewport, with the clock
/// pinned ([`PINNED_MS`]) and Vietnam's time zone, the release build served
/// to it, and the app open and ready. Every browser test uses one (or two,
/// for two phones) and ends with [`Phone::done`], which checks that no page
/// in any of its tabs logged an error.
pub struct Phone {
    /// The site this phone opens; tests stop and restart it to go offline.
    pub server: StaticServer,
    browser: Browser,
}

impl Deref for Phone {
    type Target = WebDriver;
    fn deref(&self) -> &WebDriver {
        &self.browser
    }
}

impl Phone {
    /// A phone with `dist/` served to it at the site's root, on the app's home.
    pub async fn start() -> TestResult<Phone> {
        Phone::with_server(StaticServer::start_dist()).await
    }

    /// The same, with `dist/` served under a sub-path such as "/sotay/".
    pub async fn start_under(prefix: &str) -> TestResult<Phone> {
        Phone::with_server(StaticServer::start_under(dist_dir(), prefix)).await
    }

    /// A phone on a server of the test's own (another build, a sub-path).
    pub async fn with_server(server: StaticServer) -> TestResult<Phone> {
        let phone = Phone { server, browser: Browser::start().await? };
        phone.open("/").await?;
        Ok(phone)
    }

    /// The absolute URL of a path of the site: "/#/chia-se".
    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// Goes to a path of the site and waits until the app has started there.
    pub async fn open(&self, path: &str) -> TestResult {
        self.goto(&self.url(path)).await?;
        self.ready().await
    }

    /// Waits until the app's wasm has replaced the static frame.
    pub async fn ready(&self) -> TestResult {
        wait_until(self, "document.getElementById('frame') === null && document.querySelector('main#main')", *TIMEOUT).await
    }

    /// Reloads the page and waits until the app has started again.
    pub async fn reload(&self) -> TestResult {
        self.refresh().await?;
        self.ready().await
    }

    /// The browser, for a second tab (`new_tab`).
    pub fn browser(&self) -> &Browser {
        &self.browser
    }

    /// Checks that no page open in any tab logged an error, then closes the phone.
    pub async fn done(self) -> TestResult {
        let mut all = Vec::new();
        for tab in self.windows().await? {
            self.switch_to_window(tab).await?;
            let url = self.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            all.extend(console_errors(&self).await?.into_iter().map(|e| format!("{url}: {e}")));
        }
        assert!(all.is_empty(), "console errors: {all:#?}");
        self.browser.quit().await
    }
}

/// Opens the app on a fresh phone and sets it up as the commune's phone with
/// these residential areas. Returns the areas' ids, in order.
pub async fn setup_commune(d: &WebDriver, server: &StaticServer, areas: &[&str]) -> TestResult<Vec<String>> {
    d.goto(&server.url("/#/")).await?;
    wait_for(d, ".setup", *TIMEOUT).await?;
    add_areas(d, areas).await?;
    let ids = unit_ids(d).await?;
    click(d, "#finish-setup").await?;
    wait_for(d, ".overview", *TIMEOUT).await?;
    Ok(ids)
}

/// Adds areas through the "add" form on the current screen (setup or units).
pub async fn add_areas(d: &WebDriver, areas: &[&str]) -> TestResult {
    for name in areas {
        let before = count(d, "li.unit").await?;
        set_input(d, ".add-unit[data-kind=\"area\"] input.unit-name", name).await?;
        click(d, ".add-unit[data-kind=\"area\"] button.add").await?;
        wait_until(d, &format!("document.querySelectorAll('li.unit').length > {before}"), *TIMEOUT).await?;
    }
    Ok(())
}

/// Ids of the listed units (li.unit[data-unit]) on the current screen.
pub async fn unit_ids(d: &WebDriver) -> TestResult<Vec<String>> {
    let v = eval(d, "return [...document.querySelectorAll('li.unit')].map(e => e.dataset.unit);").await?;
    Ok(serde_json::from_value(v)?)
}

/// Goes to a unit's checklist for a year.
pub async fn open_checklist(d: &WebDriver, server: &StaticServer, unit: &str, year: i32) -> TestResult {
    d.goto(&server.url(&format!("/#/so/{unit}/{year}"))).await?;
    wait_until(
        d,
        &format!("(() => {{ const s = document.querySelector('.checklist'); return s && s.dataset.unit === '{unit}' && s.dataset.year === '{year}'; }})()"),
        *TIMEOUT,
    )
    .await
}

pub async fn is_ticked(d: &WebDriver, item: &str) -> TestResult<bool> {
    let sel = format!("article[data-item=\"{item}\"] button.tick");
    wait_for(d, &sel, *TIMEOUT).await?;
    Ok(d.find(By::Css(&sel)).await?.attr("aria-pressed").await?.as_deref() == Some("true"))
}

/// Ticks an item on the open checklist and waits until it shows as done.
pub async fn tick(d: &WebDriver, item: &str) -> TestResult {
    let sel = format!("article[data-item=\"{item}\"] button.tick");
    wait_for(d, &sel, *TIMEOUT).await?;
    assert!(!is_ticked(d, item).await?, "{item} was already ticked");
    click(d, &sel).await?;
    wait_until(d, &format!("document.querySelector('{}').getAttribute('aria-pressed') === 'true'", sel.replace('\'', "\\'")), *TIMEOUT).await
}

/// The data fingerprint shown on the share screen.
pub async fn fingerprint(d: &WebDriver, server: &StaticServer) -> TestResult<String> {
    d.goto(&server.url("/#/chia-se")).await?;
    wait_for(d, "#share-fingerprint", *TIMEOUT).await?;
    Ok(text_of(d, "#share-fingerprint").await?.trim().to_string())
}

/// Exports everything from the share screen and returns the file's text.
pub async fn export_all(d: &WebDriver, server: &StaticServer) -> TestResult<String> {
    d.goto(&server.url("/#/chia-se")).await?;
    wait_for(d, "#export-download", *TIMEOUT).await?;
    click(d, "#export-download").await?;
    wait_for(d, "#export-message.ok", *TIMEOUT).await?;
    let v = eval(d, "return document.getElementById('export-text').value;").await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// Imports a file through the file picker, previews it, and applies it.
/// Returns the preview's text.
pub async fn import_file(d: &WebDriver, server: &StaticServer, path: &std::path::Path) -> TestResult<String> {
    d.goto(&server.url("/#/chia-se")).await?;
    let input = wait_for(d, "#import-file", *TIMEOUT).await?;
    input.send_keys(path.to_string_lossy().as_ref()).await?;
    wait_for(d, "#import-preview", *TIMEOUT).await?;
    let preview = text_of(d, "#import-preview").await?;
    click(d, "#import-apply").await?;
    wait_for(d, "#import-done", *TIMEOUT).await?;
    Ok(preview)
}

/// Every gauge's figure on the overview for a year: (target id, figure text).
pub async fn gauges(d: &WebDriver, server: &StaticServer, year: i32) -> TestResult<Vec<(String, String)>> {
    d.goto(&server.url(&format!("/#/tong-quan/{year}"))).await?;
    wait_until(d, &format!("(() => {{ const o = document.querySelector('.overview'); return o && o.dataset.year === '{year}'; }})()"), *TIMEOUT).await?;
    let v = eval(
        d,
        "return [...document.querySelectorAll('[data-target]')].map(t => [t.dataset.target, t.querySelector('.figure').textContent.trim()]);",
    )
    .await?;
    Ok(serde_json::from_value(v)?)
}

/// Fills the origin's localStorage to the last byte with junk keys. Returns how many.
pub async fn fill_storage(d: &WebDriver) -> TestResult<i64> {
    let n = eval(
        d,
        r#"let i = 0;
           for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
             const chunk = 'x'.repeat(size);
             try { for (;;) { localStorage.setItem('junk.' + i, chunk); i++; } } catch (e) {}
           }
           return i;"#,
    )
    .await?;
    Ok(n.as_i64().unwrap_or(0))
}

/// Removes what [`fill_storage`] wrote.
pub async fn free_storage(d: &WebDriver) -> TestResult {
    eval(d, "Object.keys(localStorage).filter(k => k.startsWith('junk.')).forEach(k => localStorage.removeItem(k)); return null;").await?;
    Ok(())
}
