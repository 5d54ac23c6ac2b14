//! What kind of thing a KPI or data point measures: which way is better, and
//! the coarse class of its unit (read from the catalogue's free unit text).

use super::norm_key;

/// Which way is better for a KPI or data point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better; % of target = value / target.
    Higher,
    /// Less is better.
    Lower,
    /// Closest to the target is best (e.g. a female:male income ratio of 1).
    Target,
    /// Not known: the item cannot be scored unless a target names a direction.
    None,
}

impl Direction {
    /// Parses `higher`, `lower`, `target`, `none` and a few common synonyms.
    pub fn parse(text: &str) -> Option<Direction> {
        match norm_key(text).as_str() {
            "higher" | "higherisbetter" | "up" | "max" | "increase" => Some(Direction::Higher),
            "lower" | "lowerisbetter" | "down" | "min" | "decrease" => Some(Direction::Lower),
            "target" | "closest" | "closertotarget" | "exact" => Some(Direction::Target),
            "none" | "" | "unknown" => Some(Direction::None),
            _ => None,
        }
    }

    /// The lowercase keyword used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Target => "target",
            Direction::None => "none",
        }
    }
}

/// A coarse unit class, used to warn when a data file's unit disagrees with the
/// catalogue. Only two known, different kinds produce a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Percent,
    Per100k,
    Count,
    Minutes,
    Hours,
    Ratio,
    Gini,
    YesNo,
    Unknown,
}

impl UnitKind {
    /// Classifies free unit text such as `% of households` or `per 100 000 inhabitants`.
    pub(crate) fn classify(unit: &str) -> UnitKind {
        let lower = unit.trim().to_lowercase();
        let squashed: String = lower.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
        if lower.starts_with("yes/no") || lower == "yes" || lower == "no" {
            UnitKind::YesNo
        } else if lower.contains('%') || lower.starts_with("percent") {
            UnitKind::Percent
        } else if squashed.contains("per100000") || squashed.contains("per100k") {
            UnitKind::Per100k
        } else if lower.starts_with("number of") || lower.starts_with("count") || lower.contains("(count)") {
            UnitKind::Count
        } else if lower.starts_with("minute") || lower == "min" || lower.contains("(minutes") {
            UnitKind::Minutes
        } else if lower.starts_with("hour") || lower == "h" {
            UnitKind::Hours
        } else if lower.starts_with("gini") {
            UnitKind::Gini
        } else if lower.starts_with("ratio") {
            UnitKind::Ratio
        } else {
            UnitKind::Unknown
        }
    }

    /// Whether a value in this unit can never be negative.
    pub(crate) fn non_negative(self) -> bool {
        matches!(
            self,
            UnitKind::Percent | UnitKind::Per100k | UnitKind::Count | UnitKind::Minutes | UnitKind::Hours
        )
    }

    /// What is implausible about `value` in this unit, if anything: the import's
    /// checks warn of it and keep the value, so every view that ranks or compares
    /// values marks it too (a percentage of 104 must not rank first unmarked).
    pub(crate) fn implausible(self, value: f64) -> Option<Implausible> {
        if self == UnitKind::Percent && !(0.0..=100.0).contains(&value) {
            Some(Implausible::OutsidePercent)
        } else if value < 0.0 && self.non_negative() {
            Some(Implausible::Negative)
        } else {
            None
        }
    }
}

/// A value its unit makes implausible (see [`UnitKind::implausible`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Implausible {
    /// A percentage outside 0-100.
    OutsidePercent,
    /// A negative value of a quantity that cannot be negative.
    Negative,
}

impl Implausible {
    pub(crate) fn words(self) -> &'static str {
        match self {
            Implausible::OutsidePercent => "a percentage outside 0-100",
            Implausible::Negative => "negative, but it cannot be",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the import warns of and keeps is what the views mark: a percentage of
    /// 104, a negative count; not a ratio above 100 or a negative of no known kind.
    #[test]
    fn implausible_values_are_those_the_checks_warn_of() {
        assert_eq!(UnitKind::Percent.implausible(104.0), Some(Implausible::OutsidePercent));
        assert_eq!(UnitKind::Percent.implausible(-1.0), Some(Implausible::OutsidePercent));
        assert_eq!(UnitKind::Percent.implausible(100.0), None);
        assert_eq!(UnitKind::Count.implausible(-3.0), Some(Implausible::Negative));
        assert_eq!(UnitKind::Ratio.implausible(250.0), None);
        assert_eq!(UnitKind::Unknown.implausible(-3.0), None);
    }
}
