//! The performance to benchmark a U4SSC report printed for a value.

/// The "performance to benchmark" a U4SSC report printed for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PrintedBand {
    /// "No Benchmark Available": U4SSC decided the value has no benchmark for this
    /// city, so it is not scored even where a default target exists.
    NoBenchmark,
    /// The band U4SSC verification assigned, as its points (1 = 0-33 % of target
    /// ... 4 = 95 % and above): the item is scored with these points.
    Points(u8),
}

impl PrintedBand {
    /// Reads a band cell: `No Benchmark Available`, `0-33`, `33-66`, `66-95`,
    /// `95+`, or the report wordings `0 - 33 % of target`, `95 % + of target`,
    /// `95 % and above` (any case and spacing).
    pub fn parse(text: &str) -> Option<PrintedBand> {
        let lower = text.to_lowercase();
        let mut key: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        if matches!(key.as_str(), "nobenchmarkavailable" | "nobenchmark") {
            return Some(PrintedBand::NoBenchmark);
        }
        for tail in ["oftarget", "andabove", "ormore", "andmore"] {
            if let Some(rest) = key.strip_suffix(tail) {
                key = rest.to_string();
            }
        }
        let points = match key.as_str() {
            "033" | "0to33" => 1,
            "3366" | "33to66" => 2,
            "6695" | "66to95" => 3,
            "95" | "95100" | "95to100" => 4,
            _ => return None,
        };
        // `95` alone is the top band only when written as such (`95+`, `95 % and above`).
        if key == "95" && !(lower.contains('+') || lower.contains("above") || lower.contains("more")) {
            return None;
        }
        Some(PrintedBand::Points(points))
    }
}
