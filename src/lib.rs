//! cityprofile: a city's U4SSC KPI profile as pictures people understand at a glance.
//!
//! The data flows one way: `model` ← `import` ← `score` ← `chart` ← `render` ←
//! `export` ← `app` and `cli`. See `docs/architecture.md`.

// Library rules (the rest are in Cargo.toml's `[lints]`): no panics on user
// input, so `unwrap`/`expect` only in tests; items `pub(crate)` unless used
// outside the crate, so that dead code shows.
#![warn(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]
// Without the app (fuzzing, headless servers) some helpers only it uses go unused.
#![cfg_attr(not(feature = "gui"), allow(dead_code))]

#[cfg(feature = "gui")]
pub mod app;
pub mod bench_data;
pub mod chart;
pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod render;
pub mod score;
pub mod workspace;
