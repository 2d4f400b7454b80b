//! What a paste holds, read with the browser's own HTML parser: the tables of
//! the clipboard's HTML (Word, WPS, Excel, a web page) as core grids, or its
//! tab-separated text; for a whole document, its paragraphs and tables in
//! order. The reading of tables by their labels is the core's
//! (`core::import::table`, `docx::document_from_blocks`).

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::core::import::docx::Block;
use crate::core::import::grid::{collapse_html_whitespace, Cell, Grid};
use crate::core::import::tsv;

/// What a paste carried.
#[derive(Clone, Debug, Default)]
pub struct Clip {
    pub html: String,
    pub text: String,
}

impl Clip {
    /// The clipboard of a paste event; `None` when it carries no data.
    pub fn of(ev: &web_sys::ClipboardEvent) -> Option<Clip> {
        let data = ev.clipboard_data()?;
        Some(Clip {
            html: data.get_data("text/html").unwrap_or_default(),
            text: data.get_data("text/plain").unwrap_or_default(),
        })
    }

    /// The table to read: the first table of the HTML, else the
    /// tab-separated text. With `several`, only a table of two cells or more
    /// counts (one copied cell, or a line of text, is a normal paste).
    pub fn table(&self, several: bool) -> Option<Grid> {
        let enough = |g: &Grid| {
            let cells: usize = g.rows.iter().map(Vec::len).sum();
            cells >= if several { 2 } else { 1 }
        };
        let from_html = html_grids(&self.html).into_iter().find(|g| enough(g));
        // Text without a tab is text, not a table (even over several lines).
        from_html.or_else(|| {
            Some(tsv::read(&self.text)).filter(|g| self.text.contains('\t') && enough(g))
        })
    }

    /// The whole paste as a document body: paragraphs and tables in order.
    pub fn blocks(&self) -> Vec<Block> {
        let mut out = Vec::new();
        if let Some(body) = parse(&self.html).and_then(|d| d.body()) {
            let mut pending = String::new();
            collect_blocks(&body, &mut out, &mut pending);
            flush(&mut pending, &mut out);
        }
        let has_table = out.iter().any(|b| matches!(b, Block::Table(_)));
        if !has_table && self.text.contains('\t') {
            return vec![Block::Table(tsv::read(&self.text))];
        }
        if out.is_empty() {
            // Plain text (from Notepad, or WPS without HTML): one paragraph a line.
            out = self
                .text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| Block::Paragraph(l.trim().to_string()))
                .collect();
        }
        out
    }
}

/// A line break inside collected text, before it is split into lines.
const BREAK: char = '\u{1}';

fn parse(html: &str) -> Option<web_sys::Document> {
    if html.trim().is_empty() {
        return None;
    }
    web_sys::DomParser::new()
        .ok()?
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .ok()
}

/// The tables of the HTML that are not inside another table, as grids.
pub fn html_grids(html: &str) -> Vec<Grid> {
    let Some(doc) = parse(html) else {
        return Vec::new();
    };
    let Ok(tables) = doc.query_selector_all("table") else {
        return Vec::new();
    };
    (0..tables.length())
        .filter_map(|i| tables.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlTableElement>().ok())
        .filter(|t| {
            t.parent_element()
                .and_then(|p| p.closest("table").ok().flatten())
                .is_none()
        })
        .map(|t| grid_of(&t))
        .collect()
}

/// One table as the browser laid it out: rows of cells with their spans.
fn grid_of(table: &web_sys::HtmlTableElement) -> Grid {
    let rows = table.rows();
    let mut grid = Grid::default();
    for r in 0..rows.length() {
        let Some(row) = rows
            .item(r)
            .and_then(|e| e.dyn_into::<web_sys::HtmlTableRowElement>().ok())
        else {
            continue;
        };
        let cells = row.cells();
        let line = (0..cells.length())
            .filter_map(|c| cells.item(c))
            .filter_map(|e| e.dyn_into::<web_sys::HtmlTableCellElement>().ok())
            .map(|cell| {
                Cell::spanning(
                    text_of(&cell),
                    cell.row_span() as usize,
                    cell.col_span() as usize,
                )
            })
            .collect();
        grid.rows.push(line);
    }
    grid
}

/// An element's text as displayed: line breaks at `<br>` and at the end of
/// paragraphs, each line's whitespace collapsed; empty last lines dropped.
fn text_of(el: &Node) -> String {
    let mut raw = String::new();
    walk(el, &mut raw);
    lines_of(&raw).join("\n")
}

fn lines_of(raw: &str) -> Vec<String> {
    let mut lines: Vec<String> = raw.split(BREAK).map(collapse_html_whitespace).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Elements whose end is a line break.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "ul"
            | "ol"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "caption"
    )
}

/// Elements that hold no text of the document.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "style" | "script" | "template" | "head" | "title" | "meta" | "link" | "xml" | "noscript"
    )
}

fn walk(node: &Node, raw: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                raw.push_str(&child.node_value().unwrap_or_default());
            }
            Node::ELEMENT_NODE => {
                let tag = child
                    .dyn_ref::<Element>()
                    .map(|e| e.local_name().to_ascii_lowercase())
                    .unwrap_or_default();
                if tag == "br" {
                    raw.push(BREAK);
                } else if !is_hidden(&tag) {
                    walk(&child, raw);
                    if is_block(&tag) {
                        raw.push(BREAK);
                    }
                }
            }
            // Comments (Word's conditional blocks, StartFragment) are not content.
            _ => {}
        }
    }
}

/// Text outside any paragraph, gathered so far, as paragraphs (one per line).
fn flush(pending: &mut String, out: &mut Vec<Block>) {
    for line in lines_of(pending) {
        if !line.trim().is_empty() {
            out.push(Block::Paragraph(line));
        }
    }
    pending.clear();
}

/// Paragraphs and tables of a body in document order; an element holding a
/// table is looked into, a paragraph is one block.
fn collect_blocks(node: &Node, out: &mut Vec<Block>, pending: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                pending.push_str(&child.node_value().unwrap_or_default());
            }
            Node::ELEMENT_NODE => {
                let Some(el) = child.dyn_ref::<Element>() else {
                    continue;
                };
                let tag = el.local_name().to_ascii_lowercase();
                if is_hidden(&tag) {
                    continue;
                }
                if let Some(table) = el.dyn_ref::<web_sys::HtmlTableElement>() {
                    flush(pending, out);
                    out.push(Block::Table(grid_of(table)));
                } else if tag == "br" {
                    pending.push(BREAK);
                } else if el.query_selector("table").ok().flatten().is_some() {
                    flush(pending, out);
                    collect_blocks(&child, out, pending);
                    flush(pending, out);
                } else if is_block(&tag) {
                    flush(pending, out);
                    let text = text_of(&child);
                    if !text.trim().is_empty() {
                        out.push(Block::Paragraph(text));
                    }
                } else {
                    walk(&child, pending);
                }
            }
            _ => {}
        }
    }
}
