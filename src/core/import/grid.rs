//! A table as its source gives it — rows of cells, each with a row and column
//! span (an HTML table, a Word table, tab-separated text) — and the same table
//! laid out as a rectangular [`Matrix`] where every slot a merged cell covers
//! knows that cell, so a reader can fill a merged 一级指标 down its rows and
//! see a label that spans columns once.

/// One cell, as the source gives it. Spans of 0 are read as 1, except a
/// `row_span` of 0, which (as in HTML) runs to the end of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell::spanning(text, 1, 1)
    }

    pub fn spanning(text: impl Into<String>, row_span: usize, col_span: usize) -> Self {
        Cell {
            text: text.into(),
            row_span,
            col_span,
        }
    }
}

/// A table as rows of cells; rows may have different lengths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// A grid of single cells, one row per inner vector.
    pub fn from_texts<R, S>(rows: R) -> Self
    where
        R: IntoIterator,
        R::Item: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Grid {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Cell::new).collect())
                .collect(),
        }
    }
}

/// Wider tables are cut here: no official table has more than a dozen
/// columns, and a hostile span must not make the matrix huge.
pub const MAX_COLUMNS: usize = 64;
/// Longer tables are cut here (the largest real project has a few dozen rows).
pub const MAX_ROWS: usize = 5_000;

/// Where one source cell lies in the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Placed {
    text: String,
    top: usize,
    left: usize,
    rows: usize,
    cols: usize,
}

/// The grid laid out rectangularly. Every slot covered by a merged cell reads
/// as that cell's text ([`Matrix::text`]); [`Matrix::own_text`] reads only the
/// slot where the cell starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    cells: Vec<Placed>,
    /// Index into `cells` per slot; `None` where the source had no cell.
    slots: Vec<Vec<Option<usize>>>,
    width: usize,
    /// True when rows or columns beyond the limits were dropped.
    pub truncated: bool,
}

impl Matrix {
    /// Lays the grid out as HTML does: each cell takes the next free slot of
    /// its row, and a cell spanning rows keeps those slots in the rows below.
    pub fn new(grid: &Grid) -> Self {
        let height = grid.rows.len().min(MAX_ROWS);
        let mut m = Matrix {
            truncated: grid.rows.len() > height,
            slots: vec![Vec::new(); height],
            ..Default::default()
        };
        for (r, row) in grid.rows.iter().take(height).enumerate() {
            let mut c = 0;
            for cell in row {
                while m.slots[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLUMNS {
                    m.truncated = true;
                    break;
                }
                let cols = cell.col_span.clamp(1, MAX_COLUMNS - c);
                let rows = match cell.row_span {
                    0 => height - r,
                    n => n.min(height - r),
                };
                m.truncated |= cols < cell.col_span;
                let index = m.cells.len();
                m.cells.push(Placed {
                    text: cell.text.clone(),
                    top: r,
                    left: c,
                    rows,
                    cols,
                });
                for slot_row in &mut m.slots[r..r + rows] {
                    if slot_row.len() < c + cols {
                        slot_row.resize(c + cols, None);
                    }
                    for slot in &mut slot_row[c..c + cols] {
                        // Overlapping spans (malformed input): the first cell keeps the slot.
                        slot.get_or_insert(index);
                    }
                }
                c += cols;
            }
        }
        m.width = m.slots.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut m.slots {
            row.resize(m.width, None);
        }
        m
    }

    pub fn height(&self) -> usize {
        self.slots.len()
    }

    pub fn width(&self) -> usize {
        self.width
    }

    fn placed(&self, row: usize, col: usize) -> Option<&Placed> {
        let index = (*self.slots.get(row)?.get(col)?)?;
        self.cells.get(index)
    }

    /// The text of the cell covering this slot: a merged cell fills every slot
    /// it covers. Empty outside the table or where the source had no cell.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.placed(row, col).map_or("", |p| p.text.as_str())
    }

    /// The text only where a cell starts; empty in the slots a merge covers.
    pub fn own_text(&self, row: usize, col: usize) -> &str {
        match self.placed(row, col) {
            Some(p) if p.top == row && p.left == col => &p.text,
            _ => "",
        }
    }

    /// Where the cell covering this slot starts.
    pub fn origin(&self, row: usize, col: usize) -> Option<(usize, usize)> {
        self.placed(row, col).map(|p| (p.top, p.left))
    }

    /// True where this slot is covered by the cell of the slot above.
    pub fn merged_from_above(&self, row: usize, col: usize) -> bool {
        self.placed(row, col).is_some_and(|p| p.top < row)
    }

    /// The rows the cell covering this slot spans.
    pub fn row_range(&self, row: usize, col: usize) -> std::ops::Range<usize> {
        self.placed(row, col)
            .map_or(row..row + 1, |p| p.top..p.top + p.rows)
    }

    /// The first column after the cell covering this slot.
    pub fn end_col(&self, row: usize, col: usize) -> usize {
        self.placed(row, col).map_or(col + 1, |p| p.left + p.cols)
    }

    /// The matrix as text, merged cells filled down and right.
    pub fn to_texts(&self) -> Vec<Vec<String>> {
        (0..self.height())
            .map(|r| {
                (0..self.width)
                    .map(|c| self.text(r, c).to_string())
                    .collect()
            })
            .collect()
    }
}

/// One line of an HTML cell as a browser shows it, for the clipboard importer
/// that reads `textContent`: runs of spaces, tabs and line breaks become one
/// space, except a line break between two CJK characters, which disappears
/// (Word and Excel wrap their HTML source inside Chinese text); such runs at
/// either end are dropped. Non-breaking spaces are kept. The caller splits the
/// cell into lines at `<br>` and paragraph ends and calls this per line.
pub fn collapse_html_whitespace(text: &str) -> String {
    fn wide(c: char) -> bool {
        matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            out.push(c);
            continue;
        }
        let mut line_break = matches!(c, '\n' | '\r');
        while let Some(&n) = chars.peek() {
            if !matches!(n, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                break;
            }
            line_break |= matches!(n, '\n' | '\r');
            chars.next();
        }
        let between_wide =
            out.chars().next_back().is_some_and(wide) && chars.peek().is_some_and(|&n| wide(n));
        let dropped = out.is_empty() || chars.peek().is_none() || (line_break && between_wide);
        if !dropped {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_level1_fills_its_rows_and_the_row_below_shifts() {
        // 产出指标 spans two rows: the second row's cells start one column right.
        let grid = Grid {
            rows: vec![
                vec![Cell::spanning("产出指标", 2, 1), Cell::new("数量指标")],
                vec![Cell::new("质量指标")],
                vec![Cell::new("效益指标"), Cell::new("社会效益指标")],
            ],
        };
        let m = Matrix::new(&grid);
        assert_eq!(
            m.to_texts(),
            [
                ["产出指标", "数量指标"],
                ["产出指标", "质量指标"],
                ["效益指标", "社会效益指标"]
            ]
        );
        assert!(m.merged_from_above(1, 0));
        assert!(!m.merged_from_above(2, 0));
        assert_eq!(m.own_text(1, 0), "");
        assert_eq!(m.row_range(1, 0), 0..2);
    }

    #[test]
    fn a_label_over_columns_fills_right_once() {
        let grid = Grid {
            rows: vec![
                vec![Cell::new("绩效目标"), Cell::spanning("目标内容1", 1, 3)],
                vec![Cell::new("a"), Cell::new("b")],
            ],
        };
        let m = Matrix::new(&grid);
        assert_eq!(m.width(), 4);
        assert_eq!(m.text(0, 3), "目标内容1");
        assert_eq!(m.own_text(0, 3), "");
        assert_eq!(m.end_col(0, 2), 4);
        // The short row is padded with empty slots.
        assert_eq!(m.text(1, 3), "");
        assert_eq!(m.origin(1, 3), None);
    }

    #[test]
    fn html_whitespace_collapses_and_a_wrap_inside_chinese_disappears() {
        assert_eq!(
            collapse_html_whitespace("\r\n  法院办案人员及案件\r\n  当事人满意度 \t ≥95%\u{a0}"),
            "法院办案人员及案件当事人满意度 ≥95%\u{a0}"
        );
        assert_eq!(collapse_html_whitespace("Word\r\n  文档"), "Word 文档");
    }

    #[test]
    fn hostile_spans_are_clamped() {
        let grid = Grid {
            rows: vec![
                vec![Cell::spanning("x", usize::MAX, usize::MAX)],
                vec![Cell::new("y")],
            ],
        };
        let m = Matrix::new(&grid);
        assert_eq!(m.width(), MAX_COLUMNS);
        assert_eq!(m.height(), 2);
        assert!(m.truncated);
        // Row 2 is fully covered by x; y finds no free slot within the limit.
        assert_eq!(m.text(1, 0), "x");
    }

    #[test]
    fn row_span_zero_runs_to_the_end_and_zero_col_span_is_one() {
        let grid = Grid {
            rows: vec![
                vec![Cell::spanning("a", 0, 0), Cell::new("b")],
                vec![Cell::new("c")],
                vec![Cell::new("d")],
            ],
        };
        let m = Matrix::new(&grid);
        assert_eq!(m.to_texts(), [["a", "b"], ["a", "c"], ["a", "d"]]);
    }
}
