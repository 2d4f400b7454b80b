//! C. Category fit (相关性).

use rust_decimal::Decimal;

use super::context::{ProjectContext, RowFacts, L1, L2};
use super::Sink;
use crate::core::findings::{Field, Severity};
use crate::core::model::{level2_choices, IndicatorField};
use crate::core::normalise::{contains_any, has_digit, normalise};
use crate::core::value::{quantities_in, ParsedValue, UnitKind};

const VALUE: Option<IndicatorField> = Some(IndicatorField::Value);
const NAME: Option<IndicatorField> = Some(IndicatorField::Name);

pub(super) fn check(ctx: &ProjectContext, out: &mut Sink) {
    for (i, r) in ctx.rows.iter().enumerate() {
        c1_level_fit(i, r, out);
        c2_cost_unit(i, r, out);
        c3_unit_cost(i, r, out);
        c4_cost_over_budget(ctx, i, r, out);
        c5_timeliness_count(i, r, out);
        c6_deadline_year(ctx, i, r, out);
        c7_quantity_percent(i, r, out);
        c8_money_management(i, r, out);
        c9_effect_as_output(i, r, out);
        c10_description_mismatch(i, r, out);
        c11_satisfaction_who(i, r, out);
    }
    c4_cost_sum(ctx, out);
    c12_generic_basis(ctx, out);
    c13_goal_numbers(ctx, out);
}

fn c1_level_fit(i: usize, r: &RowFacts, out: &mut Sink) {
    let fits = matches!(
        (r.l1, r.l2),
        (
            L1::Output,
            L2::Quantity | L2::Quality | L2::Timeliness | L2::Cost
        ) | (L1::Satisfaction, L2::Satisfaction)
            | (L1::Cost, L2::OtherCost)
    ) || (r.l1 == L1::Effect
        && matches!(
            r.level2,
            "经济效益指标" | "社会效益指标" | "生态效益指标" | "可持续影响指标"
        ));
    if fits {
        return;
    }
    match level2_choices(r.level1) {
        None if r.level1.is_empty() => out.push(
            "C1",
            Field::Indicator(i, Some(IndicatorField::Level1)),
            "请选择一级指标和二级指标。".into(),
        ),
        None => out.push(
            "C1",
            Field::Indicator(i, Some(IndicatorField::Level1)),
            format!("二级指标「{}」不属于一级指标「{}」。", r.level2, r.level1),
        ),
        Some(allowed) if !allowed.contains(&r.level2) => out.push(
            "C1",
            Field::Indicator(i, Some(IndicatorField::Level2)),
            if r.level2.is_empty() {
                format!("请选择「{}」下的二级指标。", r.level1)
            } else {
                format!("二级指标「{}」不属于一级指标「{}」。", r.level2, r.level1)
            },
        ),
        Some(_) => {}
    }
}

fn c2_cost_unit(i: usize, r: &RowFacts, out: &mut Sink) {
    if !r.is_cost {
        return;
    }
    let Some(q) = r.value.quant() else { return };
    if matches!(q.kind, UnitKind::Percent | UnitKind::Count) {
        let severity = if contains_any(&r.name, &["节约率", "降低率", "控制率"]) {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.push_with(
            "C2",
            severity,
            Field::Indicator(i, VALUE),
            format!("成本指标应填写金额上限，如「≤120元/件」「≤35万元」。当前「{}」不是金额，无法反映成本控制。", r.value_text),
        );
    }
}

fn c3_unit_cost(i: usize, r: &RowFacts, out: &mut Sink) {
    if !r.is_cost || r.value_text.is_empty() || r.value_is_placeholder {
        return;
    }
    let per_unit_name = contains_any(&r.name, &["单价", "单位成本", "人均", "每", "标准"]);
    let is_money = r.value.quant().is_some_and(|q| q.kind == UnitKind::Money);
    if per_unit_name && !is_money {
        out.push(
            "C3",
            Field::Indicator(i, VALUE),
            format!(
                "「{}」是单位成本类指标，指标值应为「≤X元/单位」形式。",
                r.row.name.trim()
            ),
        );
    }
}

fn wan(d: Decimal) -> String {
    d.normalize().to_string()
}

fn c4_cost_over_budget(ctx: &ProjectContext, i: usize, r: &RowFacts, out: &mut Sink) {
    let (Some(total), true) = (ctx.total, r.is_cost) else {
        return;
    };
    let Some(amount) = r.value.quant().and_then(|q| q.amount_in_wan()) else {
        return;
    };
    if amount > total {
        out.push(
            "C4",
            Field::Indicator(i, VALUE),
            format!(
                "成本指标{}超过项目预算数{}万元，请核实。",
                r.value_text,
                wan(total)
            ),
        );
    }
}

fn c4_cost_sum(ctx: &ProjectContext, out: &mut Sink) {
    let Some(total) = ctx.total else { return };
    let amounts: Vec<Decimal> = ctx
        .rows
        .iter()
        .filter(|r| r.is_cost)
        .filter_map(|r| r.value.quant().and_then(|q| q.amount_in_wan()))
        .collect();
    // A single row above the budget is already an error of its own.
    if amounts.len() < 2 || amounts.iter().any(|a| *a > total) {
        return;
    }
    let sum = amounts
        .iter()
        .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(*a));
    if let Some(sum) = sum.filter(|s| *s > total) {
        out.push_with(
            "C4",
            Severity::Warning,
            Field::Indicators,
            format!(
                "成本指标合计{}万元超过项目预算数{}万元，请核实。",
                wan(sum),
                wan(total)
            ),
        );
    }
}

fn c5_timeliness_count(i: usize, r: &RowFacts, out: &mut Sink) {
    if r.l2 != L2::Timeliness {
        return;
    }
    let is_count = r.value.quant().is_some_and(|q| q.kind == UnitKind::Count);
    let count_name = contains_any(&r.name, &["数量", "次数", "人数", "册数", "份数"]);
    if is_count || count_name {
        out.push(
            "C5",
            Field::Indicator(i, Some(IndicatorField::Level2)),
            format!(
                "时效指标应反映完成时限或及时程度（如「2023年6月底前」「≤5个工作日」「办结及时率≥98%」）。「{}：{}」是数量，请移至数量指标。",
                r.row.name.trim(),
                r.value_text
            ),
        );
    }
}

fn c6_deadline_year(ctx: &ProjectContext, i: usize, r: &RowFacts, out: &mut Sink) {
    let ParsedValue::Deadline(d) = &r.value else {
        return;
    };
    let other_year = matches!((d.year, ctx.budget_year()), (Some(y), Some(b)) if y != b);
    if other_year || d.month == 0 || d.month > 12 {
        out.push(
            "C6",
            Field::Indicator(i, VALUE),
            format!("完成时限「{}」不在预算年度内，请核实。", r.value_text),
        );
    }
}

fn c7_quantity_percent(i: usize, r: &RowFacts, out: &mut Sink) {
    if r.l2 == L2::Quantity && r.value.is_percent() && !r.is_ratio {
        out.push(
            "C7",
            Field::Indicator(i, VALUE),
            "数量指标一般填写具体数量及单位；比率类指标请归入质量指标。".into(),
        );
    }
}

const MONEY_MANAGEMENT: [&str; 7] = [
    "预算执行率",
    "资金到位率",
    "资金拨付率",
    "支出进度",
    "资金使用率",
    "专款专用",
    "财务制度",
];

fn c8_money_management(i: usize, r: &RowFacts, out: &mut Sink) {
    if matches!(r.l1, L1::Output | L1::Effect) && contains_any(&r.name, &MONEY_MANAGEMENT) {
        out.push(
            "C8",
            Field::Indicator(i, NAME),
            format!("「{}」属于资金管理/过程指标，预算执行率在自评中已单独计分，不宜作为产出或效益指标。", r.row.name.trim()),
        );
    }
}

fn c9_effect_as_output(i: usize, r: &RowFacts, out: &mut Sink) {
    let output_verb = ["发放", "印制", "制作", "组织", "召开", "举办"]
        .iter()
        .any(|w| r.name.starts_with(w));
    let is_count = r.value.quant().is_some_and(|q| q.kind == UnitKind::Count);
    if r.l1 == L1::Effect && output_verb && is_count {
        out.push(
            "C9",
            Field::Indicator(i, NAME),
            format!("效益指标应反映产出带来的效果（如知晓率提升、办理时间缩短），「{}」更像产出数量指标。", r.row.name.trim()),
        );
    }
}

fn c10_description_mismatch(i: usize, r: &RowFacts, out: &mut Sink) {
    let Some(q) = r.value.quant() else { return };
    if q.kind == UnitKind::None {
        return;
    }
    let described: Vec<_> = quantities_in(&r.row.description)
        .into_iter()
        .filter(|d| d.same_family(q))
        .collect();
    if let Some(first) = described.first() {
        if !described.iter().any(|d| d.scaled() == q.scaled()) {
            out.push(
                "C10",
                Field::Indicator(i, VALUE),
                format!(
                    "绩效指标描述中为「{}」，指标值为「{}」，两者不一致，请核对。",
                    first.display(),
                    q.display()
                ),
            );
        }
        return;
    }
    // The words of the value should come from its own row.
    let words: String = q.words.chars().filter(|c| c.is_alphanumeric()).collect();
    if words.chars().count() >= 2 {
        let description = normalise(&r.row.description);
        if !description.contains(&words) && !r.name.contains(&words) {
            out.push_with(
                "C10",
                Severity::Warning,
                Field::Indicator(i, VALUE),
                format!("指标值中的「{words}」在三级指标和绩效指标描述中都没有出现，请核对指标值是否与本行一致。"),
            );
        }
    }
}

fn c11_satisfaction_who(i: usize, r: &RowFacts, out: &mut Sink) {
    if r.is_satisfaction
        && matches!(
            r.name.as_ref(),
            "满意度" | "满意率" | "服务对象满意度" | "服务对象满意率"
        )
    {
        out.push(
            "C11",
            Field::Indicator(i, NAME),
            "建议在满意度指标中写明调查对象，如「办事企业和群众满意度」。".into(),
        );
    }
}

fn is_generic_basis(basis: &str) -> bool {
    if basis.chars().count() < 4 {
        return true;
    }
    ["根据", "按照", "依据"].iter().any(|a| {
        basis.strip_prefix(a).is_some_and(|rest| {
            ["实际", "工作"].iter().any(|b| {
                rest.strip_prefix(b)
                    .is_some_and(|rest| ["需要", "情况", "要求"].contains(&rest))
            })
        })
    })
}

fn c12_generic_basis(ctx: &ProjectContext, out: &mut Sink) {
    let bases: Vec<_> = ctx.rows.iter().map(|r| normalise(&r.row.basis)).collect();
    let all_same = bases.len() >= 3 && !bases[0].is_empty() && bases.iter().all(|b| *b == bases[0]);
    for (i, basis) in bases.iter().enumerate() {
        if basis.is_empty() {
            continue; // A10
        }
        if all_same || is_generic_basis(basis) {
            out.push(
                "C12",
                Field::Indicator(i, Some(IndicatorField::Basis)),
                "指标值确定依据过于笼统，请写明依据类型（计划标准/行业标准/历史标准/其他标准）及具体出处。".into(),
            );
        }
    }
}

fn c13_goal_numbers(ctx: &ProjectContext, out: &mut Sink) {
    for (i, goal) in ctx.project.goals.iter().enumerate() {
        if goal.trim().is_empty() || super::completeness::is_goal_placeholder(goal) {
            continue;
        }
        if !has_digit(goal) {
            out.push(
                "C13",
                Field::Goals(Some(i)),
                "绩效目标未量化，建议写明主要产出数量和预期效果。".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{Field, Severity};
    use crate::core::model::IndicatorField::{Basis, Level1, Level2, Name, Value};

    fn value_at(i: usize) -> crate::core::findings::Location {
        at(Field::Indicator(i, Some(Value)))
    }

    #[test]
    fn c1_fires_when_level2_is_not_under_level1() {
        let doc = with_cell(0, Level2, "社会效益指标");
        assert_eq!(fires(&doc, "C1"), [at(Field::Indicator(0, Some(Level2)))]);
        assert_eq!(
            findings(&doc, "C1")[0].message,
            "二级指标「社会效益指标」不属于一级指标「产出指标」。"
        );
        assert_eq!(
            fires(&with_cell(0, Level1, "产出"), "C1"),
            [at(Field::Indicator(0, Some(Level1)))]
        );
        let mut doc = with_cell(3, Level1, "成本指标");
        doc.projects[0].indicators[3].level2 = "经济成本指标".into();
        assert_eq!(fires(&doc, "C1"), [], "101号 layout");
    }

    #[test]
    fn c2_fires_on_cost_in_percent_or_count() {
        let doc = with_cell(3, Value, "≤95%");
        assert_eq!(fires(&doc, "C2"), [value_at(3)]);
        assert_eq!(findings(&doc, "C2")[0].severity, Severity::Error);
        assert_eq!(fires(&with_cell(3, Value, "≤10次"), "C2"), [value_at(3)]);
        let mut doc = with_cell(3, Value, "≥5%");
        doc.projects[0].indicators[3].name = "成本节约率".into();
        assert_eq!(findings(&doc, "C2")[0].severity, Severity::Warning);
        assert_eq!(fires(&with_cell(3, Value, "≤4.5万元"), "C2"), []);
    }

    #[test]
    fn c3_fires_on_unit_cost_not_in_money() {
        let mut doc = with_cell(3, Name, "案例办理单价");
        doc.projects[0].indicators[3].value = "≥95%".into();
        assert_eq!(fires(&doc, "C3"), [value_at(3)]);
        assert!(findings(&doc, "C3")[0]
            .message
            .starts_with("「案例办理单价」是单位成本类指标"));
        doc.projects[0].indicators[3].value = "≤2000元/件".into();
        assert_eq!(fires(&doc, "C3"), []);
    }

    #[test]
    fn c4_errors_on_a_cost_above_budget_and_warns_on_the_sum() {
        let doc = with_cell(3, Value, "≤6万元");
        assert_eq!(fires(&doc, "C4"), [value_at(3)]);
        assert_eq!(
            findings(&doc, "C4")[0].message,
            "成本指标≤6万元超过项目预算数5万元，请核实。"
        );
        let mut doc = with_cell(3, Value, "≤3万元");
        doc.projects[0].indicators.push(row(
            "成本指标",
            "经济成本指标",
            "差旅费",
            "差旅费用",
            "≤30000元",
            "差旅标准",
        ));
        assert_eq!(fires(&doc, "C4"), [at(Field::Indicators)]);
        assert_eq!(findings(&doc, "C4")[0].severity, Severity::Warning);
        assert_eq!(fires(&with_cell(3, Value, "≤5万元"), "C4"), []);
    }

    #[test]
    fn c5_fires_on_a_count_under_timeliness() {
        let doc = with_cell(2, Value, "700本");
        assert_eq!(fires(&doc, "C5"), [at(Field::Indicator(2, Some(Level2)))]);
        assert_eq!(
            fires(&with_cell(2, Name, "宣传书籍数量"), "C5"),
            [at(Field::Indicator(2, Some(Level2)))]
        );
        assert_eq!(fires(&with_cell(2, Value, "2023年6月底前"), "C5"), []);
    }

    #[test]
    fn c6_warns_on_a_deadline_outside_the_year() {
        assert_eq!(
            fires(&with_cell(2, Value, "2024年6月底前"), "C6"),
            [value_at(2)]
        );
        assert_eq!(fires(&with_cell(2, Value, "13月底"), "C6"), [value_at(2)]);
        assert_eq!(fires(&with_cell(2, Value, "2023年12月底前"), "C6"), []);
    }

    #[test]
    fn c7_warns_on_percent_in_a_quantity_row() {
        assert_eq!(fires(&with_cell(0, Value, "≥95%"), "C7"), [value_at(0)]);
        let mut doc = with_cell(0, Value, "≥95%");
        doc.projects[0].indicators[0].name = "咨询覆盖率".into();
        assert_eq!(fires(&doc, "C7"), []);
    }

    #[test]
    fn c8_warns_on_money_management_indicators() {
        assert_eq!(
            fires(&with_cell(1, Name, "预算执行率"), "C8"),
            [at(Field::Indicator(1, Some(Name)))]
        );
        assert_eq!(fires(&with_cell(1, Name, "合同执行率"), "C8"), []);
    }

    #[test]
    fn c9_warns_on_an_output_under_effect() {
        let mut doc = with_cell(4, Name, "发放宣传册数量");
        doc.projects[0].indicators[4].value = "≥500册".into();
        assert_eq!(fires(&doc, "C9"), [at(Field::Indicator(4, Some(Name)))]);
        doc.projects[0].indicators[4].value = "≥90%".into();
        assert_eq!(fires(&doc, "C9"), []);
    }

    #[test]
    fn c10_compares_numbers_of_the_same_unit() {
        let mut doc = with_cell(0, Description, "为群众提供免费邮寄206份");
        doc.projects[0].indicators[0].value = "为群众提供免费复印25万份".into();
        assert_eq!(fires(&doc, "C10"), [value_at(0)]);
        assert_eq!(
            findings(&doc, "C10")[0].message,
            "绩效指标描述中为「206份」，指标值为「25万份」，两者不一致，请核对。"
        );
        doc.projects[0].indicators[0].description = "为群众提供免费复印250000份".into();
        assert_eq!(fires(&doc, "C10"), [], "25万 = 250000");
    }

    #[test]
    fn c10_warns_on_words_from_elsewhere() {
        let doc = with_cell(0, Value, "免费复印≥40次");
        assert_eq!(findings(&doc, "C10")[0].severity, Severity::Warning);
        let mut doc = with_cell(0, Value, "法律咨询≥40次");
        doc.projects[0].indicators[0].name = "法律咨询次数".into();
        assert_eq!(fires(&doc, "C10"), []);
    }

    use crate::core::model::IndicatorField::Description;

    #[test]
    fn c11_warns_when_satisfaction_names_no_one() {
        assert_eq!(
            fires(&with_cell(5, Name, "满意度"), "C11"),
            [at(Field::Indicator(5, Some(Name)))]
        );
        assert_eq!(fires(&with_cell(5, Name, "办事企业满意度"), "C11"), []);
    }

    #[test]
    fn c12_warns_on_generic_or_repeated_basis() {
        assert_eq!(
            fires(&with_cell(0, Basis, "根据实际需要"), "C12"),
            [at(Field::Indicator(0, Some(Basis)))]
        );
        assert_eq!(
            fires(&with_cell(0, Basis, "合同"), "C12"),
            [at(Field::Indicator(0, Some(Basis)))]
        );
        let mut doc = sound_doc();
        for r in &mut doc.projects[0].indicators {
            r.basis = "根据签订合同".into();
        }
        assert_eq!(fires(&doc, "C12").len(), 6);
        assert_eq!(fires(&with_cell(0, Basis, "根据实际需要测算"), "C12"), []);
    }

    #[test]
    fn c13_warns_on_a_goal_without_numbers() {
        let mut doc = sound_doc();
        doc.projects[0]
            .goals
            .push("做好法律顾问服务工作，防范法律风险".into());
        assert_eq!(fires(&doc, "C13"), [at(Field::Goals(Some(1)))]);
        doc.projects[0].goals[1] = "目标内容".into();
        assert_eq!(fires(&doc, "C13"), [], "A11 says it");
    }
}
