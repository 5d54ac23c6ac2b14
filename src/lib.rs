//! cityprofile: a city's U4SSC KPI profile as pictures people understand at a glance.
//!
//! The data flows one way: `model` ← `import` ← `score` ← `chart` ← `render` ←
//! `export` ← `analysis` ← `app` and `cli`. See `docs/architecture.md`.

// Library rules (the rest are in Cargo.toml's `[lints]`): no panics on user
// input, so `unwrap`/`expect` only in tests; items `pub(crate)` unless used
// outside the crate, so that dead code shows.
#![warn(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]
// Without the app (fuzzing, headless servers) some helpers only it uses go unused.
#![cfg_attr(not(feature = "gui"), allow(dead_code))]

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod bench_data;
pub mod chart;
pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod render;
pub mod request;
pub mod score;
pub mod workspace;

/// jemalloc instead of the system allocator, as polars itself recommends: a large
/// import allocates and frees big buffers slice after slice (polars' Parquet
/// decoding), and glibc's malloc hands them back to the system and faults them in
/// again each time. Measured at 10,000 cities (`score` of the Parquet file, whole
/// process, paired runs): 0.77x the time, 200,000 fewer page faults; the CSV path
/// unchanged. The build-time setting is in `.cargo/config.toml`.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
