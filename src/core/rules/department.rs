//! G. Part 1: 部门整体绩效目标.

use rust_decimal::Decimal;

use super::context::parse_amount;
use super::DocumentSink as Sink;
use crate::core::code::Code;
use crate::core::findings::Location;
use crate::core::model::{DepartmentList, Document};
use crate::core::normalise::{char_len, contains_any, has_digit};

pub(super) fn check(doc: &Document, out: &mut Sink) {
    g1_lists_filled(doc, out);
    g2_overall_numbers(doc, out);
    g3_main_projects_named(doc, out);
    g4_safeguards(doc, out);
}

fn filled(doc: &Document, list: DepartmentList) -> bool {
    doc.department
        .list(list)
        .iter()
        .any(|p| !p.trim().is_empty())
}

fn g1_lists_filled(doc: &Document, out: &mut Sink) {
    for list in DepartmentList::ALL {
        if !filled(doc, list) {
            out.push(
                Code::G1,
                Location::Department(list, None),
                format!("「{}」未填写。", list.label()),
            );
        }
    }
}

fn g2_overall_numbers(doc: &Document, out: &mut Sink) {
    let list = DepartmentList::OverallGoals;
    if filled(doc, list) && !doc.department.overall_goals.iter().any(|p| has_digit(p)) {
        out.push(
            Code::G2,
            Location::Department(list, None),
            "总体绩效目标应概括本年度主要产出和效果，并尽量量化。".into(),
        );
    }
}

/// The part of a project name that a paragraph would mention: without 专项, 经费 and a final 费.
pub fn name_core(name: &str) -> String {
    let core = name.trim().replace("专项", "").replace("经费", "");
    core.strip_suffix('费').map(str::to_string).unwrap_or(core)
}

fn g3_main_projects_named(doc: &Document, out: &mut Sink) {
    let list = DepartmentList::SubGoals;
    if !filled(doc, list) {
        return;
    }
    let mut by_budget: Vec<(Decimal, &str)> = doc
        .projects
        .iter()
        .filter_map(|p| parse_amount(&p.budget.total).map(|t| (t, p.name.trim())))
        .collect();
    // Stable: equal budgets keep the document's order.
    by_budget.sort_by_key(|(total, _)| std::cmp::Reverse(*total));
    let text: String = doc.department.sub_goals.concat();
    for (_, name) in by_budget.into_iter().take(3) {
        let core = name_core(name);
        if !core.is_empty() && !text.contains(&core) {
            out.push(
                Code::G3,
                Location::Department(list, None),
                format!("重点项目「{name}」未在分项绩效目标中体现。"),
            );
        }
    }
}

fn g4_safeguards(doc: &Document, out: &mut Sink) {
    let list = DepartmentList::Safeguards;
    if !filled(doc, list) {
        return;
    }
    let text: String = doc.department.safeguards.concat();
    let topics = ["组织", "制度", "资金", "监督", "监控", "责任", "考核"];
    if char_len(text.trim()) < 50 || !contains_any(&text, &topics) {
        out.push(
            Code::G4,
            Location::Department(list, None),
            "工作保障措施过于简单，建议从组织领导、制度建设、资金管理、绩效监控等方面说明。".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::core::findings::Location;
    use crate::core::model::DepartmentList::{OverallGoals, Safeguards, SubGoals};

    fn dep(list: crate::core::model::DepartmentList) -> Location {
        Location::Department(list, None)
    }

    #[test]
    fn g1_fires_on_each_empty_list() {
        let mut doc = sound_doc();
        doc.department.sub_goals = vec!["  ".into()];
        doc.department.safeguards.clear();
        assert_eq!(fires(&doc, "G1"), [dep(SubGoals), dep(Safeguards)]);
        assert_eq!(findings(&doc, "G1")[0].message, "「分项绩效目标」未填写。");
        assert_eq!(fires(&sound_doc(), "G1"), []);
    }

    #[test]
    fn g2_warns_when_overall_goals_have_no_number() {
        let mut doc = sound_doc();
        doc.department.overall_goals = vec!["全面提升政务服务效能".into()];
        assert_eq!(fires(&doc, "G2"), [dep(OverallGoals)]);
        doc.department.overall_goals.push("全年办件1万件".into());
        assert_eq!(fires(&doc, "G2"), []);
    }

    #[test]
    fn g3_warns_on_a_main_project_not_named() {
        let mut doc = sound_doc();
        let mut p = sound_project();
        p.name = "政务服务专项".into();
        p.code = "13081123P00021410001Q".into();
        doc.projects.push(p);
        assert_eq!(fires(&doc, "G3"), [dep(SubGoals)]);
        assert_eq!(
            findings(&doc, "G3")[0].message,
            "重点项目「政务服务专项」未在分项绩效目标中体现。"
        );
        doc.department
            .sub_goals
            .push("政务服务：全年办件1.5万件。".into());
        assert_eq!(fires(&doc, "G3"), []);
        assert_eq!(super::name_core("法律顾问费"), "法律顾问");
    }

    #[test]
    fn g4_warns_on_thin_safeguards() {
        let mut doc = sound_doc();
        doc.department.safeguards = vec!["加强组织领导。".into()];
        assert_eq!(fires(&doc, "G4"), [dep(Safeguards)]);
        doc.department.safeguards =
            vec!["一是持续深化产业项目拿地即开工改革，二是继续实行企业开办一日办结，三是深化服务事项标准化建设，四是深化网上办审批模式。".into()];
        assert_eq!(fires(&doc, "G4"), [dep(Safeguards)], "long, but no topic");
        doc.department.safeguards[0].push_str("五是落实资金监管责任。");
        assert_eq!(fires(&doc, "G4"), []);
    }
}
