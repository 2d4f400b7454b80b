//! What a pasted table or a Word document would become, before anything is
//! written: the rows, project or document as they will land, with the
//! findings the core gives the would-be result (landing it is `paste_land`).

use leptos::prelude::*;

use crate::core::findings::{Finding, ProjectField};
use crate::core::import::docx::{document_from_blocks, DocumentRead};
use crate::core::import::grid::Grid;
use crate::core::import::table::{self, TableKind, TableRead};
use crate::core::model::{Checkpoint, Document, Indicator, Project};
use crate::core::rules::{check_project, validate};
use crate::ui::plain::ids::ProjectId;
use crate::ui::state::{DocState, ProjectState};

use super::paste_read::Clip;

/// Where a paste goes.
#[derive(Clone)]
pub enum Target {
    /// The open document, from this project's indicator table.
    Project(DocState, ProjectId),
    /// A new draft (the start page).
    NewDraft,
}

/// What happens on 确认导入.
#[derive(Clone)]
pub enum Landing {
    /// Rows appended to the project's table (its rows, when all blank, replaced).
    Rows {
        doc: DocState,
        project: ProjectId,
        rows: Vec<Indicator>,
        replaces_blank: usize,
    },
    /// A whole project table: fills `here` when it is blank, else a new project.
    Project {
        doc: DocState,
        here: ProjectId,
        fills_here: bool,
        project: Box<Project>,
    },
    /// A new draft; `source` names where it came from.
    Draft { doc: Box<Document>, source: String },
}

/// A preview: what lands, what the reader noted, and the would-be findings
/// (for rows or one project, as project 0 with rows counted from the first
/// pasted row).
#[derive(Clone)]
pub struct Preview {
    pub landing: Landing,
    pub notes: Vec<String>,
    pub project_notes: Vec<Vec<String>>,
    pub findings: Vec<Finding>,
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn blank_row(row: &Indicator) -> bool {
    [
        &row.level1,
        &row.level2,
        &row.name,
        &row.description,
        &row.value,
        &row.basis,
    ]
    .into_iter()
    .all(|t| is_blank(t))
}

/// A project with nothing typed in it (a fresh 添加项目).
fn blank_project(p: &Project) -> bool {
    [
        &p.code,
        &p.name,
        &p.budget.total,
        &p.budget.fiscal,
        &p.budget.other,
        &p.use_of_funds,
    ]
    .into_iter()
    .chain(Checkpoint::ALL.iter().map(|c| p.spending_plan.get(*c)))
    .chain(p.goals.iter())
    .all(|t| is_blank(t))
        && p.indicators.iter().all(blank_row)
}

/// A table read into the open document: a whole project table becomes a
/// project, anything else rows of this project.
pub fn for_project(doc: DocState, here: &ProjectState, grid: &Grid) -> Result<Preview, String> {
    let read = table::read(grid).map_err(|e| e.to_string())?;
    Ok(from_table(doc, here, read))
}

fn from_table(doc: DocState, here: &ProjectState, read: TableRead) -> Preview {
    if read.kind != TableKind::Project {
        return rows_into(doc, here, read.project.indicators, read.notes);
    }
    let year = doc.year.get_untracked();
    let fills_here = blank_project(&untrack(|| here.to_core()));
    let findings = check_project(&read.project, &year)
        .into_iter()
        .map(|f| f.in_project(0))
        .collect();
    Preview {
        landing: Landing::Project {
            doc,
            here: here.id,
            fills_here,
            project: Box::new(read.project),
        },
        notes: read.notes,
        project_notes: Vec::new(),
        findings,
    }
}

/// Rows appended to `project`, with the findings they would have there.
pub fn rows_into(
    doc: DocState,
    project: &ProjectState,
    rows: Vec<Indicator>,
    notes: Vec<String>,
) -> Preview {
    let mut would_be = untrack(|| project.to_core());
    let replaces_blank = if would_be.indicators.iter().all(blank_row) {
        std::mem::take(&mut would_be.indicators).len()
    } else {
        0
    };
    let base = would_be.indicators.len();
    would_be.indicators.extend(rows.iter().cloned());
    let findings = check_project(&would_be, &doc.year.get_untracked())
        .into_iter()
        .filter_map(|mut f| {
            f.location = match f.location {
                ProjectField::Indicator(i, field) if i >= base => {
                    ProjectField::Indicator(i - base, field)
                }
                ProjectField::Indicators => ProjectField::Indicators,
                // The rest of the project is as it was: not the paste's doing.
                _ => return None,
            };
            Some(f.in_project(0))
        })
        .collect();
    Preview {
        landing: Landing::Rows {
            doc,
            project: project.id,
            rows,
            replaces_blank,
        },
        notes,
        project_notes: Vec::new(),
        findings,
    }
}

/// The same paste with only the indicator rows of its project table, into `here`.
pub fn only_rows(preview: &Preview) -> Option<Preview> {
    match &preview.landing {
        Landing::Project {
            doc, here, project, ..
        } => Some(rows_into(
            *doc,
            &untrack(|| doc.project(*here))?,
            project.indicators.clone(),
            preview.notes.clone(),
        )),
        _ => None,
    }
}

/// A paste on the start page: the whole clipboard as a document (department
/// part by its headings, project tables by their labels); a lone table that
/// is no project table still makes a draft of one project.
pub fn for_new_draft(clip: &Clip) -> Result<Preview, String> {
    let blocks = clip.blocks();
    match document_from_blocks(&blocks) {
        Ok(read) => Ok(for_document(read, "粘贴的表格".to_string())),
        Err(why) => {
            let Some(grid) = clip.table(false) else {
                return Err(format!(
                    "{why}。请在 Word、WPS 或 Excel 中选中表格（连同表头）或整篇文档复制后再粘贴。"
                ));
            };
            let read = table::read(&grid).map_err(|e| e.to_string())?;
            let mut doc = Document::new_draft();
            doc.unit.code = read.unit_code;
            doc.unit.name = read.unit_name;
            doc.year = read.year;
            doc.projects.push(read.project);
            Ok(for_document(
                DocumentRead {
                    document: doc,
                    notes: Vec::new(),
                    project_notes: vec![read.notes],
                },
                "粘贴的表格".to_string(),
            ))
        }
    }
}

/// A whole document read (a .docx, a paste) to become a new draft.
pub fn for_document(read: DocumentRead, source: String) -> Preview {
    let mut doc = read.document;
    if doc.money_unit.is_empty() {
        doc.money_unit = Document::new_draft().money_unit;
    }
    let findings = validate(&doc);
    Preview {
        landing: Landing::Draft {
            doc: Box::new(doc),
            source,
        },
        notes: read.notes,
        project_notes: read.project_notes,
        findings,
    }
}

/// The findings of one project of the preview (its index in the document).
pub fn of_project(findings: &[Finding], index: usize) -> Vec<Finding<ProjectField>> {
    findings
        .iter()
        .filter_map(|f| f.of_project(index))
        .collect()
}
