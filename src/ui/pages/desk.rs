//! 审核台 in the app: only a frame. The page itself (`desk_view`) and the Web
//! Workers that check the files are a program of their own (src/bin/desk.rs),
//! fetched the first time 审核台 is opened, so the app's first load does not
//! carry them. The program shows its page in this frame's `[data-desk]` when
//! it starts and on [`SHOW_EVENT`], takes it away on [`HIDE_EVENT`], and
//! opens a line as a draft by asking the app with [`OPEN_EVENT`]. (Events on `window`: the program's
//! script keeps its exports to itself.)

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::context::{AppState, Page};

/// On `window`, from 审核台's program: detail a draft's id (a string: open
/// that draft) or a `File` (import it as a new draft, as 导入 JSON does).
pub const OPEN_EVENT: &str = "perf-goals:desk-open";
/// On `window`, from the app: 审核台 is on screen again (its frame is new).
pub const SHOW_EVENT: &str = "perf-goals:desk-show";
/// On `window`, from the app: 审核台 left the screen.
pub const HIDE_EVENT: &str = "perf-goals:desk-hide";

/// Where the program is, without the file name's end (`.js`): in index.html,
/// written by scripts/hash-worker.sh with Trunk's public URL (relative here,
/// so any folder works) and the hashed name.
pub fn program_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=desk]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "desk".into())
}

thread_local! {
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
}

fn send(event: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(event)) {
        let _ = window.dispatch_event(&event);
    }
}

/// Shows the program's page, loading the program the first time (it shows
/// itself when it starts).
fn show() {
    if REQUESTED.replace(true) {
        return send(SHOW_EVENT);
    }
    let document = web_sys::window().and_then(|w| w.document());
    if let Some((document, head)) = document.and_then(|d| d.head().map(|h| (d, h))) {
        if let Ok(script) = document.create_element("script") {
            let _ = script.set_attribute("src", &format!("{}.js", program_base()));
            let _ = head.append_child(&script);
        }
    }
}

fn open_from_desk(app: AppState, ev: web_sys::Event) {
    let Some(detail) = ev.dyn_ref::<web_sys::CustomEvent>().map(|e| e.detail()) else {
        return;
    };
    if let Some(id) = detail.as_string() {
        // 打开已有: as the draft list opens it.
        if let Err(e) = app.open_stored(&id, false) {
            app.notice.set(Some(e));
        }
    } else if let Ok(file) = detail.dyn_into::<web_sys::File>() {
        // A new draft, exactly as 导入 JSON makes one.
        super::import::import_file(app, file);
    }
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let opening = window_event_listener_untyped(OPEN_EVENT, move |ev| open_from_desk(app, ev));
    on_cleanup(move || {
        opening.remove();
        send(HIDE_EVENT);
    });
    // Once the frame is in the document.
    request_animation_frame(show);
    view! {
        <main class="page desk">
            <button type="button" class="link" on:click=move |_| app.page.set(Page::Start)>"← 返回草稿列表"</button>
            <h1>"审核台"</h1>
            <div data-desk="">
                <p class="hint">"正在载入审核台…（如长时间没有反应，请检查网络后刷新页面。）"</p>
            </div>
        </main>
    }
}
