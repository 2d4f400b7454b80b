//! 导入 JSON: a file (our JSON, or our printable HTML) becomes a draft of its
//! own, never over an existing one; a refused file changes nothing. It opens
//! on 检查与导出 with a banner: what the file claims, what the app finds.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::format::read_file;
use crate::storage;
use crate::ui::context::{errors_of, AppState};
use crate::ui::plain::claimed::claimed_status;
use crate::ui::session::{now_rfc3339, ImportFacts};

/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Reads the file chosen in `input` and opens it as a new draft.
pub fn import_from(app: AppState, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    // The same file may be chosen again after a refusal.
    input.set_value("");
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        // Whole tenths of a MB, without pulling float formatting into the wasm.
        let tenths = (file.size() / 104_857.6) as u64;
        app.notice.set(Some(format!(
            "未导入「{name}」：文件有 {}.{} MB，超过 5 MB 的上限。绩效目标文件通常不到 1 MB，请确认选择的文件是否正确。",
            tenths / 10,
            tenths % 10
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) => {
                app.notice
                    .set(Some(format!("未导入「{name}」：无法读取文件。")));
                return;
            }
        };
        // The reader drops the file's own status: read it first, for the banner.
        let claimed = claimed_status(&text);
        let doc = match read_file(&text) {
            Ok(doc) => doc,
            Err(e) => {
                app.notice.set(Some(format!("未导入「{name}」：{e}")));
                return;
            }
        };
        let (unit, year) = (
            doc.unit.name.trim().to_string(),
            doc.year.trim().to_string(),
        );
        let same = storage::summaries()
            .into_iter()
            .find(|s| !unit.is_empty() && s.unit == unit && s.year == year);
        let id = storage::new_id();
        // A reviewer sees every finding at once, from 检查与导出.
        let memory = storage::UiMemory {
            step: "review".into(),
            ..Default::default()
        };
        app.open(id.clone(), &doc, memory, true);
        if let Some(session) = app.editor.get_untracked() {
            session.imported.set(Some(ImportFacts {
                file: name.clone(),
                claimed,
                warnings: doc.warnings.iter().map(ToString::to_string).collect(),
            }));
        }
        app.notice.set(same.map(|s| {
            format!(
                "已导入「{name}」为新草稿。本浏览器中已有「{} {}」的草稿，两份都保留，可在草稿列表中分别打开。",
                s.unit, s.year
            )
        }));
        // Written once the editor is on screen: the preparer sees the file at
        // once, and the draft is in storage a moment later. (No refresh of the
        // start page's list: it is read anew when the preparer goes back.)
        // (The frame callback comes before the paint; the timeout after it.)
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let saved = storage::save_with_errors(&id, &doc, errors_of(&doc));
                    storage::note_source(&id, &name, &now_rfc3339());
                    if let Err(e) = saved {
                        app.notice.set(Some(format!(
                            "「{name}」已打开，但未能保存到浏览器：{}",
                            e.message()
                        )));
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
}

/// The hidden file input and the button that opens it.
#[component]
pub fn ImportButton() -> impl IntoView {
    let app = expect_context::<AppState>();
    let input = NodeRef::<leptos::html::Input>::new();
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
            node_ref=input
            on:change=on_change
        />
        <button type="button" on:click=move |_| {
            if let Some(el) = input.get() {
                el.click();
            }
        }>"导入 JSON"</button>
    }
}
