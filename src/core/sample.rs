//! A generated document of any size, for benchmarks (native here, in the
//! browser later): realistic rows, most sound, some with the seed's mistakes, so
//! validation does the work it does on a real file.

use super::model::{Budget, Department, Document, Indicator, Project, SpendingPlan, Unit};

const ROWS: [(&str, &str, &str, &str, &str, &str); 10] = [
    (
        "产出指标",
        "数量指标",
        "法律咨询次数",
        "全年提供法律咨询服务的次数",
        "≥40次",
        "合同约定；上年实际38次",
    ),
    (
        "产出指标",
        "数量指标",
        "免费复印份数",
        "为办事群众免费复印25万份",
        "≥25万份",
        "2023年实际复印24.3万份",
    ),
    (
        "产出指标",
        "质量指标",
        "办件按时办结率",
        "在承诺时限内办结的办件所占比例",
        "≥98%",
        "省政务服务考核标准",
    ),
    (
        "产出指标",
        "时效指标",
        "平台升级完成时间",
        "网上办事平台升级验收的时间",
        "2023年9月底前",
        "平台运维合同工期",
    ),
    (
        "产出指标",
        "成本指标",
        "免费复印单价",
        "每份复印件的成本",
        "≤0.2元/份",
        "复印服务合同单价",
    ),
    (
        "效益指标",
        "社会效益指标",
        "企业开办平均用时",
        "企业开办的平均用时",
        "≤1个工作日",
        "省营商环境考核要求",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "依申请事项网上可办率",
        "网上可办事项所占比例",
        "=100%",
        "省考核要求",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "办事企业和群众满意率",
        "好差评中好评所占比例",
        "≥95%",
        "2023年好差评满意率96.5%",
    ),
    // The seed's mistakes: a cost in %, a slogan, a bare number.
    (
        "产出指标",
        "成本指标",
        "案例办理单价",
        "案例办理单价",
        "≥95%",
        "已在合同中体现",
    ),
    (
        "效益指标",
        "社会效益指标",
        "营商环境",
        "营商环境",
        "创造良好营商环境",
        "审批局职能",
    ),
];

/// `projects` projects of `rows` indicator rows each.
pub fn generated_document(projects: usize, rows: usize) -> Document {
    let projects = (0..projects)
        .map(|p| Project {
            code: format!("13081123P{:011}{}", p + 1, (b'A' + (p % 26) as u8) as char),
            name: format!("第{}号专项", p + 1),
            budget: Budget {
                total: format!("{}.50", 10 + p),
                fiscal: format!("{}.50", 10 + p),
                other: String::new(),
                ..Default::default()
            },
            use_of_funds: "政务服务大厅运转、免费复印邮寄、档案归集和平台运维".into(),
            spending_plan: SpendingPlan {
                mar: "20".into(),
                jun: "45".into(),
                oct: "80".into(),
                dec: "100".into(),
                ..Default::default()
            },
            goals: vec!["保障大厅全年正常运转，免费复印不少于25万份，办结率不低于98%。".into()],
            indicators: (0..rows)
                .map(|r| {
                    let (level1, level2, name, description, value, basis) = ROWS[r % ROWS.len()];
                    Indicator {
                        level1: level1.into(),
                        level2: level2.into(),
                        name: format!("{name}{}", r / ROWS.len() + 1),
                        description: description.into(),
                        value: value.into(),
                        basis: basis.into(),
                        ..Default::default()
                    }
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    Document {
        year: "2023".into(),
        unit: Unit { code: "120001".into(), name: "承德高新区行政审批局本级".into(), ..Default::default() },
        money_unit: "万元".into(),
        department: Department {
            overall_goals: vec!["全年办理行政审批事项不少于1.5万件，群众满意度不低于95%。".into()],
            sub_goals: vec!["第1号专项、第2号专项、第3号专项：保障大厅运转。".into()],
            safeguards: vec!["加强组织领导，健全制度，落实资金监管责任，开展绩效运行监控和年度考核，确保各项目标按期完成，做到专款专用。".into()],
            ..Default::default()
        },
        projects,
        saved_at: "2026-11-27T10:00:00Z".into(),
        ..Default::default()
    }
}
