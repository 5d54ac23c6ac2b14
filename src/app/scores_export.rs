//! "Export scores": the scores of the shown city, or of every city, as an Excel
//! workbook, made and written (atomically) by a background job; how it ended is
//! a notice.

use std::path::PathBuf;
use std::sync::Arc;

use super::jobs::{Job, JobState, Repaint};
use super::session::Session;
use crate::export::sanitize;
use crate::export::xlsx_out::{cities_in, scores_workbook};
use crate::model::CityId;
use crate::workspace::Workspace;

/// What the job hands back: the file written and what it holds, or why not.
type Written = Result<(PathBuf, String), String>;

/// The running scores export, if any.
#[derive(Default)]
pub(crate) struct ScoresExport {
    job: Option<Job<Written>>,
}

/// The cities a scores export holds: the shown one in the shown year, or every
/// city with values in the shown year (each at its latest when no year is chosen).
pub(crate) fn scored_cities(session: &Session, all: bool) -> Vec<(CityId, Option<i32>)> {
    let (Some(ws), year) = (session.workspace(), session.year()) else {
        return Vec::new();
    };
    if all {
        cities_in(ws, year)
    } else {
        session.city().map(|c| vec![(c, year)]).unwrap_or_default()
    }
}

/// `pully-scores-2020.xlsx`, or `scores-all-cities.xlsx` (`-2020` with a year chosen).
pub(crate) fn suggested_name(session: &Session, all: bool) -> String {
    let year = session.year();
    match (all, session.workspace(), session.city()) {
        (false, Some(ws), Some(city)) => {
            let year = year.or_else(|| ws.dataset.latest_year(city));
            let name = &ws.dataset.cities[city.index()].name;
            format!("{}-scores{}.xlsx", sanitize(name), dashed(year))
        }
        _ => format!("scores-all-cities{}.xlsx", dashed(year)),
    }
}

fn dashed(year: Option<i32>) -> String {
    year.map(|y| format!("-{y}")).unwrap_or_default()
}

impl ScoresExport {
    /// Makes and writes the workbook of `cities` to `path` in the background.
    pub(crate) fn start(
        &mut self,
        ws: Arc<Workspace>,
        cities: Vec<(CityId, Option<i32>)>,
        path: PathBuf,
        repaint: &Repaint,
    ) {
        self.job = Some(Job::spawn("scores export", repaint.clone(), move |_| {
            let what = match cities.as_slice() {
                [(city, _)] => format!("the scores of {}", ws.dataset.cities[city.index()].name),
                many => format!("the scores of {} cities", many.len()),
            };
            let bytes = scores_workbook(&ws, &cities).map_err(|e| e.to_string())?;
            crate::export::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
            Ok((path, what))
        }));
    }

    /// True while the workbook is being made.
    pub(crate) fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Says how a finished export ended.
    pub(crate) fn poll(&mut self, session: &mut Session) {
        let Some(job) = &mut self.job else { return };
        let (text, error) = match job.poll() {
            JobState::Running => return,
            JobState::Done(Ok((path, what))) => (format!("Exported {what} to {}", path.display()), false),
            JobState::Done(Err(reason)) => (format!("The scores were not exported: {reason}"), true),
            JobState::Failed(reason) => (reason, true),
        };
        self.job = None;
        session.notify(text, error);
    }
}
