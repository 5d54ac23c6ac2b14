//! The options of `whatif` and `plan`.

use std::path::PathBuf;

use clap::ValueEnum;

/// Options of `whatif`.
#[derive(Debug, clap::Args)]
pub struct WhatifArgs {
    /// Data files or folders (default: the bundled sample cities).
    pub paths: Vec<PathBuf>,
    /// The city (case-insensitive).
    #[arg(long)]
    pub city: String,
    /// The year (default: the city's latest year).
    #[arg(long)]
    pub year: Option<i32>,
    /// A hypothetical value: "KPI=VALUE" or "KPI=DATA_POINT=VALUE" (KPI by code or name;
    /// VALUE a number, yes/no or NR). Repeat for several. Without any: every scored item's
    /// value for its next band and the one above.
    #[arg(long = "set", value_name = "KPI[=DATA_POINT]=VALUE")]
    pub sets: Vec<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// Options of `plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Data files or folders (default: the bundled sample cities).
    pub paths: Vec<PathBuf>,
    /// The city (case-insensitive).
    #[arg(long)]
    pub city: String,
    /// The year (default: the city's latest year).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum)]
    pub level: LevelArg,
    /// The aggregate's name (or code); a category shared by several sub-dimensions as
    /// "Sub-dimension / Category". Not needed for overall.
    #[arg(long, required_if_eq_any = [("level", "category"), ("level", "subdimension"), ("level", "dimension")])]
    pub name: Option<String>,
    /// The band wanted (reached or passed).
    #[arg(long, value_enum)]
    pub band: BandArg,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// An aggregation level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Category,
    Subdimension,
    Dimension,
    Overall,
}

/// A band wanted on the command line (the bottom band is always reached).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BandArg {
    #[value(name = "33-66")]
    From33To66,
    #[value(name = "66-95")]
    From66To95,
    #[value(name = "95+")]
    From95,
}

/// Output of `whatif` and `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}
