//! The review (review.md) in the editor's terms, without leptos: where each
//! 审核意见 shows (a place of the editor, or a list of its own), the place a
//! new comment is written on, and open comments per step.

use std::collections::HashMap;

use crate::core::findings::{Location, ProjectField};
use crate::core::model::Document;
use crate::core::review::anchor::{
    place_of_location, BudgetField, DepartmentPlace, ProjectPlace as CorePlacePart,
};
use crate::core::review::{Locator, Place as CorePlace, Resolved, Review, Step as CoreStep};

use super::ids::ProjectId;
use super::places::{Addresses, Place, ProjectPlace, Step};

/// The findings' `Location` of a place of the review; `None` for the places
/// no finding names (the document, the department part or a project as a
/// whole).
pub fn location_of(place: CorePlace) -> Option<Location> {
    Some(match place {
        CorePlace::Document | CorePlace::Department(DepartmentPlace::Whole) => return None,
        CorePlace::Head(h) => Location::Head(h),
        CorePlace::Department(DepartmentPlace::List(l)) => Location::Department(l, None),
        CorePlace::Department(DepartmentPlace::Paragraph(l, i)) => Location::Department(l, Some(i)),
        CorePlace::Project(i, part) => Location::Project(
            i,
            match part {
                CorePlacePart::Whole => return None,
                CorePlacePart::Code => ProjectField::Code,
                CorePlacePart::Name => ProjectField::Name,
                CorePlacePart::Budget(BudgetField::Total) => ProjectField::BudgetTotal,
                CorePlacePart::Budget(BudgetField::Fiscal) => ProjectField::BudgetFiscal,
                CorePlacePart::Budget(BudgetField::Other) => ProjectField::BudgetOther,
                CorePlacePart::UseOfFunds => ProjectField::UseOfFunds,
                CorePlacePart::SpendingPlan(c) => ProjectField::SpendingPlan(c),
                CorePlacePart::Goals(g) => ProjectField::Goals(g),
                CorePlacePart::Indicators => ProjectField::Indicators,
                CorePlacePart::Row(r) => ProjectField::Indicator(r, None),
                CorePlacePart::Cell(r, f) => ProjectField::Indicator(r, Some(f)),
            },
        ),
    })
}

/// The id of the project at `index` now.
fn project_id(addresses: &impl Addresses, index: usize) -> Option<ProjectId> {
    addresses
        .project_place(index, ProjectField::Code)
        .and_then(Place::project)
}

/// The place of the review a place of the editor is (what `添加审核意见` there
/// writes on); a project's heading is the project as a whole.
pub fn review_place_of(place: Place, addresses: &impl Addresses) -> Option<CorePlace> {
    match place {
        Place::Project(pid, ProjectPlace::Step) => addresses
            .project_field(pid, ProjectPlace::Code)
            .map(|(i, _)| CorePlace::Project(i, CorePlacePart::Whole)),
        _ => addresses.location_of(place).map(place_of_location),
    }
}

/// The place of the review a spot is: where `添加审核意见` there writes.
pub fn review_place_of_spot(spot: Spot, addresses: &impl Addresses) -> Option<CorePlace> {
    match spot {
        Spot::Place(p) => review_place_of(p, addresses),
        Spot::Department => Some(CorePlace::Department(DepartmentPlace::Whole)),
        Spot::Document => Some(CorePlace::Document),
    }
}

/// Where a comment shows in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spot {
    /// On a place of a step: a field, a cell, a row, a list, the goals, the
    /// table, or the project as a whole (its heading).
    Place(Place),
    /// 部门整体绩效目标 as a whole: at the top of its step.
    Department,
    /// The whole document, or a comment whose project is gone: on 检查与导出.
    Document,
}

impl Spot {
    /// The step it is on.
    pub fn step(self) -> Step {
        match self {
            Spot::Place(p) => p.step(),
            Spot::Department => Step::Department,
            Spot::Document => Step::Review,
        }
    }
}

/// Where a comment resolved to shows. A place the editor does not show on
/// its own (the spending plan as a whole) and a comment whose place is gone
/// (`原位置已修改`) show with their project.
pub fn spot_of(resolved: Resolved, addresses: &impl Addresses) -> Spot {
    let project = |i: usize| {
        project_id(addresses, i).map_or(Spot::Document, |id| {
            Spot::Place(Place::Project(id, ProjectPlace::Step))
        })
    };
    match resolved {
        Resolved::Moved { project: Some(i) } => project(i),
        Resolved::Moved { project: None } => Spot::Document,
        Resolved::At(CorePlace::Document) => Spot::Document,
        Resolved::At(CorePlace::Department(DepartmentPlace::Whole)) => Spot::Department,
        Resolved::At(CorePlace::Project(i, CorePlacePart::SpendingPlan(None))) => project(i),
        Resolved::At(place) => {
            let ui = location_of(place).and_then(|l| addresses.place_of(l));
            match (ui, place) {
                (Some(p), _) => Spot::Place(p),
                (None, CorePlace::Project(i, _)) => project(i),
                (None, _) => Spot::Document,
            }
        }
    }
}

/// One comment as the editor shows it: its id (the text, status and reply
/// are read from the review itself) and where it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRef {
    pub id: String,
    /// The index of its round.
    pub round: usize,
    pub resolved: Resolved,
    pub spot: Spot,
    /// The step of the document it belongs to, as the core orders them.
    pub step: CoreStep,
}

impl NoteRef {
    /// Its place is gone: shown with its project as `原位置已修改`.
    pub fn moved(&self) -> bool {
        matches!(self.resolved, Resolved::Moved { .. })
    }
}

/// Every comment of a review placed in the editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// Every comment, in the order of the steps (review's `Locator::all`).
    pub all: Vec<NoteRef>,
    /// The comments shown at each spot, in that order.
    pub at: HashMap<Spot, Vec<NoteRef>>,
    /// Open comments per step of the step list; 检查与导出 (`Step::Review`)
    /// counts those of the document as a whole and of projects that are gone.
    pub open: HashMap<Step, usize>,
}

impl Notes {
    pub fn of(review: &Review, doc: &Document, addresses: &impl Addresses) -> Notes {
        let mut notes = Notes::default();
        for located in Locator::new(review, doc).all() {
            let Some(comment) = review
                .rounds
                .get(located.round)
                .and_then(|r| r.comments.get(located.index))
            else {
                continue;
            };
            let spot = spot_of(located.resolved, addresses);
            let note = NoteRef {
                id: comment.id.clone(),
                round: located.round,
                resolved: located.resolved,
                spot,
                step: located.step,
            };
            if comment.status == crate::core::review::CommentStatus::Open {
                *notes.open.entry(spot.step()).or_default() += 1;
            }
            notes.at.entry(spot).or_default().push(note.clone());
            notes.all.push(note);
        }
        notes
    }

    pub fn at(&self, spot: Spot) -> Vec<NoteRef> {
        self.at.get(&spot).cloned().unwrap_or_default()
    }

    pub fn open_on(&self, step: Step) -> usize {
        self.open.get(&step).copied().unwrap_or(0)
    }

    pub fn open_total(&self) -> usize {
        self.open.values().sum()
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
