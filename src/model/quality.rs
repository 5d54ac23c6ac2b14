//! The data-quality classes of the U4SSC data collection template.

use std::sync::Arc;

/// How a value was obtained: the six classes of the U4SSC data collection
/// template, best first, or a text the file gave that is none of them (kept as
/// written, with a warning at import).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Quality {
    /// 1: based on accurate measurements.
    Measured,
    /// 2: extrapolated from a survey.
    Survey,
    /// 3: extrapolated from higher-level (regional, national) data.
    HigherLevel,
    /// 4: an estimation with assumptions.
    Estimated,
    /// 5: a personal estimation.
    PersonalEstimate,
    /// 6: unknown methodology, not traceable.
    Unknown,
    /// Another text, as given.
    Other(Arc<str>),
}

impl Quality {
    /// The six classes, best first.
    pub const CLASSES: [Quality; 6] = [
        Quality::Measured,
        Quality::Survey,
        Quality::HigherLevel,
        Quality::Estimated,
        Quality::PersonalEstimate,
        Quality::Unknown,
    ];

    /// The class's name as the template words it (or the text given).
    pub fn name(&self) -> &str {
        match self {
            Quality::Measured => "Based on accurate measurements",
            Quality::Survey => "Extrapolated from survey",
            Quality::HigherLevel => "Extrapolated from higher-level data",
            Quality::Estimated => "Estimation with assumptions",
            Quality::PersonalEstimate => "Personal estimation",
            Quality::Unknown => "Unknown methodology, not traceable",
            Quality::Other(text) => text,
        }
    }

    /// The class number 1-6 (`None` for another text).
    pub fn number(&self) -> Option<u8> {
        Quality::CLASSES.iter().position(|c| c == self).map(|i| i as u8 + 1)
    }

    /// Reads a quality cell: a number 1-6 or the class's wording (any case; a
    /// leading number such as `2 - extrapolated from survey` is enough). Another
    /// text is `Other`, `None` for an empty cell.
    pub fn parse(text: &str) -> Option<Quality> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        let rest = trimmed[digits.len()..].trim_start();
        let numbered = rest.is_empty() || rest.starts_with(['-', '–', '.', ':', ')', ' ']);
        if let Ok(n @ 1..=6) = digits.parse::<usize>()
            && numbered
        {
            return Some(Quality::CLASSES[n - 1].clone());
        }
        let key: String = trimmed.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
        let class = if key.contains("accurate") || key.contains("measure") {
            Quality::Measured
        } else if key.contains("survey") {
            Quality::Survey
        } else if key.contains("higherlevel") || key.contains("higher") {
            Quality::HigherLevel
        } else if key.contains("personal") {
            Quality::PersonalEstimate
        } else if key.contains("assumption") || key.starts_with("estimat") {
            Quality::Estimated
        } else if key.contains("unknown") || key.contains("nottraceable") {
            Quality::Unknown
        } else {
            return Some(Quality::Other(Arc::from(trimmed)));
        };
        Some(class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_wordings() {
        assert_eq!(Quality::parse("1"), Some(Quality::Measured));
        assert_eq!(Quality::parse("6"), Some(Quality::Unknown));
        assert_eq!(Quality::parse("2 - Extrapolated from survey"), Some(Quality::Survey));
        assert_eq!(
            Quality::parse("Based on accurate measurements"),
            Some(Quality::Measured)
        );
        assert_eq!(
            Quality::parse("extrapolated from higher-level data"),
            Some(Quality::HigherLevel)
        );
        assert_eq!(Quality::parse("Estimation with assumptions"), Some(Quality::Estimated));
        assert_eq!(Quality::parse("PERSONAL ESTIMATION"), Some(Quality::PersonalEstimate));
        assert_eq!(
            Quality::parse("Unknown methodology, not traceable"),
            Some(Quality::Unknown)
        );
        assert_eq!(Quality::parse(" "), None);
        assert_eq!(Quality::parse("7"), Some(Quality::Other(Arc::from("7"))));
        assert_eq!(Quality::parse("good"), Some(Quality::Other(Arc::from("good"))));
        for (i, class) in Quality::CLASSES.iter().enumerate() {
            assert_eq!(class.number(), Some(i as u8 + 1));
            assert_eq!(Quality::parse(class.name()).as_ref(), Some(class));
        }
    }
}
