//! What leaves the app: the exported file (trimmed, canonical numbers,
//! `status` from validation and the review), the copy that starts next
//! year's draft, 新建下一年度, and a file name any file system takes.

use super::amount::{canonical_amount, canonical_percent};
use super::format::write_document;
use super::model::{Checkpoint, Document};
use super::review::{document_status, kept_at_export};
use super::rules::validate;

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
/// `saved_at` as given (the core has no clock), `status` `draft` while
/// validation finds an error or a 审核意见 is open, and only the 已核实 whose
/// warning or hint still occurs (never one of an error).
pub fn export_json(doc: &Document, saved_at: &str) -> String {
    let mut doc = canonical(&doc.trimmed());
    doc.saved_at = saved_at.to_string();
    let findings = validate(&doc);
    doc.acknowledged = kept_at_export(&doc.acknowledged, &doc, &findings);
    write_document(&doc, document_status(&findings, doc.review.as_ref()))
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

/// 新建下一年度: next year's draft from this document. The 预算年度 moves on
/// by one (as [`copy_for_next_year`]); projects, goals and indicator rows are
/// kept; 预算数, 财政资金, 其他资金 and the spending plan are emptied, as next
/// year's money is not this year's; the review, the 已核实 and `saved_at`
/// belong to this year's file and are dropped.
///
/// Each row keeps its 指标值 as `last_year_value` (trimmed), shown as 上年指标值
/// and never validated. The row's own 指标值 is left as it was rather than
/// emptied: most targets carry over or change only in their figure, so the
/// preparer edits a value already in its form (unit, ≥/≤) instead of retyping
/// every row, and validation keeps checking it as this year's value, so a
/// stale one (a deadline in last year) is reported like any other.
pub fn next_year(doc: &Document) -> Document {
    let (mut next, _) = copy_for_next_year(doc);
    for p in &mut next.projects {
        p.budget.total.clear();
        p.budget.fiscal.clear();
        p.budget.other.clear();
        for c in Checkpoint::ALL {
            p.spending_plan.get_mut(c).clear();
        }
        for row in &mut p.indicators {
            row.last_year_value = Some(row.value.trim().to_string());
        }
    }
    next.review = None;
    next.acknowledged.clear();
    next.saved_at.clear();
    next
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

    use crate::core::findings::{Finding, Severity};
    use crate::core::format::{write_document, Status};
    use crate::core::model::IndicatorField;
    use crate::core::review::anchor::ProjectPlace;
    use crate::core::review::{acknowledge, add_comment, set_reply, start_round, Place, Review};
    use crate::core::rules::testkit::sound_doc;

    const SEED: &str = include_str!("../../tests/fixtures/seed.json");

    fn status_of_export(doc: &Document) -> String {
        let text = export_json(doc, "2026-11-28T00:00:00Z");
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        v["status"].as_str().unwrap_or("").to_string()
    }

    #[test]
    fn an_open_comment_keeps_the_export_a_draft_until_it_is_answered() {
        let mut doc = sound_doc();
        assert!(validate(&doc).is_empty(), "the test needs a sound document");
        assert_eq!(status_of_export(&doc), "complete");
        let mut review = Review::default();
        start_round(&mut review, "绩效科");
        let id = add_comment(
            &mut review,
            &doc,
            Place::Project(0, ProjectPlace::Cell(0, IndicatorField::Value)),
            "请核实。",
        )
        .expect("a comment");
        doc.review = Some(review);
        assert_eq!(status_of_export(&doc), "draft");
        if let Some(r) = doc.review.as_mut() {
            set_reply(r, &id, "已核实，数量为全年合同数。").expect("replied");
        }
        assert_eq!(status_of_export(&doc), "complete");
        let back = read_document(&export_json(&doc, "")).expect("reads");
        assert_eq!(back.review, doc.review, "the review goes with the file");
    }

    /// The sound document with nothing spent by 6月底: E5, a warning, and no error.
    fn with_a_warning() -> (Document, Finding) {
        let mut doc = sound_doc();
        doc.projects[0].spending_plan.mar = "0".into();
        doc.projects[0].spending_plan.jun = "0".into();
        let findings = validate(&doc);
        assert!(findings.iter().all(|f| f.severity != Severity::Error));
        let warning = findings.first().cloned().expect("a warning");
        (doc, warning)
    }

    #[test]
    fn export_keeps_an_acknowledgement_while_its_finding_occurs() {
        let (mut doc, warning) = with_a_warning();
        let mut acks = Vec::new();
        acknowledge(&mut acks, &doc, &warning, "上半年为招标期，确无支出").expect("acknowledged");
        doc.acknowledged = acks;
        let back = read_document(&export_json(&doc, "")).expect("reads");
        assert_eq!(back.acknowledged, doc.acknowledged);
        // Fixed: the finding is gone, and so is its 已核实.
        doc.projects[0].spending_plan.jun = "20".into();
        let text = export_json(&doc, "");
        assert!(!text.contains("\"acknowledged\""), "{text}");
        assert_eq!(read_document(&text).expect("reads").acknowledged, []);
    }

    #[test]
    fn export_never_writes_an_acknowledgement_of_an_error() {
        let (mut doc, warning) = with_a_warning();
        let mut acks = Vec::new();
        acknowledge(&mut acks, &doc, &warning, "已核实").expect("acknowledged");
        // The same code at a place where it is now an error: a file edited
        // by hand, or a rule that became stricter.
        let mut error = warning.clone();
        error.severity = Severity::Error;
        assert!(acknowledge(&mut Vec::new(), &doc, &error, "x").is_err());
        doc.projects[0].budget.total = "五万".into();
        let findings = validate(&doc);
        let an_error = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .expect("an error");
        let mut forged = acks[0].clone();
        forged.code = an_error.code.to_string();
        forged.at =
            crate::core::review::anchor_of(&doc, crate::core::review::place_of_finding(an_error));
        doc.acknowledged = vec![forged, acks[0].clone()];
        let back = read_document(&export_json(&doc, "")).expect("reads");
        assert_eq!(back.acknowledged, acks, "only the warning's");
    }

    #[test]
    fn next_year_empties_the_money_and_keeps_last_years_values_beside() {
        let mut seed = read_document(SEED).expect("seed");
        seed.projects[0].indicators[0].value =
            format!(" {} ", seed.projects[0].indicators[0].value);
        let mut review = Review::default();
        start_round(&mut review, "绩效科");
        seed.review = Some(review);
        let (_, warning) = with_a_warning();
        let _ = acknowledge(&mut seed.acknowledged, &sound_doc(), &warning, "已核实");
        assert!(!seed.acknowledged.is_empty() && !seed.saved_at.is_empty());

        let next = next_year(&seed);
        assert_eq!((seed.year.as_str(), next.year.as_str()), ("2023", "2024"));
        assert_eq!(next.unit, seed.unit);
        assert_eq!(next.department, seed.department);
        assert_eq!(next.projects.len(), seed.projects.len());
        for (old, new) in seed.projects.iter().zip(&next.projects) {
            assert_eq!(
                (&new.code, &new.name, &new.goals),
                (&old.code, &old.name, &old.goals)
            );
            assert_eq!(new.use_of_funds, old.use_of_funds);
            for amount in [&new.budget.total, &new.budget.fiscal, &new.budget.other] {
                assert_eq!(amount, "");
            }
            for c in Checkpoint::ALL {
                assert_eq!(new.spending_plan.get(c), "");
            }
            assert_eq!(new.indicators.len(), old.indicators.len());
            for (o, n) in old.indicators.iter().zip(&new.indicators) {
                for f in IndicatorField::ALL {
                    assert_eq!(n.get(f), o.get(f), "the row as it was, 指标值 too");
                }
                assert_eq!(n.last_year_value.as_deref(), Some(o.value.trim()));
            }
        }
        assert_eq!((next.review.as_ref(), next.acknowledged.len()), (None, 0));
        assert_eq!(next.saved_at, "");
        // And in the file: after `basis`, and back as it went.
        let text = write_document(&next, Status::Draft);
        assert!(
            text.contains(&format!(
                "\"basis\": {},\n          \"last_year_value\": \"{}\"\n",
                serde_json::to_string(&next.projects[0].indicators[0].basis).expect("json"),
                seed.projects[0].indicators[0].value.trim()
            )),
            "{text}"
        );
        assert_eq!(read_document(&text).expect("reads"), next);
    }

    #[test]
    fn no_rule_reads_last_years_value() {
        let next = next_year(&read_document(SEED).expect("seed"));
        let without = |doc: &Document| {
            let mut d = doc.clone();
            d.projects
                .iter_mut()
                .flat_map(|p| &mut p.indicators)
                .for_each(|r| r.last_year_value = None);
            d
        };
        let findings = validate(&next);
        assert!(!findings.is_empty(), "the seed's mistakes are still there");
        assert_eq!(findings, validate(&without(&next)));
        // Values that would be reported in 指标值 change nothing beside it.
        for odd in [
            "",
            "创造良好营商环境",
            "11",
            "≤2022年12月",
            "<b>x</b>",
            "五万",
        ] {
            let mut d = next.clone();
            d.projects
                .iter_mut()
                .flat_map(|p| &mut p.indicators)
                .for_each(|r| r.last_year_value = Some(odd.into()));
            assert_eq!(validate(&d), findings, "{odd}");
        }
        // The findings on the values are the seed's, year for year.
        let mut seed = read_document(SEED).expect("seed");
        seed.year = next.year.clone();
        let on_values = |f: &[Finding]| -> Vec<(String, String)> {
            f.iter()
                .filter(|f| {
                    matches!(
                        f.location,
                        crate::core::findings::Location::Project(
                            _,
                            crate::core::findings::ProjectField::Indicator(
                                _,
                                Some(IndicatorField::Value)
                            )
                        )
                    )
                })
                .map(|f| (f.code.to_string(), f.message.clone()))
                .collect()
        };
        let ours = on_values(&findings);
        assert!(!ours.is_empty(), "the seed has mistakes in its values");
        assert_eq!(ours, on_values(&validate(&seed)));
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
