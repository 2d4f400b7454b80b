//! The 指标库 as the app holds it (spec/library.md): fetched once, when first
//! needed (the dialog opened, a 三级指标 typed, an empty project named), never
//! on first load. A unit's own `indicator-library.json` beside the app wins
//! over the built-in `library/indicators.json`; a malformed one is refused with
//! `Library::parse`'s message and the built-in one is used.
//!
//! Also what the dialog, the recommendations and the completions share:
//! a row's unit and example, and adding rows.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::library::{Library, Row};
use crate::core::model::IndicatorField;
use crate::ui::plain::ids::{ProjectId, RowId};
use crate::ui::plain::places::{Place, ProjectPlace};
use crate::ui::state::{DocState, ProjectState, Shown};

use super::library_focus::{select_slot_later, show_when_table_left};

/// Where a unit puts its own library: beside the app's index.html.
pub const UNIT_FILE: &str = "indicator-library.json";
/// The built-in library, copied into dist by Trunk (index.html).
const BUILT_IN_FILE: &str = "library/indicators.json";

/// Which library is in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Unit,
    BuiltIn,
}

#[derive(Clone)]
pub enum LibraryStatus {
    Idle,
    Loading,
    Ready {
        library: Arc<Library>,
        source: Source,
        /// The unit's file was there but refused: why, for the preparer.
        refused: Option<String>,
    },
    Failed(String),
}

impl PartialEq for LibraryStatus {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Idle, Self::Idle) | (Self::Loading, Self::Loading) => true,
            (Self::Ready { library: a, .. }, Self::Ready { library: b, .. }) => Arc::ptr_eq(a, b),
            (Self::Failed(a), Self::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl LibraryStatus {
    pub fn library(&self) -> Option<&Library> {
        match self {
            Self::Ready { library, .. } => Some(library),
            _ => None,
        }
    }
}

thread_local! {
    // One library for the page's life, shared by every draft opened in it.
    static STATUS: ArcRwSignal<LibraryStatus> = ArcRwSignal::new(LibraryStatus::Idle);
}

/// The library's status, read reactively. Does not start loading.
pub fn status() -> Signal<LibraryStatus> {
    STATUS.with(|s| Signal::from(s.clone()))
}

/// Starts loading the library unless it is loading or loaded already (or
/// failed: see [`need_or_retry`]).
pub fn need() {
    start(false);
}

/// As [`need`], and tries again after a failure (the dialog opened anew).
pub fn need_or_retry() {
    start(true);
}

fn start(retry: bool) {
    let signal = STATUS.with(Clone::clone);
    let idle = signal.with_untracked(|s| match s {
        LibraryStatus::Idle => true,
        LibraryStatus::Failed(_) => retry,
        _ => false,
    });
    if !idle {
        return;
    }
    signal.set(LibraryStatus::Loading);
    leptos::task::spawn_local(async move {
        signal.set(load().await);
    });
}

async fn load() -> LibraryStatus {
    let mut refused = None;
    // Absent is normal (a 404, or a server that answers every path with the
    // app's page); present and malformed is said, and the built-in one used.
    if let Ok(Some(text)) = fetch_text(UNIT_FILE).await {
        match Library::parse(&text) {
            Ok(library) => {
                return LibraryStatus::Ready {
                    library: Arc::new(library),
                    source: Source::Unit,
                    refused: None,
                }
            }
            Err(e) => {
                refused = Some(format!(
                    "本单位的 {UNIT_FILE} 未能使用，已改用内置指标库。{e}"
                ))
            }
        }
    }
    match fetch_text(BUILT_IN_FILE).await {
        Ok(Some(text)) => match Library::parse(&text) {
            Ok(library) => LibraryStatus::Ready {
                library: Arc::new(library),
                source: Source::BuiltIn,
                refused,
            },
            Err(e) => LibraryStatus::Failed(format!("内置指标库未能读取：{e}")),
        },
        Ok(None) => LibraryStatus::Failed(format!(
            "未找到内置指标库（{BUILT_IN_FILE}）：请把发布包 dist 中的全部文件一起复制到服务器。"
        )),
        Err(why) => {
            LibraryStatus::Failed(format!("指标库未能载入（{why}），请检查网络后重新打开。"))
        }
    }
}

/// The text of a file beside the app; `None` when it is not there.
async fn fetch_text(path: &str) -> Result<Option<String>, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let init = web_sys::RequestInit::new();
    // Revalidated each time, so a unit's replaced file is seen at once.
    init.set_cache(web_sys::RequestCache::NoCache);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|e| describe(&e))?;
    if !response.ok() {
        return Ok(None);
    }
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("html"));
    if html {
        return Ok(None);
    }
    let text = JsFuture::from(response.text().map_err(|e| describe(&e))?)
        .await
        .map_err(|e| describe(&e))?;
    Ok(text.as_string())
}

fn describe(e: &JsValue) -> String {
    js_sys::Error::from(e.clone())
        .message()
        .as_string()
        .unwrap_or_else(|| "网络错误".to_string())
}

// ---- what the dialog, the recommendations and the completions share

/// The example value as the preparer reads it: `≥600人次`.
pub fn example_of(row: &Row, year: &str) -> String {
    let year = year.trim();
    let year = if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        year
    } else {
        "2024"
    };
    row.filled(year).value
}

/// Appends library rows to a project (slots left in place, A12 asks for
/// them) and puts the cursor on the first new row's 指标值, its first slot
/// selected so typing replaces it.
pub fn add_library_rows(doc: DocState, shown: Shown, project: &ProjectState, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let indicators: Vec<_> = rows.iter().map(Row::to_indicator).collect();
    let ids = doc.add_rows(project, &indicators);
    let pid = project.id;
    let table = Place::Project(pid, ProjectPlace::Indicators);
    let cells: Vec<Place> = ids
        .iter()
        .flat_map(|&r| IndicatorField::ALL.map(|f| Place::Project(pid, ProjectPlace::Cell(r, f))))
        .collect();
    show_when_table_left(shown, table, cells);
    if let Some(&first) = ids.first() {
        select_slot_later(value_cell(pid, first));
    }
}

fn value_cell(pid: ProjectId, row: RowId) -> String {
    Place::Project(pid, ProjectPlace::Cell(row, IndicatorField::Value)).dom_id()
}
