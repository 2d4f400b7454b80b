//! F. Codes and the unit (格式).

use std::collections::HashMap;

use super::context::ProjectContext;
use super::Sink;
use crate::core::findings::{Field, Finding};
use crate::core::model::Document;

/// `^\d{8}P\d{11}[A-Z]$`: 6-digit finance region, 2-digit year, P, 11 digits, a letter.
pub fn is_usual_project_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 21
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'P'
        && b[9..20].iter().all(u8::is_ascii_digit)
        && b[20].is_ascii_uppercase()
}

fn region(code: &str) -> Option<&str> {
    let head = code.get(..6)?;
    head.bytes().all(|b| b.is_ascii_digit()).then_some(head)
}

pub(super) fn check_project(ctx: &ProjectContext, out: &mut Sink) {
    f1_code_form(ctx, out);
    f4_code_year(ctx, out);
}

fn f1_code_form(ctx: &ProjectContext, out: &mut Sink) {
    let code = ctx.project.code.trim();
    if !code.is_empty() && !is_usual_project_code(code) {
        out.push(
            "F1",
            Field::ProjectCode,
            format!("项目编码「{code}」与常见格式（21位：6位区划+2位年度+P+11位数字+1位字母）不符，请从预算系统复制。"),
        );
    }
}

fn f4_code_year(ctx: &ProjectContext, out: &mut Sink) {
    let code = ctx.project.code.trim();
    let (Some(yy), Some(budget_year)) = (code.get(6..8), ctx.budget_year()) else {
        return;
    };
    if region(code).is_none() || !yy.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let Ok(two) = yy.parse::<u32>() else { return };
    if 2000 + two > budget_year {
        out.push(
            "F4",
            Field::ProjectCode,
            format!("项目编码中的年度「20{yy}」晚于预算年度。"),
        );
    }
}

pub(super) fn check_document(doc: &Document, out: &mut Vec<Finding>) {
    f2_duplicate_codes(doc, out);
    f3_regions(doc, out);
    let mut sink = Sink { out, project: None };
    f5_unit(doc, &mut sink);
}

fn f2_duplicate_codes(doc: &Document, out: &mut Vec<Finding>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for p in &doc.projects {
        let code = p.code.trim();
        if !code.is_empty() {
            *seen.entry(code).or_default() += 1;
        }
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let code = p.code.trim();
        if seen.get(code).is_some_and(|n| *n > 1) {
            Sink {
                out,
                project: Some(i),
            }
            .push(
                "F2",
                Field::ProjectCode,
                format!("项目编码「{code}」重复。"),
            );
        }
    }
}

fn f3_regions(doc: &Document, out: &mut Vec<Finding>) {
    let mut first: Option<&str> = None;
    for (i, p) in doc.projects.iter().enumerate() {
        let Some(r) = region(p.code.trim()) else {
            continue;
        };
        match first {
            None => first = Some(r),
            Some(f) if f != r => {
                Sink {
                    out,
                    project: Some(i),
                }
                .push(
                    "F3",
                    Field::ProjectCode,
                    "项目编码区划段不一致，请核实。".into(),
                );
            }
            Some(_) => {}
        }
    }
}

fn f5_unit(doc: &Document, out: &mut Sink) {
    let message = || "单位编码应为6位数字，单位名称和预算年度不能为空。".to_string();
    let code = doc.unit.code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        out.push("F5", Field::UnitCode, message());
    }
    if doc.unit.name.trim().is_empty() {
        out.push("F5", Field::UnitName, message());
    }
    let year = doc.year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        out.push("F5", Field::Year, message());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{Field, Location};

    fn code_at(project: usize) -> Location {
        Location {
            project: Some(project),
            field: Field::ProjectCode,
        }
    }

    #[test]
    fn f1_warns_on_an_unusual_code() {
        let mut doc = sound_doc();
        doc.projects[0].code = "13081123P0002151001E".into();
        assert_eq!(fires(&doc, "F1"), [code_at(0)]);
        doc.projects[0].code = "13081123p00021510001E".into();
        assert_eq!(fires(&doc, "F1"), [code_at(0)]);
        assert_eq!(fires(&sound_doc(), "F1"), []);
    }

    #[test]
    fn f2_fires_on_both_projects_sharing_a_code() {
        let mut doc = sound_doc();
        doc.projects.push(sound_project());
        assert_eq!(fires(&doc, "F2"), [code_at(0), code_at(1)]);
        doc.projects[1].code = "13081123P00021510002E".into();
        assert_eq!(fires(&doc, "F2"), []);
    }

    #[test]
    fn f3_warns_on_a_different_region() {
        let mut doc = sound_doc();
        doc.projects.push(sound_project());
        doc.projects[1].code = "13082123P00021510002E".into();
        assert_eq!(fires(&doc, "F3"), [code_at(1)]);
        doc.projects[1].code = "13081123P00021510002E".into();
        assert_eq!(fires(&doc, "F3"), []);
    }

    #[test]
    fn f4_warns_on_a_code_year_after_the_budget_year() {
        let mut doc = sound_doc();
        doc.projects[0].code = "13081124P00021510001E".into();
        assert_eq!(fires(&doc, "F4"), [code_at(0)]);
        assert_eq!(
            crate::core::rules::testkit::findings(&doc, "F4")[0].message,
            "项目编码中的年度「2024」晚于预算年度。"
        );
        doc.projects[0].code = "13081122P00021510001E".into();
        assert_eq!(fires(&doc, "F4"), []);
    }

    #[test]
    fn f5_fires_on_the_unit_head() {
        let mut doc = sound_doc();
        doc.unit.code = "12001".into();
        doc.unit.name = "".into();
        doc.year = "23".into();
        let head = |field| Location {
            project: None,
            field,
        };
        assert_eq!(
            fires(&doc, "F5"),
            [
                head(Field::Year),
                head(Field::UnitCode),
                head(Field::UnitName)
            ]
        );
        assert_eq!(fires(&sound_doc(), "F5"), []);
    }
}
