//! D. Budget amounts (适当性, in 万元). Exact decimal arithmetic throughout,
//! on the same sum the editor's budget block shows (`core::amount`).

use rust_decimal::Decimal;

use super::context::ProjectContext;
use super::ProjectSink;
use crate::core::amount::{amount_problem, budget_sum, format_wan, parse_amount};
use crate::core::code::Code;
use crate::core::findings::ProjectField;
use crate::core::normalise::{char_len, normalise};

pub(super) fn check(ctx: &ProjectContext, out: &mut ProjectSink) {
    d1_sum(ctx, out);
    d2_not_a_number(ctx, out);
    d3_yuan_not_wan(ctx, out);
    d4_use_of_funds(ctx, out);
}

fn amounts<'a>(ctx: &ProjectContext<'a>) -> [(&'a str, ProjectField); 3] {
    let b = &ctx.project.budget;
    [
        (b.total.as_str(), ProjectField::BudgetTotal),
        (b.fiscal.as_str(), ProjectField::BudgetFiscal),
        (b.other.as_str(), ProjectField::BudgetOther),
    ]
}

fn d1_sum(ctx: &ProjectContext, out: &mut ProjectSink) {
    let b = &ctx.project.budget;
    // An amount that is not a number is D2's; then there is no sum to compare.
    let Some(difference) = budget_sum(&b.total, &b.fiscal, &b.other).difference else {
        return;
    };
    if !difference.is_zero() {
        out.push(
            Code::D1,
            ProjectField::BudgetTotal,
            format!(
                "预算数应等于财政资金与其他资金之和（当前相差{}万元）。",
                format_wan(difference.abs())
            ),
        );
    }
}

fn d2_not_a_number(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (text, field) in amounts(ctx) {
        if text.trim().is_empty() {
            continue; // A1 for 预算数; an empty part counts as 0
        }
        let message = match (amount_problem(text), parse_amount(text)) {
            (Some(why), _) => why,
            (None, Some(d)) if d.is_sign_negative() && !d.is_zero() => {
                "金额不能为负数，请填写实际金额（单位万元）。".to_string()
            }
            (None, Some(d)) if field == ProjectField::BudgetTotal && d <= Decimal::ZERO => {
                "预算数应大于0（单位万元）。".to_string()
            }
            _ => continue,
        };
        out.push(Code::D2, field, message);
    }
}

fn d3_yuan_not_wan(ctx: &ProjectContext, out: &mut ProjectSink) {
    for (text, field) in amounts(ctx) {
        let Some(d) = parse_amount(text) else {
            continue;
        };
        let decimals = normalise(text).split_once('.').map_or(0, |(_, f)| f.len());
        let too_big = field == ProjectField::BudgetTotal && d >= Decimal::from(100_000);
        if decimals > 6 || too_big {
            out.push(
                Code::D3,
                field,
                format!(
                    "金额单位为万元，请确认是否误按「元」填写（{} 万元即 {} 元）。",
                    d.normalize(),
                    (d * Decimal::from(10_000)).normalize()
                ),
            );
        }
    }
}

fn d4_use_of_funds(ctx: &ProjectContext, out: &mut ProjectSink) {
    let text = ctx.project.use_of_funds.trim();
    if !text.is_empty() && char_len(text) < 10 {
        out.push(
            Code::D4,
            ProjectField::UseOfFunds,
            "请具体说明资金用途（支出内容、数量、标准），如「聘请常年法律顾问1名，全年服务费5万元」。"
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::ProjectField as Field;
    use crate::core::model::Document;

    fn with_budget(total: &str, fiscal: &str, other: &str) -> Document {
        let mut doc = sound_doc();
        let b = &mut doc.projects[0].budget;
        b.total = total.into();
        b.fiscal = fiscal.into();
        b.other = other.into();
        doc
    }

    #[test]
    fn d1_fires_when_the_parts_do_not_add_up() {
        let doc = with_budget("6.00", "5.00", "");
        assert_eq!(fires(&doc, "D1"), [at(Field::BudgetTotal)]);
        assert_eq!(
            findings(&doc, "D1")[0].message,
            "预算数应等于财政资金与其他资金之和（当前相差1.00万元）。"
        );
        let doc = with_budget("0.3", "0.1", "0.2");
        assert_eq!(fires(&doc, "D1"), [], "exact decimals: 0.1 + 0.2 = 0.3");
        assert_eq!(fires(&with_budget("5", "4.99", "0.01"), "D1"), []);
        assert!(findings(&with_budget("5", "4.995", ""), "D1")[0]
            .message
            .contains("相差0.005万元"));
    }

    #[test]
    fn d2_fires_on_amounts_that_are_not_positive_numbers() {
        assert_eq!(
            fires(&with_budget("五万", "5", ""), "D2"),
            [at(Field::BudgetTotal)]
        );
        // One message per cause, saying what to type.
        assert_eq!(
            findings(&with_budget("5万元", "5", ""), "D2")[0].message,
            "金额只填数字，单位已是万元：「5万元」请填 5。"
        );
        assert!(findings(&with_budget("50,000", "5", ""), "D2")[0]
            .message
            .contains("请写成 50000"));
        assert!(findings(&with_budget("5", "5", "-1"), "D2")[0]
            .message
            .contains("不能为负数"));
        assert_eq!(
            fires(&with_budget("0", "0", ""), "D2"),
            [at(Field::BudgetTotal)]
        );
        assert_eq!(
            fires(&with_budget("5", "6", "-1"), "D2"),
            [at(Field::BudgetOther)]
        );
        assert_eq!(fires(&with_budget("5", "5", "0"), "D2"), []);
        assert_eq!(
            fires(&with_budget("５.００", "5", ""), "D2"),
            [],
            "full-width digits are numbers"
        );
    }

    #[test]
    fn d3_warns_on_amounts_that_look_like_yuan() {
        assert_eq!(
            fires(&with_budget("50000000", "50000000", ""), "D3"),
            [at(Field::BudgetTotal)]
        );
        assert_eq!(
            fires(&with_budget("5.0000001", "5.0000001", ""), "D3").len(),
            2
        );
        assert_eq!(fires(&with_budget("99999.99", "99999.99", ""), "D3"), []);
    }

    #[test]
    fn d4_warns_on_a_short_use_of_funds() {
        let mut doc = sound_doc();
        doc.projects[0].use_of_funds = "律师服务费".into();
        assert_eq!(fires(&doc, "D4"), [at(Field::UseOfFunds)]);
        doc.projects[0].use_of_funds = "支付常年法律顾问律师服务费".into();
        assert_eq!(fires(&doc, "D4"), []);
    }
}
