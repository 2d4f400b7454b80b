//! Saving an open draft: autosave once typing pauses, at once when asked,
//! only over the revision this tab loaded or wrote; the crash backup; the
//! exported text.

use leptos::prelude::*;

use super::{local_time, now_rfc3339, SaveStatus, Session, AUTOSAVE_DELAY_MS};
use crate::core::export::export_json;
use crate::core::format::{write_document, write_document_compact, Status};
use crate::storage;

impl Session {
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
        // Once per burst of typing, not per keystroke: what the edits answered.
        super::review::after_edits(self.doc, self.notes, &mut doc);
        let errors = self.doc.errors();
        let status_word = if errors == 0 {
            Status::Complete
        } else {
            Status::Draft
        };
        // Serialised once, on one line: for storage, and kept as the crash
        // backup (a file the app opens like any other).
        let text = write_document_compact(&doc, status_word);
        let name = crate::core::export::file_name(&doc.unit.name, &doc.year, "json");
        crate::ui::crash::keep(&name, &text);
        let summary = storage::Summary::of(&self.draft_id, &doc, errors);
        let saved = storage::save_text(
            &self.draft_id,
            &text,
            summary,
            Some(self.revision.get_value()),
        );
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark("perf-goals:autosave", "perf-goals:autosave-start");
            p.clear_marks_with_mark_name("perf-goals:autosave-start");
        }
        match saved {
            Ok((_, revision)) => {
                self.revision.set_value(revision);
                self.dirty.set_value(false);
                status.set(SaveStatus::Saved(local_time()));
            }
            Err(e @ storage::SaveError::Conflict { .. }) => {
                // Nothing is written over the other tab's work; this tab's
                // text is kept for download.
                self.unsaved.set_value(Some(self.backup_text()));
                self.dirty.set_value(false);
                status.set(SaveStatus::Conflict(e.message()));
            }
            Err(e) => status.set(SaveStatus::Failed(e.message())),
        }
    }

    /// Whether something typed here is not in storage yet.
    pub fn is_dirty(&self) -> bool {
        self.dirty.get_value()
    }

    /// The draft was written at `revision` by the caller (a new draft).
    pub fn stored_at(&self, revision: u64) {
        self.revision.set_value(revision);
    }

    /// The revision this tab's document is at.
    pub fn revision(&self) -> u64 {
        self.revision.get_value()
    }

    /// This tab's text that could not be saved, once (see `SaveStatus::Conflict`).
    pub fn take_unsaved(&self) -> Option<String> {
        let text = self.unsaved.get_value();
        self.unsaved.set_value(None);
        text
    }

    /// Keeps this tab's unsaved text for download before it is replaced by
    /// what another tab saved.
    pub fn keep_unsaved(&self) {
        if self.dirty.get_value() {
            self.unsaved.set_value(Some(self.backup_text()));
            self.dirty.set_value(false);
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
