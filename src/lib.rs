//! 绩效目标填报. See ARCHITECTURE.md for the map.
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod storage;
pub mod ui;
