//! E. 资金支出计划: the cumulative share of the budget planned to be spent by
//! each checkpoint (河北双监控).

use rust_decimal::Decimal;

use super::context::{ProjectContext, L2};
use super::Sink;
use crate::core::findings::Field;
use crate::core::model::Checkpoint;
use crate::core::normalise::normalise;
use crate::core::value::ParsedValue;

/// A checkpoint as a number from 0 to 100; a trailing `%` is accepted.
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let norm = normalise(text);
    let digits = norm.strip_suffix('%').unwrap_or(&norm);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let d: Decimal = digits.parse().ok()?;
    (d >= Decimal::ZERO && d <= Decimal::from(100)).then_some(d)
}

pub(super) fn check(ctx: &ProjectContext, out: &mut Sink) {
    let plan = &ctx.project.spending_plan;
    let parsed: Vec<(Checkpoint, Option<Decimal>)> = Checkpoint::ALL
        .iter()
        .map(|&c| (c, parse_percent(plan.get(c))))
        .collect();
    e1_checkpoint(&parsed, out);
    e2_cumulative(&parsed, out);
    e3_full_by_december(&parsed, out);
    e4_october_and_deadlines(ctx, &parsed, out);
    e5_nothing_in_first_half(&parsed, out);
}

fn e1_checkpoint(parsed: &[(Checkpoint, Option<Decimal>)], out: &mut Sink) {
    for (c, value) in parsed {
        if value.is_none() {
            out.push(
                "E1",
                Field::SpendingPlan(Some(*c)),
                format!(
                    "资金支出计划「{}」未填写或不是0–100之间的数字（未支出的节点请填0）。",
                    c.label()
                ),
            );
        }
    }
}

fn e2_cumulative(parsed: &[(Checkpoint, Option<Decimal>)], out: &mut Sink) {
    let mut highest: Option<Decimal> = None;
    for (c, value) in parsed {
        let Some(v) = value else { continue };
        if highest.is_some_and(|h| *v < h) {
            out.push(
                "E2",
                Field::SpendingPlan(Some(*c)),
                "资金支出计划为累计进度，后一节点不能小于前一节点。".into(),
            );
        }
        highest = Some(highest.map_or(*v, |h| h.max(*v)));
    }
}

fn value_at(parsed: &[(Checkpoint, Option<Decimal>)], checkpoint: Checkpoint) -> Option<Decimal> {
    parsed
        .iter()
        .find(|(c, _)| *c == checkpoint)
        .and_then(|(_, v)| *v)
}

fn e3_full_by_december(parsed: &[(Checkpoint, Option<Decimal>)], out: &mut Sink) {
    if value_at(parsed, Checkpoint::Dec).is_some_and(|d| d != Decimal::from(100)) {
        out.push(
            "E3",
            Field::SpendingPlan(Some(Checkpoint::Dec)),
            "12月底累计支出计划应为100%。如确需跨年支付，请在资金用途中说明原因。".into(),
        );
    }
}

fn e4_october_and_deadlines(
    ctx: &ProjectContext,
    parsed: &[(Checkpoint, Option<Decimal>)],
    out: &mut Sink,
) {
    if value_at(parsed, Checkpoint::Oct) != Some(Decimal::from(100)) {
        return;
    }
    let budget_year = ctx.budget_year();
    let late_deadline = ctx.rows.iter().any(|r| {
        r.l2 == L2::Timeliness
            && matches!(&r.value, ParsedValue::Deadline(d)
                if d.month > 10 && d.month <= 12 && (d.year.is_none() || d.year == budget_year))
    });
    if late_deadline {
        out.push(
            "E4",
            Field::SpendingPlan(Some(Checkpoint::Oct)),
            "资金支出计划与时效指标的完成时间不一致，请核实。".into(),
        );
    }
}

fn e5_nothing_in_first_half(parsed: &[(Checkpoint, Option<Decimal>)], out: &mut Sink) {
    let zero = Some(Decimal::ZERO);
    if value_at(parsed, Checkpoint::Mar) == zero && value_at(parsed, Checkpoint::Jun) == zero {
        out.push(
            "E5",
            Field::SpendingPlan(Some(Checkpoint::Jun)),
            "上半年计划支出为0，预算执行进度监控中可能被预警，请确认。".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::Field;
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
            "资金支出计划「3月底」未填写或不是0–100之间的数字（未支出的节点请填0）。"
        );
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
