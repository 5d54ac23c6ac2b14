//! A frame with nothing changed does no work: no profile is scored and no view
//! model is computed again, in every view. (One test in its own binary, apart from
//! `tests/suite`, so the process-wide count of scored profiles is this test's alone.)

#[path = "suite/common/mod.rs"]
mod common;

use cityprofile::app::{CityProfileApp, Command, View};
use cityprofile::score::{PeerChoice, profiles_scored};
use common::app::{harness, run_until};
use egui_kittest::Harness;

fn work(h: &Harness<'_, CityProfileApp>) -> (u64, u64) {
    (profiles_scored(), h.state().models.work.get())
}

#[test]
fn drawing_the_same_frame_twice_scores_nothing_the_second_time() {
    let mut h = harness();
    h.run();
    let lakeside = {
        let ws = h.state().workspace().expect("loaded");
        ws.city_ref(ws.dataset.city_by_name("Lakeside (fictional)").expect("city"))
    };
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::SelectCity(lakeside), &ctx);
    h.state_mut().session.analysis.gaps.peers = Some(PeerChoice::All);
    for view in View::ALL {
        h.state_mut().apply(Command::SetView(view), &ctx);
        // Let the view settle: its models are built, background medians arrive.
        run_until(&mut h, |app| {
            let index_settled = view != View::Index || app.panels.index.uncertainty_ready();
            !app.panels.gaps.median_pending() && index_settled
        });
        h.run();
        let before = work(&h);
        assert!(before.1 > 0);
        h.step();
        h.step();
        assert_eq!(work(&h), before, "{view:?}: an idle frame scored or computed something");
    }
}
