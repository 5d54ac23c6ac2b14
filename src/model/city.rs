//! A city and what is known about it: country, population (with its year, what it
//! covers and its source), area, region, and whether it is invented.

/// `120000` → `120 000` (with a no-break space).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A city and what is known about it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct City {
    pub name: String,
    pub country: Option<String>,
    pub population: Option<u64>,
    /// The year the population was counted, when given.
    pub population_year: Option<i32>,
    /// What the population figure covers, when it is not plainly the city
    /// (merged municipalities, a region, a lower bound, rounded).
    pub population_note: Option<String>,
    pub area_km2: Option<f64>,
    pub region: Option<String>,
    /// Plainly invented demonstration data.
    pub fictional: bool,
    /// Where the population and other facts come from.
    pub source: Option<String>,
}

impl City {
    /// The population with its year, what it covers and its source, in one line:
    /// `18 313 (2018; source: ...)`; `None` when unknown.
    pub fn population_text(&self) -> Option<String> {
        let population = self.population?;
        let mut parts: Vec<String> = self.population_year.iter().map(i32::to_string).collect();
        parts.extend(self.population_note.iter().cloned());
        parts.extend(self.source.iter().map(|s| format!("source: {s}")));
        let grouped = group_thousands(population);
        Some(match parts.is_empty() {
            true => grouped,
            false => format!("{grouped} ({})", parts.join("; ")),
        })
    }
}
