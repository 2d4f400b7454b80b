//! The Leptos shell: holds the document in reactive state, calls the core, and
//! renders. No rule logic lives here.
//!
//! - `plain`: ids, places and their DOM ids, findings routing, UI memory —
//!   plain Rust, compiled and tested natively too;
//! - `state`: the open document in signals, the findings router, `Shown`;
//! - `session`, `context`, `tabs`: an open draft and its saving, what the app
//!   shares, leases across tabs;
//! - `widgets`: controls; `pages`: one module per page or step; `editor`:
//!   the editor's frame (step list); `app`: the page frame;
//! - `boot`, `start_view`: the first load's start program, and the start
//!   page's markup it shares with the app.
pub mod plain;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
pub mod crash;
#[cfg(target_arch = "wasm32")]
mod editor;
#[cfg(target_arch = "wasm32")]
mod nav;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
mod start_view;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
mod tabs;
#[cfg(target_arch = "wasm32")]
mod widgets;

#[cfg(target_arch = "wasm32")]
pub use app::{start as start_app, App};
/// 审核台's page, for its own program (src/bin/desk.rs), loaded when used.
#[cfg(target_arch = "wasm32")]
pub use pages::desk_view::start as start_desk;
