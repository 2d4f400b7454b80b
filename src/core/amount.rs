//! Amounts in 万元 and the spending plan's percentages: reading them as typed,
//! saying why one cannot be read, and writing them as format.md's canonical
//! decimals. One module, so the editor's live sum line, rule D1, the
//! department totals and the export all do the same arithmetic.

use rust_decimal::Decimal;

use super::normalise::normalise;

/// An amount in 万元 as typed (`5.00`, `５`, `-1`), or `None` when it is not a
/// number. Only digits, one decimal point and a leading minus are accepted:
/// `1,000` or `5万元` are refused, with [`amount_problem`] saying why.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let norm = normalise(text);
    let digits = norm.strip_prefix('-').unwrap_or(&norm);
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        || digits.starts_with('.')
    {
        return None;
    }
    norm.parse().ok()
}

/// Why an amount typed into a 万元 field is not a number, in words that say
/// what to type instead. `None` when it is a number (or empty).
pub fn amount_problem(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || parse_amount(trimmed).is_some() {
        return None;
    }
    let norm = normalise(trimmed);
    let shown = super::normalise::trim(text);
    // `5万元`, `5万`: the unit is already 万元.
    for unit in ["万元", "万"] {
        if let Some(number) = norm.strip_suffix(unit) {
            if parse_amount(number).is_some() {
                return Some(format!(
                    "金额只填数字，单位已是万元：「{shown}」请填 {number}。"
                ));
            }
        }
    }
    // `50000元`: in 元, not 万元.
    if let Some(number) = norm.strip_suffix('元') {
        if let Some(yuan) = parse_amount(&number.replace(',', "")) {
            let wan = (yuan / Decimal::from(10_000)).normalize();
            return Some(format!(
                "金额单位是万元，不是元：「{shown}」即 {wan} 万元，请填 {wan}。"
            ));
        }
    }
    // `50,000`: thousands separators.
    if norm.contains(',') {
        let bare = norm.replace(',', "");
        if parse_amount(&bare).is_some() {
            return Some(format!(
                "金额不用千分位逗号：「{shown}」请写成 {bare}（单位万元，如 5万元填 5）。"
            ));
        }
    }
    Some(format!(
        "「{}」不是数字。金额只填数字，单位万元，如 5 或 12.50。",
        super::normalise::quote(trimmed)
    ))
}

/// An amount as 万元 are written, with at least two decimals (`1.00`).
pub fn format_wan(amount: Decimal) -> String {
    let mut d = amount;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A 资金支出计划 checkpoint: a number from 0 to 100, a trailing `%` accepted.
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let norm = normalise(text);
    let digits = norm.strip_suffix('%').unwrap_or(&norm);
    if digits.is_empty()
        || digits.starts_with('.')
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let d: Decimal = digits.parse().ok()?;
    (d >= Decimal::ZERO && d <= Decimal::from(100)).then_some(d)
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
        format_wan(amount)
    }
}

/// An empty 财政资金 or 其他资金 counts as 0.
fn part(text: &str) -> Option<Decimal> {
    if text.trim().is_empty() {
        Some(Decimal::ZERO)
    } else {
        parse_amount(text)
    }
}

pub fn budget_sum(total: &str, fiscal: &str, other: &str) -> BudgetSum {
    let sum = part(fiscal)
        .zip(part(other))
        .and_then(|(f, o)| f.checked_add(o));
    let difference = sum
        .zip(parse_amount(total))
        .and_then(|(s, t)| t.checked_sub(s));
    BudgetSum { sum, difference }
}

/// The canonical text of an amount for an exported file (format.md: `"5.00"`),
/// when that changes nothing but the form: `5` → `5.00`, `５.5` → `5.50`. An
/// amount with more than two decimals, or not a number, stays as typed.
pub fn canonical_amount(text: &str) -> Option<String> {
    let d = parse_amount(text)?;
    (d.scale() <= 2).then(|| format_wan(d))
}

/// The canonical text of a checkpoint (format.md: `"100"`, `"37.5"`): `100%`
/// → `100`, `８０` → `80`; not a number from 0 to 100 stays as typed.
pub fn canonical_percent(text: &str) -> Option<String> {
    parse_percent(text).map(|d| d.normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_bare_numbers() {
        assert_eq!(parse_amount("5.00"), Some(Decimal::new(500, 2)));
        assert_eq!(parse_amount("５"), Some(Decimal::from(5)));
        assert_eq!(parse_amount("-1"), Some(Decimal::from(-1)));
        for bad in ["", "5万元", "1,000", "五万", ".5", "5.0.0"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_problem_says_what_to_type() {
        assert_eq!(
            amount_problem("5万元").as_deref(),
            Some("金额只填数字，单位已是万元：「5万元」请填 5。")
        );
        assert_eq!(
            amount_problem("50,000").as_deref(),
            Some("金额不用千分位逗号：「50,000」请写成 50000（单位万元，如 5万元填 5）。")
        );
        assert_eq!(
            amount_problem("50000元").as_deref(),
            Some("金额单位是万元，不是元：「50000元」即 5 万元，请填 5。")
        );
        assert!(amount_problem("五万").is_some_and(|m| m.contains("不是数字")));
        assert_eq!(amount_problem("5"), None);
        assert_eq!(amount_problem(""), None);
    }

    #[test]
    fn percentages_from_0_to_100() {
        assert_eq!(parse_percent("100%"), Some(Decimal::from(100)));
        assert_eq!(parse_percent("37.5"), Some(Decimal::new(375, 1)));
        assert_eq!(parse_percent("101"), None);
        assert_eq!(parse_percent("-1"), None);
    }

    #[test]
    fn canonical_forms_for_export() {
        assert_eq!(canonical_amount("5").as_deref(), Some("5.00"));
        assert_eq!(canonical_amount("5.5").as_deref(), Some("5.50"));
        assert_eq!(canonical_amount("5.125"), None);
        assert_eq!(canonical_percent("100%").as_deref(), Some("100"));
        assert_eq!(canonical_percent("37.50").as_deref(), Some("37.5"));
        assert_eq!(canonical_percent("x"), None);
    }

    #[test]
    fn the_sum_is_exact() {
        let s = budget_sum("0.3", "0.1", "0.2");
        assert_eq!(s.difference, Some(Decimal::ZERO));
        assert_eq!(
            budget_sum("5", "4.995", "").difference,
            Some(Decimal::new(5, 3))
        );
        assert_eq!(budget_sum("5", "x", "").sum, None);
    }
}
