//! A city's scores as rows of JSON values under fixed keys: the one source of the
//! columns of `score --format json|csv|table` and of the scores workbook, so that a
//! key means the same in every output.

use serde_json::{Value as Json, json};

use crate::model::{Catalogue, CityId, Quality, TargetValue, Value};
use crate::score::{AggregateScore, Basis, ItemScore, Profile, Trend, item_trend};
use crate::workspace::Workspace;

/// The keys of an item row, in order.
pub(crate) const ITEM_KEYS: [&str; 16] = [
    "kpi",
    "data_point",
    "name",
    "value",
    "unit",
    "year",
    "target",
    "target_source",
    "achievement_pct",
    "band",
    "points",
    "band_source",
    "quality",
    "verified",
    "trend",
    "projected_year",
];

/// The keys of an aggregate row, in order.
pub(crate) const AGG_KEYS: [&str; 9] = [
    "level",
    "name",
    "points",
    "max_points",
    "score_pct",
    "band",
    "scored",
    "reported",
    "total",
];

/// The keys of a city's facts (the top of the score JSON), in order.
pub(crate) const CITY_KEYS: [&str; 9] = [
    "city",
    "country",
    "fictional",
    "year",
    "catalogue",
    "target_set",
    "derived_targets",
    "targets",
    "values_left_out",
];

/// One city scored: its profile, item rows (under [`ITEM_KEYS`]) and aggregate
/// rows (under [`AGG_KEYS`]).
pub(crate) struct CityScores {
    pub profile: Profile,
    pub items: Vec<Vec<Json>>,
    pub aggregates: Vec<Vec<Json>>,
}

/// Scores `city` in `year` (`None`: its latest) with the trend of every item.
pub(crate) fn city_scores(ws: &Workspace, city: CityId, year: Option<i32>) -> CityScores {
    let profile = ws.profile(city, year);
    let targets = ws.targets_for(city, year);
    let (c, d, t) = (&ws.catalogue, &ws.dataset, &*targets);
    let items = profile
        .items
        .iter()
        .map(|s| item_row(c, s, item_trend(c, d, t, city, s.item, profile.year)))
        .collect();
    let aggregates = profile.aggregates().map(aggregate_row).collect();
    CityScores {
        profile,
        items,
        aggregates,
    }
}

/// The city's facts under [`CITY_KEYS`].
pub(crate) fn city_row(ws: &Workspace, profile: &Profile) -> Vec<Json> {
    let city = &ws.dataset.cities[profile.city.index()];
    vec![
        json!(city.name),
        json!(city.country),
        json!(city.fictional),
        json!(profile.year),
        json!(ws.catalogue.name),
        json!(ws.scoring.set.key()),
        json!(ws.scoring.derived.map(|c| c.label())),
        json!(&*profile.targets),
        json!(ws.report.left_out_of(&city.name)),
    ]
}

fn item_row(catalogue: &Catalogue, score: &ItemScore, trend: Trend) -> Vec<Json> {
    let kpi = catalogue.kpi_of(score.item);
    let item = &catalogue.items[score.item.index()];
    let value = match score.value() {
        Value::Number(v) => json!(v),
        Value::Flag(_) => json!(score.value().display()),
        Value::NotReported => Json::Null,
    };
    let obs = score.observation.as_ref();
    let unit = obs.and_then(|o| o.unit()).unwrap_or(&item.unit);
    vec![
        json!(kpi.code),
        json!(item.data_point),
        json!(kpi.name),
        value,
        json!(unit),
        json!(obs.and_then(|o| o.year())),
        score.target.as_ref().map_or(Json::Null, |t| target_json(t.value)),
        json!(score.target.as_ref().map(|t| t.source.as_str())),
        json!(score.pct()),
        json!(score.band().map(|b| b.key())),
        json!(score.band().map(|b| b.points())),
        json!(score.basis().map(Basis::band_source)),
        json!(obs.and_then(|o| o.quality()).map(Quality::name)),
        json!(obs.and_then(|o| o.verified())),
        json!(trend.status.label()),
        json!(trend.projected_year),
    ]
}

/// A target's value: a number, or `"Yes"`/`"No"` for a yes/no KPI.
pub(crate) fn target_json(value: TargetValue) -> Json {
    match value {
        TargetValue::Number(v) => json!(v),
        TargetValue::Flag(f) => json!(if f { "Yes" } else { "No" }),
    }
}

fn aggregate_row(agg: &AggregateScore) -> Vec<Json> {
    vec![
        json!(agg.level.as_str()),
        json!(agg.name),
        json!(agg.points),
        json!(agg.max_points),
        json!(agg.score_pct),
        json!(agg.band.map(|b| b.key())),
        json!(agg.scored),
        json!(agg.reported),
        json!(agg.total),
    ]
}

/// Rows as JSON objects under `keys`.
pub(crate) fn objects(keys: &[&str], rows: &[Vec<Json>]) -> Vec<Json> {
    rows.iter()
        .map(|r| Json::Object(keys.iter().map(|k| k.to_string()).zip(r.iter().cloned()).collect()))
        .collect()
}
