//! A small document of two projects for the review tests.

use crate::core::model::{Budget, Department, Document, Indicator, Project, SpendingPlan, Unit};

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

pub fn doc() -> Document {
    let legal = Project {
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
        goals: vec!["全年提供法律咨询不少于40次，审查合同不少于30份。".into()],
        indicators: vec![
            row(
                "产出指标",
                "数量指标",
                "法律咨询次数",
                "全年提供法律咨询服务的次数",
                "≥40次",
                "法律顾问服务合同约定",
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
                "案例办理单价",
                "每件案例的律师服务费",
                "≥95%",
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
                "干部职工满意度",
                "对本局干部职工开展问卷调查",
                "≥90%",
                "历年满意度调查结果",
            ),
        ],
        ..Default::default()
    };
    let hall = Project {
        code: "13081123P00021510002E".into(),
        name: "政务服务大厅运行经费".into(),
        budget: Budget {
            total: "30.00".into(),
            fiscal: "30.00".into(),
            other: "".into(),
            ..Default::default()
        },
        use_of_funds: "大厅水电、物业及设备维护".into(),
        spending_plan: SpendingPlan {
            mar: "25".into(),
            jun: "50".into(),
            oct: "75".into(),
            dec: "100".into(),
            ..Default::default()
        },
        goals: vec![
            "保障政务服务大厅全年正常运行。".into(),
            "全年办件量不少于1.5万件。".into(),
        ],
        indicators: vec![
            row(
                "产出指标",
                "数量指标",
                "办件量",
                "全年大厅受理办结的事项数",
                "≥15000件",
                "上年实际办件量",
            ),
            row(
                "产出指标",
                "质量指标",
                "按时办结率",
                "按承诺时限办结的事项所占比例",
                "≥98%",
                "政务服务考核要求",
            ),
            row(
                "产出指标",
                "成本指标",
                "大厅运行成本",
                "全年大厅运行费用",
                "≤30万元",
                "预算批复",
            ),
            row(
                "满意度指标",
                "服务对象满意度指标",
                "办事企业和群众满意度",
                "好差评系统统计的满意率",
                "≥95%",
                "好差评系统历年数据",
            ),
        ],
        ..Default::default()
    };
    Document {
        year: "2023".into(),
        unit: Unit {
            code: "120001".into(),
            name: "承德高新区行政审批局本级".into(),
            ..Default::default()
        },
        money_unit: "万元".into(),
        department: Department {
            overall_goals: vec!["全年办理行政审批事项不少于1.5万件，群众满意度不低于95%。".into()],
            sub_goals: vec!["法律顾问费：全年提供法律咨询不少于40次。".into()],
            safeguards: vec![
                "加强组织领导。".into(),
                "健全绩效管理制度，开展绩效运行监控。".into(),
            ],
            ..Default::default()
        },
        projects: vec![legal, hall],
        saved_at: "2026-11-27T10:00:00Z".into(),
        ..Default::default()
    }
}
