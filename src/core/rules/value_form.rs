//! B. The form of 指标值 (细化量化).

use rust_decimal::Decimal;

use super::context::{
    is_slogan_name, quote, row_ranges, FastMap, ProjectContext, RowFacts, L2, SLOGAN_VERBS,
};
use super::ProjectSink;
use crate::core::code::Code;
use crate::core::findings::{ProjectField, Severity};
use crate::core::model::IndicatorField;
use crate::core::normalise::{char_len, contains_any, has_digit};
use crate::core::value::{Comparator, ParsedValue, UnitKind};

fn value_of(row: usize) -> ProjectField {
    ProjectField::Indicator(row, Some(IndicatorField::Value))
}

pub(super) fn check(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (i, r) in ctx.judged_rows() {
        let field = value_of(i);
        if r.value_text.is_empty() {
            b1_empty(field, out);
            continue;
        }
        if r.value_is_placeholder {
            continue; // A6 says it
        }
        b2_b3_unmeasurable(ctx, r, field, out);
        b5_bare_number(ctx, r, field, out);
        b6_ratio(r, field, out);
        b7_satisfaction(r, field, out);
        b8_satisfaction_target(r, field, out);
        b9_direction(r, field, out);
        b10_words(r, field, out);
        b11_percent_decimals(r, field, out);
        b12_percent_of_a_slogan(i, r, out);
    }
    b4_same_values(ctx, out);
}

fn b1_empty(field: ProjectField, out: &mut ProjectSink) {
    out.push(Code::B1, field, "指标值未填写。".into());
}

/// No digit, not a grade, and long or starting with a slogan verb.
pub(super) fn is_slogan(text: &str) -> bool {
    !has_digit(text) && (char_len(text) > 6 || SLOGAN_VERBS.iter().any(|v| text.starts_with(v)))
}

fn b2_b3_unmeasurable(
    ctx: &ProjectContext,
    r: &RowFacts,
    field: ProjectField,
    out: &mut ProjectSink,
) {
    // On a satisfaction row B7 says exactly what to write instead.
    if r.value != ParsedValue::Unmeasurable || r.is_satisfaction {
        return;
    }
    let v = quote(r.value_text);
    if is_slogan(&r.value_norm) {
        out.push(
            Code::B3,
            field,
            format!("指标值「{v}」是工作口号，不是可考核的目标值。请改为可量化的数值，或使用「明显提升」等分级表述，并在绩效指标描述中说明衡量口径。"),
        );
    } else if has_digit(&r.value_norm) {
        // A number inside a sentence: the words belong in the description.
        out.push(
            Code::B2,
            field,
            format!("指标值「{v}」是一句话，不是指标值：只留下「比较符+数值+单位」（如≥95%、≤50元/件、=12次），说明文字写入「绩效指标描述」。"),
        );
    } else {
        out.push(
            Code::B2,
            field,
            format!(
                "指标值「{v}」无法衡量。请填写「比较符+数值+单位」（如≥95%、≤50元/件、=12次）、完成时限（如{}）或定性等级。",
                ctx.example_deadline()
            ),
        );
    }
}

/// B5: a number with no unit. An error where it cannot stand: on a ratio or
/// satisfaction row (B6/B7 say it), a cost row (no money unit) and a 时效 row;
/// there a comparator does not make up for the unit either (`≤470` on a cost
/// row says no more than `470`). Elsewhere a warning, and only for a bare number.
fn b5_bare_number(ctx: &ProjectContext, r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    let Some(q) = r.value.quant() else { return };
    if !r.lacks_unit() || !q.words.is_empty() {
        return;
    }
    let v = quote(r.value_text);
    let (severity, message) = if r.is_cost {
        (
            Severity::Error,
            format!(
                "成本指标值「{v}」缺少金额单位：请写成金额上限，如「≤{}元」或「≤{}万元」。",
                q.number, q.number
            ),
        )
    } else if r.l2 == L2::Timeliness {
        (
            Severity::Error,
            format!(
                "时效指标值「{v}」缺少单位：请写完成时限（如「{}」）或时长（如「≤5个工作日」）。",
                ctx.example_deadline()
            ),
        )
    } else if r.is_ratio || r.is_satisfaction {
        (
            Severity::Error,
            format!(
                "比率类指标值「{v}」缺少%：请写成「≥{}%」这样的百分数。",
                q.number
            ),
        )
    } else if q.comparator.is_none() {
        (
            Severity::Warning,
            format!("指标值「{v}」缺少计量单位，请补充（%、个、次、人、元、万元、天等）。"),
        )
    } else {
        return;
    };
    out.push_with(Code::B5, severity, field, message);
}

fn b6_ratio(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    if !r.is_ratio || r.value == ParsedValue::Unmeasurable {
        return;
    }
    let hundred = Decimal::from(100);
    let v = quote(r.value_text);
    let message = match r.value.quant() {
        Some(q) if q.kind == UnitKind::Percent => {
            if q.number > hundred {
                format!("比率不能超过100%（当前「{v}」），请改为0–100之间的百分数。")
            } else if q.number == hundred && q.comparator.is_some_and(Comparator::is_lower_bound) {
                "比率类指标的指标值应为0–100之间的百分数；「≥100%」无法超额完成，请改为「=100%」或合理的下限（如「≥95%」）。".to_string()
            } else {
                return;
            }
        }
        // Not a percentage; on a satisfaction row B7 says so.
        _ if r.is_satisfaction => return,
        _ => format!(
            "「{}」是比率类指标，指标值应为0–100之间的百分数（如「≥95%」）；当前「{v}」不是百分数。",
            quote(&r.row.name)
        ),
    };
    out.push(Code::B6, field, message);
}

/// A satisfaction target as rules.md 1.1 wants it: `N%`, `≥N%`, `>N%` or
/// `=N%` with 0 < N ≤ 100 (a bare `90%` means at least 90%).
fn satisfaction_percent(r: &RowFacts) -> Option<(Option<Comparator>, Decimal)> {
    let q = r.value.quant()?;
    let ok = q.kind == UnitKind::Percent
        && matches!(
            q.comparator,
            None | Some(Comparator::AtLeast | Comparator::Above | Comparator::Equal)
        )
        && q.number > Decimal::ZERO
        && q.number <= Decimal::from(100)
        && q.words.is_empty();
    ok.then_some((q.comparator, q.number))
}

fn b7_satisfaction(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    if !r.is_satisfaction || satisfaction_percent(r).is_some() {
        return;
    }
    let v = quote(r.value_text);
    let message = match r.value.quant() {
        Some(q) if r.lacks_unit() => format!(
            "满意度指标值应为百分比：「{v}」缺少%，请写成「≥{}%」。",
            q.number
        ),
        Some(q)
            if q.kind == UnitKind::Percent
                && q.comparator.is_some_and(Comparator::is_upper_bound) =>
        {
            format!(
                "满意度是越高越好的指标，请用下限「≥」，如「≥{}%」；当前「{v}」。",
                q.number
            )
        }
        _ => format!("满意度指标值应为百分比，如「≥90%」。当前填写「{v}」缺少%或格式不正确。"),
    };
    out.push(Code::B7, field, message);
}

fn b8_satisfaction_target(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    if !r.is_satisfaction {
        return;
    }
    let Some((cmp, n)) = satisfaction_percent(r) else {
        return;
    };
    let hundred = Decimal::from(100);
    let exactly_all = n == hundred && matches!(cmp, None | Some(Comparator::Equal));
    if exactly_all || n < Decimal::from(80) {
        out.push(
            Code::B8,
            field,
            format!("满意度目标设为{}不够合理：100%通常无法保证，低于80%则目标偏低。常见取值为≥85%–≥95%。", quote(r.value_text)),
        );
    }
}

/// 三级 words of quantity and quality indicators where less is better.
const LESS_IS_BETTER: [&str; 9] = [
    "投诉",
    "事故",
    "差错",
    "发生率",
    "超期",
    "返工",
    "逾期",
    "损失",
    "错误",
];

fn b9_direction(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    let Some(cmp) = r.value.quant().and_then(|q| q.comparator) else {
        return;
    };
    let message = if r.is_cost && cmp.is_lower_bound() {
        "成本类指标一般设上限，应使用「≤」（如「≤5万元」）。"
    } else if matches!(r.l2, L2::Quantity | L2::Quality)
        && cmp.is_upper_bound()
        && !contains_any(&r.name, &LESS_IS_BETTER)
    {
        "数量、质量类指标一般使用「≥」或「=」；投诉、事故、差错等越少越好的指标才用「≤」。"
    } else {
        return;
    };
    out.push(Code::B9, field, message.into());
}

fn b10_words(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    let words = r.value.words();
    if words.chars().any(|c| c.is_alphanumeric()) {
        out.push(
            Code::B10,
            field,
            format!(
                "指标值只需填写比较符、数值和单位，「{}」等文字说明请写入「绩效指标描述」。",
                quote(words)
            ),
        );
    }
}

fn b11_percent_decimals(r: &RowFacts, field: ProjectField, out: &mut ProjectSink) {
    if r.value
        .quant()
        .is_some_and(|q| q.kind == UnitKind::Percent && q.decimals > 2)
    {
        out.push(Code::B11, field, "百分比建议保留不超过2位小数。".into());
    }
}

/// B12: `促进村集体经济发展`: `≥95%` — a percentage of a slogan cannot be scored.
/// On the 三级, where the fix is (C17, the same cause as a warning, folds under it).
fn b12_percent_of_a_slogan(i: usize, r: &RowFacts, out: &mut ProjectSink) {
    if r.value.is_percent() && !r.is_ratio && !r.is_satisfaction && is_slogan_name(&r.name) {
        out.push(
            Code::B12,
            ProjectField::Indicator(i, Some(IndicatorField::Name)),
            format!("「{}」是工作口号，百分之多少无法考核。请改为具体可衡量的指标（如「受益群众满意度」「新增就业人数」），并填写对应的指标值。", quote(&r.row.name)),
        );
    }
}

/// B4 is a finding of the table naming its rows (`第1–9行的指标值均为「11」`),
/// not one copy per row.
fn b4_same_values(ctx: &ProjectContext, out: &mut ProjectSink) {
    let mut rows_by_value: FastMap<&str, Vec<usize>> =
        FastMap::with_capacity_and_hasher(ctx.rows.len(), Default::default());
    for (i, r) in ctx.judged_rows() {
        if !r.value_norm.is_empty() && !r.value_is_placeholder {
            rows_by_value
                .entry(r.value_norm.as_ref())
                .or_default()
                .push(i);
        }
    }
    let total = ctx.rows.len();
    let mut repeated: Vec<&Vec<usize>> = rows_by_value
        .values()
        .filter(|rows| rows.len() >= 3 && rows.len() * 2 >= total)
        .collect();
    repeated.sort();
    for rows in repeated {
        let shown = quote(ctx.rows[rows[0]].value_text);
        out.push(
            Code::B4,
            ProjectField::Indicators,
            format!(
                "{}的指标值均为「{shown}」，疑似占位或复制错误，请逐项核实，按每个指标的实际目标填写。",
                row_ranges(rows)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{ProjectField as Field, Severity};
    use crate::core::model::IndicatorField::{Name, Value};

    fn value_at(i: usize) -> crate::core::findings::Location {
        at(Field::Indicator(i, Some(Value)))
    }

    #[test]
    fn b1_fires_on_an_empty_value_only() {
        let doc = with_cell(0, Value, " ");
        assert_eq!(fires(&doc, "B1"), [value_at(0)]);
        assert_eq!(fires(&doc, "B2"), []);
        assert_eq!(fires(&with_cell(0, Value, "0次"), "B1"), []);
    }

    #[test]
    fn b2_fires_on_an_unmeasurable_value() {
        let doc = with_cell(0, Value, "成本控制");
        assert_eq!(fires(&doc, "B2"), [value_at(0)]);
        assert!(findings(&doc, "B2")[0]
            .message
            .starts_with("指标值「成本控制」无法衡量。"));
        assert_eq!(fires(&with_cell(0, Value, "2023年6月底前"), "B2"), []);
        assert_eq!(fires(&with_cell(0, Value, "明显提升"), "B2"), []);
    }

    #[test]
    fn b3_fires_on_slogans_instead_of_b2() {
        for v in [
            "创造良好营商环境",
            "保证大厅正常运转",
            "提升",
            "设备完善、维修维护及时",
        ] {
            let doc = with_cell(4, Value, v);
            assert_eq!(fires(&doc, "B3"), [value_at(4)], "{v}");
            assert_eq!(fires(&doc, "B2"), [], "{v}");
        }
        assert_eq!(
            fires(&with_cell(4, Value, "有效保障"), "B3"),
            [],
            "a grade is no slogan"
        );
    }

    #[test]
    fn b4_fires_when_half_the_rows_share_a_value() {
        let mut doc = sound_doc();
        for r in &mut doc.projects[0].indicators[..3] {
            r.value = "≥40次".into();
        }
        // One finding of the table naming its rows, not one per row.
        assert_eq!(fires(&doc, "B4"), [at(Field::Indicators)]);
        assert_eq!(
            findings(&doc, "B4")[0].message,
            "第1–3行的指标值均为「≥40次」，疑似占位或复制错误，请逐项核实，按每个指标的实际目标填写。"
        );
        let mut doc = sound_doc();
        for r in &mut doc.projects[0].indicators[..2] {
            r.value = "≥40次".into();
        }
        assert_eq!(fires(&doc, "B4"), []);
    }

    #[test]
    fn b5_is_a_warning_on_a_bare_number_and_an_error_on_a_ratio() {
        let doc = with_cell(0, Value, "11");
        assert_eq!(findings(&doc, "B5")[0].severity, Severity::Warning);
        let doc = with_cell(1, Value, "95");
        assert_eq!(findings(&doc, "B5")[0].severity, Severity::Error);
        assert_eq!(fires(&with_cell(0, Value, "≥11"), "B5"), []);
    }

    #[test]
    fn b5_is_an_error_on_cost_and_timeliness_rows_and_says_what_to_write() {
        let doc = with_cell(3, Value, "470");
        let b5 = findings(&doc, "B5");
        assert_eq!(b5[0].severity, Severity::Error);
        assert!(b5[0].message.contains("缺少金额单位"));
        assert_eq!(
            findings(&with_cell(3, Value, "≤470"), "B5")[0].severity,
            Severity::Error
        );
        let doc = with_cell(2, Value, "1");
        let b5 = findings(&doc, "B5");
        assert_eq!(b5[0].severity, Severity::Error);
        assert!(
            b5[0].message.contains("2023年6月底前"),
            "the draft's own year"
        );
    }

    #[test]
    fn b5_is_quiet_when_the_unit_stands_in_the_name() {
        let mut doc = with_cell(0, Name, "实施营造林总面积(亩)");
        doc.projects[0].indicators[0].value = "80000".into();
        doc.projects[0].indicators[0].description = "全年实施营造林的面积".into();
        assert_eq!(fires(&doc, "B5"), []);
        let mut doc = with_cell(1, Name, "农村卫生厕所普及率（%）");
        doc.projects[0].indicators[1].value = "≥85".into();
        assert_eq!(fires(&doc, "B5"), []);
        assert_eq!(fires(&doc, "B6"), [], "≥85 with (%) in the name is ≥85%");
    }

    #[test]
    fn b6_fires_on_ratios_not_in_percent_or_over_100() {
        for v in ["≥100%", ">100%", "101%", "≥95次"] {
            assert_eq!(fires(&with_cell(1, Value, v), "B6"), [value_at(1)], "{v}");
        }
        for v in ["=100%", "≥95%", "≥99.5%"] {
            assert_eq!(fires(&with_cell(1, Value, v), "B6"), [], "{v}");
        }
    }

    #[test]
    fn b7_fires_on_satisfaction_without_percent() {
        for v in ["≥95", "好", "≤90%", "≥0%", "办事群众满意度"] {
            assert_eq!(fires(&with_cell(5, Value, v), "B7"), [value_at(5)], "{v}");
        }
        let doc = with_cell(5, Value, "≥95");
        assert_eq!(
            findings(&doc, "B7")[0].message,
            "满意度指标值应为百分比：「≥95」缺少%，请写成「≥95%」。"
        );
        assert_eq!(fires(&with_cell(5, Value, "＞９０％"), "B7"), []);
        // 1.1: a bare 90% means at least 90%.
        assert_eq!(fires(&with_cell(5, Value, "90%"), "B7"), []);
    }

    #[test]
    fn b8_warns_on_100_or_below_80() {
        assert_eq!(fires(&with_cell(5, Value, "=100%"), "B8"), [value_at(5)]);
        assert_eq!(fires(&with_cell(5, Value, "≥75%"), "B8"), [value_at(5)]);
        assert_eq!(fires(&with_cell(5, Value, "≥80%"), "B8"), []);
        assert_eq!(fires(&with_cell(5, Value, "100%"), "B8"), [value_at(5)]);
    }

    #[test]
    fn b9_checks_the_comparator_direction() {
        assert_eq!(fires(&with_cell(3, Value, "≥5万元"), "B9"), [value_at(3)]);
        assert_eq!(fires(&with_cell(0, Value, "≤40次"), "B9"), [value_at(0)]);
        let mut doc = with_cell(0, Value, "≤2次");
        doc.projects[0].indicators[0].name = "群众投诉次数".into();
        assert_eq!(fires(&doc, "B9"), []);
    }

    #[test]
    fn b10_hints_at_words_in_the_value() {
        assert_eq!(
            fires(&with_cell(0, Value, "免费复印≥40次"), "B10"),
            [value_at(0)]
        );
        assert_eq!(fires(&with_cell(0, Value, "40次以上"), "B10"), []);
        assert_eq!(
            fires(&with_cell(2, Value, "12月底到位"), "B10"),
            [value_at(2)]
        );
        // More than six other characters: a sentence, B2, not B10.
        let doc = with_cell(3, Value, "严格按照预算标准1000元/人给补助对象兑付补助");
        assert_eq!(fires(&doc, "B2"), [value_at(3)]);
        assert_eq!(fires(&doc, "B10"), []);
    }

    #[test]
    fn the_forms_reviewers_accept_get_no_error() {
        for (row, v) in [
            (4, "显著提升"),
            (4, "稳步提高"),
            (4, "优良"),
            (2, "1次/月"),
            (1, "=100百分比"),
            (5, "90%"),
            (2, "2023年1月-12月"),
            (2, "2023.1.1-12.31"),
            (2, "2023年底"),
            (1, "±3%以内"),
            (0, "1,000次"),
            (1, "‹=5%"),
            (0, "≥50兆瓦"),
        ] {
            let doc = with_cell(row, Value, v);
            let errors: Vec<_> = crate::core::rules::validate(&doc)
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{v}: {errors:?}");
        }
    }

    #[test]
    fn b11_hints_at_long_percent_decimals() {
        assert_eq!(
            fires(&with_cell(1, Value, "≥95.125%"), "B11"),
            [value_at(1)]
        );
        assert_eq!(fires(&with_cell(1, Value, "≥95.12%"), "B11"), []);
    }

    #[test]
    fn a_placeholder_value_is_only_a6() {
        let doc = with_cell(1, Value, "无");
        let codes: Vec<_> = crate::core::rules::validate(&doc)
            .into_iter()
            .filter(|f| f.location == value_at(1))
            .map(|f| f.code.as_str())
            .collect();
        assert_eq!(codes, ["A6"]);
    }
}
