//! Headless commands: `validate`, `score`, `whatif`, `plan`, `export`, `catalogue` (no egui here).

/// A line on standard error that never fails the command: when the reader has
/// gone (`2>&1 | head`), the note is dropped (`eprintln!` would panic there).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod analysis_arg;
mod catalogue_cmd;
mod export_cmd;
mod index_cmd;
mod next_bands_cmd;
mod open_paths;
mod out_file;
mod plan_cmd;
mod score_args;
mod score_cmd;
mod validate_cmd;
mod whatif_args;
mod whatif_cmd;

pub use analysis_arg::sources_with_analysis;
pub use open_paths::parse_from;
pub use score_args::{ResultFormat, ScoreArgs};
pub use validate_cmd::{write_json as write_report_json, write_text as write_report_text};
pub use whatif_args::{BandArg, LevelArg, OutputFormat, PlanArgs, WhatifArgs};

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::TargetSetName;
use crate::score::PeerChoice;
use crate::workspace::{Scoring, Sources};

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
    /// The bundled target set: global (SDG, WHO, ITU, UN-Habitat, UNEP), eu-2030 (EU law
    /// and EU 2030 targets over global, for EU/EEA cities) or none. Own --targets override it.
    #[arg(long, global = true, value_enum)]
    pub target_set: Option<TargetSetArg>,
    /// Derive a target where none exists: the mean of the 5 best cities' values, worst value
    /// the 2.5th percentile (SDSN method); needs 5 cities reporting the item.
    #[arg(long, global = true)]
    pub derived_targets: bool,
    /// The cities derived targets come from: all loaded cities, or the scored city's peer group.
    #[arg(long, global = true, value_enum, default_value_t = DerivedFromArg::All, requires = "derived_targets")]
    pub derived_from: DerivedFromArg,
    /// Read every input again instead of the import cache (and write no cache).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Start from an analysis file (.cityprofile): its datasets, targets, target edits and
    /// settings; datasets and --targets given here are added to them.
    #[arg(long, global = true, value_name = "FILE")]
    pub analysis: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the desktop app on the given datasets or analysis file (default: the bundled
    /// sample cities). `cityprofile PATH...` does the same.
    Open {
        /// Data files or folders, or one analysis file (.cityprofile).
        paths: Vec<PathBuf>,
    },
    /// Check datasets and print every problem found (exit 1 when there are errors).
    Validate {
        /// Data files or folders (default: the bundled sample cities).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The city of tables that have no city column (a one-city template).
        #[arg(long)]
        city: Option<String>,
        /// The year of tables that have no year column.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Score one city (or every city) against its targets, per KPI and per category,
    /// sub-dimension and dimension.
    Score(ScoreArgs),
    /// Score one city with hypothetical values and show what changes: items and every
    /// aggregate above them, before and after.
    Whatif(WhatifArgs),
    /// What it would take to lift a category, sub-dimension, dimension or the overall score
    /// into a band: the fewest band steps, and for each the item that needs the smallest change.
    Plan(PlanArgs),
    /// Export a chart (wheel, gaps, table, snapshot, radars, verification, compare, trend) or the
    /// city profile report (PNG, SVG, PDF), for one city or all.
    Export(ExportArgs),
    /// Rank cities on a composite index (U4SSC-based, unofficial) and say how sure each rank
    /// is: Monte Carlo over weights, normalisation and aggregation (see docs/index.md).
    Index(IndexArgs),
    /// List the catalogue's KPIs and data points with their default targets.
    Catalogue {
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
}

/// Options of `export`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["city", "all_cities", "cities"])))]
pub struct ExportArgs {
    /// Data files or folders (default: the bundled sample cities).
    pub paths: Vec<PathBuf>,
    /// The city to export (case-insensitive).
    #[arg(long)]
    pub city: Option<String>,
    /// One file per city, written in parallel into the --out folder.
    #[arg(long)]
    pub all_cities: bool,
    /// The cities of a comparison (--chart compare), 2 to 12, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub cities: Vec<String>,
    /// The KPI of a trend chart (--chart trend): a code or name, with the data point if any
    /// ("EN: EN: AQ: 1C PM2.5").
    #[arg(long)]
    pub kpi: Option<String>,
    #[arg(long, value_enum)]
    pub chart: ChartArg,
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// A file (or a folder, where a name like pully-wheel-2020.png is used); a folder with --all-cities.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub out: PathBuf,
    /// Size preset (default 16:9; A4 for the report).
    #[arg(long, value_enum, conflicts_with = "size")]
    pub preset: Option<PresetArg>,
    /// Custom size, e.g. 1280x720 (pixels for PNG/SVG, points for PDF).
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// PNG pixels per unit: 2 doubles the resolution (1-4 typical).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// The year (default: each city's latest).
    #[arg(long)]
    pub year: Option<i32>,
    /// Leave out title, legend and source.
    #[arg(long)]
    pub chart_only: bool,
    /// No background (PNG and SVG).
    #[arg(long)]
    pub transparent: bool,
    /// Leave out the data-quality and verification marks (wheel and gaps).
    #[arg(long)]
    pub no_quality_marks: bool,
}

/// Options of `index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Data files or folders (default: the bundled sample cities).
    pub paths: Vec<PathBuf>,
    /// The year (default: each city's latest); each city's latest value in or before it counts.
    #[arg(long)]
    pub year: Option<i32>,
    /// The cities to rank, comma-separated (all real or all fictional).
    #[arg(long, value_delimiter = ',', conflicts_with = "peer_group")]
    pub cities: Vec<String>,
    /// all, country, region or population (the group of --city), or country=NAME,
    /// region=NAME, population=under-50k|50k-250k|250k-1m|over-1m.
    #[arg(long)]
    pub peer_group: Option<String>,
    /// The city whose peer group (and kind, real or fictional) is ranked.
    #[arg(long)]
    pub city: Option<String>,
    /// points (U4SSC band points), pct (% of target), goalposts, minmax or rank.
    #[arg(long, default_value = "points")]
    pub normalisation: String,
    /// arithmetic or geometric.
    #[arg(long, default_value = "arithmetic")]
    pub aggregation: String,
    /// per-kpi (every scored item equal: the U4SSC overall score), per-level (each
    /// dimension 1/3, ...) or a file of level,name,weight rows.
    #[arg(long, default_value = "per-kpi")]
    pub weights: String,
    /// Monte Carlo runs (0 = no uncertainty analysis).
    #[arg(long, default_value_t = 1000)]
    pub runs: usize,
    /// The random seed (default: from the clock; printed, so a run can be repeated).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Dimension and sub-dimension weights vary by this share: x U(1-s, 1+s).
    #[arg(long, default_value_t = 0.25)]
    pub spread: f64,
    /// The methods the runs draw from, e.g. points:arithmetic,pct:geometric
    /// (default: points and pct, each arithmetic and geometric).
    #[arg(long, value_delimiter = ',')]
    pub alternatives: Vec<String>,
    /// A sub-dimension or dimension score needs this share of its items.
    #[arg(long, default_value_t = 2.0 / 3.0)]
    pub min_coverage: f64,
    /// A city missing more than this share of the index's items gets no rank.
    #[arg(long, default_value_t = 0.2)]
    pub max_missing: f64,
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
    /// Write to FILE (atomically) instead of standard output; needed by --format xlsx.
    #[arg(long, value_name = "FILE", required_if_eq("format", "xlsx"))]
    pub out: Option<PathBuf>,
    /// Also write the ranking chart (PNG, SVG or PDF, by the file's extension).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Size preset of the chart (default 16:9).
    #[arg(long, value_enum)]
    pub preset: Option<PresetArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartArg {
    Wheel,
    Gaps,
    Table,
    Report,
    Compare,
    Trend,
    Snapshot,
    Radars,
    Verification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Png,
    Svg,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresetArg {
    #[value(name = "16:9")]
    Wide,
    #[value(name = "4:3")]
    Standard,
    #[value(name = "a4")]
    A4,
    #[value(name = "a4-landscape")]
    A4Landscape,
    Square,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetSetArg {
    Global,
    #[value(name = "eu-2030")]
    Eu2030,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DerivedFromArg {
    All,
    Population,
    Country,
    Region,
}

/// Output of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Output of `catalogue`.
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
            scoring: self.scoring(),
            defaults: crate::import::TableDefaults::default(),
            cache: !self.no_cache,
            edits: Vec::new(),
        }
    }

    /// The sources, with the city and year given on the command line for the
    /// tables that have no column for them (a one-city template).
    pub fn sources_with(&self, paths: &[PathBuf], city: Option<&str>, year: Option<i32>) -> Sources {
        Sources {
            defaults: crate::import::TableDefaults {
                city: city.map(str::to_string),
                year,
                mappings: Vec::new(),
            },
            ..self.sources(paths)
        }
    }

    /// The sources of a data command: the command line's (see [`Cli::sources_with`]),
    /// over the `--analysis` file's when one is given.
    pub fn data_sources(&self, paths: &[PathBuf], city: Option<&str>, year: Option<i32>) -> anyhow::Result<Sources> {
        let given = self.sources_with(paths, city, year);
        match &self.analysis {
            Some(file) => sources_with_analysis(given, file, self.scoring_given()),
            None => Ok(given),
        }
    }

    /// Whether a target option was given (the app then uses it instead of the remembered one).
    pub fn scoring_given(&self) -> bool {
        self.target_set.is_some() || self.derived_targets
    }

    /// The target set and derived targets asked for.
    pub fn scoring(&self) -> Scoring {
        let set = match self.target_set {
            None | Some(TargetSetArg::Global) => TargetSetName::Global,
            Some(TargetSetArg::Eu2030) => TargetSetName::Eu2030,
            Some(TargetSetArg::None) => TargetSetName::None,
        };
        let from = match self.derived_from {
            DerivedFromArg::All => PeerChoice::All,
            DerivedFromArg::Population => PeerChoice::PopulationBand,
            DerivedFromArg::Country => PeerChoice::Country,
            DerivedFromArg::Region => PeerChoice::Region,
        };
        Scoring {
            set,
            derived: self.derived_targets.then_some(from),
        }
    }
}

/// Runs a headless command, writing to `out`; returns the exit code.
/// `Open` (and no command) belong to the app and return `None`.
pub fn run(cli: &Cli, out: &mut dyn std::io::Write) -> Option<ExitCode> {
    let code = match &cli.command {
        None | Some(Command::Open { .. }) => return None,
        Some(Command::Validate {
            paths,
            format,
            city,
            year,
        }) => cli
            .data_sources(paths, city.as_deref(), *year)
            .and_then(|sources| validate_cmd::run(&sources, *format, out)),
        Some(Command::Score(args)) => cli
            .data_sources(&args.paths, args.city.as_deref(), args.year)
            .and_then(|sources| score_cmd::run(&sources, args, out)),
        Some(Command::Whatif(args)) => cli
            .data_sources(&args.paths, Some(&args.city), args.year)
            .and_then(|sources| whatif_cmd::run(&sources, args, out)),
        Some(Command::Plan(args)) => cli
            .data_sources(&args.paths, Some(&args.city), args.year)
            .and_then(|sources| plan_cmd::run(&sources, args, out)),
        Some(Command::Index(args)) => cli
            .data_sources(&args.paths, None, None)
            .and_then(|sources| index_cmd::run(&sources, args, out)),
        Some(Command::Catalogue { format }) => catalogue_cmd::run(&cli.sources(&[]), *format, out),
        Some(Command::Export(args)) => cli
            .data_sources(&args.paths, args.city.as_deref(), args.year)
            .and_then(|sources| export_cmd::run(&sources, args, out)),
    };
    Some(code.unwrap_or_else(|e| {
        // A reader that stops early (`| head`) is not an error of ours.
        // (Rust ignores SIGPIPE, so the write fails with BrokenPipe: found here,
        // also inside a serde_json error; notes on stderr go through `say!`.)
        let broken_pipe = |cause: &(dyn std::error::Error + 'static)| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                || cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
                    == Some(std::io::ErrorKind::BrokenPipe)
        };
        if e.chain().any(broken_pipe) {
            return 0;
        }
        say!("error: {e:#}");
        1
    }))
}
