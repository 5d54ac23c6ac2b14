//! A composite index run (its settings, nominal ranking and uncertainty) as JSON,
//! CSV, and as a ranking chart file; shared by `cityprofile index` and the app.

use std::io::Write;

use serde_json::{Value as Json, json};

use super::csv_out::{CsvCell, write_rows};
use crate::score::index::{
    IndexInput, IndexResult, IndexSettings, RankStats, UncertaintyResult, UncertaintySettings, nominal, uncertainty,
};
use crate::workspace::Workspace;

/// What every output calls the index: U4SSC has published no index method.
pub const INDEX_LABEL: &str = "U4SSC-based composite (unofficial)";

/// A seed from the clock (below 10^9, short enough to read out and type back),
/// for runs the user gave no seed; every output shows it, so a run can be repeated.
pub fn clock_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos());
    (nanos % 1_000_000_000) as u64
}

/// One computed index: its inputs, choices and results.
#[derive(Debug, Clone)]
pub struct IndexRun {
    /// The year asked for (`None` = each city's latest).
    pub year: Option<i32>,
    /// The cities, in words ("all real cities", "Norway").
    pub group: String,
    /// Where the weights come from: a preset's name, a file, "edited in the app".
    pub weights_source: String,
    pub target_set: String,
    pub input: IndexInput,
    pub settings: IndexSettings,
    pub nominal: IndexResult,
    pub mc: UncertaintySettings,
    pub uncertainty: Option<UncertaintyResult>,
}

impl IndexRun {
    /// Computes the nominal index and, when `mc.runs > 0` and some city is ranked,
    /// its uncertainty.
    pub fn compute(
        ws: &Workspace,
        members: &[crate::model::CityId],
        group: String,
        year: Option<i32>,
        weights_source: String,
        settings: IndexSettings,
        mc: UncertaintySettings,
    ) -> IndexRun {
        let input = ws.index_input(members, year);
        let nominal = nominal(&input, &settings);
        let uncertainty = (mc.runs > 0)
            .then(|| uncertainty(&input, &settings, &nominal, &mc, None))
            .flatten();
        IndexRun {
            year,
            group,
            weights_source,
            target_set: ws.targets.label.to_string(),
            input,
            settings,
            nominal,
            mc,
            uncertainty,
        }
    }

    /// How many cities the index ranks.
    pub fn ranked(&self) -> usize {
        self.nominal.cities.iter().filter(|c| c.not_ranked.is_none()).count()
    }

    /// The rank statistics of city `i` (index level), when the analysis ran.
    pub fn stats(&self, i: usize) -> Option<&RankStats> {
        self.uncertainty
            .as_ref()
            .and_then(|u| u.index.get(i))
            .and_then(Option::as_ref)
    }

    /// Every choice, for JSON and the file's source line.
    pub fn settings_json(&self) -> Json {
        let s = &self.settings;
        json!({
            "index": INDEX_LABEL,
            "year": self.year,
            "cities": self.group,
            "target_set": self.target_set,
            "normalisation": s.method.normalisation.key(),
            "aggregation": s.method.aggregation.key(),
            "weights": self.weights_source,
            "weight_base": s.weights.base.key(),
            "min_coverage": s.rules.min_coverage,
            "max_missing": s.rules.max_missing,
            "runs": self.mc.runs,
            "seed": self.mc.seed,
            "spread": self.mc.spread,
            "alternatives": self.mc.alternatives.iter().map(|m| m.key()).collect::<Vec<_>>(),
            "index_items": self.nominal.index_items,
        })
    }

    /// The whole run as the documented JSON document.
    pub fn to_json(&self) -> Json {
        let names = &self.input.dimension_names;
        let ranked = self.nominal.by_rank();
        let cities: Vec<Json> = ranked
            .iter()
            .map(|&i| {
                let c = &self.nominal.cities[i];
                let st = self.stats(i);
                let dims: serde_json::Map<String, Json> = names
                    .iter()
                    .zip(&c.dimensions)
                    .map(|(n, d)| (n.clone(), json!({"score": d.score, "rank": d.rank})))
                    .collect();
                json!({
                    "city": c.name,
                    "score": c.score,
                    "rank": c.rank,
                    "median_rank": st.map(|s| s.median),
                    "mean_rank": st.map(|s| s.mean),
                    "q05_rank": st.map(|s| s.q05),
                    "q95_rank": st.map(|s| s.q95),
                    "p_top3": st.map(|s| s.p_top3),
                    "driver": st.and_then(|s| s.driver.as_ref()).map(|d| &d.input),
                    "driver_share": st.and_then(|s| s.driver.as_ref()).map(|d| d.share),
                    "coverage": c.coverage,
                    "dimensions": dims,
                })
            })
            .collect();
        let not_ranked: Vec<Json> = self
            .nominal
            .cities
            .iter()
            .filter_map(|c| {
                c.not_ranked
                    .as_ref()
                    .map(|r| json!({"city": c.name, "reason": r, "score": c.score}))
            })
            .collect();
        json!({
            "settings": self.settings_json(),
            "cities": cities,
            "not_ranked": not_ranked,
            "mean_rank_shift": self.uncertainty.as_ref().map(|u| u.mean_rank_shift),
        })
    }

    /// The columns of the CSV and table output.
    pub(crate) fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = [
            "rank",
            "city",
            "score",
            "median_rank",
            "q05_rank",
            "q95_rank",
            "p_top3",
            "driver",
            "driver_share",
            "coverage",
        ]
        .map(String::from)
        .to_vec();
        for d in &self.input.dimension_names {
            h.push(format!("{d} score"));
            h.push(format!("{d} rank"));
        }
        h.push("not_ranked".into());
        h
    }

    /// One row per city: ranked ones by rank, then the others; numbers rounded
    /// for reading (scores to 0.01, shares to 0.001).
    pub(crate) fn rows(&self) -> Vec<Vec<CsvCell>> {
        self.rows_with(true)
    }

    /// The rows, with numbers rounded for reading or (`rounded` false) in full,
    /// as in the JSON (a workbook, whose number formats do the rounding).
    pub(crate) fn rows_with(&self, rounded: bool) -> Vec<Vec<CsvCell>> {
        let mut order = self.nominal.by_rank();
        order.extend((0..self.nominal.cities.len()).filter(|&i| self.nominal.cities[i].rank.is_none()));
        let num = |v: Option<f64>| v.map_or(CsvCell::Empty, CsvCell::Number);
        let round = |v: f64, per: f64| if rounded { (v * per).round() / per } else { v };
        order
            .into_iter()
            .map(|i| {
                let c = &self.nominal.cities[i];
                let st = self.stats(i);
                let driver = st.and_then(|s| s.driver.as_ref());
                let mut row = vec![
                    num(c.rank.map(f64::from)),
                    CsvCell::Text(c.name.clone()),
                    num(c.score.map(|s| round(s, 100.0))),
                    num(st.map(|s| s.median)),
                    num(st.map(|s| s.q05)),
                    num(st.map(|s| s.q95)),
                    num(st.map(|s| round(s.p_top3, 1000.0))),
                    driver.map_or(CsvCell::Empty, |d| CsvCell::Text(d.input.clone())),
                    num(driver.map(|d| round(d.share, 1000.0))),
                    CsvCell::Number(round(c.coverage, 1000.0)),
                ];
                for d in &c.dimensions {
                    row.push(num(d.score.map(|s| round(s, 100.0))));
                    row.push(num(d.rank.map(f64::from)));
                }
                row.push(c.not_ranked.clone().map_or(CsvCell::Empty, CsvCell::Text));
                row
            })
            .collect()
    }

    /// The table as CSV (formula-like text neutralised).
    pub fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let header = self.header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        write_rows(out, &header, self.rows())
    }
}
