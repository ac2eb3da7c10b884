//! The page of rarely used screens (more.html): sharing, settings, units,
//! the programme.

#[cfg(target_arch = "wasm32")]
fn main() {
    use sotay::ui::{more, start, Page};
    start(Page::More, more::screens);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sổ tay Mặt trận chạy trong trình duyệt: dùng ./scripts/serve.");
}
