//! Building the full wheel scene (112 outer segments) and tessellating it into
//! egui meshes, as every frame of the app does. Aim: under 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::ClippedShape;

use cityprofile::chart::{Theme, WheelOptions, wheel_scene};
use cityprofile::render::scene_to_shapes;
use cityprofile::workspace::{Sources, Workspace};

fn bench(c: &mut Criterion) {
    let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
    let city = ws.dataset.city_by_name("Lakeside (fictional)").expect("city");
    let profile = ws.profile(city, None);
    let theme = Theme::light();
    let opts = WheelOptions::default();
    let mut group = c.benchmark_group("wheel_112_segments");
    group.bench_function("build_scene", |b| {
        b.iter(|| {
            wheel_scene(
                &ws.catalogue,
                &profile,
                &ws.dataset.cities[city.index()],
                &theme,
                900.0,
                800.0,
                &opts,
            )
            .shapes
            .len()
        })
    });
    let ctx = egui::Context::default();
    let raw = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
        ..Default::default()
    };
    let _ = ctx.run_ui(raw(), |_| {});
    group.bench_function("build_and_tessellate", |b| {
        let _ = ctx.run_ui(raw(), |ui| {
            let painter = ui.painter().clone();
            b.iter(|| {
                let scene = wheel_scene(
                    &ws.catalogue,
                    &profile,
                    &ws.dataset.cities[city.index()],
                    &theme,
                    900.0,
                    800.0,
                    &opts,
                );
                let shapes: Vec<ClippedShape> = scene_to_shapes(&painter, &scene, egui::Pos2::ZERO)
                    .into_iter()
                    .map(|shape| ClippedShape {
                        clip_rect: painter.clip_rect(),
                        shape,
                        transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
                    })
                    .collect();
                ui.ctx().tessellate(shapes, 1.0).len()
            });
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
