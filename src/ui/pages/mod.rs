//! One module per page or step of the editor.
pub mod basic;
pub mod department;
pub mod desk;
mod desk_open;
mod desk_pool;
mod desk_table;
pub mod desk_view;
pub mod import;
pub mod indicators;
pub mod project;
pub mod review;
pub mod rules;
pub mod start;
