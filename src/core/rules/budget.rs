//! D. Budget amounts (适当性, in 万元). Exact decimal arithmetic throughout.

use rust_decimal::Decimal;

use super::context::{parse_amount, ProjectContext};
use super::Sink;
use crate::core::findings::Field;
use crate::core::normalise::{char_len, normalise};

pub(super) fn check(ctx: &ProjectContext, out: &mut Sink) {
    d1_sum(ctx, out);
    d2_not_a_number(ctx, out);
    d3_yuan_not_wan(ctx, out);
    d4_use_of_funds(ctx, out);
}

fn amounts<'a>(ctx: &ProjectContext<'a>) -> [(&'a str, Field); 3] {
    let b = &ctx.project.budget;
    [
        (b.total.as_str(), Field::BudgetTotal),
        (b.fiscal.as_str(), Field::BudgetFiscal),
        (b.other.as_str(), Field::BudgetOther),
    ]
}

/// An amount with at least two decimals, as 万元 are written (`1.00`).
fn wan(d: Decimal) -> String {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// The live sum check of the budget block: 财政资金 + 其他资金 against 预算数.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetSum {
    /// 财政资金 + 其他资金, when both are numbers (an empty one counts as 0).
    pub sum: Option<Decimal>,
    /// 预算数 − sum, when 预算数 is a number too.
    pub difference: Option<Decimal>,
}

impl BudgetSum {
    /// An amount as 万元 are written, with at least two decimals (`1.00`).
    pub fn format(amount: Decimal) -> String {
        wan(amount)
    }
}

pub fn budget_sum(total: &str, fiscal: &str, other: &str) -> BudgetSum {
    let part = |text: &str| {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            parse_amount(text)
        }
    };
    let sum = part(fiscal)
        .zip(part(other))
        .and_then(|(f, o)| f.checked_add(o));
    let difference = sum
        .zip(parse_amount(total))
        .and_then(|(s, t)| t.checked_sub(s));
    BudgetSum { sum, difference }
}

fn d1_sum(ctx: &ProjectContext, out: &mut Sink) {
    let b = &ctx.project.budget;
    let Some(total) = ctx.total else { return };
    // An empty 财政资金 or 其他资金 counts as 0; one that is not a number is D2's.
    let part = |text: &str| {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            parse_amount(text)
        }
    };
    let (Some(fiscal), Some(other)) = (part(&b.fiscal), part(&b.other)) else {
        return;
    };
    let Some(sum) = fiscal.checked_add(other) else {
        return;
    };
    if sum != total {
        let Some(difference) = total.checked_sub(sum).map(|d| d.abs()) else {
            return;
        };
        out.push(
            "D1",
            Field::BudgetTotal,
            format!(
                "预算数应等于财政资金与其他资金之和（当前相差{}万元）。",
                wan(difference)
            ),
        );
    }
}

fn d2_not_a_number(ctx: &ProjectContext, out: &mut Sink) {
    for (text, field) in amounts(ctx) {
        if text.trim().is_empty() {
            continue; // A1 for 预算数; an empty part counts as 0
        }
        let wrong = match parse_amount(text) {
            None => true,
            Some(d) if d.is_sign_negative() && !d.is_zero() => true,
            Some(d) => field == Field::BudgetTotal && d <= Decimal::ZERO,
        };
        if wrong {
            out.push(
                "D2",
                field,
                "预算金额必须为大于0的数字（单位：万元）。".into(),
            );
        }
    }
}

fn d3_yuan_not_wan(ctx: &ProjectContext, out: &mut Sink) {
    for (text, field) in amounts(ctx) {
        let Some(d) = parse_amount(text) else {
            continue;
        };
        let decimals = normalise(text).split_once('.').map_or(0, |(_, f)| f.len());
        let too_big = field == Field::BudgetTotal && d >= Decimal::from(100_000);
        if decimals > 6 || too_big {
            out.push(
                "D3",
                field,
                "金额单位为万元，请确认是否误按「元」填写。".into(),
            );
        }
    }
}

fn d4_use_of_funds(ctx: &ProjectContext, out: &mut Sink) {
    let text = ctx.project.use_of_funds.trim();
    if !text.is_empty() && char_len(text) < 10 {
        out.push(
            "D4",
            Field::UseOfFunds,
            "请具体说明资金用途（支出内容、数量、标准）。".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::Field;
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
