//! 审核台's lines: a line per file as a worker sent it, filtered and sorted.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde_json::Value;

/// One file's line: the cells of `core::summary::COLUMNS`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The file's place in the order given (its `File` in `Desk`).
    pub id: usize,
    pub cells: [String; 11],
    /// Read and checked (otherwise the 说明 cell says why not).
    pub readable: bool,
    /// Sort keys of 自查等级 and 审核状态, by meaning (优 before 差; 未审核,
    /// 审核中 by round, 退回修改, 通过).
    pub order: [Option<u64>; 2],
}

impl Line {
    /// A worker's answer (see src/bin/desk.rs).
    pub fn from_answer(v: &Value) -> Option<Line> {
        let id = usize::try_from(v.get("id")?.as_u64()?).ok()?;
        let mut cells: [String; 11] = Default::default();
        for (cell, text) in cells.iter_mut().zip(v.get("cells")?.as_array()?) {
            *cell = text.as_str().unwrap_or_default().to_string();
        }
        let mut order = [None, None];
        if let Some(keys) = v.get("order").and_then(Value::as_array) {
            for (o, k) in order.iter_mut().zip(keys) {
                *o = k.as_u64();
            }
        }
        Some(Line {
            id,
            cells,
            readable: v.get("ok").and_then(Value::as_bool).unwrap_or(false),
            order,
        })
    }

    /// A file that could not be checked at all, and why.
    pub fn refused(id: usize, file: String, reason: &str) -> Line {
        let mut cells: [String; 11] = Default::default();
        cells[0] = file;
        cells[10] = format!("无法检查：{reason}");
        Line {
            id,
            cells,
            readable: false,
            order: [None, None],
        }
    }
}

/// Columns whose cells are numbers.
const NUMBERS: [usize; 5] = [3, 4, 5, 6, 9];

/// The lines the table shows: those matching `filter` in file, unit or
/// review state, sorted by `sort` (column, descending) or in the order given.
/// A line without a value in the sorted column (a file not read) goes last
/// either way.
pub fn shown(lines: &[Line], filter: &str, sort: Option<(usize, bool)>) -> Vec<Line> {
    let needle = filter.trim().to_lowercase();
    let mut out: Vec<Line> = lines
        .iter()
        .filter(|l| {
            needle.is_empty()
                || [0, 1, 8]
                    .iter()
                    .any(|&c| l.cells[c].to_lowercase().contains(&needle))
        })
        .cloned()
        .collect();
    match sort {
        None => out.sort_by_key(|l| l.id),
        Some((column, descending)) => {
            let text = collator();
            out.sort_by(|a, b| {
                let missing = |l: &Line| !l.readable && column != 0 && column != 10;
                let by_value = match (missing(a), missing(b)) {
                    (true, true) => Ordering::Equal,
                    (true, false) => return Ordering::Greater,
                    (false, true) => return Ordering::Less,
                    (false, false) => {
                        let o = compare(a, b, column, &text);
                        if descending {
                            o.reverse()
                        } else {
                            o
                        }
                    }
                };
                by_value.then(a.id.cmp(&b.id))
            });
        }
    }
    out
}

fn compare(a: &Line, b: &Line, column: usize, text: &js_sys::Function) -> Ordering {
    match column {
        7 | 8 => a.order[column - 7].cmp(&b.order[column - 7]),
        c if NUMBERS.contains(&c) => {
            let n = |l: &Line| l.cells[c].parse::<Decimal>().ok();
            n(a).cmp(&n(b))
        }
        c => {
            let (x, y) = (a.cells[c].as_str(), b.cells[c].as_str());
            text.call2(&wasm_bindgen::JsValue::NULL, &x.into(), &y.into())
                .ok()
                .and_then(|r| r.as_f64())
                .map_or_else(
                    || x.cmp(y),
                    |r| r.partial_cmp(&0.0).unwrap_or(Ordering::Equal),
                )
        }
    }
}

/// The browser's comparison of Chinese text (by pinyin), numbers within
/// text by value (a file 9 before a file 10).
fn collator() -> js_sys::Function {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"numeric".into(), &true.into());
    let locales = js_sys::Array::of1(&"zh-CN".into());
    js_sys::Intl::Collator::new(&locales, &options).compare()
}
