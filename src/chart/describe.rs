//! Words for values and scores, shared by tooltips, the details panel and
//! screen-reader labels.

use crate::model::{Catalogue, TargetValue, Value, format_number};
use crate::score::{AggregateScore, ItemScore, ItemStatus};

/// `44.8 %` or `101200 per 100 000 inhabitants`: the value with a short unit.
pub fn value_with_unit(score: &ItemScore, catalogue: &Catalogue) -> String {
    let value = score.value();
    if value == Value::NotReported {
        return "not reported".into();
    }
    let unit = score
        .observation
        .as_ref()
        .and_then(|o| o.unit())
        .unwrap_or(&catalogue.items[score.item.0].unit);
    match value {
        Value::Number(_) if unit.starts_with('%') => format!("{} %", value.display()),
        Value::Number(_) if !unit.is_empty() && unit.len() <= 40 => format!("{} {unit}", value.display()),
        _ => value.display(),
    }
}

/// The target as text: `60`, `Yes`.
pub fn target_text(score: &ItemScore) -> Option<String> {
    score.target.as_ref().map(|t| match t.value {
        TargetValue::Number(v) => format_number(v),
        TargetValue::Flag(f) => if f { "Yes" } else { "No" }.to_string(),
    })
}

/// One line: value, year, % of target and band, or why there is no score.
pub fn item_summary(score: &ItemScore, catalogue: &Catalogue) -> String {
    let value = value_with_unit(score, catalogue);
    let year = score
        .observation
        .as_ref()
        .and_then(|o| o.year)
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    match &score.status {
        ItemStatus::NotReported => "not reported".into(),
        ItemStatus::NoBenchmark(_) => format!("{value}{year}; no benchmark"),
        ItemStatus::Scored { pct, band } => format!(
            "{value}{year}; {} % of target, band {}",
            format_number((pct * 10.0).round() / 10.0),
            band.label()
        ),
    }
}

/// One line for an aggregate: score, points and counts.
pub fn aggregate_summary(agg: &AggregateScore) -> String {
    let counts = format!(
        "{} scored, {} reported, {} KPIs and data points",
        agg.scored, agg.reported, agg.total
    );
    match (agg.score_pct, agg.band) {
        (Some(pct), Some(band)) => format!(
            "{} %, band {}; {} of {} points; {counts}",
            format_number(pct),
            band.label(),
            agg.points,
            agg.max_points
        ),
        _ if agg.reported > 0 => format!("no score (no benchmark); {counts}"),
        _ => format!("not reported; {counts}"),
    }
}
