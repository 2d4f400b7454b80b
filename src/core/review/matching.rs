//! Which item of one version of a document is which item of the next: the
//! reviewer's snapshot against the resubmitted document. 修改对比 shows the
//! pairs side by side, and a comment written on the snapshot finds its place
//! in the new version through them.
//!
//! Rows: the same position with the same 三级指标 first (nothing moved there),
//! then the same 三级指标 anywhere (rows that moved because one above was
//! added or deleted), then what is left at the same position (a row whose
//! 三级指标 was edited). Paragraphs and goals the same way by their text.
//! Projects: by 项目编码, then by 项目名称, then what is left at the same
//! position when either side has no code.

use std::collections::{HashMap, VecDeque};

use super::anchor::{DepartmentPlace, Place, ProjectPlace};
use crate::core::model::{DepartmentList, Document, Indicator, Project};

/// Pairs of positions between an old and a new list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    old_to_new: Vec<Option<usize>>,
    new_to_old: Vec<Option<usize>>,
}

impl Pairing {
    fn empty(old: usize, new: usize) -> Self {
        Pairing {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    fn link(&mut self, o: usize, n: usize) {
        self.old_to_new[o] = Some(n);
        self.new_to_old[n] = Some(o);
    }

    /// Pairs the items still alone at the same position when `pred` holds.
    fn by_index(&mut self, pred: impl Fn(usize, usize) -> bool) {
        let n = self.old_to_new.len().min(self.new_to_old.len());
        for i in 0..n {
            if self.old_to_new[i].is_none() && self.new_to_old[i].is_none() && pred(i, i) {
                self.link(i, i);
            }
        }
    }

    /// Pairs the items still alone by an equal, non-empty key, in order.
    fn by_key<'a>(
        &mut self,
        old_key: impl Fn(usize) -> &'a str,
        new_key: impl Fn(usize) -> &'a str,
    ) {
        let mut free: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for n in 0..self.new_to_old.len() {
            let key = new_key(n).trim();
            if self.new_to_old[n].is_none() && !key.is_empty() {
                free.entry(key).or_default().push_back(n);
            }
        }
        for o in 0..self.old_to_new.len() {
            let key = old_key(o).trim();
            if self.old_to_new[o].is_some() || key.is_empty() {
                continue;
            }
            if let Some(n) = free.get_mut(key).and_then(VecDeque::pop_front) {
                self.link(o, n);
            }
        }
    }

    /// Where old item `o` is now; `None` when it was removed.
    pub fn new_of(&self, o: usize) -> Option<usize> {
        self.old_to_new.get(o).copied().flatten()
    }

    /// Where new item `n` was; `None` when it was added.
    pub fn old_of(&self, n: usize) -> Option<usize> {
        self.new_to_old.get(n).copied().flatten()
    }

    pub fn old_len(&self) -> usize {
        self.old_to_new.len()
    }

    pub fn new_len(&self) -> usize {
        self.new_to_old.len()
    }
}

pub fn rows(old: &[Indicator], new: &[Indicator]) -> Pairing {
    let mut p = Pairing::empty(old.len(), new.len());
    p.by_index(|o, n| old[o].name.trim() == new[n].name.trim());
    p.by_key(|o| &old[o].name, |n| &new[n].name);
    p.by_index(|_, _| true);
    p
}

pub fn texts(old: &[String], new: &[String]) -> Pairing {
    let mut p = Pairing::empty(old.len(), new.len());
    p.by_index(|o, n| old[o].trim() == new[n].trim());
    p.by_key(|o| &old[o], |n| &new[n]);
    p.by_index(|_, _| true);
    p
}

pub fn projects(old: &[Project], new: &[Project]) -> Pairing {
    let mut p = Pairing::empty(old.len(), new.len());
    p.by_key(|o| &old[o].code, |n| &new[n].code);
    p.by_key(|o| &old[o].name, |n| &new[n].name);
    // Two different codes at one position are two different projects; a code
    // typed where there was none (or cleared) is the same project.
    p.by_index(|o, n| old[o].code.trim().is_empty() || new[n].code.trim().is_empty());
    p
}

/// The pairs inside one pair of projects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectPairing {
    pub rows: Pairing,
    pub goals: Pairing,
}

/// Every pairing between two versions of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentPairing {
    pub projects: Pairing,
    /// By old project: the pairs inside it, when it is still there.
    inner: Vec<Option<ProjectPairing>>,
    department: Vec<(DepartmentList, Pairing)>,
}

impl DocumentPairing {
    pub fn new(old: &Document, new: &Document) -> Self {
        let projects = projects(&old.projects, &new.projects);
        let inner = (0..old.projects.len())
            .map(|o| {
                let n = projects.new_of(o)?;
                let (a, b) = (&old.projects[o], &new.projects[n]);
                Some(ProjectPairing {
                    rows: rows(&a.indicators, &b.indicators),
                    goals: texts(&a.goals, &b.goals),
                })
            })
            .collect();
        let department = DepartmentList::ALL
            .into_iter()
            .map(|l| (l, texts(old.department.list(l), new.department.list(l))))
            .collect();
        DocumentPairing {
            projects,
            inner,
            department,
        }
    }

    /// The pairs inside old project `o`, with its new position.
    pub fn project(&self, o: usize) -> Option<(usize, &ProjectPairing)> {
        Some((self.projects.new_of(o)?, self.inner.get(o)?.as_ref()?))
    }

    pub fn department(&self, list: DepartmentList) -> Option<&Pairing> {
        self.department
            .iter()
            .find(|(l, _)| *l == list)
            .map(|(_, p)| p)
    }

    /// Where a place of the old version is in the new one; `None` when its
    /// project, row, goal or paragraph was removed.
    pub fn map(&self, old: Place) -> Option<Place> {
        Some(match old {
            Place::Document | Place::Head(_) => old,
            Place::Department(DepartmentPlace::Paragraph(l, i)) => Place::Department(
                DepartmentPlace::Paragraph(l, self.department(l)?.new_of(i)?),
            ),
            Place::Department(_) => old,
            Place::Project(o, pp) => {
                let (n, inner) = self.project(o)?;
                Place::Project(
                    n,
                    match pp {
                        ProjectPlace::Row(r) => ProjectPlace::Row(inner.rows.new_of(r)?),
                        ProjectPlace::Cell(r, f) => ProjectPlace::Cell(inner.rows.new_of(r)?, f),
                        ProjectPlace::Goals(Some(g)) => {
                            ProjectPlace::Goals(Some(inner.goals.new_of(g)?))
                        }
                        other => other,
                    },
                )
            }
        })
    }

    /// Where the project of an old place is now, even when the place itself
    /// is gone.
    pub fn project_of(&self, old: Place) -> Option<usize> {
        match old {
            Place::Project(o, _) => self.projects.new_of(o),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::IndicatorField;

    fn named(names: &[&str]) -> Vec<Indicator> {
        names
            .iter()
            .map(|n| Indicator {
                name: n.to_string(),
                ..Default::default()
            })
            .collect()
    }

    fn pairs(p: &Pairing) -> Vec<Option<usize>> {
        (0..p.old_len()).map(|o| p.new_of(o)).collect()
    }

    #[test]
    fn a_deleted_row_does_not_pair_the_rows_below_with_their_neighbours() {
        let p = rows(&named(&["A", "B", "C", "D"]), &named(&["A", "C", "D"]));
        assert_eq!(pairs(&p), [Some(0), None, Some(1), Some(2)]);
    }

    #[test]
    fn an_added_row_is_alone_and_the_others_keep_their_pairs() {
        let p = rows(&named(&["A", "B"]), &named(&["X", "A", "B"]));
        assert_eq!(pairs(&p), [Some(1), Some(2)]);
        assert_eq!(p.old_of(0), None);
    }

    #[test]
    fn a_row_whose_name_was_edited_stays_paired_by_position() {
        let p = rows(&named(&["A", "B", "C"]), &named(&["A", "B2", "C"]));
        assert_eq!(pairs(&p), [Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn moved_rows_pair_by_name() {
        let p = rows(&named(&["A", "B", "C"]), &named(&["C", "A", "B"]));
        assert_eq!(pairs(&p), [Some(1), Some(2), Some(0)]);
    }

    #[test]
    fn rows_without_a_name_pair_only_by_position() {
        let p = rows(&named(&["", "A", ""]), &named(&["A", "", ""]));
        assert_eq!(pairs(&p), [None, Some(0), Some(2)]);
        assert_eq!(p.old_of(1), None);
    }

    fn project(code: &str, name: &str) -> Project {
        Project {
            code: code.into(),
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn projects_pair_by_code_then_name_then_position_where_a_code_is_missing() {
        let old = [project("P1", "甲"), project("P2", "乙"), project("", "丙")];
        let new = [
            project("P2", "乙"),
            project("P1-fixed", "甲"),
            project("P3", "丙改"),
            project("P4", "丁"),
        ];
        let p = projects(&old, &new);
        assert_eq!(pairs(&p), [Some(1), Some(0), Some(2)]);
        assert_eq!(p.old_of(3), None);
        // Two different codes at one position are not the same project.
        let p = projects(&[project("P1", "甲")], &[project("P9", "戊")]);
        assert_eq!(pairs(&p), [None]);
    }

    #[test]
    fn places_map_through_the_pairs() {
        let mut old = Document {
            projects: vec![project("P1", "甲"), project("P2", "乙")],
            ..Default::default()
        };
        old.projects[1].indicators = named(&["A", "B", "C"]);
        let mut new = old.clone();
        new.projects.remove(0);
        new.projects[0].indicators.remove(0);
        let pairing = DocumentPairing::new(&old, &new);
        let cell = |p, r| Place::Project(p, ProjectPlace::Cell(r, IndicatorField::Value));
        assert_eq!(pairing.map(cell(1, 2)), Some(cell(0, 1)));
        assert_eq!(pairing.map(cell(1, 0)), None);
        assert_eq!(pairing.project_of(cell(1, 0)), Some(0));
        assert_eq!(pairing.map(cell(0, 0)), None);
        assert_eq!(pairing.project_of(cell(0, 0)), None);
    }
}
