//! One open draft: its document state, the step on screen, what was shown,
//! and saving (autosave after typing stops, and at once when asked).

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::storage::{self, UiMemory};
use crate::ui::plain::memory::{location_key, parse_location_key, StepKey};
use crate::ui::plain::places::Addresses;
use crate::ui::plain::places::Place;
use crate::ui::state::{DocState, Removed, Shown};

/// How long typing must pause before the draft is written.
pub(super) const AUTOSAVE_DELAY_MS: u64 = 700;

/// This page's id, for leases.
pub fn tab_id() -> &'static str {
    static TAB: OnceLock<String> = OnceLock::new();
    TAB.get_or_init(storage::new_id)
}

mod save;

pub use crate::ui::plain::places::Step;

/// Saving, as the status line says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(String),
    Failed(String),
    /// Another tab wrote or deleted the draft since this one loaded it: this
    /// tab did not write, and keeps its own text for download.
    Conflict(String),
}

/// The deletions of this session, newest last, for 撤销 and Ctrl+Z.
#[derive(Clone, Copy)]
pub struct Undo(pub RwSignal<Vec<Removed>>);

impl Undo {
    /// Remembers a deletion so it can be undone.
    pub fn deleted(&self, removed: Option<Removed>) {
        if let Some(removed) = removed {
            self.0.update(|u| {
                u.push(removed);
                // A few are enough to undo a slip; not a history of the session.
                if u.len() > 20 {
                    u.remove(0);
                }
            });
        }
    }

    /// The last deletion, if any (what the 已删除 · 撤销 line names).
    pub fn last(&self) -> Option<Removed> {
        self.0.with(|u| u.last().cloned())
    }
}

#[derive(Clone)]
pub struct Session {
    pub draft_id: String,
    pub doc: DocState,
    pub shown: Shown,
    pub step: RwSignal<Step>,
    /// Another tab edits this draft: this one shows it and saves nothing.
    pub read_only: RwSignal<bool>,
    /// The DOM id to focus once the next step is on screen (else its heading).
    focus_next: StoredValue<Option<String>>,
    /// What was deleted, for 撤销 and Ctrl+Z.
    pub undo: Undo,
    /// A change not yet written to storage.
    pub(super) dirty: StoredValue<bool>,
    /// The stored revision this tab last loaded or wrote.
    pub(super) revision: StoredValue<u64>,
    /// This tab's text when a save was refused (another tab wrote first).
    pub(super) unsaved: StoredValue<Option<String>>,
    pub(super) timer: StoredValue<Option<TimeoutHandle>>,
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

pub(super) fn local_time() -> String {
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
        revision: u64,
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
            let step_of = |key: Option<StepKey>| match key {
                Some(StepKey::Department) => Some(Step::Department),
                Some(StepKey::Review) => Some(Step::Review),
                Some(StepKey::Basic) => Some(Step::Basic),
                Some(StepKey::Project(i)) => state
                    .projects
                    .with_untracked(|ps| ps.get(i).map(|p| Step::Project(p.id))),
                None => None,
            };
            for key in &memory.left {
                if let Some(step) = step_of(StepKey::parse(key)) {
                    shown.leave(step);
                }
            }
            let step = step_of(StepKey::parse(&memory.step)).unwrap_or(Step::Basic);
            Session {
                draft_id,
                doc: state,
                shown,
                step: RwSignal::new(step),
                read_only: RwSignal::new(false),
                focus_next: StoredValue::new(None),
                undo: Undo(RwSignal::new(Vec::new())),
                dirty: StoredValue::new(false),
                revision: StoredValue::new(revision),
                unsaved: StoredValue::new(None),
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
            left: self
                .shown
                .left
                .get()
                .into_iter()
                .map(|s| self.step_key(s).key())
                .collect(),
            all_shown: self.shown.all.get(),
        })
    }

    /// Goes to `step`, the one way the editor changes step: the step left
    /// shows its findings from now on, 检查与导出 shows everything, and the
    /// focus goes to `focus` (a DOM id) or else the new step's heading.
    pub fn go(&self, step: Step, focus: Option<String>) {
        let from = self.step.get_untracked();
        if from != step {
            self.shown.leave(from);
        }
        if step == Step::Review {
            self.shown.all.set(true);
        }
        self.focus_next.set_value(focus);
        self.step.set(step);
    }

    /// What to focus now that a step is on screen (taken once).
    pub fn take_focus(&self) -> Option<String> {
        let target = self.focus_next.get_value();
        self.focus_next.set_value(None);
        target
    }

    /// Goes to the place of a finding, its field centred with its messages.
    pub fn go_to(&self, place: Place) {
        self.go(place.step(), Some(place.dom_id()));
    }

    /// Undoes the last deletion; gives the DOM id of what came back.
    pub fn undo_last(&self) -> Option<String> {
        let mut last = None;
        self.undo.0.update(|u| last = u.pop());
        let removed = last?;
        if !self.doc.restore(&removed) {
            return None;
        }
        Some(match removed {
            Removed::Paragraph { list, id, .. } => Place::Paragraph(list, id).dom_id(),
            Removed::Goal { project, id, .. } => {
                Place::Project(project, crate::ui::plain::places::ProjectPlace::Goal(id)).dom_id()
            }
            Removed::Row { project, id, .. } => Place::Project(
                project,
                crate::ui::plain::places::ProjectPlace::Cell(
                    id,
                    crate::core::model::IndicatorField::Level1,
                ),
            )
            .dom_id(),
            Removed::Project { id, .. } => {
                self.go(Step::Project(id), None);
                return Some(String::new());
            }
        })
    }
}
