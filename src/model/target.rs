//! Targets (benchmarks): the value that counts as 100 % of target, with its provenance.

use std::collections::HashMap;

use super::RowRef;
use super::catalogue::{Direction, ItemId};

/// The benchmark value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetValue {
    Number(f64),
    /// For yes/no KPIs: the answer that meets the target.
    Flag(bool),
}

/// A benchmark for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: TargetValue,
    /// Optional value that counts as 0 % of target (linear scale between worst and target).
    pub worst: Option<f64>,
    /// Overrides the catalogue's direction when set.
    pub direction: Option<Direction>,
    /// Where the benchmark comes from (SDG target text, WHO guideline, a city's own plan...).
    pub source: String,
    pub origin: Option<RowRef>,
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
#[derive(Debug, Clone, Default)]
pub struct TargetSet {
    general: HashMap<ItemId, Target>,
    per_city: HashMap<(ItemId, String), Target>,
}

impl TargetSet {
    /// Adds or replaces a rule.
    pub(crate) fn insert(&mut self, rule: TargetRule) {
        match rule.city {
            Some(city) => {
                self.per_city
                    .insert((rule.item, city.trim().to_lowercase()), rule.target);
            }
            None => {
                self.general.insert(rule.item, rule.target);
            }
        }
    }

    /// Adds every rule of `other`, replacing what it overrides.
    pub fn extend(&mut self, other: TargetSet) {
        self.general.extend(other.general);
        self.per_city.extend(other.per_city);
    }

    /// The target for an item in a city, if any.
    pub fn get(&self, item: ItemId, city: &str) -> Option<&Target> {
        self.per_city
            .get(&(item, city.trim().to_lowercase()))
            .or_else(|| self.general.get(&item))
    }

    /// Number of general (all-city) targets.
    pub fn general_count(&self) -> usize {
        self.general.len()
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
