//! The open document in reactive state (its items, the structural edits),
//! the findings router, and what the preparer has been shown.
pub mod acks;
pub mod doc;
pub mod edits;
pub mod items;
pub mod review;
pub mod routing;
pub mod shown;
pub mod typing;

pub use doc::DocState;
pub use edits::Removed;
pub use items::{Paragraph, ProjectState, RowState};
pub use shown::Shown;
