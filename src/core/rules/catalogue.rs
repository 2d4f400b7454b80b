//! The rule catalogue: what the app's 规则说明 page shows for every code of
//! rules.md. A test checks that this list and rules.md name the same codes.

use crate::core::code::Code;
use crate::core::findings::{Dimension, Severity};

/// The documents rules.md cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    No88,
    No101,
    No10,
    No285,
    HebeiDualMonitoring,
    Practice,
}

impl Source {
    pub fn short(self) -> &'static str {
        match self {
            Source::No88 => "88号",
            Source::No101 => "101号",
            Source::No10 => "10号",
            Source::No285 => "285号",
            Source::HebeiDualMonitoring => "河北双监控",
            Source::Practice => "实务",
        }
    }

    pub fn full(self) -> &'static str {
        match self {
            Source::No88 => "财政部《中央部门预算绩效目标管理办法》（财预〔2015〕88号）",
            Source::No101 => "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）",
            Source::No10 => "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）",
            Source::No285 => "《财政支出绩效评价管理暂行办法》（财预〔2011〕285号）",
            Source::HebeiDualMonitoring => "河北省《关于全面实施预算绩效管理的实施意见》（2019）",
            Source::Practice => "公开绩效目标表的常见做法（只作警告或提示）",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub code: Code,
    /// The usual severity; B5, C2, C4 and C10 change it by case, as rules.md says.
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
    pub source: Source,
    /// The review dimension its errors count against for the self-check grade.
    pub dimension: Option<Dimension>,
}

impl Code {
    /// This code's entry of the catalogue (RULES is in `Code`'s order; a test holds it).
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

use Code::*;
use Dimension::{
    Appropriateness as App, Completeness as Com, Feasibility as Fea, Relevance as Rel,
};
use Severity::{Error as E, Info as I, Warning as W};
use Source::*;

const fn r(
    code: Code,
    severity: Severity,
    title: &'static str,
    explanation: &'static str,
    source: Source,
    dimension: Option<Dimension>,
) -> Rule {
    Rule {
        code,
        severity,
        title,
        explanation,
        source,
        dimension,
    }
}

/// Dimensions follow rules.md (完整性: A, E1, G1; 相关性: C1, C5, C8–C10, C13,
/// C15–C18, G3; 适当性: C4, D, B8; 可行性: B2–B4, B6, B7, B12, C12, C14). Codes rules.md leaves out are
/// placed where a reviewer would count them (B1 with 完整性, C2/C3 with 适当性,
/// …) so that every error weighs on the self-check grade.
pub static RULES: [Rule; 60] = [
    r(A1, E, "项目必填项", "项目编码、项目名称、预算数、资金用途和至少一条绩效目标必须填写。", No88, Some(Com)),
    r(A2, E, "产出指标和效益指标", "每个项目至少要有一行产出指标和一行效益指标。", No88, Some(Com)),
    r(A3, W, "满意度指标", "没有服务对象满意度指标。面向群众、企业的项目应设置；确不适用的，在绩效目标中说明。", No88, Some(Com)),
    r(A4, W, "产出指标的细化", "产出指标中缺少数量、质量或时效指标（缺一项提示一次）。", No88, Some(Com)),
    r(A5, W, "成本指标", "项目没有任何成本指标（二级为成本指标、经济成本指标、社会成本指标或生态环境成本指标）。", No101, Some(Com)),
    r(A6, E, "「无」行", "三级指标或指标值填写了「无」「/」「-」「不适用」「暂无」等占位文字。不涉及的指标应删除该行。", No88, Some(Com)),
    r(A7, E, "三级指标过于笼统", "三级指标等于一级、二级指标名称，或只是「数量指标」「社会效益」「满意度」这类泛称。", No88, Some(Com)),
    r(A8, W, "三级指标重复", "同一项目中两行的三级指标（规范化后）相同。", Practice, Some(Com)),
    r(A9, W, "指标过少", "项目的指标少于3行。", Practice, Some(Com)),
    r(A10, E, "指标值确定依据", "每行都要填写指标值确定依据；「无」「/」「—」「不适用」等占位文字不算填写。", No88, Some(Com)),
    r(A11, E, "模板占位的绩效目标", "绩效目标为「目标内容1」「绩效目标1」之类的模板文字，或少于6个字。", No88, Some(Com)),
    r(A12, E, "指标库占位未替换", "从指标库添加的指标仍保留示例占位（{N}、{对象}、{YYYY}、{M}），须换成本项目的实际内容。占位未替换的行只报告此项。", Practice, Some(Com)),
    r(B1, E, "指标值未填写", "指标值为空。", No88, Some(Com)),
    r(B2, E, "指标值无法衡量", "指标值不符合「比较符+数值+单位」、完成时限、时长或定性等级中的任何一种写法。", No285, Some(Fea)),
    r(B3, E, "口号式指标值", "指标值没有数字、不是定性等级，且多于6个字或以「创造」「营造」「提升」「确保」等动词开头。", No285, Some(Fea)),
    r(B4, E, "指标值雷同", "同一项目中至少3行、且占一半以上的指标值完全相同（作为整张表的一条问题报告，列出行号）。", Practice, Some(Fea)),
    r(B5, W, "缺少计量单位", "指标值只有数字，没有单位也没有比较符（如「11」）。在比率或满意度指标、成本指标（没有金额单位，如「470」）和时效指标（如「1」）上为错误。单位写在三级指标括号中的（如「实施营造林总面积(亩)」：「80000」）不报告。", No285, Some(Fea)),
    r(B6, E, "比率指标取值", "三级指标含「率」「比例」「占比」「满意度」的，指标值应为0–100之间的百分数，且不能是「≥100%」。", No10, Some(Fea)),
    r(B7, E, "满意度指标取值", "满意度指标值应为「N%」「≥N%」「>N%」或「=N%」，0<N≤100（只写「90%」即表示不低于90%）。", No10, Some(Fea)),
    r(B8, W, "满意度目标是否合理", "满意度目标为100%（「=100%」或「100%」）或低于80%。", No10, Some(App)),
    r(B9, W, "比较符方向", "成本类指标应设上限（≤）；数量、质量类指标一般用「≥」或「=」（投诉、事故、差错等反向指标除外）。", Practice, Some(Fea)),
    r(B10, I, "指标值中的文字", "指标值除比较符、数值和单位外还有其他文字，说明应写入绩效指标描述。", Practice, None),
    r(B11, I, "百分比小数位", "百分比的小数超过2位。", Practice, None),
    r(B12, E, "口号的百分比", "三级指标是工作口号（以「促进」「维护」「提升」等开头，且没有率、数、量、次、人、时间、成本、满意、覆盖等可计量的内容），却填了百分比（如「促进村集体经济发展」：「≥95%」）。百分之多少无法考核。", No285, Some(Fea)),
    r(C1, E, "二级指标归属", "二级指标必须属于所选一级指标：产出指标→数量/质量/时效/成本指标；成本指标→经济成本/社会成本/生态环境成本指标；效益指标→经济效益/社会效益/生态效益/可持续影响指标；满意度指标→服务对象满意度指标。", No101, Some(Rel)),
    r(C2, E, "成本指标的单位", "成本指标的指标值应为金额上限；用百分比或计数单位的为错误（三级含「节约率」「降低率」「控制率」的只作警告）。", No101, Some(App)),
    r(C3, E, "单位成本指标", "三级指标含「单价」「单位成本」「人均」「每」「标准」的成本指标，指标值应为「≤X元/单位」。", No101, Some(App)),
    r(C4, E, "成本超过预算", "以万元计的成本指标超过项目预算数为错误；各成本指标合计超过预算数为警告。", No101, Some(App)),
    r(C5, E, "时效指标填成数量", "时效指标的指标值是计数（频次如「1次/月」不算），或三级指标含「数量」「次数」「人数」「册数」「份数」。", No88, Some(Rel)),
    r(C6, W, "完成时限的年度", "完成时限不在预算年度内，或月份大于12。", Practice, Some(Rel)),
    r(C7, W, "数量指标用了百分比", "数量指标的指标值为百分比，而三级指标不是比率。", Practice, Some(Rel)),
    r(C8, W, "资金管理类指标", "产出或效益指标的三级为预算执行率、资金到位率、资金拨付率、支出进度等资金管理/过程指标。", No10, Some(Rel)),
    r(C9, W, "效益指标写成产出", "效益指标的三级以「发放」「印制」「制作」「组织」「召开」「举办」开头，且指标值是计数。", No88, Some(Rel)),
    r(C10, E, "描述与指标值不一致", "绩效指标描述与指标值中同一单位的数字不同为错误；指标值中的文字在描述和三级指标中都找不到为警告。", No88, Some(Rel)),
    r(C11, W, "满意度的调查对象", "满意度三级指标只写「满意度」，没有写明调查对象。", Practice, Some(Rel)),
    r(C12, W, "指标值确定依据笼统", "依据只是「根据实际需要」之类、少于4个字，或项目中每行（3行以上）都相同（此时作为整张表的一条问题报告）。", No88, Some(Fea)),
    r(C13, W, "绩效目标未量化", "绩效目标中没有任何数字。", No285, Some(Rel)),
    r(C14, W, "效益指标填是/否", "效益指标的指标值为「是」或「否」，说明不了效果大小（「无」见A6）。", No88, Some(Fea)),
    r(C15, W, "描述照抄指标名称", "绩效指标描述与三级指标相同，或只多出不超过2个字。描述应写明统计口径：统计什么、怎么算。", Practice, Some(Rel)),
    r(C16, W, "依据照抄名称或描述", "指标值确定依据与三级指标或绩效指标描述相同（或只多出不超过2个字）。", Practice, Some(Rel)),
    r(C17, W, "口号式三级指标", "三级指标以口号动词开头（促进、加强、提升、确保……），且没有率、数、量、次、人、时间、时限、成本、费用、金额、面积、长度、满意、比例、覆盖等可计量的内容。", No88, Some(Rel)),
    r(C18, W, "质量指标填成数量", "质量指标的指标值是计数；质量指标一般为合格率、达标率或等级。", No88, Some(Rel)),
    r(D1, E, "预算数与资金来源", "预算数应等于财政资金与其他资金之和（其他资金为空按0计），按精确小数计算。", No88, Some(App)),
    r(D2, E, "金额格式", "金额不是数字、为负数，或预算数不大于0。", No88, Some(App)),
    r(D3, W, "金额单位", "金额超过6位小数，或预算数不小于100000万元，可能误按「元」填写。", Practice, Some(App)),
    r(D4, W, "资金用途过简", "资金用途少于10个字。", Practice, Some(App)),
    r(E1, E, "支出计划节点", "资金支出计划各节点必须填写0–100之间的数字（未支出的节点填0）。", HebeiDualMonitoring, Some(Com)),
    r(E2, E, "累计进度递增", "资金支出计划为累计进度，后一节点不能小于前一节点。", HebeiDualMonitoring, Some(App)),
    r(E3, W, "12月底达到100%", "12月底的累计支出计划应为100%。", HebeiDualMonitoring, Some(App)),
    r(E4, I, "支出计划与时效", "10月底已计划支出100%，但有时效指标的完成时间在10月以后。", HebeiDualMonitoring, None),
    r(E5, I, "上半年零支出", "3月底和6月底计划支出均为0，执行进度监控中可能被预警。", HebeiDualMonitoring, None),
    r(F1, W, "项目编码格式", "项目编码通常为21位：6位区划+2位年度+P+11位数字+1位大写字母。", Practice, Some(Com)),
    r(F2, E, "项目编码重复", "两个项目的项目编码相同。", Practice, Some(Com)),
    r(F3, W, "区划段不一致", "各项目编码的前6位（财政区划）不一致。", Practice, Some(Com)),
    r(F4, W, "编码年度晚于预算年度", "项目编码第7–8位的年度晚于预算年度。", Practice, Some(Com)),
    r(F5, E, "单位信息", "单位编码应为6位数字，单位名称不能为空，预算年度应为4位年份。", Practice, Some(Com)),
    r(G1, E, "部门整体目标必填", "总体绩效目标、分项绩效目标、工作保障措施各至少有一段非空内容。", No88, Some(Com)),
    r(G2, W, "总体目标未量化", "总体绩效目标中没有任何数字。", No285, Some(Com)),
    r(G3, W, "重点项目在分项目标中体现", "预算数最大的3个项目应在分项绩效目标中提到（按去掉「专项」「经费」「费」后的名称查找）。", No88, Some(Rel)),
    r(G4, W, "工作保障措施过简", "工作保障措施合计少于50字，或没有提到组织、制度、资金、监督、监控、责任、考核中的任何一项。", No88, Some(Com)),
];

#[cfg(test)]
mod tests {
    use super::RULES;
    use crate::core::code::Code;
    use std::collections::BTreeSet;

    /// The rules.md of the product contract: `../shared/spec/` beside the
    /// repository when it is there (as in CI and on a developer's machine), else
    /// the copy kept in `spec/`.
    fn rules_md() -> String {
        let root = env!("CARGO_MANIFEST_DIR");
        let shared = format!("{root}/../shared/spec/rules.md");
        std::fs::read_to_string(&shared)
            .or_else(|_| std::fs::read_to_string(format!("{root}/spec/rules.md")))
            .expect("rules.md, in ../shared/spec or spec/")
    }

    fn codes_in_rules_md() -> BTreeSet<String> {
        rules_md()
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(' ').next())
            .filter(|c| {
                let mut chars = c.chars();
                matches!(chars.next(), Some('A'..='G'))
                    && chars.clone().next().is_some()
                    && chars.all(|d| d.is_ascii_digit())
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_catalogue_is_in_code_order() {
        assert_eq!(RULES.len(), Code::ALL.len());
        for (rule, code) in RULES.iter().zip(Code::ALL) {
            assert_eq!(rule.code, *code);
            assert_eq!(code.rule().code, *code);
        }
    }

    #[test]
    fn the_catalogue_and_rules_md_name_the_same_codes() {
        let catalogue: BTreeSet<String> = RULES.iter().map(|r| r.code.to_string()).collect();
        assert_eq!(catalogue.len(), RULES.len(), "a code is listed twice");
        assert_eq!(catalogue, codes_in_rules_md());
    }

    #[test]
    fn severities_match_rules_md() {
        let md = rules_md();
        for rule in &RULES {
            let line = md
                .lines()
                .find(|l| l.starts_with(&format!("| {} |", rule.code)))
                .unwrap_or_else(|| panic!("{} not in rules.md", rule.code));
            let severity = line.split('|').nth(2).map(str::trim);
            assert_eq!(severity, Some(rule.severity.key()), "{}", rule.code);
        }
    }

    /// Every code has a rule function that emits it: its code appears in a
    /// `push` of the group's file.
    #[test]
    fn every_code_is_implemented() {
        let sources = [
            include_str!("completeness.rs"),
            include_str!("value_form.rs"),
            include_str!("category.rs"),
            include_str!("budget.rs"),
            include_str!("spending.rs"),
            include_str!("codes.rs"),
            include_str!("department.rs"),
        ]
        .concat()
        .replace(char::is_whitespace, "");
        for rule in &RULES {
            let code = rule.code;
            assert!(
                sources.contains(&format!("push(Code::{code},"))
                    || sources.contains(&format!("push_with(Code::{code},")),
                "{code} has no implementation"
            );
        }
    }
}
