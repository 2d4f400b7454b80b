//! 修改对比: what changed between the last round's `reviewed` snapshot and the
//! resubmitted document, per step, with the comments on each changed place.
//! Rows, goals and paragraphs are paired as `matching` says; added and
//! removed ones, and added and removed projects, are reported as such.
//! Moving a row without changing it is not a change.

use super::anchor::{text_at, BudgetField, DepartmentPlace, HeadField, Place, ProjectPlace, Step};
use super::comments::Locator;
use super::matching::{DocumentPairing, Pairing};
use super::model::Review;
use crate::core::model::{Checkpoint, DepartmentList, Document, IndicatorField};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Changed,
    Added,
    Removed,
}

/// One changed place: old and new side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// In the snapshot; `None` when added.
    pub old: Option<Place>,
    /// In the current document; `None` when removed.
    pub new: Option<Place>,
    /// `""` when added.
    pub old_text: String,
    /// `""` when removed.
    pub new_text: String,
    /// Ids of the comments on this place (or on its row or list), oldest
    /// round first; their text and reply are in the review.
    pub comments: Vec<String>,
}

/// A project step in 修改对比.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectComparison {
    /// The same project in both; no changes means unchanged (collapsed).
    Kept {
        old: usize,
        new: usize,
        changes: Vec<Change>,
    },
    Added {
        new: usize,
        comments: Vec<String>,
    },
    Removed {
        old: usize,
        comments: Vec<String>,
    },
}

impl ProjectComparison {
    pub fn is_unchanged(&self) -> bool {
        matches!(self, ProjectComparison::Kept { changes, .. } if changes.is_empty())
    }
}

/// 修改对比 of a whole document, step by step. A step with no changes is
/// unchanged, so the UI collapses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// 基本信息.
    pub head: Vec<Change>,
    /// 部门整体绩效目标.
    pub department: Vec<Change>,
    /// The current document's projects in order (kept or added), then the
    /// removed ones in the snapshot's order.
    pub projects: Vec<ProjectComparison>,
}

impl Comparison {
    pub fn is_unchanged(&self) -> bool {
        self.head.is_empty()
            && self.department.is_empty()
            && self.projects.iter().all(ProjectComparison::is_unchanged)
    }

    /// Whether a step of the current document changed (a removed project has
    /// no step of its own; it is listed with the comparison).
    pub fn step_changed(&self, step: Step) -> bool {
        match step {
            Step::Document => false,
            Step::Head => !self.head.is_empty(),
            Step::Department => !self.department.is_empty(),
            Step::Project(i) => self.projects.iter().any(|p| match p {
                ProjectComparison::Kept { new, changes, .. } => *new == i && !changes.is_empty(),
                ProjectComparison::Added { new, .. } => *new == i,
                ProjectComparison::Removed { .. } => false,
            }),
        }
    }
}

/// Collects the changes of one step.
struct Changes<'d> {
    old: &'d Document,
    new: &'d Document,
    out: Vec<Change>,
}

impl Changes<'_> {
    fn text(doc: &Document, place: Option<Place>) -> String {
        place.and_then(|p| text_at(doc, p)).unwrap_or_default()
    }

    fn push(&mut self, kind: ChangeKind, old: Option<Place>, new: Option<Place>) {
        let (old_text, new_text) = (Self::text(self.old, old), Self::text(self.new, new));
        if kind == ChangeKind::Changed && old_text == new_text {
            return;
        }
        self.out.push(Change {
            kind,
            old,
            new,
            old_text,
            new_text,
            comments: Vec::new(),
        });
    }

    fn field(&mut self, old: Place, new: Place) {
        self.push(ChangeKind::Changed, Some(old), Some(new));
    }

    /// A list paired item by item: changed, added (in the new order), removed.
    fn list(
        &mut self,
        pairing: &Pairing,
        old_place: impl Fn(usize) -> Place,
        new_place: impl Fn(usize) -> Place,
    ) {
        for n in 0..pairing.new_len() {
            match pairing.old_of(n) {
                Some(o) => self.field(old_place(o), new_place(n)),
                None => self.push(ChangeKind::Added, None, Some(new_place(n))),
            }
        }
        for o in 0..pairing.old_len() {
            if pairing.new_of(o).is_none() {
                self.push(ChangeKind::Removed, Some(old_place(o)), None);
            }
        }
    }

    /// Paired rows: each changed cell; a row added or removed as a whole.
    fn rows(&mut self, pairing: &Pairing, o: usize, n: usize) {
        let row = |p: usize, r: usize| Place::Project(p, ProjectPlace::Row(r));
        for nr in 0..pairing.new_len() {
            match pairing.old_of(nr) {
                Some(or) => {
                    for f in IndicatorField::ALL {
                        self.field(
                            Place::Project(o, ProjectPlace::Cell(or, f)),
                            Place::Project(n, ProjectPlace::Cell(nr, f)),
                        );
                    }
                }
                None => self.push(ChangeKind::Added, None, Some(row(n, nr))),
            }
        }
        for or in 0..pairing.old_len() {
            if pairing.new_of(or).is_none() {
                self.push(ChangeKind::Removed, Some(row(o, or)), None);
            }
        }
    }
}

/// What changed from `old` (the reviewer's snapshot) to `new`, without comments.
pub fn compare(old: &Document, new: &Document) -> Comparison {
    let pairing = DocumentPairing::new(old, new);
    let changes = || Changes {
        old,
        new,
        out: Vec::new(),
    };

    let mut head = changes();
    for h in [HeadField::Year, HeadField::UnitCode, HeadField::UnitName] {
        head.field(Place::Head(h), Place::Head(h));
    }

    let mut department = changes();
    for list in DepartmentList::ALL {
        if let Some(p) = pairing.department(list) {
            let para = move |i| Place::Department(DepartmentPlace::Paragraph(list, i));
            department.list(p, para, para);
        }
    }

    let mut projects = Vec::new();
    for n in 0..new.projects.len() {
        let Some(o) = pairing.projects.old_of(n) else {
            projects.push(ProjectComparison::Added {
                new: n,
                comments: Vec::new(),
            });
            continue;
        };
        let mut c = changes();
        let both = |pp| (Place::Project(o, pp), Place::Project(n, pp));
        let mut fields = vec![ProjectPlace::Code, ProjectPlace::Name];
        fields.extend(BudgetField::ALL.map(ProjectPlace::Budget));
        fields.push(ProjectPlace::UseOfFunds);
        fields.extend(Checkpoint::ALL.map(|k| ProjectPlace::SpendingPlan(Some(k))));
        for pp in fields {
            let (a, b) = both(pp);
            c.field(a, b);
        }
        if let Some((_, inner)) = pairing.project(o) {
            c.list(
                &inner.goals,
                |g| Place::Project(o, ProjectPlace::Goals(Some(g))),
                |g| Place::Project(n, ProjectPlace::Goals(Some(g))),
            );
            c.rows(&inner.rows, o, n);
        }
        projects.push(ProjectComparison::Kept {
            old: o,
            new: n,
            changes: c.out,
        });
    }
    for o in 0..old.projects.len() {
        if pairing.projects.new_of(o).is_none() {
            projects.push(ProjectComparison::Removed {
                old: o,
                comments: Vec::new(),
            });
        }
    }

    Comparison {
        head: head.out,
        department: department.out,
        projects,
    }
}

/// 修改对比 for a document under review: against the last round's snapshot,
/// each change with the comments on its place. `None` before any round was
/// closed (nothing to compare against).
pub fn compare_with_review(review: &Review, doc: &Document) -> Option<Comparison> {
    let base = review.last_reviewed()?;
    let mut cmp = compare(base, doc);
    let now = Locator::new(review, doc);
    let then = Locator::new(review, base);
    let places: Vec<(String, Option<Place>, Option<Place>)> = review
        .comments()
        .map(|(r, c)| {
            (
                c.id.clone(),
                then.locate(r, c).place(),
                now.locate(r, c).place(),
            )
        })
        .collect();
    let on = |change: &Change| -> Vec<String> {
        places
            .iter()
            .filter(|(_, old, new)| {
                let hit = |a: Option<Place>, b: Option<Place>| {
                    matches!((a, b), (Some(a), Some(b)) if a.overlaps(b))
                };
                hit(change.old, *old) || hit(change.new, *new)
            })
            .map(|(id, _, _)| id.clone())
            .collect()
    };
    let in_project = |index: usize, old_side: bool| -> Vec<String> {
        places
            .iter()
            .filter(|(_, old, new)| {
                let p = if old_side { old } else { new };
                matches!(p, Some(Place::Project(i, _)) if *i == index)
            })
            .map(|(id, _, _)| id.clone())
            .collect()
    };
    for change in cmp.head.iter_mut().chain(cmp.department.iter_mut()) {
        change.comments = on(change);
    }
    for p in &mut cmp.projects {
        match p {
            ProjectComparison::Kept { changes, .. } => {
                for change in changes {
                    change.comments = on(change);
                }
            }
            ProjectComparison::Added { new, comments } => *comments = in_project(*new, false),
            ProjectComparison::Removed { old, comments } => *comments = in_project(*old, true),
        }
    }
    Some(cmp)
}
