//! Entry point of the web app (trunk builds this for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(sotay::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Sổ tay Mặt trận chạy trong trình duyệt: dùng ./scripts/serve.");
}
