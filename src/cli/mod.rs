//! Headless commands: `validate`, `score`, `catalogue` (no egui here).

mod csv_out;
mod score_cmd;
mod validate_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::workspace::Sources;

pub use csv_out::{csv_field, csv_text};

/// cityprofile: a city's U4SSC KPI profile as pictures people understand at a glance.
#[derive(Debug, Parser)]
#[command(name = "cityprofile", version, about)]
pub struct Cli {
    /// Use another KPI catalogue (same columns as assets/u4ssc_catalogue.csv) instead of U4SSC.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,
    /// Add or override targets (columns kpi, target, optional data_point, worst, direction, city, source).
    #[arg(long, global = true, value_name = "FILE")]
    pub targets: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the desktop app on the given datasets (default: the bundled sample cities).
    Open {
        /// Data files or folders.
        paths: Vec<PathBuf>,
    },
    /// Check datasets and print every problem found (exit 1 when there are errors).
    Validate {
        /// Data files or folders (default: the bundled sample cities).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Score one city against its targets, per KPI and per category, sub-dimension and dimension.
    Score {
        /// Data files or folders (default: the bundled sample cities).
        paths: Vec<PathBuf>,
        /// The city to score (case-insensitive).
        #[arg(long)]
        city: String,
        /// The year to score (default: the city's latest year).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// List the catalogue's KPIs and data points with their default targets.
    Catalogue {
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
}

/// Output of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Output of `score` and `catalogue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Csv,
    Json,
}

/// Exit status of a command.
pub type ExitCode = u8;

impl Cli {
    /// The sources named on the command line for a data command.
    pub fn sources(&self, paths: &[PathBuf]) -> Sources {
        Sources {
            paths: paths.to_vec(),
            targets: self.targets.clone(),
            catalogue: self.catalogue.clone(),
        }
    }
}

/// Runs a headless command, writing to `out`; returns the exit code.
/// `Open` (and no command) belong to the app and return `None`.
pub fn run(cli: &Cli, out: &mut dyn std::io::Write) -> Option<ExitCode> {
    let code = match &cli.command {
        None | Some(Command::Open { .. }) => return None,
        Some(Command::Validate { paths, format }) => validate_cmd::run(&cli.sources(paths), *format, out),
        Some(Command::Score {
            paths,
            city,
            year,
            format,
        }) => score_cmd::run(&cli.sources(paths), city, *year, *format, out),
        Some(Command::Catalogue { format }) => score_cmd::catalogue(&cli.sources(&[]), *format, out),
    };
    Some(code.unwrap_or_else(|e| {
        // A reader that stops early (`| head`) is not an error of ours.
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        {
            return 0;
        }
        eprintln!("error: {e:#}");
        1
    }))
}
