//! The integration tests, in one binary: one link instead of one per file (each
//! binary holds the whole app, polars and wgpu), so a clean `cargo test` writes
//! a few hundred megabytes of test programs instead of ten gigabytes. Each module
//! is one subject; `cargo test --test suite <module>::` runs one of them.
//! `tests/idle_frame.rs` stays apart: it reads a process-wide counter.

mod common;

mod analysis_file;
mod analysis_ui;
mod app_robustness;
mod app_ui;
mod architecture;
mod bad_files;
mod big_file;
mod cache;
mod chart_request;
mod cli;
mod conventions;
mod export;
mod headlines;
mod import_forms;
mod import_graph;
mod index;
mod index_ui;
mod layouts;
mod mapping_ui;
mod monkey;
mod official_charts;
mod one_message;
mod pipes;
mod readme;
mod samples_and_catalogue;
mod targets;
mod targets_ui;
mod whatif;
mod whatif_ui;
mod wheel_scene;
mod xlsx;
