//! The open document in reactive state, the findings router, and what the
//! preparer has been shown.
pub mod doc;
pub mod routing;
pub mod shown;

pub use doc::{DocState, Paragraph, ProjectState, Removed, RowState};
pub use shown::Shown;
