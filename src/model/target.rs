//! Targets (benchmarks): the value that counts as 100 % of target, with its provenance.

use std::collections::HashMap;
use std::sync::Arc;

use super::RowRef;
use super::catalogue::{Direction, ItemId};

/// The benchmark value.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TargetValue {
    Number(f64),
    /// For yes/no KPIs: the answer that meets the target.
    Flag(bool),
}

/// Where a target comes from, for coverage counts and `band_source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum TargetKind {
    /// A bundled target set (`assets/targets/*.csv`), every row citing its source.
    #[default]
    Cited,
    /// The user's own: a targets file, a targets table in a dataset, or an edit in the app.
    Own,
    /// Derived from the loaded cities' values (SDSN method).
    Derived,
}

/// A benchmark for one item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub value: TargetValue,
    /// Optional value that counts as 0 % of target (linear scale between worst and target).
    pub worst: Option<f64>,
    /// Overrides the catalogue's direction when set.
    pub direction: Option<Direction>,
    /// Where the benchmark comes from (SDG target text, WHO guideline, a city's own plan...).
    pub source: String,
    pub origin: Option<RowRef>,
    pub kind: TargetKind,
}

impl Target {
    /// Whether this target can score an item with the given direction (the
    /// target's own direction wins); the reason when it cannot. Mirrors the
    /// preconditions of `score::achievement_pct`.
    pub fn check(&self, item_direction: Direction) -> Result<(), &'static str> {
        let TargetValue::Number(t) = self.value else {
            return Ok(());
        };
        let worst = self.worst;
        if worst == Some(t) {
            return Err("the worst value equals the target; give a different worst value or none");
        }
        match self.direction.unwrap_or(item_direction) {
            Direction::None => Err("the KPI has no known direction; add a direction column (higher, lower or target)"),
            Direction::Higher if worst.is_some_and(|w| w < t) || t > 0.0 => Ok(()),
            Direction::Higher => Err("a higher-is-better target must be above 0 (or give a worst value below it)"),
            Direction::Lower if worst.is_some_and(|w| w > t) || t > 0.0 => Ok(()),
            Direction::Lower => Err("a lower-is-better target of 0 or less needs a worst value above it"),
            Direction::Target if worst.is_some_and(|w| w != t) || t != 0.0 => Ok(()),
            Direction::Target => Err("a target of 0 for a closest-is-best KPI needs a worst value"),
        }
    }
}

/// The bundled target sets (`assets/targets/`): `global` is the default,
/// `eu-2030` adds EU law and EU 2030 targets over it, `none` uses no bundled target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum TargetSetName {
    #[default]
    Global,
    Eu2030,
    None,
}

impl TargetSetName {
    pub const ALL: [TargetSetName; 3] = [TargetSetName::Global, TargetSetName::Eu2030, TargetSetName::None];

    /// The name on the command line and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            TargetSetName::Global => "global",
            TargetSetName::Eu2030 => "eu-2030",
            TargetSetName::None => "none",
        }
    }

    /// What the set holds, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            TargetSetName::Global => "global set (SDG, WHO, ITU, UN-Habitat, UNEP)",
            TargetSetName::Eu2030 => "eu-2030 set (EU law and EU 2030 targets, over the global set)",
            TargetSetName::None => "no bundled target set",
        }
    }
}

/// One target row: for every city, or for one city only.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TargetRule {
    pub item: ItemId,
    pub city: Option<String>,
    pub target: Target,
}

/// All targets in force. Later rules replace earlier ones for the same item and
/// scope, so user files loaded after the defaults override them; a city-specific
/// rule beats a general one.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TargetSet {
    // Shared (`Arc`): every scored item of every city's profile holds its target,
    // and at 10,000 cities a deep copy (a source text, a file name) per item was
    // 1.1 M allocations per scoring of all cities.
    general: HashMap<ItemId, Arc<Target>>,
    /// Keyed by the lowercased city name; the value keeps the name as written.
    per_city: HashMap<(ItemId, String), (String, Arc<Target>)>,
    /// What is in force, in a few words ("global set", "global set + derived
    /// from all 15 cities"): shown on charts and in JSON.
    pub label: Arc<str>,
    /// The same in two or three words ("global", "eu-2030 + derived") for tight spots.
    pub short: Arc<str>,
}

/// A city's key into the rules for it (see [`TargetSet::city_key`]).
pub(crate) struct CityKey(Option<(ItemId, String)>);

impl TargetSet {
    /// Adds or replaces a rule.
    pub(crate) fn insert(&mut self, rule: TargetRule) {
        match rule.city {
            Some(city) => {
                let key = (rule.item, city.trim().to_lowercase());
                self.per_city
                    .insert(key, (city.trim().to_string(), Arc::new(rule.target)));
            }
            None => {
                self.general.insert(rule.item, Arc::new(rule.target));
            }
        }
    }

    /// Removes the rule for an item in one scope (a city, or all cities); the removed target.
    pub(crate) fn remove(&mut self, item: ItemId, city: Option<&str>) -> Option<Target> {
        match city {
            Some(city) => self
                .per_city
                .remove(&(item, city.trim().to_lowercase()))
                .map(|(_, t)| Arc::unwrap_or_clone(t)),
            None => self.general.remove(&item).map(Arc::unwrap_or_clone),
        }
    }

    /// Adds every rule of `other`, replacing what it overrides (the label stays).
    pub fn extend(&mut self, other: TargetSet) {
        self.general.extend(other.general);
        self.per_city.extend(other.per_city);
    }

    /// The target for an item in a city, if any.
    pub fn get(&self, item: ItemId, city: &str) -> Option<&Target> {
        self.shared(item, &mut self.city_key(city)).map(|t| &**t)
    }

    /// How [`TargetSet::shared`] finds a city's own rules: the key of
    /// `per_city`, its lowercased name made once per city and its item set for
    /// each lookup, rather than a new key per item (`None` when no rule names a
    /// city, the usual case).
    pub(crate) fn city_key(&self, city: &str) -> CityKey {
        CityKey((!self.per_city.is_empty()).then(|| (ItemId(0), city.trim().to_lowercase())))
    }

    /// [`TargetSet::get`] with the city's key, as the shared target.
    pub(crate) fn shared(&self, item: ItemId, city: &mut CityKey) -> Option<&Arc<Target>> {
        let own = city.0.as_mut().and_then(|key| {
            key.0 = item;
            self.per_city.get(key)
        });
        own.map(|(_, t)| t).or_else(|| self.general.get(&item))
    }

    /// The all-city target of an item, if any.
    pub fn general(&self, item: ItemId) -> Option<&Target> {
        self.general.get(&item).map(|t| &**t)
    }

    /// Every rule, all-city ones first, each group in item order then city name.
    pub(crate) fn rules(&self) -> Vec<TargetRule> {
        let mut general: Vec<TargetRule> = self
            .general
            .iter()
            .map(|(item, t)| TargetRule {
                item: *item,
                city: None,
                target: (**t).clone(),
            })
            .collect();
        general.sort_by_key(|r| r.item);
        let mut cities: Vec<TargetRule> = self
            .per_city
            .iter()
            .map(|((item, _), (city, t))| TargetRule {
                item: *item,
                city: Some(city.clone()),
                target: (**t).clone(),
            })
            .collect();
        cities.sort_by(|a, b| (a.item, &a.city).cmp(&(b.item, &b.city)));
        general.extend(cities);
        general
    }

    /// Marks every target as coming from `kind`.
    pub(crate) fn set_kind(&mut self, kind: TargetKind) {
        let per_city = self.per_city.values_mut().map(|(_, t)| t);
        for target in self.general.values_mut().chain(per_city) {
            Arc::make_mut(target).kind = kind;
        }
    }

    /// Number of general (all-city) targets.
    pub fn general_count(&self) -> usize {
        self.general.len()
    }

    /// Number of rules (general and per city).
    pub fn len(&self) -> usize {
        self.general.len() + self.per_city.len()
    }

    /// Whether there is no rule at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(v: f64, source: &str) -> Target {
        Target {
            value: TargetValue::Number(v),
            worst: None,
            direction: None,
            source: source.into(),
            origin: None,
            kind: TargetKind::Cited,
        }
    }

    #[test]
    fn city_rule_beats_general_and_later_rules_win() {
        let mut set = TargetSet::default();
        set.insert(TargetRule {
            item: ItemId(3),
            city: None,
            target: target(60.0, "default"),
        });
        set.insert(TargetRule {
            item: ItemId(3),
            city: Some("Pully".into()),
            target: target(80.0, "city plan"),
        });
        let mut user = TargetSet::default();
        user.insert(TargetRule {
            item: ItemId(3),
            city: None,
            target: target(70.0, "user"),
        });
        set.extend(user);
        assert_eq!(
            set.get(ItemId(3), "pully ").map(|t| t.source.as_str()),
            Some("city plan")
        );
        assert_eq!(set.get(ItemId(3), "Asker").map(|t| t.source.as_str()), Some("user"));
        assert!(set.get(ItemId(4), "Asker").is_none());
    }
}
