//! The import dialog: first, for 粘贴表格, a box to paste into; then the
//! preview of what would land, with 确认导入 and 取消. A modal `<dialog>`
//! (the page behind it is inert); the focus moves in when it opens, Esc
//! cancels, and on cancel the focus goes back where it was. Nothing is
//! written before 确认导入.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::context::AppState;
use crate::ui::session::Session;
use crate::ui::widgets::dom::focus_later;

use super::paste_land::land;
use super::paste_preview::{for_new_draft, for_project, only_rows, Landing, Preview, Target};
use super::paste_read::Clip;
use super::paste_view::fill;

const TITLE_ID: &str = "import-dialog-title";
const PASTE_AREA_ID: &str = "import-dialog-paste";

#[derive(Clone)]
pub enum Dialog {
    Closed,
    /// Waiting for a paste, with why the last one was not taken.
    Paste {
        target: Target,
        error: Option<String>,
    },
    Preview(Arc<Preview>),
}

impl Dialog {
    pub fn is_closed(&self) -> bool {
        matches!(self, Dialog::Closed)
    }
}

/// What a paste into the dialog's box gives for `target`.
pub fn read_paste(target: &Target, clip: &Clip) -> Result<Preview, String> {
    match target {
        Target::NewDraft => for_new_draft(clip),
        Target::Project(doc, id) => match (clip.table(false), untrack(|| doc.project(*id))) {
            (Some(grid), Some(project)) => for_project(*doc, &project, &grid),
            _ => Err(NOT_A_TABLE.to_string()),
        },
    }
}

pub const NOT_A_TABLE: &str =
    "粘贴的内容不是表格。请在 Word、WPS 或 Excel 中选中整张表格（连同表头）复制后再粘贴。";

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

#[component]
pub fn ImportDialog(dialog: RwSignal<Dialog>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let session = use_context::<Session>();
    let node = NodeRef::<leptos::html::Dialog>::new();
    let body = NodeRef::<leptos::html::Div>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // Fills the preview, opens the modal and moves the focus in: to the
    // paste box, or to the preview's heading (so its summary is read first).
    Effect::new(move |_| {
        let state = dialog.get();
        let Some(el) = node.get() else { return };
        if let (Dialog::Preview(preview), Some(container)) = (&state, body.get()) {
            fill(&container, preview);
        }
        if state.is_closed() {
            return;
        }
        if !el.open() {
            opener.set_value(active_element());
            let _ = el.show_modal();
        }
        let target = if matches!(state, Dialog::Paste { .. }) {
            PASTE_AREA_ID
        } else {
            TITLE_ID
        };
        focus_later(target.to_string());
    });

    let close = move |restore: bool| {
        if let Some(el) = node.get_untracked() {
            if el.open() {
                el.close();
            }
        }
        dialog.set(Dialog::Closed);
        if restore {
            if let Some(el) = opener.get_value() {
                let _ = el.focus();
            }
        }
        opener.set_value(None);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close(true);
        }
    };
    // Closed by the browser itself (a close request): nothing is written.
    let on_close = move |_| {
        if !dialog.with_untracked(Dialog::is_closed) {
            close(true);
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        ev.prevent_default();
        let Dialog::Paste { target, .. } = dialog.get_untracked() else {
            return;
        };
        let read = Clip::of(&ev)
            .ok_or_else(|| NOT_A_TABLE.to_string())
            .and_then(|clip| read_paste(&target, &clip));
        dialog.set(match read {
            Ok(preview) => Dialog::Preview(Arc::new(preview)),
            Err(error) => Dialog::Paste {
                target,
                error: Some(error),
            },
        });
    };
    let confirm = move |_| {
        let Dialog::Preview(preview) = dialog.get_untracked() else {
            return;
        };
        close(false);
        land(preview.landing.clone(), app, session.clone());
    };
    let rows_only = move |_| {
        if let Dialog::Preview(preview) = dialog.get_untracked() {
            if let Some(p) = only_rows(&preview) {
                dialog.set(Dialog::Preview(Arc::new(p)));
            }
        }
    };

    let content = move || {
        match dialog.get() {
        Dialog::Closed => ().into_any(),
        Dialog::Paste { error, .. } => view! {
            <h2 id=TITLE_ID tabindex="-1">"粘贴表格"</h2>
            <p>"在 Word、WPS 或 Excel 中选中整张表格（连同表头）并复制，然后在下框中按 Ctrl+V 粘贴。可以是一张绩效指标表，也可以是整张项目支出绩效目标表。"</p>
            <textarea
                id=PASTE_AREA_ID
                class="paste-area"
                rows="4"
                aria-label="在此粘贴表格"
                placeholder="在此按 Ctrl+V 粘贴"
                on:paste=on_paste
                // Typing here means nothing: only a paste is read.
                on:input=move |ev| {
                    if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                        t.set_value("");
                    }
                }
            ></textarea>
            {error.map(|e| view! { <p class="paste-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| close(true)>"取消"</button>
            </div>
        }
        .into_any(),
        Dialog::Preview(preview) => {
            let is_project = matches!(preview.landing, Landing::Project { .. });
            view! {
                <h2 id=TITLE_ID tabindex="-1">"导入预览"</h2>
                // Filled by `fill` once on screen (what lands, its findings, the notes).
                <div class="preview" node_ref=body></div>
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=confirm.clone()>"确认导入"</button>
                    {is_project.then(|| view! {
                        <button type="button" on:click=rows_only>"只添加指标到本项目"</button>
                    })}
                    <button type="button" on:click=move |_| close(true)>"取消"</button>
                </div>
            }
            .into_any()
        }
        }
    };

    view! {
        <dialog
            node_ref=node
            class="import-dialog"
            aria-labelledby=TITLE_ID
            on:keydown=on_keydown
            on:close=on_close
        >
            {content}
        </dialog>
    }
}
