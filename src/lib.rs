//! Sổ tay Mặt trận: an offline web app for a commune's Fatherland Front
//! action programme. `core` is pure and host-tested; `storage` and `ui` run
//! only in the browser.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
