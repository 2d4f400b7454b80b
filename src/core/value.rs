//! The grammar of 指标值 (rules.md 1.1): quant, deadline, period, duration,
//! frequency or grade, possibly with a few words around it.
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
    /// `±3%`: a tolerance, read as an upper bound on the deviation.
    Tolerance,
}

impl Comparator {
    fn from_char(c: char) -> Option<Self> {
        Some(match c {
            '≥' => Self::AtLeast,
            '≤' => Self::AtMost,
            '=' => Self::Equal,
            '>' => Self::Above,
            '<' => Self::Below,
            '±' => Self::Tolerance,
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

    pub fn sign(self) -> char {
        match self {
            Self::AtLeast => '≥',
            Self::AtMost => '≤',
            Self::Equal => '=',
            Self::Above => '>',
            Self::Below => '<',
            Self::Tolerance => '±',
        }
    }
}

/// What a quantity is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// A bare number (`11`).
    None,
    Percent,
    /// 元, 万元, 亿元, 元/件, 万元/公里.
    Money,
    /// A count word: 个 次 人 件 份 本 …
    Count,
    /// A physical measure: 公里 平方米 吨 …
    Measure,
    /// A length of time: 天 小时 工作日 个月 年 …
    Time,
    /// How often: `1次/月`, `≥2次/年` (not a count).
    Frequency,
    /// Any other unit word of up to 4 characters (`兆瓦`, `分`).
    Other,
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
    /// The unit as written after the scale: `%`, `元/件`, `份`, `个工作日`, `次/月`.
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

/// `[≤] [YYYY年] M月[底|末|D日][前]`, `YYYY年底`, `YYYY-MM-DD`, `YYYY.M.D`, or a
/// period read as its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub year: Option<u32>,
    pub month: u32,
    pub day: Option<u32>,
    /// Text around the date (`到位` in `12月底到位`).
    pub words: String,
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

    /// The words around the value (B10), if it has any.
    pub fn words(&self) -> &str {
        match self {
            ParsedValue::Quant(q) => &q.words,
            ParsedValue::Deadline(d) => &d.words,
            _ => "",
        }
    }
}

/// The qualitative grades 285号 allows where a value cannot be quantified.
pub const GRADES: [&str; 25] = [
    "达到预期",
    "达成年度指标",
    "按计划完成",
    "按计划实施",
    "按期完成",
    "有效保障",
    "符合标准",
    "达到要求",
    "达标",
    "合格",
    "优",
    "良",
    "中",
    "差",
    "好",
    "较好",
    "优良",
    "良好",
    "一般",
    "是",
    "否",
    "长期",
    "中长期",
    "优秀",
    "完成",
];

/// The graded-change grades: `(明显|显著|…)(提升|提高|…)`.
const GRADE_DEGREES: [&str; 7] = ["明显", "显著", "有所", "稳步", "逐步", "持续", "进一步"];
const GRADE_CHANGES: [&str; 8] = [
    "提升", "提高", "改善", "增强", "增加", "下降", "降低", "减少",
];

pub fn is_grade(text: &str) -> bool {
    GRADES.contains(&text)
        || GRADE_DEGREES.iter().any(|d| {
            text.strip_prefix(d)
                .is_some_and(|rest| GRADE_CHANGES.contains(&rest))
        })
}

const COUNT_WORDS: &[&str] = &[
    "人次", "台次", "户次", "家次", "批次", "架次", "个", "次", "人", "名", "件", "份", "本", "册",
    "张", "篇", "场", "期", "户", "家", "所", "台", "套", "项", "条", "处", "座", "间", "辆", "具",
    "批", "起", "例", "宗", "单", "部", "支", "只", "头", "株", "棵", "块", "盏", "栋", "幢", "卷",
    "幅", "门", "类", "种", "节", "课", "班", "组", "队", "村", "镇", "所次", "笔", "封", "盒",
    "箱", "袋", "瓶", "对", "个次", "人日", "艘", "口", "眼", "床", "位", "枚", "把", "根",
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
    "厘米",
    "毫米",
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
    "kWh",
    "t",
    "m",
    "GB",
    "TB",
    "MB",
    "Mbps",
    "M",
];

/// The periods a frequency is counted in: `1次/月`.
const PERIODS: [&str; 7] = ["季度", "日", "天", "周", "月", "年", "季"];

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
    if is_grade(text) {
        return ParsedValue::Grade;
    }
    if let Some(d) = whole(deadline_at(text), text).or_else(|| period(text)) {
        return ParsedValue::Deadline(d);
    }
    if let Some(q) = whole(quant_at(text), text).or_else(|| per_period(text)) {
        return ParsedValue::Quant(q);
    }
    with_words(text)
}

/// `每月1次`, `每季度≥1次`: a frequency written period first.
fn per_period(text: &str) -> Option<Quant> {
    let rest = text.strip_prefix('每')?;
    let period = PERIODS.iter().find(|p| rest.starts_with(**p))?;
    let rest = &rest[period.len()..];
    let (mut q, used) = quant_at(rest)?;
    if used != rest.len() || q.unit != "次" {
        return None;
    }
    q.kind = UnitKind::Frequency;
    q.unit = format!("次/{period}");
    Some(q)
}

/// A parse that took the whole text.
fn whole<T>(parsed: Option<(T, usize)>, text: &str) -> Option<T> {
    parsed.and_then(|(value, used)| (used == text.len()).then_some(value))
}

/// How many characters of other words a value may carry and still be a value (B10).
pub const MAX_WORDS: usize = 6;

/// The characters of `words` that count as words: not white space or punctuation.
pub fn word_len(words: &str) -> usize {
    words
        .chars()
        .filter(|c| c.is_alphanumeric() || Comparator::from_char(*c).is_some() || *c == '%')
        .count()
}

/// A value with words around it (`100%覆盖`, `12月底到位`, `免费复印25万份`):
/// the reading that leaves the fewest other words, if they are at most
/// [`MAX_WORDS`]; otherwise a sentence, not a value.
fn with_words(text: &str) -> ParsedValue {
    let mut best: Option<(usize, ParsedValue)> = None;
    let starts = text.char_indices().filter(|(i, c)| {
        c.is_ascii_digit()
            || Comparator::from_char(*c).is_some()
            || text[*i..].starts_with("年底")
            || text[*i..].starts_with("年末")
    });
    for (start, c) in starts {
        // Only where a number begins, not inside one.
        let before = text[..start].chars().next_back();
        if c.is_ascii_digit() && before.is_some_and(|b| b.is_ascii_digit() || b == '.' || b == ',')
        {
            continue;
        }
        let rest = &text[start..];
        let found = match deadline_at(rest) {
            Some((d, used)) => Some((ParsedValue::Deadline(d), used)),
            None => quant_at(rest).map(|(q, used)| (ParsedValue::Quant(q), used)),
        };
        let Some((mut value, used)) = found else {
            continue;
        };
        let mut words = String::with_capacity(text.len());
        words.push_str(&text[..start]);
        words.push_str(&rest[used..]);
        let n = word_len(&words);
        if n > MAX_WORDS || best.as_ref().is_some_and(|(b, _)| *b <= n) {
            continue;
        }
        match &mut value {
            ParsedValue::Quant(q) => q.words = words,
            ParsedValue::Deadline(d) => d.words = words,
            _ => {}
        }
        best = Some((n, value));
    }
    best.map_or(ParsedValue::Unmeasurable, |(_, v)| v)
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

    fn small_number(&mut self) -> Option<u32> {
        let d = self.digits()?;
        if d.len() > 4 {
            return None;
        }
        d.parse().ok()
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

    fn used_since(&self, start: &str) -> usize {
        start.len() - self.rest.len()
    }
}

/// A deadline at the start of `text`, and how many bytes it took.
fn deadline_at(text: &str) -> Option<(Deadline, usize)> {
    let mut s = Scan { rest: text };
    s.eat("≤");
    let deadline = |year, month, day| Deadline {
        year,
        month,
        day,
        words: String::new(),
    };
    if s.eat("年底") || s.eat("年末") {
        s.eat_before_word();
        return Some((deadline(None, 12, None), s.used_since(text)));
    }
    let first = s.digits()?;
    let parse = |d: &str| d.parse::<u32>().ok();
    let found = if first.len() == 4 && matches!(s.peek(), Some('-' | '.' | '/')) {
        // YYYY-MM-DD, YYYY.M.D, YYYY/M/D
        let sep = s.bump()?;
        let month = s.small_number()?;
        if s.bump()? != sep {
            return None;
        }
        let day = s.small_number()?;
        deadline(parse(first), month, Some(day))
    } else {
        let year = if s.eat("年") {
            if first.len() != 4 {
                return None;
            }
            // `2021年底`, `2021年年底`
            if s.eat("年底") || s.eat("年末") || s.eat("底") || s.eat("末") {
                s.eat_before_word();
                return Some((deadline(parse(first), 12, None), s.used_since(text)));
            }
            parse(first)
        } else {
            // A month alone: `12月底`.
            if first.len() > 2 {
                return None;
            }
            s.rest = &text[text.len() - s.rest.len() - first.len()..];
            None
        };
        let month = s.small_number()?;
        if !s.eat("月") {
            return None;
        }
        let day = if s.eat("底") || s.eat("末") || s.eat("份") || s.eat("下旬") {
            None
        } else if s.eat("上旬") {
            Some(10)
        } else if s.eat("中旬") {
            Some(20)
        } else {
            let mut probe = Scan { rest: s.rest };
            match probe.small_number() {
                Some(d) if probe.eat("日") || probe.eat("号") => {
                    s.rest = probe.rest;
                    Some(d)
                }
                _ => None, // `12月前`: the end of that month
            }
        };
        deadline(year, month, day)
    };
    s.eat_before_word();
    Some((found, s.used_since(text)))
}

/// `start [-|—|--|~|至] end`, read as its end (rules.md `period`): `2021年1月-12月`,
/// `2021.1.1-12.31`, `2023年3月至2023年11月底`.
fn period(text: &str) -> Option<Deadline> {
    const SEPARATORS: [&str; 6] = ["至", "~", "--", "—", "–", "-"];
    for (i, _) in text.char_indices() {
        for sep in SEPARATORS {
            let Some(end) = text[i..].strip_prefix(sep) else {
                continue;
            };
            let Some(start) = period_start(&text[..i]) else {
                continue;
            };
            if let Some(mut d) = whole(deadline_at(end), end).or_else(|| month_day(end)) {
                d.year = d.year.or(start);
                return Some(d);
            }
        }
    }
    None
}

/// The start of a period: a deadline, or a month (`2021年1月`); gives its year.
fn period_start(text: &str) -> Option<Option<u32>> {
    whole(deadline_at(text), text).map(|d| d.year).or_else(|| {
        let mut s = Scan { rest: text };
        let year = s.digits()?;
        (year.len() == 4
            && s.eat("年")
            && s.small_number().is_some()
            && s.eat("月")
            && s.rest.is_empty())
        .then(|| year.parse().ok())
    })
}

/// `12.31` as the end of a period.
fn month_day(text: &str) -> Option<Deadline> {
    let mut s = Scan { rest: text };
    let month = s.small_number()?;
    if !s.eat(".") {
        return None;
    }
    let day = s.small_number()?;
    s.eat_before_word();
    s.rest.is_empty().then_some(Deadline {
        year: None,
        month,
        day: Some(day),
        words: String::new(),
    })
}

/// `[cmp] number [scale] [unit]` at the start of `text`, and how many bytes it took.
fn quant_at(text: &str) -> Option<(Quant, usize)> {
    let mut s = Scan { rest: text };
    let mut comparator = None;
    if let Some(c) = s.peek().and_then(Comparator::from_char) {
        s.bump();
        comparator = Some(c);
    }
    let (number, decimals) = s.number()?;
    let unit = scan_unit(&mut s);
    Some((
        Quant {
            comparator,
            number,
            decimals,
            scale: unit.scale,
            unit: unit.unit,
            kind: unit.kind,
            per_unit: unit.per_unit,
            words: String::new(),
        },
        s.used_since(text),
    ))
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

struct ScannedUnit {
    scale: Option<char>,
    unit: String,
    kind: UnitKind,
    per_unit: bool,
}

fn is_unit_char(c: char) -> bool {
    c.is_alphabetic() && !"以及之内前底末".contains(c)
}

/// `[scale] [unit]` after a number.
fn scan_unit(s: &mut Scan) -> ScannedUnit {
    let unit = |scale, unit: &str, kind, per_unit| ScannedUnit {
        scale,
        unit: unit.to_string(),
        kind,
        per_unit,
    };
    // A measure that starts like a scale (千克, 千米) is a unit, not 千 × 克.
    if let Some((m, UnitKind::Measure)) = longest_unit(s.rest) {
        s.rest = &s.rest[m.len()..];
        return unit(None, m, UnitKind::Measure, false);
    }
    let mut scale = None;
    if let Some(c @ ('万' | '千' | '亿')) = s.peek() {
        s.bump();
        scale = Some(c);
    }
    if s.eat("%") {
        return unit(scale, "%", UnitKind::Percent, false);
    }
    if s.eat("元") {
        return money_per_unit(s, scale, "元");
    }
    // `万/人`: 万元 per person, the 元 left out.
    if scale == Some('万') && s.rest.starts_with(['/', '每']) {
        return money_per_unit(s, scale, "元");
    }
    match longest_unit(s.rest) {
        Some((w, kind)) => {
            s.rest = &s.rest[w.len()..];
            let mut text = w.to_string();
            let mut kind = kind;
            // `1次/月`: how often, not how many; `500人次/年` stays a count.
            if kind == UnitKind::Count {
                if let Some(after) = s.rest.strip_prefix('/') {
                    if let Some(p) = PERIODS.iter().find(|p| after.starts_with(**p)) {
                        s.rest = &after[p.len()..];
                        text.push('/');
                        text.push_str(p);
                        if w == "次" {
                            kind = UnitKind::Frequency;
                        }
                    }
                }
                // `50家企业`, `12个村`: a noun after the count word belongs to the unit.
                let noun_len: usize = s
                    .rest
                    .chars()
                    .take_while(|c| is_unit_char(*c))
                    .take(5)
                    .map(char::len_utf8)
                    .sum();
                let noun = &s.rest[..noun_len];
                if !noun.is_empty() && noun.chars().count() <= 4 {
                    s.rest = &s.rest[noun_len..];
                }
            }
            unit(scale, &text, kind, false)
        }
        None => {
            // Any other unit word of up to 4 characters that ends the value.
            let len: usize = s
                .rest
                .chars()
                .take_while(|c| is_unit_char(*c))
                .take(5)
                .map(char::len_utf8)
                .sum();
            let word = &s.rest[..len];
            let count = word.chars().count();
            if count > 0 && count <= 4 && s.rest.len() == len {
                s.rest = "";
                return unit(scale, word, UnitKind::Other, false);
            }
            unit(scale, "", UnitKind::None, false)
        }
    }
}

/// `元`, `元/件`, `元/人·天`, `元每件`: money, per unit when a unit follows.
fn money_per_unit(s: &mut Scan, scale: Option<char>, base: &str) -> ScannedUnit {
    let mut unit = base.to_string();
    let mut per_unit = false;
    let save = s.rest;
    if s.eat("/") || s.eat("每") {
        let mut parts = 0;
        let mut denominator = String::new();
        loop {
            let word = match longest_unit(s.rest) {
                Some((w, _)) => w,
                None => match s.peek() {
                    Some(c) if is_unit_char(c) && c.len_utf8() > 1 => &s.rest[..c.len_utf8()],
                    _ => break,
                },
            };
            s.rest = &s.rest[word.len()..];
            denominator.push_str(word);
            parts += 1;
            // `元/人·月`, `元/人*月`, `元/人、月`: per both.
            let joined = ['·', '*', '、', '•'].iter().find(|j| {
                s.rest.starts_with(**j)
                    && s.rest[j.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_unit_char)
            });
            match joined {
                Some(j) if parts < 3 => {
                    s.rest = &s.rest[j.len_utf8()..];
                    denominator.push('·');
                }
                _ => break,
            }
        }
        if denominator.is_empty() {
            s.rest = save;
        } else {
            unit.push('/');
            unit.push_str(&denominator);
            per_unit = true;
        }
    }
    ScannedUnit {
        scale,
        unit,
        kind: UnitKind::Money,
        per_unit,
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
        let unit = scan_unit(&mut s);
        if !is_date && !matches!(unit.kind, UnitKind::None | UnitKind::Other) {
            found.push(Quant {
                comparator: None,
                number,
                decimals,
                scale: unit.scale,
                unit: unit.unit,
                kind: unit.kind,
                per_unit: unit.per_unit,
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

    fn deadline(text: &str) -> Deadline {
        match parse_value(text) {
            ParsedValue::Deadline(d) => d,
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
        assert_eq!(quant("=100百分比").number, dec("100"));
        assert_eq!(quant("═100%").comparator, Some(Comparator::Equal));
        let t = quant("±3%以内");
        assert_eq!(
            (t.comparator, t.kind),
            (Some(Comparator::Tolerance), UnitKind::Percent)
        );
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
        assert_eq!(quant("2.6亿元").amount_in_wan(), Some(dec("26000")));
        assert_eq!(quant("≤300元/人·天").unit, "元/人·天");
        assert_eq!(quant("≤300元/人*月").unit, "元/人·月");
        assert_eq!(quant("≤2万/人").unit, "元/人");
        assert!(quant("≤2万/人").per_unit);
        assert_eq!(quant("≤50元/平方米").unit, "元/平方米");
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
        assert_eq!(quant("1,000人次").number, dec("1000"));
        let q = quant("≥50家企业");
        assert_eq!(
            (q.kind, q.unit.as_str(), q.words.as_str()),
            (UnitKind::Count, "家", "")
        );
        assert_eq!(quant("12个村").kind, UnitKind::Count);
    }

    #[test]
    fn other_units_of_up_to_four_characters() {
        for (v, unit) in [
            ("25TB", "TB"),
            ("≥50兆瓦", "兆瓦"),
            ("≥90分", "分"),
            ("3000千瓦时", "千瓦时"),
        ] {
            assert_eq!(quant(v).unit, unit, "{v}");
        }
        assert_eq!(quant("≥50兆瓦").kind, UnitKind::Other);
        assert_eq!(quant("=6万立方米").kind, UnitKind::Measure);
        assert_eq!(quant("≥50厘米").kind, UnitKind::Measure);
        assert_eq!(quant("≥2万平方米").scaled(), Some(dec("20000")));
    }

    #[test]
    fn frequencies_are_not_counts() {
        let q = quant("1次/月");
        assert_eq!((q.kind, q.unit.as_str()), (UnitKind::Frequency, "次/月"));
        assert_eq!(quant("≥2次/年").kind, UnitKind::Frequency);
        assert_eq!(quant("≥1次/季度").unit, "次/季度");
        assert_eq!(quant("≥500人次/年").kind, UnitKind::Count);
        assert_eq!(quant("每月1次").unit, "次/月");
        assert_eq!(quant("每季度≥1次").kind, UnitKind::Frequency);
    }

    #[test]
    fn bare_numbers_have_no_unit() {
        let q = quant("11");
        assert_eq!((q.kind, q.comparator), (UnitKind::None, None));
        assert_eq!(quant("≥95").kind, UnitKind::None);
        assert_eq!(quant("470").kind, UnitKind::None);
    }

    #[test]
    fn durations_and_measures() {
        let q = quant("≤5个工作日");
        assert!(q.is_duration());
        assert_eq!(q.unit, "个工作日");
        assert!(quant("3个月").is_duration());
        assert!(quant("≤2小时").is_duration());
        assert!(quant("5个工作日以内").is_duration());
        assert_eq!(quant("≥3.5公里").kind, UnitKind::Measure);
        assert_eq!(quant("≥20千克").unit, "千克");
        assert_eq!(quant("≥20千克").scale, None);
    }

    #[test]
    fn deadlines() {
        let d = |year, month, day| Deadline {
            year,
            month,
            day,
            words: String::new(),
        };
        assert_eq!(deadline("2023年6月底前"), d(Some(2023), 6, None));
        assert_eq!(deadline("≤12月底"), d(None, 12, None));
        assert_eq!(deadline("2023-11-30前"), d(Some(2023), 11, Some(30)));
        assert_eq!(deadline("2023年12月31日前"), d(Some(2023), 12, Some(31)));
        assert_eq!(deadline("2025年12月"), d(Some(2025), 12, None));
        assert_eq!(deadline("2021年底"), d(Some(2021), 12, None));
        assert_eq!(deadline("2021年年底前"), d(Some(2021), 12, None));
        assert_eq!(deadline("2020年12月前"), d(Some(2020), 12, None));
        assert_eq!(deadline("2023.6.30"), d(Some(2023), 6, Some(30)));
        assert_eq!(deadline("2023/6/30前"), d(Some(2023), 6, Some(30)));
        assert_eq!(deadline("年底前"), d(None, 12, None));
        assert_eq!(deadline("2023年13月底").month, 13);
    }

    #[test]
    fn periods_are_read_as_their_end() {
        let d = |year, month, day| Deadline {
            year,
            month,
            day,
            words: String::new(),
        };
        assert_eq!(deadline("2021年1月-12月"), d(Some(2021), 12, None));
        assert_eq!(deadline("2021.1.1-12.31"), d(Some(2021), 12, Some(31)));
        assert_eq!(deadline("2023年3月至2023年11月底"), d(Some(2023), 11, None));
        assert_eq!(deadline("2023年1月~6月"), d(Some(2023), 6, None));
        assert_eq!(
            deadline("2023-01-01—2023-12-31"),
            d(Some(2023), 12, Some(31))
        );
    }

    #[test]
    fn grades_and_graded_changes() {
        for g in [
            "好",
            "明显提升",
            "达标",
            "是",
            "中长期",
            "显著提升",
            "稳步提高",
            "优良",
            "持续改善",
            "进一步提高",
            "有所下降",
            "按期完成",
        ] {
            assert_eq!(parse_value(g), ParsedValue::Grade, "{g}");
        }
        assert_eq!(parse_value("好。"), ParsedValue::Grade);
        assert_eq!(parse_value("明显好转"), ParsedValue::Unmeasurable);
    }

    #[test]
    fn words_around_a_value() {
        let q = quant("100%覆盖");
        assert_eq!((q.kind, q.words.as_str()), (UnitKind::Percent, "覆盖"));
        assert_eq!(deadline("12月底到位").words, "到位");
        assert_eq!(deadline("2023年12月底前完成").words, "完成");
        assert_eq!(quant("覆盖率≥95%").words, "覆盖率");
        // More than six characters of other words: a sentence, not a value.
        assert_eq!(
            parse_value("严格按照预算标准1000元/人给补助对象兑付补助"),
            ParsedValue::Unmeasurable
        );
        assert_eq!(
            parse_value("全年累计完成各类培训工作10次以上"),
            ParsedValue::Unmeasurable
        );
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
