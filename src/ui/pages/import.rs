//! 导入 JSON: a file (our JSON, or our printable HTML) becomes a draft of its
//! own, never over an existing one; a refused file changes nothing. It opens
//! on 检查与导出 with a banner: what the file claims, what the app finds.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::open::read_file;
use crate::storage;
use crate::ui::context::AppState;
use crate::ui::plain::claimed::claimed_status;
use crate::ui::session::{now_rfc3339, ImportFacts};
use crate::ui::widgets::files::{megabytes, read_text};
use crate::ui::widgets::tasks::next_task;

/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Reads the file chosen in `input` and opens it as a new draft.
pub fn import_from(app: AppState, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    // The same file may be chosen again after a refusal.
    input.set_value("");
    import_file(app, file);
}

/// Opens `file` as a new draft (导入 JSON, and 审核台's 打开).
pub fn import_file(app: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        app.notice.set(Some(format!(
            "未导入「{name}」：文件有 {}，超过 5 MB 的上限。绩效目标文件通常不到 1 MB，请确认选择的文件是否正确。",
            megabytes(&file)
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let (text, decoded_as) = match read_text(&file).await {
            Ok(read) => read,
            Err(why) => {
                app.notice.set(Some(format!("未导入「{name}」：{why}")));
                return;
            }
        };
        // The reader drops the file's own status: read it first, for the banner.
        let claimed = claimed_status(&text);
        let imported = match read_file(&text) {
            Ok(imported) => imported,
            Err(e) => {
                app.notice.set(Some(format!("未导入「{name}」：{e}")));
                return;
            }
        };
        drop(text);
        next_task().await;
        let doc = &imported.document;
        let (unit, year) = (
            doc.unit.name.trim().to_string(),
            doc.year.trim().to_string(),
        );
        let same = storage::summaries()
            .into_iter()
            .find(|s| !unit.is_empty() && s.unit == unit && s.year == year);
        // Saved before it is shown; a reviewer sees every finding at once,
        // from 检查与导出.
        let memory = storage::UiMemory {
            step: "review".into(),
            ..Default::default()
        };
        let id = app.create_in_slices(doc, memory, true).await;
        storage::note_source(&id, &name, &now_rfc3339());
        // The file's warnings are in the banner above the editor.
        if let Some(session) = app.editor.get_untracked().filter(|s| s.draft_id == id) {
            session.imported.set(Some(ImportFacts {
                file: name.clone(),
                claimed,
                warnings: imported.warnings.iter().map(ToString::to_string).collect(),
            }));
        }
        let mut said: Vec<String> = Vec::new();
        said.extend(decoded_as);
        if let Some(s) = same {
            said.push(format!(
                "已导入「{name}」为新草稿。本浏览器中已有「{} {}」的草稿，两份都保留，可在草稿列表中分别打开。",
                s.unit, s.year
            ));
        }
        if !said.is_empty() {
            app.notice.set(Some(said.join(" ")));
        }
    });
}

/// The start page's one file input, hidden: 导入 JSON opens it.
#[component]
pub fn JsonFileInput(node_ref: NodeRef<leptos::html::Input>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            import_from(app, el);
        }
    };
    view! {
        <input
            type="file"
            accept=".json,.html,.htm,application/json,text/html"
            class="sr-only"
            tabindex="-1"
            aria-hidden="true"
            node_ref=node_ref
            on:change=on_change
        />
    }
}
