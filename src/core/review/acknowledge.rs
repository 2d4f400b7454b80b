//! 已核实: the preparer's word that a warning or hint was checked, with a
//! reason the reviewer reads. Kept in the file as `acknowledged` (format.md
//! 1.1): `{ code, at, reason }`. An acknowledgement goes with the finding of
//! that code at that place; errors cannot be acknowledged, and one whose
//! finding no longer occurs is dropped at export.

use std::fmt;

use super::anchor::{anchor_of, place_of_finding, Anchor};
use super::model::Acknowledgement;
use crate::core::findings::{Finding, Severity};
use crate::core::model::{Document, Extra};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AckError {
    /// Errors must be fixed, not acknowledged.
    IsError,
    EmptyReason,
}

impl fmt::Display for AckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IsError => write!(f, "错误不能标记为已核实，请按提示修改。"),
            Self::EmptyReason => write!(f, "请填写核实理由，审核人会看到这段说明。"),
        }
    }
}

impl std::error::Error for AckError {}

/// The address and code an acknowledgement of `finding` carries.
fn key(doc: &Document, finding: &Finding) -> (String, Anchor) {
    (
        finding.code.to_string(),
        anchor_of(doc, place_of_finding(finding)),
    )
}

fn matches(ack: &Acknowledgement, code: &str, at: &Anchor) -> bool {
    ack.code == code && &ack.at == at
}

/// Marks a warning or hint 已核实 with a reason (kept as typed); marking it
/// again replaces the reason.
pub fn acknowledge(
    acks: &mut Vec<Acknowledgement>,
    doc: &Document,
    finding: &Finding,
    reason: &str,
) -> Result<(), AckError> {
    if finding.severity == Severity::Error {
        return Err(AckError::IsError);
    }
    if reason.trim().is_empty() {
        return Err(AckError::EmptyReason);
    }
    let (code, at) = key(doc, finding);
    match acks.iter_mut().find(|a| matches(a, &code, &at)) {
        Some(a) => a.reason = reason.to_string(),
        None => acks.push(Acknowledgement {
            code,
            at,
            at_extra: Extra::new(),
            reason: reason.to_string(),
            extra: Extra::new(),
        }),
    }
    Ok(())
}

/// Takes the mark back; `false` when there was none.
pub fn unacknowledge(acks: &mut Vec<Acknowledgement>, doc: &Document, finding: &Finding) -> bool {
    let (code, at) = key(doc, finding);
    let before = acks.len();
    acks.retain(|a| !matches(a, &code, &at));
    acks.len() != before
}

/// The acknowledgement of a finding, if it has one (never for an error).
pub fn acknowledgement_of<'a>(
    acks: &'a [Acknowledgement],
    doc: &Document,
    finding: &Finding,
) -> Option<&'a Acknowledgement> {
    if finding.severity == Severity::Error {
        return None;
    }
    let (code, at) = key(doc, finding);
    acks.iter().find(|a| matches(a, &code, &at))
}

/// For each finding, whether it is acknowledged (counted apart as 已核实).
pub fn acknowledged_flags(
    acks: &[Acknowledgement],
    doc: &Document,
    findings: &[Finding],
) -> Vec<bool> {
    findings
        .iter()
        .map(|f| acknowledgement_of(acks, doc, f).is_some())
        .collect()
}

/// What is written at export: the acknowledgements whose warning or hint
/// still occurs, in their order.
pub fn kept_at_export(
    acks: &[Acknowledgement],
    doc: &Document,
    findings: &[Finding],
) -> Vec<Acknowledgement> {
    let current: Vec<(String, Anchor)> = findings
        .iter()
        .filter(|f| f.severity != Severity::Error)
        .map(|f| key(doc, f))
        .collect();
    acks.iter()
        .filter(|a| current.iter().any(|(code, at)| matches(a, code, at)))
        .cloned()
        .collect()
}
