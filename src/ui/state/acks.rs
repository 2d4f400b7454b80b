//! The 已核实 still in force, counted per step apart from the warnings; and
//! each project's code and name, which acknowledgements and 审核结论 name a
//! project by. Plain memos over the document's signals: `doc` builds them.

use leptos::prelude::*;

use crate::core::findings::{Counts, Finding, Location};
use crate::core::model::Document;
use crate::core::review::anchor::Anchor;
use crate::core::review::{self, Acknowledgement};
use crate::core::rules::light_project;

use super::items::ProjectState;

/// The warnings and hints marked 已核实 that still occur, by step. A finding
/// folded under another is not counted, as in `Counts`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AckCounts {
    pub head: Counts,
    pub department: Counts,
    /// By the project's position.
    pub projects: Vec<Counts>,
}

impl AckCounts {
    pub fn project(&self, index: usize) -> Counts {
        self.projects.get(index).copied().unwrap_or_default()
    }

    pub fn total(&self) -> Counts {
        let mut total = self.head;
        total.add(self.department);
        self.projects.iter().for_each(|c| total.add(*c));
        total
    }
}

/// How many 已核实 a set of counts holds (warnings and hints alike).
pub fn acknowledged(counts: Counts) -> usize {
    counts.warnings + counts.infos
}

/// Each project's 项目编码 and 项目名称 only: what an `at` address and a
/// 审核结论 name a project by.
pub(super) fn light_of(projects: RwSignal<Vec<ProjectState>>) -> Memo<Document> {
    Memo::new(move |_| Document {
        projects: projects.with(|ps| {
            ps.iter()
                .map(|p| light_project(p.code.get(), p.name.get(), String::new()))
                .collect()
        }),
        ..Default::default()
    })
}

/// The warnings and hints marked 已核实 that still occur, per step.
pub(super) fn ack_counts_of(
    acknowledged: RwSignal<Vec<Acknowledgement>>,
    light: Memo<Document>,
    doc_findings: Memo<Vec<Finding>>,
    projects: RwSignal<Vec<ProjectState>>,
) -> Memo<AckCounts> {
    Memo::new(move |_| ack_counts(&acknowledged.get(), light, doc_findings, projects))
}

/// Counts the acknowledged findings. Only the projects an acknowledgement
/// names are looked at, so typing elsewhere does not re-run this, and a
/// document without 已核实 costs nothing.
fn ack_counts(
    acks: &[Acknowledgement],
    light: Memo<Document>,
    doc_findings: Memo<Vec<Finding>>,
    projects: RwSignal<Vec<ProjectState>>,
) -> AckCounts {
    if acks.is_empty() {
        return AckCounts::default();
    }
    let light = light.get();
    let n = light.projects.len();
    let mut wanted = vec![false; n];
    for a in acks {
        if let Anchor::Project(r, _) = &a.at {
            if let Some(i) = r.find(&light) {
                wanted[i] = true;
            }
        }
    }
    let wanted_at = |i: usize| wanted.get(i).copied().unwrap_or(false);
    let mut findings: Vec<Finding> = doc_findings.with(|all| {
        all.iter()
            .filter(|f| f.location.project().is_none_or(wanted_at))
            .cloned()
            .collect()
    });
    projects.with(|ps| {
        for (i, p) in ps.iter().enumerate().filter(|(i, _)| wanted_at(*i)) {
            p.findings
                .with(|own| findings.extend(own.iter().cloned().map(|f| f.in_project(i))));
        }
    });
    let flags = review::acknowledged_flags(acks, &light, &findings);
    let mut out = AckCounts {
        projects: vec![Counts::default(); n],
        ..Default::default()
    };
    for (f, _) in findings
        .iter()
        .zip(flags)
        .filter(|(f, on)| *on && f.leads())
    {
        let counts = match f.location {
            Location::Head(_) => &mut out.head,
            Location::Department(..) => &mut out.department,
            Location::Project(i, _) => match out.projects.get_mut(i) {
                Some(c) => c,
                None => continue,
            },
        };
        counts.add_one(f.severity);
    }
    out
}
