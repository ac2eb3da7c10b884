//! The daily page: the overview, the checklist, and a new phone's first
//! run. It loads first, so it carries nothing else.

mod checklist;
mod overview;
pub mod setup;

use super::Route;
use crate::core::screen::shell::Home;
use leptos::prelude::*;

/// The daily page's screen for a route. Each screen is built in one place
/// only: every `view!` of a component carries its code again.
pub fn screens(route: Route, home: Home) -> AnyView {
    enum Screen {
        Setup,
        Overview(Option<i32>),
        Checklist(Option<String>, Option<i32>),
    }
    let screen = match (route, home) {
        (Route::Home, Home::Setup) => Screen::Setup,
        (Route::Home, Home::Checklist) => Screen::Checklist(None, None),
        (Route::Book { unit, year }, _) => Screen::Checklist(unit, year),
        (Route::Overview { year }, _) => Screen::Overview(year),
        // Home on an overview phone; the other pages' routes never reach this page (page.js sends them there).
        (_, _) => Screen::Overview(None),
    };
    match screen {
        Screen::Setup => view! { <setup::Setup/> }.into_any(),
        Screen::Overview(year) => view! { <overview::Overview year/> }.into_any(),
        Screen::Checklist(unit, year) => view! { <checklist::Checklist unit year/> }.into_any(),
    }
}
