//! F. Codes and the unit (格式).

use std::collections::HashMap;

use super::context::{quote, ProjectContext};
use super::{DocumentSink, ProjectSink};
use crate::core::code::Code;
use crate::core::findings::{HeadField, Location, ProjectField};
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

pub(super) fn check_project(ctx: &ProjectContext, out: &mut ProjectSink) {
    f1_code_form(ctx, out);
    f4_code_year(ctx, out);
}

fn f1_code_form(ctx: &ProjectContext, out: &mut ProjectSink) {
    let code = ctx.project.code.trim();
    if !code.is_empty() && !is_usual_project_code(code) {
        out.push(
            Code::F1,
            ProjectField::Code,
            format!(
                "项目编码「{}」与常见格式（21位：6位区划+2位年度+P+11位数字+1位字母）不符，请从预算系统复制。",
                quote(code)
            ),
        );
    }
}

fn f4_code_year(ctx: &ProjectContext, out: &mut ProjectSink) {
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
            Code::F4,
            ProjectField::Code,
            format!("项目编码中的年度「20{yy}」晚于预算年度。"),
        );
    }
}

pub(super) fn check_document(doc: &Document, out: &mut DocumentSink) {
    f2_duplicate_codes(doc, out);
    f3_regions(doc, out);
    f5_unit(doc, out);
}

fn f2_duplicate_codes(doc: &Document, out: &mut DocumentSink) {
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
            out.push(
                Code::F2,
                Location::Project(i, ProjectField::Code),
                format!("项目编码「{}」重复。", quote(code)),
            );
        }
    }
}

fn f3_regions(doc: &Document, out: &mut DocumentSink) {
    let mut first: Option<&str> = None;
    for (i, p) in doc.projects.iter().enumerate() {
        let Some(r) = region(p.code.trim()) else {
            continue;
        };
        match first {
            None => first = Some(r),
            Some(f) if f != r => out.push(
                Code::F3,
                Location::Project(i, ProjectField::Code),
                format!("项目编码区划段「{r}」与第一个项目的「{f}」不一致，请核实。"),
            ),
            Some(_) => {}
        }
    }
}

/// F5 is one rule with three causes (单位编码, 单位名称, 预算年度): each field
/// says its own, and what to type.
fn f5_unit(doc: &Document, out: &mut DocumentSink) {
    let code = doc.unit.code.trim();
    if code.is_empty() {
        out.push(
            Code::F5,
            Location::Head(HeadField::UnitCode),
            "请填写单位编码：6位数字，如 120001（与预算系统一致）。".into(),
        );
    } else if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        let digits = code.chars().filter(char::is_ascii_digit).count();
        let why = if digits == code.chars().count() {
            format!("当前为{digits}位")
        } else {
            "只能是数字".to_string()
        };
        out.push(
            Code::F5,
            Location::Head(HeadField::UnitCode),
            format!(
                "单位编码应为6位数字（「{}」{why}），请从预算系统复制。",
                quote(code)
            ),
        );
    }
    if doc.unit.name.trim().is_empty() {
        out.push(
            Code::F5,
            Location::Head(HeadField::UnitName),
            "请填写单位名称（与预算系统中的单位名称一致）。".into(),
        );
    }
    let year = doc.year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        let message = match year.strip_suffix('年') {
            _ if year.is_empty() => "请填写预算年度：四位年份，如 2023。".to_string(),
            Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                format!("预算年度只填四位年份，如 {y}（不带「年」字）。")
            }
            _ => format!("预算年度应为四位年份，如 2023；当前为「{}」。", quote(year)),
        };
        out.push(Code::F5, Location::Head(HeadField::Year), message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::{HeadField, Location, ProjectField};

    fn code_at(project: usize) -> Location {
        Location::Project(project, ProjectField::Code)
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
        assert_eq!(
            fires(&doc, "F5"),
            [
                Location::Head(HeadField::Year),
                Location::Head(HeadField::UnitCode),
                Location::Head(HeadField::UnitName)
            ]
        );
        assert_eq!(fires(&sound_doc(), "F5"), []);
    }

    #[test]
    fn f5_says_which_cause_and_what_to_type() {
        let message = |year: &str, code: &str| {
            let mut doc = sound_doc();
            doc.year = year.into();
            doc.unit.code = code.into();
            findings(&doc, "F5")
                .into_iter()
                .map(|f| f.message)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            message("2023年", "120001"),
            ["预算年度只填四位年份，如 2023（不带「年」字）。"]
        );
        assert_eq!(
            message("2023", "12001"),
            ["单位编码应为6位数字（「12001」当前为5位），请从预算系统复制。"]
        );
        assert!(message("", "120001")[0].contains("请填写预算年度"));
        assert!(message("2023", "12a001")[0].contains("只能是数字"));
    }
}
