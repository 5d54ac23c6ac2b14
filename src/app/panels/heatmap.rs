//! The comparison heatmap: rows are the KPIs and data points grouped by
//! dimension, sub-dimension and category (with their aggregate rows), columns
//! are the cities and the group median; each cell is coloured by band and shows
//! one kind of number per row, the same as the median's: % of target for an item
//! (the value as reported follows, small and labelled in its tooltip), the score
//! for an aggregate; then the city's rank in the row. A value the import's checks
//! warned about (a percentage of 104) carries a "!" beside its rank. An aggregate's rank says how many
//! items it is built on; a score on under a third of its items (the rule of
//! every chart, docs/scoring.md) is drawn outlined, not filled, and its rank greyed out.

use egui_extras::{Column, TableBuilder};

use super::heatmap_cells::{cell_ui, marks_ui, swatch_ui};

use crate::chart::Theme;
use crate::model::{Catalogue, CategoryId, DimensionId, ItemId, SubDimensionId, Value, format_number};
use crate::score::{AggregateScore, Band, Profile, group_median, median};

/// One row of the heatmap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Row {
    Dimension(DimensionId),
    SubDimension(SubDimensionId),
    Category(CategoryId),
    Item(ItemId),
}

/// A city's rank in a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rank {
    /// 1 = best; ties share a rank.
    pub rank: usize,
    /// For aggregates: items scored, items reported, items in the row.
    pub coverage: Option<(u32, u32, u32)>,
    /// Built on under a third of the row's items: shown greyed out.
    pub weak: bool,
}

/// Everything the heatmap shows, computed once per set of profiles.
pub(crate) struct HeatmapModel {
    pub rows: Vec<Row>,
    /// Per row: % of target (items) or score (aggregates) of each city.
    pub values: Vec<Vec<Option<f64>>>,
    /// Per row: each city's rank.
    pub ranks: Vec<Vec<Option<Rank>>>,
    /// Per row: the median of the compared cities.
    pub medians: Vec<Option<f64>>,
    /// Per row: some compared city reports it (aggregate rows: always).
    pub reported: Vec<bool>,
}

fn framework_rows(c: &Catalogue) -> Vec<Row> {
    let mut out = Vec::new();
    for (d, dim) in c.dimensions.iter().enumerate() {
        out.push(Row::Dimension(DimensionId(d)));
        for &s in &dim.subdimensions {
            out.push(Row::SubDimension(s));
            for &k in &c.subdimensions[s.0].categories {
                out.push(Row::Category(k));
                for &kpi in &c.categories[k.0].kpis {
                    out.extend(c.kpis[kpi.0].items.iter().map(|&i| Row::Item(i)));
                }
            }
        }
    }
    out
}

pub(super) fn aggregate(profile: &Profile, row: Row) -> Option<&AggregateScore> {
    match row {
        Row::Dimension(d) => profile.dimensions.get(d.0),
        Row::SubDimension(s) => profile.subdimensions.get(s.0),
        Row::Category(k) => profile.categories.get(k.0),
        Row::Item(_) => None,
    }
}

/// % of target (items) or score (aggregates) of a row for a profile.
fn pct(profile: &Profile, row: Row) -> Option<f64> {
    match row {
        Row::Item(i) => profile.items[i.index()].pct(),
        _ => aggregate(profile, row).and_then(|a| a.score_pct),
    }
}

/// Rank (1 = best) of each value in a row; ties share a rank.
fn ranks(values: &[Option<f64>]) -> Vec<Option<usize>> {
    values
        .iter()
        .map(|v| v.map(|mine| 1 + values.iter().flatten().filter(|&&o| o > mine).count()))
        .collect()
}

impl HeatmapModel {
    pub(crate) fn new(catalogue: &Catalogue, profiles: &[Profile]) -> HeatmapModel {
        let rows = framework_rows(catalogue);
        let item_median = group_median(profiles);
        let values: Vec<Vec<Option<f64>>> = rows
            .iter()
            .map(|row| profiles.iter().map(|p| pct(p, *row)).collect())
            .collect();
        let ranks = rows
            .iter()
            .zip(&values)
            .map(|(row, vals)| {
                let plain = ranks(vals);
                profiles
                    .iter()
                    .zip(plain)
                    .map(|(p, rank)| rank.map(|rank| rank_of(p, *row, rank)))
                    .collect()
            })
            .collect();
        let medians = rows
            .iter()
            .zip(&values)
            .map(|(row, vals)| match row {
                Row::Item(i) => item_median.get(i.index()).copied().flatten(),
                _ => median(vals.iter().flatten().copied().collect()),
            })
            .collect();
        let reported = rows
            .iter()
            .map(|row| match row {
                Row::Item(i) => profiles
                    .iter()
                    .any(|p| p.items[i.index()].value() != Value::NotReported),
                _ => true,
            })
            .collect();
        HeatmapModel {
            rows,
            values,
            ranks,
            medians,
            reported,
        }
    }

    /// Fewer than half the item rows are reported by any compared city: the
    /// heatmap then starts with "reported only" on.
    pub(crate) fn mostly_unreported(&self) -> bool {
        let items = self.rows.iter().filter(|r| matches!(r, Row::Item(_))).count();
        let reported = (0..self.rows.len())
            .filter(|&r| matches!(self.rows[r], Row::Item(_)) && self.reported[r])
            .count();
        2 * reported < items
    }

    /// Row order: the framework's, or one city's items only, worst first;
    /// `reported_only` leaves out the items no compared city reports.
    pub(crate) fn order(&self, sort_by: Option<usize>, reported_only: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len())
            .filter(|&r| !reported_only || self.reported[r])
            .collect();
        if let Some(k) = sort_by {
            order.retain(|&r| matches!(self.rows[r], Row::Item(_)));
            order.sort_by(|&a, &b| {
                match (
                    self.values[a].get(k).copied().flatten(),
                    self.values[b].get(k).copied().flatten(),
                ) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            });
        }
        order
    }
}

fn rank_of(profile: &Profile, row: Row, rank: usize) -> Rank {
    match aggregate(profile, row) {
        Some(agg) => Rank {
            rank,
            coverage: Some((agg.scored, agg.reported, agg.total)),
            weak: agg.is_thin(),
        },
        None => Rank {
            rank,
            coverage: None,
            weak: false,
        },
    }
}

/// What the heatmap table needs besides the model.
pub(crate) struct HeatmapInput<'a> {
    pub catalogue: &'a Catalogue,
    pub names: &'a [String],
    pub profiles: &'a [Profile],
    pub theme: &'a Theme,
    pub sort_by: Option<usize>,
    /// Data-quality and verification marks in the item cells.
    pub marks: bool,
}

/// Draws the table; returns the column whose title was clicked (sort by that city).
pub(crate) fn heatmap_ui(
    ui: &mut egui::Ui,
    model: &HeatmapModel,
    order: &[usize],
    input: &HeatmapInput<'_>,
) -> Option<usize> {
    let mut sort_clicked = None;
    let mut builder = TableBuilder::new(ui)
        .striped(false)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(250.0).clip(true));
    for _ in 0..=input.names.len() {
        builder = builder.column(Column::initial(124.0).clip(true));
    }
    builder
        .header(34.0, |mut header| {
            header.col(|ui| {
                ui.strong("KPI / data point");
            });
            for (k, name) in input.names.iter().enumerate() {
                header.col(|ui| {
                    let mark = if input.sort_by == Some(k) { " (sorted)" } else { "" };
                    let title = egui::RichText::new(format!("{name}{mark}")).strong();
                    if ui
                        .add(egui::Button::new(title).wrap())
                        .on_hover_text("Sort the KPIs by this city, worst first (click again for the framework order)")
                        .clicked()
                    {
                        sort_clicked = Some(k);
                    }
                });
            }
            header.col(|ui| {
                ui.strong("Group median").on_hover_text(
                    "The median % of target (items) or score (aggregates) of the compared cities: the same kind of number as the cities' cells",
                );
            });
        })
        .body(|body| {
            body.rows(22.0, order.len(), |mut table_row| {
                let r = order[table_row.index()];
                row_ui(&mut table_row, model, r, input);
            });
        });
    sort_clicked
}

fn row_ui(table_row: &mut egui_extras::TableRow<'_, '_>, model: &HeatmapModel, r: usize, input: &HeatmapInput<'_>) {
    let c = input.catalogue;
    let row = model.rows[r];
    let (label, strong) = match row {
        Row::Dimension(d) => (c.dimensions[d.0].name.clone(), true),
        Row::SubDimension(s) => (format!("  {}", c.subdimensions[s.0].name), true),
        Row::Category(k) => (format!("    {}", c.categories[k.0].name), false),
        Row::Item(i) => (format!("      {}", c.item_label(i)), false),
    };
    table_row.col(|ui| {
        let text = egui::RichText::new(label);
        ui.label(if strong { text.strong() } else { text });
    });
    let of = input.profiles.len();
    for (k, profile) in input.profiles.iter().enumerate() {
        let rank = model.ranks[r][k];
        table_row.col(|ui| {
            cell_ui(ui, input, profile, row, rank, of);
            if let (Row::Item(i), true) = (row, input.marks) {
                marks_ui(ui, &profile.items[i.index()]);
            }
        });
    }
    table_row.col(|ui| match model.medians[r] {
        Some(m) => {
            swatch_ui(
                ui,
                input.theme,
                Some(Band::from_pct(m)),
                format!("{} %", format_number(m.round())),
            );
        }
        None => {
            ui.weak("–");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::default_catalogue;
    use crate::model::{CityId, Dataset, TargetSet};
    use crate::score::score_city;

    /// With nothing reported, "reported only" starts on and leaves only the
    /// framework's aggregate rows; off, every row is there.
    #[test]
    fn reported_only_hides_items_nobody_reports() {
        let catalogue = default_catalogue().expect("catalogue");
        let empty = score_city(&catalogue, &Dataset::default(), &TargetSet::default(), CityId(0), None);
        let model = HeatmapModel::new(&catalogue, &[empty.clone(), empty]);
        assert!(model.mostly_unreported());
        let shown = model.order(None, true);
        assert!(shown.iter().all(|&r| !matches!(model.rows[r], Row::Item(_))));
        assert_eq!(model.order(None, false).len(), model.rows.len());
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(
            ranks(&[Some(50.0), None, Some(80.0), Some(50.0)]),
            vec![Some(2), None, Some(1), Some(2)]
        );
    }

    /// A city ranked on one scored item of a dimension's many is ranked, but its
    /// rank carries that coverage and is marked weak; a well covered one is not.
    #[test]
    fn thin_ranks_are_marked_weak() {
        let catalogue = default_catalogue().expect("catalogue");
        let profile = |scored: u32| {
            let mut p = score_city(&catalogue, &Dataset::default(), &TargetSet::default(), CityId(0), None);
            let dim = &mut p.dimensions[0];
            (dim.scored, dim.reported, dim.score_pct) = (scored, scored, Some(if scored == 1 { 100.0 } else { 60.0 }));
            p
        };
        let profiles = [profile(1), profile(40)];
        let model = HeatmapModel::new(&catalogue, &profiles);
        let row = model
            .rows
            .iter()
            .position(|r| *r == Row::Dimension(DimensionId(0)))
            .expect("row");
        let [thin, broad] = [model.ranks[row][0], model.ranks[row][1]].map(|r| r.expect("ranked"));
        assert_eq!((thin.rank, thin.weak), (1, true));
        assert_eq!((broad.rank, broad.weak), (2, false));
        assert_eq!(thin.coverage, Some((1, 1, profiles[0].dimensions[0].total)));
    }
}
