//! The real app driven by a seeded random sequence of user actions over three
//! datasets: cities, views, hovering and clicking the wheel, drilling, years,
//! compared cities (some kept from earlier workspaces), peer groups, datasets
//! added, removed and reloaded while others load, the export dialog, the theme.
//! After every action the app must not have panicked and its ids must belong to
//! the current workspace. `MONKEY_ACTIONS` (default 2000) and `MONKEY_SEED`
//! run it longer or differently.

use std::path::PathBuf;

use crate::common::app::harness_with;
use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, CompareTab, Preferences, View};
use cityprofile::export::ChartKind;
use cityprofile::score::PeerChoice;
use cityprofile::workspace::{CityRef, Sources};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// SplitMix64: a small, seedable random source (no crate needed for a test).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

struct Monkey {
    h: Harness<'static, CityProfileApp>,
    rng: Random,
    datasets: Vec<PathBuf>,
    /// City references seen in any workspace so far (stale ones included).
    seen: Vec<CityRef>,
}

impl Monkey {
    fn apply(&mut self, command: Command) {
        let ctx = self.h.ctx.clone();
        self.h.state_mut().apply(command, &ctx);
    }

    fn cities(&mut self) -> Vec<CityRef> {
        let Some(ws) = self.h.state().workspace() else {
            return Vec::new();
        };
        let refs: Vec<CityRef> = (0..ws.dataset.cities.len())
            .map(|i| ws.city_ref(cityprofile::model::CityId::new(i)))
            .collect();
        for r in &refs {
            if !self.seen.contains(r) {
                self.seen.push(*r);
            }
        }
        refs
    }

    fn click_label(&mut self, label: &str) {
        if let Some(node) = self.h.query_all_by_label(label).next() {
            node.click();
        }
    }

    fn pointer(&mut self, click: bool) {
        let (x, y) = (self.rng.below(1400) as f32, self.rng.below(900) as f32);
        let pos = egui::pos2(x, y);
        self.h.event(egui::Event::PointerMoved(pos));
        if click {
            for pressed in [true, false] {
                self.h.event(egui::Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                });
            }
        }
    }

    fn act(&mut self) {
        let cities = self.cities();
        match self.rng.below(20) {
            0 | 1 => {
                if let Some(&c) = self.rng.pick(&cities) {
                    self.apply(Command::SelectCity(c));
                }
            }
            2 => {
                let view = View::ALL[self.rng.below(View::ALL.len())];
                self.click_label(view.label());
            }
            3..=5 => {
                let click = self.rng.below(3) == 0;
                self.pointer(click);
            }
            6 => {
                let keys = [
                    egui::Key::ArrowLeft,
                    egui::Key::ArrowRight,
                    egui::Key::ArrowUp,
                    egui::Key::ArrowDown,
                    egui::Key::Enter,
                    egui::Key::Escape,
                ];
                self.h.key_press(keys[self.rng.below(keys.len())]);
            }
            7..=11 => self.compare_action(cities),
            12 => self.datasets_action(),
            _ => self.panel_action(),
        }
    }

    /// Years, compared cities (some from earlier workspaces), peer groups.
    fn compare_action(&mut self, cities: Vec<CityRef>) {
        match self.rng.below(5) {
            0 => {
                let year = self.h.state().profile().and_then(|p| p.year);
                let year = if self.rng.below(3) == 0 {
                    None
                } else {
                    year.map(|y| y - self.rng.below(4) as i32)
                };
                self.apply(Command::SetYear(year));
            }
            1 | 2 => {
                let n = self.rng.below(14);
                let pool = if self.rng.below(4) == 0 {
                    self.seen.clone()
                } else {
                    cities
                };
                let picked = (0..n).filter_map(|_| self.rng.pick(&pool).copied()).collect();
                self.apply(Command::SetCompared(picked));
            }
            3 => {
                let choice = PeerChoice::ALL[self.rng.below(4)];
                let mut gaps = self.h.state().session.analysis.gaps;
                gaps.peers = (self.rng.below(3) > 0).then_some(choice);
                self.apply(Command::SetGaps(gaps));
            }
            _ => self.click_label("Peer group"),
        }
    }

    /// The export dialog, the theme, panels' own state, the trend KPI, the report.
    fn panel_action(&mut self) {
        match self.rng.below(7) {
            0 => {
                let charts = [
                    ChartKind::Wheel,
                    ChartKind::Gaps,
                    ChartKind::Table,
                    ChartKind::Compare,
                    ChartKind::Trend,
                    ChartKind::Report,
                ];
                let chart = charts[self.rng.below(charts.len())];
                self.apply(Command::OpenExport(chart));
            }
            1 => self.h.state_mut().panels.export.open = false,
            2 => {
                let dark = !self.h.state().session.prefs.dark;
                self.apply(Command::SetDark(dark));
            }
            3 => {
                let tabs = [CompareTab::Wheels, CompareTab::Heatmap, CompareTab::Radar];
                let (tab, sort) = (
                    tabs[self.rng.below(3)],
                    (self.rng.below(2) == 0).then(|| self.rng.below(14)),
                );
                let app = self.h.state_mut();
                app.panels.compare.tab = tab;
                app.panels.compare.sort_by = sort;
            }
            4 => {
                let searches = ["", "a", "fict", "zzz", "pully", " "];
                self.h.state_mut().panels.sidebar.search = searches[self.rng.below(searches.len())].into();
            }
            5 => {
                let item = cityprofile::model::ItemId::new(self.rng.below(112));
                self.apply(Command::SetTrendItem(item));
            }
            _ => {
                let show = !self.h.state().session.show_report;
                self.apply(Command::ShowReport(show));
            }
        }
    }

    fn datasets_action(&mut self) {
        let open = self.h.state().session.analysis.datasets.clone();
        match self.rng.below(5) {
            0 => {
                if let Some(p) = self.rng.pick(&self.datasets).cloned() {
                    self.apply(Command::Add(vec![p]));
                }
            }
            1 => {
                if let Some(p) = self.rng.pick(&open).cloned() {
                    self.apply(Command::Remove(p));
                }
            }
            2 => self.apply(Command::Reload),
            3 => self.apply(Command::Open(Vec::new())),
            _ => {
                // Wait for the load, so that later actions also meet the new workspace.
                let _ = self.h.state_mut().finish_load_blocking();
            }
        }
    }

    /// What must hold after every frame.
    fn check(&self, step: usize) {
        let app = self.h.state();
        let Some(ws) = app.workspace() else { return };
        let n = ws.dataset.cities.len();
        if let Some(city) = app.session.city() {
            assert!(city.index() < n, "step {step}: the city shown is not in the workspace");
        }
        for city in app.session.compared() {
            assert!(city.index() < n, "step {step}: a compared city is not in the workspace");
        }
        if let Some(profile) = app.profile() {
            assert_eq!(profile.items.len(), ws.catalogue.items.len());
        }
    }
}

#[test]
fn two_thousand_random_actions_never_break_the_app() {
    let actions: usize = std::env::var("MONKEY_ACTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed: u64 = std::env::var("MONKEY_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_130);
    let dir = tempfile::tempdir().expect("dir");
    let extra = dir.path().join("extra.csv");
    std::fs::write(
        &extra,
        "city,year,kpi,value\nAlpha,2022,EC: ICT: ICT: 1C,80\nBeta,2021,EC: ICT: ICT: 1C,60\nBeta,2022,EN: EN: AQ: 1C PM2.5,12\nPully,2023,EC: ICT: ICT: 2C,50\n",
    )
    .expect("write");
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-cities");
    let book = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book.xlsx");
    let analysis = Analysis {
        datasets: vec![samples.clone(), extra.clone()],
        ..Analysis::default()
    };
    let mut monkey = Monkey {
        h: harness_with(CityProfileApp::new(
            Preferences::default(),
            analysis,
            Sources::default(),
        )),
        rng: Random(seed),
        datasets: vec![samples, extra, book],
        seen: Vec::new(),
    };
    let started = std::time::Instant::now();
    for step in 0..actions {
        monkey.act();
        monkey.h.step();
        monkey.check(step);
    }
    let _ = monkey.h.state_mut().finish_load_blocking();
    monkey.h.step();
    monkey.check(actions);
    eprintln!(
        "{actions} actions (seed {seed}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
