//! What validation reports: a finding with its rule code, severity, message and
//! the place it concerns, so the UI can put it on the right field and
//! 检查与导出 can link to it.

use serde::{Deserialize, Serialize};

use super::model::{Checkpoint, DepartmentList, IndicatorField};

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

/// The field a finding concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Year,
    UnitCode,
    UnitName,
    /// A department list, or one paragraph of it.
    Department(DepartmentList, Option<usize>),
    ProjectCode,
    ProjectName,
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

impl Field {
    /// Where it is, in the words of the table (`指标第3行「指标值」`).
    pub fn describe(self) -> String {
        match self {
            Field::Year => "预算年度".into(),
            Field::UnitCode => "单位编码".into(),
            Field::UnitName => "单位名称".into(),
            Field::Department(list, None) => list.label().into(),
            Field::Department(list, Some(i)) => format!("{} 第{}段", list.label(), i + 1),
            Field::ProjectCode => "项目编码".into(),
            Field::ProjectName => "项目名称".into(),
            Field::BudgetTotal => "预算数".into(),
            Field::BudgetFiscal => "财政资金".into(),
            Field::BudgetOther => "其他资金".into(),
            Field::UseOfFunds => "资金用途".into(),
            Field::SpendingPlan(None) => "资金支出计划".into(),
            Field::SpendingPlan(Some(c)) => format!("资金支出计划「{}」", c.label()),
            Field::Goals(None) => "绩效目标".into(),
            Field::Goals(Some(i)) => format!("绩效目标 {}", i + 1),
            Field::Indicators => "绩效指标表".into(),
            Field::Indicator(row, None) => format!("指标第{}行", row + 1),
            Field::Indicator(row, Some(f)) => format!("指标第{}行「{}」", row + 1, f.label()),
        }
    }
}

/// Where a finding is: in the document head or department part (no project),
/// or in project `project` (0-based, in the document's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub project: Option<usize>,
    pub field: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
}

impl Finding {
    /// `[D1] 预算数应等于…`, as ui.md shows it.
    pub fn text(&self) -> String {
        format!("[{}] {}", self.code, self.message)
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

/// Counts of one set of findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Where a finding is, for a reader of a list (检查与导出, the command-line
/// checker): `项目2「企业服务中心工作专项」 指标第3行「指标值」`.
pub fn describe_location(doc: &super::model::Document, location: &Location) -> String {
    let field = location.field.describe();
    match location.project {
        None => match location.field {
            Field::Department(..) => format!("部门整体绩效目标 {field}"),
            _ => format!("基本信息 {field}"),
        },
        Some(i) => {
            let name = doc.projects.get(i).map(|p| p.name.trim()).unwrap_or("");
            let name = if name.is_empty() {
                "未命名项目"
            } else {
                name
            };
            format!("项目{}「{name}」 {field}", i + 1)
        }
    }
}
