//! B. The form of 指标值 (细化量化).

use rust_decimal::Decimal;

use super::context::{FastMap, ProjectContext, RowFacts, L2};
use super::Sink;
use crate::core::findings::{Field, Severity};
use crate::core::model::IndicatorField;
use crate::core::normalise::{char_len, contains_any, has_digit};
use crate::core::value::{Comparator, ParsedValue, UnitKind};

const VALUE: Option<IndicatorField> = Some(IndicatorField::Value);

pub(super) fn check(ctx: &ProjectContext, out: &mut Sink) {
    for (i, r) in ctx.rows.iter().enumerate() {
        let field = Field::Indicator(i, VALUE);
        if r.value_text.is_empty() {
            b1_empty(field, out);
            continue;
        }
        if r.value_is_placeholder {
            continue; // A6 says it
        }
        b2_b3_unmeasurable(r, field, out);
        b5_bare_number(r, field, out);
        b6_ratio(r, field, out);
        b7_satisfaction(r, field, out);
        b8_satisfaction_target(r, field, out);
        b9_direction(r, field, out);
        b10_words(r, field, out);
        b11_percent_decimals(r, field, out);
    }
    b4_same_values(ctx, out);
}

fn b1_empty(field: Field, out: &mut Sink) {
    out.push("B1", field, "指标值未填写。".into());
}

const SLOGAN_VERBS: [&str; 19] = [
    "创造", "营造", "打造", "推进", "推动", "促进", "加强", "提升", "提高", "优化", "确保", "保障",
    "维护", "实现", "构建", "建立", "助力", "服务", "满足",
];

/// No digit, not a grade, and long or starting with a slogan verb.
pub(super) fn is_slogan(text: &str) -> bool {
    !has_digit(text) && (char_len(text) > 6 || SLOGAN_VERBS.iter().any(|v| text.starts_with(v)))
}

fn b2_b3_unmeasurable(r: &RowFacts, field: Field, out: &mut Sink) {
    // On a satisfaction row B7 says exactly what to write instead.
    if r.value != ParsedValue::Unmeasurable || r.is_satisfaction {
        return;
    }
    let v = r.value_text;
    if is_slogan(&r.value_norm) {
        out.push(
            "B3",
            field,
            format!("指标值「{v}」是工作口号，不是可考核的目标值。请改为可量化的数值，或使用「明显提升」等分级表述，并在绩效指标描述中说明衡量口径。"),
        );
    } else {
        out.push(
            "B2",
            field,
            format!("指标值「{v}」无法衡量。请填写「比较符+数值+单位」（如≥95%、≤50元/件、=12次）、完成时限（如2023年6月底前）或定性等级。"),
        );
    }
}

fn b5_bare_number(r: &RowFacts, field: Field, out: &mut Sink) {
    let Some(q) = r.value.quant() else { return };
    if q.kind == UnitKind::None && q.comparator.is_none() {
        let severity = if r.is_ratio || r.is_satisfaction {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push_with(
            "B5",
            severity,
            field,
            format!(
                "指标值「{}」缺少计量单位，请补充（%、个、次、人、元、万元、天等）。",
                r.value_text
            ),
        );
    }
}

fn b6_ratio(r: &RowFacts, field: Field, out: &mut Sink) {
    if !r.is_ratio || r.value == ParsedValue::Unmeasurable {
        return;
    }
    let hundred = Decimal::from(100);
    let wrong = match r.value.quant() {
        Some(q) if q.kind == UnitKind::Percent => {
            q.number > hundred
                || (q.number == hundred && q.comparator.is_some_and(Comparator::is_lower_bound))
        }
        // Not a percentage; on a satisfaction row B7 says so.
        _ => !r.is_satisfaction,
    };
    if wrong {
        out.push(
            "B6",
            field,
            "比率类指标的指标值应为0–100之间的百分数；「≥100%」无法超额完成，请改为「=100%」或合理的下限（如「≥95%」）。".into(),
        );
    }
}

/// A satisfaction target as rules.md wants it: `≥N%`, `>N%` or `=N%`, 0 < N ≤ 100.
fn satisfaction_percent(r: &RowFacts) -> Option<(Comparator, Decimal)> {
    let q = r.value.quant()?;
    let cmp = q.comparator?;
    let ok = q.kind == UnitKind::Percent
        && matches!(
            cmp,
            Comparator::AtLeast | Comparator::Above | Comparator::Equal
        )
        && q.number > Decimal::ZERO
        && q.number <= Decimal::from(100);
    ok.then_some((cmp, q.number))
}

fn b7_satisfaction(r: &RowFacts, field: Field, out: &mut Sink) {
    if r.is_satisfaction && satisfaction_percent(r).is_none() {
        out.push(
            "B7",
            field,
            format!(
                "满意度指标值应为百分比，如「≥90%」。当前填写「{}」缺少%或格式不正确。",
                r.value_text
            ),
        );
    }
}

fn b8_satisfaction_target(r: &RowFacts, field: Field, out: &mut Sink) {
    if !r.is_satisfaction {
        return;
    }
    let Some((cmp, n)) = satisfaction_percent(r) else {
        return;
    };
    if (cmp == Comparator::Equal && n == Decimal::from(100)) || n < Decimal::from(80) {
        out.push(
            "B8",
            field,
            format!("满意度目标设为{}不够合理：100%通常无法保证，低于80%则目标偏低。常见取值为≥85%–≥95%。", r.value_text),
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

fn b9_direction(r: &RowFacts, field: Field, out: &mut Sink) {
    let Some(cmp) = r.value.quant().and_then(|q| q.comparator) else {
        return;
    };
    let wrong = if r.is_cost {
        cmp.is_lower_bound()
    } else if matches!(r.l2, L2::Quantity | L2::Quality) {
        cmp.is_upper_bound() && !contains_any(&r.name, &LESS_IS_BETTER)
    } else {
        false
    };
    if wrong {
        out.push(
            "B9",
            field,
            "成本类指标一般设上限，应使用「≤」；数量、质量类指标一般使用「≥」或「=」。".into(),
        );
    }
}

fn b10_words(r: &RowFacts, field: Field, out: &mut Sink) {
    let Some(q) = r.value.quant() else { return };
    if q.words.chars().any(|c| c.is_alphanumeric()) {
        out.push(
            "B10",
            field,
            "指标值只需填写比较符、数值和单位，文字说明请写入「绩效指标描述」。".into(),
        );
    }
}

fn b11_percent_decimals(r: &RowFacts, field: Field, out: &mut Sink) {
    if r.value
        .quant()
        .is_some_and(|q| q.kind == UnitKind::Percent && q.decimals > 2)
    {
        out.push("B11", field, "百分比建议保留不超过2位小数。".into());
    }
}

fn b4_same_values(ctx: &ProjectContext, out: &mut Sink) {
    let mut counts: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(ctx.rows.len(), Default::default());
    for r in &ctx.rows {
        if !r.value_norm.is_empty() && !r.value_is_placeholder {
            *counts.entry(r.value_norm.as_ref()).or_default() += 1;
        }
    }
    let rows = ctx.rows.len();
    for (i, r) in ctx.rows.iter().enumerate() {
        let n = counts.get(r.value_norm.as_ref()).copied().unwrap_or(0);
        if n >= 3 && n * 2 >= rows {
            out.push(
                "B4",
                Field::Indicator(i, VALUE),
                format!(
                    "多个指标的指标值完全相同（均为「{}」），疑似占位或复制错误，请逐项核实。",
                    r.value_text
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{Field, Severity};
    use crate::core::model::IndicatorField::Value;

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
        assert_eq!(fires(&doc, "B4"), [value_at(0), value_at(1), value_at(2)]);
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
        for v in ["≥95", "95%", "好", "≤90%", "≥0%", "办事群众满意度"] {
            assert_eq!(fires(&with_cell(5, Value, v), "B7"), [value_at(5)], "{v}");
        }
        let doc = with_cell(5, Value, "≥95");
        assert!(findings(&doc, "B7")[0]
            .message
            .contains("当前填写「≥95」缺少%"));
        assert_eq!(fires(&with_cell(5, Value, "＞９０％"), "B7"), []);
    }

    #[test]
    fn b8_warns_on_100_or_below_80() {
        assert_eq!(fires(&with_cell(5, Value, "=100%"), "B8"), [value_at(5)]);
        assert_eq!(fires(&with_cell(5, Value, "≥75%"), "B8"), [value_at(5)]);
        assert_eq!(fires(&with_cell(5, Value, "≥80%"), "B8"), []);
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
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, ["A6"]);
    }
}
