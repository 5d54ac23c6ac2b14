//! Matching what users type (codes with or without spaces, names in any case,
//! data points such as `pm 2.5`) to catalogue entries, and suggesting the
//! nearest entry when nothing matches.

use std::collections::HashMap;

use super::catalogue::{Catalogue, ItemId, KpiId};

/// Lowercase letters and digits only: `EC: ICT: ICT: 1C` → `ecictict1c`,
/// `PM2.5` → `pm25`, `NO₂` → `no2`. Codes, names and data points are compared this way.
pub fn norm_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '₀'..='₉' => char::from_u32(c as u32 - '₀' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Normalised keys → catalogue entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyIndex {
    codes: HashMap<String, KpiId>,
    names: HashMap<String, KpiId>,
    data_points: HashMap<(KpiId, String), ItemId>,
    /// Each KPI's code and name keys, by id: the prefixes a reference to one of
    /// its data points starts with (made once, not per lookup).
    kpi_keys: Vec<[String; 2]>,
}

fn singular(key: &str) -> &str {
    key.strip_suffix('s').filter(|k| !k.is_empty()).unwrap_or(key)
}

impl KeyIndex {
    /// Returns false when the code is already taken.
    pub(crate) fn insert_kpi(&mut self, code: &str, name: &str, id: KpiId) -> bool {
        if self.codes.insert(norm_key(code), id).is_some() {
            return false;
        }
        if self.kpi_keys.len() <= id.0 {
            self.kpi_keys.resize(id.0 + 1, Default::default());
        }
        self.kpi_keys[id.0] = [norm_key(code), norm_key(name)];
        // A name shared by two KPIs resolves to the first; codes stay unambiguous.
        self.names.entry(norm_key(name)).or_insert(id);
        true
    }

    pub(crate) fn insert_data_point(&mut self, kpi: KpiId, name: &str, item: ItemId) -> bool {
        self.data_points
            .insert((kpi, singular(&norm_key(name)).to_string()), item)
            .is_none()
    }
}

/// What a KPI reference resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiMatch {
    /// A KPI; the data point (if any) is named elsewhere.
    Kpi(KpiId),
    /// A KPI plus one data point named in the same text (`Air Pollution PM2.5`).
    Item(ItemId),
}

impl Catalogue {
    /// Finds a KPI by code (spaces and case ignored) or name (case ignored).
    pub fn find_kpi(&self, text: &str) -> Option<KpiId> {
        let key = norm_key(text);
        self.index
            .codes
            .get(&key)
            .or_else(|| self.index.names.get(&key))
            .copied()
    }

    /// Finds a KPI, or a KPI followed by one of its data points
    /// (`EN: EN: AQ: 1C PM2.5`, `Air Pollution (PM10)`).
    pub(crate) fn find_kpi_or_item(&self, text: &str) -> Option<KpiMatch> {
        if let Some(kpi) = self.find_kpi(text) {
            return Some(KpiMatch::Kpi(kpi));
        }
        let key = norm_key(text);
        for (kpi_id, prefixes) in self.index.kpi_keys.iter().enumerate() {
            let kpi_id = KpiId(kpi_id);
            if self.kpis.get(kpi_id.0).is_none_or(|k| k.items.len() < 2) {
                continue;
            }
            for prefix in prefixes {
                if let Some(rest) = key.strip_prefix(prefix.as_str())
                    && let Some(item) = self.index.data_points.get(&(kpi_id, singular(rest).to_string()))
                {
                    return Some(KpiMatch::Item(*item));
                }
            }
        }
        None
    }

    /// Finds one of a KPI's data points (`pm 2.5` = `PM2.5`, `private vehicle` = `Private vehicles`).
    pub fn find_data_point(&self, kpi: KpiId, text: &str) -> Option<ItemId> {
        self.index
            .data_points
            .get(&(kpi, singular(&norm_key(text)).to_string()))
            .copied()
    }

    /// The closest KPI to an unknown reference, for "did you mean" hints.
    pub(crate) fn suggest_kpi(&self, text: &str) -> Option<KpiId> {
        let key = norm_key(text);
        if key.is_empty() {
            return None;
        }
        let wanted_number = trailing_number(text);
        let mut best: Option<(usize, u32, KpiId)> = None;
        for (i, kpi) in self.kpis.iter().enumerate() {
            for candidate in [norm_key(&kpi.code), norm_key(&kpi.name)] {
                let dist = strsim::levenshtein(&key, &candidate);
                let limit = (candidate.chars().count() / 3).max(2);
                if dist > limit {
                    continue;
                }
                // Among equally close codes prefer the nearest KPI number: `ICT: 9C` → `ICT: 5C`.
                let number_gap = match (wanted_number, trailing_number(&kpi.code)) {
                    (Some(a), Some(b)) => a.abs_diff(b),
                    _ => u32::MAX,
                };
                let rank = (dist, number_gap, KpiId(i));
                if best.is_none_or(|b| (rank.0, rank.1) < (b.0, b.1)) {
                    best = Some(rank);
                }
            }
        }
        best.map(|b| b.2)
    }
}

/// The number in the last code segment: `EC: ICT: ICT: 5C` → 5.
fn trailing_number(code: &str) -> Option<u32> {
    let last = code.rsplit(':').next()?.trim();
    let digits: String = last.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_key_ignores_spaces_case_and_punctuation() {
        assert_eq!(norm_key("EC: ICT: ICT: 1C"), norm_key("ec:ict:ict:1c"));
        assert_eq!(norm_key("PM2.5"), "pm25");
        assert_eq!(norm_key("NO₂"), "no2");
        assert_ne!(norm_key("PM2.5"), norm_key("PM10"));
    }

    #[test]
    fn trailing_number_reads_last_segment() {
        assert_eq!(trailing_number("EC: ICT: ICT: 15A"), Some(15));
        assert_eq!(trailing_number("no digits"), None);
    }
}
