//! Last year's table in: the plain-Rust core every importer shares. A table
//! from any source (a Word/Excel clipboard's HTML read by the browser, the
//! tab-separated text beside it, a .docx) becomes a [`grid::Grid`] of cells
//! with their spans; [`table`] reads a grid as an indicator table or a whole
//! 项目支出绩效目标表 by its labels; [`docx`] reads a whole Word document.
//! Nothing here touches the browser; text is kept as in the source, trimmed.
//!
//! For the shell:
//! - paste, HTML: one [`grid::Cell`] per `<td>`/`<th>` with its `rowspan` and
//!   `colspan`, its text split into lines at `<br>` and paragraph ends, each
//!   line through [`grid::collapse_html_whitespace`]; then [`table::read`]
//!   (whatever was copied) or [`table::read_indicators`] (into one table).
//! - paste, text only: [`tsv::read`], then the same.
//! - a file: [`docx::read_named`] with its name and bytes. A refusal's
//!   `Display` is the message for the user; [`docx::DocxError::Html`] is a
//!   web page saved as .doc, which the HTML path can read instead.
//! - every read carries notes in Chinese for the preview: what was
//!   recognised, what was left out and why.

pub mod docx;
pub mod grid;
pub mod table;
pub mod tsv;
mod xml;
mod zip;

/// Text compared with a label: whitespace of every kind dropped, full-width
/// brackets and colons made half-width, so `其中：财政    资金` and
/// `指标值（目标值）` match as the official table prints them.
pub(crate) fn label_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '【' | '［' => '[',
            '】' | '］' => ']',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::label_key;

    #[test]
    fn label_key_drops_spaces_and_widths() {
        assert_eq!(label_key("其中：财政    资金"), "其中:财政资金");
        assert_eq!(label_key("指标值\n（目标值）"), "指标值(目标值)");
        assert_eq!(label_key("一级\u{3000}指标\u{a0}"), "一级指标");
    }
}
