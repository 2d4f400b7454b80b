//! The open document in reactive state: one signal per field the preparer
//! types into, so a keystroke re-renders that field and re-validates only its
//! own project (plus the cheap document-level rules).
//!
//! Every change goes through a method of [`DocState`] (typing here, the
//! structure in `edits.rs`): that one place marks the document changed (for
//! autosave).

use leptos::prelude::*;

use crate::core::findings::{Counts, Finding, Location, ProjectField, Severity};
use crate::core::model::{
    level2_choices, Department, DepartmentList, Document, Extra, IndicatorField, Unit,
};
use crate::core::review::{Acknowledgement, Review};
use crate::core::rules::{light_project, validate_document_level};
use crate::ui::plain::ids::{ParagraphId, ProjectId};
use crate::ui::plain::places::{Addresses, Place, ProjectIds, ProjectPlace};
use crate::ui::plain::routing::group_document;

use super::items::{Paragraph, ProjectState, RowState};
use super::routing::Router;

/// What the document keeps that nobody types: written back as it came.
#[derive(Clone, Default)]
pub struct DocExtras {
    pub money_unit: String,
    pub saved_at: String,
    pub document: Extra,
    pub unit: Extra,
    pub department: Extra,
    /// 已核实 and the review block: not edited here yet, written back as they came.
    pub acknowledged: Vec<Acknowledgement>,
    pub review: Option<Review>,
}

/// Counts of the document-level findings, by where they stand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocCounts {
    pub head: Counts,
    pub department: Counts,
    /// By the project's position.
    pub projects: Vec<Counts>,
}

#[derive(Clone, Copy)]
pub struct DocState {
    pub year: RwSignal<String>,
    pub unit_code: RwSignal<String>,
    pub unit_name: RwSignal<String>,
    pub(super) lists: [RwSignal<Vec<Paragraph>>; 3],
    pub projects: RwSignal<Vec<ProjectState>>,
    pub extras: StoredValue<DocExtras>,
    /// Bumped on every change, so autosave watches one signal, not thousands.
    pub revision: RwSignal<u64>,
    /// Rules F2, F3, F5 and G1–G4, over a light copy of the document.
    pub doc_findings: Memo<Vec<Finding>>,
    pub doc_counts: Memo<DocCounts>,
    pub router: Router,
    /// The reactive owner of this editing session: rows, paragraphs and
    /// projects are created under it (created under a step's view instead,
    /// they would be disposed when the preparer moves to another step).
    pub(super) owner: StoredValue<Owner>,
}

impl DocState {
    /// The document's state, created under the current (session) owner.
    pub fn new(doc: &Document) -> Self {
        let owner = Owner::current().unwrap_or_default();
        let router = Router::new(owner.clone());
        let year = RwSignal::new(doc.year.clone());
        let lists = DepartmentList::ALL.map(|list| {
            RwSignal::new(
                doc.department
                    .list(list)
                    .iter()
                    .map(|t| Paragraph::new(&owner, ParagraphId::fresh(), t))
                    .collect::<Vec<_>>(),
            )
        });
        let projects = RwSignal::new(
            doc.projects
                .iter()
                .map(|p| ProjectState::new(&owner, ProjectId::fresh(), p, year, router))
                .collect::<Vec<_>>(),
        );
        let unit_code = RwSignal::new(doc.unit.code.clone());
        let unit_name = RwSignal::new(doc.unit.name.clone());
        let doc_findings = Memo::new(move |_| {
            let light = Document {
                year: year.get(),
                unit: Unit {
                    code: unit_code.get(),
                    name: unit_name.get(),
                    ..Default::default()
                },
                department: department_of(lists),
                projects: projects.with(|ps| {
                    ps.iter()
                        .map(|p| light_project(p.code.get(), p.name.get(), p.total.get()))
                        .collect()
                }),
                ..Default::default()
            };
            validate_document_level(&light)
        });
        let doc_counts = Memo::new(move |_| {
            let n = projects.with(Vec::len);
            doc_findings.with(|found| {
                let mut c = DocCounts {
                    projects: vec![Counts::default(); n],
                    ..Default::default()
                };
                for f in found.iter().filter(|f| f.leads()) {
                    let counts = match f.location {
                        Location::Head(_) => &mut c.head,
                        Location::Department(..) => &mut c.department,
                        Location::Project(i, _) => match c.projects.get_mut(i) {
                            Some(counts) => counts,
                            None => continue,
                        },
                    };
                    counts.add_one(f.severity);
                }
                c
            })
        });
        let state = DocState {
            year,
            unit_code,
            unit_name,
            lists,
            projects,
            extras: StoredValue::new(DocExtras {
                money_unit: doc.money_unit.clone(),
                saved_at: doc.saved_at.clone(),
                document: doc.extra.clone(),
                unit: doc.unit.extra.clone(),
                department: doc.department.extra.clone(),
                acknowledged: doc.acknowledged.clone(),
                review: doc.review.clone(),
            }),
            revision: RwSignal::new(0),
            doc_findings,
            doc_counts,
            router,
            owner: StoredValue::new(owner),
        };
        // Routes the document-level findings; the order of projects and
        // paragraphs is tracked so a move re-places them.
        Effect::new(move |_| {
            projects.track();
            lists.iter().for_each(|l| l.track());
            let grouped = doc_findings.with(|f| group_document(f, &state));
            untrack(|| router.set_document(grouped));
        });
        state
    }

    pub(super) fn owner(&self) -> Owner {
        self.owner.get_value()
    }

    /// Marks the document changed (for autosave). Called by every mutation below.
    pub(super) fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }

    // ---- typing

    /// The preparer typed into a field: the text is kept exactly as typed.
    pub fn edit(&self, field: RwSignal<String>, text: String) {
        if crate::ui::crash::test_trigger_armed() && text == crate::ui::crash::TEST_TRIGGER {
            panic!("the test trigger was typed");
        }
        field.set(text);
        self.changed();
    }

    /// A new 一级 for a row: a 二级 that does not belong under it is cleared, not
    /// kept silently wrong (C1 then asks for a choice); one that belongs stays;
    /// and coming back to the 一级 it was cleared from gives it back.
    pub fn choose_level1(&self, row: &RowState, level1: String) {
        let level2 = row.cell(IndicatorField::Level2);
        let previous1 = row.cell(IndicatorField::Level1).get_untracked();
        let current2 = level2.get_untracked();
        let fits = |l1: &str, l2: &str| level2_choices(l1).is_some_and(|c| c.contains(&l2));
        let new2 = if current2.is_empty() {
            let back = row
                .set_aside
                .get_value()
                .filter(|(l1, l2)| *l1 == level1 && fits(&level1, l2));
            back.map(|(_, l2)| {
                row.set_aside.set_value(None);
                l2
            })
        } else if !fits(&level1, &current2) {
            row.set_aside.set_value(Some((previous1, current2)));
            Some(String::new())
        } else {
            None
        };
        // 一级 first: the 二级 choices under it exist before one is selected.
        row.cell(IndicatorField::Level1).set(level1);
        if let Some(l2) = new2 {
            level2.set(l2);
        }
        self.changed();
    }

    // ---- reading

    pub fn list(&self, list: DepartmentList) -> RwSignal<Vec<Paragraph>> {
        self.lists[list as usize]
    }

    pub fn project(&self, id: ProjectId) -> Option<ProjectState> {
        self.projects
            .with(|ps| ps.iter().find(|p| p.id == id).cloned())
    }

    pub fn project_index(&self, id: ProjectId) -> Option<usize> {
        self.projects.with(|ps| ps.iter().position(|p| p.id == id))
    }

    /// The whole document as the core sees it. Reads every field (tracked).
    pub fn to_core(&self) -> Document {
        let extras = self.extras.get_value();
        let mut department = department_of(self.lists);
        department.extra = extras.department;
        Document {
            year: self.year.get(),
            unit: Unit {
                code: self.unit_code.get(),
                name: self.unit_name.get(),
                extra: extras.unit,
            },
            money_unit: extras.money_unit,
            department,
            projects: self
                .projects
                .with(|ps| ps.iter().map(ProjectState::to_core).collect()),
            acknowledged: extras.acknowledged,
            review: extras.review,
            saved_at: extras.saved_at,
            extra: extras.document,
        }
    }

    /// Every finding of the document, with project positions as they stand now.
    pub fn all_findings(&self) -> Vec<Finding> {
        let mut all = self.doc_findings.get();
        self.projects.with(|ps| {
            for (i, p) in ps.iter().enumerate() {
                p.findings
                    .with(|own| all.extend(own.iter().cloned().map(|f| f.in_project(i))));
            }
        });
        crate::core::rules::sort_by_place(&mut all);
        all
    }

    /// Counts of the whole document, added up from each project's counts (no
    /// finding is copied: this runs on every keystroke for the step list).
    pub fn total_counts(&self) -> Counts {
        let doc = self.doc_counts.get();
        let mut total = doc.head;
        total.add(doc.department);
        doc.projects.iter().for_each(|c| total.add(*c));
        self.projects
            .with(|ps| ps.iter().for_each(|p| total.add(p.counts.get())));
        total
    }

    /// Counts of one project: its own findings and the document-level ones that name it.
    pub fn project_counts(&self, id: ProjectId) -> Counts {
        let Some(index) = self.project_index(id) else {
            return Counts::default();
        };
        let mut c = self
            .projects
            .with(|ps| ps.get(index).map(|p| p.counts.get()))
            .unwrap_or_default();
        c.add(
            self.doc_counts
                .with(|d| d.projects.get(index).copied().unwrap_or_default()),
        );
        c
    }

    pub fn errors(&self) -> usize {
        untrack(|| self.total_counts().errors)
    }

    /// Whether any finding at all is an error (for the saved `status`).
    pub fn has_errors(&self) -> bool {
        untrack(|| {
            self.doc_findings
                .with(|f| f.iter().any(|f| f.severity == Severity::Error))
                || self.projects.with(|ps| {
                    ps.iter().any(|p| {
                        p.findings
                            .with(|f| f.iter().any(|f| f.severity == Severity::Error))
                    })
                })
        })
    }
}

fn department_of(lists: [RwSignal<Vec<Paragraph>>; 3]) -> Department {
    let read = |list: DepartmentList| {
        lists[list as usize].with(|ps| ps.iter().map(|p| p.text.get()).collect())
    };
    Department {
        overall_goals: read(DepartmentList::OverallGoals),
        sub_goals: read(DepartmentList::SubGoals),
        safeguards: read(DepartmentList::Safeguards),
        extra: Extra::new(),
    }
}

/// Positions to places and back, read without tracking (the callers track
/// what they need).
impl Addresses for DocState {
    fn paragraph(&self, list: DepartmentList, index: usize) -> Option<ParagraphId> {
        self.list(list)
            .with_untracked(|ps| ps.get(index).map(|p| p.id))
    }

    fn paragraph_index(&self, list: DepartmentList, id: ParagraphId) -> Option<usize> {
        self.list(list)
            .with_untracked(|ps| ps.iter().position(|p| p.id == id))
    }

    fn project_place(&self, index: usize, field: ProjectField) -> Option<Place> {
        let p = self.projects.with_untracked(|ps| ps.get(index).cloned())?;
        let (rows, goals) = (p.row_ids(), p.goal_ids());
        ProjectIds {
            id: p.id,
            rows: &rows,
            goals: &goals,
        }
        .place(field)
    }

    fn project_field(&self, id: ProjectId, place: ProjectPlace) -> Option<(usize, ProjectField)> {
        let index = self
            .projects
            .with_untracked(|ps| ps.iter().position(|p| p.id == id))?;
        let p = self.project_untracked(id)?;
        let (rows, goals) = (p.row_ids(), p.goal_ids());
        let field = ProjectIds {
            id,
            rows: &rows,
            goals: &goals,
        }
        .field(place)?;
        Some((index, field))
    }
}
