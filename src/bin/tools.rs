//! The page of the programme editor and the reports (tools.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    use sotay::ui::{start, tools, Page};
    start(Page::Tools, tools::screens);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sổ tay Mặt trận chạy trong trình duyệt: dùng ./scripts/serve.");
}
