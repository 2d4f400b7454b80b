//! E. 资金支出计划: the cumulative share of the budget planned to be spent by
//! each checkpoint (河北双监控).

use rust_decimal::Decimal;

use super::context::{ProjectContext, L2};
use super::ProjectSink;
use crate::core::amount::parse_percent;
use crate::core::code::Code;
use crate::core::findings::ProjectField;
use crate::core::model::Checkpoint;
use crate::core::normalise::{normalise, quote};
use crate::core::value::ParsedValue;

type Plan = [(Checkpoint, Option<Decimal>); 4];

pub(super) fn check(ctx: &ProjectContext, out: &mut ProjectSink) {
    let plan = &ctx.project.spending_plan;
    let parsed: Plan = Checkpoint::ALL.map(|c| (c, parse_percent(plan.get(c))));
    e1_checkpoint(ctx, &parsed, out);
    e2_cumulative(&parsed, out);
    e3_full_by_december(&parsed, out);
    e4_october_and_deadlines(ctx, &parsed, out);
    e5_nothing_in_first_half(&parsed, out);
}

fn at(c: Checkpoint) -> ProjectField {
    ProjectField::SpendingPlan(Some(c))
}

/// What to type at a checkpoint, said once per cause.
fn e1_message(c: Checkpoint, typed: &str) -> String {
    let label = c.label();
    let norm = normalise(typed);
    if norm.is_empty() {
        return if c == Checkpoint::Dec {
            "请填写「12月底」：12月底是全年累计支出比例，一般为 100。".to_string()
        } else {
            format!("请填写「{label}」：截至{label}累计计划支出的百分比，0–100 的数字；未支出的节点填 0。")
        };
    }
    let digits = norm.strip_suffix('%').unwrap_or(&norm);
    match digits.parse::<Decimal>() {
        Ok(d) if d > Decimal::from(100) => format!(
            "「{label}」为累计支出比例，不能超过 100（当前「{}」）。",
            quote(typed)
        ),
        Ok(_) => format!(
            "「{label}」为累计支出比例，不能为负数（当前「{}」）。",
            quote(typed)
        ),
        Err(_) => format!(
            "「{label}」只填 0–100 的数字（可带 %），「{}」不是数字。",
            quote(typed)
        ),
    }
}

fn e1_checkpoint(ctx: &ProjectContext, parsed: &Plan, out: &mut ProjectSink) {
    for (c, value) in parsed {
        if value.is_none() {
            let typed = ctx.project.spending_plan.get(*c);
            out.push(Code::E1, at(*c), e1_message(*c, typed));
        }
    }
}

fn e2_cumulative(parsed: &Plan, out: &mut ProjectSink) {
    let mut highest: Option<(Checkpoint, Decimal)> = None;
    for (c, value) in parsed {
        let Some(v) = value else { continue };
        if let Some((before, h)) = highest.filter(|(_, h)| *v < *h) {
            let hint = if *c == Checkpoint::Dec {
                "12月底是全年累计支出比例，一般为 100。"
            } else {
                "后一节点应不小于前一节点。"
            };
            out.push(
                Code::E2,
                at(*c),
                format!(
                    "资金支出计划为累计进度：「{}」（{}）小于「{}」（{}）。{hint}",
                    c.label(),
                    v.normalize(),
                    before.label(),
                    h.normalize()
                ),
            );
        }
        if highest.is_none_or(|(_, h)| *v > h) {
            highest = Some((*c, *v));
        }
    }
}

fn value_at(parsed: &Plan, checkpoint: Checkpoint) -> Option<Decimal> {
    parsed
        .iter()
        .find(|(c, _)| *c == checkpoint)
        .and_then(|(_, v)| *v)
}

fn e3_full_by_december(parsed: &Plan, out: &mut ProjectSink) {
    if let Some(dec) = value_at(parsed, Checkpoint::Dec).filter(|d| *d != Decimal::from(100)) {
        out.push(
            Code::E3,
            at(Checkpoint::Dec),
            format!(
                "12月底累计支出计划应为100%（当前 {}）。如确需跨年支付，请在资金用途中说明原因。",
                dec.normalize()
            ),
        );
    }
}

fn e4_october_and_deadlines(ctx: &ProjectContext, parsed: &Plan, out: &mut ProjectSink) {
    if value_at(parsed, Checkpoint::Oct) != Some(Decimal::from(100)) {
        return;
    }
    let budget_year = ctx.budget_year();
    let late_deadline = ctx.judged_rows().any(|(_, r)| {
        r.l2 == L2::Timeliness
            && matches!(&r.value, ParsedValue::Deadline(d)
                if d.month > 10 && d.month <= 12 && (d.year.is_none() || d.year == budget_year))
    });
    if late_deadline {
        out.push(
            Code::E4,
            at(Checkpoint::Oct),
            "资金支出计划与时效指标的完成时间不一致：10月底已支出100%，但有时效指标在10月以后完成，请核实。".into(),
        );
    }
}

fn e5_nothing_in_first_half(parsed: &Plan, out: &mut ProjectSink) {
    let zero = Some(Decimal::ZERO);
    if value_at(parsed, Checkpoint::Mar) == zero && value_at(parsed, Checkpoint::Jun) == zero {
        out.push(
            Code::E5,
            at(Checkpoint::Jun),
            "上半年计划支出为0，预算执行进度监控中可能被预警，请确认。".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::ProjectField as Field;
    use crate::core::model::{Checkpoint, Document, IndicatorField};

    fn with_plan(mar: &str, jun: &str, oct: &str, dec: &str) -> Document {
        let mut doc = sound_doc();
        let p = &mut doc.projects[0].spending_plan;
        (p.mar, p.jun, p.oct, p.dec) = (mar.into(), jun.into(), oct.into(), dec.into());
        doc
    }

    fn plan_at(c: Checkpoint) -> crate::core::findings::Location {
        at(Field::SpendingPlan(Some(c)))
    }

    #[test]
    fn e1_fires_on_each_empty_or_out_of_range_checkpoint() {
        let doc = with_plan("", "", "100%", "");
        assert_eq!(
            fires(&doc, "E1"),
            [
                plan_at(Checkpoint::Mar),
                plan_at(Checkpoint::Jun),
                plan_at(Checkpoint::Dec)
            ]
        );
        assert_eq!(
            findings(&doc, "E1")[0].message,
            "请填写「3月底」：截至3月底累计计划支出的百分比，0–100 的数字；未支出的节点填 0。"
        );
        // 12月底 is the whole year's share: the message says to type 100.
        assert!(findings(&doc, "E1")[2].message.contains("一般为 100"));
        assert_eq!(
            fires(&with_plan("101", "50", "80", "100"), "E1"),
            [plan_at(Checkpoint::Mar)]
        );
        assert_eq!(fires(&with_plan("0", "30%", "８０", "100"), "E1"), []);
    }

    #[test]
    fn e2_fires_when_the_plan_goes_down() {
        assert_eq!(
            fires(&with_plan("20", "10", "80", "100"), "E2"),
            [plan_at(Checkpoint::Jun)]
        );
        assert_eq!(fires(&with_plan("20", "20", "80", "100"), "E2"), []);
    }

    #[test]
    fn a_0_in_december_after_100_in_october_is_one_finding_that_says_100() {
        let doc = with_plan("0", "0", "100", "0");
        let all: Vec<_> = crate::core::rules::validate(&doc)
            .into_iter()
            .filter(|f| f.location == plan_at(Checkpoint::Dec))
            .collect();
        assert_eq!(all.len(), 2, "E2 and E3");
        assert_eq!(all[0].code.as_str(), "E2");
        assert!(all[0]
            .message
            .contains("12月底是全年累计支出比例，一般为 100"));
        assert_eq!(all[1].folded_under.map(|c| c.as_str()), Some("E2"));
    }

    #[test]
    fn e3_warns_when_december_is_not_100() {
        assert_eq!(
            fires(&with_plan("20", "50", "80", "90"), "E3"),
            [plan_at(Checkpoint::Dec)]
        );
        assert_eq!(fires(&with_plan("20", "50", "80", "100%"), "E3"), []);
    }

    #[test]
    fn e4_hints_when_october_is_full_but_a_deadline_is_later() {
        let mut doc = with_plan("20", "50", "100", "100");
        doc.projects[0].indicators[2].value = "2023年12月底前".into();
        assert_eq!(fires(&doc, "E4"), [plan_at(Checkpoint::Oct)]);
        *doc.projects[0].indicators[2].get_mut(IndicatorField::Value) = "2023年9月底前".into();
        assert_eq!(fires(&doc, "E4"), []);
    }

    #[test]
    fn e5_hints_at_nothing_spent_in_the_first_half() {
        assert_eq!(
            fires(&with_plan("0", "0", "80", "100"), "E5"),
            [plan_at(Checkpoint::Jun)]
        );
        assert_eq!(fires(&with_plan("0", "10", "80", "100"), "E5"), []);
    }
}
