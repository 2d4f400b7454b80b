//! C. Category fit (相关性).

use rust_decimal::Decimal;

use super::context::{is_slogan_name, quote, row_ranges, ProjectContext, RowFacts, L1, L2};
use super::ProjectSink;
use crate::core::code::Code;
use crate::core::findings::{ProjectField, Severity};
use crate::core::model::{level2_choices, IndicatorField};
use crate::core::normalise::{char_len, contains_any, has_digit, normalise};
use crate::core::value::{quantities_in, ParsedValue, Quant, UnitKind};

fn cell(row: usize, field: IndicatorField) -> ProjectField {
    ProjectField::Indicator(row, Some(field))
}

pub(super) fn check(ctx: &ProjectContext, out: &mut ProjectSink) {
    // The same basis in every row is said once, for the table (not also per row).
    let same_basis = c12_same_basis_everywhere(ctx, out);
    for (i, r) in ctx.judged_rows() {
        c1_level_fit(i, r, out);
        c2_cost_unit(i, r, out);
        c3_unit_cost(i, r, out);
        c4_cost_over_budget(ctx, i, r, out);
        c5_timeliness_count(ctx, i, r, out);
        c6_deadline_year(ctx, i, r, out);
        c7_quantity_percent(i, r, out);
        c8_money_management(i, r, out);
        c9_effect_as_output(i, r, out);
        c10_description_mismatch(i, r, out);
        c11_satisfaction_who(i, r, out);
        if !same_basis {
            c12_generic_basis(i, r, out);
        }
        c14_yes_no_effect(i, r, out);
        c15_description_copies_name(i, r, out);
        c16_basis_copies(i, r, out);
        c17_slogan_name(i, r, out);
        c18_quality_count(i, r, out);
    }
    c4_cost_sum(ctx, out);
    c13_goal_numbers(ctx, out);
}

fn c1_level_fit(i: usize, r: &RowFacts, out: &mut ProjectSink) {
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
            Code::C1,
            cell(i, IndicatorField::Level1),
            "请选择一级指标和二级指标。".into(),
        ),
        None => out.push(
            Code::C1,
            cell(i, IndicatorField::Level1),
            format!(
                "一级指标「{}」不在可选范围内，请从产出指标、效益指标、满意度指标、成本指标中选择。",
                quote(r.level1)
            ),
        ),
        Some(allowed) if !allowed.contains(&r.level2) => out.push(
            Code::C1,
            cell(i, IndicatorField::Level2),
            if r.level2.is_empty() {
                format!("请选择「{}」下的二级指标。", r.level1)
            } else {
                format!(
                    "二级指标「{}」不属于一级指标「{}」，可选：{}。",
                    quote(r.level2),
                    r.level1,
                    allowed.join("、")
                )
            },
        ),
        Some(_) => {}
    }
}

fn c2_cost_unit(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if !r.is_cost {
        return;
    }
    let Some(q) = r.value.quant() else { return };
    if matches!(
        q.kind,
        UnitKind::Percent | UnitKind::Count | UnitKind::Frequency
    ) {
        let severity = if contains_any(&r.name, &["节约率", "降低率", "控制率"]) {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.push_with(
            Code::C2,
            severity,
            cell(i, IndicatorField::Value),
            format!("成本指标应填写金额上限，如「≤120元/件」「≤35万元」。当前「{}」不是金额，无法反映成本控制。", quote(r.value_text)),
        );
    }
}

fn c3_unit_cost(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if !r.is_cost || r.value_text.is_empty() || r.value_is_placeholder {
        return;
    }
    let per_unit_name = contains_any(&r.name, &["单价", "单位成本", "人均", "每", "标准"]);
    let is_money = r.value.quant().is_some_and(|q| q.kind == UnitKind::Money);
    if per_unit_name && !is_money {
        out.push(
            Code::C3,
            cell(i, IndicatorField::Value),
            format!(
                "「{}」是单位成本类指标，指标值应为「≤X元/单位」形式（如「≤2000元/件」）；当前「{}」不是金额。",
                quote(&r.row.name),
                quote(r.value_text)
            ),
        );
    }
}

/// A number of 万元 as a reader writes it (`5`, `0.5`): no trailing zeros.
fn plain_number(d: Decimal) -> String {
    d.normalize().to_string()
}

fn c4_cost_over_budget(ctx: &ProjectContext, i: usize, r: &RowFacts, out: &mut ProjectSink) {
    let (Some(total), true) = (ctx.total, r.is_cost) else {
        return;
    };
    let Some(amount) = r.value.quant().and_then(|q| q.amount_in_wan()) else {
        return;
    };
    if amount > total {
        out.push(
            Code::C4,
            cell(i, IndicatorField::Value),
            format!(
                "成本指标{}超过项目预算数{}万元，请核实。",
                quote(r.value_text),
                plain_number(total)
            ),
        );
    }
}

fn c4_cost_sum(ctx: &ProjectContext, out: &mut ProjectSink) {
    let Some(total) = ctx.total else { return };
    let amounts: Vec<Decimal> = ctx
        .judged_rows()
        .filter(|(_, r)| r.is_cost)
        .filter_map(|(_, r)| r.value.quant().and_then(|q| q.amount_in_wan()))
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
            Code::C4,
            Severity::Warning,
            ProjectField::Indicators,
            format!(
                "成本指标合计{}万元超过项目预算数{}万元，请核实。",
                plain_number(sum),
                plain_number(total)
            ),
        );
    }
}

fn c5_timeliness_count(ctx: &ProjectContext, i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.l2 != L2::Timeliness {
        return;
    }
    // A frequency (`1次/月`) says how timely, not how many.
    let is_count = r.value.quant().is_some_and(|q| q.kind == UnitKind::Count);
    let count_name = contains_any(&r.name, &["数量", "次数", "人数", "册数", "份数"]);
    if is_count || count_name {
        out.push(
            Code::C5,
            cell(i, IndicatorField::Level2),
            format!(
                "时效指标应反映完成时限或及时程度（如「{}」「≤5个工作日」「办结及时率≥98%」）。「{}：{}」是数量，请移至数量指标。",
                ctx.example_deadline(),
                quote(&r.row.name),
                quote(r.value_text)
            ),
        );
    }
}

fn c6_deadline_year(ctx: &ProjectContext, i: usize, r: &RowFacts, out: &mut ProjectSink) {
    let ParsedValue::Deadline(d) = &r.value else {
        return;
    };
    let other_year = matches!((d.year, ctx.budget_year()), (Some(y), Some(b)) if y != b);
    if other_year || d.month == 0 || d.month > 12 {
        out.push(
            Code::C6,
            cell(i, IndicatorField::Value),
            format!(
                "完成时限「{}」不在预算年度内，请核实。",
                quote(r.value_text)
            ),
        );
    }
}

fn c7_quantity_percent(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.l2 == L2::Quantity && r.value.is_percent() && !r.is_ratio && !is_slogan_name(&r.name) {
        out.push(
            Code::C7,
            cell(i, IndicatorField::Value),
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

fn c8_money_management(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if matches!(r.l1, L1::Output | L1::Effect) && contains_any(&r.name, &MONEY_MANAGEMENT) {
        out.push(
            Code::C8,
            cell(i, IndicatorField::Name),
            format!("「{}」属于资金管理/过程指标，预算执行率在自评中已单独计分，不宜作为产出或效益指标。", quote(&r.row.name)),
        );
    }
}

fn c9_effect_as_output(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    let output_verb = ["发放", "印制", "制作", "组织", "召开", "举办"]
        .iter()
        .any(|w| r.name.starts_with(w));
    let is_count = r.value.quant().is_some_and(|q| q.kind == UnitKind::Count);
    if r.l1 == L1::Effect && output_verb && is_count {
        out.push(
            Code::C9,
            cell(i, IndicatorField::Name),
            format!("效益指标应反映产出带来的效果（如知晓率提升、办理时间缩短），「{}」更像产出数量指标。", quote(&r.row.name)),
        );
    }
}

fn c10_description_mismatch(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    // A value that is a sentence (B2) may still state a number that the
    // description contradicts: `为群众提供免费复印25万份` against `免费邮寄206份`.
    let stated: Vec<Quant> = match &r.value {
        ParsedValue::Quant(q) if q.kind != UnitKind::None => vec![q.clone()],
        ParsedValue::Unmeasurable => quantities_in(&r.row.value),
        _ => return,
    };
    let Some(q) = stated.first() else { return };
    let described: Vec<_> = quantities_in(&r.row.description)
        .into_iter()
        .filter(|d| d.same_family(q))
        .collect();
    if let Some(first) = described.first() {
        if !described.iter().any(|d| d.scaled() == q.scaled()) {
            out.push(
                Code::C10,
                cell(i, IndicatorField::Value),
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
                Code::C10,
                Severity::Warning,
                cell(i, IndicatorField::Value),
                format!("指标值中的「{}」在三级指标和绩效指标描述中都没有出现，请核对指标值是否与本行一致。", quote(&words)),
            );
        }
    }
}

fn c11_satisfaction_who(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.is_satisfaction
        && matches!(
            r.name.as_ref(),
            "满意度" | "满意率" | "服务对象满意度" | "服务对象满意率"
        )
    {
        out.push(
            Code::C11,
            cell(i, IndicatorField::Name),
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

const C12_MESSAGE: &str =
    "指标值确定依据过于笼统，请写明依据类型（计划标准/行业标准/历史标准/其他标准）及具体出处。";

fn c12_generic_basis(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    let basis = normalise(&r.row.basis);
    if basis.is_empty() || super::context::is_placeholder(&basis) {
        return; // A10
    }
    if is_generic_basis(&basis) {
        out.push(
            Code::C12,
            cell(i, IndicatorField::Basis),
            C12_MESSAGE.into(),
        );
    }
}

/// C12's other case, one finding of the table naming its rows: the same basis
/// in every row (3+ rows). Says whether it found it.
fn c12_same_basis_everywhere(ctx: &ProjectContext, out: &mut ProjectSink) -> bool {
    let rows: Vec<(usize, std::borrow::Cow<str>)> = ctx
        .judged_rows()
        .map(|(i, r)| (i, normalise(&r.row.basis)))
        .collect();
    let Some((_, first)) = rows.first() else {
        return false;
    };
    if rows.len() < 3 || first.is_empty() || !rows.iter().all(|(_, b)| b == first) {
        return false;
    }
    let numbers: Vec<usize> = rows.iter().map(|(i, _)| *i).collect();
    out.push(
        Code::C12,
        ProjectField::Indicators,
        format!(
            "{}的指标值确定依据均为「{}」。每个指标应写明各自的依据类型（计划标准/行业标准/历史标准/其他标准）及具体出处。",
            row_ranges(&numbers),
            quote(&ctx.rows[numbers[0]].row.basis)
        ),
    );
    true
}

fn c13_goal_numbers(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, goal) in ctx.project.goals.iter().enumerate() {
        if goal.trim().is_empty()
            || super::completeness::is_goal_placeholder(goal)
            || super::context::library_slot(goal).is_some()
        {
            continue;
        }
        if !has_digit(goal) {
            out.push(
                Code::C13,
                ProjectField::Goals(Some(i)),
                "绩效目标未量化，建议写明主要产出数量和预期效果（如「全年办理案件不少于40件」）。"
                    .into(),
            );
        }
    }
}

fn c14_yes_no_effect(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.l1 == L1::Effect && matches!(r.value_norm.as_ref(), "是" | "否") {
        out.push(
            Code::C14,
            cell(i, IndicatorField::Value),
            format!("效益指标填「{}」无法衡量效果大小；请改为可衡量的效果（如知晓率、受益人数、办理时间缩短），不涉及的请删除该行。", r.value_text),
        );
    }
}

/// `text` merely repeats `name`: equal after normalising, or one is the other
/// with at most 2 characters added anywhere (`档案数字化的合格率`), or `text`
/// is a piece of `name` (`企业知晓率` of `惠企政策企业知晓率`) — C15, C16.
fn repeats(text: &str, name: &str) -> bool {
    if text.is_empty() || name.is_empty() {
        return false;
    }
    let (lt, ln) = (char_len(text), char_len(name));
    let (short, long) = if lt <= ln { (text, name) } else { (name, text) };
    if char_len(long) - char_len(short) <= 2 && is_subsequence(short, long) {
        return true;
    }
    lt >= 4 && name.contains(text)
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

fn c15_description_copies_name(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if repeats(&normalise(&r.row.description), &r.name) {
        out.push(
            Code::C15,
            cell(i, IndicatorField::Description),
            "绩效指标描述照抄了三级指标。请写明统计口径：统计什么、怎么算（如「年度内办结案件数÷受理案件数」）。".into(),
        );
    }
}

fn c16_basis_copies(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    let basis = normalise(&r.row.basis);
    if repeats(&basis, &r.name) || repeats(&basis, &normalise(&r.row.description)) {
        out.push(
            Code::C16,
            cell(i, IndicatorField::Basis),
            "指标值确定依据照抄了指标名称或描述，请写明依据类型（计划标准/行业标准/历史标准/其他标准）及具体出处。".into(),
        );
    }
}

fn c17_slogan_name(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if is_slogan_name(&r.name) {
        out.push(
            Code::C17,
            cell(i, IndicatorField::Name),
            format!(
                "三级指标「{}」是工作口号，请改为可衡量的指标名称（如「…率」「…数量」「…时间」）。",
                quote(&r.row.name)
            ),
        );
    }
}

fn c18_quality_count(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.l2 == L2::Quality && r.value.quant().is_some_and(|q| q.kind == UnitKind::Count) {
        out.push(
            Code::C18,
            cell(i, IndicatorField::Level2),
            format!(
                "质量指标一般为合格率、达标率或等级；「{}：{}」是数量，请移至数量指标。",
                quote(&r.row.name),
                quote(r.value_text)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{ProjectField as Field, Severity};
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
            "二级指标「社会效益指标」不属于一级指标「产出指标」，可选：数量指标、质量指标、时效指标、成本指标。"
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
        doc.projects[0].indicators[0].value = "免费复印25万份".into();
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
        // The same basis in every row: one finding of the table naming the rows.
        let mut doc = sound_doc();
        for r in &mut doc.projects[0].indicators {
            r.basis = "根据签订合同".into();
        }
        assert_eq!(fires(&doc, "C12"), [at(Field::Indicators)]);
        assert!(findings(&doc, "C12")[0]
            .message
            .starts_with("第1–6行的指标值确定依据均为「根据签订合同」"));
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

    #[test]
    fn c14_warns_on_yes_or_no_under_effect() {
        assert_eq!(fires(&with_cell(4, Value, "是"), "C14"), [value_at(4)]);
        assert_eq!(fires(&with_cell(4, Value, "否"), "C14"), [value_at(4)]);
        assert_eq!(fires(&with_cell(4, Value, "无"), "C14"), [], "A6 says it");
        assert_eq!(
            fires(&with_cell(1, Value, "是"), "C14"),
            [],
            "not an effect row"
        );
    }

    #[test]
    fn c15_warns_when_the_description_repeats_the_name() {
        let at_desc = at(Field::Indicator(0, Some(Description)));
        assert_eq!(
            fires(&with_cell(0, Description, "法律咨询次数"), "C15"),
            [at_desc]
        );
        assert_eq!(
            fires(&with_cell(0, Description, "年度法律咨询次数"), "C15"),
            [at_desc]
        );
        assert_eq!(
            fires(&with_cell(0, Description, "咨询次数"), "C15"),
            [at_desc]
        );
        assert_eq!(
            fires(&with_cell(0, Description, "法律的咨询次数"), "C15"),
            [at_desc]
        );
        assert_eq!(fires(&sound_doc(), "C15"), []);
        assert_eq!(fires(&with_cell(0, Description, ""), "C15"), []);
    }

    #[test]
    fn c16_warns_when_the_basis_repeats_the_name_or_description() {
        let at_basis = at(Field::Indicator(0, Some(Basis)));
        assert_eq!(
            fires(&with_cell(0, Basis, "法律咨询次数"), "C16"),
            [at_basis]
        );
        assert_eq!(
            fires(&with_cell(0, Basis, "全年提供法律咨询服务的次数"), "C16"),
            [at_basis]
        );
        assert_eq!(fires(&sound_doc(), "C16"), []);
    }

    #[test]
    fn c17_warns_on_a_slogan_as_name_and_b12_errs_on_its_percentage() {
        let doc = with_cell(4, Name, "促进村集体经济发展");
        let name_at = at(Field::Indicator(4, Some(Name)));
        assert_eq!(fires(&doc, "C17"), [name_at]);
        assert_eq!(
            fires(&doc, "B12"),
            [],
            "its value is =0件, not a percentage"
        );
        let mut doc = doc;
        doc.projects[0].indicators[4].value = "≥95%".into();
        assert_eq!(fires(&doc, "B12"), [name_at]);
        let c17 = findings(&doc, "C17");
        assert_eq!(c17[0].folded_under.map(|c| c.as_str()), Some("B12"));
        assert_eq!(fires(&with_cell(4, Name, "提升群众办事满意率"), "C17"), []);
        assert_eq!(fires(&with_cell(4, Name, "维护社会稳定"), "C17"), [name_at]);
    }

    #[test]
    fn c18_warns_on_a_count_under_quality() {
        let doc = with_cell(1, Value, "≥30份");
        assert_eq!(fires(&doc, "C18"), [at(Field::Indicator(1, Some(Level2)))]);
        assert_eq!(fires(&sound_doc(), "C18"), []);
    }

    #[test]
    fn c5_takes_a_frequency_as_timely() {
        assert_eq!(fires(&with_cell(2, Value, "1次/月"), "C5"), []);
        assert_eq!(
            fires(&with_cell(2, Value, "12次"), "C5"),
            [at(Field::Indicator(2, Some(Level2)))]
        );
    }
}
