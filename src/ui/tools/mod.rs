//! The page of the heaviest, rarest screens: the programme editor and the
//! reports. It loads only when one of them is opened, and is kept offline.

mod editor;
mod report;

use super::Route;
use crate::core::screen::shell::Home;
use leptos::prelude::*;

/// This page's screen for a route.
pub fn screens(route: Route, _home: Home) -> AnyView {
    match route {
        Route::Report => view! { <report::ReportScreen/> }.into_any(),
        Route::Editor { revise } => view! { <editor::Editor revise/> }.into_any(),
        // The other pages' routes never reach this page (page.js sends them there).
        _ => view! { <report::ReportScreen/> }.into_any(),
    }
}
