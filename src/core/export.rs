//! What leaves the app: the exported file (trimmed, canonical numbers,
//! `status` from validation), the copy that starts next year's draft, and a
//! file name any file system takes.

use super::amount::{canonical_amount, canonical_percent};
use super::format::write_document;
use super::model::{Checkpoint, Document};
use super::rules::{status_of, validate};

/// The document with format.md's canonical numbers where that changes nothing
/// but the form (`100%` → `100`, `5` → `5.00`); anything ambiguous stays as typed.
pub fn canonical(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for p in &mut doc.projects {
        for amount in [
            &mut p.budget.total,
            &mut p.budget.fiscal,
            &mut p.budget.other,
        ] {
            if let Some(c) = canonical_amount(amount) {
                *amount = c;
            }
        }
        for c in Checkpoint::ALL {
            let text = p.spending_plan.get_mut(c);
            if let Some(canonical) = canonical_percent(text) {
                *text = canonical;
            }
        }
    }
    doc
}

/// The document as a reviewer receives it: trimmed, canonical numbers,
/// `status` from validation, `saved_at` as given (the core has no clock).
pub fn export_json(doc: &Document, saved_at: &str) -> String {
    let mut doc = canonical(&doc.trimmed());
    doc.saved_at = saved_at.to_string();
    write_document(&doc, status_of(&validate(&doc)))
}

/// 复制草稿: the same document with its 预算年度 moved on by one, when it is a
/// year; gives the new year.
pub fn copy_for_next_year(doc: &Document) -> (Document, Option<u32>) {
    let mut copy = doc.clone();
    let next = doc
        .year
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|y| (1900..9999).contains(y))
        .map(|y| y + 1);
    if let Some(y) = next {
        copy.year = y.to_string();
    }
    (copy, next)
}

/// At most this many bytes of a download's name: file systems take 255.
const MAX_NAME_BYTES: usize = 200;

/// `<单位名称>-<预算年度>-绩效目标.json`, with characters file systems refuse,
/// control and bidi characters (which can disguise an extension) replaced,
/// and the unit's name cut so the whole stays within [`MAX_NAME_BYTES`].
pub fn file_name(unit: &str, year: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| {
                let bidi = matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                if "\\/:*?\"<>|".contains(c) || c.is_control() || bidi {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    };
    let year = if year.trim().is_empty() {
        "年度未填".to_string()
    } else {
        clean(year).chars().take(8).collect()
    };
    let tail = format!("-{year}-绩效目标.{extension}");
    let mut unit = if unit.trim().is_empty() {
        "未命名单位".to_string()
    } else {
        clean(unit)
    };
    while unit.len() + tail.len() > MAX_NAME_BYTES {
        unit.pop();
    }
    format!("{unit}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::read_document;

    #[test]
    fn export_writes_canonical_numbers_and_keeps_the_rest() {
        let mut doc = Document::new_draft();
        doc.projects.push(Default::default());
        let p = &mut doc.projects[0];
        p.budget.total = " 5 ".into();
        p.budget.fiscal = "5.125".into();
        p.spending_plan.oct = "100%".into();
        p.spending_plan.dec = "百".into();
        let back = read_document(&export_json(&doc, "2026-11-28T00:00:00Z")).expect("reads");
        let p = &back.projects[0];
        assert_eq!(p.budget.total, "5.00");
        assert_eq!(p.budget.fiscal, "5.125", "not rounded");
        assert_eq!(p.spending_plan.oct, "100");
        assert_eq!(p.spending_plan.dec, "百");
        assert_eq!(back.saved_at, "2026-11-28T00:00:00Z");
    }

    #[test]
    fn a_copy_moves_the_year_on() {
        let mut doc = Document::new_draft();
        doc.year = "2023".into();
        assert_eq!(copy_for_next_year(&doc).1, Some(2024));
        doc.year = "明年".into();
        let (copy, next) = copy_for_next_year(&doc);
        assert_eq!((copy.year.as_str(), next), ("明年", None));
    }

    #[test]
    fn file_names_are_safe_and_short() {
        assert_eq!(
            file_name("承德高新区行政审批局本级", "2023", "json"),
            "承德高新区行政审批局本级-2023-绩效目标.json"
        );
        assert_eq!(
            file_name("a/b\u{202E}nosj.exe", "2023", "json"),
            "a_b_nosj.exe-2023-绩效目标.json"
        );
        let long = file_name(&"很".repeat(300), "2023", "json");
        assert!(long.len() <= MAX_NAME_BYTES && long.ends_with("-2023-绩效目标.json"));
        assert_eq!(
            file_name(" ", "", "html"),
            "未命名单位-年度未填-绩效目标.html"
        );
    }
}
