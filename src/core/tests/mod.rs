//! Host tests of the core (plain `cargo test`).

mod codec_tests;
mod programme_tests;
mod editor_publish_tests;
mod editor_tests;
mod file_tests;
mod layer_tests;
mod fuzz_tests;
mod progress_reference;
mod progress_tests;
mod record_tests;
mod recognise_tests;
mod report_table_tests;
mod report_tests;
mod report_text_tests;
mod screen_tests;
mod workflow_tests;
