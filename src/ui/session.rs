//! One open draft: its document state, the step on screen, what was shown,
//! and saving (autosave after typing stops, and at once when asked).

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::core::export::export_json;
use crate::core::format::{write_document, Status};
use crate::storage::{self, UiMemory};
use crate::ui::plain::ids::ProjectId;
use crate::ui::plain::memory::{location_key, parse_location_key, StepKey};
use crate::ui::plain::places::Addresses;
use crate::ui::state::{DocState, Shown};

/// How long typing must pause before the draft is written.
const AUTOSAVE_DELAY_MS: u64 = 700;

/// This page's id, for leases.
pub fn tab_id() -> &'static str {
    static TAB: OnceLock<String> = OnceLock::new();
    TAB.get_or_init(storage::new_id)
}

/// A step of the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Basic,
    Department,
    Project(ProjectId),
    Review,
}

/// Saving, as the status line says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(String),
    Failed(String),
}

#[derive(Clone)]
pub struct Session {
    pub draft_id: String,
    pub doc: DocState,
    pub shown: Shown,
    pub step: RwSignal<Step>,
    /// Another tab edits this draft: this one shows it and saves nothing.
    pub read_only: RwSignal<bool>,
    /// A change not yet written to storage.
    dirty: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Keeps the session's reactive owner (and so every signal of this
    /// document) alive while the draft is open.
    _owner: Owner,
}

/// The current time as RFC 3339 UTC, as `saved_at` is written.
pub fn now_rfc3339() -> String {
    let iso = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    // `2026-11-27T10:00:00.000Z` → `2026-11-27T10:00:00Z`
    match iso.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => iso,
    }
}

fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

impl Session {
    /// Opens `doc` as draft `draft_id` under a new child of `parent`.
    pub fn open(
        parent: &Owner,
        draft_id: String,
        doc: &crate::core::model::Document,
        memory: &UiMemory,
        show_all: bool,
    ) -> Self {
        let owner = parent.child();
        owner.with(|| {
            let state = DocState::new(doc);
            let shown = Shown::new();
            shown.all.set(show_all || memory.all_shown);
            for key in &memory.shown {
                if let Some(place) = parse_location_key(key).and_then(|l| state.place_of(l)) {
                    shown.touch(place);
                }
            }
            let step = match StepKey::parse(&memory.step) {
                Some(StepKey::Department) => Step::Department,
                Some(StepKey::Review) => Step::Review,
                Some(StepKey::Project(i)) => state
                    .projects
                    .with_untracked(|ps| ps.get(i).map(|p| Step::Project(p.id)))
                    .unwrap_or(Step::Basic),
                _ => Step::Basic,
            };
            Session {
                draft_id,
                doc: state,
                shown,
                step: RwSignal::new(step),
                read_only: RwSignal::new(false),
                dirty: StoredValue::new(false),
                timer: StoredValue::new(None),
                _owner: owner.clone(),
            }
        })
    }

    pub fn step_key(&self, step: Step) -> StepKey {
        match step {
            Step::Basic => StepKey::Basic,
            Step::Department => StepKey::Department,
            Step::Review => StepKey::Review,
            Step::Project(id) => match self.doc.project_index(id) {
                Some(i) => StepKey::Project(i),
                None => StepKey::Basic,
            },
        }
    }

    pub fn memory(&self) -> UiMemory {
        untrack(|| UiMemory {
            step: self.step_key(self.step.get()).key(),
            shown: self
                .shown
                .touched
                .get()
                .into_iter()
                .filter_map(|p| self.doc.location_of(p))
                .map(location_key)
                .collect(),
            all_shown: self.shown.all.get(),
        })
    }

    /// Writes the draft now if anything changed since the last write. A
    /// read-only view writes nothing: another tab owns the draft.
    pub fn save_now(&self, status: RwSignal<SaveStatus>) {
        if self.read_only.get_untracked() {
            return;
        }
        self.save_now_even_if_read_only(status);
    }

    /// The last write of a tab that is handing the draft over.
    pub fn save_now_even_if_read_only(&self, status: RwSignal<SaveStatus>) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        storage::save_ui(&self.draft_id, &self.memory());
        if !self.dirty.get_value() {
            return;
        }
        // Marked for the benchmark (performance.measure), invisible otherwise.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark("perf-goals:autosave-start");
        }
        let mut doc = untrack(|| self.doc.to_core());
        doc.saved_at = now_rfc3339();
        self.doc
            .extras
            .update_value(|e| e.saved_at = doc.saved_at.clone());
        let errors = self.doc.errors();
        let saved = storage::save_with_errors(&self.draft_id, &doc, errors);
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark("perf-goals:autosave", "perf-goals:autosave-start");
            p.clear_marks_with_mark_name("perf-goals:autosave-start");
        }
        match saved {
            Ok(_) => {
                self.dirty.set_value(false);
                status.set(SaveStatus::Saved(local_time()));
            }
            Err(e) => status.set(SaveStatus::Failed(e.message())),
        }
    }

    /// The draft exactly as typed (not trimmed), as a backup file's text.
    pub fn backup_text(&self) -> String {
        let mut doc = untrack(|| self.doc.to_core());
        doc.saved_at = now_rfc3339();
        let status = if self.doc.has_errors() {
            Status::Draft
        } else {
            Status::Complete
        };
        write_document(&doc, status)
    }

    /// The document as a reviewer receives it (trimmed, canonical, `status`
    /// from validation, `saved_at` now).
    pub fn export_text(&self) -> String {
        export_json(&untrack(|| self.doc.to_core()), &now_rfc3339())
    }

    /// Called on every change: the write happens once typing pauses.
    pub fn schedule_save(&self, status: RwSignal<SaveStatus>) {
        self.dirty.set_value(true);
        // Once per burst of typing: the status line is a live region, and a
        // screen reader would announce every write to it.
        if status.with_untracked(|s| *s != SaveStatus::Saving) {
            status.set(SaveStatus::Saving);
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let this = self.clone();
        let handle = set_timeout_with_handle(
            move || this.save_now(status),
            std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
        )
        .ok();
        self.timer.set_value(handle);
    }
}
