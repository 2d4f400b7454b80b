//! Every rule of rules.md, one small function each, grouped by the spec's
//! sections (one file per group), plus the rule catalogue the app shows on its
//! 规则说明 page.
//!
//! Validation is split so the editor can re-check only what a keystroke can
//! change: [`check_project`] holds every rule that looks at one project only
//! and knows nothing of where the project stands in its document;
//! [`validate_document_level`] holds the few that look across projects or at
//! the head and department part (F2, F3, F5, G1–G4), all cheap.

mod budget;
mod catalogue;
mod category;
mod codes;
mod completeness;
mod context;
mod department;
mod fold;
mod spending;
mod value_form;

#[cfg(test)]
pub(crate) mod testkit;

use std::collections::BTreeSet;

pub use catalogue::{Rule, Source, RULES};

use super::code::Code;
use super::findings::{
    Counts, Dimension, Finding, Grade, HeadField, Location, ProjectField, Severity,
};
use super::format::Status;
use super::model::{Document, Indicator, Project};
use context::{ProjectContext, RowDerived};

/// Collects findings for one place, so each rule only says what it found.
pub(crate) struct Sink<'a, P> {
    out: &'a mut Vec<Finding<P>>,
}

impl<P> Sink<'_, P> {
    pub(crate) fn push(&mut self, code: Code, at: P, message: String) {
        self.push_with(code, code.rule().severity, at, message);
    }

    /// For the rules whose severity depends on the case (B5, C2, C4, C10).
    pub(crate) fn push_with(&mut self, code: Code, severity: Severity, at: P, message: String) {
        self.out.push(Finding {
            code,
            severity,
            message,
            location: at,
            folded_under: None,
        });
    }
}

pub(crate) type ProjectSink<'a> = Sink<'a, ProjectField>;
pub(crate) type DocumentSink<'a> = Sink<'a, Location>;

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
/// fields top to bottom and its rows in order; within a place, a finding
/// before those folded under it (stable, so rules keep their order).
pub fn sort_by_place<P: Ord + Copy>(findings: &mut [Finding<P>]) {
    findings.sort_by_key(|f| (f.location, f.folded_under.is_some()));
}

/// The findings of project `index` of `doc`, placed in the document; `index`
/// out of range gives none.
pub fn validate_project(doc: &Document, index: usize) -> Vec<Finding> {
    match doc.projects.get(index) {
        Some(project) => check_project(project, &doc.year)
            .into_iter()
            .map(|f| f.in_project(index))
            .collect(),
        None => Vec::new(),
    }
}

/// The rules that look at one project only (A–E, F1, F4), for a project held
/// apart from its document (the editor re-checks the edited project only): it
/// needs only the project and the 预算年度.
pub fn check_project(project: &Project, year: &str) -> Vec<Finding<ProjectField>> {
    let derived: Vec<RowDerived> = project.indicators.iter().map(RowDerived::of).collect();
    let ctx = ProjectContext::new(project, project.indicators.iter().zip(&derived), year);
    run_project_rules(&ctx)
}

/// An indicator row with what the rules derive from its cells alone (its
/// normalised text, its parsed 指标值), computed once. The editor keeps one per
/// row and makes it again only when that row's cells change, so a keystroke
/// re-reads one row, not the whole table.
#[derive(Debug)]
pub struct PreparedRow {
    row: Indicator,
    derived: RowDerived,
}

impl PreparedRow {
    pub fn new(row: Indicator) -> Self {
        let derived = RowDerived::of(&row);
        PreparedRow { row, derived }
    }
}

/// What is derived is a function of the row: equal rows, equal preparations.
impl PartialEq for PreparedRow {
    fn eq(&self, other: &Self) -> bool {
        self.row == other.row
    }
}

/// [`check_project`] for a project whose rows come prepared: `head` gives the
/// project's own fields (its `indicators` are not read), `rows` its table.
/// The same findings as `check_project` on the whole project.
pub fn check_project_rows<R: AsRef<PreparedRow>>(
    head: &Project,
    rows: &[R],
    year: &str,
) -> Vec<Finding<ProjectField>> {
    let rows = rows.iter().map(|p| {
        let p = p.as_ref();
        (&p.row, &p.derived)
    });
    run_project_rules(&ProjectContext::new(head, rows, year))
}

fn run_project_rules(ctx: &ProjectContext) -> Vec<Finding<ProjectField>> {
    let mut out = Vec::new();
    let mut sink = Sink { out: &mut out };
    completeness::check(ctx, &mut sink);
    value_form::check(ctx, &mut sink);
    category::check(ctx, &mut sink);
    budget::check(ctx, &mut sink);
    spending::check(ctx, &mut sink);
    codes::check_project(ctx, &mut sink);
    fold::fold(&mut out);
    sort_by_place(&mut out);
    out
}

/// The rules about the head, the department part and across projects
/// (F2, F3, F5, G1–G4). Findings that concern a project carry its index.
///
/// Invariant the editor relies on: of each project these rules read only
/// `code`, `name` and `budget.total` (see [`light_copy`]), so they can run on
/// a light copy of the document without indicator rows (a test below holds it).
pub fn validate_document_level(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut sink = Sink { out: &mut out };
    codes::check_document(doc, &mut sink);
    department::check(doc, &mut sink);
    sort_by_place(&mut out);
    out
}

/// What the document-level rules read of a project: its code, name and 预算数.
pub fn light_copy(project: &Project) -> Project {
    light_project(
        project.code.clone(),
        project.name.clone(),
        project.budget.total.clone(),
    )
}

/// A project holding only what the document-level rules read (the editor
/// builds it straight from its fields, without copying any row).
pub fn light_project(code: String, name: String, total: String) -> Project {
    Project {
        code,
        name,
        budget: crate::core::model::Budget {
            total,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// `status` for a written file: `complete` only when no error remains.
pub fn status_of<P>(findings: &[Finding<P>]) -> Status {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::Draft
    } else {
        Status::Complete
    }
}

/// The dimensions in which a set of findings holds at least one error.
pub fn dimensions_with_errors<P>(findings: &[Finding<P>]) -> BTreeSet<Dimension> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.leads())
        .filter_map(|f| f.code.rule().dimension)
        .collect()
}

/// Errors (leading findings only) per review dimension, for the self-check table.
pub fn errors_by_dimension<P>(findings: &[Finding<P>]) -> [(Dimension, usize); 4] {
    Dimension::ALL.map(|d| {
        let n = findings
            .iter()
            .filter(|f| {
                f.severity == Severity::Error && f.leads() && f.code.rule().dimension == Some(d)
            })
            .count();
        (d, n)
    })
}

/// The provisional self-check grade of one project's findings: 优 with no error
/// and no warning, 良 with warnings only, 中 with errors in one dimension, 差 with
/// errors in two or more. A check of form and rules, not of whether targets
/// are reasonable: that is the reviewer's call.
pub fn provisional_grade<P>(project_findings: &[Finding<P>]) -> Grade {
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

/// The findings of the head (基本信息): 预算年度, 单位编码, 单位名称.
pub fn is_head(location: &Location) -> bool {
    matches!(location, Location::Head(_))
}

/// Where each head field's findings go, for callers that list them.
pub fn head_location(field: HeadField) -> Location {
    Location::Head(field)
}

pub use crate::core::amount::{budget_sum, parse_percent, BudgetSum};

/// Sums over all projects of one document, for 检查与导出 (exact decimals; a
/// project whose 预算数, 财政资金 or 其他资金 is not a number is left out of all
/// three sums, so they stay comparable, and counted in `left_out`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub total: rust_decimal::Decimal,
    pub fiscal: rust_decimal::Decimal,
    pub other: rust_decimal::Decimal,
    /// Projects (1-based numbers) left out because an amount is not a number.
    pub left_out: Vec<usize>,
}

pub fn department_totals<'a>(projects: impl IntoIterator<Item = &'a Project>) -> Totals {
    let mut t = Totals::default();
    for (i, p) in projects.into_iter().enumerate() {
        let read = |text: &str| {
            if text.trim().is_empty() {
                Some(rust_decimal::Decimal::ZERO)
            } else {
                context::parse_amount(text)
            }
        };
        let (Some(total), Some(fiscal), Some(other)) = (
            read(&p.budget.total),
            read(&p.budget.fiscal),
            read(&p.budget.other),
        ) else {
            t.left_out.push(i + 1);
            continue;
        };
        let sums = (
            t.total.checked_add(total),
            t.fiscal.checked_add(fiscal),
            t.other.checked_add(other),
        );
        match sums {
            (Some(a), Some(b), Some(c)) => (t.total, t.fiscal, t.other) = (a, b, c),
            _ => t.left_out.push(i + 1),
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::testkit::sound_doc;
    use super::*;

    #[test]
    fn document_level_rules_read_only_the_light_copy() {
        let mut doc = sound_doc();
        doc.unit.code = "1".into();
        doc.department.sub_goals.clear();
        doc.projects.push(doc.projects[0].clone());
        let full = validate_document_level(&doc);
        assert!(!full.is_empty());
        doc.projects = doc.projects.iter().map(light_copy).collect();
        assert_eq!(validate_document_level(&doc), full);
    }

    #[test]
    fn totals_add_exactly_and_leave_out_a_project_with_an_unreadable_amount() {
        let mut doc = sound_doc();
        doc.projects.push(doc.projects[0].clone());
        doc.projects.push(doc.projects[0].clone());
        doc.projects[1].budget.total = "0.10".into();
        doc.projects[1].budget.fiscal = "0.10".into();
        doc.projects[2].budget.other = "x".into();
        let t = department_totals(&doc.projects);
        assert_eq!(t.total.to_string(), "5.10");
        assert_eq!(t.fiscal.to_string(), "5.10");
        assert_eq!(t.left_out, [3]);
    }

    #[test]
    fn check_project_knows_no_index_and_validate_places_it() {
        let mut doc = sound_doc();
        doc.projects.push(doc.projects[0].clone());
        doc.projects[1].budget.total = "x".into();
        let own = check_project(&doc.projects[1], &doc.year);
        assert!(own
            .iter()
            .any(|f| f.location == ProjectField::BudgetTotal && f.code == Code::D2));
        assert!(validate(&doc)
            .iter()
            .any(|f| f.location == Location::Project(1, ProjectField::BudgetTotal)));
    }
}
