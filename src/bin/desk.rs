//! 审核台 (review.md, "Many files at once") as a program of its own, fetched
//! only when 审核台 is opened, so the app's first load does not carry it. It
//! plays two parts:
//!
//! - in the page: the app (src/ui/pages/desk.rs) adds its script; it shows
//!   its page in the app's frame, now and whenever the app says so
//!   (`perf_goals::ui::start_desk`);
//! - in a Web Worker (the same script): reading and checking files with the
//!   same core as the app, so that a hundred files never freeze the page.
//!
//! Trunk builds it with `data-type="worker"` (index.html): a classic script
//! defining `wasm_bindgen`; scripts/hash-worker.sh adds the call that starts
//! it. The worker's protocol:
//!
//! - the worker says `{"ready":true}` once it can take files;
//! - the page posts `{id, file}` (a `File`, read here, off the main thread);
//! - the worker answers with one JSON text per file:
//!   `{"id":3,"ok":true,"cells":[…11, as core::summary::COLUMNS],"order":[grade,state]}`
//!   (`ok` false: the file was not read and the 说明 cell says why; `order`
//!   sorts the 自查等级 and 审核状态 columns by meaning, not by their text).

#[cfg(target_arch = "wasm32")]
fn main() {
    if !worker::install() {
        perf_goals::ui::start_desk();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "desk 是审核台在浏览器中的程序（页面和后台检查的 Web Worker），由 Trunk 构建为 wasm，不能在命令行运行。"
    );
    eprintln!("在命令行汇总多个文件请用：cargo run --release --bin perf-goals-check -- --summary 文件.json...");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use perf_goals::core::format::{decode_text, ReadError};
    use perf_goals::core::limits::MAX_FILE_BYTES;
    use perf_goals::core::open::read_file;
    use perf_goals::core::review::{Decision, ReviewState};
    use perf_goals::core::rules::validate;
    use perf_goals::core::summary::{cells, summary_row, SummaryLine};
    use serde_json::json;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Said beside a file read as GB18030, the same words as the checker's.
    const GB18030_NOTE: &str =
        "文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取，请核对文字是否正确";

    /// Answers every message from now on; false outside a worker.
    pub fn install() -> bool {
        let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
            return false;
        };
        let reply = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let answer = answer(&ev.data());
            let _ = reply.post_message(&JsValue::from_str(&answer));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
        true
    }

    fn answer(data: &JsValue) -> String {
        // Echoed back as given: the page numbers its files from 0.
        let id = js_sys::Reflect::get(data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|id| *id >= 0.0 && id.fract() == 0.0)
            .map(|id| id as u64);
        let file = js_sys::Reflect::get(data, &"file".into())
            .ok()
            .and_then(|f| f.dyn_into::<web_sys::File>().ok());
        let (line, order) = match file {
            Some(file) => summarise(&file),
            None => (
                refused(String::new(), "页面没有给出文件".into()),
                [None, None],
            ),
        };
        json!({
            "id": id,
            "ok": line.outcome.is_ok(),
            "cells": cells(&line),
            "order": order,
        })
        .to_string()
    }

    fn refused(file: String, reason: String) -> SummaryLine {
        SummaryLine {
            file,
            outcome: Err(reason),
            notes: Vec::new(),
        }
    }

    /// The file's line of the table, as `perf-goals-check --summary` has it,
    /// and its sort keys for 自查等级 and 审核状态.
    fn summarise(file: &web_sys::File) -> (SummaryLine, [Option<u64>; 2]) {
        let name = file.name();
        let size = file.size();
        if size > MAX_FILE_BYTES as f64 {
            let reason = ReadError::TooLarge {
                bytes: size as usize,
            };
            return (refused(name, reason.to_string()), [None, None]);
        }
        let bytes = match read_bytes(file) {
            Some(b) => b,
            None => return (refused(name, "无法读取文件".into()), [None, None]),
        };
        let mut notes = Vec::new();
        let read = match decode_text(&bytes) {
            Ok(text) => read_file(text),
            Err(not_utf8 @ ReadError::NotUtf8 { .. }) => match gb18030(&bytes) {
                Some(text) => {
                    notes.push(GB18030_NOTE.to_string());
                    read_file(&text)
                }
                None => Err(not_utf8),
            },
            Err(e) => Err(e),
        };
        match read {
            Ok(imported) => {
                notes.extend(imported.warnings.iter().map(|w| w.to_string()));
                let row = summary_row(&imported.document, &validate(&imported.document));
                let state = match row.review.state {
                    ReviewState::Unreviewed => 0,
                    ReviewState::InReview { round } => 1000 + round.min(999),
                    ReviewState::Reviewed { decision, round } => match decision {
                        None => 2000 + round.min(999),
                        Some(Decision::Returned) => 3000,
                        Some(Decision::ApprovedAfterChanges) => 4000,
                        Some(Decision::Approved) => 5000,
                    },
                };
                let order = [row.grade.map(|g| g as u64), Some(state)];
                let line = SummaryLine {
                    file: name,
                    outcome: Ok(row),
                    notes,
                };
                (line, order)
            }
            Err(e) => (refused(name, e.to_string()), [None, None]),
        }
    }

    /// The whole file: a worker may read synchronously.
    fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
        let reader = web_sys::FileReaderSync::new().ok()?;
        let buffer = reader.read_as_array_buffer(file).ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// GB18030 (an older Windows editor's "ANSI"), only when every byte decodes.
    fn gb18030(bytes: &[u8]) -> Option<String> {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(true);
        web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
            .ok()?
            .decode_with_u8_array(bytes)
            .ok()
    }
}
