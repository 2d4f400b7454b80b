//! 导入 Word 文档: a .docx read in the browser into the import preview of a
//! new draft. Every call into the .docx reader (zip, inflate, XML) is in
//! [`read_docx`], the one function to move into a worker of its own when the
//! importer leaves the first load. .doc, .wps and .et files get the core's
//! message; a web page saved as .doc is read with the browser's HTML parser.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::import::docx::{self, document_from_blocks, DocumentRead, DocxError};
use crate::ui::context::AppState;
use crate::ui::widgets::files::megabytes;

use super::paste_dialog::Dialog;
use super::paste_preview::for_document;
use super::paste_read::Clip;

/// Larger files are refused before they are read (a document of tables with
/// a few pictures stays well under it).
pub const MAX_WORD_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads a Word file: the only call into `core::import::docx`'s file reader.
pub fn read_docx(file_name: &str, bytes: &[u8]) -> Result<DocumentRead, DocxError> {
    docx::read_named(file_name, bytes)
}

/// A web page saved with a .doc name (common from web systems), read as a
/// paste of that page would be. UTF-8, else GB18030 (older Windows pages).
fn read_html_file(bytes: &[u8]) -> Result<DocumentRead, String> {
    let html = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => web_sys::TextDecoder::new_with_label("gb18030")
            .and_then(|d| d.decode_with_u8_array(bytes))
            .map_err(|_| DocxError::Html.to_string())?,
    };
    let clip = Clip {
        html,
        text: String::new(),
    };
    document_from_blocks(&clip.blocks()).map_err(|e| e.to_string())
}

/// Reads `bytes` of the file `name`, timed for the benchmark
/// (`performance.measure` named `perf-goals:docx-read`).
fn read_timed(name: &str, bytes: &[u8]) -> Result<DocumentRead, String> {
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("perf-goals:docx-start");
    }
    let read = match read_docx(name, bytes) {
        Err(DocxError::Html) => read_html_file(bytes),
        other => other.map_err(|e| e.to_string()),
    };
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark("perf-goals:docx-read", "perf-goals:docx-start");
        p.clear_marks_with_mark_name("perf-goals:docx-start");
    }
    read
}

fn import_word(app: AppState, dialog: RwSignal<Dialog>, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    // The same file may be chosen again after a refusal.
    input.set_value("");
    let name = file.name();
    if file.size() > MAX_WORD_BYTES {
        app.notice.set(Some(format!(
            "未导入「{name}」：文件有 {}，超过 20 MB 的上限。请确认选择的文件是否正确。",
            megabytes(&file)
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                app.notice
                    .set(Some(format!("未导入「{name}」：无法读取文件。")));
                return;
            }
        };
        match read_timed(&name, &bytes) {
            Ok(read) => {
                app.notice.set(None);
                dialog.set(Dialog::Preview(Arc::new(for_document(read, name))));
            }
            Err(why) => app.notice.set(Some(format!("未导入「{name}」：{why}"))),
        }
    });
}

/// The file types offered; old formats too, so that they get their message.
const ACCEPT: &str = ".docx,.doc,.wps,.et,.xls,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword";

/// Opens the browser's file chooser on a file input made for this one choice
/// and never put in the page (the page keeps one file input, 导入 JSON's).
pub fn choose_file(app: AppState, dialog: RwSignal<Dialog>) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("input").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let Some(input) = input else {
        app.notice.set(Some("无法打开选择文件的窗口。".to_string()));
        return;
    };
    input.set_type("file");
    input.set_accept(ACCEPT);
    let chosen = input.clone();
    let on_change = wasm_bindgen::closure::Closure::once_into_js(move || {
        import_word(app, dialog, chosen);
    });
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.click();
}
