//! Scenes painted: on screen with egui (`screen`); file writers join with the export work.

pub mod screen;

pub use screen::{paint_scene, scene_to_shapes, to_color32};
