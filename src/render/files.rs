//! Scenes into file bytes: SVG text, PNG through resvg (the same SVG, rasterised
//! with anti-aliasing), and PDF through krilla (vector, text selectable, font
//! embedded and subset). Every writer reads the same scene the screen paints.

use std::sync::{Arc, OnceLock};

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::tiny_skia;
use resvg::usvg;

use super::svg::{SvgOptions, scene_to_svg};
use crate::chart::scene::Scene;
use crate::chart::text::{FONT_BYTES, FONT_FAMILY};

/// Why a file could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the chart could not be laid out as SVG: {0}")]
    Svg(String),
    #[error("the image size {width} × {height} px is too large or empty")]
    Size { width: u32, height: u32 },
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The embedded font, and nothing else: exports never depend on system fonts.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The scene as a usvg tree (fonts resolved to the embedded one).
fn tree(scene: &Scene, transparent: bool) -> Result<usvg::Tree, RenderError> {
    let svg = scene_to_svg(
        scene,
        SvgOptions {
            transparent,
            embed_font: false,
        },
    );
    let options = usvg::Options {
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(&svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// Largest PNG side we render (16k), to keep memory bounded.
pub(crate) const MAX_PNG_SIDE: u32 = 16_384;

/// Renders the scene at `scale` (1 = one pixel per scene unit): premultiplied RGBA.
pub fn render_pixmap(scene: &Scene, scale: f32, transparent: bool) -> Result<tiny_skia::Pixmap, RenderError> {
    let (width, height) = (
        (scene.width * scale).round() as u32,
        (scene.height * scale).round() as u32,
    );
    if width == 0 || height == 0 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE {
        return Err(RenderError::Size { width, height });
    }
    let tree = tree(scene, transparent)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RenderError::Size { width, height })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// PNG bytes of the scene at `scale`. Deflate level 2 with adaptive filters: for a
/// 1080² wheel, 15.6 ms and 361 KB against 27.9 ms and 335 KB at the default level 6
/// (fdeflate: 6.3 ms but 681 KB), measured once on this project's machine.
pub fn render_png(scene: &Scene, scale: f32, transparent: bool) -> Result<Vec<u8>, RenderError> {
    let (width, height, rgba) = render_rgba(scene, scale, transparent)?;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::Level(2));
    encoder.set_filter(png::Filter::Adaptive);
    let png_error = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(&rgba).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(bytes)
}

/// Straight (not premultiplied) RGBA pixels, for the clipboard: (width, height, bytes).
pub fn render_rgba(scene: &Scene, scale: f32, transparent: bool) -> Result<(usize, usize, Vec<u8>), RenderError> {
    let pixmap = render_pixmap(scene, scale, transparent)?;
    let (width, height) = (pixmap.width() as usize, pixmap.height() as usize);
    Ok((width, height, pixmap.take_demultiplied()))
}

/// A PDF with one page per scene; page size = scene size in points.
pub fn render_pdf(pages: &[Scene], title: &str) -> Result<Vec<u8>, RenderError> {
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .creator("cityprofile".to_string()),
    );
    for scene in pages {
        let tree = tree(scene, false)?;
        let settings = PageSettings::from_wh(scene.width, scene.height)
            .ok_or_else(|| RenderError::Pdf(format!("invalid page size {} × {}", scene.width, scene.height)))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let size =
            Size::from_wh(scene.width, scene.height).ok_or_else(|| RenderError::Pdf("invalid page size".into()))?;
        surface
            .draw_svg(&tree, size, SvgSettings::default())
            .ok_or_else(|| RenderError::Pdf("a chart could not be drawn into the PDF".into()))?;
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}
