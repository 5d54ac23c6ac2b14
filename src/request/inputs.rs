//! What a chart is drawn from besides its request: the shown city's profile, the
//! compared cities' profiles and a peer group's median. The app hands in the
//! ones its view models and background jobs keep; an export computes them here.

use std::sync::Arc;

use super::{ChartKind, ChartRequest};
use crate::model::CityId;
use crate::score::{PeerChoice, Profile, group_median, score_lookup};
use crate::workspace::Workspace;

/// A peer group's median % of target per item (indexed by `ItemId`), and the
/// group's name with its size.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerMedian {
    pub pct: Vec<Option<f64>>,
    pub group: String,
}

/// The data a chart is drawn from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The profile of the request's city and year.
    pub profile: Arc<Profile>,
    /// A comparison's profiles, in the request's order (empty for other charts).
    pub profiles: Arc<Vec<Profile>>,
    /// The median of the gaps view's peer group, when one is chosen and known.
    pub median: Option<Arc<PeerMedian>>,
}

impl Inputs {
    /// The inputs of a chart of one city: its profile.
    pub fn of_profile(profile: Arc<Profile>) -> Inputs {
        Inputs {
            profile,
            profiles: Arc::new(Vec::new()),
            median: None,
        }
    }

    /// Everything the request needs, computed now (exports; the app computes the
    /// same pieces in its view models, the median in a background job).
    pub fn compute(ws: &Workspace, request: &ChartRequest) -> Inputs {
        let profiles = if request.kind == ChartKind::Compare {
            ws.profiles(&request.cities, request.year)
        } else {
            Vec::new()
        };
        let profile = if request.whatif.is_empty() {
            ws.profile(request.city, request.year)
        } else {
            let lookup = ws.lookup(request.city, request.year);
            score_lookup(&ws.catalogue, &lookup, &request.whatif)
        };
        // The median of the year the profile shows, as the app's gaps view asks for it.
        let median = match (request.kind, request.view.gaps.peers) {
            (ChartKind::Gaps, Some(choice)) => peer_median(ws, request.city, profile.year, choice).map(Arc::new),
            _ => None,
        };
        Inputs {
            profile: Arc::new(profile),
            profiles: Arc::new(profiles),
            median,
        }
    }
}

/// The median % of target of `city`'s peer group (the cities like it: real with
/// real, fictional with fictional); `None` when the city has no such group.
pub fn peer_median(ws: &Workspace, city: CityId, year: Option<i32>, choice: PeerChoice) -> Option<PeerMedian> {
    let group = choice.group(&ws.dataset.cities[city.index()])?;
    let members = group.members_like(&ws.dataset, city);
    let profiles = ws.profiles(&members, year);
    Some(PeerMedian {
        pct: group_median(&profiles),
        group: format!("{} ({} cities)", group.label(), members.len()),
    })
}
