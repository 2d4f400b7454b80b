//! The life of an open draft across tabs and page loads: who may edit it (a
//! lease renewed by a heartbeat, watched through storage events), taking over
//! from another tab without losing its last edits, and saving when the page
//! is hidden or closed.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::AppState;
use crate::storage;
use crate::ui::session::tab_id;

/// How often an editing tab renews its lease (storage::LEASE_FRESH_MS is 3×).
const HEARTBEAT: Duration = Duration::from_millis(2000);
/// How long a tab taking over waits for the other to write its last changes.
const HANDOFF_WAIT: Duration = Duration::from_millis(1500);

/// Installed once by the app.
pub fn install(app: AppState) {
    // Save at once when the page is hidden or closed (switching tabs, closing
    // the window, shutting the PC down): no debounce may lose the last keystrokes.
    let on_visibility = move |_: web_sys::Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            if let Some(editor) = app.editor.get_untracked() {
                editor.save_now(app.save_status);
            }
        }
    };
    let _ = window_event_listener_untyped("visibilitychange", on_visibility);
    let _ = window_event_listener_untyped("pagehide", move |_| {
        if let Some(editor) = app.editor.get_untracked() {
            editor.save_now(app.save_status);
            if !editor.read_only.get_untracked() {
                storage::release_lease(&editor.draft_id, tab_id());
            }
        }
    });

    let _ = set_interval_with_handle(
        move || {
            if let Some(editor) = app.editor.get_untracked() {
                if !editor.read_only.get_untracked() {
                    storage::take_lease(&editor.draft_id, tab_id());
                }
            }
        },
        HEARTBEAT,
    );

    let _ = window_event_listener_untyped("storage", move |ev: web_sys::Event| {
        let Ok(ev) = ev.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        let key = ev.key().unwrap_or_default();
        if key.contains("/draft/") {
            app.refresh_drafts();
        }
        let Some(editor) = app.editor.get_untracked() else {
            return;
        };
        let id = editor.draft_id.clone();
        if key == storage::lease_key(&id) && !editor.read_only.get_untracked() {
            let taken = storage::lease(&id).is_some_and(|l| l.tab != tab_id());
            if taken {
                // Another tab took over: write our last changes, tell it, and stop editing.
                editor.save_now_even_if_read_only(app.save_status);
                storage::say_handed_off(&id);
                editor.read_only.set(true);
                app.notice.set(Some(
                    "另一个标签页已接管编辑该草稿。本页的修改已全部保存，本页现为只读查看。".into(),
                ));
            }
        } else if key == storage::handoff_key(&id) && app.taking_over.get_value() {
            complete_takeover(app);
        } else if key == storage::draft_key(&id)
            && editor.read_only.get_untracked()
            && !app.taking_over.get_value()
        {
            // Read-only view follows what the editing tab saves.
            reload(app, false);
        }
    });
}

/// Reopens the open draft from storage (after another tab wrote it).
fn reload(app: AppState, editable: bool) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    let id = editor.draft_id.clone();
    let memory = editor.memory();
    match storage::load(&id) {
        Ok(doc) => app.open_with(id, &doc, memory, false, !editable),
        Err(e) => app.notice.set(Some(e)),
    }
}

/// 接管编辑: takes the lease; the editing tab saves and answers, then this
/// tab reopens the draft as it was saved and edits it.
pub fn take_over(app: AppState) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    app.taking_over.set_value(true);
    storage::take_lease(&editor.draft_id, tab_id());
    // If the other tab is gone it never answers: go on after a short wait.
    set_timeout(move || complete_takeover(app), HANDOFF_WAIT);
}

fn complete_takeover(app: AppState) {
    if !app.taking_over.get_value() {
        return;
    }
    app.taking_over.set_value(false);
    reload(app, true);
    app.notice.set(None);
}
