//! Changes to the document's structure: adding, removing (keeping what undo
//! needs), restoring and moving paragraphs, goals, rows and projects. Each
//! marks the document changed; a removed item's signals and effects are
//! disposed.

use leptos::prelude::*;

use crate::core::model::{DepartmentList, Indicator, Project};
use crate::ui::plain::ids::{ParagraphId, ProjectId, RowId};
use crate::ui::plain::places::{Place, ProjectPlace};

use super::doc::DocState;
use super::items::{dispose_later, Paragraph, ProjectState, RowState};

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

impl DocState {
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
    pub(super) fn insert_project(
        &self,
        index: Option<usize>,
        id: ProjectId,
        p: &Project,
    ) -> ProjectId {
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

    pub(super) fn project_untracked(&self, id: ProjectId) -> Option<ProjectState> {
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
