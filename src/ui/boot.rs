//! The first load (issue 19): the start program (src/main.rs) shows the start
//! page at once, from the drafts' summaries, and fetches the app (src/bin/
//! app.rs: the editor and everything else) behind it. When the app is up it
//! takes the page over and shows the same start page; a click that came
//! before is handed over (`StartAct` as text on `window`) and done by the app.
//!
//! Anything the start page cannot show by itself (a draft open at reload, an
//! address of a step, a draft the index does not list, storage refused) waits
//! for the app, under the "正在加载" line, as before.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::plain::address::{parse, Address};
use super::plain::start_act::StartAct;
use super::start_view::{AppHeader, StartView};
use crate::storage;

/// Where a click waiting for the app is handed over.
const ACT_KEY: &str = "perfGoalsAct";
/// Whether a mouse button or finger is down on the start program's page.
const PRESS_KEY: &str = "perfGoalsPressed";
/// The start program's page, which the app removes when it takes over.
const ROOT_ID: &str = "boot";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The start program: the start page now, the app as soon as it is fetched.
pub fn start() {
    match showable_entries() {
        Some(entries) => {
            show(entries);
            // After this task: the start page is on screen before the browser
            // starts on the app's script.
            leptos::prelude::set_timeout(load_app, std::time::Duration::ZERO);
        }
        None => load_app(),
    }
}

/// The drafts to list, when the start page is what the app would show.
fn showable_entries() -> Option<Vec<storage::Entry>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if parse(&hash) != Address::Start || storage::last_open().is_some() || !storage::available() {
        return None;
    }
    storage::listed_entries()
}

fn show(entries: Vec<storage::Entry>) {
    let Some(doc) = document() else {
        return;
    };
    let (Some(body), Ok(root)) = (doc.body(), doc.create_element("div")) else {
        return;
    };
    root.set_id(ROOT_ID);
    if body.append_child(&root).is_err() {
        return;
    }
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let waiting = RwSignal::new(false);
    let act = Callback::new(move |act: StartAct| {
        // One click is handed over: the first. Later ones, before the app is
        // up, do nothing (the status line says it is loading).
        if !waiting.get_untracked() {
            waiting.set(true);
            hand_over(&act);
        }
    });
    track_presses();
    leptos::mount::mount_to(root, move || {
        view! {
            <AppHeader act=act>
                <p class="save-status" role="status" aria-live="polite">
                    {move || if waiting.get() { "正在载入，请稍候……" } else { "" }}
                </p>
            </AppHeader>
            <StartView entries=Signal::stored(entries) persisted=Signal::stored(None) act=act />
        }
    })
    .forget();
    say_started();
}

/// Notes on `window` whether a press is under way, for the app (`after_press`).
fn track_presses() {
    let Some(window) = web_sys::window() else {
        return;
    };
    for (event, pressed) in [
        ("pointerdown", true),
        ("pointerup", false),
        ("pointercancel", false),
    ] {
        let target = window.clone();
        let note = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let _ = js_sys::Reflect::set(&target, &PRESS_KEY.into(), &JsValue::from_bool(pressed));
        });
        let _ = window.add_event_listener_with_callback_and_bool(
            event,
            note.as_ref().unchecked_ref(),
            true,
        );
        note.forget();
    }
}

/// For the app, before it takes the page over: runs `start` now, or, while a
/// button of the start program's page is being pressed, once the press has
/// ended and its click was dispatched. Taken over in the middle of a press,
/// the button under the pointer would be replaced between mousedown and
/// mouseup, and the browser would drop the click. A press that never ends
/// (released outside the window) waits two seconds at most.
pub fn after_press(start: fn()) {
    let Some(window) = web_sys::window() else {
        return start();
    };
    let pressed = js_sys::Reflect::get(&window, &PRESS_KEY.into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if !pressed {
        return start();
    }
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(start)));
    let run = move || {
        if let Some(start) = once.take() {
            start();
        }
    };
    let after_click = run.clone();
    let released = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        // After this event's task, in which the click is dispatched.
        leptos::prelude::set_timeout(after_click.clone(), std::time::Duration::ZERO);
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    options.set_capture(true);
    for event in ["pointerup", "pointercancel"] {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            released.as_ref().unchecked_ref(),
            &options,
        );
    }
    released.forget();
    leptos::prelude::set_timeout(run, std::time::Duration::from_secs(2));
}

/// A page is up (the start program's or the app's): the "正在加载" line goes,
/// and with it static/fallback.js's wait for a start.
pub fn say_started() {
    if let Some(loading) = document().and_then(|d| d.get_element_by_id("loading")) {
        loading.remove();
    }
}

fn hand_over(act: &StartAct) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &ACT_KEY.into(), &act.encode().into());
    }
}

/// Adds the app's script, whose hashed name scripts/hash-worker.sh wrote
/// into `<meta name="app">`; it starts itself (`take_over`).
fn load_app() {
    let Some(doc) = document() else {
        return;
    };
    let base = doc
        .query_selector("meta[name=app]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "app".into());
    if let (Some(head), Ok(script)) = (doc.head(), doc.create_element("script")) {
        let src = format!("{base}.js");
        let _ = script.set_attribute("src", &src);
        // The script itself missing: its own catch (scripts/hash-worker.sh)
        // never runs, so the start page says it here (under #loading,
        // static/fallback.js says it).
        let failed = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(status) =
                document().and_then(|d| d.query_selector(".save-status").ok().flatten())
            {
                status.set_text_content(Some(&format!(
                    "未能载入本系统（文件未能加载：{src}）。请刷新页面重试。"
                )));
            }
        });
        let _ = script.add_event_listener_with_callback("error", failed.unchecked_ref());
        let _ = head.append_child(&script);
    }
}

/// Whether the app took over a start page the start program showed.
static START_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

/// For the app, before it mounts: removes the start program's page and says
/// which of its buttons had the focus, to give it to the app's own.
pub fn take_over() -> Option<String> {
    let doc = document()?;
    let root = doc.get_element_by_id(ROOT_ID)?;
    START_PAGE_SHOWN.store(true, Ordering::Relaxed);
    let focused = doc
        .active_element()
        .filter(|e| root.contains(Some(e)))
        .and_then(|e| e.get_attribute("data-act"));
    root.remove();
    focused
}

/// The app stays on the start page the preparer has been looking at: a draft
/// another tab opened meanwhile (and so marked last open) is not opened here.
pub fn start_page_was_shown() -> bool {
    START_PAGE_SHOWN.load(Ordering::Relaxed)
}

/// For the app: the click handed over, once.
pub fn take_act() -> Option<StartAct> {
    let window = web_sys::window()?;
    let text = js_sys::Reflect::get(&window, &ACT_KEY.into())
        .ok()?
        .as_string()?;
    let _ = js_sys::Reflect::delete_property(&window, &ACT_KEY.into());
    StartAct::decode(&text)
}

/// Whether the page may still open the file chooser (a browser allows it
/// only a few seconds after a click). Browsers without the API say yes.
pub fn click_still_counts() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let activation = js_sys::Reflect::get(&window.navigator(), &"userActivation".into())
        .unwrap_or(JsValue::UNDEFINED);
    if activation.is_undefined() || activation.is_null() {
        return true;
    }
    js_sys::Reflect::get(&activation, &"isActive".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Puts the focus on the app's button named `act` (`data-act`).
pub fn focus_act(act: &str) {
    let Some(list) = document().and_then(|d| d.query_selector_all("[data-act]").ok()) else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if el.get_attribute("data-act").as_deref() == Some(act) {
            let _ = el.focus();
            return;
        }
    }
}
