//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    perf_goals::ui::crash::install();
    leptos::mount::mount_to_body(perf_goals::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("perf-goals is a browser app: build it with `scripts/serve.sh` (Trunk).");
    eprintln!(
        "The command-line checker is `cargo run --release --bin perf-goals-check -- FILE...`."
    );
}
