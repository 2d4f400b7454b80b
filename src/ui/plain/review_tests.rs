//! Tests of `review.rs`: places and spots both ways, open counts, comments
//! whose place is gone.

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
    fn project_field(&self, id: ProjectId, place: ProjectPlace) -> Option<(usize, ProjectField)> {
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
