//! Where a 审核意见 or a 已核实 points: the `at` address of review.md and
//! format.md, `{ "project": 项目编码 or "#N", "row": 1-based, "field": a
//! format.md key }`, with absent parts meaning the project, the department part
//! or the whole document.
//!
//! Two types: [`Anchor`] is the address as written in the file (a project by
//! its code, rows 1-based on the wire); [`Place`] is a place in one document
//! (positions, 0-based), what the UI shows and what findings map to.
//! [`Anchor::resolve`] goes from the first to the second, [`anchor_of`] back.

use serde_json::{Map, Value};

use super::error::{json_type_name, ReviewReadError};
pub use crate::core::findings::HeadField;
use crate::core::findings::{Finding, Location, ProjectField};
use crate::core::model::{Checkpoint, DepartmentList, Document, Extra, IndicatorField, Project};

/// One of the three amounts of 预算规模.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BudgetField {
    Total,
    Fiscal,
    Other,
}

impl BudgetField {
    pub const ALL: [BudgetField; 3] = [Self::Total, Self::Fiscal, Self::Other];

    pub fn key(self) -> &'static str {
        match self {
            Self::Total => "budget.total",
            Self::Fiscal => "budget.fiscal",
            Self::Other => "budget.other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Total => "预算数",
            Self::Fiscal => "财政资金",
            Self::Other => "其他资金",
        }
    }

    fn get(self, p: &Project) -> &String {
        match self {
            Self::Total => &p.budget.total,
            Self::Fiscal => &p.budget.fiscal,
            Self::Other => &p.budget.other,
        }
    }
}

/// A place in 部门整体绩效目标; paragraphs 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DepartmentPlace {
    /// The department part as a whole (`"field": "department"`).
    Whole,
    List(DepartmentList),
    Paragraph(DepartmentList, usize),
}

/// A place inside one project; goals and rows 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectPlace {
    /// The project as a whole (no `field`, no `row`).
    Whole,
    Code,
    Name,
    Budget(BudgetField),
    UseOfFunds,
    /// The spending plan as a whole, or one checkpoint.
    SpendingPlan(Option<Checkpoint>),
    /// The goals as a whole, or one goal.
    Goals(Option<usize>),
    /// The indicator table as a whole.
    Indicators,
    /// One indicator row (a `row` without `field`).
    Row(usize),
    /// One cell of an indicator row.
    Cell(usize, IndicatorField),
}

/// A place in one document, by position (0-based). The integrator maps it to
/// and from the findings' `Location`; see [`place_of_finding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Document,
    Head(HeadField),
    Department(DepartmentPlace),
    Project(usize, ProjectPlace),
}

/// How `at.project` names a project: by 项目编码, or `"#N"` (1-based) when the
/// code was empty. Kept 0-based here.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProjectRef {
    Code(String),
    Position(usize),
}

impl ProjectRef {
    fn parse(text: &str) -> ProjectRef {
        // Only the canonical "#N" is a position, so any other text (even "#03")
        // is kept as a code and written back exactly as it came.
        if let Some(digits) = text.strip_prefix('#') {
            let canonical = !digits.is_empty()
                && !digits.starts_with('0')
                && digits.bytes().all(|b| b.is_ascii_digit());
            if canonical {
                if let Ok(n) = digits.parse::<usize>() {
                    return ProjectRef::Position(n - 1);
                }
            }
        }
        ProjectRef::Code(text.to_string())
    }

    fn text(&self) -> String {
        match self {
            ProjectRef::Code(c) => c.clone(),
            ProjectRef::Position(i) => format!("#{}", i + 1),
        }
    }

    /// The project it names in `doc`: the first with that code, or that position.
    pub fn find(&self, doc: &Document) -> Option<usize> {
        match self {
            ProjectRef::Code(code) => doc.projects.iter().position(|p| p.code.trim() == code),
            ProjectRef::Position(i) => (*i < doc.projects.len()).then_some(*i),
        }
    }

    /// How `doc` names its project `index`: the code, or `#N` when it is empty.
    pub fn of(doc: &Document, index: usize) -> ProjectRef {
        match doc.projects.get(index).map(|p| p.code.trim()) {
            Some(code) if !code.is_empty() => ProjectRef::Code(code.to_string()),
            _ => ProjectRef::Position(index),
        }
    }
}

/// An `at` whose parts this app cannot place (a key of a later version, or a
/// `row` on a field that has no rows). Kept exactly as written; it resolves to
/// [`Resolved::Moved`], so the comment is shown with its project, never lost.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownAt {
    pub project: Option<ProjectRef>,
    pub row: Option<u64>,
    pub field: Option<String>,
}

/// The `at` address as written in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    Document,
    Head(HeadField),
    Department(DepartmentPlace),
    Project(ProjectRef, ProjectPlace),
    Unknown(UnknownAt),
}

/// Where an anchor is in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolved {
    At(Place),
    /// The place is gone (row deleted, project removed or re-coded, an address
    /// this app cannot place): shown as `原位置已修改` with its project when that
    /// is still there, else with the document.
    Moved {
        project: Option<usize>,
    },
}

/// The words shown for a comment whose place is gone.
pub const MOVED_LABEL: &str = "原位置已修改";

impl Resolved {
    pub fn place(self) -> Option<Place> {
        match self {
            Resolved::At(p) => Some(p),
            Resolved::Moved { .. } => None,
        }
    }

    /// The project it is shown with, if any.
    pub fn project(self) -> Option<usize> {
        match self {
            Resolved::At(Place::Project(i, _)) => Some(i),
            Resolved::At(_) => None,
            Resolved::Moved { project } => project,
        }
    }
}

impl Anchor {
    /// The place the address names in `doc`, when it exists there. No quote is
    /// consulted here (see `comments::Locator` for re-anchoring).
    pub fn resolve(&self, doc: &Document) -> Resolved {
        let place = match self {
            Anchor::Document => Place::Document,
            Anchor::Head(h) => Place::Head(*h),
            Anchor::Department(d) => Place::Department(*d),
            Anchor::Project(r, pp) => match r.find(doc) {
                Some(i) => Place::Project(i, *pp),
                None => return Resolved::Moved { project: None },
            },
            Anchor::Unknown(u) => {
                let project = u.project.as_ref().and_then(|r| r.find(doc));
                return Resolved::Moved { project };
            }
        };
        if exists(doc, place) {
            Resolved::At(place)
        } else {
            Resolved::Moved {
                project: Resolved::At(place).project(),
            }
        }
    }

    /// Reads `at`. Wrong JSON types and rows that are not positive integers are
    /// refused with the path; a well-typed address this app cannot place is
    /// kept as [`Anchor::Unknown`].
    pub fn read(value: Value, path: &str) -> Result<(Anchor, Extra), ReviewReadError> {
        let mut map = match value {
            Value::Object(m) => m,
            Value::Null => Map::new(),
            other => {
                return Err(ReviewReadError::WrongType {
                    path: path.to_string(),
                    expected: "对象",
                    found: json_type_name(&other),
                })
            }
        };
        let text = |map: &mut Map<String, Value>, key: &str| match map.shift_remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(ReviewReadError::WrongType {
                path: format!("{path}.{key}"),
                expected: "文本",
                found: json_type_name(&other),
            }),
        };
        let project = text(&mut map, "project")?.map(|s| ProjectRef::parse(&s));
        let row = match map.shift_remove("row") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_u64() {
                Some(r) if r >= 1 => Some(r),
                _ => {
                    return Err(ReviewReadError::NotPositive {
                        path: format!("{path}.row"),
                        found: n.to_string(),
                    })
                }
            },
            Some(other) => {
                return Err(ReviewReadError::WrongType {
                    path: format!("{path}.row"),
                    expected: "正整数",
                    found: json_type_name(&other),
                })
            }
        };
        let field = text(&mut map, "field")?;
        let anchor = Anchor::from_parts(project, row, field);
        Ok((anchor, map))
    }

    /// `at` as review.md writes it: `project`, `row`, `field`, absent parts left
    /// out, then the keys it came with that this app does not know.
    pub fn write(&self, extra: &Extra) -> Value {
        let (project, row, field) = self.parts();
        let mut m = Map::new();
        if let Some(p) = project {
            m.insert("project".into(), p.text().into());
        }
        if let Some(r) = row {
            m.insert("row".into(), r.into());
        }
        if let Some(f) = field {
            m.insert("field".into(), f.into());
        }
        for (k, v) in extra {
            if !m.contains_key(k) {
                m.insert(k.clone(), v.clone());
            }
        }
        Value::Object(m)
    }

    fn from_parts(project: Option<ProjectRef>, row: Option<u64>, field: Option<String>) -> Anchor {
        let index = row.and_then(|r| usize::try_from(r - 1).ok());
        let placed = match (&project, field.as_deref()) {
            (None, None) if row.is_none() => Some(Anchor::Document),
            (None, Some(f)) => department_or_head(f, row, index),
            (Some(r), f) => project_place(f, row, index).map(|pp| Anchor::Project(r.clone(), pp)),
            (None, None) => None,
        };
        placed.unwrap_or(Anchor::Unknown(UnknownAt {
            project,
            row,
            field,
        }))
    }

    fn parts(&self) -> (Option<ProjectRef>, Option<u64>, Option<String>) {
        let row = |i: usize| Some(i as u64 + 1);
        match self {
            Anchor::Document => (None, None, None),
            Anchor::Head(h) => (None, None, Some(head_key(*h).into())),
            Anchor::Department(DepartmentPlace::Whole) => (None, None, Some("department".into())),
            Anchor::Department(DepartmentPlace::List(l)) => (None, None, Some(l.key().into())),
            Anchor::Department(DepartmentPlace::Paragraph(l, i)) => {
                (None, row(*i), Some(l.key().into()))
            }
            Anchor::Project(r, pp) => {
                let (row, field): (Option<u64>, Option<String>) = match pp {
                    ProjectPlace::Whole => (None, None),
                    ProjectPlace::Code => (None, Some("code".into())),
                    ProjectPlace::Name => (None, Some("name".into())),
                    ProjectPlace::Budget(b) => (None, Some(b.key().into())),
                    ProjectPlace::UseOfFunds => (None, Some("use_of_funds".into())),
                    ProjectPlace::SpendingPlan(None) => (None, Some("spending_plan".into())),
                    ProjectPlace::SpendingPlan(Some(c)) => {
                        (None, Some(format!("spending_plan.{}", c.key())))
                    }
                    ProjectPlace::Goals(None) => (None, Some("goals".into())),
                    ProjectPlace::Goals(Some(i)) => (row(*i), Some("goals".into())),
                    ProjectPlace::Indicators => (None, Some("indicators".into())),
                    ProjectPlace::Row(i) => (row(*i), None),
                    ProjectPlace::Cell(i, f) => (row(*i), Some(f.key().into())),
                };
                (Some(r.clone()), row, field)
            }
            Anchor::Unknown(u) => (u.project.clone(), u.row, u.field.clone()),
        }
    }
}

fn head_key(h: HeadField) -> &'static str {
    match h {
        HeadField::Year => "year",
        HeadField::UnitCode => "unit.code",
        HeadField::UnitName => "unit.name",
    }
}

fn department_list(key: &str) -> Option<DepartmentList> {
    DepartmentList::ALL.into_iter().find(|l| l.key() == key)
}

fn department_or_head(field: &str, row: Option<u64>, index: Option<usize>) -> Option<Anchor> {
    if let Some(list) = department_list(field) {
        return Some(Anchor::Department(match (row, index) {
            (None, _) => DepartmentPlace::List(list),
            (Some(_), Some(i)) => DepartmentPlace::Paragraph(list, i),
            (Some(_), None) => return None,
        }));
    }
    if row.is_some() {
        return None;
    }
    let head = match field {
        "year" => HeadField::Year,
        "unit.code" => HeadField::UnitCode,
        "unit.name" => HeadField::UnitName,
        "department" => return Some(Anchor::Department(DepartmentPlace::Whole)),
        _ => return None,
    };
    Some(Anchor::Head(head))
}

/// `row` is the 1-based item of a list: the indicator row, or the goal when
/// `field` is `goals`.
fn project_place(
    field: Option<&str>,
    row: Option<u64>,
    index: Option<usize>,
) -> Option<ProjectPlace> {
    if row.is_some() && index.is_none() {
        return None;
    }
    let column = IndicatorField::ALL
        .into_iter()
        .find(|f| Some(f.key()) == field);
    Some(match (field, index) {
        (None, None) => ProjectPlace::Whole,
        (None, Some(i)) => ProjectPlace::Row(i),
        (Some("goals"), i) => ProjectPlace::Goals(i),
        // `name` is the 项目名称 without a row and the 三级指标 with one.
        (Some(_), Some(i)) => ProjectPlace::Cell(i, column?),
        (Some("code"), None) => ProjectPlace::Code,
        (Some("name"), None) => ProjectPlace::Name,
        (Some("use_of_funds"), None) => ProjectPlace::UseOfFunds,
        (Some("spending_plan"), None) => ProjectPlace::SpendingPlan(None),
        (Some("indicators"), None) => ProjectPlace::Indicators,
        (Some(f), None) => {
            if let Some(b) = BudgetField::ALL.into_iter().find(|b| b.key() == f) {
                ProjectPlace::Budget(b)
            } else {
                let c = f.strip_prefix("spending_plan.")?;
                ProjectPlace::SpendingPlan(Some(
                    Checkpoint::ALL.into_iter().find(|x| x.key() == c)?,
                ))
            }
        }
    })
}

/// Whether `place` exists in `doc` (its project, paragraph, goal or row).
pub fn exists(doc: &Document, place: Place) -> bool {
    text_at(doc, place).is_some()
}

/// How the rows of a table are joined into one text for a whole-row comment.
const ROW_SEPARATOR: &str = " | ";

/// The text of a place, trimmed: what a comment quotes and what an edit
/// changes. Places that hold other places (the document, the department part,
/// a project, the indicator table) have no text of their own: `""`, so only a
/// reply answers a comment there. A list is its items joined by line breaks, a
/// row its six cells. `None` when the place is not in `doc`.
pub fn text_at(doc: &Document, place: Place) -> Option<String> {
    let join =
        |items: &[String], sep: &str| items.iter().map(|s| s.trim()).collect::<Vec<_>>().join(sep);
    Some(match place {
        Place::Document => String::new(),
        Place::Head(HeadField::Year) => doc.year.trim().to_string(),
        Place::Head(HeadField::UnitCode) => doc.unit.code.trim().to_string(),
        Place::Head(HeadField::UnitName) => doc.unit.name.trim().to_string(),
        Place::Department(DepartmentPlace::Whole) => String::new(),
        Place::Department(DepartmentPlace::List(l)) => join(doc.department.list(l), "\n"),
        Place::Department(DepartmentPlace::Paragraph(l, i)) => {
            doc.department.list(l).get(i)?.trim().to_string()
        }
        Place::Project(i, pp) => project_text(doc.projects.get(i)?, pp)?,
    })
}

fn project_text(p: &Project, place: ProjectPlace) -> Option<String> {
    let row_text = |r: usize| -> Option<String> {
        let row = p.indicators.get(r)?;
        Some(
            IndicatorField::ALL
                .iter()
                .map(|f| row.get(*f).trim())
                .collect::<Vec<_>>()
                .join(ROW_SEPARATOR),
        )
    };
    Some(match place {
        ProjectPlace::Whole | ProjectPlace::Indicators => String::new(),
        ProjectPlace::Code => p.code.trim().to_string(),
        ProjectPlace::Name => p.name.trim().to_string(),
        ProjectPlace::Budget(b) => b.get(p).trim().to_string(),
        ProjectPlace::UseOfFunds => p.use_of_funds.trim().to_string(),
        ProjectPlace::SpendingPlan(None) => Checkpoint::ALL
            .iter()
            .map(|c| p.spending_plan.get(*c).trim())
            .collect::<Vec<_>>()
            .join(ROW_SEPARATOR),
        ProjectPlace::SpendingPlan(Some(c)) => p.spending_plan.get(c).trim().to_string(),
        ProjectPlace::Goals(None) => p
            .goals
            .iter()
            .map(|g| g.trim())
            .collect::<Vec<_>>()
            .join("\n"),
        ProjectPlace::Goals(Some(g)) => p.goals.get(g)?.trim().to_string(),
        ProjectPlace::Row(r) => row_text(r)?,
        ProjectPlace::Cell(r, f) => p.indicators.get(r)?.get(f).trim().to_string(),
    })
}

/// The address to write for a place of `doc` (a new comment or 已核实): the
/// project by its code, or `#N` when the code is empty.
pub fn anchor_of(doc: &Document, place: Place) -> Anchor {
    match place {
        Place::Document => Anchor::Document,
        Place::Head(h) => Anchor::Head(h),
        Place::Department(d) => Anchor::Department(d),
        Place::Project(i, pp) => Anchor::Project(ProjectRef::of(doc, i), pp),
    }
}

/// The place a finding concerns.
pub fn place_of_finding(finding: &Finding) -> Place {
    place_of_location(finding.location)
}

pub fn place_of_location(location: Location) -> Place {
    match location {
        Location::Head(h) => Place::Head(h),
        Location::Department(l, None) => Place::Department(DepartmentPlace::List(l)),
        Location::Department(l, Some(i)) => Place::Department(DepartmentPlace::Paragraph(l, i)),
        Location::Project(p, field) => Place::Project(
            p,
            match field {
                ProjectField::Code => ProjectPlace::Code,
                ProjectField::Name => ProjectPlace::Name,
                ProjectField::BudgetTotal => ProjectPlace::Budget(BudgetField::Total),
                ProjectField::BudgetFiscal => ProjectPlace::Budget(BudgetField::Fiscal),
                ProjectField::BudgetOther => ProjectPlace::Budget(BudgetField::Other),
                ProjectField::UseOfFunds => ProjectPlace::UseOfFunds,
                ProjectField::SpendingPlan(c) => ProjectPlace::SpendingPlan(c),
                ProjectField::Goals(g) => ProjectPlace::Goals(g),
                ProjectField::Indicators => ProjectPlace::Indicators,
                ProjectField::Indicator(r, None) => ProjectPlace::Row(r),
                ProjectField::Indicator(r, Some(f)) => ProjectPlace::Cell(r, f),
            },
        ),
    }
}

impl Place {
    /// The list a place is an item of (a row holds its cells), so a comment on
    /// a row goes with a change of one of its cells.
    pub fn parent(self) -> Option<Place> {
        Some(match self {
            Place::Project(i, ProjectPlace::Cell(r, _)) => Place::Project(i, ProjectPlace::Row(r)),
            Place::Project(i, ProjectPlace::Goals(Some(_))) => {
                Place::Project(i, ProjectPlace::Goals(None))
            }
            Place::Project(i, ProjectPlace::SpendingPlan(Some(_))) => {
                Place::Project(i, ProjectPlace::SpendingPlan(None))
            }
            Place::Department(DepartmentPlace::Paragraph(l, _)) => {
                Place::Department(DepartmentPlace::List(l))
            }
            _ => return None,
        })
    }

    /// The same place, one is the item of the other (a row and its cell).
    pub fn overlaps(self, other: Place) -> bool {
        self == other || self.parent() == Some(other) || other.parent() == Some(self)
    }

    /// Which step of the editor shows it.
    pub fn step(self) -> Step {
        match self {
            Place::Document => Step::Document,
            Place::Head(_) => Step::Head,
            Place::Department(_) => Step::Department,
            Place::Project(i, _) => Step::Project(i),
        }
    }

    /// Where it is, in the words of the form (`项目2「法律顾问费」 指标第4行「指标值」`).
    pub fn describe(self, doc: &Document) -> String {
        match self {
            Place::Document => "整个文件".into(),
            Place::Head(h) => format!(
                "基本信息 {}",
                match h {
                    HeadField::Year => "预算年度",
                    HeadField::UnitCode => "单位编码",
                    HeadField::UnitName => "单位名称",
                }
            ),
            Place::Department(DepartmentPlace::Whole) => "部门整体绩效目标".into(),
            Place::Department(DepartmentPlace::List(l)) => {
                format!("部门整体绩效目标 {}", l.label())
            }
            Place::Department(DepartmentPlace::Paragraph(l, i)) => {
                format!("部门整体绩效目标 {} 第{}段", l.label(), i + 1)
            }
            Place::Project(i, pp) => {
                let project = describe_project(doc, i);
                let field = match pp {
                    ProjectPlace::Whole => return project,
                    ProjectPlace::Code => "项目编码".into(),
                    ProjectPlace::Name => "项目名称".into(),
                    ProjectPlace::Budget(b) => b.label().into(),
                    ProjectPlace::UseOfFunds => "资金用途".into(),
                    ProjectPlace::SpendingPlan(None) => "资金支出计划".into(),
                    ProjectPlace::SpendingPlan(Some(c)) => format!("资金支出计划「{}」", c.label()),
                    ProjectPlace::Goals(None) => "绩效目标".into(),
                    ProjectPlace::Goals(Some(g)) => format!("绩效目标 {}", g + 1),
                    ProjectPlace::Indicators => "绩效指标表".into(),
                    ProjectPlace::Row(r) => format!("指标第{}行", r + 1),
                    ProjectPlace::Cell(r, f) => format!("指标第{}行「{}」", r + 1, f.label()),
                };
                format!("{project} {field}")
            }
        }
    }
}

/// `项目2「法律顾问费」`, as the findings list names a project.
pub fn describe_project(doc: &Document, index: usize) -> String {
    let name = doc.projects.get(index).map(|p| p.name.trim()).unwrap_or("");
    let name = if name.is_empty() {
        "未命名项目"
    } else {
        name
    };
    format!("项目{}「{name}」", index + 1)
}

/// A step of the editor: 基本信息, 部门整体绩效目标, one project, or the document
/// as a whole (shown on 检查与导出).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Document,
    Head,
    Department,
    Project(usize),
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::doc;
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Anchor {
        Anchor::read(v, "at")
            .map(|(a, _)| a)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_address_of_review_md_reads_and_writes_back_the_same() {
        let cases = [
            json!({}),
            json!({ "field": "year" }),
            json!({ "field": "unit.code" }),
            json!({ "field": "unit.name" }),
            json!({ "field": "department" }),
            json!({ "field": "overall_goals" }),
            json!({ "row": 2, "field": "safeguards" }),
            json!({ "project": "13081123P00021510001E" }),
            json!({ "project": "#2", "field": "code" }),
            json!({ "project": "P1", "field": "name" }),
            json!({ "project": "P1", "field": "budget.total" }),
            json!({ "project": "P1", "field": "budget.other" }),
            json!({ "project": "P1", "field": "use_of_funds" }),
            json!({ "project": "P1", "field": "spending_plan" }),
            json!({ "project": "P1", "field": "spending_plan.oct" }),
            json!({ "project": "P1", "field": "goals" }),
            json!({ "project": "P1", "row": 1, "field": "goals" }),
            json!({ "project": "P1", "field": "indicators" }),
            json!({ "project": "P1", "row": 3 }),
            json!({ "project": "P1", "row": 4, "field": "value" }),
            json!({ "project": "P1", "row": 4, "field": "name" }),
        ];
        for case in cases {
            let a = read(case.clone());
            assert!(!matches!(a, Anchor::Unknown(_)), "{case} should be placed");
            assert_eq!(a.write(&Extra::new()).to_string(), case.to_string());
        }
    }

    #[test]
    fn parts_read_as_the_place_a_reader_means() {
        assert_eq!(
            read(json!({ "project": "P1", "row": 4, "field": "value" })),
            Anchor::Project(
                ProjectRef::Code("P1".into()),
                ProjectPlace::Cell(3, IndicatorField::Value)
            )
        );
        assert_eq!(
            read(json!({ "project": "P1", "field": "name" })),
            Anchor::Project(ProjectRef::Code("P1".into()), ProjectPlace::Name)
        );
        assert_eq!(
            read(json!({ "project": "#3", "field": "spending_plan.oct" })),
            Anchor::Project(
                ProjectRef::Position(2),
                ProjectPlace::SpendingPlan(Some(Checkpoint::Oct))
            )
        );
        assert_eq!(
            read(json!({ "row": 2, "field": "sub_goals" })),
            Anchor::Department(DepartmentPlace::Paragraph(DepartmentList::SubGoals, 1))
        );
    }

    #[test]
    fn addresses_this_app_cannot_place_are_kept_as_written() {
        for case in [
            json!({ "project": "P1", "row": 2, "field": "budget.total" }),
            json!({ "project": "P1", "field": "value" }),
            json!({ "project": "P1", "field": "later_key" }),
            json!({ "field": "value" }),
            json!({ "row": 3 }),
            json!({ "project": "#03" , "field": "spending_plan.nov" }),
        ] {
            let a = read(case.clone());
            assert!(matches!(a, Anchor::Unknown(_)), "{case}");
            assert_eq!(a.write(&Extra::new()).to_string(), case.to_string());
        }
        // "#03" is not the canonical position, so it stays a code.
        let a = read(json!({ "project": "#03" }));
        assert_eq!(
            a,
            Anchor::Project(ProjectRef::Code("#03".into()), ProjectPlace::Whole)
        );
    }

    #[test]
    fn wrong_types_are_refused_with_the_path() {
        let cases = [
            (json!([]), "review.rounds[0].comments[1].at"),
            (
                json!({ "project": 12 }),
                "review.rounds[0].comments[1].at.project",
            ),
            (json!({ "row": "4" }), "review.rounds[0].comments[1].at.row"),
            (json!({ "row": 0 }), "review.rounds[0].comments[1].at.row"),
            (json!({ "row": -1 }), "review.rounds[0].comments[1].at.row"),
            (json!({ "row": 1.5 }), "review.rounds[0].comments[1].at.row"),
            (
                json!({ "field": true }),
                "review.rounds[0].comments[1].at.field",
            ),
        ];
        for (v, path) in cases {
            let err = Anchor::read(v.clone(), "review.rounds[0].comments[1].at")
                .expect_err(&v.to_string());
            assert_eq!(err.path(), path, "{v}");
            assert!(err.to_string().contains(path), "{err}");
        }
    }

    #[test]
    fn unknown_keys_inside_at_survive() {
        let v = json!({ "project": "P1", "row": 2, "field": "value", "cell_id": "x7" });
        let (a, extra) = Anchor::read(v.clone(), "at").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.write(&extra).to_string(), v.to_string());
    }

    #[test]
    fn resolves_by_code_then_position_and_reports_what_is_gone() {
        let d = doc();
        let code = d.projects[1].code.clone();
        let cell = |r: &str, row| {
            Anchor::Project(
                ProjectRef::parse(r),
                ProjectPlace::Cell(row, IndicatorField::Value),
            )
        };
        assert_eq!(
            cell(&code, 0).resolve(&d),
            Resolved::At(Place::Project(
                1,
                ProjectPlace::Cell(0, IndicatorField::Value)
            ))
        );
        assert_eq!(
            cell("#1", 0).resolve(&d),
            Resolved::At(Place::Project(
                0,
                ProjectPlace::Cell(0, IndicatorField::Value)
            ))
        );
        assert_eq!(
            cell(&code, 99).resolve(&d),
            Resolved::Moved { project: Some(1) }
        );
        assert_eq!(
            cell("NOPE", 0).resolve(&d),
            Resolved::Moved { project: None }
        );
        assert_eq!(cell("#9", 0).resolve(&d), Resolved::Moved { project: None });
        let unknown = read(json!({ "project": code, "field": "later_key" }));
        assert_eq!(unknown.resolve(&d), Resolved::Moved { project: Some(1) });
        let para = Anchor::Department(DepartmentPlace::Paragraph(DepartmentList::Safeguards, 5));
        assert_eq!(para.resolve(&d), Resolved::Moved { project: None });
    }

    #[test]
    fn a_place_written_as_an_anchor_resolves_to_itself() {
        let mut d = doc();
        d.projects[0].code = "  ".into();
        let places = [
            Place::Document,
            Place::Head(HeadField::UnitName),
            Place::Department(DepartmentPlace::Paragraph(DepartmentList::OverallGoals, 0)),
            Place::Project(0, ProjectPlace::Cell(2, IndicatorField::Basis)),
            Place::Project(1, ProjectPlace::Goals(Some(0))),
            Place::Project(1, ProjectPlace::Row(1)),
        ];
        for p in places {
            let a = anchor_of(&d, p);
            assert_eq!(a.resolve(&d), Resolved::At(p), "{a:?}");
        }
        // The project without a code is written by position.
        assert_eq!(
            anchor_of(&d, Place::Project(0, ProjectPlace::Whole))
                .write(&Extra::new())
                .to_string(),
            json!({ "project": "#1" }).to_string()
        );
    }

    #[test]
    fn the_text_of_a_place_is_what_a_comment_quotes() {
        let d = doc();
        let cell = Place::Project(0, ProjectPlace::Cell(1, IndicatorField::Value));
        assert_eq!(
            text_at(&d, cell).as_deref(),
            Some(d.projects[0].indicators[1].value.trim())
        );
        let row = text_at(&d, Place::Project(0, ProjectPlace::Row(1))).unwrap_or_default();
        assert!(
            row.contains(d.projects[0].indicators[1].name.as_str()),
            "{row}"
        );
        assert_eq!(
            text_at(&d, Place::Project(0, ProjectPlace::Whole)).as_deref(),
            Some("")
        );
        assert_eq!(text_at(&d, Place::Project(0, ProjectPlace::Row(99))), None);
        assert_eq!(text_at(&d, Place::Project(9, ProjectPlace::Whole)), None);
    }

    #[test]
    fn places_are_described_in_the_words_of_the_form() {
        let d = doc();
        let p = Place::Project(0, ProjectPlace::Cell(3, IndicatorField::Value));
        assert_eq!(
            p.describe(&d),
            format!("项目1「{}」 指标第4行「指标值」", d.projects[0].name)
        );
        assert_eq!(
            Place::Project(0, ProjectPlace::SpendingPlan(Some(Checkpoint::Oct))).describe(&d),
            format!("项目1「{}」 资金支出计划「10月底」", d.projects[0].name)
        );
    }
}
