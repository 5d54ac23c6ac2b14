//! A plotters drawing backend that records into a [`Scene`]: plotters lays out
//! axes, ticks and series (it is the design card's drawing library), and the
//! result is an ordinary scene that the screen and every file format draw alike.

use std::convert::Infallible;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};

use super::scene::{Align, Color, Label, Point, Rect, Scene, Shape, Stroke};
use super::text::text_width;

/// Records plotters' drawing into a scene, offset by `origin`.
pub(crate) struct SceneBackend<'a> {
    scene: &'a mut Scene,
    origin: Point,
    size: (u32, u32),
}

impl<'a> SceneBackend<'a> {
    pub(crate) fn new(scene: &'a mut Scene, origin: Point, width: f32, height: f32) -> SceneBackend<'a> {
        SceneBackend {
            scene,
            origin,
            size: (width.max(1.0) as u32, height.max(1.0) as u32),
        }
    }

    fn at(&self, (x, y): BackendCoord) -> Point {
        Point::new(self.origin.x + x as f32, self.origin.y + y as f32)
    }
}

fn color(c: BackendColor) -> Color {
    let (r, g, b) = c.rgb;
    Color([r, g, b, (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8])
}

fn stroke<S: BackendStyle>(style: &S) -> Stroke {
    Stroke::solid(style.stroke_width().max(1) as f32, color(style.color()))
}

type Result = std::result::Result<(), DrawingErrorKind<Infallible>>;

impl DrawingBackend for SceneBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, c: BackendColor) -> Result {
        let p = self.at(point);
        self.scene.rect(Rect::from_xywh(p.x, p.y, 1.0, 1.0), color(c), None);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        let points = vec![self.at(from), self.at(to)];
        self.scene.line(points, stroke(style));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let rect = Rect {
            min: self.at(upper_left),
            max: self.at(bottom_right),
        };
        let shape = if fill {
            Shape::Rect {
                rect,
                fill: color(style.color()),
                stroke: None,
            }
        } else {
            Shape::Rect {
                rect,
                fill: Color::TRANSPARENT,
                stroke: Some(stroke(style)),
            }
        };
        self.scene.shapes.push(shape);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        let points: Vec<Point> = path.into_iter().map(|p| self.at(p)).collect();
        if points.len() >= 2 {
            self.scene.line(points, stroke(style));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result {
        let centre = self.at(center);
        let (fill_color, outline) = if fill {
            (color(style.color()), None)
        } else {
            (Color::TRANSPARENT, Some(stroke(style)))
        };
        self.scene.shapes.push(Shape::Circle {
            centre,
            radius: radius as f32,
            fill: fill_color,
            stroke: outline,
        });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result {
        // The charts built on plotters here fill no polygon; an outline keeps any that come visible.
        let mut points: Vec<Point> = vert.into_iter().map(|p| self.at(p)).collect();
        if let Some(first) = points.first().copied() {
            points.push(first);
            self.scene.line(points, stroke(style));
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result {
        let size = style.size() as f32;
        let anchor = style.anchor();
        let align = match anchor.h_pos {
            HPos::Left => Align::Start,
            HPos::Center => Align::Middle,
            HPos::Right => Align::End,
        };
        let angle = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => std::f32::consts::FRAC_PI_2,
            FontTransform::Rotate180 => std::f32::consts::PI,
            FontTransform::Rotate270 => -std::f32::consts::FRAC_PI_2,
        };
        // Scene text is anchored at its vertical middle; move across the line for top/bottom anchors.
        let shift = match anchor.v_pos {
            VPos::Top => size * 0.6,
            VPos::Center => 0.0,
            VPos::Bottom => -size * 0.6,
        };
        let p = self.at(pos);
        let (sin, cos) = angle.sin_cos();
        let pos = Point::new(p.x - shift * sin, p.y + shift * cos);
        self.scene.shapes.push(Shape::Text(Label {
            pos,
            text: text.to_string(),
            size,
            color: color(style.color()),
            align,
            angle,
            bold: false,
        }));
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let size = style.size() as f32;
        Ok((text_width(text, size).ceil() as u32, (size * 1.2).ceil() as u32))
    }
}
