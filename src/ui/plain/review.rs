//! The review (review.md) in the editor's terms, without leptos: where each
//! 审核意见 shows (a place of the editor, or a list of its own), the place a
//! new comment is written on, open comments per step, and the `status` an
//! imported file claims for itself.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use crate::core::findings::{Location, ProjectField};
use crate::core::format::decode_text;
use crate::core::model::Document;
use crate::core::print::embedded_json;
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

/// The `status` a file says it has (`"complete"`, `"draft"`, or whatever it
/// holds), read from its text: the reader drops it, as the app computes its
/// own. For our printable HTML, from its data block. `None` when absent or
/// unreadable.
pub fn claimed_status(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        status: Option<Value>,
    }
    let text = decode_text(text.as_bytes()).ok()?;
    let start = text.trim_start();
    let json = if start.starts_with('<') {
        embedded_json(start).ok()?.0
    } else {
        text
    };
    match serde_json::from_str::<Head>(json).ok()?.status? {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A status as the preparer names it: `complete` is 已完成, `draft` 草稿.
pub fn status_label(status: &str) -> String {
    match status {
        "complete" => "已完成（complete）".into(),
        "draft" => "草稿（draft）".into(),
        other => format!("「{other}」"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::findings::HeadField;
    use crate::core::model::{DepartmentList, IndicatorField, Project};
    use crate::core::review::{add_comment, close_round, start_round, Decision};
    use crate::ui::plain::ids::{ParagraphId, RowId};
    use crate::ui::plain::places::ProjectIds;

    /// A document's ids, as the editor holds them.
    struct Ids {
        projects: Vec<(ProjectId, Vec<RowId>, Vec<ParagraphId>)>,
        paragraphs: [Vec<ParagraphId>; 3],
    }

    impl Ids {
        fn of(doc: &Document) -> Ids {
            Ids {
                projects: doc
                    .projects
                    .iter()
                    .map(|p| {
                        (
                            ProjectId::fresh(),
                            p.indicators.iter().map(|_| RowId::fresh()).collect(),
                            p.goals.iter().map(|_| ParagraphId::fresh()).collect(),
                        )
                    })
                    .collect(),
                paragraphs: DepartmentList::ALL.map(|l| {
                    doc.department
                        .list(l)
                        .iter()
                        .map(|_| ParagraphId::fresh())
                        .collect()
                }),
            }
        }
    }

    impl Addresses for Ids {
        fn paragraph(&self, list: DepartmentList, index: usize) -> Option<ParagraphId> {
            self.paragraphs[list as usize].get(index).copied()
        }
        fn paragraph_index(&self, list: DepartmentList, id: ParagraphId) -> Option<usize> {
            self.paragraphs[list as usize].iter().position(|p| *p == id)
        }
        fn project_place(&self, index: usize, field: ProjectField) -> Option<Place> {
            let (id, rows, goals) = self.projects.get(index)?;
            ProjectIds {
                id: *id,
                rows,
                goals,
            }
            .place(field)
        }
        fn project_field(
            &self,
            id: ProjectId,
            place: ProjectPlace,
        ) -> Option<(usize, ProjectField)> {
            let index = self.projects.iter().position(|(p, ..)| *p == id)?;
            let (_, rows, goals) = &self.projects[index];
            let field = ProjectIds { id, rows, goals }.field(place)?;
            Some((index, field))
        }
    }

    fn doc() -> Document {
        let mut d = Document::new_draft();
        d.department.overall_goals = vec!["总体目标".into()];
        for code in ["P1", "P2"] {
            let mut p = Project {
                code: code.into(),
                name: format!("项目{code}"),
                ..Default::default()
            };
            for n in 0..3 {
                p.indicators.push(crate::core::model::Indicator {
                    name: format!("指标{n}"),
                    value: format!("≥{n}次"),
                    ..Default::default()
                });
            }
            d.projects.push(p);
        }
        d
    }

    #[test]
    fn a_place_of_the_editor_and_of_the_review_are_the_same_place() {
        let d = doc();
        let ids = Ids::of(&d);
        let cell = CorePlace::Project(1, CorePlacePart::Cell(2, IndicatorField::Value));
        let ui = match spot_of(Resolved::At(cell), &ids) {
            Spot::Place(p) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            ui,
            Place::Project(
                ids.projects[1].0,
                ProjectPlace::Cell(ids.projects[1].1[2], IndicatorField::Value)
            )
        );
        assert_eq!(review_place_of(ui, &ids), Some(cell));
        let whole = Place::Project(ids.projects[0].0, ProjectPlace::Step);
        assert_eq!(
            review_place_of(whole, &ids),
            Some(CorePlace::Project(0, CorePlacePart::Whole))
        );
        assert_eq!(
            spot_of(
                Resolved::At(CorePlace::Project(0, CorePlacePart::Whole)),
                &ids
            ),
            Spot::Place(whole)
        );
        let head = Place::Head(HeadField::UnitName);
        assert_eq!(
            review_place_of(head, &ids),
            Some(CorePlace::Head(HeadField::UnitName))
        );
    }

    #[test]
    fn comments_whose_place_is_gone_show_with_their_project_or_on_the_review_step() {
        let d = doc();
        let ids = Ids::of(&d);
        let step = Spot::Place(Place::Project(ids.projects[1].0, ProjectPlace::Step));
        assert_eq!(spot_of(Resolved::Moved { project: Some(1) }, &ids), step);
        assert_eq!(
            spot_of(Resolved::Moved { project: None }, &ids),
            Spot::Document
        );
        assert_eq!(
            spot_of(Resolved::At(CorePlace::Document), &ids),
            Spot::Document
        );
        assert_eq!(
            spot_of(
                Resolved::At(CorePlace::Department(DepartmentPlace::Whole)),
                &ids
            ),
            Spot::Department
        );
        assert_eq!(
            spot_of(
                Resolved::At(CorePlace::Project(1, CorePlacePart::SpendingPlan(None))),
                &ids
            ),
            step,
            "the plan as a whole has no notes of its own"
        );
    }

    #[test]
    fn open_comments_are_counted_on_the_step_that_shows_them() {
        let d = doc();
        let ids = Ids::of(&d);
        let mut review = Review::default();
        start_round(&mut review, "绩效科");
        let cell = CorePlace::Project(0, CorePlacePart::Cell(1, IndicatorField::Value));
        let add = |review: &mut Review, place| add_comment(review, &d, place, "意见").ok();
        add(&mut review, cell);
        add(&mut review, CorePlace::Project(0, CorePlacePart::Whole));
        add(
            &mut review,
            CorePlace::Department(DepartmentPlace::Paragraph(DepartmentList::OverallGoals, 0)),
        );
        add(&mut review, CorePlace::Document);
        let notes = Notes::of(&review, &d, &ids);
        assert_eq!(notes.all.len(), 4);
        assert_eq!(notes.open_on(Step::Project(ids.projects[0].0)), 2);
        assert_eq!(notes.open_on(Step::Department), 1);
        assert_eq!(notes.open_on(Step::Review), 1);
        assert_eq!(notes.open_on(Step::Project(ids.projects[1].0)), 0);
        assert_eq!(notes.open_total(), 4);
        let on_cell = notes.at(match spot_of(Resolved::At(cell), &ids) {
            s @ Spot::Place(_) => s,
            other => panic!("{other:?}"),
        });
        assert_eq!(on_cell.len(), 1);

        // The preparer deletes the commented row: its comment is not lost.
        let _ = close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned);
        let mut next = d.clone();
        next.projects[0].indicators.remove(1);
        let ids = Ids::of(&next);
        let notes = Notes::of(&review, &next, &ids);
        let project = Spot::Place(Place::Project(ids.projects[0].0, ProjectPlace::Step));
        let there = notes.at(project);
        assert_eq!(there.len(), 2, "the project's own and the moved one");
        assert!(there.iter().any(NoteRef::moved));
    }

    #[test]
    fn the_status_a_file_claims_is_read_from_its_text() {
        assert_eq!(
            claimed_status(r#"{"format":"performance-goals","version":1,"status":"complete"}"#)
                .as_deref(),
            Some("complete")
        );
        assert_eq!(
            claimed_status("\u{feff}{\"status\": \"draft\", \"year\": \"2024\"}").as_deref(),
            Some("draft")
        );
        assert_eq!(claimed_status(r#"{"status": 3}"#).as_deref(), Some("3"));
        assert_eq!(claimed_status(r#"{"year": "2024"}"#), None);
        assert_eq!(claimed_status("not json"), None);
        let mut d = doc();
        d.year = "2024".into();
        let html = crate::core::print::printable_html(&d, &[]);
        assert!(claimed_status(&html).is_some(), "the data block's status");
        assert_eq!(status_label("complete"), "已完成（complete）");
        assert_eq!(status_label("x"), "「x」");
    }
}
