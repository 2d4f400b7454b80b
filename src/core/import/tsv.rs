//! Tab-separated text as Excel, WPS and LibreOffice put it on the clipboard:
//! cells split by tabs, rows by CRLF (or LF); a cell holding a line break, a
//! tab or a quote is wrapped in quotes with its quotes doubled. Merges are
//! not in this text: a merged cell's value is in its first slot, the others
//! are empty.

use super::grid::{Cell, Grid, MAX_ROWS};

/// Reads clipboard text into a grid. Never fails: a quote that is never
/// closed keeps the rest of the text in its cell, as Excel does on paste.
pub fn read(text: &str) -> Grid {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    // Only a quote at the very start of a cell opens a quoted cell.
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                at_cell_start = false;
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                // Text after the closing quote (malformed) stays in the cell.
            }
            '\t' => {
                row.push(Cell::new(std::mem::take(&mut cell)));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(Cell::new(std::mem::take(&mut cell)));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
                if rows.len() >= MAX_ROWS {
                    return Grid { rows };
                }
            }
            other => {
                cell.push(other);
                at_cell_start = false;
            }
        }
    }
    // The clipboard text usually ends with a line break: no empty last row.
    if !cell.is_empty() || !row.is_empty() {
        row.push(Cell::new(cell));
        rows.push(row);
    }
    Grid { rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::grid::Matrix;

    fn texts(text: &str) -> Vec<Vec<String>> {
        Matrix::new(&read(text)).to_texts()
    }

    #[test]
    fn excel_quotes_cells_with_line_breaks_and_doubles_quotes() {
        let t = "一级指标\t指标值\r\n产出指标\t\"≥95%\r\n（全年）\"\r\n\t\"按“放管服”\"\"要求\"\"\"\r\n";
        assert_eq!(
            texts(t),
            [
                ["一级指标", "指标值"],
                ["产出指标", "≥95%\r\n（全年）"],
                ["", "按“放管服”\"要求\""],
            ]
        );
    }

    #[test]
    fn lf_only_and_no_final_break() {
        assert_eq!(texts("a\tb\nc\td"), [["a", "b"], ["c", "d"]]);
    }

    #[test]
    fn empty_cells_and_short_rows_are_kept_as_empty() {
        assert_eq!(texts("a\t\tc\r\nd\r\n"), [["a", "", "c"], ["d", "", ""]]);
    }

    #[test]
    fn a_quote_inside_a_cell_is_text_and_an_unclosed_quote_keeps_the_rest() {
        assert_eq!(texts("5\"寸\tx\r\n"), [["5\"寸", "x"]]);
        assert_eq!(texts("\"a\tb\r\nc"), [["a\tb\r\nc"]]);
    }

    #[test]
    fn empty_text_is_an_empty_grid() {
        assert!(read("").rows.is_empty());
        assert!(read("\u{feff}").rows.is_empty());
    }
}
