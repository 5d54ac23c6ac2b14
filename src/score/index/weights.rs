//! Weights: a multiplier per dimension, sub-dimension, category and KPI, each
//! relative to its siblings, on top of a base: per KPI (a group weighs as many
//! scored items as it holds: the U4SSC overall score) or per level (siblings equal).
//! Files: `level,name,weight` rows, plus an optional `preset,per-kpi|per-level,` row.

use crate::model::Catalogue;
use crate::model::norm_key;

/// What a group weighs before its multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WeightBase {
    /// Every scored item counts the same: a group weighs the items it has.
    #[serde(rename = "per-kpi")]
    PerKpi,
    /// Each dimension 1/3, each sub-dimension equal within its dimension, and so on.
    #[serde(rename = "per-level")]
    PerLevel,
}

impl WeightBase {
    pub fn key(self) -> &'static str {
        match self {
            WeightBase::PerKpi => "per-kpi",
            WeightBase::PerLevel => "per-level",
        }
    }

    /// In a sentence: "per KPI" (each KPI weighs the same, its data points share
    /// it), "per level" (each dimension, sub-dimension and category the same).
    pub fn words(self) -> &'static str {
        match self {
            WeightBase::PerKpi => "per KPI",
            WeightBase::PerLevel => "per level",
        }
    }

    pub fn parse(text: &str) -> Option<WeightBase> {
        match norm_key(text).as_str() {
            "perkpi" | "kpi" | "u4ssc" => Some(WeightBase::PerKpi),
            "perlevel" | "level" | "equal" => Some(WeightBase::PerLevel),
            _ => None,
        }
    }
}

/// Multipliers, 1 unless set; indexed like the catalogue's lists.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Weights {
    pub base: WeightBase,
    pub dimensions: Vec<f64>,
    pub subdimensions: Vec<f64>,
    pub categories: Vec<f64>,
    pub kpis: Vec<f64>,
}

/// A weights file row that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct WeightsError {
    pub line: usize,
    pub message: String,
}

impl Weights {
    /// Every multiplier 1.
    pub fn preset(base: WeightBase, catalogue: &Catalogue) -> Weights {
        Weights {
            base,
            dimensions: vec![1.0; catalogue.dimensions.len()],
            subdimensions: vec![1.0; catalogue.subdimensions.len()],
            categories: vec![1.0; catalogue.categories.len()],
            kpis: vec![1.0; catalogue.kpis.len()],
        }
    }

    /// Reads a weights file's text. Rows not named are 1; the base is per level
    /// (weights written by hand are relative within each group) unless a
    /// `preset` row says otherwise. Every bad row is reported.
    pub fn parse(text: &str, catalogue: &Catalogue) -> Result<Weights, Vec<WeightsError>> {
        let mut weights = Weights::preset(WeightBase::PerLevel, catalogue);
        let mut errors = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let header_ok = reader.headers().is_ok_and(|h| {
            let h: Vec<String> = h.iter().map(norm_key).collect();
            h.len() >= 3 && h[0] == "level" && h[1] == "name" && h[2] == "weight"
        });
        if !header_ok {
            return Err(vec![WeightsError {
                line: 1,
                message: "the first row must be the header level,name,weight".into(),
            }]);
        }
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    errors.push(WeightsError {
                        line,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            let field = |i| record.get(i).unwrap_or("");
            if let Err(message) = weights.set_row(catalogue, field(0), field(1), field(2)) {
                errors.push(WeightsError { line, message });
            }
        }
        if errors.is_empty() { Ok(weights) } else { Err(errors) }
    }

    fn set_row(&mut self, catalogue: &Catalogue, level: &str, name: &str, weight: &str) -> Result<(), String> {
        if norm_key(level) == "preset" {
            self.base =
                WeightBase::parse(name).ok_or_else(|| format!("unknown preset '{name}': use per-kpi or per-level"))?;
            return Ok(());
        }
        let value: f64 = weight
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|w: &f64| w.is_finite() && *w >= 0.0)
            .ok_or_else(|| format!("the weight '{weight}' is not a number of 0 or more"))?;
        let slot = match norm_key(level).as_str() {
            "dimension" => find(catalogue.dimensions.iter().map(|d| (&d.name, d.code.as_deref())), name)
                .map(|i| &mut self.dimensions[i]),
            "subdimension" => find(
                catalogue.subdimensions.iter().map(|s| (&s.name, s.code.as_deref())),
                name,
            )
            .map(|i| &mut self.subdimensions[i]),
            "category" => find_category(catalogue, name).map(|i| &mut self.categories[i]),
            "kpi" => catalogue
                .kpis
                .iter()
                .position(|k| norm_key(&k.code) == norm_key(name) || norm_key(&k.name) == norm_key(name))
                .ok_or_else(|| format!("no KPI has the code or name '{name}'"))
                .map(|i| &mut self.kpis[i]),
            _ => {
                return Err(format!(
                    "unknown level '{level}': use dimension, subdimension, category or kpi"
                ));
            }
        }?;
        *slot = value;
        Ok(())
    }

    /// The weights as a file (every dimension, sub-dimension and category; KPIs
    /// whose multiplier is not 1), readable by [`Weights::parse`].
    pub fn to_csv(&self, catalogue: &Catalogue) -> String {
        let mut out = format!("level,name,weight\npreset,{},\n", self.base.key());
        let mut row = |level: &str, name: &str, w: f64| {
            out.push_str(&format!("{level},{},{w}\n", quote(name)));
        };
        for (d, w) in catalogue.dimensions.iter().zip(&self.dimensions) {
            row("dimension", &d.name, *w);
        }
        for (s, w) in catalogue.subdimensions.iter().zip(&self.subdimensions) {
            row("subdimension", &s.name, *w);
        }
        for (c, w) in catalogue.categories.iter().zip(&self.categories) {
            let sub = &catalogue.subdimensions[c.subdimension.0].name;
            row("category", &format!("{sub} / {}", c.name), *w);
        }
        for (k, w) in catalogue.kpis.iter().zip(&self.kpis).filter(|(_, w)| **w != 1.0) {
            row("kpi", &k.code, *w);
        }
        out
    }
}

/// A name in quotes when it holds a comma or a quote (CSV).
fn quote(name: &str) -> String {
    if name.contains([',', '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

fn find<'a>(mut names: impl Iterator<Item = (&'a String, Option<&'a str>)>, wanted: &str) -> Result<usize, String> {
    let key = norm_key(wanted);
    names
        .position(|(name, code)| norm_key(name) == key || code.is_some_and(|c| norm_key(c) == key))
        .ok_or_else(|| format!("no such name '{wanted}'"))
}

/// An aggregate of `level` by name (or code), its index in the level: a
/// category as in [`find_category`]; overall by any name (it is the only one).
pub(crate) fn find_aggregate(catalogue: &Catalogue, level: crate::score::Level, name: &str) -> Result<usize, String> {
    use crate::score::Level;
    match level {
        Level::Overall => Ok(0),
        Level::Dimension => find(catalogue.dimensions.iter().map(|d| (&d.name, d.code.as_deref())), name)
            .map_err(|_| format!("no dimension '{name}'")),
        Level::Subdimension => find(
            catalogue.subdimensions.iter().map(|s| (&s.name, s.code.as_deref())),
            name,
        )
        .map_err(|_| format!("no sub-dimension '{name}'")),
        Level::Category => find_category(catalogue, name),
    }
}

/// A category by `Sub-dimension / Category`, or by its name alone when only one has it.
fn find_category(catalogue: &Catalogue, wanted: &str) -> Result<usize, String> {
    let (sub, name) = match wanted.split_once('/') {
        Some((s, n)) => (Some(norm_key(s)), norm_key(n)),
        None => (None, norm_key(wanted)),
    };
    let hits: Vec<usize> = (0..catalogue.categories.len())
        .filter(|&i| {
            let c = &catalogue.categories[i];
            let s = &catalogue.subdimensions[c.subdimension.0];
            norm_key(&c.name) == name && sub.as_ref().is_none_or(|k| *k == norm_key(&s.name))
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("no category '{wanted}'")),
        _ => Err(format!(
            "several sub-dimensions have a category '{wanted}': write it as 'Sub-dimension / Category'"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_files_round_trip_and_name_their_bad_lines() {
        let catalogue = crate::import::default_catalogue().unwrap();
        let mut w = Weights::preset(WeightBase::PerKpi, &catalogue);
        w.dimensions[1] = 2.5;
        w.subdimensions[3] = 0.0;
        w.categories[5] = 1.5;
        w.kpis[7] = 3.0;
        let text = w.to_csv(&catalogue);
        assert_eq!(Weights::parse(&text, &catalogue), Ok(w));
        let bad =
            "level,name,weight\ndimension,Economy,2\ndimension,Nowhere,1\nkpi,EC: ICT: ICT: 1C,-1\nplanet,Mars,1\n";
        let errors = Weights::parse(bad, &catalogue).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5], "{errors:?}");
        assert!(errors[0].message.contains("Nowhere"));
        assert!(Weights::parse("a,b\n", &catalogue).is_err());
    }
}
