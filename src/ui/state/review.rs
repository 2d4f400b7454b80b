//! The review block and the 已核实 of the open document: every change goes
//! through these methods (each marks the document changed, for autosave).
//! What is counted of them is in `acks`.

use leptos::prelude::*;

use crate::core::findings::Finding;
use crate::core::review::{self, AckError, Acknowledgement, Review};
use crate::ui::plain::places::Addresses;
use crate::ui::plain::routing::PlacedFinding;

use super::doc::DocState;

impl DocState {
    /// Changes the review (made when the document has none yet) and marks
    /// the document changed.
    pub fn change_review<R>(&self, change: impl FnOnce(&mut Review) -> R) -> R {
        let mut review = self.review.get_untracked().unwrap_or_default();
        let out = change(&mut review);
        self.review.set(Some(review));
        self.changed();
        out
    }

    /// Sets the review found by the autosave that is writing it (comments
    /// answered by an edit): no further change to save.
    pub fn set_review_quietly(&self, review: Option<Review>) {
        self.review.set(review);
    }

    /// A finding shown on a place, as the core names it (positions now).
    pub fn finding_of(&self, placed: &PlacedFinding) -> Option<Finding> {
        let location = self.location_of(placed.location)?;
        Some(placed.at(location))
    }

    /// 已核实 on a warning or hint, with the preparer's reason.
    pub fn acknowledge(&self, finding: &Finding, reason: &str) -> Result<(), AckError> {
        let light = self.light.get_untracked();
        let mut acks = self.acknowledged.get_untracked();
        review::acknowledge(&mut acks, &light, finding, reason)?;
        self.acknowledged.set(acks);
        self.changed();
        Ok(())
    }

    /// Takes 已核实 back.
    pub fn unacknowledge(&self, finding: &Finding) {
        let light = self.light.get_untracked();
        let mut acks = self.acknowledged.get_untracked();
        if review::unacknowledge(&mut acks, &light, finding) {
            self.acknowledged.set(acks);
            self.changed();
        }
    }

    /// The 已核实 of a finding, if it has one (tracked).
    pub fn acknowledgement(&self, finding: &Finding) -> Option<Acknowledgement> {
        self.acknowledgements(std::slice::from_ref(finding))
            .pop()
            .flatten()
    }

    /// The 已核实 of each finding (tracked). The state is read once for the
    /// whole list: a long document lists thousands of findings.
    pub fn acknowledgements(&self, findings: &[Finding]) -> Vec<Option<Acknowledgement>> {
        self.light.with(|light| {
            self.acknowledged.with(|acks| {
                findings
                    .iter()
                    .map(|f| review::acknowledgement_of(acks, light, f).cloned())
                    .collect()
            })
        })
    }
}

impl DocState {
    /// Changes the review only when `change` succeeds (the document is then
    /// changed); a refusal leaves everything as it was.
    pub fn try_change_review<R, E>(
        &self,
        change: impl FnOnce(&mut Review) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut review = self.review.get_untracked().unwrap_or_default();
        let out = change(&mut review)?;
        self.review.set(Some(review));
        self.changed();
        Ok(out)
    }
}
