//! What 审核台 holds: the files given, their lines, and how the table is
//! sorted and filtered.

use std::ops::Range;

use leptos::prelude::*;

use crate::storage::Summary;

use super::desk_line::Line;

/// A line's file is already a draft of the same unit and year: which to open.
#[derive(Clone, Debug)]
pub struct Offer {
    pub file: String,
    /// The line (its `File` in `Desk`).
    pub line: usize,
    pub existing: Summary,
}

/// What 审核台 holds. Made once (not per visit), so the table is still there
/// after a line was opened and the reviewer comes back.
#[derive(Clone, Copy)]
pub struct Desk {
    /// The lines that are done, in the order they were done.
    pub lines: RwSignal<Vec<Line>>,
    /// Files given but not yet in `lines`.
    pub pending: RwSignal<usize>,
    /// The column sorted by, and whether descending; none: the order given.
    pub sort: RwSignal<Option<(usize, bool)>>,
    pub filter: RwSignal<String>,
    pub offer: RwSignal<Option<Offer>>,
    /// Why a line could not be opened.
    pub message: RwSignal<Option<String>>,
    /// By line id; none once the list is cleared.
    files: StoredValue<Vec<Option<web_sys::File>>, LocalStorage>,
}

impl Desk {
    pub fn new() -> Self {
        Desk {
            lines: RwSignal::new(Vec::new()),
            pending: RwSignal::new(0),
            sort: RwSignal::new(None),
            filter: RwSignal::new(String::new()),
            offer: RwSignal::new(None),
            message: RwSignal::new(None),
            files: StoredValue::new_local(Vec::new()),
        }
    }

    pub fn file(&self, id: usize) -> Option<web_sys::File> {
        self.files
            .try_with_value(|f| f.get(id).cloned().flatten())
            .flatten()
    }

    /// Adds files to the table, waiting to be checked; gives their ids.
    pub fn add(&self, files: Vec<web_sys::File>) -> Option<Range<usize>> {
        if files.is_empty() {
            return None;
        }
        let ids = self.files.try_update_value(|all| {
            let from = all.len();
            all.extend(files.into_iter().map(Some));
            from..all.len()
        })?;
        self.pending.update(|p| *p += ids.len());
        Some(ids)
    }

    pub fn clear(&self) {
        self.files
            .update_value(|f| f.iter_mut().for_each(|file| *file = None));
        self.pending.set(0);
        self.offer.set(None);
        self.message.set(None);
        self.lines.set(Vec::new());
    }

    pub fn toggle_sort(&self, column: usize) {
        self.sort.update(|s| {
            *s = match *s {
                Some((c, false)) if c == column => Some((column, true)),
                _ => Some((column, false)),
            }
        });
    }
}

impl Default for Desk {
    fn default() -> Self {
        Self::new()
    }
}
