//! Scenes painted on screen with egui (`screen`) and written as SVG, PNG and PDF
//! (`svg`, `files`): one scene, several writers.

pub mod files;
#[cfg(feature = "gui")]
pub mod screen;
pub mod svg;

pub use files::{RenderError, render_pdf, render_png, render_rgba};
#[cfg(feature = "gui")]
pub use screen::{paint_scene, scene_to_shapes, to_color32};
pub use svg::{SvgOptions, escape_xml, scene_to_svg};
