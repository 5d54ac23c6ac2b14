//! cityprofile: a city's U4SSC KPI profile as pictures people understand at a glance.
//!
//! The data flows one way: `model` ← `import` ← `score` ← `cli` (and later
//! `chart` ← `render` ← `app`). See `docs/architecture.md`.

// No panics on user input: `unwrap`/`expect` are for tests only.
#![warn(clippy::unwrap_used, clippy::expect_used)]
// Import errors carry a full `Problem` (file, row, column, text, hint); they are rare
// (one per unreadable file), so their size does not matter.
#![allow(clippy::result_large_err)]

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
