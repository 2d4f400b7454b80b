//! The only code that touches browser storage (localStorage, through
//! gloo-storage). One key per draft, holding the document JSON of format.md,
//! plus a small index for the start page; every key carries the format version.
//! A draft this app cannot read (damaged, or written by a newer version) is
//! listed, never opened and never overwritten.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::core::findings::Counts;
use crate::core::format::{read_document, write_document, ReadError};
use crate::core::model::{Document, FORMAT_VERSION};
use crate::core::rules::{status_of, validate};

const PREFIX: &str = "perf-goals/v1/";

fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft/{id}")
}

fn ui_key(id: &str) -> String {
    format!("{PREFIX}ui/{id}")
}

const INDEX_KEY: &str = "perf-goals/v1/index";
const LAST_OPEN_KEY: &str = "perf-goals/v1/last-open";

/// One line of the start page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub unit: String,
    pub year: String,
    pub projects: usize,
    pub errors: usize,
    pub saved_at: String,
}

impl Summary {
    pub fn of(id: &str, doc: &Document, errors: usize) -> Self {
        Summary {
            id: id.to_string(),
            unit: doc.unit.name.trim().to_string(),
            year: doc.year.trim().to_string(),
            projects: doc.projects.len(),
            errors,
            saved_at: doc.saved_at.clone(),
        }
    }
}

/// A stored draft as the start page lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Readable(Summary),
    /// Not JSON, or not our shape: kept as it is, offered for download.
    Damaged {
        key: String,
        reason: String,
    },
    /// Written by a newer version of the app: listed, not opened.
    Newer {
        key: String,
        version: u64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// QuotaExceededError: the browser's storage for this site is full.
    Full,
    /// Storage is switched off (private mode, policy) or failed.
    Unavailable(String),
}

impl SaveError {
    pub fn message(&self) -> String {
        match self {
            SaveError::Full => "浏览器存储空间已满。内容仍在本页中，请立即点击「下载 JSON」保存备份，再删除不用的草稿。".into(),
            SaveError::Unavailable(why) => format!("浏览器不允许保存（{why}）。内容只在本页中，关闭或刷新前请下载 JSON。"),
        }
    }
}

fn classify(err: wasm_bindgen::JsValue) -> SaveError {
    use wasm_bindgen::JsCast;
    match err.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => SaveError::Full,
        Some(e) => SaveError::Unavailable(e.message()),
        None => SaveError::Unavailable(format!("{err:?}")),
    }
}

/// Whether the browser lets this page use localStorage at all.
pub fn available() -> bool {
    LocalStorage::raw()
        .set_item("perf-goals/probe", "1")
        .is_ok()
        && LocalStorage::raw().remove_item("perf-goals/probe").is_ok()
}

fn raw_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn all_keys() -> Vec<String> {
    let storage = LocalStorage::raw();
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Every draft stored in this browser, newest first, readable or not.
pub fn entries() -> Vec<Entry> {
    let mut entries = Vec::new();
    for key in all_keys() {
        let Some(rest) = key.strip_prefix("perf-goals/v") else {
            continue;
        };
        let Some((version, tail)) = rest.split_once('/') else {
            continue;
        };
        let Some(id) = tail.strip_prefix("draft/") else {
            continue;
        };
        match version.parse::<u64>() {
            Ok(v) if v > FORMAT_VERSION => entries.push(Entry::Newer {
                key: key.clone(),
                version: v,
            }),
            Ok(_) => {
                let text = raw_get(&key).unwrap_or_default();
                entries.push(match read_document(&text) {
                    Ok(doc) => {
                        let errors = Counts::of(&validate(&doc)).errors;
                        Entry::Readable(Summary::of(id, &doc, errors))
                    }
                    Err(ReadError::NewerVersion { found, .. }) => Entry::Newer {
                        key: key.clone(),
                        version: found,
                    },
                    Err(e) => Entry::Damaged {
                        key: key.clone(),
                        reason: e.to_string(),
                    },
                });
            }
            Err(_) => {}
        }
    }
    entries.sort_by(|a, b| saved_at(b).cmp(saved_at(a)));
    entries
}

fn saved_at(e: &Entry) -> &str {
    match e {
        Entry::Readable(s) => &s.saved_at,
        _ => "",
    }
}

/// The raw text of a stored entry (a damaged one is offered for download).
pub fn raw(key: &str) -> Option<String> {
    raw_get(key)
}

pub fn load(id: &str) -> Result<Document, String> {
    let text = raw_get(&draft_key(id)).ok_or_else(|| "找不到该草稿，可能已被删除。".to_string())?;
    read_document(&text).map_err(|e| e.to_string())
}

/// Writes the draft and its line in the index. A draft is written as it was
/// typed (not trimmed), so a reload gives back every character.
pub fn save(id: &str, doc: &Document) -> Result<Summary, SaveError> {
    let findings = validate(doc);
    let text = write_document(doc, status_of(&findings));
    let storage = LocalStorage::raw();
    storage.set_item(&draft_key(id), &text).map_err(classify)?;
    let summary = Summary::of(id, doc, Counts::of(&findings).errors);
    let mut index: Vec<Summary> = LocalStorage::get(INDEX_KEY).unwrap_or_default();
    index.retain(|s| s.id != id);
    index.push(summary.clone());
    // The index is a cache: a failure to write it loses nothing.
    let _ = LocalStorage::set(INDEX_KEY, &index);
    Ok(summary)
}

pub fn delete(id: &str) {
    LocalStorage::delete(draft_key(id));
    LocalStorage::delete(ui_key(id));
    let mut index: Vec<Summary> = LocalStorage::get(INDEX_KEY).unwrap_or_default();
    index.retain(|s| s.id != id);
    let _ = LocalStorage::set(INDEX_KEY, &index);
    if last_open().as_deref() == Some(id) {
        LocalStorage::delete(LAST_OPEN_KEY);
    }
}

/// What the editor remembers of a draft besides the document: the open step
/// and which fields' findings were shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UiMemory {
    pub step: String,
    pub shown: Vec<crate::core::findings::Location>,
    pub all_shown: bool,
}

pub fn save_ui(id: &str, memory: &UiMemory) {
    let _ = LocalStorage::set(ui_key(id), memory);
}

pub fn load_ui(id: &str) -> UiMemory {
    LocalStorage::get(ui_key(id)).unwrap_or_default()
}

pub fn set_last_open(id: Option<&str>) {
    match id {
        Some(id) => {
            let _ = LocalStorage::set(LAST_OPEN_KEY, id);
        }
        None => LocalStorage::delete(LAST_OPEN_KEY),
    }
}

pub fn last_open() -> Option<String> {
    LocalStorage::get(LAST_OPEN_KEY).ok()
}

/// A new draft id: time and randomness, so two tabs never pick the same one.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{now:x}-{random:x}")
}
