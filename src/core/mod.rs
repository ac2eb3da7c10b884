//! The pure domain core: no leptos, web-sys, js-sys or gloo in here.
//! Everything takes `today` / `now_ms` and the device id as arguments.

pub mod book;
pub mod clock;
pub mod file;
pub mod programme;
pub mod progress;
pub mod state;
pub mod stored;
pub mod text;

#[cfg(test)]
mod tests;

use programme::Programme;

/// The embedded default programme file (xã Hà Hải, 2024-2029).
pub const DEFAULT_PROGRAMME_JSON: &str = include_str!("../data/ha-hai-2024-2029.json");

/// The embedded default programme.
pub fn default_programme() -> Programme {
    #[derive(serde::Deserialize)]
    struct File {
        programme: Programme,
    }
    serde_json::from_str::<File>(DEFAULT_PROGRAMME_JSON).expect("the embedded programme parses").programme
}
