//! The open document in reactive state: one signal per field the preparer
//! types into, so a keystroke re-renders that field and re-validates only its
//! own project (plus the cheap document-level rules).
//!
//! Every change goes through a method of [`DocState`]: that one place marks
//! the document changed (for autosave), and a removed row, goal, paragraph or
//! project disposes the signals and effects it owned.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::findings::{Counts, Finding, Location, ProjectField, Severity};
use crate::core::model::{
    level2_choices, Budget, Checkpoint, Department, DepartmentList, Document, Extra, Indicator,
    IndicatorField, Project, SpendingPlan, Unit,
};
use crate::core::rules::{check_project, light_project, validate_document_level};
use crate::ui::plain::ids::{ParagraphId, ProjectId, RowId};
use crate::ui::plain::places::{Addresses, Place, ProjectIds, ProjectPlace};
use crate::ui::plain::routing::{group_document, group_project};

use super::routing::Router;

/// Runs `make` under a new child of `parent`: what it creates is disposed
/// together when the item is removed.
fn owned<T>(parent: &Owner, make: impl FnOnce() -> T) -> (Owner, T) {
    let owner = parent.child();
    let value = owner.with(make);
    (owner, value)
}

/// Disposes `owner` once the keyed list has dropped the removed item's view
/// (which still holds its signals until it re-renders, in a microtask).
fn dispose_later(owner: Owner) {
    set_timeout(move || owner.cleanup(), std::time::Duration::ZERO);
}

#[derive(Clone)]
pub struct Paragraph {
    pub id: ParagraphId,
    pub text: RwSignal<String>,
    owner: Owner,
}

impl Paragraph {
    fn new(parent: &Owner, id: ParagraphId, text: &str) -> Self {
        let (owner, text) = owned(parent, || RwSignal::new(text.to_string()));
        Paragraph { id, text, owner }
    }
}

#[derive(Clone)]
pub struct RowState {
    pub id: RowId,
    pub cells: [RwSignal<String>; 6],
    /// Keys of the file this app does not know, written back untouched.
    pub extra: Arc<Extra>,
    owner: Owner,
}

impl RowState {
    fn new(parent: &Owner, id: RowId, row: &Indicator) -> Self {
        let (owner, cells) = owned(parent, || {
            IndicatorField::ALL.map(|f| RwSignal::new(row.get(f).clone()))
        });
        RowState {
            id,
            cells,
            extra: Arc::new(row.extra.clone()),
            owner,
        }
    }

    pub fn cell(&self, field: IndicatorField) -> RwSignal<String> {
        self.cells[field as usize]
    }

    fn to_core(&self) -> Indicator {
        let mut row = Indicator {
            extra: (*self.extra).clone(),
            ..Default::default()
        };
        for f in IndicatorField::ALL {
            *row.get_mut(f) = self.cell(f).get();
        }
        row
    }
}

/// The unknown keys of a project's nested objects.
#[derive(Clone, Default)]
struct ProjectExtras {
    project: Extra,
    budget: Extra,
    spending_plan: Extra,
}

#[derive(Clone)]
pub struct ProjectState {
    pub id: ProjectId,
    pub code: RwSignal<String>,
    pub name: RwSignal<String>,
    pub total: RwSignal<String>,
    pub fiscal: RwSignal<String>,
    pub other: RwSignal<String>,
    pub use_of_funds: RwSignal<String>,
    pub plan: [RwSignal<String>; 4],
    pub goals: RwSignal<Vec<Paragraph>>,
    pub rows: RwSignal<Vec<RowState>>,
    extras: Arc<ProjectExtras>,
    /// This project's findings (rules A–E, F1, F4), re-run when one of its own
    /// fields or the 预算年度 changes, and only then.
    pub findings: Memo<Vec<Finding<ProjectField>>>,
    /// Their counts, for the step list: unchanged counts notify nobody.
    pub counts: Memo<Counts>,
    owner: Owner,
}

impl ProjectState {
    fn new(
        parent: &Owner,
        id: ProjectId,
        p: &Project,
        year: RwSignal<String>,
        router: Router,
    ) -> Self {
        let owner = parent.child();
        let state = owner.with(|| {
            let goals = p
                .goals
                .iter()
                .map(|g| Paragraph::new(&owner, ParagraphId::fresh(), g));
            let rows = p
                .indicators
                .iter()
                .map(|r| RowState::new(&owner, RowId::fresh(), r));
            let mut state = ProjectState {
                id,
                code: RwSignal::new(p.code.clone()),
                name: RwSignal::new(p.name.clone()),
                total: RwSignal::new(p.budget.total.clone()),
                fiscal: RwSignal::new(p.budget.fiscal.clone()),
                other: RwSignal::new(p.budget.other.clone()),
                use_of_funds: RwSignal::new(p.use_of_funds.clone()),
                plan: Checkpoint::ALL.map(|c| RwSignal::new(p.spending_plan.get(c).clone())),
                goals: RwSignal::new(goals.collect()),
                rows: RwSignal::new(rows.collect()),
                extras: Arc::new(ProjectExtras {
                    project: p.extra.clone(),
                    budget: p.budget.extra.clone(),
                    spending_plan: p.spending_plan.extra.clone(),
                }),
                findings: Memo::new(|_| Vec::new()),
                counts: Memo::new(|_| Counts::default()),
                owner: owner.clone(),
            };
            let this = state.clone();
            let findings = Memo::new(move |_| check_project(&this.to_core(), &year.get()));
            state.findings = findings;
            state.counts = Memo::new(move |_| findings.with(|f| Counts::of(f)));
            // Routes this project's findings to its places; rows and goals
            // are tracked so a move re-places them even when nothing changed.
            let (rows, goals) = (state.rows, state.goals);
            Effect::new(move |_| {
                let row_ids: Vec<RowId> = rows.with(|rs| rs.iter().map(|r| r.id).collect());
                let goal_ids: Vec<ParagraphId> = goals.with(|gs| gs.iter().map(|g| g.id).collect());
                let ids = ProjectIds {
                    id,
                    rows: &row_ids,
                    goals: &goal_ids,
                };
                let grouped = findings.with(|f| group_project(f, &ids));
                untrack(|| router.set_own(id, grouped));
            });
            Owner::on_cleanup(move || router.forget_project(id));
            state
        });
        state
    }

    /// The project as the core sees it. Reads every field (tracked).
    pub fn to_core(&self) -> Project {
        let mut plan = SpendingPlan {
            extra: self.extras.spending_plan.clone(),
            ..Default::default()
        };
        for (i, c) in Checkpoint::ALL.iter().enumerate() {
            *plan.get_mut(*c) = self.plan[i].get();
        }
        Project {
            code: self.code.get(),
            name: self.name.get(),
            budget: Budget {
                total: self.total.get(),
                fiscal: self.fiscal.get(),
                other: self.other.get(),
                extra: self.extras.budget.clone(),
            },
            use_of_funds: self.use_of_funds.get(),
            spending_plan: plan,
            goals: self
                .goals
                .with(|g| g.iter().map(|p| p.text.get()).collect()),
            indicators: self
                .rows
                .with(|r| r.iter().map(RowState::to_core).collect()),
            extra: self.extras.project.clone(),
        }
    }

    pub fn plan_of(&self, c: Checkpoint) -> RwSignal<String> {
        self.plan[c as usize]
    }

    /// The signal of a head field of the project (`None` for places that gather others).
    pub fn field(&self, place: ProjectPlace) -> Option<RwSignal<String>> {
        Some(match place {
            ProjectPlace::Code => self.code,
            ProjectPlace::Name => self.name,
            ProjectPlace::BudgetTotal => self.total,
            ProjectPlace::BudgetFiscal => self.fiscal,
            ProjectPlace::BudgetOther => self.other,
            ProjectPlace::UseOfFunds => self.use_of_funds,
            ProjectPlace::Checkpoint(c) => self.plan_of(c),
            _ => return None,
        })
    }

    pub fn display_name(&self) -> String {
        let name = self.name.get();
        if name.trim().is_empty() {
            "未命名项目".to_string()
        } else {
            name.trim().to_string()
        }
    }

    fn row(&self, id: RowId) -> Option<RowState> {
        self.rows
            .with_untracked(|rs| rs.iter().find(|r| r.id == id).cloned())
    }

    fn row_ids(&self) -> Vec<RowId> {
        self.rows
            .with_untracked(|rs| rs.iter().map(|r| r.id).collect())
    }

    fn goal_ids(&self) -> Vec<ParagraphId> {
        self.goals
            .with_untracked(|gs| gs.iter().map(|g| g.id).collect())
    }
}

/// What the document keeps that nobody types: written back as it came.
#[derive(Clone, Default)]
pub struct DocExtras {
    pub money_unit: String,
    pub saved_at: String,
    pub document: Extra,
    pub unit: Extra,
    pub department: Extra,
}

/// Counts of the document-level findings, by where they stand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocCounts {
    pub head: Counts,
    pub department: Counts,
    /// By the project's position.
    pub projects: Vec<Counts>,
}

/// A structural change the preparer can undo: what was removed and where it stood.
#[derive(Clone, Debug)]
pub enum Removed {
    Paragraph {
        list: DepartmentList,
        index: usize,
        id: ParagraphId,
        text: String,
    },
    Goal {
        project: ProjectId,
        index: usize,
        id: ParagraphId,
        text: String,
    },
    Row {
        project: ProjectId,
        index: usize,
        id: RowId,
        row: Indicator,
    },
    Project {
        index: usize,
        id: ProjectId,
        project: Project,
    },
}

#[derive(Clone, Copy)]
pub struct DocState {
    pub year: RwSignal<String>,
    pub unit_code: RwSignal<String>,
    pub unit_name: RwSignal<String>,
    lists: [RwSignal<Vec<Paragraph>>; 3],
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
    owner: StoredValue<Owner>,
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

    fn owner(&self) -> Owner {
        self.owner.get_value()
    }

    /// Marks the document changed (for autosave). Called by every mutation below.
    fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }

    // ---- typing

    /// The preparer typed into a field: the text is kept exactly as typed.
    pub fn edit(&self, field: RwSignal<String>, text: String) {
        field.set(text);
        self.changed();
    }

    /// A new 一级 for a row: a 二级 that does not belong under it is cleared, not
    /// kept silently wrong (C1 then asks for a choice); one that belongs stays.
    pub fn choose_level1(&self, row: &RowState, level1: String) {
        let level2 = row.cell(IndicatorField::Level2);
        let fits =
            level2_choices(&level1).is_some_and(|c| c.contains(&level2.get_untracked().as_str()));
        if !fits {
            level2.set(String::new());
        }
        row.cell(IndicatorField::Level1).set(level1);
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

    // ---- structure: add, remove (with what undo needs), restore, move

    pub fn add_paragraph(&self, list: DepartmentList) -> ParagraphId {
        let id = ParagraphId::fresh();
        let p = Paragraph::new(&self.owner(), id, "");
        self.list(list).update(|ps| ps.push(p));
        self.changed();
        id
    }

    pub fn remove_paragraph(&self, list: DepartmentList, id: ParagraphId) -> Option<Removed> {
        let (index, p) = take(self.list(list), |p| p.id == id)?;
        self.changed();
        let text = p.text.get_untracked();
        self.forget(move |place| *place == Place::Paragraph(list, id));
        dispose_later(p.owner);
        Some(Removed::Paragraph {
            list,
            index,
            id,
            text,
        })
    }

    pub fn add_goal(&self, project: &ProjectState) -> ParagraphId {
        let id = ParagraphId::fresh();
        let g = Paragraph::new(&project.owner, id, "");
        project.goals.update(|gs| gs.push(g));
        self.changed();
        id
    }

    pub fn remove_goal(&self, project: &ProjectState, id: ParagraphId) -> Option<Removed> {
        let (index, g) = take(project.goals, |g| g.id == id)?;
        self.changed();
        let pid = project.id;
        self.forget(move |place| *place == Place::Project(pid, ProjectPlace::Goal(id)));
        let text = g.text.get_untracked();
        dispose_later(g.owner);
        Some(Removed::Goal {
            project: pid,
            index,
            id,
            text,
        })
    }

    /// Appends rows (an empty one from 添加指标, or rows from the library or a
    /// pasted table); gives their ids.
    pub fn add_rows(&self, project: &ProjectState, rows: &[Indicator]) -> Vec<RowId> {
        let new: Vec<RowState> = rows
            .iter()
            .map(|r| RowState::new(&project.owner, RowId::fresh(), r))
            .collect();
        let ids = new.iter().map(|r| r.id).collect();
        project.rows.update(|rs| rs.extend(new));
        self.changed();
        ids
    }

    pub fn remove_row(&self, project: &ProjectState, id: RowId) -> Option<Removed> {
        let row = project.row(id)?;
        let data = untrack(|| row.to_core());
        let (index, row) = take(project.rows, |r| r.id == id)?;
        self.changed();
        let pid = project.id;
        self.forget(move |place| {
            matches!(place, Place::Project(p, ProjectPlace::Row(r) | ProjectPlace::Cell(r, _)) if *p == pid && *r == id)
        });
        dispose_later(row.owner);
        Some(Removed::Row {
            project: pid,
            index,
            id,
            row: data,
        })
    }

    /// Moves a row by one place up (`-1`) or down (`1`); false at an end.
    pub fn move_row(&self, project: &ProjectState, id: RowId, by: isize) -> bool {
        let moved = shift(project.rows, |r| r.id == id, by);
        if moved {
            self.changed();
        }
        moved
    }

    pub fn add_project(&self) -> ProjectId {
        self.insert_project(None, ProjectId::fresh(), &Project::default())
    }

    /// Adds a project (at `index`, or at the end) from its core data.
    fn insert_project(&self, index: Option<usize>, id: ProjectId, p: &Project) -> ProjectId {
        let project = ProjectState::new(&self.owner(), id, p, self.year, self.router);
        self.projects.update(|ps| {
            let at = index.unwrap_or(ps.len()).min(ps.len());
            ps.insert(at, project);
        });
        self.changed();
        id
    }

    pub fn remove_project(&self, id: ProjectId) -> Option<Removed> {
        let project = self
            .projects
            .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())?;
        let data = untrack(|| project.to_core());
        let (index, project) = take(self.projects, |p| p.id == id)?;
        self.changed();
        dispose_later(project.owner);
        Some(Removed::Project {
            index,
            id,
            project: data,
        })
    }

    pub fn move_project(&self, id: ProjectId, by: isize) -> bool {
        let moved = shift(self.projects, |p| p.id == id, by);
        if moved {
            self.changed();
        }
        moved
    }

    /// Puts back what was removed, where it stood, with its id (so what the
    /// preparer touched there shows again). False when its project is gone.
    pub fn restore(&self, removed: &Removed) -> bool {
        match removed.clone() {
            Removed::Paragraph {
                list,
                index,
                id,
                text,
            } => {
                let p = Paragraph::new(&self.owner(), id, &text);
                self.list(list)
                    .update(|ps| ps.insert(index.min(ps.len()), p));
            }
            Removed::Goal {
                project,
                index,
                id,
                text,
            } => {
                let Some(project) = self.project_untracked(project) else {
                    return false;
                };
                let g = Paragraph::new(&project.owner, id, &text);
                project.goals.update(|gs| gs.insert(index.min(gs.len()), g));
            }
            Removed::Row {
                project,
                index,
                id,
                row,
            } => {
                let Some(project) = self.project_untracked(project) else {
                    return false;
                };
                let r = RowState::new(&project.owner, id, &row);
                project.rows.update(|rs| rs.insert(index.min(rs.len()), r));
            }
            Removed::Project { index, id, project } => {
                self.insert_project(Some(index), id, &project);
            }
        }
        self.changed();
        true
    }

    fn project_untracked(&self, id: ProjectId) -> Option<ProjectState> {
        self.projects
            .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
    }

    fn forget(&self, gone: impl Fn(&Place) -> bool) {
        self.router.forget(gone);
    }
}

/// Takes the first item for which `is` holds out of a list signal.
fn take<T: Clone + Send + Sync + 'static>(
    list: RwSignal<Vec<T>>,
    is: impl Fn(&T) -> bool,
) -> Option<(usize, T)> {
    let index = list.with_untracked(|l| l.iter().position(&is))?;
    let mut item = None;
    list.update(|l| item = Some(l.remove(index)));
    item.map(|i| (index, i))
}

/// Swaps an item with its neighbour `by` places away; false at an end.
fn shift<T: Send + Sync + 'static>(
    list: RwSignal<Vec<T>>,
    is: impl Fn(&T) -> bool,
    by: isize,
) -> bool {
    let Some(i) = list.with_untracked(|l| l.iter().position(&is)) else {
        return false;
    };
    let len = list.with_untracked(Vec::len);
    let j = i as isize + by;
    if j < 0 || j as usize >= len {
        return false;
    }
    list.update(|l| l.swap(i, j as usize));
    true
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
