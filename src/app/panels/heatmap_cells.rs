//! The heatmap's cells: an item's % of target (the kind of number the median
//! column shows) with its rank, a "!" on a value the import's checks warned of,
//! and the value as reported; an aggregate's score with the items it rests on.

use super::heatmap::{HeatmapInput, Rank, Row, aggregate};
use crate::chart::Theme;
use crate::model::format_number;
use crate::render::to_color32;
use crate::score::{Band, ItemStatus, Profile};

/// A coloured cell: the band's fill, % of target (items) or the score
/// (aggregates) as the median column shows, and the rank.
pub(super) fn cell_ui(
    ui: &mut egui::Ui,
    input: &HeatmapInput<'_>,
    profile: &Profile,
    row: Row,
    rank: Option<Rank>,
    of: usize,
) {
    let Row::Item(i) = row else {
        return aggregate_cell_ui(ui, input.theme, profile, row, rank, of);
    };
    let score = &profile.items[i.index()];
    let value = score.value();
    let unit = &input.catalogue.items[i.index()].unit;
    let doubt = input.catalogue.implausible(i, value);
    match (&score.status, score.pct()) {
        (ItemStatus::NotReported, _) => {
            ui.weak("not reported");
        }
        (ItemStatus::Scored { band, .. }, Some(pct)) => {
            let cell = swatch_ui(
                ui,
                input.theme,
                Some(*band),
                format!("{} %", format_number(pct.round())),
            );
            let rank = rank.map(|r| r.rank);
            let mut tip = format!(
                "{} % of target; the value reported is {} ({unit})",
                format_number(pct),
                value.display()
            );
            if let Some(rank) = rank {
                tip.push_str(&format!("; rank {rank} of {of}"));
            }
            let mut text = rank.map(|r| format!("#{r}")).unwrap_or_default();
            if let Some(doubt) = doubt {
                text.push_str(" !");
                tip.push_str(&format!(
                    "\n! Check this value: {}. The import warned of it and kept it; its rank may not be real.",
                    doubt.words()
                ));
            }
            let rank_label = if doubt.is_some() {
                ui.label(egui::RichText::new(text).small().color(ui.visuals().warn_fg_color))
            } else {
                ui.label(egui::RichText::new(text).small())
            };
            let raw = ui.weak(egui::RichText::new(value.display()).small());
            cell.union(rank_label).union(raw).on_hover_text(tip);
        }
        (ItemStatus::Scored { band, .. }, None) => {
            // Scored by the band U4SSC's verification printed: no % of target to show.
            let rank = rank.map(|r| format!("  #{}", r.rank)).unwrap_or_default();
            swatch_ui(ui, input.theme, Some(*band), format!("{}{rank}", band.label())).on_hover_text(format!(
                "Band {} as printed by U4SSC verification (no target to compute a % of); the value reported is {} ({unit})",
                band.label(),
                value.display()
            ));
        }
        (ItemStatus::NoBenchmark(_), _) => {
            swatch_ui(ui, input.theme, None, format!("{} (no benchmark)", value.display()))
                .on_hover_text(format!("The value reported, in {unit}: no target to compare it with"));
        }
    }
}

/// An aggregate's score, its rank with the items it rests on (outlined and
/// greyed out when under a third of the row's items are scored), and a tooltip saying so.
fn aggregate_cell_ui(ui: &mut egui::Ui, theme: &Theme, profile: &Profile, row: Row, rank: Option<Rank>, of: usize) {
    let Some(agg) = aggregate(profile, row) else {
        ui.weak("–");
        return;
    };
    let Some(score) = agg.score_pct else {
        ui.weak("–");
        return;
    };
    let text = format!("{} %", format_number(score.round()));
    let response = match agg.band {
        Some(band) if agg.is_thin() => thin_swatch_ui(ui, theme, band, text),
        band => swatch_ui(ui, theme, band, text),
    };
    let Some(rank) = rank else { return };
    let (scored, reported, total) = rank.coverage.unwrap_or((0, 0, 0));
    let text = egui::RichText::new(format!("#{} ({scored}/{reported})", rank.rank)).small();
    let label = ui.label(if rank.weak { text.weak() } else { text });
    let why = if rank.weak {
        "; outlined and greyed out: under a third of the row's items are scored, too few for a headline"
    } else {
        ""
    };
    let tip = format!(
        "{} of {} points; rank {} of {of}, on {scored} scored of {reported} reported items ({total} in this row){why}",
        agg.points, agg.max_points, rank.rank
    );
    response.union(label).on_hover_text(tip);
}

/// The item's data-quality and verification marks (dot: estimate; ring: not
/// verified), painted like the charts', with the words in a tooltip.
pub(super) fn marks_ui(ui: &mut egui::Ui, score: &crate::score::ItemScore) {
    let Some(mark) = crate::chart::marks::QualityMark::of(score) else {
        return;
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(16.0, 10.0), egui::Sense::hover());
    let ink = ui.visuals().text_color();
    let r = crate::chart::marks::MARK_RADIUS + 0.6;
    let mut x = rect.left() + r + 1.0;
    if mark.estimate {
        ui.painter().circle_filled(egui::pos2(x, rect.center().y), r, ink);
        x += r * 2.8;
    }
    if mark.unverified {
        ui.painter()
            .circle_stroke(egui::pos2(x, rect.center().y), r, egui::Stroke::new(1.2, ink));
    }
    response.on_hover_text(mark.words());
}

pub(super) fn swatch_ui(ui: &mut egui::Ui, theme: &Theme, band: Option<Band>, text: String) -> egui::Response {
    let fill = band.map_or(egui::Color32::TRANSPARENT, |b| to_color32(theme.band(b)));
    let color = band.map_or(ui.visuals().text_color(), |b| to_color32(theme.text_on(theme.band(b))));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(2.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| ui.label(egui::RichText::new(text).color(color)))
        .inner
}

/// A score on too few items: its band's colour as an outline, the number in grey.
fn thin_swatch_ui(ui: &mut egui::Ui, theme: &Theme, band: Band, text: String) -> egui::Response {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, to_color32(theme.band(band))))
        .corner_radius(2.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| ui.label(egui::RichText::new(text).weak()))
        .inner
}
