//! 审核意见 on places: finding a comment's place again after the preparer
//! edited the document, writing new comments, replies, closing and reopening,
//! `answered` after an edit, and the open comments per step.

use std::fmt;

use super::anchor::{
    anchor_of, place_of_finding, text_at, Anchor, DepartmentPlace, Place, ProjectPlace, Resolved,
    Step,
};
use super::matching::DocumentPairing;
use super::model::{Comment, CommentStatus, Review};
use crate::core::findings::Finding;
use crate::core::model::{Document, Extra};

/// Why a change to the comments was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommentError {
    /// Comments are written in an open round only.
    NoOpenRound,
    /// The place is not in the document.
    NoSuchPlace,
    NotFound {
        id: String,
    },
    /// A comment of a closed round is kept for ever; it can be closed, not removed.
    Kept {
        id: String,
    },
}

impl fmt::Display for CommentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoOpenRound => write!(f, "请先点击「开始审核」，再添加审核意见。"),
            Self::NoSuchPlace => write!(f, "该位置已不在文件中，无法添加审核意见。"),
            Self::NotFound { id } => write!(f, "找不到编号为「{id}」的审核意见。"),
            Self::Kept { id } => write!(
                f,
                "审核意见「{id}」属于已完成的审核轮次，只能关闭，不能删除。"
            ),
        }
    }
}

impl std::error::Error for CommentError {}

/// Finds comments' places in one document. Holds the pairing of each round's
/// snapshot with the document, so many comments are placed for the cost of
/// one comparison per round.
pub struct Locator<'a> {
    review: &'a Review,
    doc: &'a Document,
    pairings: Vec<Option<DocumentPairing>>,
}

impl<'a> Locator<'a> {
    pub fn new(review: &'a Review, doc: &'a Document) -> Self {
        let pairings = review
            .rounds
            .iter()
            .map(|r| match (&r.reviewed, r.comments.is_empty()) {
                // Placing comments on their own snapshot needs no pairing.
                (Some(snapshot), false) if !std::ptr::eq(snapshot, doc) => {
                    Some(DocumentPairing::new(snapshot, doc))
                }
                _ => None,
            })
            .collect();
        Locator {
            review,
            doc,
            pairings,
        }
    }

    /// Where comment `comment` of round `round` (its index) is now.
    ///
    /// A comment of a closed round was written on that round's snapshot: it is
    /// placed there, then carried to the document through the pairs of rows
    /// and projects (修改对比's own). Without a snapshot (the round is still
    /// open, or another tool left it out) its `at` is tried directly. Either
    /// way, when its place is gone, its `quote` is looked for among the
    /// project's rows (same column); else it is `Moved`, with its project.
    pub fn locate(&self, round: usize, comment: &Comment) -> Resolved {
        let snapshot = self
            .review
            .rounds
            .get(round)
            .and_then(|r| r.reviewed.as_ref());
        let pairing = self.pairings.get(round).and_then(Option::as_ref);
        let (Some(snapshot), Some(pairing)) = (snapshot, pairing) else {
            return reanchor(&comment.at, &comment.quote, self.doc);
        };
        match reanchor(&comment.at, &comment.quote, snapshot) {
            Resolved::At(old) => match pairing.map(old) {
                Some(new) => Resolved::At(new),
                None => {
                    let project = pairing.project_of(old);
                    let like = match (old, project) {
                        (Place::Project(_, pp), Some(n)) => Some(Place::Project(n, pp)),
                        (Place::Department(_), _) => Some(old),
                        _ => None,
                    };
                    // Only items new in this version can be the one that
                    // moved: the paired ones are known to be other items.
                    let added = |k: usize| match old {
                        Place::Project(o, ProjectPlace::Goals(_)) => pairing
                            .project(o)
                            .is_none_or(|(_, inner)| inner.goals.old_of(k).is_none()),
                        Place::Project(o, _) => pairing
                            .project(o)
                            .is_none_or(|(_, inner)| inner.rows.old_of(k).is_none()),
                        Place::Department(DepartmentPlace::Paragraph(l, _)) => {
                            pairing.department(l).is_none_or(|p| p.old_of(k).is_none())
                        }
                        _ => true,
                    };
                    like.and_then(|p| search_quote(self.doc, p, &comment.quote, &added))
                        .map_or(Resolved::Moved { project }, Resolved::At)
                }
            },
            // Not even on its own snapshot: the address is odd; try it as is.
            Resolved::Moved { .. } => reanchor(&comment.at, &comment.quote, self.doc),
        }
    }

    /// Every comment with its place, in the order of the steps (document,
    /// 基本信息, 部门, projects) and, within a step, of the form; comments
    /// whose place is gone come last in their step.
    pub fn all(&self) -> Vec<Located> {
        let mut out: Vec<Located> = self
            .review
            .rounds
            .iter()
            .enumerate()
            .flat_map(|(r, round)| round.comments.iter().enumerate().map(move |(c, _)| (r, c)))
            .map(|(round, index)| {
                let comment = &self.review.rounds[round].comments[index];
                let resolved = self.locate(round, comment);
                Located {
                    round,
                    index,
                    resolved,
                    step: step_of(resolved),
                }
            })
            .collect();
        out.sort_by_key(|l| (l.step, l.resolved.place().is_none(), l.resolved.place()));
        out
    }
}

/// A comment (round index, index in the round) and where it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub round: usize,
    pub index: usize,
    pub resolved: Resolved,
    pub step: Step,
}

fn step_of(resolved: Resolved) -> Step {
    match resolved {
        Resolved::At(p) => p.step(),
        Resolved::Moved { project: Some(i) } => Step::Project(i),
        Resolved::Moved { project: None } => Step::Document,
    }
}

fn same_text(doc: &Document, place: Place, quote: &str) -> bool {
    text_at(doc, place).is_some_and(|t| t == quote.trim())
}

/// `at` first, while its place exists (its text may have changed: the
/// preparer edited it); when it is gone, the quote among the items of the
/// same list and column; else `Moved`. Without a snapshot nothing tells
/// which row is which, so an address that still exists is trusted.
fn reanchor(at: &Anchor, quote: &str, doc: &Document) -> Resolved {
    match at.resolve(doc) {
        Resolved::At(place) => Resolved::At(place),
        Resolved::Moved { project } => {
            let like = match (at, project) {
                (Anchor::Project(_, pp), Some(i)) => Some(Place::Project(i, *pp)),
                (Anchor::Department(d), _) => Some(Place::Department(*d)),
                _ => None,
            };
            like.and_then(|p| search_quote(doc, p, quote, &|_| true))
                .map_or(Resolved::Moved { project }, Resolved::At)
        }
    }
}

/// The item of the same list (same project and column) whose text equals the
/// quote, among those `allowed`, nearest to where `like` was; an empty quote
/// matches nothing.
fn search_quote(
    doc: &Document,
    like: Place,
    quote: &str,
    allowed: &dyn Fn(usize) -> bool,
) -> Option<Place> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    let (len, at, make): (usize, usize, Box<dyn Fn(usize) -> Place>) = match like {
        Place::Project(i, ProjectPlace::Cell(r, f)) => (
            doc.projects.get(i)?.indicators.len(),
            r,
            Box::new(move |k| Place::Project(i, ProjectPlace::Cell(k, f))),
        ),
        Place::Project(i, ProjectPlace::Row(r)) => (
            doc.projects.get(i)?.indicators.len(),
            r,
            Box::new(move |k| Place::Project(i, ProjectPlace::Row(k))),
        ),
        Place::Project(i, ProjectPlace::Goals(Some(g))) => (
            doc.projects.get(i)?.goals.len(),
            g,
            Box::new(move |k| Place::Project(i, ProjectPlace::Goals(Some(k)))),
        ),
        Place::Department(DepartmentPlace::Paragraph(l, p)) => (
            doc.department.list(l).len(),
            p,
            Box::new(move |k| Place::Department(DepartmentPlace::Paragraph(l, k))),
        ),
        _ => return None,
    };
    (0..len)
        .filter(|&k| allowed(k) && same_text(doc, make(k), quote))
        .min_by_key(|&k| (k.abs_diff(at), k))
        .map(make)
}

/// The next free id of round `round`: `"<round>-<n>"`, unique in the file.
fn next_id(review: &Review, round: u64) -> String {
    let prefix = format!("{round}-");
    let mut n = review
        .comments()
        .filter_map(|(_, c)| c.id.strip_prefix(&prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    loop {
        let id = format!("{prefix}{n}");
        if review.comment(&id).is_none() {
            return id;
        }
        n += 1;
    }
}

/// Writes a comment at a place of the document the reviewer sees, in the open
/// round; its quote is the place's text. Returns its id.
pub fn add_comment(
    review: &mut Review,
    doc: &Document,
    place: Place,
    text: &str,
) -> Result<String, CommentError> {
    add(review, doc, place, String::new(), text)
}

/// `加入审核意见` on a finding: a comment at its place with its code and
/// message, which the reviewer may then edit.
pub fn add_comment_from_finding(
    review: &mut Review,
    doc: &Document,
    finding: &Finding,
) -> Result<String, CommentError> {
    add(
        review,
        doc,
        place_of_finding(finding),
        finding.code.to_string(),
        &finding.message,
    )
}

fn add(
    review: &mut Review,
    doc: &Document,
    place: Place,
    code: String,
    text: &str,
) -> Result<String, CommentError> {
    let round = match review.rounds.last() {
        Some(r) if r.is_open() => r.round,
        _ => return Err(CommentError::NoOpenRound),
    };
    let quote = text_at(doc, place).ok_or(CommentError::NoSuchPlace)?;
    let id = next_id(review, round);
    let comment = Comment {
        id: id.clone(),
        at: anchor_of(doc, place),
        at_extra: Extra::new(),
        quote,
        code,
        text: text.to_string(),
        status: CommentStatus::Open,
        reply: String::new(),
        extra: Extra::new(),
    };
    if let Some(r) = review.rounds.last_mut() {
        r.comments.push(comment);
    }
    Ok(id)
}

/// Removes a comment the reviewer wrote in the round still open; comments of
/// closed rounds are kept for ever.
pub fn remove_comment(review: &mut Review, id: &str) -> Result<Comment, CommentError> {
    let not_found = || CommentError::NotFound { id: id.to_string() };
    let last = review.rounds.len().checked_sub(1).ok_or_else(not_found)?;
    for (r, round) in review.rounds.iter_mut().enumerate() {
        if let Some(i) = round.comments.iter().position(|c| c.id == id) {
            if r != last || !round.is_open() {
                return Err(CommentError::Kept { id: id.to_string() });
            }
            return Ok(round.comments.remove(i));
        }
    }
    Err(not_found())
}

fn comment_mut<'r>(review: &'r mut Review, id: &str) -> Result<&'r mut Comment, CommentError> {
    review
        .comment_mut(id)
        .ok_or_else(|| CommentError::NotFound { id: id.to_string() })
}

/// The preparer's `回复`, kept as typed. A reply with text answers an open
/// comment; clearing it does not reopen it (the reviewer does that).
pub fn set_reply(review: &mut Review, id: &str, reply: &str) -> Result<(), CommentError> {
    let c = comment_mut(review, id)?;
    c.reply = reply.to_string();
    if !reply.trim().is_empty() && c.status == CommentStatus::Open {
        c.status = CommentStatus::Answered;
    }
    Ok(())
}

/// The reviewer accepts the answer.
pub fn close_comment(review: &mut Review, id: &str) -> Result<(), CommentError> {
    comment_mut(review, id)?.status = CommentStatus::Closed;
    Ok(())
}

/// The reviewer does not accept the answer: it is to do again.
pub fn reopen_comment(review: &mut Review, id: &str) -> Result<(), CommentError> {
    comment_mut(review, id)?.status = CommentStatus::Open;
    Ok(())
}

/// After the preparer's edit: every `open` comment whose place's text is no
/// longer what the reviewer last saw there becomes `answered` (a place that
/// was removed counts as changed). What the reviewer last saw is the place in
/// the last round's snapshot (so a comment reopened in a later round needs a
/// new change), or the quote when there is none. Nothing changes while the
/// reviewer's round is open: the document is read-only then. Returns the ids
/// it answered.
pub fn mark_answered(review: &mut Review, doc: &Document) -> Vec<String> {
    let ids = changed_open_comments(review, doc);
    for id in &ids {
        if let Some(c) = review.comment_mut(id) {
            c.status = CommentStatus::Answered;
        }
    }
    ids
}

fn changed_open_comments(review: &Review, doc: &Document) -> Vec<String> {
    let Some(last) = review.rounds.last() else {
        return Vec::new();
    };
    if last.is_open() {
        return Vec::new();
    }
    let now = Locator::new(review, doc);
    let before = last.reviewed.as_ref().map(|s| (s, Locator::new(review, s)));
    review
        .comments()
        .filter(|(_, c)| c.status == CommentStatus::Open)
        .filter(|(r, c)| {
            let seen = match &before {
                Some((snapshot, locator)) => locator
                    .locate(*r, c)
                    .place()
                    .and_then(|p| text_at(snapshot, p)),
                None => Some(c.quote.trim().to_string()),
            };
            // A comment that had no place then either (an address this app
            // cannot place) is answered by a reply only.
            let Some(seen) = seen else {
                return false;
            };
            match now.locate(*r, c) {
                Resolved::At(p) => text_at(doc, p).as_deref() != Some(seen.as_str()),
                Resolved::Moved { .. } => true,
            }
        })
        .map(|(_, c)| c.id.clone())
        .collect()
}

/// Open comments per step, for the step list (beside errors and warnings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenCounts {
    /// On the document as a whole, or whose project is gone: shown on 检查与导出.
    pub document: usize,
    pub head: usize,
    pub department: usize,
    /// By project position in the document.
    pub projects: Vec<usize>,
}

impl OpenCounts {
    pub fn total(&self) -> usize {
        self.document + self.head + self.department + self.projects.iter().sum::<usize>()
    }

    pub fn of_step(&self, step: Step) -> usize {
        match step {
            Step::Document => self.document,
            Step::Head => self.head,
            Step::Department => self.department,
            Step::Project(i) => self.projects.get(i).copied().unwrap_or(0),
        }
    }
}

pub fn open_counts(review: &Review, doc: &Document) -> OpenCounts {
    let mut counts = OpenCounts {
        projects: vec![0; doc.projects.len()],
        ..Default::default()
    };
    let locator = Locator::new(review, doc);
    for (r, c) in review.comments() {
        if c.status != CommentStatus::Open {
            continue;
        }
        match step_of(locator.locate(r, c)) {
            Step::Document => counts.document += 1,
            Step::Head => counts.head += 1,
            Step::Department => counts.department += 1,
            Step::Project(i) => match counts.projects.get_mut(i) {
                Some(n) => *n += 1,
                None => counts.document += 1,
            },
        }
    }
    counts
}
