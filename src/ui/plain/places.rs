//! Places in the editor, named by stable ids (unlike the core's `Location`,
//! which names positions): what was touched, where a finding shows, where a
//! link goes. Every DOM id of a control, its message list and its buttons is
//! made here, from its place, in one format.

use crate::core::findings::{HeadField, Location, ProjectField};
use crate::core::model::{Checkpoint, DepartmentList, IndicatorField};

use super::ids::{ParagraphId, ProjectId, RowId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// 预算年度, 单位编码 or 单位名称.
    Head(HeadField),
    /// A department list as a whole (its heading).
    List(DepartmentList),
    Paragraph(DepartmentList, ParagraphId),
    Project(ProjectId, ProjectPlace),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProjectPlace {
    /// The step's heading and its project tools.
    Step,
    Code,
    Name,
    BudgetTotal,
    BudgetFiscal,
    BudgetOther,
    UseOfFunds,
    /// The spending plan as a whole.
    Plan,
    Checkpoint(Checkpoint),
    /// The goals as a whole.
    Goals,
    Goal(ParagraphId),
    /// The indicator table as a whole.
    Indicators,
    /// One row as a whole (its tools).
    Row(RowId),
    Cell(RowId, IndicatorField),
}

/// A step of the editor, by id (projects by their id, so a step stays the
/// same when projects move).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Basic,
    Department,
    Project(ProjectId),
    Review,
}

/// What of a place a DOM id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The control itself (or the heading of a place that gathers others).
    Control,
    /// The list of its findings, joined to the control by aria-describedby.
    Messages,
    /// Its 添加 button (a list, the goals, the table).
    Add,
    Up,
    Down,
    Delete,
}

impl Part {
    fn suffix(self) -> &'static str {
        match self {
            Part::Control => "",
            Part::Messages => "-msgs",
            Part::Add => "-add",
            Part::Up => "-up",
            Part::Down => "-down",
            Part::Delete => "-delete",
        }
    }
}

impl Place {
    /// The DOM id of the control (or heading) at this place.
    pub fn dom_id(self) -> String {
        self.dom(Part::Control)
    }

    /// The DOM id of one part of this place: `f-p3-r7-value-msgs`.
    pub fn dom(self, part: Part) -> String {
        let base = match self {
            Place::Head(field) => format!("f-{}", field.key().replace('.', "-")),
            Place::List(list) => format!("f-{}", list.key()),
            Place::Paragraph(list, id) => format!("f-{}-{}", list.key(), id.raw()),
            Place::Project(pid, pp) => {
                let p = pid.raw();
                match pp {
                    ProjectPlace::Step => format!("f-p{p}"),
                    ProjectPlace::Code => format!("f-p{p}-code"),
                    ProjectPlace::Name => format!("f-p{p}-name"),
                    ProjectPlace::BudgetTotal => format!("f-p{p}-total"),
                    ProjectPlace::BudgetFiscal => format!("f-p{p}-fiscal"),
                    ProjectPlace::BudgetOther => format!("f-p{p}-other"),
                    ProjectPlace::UseOfFunds => format!("f-p{p}-use"),
                    ProjectPlace::Plan => format!("f-p{p}-plan"),
                    ProjectPlace::Checkpoint(c) => format!("f-p{p}-plan-{}", c.key()),
                    ProjectPlace::Goals => format!("f-p{p}-goals"),
                    ProjectPlace::Goal(g) => format!("f-p{p}-goal-{}", g.raw()),
                    ProjectPlace::Indicators => format!("f-p{p}-indicators"),
                    ProjectPlace::Row(r) => format!("f-p{p}-r{}", r.raw()),
                    ProjectPlace::Cell(r, f) => format!("f-p{p}-r{}-{}", r.raw(), f.key()),
                }
            }
        };
        base + part.suffix()
    }

    pub fn project(self) -> Option<ProjectId> {
        match self {
            Place::Project(pid, _) => Some(pid),
            _ => None,
        }
    }

    /// How many characters its field may hold (the file's limits, so a draft
    /// can always be read back): long text for paragraphs, goals, 资金用途 and
    /// 绩效指标描述, short for the rest.
    pub fn max_chars(self) -> usize {
        use crate::core::limits::{MAX_LONG_CHARS, MAX_SHORT_CHARS};
        match self {
            Place::Paragraph(..)
            | Place::Project(
                _,
                ProjectPlace::Goal(_)
                | ProjectPlace::UseOfFunds
                | ProjectPlace::Cell(_, IndicatorField::Description),
            ) => MAX_LONG_CHARS,
            _ => MAX_SHORT_CHARS,
        }
    }

    /// The step this place is on.
    pub fn step(self) -> Step {
        match self {
            Place::Head(_) => Step::Basic,
            Place::List(_) | Place::Paragraph(..) => Step::Department,
            Place::Project(pid, _) => Step::Project(pid),
        }
    }
}

/// The ids of one project's rows and goals, in order: what turns a position
/// (as the core names it) into a place, and back.
pub struct ProjectIds<'a> {
    pub id: ProjectId,
    pub rows: &'a [RowId],
    pub goals: &'a [ParagraphId],
}

impl ProjectIds<'_> {
    /// The place of a position in this project; `None` for a row or goal that
    /// is not there (any more).
    pub fn place(&self, field: ProjectField) -> Option<Place> {
        let pp = match field {
            ProjectField::Code => ProjectPlace::Code,
            ProjectField::Name => ProjectPlace::Name,
            ProjectField::BudgetTotal => ProjectPlace::BudgetTotal,
            ProjectField::BudgetFiscal => ProjectPlace::BudgetFiscal,
            ProjectField::BudgetOther => ProjectPlace::BudgetOther,
            ProjectField::UseOfFunds => ProjectPlace::UseOfFunds,
            ProjectField::SpendingPlan(None) => ProjectPlace::Plan,
            ProjectField::SpendingPlan(Some(c)) => ProjectPlace::Checkpoint(c),
            ProjectField::Goals(None) => ProjectPlace::Goals,
            ProjectField::Goals(Some(i)) => ProjectPlace::Goal(*self.goals.get(i)?),
            ProjectField::Indicators => ProjectPlace::Indicators,
            ProjectField::Indicator(i, None) => ProjectPlace::Row(*self.rows.get(i)?),
            ProjectField::Indicator(i, Some(f)) => ProjectPlace::Cell(*self.rows.get(i)?, f),
        };
        Some(Place::Project(self.id, pp))
    }

    /// Where a place of this project stands now, as the core names it.
    pub fn field(&self, place: ProjectPlace) -> Option<ProjectField> {
        let row = |r: RowId| self.rows.iter().position(|x| *x == r);
        let goal = |g: ParagraphId| self.goals.iter().position(|x| *x == g);
        Some(match place {
            ProjectPlace::Step => return None,
            ProjectPlace::Code => ProjectField::Code,
            ProjectPlace::Name => ProjectField::Name,
            ProjectPlace::BudgetTotal => ProjectField::BudgetTotal,
            ProjectPlace::BudgetFiscal => ProjectField::BudgetFiscal,
            ProjectPlace::BudgetOther => ProjectField::BudgetOther,
            ProjectPlace::UseOfFunds => ProjectField::UseOfFunds,
            ProjectPlace::Plan => ProjectField::SpendingPlan(None),
            ProjectPlace::Checkpoint(c) => ProjectField::SpendingPlan(Some(c)),
            ProjectPlace::Goals => ProjectField::Goals(None),
            ProjectPlace::Goal(g) => ProjectField::Goals(Some(goal(g)?)),
            ProjectPlace::Indicators => ProjectField::Indicators,
            ProjectPlace::Row(r) => ProjectField::Indicator(row(r)?, None),
            ProjectPlace::Cell(r, f) => ProjectField::Indicator(row(r)?, Some(f)),
        })
    }
}

/// What turns a document position into a place: the ids of the document's
/// paragraphs and projects, in order.
pub trait Addresses {
    fn paragraph(&self, list: DepartmentList, index: usize) -> Option<ParagraphId>;
    fn paragraph_index(&self, list: DepartmentList, id: ParagraphId) -> Option<usize>;
    /// The place of a position inside project `index`.
    fn project_place(&self, index: usize, field: ProjectField) -> Option<Place>;
    /// Where project `id` stands and what a place of it is now.
    fn project_field(&self, id: ProjectId, place: ProjectPlace) -> Option<(usize, ProjectField)>;

    fn place_of(&self, location: Location) -> Option<Place> {
        match location {
            Location::Head(field) => Some(Place::Head(field)),
            Location::Department(list, None) => Some(Place::List(list)),
            Location::Department(list, Some(i)) => {
                Some(Place::Paragraph(list, self.paragraph(list, i)?))
            }
            Location::Project(i, field) => self.project_place(i, field),
        }
    }

    fn location_of(&self, place: Place) -> Option<Location> {
        match place {
            Place::Head(field) => Some(Location::Head(field)),
            Place::List(list) => Some(Location::Department(list, None)),
            Place::Paragraph(list, id) => Some(Location::Department(
                list,
                Some(self.paragraph_index(list, id)?),
            )),
            Place::Project(pid, pp) => {
                let (i, field) = self.project_field(pid, pp)?;
                Some(Location::Project(i, field))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_ids_come_from_places_in_one_format() {
        let p = ProjectId::fresh();
        let r = RowId::fresh();
        let cell = Place::Project(p, ProjectPlace::Cell(r, IndicatorField::Value));
        assert_eq!(
            cell.dom(Part::Messages),
            format!("f-p{}-r{}-value-msgs", p.raw(), r.raw())
        );
        assert_eq!(Place::Head(HeadField::UnitCode).dom_id(), "f-unit-code");
        assert_eq!(
            Place::Project(p, ProjectPlace::Indicators).dom(Part::Add),
            format!("f-p{}-indicators-add", p.raw())
        );
    }

    #[test]
    fn each_place_is_on_its_step() {
        let p = ProjectId::fresh();
        let r = RowId::fresh();
        assert_eq!(
            Place::Project(p, ProjectPlace::Cell(r, IndicatorField::Name)).step(),
            Step::Project(p)
        );
        assert_eq!(Place::Head(HeadField::Year).step(), Step::Basic);
        assert_eq!(
            Place::List(DepartmentList::SubGoals).step(),
            Step::Department
        );
    }

    #[test]
    fn positions_and_places_map_both_ways() {
        let rows = [RowId::fresh(), RowId::fresh()];
        let goals = [ParagraphId::fresh()];
        let ids = ProjectIds {
            id: ProjectId::fresh(),
            rows: &rows,
            goals: &goals,
        };
        let field = ProjectField::Indicator(1, Some(IndicatorField::Basis));
        let place = ids.place(field).expect("row 2 is there");
        let Place::Project(_, pp) = place else {
            panic!("{place:?}")
        };
        assert_eq!(ids.field(pp), Some(field));
        assert_eq!(
            ids.place(ProjectField::Indicator(2, None)),
            None,
            "no row 3"
        );
        assert_eq!(
            ids.place(ProjectField::Goals(Some(0))),
            Some(Place::Project(ids.id, ProjectPlace::Goal(goals[0])))
        );
    }
}
