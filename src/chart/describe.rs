//! Words for values and scores, shared by tooltips, the details panel and
//! screen-reader labels.

use crate::model::{Catalogue, TargetValue, Value, format_number};
use crate::score::{AggregateScore, Basis, ItemScore, ItemStatus};

/// `44.8 %` or `101200 per 100 000 inhabitants`: the value with a short unit.
pub(crate) fn value_with_unit(score: &ItemScore, catalogue: &Catalogue) -> String {
    let value = score.value();
    if value == Value::NotReported {
        return "not reported".into();
    }
    let unit = score
        .observation
        .as_ref()
        .and_then(|o| o.unit())
        .unwrap_or(&catalogue.items[score.item.index()].unit);
    match value {
        Value::Number(_) if unit.starts_with('%') => format!("{} %", value.display()),
        Value::Number(_) if !unit.is_empty() && unit.len() <= 40 => format!("{} {unit}", value.display()),
        _ => value.display(),
    }
}

/// A % of target or score with one decimal, as everywhere in the app: `58.3 %`.
pub(crate) fn pct_text(pct: f64) -> String {
    format!("{} %", format_number((pct * 10.0).round() / 10.0))
}

/// The target as text: `60`, `Yes`.
pub(crate) fn target_text(score: &ItemScore) -> Option<String> {
    score.target.as_ref().map(|t| match t.value {
        TargetValue::Number(v) => format_number(v),
        TargetValue::Flag(f) => if f { "Yes" } else { "No" }.to_string(),
    })
}

/// One line: value, year, % of target and band, or why there is no score; then
/// the data-quality class and the verification status when the file gave them.
pub(crate) fn item_summary(score: &ItemScore, catalogue: &Catalogue) -> String {
    let mut text = score_summary(score, catalogue);
    if score.hypothetical.is_some() {
        let data = score.observation.as_ref().map_or(Value::NotReported, |o| o.value());
        let data = match data {
            Value::NotReported => "not reported".to_string(),
            v => v.display(),
        };
        text = format!("WHAT-IF {text} (hypothetical; the data say {data})");
    }
    if let Some(obs) = score
        .observation
        .as_ref()
        .filter(|o| o.value() != crate::model::Value::NotReported)
    {
        if let Some(q) = obs.quality() {
            text.push_str(&format!("; quality: {}", q.name()));
        }
        match obs.verified() {
            Some(true) => text.push_str("; verified"),
            Some(false) => text.push_str("; not verified"),
            None => {}
        }
    }
    text
}

/// Value, year, % of target and band, or why there is no score.
fn score_summary(score: &ItemScore, catalogue: &Catalogue) -> String {
    let value = value_with_unit(score, catalogue);
    let year = score
        .observation
        .as_ref()
        .and_then(|o| o.year())
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    match &score.status {
        ItemStatus::NotReported => "not reported".into(),
        ItemStatus::NoBenchmark(_) => format!("{value}{year}; no benchmark"),
        ItemStatus::Scored {
            pct,
            band,
            basis: Basis::U4sscBand,
        } => {
            let computed = pct.map(|p| format!(" (target: {})", pct_text(p))).unwrap_or_default();
            format!("{value}{year}; band {} from U4SSC verification{computed}", band.label())
        }
        ItemStatus::Scored { pct, band, .. } => {
            let pct = pct.map_or_else(|| "–".into(), pct_text);
            format!("{value}{year}; {pct} of target, band {}", band.label())
        }
    }
}

/// What a thin score rests on ([`AggregateScore::is_thin`]): `based on 3 of 112 items`.
pub(crate) fn rests_on(agg: &AggregateScore) -> String {
    format!("based on {} of {} items", agg.scored, agg.total)
}

/// One line for an aggregate: score, points and counts.
pub(crate) fn aggregate_summary(agg: &AggregateScore) -> String {
    let counts = format!(
        "{} scored, {} reported, {} KPIs and data points",
        agg.scored, agg.reported, agg.total
    );
    if agg.is_thin() {
        let pct = agg.score_pct.map(pct_text).unwrap_or_default();
        return format!(
            "{pct}, {}: too few for a headline (under a third); {counts}",
            rests_on(agg)
        );
    }
    match (agg.score_pct, agg.band) {
        (Some(pct), Some(band)) => format!(
            "{}, band {}; {} of {} points; {counts}",
            pct_text(pct),
            band.label(),
            agg.points,
            agg.max_points
        ),
        _ if agg.reported > 0 => format!("no score (no benchmark); {counts}"),
        _ => format!("not reported; {counts}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{AggregateScore, Band, Level};

    /// 7 of 12 points is 58.333… %: tooltips and the details panel say 58.3 %.
    #[test]
    fn aggregate_scores_print_one_decimal() {
        let agg = AggregateScore {
            level: Level::Category,
            name: "Education".into(),
            points: 7,
            max_points: 12,
            score_pct: Some(700.0 / 12.0),
            band: Some(Band::from_pct(700.0 / 12.0)),
            scored: 3,
            reported: 3,
            total: 4,
        };
        let text = aggregate_summary(&agg);
        assert!(text.starts_with("58.3 %, band 33-66 %"), "{text}");
        assert_eq!(pct_text(100.0), "100 %");
        assert_eq!(pct_text(33.35), "33.4 %");
    }
}
