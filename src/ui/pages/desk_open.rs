//! 审核台's `打开`: the line's file is read again (the page kept the `File`)
//! and becomes a draft of its own, as with 导入; a draft of the same unit and
//! year already in this browser is offered instead (`打开已有`), never
//! overwritten. The draft is written to storage here, and the app asked to
//! open it ([`OPEN_EVENT`]).

use std::borrow::Cow;

use leptos::prelude::*;

use crate::core::format::{decode_text, read_file, ReadError};
use crate::core::limits::MAX_FILE_BYTES;
use crate::core::model::Document;
use crate::storage::{self, Summary};
use crate::ui::context::errors_of;
use crate::ui::session::now_rfc3339;

use super::desk::OPEN_EVENT;
use super::desk_view::{Desk, Offer};

/// A file read for opening, and what to say about it.
#[derive(Clone, Debug)]
pub struct Read {
    pub document: Document,
    pub notes: Vec<String>,
}

/// Reads `bytes` as the worker and the checker do: UTF-8, or GB18030 when
/// every byte decodes so (and then says so).
fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    let mut notes = Vec::new();
    let text = match decode_text(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(not_utf8 @ ReadError::NotUtf8 { .. }) => {
            let options = web_sys::TextDecoderOptions::new();
            options.set_fatal(true);
            let gb = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
                .ok()
                .and_then(|d| d.decode_with_u8_array(bytes).ok());
            match gb {
                Some(text) => {
                    notes.push(
                        "文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取，请核对文字是否正确。"
                            .to_string(),
                    );
                    Cow::Owned(text)
                }
                None => return Err(not_utf8),
            }
        }
        Err(e) => return Err(e),
    };
    let imported = read_file(&text)?;
    notes.extend(imported.warnings.iter().map(|w| w.to_string()));
    Ok(Read {
        document: imported.document,
        notes,
    })
}

pub fn open_line(desk: Desk, id: usize) {
    let Some(file) = desk.file(id) else {
        return;
    };
    let name = file.name();
    desk.offer.set(None);
    desk.message.set(None);
    leptos::task::spawn_local(async move {
        let refuse = |why: String| desk.message.set(Some(format!("未能打开「{name}」：{why}")));
        if file.size() > MAX_FILE_BYTES as f64 {
            let bytes = file.size() as usize;
            return refuse(ReadError::TooLarge { bytes }.to_string());
        }
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            // Moved or deleted since it was chosen.
            Err(_) => {
                return refuse("无法再次读取文件，它可能已被移动或删除。请重新选择该文件。".into())
            }
        };
        let read = match read(&bytes) {
            Ok(r) => r,
            Err(e) => return refuse(e.to_string()),
        };
        let (unit, year) = (
            read.document.unit.name.trim().to_string(),
            read.document.year.trim().to_string(),
        );
        let existing = storage::summaries()
            .into_iter()
            .filter(|s| !unit.is_empty() && s.unit == unit && s.year == year)
            .max_by(|a, b| a.saved_at.cmp(&b.saved_at));
        match existing {
            Some(existing) => desk.offer.set(Some(Offer {
                file: name,
                existing,
                imported: read,
            })),
            None => save_as_new(desk, name, read),
        }
    });
}

/// Asks the app to open draft `id`, once the click that asked is over (the
/// app then takes this page away).
fn ask_app_to_open(id: String, all: bool, notice: String) {
    set_timeout(
        move || {
            let init = web_sys::CustomEventInit::new();
            let how = if all { "all" } else { "own" };
            init.set_detail(&format!("{id}\t{how}\t{notice}").into());
            let event = web_sys::CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init);
            if let (Ok(event), Some(window)) = (event, web_sys::window()) {
                let _ = window.dispatch_event(&event);
            }
        },
        std::time::Duration::ZERO,
    );
}

pub fn open_existing(s: &Summary) {
    ask_app_to_open(s.id.clone(), false, String::new());
}

/// Writes the file as a new draft and has the app open it, every finding
/// shown (a reviewer sees them all at once, as after 导入).
pub fn save_as_new(desk: Desk, name: String, read: Read) {
    let Read { document, notes } = read;
    let id = storage::new_id();
    match storage::save_with_errors(&id, &document, errors_of(&document)) {
        Ok(_) => {
            storage::note_source(&id, &name, &now_rfc3339());
            let notice = if notes.is_empty() {
                String::new()
            } else {
                format!("「{name}」：{}", notes.join(" "))
            };
            ask_app_to_open(id, true, notice);
        }
        Err(e) => desk.message.set(Some(format!(
            "未能把「{name}」保存到浏览器（{}），因此没有打开。可在草稿页用「导入 JSON」打开该文件。",
            e.message()
        ))),
    }
}

/// 打开已有 / 另存为新草稿, when the line's unit and year are already a draft.
#[component]
pub fn OpenOffer(desk: Desk) -> impl IntoView {
    let first = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if desk.offer.with(Option::is_some) {
            if let Some(b) = first.get() {
                let _ = b.focus();
            }
        }
    });
    move || {
        desk.offer.with(|p| {
            p.as_ref().map(|p| {
                let s = &p.existing;
                let text = format!(
                    "本浏览器中已有「{} {}」的草稿。打开已有的草稿，还是把「{}」另存为新草稿（两份都保留）？",
                    s.unit, s.year, p.file
                );
                view! {
                    <div class="desk-offer" role="group" aria-label="已有同一单位同一年度的草稿">
                        <p>{text}</p>
                        <button type="button" class="primary" node_ref=first on:click=move |_| {
                            if let Some(p) = desk.offer.try_update(Option::take).flatten() {
                                open_existing(&p.existing);
                            }
                        }>"打开已有"</button>
                        <button type="button" on:click=move |_| {
                            if let Some(p) = desk.offer.try_update(Option::take).flatten() {
                                save_as_new(desk, p.file, p.imported);
                            }
                        }>"另存为新草稿"</button>
                        <button type="button" on:click=move |_| desk.offer.set(None)>"取消"</button>
                    </div>
                }
            })
        })
    }
}
