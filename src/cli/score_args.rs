//! The options of `score`, and the output formats `score` and `index` share.

use std::path::PathBuf;

use clap::ValueEnum;

/// Options of `score`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["city", "all_cities"])))]
pub struct ScoreArgs {
    /// Data files or folders (default: the bundled sample cities).
    pub paths: Vec<PathBuf>,
    /// The city to score (case-insensitive).
    #[arg(long)]
    pub city: Option<String>,
    /// Every city (with --year, those with values in it), one row per city and item:
    /// --format csv or xlsx.
    #[arg(long)]
    pub all_cities: bool,
    /// The year to score (default: the city's latest year).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
    /// Write to FILE (atomically) instead of standard output; needed by --format xlsx.
    #[arg(long, value_name = "FILE", required_if_eq("format", "xlsx"))]
    pub out: Option<PathBuf>,
}

/// Output of `score` and `index`: text on standard output (or in `--out FILE`),
/// or an Excel workbook (`--out FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Json,
    Xlsx,
}
