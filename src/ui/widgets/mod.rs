//! The controls pages are made of: text fields, level choices, findings
//! lists, downloads and small DOM helpers. No page logic.
pub mod dom;
pub mod download;
pub mod files;
pub mod findings;
pub mod level_select;
pub mod notes;
pub mod text_field;

pub use findings::{visible_findings, FindingList, RuleCode};
pub use level_select::LevelSelect;
pub use notes::PlaceNotes;
pub use text_field::{Control, TextField};
