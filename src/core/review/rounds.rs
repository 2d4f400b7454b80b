//! 审核轮次: starting, continuing and closing a round, the per-project
//! 审核结论, the review state 审核台 shows, and the document status that stays
//! `draft` while a comment is open.

use std::fmt;

use super::model::{Conclusion, Decision, Review, Round};
use crate::core::findings::Finding;
use crate::core::format::Status;
use crate::core::model::{Document, Extra};
use crate::core::rules;

/// Why a round could not be changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundError {
    NoOpenRound,
    /// Closing needs the time it happened (`reviewed_at`).
    NoTime,
    NoSuchProject {
        index: usize,
    },
}

impl fmt::Display for RoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoOpenRound => write!(f, "当前没有进行中的审核轮次，请先点击「开始审核」。"),
            Self::NoTime => write!(f, "完成本轮审核需要记录审核时间。"),
            Self::NoSuchProject { index } => write!(f, "文件中没有第{}个项目。", index + 1),
        }
    }
}

impl std::error::Error for RoundError {}

/// `开始审核`: continues the open round, or starts the next one (the first
/// when there is none), `reviewed_at` `""` while working. A new round takes
/// `reviewer`, or the previous round's reviewer when it is empty. Returns
/// the round's number N, shown as `审核中（第N轮）`.
pub fn start_round(review: &mut Review, reviewer: &str) -> u64 {
    if let Some(last) = review.rounds.last_mut() {
        if last.is_open() {
            if last.reviewer.trim().is_empty() {
                last.reviewer = reviewer.to_string();
            }
            return last.round;
        }
    }
    let (round, previous) = match review.rounds.last() {
        Some(last) => (last.round + 1, last.reviewer.clone()),
        None => (1, String::new()),
    };
    let reviewer = if reviewer.trim().is_empty() {
        previous
    } else {
        reviewer.to_string()
    };
    review.rounds.push(Round {
        round,
        reviewer,
        ..Default::default()
    });
    round
}

/// The document as the reviewer saw it, for the round's `reviewed`: trimmed
/// as an exported file is, and without the review itself.
pub fn snapshot_of(doc: &Document) -> Document {
    let mut snapshot = doc.trimmed();
    snapshot.review = None;
    snapshot
}

/// `完成本轮审核`: sets `reviewed_at` (`now`, RFC 3339 UTC, given by the
/// shell: the core has no clock), the decision and the snapshot the next
/// round compares against. Returns the round's number.
pub fn close_round(
    review: &mut Review,
    doc: &Document,
    now: &str,
    decision: Decision,
) -> Result<u64, RoundError> {
    if now.trim().is_empty() {
        return Err(RoundError::NoTime);
    }
    let round = open_round(review)?;
    round.reviewed_at = now.trim().to_string();
    round.decision = Some(decision);
    round.reviewed = Some(snapshot_of(doc));
    Ok(round.round)
}

/// The round the reviewer is working in.
pub fn open_round(review: &mut Review) -> Result<&mut Round, RoundError> {
    match review.rounds.last_mut() {
        Some(r) if r.is_open() => Ok(r),
        _ => Err(RoundError::NoOpenRound),
    }
}

/// The 审核结论 of project `index` in a round: the one with its code, or with
/// its name when it has no code.
pub fn conclusion_of<'r>(round: &'r Round, doc: &Document, index: usize) -> Option<&'r Conclusion> {
    let p = doc.projects.get(index)?;
    let i = find_conclusion(round, p.code.trim(), p.name.trim())?;
    round.projects.get(i)
}

fn find_conclusion(round: &Round, code: &str, name: &str) -> Option<usize> {
    if !code.is_empty() {
        return round.projects.iter().position(|c| c.code.trim() == code);
    }
    round
        .projects
        .iter()
        .position(|c| c.code.trim().is_empty() && c.name.trim() == name)
}

/// The 审核结论 of project `index` in the open round, made when missing (its
/// code and name as reviewed, nothing decided); the code and name are brought
/// up to date either way. The UI proposes the grade from
/// `rules::provisional_grade`; the reviewer decides.
pub fn conclusion_mut<'r>(
    review: &'r mut Review,
    doc: &Document,
    index: usize,
) -> Result<&'r mut Conclusion, RoundError> {
    let p = doc
        .projects
        .get(index)
        .ok_or(RoundError::NoSuchProject { index })?;
    let (code, name) = (p.code.trim(), p.name.trim());
    let round = open_round(review)?;
    let i = match find_conclusion(round, code, name) {
        Some(i) => i,
        None => {
            round.projects.push(Conclusion {
                extra: Extra::new(),
                ..Default::default()
            });
            round.projects.len() - 1
        }
    };
    let c = &mut round.projects[i];
    c.code = code.to_string();
    c.name = name.to_string();
    Ok(c)
}

/// Where a document stands with its reviewer, for 审核台 and the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReviewState {
    /// 未审核: no round yet.
    Unreviewed,
    /// 审核中 第N轮: the reviewer is working.
    InReview { round: u64 },
    /// The last round is closed, with its decision (退回修改, 通过, 修改后通过).
    Reviewed {
        round: u64,
        decision: Option<Decision>,
    },
}

impl ReviewState {
    pub fn of(review: Option<&Review>) -> ReviewState {
        match review.and_then(Review::current) {
            None => ReviewState::Unreviewed,
            Some(r) if r.is_open() => ReviewState::InReview { round: r.round },
            Some(r) => ReviewState::Reviewed {
                round: r.round,
                decision: r.decision,
            },
        }
    }

    /// As 审核台 shows it.
    pub fn label(self) -> String {
        match self {
            ReviewState::Unreviewed => "未审核".into(),
            ReviewState::InReview { round } => format!("审核中 第{round}轮"),
            ReviewState::Reviewed {
                decision: Some(d), ..
            } => d.label().into(),
            ReviewState::Reviewed {
                round,
                decision: None,
            } => format!("第{round}轮已审核"),
        }
    }
}

/// One line of 审核台 about the review: its state and the open comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewSummary {
    pub state: ReviewState,
    pub open_comments: usize,
}

pub fn review_summary(review: Option<&Review>) -> ReviewSummary {
    ReviewSummary {
        state: ReviewState::of(review),
        open_comments: review.map_or(0, Review::open_count),
    }
}

/// `status` of a written file: `draft` while validation finds an error (as
/// `rules::status_of`) or any 审核意见 is still `open`.
pub fn document_status(findings: &[Finding], review: Option<&Review>) -> Status {
    if review.is_some_and(|r| r.open_count() > 0) {
        Status::Draft
    } else {
        rules::status_of(findings)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testdoc::doc;
    use super::*;
    use crate::core::review::model::CommentStatus;
    use crate::core::review::{add_comment, anchor::Place};

    #[test]
    fn starting_twice_continues_the_open_round_and_closing_starts_the_next() {
        let d = doc();
        let mut review = Review::default();
        assert_eq!(start_round(&mut review, "绩效科"), 1);
        assert_eq!(start_round(&mut review, "someone else"), 1);
        assert_eq!(review.rounds.len(), 1);
        assert_eq!(review.rounds[0].reviewer, "绩效科");
        assert_eq!(review.rounds[0].reviewed_at, "");
        assert_eq!(
            close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned),
            Ok(1)
        );
        let r1 = &review.rounds[0];
        assert!(!r1.is_open());
        assert_eq!(r1.decision, Some(Decision::Returned));
        assert_eq!(r1.reviewed.as_ref(), Some(&snapshot_of(&d)));
        assert_eq!(
            close_round(&mut review, &d, "2027-03-03T08:00:00Z", Decision::Approved),
            Err(RoundError::NoOpenRound)
        );
        assert_eq!(start_round(&mut review, ""), 2);
        assert_eq!(review.rounds[1].reviewer, "绩效科", "carried over");
        assert_eq!(review.rounds[1].reviewed, None);
    }

    #[test]
    fn a_round_is_closed_only_with_its_time() {
        let d = doc();
        let mut review = Review::default();
        start_round(&mut review, "");
        assert_eq!(
            close_round(&mut review, &d, " ", Decision::Approved),
            Err(RoundError::NoTime)
        );
        assert!(review.rounds[0].is_open());
    }

    #[test]
    fn the_snapshot_holds_no_review_and_is_trimmed() {
        let mut d = doc();
        d.projects[0].name = "  法律顾问费 ".into();
        d.review = Some(Review::default());
        d.extra.insert("tool".into(), serde_json::json!(1));
        let s = snapshot_of(&d);
        assert_eq!(s.projects[0].name, "法律顾问费");
        assert_eq!(s.review, None);
        assert!(s.extra.contains_key("tool"));
    }

    #[test]
    fn conclusions_are_found_by_code_and_made_once() {
        let d = doc();
        let mut review = Review::default();
        assert!(conclusion_mut(&mut review, &d, 0).is_err(), "no open round");
        start_round(&mut review, "");
        conclusion_mut(&mut review, &d, 1)
            .map(|c| c.opinion = "意见".into())
            .ok();
        conclusion_mut(&mut review, &d, 1)
            .map(|c| c.decision = Some(Decision::Returned))
            .ok();
        let round = &review.rounds[0];
        assert_eq!(round.projects.len(), 1);
        let c = conclusion_of(round, &d, 1).cloned().unwrap_or_default();
        assert_eq!(
            (c.code.as_str(), c.opinion.as_str()),
            (d.projects[1].code.as_str(), "意见")
        );
        assert_eq!(c.decision, Some(Decision::Returned));
        assert_eq!(conclusion_of(round, &d, 0), None);
        assert_eq!(
            conclusion_mut(&mut review, &d, 7).err(),
            Some(RoundError::NoSuchProject { index: 7 })
        );
    }

    #[test]
    fn review_states_as_the_review_desk_shows_them() {
        let d = doc();
        assert_eq!(ReviewState::of(None).label(), "未审核");
        let mut review = Review::default();
        assert_eq!(ReviewState::of(Some(&review)).label(), "未审核");
        start_round(&mut review, "");
        assert_eq!(ReviewState::of(Some(&review)).label(), "审核中 第1轮");
        let _ = close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned);
        assert_eq!(ReviewState::of(Some(&review)).label(), "退回修改");
        start_round(&mut review, "");
        assert_eq!(ReviewState::of(Some(&review)).label(), "审核中 第2轮");
        let _ = close_round(
            &mut review,
            &d,
            "2027-03-09T08:00:00Z",
            Decision::ApprovedAfterChanges,
        );
        assert_eq!(ReviewState::of(Some(&review)).label(), "修改后通过");
        review.rounds[1].decision = None;
        assert_eq!(ReviewState::of(Some(&review)).label(), "第2轮已审核");
        review.rounds[1].decision = Some(Decision::Approved);
        assert_eq!(ReviewState::of(Some(&review)).label(), "通过");
    }

    #[test]
    fn an_open_comment_keeps_a_document_without_errors_a_draft() {
        let d = doc();
        let mut review = Review::default();
        assert_eq!(document_status(&[], None), Status::Complete);
        assert_eq!(document_status(&[], Some(&review)), Status::Complete);
        start_round(&mut review, "");
        let id = add_comment(&mut review, &d, Place::Document, "请补充说明").unwrap_or_default();
        assert_eq!(document_status(&[], Some(&review)), Status::Draft);
        assert_eq!(review_summary(Some(&review)).open_comments, 1);
        if let Some(c) = review.comment_mut(&id) {
            c.status = CommentStatus::Answered;
        }
        assert_eq!(document_status(&[], Some(&review)), Status::Complete);
        assert_eq!(review_summary(Some(&review)).open_comments, 0);
    }

    #[test]
    fn errors_keep_a_document_a_draft_with_or_without_review() {
        let mut d = doc();
        d.projects[0].budget.total = "五万".into();
        let findings = rules::validate(&d);
        assert_eq!(
            rules::status_of(&findings),
            Status::Draft,
            "the test needs an error"
        );
        assert_eq!(document_status(&findings, None), Status::Draft);
        assert_eq!(
            document_status(&findings, Some(&Review::default())),
            Status::Draft
        );
    }
}
