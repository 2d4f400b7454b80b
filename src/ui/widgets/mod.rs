//! The controls pages are made of: text fields, level choices, findings
//! lists, downloads and small DOM helpers. No page logic.
pub mod comment;
pub mod dom;
pub mod download;
pub mod files;
pub mod finding_actions;
pub mod findings;
pub mod level_select;
pub mod notes;
pub mod tasks;
pub mod text_field;

pub use findings::{visible_findings, FindingList};
pub use level_select::LevelSelect;
pub use notes::{PlaceNotes, SpotNotes};
pub use text_field::{Control, TextField};
