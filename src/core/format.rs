//! Reading and writing the JSON file of `spec/format.md`.
//!
//! The reader walks a `serde_json::Value` by hand rather than deriving
//! `Deserialize`: that is what lets every refusal name its path
//! (`projects[2].indicators[5].value`), keep unknown keys, and take a JSON number
//! in an amount field as its exact decimal text.

use std::fmt;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::model::{
    Budget, Checkpoint, Department, DepartmentList, Document, Extra, Indicator, IndicatorField,
    Project, SpendingPlan, Unit, FORMAT_NAME, FORMAT_VERSION,
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
        }
    }
}

impl std::error::Error for ReadError {}

fn json_type_name(v: &Value) -> &'static str {
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

/// Reads a file a user opens with 导入: our JSON, or our printable HTML (which
/// carries the JSON in a data block).
pub fn read_file(text: &str) -> Result<Document, ReadError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.is_empty() {
        return Err(ReadError::Empty);
    }
    if start.starts_with('<') {
        return match super::print::embedded_json(start) {
            Some(json) => read_document(json),
            None => Err(ReadError::NotOurHtml),
        };
    }
    read_document(text)
}

/// Reads a file of our format. Refuses with a reason that names what and where;
/// vocabulary outside the list is kept for validation to report.
pub fn read_document(text: &str) -> Result<Document, ReadError> {
    // A UTF-8 byte order mark is common in files saved by Windows editors.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: json_error_detail(&e),
    })?;
    let Value::Object(map) = value else {
        return Err(ReadError::NotAnObject);
    };
    let mut top = Reader {
        path: String::new(),
        map,
    };

    match top.map.shift_remove("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(Value::String(s)) => return Err(ReadError::NotOurFormat { found: Some(s) }),
        Some(other) => {
            return Err(ReadError::NotOurFormat {
                found: Some(other.to_string()),
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
                    found: n.to_string(),
                })
            }
        },
        Some(other) => {
            return Err(ReadError::BadVersion {
                found: other.to_string(),
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
    let saved_at = top.text("saved_at")?;

    Ok(Document {
        year,
        unit,
        money_unit,
        department,
        projects,
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

/// Writes the document: pretty, two-space indent, keys in format.md's order, then
/// any unknown keys as they came. Ends with a newline.
pub fn write_document(doc: &Document, status: Status) -> String {
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
    top.insert("saved_at".into(), doc.saved_at.clone().into());
    let value = with_extra(top, &doc.extra);
    // Writing a Value built from strings and maps cannot fail.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
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
                    with_extra(r, &row.extra)
                })
                .collect(),
        ),
    );
    with_extra(m, &p.extra)
}
