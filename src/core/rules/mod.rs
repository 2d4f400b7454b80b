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

use std::collections::BTreeSet;

pub use catalogue::{rule, Rule, Source, RULES};

use super::findings::{Counts, Dimension, Field, Finding, Grade, Location, Severity};
use super::format::Status;
use super::model::Document;
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
    let mut out = Vec::new();
    let Some(project) = doc.projects.get(index) else {
        return out;
    };
    let ctx = ProjectContext::new(project, &doc.year);
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
