//! What validation reports: a finding with its rule code, severity, message and
//! the place it concerns, so the UI can put it on the right field and
//! 检查与导出 can link to it.

use super::code::Code;
use super::model::{Checkpoint, DepartmentList, Document, IndicatorField};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The word shown beside the colour, so severity never depends on colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A field of the document head (基本信息).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeadField {
    Year,
    UnitCode,
    UnitName,
}

impl HeadField {
    pub const ALL: [HeadField; 3] = [Self::Year, Self::UnitCode, Self::UnitName];

    pub fn label(self) -> &'static str {
        match self {
            HeadField::Year => "预算年度",
            HeadField::UnitCode => "单位编码",
            HeadField::UnitName => "单位名称",
        }
    }

    /// The key path of format.md (`unit.code`).
    pub fn key(self) -> &'static str {
        match self {
            HeadField::Year => "year",
            HeadField::UnitCode => "unit.code",
            HeadField::UnitName => "unit.name",
        }
    }
}

/// A place inside one project, in the order of its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectField {
    Code,
    Name,
    BudgetTotal,
    BudgetFiscal,
    BudgetOther,
    UseOfFunds,
    /// The spending plan as a whole, or one checkpoint.
    SpendingPlan(Option<Checkpoint>),
    /// The goals as a whole, or one goal.
    Goals(Option<usize>),
    /// The indicator table as a whole.
    Indicators,
    /// One indicator row, or one cell of it.
    Indicator(usize, Option<IndicatorField>),
}

impl ProjectField {
    /// Where it is, in the words of the table (`指标第3行「指标值」`).
    pub fn describe(self) -> String {
        match self {
            ProjectField::Code => "项目编码".into(),
            ProjectField::Name => "项目名称".into(),
            ProjectField::BudgetTotal => "预算数".into(),
            ProjectField::BudgetFiscal => "财政资金".into(),
            ProjectField::BudgetOther => "其他资金".into(),
            ProjectField::UseOfFunds => "资金用途".into(),
            ProjectField::SpendingPlan(None) => "资金支出计划".into(),
            ProjectField::SpendingPlan(Some(c)) => format!("资金支出计划「{}」", c.label()),
            ProjectField::Goals(None) => "绩效目标".into(),
            ProjectField::Goals(Some(i)) => format!("绩效目标 {}", i + 1),
            ProjectField::Indicators => "绩效指标表".into(),
            ProjectField::Indicator(row, None) => format!("指标第{}行", row + 1),
            ProjectField::Indicator(row, Some(f)) => {
                format!("指标第{}行「{}」", row + 1, f.label())
            }
        }
    }
}

/// Where a finding is: the head, the department part (a list or one of its
/// paragraphs), or a place in project `index` (0-based, in the document's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    Head(HeadField),
    Department(DepartmentList, Option<usize>),
    Project(usize, ProjectField),
}

impl Location {
    pub fn project(self) -> Option<usize> {
        match self {
            Location::Project(i, _) => Some(i),
            _ => None,
        }
    }

    /// Where it is, for a reader of a list (检查与导出, the command-line
    /// checker): `项目2「企业服务中心工作专项」 指标第3行「指标值」`.
    pub fn describe(self, doc: &Document) -> String {
        match self {
            Location::Head(field) => format!("基本信息 {}", field.label()),
            Location::Department(list, None) => format!("部门整体绩效目标 {}", list.label()),
            Location::Department(list, Some(i)) => {
                format!("部门整体绩效目标 {} 第{}段", list.label(), i + 1)
            }
            Location::Project(i, field) => {
                let name = doc.projects.get(i).map(|p| p.name.trim()).unwrap_or("");
                let name = if name.is_empty() {
                    "未命名项目"
                } else {
                    name
                };
                format!("项目{}「{name}」 {}", i + 1, field.describe())
            }
        }
    }
}

/// One thing validation found. `P` is where: a [`Location`] in the document,
/// or a [`ProjectField`] for the findings of one project checked on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding<P = Location> {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub location: P,
    /// Set when a more specific finding on the same place says the same cause
    /// (C2 under C3 on a cost row in %): shown under it, not counted apart.
    pub folded_under: Option<Code>,
}

impl<P> Finding<P> {
    /// `[D1] 预算数应等于…`, as ui.md shows it.
    pub fn text(&self) -> String {
        format!("[{}] {}", self.code, self.message)
    }

    /// Not folded under another finding: what counts and leads in a list.
    pub fn leads(&self) -> bool {
        self.folded_under.is_none()
    }
}

impl Finding<ProjectField> {
    /// The finding of a project checked on its own, placed in the document.
    pub fn in_project(self, index: usize) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            message: self.message,
            location: Location::Project(index, self.location),
            folded_under: self.folded_under,
        }
    }
}

impl Finding {
    /// This finding as one of project `index`'s own, or `None` when it is
    /// elsewhere (the inverse of [`Finding::in_project`]).
    pub fn of_project(&self, index: usize) -> Option<Finding<ProjectField>> {
        match self.location {
            Location::Project(i, field) if i == index => Some(Finding {
                code: self.code,
                severity: self.severity,
                message: self.message.clone(),
                location: field,
                folded_under: self.folded_under,
            }),
            _ => None,
        }
    }
}

/// The four dimensions reviewers grade on (88号).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Completeness,
    Relevance,
    Appropriateness,
    Feasibility,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Self::Completeness,
        Self::Relevance,
        Self::Appropriateness,
        Self::Feasibility,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Completeness => "完整性",
            Self::Relevance => "相关性",
            Self::Appropriateness => "适当性",
            Self::Feasibility => "可行性",
        }
    }
}

/// The provisional self-check grade of one project (not an official grade).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// Counts of one set of findings. A finding folded under another is not
/// counted: it is the same cause, said again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a, P: 'a>(findings: impl IntoIterator<Item = &'a Finding<P>>) -> Self {
        let mut c = Counts::default();
        for f in findings.into_iter().filter(|f| f.leads()) {
            c.add_one(f.severity);
        }
        c
    }

    pub fn add_one(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// Where a finding is, for a reader of a list (see [`Location::describe`]).
pub fn describe_location(doc: &Document, location: &Location) -> String {
    location.describe(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_finding_placed_in_the_document_comes_back_only_for_its_project() {
        let own = Finding {
            code: Code::D1,
            severity: Severity::Error,
            message: "预算数应等于财政拨款与其他资金之和".to_string(),
            location: ProjectField::BudgetTotal,
            folded_under: None,
        };
        let placed = own.clone().in_project(2);
        assert_eq!(placed.of_project(2), Some(own));
        assert_eq!(placed.of_project(1), None);
    }
}
