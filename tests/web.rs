//! Browser unit tests (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_app_mounts_with_its_start_page() {
    leptos::mount::mount_to_body(perf_goals::ui::App);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let text = document
        .body()
        .map(|b| b.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert!(text.contains("新建草稿"), "{text}");
}
