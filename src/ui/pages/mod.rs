//! One module per page or step of the editor.
pub mod basic;
pub mod compare;
pub mod conclusion;
pub mod department;
pub mod import;
pub mod import_banner;
pub mod indicators;
pub mod name_cell;
pub mod project;
pub mod review;
pub mod review_panel;
pub mod rules;
pub mod start;
pub mod table_tools;
