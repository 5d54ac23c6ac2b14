//! Trends after the SDSN Sustainable Development Report: the recent annual
//! progress compared with the progress needed each year to reach the target by
//! 2030, and the year the target is reached if the trend continues.

use crate::model::{Catalogue, CityId, Dataset, Direction, ItemId, Target, TargetSet, TargetValue, Value};

/// The year targets are due (the 2030 Agenda).
pub const TARGET_YEAR: i32 = 2030;

/// The last year a projection is made for: a target reached later "at this pace"
/// is beyond any plan (SDSN's dashboards look to 2030; 2050 is the horizon of the
/// long-term climate and urban agendas). Beyond it the trend says "not by 2050".
pub const PROJECTION_HORIZON: i32 = 2050;

/// How many of the latest years the recent trend looks at.
pub const TREND_YEARS: i32 = 5;

/// SDSN's trend classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum TrendStatus {
    /// Progress at least as fast as needed, or the target is met and kept.
    OnTrack,
    /// More than half the progress needed.
    ModeratelyImproving,
    /// Between none and half the progress needed.
    Stagnating,
    /// Moving away from the target.
    Decreasing,
    /// Fewer than two years, no target, or not a number.
    Unavailable,
}

impl TrendStatus {
    /// The label used in output and the app.
    pub fn label(self) -> &'static str {
        match self {
            TrendStatus::OnTrack => "on track",
            TrendStatus::ModeratelyImproving => "moderately improving",
            TrendStatus::Stagnating => "stagnating",
            TrendStatus::Decreasing => "decreasing",
            TrendStatus::Unavailable => "trend information unavailable",
        }
    }

    /// The direction of the status arrow in degrees (0 = right, 90 = up); `None`
    /// for no arrow. Arrows are drawn as shapes: the embedded font has no arrow glyphs.
    pub(crate) fn arrow_degrees(self) -> Option<f32> {
        match self {
            TrendStatus::OnTrack => Some(90.0),
            TrendStatus::ModeratelyImproving => Some(45.0),
            TrendStatus::Stagnating => Some(0.0),
            TrendStatus::Decreasing => Some(-90.0),
            TrendStatus::Unavailable => None,
        }
    }
}

/// The trend of one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub status: TrendStatus,
    /// The year the target is reached if the recent trend continues (`None` when it
    /// never is, is reached only after [`PROJECTION_HORIZON`], or is already met).
    pub projected_year: Option<i32>,
    /// The trend reaches the target, but only after [`PROJECTION_HORIZON`].
    pub beyond_horizon: bool,
    /// Progress towards the target per year (in the value's unit, positive = better).
    pub progress_per_year: Option<f64>,
    /// Progress needed per year to reach the target in [`TARGET_YEAR`].
    pub needed_per_year: Option<f64>,
}

impl Trend {
    /// When the target is reached at this pace, in words: "target reached in 2027
    /// at this pace", "target not reached by 2050 at this pace"; `None` when no
    /// projection is made (met, no progress, unavailable).
    pub fn projection(&self) -> Option<String> {
        match (self.projected_year, self.beyond_horizon) {
            (Some(year), _) => Some(format!("target reached in {year} at this pace")),
            (None, true) => Some(format!("target not reached by {PROJECTION_HORIZON} at this pace")),
            (None, false) => None,
        }
    }

    fn unavailable() -> Trend {
        Trend {
            status: TrendStatus::Unavailable,
            projected_year: None,
            beyond_horizon: false,
            progress_per_year: None,
            needed_per_year: None,
        }
    }
}

/// The trend of a series of (year, value), oldest first, against a target. The
/// recent annual progress is the least-squares slope over the last
/// [`TREND_YEARS`] years of data, measured in the "better" direction.
pub fn trend(series: &[(i32, f64)], target: Option<&Target>, item_direction: Direction) -> Trend {
    let Some(target) = target else {
        return Trend::unavailable();
    };
    let TargetValue::Number(t) = target.value else {
        return Trend::unavailable();
    };
    let direction = target.direction.unwrap_or(item_direction);
    let Some(&(last_year, last)) = series.last() else {
        return Trend::unavailable();
    };
    let recent: Vec<(i32, f64)> = series
        .iter()
        .copied()
        .filter(|(y, _)| *y > last_year - TREND_YEARS)
        .collect();
    if recent.len() < 2 {
        return Trend::unavailable();
    }
    // "Gap" is the distance still to go; progress shrinks it.
    let gap = |v: f64| match direction {
        Direction::Higher => Some(t - v),
        Direction::Lower => Some(v - t),
        Direction::Target => Some((v - t).abs()),
        Direction::None => None,
    };
    let Some(gaps): Option<Vec<(f64, f64)>> = recent.iter().map(|&(y, v)| gap(v).map(|g| (f64::from(y), g))).collect()
    else {
        return Trend::unavailable();
    };
    let progress = -slope(&gaps);
    let gap_now = gap(last).unwrap_or(0.0);
    let years_left = f64::from((TARGET_YEAR - last_year).max(1));
    if gap_now <= 0.0 {
        // Met: on track while it is kept (SDSN: "on track or maintaining SDG achievement").
        let status = if progress >= 0.0 || gap_now - progress * years_left <= 0.0 {
            TrendStatus::OnTrack
        } else {
            TrendStatus::Decreasing
        };
        return Trend {
            status,
            projected_year: None,
            beyond_horizon: false,
            progress_per_year: Some(progress),
            needed_per_year: Some(0.0),
        };
    }
    let needed = gap_now / years_left;
    let ratio = progress / needed;
    let status = if ratio >= 1.0 {
        TrendStatus::OnTrack
    } else if ratio > 0.5 {
        TrendStatus::ModeratelyImproving
    } else if ratio >= 0.0 {
        TrendStatus::Stagnating
    } else {
        TrendStatus::Decreasing
    };
    // Years to go, in f64 first: a crawl of 1e-9 a year must not overflow an i32.
    let reached = (progress > 1e-12).then(|| f64::from(last_year) + (gap_now / progress - 1e-9).ceil());
    let within = reached.filter(|y| *y <= f64::from(PROJECTION_HORIZON));
    Trend {
        status,
        projected_year: within.map(|y| y as i32),
        beyond_horizon: reached.is_some() && within.is_none(),
        progress_per_year: Some(progress),
        needed_per_year: Some(needed),
    }
}

/// The trend of one item of a city, from its numeric values up to `until` (all years
/// when `None`), against the target in force for the city.
pub fn item_trend(
    catalogue: &Catalogue,
    dataset: &Dataset,
    targets: &TargetSet,
    city: CityId,
    item: ItemId,
    until: Option<i32>,
) -> Trend {
    let series = numeric_series(dataset, city, item, until);
    let name = dataset.cities.get(city.index()).map_or("", |c| c.name.as_str());
    trend(
        &series,
        targets.get(item, name),
        catalogue.items[item.index()].direction,
    )
}

/// The city's numeric values of an item by year, up to `until` (all years when `None`).
pub fn numeric_series(dataset: &Dataset, city: CityId, item: ItemId, until: Option<i32>) -> Vec<(i32, f64)> {
    dataset
        .series(city, item)
        .into_iter()
        .filter_map(|o| match (o.year(), o.value()) {
            (Some(y), Value::Number(v)) if until.is_none_or(|u| y <= u) => Some((y, v)),
            _ => None,
        })
        .collect()
}

/// Least-squares slope of (x, y).
fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let num: f64 = points.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let den: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    if den == 0.0 { 0.0 } else { num / den }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(v: f64) -> Target {
        Target {
            value: TargetValue::Number(v),
            worst: None,
            direction: None,
            source: "test".into(),
            origin: None,
            kind: crate::model::TargetKind::Cited,
        }
    }

    #[test]
    fn steady_series_reaching_the_target_in_2027_is_on_track() {
        let series = [(2021, 40.0), (2022, 50.0), (2023, 60.0), (2024, 70.0)];
        let t = trend(&series, Some(&target(100.0)), Direction::Higher);
        assert_eq!(t.status, TrendStatus::OnTrack);
        assert_eq!(t.projected_year, Some(2027));
        assert_eq!(t.progress_per_year, Some(10.0));
        assert_eq!(t.needed_per_year, Some(5.0));
    }

    #[test]
    fn falling_higher_is_better_series_is_decreasing() {
        let series = [(2020, 80.0), (2021, 75.0), (2022, 70.0)];
        let t = trend(&series, Some(&target(100.0)), Direction::Higher);
        assert_eq!(t.status, TrendStatus::Decreasing);
        assert_eq!(t.projected_year, None);
    }

    #[test]
    fn one_year_only_is_unavailable() {
        let t = trend(&[(2020, 50.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(t.status, TrendStatus::Unavailable);
        assert_eq!(
            trend(&[(2020, 1.0), (2021, 2.0)], None, Direction::Higher).status,
            TrendStatus::Unavailable
        );
        assert_eq!(
            trend(&[(2020, 1.0), (2021, 2.0)], Some(&target(5.0)), Direction::None).status,
            TrendStatus::Unavailable
        );
    }

    #[test]
    fn ratios_split_moderate_and_stagnating() {
        // Needed: (100 - 60) / (2030 - 2024) = 6.67 a year.
        let moderate = trend(&[(2023, 55.0), (2024, 60.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(
            moderate.status,
            TrendStatus::ModeratelyImproving,
            "5 a year is 75 % of the pace needed"
        );
        let slow = trend(&[(2023, 58.0), (2024, 60.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(slow.status, TrendStatus::Stagnating, "2 a year is 30 %");
        assert_eq!(slow.projected_year, Some(2044));
        assert!(!slow.beyond_horizon);
    }

    /// A pace that reaches the target only in 2510 gives no year: "not by 2050".
    #[test]
    fn projections_stop_at_the_horizon() {
        // 0.1 a year with 48 to go from 2024: 2504.
        let crawl = trend(&[(2023, 51.9), (2024, 52.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(crawl.status, TrendStatus::Stagnating);
        assert_eq!(crawl.projected_year, None);
        assert!(crawl.beyond_horizon);
        assert_eq!(
            crawl.projection().as_deref(),
            Some("target not reached by 2050 at this pace")
        );
        // 2 a year with 52 to go from 2024: 2050 exactly, the last year projected.
        let edge = trend(&[(2023, 46.0), (2024, 48.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(edge.projected_year, Some(PROJECTION_HORIZON));
        assert!(!edge.beyond_horizon);
        // A pace too small to count years with an i32 is still only "not by 2050".
        let tiny = trend(&[(2023, 0.0), (2024, 1e-11)], Some(&target(1e9)), Direction::Higher);
        assert_eq!(tiny.projected_year, None);
        let falling = trend(&[(2023, 60.0), (2024, 50.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(falling.projection(), None, "no projection for a trend moving away");
    }

    #[test]
    fn lower_is_better_and_met_targets() {
        // PM2.5 falling from 12 to 9 against the WHO 5 µg/m³: 1 a year, 0.67 needed.
        let air = trend(
            &[(2022, 11.0), (2023, 10.0), (2024, 9.0)],
            Some(&target(5.0)),
            Direction::Lower,
        );
        assert_eq!(air.status, TrendStatus::OnTrack);
        assert_eq!(air.projected_year, Some(2028));
        let kept = trend(&[(2022, 100.0), (2023, 100.0)], Some(&target(100.0)), Direction::Higher);
        assert_eq!(kept.status, TrendStatus::OnTrack);
        let slipping = trend(
            &[(2022, 4.0), (2023, 4.5), (2024, 5.0)],
            Some(&target(5.0)),
            Direction::Lower,
        );
        assert_eq!(
            slipping.status,
            TrendStatus::Decreasing,
            "at the limit and getting worse"
        );
    }

    #[test]
    fn only_recent_years_count() {
        // An old drop does not hide the recent rise.
        let series = [
            (2015, 90.0),
            (2016, 20.0),
            (2020, 40.0),
            (2021, 50.0),
            (2022, 60.0),
            (2023, 70.0),
            (2024, 80.0),
        ];
        let t = trend(&series, Some(&target(100.0)), Direction::Higher);
        assert_eq!(t.progress_per_year, Some(10.0));
    }
}
