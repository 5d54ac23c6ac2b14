//! cityprofile: a city's U4SSC KPI profile as pictures people understand at a glance.
//!
//! The data flows one way: `model` ← `import` ← `score` ← `chart` ← `render` ←
//! `export` ← `app` and `cli`. See `docs/architecture.md`. Lints live in
//! Cargo.toml's `[lints]` table.

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
