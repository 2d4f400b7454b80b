//! The functional core: plain Rust, no leptos, no web_sys. Everything here is
//! tested natively with `cargo test`.
pub mod amount;
pub mod code;
pub mod export;
pub mod findings;
pub mod format;
pub mod import;
pub mod library;
pub mod limits;
pub mod model;
pub mod normalise;
pub mod open;
pub mod print;
pub mod review;
pub mod rules;
pub mod sample;
pub mod summary;
pub mod value;
