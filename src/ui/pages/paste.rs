//! Last year's table in by paste. In a project: a table pasted anywhere in the
//! indicator table (HTML with a table of several cells, or tab-separated
//! text) opens the preview instead of landing in one cell, and 粘贴表格 opens
//! a box to paste into. On the start page, 粘贴表格 and 导入 Word 文档
//! (`pages::start`) each make a new draft through the same preview.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::session::Session;
use crate::ui::state::{DocState, ProjectState};

use super::paste_dialog::{Dialog, ImportDialog};
use super::paste_preview::{for_project, Target};
use super::paste_read::Clip;

/// 粘贴表格 beside 添加指标, and the paste of a table into the indicator table.
#[component]
pub fn PasteTable(project: ProjectState) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let session = expect_context::<Session>();
    let read_only = session.read_only;
    let dialog = RwSignal::new(Dialog::Closed);
    let button = NodeRef::<leptos::html::Button>::new();

    // The table region is the section this button stands in. Listened for on
    // the window (the region is the table's own markup), only while this
    // project's table is on screen.
    let pasted_into = project.clone();
    let handle = window_event_listener(leptos::ev::paste, move |ev| {
        if read_only.get_untracked() || !dialog.with_untracked(Dialog::is_closed) {
            return;
        }
        let region = button
            .get_untracked()
            .and_then(|b| b.closest("section").ok().flatten());
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = match (region, target) {
            (Some(region), Some(target)) => region.contains(Some(&target)),
            _ => false,
        };
        if !inside {
            return;
        }
        // Text, or one copied cell, is a normal paste into the field.
        let Some(grid) = Clip::of(&ev).and_then(|clip| clip.table(true)) else {
            return;
        };
        match for_project(doc, &pasted_into, &grid) {
            Ok(preview) => {
                ev.prevent_default();
                dialog.set(Dialog::Preview(Arc::new(preview)));
            }
            // A table of several rows that is not an indicator table: said
            // why, rather than dropped into one cell.
            Err(error) if grid.rows.len() > 1 => {
                ev.prevent_default();
                dialog.set(Dialog::Paste {
                    target: Target::Project(Box::new(doc), pasted_into.id),
                    error: Some(error),
                });
            }
            Err(_) => {}
        }
    });
    on_cleanup(move || handle.remove());

    let open = move |_| {
        dialog.set(Dialog::Paste {
            target: Target::Project(Box::new(doc), project.id),
            error: None,
        })
    };
    view! {
        <button type="button" class="secondary" node_ref=button on:click=open>"粘贴表格"</button>
        <ImportDialog dialog=dialog />
    }
}
