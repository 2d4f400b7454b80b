//! Browser unit tests (wasm-bindgen-test in headless Chromium): the storage
//! module against the real localStorage, and the app mounting.
#![cfg(target_arch = "wasm32")]

use perf_goals::core::model::Document;
use perf_goals::storage::{self, Entry};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in the test browser")
}

/// The start page's count of a draft's errors, as the shell gives it to storage.
fn errors(doc: &Document) -> usize {
    perf_goals::core::findings::Counts::of(&perf_goals::core::rules::validate(doc)).errors
}

fn save(id: &str, doc: &Document) -> Result<storage::Summary, storage::SaveError> {
    storage::save_with_errors(id, doc, errors(doc))
}

fn clear() {
    local().clear().expect("clear");
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        session.clear().expect("clear");
    }
}

#[wasm_bindgen_test]
fn a_saved_draft_loads_back_with_every_character() {
    clear();
    let mut doc = Document::new_draft();
    doc.unit.name = "  承德高新区行政审批局本级 ".into();
    doc.year = "2023".into();
    save("a", &doc).expect("saved");
    assert_eq!(
        storage::load("a").expect("loaded"),
        doc,
        "not trimmed, not changed"
    );
    match storage::entries(errors).as_slice() {
        [Entry::Readable(s)] => {
            assert_eq!(
                (s.unit.as_str(), s.year.as_str(), s.projects),
                ("承德高新区行政审批局本级", "2023", 0)
            );
            assert!(s.errors > 0, "an empty draft has errors left");
        }
        other => panic!("{other:?}"),
    }
}

/// The `status` a stored draft says (it is kept on one line, not as a file).
fn status_in(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v["status"].as_str().map(String::from)
}

#[wasm_bindgen_test]
fn a_save_with_a_known_error_count_writes_the_matching_status() {
    clear();
    let doc = Document::new_draft();
    storage::save_with_errors("k", &doc, errors(&doc)).expect("saved");
    let text = local()
        .get_item("perf-goals/v1/draft/k")
        .unwrap()
        .unwrap_or_default();
    assert_eq!(status_in(&text).as_deref(), Some("draft"));
    storage::save_with_errors("k", &doc, 0).expect("saved");
    let text = local()
        .get_item("perf-goals/v1/draft/k")
        .unwrap()
        .unwrap_or_default();
    assert_eq!(status_in(&text).as_deref(), Some("complete"));
}

#[wasm_bindgen_test]
fn the_list_reads_the_index_and_counts_only_drafts_it_does_not_list() {
    clear();
    let doc = Document::new_draft();
    save("listed", &doc).expect("saved");
    // A draft written by an older version, with no line in the index.
    local()
        .set_item(
            "perf-goals/v1/draft/old",
            &perf_goals::core::format::write_document(
                &doc,
                perf_goals::core::format::Status::Draft,
            ),
        )
        .unwrap();
    let counted = std::cell::Cell::new(0);
    let entries = storage::entries(|d| {
        counted.set(counted.get() + 1);
        errors(d)
    });
    assert_eq!(entries.len(), 2);
    assert_eq!(
        counted.get(),
        1,
        "only the unlisted draft is read and counted"
    );
    let again = std::cell::Cell::new(0);
    storage::entries(|d| {
        again.set(again.get() + 1);
        errors(d)
    });
    assert_eq!(again.get(), 0, "then it is in the index");
}

#[wasm_bindgen_test]
fn damaged_and_newer_entries_are_listed_not_opened() {
    clear();
    let storage = local();
    storage
        .set_item("perf-goals/v1/draft/bad", "not json")
        .unwrap();
    storage
        .set_item(
            "perf-goals/v1/draft/new",
            r#"{"format":"performance-goals","version":9}"#,
        )
        .unwrap();
    storage.set_item("perf-goals/v3/draft/x", "{}").unwrap();
    let entries = storage::entries(errors);
    assert_eq!(
        entries
            .iter()
            .filter(|e| matches!(e, Entry::Damaged { .. }))
            .count(),
        1
    );
    assert_eq!(
        entries
            .iter()
            .filter(|e| matches!(e, Entry::Newer { .. }))
            .count(),
        2
    );
    assert!(storage::load("bad").is_err());
    assert!(storage::load("new").unwrap_err().contains("第 9 版"));
    assert_eq!(
        storage
            .get_item("perf-goals/v1/draft/bad")
            .unwrap()
            .as_deref(),
        Some("not json")
    );
}

#[wasm_bindgen_test]
fn a_lease_is_held_elsewhere_only_while_fresh() {
    clear();
    storage::take_lease("d", "tab-1");
    assert!(storage::held_elsewhere("d", "tab-2").is_some());
    assert!(
        storage::held_elsewhere("d", "tab-1").is_none(),
        "not elsewhere for its holder"
    );
    storage::release_lease("d", "tab-2");
    assert!(storage::lease("d").is_some(), "only the holder releases");
    storage::release_lease("d", "tab-1");
    assert!(storage::lease("d").is_none());
    let stale = format!(
        r#"{{"tab":"tab-1","at":{}}}"#,
        js_sys::Date::now() - 60_000.0
    );
    local().set_item(&storage::lease_key("d"), &stale).unwrap();
    assert!(
        storage::held_elsewhere("d", "tab-2").is_none(),
        "a tab that stopped renewing is gone"
    );
}

#[wasm_bindgen_test]
fn deleting_a_draft_removes_it_from_the_list() {
    clear();
    save("x", &Document::new_draft()).expect("saved");
    storage::set_last_open(Some("x"));
    storage::delete("x");
    assert!(storage::entries(errors).is_empty());
    assert_eq!(storage::last_open(), None);
}

#[wasm_bindgen_test]
fn the_app_mounts_with_its_start_page() {
    clear();
    leptos::mount::mount_to_body(perf_goals::ui::App);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let text = document
        .body()
        .map(|b| b.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert!(text.contains("新建草稿"), "{text}");
}
