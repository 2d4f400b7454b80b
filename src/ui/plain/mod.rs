//! The plain-Rust parts of the shell (no leptos, no web_sys): ids, places and
//! their DOM ids, findings routing, and what the editor remembers. Compiled
//! natively too, so they are tested with `cargo test`.
pub mod address;
pub mod claimed;
pub mod finding_list;
pub mod ids;
pub mod memory;
pub mod places;
pub mod review;
pub mod routing;
pub mod start_act;
