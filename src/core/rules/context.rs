//! What the rules of one project share: each row's normalised text and parsed
//! 指标值, computed once per validation instead of once per rule.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;

use crate::core::model::{Indicator, Project};
use crate::core::normalise::{contains_any, normalise, trim};
use crate::core::value::{parse_normalised, ParsedValue};

/// A small, fast hasher for the few short strings of one project. SipHash's
/// guard against crafted keys buys nothing for a preparer's own rows and costs
/// more than the rule that uses it.
#[derive(Default)]
pub(crate) struct SmallHasher(u64);

impl Hasher for SmallHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<SmallHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<SmallHasher>>;

/// Text that says "nothing here" (A6).
pub(crate) const PLACEHOLDERS: [&str; 8] = ["无", "/", "／", "-", "—", "——", "不适用", "暂无"];

pub(crate) fn is_placeholder(trimmed: &str) -> bool {
    PLACEHOLDERS.contains(&trimmed)
}

/// 一级指标, recognised once per row so rules compare tags, not strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum L1 {
    Output,
    Effect,
    Satisfaction,
    Cost,
    Other,
}

/// 二级指标, likewise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum L2 {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    OtherCost,
    Satisfaction,
    Other,
}

fn level1_kind(level1: &str) -> L1 {
    match level1 {
        "产出指标" => L1::Output,
        "效益指标" => L1::Effect,
        "满意度指标" => L1::Satisfaction,
        "成本指标" => L1::Cost,
        _ => L1::Other,
    }
}

fn level2_kind(level2: &str) -> L2 {
    match level2 {
        "数量指标" => L2::Quantity,
        "质量指标" => L2::Quality,
        "时效指标" => L2::Timeliness,
        "成本指标" => L2::Cost,
        "经济成本指标" | "社会成本指标" | "生态环境成本指标" => L2::OtherCost,
        "服务对象满意度指标" => L2::Satisfaction,
        _ => L2::Other,
    }
}

pub(crate) struct RowFacts<'a> {
    pub l1: L1,
    pub l2: L2,
    pub row: &'a Indicator,
    pub level1: &'a str,
    pub level2: &'a str,
    /// 三级指标, normalised.
    pub name: Cow<'a, str>,
    /// 指标值, trimmed as typed (for messages).
    pub value_text: &'a str,
    /// 指标值, normalised (for comparing rows).
    pub value_norm: Cow<'a, str>,
    pub value: ParsedValue,
    /// 二级 is 成本指标, 经济成本指标, 社会成本指标 or 生态环境成本指标.
    pub is_cost: bool,
    /// 三级 contains 率, 比例, 占比 or 满意度.
    pub is_ratio: bool,
    /// 二级 is 服务对象满意度指标, or 三级 contains 满意.
    pub is_satisfaction: bool,
    pub value_is_placeholder: bool,
    pub name_is_placeholder: bool,
}

impl<'a> RowFacts<'a> {
    fn new(row: &'a Indicator) -> Self {
        let level2 = trim(&row.level2);
        let name = normalise(&row.name);
        let value_text = trim(&row.value);
        let value_norm = normalise(value_text);
        let value = if value_text.is_empty() {
            ParsedValue::Unmeasurable
        } else {
            parse_normalised(&value_norm)
        };
        let l2 = level2_kind(level2);
        RowFacts {
            l1: level1_kind(trim(&row.level1)),
            l2,
            row,
            level1: trim(&row.level1),
            level2,
            is_cost: matches!(l2, L2::Cost | L2::OtherCost),
            is_ratio: contains_any(&name, &["率", "比例", "占比", "满意度"]),
            is_satisfaction: l2 == L2::Satisfaction || name.contains("满意"),
            value_is_placeholder: is_placeholder(value_text),
            name_is_placeholder: is_placeholder(trim(&row.name)),
            name,
            value_text,
            value_norm,
            value,
        }
    }
}

pub(crate) struct ProjectContext<'a> {
    pub project: &'a Project,
    /// 预算年度 as typed, trimmed.
    pub year: &'a str,
    pub rows: Vec<RowFacts<'a>>,
    /// 预算数, when it is a number.
    pub total: Option<Decimal>,
}

impl<'a> ProjectContext<'a> {
    pub fn new(project: &'a Project, year: &'a str) -> Self {
        ProjectContext {
            project,
            year: year.trim(),
            rows: project.indicators.iter().map(RowFacts::new).collect(),
            total: parse_amount(&project.budget.total),
        }
    }

    pub fn budget_year(&self) -> Option<u32> {
        (self.year.len() == 4)
            .then(|| self.year.parse().ok())
            .flatten()
    }
}

/// An amount in 万元 as typed (`5.00`, `５`), or `None` when it is not a number.
pub(crate) fn parse_amount(text: &str) -> Option<Decimal> {
    let norm = normalise(text);
    if norm.is_empty()
        || !norm
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    norm.parse().ok()
}
