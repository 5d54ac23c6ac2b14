//! Renderer-free chart scenes: layout, text measurement and colours live here,
//! so the screen and every export draw exactly the same geometry.

pub mod compare;
pub mod describe;
pub mod figure;
pub mod gaps;
pub mod hit;
pub mod legend;
pub mod marks;
pub mod plot;
pub mod radars;
pub mod ranking;
pub mod report;
pub mod scene;
pub mod sector;
pub mod snapshot;
mod spokes;
pub mod table;
mod table_layout;
pub mod text;
pub mod theme;
pub mod trend_chart;
pub mod verification;
pub mod wheel;

pub use scene::{Align, Color, Hit, HitArea, Point, Rect, Scene, Shape};
pub use scene::{HitRegion, Stroke};
pub use theme::Theme;
pub use wheel::{Focus, WheelOptions, wheel_scene};
