//! The life of an open draft across tabs and page loads: who may edit it (a
//! lease renewed by a heartbeat, watched through storage events, and checked
//! again whenever the page comes back from the back/forward cache, from being
//! frozen or hidden), taking over from another tab without losing its last
//! edits, and saving when the page is hidden or closed.
//!
//! Leases keep two tabs from editing at once; the draft's revision is what
//! guarantees it: a tab writes only over the revision it last loaded or
//! wrote, so a tab that slept through another's edits can never overwrite
//! them — it turns read-only, shows the stored draft, and offers its own text
//! for download.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::AppState;
use super::session::SaveStatus;
use crate::storage;
use crate::ui::session::tab_id;

/// How often an editing tab renews its lease (storage::LEASE_FRESH_MS is 3×).
const HEARTBEAT: Duration = Duration::from_millis(2000);
/// How long a tab taking over waits for the other to write its last changes.
const HANDOFF_WAIT: Duration = Duration::from_millis(1500);

/// Installed once by the app.
pub fn install(app: AppState) {
    // Save at once when the page is hidden or closed (switching tabs, closing
    // the window, shutting the PC down): no debounce may lose the last
    // keystrokes. Coming back (visible again, from the back/forward cache,
    // from being frozen), check who holds the draft before going on.
    let on_visibility = move |_: web_sys::Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            if let Some(editor) = app.editor.get_untracked() {
                editor.save_now(app.save_status);
            }
        } else {
            recheck(app);
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
    let _ = window_event_listener_untyped("pageshow", move |_| recheck(app));
    // Leaving asks only when something typed here is in no storage: the last
    // save failed or was refused, and its text was not downloaded.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        let failed = matches!(
            app.save_status.get_untracked(),
            SaveStatus::Failed(_) | SaveStatus::Conflict(_)
        );
        let unsaved = app
            .editor
            .with_untracked(|e| e.as_ref().is_some_and(|s| s.is_dirty()))
            || app.rescue.with_untracked(Option::is_some);
        if failed && unsaved {
            ev.prevent_default();
            ev.set_return_value("本页有未保存的内容");
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let on_resume = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || recheck(app));
        let _ =
            document.add_event_listener_with_callback("resume", on_resume.as_ref().unchecked_ref());
        // Listens for the page's whole life.
        on_resume.forget();
    }

    let _ = set_interval_with_handle(move || recheck(app), HEARTBEAT);

    // A draft just opened for editing: two tabs may have claimed its lease in
    // the same moment; a little later the lease says which one has it, and
    // the other turns read-only.
    Effect::new(move |_| {
        let opened = app.editor.with(|e| {
            e.as_ref()
                .filter(|s| !s.read_only.get_untracked())
                .map(|s| s.draft_id.clone())
        });
        if let Some(id) = opened {
            set_timeout(
                move || {
                    let still = app.editor.with_untracked(|e| {
                        e.as_ref()
                            .is_some_and(|s| s.draft_id == id && !s.read_only.get_untracked())
                    });
                    // Without storage no other tab can hold it: nothing to confirm.
                    if still && storage::available() && !storage::holds_lease(&id, tab_id()) {
                        lost(app);
                    }
                },
                Duration::from_millis(250),
            );
        }
    });

    // A refused save: show what is stored, offer this tab's text.
    Effect::new(move |_| {
        if matches!(app.save_status.get(), SaveStatus::Conflict(_)) {
            untrack(|| settle_conflict(app));
        }
    });

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
        if key == storage::draft_key(&id) && ev.new_value().is_none() {
            deleted_elsewhere(app);
        } else if key == storage::lease_key(&id) && !editor.read_only.get_untracked() {
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

/// Who holds the open draft, asked again: by the heartbeat, and when the page
/// comes back. An editing tab renews its lease only while nobody else holds
/// a fresh one, and only while the stored draft is the one it has.
fn recheck(app: AppState) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    // Without storage (refused by policy) there is nothing to share with
    // another tab, and no lease to hold.
    if editor.read_only.get_untracked() || app.taking_over.get_value() || !storage::available() {
        return;
    }
    let id = editor.draft_id.clone();
    if !storage::exists(&id) && editor.revision() > 0 {
        deleted_elsewhere(app);
    } else if storage::held_elsewhere(&id, tab_id()).is_some() {
        lost(app);
    } else if storage::revision(&id) != editor.revision() {
        // Another tab saved while this one slept: what is stored is newer.
        editor.keep_unsaved();
        offer_unsaved(app);
        storage::take_lease(&id, tab_id());
        reload(app, true);
    } else {
        storage::take_lease(&id, tab_id());
    }
}

/// This tab no longer holds the draft (another took it while this one slept,
/// or claimed it in the same moment): keep what was typed here for download,
/// show the stored draft read-only.
fn lost(app: AppState) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    editor.keep_unsaved();
    offer_unsaved(app);
    reload(app, false);
    app.notice.set(Some(
        "该草稿正在另一个标签页（或窗口）中编辑，本页改为只读查看。".into(),
    ));
}

fn deleted_elsewhere(app: AppState) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    editor.keep_unsaved();
    offer_unsaved(app);
    if app.rescue.with_untracked(Option::is_none) {
        // Even with nothing unsaved, the preparer may want what was on screen.
        app.rescue.set(Some(editor.backup_text()));
    }
    editor.read_only.set(true);
    app.notice.set(Some(
        "该草稿已在另一个标签页中被删除。本页为只读；如需保留，请下载本页的内容。".into(),
    ));
}

/// A save was refused: the stored draft is shown read-only, this tab's text
/// offered for download.
fn settle_conflict(app: AppState) {
    offer_unsaved(app);
    let deleted = app
        .editor
        .get_untracked()
        .is_some_and(|e| !storage::exists(&e.draft_id));
    if deleted {
        if let Some(editor) = app.editor.get_untracked() {
            editor.read_only.set(true);
        }
    } else {
        reload(app, false);
    }
}

fn offer_unsaved(app: AppState) {
    if let Some(text) = app.editor.get_untracked().and_then(|e| e.take_unsaved()) {
        app.rescue.set(Some(text));
    }
}

/// Reopens the open draft from storage (after another tab wrote it).
fn reload(app: AppState, editable: bool) {
    let Some(editor) = app.editor.get_untracked() else {
        return;
    };
    let id = editor.draft_id.clone();
    let memory = editor.memory();
    match storage::load_with_revision(&id) {
        Ok((doc, revision)) => app.open_with(id, &doc, revision, memory, false, !editable),
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
    if let Some(editor) = app.editor.get_untracked() {
        storage::clear_handed_off(&editor.draft_id);
        // The other tab may answer after the wait (frozen, or slow on a busy
        // PC): its last write is then refused, and kept there for download,
        // instead of landing under what is typed here.
        let _ = storage::advance_revision(&editor.draft_id);
    }
    reload(app, true);
    app.notice.set(None);
}
