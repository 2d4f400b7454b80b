//! The reviewer's round trip in the file (review.md) and the preparer's 已核实
//! (format.md 1.1), as plain data and pure functions the UI calls:
//!
//! - `anchor`: the `at` address, and the place it names in a document;
//! - `model` and `json`: the `review` block and the `acknowledged` list, read
//!   with path errors and written in the spec's key order;
//! - `rounds`: 开始审核 / 完成本轮审核, 审核结论, the review state, the status;
//! - `comments`: re-anchoring, adding, replies, `answered` after an edit,
//!   open comments per step;
//! - `matching` and `diff`: 修改对比 against the last round's snapshot;
//! - `acknowledge`: 已核实 on warnings and hints.

pub mod acknowledge;
pub mod anchor;
pub mod comments;
pub mod diff;
pub mod error;
pub mod json;
pub mod matching;
pub mod model;
pub mod rounds;

#[cfg(test)]
mod testdoc;
#[cfg(test)]
mod tests;

pub use acknowledge::{
    acknowledge, acknowledged_flags, acknowledgement_of, kept_at_export, unacknowledge, AckError,
};
pub use anchor::{
    anchor_of, place_of_finding, text_at, Anchor, Place, ProjectPlace, Resolved, Step, MOVED_LABEL,
};
pub use comments::{
    add_comment, add_comment_from_finding, close_comment, mark_answered, open_counts,
    remove_comment, reopen_comment, set_reply, CommentError, Located, Locator, OpenCounts,
};
pub use diff::{compare, compare_with_review, Change, ChangeKind, Comparison, ProjectComparison};
pub use json::{acknowledged_value, read_acknowledged, read_review, review_value, ReviewReadError};
pub use model::{Acknowledgement, Comment, CommentStatus, Conclusion, Decision, Review, Round};
pub use rounds::{
    close_round, conclusion_mut, conclusion_of, document_status, review_summary, snapshot_of,
    start_round, ReviewState, ReviewSummary, RoundError,
};
