//! Sổ tay Mặt trận: an offline web app for a commune's Fatherland Front
//! action programme. `core` is pure and host-tested; `storage` and `ui` run
//! only in the browser.

pub mod core;

// The import fuzzer (examples/common/fuzz.rs) is written against `sotay::core`
// so that the long-running example can include it; the lib's own tests reach
// it under the same name.
#[cfg(test)]
extern crate self as sotay;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
