//! The review in an open draft (review.md): review mode (开始审核, 结束审核,
//! 完成本轮审核), the 审核意见 placed in the editor, and the comments a
//! preparer's edits answer.

use leptos::prelude::*;

use crate::core::export::canonical;
use crate::core::findings::Finding;
use crate::core::model::Document;
use crate::core::review::{close_round, mark_answered, start_round, Decision, RoundError};
use crate::storage;
use crate::ui::plain::review::{Notes, Spot};
use crate::ui::state::DocState;

use super::{now_rfc3339, Session};

/// What an imported file said about itself, for the banner on 检查与导出.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportFacts {
    pub file: String,
    /// The file's own `status`, which the app does not trust.
    pub claimed: Option<String>,
    /// What was odd about the file though it was read.
    pub warnings: Vec<String>,
}

/// A 审核意见 being written: where, and from which finding (`加入审核意见`).
#[derive(Clone, Debug, PartialEq)]
pub struct CommentDraft {
    pub spot: Spot,
    pub finding: Option<Finding>,
    pub text: String,
}

fn place_notes(state: DocState, notes: RwSignal<Notes>, doc: &Document) {
    let placed = match &doc.review {
        Some(review) => Notes::of(review, doc, &state),
        None => Notes::default(),
    };
    if notes.with_untracked(|n| *n != placed) {
        notes.set(placed);
    }
}

/// A reviewer's round goes on after a reload: review mode, while it is open.
pub(super) fn resume(state: DocState, memory: &storage::UiMemory) {
    let round_open = state.review.with_untracked(|r| {
        r.as_ref()
            .and_then(|r| r.current())
            .is_some_and(|r| r.is_open())
    });
    state.review_mode.set(memory.reviewing && round_open);
}

/// Places the comments anew whenever the review changes.
pub(super) fn follow_review(state: DocState, notes: RwSignal<Notes>) {
    Effect::new(move |_| {
        if state.review.with(Option::is_none) {
            if notes.with_untracked(|n| !n.all.is_empty()) {
                notes.set(Notes::default());
            }
            return;
        }
        let doc = untrack(|| state.to_core());
        place_notes(state, notes, &doc);
    });
}

/// At each autosave (once per burst of typing): open comments whose place
/// the preparer changed become answered, in `doc` (being written) and in
/// the state; the comments are placed anew (rows may have moved).
pub(super) fn after_edits(state: DocState, notes: RwSignal<Notes>, doc: &mut Document) {
    let Some(mut review) = doc.review.take() else {
        return;
    };
    let answered = mark_answered(&mut review, doc);
    doc.review = Some(review);
    if answered.is_empty() {
        place_notes(state, notes, doc);
    } else {
        // The review changed: `follow_review` places the comments.
        state.set_review_quietly(doc.review.clone());
    }
}

impl Session {
    /// The round the reviewer is working in, if one is open.
    pub fn open_round(&self) -> Option<u64> {
        self.doc.review.with(|r| {
            r.as_ref()
                .and_then(|r| r.current())
                .filter(|r| r.is_open())
                .map(|r| r.round)
        })
    }

    /// `开始审核`: starts a round or continues the open one; the fields are
    /// read-only and every finding shows, so each can become a comment.
    pub fn start_review(&self) -> u64 {
        let round = self.doc.change_review(|r| start_round(r, ""));
        self.doc.review_mode.set(true);
        self.shown.all.set(true);
        self.closed_round.set(None);
        storage::save_ui(&self.draft_id, &self.memory());
        round
    }

    /// `结束审核`: leaves review mode; the round stays open.
    pub fn end_review(&self) {
        self.doc.review_mode.set(false);
        self.draft.set(None);
        storage::save_ui(&self.draft_id, &self.memory());
    }

    /// `完成本轮审核`: closes the round with the document as the reviewer saw
    /// it (as it would be exported) and leaves review mode.
    pub fn finish_round(&self, decision: Decision) -> Result<u64, RoundError> {
        let doc = canonical(&untrack(|| self.doc.to_core()).trimmed());
        let now = now_rfc3339();
        let round = self
            .doc
            .try_change_review(|r| close_round(r, &doc, &now, decision))?;
        self.doc.review_mode.set(false);
        self.draft.set(None);
        self.closed_round.set(Some(round));
        storage::save_ui(&self.draft_id, &self.memory());
        Ok(round)
    }
}
