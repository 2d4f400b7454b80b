//! 导入: a file the user chose, as bytes — our JSON, or our printable HTML
//! (which carries the JSON in its data block). Above both `format` (the JSON)
//! and `print` (the HTML), so that neither needs the other's reader.

use std::fmt;
use std::ops::Deref;

use super::format::{decode_text, read_document, ReadError};
use super::limits::MAX_FILE_BYTES;
use super::model::Document;
use super::print::{embedded_json, printable_html, visible_text, TAG_SEPARATOR};

/// A file that was read, and what the user should know about it. Derefs to
/// the document, so a caller that only opens it can treat it as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: Document,
    /// Shown beside the opened document; none of them stopped the import.
    pub warnings: Vec<ImportWarning>,
}

impl Deref for Imported {
    type Target = Document;

    fn deref(&self) -> &Document {
        &self.document
    }
}

/// Something odd about a file that was nevertheless read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportWarning {
    /// The printable HTML's visible tables differ from its data block (edited
    /// by hand, or made to show one document and carry another). The data is
    /// what was read; `shown` and `data` are the first difference in context.
    TablesDiffer { shown: String, data: String },
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::TablesDiffer { shown, data } => write!(
                f,
                "文件中的表格与其中的数据不一致：表格中为「{shown}」，数据中为「{data}」。已按数据导入，请逐项核对。"
            ),
        }
    }
}

/// Reads a file the user opens with 导入, as text: from bytes, the caller
/// gets it with [`decode_text`], and on [`ReadError::NotUtf8`] may decode the
/// bytes as GB18030 itself (only when that decodes cleanly, and saying so).
pub fn read_file(text: &str) -> Result<Imported, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let text = decode_text(text.as_bytes())?;
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ReadError::Empty);
    }
    if !start.starts_with('<') {
        return read_document(text).map(|document| Imported {
            document,
            warnings: Vec::new(),
        });
    }
    let (json, markup) = embedded_json(start)?;
    let document = read_document(json)?;
    let mut warnings = Vec::new();
    // What the file shows against what its data would show.
    let rebuilt = printable_html(&document, &[]);
    let rebuilt_markup = embedded_json(&rebuilt).map_or("", |(_, m)| m);
    let (shown, data) = (visible_text(markup), visible_text(rebuilt_markup));
    if shown != data {
        let (shown, data) = first_difference(&shown, &data);
        warnings.push(ImportWarning::TablesDiffer { shown, data });
    }
    Ok(Imported { document, warnings })
}

/// The two texts around their first difference, a few characters each side,
/// with tag boundaries shown as ` | `.
fn first_difference(a: &str, b: &str) -> (String, String) {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| {
        let from = same.saturating_sub(12);
        let part: String = s.chars().skip(from).take(36).collect();
        let part = part.replace(TAG_SEPARATOR, " | ");
        let open = if from > 0 { "…" } else { "" };
        let close = if s.chars().count() > from + 36 {
            "…"
        } else {
            ""
        };
        if part.is_empty() {
            "（无）".to_string()
        } else {
            format!("{open}{part}{close}")
        }
    };
    (around(a), around(b))
}
