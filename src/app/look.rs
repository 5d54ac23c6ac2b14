//! egui's visuals from the chart theme, so panels and charts share one palette.

use crate::chart::Theme;
use crate::render::to_color32;

/// Applies light or dark visuals matching `theme` when they changed since `applied`.
pub(crate) fn apply(ctx: &egui::Context, theme: &Theme, applied: &mut Option<bool>) {
    if *applied == Some(theme.dark) {
        return;
    }
    *applied = Some(theme.dark);
    let mut visuals = if theme.dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    visuals.selection.bg_fill = to_color32(theme.bands[2]).gamma_multiply(if theme.dark { 0.8 } else { 0.35 });
    visuals.selection.stroke.color = to_color32(theme.text);
    visuals.hyperlink_color = to_color32(if theme.dark { theme.bands[0] } else { theme.bands[3] });
    let which = if theme.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    ctx.set_visuals_of(which, visuals);
    ctx.set_theme(which);
}

/// The colour of the FICTIONAL badge (not a band colour).
pub(crate) const FICTIONAL_COLOR: egui::Color32 = egui::Color32::from_rgb(0x8A, 0x3F, 0xA0);

/// The badge shown next to fictional cities.
pub(crate) fn fictional_badge(ui: &mut egui::Ui) {
    let text = egui::RichText::new("FICTIONAL")
        .small()
        .strong()
        .color(egui::Color32::WHITE);
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(0x8A, 0x3F, 0xA0))
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(text)
                .on_hover_text("Invented demonstration data, not a real city");
        });
}

/// "WHAT-IF" in black on yellow (the charts' what-if badge): hypothetical values on screen.
pub(crate) fn whatif_badge(ui: &mut egui::Ui, count: usize) {
    let text = egui::RichText::new("WHAT-IF")
        .small()
        .strong()
        .color(egui::Color32::BLACK);
    let plural = if count == 1 { "" } else { "s" };
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(0xFF, 0xD4, 0x00))
        .stroke(egui::Stroke::new(1.0, egui::Color32::BLACK))
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(text).on_hover_text(format!(
                "{count} hypothetical value{plural}, not data (the What-if panel)"
            ));
        });
}

/// Adds the embedded emoji and symbol fonts as fallbacks after egui's own, for
/// the file browser's folder and file icons and symbols in data. Text that no
/// embedded font can draw still shows (as boxes, or from a system font where the
/// desktop has one); it never stops the app.
pub(crate) fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    for (name, bytes) in [
        ("NotoEmoji-Regular", epaint_default_fonts::NOTO_EMOJI_REGULAR),
        ("emoji-icon-font", epaint_default_fonts::EMOJI_ICON),
    ] {
        let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .to_vec();
        ctx.add_font(FontInsert::new(name, egui::FontData::from_static(bytes), families));
    }
}
