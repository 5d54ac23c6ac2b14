//! Files into `model`: every dataset enters here, and every problem found on
//! the way lands in an [`ImportReport`]. Polars and calamine stop at this module.

pub mod cache;
mod catalogue;
mod cells;
mod checks;
mod cities;
mod columns;
mod consistency;
mod delimited;
mod detect;
mod duplicates;
mod fields;
mod headers;
mod hits;
mod input;
mod kinds;
mod layout;
mod melted;
mod memo;
mod ndjson;
mod pipes;
mod problem;
mod report;
mod reshape;
mod resolve;
mod roles;
mod rows;
mod rules;
mod sheets;
mod sources;
mod stream;
mod styles;
mod table;
mod targets;
mod text;
mod values;
mod words;
mod workbook;
mod years;

#[doc(hidden)]
pub mod fuzzing;

use std::sync::Arc;

pub use catalogue::{default_catalogue, parse_catalogue};
pub(crate) use cells::parse_flag;
pub use input::Input;
// The app's file dialogs use DATA_EXTENSIONS; without the GUI nothing does.
#[cfg_attr(not(feature = "gui"), allow(unused_imports))]
pub(crate) use input::{DATA_EXTENSIONS, expand};
pub use kinds::{Kinds, MAX_LISTED_PER_KIND, ProblemKind, Repeat};
pub use problem::{Problem, Severity};
pub(crate) use report::TableSummary;
pub use report::{ImportReport, MAX_LISTED_PER_FILE};
pub use reshape::{ColumnMapping, ColumnRole, TableDefaults};
#[cfg_attr(not(feature = "gui"), allow(unused_imports))]
pub use targets::TargetFields;
pub(crate) use targets::read_edits;
// The target editor (app) reads one row at a time; without the app only tests do.
#[cfg_attr(not(feature = "gui"), allow(unused_imports))]
pub(crate) use targets::read_target_fields;

use crate::model::{Catalogue, Dataset, TargetKind, TargetSet, TargetSetName};

/// What an import produced: the good rows, the targets found, and the report.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub targets: TargetSet,
    pub report: ImportReport,
}

/// Progress of a load: files done, files in all, the file being read.
pub(crate) type ProgressFn<'a> = dyn FnMut(usize, usize, &str) + 'a;

/// Loads every input (files, folders, in-memory bytes). Never panics on bad
/// input: problems go to the report and good rows still load.
pub fn load(catalogue: &Catalogue, inputs: &[Input], progress: &mut ProgressFn<'_>) -> Loaded {
    load_with(catalogue, inputs, &TableDefaults::default(), progress)
}

/// [`load`], with a city and year for tables that have no column for them.
pub fn load_with(
    catalogue: &Catalogue,
    inputs: &[Input],
    defaults: &TableDefaults,
    progress: &mut ProgressFn<'_>,
) -> Loaded {
    let mut report = ImportReport::default();
    let files = input::expand(inputs, &mut report);
    let mut builder = values::ValuesBuilder::new(catalogue);
    let mut resolver = resolve::ItemResolver::new(catalogue);
    let mut targets = TargetSet::default();
    let mut city_tables = Vec::new();
    // City names a cities-as-columns table may use: --city and the cities tables.
    let mut known_cities: Vec<String> = defaults.city.iter().cloned().collect();
    for (done, input) in files.iter().enumerate() {
        let name = input::input_name(input);
        progress(done, files.len(), &name);
        // A large plain long table (the first values file) is read in one pass.
        let first = builder.dataset.tables.is_empty();
        if let Some(streamed) = first
            .then(|| stream::read_long_file(catalogue, input, &name, defaults))
            .flatten()
        {
            builder = streamed.adopt(&mut report);
            continue;
        }
        let Some(bytes) = input::read_input(input, &name, &mut report) else {
            continue;
        };
        if let Some(streamed) = first
            .then(|| stream::read_long_frame(catalogue, &name, &bytes, defaults))
            .flatten()
        {
            builder = streamed.adopt(&mut report);
            continue;
        }
        let tables = sources::read_tables(&name, &bytes, &mut report);
        let tables = sheets::read_sheet_names(tables, catalogue, &mut report);
        // The tables own their cells: the file's bytes (450 MB for 10,000 cities)
        // need not stay in memory while the values are read.
        drop(bytes);
        known_cities.extend(tables.iter().flat_map(cities::names_in));
        for table in tables {
            let known = known_names(&builder.dataset, &known_cities);
            let table = lay_out(table, (defaults, &known), catalogue, &mut report);
            let role = roles::classify(&table, catalogue, &mut report);
            let (role, loaded) = match role {
                Some(roles::Role::ValuesLong) => ("values (long)", builder.read_long(&table, &mut report)),
                Some(roles::Role::ValuesWide(columns)) => {
                    ("values (wide)", builder.read_wide(&table, &columns, &mut report))
                }
                Some(roles::Role::Targets) => (
                    "targets",
                    targets::read_targets(&table, &mut resolver, &mut targets, &mut report),
                ),
                Some(roles::Role::Cities) => {
                    // Cities last, so that their facts win over countries seen in values rows.
                    city_tables.push(table);
                    continue;
                }
                Some(roles::Role::Note) => ("skipped", 0),
                None => ("ignored", 0),
            };
            summarise(&mut report, &table, role, loaded);
        }
    }
    for table in city_tables {
        let loaded = cities::read_cities(&table, &mut builder, &mut report);
        summarise(&mut report, &table, "cities", loaded);
    }
    progress(files.len(), files.len(), "");
    finish(catalogue, (builder.dataset, &builder.city_given), targets, report)
}

/// A table in the shape the readers know: the user's column mapping, the
/// template's Reported column, years or cities as columns made long, and
/// `--city` / `--year` where the table says neither; its names checked.
fn lay_out(
    table: table::RawTable,
    (defaults, known): (&TableDefaults, &[String]),
    catalogue: &Catalogue,
    report: &mut ImportReport,
) -> table::RawTable {
    let table = reshape::apply_mapping(table, &defaults.mappings, report);
    let table = reshape::with_reported(table, report);
    // Before melting: a name is checked once per spreadsheet row, not per year.
    consistency::check_names(&table, catalogue, report);
    let table = reshape::years_as_columns(&table, report).unwrap_or(table);
    let table = reshape::cities_as_columns(&table, known, report).unwrap_or(table);
    reshape::with_defaults(table, defaults, report)
}

/// The loaded data once every table is read: indexed, repeated values reported.
fn finish(
    catalogue: &Catalogue,
    (mut dataset, city_given): (Dataset, &[u32]),
    targets: TargetSet,
    mut report: ImportReport,
) -> Loaded {
    duplicates::withdraw_merged_cities((catalogue, &mut dataset), city_given, &mut report);
    let duplicates = dataset.reindex();
    duplicates::report_duplicates((catalogue, &dataset), duplicates, &mut report);
    report.order_repeats();
    Loaded {
        dataset,
        targets,
        report,
    }
}

/// The city names a cities-as-columns table may use: the cities read so far,
/// then `--city` and the cities tables' names.
fn known_names(dataset: &Dataset, more: &[String]) -> Vec<String> {
    let read = dataset.cities.iter().map(|c| c.name.clone());
    read.chain(more.iter().cloned()).collect()
}

fn summarise(report: &mut ImportReport, table: &table::RawTable, role: &str, loaded: usize) {
    // A melted table is summed up as the file has it: its rows, its role.
    let (role, rows) = match (&table.melted, role.starts_with("values")) {
        (Some(melted), true) => (melted.role(), melted.rows),
        _ => (role, table.height),
    };
    if rows == 0 && role != "ignored" && role != "skipped" {
        report.push(table.problem(
            Severity::Warning,
            None,
            None,
            None,
            "the table has a header but no data rows".into(),
            "add rows below the header",
        ));
    }
    report.tables.push(TableSummary {
        file: table.file.to_string(),
        sheet: table.sheet.as_ref().map(|s| s.to_string()),
        role: role.to_string(),
        rows,
        loaded,
        headers: table.headers.clone(),
        sample: (0..table.headers.len())
            .map(|c| table.cell(c, 0).unwrap_or_default().to_string())
            .collect(),
    });
}

/// Loads only targets (a `--targets FILE`), ignoring tables of other kinds with a warning.
pub(crate) fn load_targets(catalogue: &Catalogue, inputs: &[Input], report: &mut ImportReport) -> TargetSet {
    let loaded = load(catalogue, inputs, &mut |_, _, _| {});
    for table in &loaded.report.tables {
        if !matches!(table.role.as_str(), "targets" | "ignored" | "skipped") {
            report.push(Problem::file(
                Severity::Warning,
                &table.file,
                format!("expected a targets table, found {}; it is ignored", table.role),
                "a targets table has the columns kpi and target",
            ));
        }
    }
    report.absorb(loaded.report);
    loaded.targets
}

/// The bundled target sets, each row citing its source (see `assets/targets/README.md`).
const GLOBAL_TARGETS: &[u8] = include_bytes!("../../assets/targets/global.csv");
const EU_2030_TARGETS: &[u8] = include_bytes!("../../assets/targets/eu-2030.csv");

/// The targets of a bundled set: `global`, or `eu-2030` over `global`, or none.
/// For another catalogue, codes that do not exist in it are simply not matched (and reported).
pub fn bundled_targets(catalogue: &Catalogue, set: TargetSetName, report: &mut ImportReport) -> TargetSet {
    let files: &[(&str, &[u8])] = match set {
        TargetSetName::Global => &[("assets/targets/global.csv", GLOBAL_TARGETS)],
        TargetSetName::Eu2030 => &[
            ("assets/targets/global.csv", GLOBAL_TARGETS),
            ("assets/targets/eu-2030.csv", EU_2030_TARGETS),
        ],
        TargetSetName::None => &[],
    };
    let mut targets = TargetSet::default();
    for (name, bytes) in files {
        let input = Input::Bytes {
            name: (*name).into(),
            bytes: Arc::from(*bytes),
        };
        targets.extend(load_targets(catalogue, &[input], report));
    }
    targets.set_kind(TargetKind::Cited);
    targets
}

/// The default targets: the `global` set.
pub fn default_targets(catalogue: &Catalogue, report: &mut ImportReport) -> TargetSet {
    bundled_targets(catalogue, TargetSetName::Global, report)
}

/// The sample cities bundled into the binary (real published values plus one
/// fictional city), used when no path is given.
pub(crate) fn bundled_samples() -> Vec<Input> {
    macro_rules! sample {
        ($name:literal) => {
            Input::Bytes {
                name: concat!("sample-cities/", $name).into(),
                bytes: Arc::from(&include_bytes!(concat!("../../sample-cities/", $name))[..]),
            }
        };
    }
    vec![
        sample!("published-values.csv"),
        sample!("published-values-more.csv"),
        sample!("cities.csv"),
        sample!("fictional-values.csv"),
        sample!("fictional-targets.csv"),
    ]
}
