//! Host tests of the core (plain `cargo test`).

mod programme_tests;
mod file_tests;
mod fuzz_tests;
mod progress_tests;
mod record_tests;
