//! The daily page (index.html): the overview, the checklist, the first run.

#[cfg(target_arch = "wasm32")]
fn main() {
    use sotay::ui::{daily, start, Page};
    start(Page::Daily, daily::screens);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sổ tay Mặt trận chạy trong trình duyệt: dùng ./scripts/serve.");
}
