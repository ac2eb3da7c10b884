//! The daily page: the overview, the checklist, and a new phone's first
//! run. It loads first, so it carries nothing else.

mod checklist;
mod overview;
pub mod setup;

use super::Route;
use crate::core::screen::shell::Home;
use leptos::prelude::*;

/// The daily page's screen for a route.
pub fn screens(route: Route, home: Home) -> AnyView {
    match (route, home) {
        (Route::Home, Home::Setup) => view! { <setup::Setup/> }.into_any(),
        (Route::Home, Home::Overview) | (Route::Overview { year: None }, _) => view! { <overview::Overview year=None/> }.into_any(),
        (Route::Overview { year }, _) => view! { <overview::Overview year=year/> }.into_any(),
        (Route::Home, Home::Checklist) => view! { <checklist::Checklist unit=None year=None/> }.into_any(),
        (Route::Book { unit, year }, _) => view! { <checklist::Checklist unit=unit year=year/> }.into_any(),
        // The other page's routes never reach this page (page.js sends them there).
        (_, _) => view! { <overview::Overview year=None/> }.into_any(),
    }
}
