//! Mounts the app and says that it started; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    perf_goals::ui::crash::install();
    leptos::mount::mount_to_body(perf_goals::ui::App);
    // Started: the "正在加载" line goes, and with it static/fallback.js's wait for us.
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        loading.remove();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("perf-goals is a browser app: build it with `scripts/serve.sh` (Trunk).");
    eprintln!(
        "The command-line checker is `cargo run --release --bin perf-goals-check -- FILE...`."
    );
}
