//! The 指标库 (spec/library.md): indicator rows a preparer can pick instead of
//! inventing one, with search, completions for a 三级指标 being typed, and
//! recommendations for a project from its 项目名称 and 资金用途.
//!
//! The library is data (`library/indicators.json`, or a unit's own
//! `indicator-library.json`), read by [`Library::parse`]. Like `format.rs`, the
//! reader walks a `serde_json::Value` before deserialising, so a malformed file
//! is refused with a message that names its path (`rows[12].value：…`).
//!
//! Everything a keystroke runs ([`Library::completions`], [`Library::search`])
//! works on text normalised once at parse time: a call allocates its result, one
//! list of matches and (search) the query's words, never anything per row.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;

use super::format::json_type_name;
use super::model::{level2_choices, Indicator, LEVELS};
use super::normalise::normalise;
use super::value::{parse_value, ParsedValue};

pub const FORMAT_NAME: &str = "indicator-library";
pub const FORMAT_VERSION: u64 = 1;

/// The placeholders a row may hold (library.md); rule A12 reports each one left
/// in a document. `{YYYY}` is filled with the 预算年度, the others from `example`.
pub const SLOTS: [&str; 4] = ["N", "对象", "YYYY", "M"];
const YEAR_SLOT: &str = "YYYY";

/// A project kind (会议, 培训, 水利 …) and the words that reveal it in a 项目名称
/// or 资金用途.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Kind {
    pub name: String,
    pub keywords: Vec<String>,
}

/// One library row, every field of library.md.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Row {
    /// Stable: `kind.aspect.idea`, e.g. `training.count.trainees`. Rows that
    /// share the part after the first dot are one idea (recommended once).
    pub id: String,
    pub kinds: Vec<String>,
    pub level1: String,
    pub level2: String,
    /// 三级指标, possibly with a slot: `{对象}培训人次`.
    pub name: String,
    pub description: String,
    /// An example 指标值 in the right form: `≥{N}人次`, `≥95%`.
    pub value: String,
    pub basis: String,
    /// What the indicator shows and its common mistakes, for the preparer.
    pub explain: String,
    pub keywords: Vec<String>,
    pub source: String,
    /// Slot values that make the row pass every rule (`{"N": "120"}`).
    pub example: BTreeMap<String, String>,
}

/// Where a row stands in the indicator table, for spreading recommendations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Effect,
    Satisfaction,
}

impl Aspect {
    /// The order of the official table.
    pub const ALL: [Aspect; 6] = [
        Self::Quantity,
        Self::Quality,
        Self::Timeliness,
        Self::Cost,
        Self::Effect,
        Self::Satisfaction,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Quantity => "数量",
            Self::Quality => "质量",
            Self::Timeliness => "时效",
            Self::Cost => "成本",
            Self::Effect => "效益",
            Self::Satisfaction => "满意度",
        }
    }

    fn of(level1: &str, level2: &str) -> Aspect {
        match (level1, level2) {
            ("产出指标", "数量指标") => Self::Quantity,
            ("产出指标", "质量指标") => Self::Quality,
            ("产出指标", "时效指标") => Self::Timeliness,
            ("效益指标", _) => Self::Effect,
            ("满意度指标", _) => Self::Satisfaction,
            // 产出指标/成本指标 and the 101号 成本指标/经济成本指标 …
            _ => Self::Cost,
        }
    }
}

/// A placeholder in a row's text: its byte range (braces included) and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot<'a> {
    pub range: Range<usize>,
    pub name: &'a str,
}

/// Every `{…}` in `text`, in order. An unclosed `{` ends the scan.
pub fn slots(text: &str) -> impl Iterator<Item = Slot<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text.get(from..)?.find('{')?;
        let close = open + text.get(open..)?.find('}')?;
        from = close + 1;
        Some(Slot {
            range: open..close + 1,
            name: text.get(open + 1..close).unwrap_or(""),
        })
    })
}

/// Whether `text` still holds one of the library's placeholders (rule A12).
pub fn has_slot(text: &str) -> bool {
    slots(text).any(|s| SLOTS.contains(&s.name))
}

impl Row {
    /// The row as an indicator with its slots left in place, for the app to
    /// select so the preparer replaces them.
    pub fn to_indicator(&self) -> Indicator {
        Indicator {
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            value: self.value.clone(),
            basis: self.basis.clone(),
            ..Default::default()
        }
    }

    /// The row with its example filled in and `{YYYY}` set to `year`.
    pub fn filled(&self, year: &str) -> Indicator {
        let fill = |text: &str| self.fill(text, year);
        Indicator {
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            name: fill(&self.name),
            description: fill(&self.description),
            value: fill(&self.value),
            basis: fill(&self.basis),
            ..Default::default()
        }
    }

    fn fill(&self, text: &str, year: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut rest = 0;
        for slot in slots(text) {
            let value = if slot.name == YEAR_SLOT {
                Some(year)
            } else {
                self.example.get(slot.name).map(String::as_str)
            };
            // A slot without a value stays as it is, for A12 to report.
            if let Some(value) = value {
                out.push_str(&text[rest..slot.range.start]);
                out.push_str(value);
                rest = slot.range.end;
            }
        }
        out.push_str(&text[rest..]);
        out
    }

    pub fn aspect(&self) -> Aspect {
        Aspect::of(&self.level1, &self.level2)
    }

    /// What the example value measures, as the 指标库 dialog lists it: its
    /// unit (`万人次`), `完成时限`, `定性`, or nothing.
    pub fn unit_label(&self) -> String {
        match parse_value(&self.filled("2024").value) {
            ParsedValue::Quant(q) => {
                let mut unit = q.scale.map(String::from).unwrap_or_default();
                unit.push_str(&q.unit);
                unit
            }
            ParsedValue::Deadline(_) => "完成时限".to_string(),
            ParsedValue::Grade => "定性".to_string(),
            ParsedValue::Unmeasurable => String::new(),
        }
    }

    /// The idea the row stands for: its id without the kind (`count.trainees`).
    pub fn idea(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(_, idea)| idea)
    }
}

/// Why a library file was refused: where (`rows[12].value`; empty for the file
/// as a whole) and what, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryError {
    pub path: String,
    pub message: String,
}

impl LibraryError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        LibraryError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "指标库文件有误：{}", self.message)
        } else {
            write!(f, "指标库文件有误：{}：{}", self.path, self.message)
        }
    }
}

impl std::error::Error for LibraryError {}

/// What matching needs of a row, normalised once at parse time.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RowIndex {
    /// The normalised 三级 split around its first slot: `{对象}培训人次` → ("", "培训人次").
    before_slot: String,
    after_slot: Option<String>,
    /// The 三级 with the slot taken out: what a completion is matched against first.
    plain: String,
    keywords: Vec<String>,
    kinds: Vec<usize>,
    aspect: Aspect,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct KindIndex {
    name: String,
    keywords: Vec<String>,
}

/// A parsed, validated library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    kinds: Vec<Kind>,
    rows: Vec<Row>,
    kind_index: Vec<KindIndex>,
    row_index: Vec<RowIndex>,
}

/// A project kind found in a project's name or use of funds, with how strongly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindMatch<'a> {
    pub kind: &'a Kind,
    pub score: u32,
}

fn norm(text: &str) -> String {
    normalise(text).into_owned()
}

impl Library {
    /// Reads and validates a library file. The first problem found is returned,
    /// naming its path.
    pub fn parse(text: &str) -> Result<Library, LibraryError> {
        let root: Value = serde_json::from_str(text).map_err(|e| {
            LibraryError::new(
                "",
                format!("不是有效的 JSON（第{}行第{}列）。", e.line(), e.column()),
            )
        })?;
        let Value::Object(map) = &root else {
            return Err(LibraryError::new("", "最外层应为 JSON 对象。"));
        };
        match map.get("format") {
            Some(Value::String(f)) if f == FORMAT_NAME => {}
            _ => {
                return Err(LibraryError::new(
                    "format",
                    format!("应为「{FORMAT_NAME}」，这不是指标库文件。"),
                ))
            }
        }
        match map.get("version").and_then(Value::as_u64) {
            Some(FORMAT_VERSION) => {}
            Some(v) if v > FORMAT_VERSION => {
                return Err(LibraryError::new(
                    "version",
                    format!("指标库为第 {v} 版，本系统只支持第 {FORMAT_VERSION} 版。"),
                ))
            }
            _ => {
                return Err(LibraryError::new(
                    "version",
                    format!("应为 {FORMAT_VERSION}。"),
                ))
            }
        }
        let kinds_value = array(map.get("kinds"), "kinds")?;
        let mut kind_names: HashMap<&str, usize> = HashMap::new();
        for (i, k) in kinds_value.iter().enumerate() {
            let path = format!("kinds[{i}]");
            let k = object(k, &path)?;
            let name = text_field(k, &path, "name")?;
            text_list(k, &path, "keywords")?;
            if kind_names.insert(name, i).is_some() {
                return Err(LibraryError::new(
                    format!("{path}.name"),
                    format!("类别「{name}」重复。"),
                ));
            }
        }
        let rows_value = array(map.get("rows"), "rows")?;
        if rows_value.is_empty() {
            return Err(LibraryError::new("rows", "指标库中没有任何指标。"));
        }
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, r) in rows_value.iter().enumerate() {
            let id = check_row(r, i, &kind_names)?;
            if let Some(first) = ids.insert(id, i) {
                return Err(LibraryError::new(
                    format!("rows[{i}].id"),
                    format!("编号「{id}」与 rows[{first}] 重复。"),
                ));
            }
        }
        // Every field has been checked, so deserialising cannot fail; if it
        // ever did, say so rather than panic.
        let kinds = Vec::<Kind>::deserialize(&root["kinds"])
            .map_err(|e| LibraryError::new("kinds", format!("无法读取：{e}")))?;
        let rows = Vec::<Row>::deserialize(&root["rows"])
            .map_err(|e| LibraryError::new("rows", format!("无法读取：{e}")))?;
        Ok(Library::index(kinds, rows))
    }

    fn index(kinds: Vec<Kind>, rows: Vec<Row>) -> Library {
        let kind_index: Vec<KindIndex> = kinds
            .iter()
            .map(|k| KindIndex {
                name: norm(&k.name),
                keywords: k.keywords.iter().map(|w| norm(w)).collect(),
            })
            .collect();
        let position: HashMap<&str, usize> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (k.name.as_str(), i))
            .collect();
        let row_index = rows
            .iter()
            .map(|r| {
                let name = norm(&r.name);
                let (before_slot, after_slot) = match slots(&name).next() {
                    Some(s) => (
                        name[..s.range.start].to_string(),
                        Some(name[s.range.end..].to_string()),
                    ),
                    None => (name.clone(), None),
                };
                let plain = match &after_slot {
                    Some(after) => format!("{before_slot}{after}"),
                    None => before_slot.clone(),
                };
                RowIndex {
                    before_slot,
                    after_slot,
                    plain,
                    keywords: r.keywords.iter().map(|w| norm(w)).collect(),
                    kinds: r
                        .kinds
                        .iter()
                        .filter_map(|k| position.get(k.as_str()).copied())
                        .collect(),
                    aspect: r.aspect(),
                }
            })
            .collect();
        Library {
            kinds,
            rows,
            kind_index,
            row_index,
        }
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// The rows of one kind, in the library's order (the dialog's "by kind" list).
    pub fn rows_of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows
            .iter()
            .filter(move |r| r.kinds.iter().any(|k| k == kind))
    }

    /// Library names offered while a 三级指标 is typed, best first, each name
    /// once: names starting with the text, then containing it, then names whose
    /// slot takes part of it (`教师培训` → `{对象}培训人次`). Nothing for blank text.
    pub fn completions(&self, typed: &str, limit: usize) -> Vec<&Row> {
        let query = normalise(typed);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits: Vec<(u8, usize, usize)> = Vec::new();
        for (i, ix) in self.row_index.iter().enumerate() {
            if let Some((tier, at)) = name_match(ix, &query) {
                hits.push((tier, at, i));
            }
        }
        hits.sort_unstable_by_key(|&(tier, at, i)| (tier, at, self.row_index[i].plain.len(), i));
        let mut out: Vec<&Row> = Vec::with_capacity(limit.min(hits.len()));
        for (_, _, i) in hits {
            let row = &self.rows[i];
            if out.iter().all(|r| r.name != row.name) {
                out.push(row);
                if out.len() == limit {
                    break;
                }
            }
        }
        out
    }

    /// Rows matching every word of `query` (split at white space and commas)
    /// in their name, kinds (name or keywords) or keywords, best first: a name
    /// starting with the word, a name containing it, a kind named by it, a row
    /// keyword, a kind keyword. Nothing for a blank query.
    pub fn search(&self, query: &str) -> Vec<&Row> {
        let words: Vec<String> = query
            .split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、')
            .map(norm)
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u32, usize)> = Vec::new();
        'rows: for (i, ix) in self.row_index.iter().enumerate() {
            let mut score = 0;
            for w in &words {
                let s = self.word_score(ix, w);
                if s == 0 {
                    continue 'rows;
                }
                score += s;
            }
            hits.push((score, i));
        }
        hits.sort_unstable_by_key(|&(score, i)| (std::cmp::Reverse(score), i));
        hits.into_iter().map(|(_, i)| &self.rows[i]).collect()
    }

    fn word_score(&self, ix: &RowIndex, word: &str) -> u32 {
        let name = match name_match(ix, word) {
            Some((0, _)) => 10,
            Some((1, _)) => 8,
            Some(_) => 6,
            None => 0,
        };
        let kind = ix
            .kinds
            .iter()
            .map(|&k| {
                let kind = &self.kind_index[k];
                if kind.name.contains(word) || word.contains(kind.name.as_str()) {
                    4
                } else if kind.keywords.iter().any(|w| word.contains(w.as_str())) {
                    // 公路养护 finds every 交通 row, after those naming it.
                    2
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0);
        let keyword = if ix
            .keywords
            .iter()
            .any(|k| k.contains(word) || word.contains(k.as_str()))
        {
            3
        } else {
            0
        };
        name.max(kind).max(keyword)
    }

    /// The kinds a project belongs to, judged from the kinds' keywords in its
    /// 项目名称 (strongly, the more so the nearer the end: 教师培训 is a 培训
    /// project) and its 资金用途 (weakly). Strongest first.
    pub fn detect_kinds(&self, project_name: &str, use_of_funds: &str) -> Vec<KindMatch<'_>> {
        let mut found: Vec<KindMatch<'_>> = self
            .kind_scores(project_name, use_of_funds)
            .into_iter()
            .zip(&self.kinds)
            .filter(|&(score, _)| score > 0)
            .map(|(score, kind)| KindMatch { kind, score })
            .collect();
        found.sort_by_key(|m| std::cmp::Reverse(m.score));
        found
    }

    fn kind_scores(&self, project_name: &str, use_of_funds: &str) -> Vec<u32> {
        let mut scores = vec![0u32; self.kinds.len()];
        let name = normalise(project_name);
        let name_chars = name.chars().count().max(1) as u32;
        let in_name = self.keyword_hits(&name);
        // The kind whose keyword ends last names what the project is (the head
        // of a Chinese noun phrase comes last).
        let head = in_name
            .iter()
            .max_by_key(|h| (h.range.end, h.range.len()))
            .map(|h| h.kind);
        for h in &in_name {
            let end = name[..h.range.end].chars().count() as u32;
            let len = name[h.range.clone()].chars().count() as u32;
            scores[h.kind] += 10 + len + 6 * end / name_chars;
        }
        if let Some(k) = head {
            scores[k] += 10;
        }
        let funds = normalise(use_of_funds);
        for h in self.keyword_hits(&funds) {
            scores[h.kind] += 3;
        }
        scores
    }

    /// Each kind keyword found in `text` (first occurrence), except one lying
    /// inside a longer keyword found there (环境 inside 营商环境).
    fn keyword_hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if text.is_empty() {
            return hits;
        }
        for (kind, k) in self.kind_index.iter().enumerate() {
            for w in &k.keywords {
                if let Some(start) = text.find(w.as_str()).filter(|_| !w.is_empty()) {
                    hits.push(Hit {
                        kind,
                        range: start..start + w.len(),
                    });
                }
            }
        }
        let inside = |h: &Hit| {
            hits.iter().any(|o| {
                o.range.len() > h.range.len()
                    && o.range.start <= h.range.start
                    && h.range.end <= o.range.end
            })
        };
        let keep: Vec<bool> = hits.iter().map(|h| !inside(h)).collect();
        let mut keep = keep.into_iter();
        hits.retain(|_| keep.next().unwrap_or(false));
        hits
    }

    /// Rows recommended for a project, best first: rows of the kinds detected
    /// from its name and use of funds (and rows whose own keywords appear in the
    /// name), ranked by their strongest kind, then by their own keywords found
    /// in the name (strongly) or the use of funds (weakly), then by the
    /// library's order. At most one per idea ([`Row::idea`]) and per 三级,
    /// spread over the table in its order: the best 数量, 质量, 时效, 成本, 效益
    /// and 满意度 row, then the second best of each, and so on, so the first six
    /// make a complete table. Empty when nothing matches.
    pub fn recommend(&self, project_name: &str, use_of_funds: &str) -> Vec<&Row> {
        let kind_scores = self.kind_scores(project_name, use_of_funds);
        let name = normalise(project_name);
        let funds = normalise(use_of_funds);
        // Ranked first by how strongly the project is of the row's kind, then
        // by the row's own keywords: a 培训 project gets 培训 rows before 教育
        // rows however many 教育 words its name holds, and within 民政 a
        // 居家养老 project gets the 居家养老 rows before the 低保 ones.
        let mut scored: Vec<(u32, u32, u32, usize)> = Vec::new();
        for (i, ix) in self.row_index.iter().enumerate() {
            let kind = ix.kinds.iter().map(|&k| kind_scores[k]).max().unwrap_or(0);
            let words: u32 = ix
                .keywords
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if name.contains(w.as_str()) {
                        6
                    } else if funds.contains(w.as_str()) {
                        2
                    } else {
                        0
                    }
                })
                .sum();
            // A keyword in the 资金用途 alone is too weak to bring in a row of
            // a kind the project is not.
            if kind > 0 || words >= 6 {
                // On a tie, the row written for the strongest kind first: a
                // 培训 row before a 卫生健康 row that also suits training.
                let first = ix.kinds.first().map_or(0, |&k| kind_scores[k]);
                scored.push((kind, words, first, i));
            }
        }
        scored.sort_unstable_by_key(|&(kind, words, first, i)| {
            use std::cmp::Reverse;
            (Reverse(kind), Reverse(words), Reverse(first), i)
        });

        let mut ideas: HashSet<&str> = HashSet::new();
        let mut names: HashSet<&str> = HashSet::new();
        let mut by_aspect: [Vec<usize>; 6] = Default::default();
        for (_, _, _, i) in scored {
            let row = &self.rows[i];
            if ideas.insert(row.idea()) && names.insert(self.row_index[i].plain.as_str()) {
                let slot = Aspect::ALL
                    .iter()
                    .position(|a| *a == self.row_index[i].aspect)
                    .unwrap_or(0);
                by_aspect[slot].push(i);
            }
        }
        let total: usize = by_aspect.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(total);
        for round in 0.. {
            if out.len() == total {
                break;
            }
            for list in &by_aspect {
                if let Some(&i) = list.get(round) {
                    out.push(&self.rows[i]);
                }
            }
        }
        out
    }
}

struct Hit {
    kind: usize,
    range: Range<usize>,
}

/// How a typed text matches a row's 三级: tier 0 the name starts with it, 1 it
/// is inside the name, 2 it spans the slot (its start ends the text before the
/// slot, or its end begins the text after it, for at least 2 characters
/// together); with the byte position of the match for ordering.
fn name_match(ix: &RowIndex, query: &str) -> Option<(u8, usize)> {
    // A name that starts with its slot starts with whatever the preparer puts
    // there, so the text after the slot only counts as inside it.
    let starts_with_slot = ix.before_slot.is_empty() && ix.after_slot.is_some();
    if ix.plain.starts_with(query) && !starts_with_slot {
        return Some((0, 0));
    }
    if let Some(at) = ix.plain.find(query) {
        return Some((1, at));
    }
    let after = ix.after_slot.as_deref()?;
    // The longest start of the query that ends the text before the slot, and
    // the longest end of it that starts the text after the slot; the slot takes
    // whatever lies between.
    let head = query
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .rev()
        .find(|&end| ix.before_slot.ends_with(&query[..end]))
        .unwrap_or(0);
    let tail = query
        .char_indices()
        .map(|(i, _)| i)
        .find(|&start| start >= head && after.starts_with(&query[start..]))
        .map_or(0, |start| query.len() - start);
    let matched_chars = query[..head].chars().count() + query[query.len() - tail..].chars().count();
    (matched_chars >= 2).then_some((2, 0))
}

// ---- validation of the raw JSON, one helper per shape

fn array<'a>(v: Option<&'a Value>, path: &str) -> Result<&'a Vec<Value>, LibraryError> {
    match v {
        Some(Value::Array(a)) => Ok(a),
        Some(other) => Err(LibraryError::new(
            path,
            format!("应为数组，实际为{}。", json_type_name(other)),
        )),
        None => Err(LibraryError::new(path, "缺少此项。")),
    }
}

fn object<'a>(
    v: &'a Value,
    path: &str,
) -> Result<&'a serde_json::Map<String, Value>, LibraryError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(LibraryError::new(
            path,
            format!("应为对象，实际为{}。", json_type_name(other)),
        )),
    }
}

/// A text field that must hold something.
fn text_field<'a>(
    map: &'a serde_json::Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'a str, LibraryError> {
    let here = format!("{path}.{key}");
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(LibraryError::new(here, "不能为空。")),
        Some(other) => Err(LibraryError::new(
            here,
            format!("应为文本，实际为{}。", json_type_name(other)),
        )),
        None => Err(LibraryError::new(here, "缺少此项。")),
    }
}

/// A list of non-empty texts (it may itself be empty).
fn text_list<'a>(
    map: &'a serde_json::Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Vec<&'a str>, LibraryError> {
    let here = format!("{path}.{key}");
    let items = array(map.get(key), &here)?;
    items
        .iter()
        .enumerate()
        .map(|(j, v)| match v {
            Value::String(s) if !s.trim().is_empty() => Ok(s.as_str()),
            Value::String(_) => Err(LibraryError::new(format!("{here}[{j}]"), "不能为空。")),
            other => Err(LibraryError::new(
                format!("{here}[{j}]"),
                format!("应为文本，实际为{}。", json_type_name(other)),
            )),
        })
        .collect()
}

/// Checks one row; returns its id.
fn check_row<'a>(
    value: &'a Value,
    i: usize,
    kinds: &HashMap<&str, usize>,
) -> Result<&'a str, LibraryError> {
    let path = format!("rows[{i}]");
    let row = object(value, &path)?;
    let id = text_field(row, &path, "id")?;
    if id.chars().any(char::is_whitespace) {
        return Err(LibraryError::new(
            format!("{path}.id"),
            format!("编号「{id}」不能含空格。"),
        ));
    }
    let row_kinds = text_list(row, &path, "kinds")?;
    if row_kinds.is_empty() {
        return Err(LibraryError::new(
            format!("{path}.kinds"),
            "至少应属于一个类别。",
        ));
    }
    for (j, k) in row_kinds.iter().enumerate() {
        if !kinds.contains_key(k) {
            return Err(LibraryError::new(
                format!("{path}.kinds[{j}]"),
                format!("类别「{k}」未在 kinds 中定义。"),
            ));
        }
    }
    let level1 = text_field(row, &path, "level1")?;
    let Some(allowed) = level2_choices(level1) else {
        let names: Vec<&str> = LEVELS.iter().map(|(l1, _)| *l1).collect();
        return Err(LibraryError::new(
            format!("{path}.level1"),
            format!(
                "一级指标「{level1}」不在规定范围内（{}）。",
                names.join("、")
            ),
        ));
    };
    let level2 = text_field(row, &path, "level2")?;
    if !allowed.contains(&level2) {
        return Err(LibraryError::new(
            format!("{path}.level2"),
            format!(
                "二级指标「{level2}」不属于一级指标「{level1}」（可选：{}）。",
                allowed.join("、")
            ),
        ));
    }
    let mut used: Vec<&str> = Vec::new();
    for key in ["name", "description", "value", "basis"] {
        let text = text_field(row, &path, key)?;
        check_slots(text, &format!("{path}.{key}"), &mut used)?;
    }
    for key in ["explain", "source"] {
        text_field(row, &path, key)?;
    }
    text_list(row, &path, "keywords")?;
    let example_path = format!("{path}.example");
    let example = match row.get("example") {
        Some(v) => object(v, &example_path)?,
        None => return Err(LibraryError::new(example_path, "缺少此项。")),
    };
    for (key, v) in example {
        let here = format!("{example_path}.{key}");
        match v {
            Value::String(s) if !s.trim().is_empty() && !s.contains(['{', '}']) => {}
            Value::String(_) => {
                return Err(LibraryError::new(
                    here,
                    "示例值应为不含「{」「}」的非空文本。",
                ))
            }
            other => {
                return Err(LibraryError::new(
                    here,
                    format!("应为文本，实际为{}。", json_type_name(other)),
                ))
            }
        }
        if key == YEAR_SLOT {
            return Err(LibraryError::new(
                here,
                "{YYYY} 由预算年度填入，不需要示例值。",
            ));
        }
        if !used.contains(&key.as_str()) {
            return Err(LibraryError::new(
                here,
                format!("本行没有占位「{{{key}}}」。"),
            ));
        }
    }
    for slot in used {
        if slot != YEAR_SLOT && !example.contains_key(slot) {
            return Err(LibraryError::new(
                example_path,
                format!("缺少占位「{{{slot}}}」的示例值。"),
            ));
        }
    }
    Ok(id)
}

/// Every `{…}` must be one of [`SLOTS`] (A12 reports only those) and closed.
fn check_slots<'a>(text: &'a str, path: &str, used: &mut Vec<&'a str>) -> Result<(), LibraryError> {
    let mut rest = 0;
    for slot in slots(text) {
        if text[rest..slot.range.start].contains('}') {
            return Err(LibraryError::new(path, "「}」没有对应的「{」。"));
        }
        if !SLOTS.contains(&slot.name) {
            return Err(LibraryError::new(
                path,
                format!(
                    "含有未知占位「{{{}}}」，只能使用 {{N}}、{{对象}}、{{YYYY}}、{{M}}。",
                    slot.name
                ),
            ));
        }
        if !used.contains(&slot.name) {
            used.push(slot.name);
        }
        rest = slot.range.end;
    }
    let tail = &text[rest..];
    if tail.contains('{') {
        return Err(LibraryError::new(path, "「{」没有对应的「}」。"));
    }
    if tail.contains('}') {
        return Err(LibraryError::new(path, "「}」没有对应的「{」。"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::findings::{Finding, Location, ProjectField, Severity};
    use crate::core::model::{Budget, Department, Document, Project, SpendingPlan, Unit};
    use crate::core::normalise::{char_len, contains_any};
    use crate::core::rules::validate;
    use crate::core::value::{parse_value, ParsedValue, UnitKind};
    use serde_json::json;

    const BUILT_IN: &str = include_str!("../../library/indicators.json");

    fn built_in() -> Library {
        match Library::parse(BUILT_IN) {
            Ok(lib) => lib,
            Err(e) => panic!("the built-in library is refused: {e}"),
        }
    }

    // ---- the built-in data

    #[test]
    fn the_built_in_library_covers_every_kind_with_a_full_table() {
        let lib = built_in();
        assert!(lib.rows().len() >= 220, "{} rows", lib.rows().len());
        let wanted = [
            "会议",
            "培训",
            "设备购置",
            "信息化建设与运维",
            "宣传印刷",
            "购买服务（法律顾问、审计、物业等）",
            "运转保障",
            "基建维修",
            "补助救助",
            "课题研究",
            "执法检查",
            "政务服务",
            "教育",
            "卫生健康",
            "农业农村",
            "水利",
            "交通",
            "文化旅游",
            "生态环境",
            "民政",
        ];
        for kind in wanted {
            assert!(lib.kinds().iter().any(|k| k.name == kind), "{kind}");
            let aspects: HashSet<Aspect> = lib.rows_of_kind(kind).map(Row::aspect).collect();
            for a in Aspect::ALL {
                assert!(aspects.contains(&a), "{kind} has no {} row", a.label());
            }
            assert!(lib.rows_of_kind(kind).count() >= 10, "{kind}");
        }
    }

    #[test]
    fn the_dialog_lists_each_row_by_what_its_value_measures() {
        let lib = built_in();
        let labels: HashSet<String> = lib.rows().iter().map(Row::unit_label).collect();
        assert!(labels.contains("完成时限"), "{labels:?}");
        assert!(labels.contains("%"), "{labels:?}");
        assert!(labels.iter().any(|l| l.contains("元")), "{labels:?}");
        assert!(lib
            .rows()
            .iter()
            .all(|r| !r.unit_label().is_empty() || r.value.contains("{")));
    }

    #[test]
    fn every_built_in_row_is_written_out_in_full() {
        let lib = built_in();
        for r in lib.rows() {
            let id = &r.id;
            assert_eq!(id.split('.').count(), 3, "{id}: kind.aspect.idea");
            assert!(
                ["计划标准：", "行业标准：", "历史标准：", "其他："]
                    .iter()
                    .any(|p| r.basis.starts_with(p)),
                "{id}: basis names its kind: {}",
                r.basis
            );
            assert!(
                ["88号 共性框架", "101号 核心指标", "实务"]
                    .iter()
                    .any(|p| r.source.starts_with(p)),
                "{id}: {}",
                r.source
            );
            let sentences = r.explain.matches('。').count();
            assert!(
                (1..=2).contains(&sentences),
                "{id}: explain in 1–2 sentences"
            );
            assert!(!r.keywords.is_empty(), "{id}: keywords");
            // C15 (copying the name) is checked with the 1.1 reading below.
            assert!(
                char_len(&r.description) >= 8,
                "{id}: the description says how"
            );
            // Numbers belong in the value only (C10 compares them).
            assert!(!crate::core::normalise::has_digit(&r.description), "{id}");
        }
    }

    /// A project whose own six rows are sound and share no name or value with
    /// any library row, so a finding on an added row is that row's own.
    fn project_with(rows: Vec<Indicator>) -> Document {
        let base =
            |l1: &str, l2: &str, name: &str, desc: &str, value: &str, basis: &str| Indicator {
                level1: l1.into(),
                level2: l2.into(),
                name: name.into(),
                description: desc.into(),
                value: value.into(),
                basis: basis.into(),
                ..Default::default()
            };
        let mut indicators = vec![
            base(
                "产出指标",
                "数量指标",
                "核验样本份数",
                "年度内完成核验的样本份数",
                "≥37份",
                "计划标准：核验工作方案",
            ),
            base(
                "产出指标",
                "质量指标",
                "样本核验准确率",
                "复核无误的样本占核验样本的比例",
                "≥97.5%",
                "历史标准：上年复核结果",
            ),
            base(
                "产出指标",
                "时效指标",
                "核验结论出具时限",
                "收到样本至出具结论的工作日数",
                "≤4个工作日",
                "行业标准：核验规程规定的时限",
            ),
            base(
                "成本指标",
                "经济成本指标",
                "核验服务合同价",
                "全年核验服务合同总价",
                "≤3.5万元",
                "计划标准：核验服务合同报价",
            ),
            base(
                "效益指标",
                "社会效益指标",
                "核验结论采信比例",
                "核验结论被有关方面采信的比例",
                "≥88%",
                "历史标准：近年采信情况",
            ),
            base(
                "满意度指标",
                "服务对象满意度指标",
                "送检单位对核验服务满意度",
                "对送检单位问卷调查的满意比例",
                "≥91%",
                "历史标准：以往问卷结果",
            ),
        ];
        indicators.extend(rows);
        Document {
            year: "2023".into(),
            unit: Unit {
                code: "120001".into(),
                name: "某某县某某局".into(),
                ..Default::default()
            },
            money_unit: "万元".into(),
            department: Department {
                overall_goals: vec!["全年完成核验样本不少于37份，服务对象满意度不低于91%。".into()],
                sub_goals: vec!["样例项目：完成核验样本37份。".into()],
                safeguards: vec!["加强组织领导，健全管理制度，落实资金监管责任，开展绩效运行监控，年终组织考核，确保各项目标按期完成。".into()],
                ..Default::default()
            },
            projects: vec![Project {
                code: "13081123P00021510001E".into(),
                name: "样例项目".into(),
                budget: Budget {
                    total: "1000.00".into(),
                    fiscal: "1000.00".into(),
                    other: "".into(),
                    ..Default::default()
                },
                use_of_funds: "用于样本核验、专家咨询和结论出具等支出".into(),
                spending_plan: SpendingPlan {
                    mar: "20".into(),
                    jun: "50".into(),
                    oct: "80".into(),
                    dec: "100".into(),
                    ..Default::default()
                },
                goals: vec!["全年完成核验样本不少于37份，结论准确率不低于97.5%。".into()],
                indicators,
                ..Default::default()
            }],
            saved_at: "2026-11-27T10:00:00Z".into(),
            ..Default::default()
        }
    }

    fn codes(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    }

    #[test]
    fn the_base_project_has_no_finding() {
        assert_eq!(
            codes(&validate(&project_with(Vec::new()))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn every_row_filled_with_its_example_has_no_finding_of_its_own() {
        let lib = built_in();
        let mut bad = Vec::new();
        for r in lib.rows() {
            let doc = project_with(vec![r.filled("2023")]);
            let own: Vec<Finding> = validate(&doc)
                .into_iter()
                .filter(|f| {
                    matches!(
                        f.location,
                        Location::Project(_, ProjectField::Indicator(6, _))
                    )
                })
                .collect();
            if !own.is_empty() {
                bad.push(format!("{}: {:?}", r.id, codes(&own)));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// Rules 1.1 (rules.md) not yet in the code, as we read them, for one row.
    fn rules_1_1_by_our_reading(row: &Indicator) -> Vec<&'static str> {
        const SLOGAN_VERBS: [&str; 19] = [
            "创造", "营造", "打造", "推进", "推动", "促进", "加强", "提升", "提高", "优化", "确保",
            "保障", "维护", "实现", "构建", "建立", "助力", "服务", "满足",
        ];
        const COUNTABLE: [&str; 15] = [
            "率", "数", "量", "次", "人", "时间", "时限", "成本", "费用", "金额", "面积", "长度",
            "满意", "比例", "覆盖",
        ];
        // C15/C16: equal, or one inside the other with at most 2 more characters.
        fn copies(a: &str, b: &str) -> bool {
            let (la, lb) = (char_len(a), char_len(b));
            a == b || (a.contains(b) && la <= lb + 2) || (b.contains(a) && lb <= la + 2)
        }
        let name = normalise(&row.name);
        let desc = normalise(&row.description);
        let basis = normalise(&row.basis);
        let value = parse_value(&row.value);
        let mut found = Vec::new();
        let fields = [&row.name, &row.description, &row.value, &row.basis];
        if fields.iter().any(|f| has_slot(f)) {
            found.push("A12");
        }
        if copies(&desc, &name) {
            found.push("C15");
        }
        if copies(&basis, &name) || copies(&basis, &desc) {
            found.push("C16");
        }
        let slogan_name =
            SLOGAN_VERBS.iter().any(|v| name.starts_with(v)) && !contains_any(&name, &COUNTABLE);
        if slogan_name {
            found.push("C17");
        }
        let ratio = contains_any(&name, &["率", "比例", "占比", "比重", "满意度"]);
        let satisfaction = row.level2 == "服务对象满意度指标" || name.contains("满意");
        if slogan_name && value.is_percent() && !ratio && !satisfaction {
            found.push("B12");
        }
        let q = value.quant();
        if row.level2 == "质量指标" && q.is_some_and(|q| q.kind == UnitKind::Count) {
            found.push("C18");
        }
        if row.level1 == "效益指标" && matches!(row.value.trim(), "是" | "否") {
            found.push("C14");
        }
        if q.is_some_and(|q| q.kind == UnitKind::None) {
            found.push("B5");
        }
        if q.is_some_and(|q| !q.words.is_empty()) {
            found.push("B10");
        }
        if matches!(value, ParsedValue::Unmeasurable) {
            found.push("B2");
        }
        found
    }

    #[test]
    fn every_row_filled_with_its_example_passes_rules_1_1_as_we_read_them() {
        let lib = built_in();
        let bad: Vec<String> = lib
            .rows()
            .iter()
            .filter_map(|r| {
                let found = rules_1_1_by_our_reading(&r.filled("2023"));
                (!found.is_empty()).then(|| format!("{}: {found:?}", r.id))
            })
            .collect();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn the_1_1_reading_catches_the_mistakes_it_is_for() {
        let row =
            |l1: &str, l2: &str, name: &str, desc: &str, value: &str, basis: &str| Indicator {
                level1: l1.into(),
                level2: l2.into(),
                name: name.into(),
                description: desc.into(),
                value: value.into(),
                basis: basis.into(),
                ..Default::default()
            };
        let check = |r: Indicator| rules_1_1_by_our_reading(&r);
        assert!(check(row(
            "产出指标",
            "数量指标",
            "办件量",
            "办件量",
            "≥5件",
            "计划标准"
        ))
        .contains(&"C15"));
        assert!(check(row(
            "产出指标",
            "数量指标",
            "办件量",
            "全年办结件数",
            "≥5件",
            "全年办结件数"
        ))
        .contains(&"C16"));
        assert!(check(row(
            "效益指标",
            "社会效益指标",
            "促进企业发展",
            "说明",
            "≥95%",
            "其他：调查"
        ))
        .contains(&"B12"));
        assert!(check(row(
            "产出指标",
            "质量指标",
            "手册质量",
            "印制手册",
            "50本",
            "其他：调查"
        ))
        .contains(&"C18"));
        assert!(check(row(
            "效益指标",
            "经济效益指标",
            "是否减少损失",
            "说明",
            "否",
            "其他：调查"
        ))
        .contains(&"C14"));
        assert!(check(row(
            "产出指标",
            "数量指标",
            "办件量",
            "全年办结件数",
            "≥{N}件",
            "计划标准：方案"
        ))
        .contains(&"A12"));
    }

    #[test]
    fn an_unfilled_row_keeps_a_slot_wherever_its_example_would_fill_one() {
        let lib = built_in();
        let mut with_slots = 0;
        for r in lib.rows() {
            let raw = r.to_indicator();
            let filled = r.filled("2023");
            for f in crate::core::model::IndicatorField::ALL {
                if raw.get(f) != filled.get(f) {
                    assert!(has_slot(raw.get(f)), "{} {}", r.id, f.key());
                }
                assert!(!has_slot(filled.get(f)), "{} {} filled", r.id, f.key());
            }
            if raw != filled {
                with_slots += 1;
            }
        }
        assert!(
            with_slots * 2 > lib.rows().len(),
            "most rows leave the preparer a number to set ({with_slots})"
        );
    }

    /// Rule A12 (rules.md 1.1): a row picked from the library and not yet
    /// filled has A12 on every cell that holds a slot, and no other finding.
    #[test]
    fn a12_fires_on_every_unfilled_slot_and_nothing_else_on_the_row() {
        let lib = built_in();
        for r in lib.rows() {
            let raw = r.to_indicator();
            let doc = project_with(vec![raw.clone()]);
            let own: Vec<Finding> = validate(&doc)
                .into_iter()
                .filter(|f| {
                    matches!(
                        f.location,
                        Location::Project(_, ProjectField::Indicator(6, _))
                    )
                })
                .collect();
            for f in crate::core::model::IndicatorField::ALL {
                let fired = own.iter().any(|x| {
                    x.location == Location::Project(0, ProjectField::Indicator(6, Some(f)))
                        && x.code.as_str() == "A12"
                });
                assert_eq!(fired, has_slot(raw.get(f)), "{} {}", r.id, f.key());
            }
            assert!(
                own.iter().all(|x| x.code.as_str() == "A12"),
                "{}: {:?}",
                r.id,
                codes(&own)
            );
        }
    }

    // ---- recommendations

    /// The seed's six projects (name, 资金用途) and ten of other sectors.
    fn sample_projects() -> Vec<(String, String)> {
        let seed: Value = match serde_json::from_str(include_str!("../../tests/fixtures/seed.json"))
        {
            Ok(v) => v,
            Err(e) => panic!("seed.json: {e}"),
        };
        let mut out: Vec<(String, String)> = seed["projects"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        let text = |k: &str| p[k].as_str().unwrap_or("").to_string();
                        (text("name"), text("use_of_funds"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(out.len(), 6);
        for (name, funds) in [
            (
                "2024年全县教师培训项目",
                "组织全县中小学教师分期参加业务培训，支付师资、场地和食宿费用",
            ),
            (
                "农村公路养护工程",
                "县乡村道日常养护、路面病害处治和安防设施维护",
            ),
            (
                "高标准农田建设项目",
                "新建高标准农田，实施土地平整、灌排渠系和田间道路建设",
            ),
            ("城乡低保资金", "按月发放城乡最低生活保障金"),
            (
                "基本公共卫生服务项目",
                "开展居民健康档案管理、老年人健康体检、慢病管理和健康教育",
            ),
            ("河道综合治理工程", "实施河道清淤疏浚、护岸和堤防加固"),
            ("文化惠民送戏下乡活动经费", "组织剧团到行政村开展公益演出"),
            (
                "国土绿化造林项目",
                "完成人工造林和封山育林，购置苗木和抚育管护",
            ),
            (
                "食品安全监督抽检专项",
                "委托检验机构开展食品安全监督抽检和专项执法检查",
            ),
            (
                "办公楼维修改造项目",
                "办公楼屋面防水、外墙和水电管网维修改造",
            ),
        ] {
            out.push((name.into(), funds.into()));
        }
        out
    }

    #[test]
    fn teacher_training_gets_training_rows_first() {
        let lib = built_in();
        let found = lib.recommend("2024年全县教师培训项目", "");
        assert!(found.len() >= 6);
        for r in &found[..6] {
            assert!(r.kinds.iter().any(|k| k == "培训"), "{}", r.id);
        }
        let first: Vec<Aspect> = found[..6].iter().map(|r| r.aspect()).collect();
        assert_eq!(first, Aspect::ALL, "one row for each part of the table");
        assert_eq!(
            lib.detect_kinds("2024年全县教师培训项目", "")[0].kind.name,
            "培训"
        );
    }

    #[test]
    fn a_recommended_table_has_no_finding_once_filled() {
        let lib = built_in();
        for (name, funds) in sample_projects() {
            let top: Vec<Indicator> = lib
                .recommend(&name, &funds)
                .iter()
                .take(6)
                .map(|r| r.filled("2023"))
                .collect();
            assert_eq!(top.len(), 6, "{name}");
            let mut doc = project_with(Vec::new());
            doc.projects[0].indicators = top;
            let found = validate(&doc);
            assert_eq!(codes(&found), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn recommendations_repeat_no_idea_and_no_name() {
        let lib = built_in();
        for (name, funds) in sample_projects() {
            let found = lib.recommend(&name, &funds);
            let ideas: HashSet<&str> = found.iter().map(|r| r.idea()).collect();
            let names: HashSet<&str> = found.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(ideas.len(), found.len(), "{name}");
            assert_eq!(names.len(), found.len(), "{name}");
        }
    }

    #[test]
    fn the_seed_projects_get_rows_of_their_kind() {
        let lib = built_in();
        let first = |name: &str, funds: &str| lib.recommend(name, funds)[0].id.clone();
        assert!(first("法律顾问费", "律师服务费").starts_with("service.count.legal"));
        assert!(first("业务评审专项", "技术性评审费用").starts_with("service.count.reviews"));
        assert!(first("信息化服务建设专项", "支付平台使用费和设备购置费").starts_with("it."));
    }

    #[test]
    fn nothing_is_recommended_for_a_name_the_library_does_not_know() {
        let lib = built_in();
        assert!(lib.recommend("", "").is_empty());
        assert!(lib.recommend("专项经费", "其他支出").is_empty());
    }

    #[test]
    fn a_keyword_inside_a_longer_one_does_not_count() {
        let lib = built_in();
        let kinds: Vec<&str> = lib
            .detect_kinds("优化营商环境专项", "")
            .iter()
            .map(|m| m.kind.name.as_str())
            .collect();
        assert_eq!(
            kinds,
            ["政务服务"],
            "环境 inside 营商环境 is no 生态环境 project"
        );
    }

    // ---- completions and search

    fn names(rows: &[&Row]) -> Vec<String> {
        rows.iter().map(|r| r.name.clone()).collect()
    }

    #[test]
    fn completions_offer_names_starting_with_the_text_first() {
        let lib = built_in();
        let got = names(&lib.completions("培训", 5));
        assert_eq!(got.len(), 5);
        assert!(got[0].starts_with("培训"), "{got:?}");
        assert!(got.iter().all(|n| n.contains("培训")), "{got:?}");
        assert!(names(&lib.completions("满意度", 3))
            .iter()
            .all(|n| n.contains("满意度")));
    }

    #[test]
    fn completions_let_the_slot_take_what_the_preparer_typed() {
        let lib = built_in();
        assert!(names(&lib.completions("教师培训人", 5)).contains(&"{对象}培训人次".to_string()));
        assert!(names(&lib.completions("购置计算机", 5)).contains(&"购置{对象}数量".to_string()));
        // One shared character is not enough to offer a name.
        assert!(!names(&lib.completions("教师培", 20)).contains(&"{对象}培训人次".to_string()));
    }

    #[test]
    fn completions_respect_the_limit_and_ignore_blank_text() {
        let lib = built_in();
        assert!(lib.completions("", 10).is_empty());
        assert!(lib.completions("   ", 10).is_empty());
        assert!(lib.completions("率", 0).is_empty());
        assert_eq!(lib.completions("率", 7).len(), 7);
        assert!(lib.completions("没有这样的指标名", 10).is_empty());
        // Full-width text is matched as its half-width form.
        assert_eq!(
            names(&lib.completions("１２", 3)),
            names(&lib.completions("12", 3))
        );
    }

    #[test]
    fn search_matches_names_kinds_and_keywords_best_first() {
        let lib = built_in();
        let got = lib.search("法律顾问");
        assert!(!got.is_empty());
        assert!(got[0].name.contains("法律顾问"), "{}", got[0].name);
        // Every row of the kind whose name holds the word is found.
        assert_eq!(
            got.len(),
            lib.rows_of_kind("购买服务（法律顾问、审计、物业等）")
                .count()
        );
        let both = lib.search("水利 验收");
        assert!(!both.is_empty());
        assert!(both.iter().all(|r| r.kinds.iter().any(|k| k == "水利")));
        assert_eq!(both[0].id, "water.quality.acceptance");
        let road = lib.search("公路养护");
        assert_eq!(road[0].name, "公路养护里程");
        assert!(
            road.iter().any(|r| r.id == "transport.cost.per_km"),
            "a kind keyword finds the kind's other rows too"
        );
        assert!(lib.search("").is_empty());
        assert!(lib.search("量子计算").is_empty());
    }

    // ---- rows, slots and filling

    #[test]
    fn a_row_fills_its_slots_from_the_example_and_the_year() {
        let lib = built_in();
        let Some(r) = lib.row("training.count.trainees") else {
            panic!("training.count.trainees")
        };
        assert_eq!(r.to_indicator().name, "{对象}培训人次");
        assert_eq!(r.to_indicator().value, "≥{N}人次");
        let f = r.filled("2024");
        assert_eq!(f.name, "教师培训人次");
        assert_eq!(f.value, "≥600人次");
        assert_eq!(
            (f.level1.as_str(), f.level2.as_str()),
            ("产出指标", "数量指标")
        );
        let Some(t) = lib.row("training.time.finish") else {
            panic!("training.time.finish")
        };
        assert_eq!(t.filled("2024").value, "2024年11月底前");
        assert_eq!(t.idea(), "time.finish");
    }

    #[test]
    fn slots_are_found_with_their_byte_ranges() {
        let text = "≥{N}人次，{对象}";
        let found: Vec<Slot> = slots(text).collect();
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].range.clone()], "{N}");
        assert_eq!(found[1].name, "对象");
        assert_eq!(slots("no slot").count(), 0);
        assert_eq!(slots("{unclosed").count(), 0);
        assert!(has_slot("{YYYY}年"));
        assert!(!has_slot("{其他}"), "A12 knows only the library's four");
    }

    // ---- refusing a malformed library

    fn tiny() -> Value {
        json!({
            "format": "indicator-library",
            "version": 1,
            "kinds": [{ "name": "培训", "keywords": ["培训"] }],
            "rows": [{
                "id": "training.count.trainees",
                "kinds": ["培训"],
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "{对象}培训人次",
                "description": "各期培训实际参训的{对象}人次合计",
                "value": "≥{N}人次",
                "basis": "计划标准：年度培训计划",
                "explain": "反映培训规模。",
                "keywords": ["培训"],
                "source": "实务",
                "example": { "对象": "教师", "N": "600" }
            }]
        })
    }

    fn refused(change: impl FnOnce(&mut Value)) -> String {
        let mut v = tiny();
        change(&mut v);
        match Library::parse(&v.to_string()) {
            Ok(_) => panic!("accepted: {v}"),
            Err(e) => e.to_string(),
        }
    }

    fn set(v: &mut Value, pointer: &str, to: Value) {
        match v.pointer_mut(pointer) {
            Some(slot) => *slot = to,
            None => panic!("{pointer}"),
        }
    }

    fn remove(v: &mut Value, pointer: &str) {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        if let Some(Value::Object(m)) = v.pointer_mut(parent) {
            m.remove(key);
        }
    }

    #[test]
    fn a_sound_tiny_library_is_accepted() {
        let lib = match Library::parse(&tiny().to_string()) {
            Ok(lib) => lib,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(lib.rows().len(), 1);
        assert_eq!(lib.kinds()[0].keywords, ["培训"]);
    }

    #[test]
    fn a_malformed_library_is_refused_naming_the_place() {
        let cases: Vec<(String, &str)> = vec![
            (
                refused(|v| set(v, "/rows/0/value", json!(600))),
                "rows[0].value：应为文本，实际为数字。",
            ),
            (
                refused(|v| remove(v, "/rows/0/basis")),
                "rows[0].basis：缺少此项。",
            ),
            (
                refused(|v| set(v, "/rows/0/description", json!("  "))),
                "rows[0].description：不能为空。",
            ),
            (
                refused(|v| set(v, "/rows/0/level1", json!("产出"))),
                "rows[0].level1：一级指标「产出」不在规定范围内",
            ),
            (
                refused(|v| set(v, "/rows/0/level2", json!("社会效益指标"))),
                "rows[0].level2：二级指标「社会效益指标」不属于一级指标「产出指标」",
            ),
            (
                refused(|v| set(v, "/rows/0/kinds/0", json!("会议"))),
                "rows[0].kinds[0]：类别「会议」未在 kinds 中定义。",
            ),
            (
                refused(|v| set(v, "/rows/0/kinds", json!([]))),
                "rows[0].kinds：至少应属于一个类别。",
            ),
            (
                refused(|v| set(v, "/rows/0/keywords", json!("培训"))),
                "rows[0].keywords：应为数组，实际为文本。",
            ),
            (
                refused(|v| set(v, "/rows/0/keywords/0", json!(null))),
                "rows[0].keywords[0]：应为文本，实际为null。",
            ),
            (
                refused(|v| set(v, "/rows/0/value", json!("≥{X}人次"))),
                "rows[0].value：含有未知占位「{X}」",
            ),
            (
                refused(|v| set(v, "/rows/0/value", json!("≥{N人次"))),
                "rows[0].value：「{」没有对应的「}」。",
            ),
            (
                refused(|v| remove(v, "/rows/0/example/N")),
                "rows[0].example：缺少占位「{N}」的示例值。",
            ),
            (
                refused(|v| {
                    if let Some(Value::Object(m)) = v.pointer_mut("/rows/0/example") {
                        m.insert("M".into(), json!("6"));
                    }
                }),
                "rows[0].example.M：本行没有占位「{M}」。",
            ),
            (
                refused(|v| set(v, "/rows/0/example/N", json!(600))),
                "rows[0].example.N：应为文本，实际为数字。",
            ),
            (
                refused(|v| set(v, "/rows/0/example", json!([]))),
                "rows[0].example：应为对象，实际为数组。",
            ),
            (
                refused(|v| {
                    let row = v["rows"][0].clone();
                    if let Some(rows) = v["rows"].as_array_mut() {
                        rows.push(row);
                    }
                }),
                "rows[1].id：编号「training.count.trainees」与 rows[0] 重复。",
            ),
            (
                refused(|v| set(v, "/rows/0", json!("行"))),
                "rows[0]：应为对象，实际为文本。",
            ),
            (
                refused(|v| set(v, "/rows", json!([]))),
                "rows：指标库中没有任何指标。",
            ),
            (refused(|v| remove(v, "/kinds")), "kinds：缺少此项。"),
            (
                refused(|v| set(v, "/kinds/0/keywords", json!({}))),
                "kinds[0].keywords：应为数组，实际为对象。",
            ),
            (
                refused(|v| {
                    let k = v["kinds"][0].clone();
                    if let Some(kinds) = v["kinds"].as_array_mut() {
                        kinds.push(k);
                    }
                }),
                "kinds[1].name：类别「培训」重复。",
            ),
            (
                refused(|v| set(v, "/format", json!("performance-goals"))),
                "format：应为「indicator-library」",
            ),
            (
                refused(|v| set(v, "/version", json!(2))),
                "version：指标库为第 2 版，本系统只支持第 1 版。",
            ),
        ];
        for (message, expected) in cases {
            assert!(
                message.starts_with(&format!("指标库文件有误：{expected}")),
                "{message}\n  expected: {expected}"
            );
        }
    }

    #[test]
    fn text_that_is_not_a_library_is_refused_with_where_it_broke() {
        let e = Library::parse("{\n  \"format\": ").map(|_| ()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("指标库文件有误：不是有效的 JSON（第2行第"),
            "{e}"
        );
        let e = Library::parse("[]").map(|_| ()).unwrap_err();
        assert_eq!(e.to_string(), "指标库文件有误：最外层应为 JSON 对象。");
        for text in [
            "",
            "null",
            "\"x\"",
            "{}",
            "{\"format\":\"indicator-library\"}",
        ] {
            assert!(Library::parse(text).is_err(), "{text}");
        }
    }

    // ---- bad input never panics

    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::*;
        use proptest::prelude::*;
        use std::sync::OnceLock;

        fn lib() -> &'static Library {
            static LIB: OnceLock<Library> = OnceLock::new();
            LIB.get_or_init(built_in)
        }

        /// Text made of what slots and names are made of.
        fn slotty() -> impl Strategy<Value = String> {
            prop_oneof![
                "[{}N对象YM培训人次≥%率 ,，a-z]{0,16}",
                any::<String>(),
                "\\PC{0,12}"
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn parsing_any_text_never_panics(text in slotty()) {
                let _ = Library::parse(&text);
            }

            #[test]
            fn any_field_text_is_refused_or_filled_without_panic(
                field in prop_oneof![
                    Just("name"), Just("description"), Just("value"), Just("basis"),
                    Just("id"), Just("level1"), Just("level2")
                ],
                text in slotty(),
                example in slotty(),
            ) {
                let mut v = tiny();
                v["rows"][0][field] = json!(text);
                v["rows"][0]["example"]["N"] = json!(example);
                if let Ok(lib) = Library::parse(&v.to_string()) {
                    let row = &lib.rows()[0];
                    let filled = row.filled("2023");
                    // What parse accepts fills completely.
                    prop_assert!(!has_slot(&filled.value), "{}", filled.value);
                    let _ = lib.completions(&text, 5);
                }
            }

            #[test]
            fn typed_text_never_panics(a in slotty(), b in slotty()) {
                let _ = lib().completions(&a, 8);
                let _ = lib().search(&a);
                let _ = lib().recommend(&a, &b);
                let _ = lib().detect_kinds(&a, &b);
            }
        }
    }

    // ---- cost per keystroke (a measurement, not a test)

    #[test]
    #[ignore = "a measurement: cargo test --release --lib library::tests::cost -- --ignored --nocapture"]
    fn cost_per_keystroke() {
        let lib = built_in();
        let typed = [
            "培",
            "培训",
            "培训人",
            "教师培训人次",
            "满意度",
            "率",
            "办件",
            "zz",
        ];
        let rounds = 2000;
        let start = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            for t in typed {
                n += lib.completions(t, 8).len();
            }
        }
        let per = start.elapsed() / (rounds * typed.len()) as u32;
        println!(
            "completions over {} rows: {per:?} per call ({n} results)",
            lib.rows().len()
        );
        let start = std::time::Instant::now();
        for _ in 0..200 {
            n += lib
                .recommend("审批局政务中心运转专项", "保证大厅正常运转")
                .len();
        }
        println!("recommend: {:?} per call", start.elapsed() / 200);
        let start = std::time::Instant::now();
        for _ in 0..200 {
            n += lib.search("培训 满意度").len();
        }
        println!("search: {:?} per call", start.elapsed() / 200);
        let start = std::time::Instant::now();
        for _ in 0..20 {
            n += Library::parse(BUILT_IN)
                .map(|l| l.rows().len())
                .unwrap_or(0);
        }
        println!("parse: {:?} per call ({n})", start.elapsed() / 20);
    }

    #[test]
    #[ignore = "prints the top 5 recommended rows of each sample project, for the report"]
    fn print_recommendations() {
        let lib = built_in();
        for (name, funds) in sample_projects() {
            let kinds: Vec<String> = lib
                .detect_kinds(&name, &funds)
                .iter()
                .map(|m| format!("{}({})", m.kind.name, m.score))
                .collect();
            println!("\n{name}｜{funds}\n  kinds: {}", kinds.join(" "));
            for r in lib.recommend(&name, &funds).iter().take(6) {
                let f = r.filled("2023");
                println!(
                    "  {}/{} {}：{}   [{}]",
                    f.level1, f.level2, f.name, f.value, r.id
                );
            }
        }
    }

    #[allow(dead_code)]
    fn severity_is_used(s: Severity) -> bool {
        s == Severity::Error
    }
}
