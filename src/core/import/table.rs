//! Reading a table as the official forms lay it out: an indicator table by its
//! header texts, or a whole 项目支出绩效目标表 by the labels of its head
//! (项目编码, 预算数, 资金支出计划…) wherever they stand. Text is kept as in
//! the source, only trimmed; what was recognised and what was left out is said
//! in [`TableRead::notes`] for the preview.

use std::fmt;

use super::grid::{Grid, Matrix, MAX_COLUMNS, MAX_ROWS};
use super::label_key;
use crate::core::model::{Checkpoint, Indicator, IndicatorField, Project};

/// What a table turned out to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// A whole 项目支出绩效目标表: head and (usually) indicator rows.
    Project,
    /// Indicator rows under a recognised header.
    Indicators,
    /// Six columns without a header, read in the official column order.
    IndicatorsPositional,
}

/// A table read. For an indicator table only `project.indicators` is filled.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRead {
    pub kind: TableKind,
    pub project: Project,
    /// 单位编码 and 单位名称 when the table's title row states them
    /// (`120001承德高新区行政审批局本级`), else empty.
    pub unit_code: String,
    pub unit_name: String,
    /// 预算年度 when a title row states it (`（2023年度）`), else empty.
    pub year: String,
    /// For the preview, in Chinese: the columns and labels recognised, what was
    /// left out and why.
    pub notes: Vec<String>,
}

/// Why a table could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    Empty,
    /// No header and not six columns: the columns cannot be told apart.
    NoHeader {
        columns: usize,
    },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::Empty => f.write_str("表格为空，没有可导入的内容。"),
            TableError::NoHeader { columns } => write!(
                f,
                "未识别出绩效指标表：没有找到表头（一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据），表格也不是 6 列（现有 {columns} 列）。请连同表头一起复制。"
            ),
        }
    }
}

impl std::error::Error for TableError {}

/// Reads a grid as whatever it holds: a whole project table when it has the
/// head's labels, else an indicator table.
pub fn read(grid: &Grid) -> Result<TableRead, TableError> {
    let sheet = Sheet::new(grid);
    if sheet.is_empty() {
        return Err(TableError::Empty);
    }
    if sheet.looks_like_project() {
        Ok(sheet.read_project())
    } else {
        sheet.read_indicators()
    }
}

/// Reads a grid as an indicator table only (a paste into the indicator
/// table): a project head above the header, if any, is left out.
pub fn read_indicators(grid: &Grid) -> Result<TableRead, TableError> {
    let sheet = Sheet::new(grid);
    if sheet.is_empty() {
        return Err(TableError::Empty);
    }
    sheet.read_indicators()
}

/// Labels of a project table's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Code,
    Name,
    Total,
    Fiscal,
    Other,
    UseOfFunds,
    Plan,
    Checkpoint(Checkpoint),
    Goals,
    UnitCode,
    UnitName,
}

impl Label {
    fn text(self) -> &'static str {
        match self {
            Label::Code => "项目编码",
            Label::Name => "项目名称",
            Label::Total => "预算数",
            Label::Fiscal => "财政资金",
            Label::Other => "其他资金",
            Label::UseOfFunds => "资金用途",
            Label::Plan => "资金支出计划",
            Label::Checkpoint(c) => c.label(),
            Label::Goals => "绩效目标",
            Label::UnitCode => "单位编码",
            Label::UnitName => "单位名称",
        }
    }
}

fn head_label(key: &str) -> Option<Label> {
    let key = key.trim_end_matches(':');
    let key = key.strip_prefix("其中:").unwrap_or(key);
    let bare = without_brackets(key);
    let label = match bare.as_str() {
        "项目编码" | "项目代码" | "项目编号" => Label::Code,
        "项目名称" => Label::Name,
        "预算数" | "预算金额" | "项目资金" | "资金总额" | "年度资金总额" | "预算资金" => {
            Label::Total
        }
        "财政资金" | "财政拨款" | "财政拨款资金" => Label::Fiscal,
        "其他资金" => Label::Other,
        "资金用途" | "预算规模及资金用途" | "项目资金用途" | "项目资金及用途" => {
            Label::UseOfFunds
        }
        "资金支出计划" | "支出计划" | "资金支出进度计划" => Label::Plan,
        "绩效目标" | "年度绩效目标" | "年度目标" | "项目绩效目标" => {
            Label::Goals
        }
        "单位编码" | "单位代码" => Label::UnitCode,
        "单位名称" | "预算单位" | "填报单位" | "部门名称" | "部门(单位)名称" => {
            Label::UnitName
        }
        other => Label::Checkpoint(checkpoint(other)?),
    };
    Some(label)
}

/// `3月底`, `3月末`, `截至3月底`, `3月` → the checkpoint.
fn checkpoint(key: &str) -> Option<Checkpoint> {
    let key = key
        .strip_prefix("截至")
        .or_else(|| key.strip_prefix("截止"))
        .unwrap_or(key);
    let month = key
        .strip_suffix("月底")
        .or_else(|| key.strip_suffix("月末"))
        .or_else(|| key.strip_suffix('月'))?;
    Checkpoint::ALL
        .into_iter()
        .find(|c| month == c.month().to_string())
}

fn header_field(key: &str) -> Option<IndicatorField> {
    let field = match without_brackets(key.trim_end_matches(':')).as_str() {
        "一级指标" => IndicatorField::Level1,
        "二级指标" => IndicatorField::Level2,
        "三级指标" | "指标名称" | "三级指标名称" => IndicatorField::Name,
        "绩效指标描述" | "指标描述" | "指标解释" | "指标内容" | "指标说明" | "绩效指标解释" => {
            IndicatorField::Description
        }
        "指标值" | "目标值" | "年度指标值" | "指标目标值" | "年度目标值" | "绩效指标值" => {
            IndicatorField::Value
        }
        "指标值确定依据" | "指标值设定依据" | "依据" | "确定依据" | "设定依据" | "指标值依据" => {
            IndicatorField::Basis
        }
        _ => return None,
    };
    Some(field)
}

/// `指标值(包含数字及文字描述)` → `指标值`: a header's bracketed gloss is not its name.
fn without_brackets(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut depth = 0usize;
    for c in key.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A cell's text shortened for a note.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(20).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Drops a goal's list number: `1.目标内容1` → `目标内容1`, `（2）…` → `…`;
/// `1.5万人次` keeps its digits.
fn strip_list_number(line: &str) -> &str {
    let line = line.trim();
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=2).contains(&digits) {
        let rest = &line[digits..];
        for mark in ['.', '、', '．'] {
            if let Some(after) = rest.strip_prefix(mark) {
                // After a dot, a digit makes it a decimal (`1.5万`), not a list number.
                if mark == '、' || !after.starts_with(|c: char| c.is_ascii_digit()) {
                    return after.trim_start();
                }
            }
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = line.strip_prefix(open) {
            if let Some(end) = inner.find(close) {
                if (1..=2).contains(&end) && inner[..end].bytes().all(|b| b.is_ascii_digit()) {
                    return inner[end + close.len_utf8()..].trim_start();
                }
            }
        }
    }
    line
}

/// The matrix with each cell's label key computed once.
struct Sheet {
    m: Matrix,
    /// label_key of the text of each slot's cell (so every slot of a merge).
    keys: Vec<Vec<String>>,
    /// The indicator header row, when there is one.
    header: Option<usize>,
}

impl Sheet {
    fn new(grid: &Grid) -> Self {
        let m = Matrix::new(grid);
        let keys: Vec<Vec<String>> = (0..m.height())
            .map(|r| (0..m.width()).map(|c| label_key(m.text(r, c))).collect())
            .collect();
        let mut sheet = Sheet {
            m,
            keys,
            header: None,
        };
        sheet.header = (0..sheet.m.height()).find(|&r| sheet.is_header_row(r));
        sheet
    }

    fn is_empty(&self) -> bool {
        self.keys.iter().flatten().all(String::is_empty)
    }

    fn key(&self, r: usize, c: usize) -> &str {
        self.keys
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }

    /// The slots of a row, one per cell (a merged cell once).
    fn cells_of_row(&self, r: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for c in 0..self.m.width() {
            let origin = self.m.origin(r, c);
            if origin.is_some() && out.last().map(|&p| self.m.origin(r, p)) != Some(origin) {
                out.push(c);
            }
        }
        out
    }

    /// Header columns of a row: each field with the first column naming it.
    fn header_columns(&self, r: usize) -> Vec<(IndicatorField, usize)> {
        let mut found: Vec<(IndicatorField, usize)> = Vec::new();
        for c in self.cells_of_row(r) {
            if let Some(f) = header_field(self.key(r, c)) {
                if !found.iter().any(|(g, _)| *g == f) {
                    found.push((f, c));
                }
            }
        }
        found
    }

    fn is_header_row(&self, r: usize) -> bool {
        let cols = self.header_columns(r);
        cols.len() >= 3
            && cols.iter().any(|(f, _)| {
                matches!(
                    f,
                    IndicatorField::Level1 | IndicatorField::Level2 | IndicatorField::Name
                )
            })
    }

    fn label_at(&self, r: usize, c: usize) -> Option<Label> {
        head_label(self.key(r, c))
    }

    fn is_any_label(&self, r: usize, c: usize) -> bool {
        let key = self.key(r, c);
        head_label(key).is_some() || header_field(key).is_some()
    }

    /// The head's labels, each cell once, in reading order (above the
    /// indicator header when there is one).
    fn labels(&self) -> Vec<(usize, usize, Label)> {
        let end = self.header.unwrap_or(self.m.height());
        let mut out = Vec::new();
        for r in 0..end {
            for c in self.cells_of_row(r) {
                if self.m.origin(r, c) != Some((r, c)) {
                    continue;
                }
                if let Some(label) = self.label_at(r, c) {
                    out.push((r, c, label));
                }
            }
        }
        out
    }

    fn looks_like_project(&self) -> bool {
        let labels = self.labels();
        let has = |l: Label| labels.iter().any(|(_, _, x)| *x == l);
        let kinds = [
            Label::Code,
            Label::Name,
            Label::Total,
            Label::Fiscal,
            Label::UseOfFunds,
            Label::Plan,
            Label::Goals,
        ];
        has(Label::Code) || has(Label::Name) || kinds.iter().filter(|&&l| has(l)).count() >= 2
    }

    /// A label starts in this row (a label merged down from above does not count).
    fn row_has_label(&self, r: usize) -> bool {
        (0..self.m.width())
            .any(|c| self.m.origin(r, c).is_some_and(|o| o.0 == r) && self.label_at(r, c).is_some())
    }

    /// The value beside a label: the next cell to its right, or the cell below
    /// it when the right-hand cell is another label or there is none.
    fn value_of(&self, r: usize, c: usize) -> Option<&str> {
        let right = self.m.end_col(r, c);
        if right < self.m.width()
            && self.m.origin(r, right).is_some()
            && !self.is_any_label(r, right)
        {
            return Some(self.m.text(r, right).trim());
        }
        let below = self.m.row_range(r, c).end;
        if below < self.m.height()
            && self.m.origin(below, c).is_some()
            && !self.is_any_label(below, c)
            && self.header != Some(below)
        {
            return Some(self.m.text(below, c).trim());
        }
        None
    }

    /// The rows that belong to a label standing at the left of a block
    /// (预算规模及资金用途, 绩效目标): the rows it spans, then the rows below
    /// whose slot under it is empty, until a row with a label or the header.
    fn block_rows(&self, r: usize, c: usize) -> Vec<usize> {
        let range = self.m.row_range(r, c);
        let mut rows: Vec<usize> = range.clone().collect();
        let end = self.header.unwrap_or(self.m.height());
        for below in range.end..end {
            if !self.m.text(below, c).trim().is_empty() || self.row_has_label(below) {
                break;
            }
            rows.push(below);
        }
        rows
    }

    /// Texts of the cells right of a block label in the given row.
    fn texts_right_of(&self, row: usize, c: usize, label_row: usize) -> Vec<&str> {
        let from = self.m.end_col(label_row, c);
        self.cells_of_row(row)
            .into_iter()
            .filter(|&col| col >= from && self.m.origin(row, col) == Some((row, col)))
            .map(|col| self.m.text(row, col).trim())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn read_project(&self) -> TableRead {
        let labels = self.labels();
        let mut project = Project::default();
        let mut found: Vec<&'static str> = Vec::new();
        let mut unit_code = String::new();
        let mut unit_name = String::new();
        // The first label of a kind with a value wins; later ones (a second
        // 预算数 in a summary row) are ignored.
        let mut set = |slot: &mut String, label: Label, value: Option<&str>| {
            if let Some(v) = value {
                if slot.is_empty() && !v.is_empty() {
                    *slot = v.to_string();
                }
            }
            if !found.contains(&label.text()) {
                found.push(label.text());
            }
        };
        for &(r, c, label) in &labels {
            match label {
                Label::Code => set(&mut project.code, label, self.value_of(r, c)),
                Label::Name => set(&mut project.name, label, self.value_of(r, c)),
                Label::Total => set(&mut project.budget.total, label, self.value_of(r, c)),
                Label::Fiscal => set(&mut project.budget.fiscal, label, self.value_of(r, c)),
                Label::Other => set(&mut project.budget.other, label, self.value_of(r, c)),
                Label::UnitCode => set(&mut unit_code, label, self.value_of(r, c)),
                Label::UnitName => set(&mut unit_name, label, self.value_of(r, c)),
                Label::Checkpoint(cp) => {
                    let value = self.checkpoint_value(r, c);
                    set(project.spending_plan.get_mut(cp), label, value)
                }
                Label::Plan => set(&mut String::new(), label, None),
                Label::UseOfFunds => {
                    let value = self.use_of_funds(r, c);
                    set(&mut project.use_of_funds, label, value)
                }
                Label::Goals => {
                    if project.goals.is_empty() {
                        project.goals = self.goals(r, c);
                    }
                    set(&mut String::new(), label, None)
                }
            }
        }
        let mut notes = Vec::new();
        let head = [
            Label::Code,
            Label::Name,
            Label::Total,
            Label::Fiscal,
            Label::Other,
            Label::UseOfFunds,
            Label::Plan,
            Label::Goals,
        ];
        let recognised: Vec<&str> = head
            .iter()
            .map(|l| l.text())
            .filter(|t| found.contains(t))
            .collect();
        let missing: Vec<&str> = head
            .iter()
            .map(|l| l.text())
            .filter(|t| !found.contains(t))
            .collect();
        if !recognised.is_empty() {
            notes.push(format!("识别的项目信息：{}。", recognised.join("、")));
        }
        if !missing.is_empty() {
            notes.push(format!("表中没有：{}，导入后为空。", missing.join("、")));
        }
        if unit_name.is_empty() {
            if let Some((code, name)) = self.unit_row(&labels) {
                if unit_code.is_empty() {
                    unit_code = code;
                }
                unit_name = name;
            }
        }
        let year = self.year_in_title(&labels);
        let mut read = match self.header {
            Some(_) => self.indicator_rows(&mut notes),
            None => {
                notes.push("表中没有绩效指标表头，未导入指标。".to_string());
                TableRead::empty(TableKind::Project)
            }
        };
        read.kind = TableKind::Project;
        project.indicators = std::mem::take(&mut read.project.indicators);
        read.project = project;
        read.unit_code = unit_code;
        read.unit_name = unit_name;
        read.year = year;
        read.notes = notes;
        self.note_truncated(&mut read.notes);
        read
    }

    fn checkpoint_value(&self, r: usize, c: usize) -> Option<&str> {
        // Values sit under the checkpoint labels; the right-hand cell is the next label.
        let below = self.m.row_range(r, c).end;
        if below < self.m.height()
            && self.m.origin(below, c).is_some()
            && !self.is_any_label(below, c)
            && self.header != Some(below)
        {
            return Some(self.m.text(below, c).trim());
        }
        self.value_of(r, c)
    }

    fn use_of_funds(&self, r: usize, c: usize) -> Option<&str> {
        // 预算规模及资金用途 heads a block: amounts on its first row, the use
        // below. A plain 资金用途 label has its text beside it.
        for row in self.block_rows(r, c) {
            if row == r || self.row_has_label(row) {
                continue;
            }
            if let Some(text) = self.texts_right_of(row, c, r).first() {
                return Some(text);
            }
        }
        if self.m.end_col(r, c) < self.m.width() {
            self.value_of(r, c)
        } else {
            None
        }
    }

    fn goals(&self, r: usize, c: usize) -> Vec<String> {
        let mut goals = Vec::new();
        for row in self.block_rows(r, c) {
            if row != r && self.row_has_label(row) {
                continue;
            }
            for text in self.texts_right_of(row, c, r) {
                goals.extend(
                    text.lines()
                        .map(strip_list_number)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                );
            }
        }
        goals
    }

    /// `120001承德高新区行政审批局本级` above the head: 单位编码 and 单位名称.
    fn unit_row(&self, labels: &[(usize, usize, Label)]) -> Option<(String, String)> {
        let first_label = labels.first().map_or(0, |l| l.0);
        for r in 0..first_label {
            for c in self.cells_of_row(r) {
                let text = self.m.text(r, c).trim();
                let key = label_key(text);
                if key.is_empty()
                    || key.contains("万元")
                    || key.contains("金额单位")
                    || key.starts_with("单位:元")
                    || key.contains("绩效目标")
                    || key.contains("年度")
                {
                    continue;
                }
                // `单位名称：…`, `填报单位：…`: the part after the colon.
                let text = match text.find(['：', ':']) {
                    Some(i) if text[..i].contains("单位") || text[..i].contains("部门") => {
                        text[i..].trim_start_matches(['：', ':']).trim()
                    }
                    Some(_) => continue,
                    None => text,
                };
                let digits = text.len()
                    - text
                        .trim_start_matches(|ch: char| ch.is_ascii_digit())
                        .len();
                let (code, name) = text.split_at(if digits >= 3 { digits } else { 0 });
                let name = name.trim();
                if !name.is_empty() {
                    return Some((code.to_string(), name.to_string()));
                }
            }
        }
        None
    }

    /// `（2023年度）` in a title row above the head.
    fn year_in_title(&self, labels: &[(usize, usize, Label)]) -> String {
        let first_label = labels.first().map_or(0, |l| l.0);
        (0..first_label)
            .flat_map(|r| self.cells_of_row(r).into_iter().map(move |c| (r, c)))
            .find_map(|(r, c)| year_in(self.m.text(r, c)))
            .unwrap_or_default()
    }

    fn read_indicators(&self) -> Result<TableRead, TableError> {
        let mut notes = Vec::new();
        let mut read = if self.header.is_some() {
            self.indicator_rows(&mut notes)
        } else {
            self.positional(&mut notes)?
        };
        read.notes = notes;
        self.note_truncated(&mut read.notes);
        Ok(read)
    }

    fn note_truncated(&self, notes: &mut Vec<String>) {
        if self.m.truncated {
            notes.push(format!(
                "表格超出 {MAX_ROWS} 行或 {MAX_COLUMNS} 列，超出部分未导入。"
            ));
        }
    }

    /// Six columns without a header: the official order.
    fn positional(&self, notes: &mut Vec<String>) -> Result<TableRead, TableError> {
        let six = IndicatorField::ALL.len();
        // Six columns, some maybe empty in every row (no 描述 typed); or six
        // columns with content beside empty ones (a stray separator).
        let used: Vec<usize> = if self.m.width() == six {
            (0..six).collect()
        } else {
            (0..self.m.width())
                .filter(|&c| (0..self.m.height()).any(|r| !self.key(r, c).is_empty()))
                .collect()
        };
        if used.len() != six {
            return Err(TableError::NoHeader {
                columns: self.m.width(),
            });
        }
        let columns: Vec<(IndicatorField, usize)> =
            IndicatorField::ALL.into_iter().zip(used).collect();
        notes.push(format!(
            "没有找到表头，按列的顺序读作：{}。请核对。",
            IndicatorField::ALL.map(IndicatorField::label).join("、")
        ));
        let mut read = TableRead::empty(TableKind::IndicatorsPositional);
        read.project.indicators = self.rows_to_indicators(0, &columns, notes);
        Ok(read)
    }

    fn indicator_rows(&self, notes: &mut Vec<String>) -> TableRead {
        let mut read = TableRead::empty(TableKind::Indicators);
        let Some(header) = self.header else {
            return read;
        };
        let columns = self.header_columns(header);
        let described: Vec<String> = columns
            .iter()
            .map(|&(f, c)| {
                let source = self
                    .m
                    .text(header, c)
                    .split_whitespace()
                    .collect::<String>();
                if label_key(&source) == label_key(f.label()) {
                    f.label().to_string()
                } else {
                    format!("{source}（{}）", f.label())
                }
            })
            .collect();
        notes.push(format!("识别的列：{}。", described.join("、")));
        let missing: Vec<&str> = IndicatorField::ALL
            .into_iter()
            .filter(|f| !columns.iter().any(|(g, _)| g == f))
            .map(IndicatorField::label)
            .collect();
        if !missing.is_empty() {
            notes.push(format!("表中没有：{}，导入后为空。", missing.join("、")));
        }
        let ignored: Vec<String> = self
            .cells_of_row(header)
            .into_iter()
            .filter(|&c| !columns.iter().any(|&(_, col)| col == c))
            .map(|c| excerpt(self.m.text(header, c)))
            .filter(|t| !t.is_empty())
            .collect();
        if !ignored.is_empty() {
            notes.push(format!("未导入的列：{}。", ignored.join("、")));
        }
        read.project.indicators = self.rows_to_indicators(header + 1, &columns, notes);
        read
    }

    fn rows_to_indicators(
        &self,
        from: usize,
        columns: &[(IndicatorField, usize)],
        notes: &mut Vec<String>,
    ) -> Vec<Indicator> {
        let mut rows = Vec::new();
        let mut empty = 0;
        let mut filled_level1 = 0;
        let mut spanning = Vec::new();
        let mut last_level1 = String::new();
        for r in from..self.m.height() {
            // A second project's head below ends this table.
            if self.header.is_some()
                && (0..self.m.width())
                    .any(|c| matches!(self.label_at(r, c), Some(Label::Code | Label::Name)))
            {
                notes.push(format!("第{}行起是另一个项目，未导入。", r + 1));
                break;
            }
            let has_own = columns.iter().any(|&(_, c)| {
                !self.m.merged_from_above(r, c) && !self.m.text(r, c).trim().is_empty()
            });
            if !has_own {
                empty += 1;
                continue;
            }
            // One cell across every column is a remark, not a row.
            let first = columns.first().and_then(|&(_, c)| self.m.origin(r, c));
            if columns.len() > 1 && columns.iter().all(|&(_, c)| self.m.origin(r, c) == first) {
                spanning.push(format!(
                    "第{}行「{}」",
                    r + 1,
                    excerpt(self.m.text(r, first.map_or(0, |o| o.1)))
                ));
                continue;
            }
            let mut row = Indicator::default();
            for &(field, c) in columns {
                *row.get_mut(field) = self.m.text(r, c).trim().to_string();
            }
            // A blank 一级指标 under a filled one is the official merge, as
            // tab-separated text gives it.
            if row.level1.is_empty()
                && !last_level1.is_empty()
                && columns.iter().any(|(f, _)| *f == IndicatorField::Level1)
            {
                row.level1 = last_level1.clone();
                filled_level1 += 1;
            }
            last_level1 = row.level1.clone();
            rows.push(row);
        }
        // Trailing empty rows are the form's spare rows; those between rows too.
        if empty > 0 {
            notes.push(format!("略去 {empty} 个空行。"));
        }
        if filled_level1 > 0 {
            notes.push(format!(
                "有 {filled_level1} 行的一级指标为空，已按上一行补齐（合并单元格）。"
            ));
        }
        if !spanning.is_empty() {
            notes.push(format!("整行合并的说明行未导入：{}。", spanning.join("、")));
        }
        rows
    }
}

/// `2023年`, `（2023年度）` in a short title: the year. Longer text (a goal
/// paragraph mentioning a year) is not a title.
pub(crate) fn year_in(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > 60 {
        return None;
    }
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let is_year = digits.iter().all(u8::is_ascii_digit)
            && (digits.starts_with(b"19") || digits.starts_with(b"20"))
            && text.get(i + 4..)?.starts_with('年');
        (before_ok && is_year).then(|| String::from_utf8_lossy(digits).into_owned())
    })
}

impl TableRead {
    fn empty(kind: TableKind) -> Self {
        TableRead {
            kind,
            project: Project::default(),
            unit_code: String::new(),
            unit_name: String::new(),
            year: String::new(),
            notes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::grid::Cell;

    const HEADER: [&str; 6] = [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
        "指标值确定依据",
    ];

    fn names(read: &TableRead) -> Vec<(&str, &str, &str)> {
        read.project
            .indicators
            .iter()
            .map(|i| (i.level1.as_str(), i.level2.as_str(), i.name.as_str()))
            .collect()
    }

    #[test]
    fn header_with_glosses_spaces_and_breaks_maps_columns_in_any_order() {
        let grid = Grid::from_texts([
            vec![
                "序号",
                "一级\n指标",
                "二 级 指 标",
                "指标名称",
                "指标值（包含数字及文字描述）",
                "指标解释",
                "依据",
                "分值",
            ],
            vec![
                "1",
                "产出指标",
                "数量指标",
                "培训人次",
                "≥200人次",
                "全年培训人次",
                "年度计划",
                "10",
            ],
        ]);
        let read = read_indicators(&grid).expect("reads");
        assert_eq!(read.kind, TableKind::Indicators);
        let row = &read.project.indicators[0];
        assert_eq!(row.level1, "产出指标");
        assert_eq!(row.name, "培训人次");
        assert_eq!(row.value, "≥200人次");
        assert_eq!(row.description, "全年培训人次");
        assert_eq!(row.basis, "年度计划");
        assert!(
            read.notes
                .iter()
                .any(|n| n.contains("指标名称（三级指标）")),
            "{:?}",
            read.notes
        );
        assert!(
            read.notes.iter().any(|n| n == "未导入的列：序号、分值。"),
            "{:?}",
            read.notes
        );
    }

    #[test]
    fn merged_level1_and_level2_fill_down_and_spare_rows_are_dropped() {
        let c = Cell::new;
        let grid = Grid {
            rows: vec![
                HEADER.map(c).to_vec(),
                vec![
                    Cell::spanning("产出指标", 3, 1),
                    Cell::spanning("数量指标", 2, 1),
                    c("a"),
                    c(""),
                    c("1个"),
                    c(""),
                ],
                vec![c("b"), c(""), c("2个"), c("")],
                vec![c("质量指标"), c("c"), c(""), c("100%"), c("")],
                vec![c(""), c(""), c(""), c(""), c(""), c("")],
            ],
        };
        let read = read_indicators(&grid).expect("reads");
        assert_eq!(
            names(&read),
            [
                ("产出指标", "数量指标", "a"),
                ("产出指标", "数量指标", "b"),
                ("产出指标", "质量指标", "c")
            ]
        );
        assert!(read.notes.contains(&"略去 1 个空行。".to_string()));
    }

    #[test]
    fn a_blank_level1_below_a_filled_one_is_filled_and_said() {
        let grid = Grid::from_texts([
            HEADER.to_vec(),
            vec!["产出指标", "数量指标", "a", "", "1个", ""],
            vec!["", "质量指标", "b", "", "100%", ""],
        ]);
        let read = read_indicators(&grid).expect("reads");
        assert_eq!(read.project.indicators[1].level1, "产出指标");
        assert!(read.notes.iter().any(|n| n.contains("1 行的一级指标为空")));
    }

    #[test]
    fn six_columns_without_header_are_read_in_order_and_said() {
        let grid = Grid::from_texts([vec!["产出指标", "数量指标", "a", "d", "1个", "e"]]);
        let read = read_indicators(&grid).expect("reads");
        assert_eq!(read.kind, TableKind::IndicatorsPositional);
        assert_eq!(read.project.indicators[0].basis, "e");
        assert!(read.notes[0].starts_with("没有找到表头"));
    }

    #[test]
    fn without_header_and_not_six_columns_is_refused_with_the_count() {
        let grid = Grid::from_texts([vec!["a", "b", "c"]]);
        let err = read_indicators(&grid).unwrap_err();
        assert_eq!(err, TableError::NoHeader { columns: 3 });
        // Six columns with one empty throughout still read; a stray empty seventh is ignored.
        let grid = Grid::from_texts([vec!["产出指标", "数量指标", "a", "", "1个", "e"]]);
        assert_eq!(
            read_indicators(&grid).expect("reads").project.indicators[0].value,
            "1个"
        );
        let grid = Grid::from_texts([vec!["产出指标", "数量指标", "a", "d", "1个", "e", ""]]);
        assert_eq!(
            read_indicators(&grid).expect("reads").project.indicators[0].basis,
            "e"
        );
        assert!(err.to_string().contains("现有 3 列"));
        assert_eq!(read(&Grid::from_texts([[""]])), Err(TableError::Empty));
    }

    #[test]
    fn a_remark_across_the_row_is_not_an_indicator() {
        let c = Cell::new;
        let grid = Grid {
            rows: vec![
                HEADER.map(c).to_vec(),
                vec![c("产出指标"), c("数量指标"), c("a"), c(""), c("1个"), c("")],
                vec![Cell::spanning("注：指标值须量化", 1, 6)],
            ],
        };
        let read = read_indicators(&grid).expect("reads");
        assert_eq!(read.project.indicators.len(), 1);
        assert!(read.notes.iter().any(|n| n.contains("注：指标值须量化")));
    }

    #[test]
    fn project_head_in_vertical_layout_and_values_below_checkpoints() {
        // As a sheet might have it: labels in a row, values in the row below.
        let grid = Grid::from_texts([
            vec![
                "项目编码",
                "项目名称",
                "预算数",
                "其中：财政资金",
                "其他资金",
            ],
            vec!["P1", "培训费", "5", "5", ""],
            vec!["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
            vec!["", "10%", "50", "", "100%"],
            vec!["资金用途", "培训", "", "", ""],
            vec!["绩效目标", "1、完成培训\n2、1.5万人次受益", "", "", ""],
        ]);
        let read = read(&grid).expect("reads");
        assert_eq!(read.kind, TableKind::Project);
        let p = &read.project;
        assert_eq!((p.code.as_str(), p.name.as_str()), ("P1", "培训费"));
        assert_eq!(p.budget.total, "5");
        assert_eq!(p.budget.other, "");
        assert_eq!(p.spending_plan.mar, "10%");
        assert_eq!(p.spending_plan.jun, "50");
        assert_eq!(p.spending_plan.dec, "100%");
        assert_eq!(p.use_of_funds, "培训");
        assert_eq!(p.goals, ["完成培训", "1.5万人次受益"]);
        assert!(read.notes.iter().any(|n| n.contains("未导入指标")));
    }

    #[test]
    fn list_numbers_are_dropped_but_not_leading_amounts() {
        assert_eq!(strip_list_number("1.目标内容1"), "目标内容1");
        assert_eq!(strip_list_number("（2）完成"), "完成");
        assert_eq!(strip_list_number("(3)完成"), "完成");
        assert_eq!(strip_list_number("1.5万人次"), "1.5万人次");
        assert_eq!(strip_list_number("2023年完成"), "2023年完成");
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(year_in("（2023年度）").as_deref(), Some("2023"));
        assert_eq!(
            year_in("某某局2024年部门预算绩效目标").as_deref(),
            Some("2024")
        );
        assert_eq!(year_in("12023年"), None);
        assert_eq!(year_in("第3年"), None);
    }
}
