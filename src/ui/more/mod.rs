//! The page of rarely used screens: sharing, settings, units, the
//! programme. It loads after the daily page and is kept offline with it.

mod reader;
mod settings;
pub mod share;
mod units;

use super::Route;
use crate::core::screen::shell::Home;
use leptos::prelude::*;

/// This page's screen for a route.
pub fn screens(route: Route, _home: Home) -> AnyView {
    match route {
        Route::Share => view! { <share::Share/> }.into_any(),
        Route::Settings => view! { <settings::Settings/> }.into_any(),
        Route::Units => view! { <units::Units/> }.into_any(),
        // The daily page's routes never reach this page (page.js sends them there).
        _ => view! { <reader::Reader/> }.into_any(),
    }
}
