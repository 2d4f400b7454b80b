//! Reading and writing the JSON file of `spec/format.md`.
//!
//! The reader walks a `serde_json::Value` by hand rather than deriving
//! `Deserialize`: that is what lets every refusal name its path
//! (`projects[2].indicators[5].value`), keep unknown keys, and take a JSON number
//! in an amount field as its exact decimal text. Before any value is built, a
//! validating pass (`scan`) refuses duplicate keys and anything past the limits
//! of `limits.rs`, so a hostile file costs little more than its own size.
//!
//! Bytes become text in one place, [`decode_text`]; every reader goes through it.

mod scan;

use std::fmt;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::limits::{
    MAX_DOCUMENT_INDICATORS, MAX_FILE_BYTES, MAX_GOALS, MAX_INDICATORS, MAX_PARAGRAPHS,
    MAX_PROJECTS, MAX_UNKNOWN_BYTES, MAX_UNKNOWN_DEPTH, MAX_UNKNOWN_VALUES,
};
use super::model::{
    Budget, Checkpoint, Department, DepartmentList, Document, Extra, Indicator, IndicatorField,
    Project, SpendingPlan, Unit, FORMAT_NAME, FORMAT_VERSION,
};
use super::review::{
    acknowledged_value, read_acknowledged, read_review, review_value, ReviewReadError,
};

/// `status` of a written file: computed from validation, never trusted on import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Complete,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Complete => "complete",
        }
    }
}

/// Why a file was refused. Each says what and where, in the preparer's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    /// An HTML file that is not a printable file of ours.
    NotOurHtml,
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    NotAnObject,
    NotOurFormat {
        found: Option<String>,
    },
    BadVersion {
        found: String,
    },
    NewerVersion {
        found: u64,
        supported: u64,
    },
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    /// Bytes that are not UTF-8: the caller may try GB18030 (an older Windows
    /// editor's "ANSI"), otherwise this is the refusal. `line` is where the
    /// first byte that is not UTF-8 stands.
    NotUtf8 {
        line: usize,
    },
    /// UTF-16 or UTF-32 (by its byte order mark): never guessed, refused.
    WrongEncoding {
        name: &'static str,
    },
    TooLarge {
        bytes: usize,
    },
    /// A list longer than its limit; `path` names the first item past it.
    TooMany {
        path: String,
        cap: Cap,
    },
    TooLong {
        path: String,
        limit: usize,
        chars: usize,
    },
    /// Unknown keys of one object of ours take more than `MAX_UNKNOWN_BYTES`.
    UnknownTooLarge {
        path: String,
    },
    /// The file's unknown data holds more than `MAX_UNKNOWN_VALUES` values.
    TooManyUnknownValues {
        path: String,
    },
    /// Unknown data nested deeper than `MAX_UNKNOWN_DEPTH`.
    TooDeep {
        path: String,
    },
    /// A key twice in one object: which one counts is not ours to guess.
    DuplicateKey {
        path: String,
    },
    /// An HTML file with our data block, but not as our writer leaves it.
    BadHtml(HtmlProblem),
    /// The `review` block or the `acknowledged` list (format.md 1.1) is not
    /// as review.md says; it names its own path.
    Review(ReviewReadError),
}

impl From<ReviewReadError> for ReadError {
    fn from(e: ReviewReadError) -> Self {
        ReadError::Review(e)
    }
}

/// The lists with a limit on their length (limits.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    Projects,
    /// Rows of one project.
    Indicators,
    /// Rows of all projects together.
    DocumentIndicators,
    Goals,
    Paragraphs,
}

impl Cap {
    pub fn max(self) -> usize {
        match self {
            Cap::Projects => MAX_PROJECTS,
            Cap::Indicators => MAX_INDICATORS,
            Cap::DocumentIndicators => MAX_DOCUMENT_INDICATORS,
            Cap::Goals => MAX_GOALS,
            Cap::Paragraphs => MAX_PARAGRAPHS,
        }
    }

    /// The limit in the preparer's words.
    pub fn rule(self) -> String {
        let n = self.max();
        match self {
            Cap::Projects => format!("每个文件最多 {n} 个项目"),
            Cap::Indicators => format!("每个项目最多 {n} 行绩效指标"),
            Cap::DocumentIndicators => format!("每个文件的绩效指标合计最多 {n} 行"),
            Cap::Goals => format!("每个项目最多 {n} 条绩效目标"),
            Cap::Paragraphs => format!("每部分最多 {n} 段"),
        }
    }
}

/// What is wrong with an HTML file that carries our data block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HtmlProblem {
    /// A comment (or a bogus comment, `<!…>`, `<?…>`) before the data block:
    /// what a browser shows and what a reader finds may differ.
    Comment,
    /// Another `<script` before the data block.
    SecondBlock,
    /// `</script` (in any case) inside the block: a browser ends the block there.
    ScriptEndInside,
    /// Any other `<` inside the block: our writer escapes every one.
    MarkupInside,
    /// The block is not the last thing before `</body></html>`.
    NotLast,
}

impl HtmlProblem {
    fn detail(self) -> &'static str {
        match self {
            HtmlProblem::Comment => "在数据块之前有注释（<!-- -->）",
            HtmlProblem::SecondBlock => "含有不止一个数据块（<script>）",
            HtmlProblem::ScriptEndInside => "的数据块中含有「</script」",
            HtmlProblem::MarkupInside => "的数据块中含有「<」",
            HtmlProblem::NotLast => "的数据块不在本系统写入的位置（</body> 之前的最后一项）",
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => write!(f, "文件是空的，未导入。"),
            ReadError::NotOurHtml => write!(
                f,
                "这个 HTML 文件不是本系统导出的可打印文件（其中没有绩效目标数据），未导入。"
            ),
            ReadError::NotJson { line, column, detail } => write!(
                f,
                "文件不是有效的 JSON（第{line}行第{column}列：{detail}），未导入。"
            ),
            ReadError::NotAnObject => {
                write!(f, "文件内容不是绩效目标文件（最外层应为 JSON 对象），未导入。")
            }
            ReadError::NotOurFormat { found: None } => write!(
                f,
                "文件缺少 \"format\": \"{FORMAT_NAME}\"，不是本系统导出的绩效目标文件，未导入。"
            ),
            ReadError::NotOurFormat { found: Some(other) } => write!(
                f,
                "文件的 format 为「{other}」，不是本系统的绩效目标文件（应为「{FORMAT_NAME}」），未导入。"
            ),
            ReadError::BadVersion { found } => write!(
                f,
                "文件的 version 为「{found}」，应为正整数（本系统支持版本 {FORMAT_VERSION}），未导入。"
            ),
            ReadError::NewerVersion { found, supported } => write!(
                f,
                "文件为第 {found} 版格式，本系统只支持到第 {supported} 版。请使用新版本的填报系统打开，未导入。"
            ),
            ReadError::WrongType { path, expected, found } => write!(
                f,
                "文件中「{path}」应为{expected}，实际为{found}，未导入。"
            ),
            ReadError::NotUtf8 { line } => write!(
                f,
                "文件不是 UTF-8 编码的文本（第{line}行起），可能是 GBK/ANSI 编码。请用记事本等编辑器「另存为」UTF-8 编码后再导入，未导入。"
            ),
            ReadError::WrongEncoding { name } => write!(
                f,
                "文件是 {name} 编码。请用记事本等编辑器「另存为」UTF-8 编码后再导入，未导入。"
            ),
            ReadError::TooLarge { bytes } => {
                // Whole tenths of a MB, in integers.
                let tenths = bytes / (1024 * 1024 / 10);
                write!(
                    f,
                    "文件有 {}.{} MB，超过 {} MB 的上限。绩效目标文件通常不到 1 MB，请确认选择的文件是否正确，未导入。",
                    tenths / 10,
                    tenths % 10,
                    MAX_FILE_BYTES / (1024 * 1024)
                )
            }
            ReadError::TooMany { path, cap } => {
                write!(f, "文件中「{path}」：{}，未导入。", cap.rule())
            }
            ReadError::TooLong { path, limit, chars } => write!(
                f,
                "文件中「{path}」有 {chars} 个字，超过每项 {limit} 字的上限，未导入。"
            ),
            ReadError::UnknownTooLarge { path } => write!(
                f,
                "文件中「{path}」含有本系统不认识的数据超过 {} KB，未导入。",
                MAX_UNKNOWN_BYTES / 1024
            ),
            ReadError::TooManyUnknownValues { path } => write!(
                f,
                "文件中本系统不认识的数据超过 {MAX_UNKNOWN_VALUES} 项（到「{path}」为止），未导入。"
            ),
            ReadError::TooDeep { path } => write!(
                f,
                "文件中「{path}」嵌套超过 {MAX_UNKNOWN_DEPTH} 层，未导入。"
            ),
            ReadError::DuplicateKey { path } => write!(
                f,
                "文件中「{path}」出现了两次（同一对象中的键重复），无法确定以哪一个为准，未导入。"
            ),
            ReadError::BadHtml(problem) => write!(
                f,
                "这个 HTML 文件{}，可能被改动过，未导入。",
                problem.detail()
            ),
            ReadError::Review(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// The kind of a JSON value as messages name it (`应为文本，实际为数字`).
pub(crate) fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "文本",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

/// Walks one JSON object, taking the known keys out and leaving the rest as `Extra`.
struct Reader {
    path: String,
    map: Map<String, Value>,
}

impl Reader {
    fn new(path: String, value: Value) -> Result<Self, ReadError> {
        match value {
            Value::Object(map) => Ok(Reader { path, map }),
            other => Err(ReadError::WrongType {
                path: display_path(&path),
                expected: "对象",
                found: json_type_name(&other),
            }),
        }
    }

    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn wrong(&self, key: &str, expected: &'static str, found: &Value) -> ReadError {
        ReadError::WrongType {
            path: self.child(key),
            expected,
            found: json_type_name(found),
        }
    }

    /// A text field. Absent or null is `""` (format.md: a field never seen is filled with "").
    fn text(&mut self, key: &str) -> Result<String, ReadError> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(self.wrong(key, "文本", &other)),
        }
    }

    /// An amount or percentage: text, or a JSON number taken as its exact decimal text.
    fn decimal_text(&mut self, key: &str) -> Result<String, ReadError> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s),
            Some(Value::Number(n)) => Ok(number_text(&n)),
            Some(other) => Err(self.wrong(key, "文本或数字", &other)),
        }
    }

    fn text_list(&mut self, key: &str) -> Result<Vec<String>, ReadError> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok(s),
                    Value::Null => Ok(String::new()),
                    other => Err(ReadError::WrongType {
                        path: format!("{}[{i}]", self.child(key)),
                        expected: "文本",
                        found: json_type_name(&other),
                    }),
                })
                .collect(),
            Some(other) => Err(self.wrong(key, "数组", &other)),
        }
    }

    fn object(&mut self, key: &str) -> Result<Reader, ReadError> {
        let path = self.child(key);
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => Ok(Reader {
                path,
                map: Map::new(),
            }),
            Some(value) => Reader::new(path, value),
        }
    }

    fn array(&mut self, key: &str) -> Result<Vec<Value>, ReadError> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(self.wrong(key, "数组", &other)),
        }
    }

    fn rest(self) -> Extra {
        self.map
    }
}

/// The path as a reader writes it: `projects[2].indicators[5]`.
fn display_path(path: &str) -> String {
    if path.is_empty() {
        "（文件最外层）".to_string()
    } else {
        path.to_string()
    }
}

/// A JSON number as decimal text, digit for digit (`5.00` stays `5.00`);
/// exponent forms are expanded (`1e2` → `100`).
fn number_text(n: &serde_json::Number) -> String {
    let text = n.to_string();
    if text.contains(['e', 'E']) {
        if let Ok(d) = Decimal::from_scientific(&text) {
            return d.normalize().to_string();
        }
    }
    text
}

/// The text of a file's bytes, the one place where bytes become text: UTF-8,
/// with any number of byte order marks stripped (a file re-saved by two
/// Windows editors may carry two). UTF-16 and UTF-32 are refused by their byte
/// order mark; other bytes that are not UTF-8 give [`ReadError::NotUtf8`], so
/// that the caller may try GB18030 and, if that decodes cleanly, read the
/// result (the browser with its `TextDecoder`, the checker with encoding_rs).
pub fn decode_text(bytes: &[u8]) -> Result<&str, ReadError> {
    // UTF-32 LE starts like UTF-16 LE, so it is asked first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ReadError::WrongEncoding { name: "UTF-32" });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::WrongEncoding { name: "UTF-16" });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.trim_start_matches('\u{feff}')),
        Err(e) => Err(ReadError::NotUtf8 {
            line: 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
        }),
    }
}

/// Shortens text quoted in a message (a hostile key or value may be megabytes).
pub(crate) fn abbreviate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Reads a file of our format. Refuses with a reason that names what and
/// where; vocabulary outside the list is kept for validation to report. Text
/// from bytes comes from [`decode_text`]; its byte order marks are stripped
/// here by the same function.
pub fn read_document(text: &str) -> Result<Document, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let text = decode_text(text.as_bytes())?;
    let not_json = |e: serde_json::Error| ReadError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: json_error_detail(&e),
    };
    match scan::check(text) {
        Ok(()) => {}
        Err(scan::Stop::Refused(e)) => return Err(e),
        Err(scan::Stop::Syntax { offset }) => {
            // serde_json says where and what, building nothing.
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
            // It accepts what the pass did not: refuse where the pass stopped.
            let before = &text[..text.floor_char_boundary(offset)];
            return Err(ReadError::NotJson {
                line: 1 + before.matches('\n').count(),
                column: 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count()),
                detail: "语法错误".to_string(),
            });
        }
    }
    // Only now is anything built, and the pass has bounded what.
    let value: Value = serde_json::from_str(text).map_err(not_json)?;
    let Value::Object(map) = value else {
        return Err(ReadError::NotAnObject);
    };
    let mut top = Reader {
        path: String::new(),
        map,
    };

    match top.map.shift_remove("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(Value::String(s)) => {
            return Err(ReadError::NotOurFormat {
                found: Some(abbreviate(&s, 40)),
            })
        }
        Some(other) => {
            return Err(ReadError::NotOurFormat {
                found: Some(abbreviate(&other.to_string(), 40)),
            })
        }
        None => return Err(ReadError::NotOurFormat { found: None }),
    }
    match top.map.shift_remove("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > FORMAT_VERSION => {
                return Err(ReadError::NewerVersion {
                    found: v,
                    supported: FORMAT_VERSION,
                })
            }
            Some(v) if v >= 1 => {}
            _ => {
                return Err(ReadError::BadVersion {
                    found: abbreviate(&n.to_string(), 40),
                })
            }
        },
        Some(other) => {
            return Err(ReadError::BadVersion {
                found: abbreviate(&other.to_string(), 40),
            })
        }
        None => {
            return Err(ReadError::BadVersion {
                found: "（缺少）".to_string(),
            })
        }
    }
    // Recomputed from validation; what the file says is never trusted.
    top.map.shift_remove("status");

    let year = top.text("year")?;
    let mut unit_reader = top.object("unit")?;
    let unit = Unit {
        code: unit_reader.text("code")?,
        name: unit_reader.text("name")?,
        extra: Extra::new(),
    };
    let unit = Unit {
        extra: unit_reader.rest(),
        ..unit
    };
    let money_unit = top.text("money_unit")?;

    let mut dep_reader = top.object("department")?;
    let mut department = Department::default();
    for list in DepartmentList::ALL {
        *department.list_mut(list) = dep_reader.text_list(list.key())?;
    }
    department.extra = dep_reader.rest();

    let project_values = top.array("projects")?;
    let mut projects = Vec::with_capacity(project_values.len());
    for (i, value) in project_values.into_iter().enumerate() {
        projects.push(read_project(format!("projects[{i}]"), value)?);
    }
    // Null is the same as absent, as for every other key.
    let acknowledged = match top.map.shift_remove("acknowledged") {
        None => Vec::new(),
        Some(v) => read_acknowledged(v, "acknowledged")?,
    };
    let review = match top.map.shift_remove("review") {
        None | Some(Value::Null) => None,
        Some(v) => Some(read_review(v, "review")?),
    };
    let saved_at = top.text("saved_at")?;

    Ok(Document {
        year,
        unit,
        money_unit,
        department,
        projects,
        acknowledged,
        review,
        saved_at,
        extra: top.rest(),
    })
}

fn json_error_detail(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件不完整，可能被截断".to_string(),
        Category::Syntax => "语法错误".to_string(),
        Category::Data => "数据错误".to_string(),
        Category::Io => "读取错误".to_string(),
    }
}

fn read_project(path: String, value: Value) -> Result<Project, ReadError> {
    let mut r = Reader::new(path, value)?;
    let code = r.text("code")?;
    let name = r.text("name")?;
    let mut b = r.object("budget")?;
    let budget = Budget {
        total: b.decimal_text("total")?,
        fiscal: b.decimal_text("fiscal")?,
        other: b.decimal_text("other")?,
        extra: Extra::new(),
    };
    let budget = Budget {
        extra: b.rest(),
        ..budget
    };
    let use_of_funds = r.text("use_of_funds")?;
    let mut s = r.object("spending_plan")?;
    let mut spending_plan = SpendingPlan::default();
    for c in Checkpoint::ALL {
        *spending_plan.get_mut(c) = s.decimal_text(c.key())?;
    }
    spending_plan.extra = s.rest();
    let goals = r.text_list("goals")?;
    let rows = r.array("indicators")?;
    let mut indicators = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let mut ir = Reader::new(format!("{}[{i}]", r.child("indicators")), row)?;
        let mut indicator = Indicator::default();
        for f in IndicatorField::ALL {
            *indicator.get_mut(f) = ir.text(f.key())?;
        }
        // Absent (or null) is no value at all, unlike the six cells: the row
        // was not started from last year's.
        indicator.last_year_value = match ir.map.shift_remove(LAST_YEAR_VALUE) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => return Err(ir.wrong(LAST_YEAR_VALUE, "文本", &other)),
        };
        indicator.extra = ir.rest();
        indicators.push(indicator);
    }
    Ok(Project {
        code,
        name,
        budget,
        use_of_funds,
        spending_plan,
        goals,
        indicators,
        extra: r.rest(),
    })
}

/// The key of 上年指标值 in an indicator row (format.md 1.1).
pub const LAST_YEAR_VALUE: &str = "last_year_value";

/// Writes the document: pretty, two-space indent, keys in format.md's order, then
/// any unknown keys as they came. Ends with a newline. The optional keys of
/// format.md 1.1 are written only when they hold something (`acknowledged`
/// not empty, `review` and `last_year_value` present), so a file without them
/// is written exactly as before they existed.
pub fn write_document(doc: &Document, status: Status) -> String {
    // Writing a Value built from strings and maps cannot fail.
    let mut text = serde_json::to_string_pretty(&document_value(doc, status)).unwrap_or_default();
    text.push('\n');
    text
}

/// The same document on one line, as a draft is kept in the browser's
/// storage. Indentation is about 40 % of a pretty draft's characters; the
/// browser keeps Chinese text at two bytes a character and reads the whole
/// of a site's storage when a page starts, so a compact draft leaves room for
/// more drafts and starts the page sooner. Files (downloads, exports) stay
/// pretty; [`read_document`] reads both.
pub fn write_document_compact(doc: &Document, status: Status) -> String {
    serde_json::to_string(&document_value(doc, status)).unwrap_or_default()
}

fn document_value(doc: &Document, status: Status) -> Value {
    let mut top = Map::new();
    top.insert("format".into(), FORMAT_NAME.into());
    top.insert("version".into(), FORMAT_VERSION.into());
    top.insert("status".into(), status.as_str().into());
    top.insert("year".into(), doc.year.clone().into());
    let mut unit = Map::new();
    unit.insert("code".into(), doc.unit.code.clone().into());
    unit.insert("name".into(), doc.unit.name.clone().into());
    top.insert("unit".into(), with_extra(unit, &doc.unit.extra));
    top.insert("money_unit".into(), doc.money_unit.clone().into());
    let mut dep = Map::new();
    for list in DepartmentList::ALL {
        dep.insert(list.key().into(), text_array(doc.department.list(list)));
    }
    top.insert("department".into(), with_extra(dep, &doc.department.extra));
    top.insert(
        "projects".into(),
        Value::Array(doc.projects.iter().map(project_value).collect()),
    );
    if !doc.acknowledged.is_empty() {
        top.insert("acknowledged".into(), acknowledged_value(&doc.acknowledged));
    }
    if let Some(review) = &doc.review {
        top.insert("review".into(), review_value(review));
    }
    top.insert("saved_at".into(), doc.saved_at.clone().into());
    with_extra(top, &doc.extra)
}

fn with_extra(mut map: Map<String, Value>, extra: &Extra) -> Value {
    for (k, v) in extra {
        if !map.contains_key(k) {
            map.insert(k.clone(), v.clone());
        }
    }
    Value::Object(map)
}

fn text_array(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::String(s.clone())).collect())
}

fn project_value(p: &Project) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), p.code.clone().into());
    m.insert("name".into(), p.name.clone().into());
    let mut budget = Map::new();
    budget.insert("total".into(), p.budget.total.clone().into());
    budget.insert("fiscal".into(), p.budget.fiscal.clone().into());
    budget.insert("other".into(), p.budget.other.clone().into());
    m.insert("budget".into(), with_extra(budget, &p.budget.extra));
    m.insert("use_of_funds".into(), p.use_of_funds.clone().into());
    let mut plan = Map::new();
    for c in Checkpoint::ALL {
        plan.insert(c.key().into(), p.spending_plan.get(c).clone().into());
    }
    m.insert(
        "spending_plan".into(),
        with_extra(plan, &p.spending_plan.extra),
    );
    m.insert("goals".into(), text_array(&p.goals));
    m.insert(
        "indicators".into(),
        Value::Array(
            p.indicators
                .iter()
                .map(|row| {
                    let mut r = Map::new();
                    for f in IndicatorField::ALL {
                        r.insert(f.key().into(), row.get(f).clone().into());
                    }
                    if let Some(last) = &row.last_year_value {
                        r.insert(LAST_YEAR_VALUE.into(), last.clone().into());
                    }
                    with_extra(r, &row.extra)
                })
                .collect(),
        ),
    );
    with_extra(m, &p.extra)
}
