//! The compare view's scenes for 50 cities (small-multiple wheels and the radar
//! small multiples) built and tessellated into egui meshes. Aim: under 8 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::ClippedShape;

use cityprofile::chart::Theme;
use cityprofile::chart::compare::{radar_scene, wheels_scene};
use cityprofile::import::{self, Input};
use cityprofile::model::CityId;
use cityprofile::render::scene_to_shapes;
use cityprofile::score::{Profile, score_city};

fn bench(c: &mut Criterion) {
    let catalogue = import::default_catalogue().expect("catalogue");
    let mut csv = Vec::new();
    cityprofile::bench_data::write_long_csv(&catalogue, 50, 1, &mut csv).expect("generate");
    let loaded = import::load(
        &catalogue,
        &[Input::Bytes {
            name: "50-cities.csv".into(),
            bytes: csv.into(),
        }],
        &mut |_, _, _| {},
    );
    let mut report = import::ImportReport::default();
    let targets = import::default_targets(&catalogue, &mut report);
    let profiles: Vec<Profile> = (0..50)
        .map(|i| score_city(&catalogue, &loaded.dataset, &targets, CityId(i), None))
        .collect();
    let theme = Theme::light();
    let ctx = egui::Context::default();
    let raw = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1900.0, 1000.0))),
        ..Default::default()
    };
    let _ = ctx.run_ui(raw(), |_| {});
    let mut group = c.benchmark_group("compare_50_cities");
    group.bench_function("build_scenes", |b| {
        b.iter(|| {
            let wheels = wheels_scene(&catalogue, &loaded.dataset, &profiles, &theme, 1200.0, 900.0, true);
            let radar = radar_scene(&catalogue, &loaded.dataset, &profiles, &theme, 600.0, 900.0);
            wheels.shapes.len() + radar.shapes.len()
        })
    });
    group.bench_function("build_and_tessellate", |b| {
        let _ = ctx.run_ui(raw(), |ui| {
            let painter = ui.painter().clone();
            b.iter(|| {
                let wheels = wheels_scene(&catalogue, &loaded.dataset, &profiles, &theme, 1200.0, 900.0, true);
                let radar = radar_scene(&catalogue, &loaded.dataset, &profiles, &theme, 600.0, 900.0);
                let mut shapes = scene_to_shapes(&painter, &wheels, egui::Pos2::ZERO);
                shapes.extend(scene_to_shapes(&painter, &radar, egui::pos2(1200.0, 0.0)));
                let clipped: Vec<ClippedShape> = shapes
                    .into_iter()
                    .map(|shape| ClippedShape {
                        clip_rect: painter.clip_rect(),
                        shape,
                        transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
                    })
                    .collect();
                ui.ctx().tessellate(clipped, 1.0).len()
            });
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
