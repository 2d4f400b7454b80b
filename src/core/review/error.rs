//! Why a `review` block or an `acknowledged` list was refused, shared by the
//! anchor reader and the block reader.

use std::fmt;

/// Why a `review` block or an `acknowledged` list was refused: what and where,
/// in the preparer's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewReadError {
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A key that must hold text is missing or empty (a comment's `id`).
    Missing { path: String },
    /// `round` or `row` is not a positive integer.
    NotPositive { path: String, found: String },
    /// A `status`, `decision` or `grade` outside its vocabulary.
    UnknownValue {
        path: String,
        found: String,
        allowed: &'static str,
    },
    DuplicateId {
        path: String,
        id: String,
        first: String,
    },
    /// The `reviewed` snapshot could not be read as a document.
    Snapshot { path: String, detail: String },
}

impl ReviewReadError {
    /// The path of the refused value (`review.rounds[0].comments[2].status`).
    pub fn path(&self) -> &str {
        match self {
            Self::WrongType { path, .. }
            | Self::Missing { path }
            | Self::NotPositive { path, .. }
            | Self::UnknownValue { path, .. }
            | Self::DuplicateId { path, .. }
            | Self::Snapshot { path, .. } => path,
        }
    }
}

impl fmt::Display for ReviewReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongType {
                path,
                expected,
                found,
            } => write!(f, "文件中「{path}」应为{expected}，实际为{found}，未导入。"),
            Self::Missing { path } => write!(f, "文件中「{path}」缺少或为空，未导入。"),
            Self::NotPositive { path, found } => {
                write!(f, "文件中「{path}」为「{found}」，应为正整数，未导入。")
            }
            Self::UnknownValue {
                path,
                found,
                allowed,
            } => write!(
                f,
                "文件中「{path}」为「{found}」，应为{allowed}之一，未导入。"
            ),
            Self::DuplicateId { path, id, first } => write!(
                f,
                "文件中「{path}」的审核意见编号「{id}」与「{first}」重复，未导入。"
            ),
            Self::Snapshot { path, detail } => {
                write!(f, "文件中「{path}」（审核时的文件内容）无法读取：{detail}")
            }
        }
    }
}

impl std::error::Error for ReviewReadError {}

pub(crate) use crate::core::format::json_type_name;
