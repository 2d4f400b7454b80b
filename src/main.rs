//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(perf_goals::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("perf-goals is a browser app: build it with `scripts/serve.sh` (Trunk).");
    eprintln!(
        "The command-line checker is `cargo run --release --bin perf-goals-check -- FILE...`."
    );
}
