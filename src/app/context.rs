//! What a panel sees while it draws: the shared state, the view models, the
//! city shown (already resolved in the current workspace) and its profile.
//! Panels read this and push commands; they never change it.

use std::sync::Arc;

use super::jobs::{Progress, Repaint};
use super::models::ViewModels;
use super::session::Session;
use crate::chart::Theme;
use crate::model::{City, CityId};
use crate::request::{ChartKind, ChartRequest, Interaction};
use crate::score::Profile;
use crate::workspace::Workspace;

/// Read-only context of one frame.
pub(crate) struct ViewContext<'a> {
    pub session: &'a Session,
    pub models: &'a ViewModels,
    /// The city shown with its workspace and profile, when there is one.
    pub shown: Option<Shown<'a>>,
    pub theme: Theme,
    /// egui's clock (seconds), for animations.
    pub now: f64,
    /// Wakes the UI from a background job.
    pub repaint: Repaint,
    /// Progress of the running load, if any.
    pub loading: Option<&'a Progress>,
}

/// The city on screen: its workspace, id, facts, profile and years.
pub(crate) struct Shown<'a> {
    pub ws: &'a Arc<Workspace>,
    pub city: CityId,
    pub info: &'a City,
    pub profile: Arc<Profile>,
    pub years: Arc<Vec<i32>>,
}

impl<'a> ViewContext<'a> {
    pub(crate) fn new(session: &'a Session, models: &'a ViewModels, now: f64, repaint: Repaint) -> ViewContext<'a> {
        let shown = session.workspace().zip(session.city()).map(|(ws, city)| Shown {
            ws,
            city,
            info: &ws.dataset.cities[city.index()],
            profile: models.whatif_profile(ws, city, session.year(), &session.whatif()),
            years: models.years(ws, city),
        });
        ViewContext {
            session,
            models,
            shown,
            theme: session.theme(),
            now,
            repaint,
            loading: None,
        }
    }

    pub(crate) fn workspace(&self) -> Option<&'a Arc<Workspace>> {
        self.session.workspace()
    }

    /// The chart `kind` of the shown city as the views show it: the year, the
    /// compared cities, the trend KPI and every view setting (the panels and the
    /// export dialog start from this; a panel adds its own choices, such as the
    /// comparison's layout).
    pub(crate) fn request(&self, kind: ChartKind) -> Option<ChartRequest> {
        let shown = self.shown.as_ref()?;
        // A comparison is of the year the shown city is seen in (the others take
        // their latest when they have no data then).
        let year = match kind {
            ChartKind::Compare => self.session.year().or(shown.profile.year),
            _ => self.session.year(),
        };
        Some(ChartRequest {
            kind,
            city: shown.city,
            year,
            cities: self.session.compared(),
            kpi: self.session.trend_item,
            view: self.session.view_settings(),
            legend: true,
            whatif: self.session.whatif(),
        })
    }

    /// What the pointer and keyboard highlight (the wheel adds its animation).
    pub(crate) fn interaction(&self) -> Interaction {
        Interaction {
            hovered: self.session.hovered,
            selected: self.session.selected,
            transition: None,
        }
    }

    /// The year of the profile shown (the latest when none was chosen).
    pub(crate) fn year_shown(&self) -> Option<i32> {
        self.shown.as_ref().and_then(|s| s.profile.year)
    }
}
