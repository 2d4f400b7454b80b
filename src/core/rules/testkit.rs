//! A sound document to start each rule test from: it has no finding at all, so
//! a test changes one thing and sees exactly the rule it is about.

use crate::core::findings::{Finding, Location, ProjectField};
use crate::core::model::{Budget, Department, Document, Indicator, Project, SpendingPlan, Unit};

use super::validate;

pub fn row(l1: &str, l2: &str, name: &str, desc: &str, value: &str, basis: &str) -> Indicator {
    Indicator {
        level1: l1.into(),
        level2: l2.into(),
        name: name.into(),
        description: desc.into(),
        value: value.into(),
        basis: basis.into(),
        ..Default::default()
    }
}

pub fn sound_project() -> Project {
    Project {
        code: "13081123P00021510001E".into(),
        name: "法律顾问费".into(),
        budget: Budget {
            total: "5.00".into(),
            fiscal: "5.00".into(),
            other: "".into(),
            ..Default::default()
        },
        use_of_funds: "聘请常年法律顾问1名，支付全年律师服务费".into(),
        spending_plan: SpendingPlan {
            mar: "20".into(),
            jun: "50".into(),
            oct: "80".into(),
            dec: "100".into(),
            ..Default::default()
        },
        goals: vec![
            "全年提供法律咨询不少于40次，审查合同不少于30份，降低行政行为的法律风险。".into(),
        ],
        indicators: vec![
            row(
                "产出指标",
                "数量指标",
                "法律咨询次数",
                "全年提供法律咨询服务的次数",
                "≥40次",
                "法律顾问服务合同约定及上年实际38次",
            ),
            row(
                "产出指标",
                "质量指标",
                "合同审查准确率",
                "审查的合同无重大法律漏洞的比例",
                "≥95%",
                "行业标准及上年实际水平",
            ),
            row(
                "产出指标",
                "时效指标",
                "法律意见出具时限",
                "收到咨询后出具书面法律意见的时间",
                "≤5个工作日",
                "法律顾问服务合同约定的时限",
            ),
            row(
                "产出指标",
                "成本指标",
                "法律顾问服务费",
                "全年法律顾问服务合同总价",
                "≤5万元",
                "法律顾问服务合同报价",
            ),
            row(
                "效益指标",
                "社会效益指标",
                "依法行政水平",
                "行政行为因违法被撤销的案件数",
                "=0件",
                "依法行政考核要求",
            ),
            row(
                "满意度指标",
                "服务对象满意度指标",
                "干部职工对法律顾问服务满意度",
                "对本局干部职工开展问卷调查",
                "≥90%",
                "历年满意度调查结果",
            ),
        ],
        ..Default::default()
    }
}

pub fn sound_doc() -> Document {
    Document {
        year: "2023".into(),
        unit: Unit { code: "120001".into(), name: "承德高新区行政审批局本级".into(), ..Default::default() },
        money_unit: "万元".into(),
        department: Department {
            overall_goals: vec!["全年办理行政审批事项不少于1.5万件，群众满意度不低于95%。".into()],
            sub_goals: vec!["法律顾问费：全年提供法律咨询不少于40次，审查合同不少于30份。".into()],
            safeguards: vec![
                "加强组织领导，由主要负责同志牵头；健全绩效管理制度，落实资金监管责任；开展绩效运行监控，年终组织考核，确保各项目标按期完成。".into(),
            ],
            ..Default::default()
        },
        projects: vec![sound_project()],
        saved_at: "2026-11-27T10:00:00Z".into(),
        ..Default::default()
    }
}

/// The places where rule `code` fires (folded findings included: they are
/// still found, only shown under another).
pub fn fires(doc: &Document, code: &str) -> Vec<Location> {
    validate(doc)
        .into_iter()
        .filter(|f| f.code.as_str() == code)
        .map(|f| f.location)
        .collect()
}

pub fn findings(doc: &Document, code: &str) -> Vec<Finding> {
    validate(doc)
        .into_iter()
        .filter(|f| f.code.as_str() == code)
        .collect()
}

/// Where a finding in the first project sits.
pub fn at(field: ProjectField) -> Location {
    Location::Project(0, field)
}

/// The sound document with one cell of row `i` changed.
pub fn with_cell(i: usize, f: crate::core::model::IndicatorField, text: &str) -> Document {
    let mut doc = sound_doc();
    *doc.projects[0].indicators[i].get_mut(f) = text.into();
    doc
}

#[test]
fn the_sound_document_has_no_finding() {
    assert_eq!(validate(&sound_doc()), vec![]);
}
