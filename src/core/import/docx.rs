//! A .docx → a [`Document`]: the zip opened, word/document.xml read as
//! paragraphs and tables in order (gridSpan and vMerge become spans), the
//! department part found by its headings, every table that reads as a
//! 项目支出绩效目标表 made a project. Anything that is not a .docx (an old
//! .doc, a .wps or .et, a spreadsheet, a cut-short download, a zip bomb) is
//! refused with a message in Chinese; nothing here panics on any input.

use std::fmt;

use super::grid::{Cell, Grid, MAX_COLUMNS};
use super::label_key;
use super::table::{self, year_in, TableKind};
use super::xml::{Event, Reader};
use super::zip::{Archive, ZipError};
use crate::core::model::{DepartmentList, Document};

/// The inflated bytes read from one file, all parts together.
pub const MAX_INFLATED: usize = 50 * 1024 * 1024;
/// More tables, cells and paragraphs than any real document has (the seed
/// has six tables, about 600 cells and 30 paragraphs); a hostile document of
/// millions of empty cells is refused before it fills the memory.
pub const MAX_TABLES: usize = 1_000;
pub const MAX_CELLS: usize = 200_000;
pub const MAX_PARAGRAPHS: usize = 200_000;

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxError {
    Empty,
    /// An OLE compound file: `.doc` unless the name says `.wps`, `.et` or `.xls`.
    OldFormat(OldFormat),
    /// A password-protected document.
    Encrypted,
    /// Starts like a zip but its end is missing.
    Truncated,
    NotZip,
    /// HTML saved with a .doc name (common from web systems): the clipboard
    /// importer reads it.
    Html,
    Rtf,
    /// Word 2003 XML or a flat OPC package (.xml).
    WordXml,
    /// A zip, but an Excel workbook.
    Spreadsheet,
    /// A zip without a Word document in it.
    NoDocument,
    Corrupt,
    TooLarge,
    /// Neither the department headings nor a project table were found.
    NothingFound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OldFormat {
    Doc,
    Wps,
    Et,
    Xls,
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocxError::Empty => "文件为空，没有可导入的内容",
            DocxError::OldFormat(OldFormat::Doc) => {
                ".doc 为旧版 Word 格式，请在 Word 或 WPS 中另存为 .docx 后再导入"
            }
            DocxError::OldFormat(OldFormat::Wps) => {
                ".wps 为 WPS 文字格式，请在 WPS 中另存为 .docx 后再导入"
            }
            DocxError::OldFormat(OldFormat::Et) => {
                ".et 为 WPS 表格格式，不能直接导入：请在 WPS 表格中选中表格复制，再用「粘贴表格」导入"
            }
            DocxError::OldFormat(OldFormat::Xls) => {
                ".xls 为 Excel 表格，不能直接导入：请在 Excel 中选中表格复制，再用「粘贴表格」导入"
            }
            DocxError::Spreadsheet => {
                "这是 Excel 工作簿，不能直接导入：请在 Excel 中选中表格复制，再用「粘贴表格」导入"
            }
            DocxError::Encrypted => "文档设有密码，请在 Word 或 WPS 中取消密码并另存为 .docx 后再导入",
            DocxError::Truncated => "文件不完整（可能未下载或复制完），请重新获取文件后再导入",
            DocxError::NotZip => "不是 .docx 文件，无法读取；请在 Word 或 WPS 中另存为 .docx 后再导入",
            DocxError::Html => {
                "此文件实为网页格式（常见于从系统导出的 .doc），请用 Word 或 WPS 打开后另存为 .docx，或复制其中的表格粘贴导入"
            }
            DocxError::Rtf => "此文件为 RTF 格式，请在 Word 或 WPS 中另存为 .docx 后再导入",
            DocxError::WordXml => "此文件为 Word XML 格式，请在 Word 或 WPS 中另存为 .docx 后再导入",
            DocxError::NoDocument => "压缩包中没有 Word 文档内容，不是 .docx 文件",
            DocxError::Corrupt => "文件已损坏，无法读取其中的内容；请在 Word 或 WPS 中打开并重新另存为 .docx 后再导入",
            DocxError::TooLarge => "文档内容过大（解压后超过 50 MB 或表格过多），已拒绝导入",
            DocxError::NothingFound => {
                "文档中没有找到部门整体绩效目标的标题（总体绩效目标、分项绩效目标、工作保障措施），也没有项目支出绩效目标表"
            }
        })
    }
}

impl std::error::Error for DocxError {}

/// What the document body holds, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Table(Grid),
}

/// A document read, with notes for the preview in Chinese.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRead {
    pub document: Document,
    /// About the document as a whole (what was found, what was left out).
    pub notes: Vec<String>,
    /// Per project, in order: the table reader's notes.
    pub project_notes: Vec<Vec<String>>,
}

/// Reads a .docx. Without a file name an old binary file is taken for a .doc.
pub fn read(bytes: &[u8]) -> Result<DocumentRead, DocxError> {
    read_named("", bytes)
}

/// Reads a .docx; the file name only chooses the message for old formats.
pub fn read_named(file_name: &str, bytes: &[u8]) -> Result<DocumentRead, DocxError> {
    let blocks = blocks_named(file_name, bytes)?;
    document_from_blocks(&blocks)
}

/// The body of a .docx as paragraphs and tables.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    blocks_named("", bytes)
}

fn blocks_named(file_name: &str, bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    sniff(file_name, bytes)?;
    let archive = Archive::open(bytes).map_err(|e| match e {
        ZipError::NotZip if bytes.starts_with(b"PK\x03\x04") => DocxError::Truncated,
        other => zip_error(other),
    })?;
    let mut budget = MAX_INFLATED;
    let main = main_part(&archive, &mut budget)?;
    let entry = archive.find(&main).ok_or_else(|| {
        if archive.find("xl/workbook.xml").is_some() {
            DocxError::Spreadsheet
        } else {
            DocxError::NoDocument
        }
    })?;
    let xml = archive.read(entry, budget).map_err(zip_error)?;
    let xml = String::from_utf8(xml).map_err(|_| DocxError::Corrupt)?;
    parse_body(&xml)
}

/// Refuses what is plainly not a .docx before opening it as a zip.
fn sniff(file_name: &str, bytes: &[u8]) -> Result<(), DocxError> {
    let lower = file_name.to_ascii_lowercase();
    if bytes.is_empty() {
        return Err(DocxError::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // A password-protected .docx is an OLE file holding "EncryptedPackage".
        let marker: Vec<u8> = "EncryptedPackage".bytes().flat_map(|b| [b, 0]).collect();
        if bytes.windows(marker.len()).any(|w| w == marker) {
            return Err(DocxError::Encrypted);
        }
        let kind = if lower.ends_with(".wps") {
            OldFormat::Wps
        } else if lower.ends_with(".et") {
            OldFormat::Et
        } else if lower.ends_with(".xls") {
            OldFormat::Xls
        } else {
            OldFormat::Doc
        };
        return Err(DocxError::OldFormat(kind));
    }
    if bytes.starts_with(b"PK") {
        return Ok(());
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head);
    let start = head.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("{\\rtf") {
        return Err(DocxError::Rtf);
    }
    // Word's "single file web page" saved with a .doc name.
    if start.starts_with("MIME-Version") {
        return Err(DocxError::Html);
    }
    if start.starts_with("<?xml")
        && (head.contains("w:wordDocument") || head.contains("pkg:package"))
    {
        return Err(DocxError::WordXml);
    }
    if start.starts_with('<') {
        return Err(DocxError::Html);
    }
    Err(DocxError::NotZip)
}

fn zip_error(e: ZipError) -> DocxError {
    match e {
        ZipError::NotZip => DocxError::NotZip,
        ZipError::Corrupt | ZipError::Unsupported => DocxError::Corrupt,
        ZipError::Encrypted => DocxError::Encrypted,
        ZipError::TooLarge => DocxError::TooLarge,
    }
}

/// The main document part named by _rels/.rels, `word/document.xml` by default.
fn main_part(archive: &Archive, budget: &mut usize) -> Result<String, DocxError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = archive.find("_rels/.rels") else {
        return Ok(DEFAULT.to_string());
    };
    let bytes = archive.read(rels, 1024 * 1024).map_err(zip_error)?;
    *budget = budget.saturating_sub(bytes.len());
    let text = String::from_utf8_lossy(&bytes);
    for event in Reader::new(&text) {
        if let Event::Start(tag) = event {
            let is_main = tag
                .attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"));
            if let (true, Some(target)) = (is_main, tag.attr("Target")) {
                let target = target.trim_start_matches('/');
                if archive.find(target).is_some() {
                    return Ok(target.to_string());
                }
            }
        }
    }
    Ok(DEFAULT.to_string())
}

/// How a cell continues a vertical merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct WordCell {
    paragraphs: Vec<String>,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct WordTable {
    /// Each row: the grid columns skipped before it, and its cells.
    rows: Vec<(usize, Vec<WordCell>)>,
    row: Option<(usize, Vec<WordCell>)>,
    cell: Option<WordCell>,
}

impl WordTable {
    /// Word's merges as spans: a vMerge continuation adds a row to the cell
    /// that restarted the merge in its column and is itself left out.
    fn into_grid(self) -> Grid {
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(self.rows.len());
        // Per grid column: the row and index of the cell whose merge is open.
        // Columns past the matrix's limit are cut there anyway.
        let mut open: Vec<Option<(usize, usize)>> = vec![None; MAX_COLUMNS];
        for (before, cells) in self.rows {
            let r = rows.len();
            let mut out: Vec<Cell> = Vec::new();
            let mut col = before;
            if before > 0 {
                out.push(Cell::spanning("", 1, before));
            }
            for cell in cells {
                let span = cell.span.clamp(1, MAX_COLUMNS);
                let text = cell.paragraphs.join("\n");
                let owner = open
                    .get(col)
                    .copied()
                    .flatten()
                    .filter(|_| cell.vmerge == VMerge::Continue);
                match owner.and_then(|(or, oi)| Some((or, rows.get_mut(or)?.get_mut(oi)?))) {
                    Some((owner_row, owner)) => {
                        owner.row_span = r - owner_row + 1;
                        // Text in a continued cell is not lost.
                        if !text.trim().is_empty() {
                            owner.text.push('\n');
                            owner.text.push_str(&text);
                        }
                    }
                    None => {
                        let mark = (cell.vmerge == VMerge::Restart).then_some((r, out.len()));
                        let end = (col + span).min(MAX_COLUMNS);
                        if col < end {
                            open[col..end].fill(None);
                            open[col] = mark;
                        }
                        out.push(Cell::spanning(text, 1, span));
                    }
                }
                col = col.saturating_add(span);
            }
            rows.push(out);
        }
        Grid { rows }
    }
}

/// The wordprocessingml namespace (transitional and strict).
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

fn parse_body(xml: &str) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::new(xml);
    let mut prefix = String::from("w:");
    let mut blocks = Vec::new();
    let mut tables: Vec<WordTable> = Vec::new();
    let (mut table_count, mut cell_count, mut paragraph_count) = (0, 0, 0);
    let mut paragraph: Option<String> = None;
    let mut in_text = false;
    let mut run_depth = 0usize;
    // Depth inside a part skipped whole (text boxes, fallbacks, moved-from text).
    let mut skip_depth = 0usize;
    let mut seen_root = false;
    for event in reader.by_ref() {
        match event {
            Event::Start(tag) => {
                if !seen_root {
                    seen_root = true;
                    // The prefix bound to wordprocessingml (Word writes `w:`).
                    for ns in W_NAMESPACES {
                        if let Some(p) = xmlns_prefix(&tag, ns) {
                            prefix = p;
                        }
                    }
                }
                let local = tag.name.strip_prefix(prefix.as_str());
                if skip_depth > 0 {
                    skip_depth += usize::from(!tag.empty);
                    continue;
                }
                let skipped = tag.name.ends_with(":Fallback")
                    || matches!(local, Some("txbxContent" | "moveFrom" | "del"));
                if skipped {
                    skip_depth = usize::from(!tag.empty);
                    continue;
                }
                match local {
                    Some("p") => {
                        paragraph_count += 1;
                        if paragraph_count > MAX_PARAGRAPHS {
                            return Err(DocxError::TooLarge);
                        }
                        paragraph = Some(String::new());
                        if tag.empty {
                            end_paragraph(&mut paragraph, &mut tables, &mut blocks);
                        }
                    }
                    Some("r") => run_depth += usize::from(!tag.empty),
                    Some("t") => in_text = !tag.empty,
                    Some("tab") if run_depth > 0 => push(&mut paragraph, "\t"),
                    Some("br" | "cr") if run_depth > 0 => push(&mut paragraph, "\n"),
                    Some("noBreakHyphen") if run_depth > 0 => push(&mut paragraph, "-"),
                    Some("tbl") => {
                        table_count += 1;
                        if table_count > MAX_TABLES {
                            return Err(DocxError::TooLarge);
                        }
                        tables.push(WordTable::default());
                    }
                    Some("tr") => {
                        if let Some(t) = tables.last_mut() {
                            if tag.empty {
                                t.rows.push((0, Vec::new()));
                            } else {
                                t.row = Some((0, Vec::new()));
                            }
                        }
                    }
                    Some("tc") => {
                        cell_count += 1;
                        if cell_count > MAX_CELLS {
                            return Err(DocxError::TooLarge);
                        }
                        if let Some(t) = tables.last_mut() {
                            let cell = WordCell {
                                paragraphs: Vec::new(),
                                span: 1,
                                vmerge: VMerge::None,
                            };
                            match (tag.empty, t.row.as_mut()) {
                                (true, Some((_, row))) => row.push(cell),
                                _ => t.cell = Some(cell),
                            }
                        }
                    }
                    Some("gridBefore") => {
                        let n = number(tag.attr(&format!("{prefix}val")).as_deref());
                        if let Some((before, _)) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                            *before = n.min(MAX_COLUMNS);
                        }
                    }
                    Some("gridSpan") => {
                        let n = number(tag.attr(&format!("{prefix}val")).as_deref());
                        if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            cell.span = n;
                        }
                    }
                    Some("vMerge") => {
                        let val = tag.attr(&format!("{prefix}val"));
                        if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            cell.vmerge = if val.as_deref() == Some("restart") {
                                VMerge::Restart
                            } else {
                                VMerge::Continue
                            };
                        }
                    }
                    _ => {}
                }
            }
            Event::End(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match name.strip_prefix(prefix.as_str()) {
                    Some("p") => end_paragraph(&mut paragraph, &mut tables, &mut blocks),
                    Some("r") => run_depth = run_depth.saturating_sub(1),
                    Some("t") => in_text = false,
                    Some("tc") => {
                        if let Some(t) = tables.last_mut() {
                            if let (Some(cell), Some((_, row))) = (t.cell.take(), t.row.as_mut()) {
                                row.push(cell);
                            }
                        }
                    }
                    Some("tr") => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.rows.push(row);
                            }
                        }
                    }
                    Some("tbl") => {
                        if let Some(t) = tables.pop() {
                            let grid = t.into_grid();
                            match tables.last_mut() {
                                None => blocks.push(Block::Table(grid)),
                                // A table inside a cell: its text joins the cell.
                                Some(outer) => {
                                    if let Some(cell) = outer.cell.as_mut() {
                                        cell.paragraphs.extend(
                                            grid.rows.iter().flatten().map(|c| c.text.clone()),
                                        );
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if in_text && skip_depth == 0 {
                    push(&mut paragraph, &text);
                }
            }
        }
    }
    if reader.malformed {
        return Err(DocxError::Corrupt);
    }
    Ok(blocks)
}

fn xmlns_prefix(tag: &super::xml::Tag, namespace: &str) -> Option<String> {
    // Only the root's declarations are looked at; Word declares all there.
    tag.attributes().find_map(|(key, value)| {
        if value != namespace {
            return None;
        }
        match key.strip_prefix("xmlns") {
            Some("") => Some(String::new()),
            Some(p) => p.strip_prefix(':').map(|p| format!("{p}:")),
            None => None,
        }
    })
}

fn number(val: Option<&str>) -> usize {
    val.and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

fn push(paragraph: &mut Option<String>, text: &str) {
    if let Some(p) = paragraph {
        // A hostile document cannot grow one paragraph past the inflated limit anyway.
        p.push_str(text);
    }
}

fn end_paragraph(
    paragraph: &mut Option<String>,
    tables: &mut [WordTable],
    blocks: &mut Vec<Block>,
) {
    let Some(text) = paragraph.take() else {
        return;
    };
    match tables.last_mut() {
        Some(t) => {
            if let Some(cell) = t.cell.as_mut() {
                cell.paragraphs.push(text);
            }
        }
        None => blocks.push(Block::Paragraph(text)),
    }
}

/// A heading of the department part: which list, and text after a colon on
/// the same line (`一、总体绩效目标：……`), if any.
fn department_heading(text: &str) -> Option<(DepartmentList, Option<&str>)> {
    let key = label_key(text);
    let key = strip_numbering(&key);
    let key = key.strip_prefix("部门").unwrap_or(key);
    let key = key.strip_prefix("整体").unwrap_or(key);
    DepartmentList::ALL.into_iter().find_map(|list| {
        let rest = key.strip_prefix(list.label())?;
        if rest.is_empty() {
            return Some((list, None));
        }
        rest.strip_prefix(':')?;
        let after = text
            .find(['：', ':'])
            .map(|i| text[i..].trim_start_matches(['：', ':']).trim())
            .filter(|t| !t.is_empty());
        Some((list, after))
    })
}

/// `一、` `（一）` `1.` `1、` `第一节` → the text after it.
fn strip_numbering(key: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral_end = |s: &str| s.len() - s.trim_start_matches(|c| NUMERALS.contains(c)).len();
    let n = numeral_end(key);
    if n > 0 {
        if let Some(rest) = key[n..].strip_prefix(['、', '.', '．']) {
            return rest;
        }
    }
    if let Some(inner) = key.strip_prefix('(') {
        let n = numeral_end(inner);
        if n > 0 {
            if let Some(rest) = inner[n..].strip_prefix(')') {
                return rest;
            }
        }
    }
    let digits = key.len() - key.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=2).contains(&digits) {
        if let Some(rest) = key[digits..].strip_prefix(['、', '.', '．']) {
            if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                return rest;
            }
        }
    }
    key
}

/// `第二部分`, `预算项目绩效目标`: where the department part ends.
fn ends_department_part(key: &str) -> bool {
    (key.starts_with('第') && key.contains("部分") && key.chars().count() <= 12)
        || matches!(
            key,
            "预算项目绩效目标" | "项目支出绩效目标" | "项目支出绩效目标表" | "部门整体绩效目标"
        )
}

/// A sibling heading (`四、其他事项`) of a department heading numbered `一、`:
/// short, numbered the same way, not a sentence.
fn is_sibling_heading(text: &str) -> bool {
    let key = label_key(text);
    let stripped = strip_numbering(&key);
    let numbered_like_chapter =
        stripped.len() != key.len() && key.starts_with(|c| "一二三四五六七八九十".contains(c));
    numbered_like_chapter
        && key.chars().count() <= 30
        && !key.ends_with(['。', '；', ';', '，', ','])
}

/// Builds the document from the body: department lists by their headings,
/// projects from the tables that read as project tables.
pub fn document_from_blocks(blocks: &[Block]) -> Result<DocumentRead, DocxError> {
    let mut doc = Document::empty();
    let mut notes = Vec::new();
    let mut project_notes: Vec<Vec<String>> = Vec::new();
    let mut current: Option<DepartmentList> = None;
    let mut headings_found: Vec<DepartmentList> = Vec::new();
    let mut part_two = false;
    let mut title_year = String::new();
    let mut title_unit = String::new();
    let mut labelled_year = String::new();
    let mut labelled_unit = String::new();
    let mut labelled_code = String::new();
    let mut table_unit: Option<(String, String)> = None;
    let mut table_year = String::new();
    let mut ignored_tables = Vec::new();
    // The paragraph just above a table: its title (`1.法律顾问费绩效目标表`).
    let mut title_above = String::new();
    for (index, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph(text) => {
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    continue;
                }
                title_above = trimmed.to_string();
                let key = label_key(trimmed);
                if let Some(v) = labelled(&key, &["单位名称", "填报单位", "预算单位"]) {
                    labelled_unit = trimmed_after_colon(trimmed).unwrap_or(v);
                    continue;
                }
                if let Some(v) = labelled(&key, &["单位编码", "单位代码"]) {
                    labelled_code = v;
                    continue;
                }
                if let Some(v) = labelled(&key, &["预算年度", "年度"]) {
                    labelled_year = v.trim_end_matches(['年', '度']).to_string();
                    continue;
                }
                if !part_two {
                    if let Some((list, rest)) = department_heading(trimmed) {
                        current = Some(list);
                        headings_found.push(list);
                        if let Some(rest) = rest {
                            doc.department.list_mut(list).push(rest.to_string());
                        }
                        continue;
                    }
                    if ends_department_part(&key) {
                        part_two |= key.starts_with('第') && !key.starts_with("第一");
                        current = None;
                        continue;
                    }
                    if current.is_some() && is_sibling_heading(trimmed) {
                        notes.push(format!(
                            "「{}」不是部门整体绩效目标的三个标题之一，其下的段落未导入。",
                            excerpt(trimmed)
                        ));
                        current = None;
                        continue;
                    }
                }
                match current {
                    Some(list) if !part_two => {
                        doc.department.list_mut(list).push(trimmed.to_string());
                    }
                    _ => {
                        // A title line may state the unit and the year.
                        if title_year.is_empty() {
                            if let Some(year) = year_in(trimmed) {
                                if let Some(at) = trimmed.find(&format!("{year}年")) {
                                    let unit = trimmed[..at].trim();
                                    if unit.chars().count() >= 2 && !unit.contains("关于") {
                                        title_unit = unit.to_string();
                                    }
                                }
                                title_year = year;
                            }
                        }
                    }
                }
            }
            Block::Table(grid) => {
                current = None;
                let title_above = std::mem::take(&mut title_above);
                let read = match table::read(grid) {
                    Ok(read) => read,
                    Err(_) => {
                        ignored_tables.push(index);
                        continue;
                    }
                };
                match read.kind {
                    TableKind::Project => {
                        let mut read = read;
                        if read.project.name.is_empty() {
                            if let Some(name) = name_in_title(&title_above) {
                                read.project.name = name;
                                read.notes.push(format!(
                                    "表中没有项目名称，取自表格上方的标题「{}」。",
                                    excerpt(&title_above)
                                ));
                            }
                        }
                        if table_unit.is_none() && !read.unit_name.is_empty() {
                            table_unit = Some((read.unit_code.clone(), read.unit_name.clone()));
                        }
                        if table_year.is_empty() {
                            table_year = read.year.clone();
                        }
                        doc.projects.push(read.project);
                        project_notes.push(read.notes);
                    }
                    TableKind::Indicators => {
                        // A head and its indicator table split into two tables.
                        match (doc.projects.last_mut(), project_notes.last_mut()) {
                            (Some(p), Some(n)) if p.indicators.is_empty() => {
                                p.indicators = read.project.indicators;
                                n.extend(read.notes);
                            }
                            _ => {
                                doc.projects.push(read.project);
                                let mut n = vec!["此表只有绩效指标，项目信息为空。".to_string()];
                                n.extend(read.notes);
                                project_notes.push(n);
                            }
                        }
                    }
                    TableKind::IndicatorsPositional => ignored_tables.push(index),
                }
            }
        }
    }
    if headings_found.is_empty() && doc.projects.is_empty() {
        return Err(DocxError::NothingFound);
    }
    let (table_code, table_name) = table_unit.unwrap_or_default();
    doc.unit.name = first_of([labelled_unit, table_name, title_unit]);
    doc.unit.code = first_of([labelled_code, table_code]);
    doc.year = first_of([labelled_year, title_year, table_year]);
    let missing: Vec<&str> = DepartmentList::ALL
        .into_iter()
        .filter(|l| !headings_found.contains(l))
        .map(DepartmentList::label)
        .collect();
    if missing.len() < DepartmentList::ALL.len() {
        notes.push(format!(
            "部门整体绩效目标：总体绩效目标 {} 段，分项绩效目标 {} 段，工作保障措施 {} 段。",
            doc.department.overall_goals.len(),
            doc.department.sub_goals.len(),
            doc.department.safeguards.len()
        ));
    }
    if !missing.is_empty() {
        notes.push(format!(
            "文档中没有找到标题：{}，导入后为空。",
            missing.join("、")
        ));
    }
    notes.push(format!("项目支出绩效目标表 {} 个。", doc.projects.len()));
    if !ignored_tables.is_empty() {
        notes.push(format!(
            "另有 {} 个表格不是项目支出绩效目标表，未导入。",
            ignored_tables.len()
        ));
    }
    for (what, value) in [("单位名称", &doc.unit.name), ("预算年度", &doc.year)] {
        if value.is_empty() {
            notes.push(format!("文档中没有写明{what}，请在基本信息中填写。"));
        }
    }
    Ok(DocumentRead {
        document: doc,
        notes,
        project_notes,
    })
}

/// `1.法律顾问费绩效目标表` → `法律顾问费`.
fn name_in_title(title: &str) -> Option<String> {
    let digits = title.len() - title.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = title[digits..].trim_start_matches(['.', '、', '．', ' ']);
    let name = [
        "项目支出绩效目标申报表",
        "项目支出绩效目标表",
        "绩效目标申报表",
        "绩效目标表",
    ]
    .iter()
    .find_map(|suffix| rest.strip_suffix(suffix))?
    .trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn first_of<const N: usize>(candidates: [String; N]) -> String {
    candidates
        .into_iter()
        .find(|c| !c.is_empty())
        .unwrap_or_default()
}

/// `单位名称：某某局` → `某某局` when the key starts with one of the labels.
fn labelled(key: &str, labels: &[&str]) -> Option<String> {
    labels.iter().find_map(|l| {
        let value = key.strip_prefix(l)?.strip_prefix(':')?;
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The original text after the first colon, spaces kept inside.
fn trimmed_after_colon(text: &str) -> Option<String> {
    let i = text.find(['：', ':'])?;
    let value = text[i..].trim_start_matches(['：', ':']).trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::zip::tests::stored_zip;

    fn doc_xml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn docx(body: &str) -> Vec<u8> {
        stored_zip(&[("word/document.xml", doc_xml(body).as_bytes())])
    }

    #[test]
    fn paragraphs_with_tabs_and_breaks_and_a_tab_stop_is_not_text() {
        let body =
            "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p><w:p/>";
        assert_eq!(
            blocks(&docx(body)).expect("reads"),
            [
                Block::Paragraph("a\tb\nc".into()),
                Block::Paragraph(String::new())
            ]
        );
        let tabs_only = p("x");
        assert_eq!(
            blocks(&docx(&tabs_only)).expect("reads"),
            [Block::Paragraph("x".into())]
        );
    }

    #[test]
    fn what_word_writes_around_text_is_not_text() {
        // Runs split mid-word, proofing marks, bookmarks, a field, tracked
        // changes, a content control, and a text box with its fallback.
        let body = r#"<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>一、总体</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>绩效目标</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>
<w:p><w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">新增 </w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>&lt;控件&gt;</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
        assert_eq!(
            blocks(&docx(body)).expect("reads"),
            [
                Block::Paragraph("一、总体绩效目标".into()),
                Block::Paragraph("新增 3".into()),
                Block::Paragraph("<控件>".into()),
            ]
        );
    }

    #[test]
    fn grid_span_and_vmerge_become_spans() {
        let tc =
            |props: &str, text: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text));
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("", "一级指标"),
            tc("<w:gridSpan w:val=\"2\"/>", "二级指标"),
            tc("<w:vMerge w:val=\"restart\"/>", "产出指标"),
            tc("", "数量指标"),
            tc("", "x"),
            tc("<w:vMerge/>", ""),
            tc("", "质量指标"),
            tc("", "y"),
        );
        let blocks = blocks(&docx(&body)).expect("reads");
        let [Block::Table(grid)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            grid.rows,
            [
                vec![Cell::new("一级指标"), Cell::spanning("二级指标", 1, 2)],
                vec![
                    Cell::spanning("产出指标", 2, 1),
                    Cell::new("数量指标"),
                    Cell::new("x")
                ],
                vec![Cell::new("质量指标"), Cell::new("y")],
            ]
        );
    }

    #[test]
    fn headings_with_and_without_numbering_and_part_two_ends_them() {
        let blocks = vec![
            Block::Paragraph("某某局2024年部门预算".into()),
            Block::Paragraph("第一部分".into()),
            Block::Paragraph("总体绩效目标".into()),
            Block::Paragraph(" 目标一 ".into()),
            Block::Paragraph("".into()),
            Block::Paragraph("（二）分项绩效目标：分项一".into()),
            Block::Paragraph("3. 工作保障措施".into()),
            Block::Paragraph("措施一".into()),
            Block::Paragraph("第二部分".into()),
            Block::Paragraph("工作保障措施".into()),
            Block::Paragraph("不是措施".into()),
        ];
        let read = document_from_blocks(&blocks).expect("reads");
        let d = &read.document.department;
        assert_eq!(d.overall_goals, ["目标一"]);
        assert_eq!(d.sub_goals, ["分项一"]);
        assert_eq!(d.safeguards, ["措施一"]);
        assert_eq!(read.document.year, "2024");
        assert_eq!(read.document.unit.name, "某某局");
    }

    #[test]
    fn a_sibling_heading_ends_the_list_and_is_said() {
        let blocks = vec![
            Block::Paragraph("三、工作保障措施".into()),
            Block::Paragraph("一是加强领导。".into()),
            Block::Paragraph("四、其他说明".into()),
            Block::Paragraph("无".into()),
        ];
        let read = document_from_blocks(&blocks).expect("reads");
        assert_eq!(read.document.department.safeguards, ["一是加强领导。"]);
        assert!(read.notes.iter().any(|n| n.contains("四、其他说明")));
        assert!(read.document.year.is_empty());
        assert!(read.notes.iter().any(|n| n.contains("没有写明预算年度")));
    }

    #[test]
    fn a_paragraph_starting_with_a_heading_word_is_not_a_heading() {
        assert_eq!(department_heading("总体绩效目标是提升服务"), None);
        assert_eq!(
            department_heading("一、 总体绩效目标"),
            Some((DepartmentList::OverallGoals, None))
        );
        assert_eq!(strip_numbering("1.5万人"), "1.5万人");
    }

    #[test]
    fn a_project_table_without_its_name_takes_the_title_above() {
        let head = Grid::from_texts([
            vec!["项目编码", "P1", "预算数", "5"],
            vec!["一级指标", "二级指标", "三级指标", "指标值"],
            vec!["产出指标", "数量指标", "a", "1个"],
        ]);
        let blocks = vec![
            Block::Paragraph("2.培训费项目支出绩效目标表".into()),
            Block::Table(head.clone()),
            Block::Table(head),
        ];
        let read = document_from_blocks(&blocks).expect("reads");
        assert_eq!(read.document.projects[0].name, "培训费");
        assert!(read.project_notes[0]
            .iter()
            .any(|n| n.contains("取自表格上方的标题")));
        // The title belongs to the first table only.
        assert_eq!(read.document.projects[1].name, "");
        assert_eq!(name_in_title("绩效目标表"), None);
    }

    #[test]
    fn a_head_and_its_indicators_in_two_tables_make_one_project() {
        let blocks = vec![
            Block::Table(Grid::from_texts([vec![
                "项目名称",
                "培训费",
                "预算数",
                "5",
            ]])),
            Block::Paragraph("".into()),
            Block::Table(Grid::from_texts([
                vec!["一级指标", "二级指标", "三级指标", "指标值"],
                vec!["产出指标", "数量指标", "a", "1个"],
            ])),
            Block::Table(Grid::from_texts([vec!["序号", "说明"], vec!["1", "无关"]])),
        ];
        let read = document_from_blocks(&blocks).expect("reads");
        assert_eq!(read.document.projects.len(), 1);
        assert_eq!(read.document.projects[0].name, "培训费");
        assert_eq!(read.document.projects[0].indicators[0].value, "1个");
        assert!(read.notes.iter().any(|n| n.starts_with("另有 1 个表格")));
    }

    #[test]
    fn refusals_say_what_to_do() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(
            read(&ole).unwrap_err(),
            DocxError::OldFormat(OldFormat::Doc)
        );
        assert_eq!(
            read(&ole).unwrap_err().to_string(),
            ".doc 为旧版 Word 格式，请在 Word 或 WPS 中另存为 .docx 后再导入"
        );
        assert_eq!(
            read_named("a.WPS", &ole).unwrap_err(),
            DocxError::OldFormat(OldFormat::Wps)
        );
        assert_eq!(
            read_named("a.et", &ole).unwrap_err(),
            DocxError::OldFormat(OldFormat::Et)
        );
        assert_eq!(read(b"").unwrap_err(), DocxError::Empty);
        assert_eq!(read(b"{\\rtf1 x}").unwrap_err(), DocxError::Rtf);
        assert_eq!(read(b"<html><table>").unwrap_err(), DocxError::Html);
        assert_eq!(read(b"MIME-Version: 1.0\r\n").unwrap_err(), DocxError::Html);
        assert_eq!(
            read(b"<?xml version=\"1.0\"?><w:wordDocument>").unwrap_err(),
            DocxError::WordXml
        );
        assert_eq!(read(b"hello").unwrap_err(), DocxError::NotZip);
        let xlsx = stored_zip(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(read(&xlsx).unwrap_err(), DocxError::Spreadsheet);
        let other = stored_zip(&[("a.txt", b"x")]);
        assert_eq!(read(&other).unwrap_err(), DocxError::NoDocument);
        let cut = docx(&p("x"));
        assert_eq!(
            read(&cut[..cut.len() - 10]).unwrap_err(),
            DocxError::Truncated
        );
        let broken = stored_zip(&[("word/document.xml", b"<w:document><w:body><w:p")]);
        assert_eq!(read(&broken).unwrap_err(), DocxError::Corrupt);
        assert_eq!(
            read(&docx(&p("随便"))).unwrap_err(),
            DocxError::NothingFound
        );
    }

    #[test]
    fn the_main_part_is_found_through_the_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let xml = doc_xml(&(p("总体绩效目标") + &p("目标一")));
        let zip = stored_zip(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", xml.as_bytes()),
        ]);
        let read = read(&zip).expect("reads");
        assert_eq!(read.document.department.overall_goals, ["目标一"]);
    }
}
