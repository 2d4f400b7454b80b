//! The first load: the start program (`ui::boot`). It shows the start page at
//! once and fetches the app (src/bin/app.rs) behind it.

#[cfg(target_arch = "wasm32")]
fn main() {
    perf_goals::ui::boot::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("perf-goals is a browser app: build it with `scripts/serve.sh` (Trunk).");
    eprintln!(
        "The command-line checker is `cargo run --release --bin perf-goals-check -- FILE...`."
    );
}
