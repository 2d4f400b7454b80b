//! 已删除 · 撤销: a deletion can be taken back for a while from a line that
//! says what went, and with Ctrl+Z (outside a text field, where Ctrl+Z is the
//! browser's own undo of typing).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::session::Session;
use crate::ui::state::Removed;
use crate::ui::widgets::dom::focus_later;

/// How long the line offers 撤销 (Ctrl+Z works as long as the draft is open).
const OFFER: Duration = Duration::from_secs(12);

fn what(removed: &Removed) -> String {
    match removed {
        Removed::Paragraph { list, index, .. } => format!("{}第{}段", list.label(), index + 1),
        Removed::Goal { index, .. } => format!("绩效目标 {}", index + 1),
        Removed::Row { index, row, .. } => {
            let name = row.name.trim();
            if name.is_empty() {
                format!("指标第{}行", index + 1)
            } else {
                format!("指标第{}行「{name}」", index + 1)
            }
        }
        Removed::Project { project, .. } => {
            let name = project.name.trim();
            format!(
                "项目「{}」",
                if name.is_empty() {
                    "未命名项目"
                } else {
                    name
                }
            )
        }
    }
}

fn undo(session: &Session) {
    if let Some(target) = session.undo_last() {
        focus_later(target);
    }
}

#[component]
pub fn UndoBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let offered = RwSignal::new(None::<String>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let stack = session.undo;
    Effect::new(move |before: Option<usize>| {
        let now = stack.0.with(Vec::len);
        if before.is_some_and(|b| now > b) {
            offered.set(stack.last().map(|r| what(&r)));
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            timer.set_value(set_timeout_with_handle(move || offered.set(None), OFFER).ok());
        } else if before.is_some_and(|b| now < b) {
            offered.set(None);
        }
        now
    });
    let keys = session.clone();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl_z = (ev.ctrl_key() || ev.meta_key())
            && !ev.shift_key()
            && ev.key().eq_ignore_ascii_case("z");
        if !ctrl_z {
            return;
        }
        let in_text = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| {
                e.dyn_ref::<web_sys::HtmlInputElement>().is_some()
                    || e.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
            });
        if !in_text && stack.0.with_untracked(|u| !u.is_empty()) {
            ev.prevent_default();
            undo(&keys);
        }
    });
    on_cleanup(move || handle.remove());
    let clicked = session.clone();
    view! {
        <div class="undo-bar" aria-live="polite">
            {move || offered.get().map(|name| {
                let session = clicked.clone();
                view! {
                    <span>{format!("已删除{name}")}</span>
                    " · "
                    <button type="button" class="link" on:click=move |_| {
                        offered.set(None);
                        undo(&session);
                    }>"撤销"</button>
                }
            })}
        </div>
    }
}
