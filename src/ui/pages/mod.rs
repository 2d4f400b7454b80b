//! One module per page or step of the editor.
pub mod basic;
pub mod department;
pub mod import;
pub mod indicators;
pub mod library;
pub mod library_dialog;
pub mod library_focus;
pub mod library_recommend;
pub mod name_cell;
pub mod project;
pub mod review;
pub mod rules;
pub mod start;
pub mod table_tools;
