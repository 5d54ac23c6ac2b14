//! Scenes painted on screen with egui (`screen`) and written as SVG, PNG and PDF
//! (`svg`, `files`): one scene, several writers.

pub mod files;
#[cfg(feature = "gui")]
pub mod screen;
pub mod svg;

pub use files::{RenderError, render_pdf, render_png, render_rgba};
#[cfg(feature = "gui")]
pub use screen::scene_to_shapes;
#[cfg(feature = "gui")]
pub(crate) use screen::{paint_scene, to_color32};
pub use svg::escape_xml;
pub(crate) use svg::{SvgOptions, scene_to_svg};
