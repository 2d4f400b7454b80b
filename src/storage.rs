//! The only code that touches browser storage (localStorage). One key per
//! draft, holding the document JSON of format.md, plus a small index for the
//! start page; every key carries the format version. A draft this app cannot
//! read (damaged, or written by a newer version) is listed, never opened and
//! never overwritten.
//!
//! Written on web_sys directly, not gloo-storage: gloo's `LocalStorage::raw()`
//! throws when the browser refuses storage (private mode, policy), and the app
//! must then go on working in memory.
//!
//! Storage stores; it does not validate: the start page's error counts come
//! from the index, written with each draft, and for a draft the index does not
//! list (written by an older version) from the shell, which asks the core.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::core::format::{read_document, write_document_compact, ReadError, Status};
use crate::core::model::{Document, FORMAT_VERSION};

const PREFIX: &str = "perf-goals/v1/";
const INDEX_KEY: &str = "perf-goals/v1/index";
const LAST_OPEN_KEY: &str = "perf-goals/v1/last-open";

pub fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft/{id}")
}

fn ui_key(id: &str) -> String {
    format!("{PREFIX}ui/{id}")
}

pub fn lease_key(id: &str) -> String {
    format!("{PREFIX}lease/{id}")
}

pub fn handoff_key(id: &str) -> String {
    format!("{PREFIX}handoff/{id}")
}

/// The draft's revision: bumped by every write, so a tab writes only over the
/// version it last loaded or wrote (never over another tab's edits).
pub fn revision_key(id: &str) -> String {
    format!("{PREFIX}rev/{id}")
}

/// The stored revision of draft `id` (0 when it has none: not there, or
/// written before revisions existed).
pub fn revision(id: &str) -> u64 {
    get_raw(&revision_key(id))
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

/// Whether draft `id` is (still) stored.
pub fn exists(id: &str) -> bool {
    get_raw(&draft_key(id)).is_some()
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether the browser lets this page keep anything in localStorage.
pub fn available() -> bool {
    local().is_some_and(|s| {
        s.set_item("perf-goals/probe", "1").is_ok() && s.remove_item("perf-goals/probe").is_ok()
    })
}

fn get_raw(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

fn set_raw(key: &str, value: &str) -> Result<(), SaveError> {
    let storage = local().ok_or_else(|| SaveError::Unavailable("浏览器禁用了本地存储".into()))?;
    storage.set_item(key, value).map_err(classify)
}

fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&get_raw(key)?).ok()
}

fn set_json<T: Serialize>(key: &str, value: &T) -> Result<(), SaveError> {
    set_raw(key, &serde_json::to_string(value).unwrap_or_default())
}

/// One line of the start page, kept in the index beside each draft so the
/// list needs no draft parsed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub unit: String,
    pub year: String,
    pub projects: usize,
    pub errors: usize,
    pub saved_at: String,
    /// The file a draft was imported from, and when (empty for one made here).
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub imported_at: String,
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
            source: String::new(),
            imported_at: String::new(),
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
    /// Another tab wrote the draft (or deleted it) since this one loaded it.
    Conflict { deleted: bool },
}

impl SaveError {
    pub fn message(&self) -> String {
        match self {
            SaveError::Full => "浏览器存储空间已满。内容仍在本页中，请立即点击「下载 JSON」保存备份，再删除不用的草稿。".into(),
            SaveError::Unavailable(why) => {
                format!("浏览器不允许保存（{why}）。内容只在本页中，关闭或刷新前请点击「下载 JSON」保存。")
            }
            SaveError::Conflict { deleted: true } => {
                "该草稿已在另一个标签页中被删除，本页的修改未保存。请下载本页的内容留作备份。".into()
            }
            SaveError::Conflict { deleted: false } => {
                "该草稿已在另一个标签页中修改，本页较早的修改未覆盖它。本页已改为只读并显示最新内容；本页未保存的修改可下载留作备份。".into()
            }
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

fn all_keys() -> Vec<String> {
    let Some(storage) = local() else {
        return Vec::new();
    };
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Every stored draft's key, format version and id.
fn draft_keys() -> Vec<(String, u64, String)> {
    all_keys()
        .into_iter()
        .filter_map(|key| {
            let rest = key.strip_prefix("perf-goals/v")?;
            let (version, tail) = rest.split_once('/')?;
            let id = tail.strip_prefix("draft/")?.to_string();
            let version = version.parse::<u64>().ok()?;
            Some((key, version, id))
        })
        .collect()
}

fn newest_first(entries: &mut [Entry]) {
    let saved = |e: &Entry| match e {
        Entry::Readable(s) => s.saved_at.clone(),
        _ => String::new(),
    };
    entries.sort_by_key(|e| std::cmp::Reverse(saved(e)));
}

/// Every draft stored in this browser, newest first, readable or not. Keys
/// of any format version are listed: a newer app's drafts are shown, not touched.
/// A draft the index lists is not read; one it does not list is read, its
/// errors counted by `count_errors` (the shell asks the core), and indexed.
pub fn entries(count_errors: impl Fn(&Document) -> usize) -> Vec<Entry> {
    let index = summaries();
    let mut repaired = Vec::new();
    let mut entries = Vec::new();
    for (key, version, id) in draft_keys() {
        if version > FORMAT_VERSION {
            entries.push(Entry::Newer { key, version });
            continue;
        }
        if let Some(s) = index.iter().find(|s| s.id == id) {
            entries.push(Entry::Readable(s.clone()));
            continue;
        }
        let text = get_raw(&key).unwrap_or_default();
        entries.push(match read_document(&text) {
            Ok(doc) => {
                let summary = Summary::of(&id, &doc, count_errors(&doc));
                repaired.push(summary.clone());
                Entry::Readable(summary)
            }
            Err(ReadError::NewerVersion { found, .. }) => Entry::Newer {
                key,
                version: found,
            },
            Err(e) => Entry::Damaged {
                key,
                reason: e.to_string(),
            },
        });
    }
    if !repaired.is_empty() {
        let mut index = index;
        index.extend(repaired);
        let _ = set_json(INDEX_KEY, &index);
    }
    newest_first(&mut entries);
    entries
}

/// The same list when the index lists every draft, so that none has to be
/// read (the start program shows it without the core); `None` otherwise.
pub fn listed_entries() -> Option<Vec<Entry>> {
    let index = summaries();
    let mut entries = Vec::new();
    for (key, version, id) in draft_keys() {
        if version > FORMAT_VERSION {
            entries.push(Entry::Newer { key, version });
        } else {
            entries.push(Entry::Readable(index.iter().find(|s| s.id == id)?.clone()));
        }
    }
    newest_first(&mut entries);
    Some(entries)
}

/// The drafts' summaries as the index has them: cheap (no draft is parsed),
/// for questions such as "is there a draft of this unit and year already?".
pub fn summaries() -> Vec<Summary> {
    get_json(INDEX_KEY).unwrap_or_default()
}

/// The raw text of a stored entry (a damaged one is offered for download).
pub fn raw(key: &str) -> Option<String> {
    get_raw(key)
}

pub fn load(id: &str) -> Result<Document, String> {
    load_with_revision(id).map(|(doc, _)| doc)
}

/// The draft and the revision it is at.
pub fn load_with_revision(id: &str) -> Result<(Document, u64), String> {
    // The revision first: a write in between makes it older, never newer, so
    // a save from what is loaded here is refused rather than overwriting.
    let revision = revision(id);
    let text = get_raw(&draft_key(id)).ok_or_else(|| "找不到该草稿，可能已被删除。".to_string())?;
    read_document(&text)
        .map(|doc| (doc, revision))
        .map_err(|e| e.to_string())
}

/// Writes a draft whatever is stored (a new draft, an import, a copy), for a
/// caller that knows how many errors the document has.
pub fn save_with_errors(id: &str, doc: &Document, errors: usize) -> Result<Summary, SaveError> {
    save_draft(id, doc, errors, None).map(|(summary, _)| summary)
}

/// Writes the draft and its line in the index. With `expected`, only when the
/// stored revision is still that one (else `Conflict`: another tab wrote or
/// deleted it since); gives the new revision. A draft is written as it was
/// typed (not trimmed), so a reload gives back every character. The index
/// line keeps where the draft came from.
pub fn save_draft(
    id: &str,
    doc: &Document,
    errors: usize,
    expected: Option<u64>,
) -> Result<(Summary, u64), SaveError> {
    let status = if errors == 0 {
        Status::Complete
    } else {
        Status::Draft
    };
    save_text(
        id,
        &write_document_compact(doc, status),
        Summary::of(id, doc, errors),
        expected,
    )
}

/// [`save_draft`] for a caller that has serialised the draft already (the
/// editor keeps that text as its crash backup too).
pub fn save_text(
    id: &str,
    text: &str,
    summary: Summary,
    expected: Option<u64>,
) -> Result<(Summary, u64), SaveError> {
    let now = revision(id);
    if let Some(expected) = expected {
        if now != expected || (expected > 0 && !exists(id)) {
            return Err(SaveError::Conflict {
                deleted: !exists(id),
            });
        }
    }
    set_raw(&draft_key(id), text)?;
    let next = now + 1;
    set_raw(&revision_key(id), &next.to_string())?;
    let mut index: Vec<Summary> = get_json(INDEX_KEY).unwrap_or_default();
    let mut summary = summary;
    if let Some(before) = index.iter().find(|s| s.id == id) {
        summary.source = before.source.clone();
        summary.imported_at = before.imported_at.clone();
    }
    index.retain(|s| s.id != id);
    index.push(summary.clone());
    // The index is a cache of what the drafts say: failing to write it loses nothing.
    let _ = set_json(INDEX_KEY, &index);
    Ok((summary, next))
}

/// Moves draft `id` to a new revision without changing its text, so that a
/// write based on the one before is refused (a tab that took too long to
/// hand a draft over). Gives the new revision.
pub fn advance_revision(id: &str) -> Result<u64, SaveError> {
    let next = revision(id) + 1;
    set_raw(&revision_key(id), &next.to_string())?;
    Ok(next)
}

/// Notes in the index that draft `id` was imported from file `source` at `at`.
pub fn note_source(id: &str, source: &str, at: &str) {
    let mut index: Vec<Summary> = get_json(INDEX_KEY).unwrap_or_default();
    if let Some(s) = index.iter_mut().find(|s| s.id == id) {
        s.source = source.to_string();
        s.imported_at = at.to_string();
        let _ = set_json(INDEX_KEY, &index);
    }
}

pub fn delete(id: &str) {
    remove(&draft_key(id));
    remove(&revision_key(id));
    remove(&ui_key(id));
    remove(&lease_key(id));
    remove(&handoff_key(id));
    let mut index: Vec<Summary> = get_json(INDEX_KEY).unwrap_or_default();
    index.retain(|s| s.id != id);
    let _ = set_json(INDEX_KEY, &index);
    if last_open().as_deref() == Some(id) {
        set_last_open(None);
    }
}

/// What the editor remembers of a draft besides the document: the open step
/// and which fields' findings were shown, as the shell names them (text with
/// explicit names, so a renamed type in code never drops a memory).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UiMemory {
    #[serde(default)]
    pub step: String,
    #[serde(default)]
    pub shown: Vec<String>,
    /// The steps the preparer has left (their findings show in full).
    #[serde(default)]
    pub left: Vec<String>,
    #[serde(default)]
    pub all_shown: bool,
    /// In review mode (review.md): the reviewer's round goes on after a reload.
    #[serde(default)]
    pub reviewing: bool,
}

pub fn save_ui(id: &str, memory: &UiMemory) {
    let _ = set_json(&ui_key(id), memory);
}

pub fn load_ui(id: &str) -> UiMemory {
    get_json(&ui_key(id)).unwrap_or_default()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Remembers the draft open in this tab: in sessionStorage, so a reload of
/// this tab reopens its own draft even while another tab has opened another
/// one, and in localStorage, for a tab opened afresh.
pub fn set_last_open(id: Option<&str>) {
    match id {
        Some(id) => {
            let _ = set_raw(LAST_OPEN_KEY, id);
            if let Some(s) = session() {
                let _ = s.set_item(LAST_OPEN_KEY, id);
            }
        }
        None => {
            remove(LAST_OPEN_KEY);
            if let Some(s) = session() {
                let _ = s.remove_item(LAST_OPEN_KEY);
            }
        }
    }
}

pub fn last_open() -> Option<String> {
    session()
        .and_then(|s| s.get_item(LAST_OPEN_KEY).ok().flatten())
        .or_else(|| get_raw(LAST_OPEN_KEY))
}

/// A new id: time and randomness, so two tabs never pick the same one.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{now:x}-{random:x}")
}

/// Who is editing a draft: a tab's id and when it last said so. A tab renews
/// its lease every few seconds while the draft is open; a lease older than
/// `LEASE_FRESH_MS` belonged to a tab that is gone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    pub tab: String,
    pub at: f64,
}

pub const LEASE_FRESH_MS: f64 = 6000.0;

pub fn lease(id: &str) -> Option<Lease> {
    get_json(&lease_key(id))
}

/// The lease of another tab that is still alive, if any.
pub fn held_elsewhere(id: &str, tab: &str) -> Option<Lease> {
    lease(id).filter(|l| l.tab != tab && js_sys::Date::now() - l.at < LEASE_FRESH_MS)
}

pub fn take_lease(id: &str, tab: &str) {
    let _ = set_json(
        &lease_key(id),
        &Lease {
            tab: tab.to_string(),
            at: js_sys::Date::now(),
        },
    );
}

pub fn release_lease(id: &str, tab: &str) {
    if lease(id).is_some_and(|l| l.tab == tab) {
        remove(&lease_key(id));
    }
}

/// Said by a tab that gave up a draft once it has written its last changes.
pub fn say_handed_off(id: &str) {
    let _ = set_raw(&handoff_key(id), &js_sys::Date::now().to_string());
}

/// The hand-off has been heard: the key is not left behind.
pub fn clear_handed_off(id: &str) {
    remove(&handoff_key(id));
}

/// Takes the lease of draft `id` for tab `tab` unless another tab holds a
/// fresh one; says whether it did. (Two tabs may both write in the same
/// moment: `confirm_lease` a little later tells which one kept it, and the
/// revision stops the other from ever overwriting.)
pub fn claim_lease(id: &str, tab: &str) -> bool {
    if held_elsewhere(id, tab).is_some() {
        return false;
    }
    take_lease(id, tab);
    true
}

/// Whether tab `tab` still holds the lease of draft `id`.
pub fn holds_lease(id: &str, tab: &str) -> bool {
    lease(id).is_some_and(|l| l.tab == tab)
}

/// Asks the browser not to evict this site's storage; resolves to whether it agreed.
pub async fn ask_persistent() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = manager.persist().ok()?;
    let granted = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    granted.as_bool()
}
