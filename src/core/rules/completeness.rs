//! A. Completeness (完整性).

use super::context::{is_placeholder, library_slot, quote, FastMap, ProjectContext, L1, L2};
use super::ProjectSink;
use crate::core::code::Code;
use crate::core::findings::ProjectField;
use crate::core::model::IndicatorField;
use crate::core::normalise::{char_len, normalise, trim};

pub(super) fn check(ctx: &ProjectContext, out: &mut ProjectSink) {
    a1_required_fields(ctx, out);
    a2_output_and_effect(ctx, out);
    a3_satisfaction(ctx, out);
    a4_output_detail(ctx, out);
    a5_cost(ctx, out);
    a6_placeholder_rows(ctx, out);
    a7_generic_names(ctx, out);
    a8_duplicate_names(ctx, out);
    a9_too_few_rows(ctx, out);
    a10_basis(ctx, out);
    a11_goal_placeholders(ctx, out);
    a12_library_slots(ctx, out);
}

fn cell(row: usize, field: IndicatorField) -> ProjectField {
    ProjectField::Indicator(row, Some(field))
}

fn a1_required_fields(ctx: &ProjectContext, out: &mut ProjectSink) {
    let p = ctx.project;
    for (text, field, label) in [
        (&p.code, ProjectField::Code, "项目编码"),
        (&p.name, ProjectField::Name, "项目名称"),
        (&p.budget.total, ProjectField::BudgetTotal, "预算数"),
        (&p.use_of_funds, ProjectField::UseOfFunds, "资金用途"),
    ] {
        if text.trim().is_empty() {
            out.push(Code::A1, field, format!("「{label}」未填写，请补充。"));
        }
    }
    if p.goals.iter().all(|g| g.trim().is_empty()) {
        out.push(
            Code::A1,
            ProjectField::Goals(None),
            "「绩效目标」未填写，请补充本项目年度要达到的产出和效果。".into(),
        );
    }
}

fn a2_output_and_effect(ctx: &ProjectContext, out: &mut ProjectSink) {
    let has = |l1: L1| ctx.rows.iter().any(|r| r.l1 == l1);
    let missing: Vec<&str> = [(L1::Output, "产出指标"), (L1::Effect, "效益指标")]
        .into_iter()
        .filter(|(l1, _)| !has(*l1))
        .map(|(_, name)| name)
        .collect();
    if !missing.is_empty() {
        out.push(
            Code::A2,
            ProjectField::Indicators,
            format!(
                "绩效指标至少应包含产出指标和效益指标两类一级指标，目前缺少{}。",
                missing.join("和")
            ),
        );
    }
}

fn a3_satisfaction(ctx: &ProjectContext, out: &mut ProjectSink) {
    if !ctx.rows.iter().any(|r| r.l1 == L1::Satisfaction) {
        out.push(
            Code::A3,
            ProjectField::Indicators,
            "未设置服务对象满意度指标。面向群众、企业的项目应设置；确不适用的请在绩效目标中说明。"
                .into(),
        );
    }
}

fn a4_output_detail(ctx: &ProjectContext, out: &mut ProjectSink) {
    let output: Vec<_> = ctx.rows.iter().filter(|r| r.l1 == L1::Output).collect();
    // Without any 产出指标 row A2 already says what is missing.
    if output.is_empty() {
        return;
    }
    for (kind, level2) in [
        (L2::Quantity, "数量指标"),
        (L2::Quality, "质量指标"),
        (L2::Timeliness, "时效指标"),
    ] {
        if !output.iter().any(|r| r.l2 == kind) {
            out.push(
                Code::A4,
                ProjectField::Indicators,
                format!("产出指标缺少「{level2}」，建议从数量、质量、时效、成本等方面细化。"),
            );
        }
    }
}

fn a5_cost(ctx: &ProjectContext, out: &mut ProjectSink) {
    if !ctx.rows.iter().any(|r| r.is_cost) {
        out.push(
            Code::A5,
            ProjectField::Indicators,
            "未设置成本指标。建议设置单位成本或总成本控制数（如「≤X元/件」「≤X万元」）。".into(),
        );
    }
}

fn level2_or_row(level2: &str) -> &str {
    if level2.is_empty() {
        "该行"
    } else {
        level2
    }
}

fn a6_placeholder_rows(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, r) in ctx.judged_rows() {
        let message = |typed: &str| {
            format!(
                "「{}」下填写了「{typed}」。不涉及该类指标的，请删除该行；涉及的，请填写具体指标和可衡量的指标值。",
                level2_or_row(r.level2)
            )
        };
        if r.name_is_placeholder {
            out.push(
                Code::A6,
                cell(i, IndicatorField::Name),
                message(trim(&r.row.name)),
            );
        }
        if r.value_is_placeholder {
            out.push(
                Code::A6,
                cell(i, IndicatorField::Value),
                message(r.value_text),
            );
        }
    }
}

/// Words that name a kind of indicator, not an indicator (`数量要求`, `社会效益`).
const GENERIC_NAMES: [&str; 20] = [
    "数量",
    "质量",
    "时效",
    "成本",
    "产出",
    "效益",
    "满意度",
    "服务对象满意度",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "可持续影",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "效果",
    "目标",
    "绩效",
    "指标",
];

pub(super) fn is_generic_name(name: &str) -> bool {
    if crate::core::model::LEVELS
        .iter()
        .any(|(l1, l2s)| *l1 == name || l2s.contains(&name))
    {
        return true;
    }
    let core = name
        .strip_suffix("指标")
        .or_else(|| name.strip_suffix("要求"))
        .or_else(|| name.strip_suffix("情况"))
        .unwrap_or(name);
    GENERIC_NAMES.contains(&core)
}

fn a7_generic_names(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, r) in ctx.judged_rows() {
        if r.name_is_placeholder {
            continue;
        }
        // `服务对象满意度` on a satisfaction row names no one surveyed: C11's
        // warning says so; it is not a category name there.
        if r.l2 == L2::Satisfaction && matches!(r.name.as_ref(), "满意度" | "服务对象满意度")
        {
            continue;
        }
        let message = if r.name.is_empty() {
            "请填写三级指标：具体、可衡量的指标名称（如「办件量」「案件办理单价」）。".to_string()
        } else if is_generic_name(&r.name) {
            format!(
                "三级指标「{}」是指标类别，不是具体指标：请写可衡量的指标名称（如「办件量」「案件办理单价」）。",
                quote(&r.row.name)
            )
        } else {
            continue;
        };
        out.push(Code::A7, cell(i, IndicatorField::Name), message);
    }
}

fn a8_duplicate_names(ctx: &ProjectContext, out: &mut ProjectSink) {
    let mut first: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(ctx.rows.len(), Default::default());
    for (i, r) in ctx.judged_rows() {
        if r.name.is_empty() || r.name_is_placeholder {
            continue;
        }
        match first.get(r.name.as_str()) {
            Some(earlier) => out.push(
                Code::A8,
                cell(i, IndicatorField::Name),
                format!(
                    "三级指标「{}」与第{}行重复设置，请合并或改为不同的指标。",
                    quote(&r.row.name),
                    earlier + 1
                ),
            ),
            None => {
                first.insert(r.name.as_ref(), i);
            }
        }
    }
}

fn a9_too_few_rows(ctx: &ProjectContext, out: &mut ProjectSink) {
    if ctx.rows.len() < 3 {
        out.push(
            Code::A9,
            ProjectField::Indicators,
            format!(
                "绩效指标过少（{}行），难以全面反映项目产出和效果，建议不少于3个。",
                ctx.rows.len()
            ),
        );
    }
}

fn a10_basis(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, r) in ctx.judged_rows() {
        let basis = trim(&r.row.basis);
        let message = if basis.is_empty() {
            "请填写「指标值确定依据」（计划标准、行业标准、历史标准或其他依据及出处）。".to_string()
        } else if is_placeholder(basis) {
            format!("指标值确定依据不能填「{basis}」：请写明依据类型（计划标准、行业标准、历史标准或其他）及出处。")
        } else {
            continue;
        };
        out.push(Code::A10, cell(i, IndicatorField::Basis), message);
    }
}

/// A goal left as the template had it: `目标内容1`, `绩效目标2`, or under 6 characters
/// (list numbering such as `1.` or `（1）` is not counted).
pub(super) fn is_goal_placeholder(goal: &str) -> bool {
    let norm = normalise(goal);
    let body = strip_numbering(&norm);
    if char_len(body) < 6 {
        return true;
    }
    ["目标内容", "绩效目标"].iter().any(|word| {
        body.strip_prefix(word)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
    })
}

fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start_matches(['(', '（']);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return text;
    }
    let rest = &t[digits..];
    for sep in [")", "）", ".", "、"] {
        if let Some(r) = rest.strip_prefix(sep) {
            return r;
        }
    }
    text
}

fn a11_goal_placeholders(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, goal) in ctx.project.goals.iter().enumerate() {
        if !goal.trim().is_empty() && is_goal_placeholder(goal) {
            out.push(
                Code::A11,
                ProjectField::Goals(Some(i)),
                format!(
                    "绩效目标「{}」是模板占位文字，请填写本项目年度要达到的产出和效果。",
                    quote(goal)
                ),
            );
        }
    }
}

fn a12_library_slots(ctx: &ProjectContext, out: &mut ProjectSink) {
    let message = |slot: &str| format!("请把指标库示例中的「{slot}」替换为本项目的实际内容。");
    for (i, r) in ctx.rows.iter().enumerate() {
        if !r.has_slot {
            continue;
        }
        for f in IndicatorField::ALL {
            if let Some(slot) = library_slot(r.row.get(f)) {
                out.push(Code::A12, cell(i, f), message(slot));
            }
        }
    }
    for (i, goal) in ctx.project.goals.iter().enumerate() {
        if let Some(slot) = library_slot(goal) {
            out.push(Code::A12, ProjectField::Goals(Some(i)), message(slot));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::ProjectField as Field;
    use crate::core::model::IndicatorField::{Basis, Name, Value};

    #[test]
    fn a1_fires_on_each_empty_required_field() {
        let mut doc = sound_doc();
        doc.projects[0].code = " ".into();
        doc.projects[0].use_of_funds = "".into();
        doc.projects[0].goals = vec!["".into()];
        assert_eq!(
            fires(&doc, "A1"),
            [
                at(Field::Code),
                at(Field::UseOfFunds),
                at(Field::Goals(None))
            ]
        );
        assert_eq!(
            findings(&doc, "A1")[0].message,
            "「项目编码」未填写，请补充。"
        );
    }

    #[test]
    fn a1_is_quiet_when_one_goal_is_filled() {
        let mut doc = sound_doc();
        doc.projects[0].goals.insert(0, "".into());
        assert_eq!(fires(&doc, "A1"), []);
    }

    #[test]
    fn a2_fires_without_an_effect_row() {
        let mut doc = sound_doc();
        doc.projects[0].indicators.remove(4);
        assert_eq!(fires(&doc, "A2"), [at(Field::Indicators)]);
        assert_eq!(fires(&sound_doc(), "A2"), []);
    }

    #[test]
    fn a3_fires_without_a_satisfaction_row() {
        let mut doc = sound_doc();
        doc.projects[0].indicators.remove(5);
        assert_eq!(fires(&doc, "A3"), [at(Field::Indicators)]);
    }

    #[test]
    fn a4_names_each_missing_output_kind() {
        let mut doc = sound_doc();
        doc.projects[0].indicators.remove(2);
        doc.projects[0].indicators.remove(1);
        let found = findings(&doc, "A4");
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("「质量指标」"));
        assert!(found[1].message.contains("「时效指标」"));
    }

    #[test]
    fn a5_fires_without_a_cost_row_and_counts_101_cost_levels() {
        let mut doc = sound_doc();
        doc.projects[0].indicators.remove(3);
        assert_eq!(fires(&doc, "A5"), [at(Field::Indicators)]);
        doc.projects[0].indicators.push(row(
            "成本指标",
            "经济成本指标",
            "法律顾问服务费",
            "合同总价",
            "≤5万元",
            "合同报价",
        ));
        assert_eq!(fires(&doc, "A5"), []);
    }

    #[test]
    fn a6_fires_on_placeholder_name_or_value() {
        let doc = with_cell(4, Name, "无");
        assert_eq!(fires(&doc, "A6"), [at(Field::Indicator(4, Some(Name)))]);
        assert!(findings(&doc, "A6")[0]
            .message
            .starts_with("「社会效益指标」下填写了「无」"));
        assert_eq!(
            fires(&with_cell(4, Value, "／"), "A6"),
            [at(Field::Indicator(4, Some(Value)))]
        );
        // A value that merely contains 无 is not a placeholder.
        assert_eq!(fires(&with_cell(4, Value, "无重大事故"), "A6"), []);
    }

    #[test]
    fn a7_fires_on_generic_names() {
        for name in [
            "数量指标",
            "社会效益",
            "数量要求",
            "生态效益指标",
            "满意度",
            "",
        ] {
            assert_eq!(
                fires(&with_cell(0, Name, name), "A7"),
                [at(Field::Indicator(0, Some(Name)))],
                "{name}"
            );
        }
        assert_eq!(fires(&with_cell(0, Name, "办件数量"), "A7"), []);
    }

    #[test]
    fn a8_fires_on_the_repeated_name() {
        let doc = with_cell(1, Name, " 法律咨询次数");
        assert_eq!(fires(&doc, "A8"), [at(Field::Indicator(1, Some(Name)))]);
        assert_eq!(fires(&with_cell(1, Name, "法律咨询人次"), "A8"), []);
    }

    #[test]
    fn a9_fires_below_three_rows() {
        let mut doc = sound_doc();
        doc.projects[0].indicators.truncate(2);
        assert_eq!(fires(&doc, "A9"), [at(Field::Indicators)]);
        doc.projects[0].indicators = sound_project().indicators[..3].to_vec();
        assert_eq!(fires(&doc, "A9"), []);
    }

    #[test]
    fn a10_fires_on_empty_basis() {
        assert_eq!(
            fires(&with_cell(2, Basis, "  "), "A10"),
            [at(Field::Indicator(2, Some(Basis)))]
        );
        assert_eq!(fires(&with_cell(2, Basis, "合同"), "A10"), []);
        // 1.1: a placeholder basis is no basis.
        for placeholder in ["无", "/", "—", "不适用"] {
            assert_eq!(
                fires(&with_cell(2, Basis, placeholder), "A10"),
                [at(Field::Indicator(2, Some(Basis)))],
                "{placeholder}"
            );
        }
    }

    #[test]
    fn a12_fires_on_each_slot_and_a_library_row_gets_nothing_else() {
        let mut doc = sound_doc();
        doc.projects[0].indicators[0] = row(
            "产出指标",
            "数量指标",
            "{对象}培训人次",
            "全年参加培训的{对象}人次",
            "≥{N}人次",
            "年度培训计划",
        );
        let found = crate::core::rules::validate(&doc);
        let on_row: Vec<_> = found
            .iter()
            .filter(|f| {
                matches!(
                    f.location,
                    crate::core::findings::Location::Project(0, Field::Indicator(0, _))
                )
            })
            .collect();
        assert_eq!(on_row.len(), 3, "{on_row:?}");
        assert!(on_row.iter().all(|f| f.code.as_str() == "A12"));
        assert_eq!(
            on_row[2].message,
            "请把指标库示例中的「{N}」替换为本项目的实际内容。"
        );
        doc.projects[0].indicators[0].value = "≥120人次".into();
        doc.projects[0].indicators[0].name = "参训人员培训人次".into();
        doc.projects[0].indicators[0].description = "全年参加培训的人员人次".into();
        assert_eq!(fires(&doc, "A12"), []);
    }

    #[test]
    fn a11_fires_on_template_goals() {
        for goal in [
            "目标内容1",
            "1.目标内容1",
            "绩效目标2",
            "做好工作",
            "（1）目标内容",
        ] {
            let mut doc = sound_doc();
            doc.projects[0].goals = vec![goal.into()];
            assert_eq!(fires(&doc, "A11"), [at(Field::Goals(Some(0)))], "{goal}");
        }
        let mut doc = sound_doc();
        doc.projects[0].goals = vec!["1.目标内容1".into()];
        assert_eq!(
            findings(&doc, "A11")[0].message,
            "绩效目标「1.目标内容1」是模板占位文字，请填写本项目年度要达到的产出和效果。"
        );
        doc.projects[0].goals = vec!["绩效目标管理全覆盖，全年审查合同30份".into()];
        assert_eq!(fires(&doc, "A11"), []);
    }
}
