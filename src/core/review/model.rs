//! The `review` block of review.md and the `acknowledged` list of format.md
//! (1.1), as plain data. Every object keeps the keys this app does not know
//! (`extra`), written back after the known ones.

use super::anchor::Anchor;
use crate::core::findings::Grade;
use crate::core::model::{Document, Extra};

/// The reviewer's rounds, oldest first; the last one is the current round.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub rounds: Vec<Round>,
    pub extra: Extra,
}

/// One pass of a reviewer over one version of the document (审核轮次).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Round {
    /// 1, 2, …
    pub round: u64,
    /// 审核人: free text, e.g. the office.
    pub reviewer: String,
    /// When the round was closed (RFC 3339 UTC); `""` while the reviewer works.
    pub reviewed_at: String,
    /// For the whole document; `None` (`""` in the file) while undecided.
    pub decision: Option<Decision>,
    /// 总体审核意见.
    pub summary: String,
    /// One 审核结论 per project.
    pub projects: Vec<Conclusion>,
    pub comments: Vec<Comment>,
    /// The document as the reviewer saw it in this round, set when the round
    /// is closed; `None` while working.
    pub reviewed: Option<Document>,
    pub extra: Extra,
}

impl Round {
    /// The reviewer is still working on it.
    pub fn is_open(&self) -> bool {
        self.reviewed_at.trim().is_empty()
    }
}

/// 审核结论.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// 通过
    Approved,
    /// 修改后通过
    ApprovedAfterChanges,
    /// 退回修改
    Returned,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Self::Approved, Self::ApprovedAfterChanges, Self::Returned];

    /// The official term, also the value in the file.
    pub fn label(self) -> &'static str {
        match self {
            Self::Approved => "通过",
            Self::ApprovedAfterChanges => "修改后通过",
            Self::Returned => "退回修改",
        }
    }

    pub fn from_label(text: &str) -> Option<Decision> {
        Self::ALL.into_iter().find(|d| d.label() == text)
    }
}

/// The grade labels of 88号 (`优` `良` `中` `差`), the same scale as the
/// provisional self-check grade the app proposes.
pub const GRADES: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];

pub fn grade_from_label(text: &str) -> Option<Grade> {
    GRADES.into_iter().find(|g| g.label() == text)
}

/// 审核结论 of one project: its code and name as reviewed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conclusion {
    pub code: String,
    pub name: String,
    pub decision: Option<Decision>,
    pub grade: Option<Grade>,
    pub opinion: String,
    pub extra: Extra,
}

/// Where a comment stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CommentStatus {
    /// To do.
    #[default]
    Open,
    /// The preparer replied or changed the place.
    Answered,
    /// The reviewer accepts the answer.
    Closed,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 3] = [Self::Open, Self::Answered, Self::Closed];

    /// The value in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Answered => "answered",
            Self::Closed => "closed",
        }
    }

    /// What the UI shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "待处理",
            Self::Answered => "已答复",
            Self::Closed => "已关闭",
        }
    }

    pub fn parse(text: &str) -> Option<CommentStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// 审核意见 on one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// Unique within the file, kept forever (`"<round>-<n>"` for new ones).
    pub id: String,
    pub at: Anchor,
    /// Keys inside `at` this app does not know.
    pub at_extra: Extra,
    /// The text of the place when the comment was written.
    pub quote: String,
    /// The rule code when made from a finding, else `""`.
    pub code: String,
    pub text: String,
    pub status: CommentStatus,
    /// The preparer's answer.
    pub reply: String,
    pub extra: Extra,
}

/// 已核实: the preparer's word that a warning or hint was checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Acknowledgement {
    pub code: String,
    pub at: Anchor,
    pub at_extra: Extra,
    pub reason: String,
    pub extra: Extra,
}

impl Review {
    /// The current round: the last one.
    pub fn current(&self) -> Option<&Round> {
        self.rounds.last()
    }

    /// Every comment of every round, with the index of its round.
    pub fn comments(&self) -> impl Iterator<Item = (usize, &Comment)> {
        self.rounds
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.comments.iter().map(move |c| (i, c)))
    }

    pub fn comment(&self, id: &str) -> Option<&Comment> {
        self.comments().map(|(_, c)| c).find(|c| c.id == id)
    }

    pub fn comment_mut(&mut self, id: &str) -> Option<&mut Comment> {
        self.rounds
            .iter_mut()
            .flat_map(|r| r.comments.iter_mut())
            .find(|c| c.id == id)
    }

    /// Comments still `open`, over all rounds.
    pub fn open_count(&self) -> usize {
        self.comments()
            .filter(|(_, c)| c.status == CommentStatus::Open)
            .count()
    }

    /// The snapshot 修改对比 compares against: that of the last round that has one.
    pub fn last_reviewed(&self) -> Option<&Document> {
        self.rounds.iter().rev().find_map(|r| r.reviewed.as_ref())
    }
}
