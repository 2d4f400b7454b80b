//! The functional core: plain Rust, no leptos, no web_sys. Everything here is
//! tested natively with `cargo test`.
pub mod findings;
pub mod format;
pub mod model;
pub mod normalise;
pub mod print;
pub mod review;
pub mod rules;
pub mod sample;
pub mod value;
