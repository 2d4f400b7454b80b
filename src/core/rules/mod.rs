//! Every rule of rules.md, one small function each, grouped by the spec's
//! sections (one file per group), plus the rule catalogue the app shows on its
//! 规则说明 page.
//!
//! Validation is split so the editor can re-check only what a keystroke can
//! change: [`validate_project`] holds every rule that looks at one project only;
//! [`validate_document_level`] holds the few that look across projects or at the
//! head and department part (F2, F3, F5, G1–G4), all cheap.

mod budget;
mod catalogue;
mod category;
mod codes;
mod completeness;
mod context;
mod department;
mod spending;
mod value_form;

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::testkit::sound_doc;
    use super::*;

    #[test]
    fn document_level_rules_need_no_indicator_rows() {
        let mut doc = sound_doc();
        doc.unit.code = "1".into();
        doc.department.sub_goals.clear();
        doc.projects.push(doc.projects[0].clone());
        let full = validate_document_level(&doc);
        assert!(!full.is_empty());
        for p in &mut doc.projects {
            p.indicators.clear();
            p.goals.clear();
            p.use_of_funds.clear();
        }
        assert_eq!(validate_document_level(&doc), full);
    }

    #[test]
    fn totals_add_exactly_and_count_what_is_not_a_number() {
        let mut doc = sound_doc();
        doc.projects.push(doc.projects[0].clone());
        doc.projects[1].budget.total = "0.10".into();
        doc.projects[1].budget.other = "x".into();
        let t = department_totals(&doc);
        assert_eq!(t.total.to_string(), "5.10");
        assert_eq!(t.fiscal.to_string(), "10.00");
        assert_eq!(t.not_numbers, 1);
    }
}

use std::collections::BTreeSet;

pub use catalogue::{rule, Rule, Source, RULES};

use super::findings::{Counts, Dimension, Field, Finding, Grade, Location, Severity};
use super::format::Status;
use super::model::{Document, Project};
use context::ProjectContext;

/// Collects findings for one place, so each rule only says what it found.
pub(crate) struct Sink<'a> {
    out: &'a mut Vec<Finding>,
    project: Option<usize>,
}

impl Sink<'_> {
    pub(crate) fn push(&mut self, code: &'static str, field: Field, message: String) {
        debug_assert!(rule(code).is_some(), "{code} is not in the rule catalogue");
        let severity = rule(code).map_or(Severity::Error, |r| r.severity);
        self.push_with(code, severity, field, message);
    }

    /// For the rules whose severity depends on the case (B5, C2, C4, C10).
    pub(crate) fn push_with(
        &mut self,
        code: &'static str,
        severity: Severity,
        field: Field,
        message: String,
    ) {
        self.out.push(Finding {
            code,
            severity,
            message,
            location: Location {
                project: self.project,
                field,
            },
        });
    }
}

/// Every finding of the whole document: the document-level rules, then each
/// project's in order.
pub fn validate(doc: &Document) -> Vec<Finding> {
    let mut out = validate_document_level(doc);
    for i in 0..doc.projects.len() {
        out.extend(validate_project(doc, i));
    }
    out
}

/// Findings in the order of the form: head, department, then each project's
/// fields top to bottom and its rows in order (stable, so rules keep their
/// order within one field).
pub fn sort_by_place(findings: &mut [Finding]) {
    findings.sort_by_key(|f| f.location);
}

/// The rules that look at one project only (A, B, C, D, E, F1, F4). What a
/// keystroke inside project `index` can change; `index` out of range gives none.
pub fn validate_project(doc: &Document, index: usize) -> Vec<Finding> {
    match doc.projects.get(index) {
        Some(project) => check_project(project, &doc.year, index),
        None => Vec::new(),
    }
}

/// [`validate_project`] for a project held apart from its document (the
/// editor keeps each project in its own reactive state): it needs only the
/// project and the 预算年度. Findings carry `index` as their project.
pub fn check_project(project: &Project, year: &str, index: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let ctx = ProjectContext::new(project, year);
    let mut sink = Sink {
        out: &mut out,
        project: Some(index),
    };
    completeness::check(&ctx, &mut sink);
    value_form::check(&ctx, &mut sink);
    category::check(&ctx, &mut sink);
    budget::check(&ctx, &mut sink);
    spending::check(&ctx, &mut sink);
    codes::check_project(&ctx, &mut sink);
    sort_by_place(&mut out);
    out
}

/// The rules about the head, the department part and across projects
/// (F2, F3, F5, G1–G4). Findings that concern a project carry its index.
///
/// Invariant the editor relies on: of each project these rules read only
/// `code`, `name` and `budget.total`, so they can run on a light copy of the
/// document without indicator rows (a test below holds it).
pub fn validate_document_level(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    codes::check_document(doc, &mut out);
    let mut sink = Sink {
        out: &mut out,
        project: None,
    };
    department::check(doc, &mut sink);
    sort_by_place(&mut out);
    out
}

/// Sums over all projects of one document, for 检查与导出 (exact decimals; an
/// amount that is not a number is counted in `not_numbers` and left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub total: rust_decimal::Decimal,
    pub fiscal: rust_decimal::Decimal,
    pub other: rust_decimal::Decimal,
    pub not_numbers: usize,
}

pub fn department_totals(doc: &Document) -> Totals {
    let mut t = Totals::default();
    for p in &doc.projects {
        for (text, sum) in [
            (&p.budget.total, &mut t.total),
            (&p.budget.fiscal, &mut t.fiscal),
            (&p.budget.other, &mut t.other),
        ] {
            if text.trim().is_empty() {
                continue;
            }
            match context::parse_amount(text).and_then(|d| sum.checked_add(d)) {
                Some(s) => *sum = s,
                None => t.not_numbers += 1,
            }
        }
    }
    t
}

pub use budget::{budget_sum, BudgetSum};
pub use spending::parse_percent;

/// `status` for a written file: `complete` only when no error remains.
pub fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::Draft
    } else {
        Status::Complete
    }
}

/// The dimensions in which a set of findings holds at least one error.
pub fn dimensions_with_errors(findings: &[Finding]) -> BTreeSet<Dimension> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| rule(f.code).and_then(|r| r.dimension))
        .collect()
}

/// The provisional self-check grade of one project's findings: 优 with no error
/// and no warning, 良 with warnings only, 中 with errors in one dimension, 差 with
/// errors in two or more.
pub fn provisional_grade(project_findings: &[Finding]) -> Grade {
    let counts = Counts::of(project_findings);
    if counts.errors == 0 {
        return if counts.warnings == 0 {
            Grade::Excellent
        } else {
            Grade::Good
        };
    }
    if dimensions_with_errors(project_findings).len() >= 2 {
        Grade::Poor
    } else {
        Grade::Fair
    }
}
