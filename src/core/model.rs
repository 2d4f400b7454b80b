//! The document exactly as `spec/format.md` describes it. Every field is the
//! text as typed: parsing (amounts, 指标值) happens in validation, never here,
//! so a half-typed value survives a save and a reload unchanged.

use serde_json::{Map, Value};

use super::review::{Acknowledgement, Review};

/// Keys a reader did not know, kept in their order and written back untouched.
pub type Extra = Map<String, Value>;

pub const FORMAT_NAME: &str = "performance-goals";
pub const FORMAT_VERSION: u64 = 1;
pub const MONEY_UNIT: &str = "万元";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub year: String,
    pub unit: Unit,
    pub money_unit: String,
    pub department: Department,
    pub projects: Vec<Project>,
    /// 已核实: the preparer's word on warnings and hints (format.md 1.1).
    pub acknowledged: Vec<Acknowledgement>,
    /// The reviewer's rounds and 审核意见 (review.md); `None` when unreviewed.
    pub review: Option<Review>,
    pub saved_at: String,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Department {
    pub overall_goals: Vec<String>,
    pub sub_goals: Vec<String>,
    pub safeguards: Vec<String>,
    pub extra: Extra,
}

/// The three paragraph lists of 部门整体绩效目标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DepartmentList {
    OverallGoals,
    SubGoals,
    Safeguards,
}

impl DepartmentList {
    pub const ALL: [DepartmentList; 3] = [Self::OverallGoals, Self::SubGoals, Self::Safeguards];

    /// The official heading, also the start of each paragraph's accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Self::OverallGoals => "总体绩效目标",
            Self::SubGoals => "分项绩效目标",
            Self::Safeguards => "工作保障措施",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::OverallGoals => "overall_goals",
            Self::SubGoals => "sub_goals",
            Self::Safeguards => "safeguards",
        }
    }
}

impl Department {
    pub fn list(&self, list: DepartmentList) -> &Vec<String> {
        match list {
            DepartmentList::OverallGoals => &self.overall_goals,
            DepartmentList::SubGoals => &self.sub_goals,
            DepartmentList::Safeguards => &self.safeguards,
        }
    }

    pub fn list_mut(&mut self, list: DepartmentList) -> &mut Vec<String> {
        match list {
            DepartmentList::OverallGoals => &mut self.overall_goals,
            DepartmentList::SubGoals => &mut self.sub_goals,
            DepartmentList::Safeguards => &mut self.safeguards,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub code: String,
    pub name: String,
    pub budget: Budget,
    pub use_of_funds: String,
    pub spending_plan: SpendingPlan,
    pub goals: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Budget {
    pub total: String,
    pub fiscal: String,
    pub other: String,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpendingPlan {
    pub mar: String,
    pub jun: String,
    pub oct: String,
    pub dec: String,
    pub extra: Extra,
}

/// A checkpoint of 资金支出计划.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Checkpoint {
    Mar,
    Jun,
    Oct,
    Dec,
}

impl Checkpoint {
    pub const ALL: [Checkpoint; 4] = [Self::Mar, Self::Jun, Self::Oct, Self::Dec];

    pub fn label(self) -> &'static str {
        match self {
            Self::Mar => "3月底",
            Self::Jun => "6月底",
            Self::Oct => "10月底",
            Self::Dec => "12月底",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Mar => "mar",
            Self::Jun => "jun",
            Self::Oct => "oct",
            Self::Dec => "dec",
        }
    }

    /// The month the checkpoint closes.
    pub fn month(self) -> u32 {
        match self {
            Self::Mar => 3,
            Self::Jun => 6,
            Self::Oct => 10,
            Self::Dec => 12,
        }
    }
}

impl SpendingPlan {
    pub fn get(&self, checkpoint: Checkpoint) -> &String {
        match checkpoint {
            Checkpoint::Mar => &self.mar,
            Checkpoint::Jun => &self.jun,
            Checkpoint::Oct => &self.oct,
            Checkpoint::Dec => &self.dec,
        }
    }

    pub fn get_mut(&mut self, checkpoint: Checkpoint) -> &mut String {
        match checkpoint {
            Checkpoint::Mar => &mut self.mar,
            Checkpoint::Jun => &mut self.jun,
            Checkpoint::Oct => &mut self.oct,
            Checkpoint::Dec => &mut self.dec,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Indicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub description: String,
    pub value: String,
    pub basis: String,
    /// 上年指标值: on a draft started with 新建下一年度, the row's 指标值 of the
    /// year before, for reference only; no rule reads it (format.md 1.1).
    pub last_year_value: Option<String>,
    pub extra: Extra,
}

/// A column of the indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorField {
    Level1,
    Level2,
    Name,
    Description,
    Value,
    Basis,
}

impl IndicatorField {
    pub const ALL: [IndicatorField; 6] = [
        Self::Level1,
        Self::Level2,
        Self::Name,
        Self::Description,
        Self::Value,
        Self::Basis,
    ];

    /// The column heading, also the accessible name of the row's control.
    pub fn label(self) -> &'static str {
        match self {
            Self::Level1 => "一级指标",
            Self::Level2 => "二级指标",
            Self::Name => "三级指标",
            Self::Description => "绩效指标描述",
            Self::Value => "指标值",
            Self::Basis => "指标值确定依据",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Level1 => "level1",
            Self::Level2 => "level2",
            Self::Name => "name",
            Self::Description => "description",
            Self::Value => "value",
            Self::Basis => "basis",
        }
    }
}

impl Indicator {
    pub fn get(&self, field: IndicatorField) -> &String {
        match field {
            IndicatorField::Level1 => &self.level1,
            IndicatorField::Level2 => &self.level2,
            IndicatorField::Name => &self.name,
            IndicatorField::Description => &self.description,
            IndicatorField::Value => &self.value,
            IndicatorField::Basis => &self.basis,
        }
    }

    pub fn get_mut(&mut self, field: IndicatorField) -> &mut String {
        match field {
            IndicatorField::Level1 => &mut self.level1,
            IndicatorField::Level2 => &mut self.level2,
            IndicatorField::Name => &mut self.name,
            IndicatorField::Description => &mut self.description,
            IndicatorField::Value => &mut self.value,
            IndicatorField::Basis => &mut self.basis,
        }
    }
}

/// 一级指标 and, for each, the 二级指标 that belong under it (the 101号 layout
/// keeps 成本指标 both as a 二级 under 产出指标 and as a 一级 of its own).
pub const LEVELS: [(&str, &[&str]); 4] = [
    (
        "产出指标",
        &["数量指标", "质量指标", "时效指标", "成本指标"],
    ),
    (
        "效益指标",
        &[
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ],
    ),
    ("满意度指标", &["服务对象满意度指标"]),
    (
        "成本指标",
        &["经济成本指标", "社会成本指标", "生态环境成本指标"],
    ),
];

/// The 二级指标 allowed under a 一级指标; `None` when the 一级 is not in the vocabulary.
pub fn level2_choices(level1: &str) -> Option<&'static [&'static str]> {
    LEVELS
        .iter()
        .find(|(l1, _)| *l1 == level1)
        .map(|(_, l2)| *l2)
}

impl Document {
    /// An empty draft, as 新建草稿 creates it.
    /// An empty document in our money unit: what a file read from elsewhere
    /// (a Word table) starts from.
    pub fn empty() -> Self {
        Document {
            money_unit: MONEY_UNIT.to_string(),
            ..Default::default()
        }
    }

    pub fn new_draft() -> Self {
        // Each list starts with one paragraph to type into.
        Document {
            money_unit: MONEY_UNIT.to_string(),
            department: Department {
                overall_goals: vec![String::new()],
                sub_goals: vec![String::new()],
                safeguards: vec![String::new()],
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The same document with every text field trimmed at both ends, as format.md
    /// asks of an exported file. Drafts keep the text exactly as typed.
    pub fn trimmed(&self) -> Self {
        let mut doc = self.clone();
        let trim = |s: &mut String| {
            let t = s.trim();
            if t.len() != s.len() {
                *s = t.to_string();
            }
        };
        let trim_all = |v: &mut Vec<String>| v.iter_mut().for_each(trim);
        trim(&mut doc.year);
        trim(&mut doc.unit.code);
        trim(&mut doc.unit.name);
        trim_all(&mut doc.department.overall_goals);
        trim_all(&mut doc.department.sub_goals);
        trim_all(&mut doc.department.safeguards);
        for p in &mut doc.projects {
            trim(&mut p.code);
            trim(&mut p.name);
            trim(&mut p.budget.total);
            trim(&mut p.budget.fiscal);
            trim(&mut p.budget.other);
            trim(&mut p.use_of_funds);
            for c in Checkpoint::ALL {
                trim(p.spending_plan.get_mut(c));
            }
            trim_all(&mut p.goals);
            for row in &mut p.indicators {
                for f in IndicatorField::ALL {
                    trim(row.get_mut(f));
                }
                if let Some(last) = &mut row.last_year_value {
                    trim(last);
                }
            }
        }
        doc
    }
}
