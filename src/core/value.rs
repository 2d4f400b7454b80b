//! The grammar of 指标值 (rules.md): quant, deadline, duration or grade.
//!
//! A hand-written scanner over the normalised text, no regex: it is small in
//! wasm, fast enough for thousands of rows per keystroke, and it cannot panic
//! (every step works on whole `char`s and returns `None` when the text ends).

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::normalise::normalise;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

impl Comparator {
    fn from_char(c: char) -> Option<Self> {
        Some(match c {
            '≥' => Self::AtLeast,
            '≤' => Self::AtMost,
            '=' => Self::Equal,
            '>' => Self::Above,
            '<' => Self::Below,
            _ => return None,
        })
    }

    /// `≥` or `>`: a lower bound.
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Self::AtLeast | Self::Above)
    }

    /// `≤` or `<`: an upper bound.
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Self::AtMost | Self::Below)
    }
}

/// What a quantity is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// A bare number (`11`).
    None,
    Percent,
    /// 元, 万元, 元/件, 万元/公里.
    Money,
    /// A count word: 个 次 人 件 份 本 …
    Count,
    /// A physical measure: 公里 平方米 吨 …
    Measure,
    /// A length of time: 天 小时 工作日 个月 年 …
    Time,
}

/// `[cmp] number [scale] [unit]`, with any other words kept apart (rule B10).
#[derive(Clone, Debug, PartialEq)]
pub struct Quant {
    pub comparator: Option<Comparator>,
    pub number: Decimal,
    /// Digits after the decimal point, as typed.
    pub decimals: usize,
    /// 万, 千 or 亿.
    pub scale: Option<char>,
    /// The unit as written after the scale: `%`, `元/件`, `份`, `个工作日`.
    pub unit: String,
    pub kind: UnitKind,
    /// Money per something (`元/件`): a unit cost, not a total.
    pub per_unit: bool,
    /// Text that is neither comparator, number, scale nor unit (`免费复印`).
    pub words: String,
}

impl Quant {
    fn scale_factor(&self) -> Decimal {
        match self.scale {
            Some('千') => Decimal::from(1_000),
            Some('万') => Decimal::from(10_000),
            Some('亿') => Decimal::from(100_000_000),
            _ => Decimal::ONE,
        }
    }

    /// The number with its scale applied (`25万` → 250000); `None` on overflow.
    pub fn scaled(&self) -> Option<Decimal> {
        self.number.checked_mul(self.scale_factor())
    }

    /// A total amount of money in 万元 (`≤1.2万元` → 1.2, `≤5000元` → 0.5);
    /// `None` for per-unit money and anything that is not money.
    pub fn amount_in_wan(&self) -> Option<Decimal> {
        if self.kind != UnitKind::Money || self.per_unit {
            return None;
        }
        self.scaled()?.checked_div(Decimal::from(10_000))
    }

    /// A length of time with nothing else: the grammar's `duration`.
    pub fn is_duration(&self) -> bool {
        self.kind == UnitKind::Time && self.words.is_empty()
    }

    /// Whether two quantities are in the same unit family, so their numbers compare.
    pub fn same_family(&self, other: &Quant) -> bool {
        match (self.kind, other.kind) {
            (UnitKind::Percent, UnitKind::Percent) => true,
            (UnitKind::Money, UnitKind::Money) => self.per_unit == other.per_unit,
            (UnitKind::None, _) | (_, UnitKind::None) => false,
            (a, b) => a == b && self.unit == other.unit,
        }
    }

    /// The quantity as a person reads it: `25万份`.
    pub fn display(&self) -> String {
        let mut s = self.number.to_string();
        if let Some(c) = self.scale {
            s.push(c);
        }
        s.push_str(&self.unit);
        s
    }
}

/// `[≤] [YYYY年] M月(底|末|D日)[前]` or `YYYY-MM-DD[前]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub year: Option<u32>,
    pub month: u32,
    pub day: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParsedValue {
    Quant(Quant),
    Deadline(Deadline),
    Grade,
    /// Fits none of the forms (rule B2, or B3 for a slogan).
    Unmeasurable,
}

impl ParsedValue {
    pub fn quant(&self) -> Option<&Quant> {
        match self {
            ParsedValue::Quant(q) => Some(q),
            _ => None,
        }
    }

    pub fn is_percent(&self) -> bool {
        self.quant().is_some_and(|q| q.kind == UnitKind::Percent)
    }
}

/// The qualitative grades 285号 allows where a value cannot be quantified.
pub const GRADES: [&str; 24] = [
    "达到预期",
    "达成年度指标",
    "明显提升",
    "有所提升",
    "显著提高",
    "持续改善",
    "逐步改善",
    "稳步提升",
    "有效保障",
    "优",
    "良",
    "中",
    "差",
    "好",
    "较好",
    "一般",
    "合格",
    "达标",
    "符合标准",
    "按计划完成",
    "是",
    "否",
    "长期",
    "中长期",
];

const COUNT_WORDS: &[&str] = &[
    "人次", "台次", "户次", "家次", "个", "次", "人", "名", "件", "份", "本", "册", "张", "篇",
    "场", "期", "户", "家", "所", "台", "套", "项", "条", "处", "座", "间", "辆", "具", "批", "起",
    "例", "宗", "单", "部", "支", "只", "头", "株", "棵", "块", "盏", "栋", "幢", "卷", "幅", "门",
    "类", "种", "节", "课", "班", "组", "队", "村", "镇", "所次", "笔", "封", "盒", "箱", "袋",
    "瓶", "对",
];

const TIME_UNITS: &[&str] = &[
    "个工作日",
    "工作日",
    "个小时",
    "小时",
    "个月",
    "分钟",
    "天",
    "日",
    "周",
    "年",
    "秒",
    "月",
];

const MEASURES: &[&str] = &[
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "公里",
    "千米",
    "千克",
    "公斤",
    "公顷",
    "千瓦",
    "米",
    "亩",
    "吨",
    "克",
    "升",
    "度",
    "km²",
    "km",
    "m²",
    "m³",
    "m2",
    "m3",
    "kg",
    "kw",
    "kW",
    "t",
    "m",
    "GB",
    "TB",
    "MB",
    "Mbps",
    "M",
];

/// Parses a 指标值 as typed. Never panics, for any input.
pub fn parse_value(raw: &str) -> ParsedValue {
    parse_normalised(&normalise(raw))
}

/// Parses text that has been through [`normalise`].
pub fn parse_normalised(norm: &str) -> ParsedValue {
    let text = norm.trim_end_matches(['。', '；', ';']);
    if text.is_empty() {
        return ParsedValue::Unmeasurable;
    }
    if GRADES.contains(&text) {
        return ParsedValue::Grade;
    }
    if let Some(d) = parse_deadline(text) {
        return ParsedValue::Deadline(d);
    }
    match parse_quant(text) {
        Some(q) => ParsedValue::Quant(q),
        None => ParsedValue::Unmeasurable,
    }
}

/// A cursor over the normalised text, one `char` at a time.
struct Scan<'a> {
    rest: &'a str,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    fn eat(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(after) => {
                self.rest = after;
                true
            }
            None => false,
        }
    }

    /// `前`, `之前` or `以前` after a deadline.
    fn eat_before_word(&mut self) {
        let _ = self.eat("之前") || self.eat("以前") || self.eat("前");
    }

    /// Digits only; `None` when there are none.
    fn digits(&mut self) -> Option<&'a str> {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        if end == 0 {
            return None;
        }
        let (d, after) = self.rest.split_at(end);
        self.rest = after;
        Some(d)
    }

    /// `digits [, ddd]* [. digits]` → (value, decimals).
    fn number(&mut self) -> Option<(Decimal, usize)> {
        let start = self.rest;
        let mut text = self.digits()?.to_string();
        // Thousands separators: `25,000`.
        while let Some(after) = self.rest.strip_prefix(',') {
            let group_len = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            if group_len != 3 {
                break;
            }
            text.push_str(&after[..3]);
            self.rest = &after[3..];
        }
        let mut decimals = 0;
        if let Some(after) = self.rest.strip_prefix('.') {
            let mut s = Scan { rest: after };
            if let Some(frac) = s.digits() {
                text.push('.');
                text.push_str(frac);
                decimals = frac.len();
                self.rest = s.rest;
            }
        }
        match Decimal::from_str(&text) {
            Ok(d) => Some((d, decimals)),
            Err(_) => {
                self.rest = start;
                None
            }
        }
    }
}

fn parse_deadline(text: &str) -> Option<Deadline> {
    let mut s = Scan { rest: text };
    s.eat("≤");
    if s.eat("年底") || s.eat("年末") {
        s.eat_before_word();
        return s.rest.is_empty().then_some(Deadline {
            year: None,
            month: 12,
            day: None,
        });
    }
    let first = s.digits()?;
    let parse = |d: &str| d.parse::<u32>().ok();
    let deadline = if first.len() == 4 && (s.peek() == Some('-') || s.peek() == Some('.')) {
        // YYYY-MM-DD
        let sep = s.bump()?;
        let month = parse(s.digits()?)?;
        if s.bump()? != sep {
            return None;
        }
        let day = parse(s.digits()?)?;
        Deadline {
            year: parse(first),
            month,
            day: Some(day),
        }
    } else {
        let (year, month) = if s.eat("年") {
            if first.len() != 4 {
                return None;
            }
            (parse(first), parse(s.digits()?)?)
        } else {
            (None, parse(first)?)
        };
        if !s.eat("月") {
            return None;
        }
        let day = if s.eat("底") || s.eat("末") || s.eat("份") {
            None
        } else if let Some(d) = s.digits() {
            if !(s.eat("日") || s.eat("号")) {
                return None;
            }
            parse(d)
        } else {
            None // `12月前`: the end of that month
        };
        Deadline { year, month, day }
    };
    s.eat_before_word();
    s.rest.is_empty().then_some(deadline)
}

fn parse_quant(text: &str) -> Option<Quant> {
    let start = text.find(|c: char| c.is_ascii_digit() || Comparator::from_char(c).is_some())?;
    let prefix = &text[..start];
    let mut s = Scan {
        rest: &text[start..],
    };
    let mut comparator = None;
    if let Some(c) = s.peek().and_then(Comparator::from_char) {
        s.bump();
        comparator = Some(c);
    }
    let (number, decimals) = s.number()?;
    let (scale, unit, kind, per_unit) = scan_unit(&mut s);
    let mut suffix = s.rest;
    // `95%以上`, `5个工作日以内`: the comparator written after the number.
    if comparator.is_none() {
        for (word, cmp) in [
            ("及以上", Comparator::AtLeast),
            ("以上", Comparator::AtLeast),
            ("以内", Comparator::AtMost),
            ("之内", Comparator::AtMost),
            ("以下", Comparator::AtMost),
            ("内", Comparator::AtMost),
        ] {
            if suffix == word {
                comparator = Some(cmp);
                suffix = "";
                break;
            }
        }
    }
    let mut words = String::with_capacity(prefix.len() + suffix.len());
    words.push_str(prefix);
    words.push_str(suffix);
    Some(Quant {
        comparator,
        number,
        decimals,
        scale,
        unit,
        kind,
        per_unit,
        words,
    })
}

/// Unit words by their first character, longest first: one hash lookup per unit
/// instead of a hundred string comparisons (this runs for every row on every
/// keystroke).
fn unit_table() -> &'static HashMap<char, Vec<(&'static str, UnitKind)>> {
    static TABLE: OnceLock<HashMap<char, Vec<(&'static str, UnitKind)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<char, Vec<(&'static str, UnitKind)>> = HashMap::new();
        for (words, kind) in [
            (TIME_UNITS, UnitKind::Time),
            (COUNT_WORDS, UnitKind::Count),
            (MEASURES, UnitKind::Measure),
        ] {
            for w in words {
                if let Some(c) = w.chars().next() {
                    table.entry(c).or_default().push((w, kind));
                }
            }
        }
        for list in table.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        table
    })
}

/// The longest unit word at the start of `text`: 工作日 before 日, 人次 before 人.
fn longest_unit(text: &str) -> Option<(&'static str, UnitKind)> {
    let c = text.chars().next()?;
    unit_table()
        .get(&c)?
        .iter()
        .find(|(w, _)| text.starts_with(w))
        .copied()
}

/// `[scale] [unit]` after a number.
fn scan_unit(s: &mut Scan) -> (Option<char>, String, UnitKind, bool) {
    // A measure that starts like a scale (千克, 千米) is a unit, not 千 × 克.
    if let Some((m, UnitKind::Measure)) = longest_unit(s.rest) {
        s.rest = &s.rest[m.len()..];
        return (None, m.to_string(), UnitKind::Measure, false);
    }
    let mut scale = None;
    if let Some(c @ ('万' | '千' | '亿')) = s.peek() {
        s.bump();
        scale = Some(c);
    }
    if s.eat("%") {
        return (scale, "%".to_string(), UnitKind::Percent, false);
    }
    if s.eat("元") {
        let mut unit = String::from("元");
        let mut per_unit = false;
        if s.eat("/") || s.eat("每") {
            let end = s
                .rest
                .find(|c: char| c.is_ascii_digit() || "，,。;；、()（）≥≤=<>".contains(c))
                .unwrap_or(s.rest.len());
            if end > 0 {
                unit.push('/');
                unit.push_str(&s.rest[..end]);
                s.rest = &s.rest[end..];
                per_unit = true;
            }
        }
        return (scale, unit, UnitKind::Money, per_unit);
    }
    match longest_unit(s.rest) {
        Some((w, kind)) => {
            s.rest = &s.rest[w.len()..];
            (scale, w.to_string(), kind, false)
        }
        None => (scale, String::new(), UnitKind::None, false),
    }
}

/// Every number with a unit in free text (a 绩效指标描述), for comparing it with
/// the 指标值 (rule C10). Years and dates (`2023年`, `6月`, `30日`) are skipped.
pub fn quantities_in(text: &str) -> Vec<Quant> {
    // Most descriptions state no number at all: then there is nothing to scan.
    if !crate::core::normalise::has_digit(text) {
        return Vec::new();
    }
    let norm = normalise(text);
    let mut found = Vec::new();
    let mut s = Scan { rest: &norm };
    let mut previous: Option<char> = None;
    while let Some(c) = s.peek() {
        let starts_number = c.is_ascii_digit()
            && !previous.is_some_and(|p| p.is_ascii_digit() || p == '.' || p == ',');
        if !starts_number {
            previous = s.bump();
            continue;
        }
        let before = s.rest;
        let Some((number, decimals)) = s.number() else {
            previous = s.bump();
            continue;
        };
        let digits_len = before.len() - s.rest.len();
        let is_date = (s.rest.starts_with('年') && digits_len == 4 && decimals == 0)
            || s.rest.starts_with('月')
            || s.rest.starts_with('日') && !s.rest.starts_with("日元");
        let (scale, unit, kind, per_unit) = scan_unit(&mut s);
        if !is_date && kind != UnitKind::None {
            found.push(Quant {
                comparator: None,
                number,
                decimals,
                scale,
                unit,
                kind,
                per_unit,
                words: String::new(),
            });
        }
        previous = before[..before.len() - s.rest.len()].chars().last();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn quant(text: &str) -> Quant {
        match parse_value(text) {
            ParsedValue::Quant(q) => q,
            other => panic!("{text} parsed as {other:?}"),
        }
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_with_comparators() {
        let q = quant("≥95%");
        assert_eq!(q.comparator, Some(Comparator::AtLeast));
        assert_eq!(q.number, dec("95"));
        assert_eq!(q.kind, UnitKind::Percent);
        assert!(q.words.is_empty());
        assert_eq!(quant("＞＝９５％"), q);
        assert_eq!(quant("不低于95%"), q);
        assert_eq!(quant("95%以上"), q);
    }

    #[test]
    fn money_in_wan_and_per_unit() {
        let q = quant("≤1.2万元");
        assert_eq!(q.kind, UnitKind::Money);
        assert_eq!(q.amount_in_wan(), Some(dec("1.2")));
        assert_eq!(q.decimals, 1);
        let q = quant("≤5000元");
        assert_eq!(q.amount_in_wan(), Some(dec("0.5")));
        let q = quant("≤50元/件");
        assert!(q.per_unit);
        assert_eq!(q.unit, "元/件");
        assert_eq!(q.amount_in_wan(), None);
        assert_eq!(quant("≤120元每件").unit, "元/件");
    }

    #[test]
    fn counts_scales_and_words() {
        let q = quant("700本");
        assert_eq!((q.kind, q.comparator), (UnitKind::Count, None));
        let q = quant("免费复印25万份");
        assert_eq!(q.scale, Some('万'));
        assert_eq!(q.scaled(), Some(dec("250000")));
        assert_eq!(q.unit, "份");
        assert_eq!(q.words, "免费复印");
        assert_eq!(quant("=12人次").unit, "人次");
        assert_eq!(quant("25,000份").number, dec("25000"));
    }

    #[test]
    fn bare_numbers_have_no_unit() {
        let q = quant("11");
        assert_eq!((q.kind, q.comparator), (UnitKind::None, None));
        assert_eq!(quant("≥95").kind, UnitKind::None);
    }

    #[test]
    fn durations_and_measures() {
        let q = quant("≤5个工作日");
        assert!(q.is_duration());
        assert_eq!(q.unit, "个工作日");
        assert!(quant("3个月").is_duration());
        assert!(quant("≤2小时").is_duration());
        assert_eq!(quant("≥3.5公里").kind, UnitKind::Measure);
        assert_eq!(quant("≥20千克").unit, "千克");
        assert_eq!(quant("≥20千克").scale, None);
    }

    #[test]
    fn deadlines() {
        assert_eq!(
            parse_value("2023年6月底前"),
            ParsedValue::Deadline(Deadline {
                year: Some(2023),
                month: 6,
                day: None
            })
        );
        assert_eq!(
            parse_value("≤12月底"),
            ParsedValue::Deadline(Deadline {
                year: None,
                month: 12,
                day: None
            })
        );
        assert_eq!(
            parse_value("2023-11-30前"),
            ParsedValue::Deadline(Deadline {
                year: Some(2023),
                month: 11,
                day: Some(30)
            })
        );
        assert_eq!(
            parse_value("2023年12月31日前"),
            ParsedValue::Deadline(Deadline {
                year: Some(2023),
                month: 12,
                day: Some(31)
            })
        );
        assert!(matches!(parse_value("2023年13月底"), ParsedValue::Deadline(d) if d.month == 13));
    }

    #[test]
    fn grades() {
        for g in ["好", "明显提升", "达标", "是", "中长期"] {
            assert_eq!(parse_value(g), ParsedValue::Grade, "{g}");
        }
        assert_eq!(parse_value("好。"), ParsedValue::Grade);
    }

    #[test]
    fn what_cannot_be_measured() {
        for v in [
            "创造良好营商环境",
            "成本控制",
            "",
            "≥",
            "分情况转办、领办或代办",
            "百分之九十五",
        ] {
            assert_eq!(parse_value(v), ParsedValue::Unmeasurable, "{v}");
        }
    }

    #[test]
    fn quantities_in_a_description() {
        let found = quantities_in("为群众提供免费邮寄206份");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].display(), "206份");
        assert!(quantities_in("2023年6月30日完成").is_empty());
        let found = quantities_in("全年办件量不少于1.5万件，满意度95%");
        assert_eq!(
            found.iter().map(Quant::display).collect::<Vec<_>>(),
            ["1.5万件", "95%"]
        );
    }
}
