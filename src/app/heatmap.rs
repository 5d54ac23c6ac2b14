//! The comparison heatmap: rows are the KPIs and data points grouped by
//! dimension, sub-dimension and category (with their aggregate rows), columns
//! are the cities and the group median; each cell is coloured by band, shows
//! the value and the city's rank in the row.

use egui_extras::{Column, TableBuilder};

use super::CityProfileApp;
use crate::model::{CategoryId, CityId, DimensionId, ItemId, SubDimensionId, Value, format_number};
use crate::render::to_color32;
use crate::score::{AggregateScore, Band, ItemStatus, Profile, group_median};

/// One row of the heatmap.
#[derive(Debug, Clone, Copy)]
enum Row {
    Dimension(DimensionId),
    SubDimension(SubDimensionId),
    Category(CategoryId),
    Item(ItemId),
}

fn rows(app: &CityProfileApp) -> Vec<Row> {
    let Some(ws) = &app.workspace else { return Vec::new() };
    let c = &ws.catalogue;
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

/// % of target (items) or score (aggregates) of a row for a profile.
fn pct(profile: &Profile, row: Row) -> Option<f64> {
    match row {
        Row::Item(i) => profile.items[i.0].pct(),
        _ => aggregate(profile, row).and_then(|a| a.score_pct),
    }
}

fn aggregate(profile: &Profile, row: Row) -> Option<&AggregateScore> {
    match row {
        Row::Dimension(d) => profile.dimensions.get(d.0),
        Row::SubDimension(s) => profile.subdimensions.get(s.0),
        Row::Category(k) => profile.categories.get(k.0),
        Row::Item(_) => None,
    }
}

/// Rank (1 = best) of each profile's % in a row; ties share a rank.
fn ranks(values: &[Option<f64>]) -> Vec<Option<usize>> {
    values
        .iter()
        .map(|v| v.map(|mine| 1 + values.iter().flatten().filter(|&&o| o > mine).count()))
        .collect()
}

pub fn heatmap_ui(app: &mut CityProfileApp, ui: &mut egui::Ui, cities: &[CityId], profiles: &[Profile]) {
    let Some(ws) = app.workspace.clone() else { return };
    let c = &ws.catalogue;
    let theme = app.theme();
    let median = group_median(profiles);
    let mut rows = rows(app);
    if let Some(k) = app.compare.sort_by.filter(|k| *k < profiles.len()) {
        // Sorted by one city: items only, worst first.
        rows.retain(|r| matches!(r, Row::Item(_)));
        rows.sort_by(|a, b| match (pct(&profiles[k], *a), pct(&profiles[k], *b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    let mut sort_clicked = None;
    let mut builder = TableBuilder::new(ui)
        .striped(false)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(250.0).clip(true));
    for _ in 0..=cities.len() {
        builder = builder.column(Column::initial(118.0).clip(true));
    }
    builder
        .header(34.0, |mut header| {
            header.col(|ui| {
                ui.strong("KPI / data point");
            });
            for (k, city) in cities.iter().enumerate() {
                header.col(|ui| {
                    let mark = if app.compare.sort_by == Some(k) {
                        " (sorted)"
                    } else {
                        ""
                    };
                    let name = &ws.dataset.cities[city.0].name;
                    if ui
                        .add(egui::Button::new(egui::RichText::new(format!("{name}{mark}")).strong()).wrap())
                        .on_hover_text("Sort the KPIs by this city, worst first (click again for the framework order)")
                        .clicked()
                    {
                        sort_clicked = Some(k);
                    }
                });
            }
            header.col(|ui| {
                ui.strong("Group median")
                    .on_hover_text("The median % of target of the compared cities");
            });
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut table_row| {
                let row = rows[table_row.index()];
                let (label, strong) = match row {
                    Row::Dimension(d) => (c.dimensions[d.0].name.clone(), true),
                    Row::SubDimension(s) => (format!("  {}", c.subdimensions[s.0].name), true),
                    Row::Category(k) => (format!("    {}", c.categories[k.0].name), false),
                    Row::Item(i) => (format!("      {}", c.item_label(i)), false),
                };
                table_row.col(|ui| {
                    let text = if strong {
                        egui::RichText::new(label).strong()
                    } else {
                        egui::RichText::new(label)
                    };
                    ui.label(text);
                });
                let values: Vec<Option<f64>> = profiles.iter().map(|p| pct(p, row)).collect();
                let row_ranks = ranks(&values);
                for (k, profile) in profiles.iter().enumerate() {
                    table_row.col(|ui| cell(ui, &theme, profile, row, row_ranks[k], profiles.len()));
                }
                table_row.col(|ui| {
                    let m = match row {
                        Row::Item(i) => median.get(i.0).copied().flatten(),
                        _ => crate::score::median(values.iter().flatten().copied().collect()),
                    };
                    match m {
                        Some(m) => {
                            swatch_label(
                                ui,
                                &theme,
                                Some(Band::from_pct(m)),
                                format!("{} %", format_number(m.round())),
                            );
                        }
                        None => {
                            ui.weak("–");
                        }
                    }
                });
            });
        });
    if let Some(k) = sort_clicked {
        app.compare.sort_by = if app.compare.sort_by == Some(k) { None } else { Some(k) };
    }
}

/// A coloured cell: the band's fill, the value (items) or score (aggregates), and the rank.
fn cell(ui: &mut egui::Ui, theme: &crate::chart::Theme, profile: &Profile, row: Row, rank: Option<usize>, of: usize) {
    let rank = rank.map(|r| format!("  #{r}")).unwrap_or_default();
    match row {
        Row::Item(i) => {
            let score = &profile.items[i.0];
            match (&score.status, score.value()) {
                (_, Value::NotReported) => {
                    ui.weak("not reported");
                }
                (ItemStatus::Scored { band, .. }, v) => {
                    swatch_label(ui, theme, Some(*band), format!("{}{rank}", v.display()));
                }
                (_, v) => {
                    swatch_label(ui, theme, None, format!("{} (no benchmark)", v.display()));
                }
            }
        }
        _ => match aggregate(profile, row) {
            Some(
                agg @ AggregateScore {
                    score_pct: Some(score), ..
                },
            ) => {
                let text = format!("{} %{rank}", format_number(score.round()));
                swatch_label(ui, theme, agg.band, text).on_hover_text(format!(
                    "{} of {} points; rank {} of {of}",
                    agg.points,
                    agg.max_points,
                    rank.trim()
                ));
            }
            _ => {
                ui.weak("–");
            }
        },
    }
}

fn swatch_label(ui: &mut egui::Ui, theme: &crate::chart::Theme, band: Option<Band>, text: String) -> egui::Response {
    let fill = band.map_or(egui::Color32::TRANSPARENT, |b| to_color32(theme.band(b)));
    let color = band.map_or(ui.visuals().text_color(), |b| to_color32(theme.text_on(theme.band(b))));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(2.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| ui.label(egui::RichText::new(text).color(color)))
        .inner
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranks_share_ties() {
        assert_eq!(
            super::ranks(&[Some(50.0), None, Some(80.0), Some(50.0)]),
            vec![Some(2), None, Some(1), Some(2)]
        );
    }
}
