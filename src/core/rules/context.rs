//! What the rules of one project share: each row's normalised text and parsed
//! 指标值, computed once per validation instead of once per rule.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;

pub(crate) use crate::core::amount::parse_amount;
use crate::core::model::{Indicator, IndicatorField, Project};
pub(crate) use crate::core::normalise::quote;
use crate::core::normalise::{contains_any, normalise, trim};
use crate::core::value::{parse_normalised, ParsedValue, UnitKind};

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

/// Text that says "nothing here" (A6, A10).
pub(crate) const PLACEHOLDERS: [&str; 10] = [
    "无",
    "/",
    "／",
    "-",
    "—",
    "——",
    "不适用",
    "暂无",
    "无依据",
    "略",
];

pub(crate) fn is_placeholder(trimmed: &str) -> bool {
    PLACEHOLDERS.contains(&trimmed)
}

/// A slot of the 指标库 left in place (`{N}`, `{对象}`, `{YYYY}`, `{M}`), A12:
/// a brace, one to six characters of a word, a brace.
pub(crate) fn library_slot(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let inner = &after[..close];
            let n = inner.chars().count();
            if (1..=6).contains(&n) && inner.chars().all(char::is_alphanumeric) {
                return Some(&rest[open..open + close + 2]);
            }
        }
        rest = after;
    }
    None
}

/// The verbs a slogan starts with (B3, B12, C17).
pub(crate) const SLOGAN_VERBS: [&str; 19] = [
    "创造", "营造", "打造", "推进", "推动", "促进", "加强", "提升", "提高", "优化", "确保", "保障",
    "维护", "实现", "构建", "建立", "助力", "服务", "满足",
];

/// Words that make a 三级指标 name something countable (C17, B12).
const COUNTABLE: [&str; 15] = [
    "率", "数", "量", "次", "人", "时间", "时限", "成本", "费用", "金额", "面积", "长度", "满意",
    "比例", "覆盖",
];

/// A 三级指标 that is a slogan: a slogan verb first and nothing countable named.
pub(crate) fn is_slogan_name(name: &str) -> bool {
    SLOGAN_VERBS.iter().any(|v| name.starts_with(v)) && !contains_any(name, &COUNTABLE)
}

/// A ratio indicator (rules.md): its 三级 contains 率, 比例, 占比, 比重, 满意度
/// or `%`. 频率 is not one: `数据备份频率` is answered `1次/日`, a frequency.
pub(crate) fn is_ratio_name(name: &str) -> bool {
    if contains_any(name, &["比例", "占比", "比重", "满意度", "%"]) {
        return true;
    }
    name.match_indices('率').any(|(i, _)| {
        let before = name[..i].chars().next_back();
        before != Some('频')
    })
}

/// `实施营造林总面积(亩)`, `结案率（%）`: a unit in brackets at the end of a 三级指标.
fn unit_in_brackets(name: &str) -> Option<&str> {
    let body = name.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let unit = &body[open + 1..];
    let n = unit.chars().count();
    ((1..=6).contains(&n) && !unit.chars().any(|c| c.is_ascii_digit())).then_some(unit)
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

/// What the rules read of one row, computed from its cells alone: its
/// normalised text, its parsed 指标值 and its kind. Owned, so the editor can
/// keep it per row and compute it again only for the row a keystroke changed
/// (see [`PreparedRow`]).
#[derive(Debug)]
pub(crate) struct RowDerived {
    pub l1: L1,
    pub l2: L2,
    /// 三级指标, normalised.
    pub name: String,
    /// 指标值, normalised (for comparing rows).
    pub value_norm: String,
    /// The value as the rules read it: with the unit the 三级 names in
    /// brackets (`(亩)`: `80000` is 80000亩) and, on a cost row, a bare `万`
    /// as 万元.
    pub value: ParsedValue,
    /// 二级 is 成本指标, 经济成本指标, 社会成本指标 or 生态环境成本指标.
    pub is_cost: bool,
    /// 三级 contains 率, 比例, 占比, 比重, 满意度 or `%`.
    pub is_ratio: bool,
    /// 二级 is 服务对象满意度指标, or 三级 contains 满意.
    pub is_satisfaction: bool,
    pub value_is_placeholder: bool,
    pub name_is_placeholder: bool,
    /// A 指标库 slot is still in one of its cells (A12): the row is a library
    /// example not yet made the preparer's own, so no other row rule judges it.
    pub has_slot: bool,
}

impl RowDerived {
    pub(crate) fn of(row: &Indicator) -> Self {
        let level2 = trim(&row.level2);
        let name = normalise(&row.name).into_owned();
        let value_text = trim(&row.value);
        let value_norm = normalise(value_text).into_owned();
        let l2 = level2_kind(level2);
        let is_cost = matches!(l2, L2::Cost | L2::OtherCost);
        let mut value = if value_text.is_empty() {
            ParsedValue::Unmeasurable
        } else {
            parse_normalised(&value_norm)
        };
        if let ParsedValue::Quant(q) = &value {
            if q.kind == UnitKind::None && q.scale.is_none() {
                if let Some(unit) = unit_in_brackets(&name) {
                    let with_unit = format!("{value_norm}{unit}");
                    if let ParsedValue::Quant(q) = parse_normalised(&with_unit) {
                        if q.kind != UnitKind::None && q.words.is_empty() {
                            value = ParsedValue::Quant(q);
                        }
                    }
                }
            }
        }
        if let ParsedValue::Quant(q) = &mut value {
            if is_cost && q.kind == UnitKind::None && q.scale == Some('万') {
                q.kind = UnitKind::Money;
                q.unit = "元".into();
            }
        }
        let has_slot = IndicatorField::ALL
            .iter()
            .any(|f| library_slot(row.get(*f)).is_some());
        RowDerived {
            l1: level1_kind(trim(&row.level1)),
            l2,
            is_cost,
            is_ratio: is_ratio_name(&name),
            is_satisfaction: l2 == L2::Satisfaction || name.contains("满意"),
            value_is_placeholder: is_placeholder(value_text),
            name_is_placeholder: is_placeholder(trim(&row.name)),
            has_slot,
            name,
            value_norm,
            value,
        }
    }
}

/// A row as a rule sees it: its cells, and what was derived from them
/// (reached through `Deref`, so a rule writes `r.value`, `r.name`).
pub(crate) struct RowFacts<'a> {
    pub row: &'a Indicator,
    pub level1: &'a str,
    pub level2: &'a str,
    /// 指标值, trimmed as typed (for messages).
    pub value_text: &'a str,
    derived: &'a RowDerived,
}

impl std::ops::Deref for RowFacts<'_> {
    type Target = RowDerived;

    fn deref(&self) -> &RowDerived {
        self.derived
    }
}

impl<'a> RowFacts<'a> {
    fn new(row: &'a Indicator, derived: &'a RowDerived) -> Self {
        RowFacts {
            row,
            level1: trim(&row.level1),
            level2: trim(&row.level2),
            value_text: trim(&row.value),
            derived,
        }
    }

    /// A quantity with no unit at all (and none from the 三级's brackets).
    pub fn lacks_unit(&self) -> bool {
        self.value
            .quant()
            .is_some_and(|q| q.kind == UnitKind::None && q.scale.is_none())
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
    /// `project`'s head fields with `rows` (a row's cells and what was
    /// derived from them); the rules read no row of `project` itself.
    pub fn new(
        project: &'a Project,
        rows: impl Iterator<Item = (&'a Indicator, &'a RowDerived)>,
        year: &'a str,
    ) -> Self {
        ProjectContext {
            project,
            year: year.trim(),
            rows: rows
                .map(|(row, derived)| RowFacts::new(row, derived))
                .collect(),
            total: parse_amount(&project.budget.total),
        }
    }

    pub fn budget_year(&self) -> Option<u32> {
        (self.year.len() == 4)
            .then(|| self.year.parse().ok())
            .flatten()
    }

    /// An example deadline for messages, in the draft's own year: `2023年6月底前`.
    pub fn example_deadline(&self) -> String {
        match self.budget_year() {
            Some(y) => format!("{y}年6月底前"),
            None => "6月底前".to_string(),
        }
    }

    /// The rows that are not library examples still waiting for their slots.
    pub fn judged_rows(&self) -> impl Iterator<Item = (usize, &RowFacts<'a>)> {
        self.rows.iter().enumerate().filter(|(_, r)| !r.has_slot)
    }
}

/// `第1–3、5、7–9行`: rows (0-based, ascending) as a reader counts them.
pub(crate) fn row_ranges(rows: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(match j - i {
            0 => format!("{}", rows[i] + 1),
            1 => format!("{}、{}", rows[i] + 1, rows[j] + 1),
            _ => format!("{}–{}", rows[i] + 1, rows[j] + 1),
        });
        i = j + 1;
    }
    format!("第{}行", parts.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_found_and_plain_braces_are_not() {
        assert_eq!(library_slot("≥{N}人次"), Some("{N}"));
        assert_eq!(library_slot("{对象}培训人次"), Some("{对象}"));
        assert_eq!(library_slot("{YYYY}年{M}月底前"), Some("{YYYY}"));
        assert_eq!(library_slot("{ }"), None);
        assert_eq!(library_slot("{很长的一段说明文字呢}"), None);
        assert_eq!(library_slot("无花括号"), None);
    }

    #[test]
    fn row_ranges_read_like_a_person_writes_them() {
        assert_eq!(row_ranges(&[0, 1, 2, 3, 4, 5, 6, 7, 8]), "第1–9行");
        assert_eq!(row_ranges(&[0, 1, 4, 6, 7, 8]), "第1、2、5、7–9行");
        assert_eq!(row_ranges(&[2]), "第3行");
    }

    #[test]
    fn ratios_but_not_frequencies_or_efficiency() {
        assert!(is_ratio_name("结案率"));
        assert!(is_ratio_name("办件效率及满意度"));
        assert!(is_ratio_name("资金占比"));
        assert!(!is_ratio_name("数据备份频率"));
        assert!(is_ratio_name("生产效率"), "the seed's ≥100% is B6");
    }

    #[test]
    fn a_unit_in_brackets_is_read_from_the_name() {
        assert_eq!(unit_in_brackets("实施营造林总面积(亩)"), Some("亩"));
        assert_eq!(unit_in_brackets("结案率(%)"), Some("%"));
        assert_eq!(
            unit_in_brackets("农村公路养护成本(万元/公里)"),
            Some("万元/公里")
        );
        assert_eq!(unit_in_brackets("办件量"), None);
    }
}
