//! The state the panels share: the workspace, the city and year shown, the wheel's
//! focus and selection, the compared cities. Small and explicit; panels read it
//! through the view context and change it only with commands.

use std::sync::Arc;

use super::state::Preferences;
use crate::analysis::{
    Analysis, Hypothetical, HypotheticalValue, ItemKey, focus_path, item_key, resolve_focus, resolve_item,
};
use crate::chart::{Focus, Hit, Theme};
use crate::import::ImportReport;
use std::collections::HashMap;

use crate::model::{City, CityId, ItemId, Value};
use crate::request::{CompareLayout, ViewSettings};
use crate::score::Overrides;
use crate::workspace::{CityRef, Workspace};

/// A message for the user above the views: a failed job, a file dialog that
/// could not open, a city that disappeared after a reload.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// The shared state: the analysis and the preferences, then what lives only
/// while the app runs.
pub struct Session {
    /// The document: what an analysis file holds, kept current as things change.
    pub analysis: Analysis,
    pub prefs: Preferences,
    /// The analysis file the analysis was opened from or last saved to.
    pub analysis_file: Option<std::path::PathBuf>,
    /// The analysis as that file holds it (to tell unsaved changes).
    pub saved: Option<Analysis>,
    workspace: Option<Arc<Workspace>>,
    /// The load that failed entirely (catalogue unreadable), with its report.
    pub load_error: Option<ImportReport>,
    city: Option<CityRef>,
    pub focus: Focus,
    /// The focus being left and when the animation started.
    pub transition: Option<(Focus, f64)>,
    pub hovered: Option<Hit>,
    pub selected: Option<Hit>,
    /// The cities compared with the shown one (which always comes first).
    compare: Vec<CityRef>,
    /// The KPI of the trends view (`None`: the first with a trend).
    pub trend_item: Option<ItemId>,
    pub show_report: bool,
    pub notices: Vec<Notice>,
    /// Hypothetical values per city (the what-if panel's), carried over reloads by name.
    whatif: HashMap<CityRef, Overrides>,
}

impl Session {
    pub(crate) fn new(prefs: Preferences, analysis: Analysis) -> Session {
        Session {
            analysis,
            prefs,
            analysis_file: None,
            saved: None,
            workspace: None,
            load_error: None,
            city: None,
            focus: Focus::All,
            transition: None,
            hovered: None,
            selected: None,
            compare: Vec::new(),
            trend_item: None,
            show_report: false,
            notices: Vec::new(),
            whatif: HashMap::new(),
        }
    }

    /// The loaded workspace, if any.
    pub fn workspace(&self) -> Option<&Arc<Workspace>> {
        self.workspace.as_ref()
    }

    /// The city shown, as an id of the current workspace.
    pub fn city(&self) -> Option<CityId> {
        self.workspace.as_ref()?.resolve(self.city?)
    }

    /// The city shown, as a reference that stays safe across reloads.
    pub fn city_ref(&self) -> Option<CityRef> {
        self.city.filter(|_| self.city().is_some())
    }

    /// What is known about the city shown.
    pub(crate) fn city_info(&self) -> Option<&City> {
        let ws = self.workspace.as_ref()?;
        ws.dataset.cities.get(ws.resolve(self.city?)?.index())
    }

    /// The compared cities: the shown one first, then the others that exist in
    /// this workspace (at most [`MAX_COMPARED`]).
    pub fn compared(&self) -> Vec<CityId> {
        let Some(ws) = &self.workspace else {
            return Vec::new();
        };
        let mut cities: Vec<CityId> = self.city().into_iter().collect();
        for id in self.compare.iter().filter_map(|c| ws.resolve(*c)) {
            if !cities.contains(&id) && cities.len() < MAX_COMPARED {
                cities.push(id);
            }
        }
        cities
    }

    /// The year asked for (`None`: each city's latest).
    pub fn year(&self) -> Option<i32> {
        self.analysis.year
    }

    /// The shown city's hypothetical values (none: its data as they are).
    pub fn whatif(&self) -> Overrides {
        self.city_ref()
            .and_then(|c| self.whatif.get(&c))
            .cloned()
            .unwrap_or_default()
    }

    /// Every city's hypothetical values (for saving an analysis).
    pub fn whatif_all(&self) -> impl Iterator<Item = (CityRef, &Overrides)> {
        self.whatif.iter().map(|(c, o)| (*c, o))
    }

    /// Sets (or, with `None`, drops) the shown city's hypothetical value of `item`.
    pub(crate) fn set_whatif(&mut self, item: ItemId, value: Option<Value>) {
        let Some(city) = self.city_ref() else { return };
        let values = self.whatif.entry(city).or_default();
        match value {
            Some(v) => _ = values.insert(item, v),
            None => _ = values.remove(item),
        }
        if values.is_empty() {
            self.whatif.remove(&city);
        }
        self.mirror_whatif();
    }

    /// Back to the shown city's data.
    pub(crate) fn reset_whatif(&mut self) {
        if let Some(city) = self.city_ref() {
            self.whatif.remove(&city);
        }
        self.mirror_whatif();
    }

    /// The analysis keeps the what-if values by city name and KPI code, sorted
    /// (so that the same values are the same analysis).
    fn mirror_whatif(&mut self) {
        let Some(ws) = self.workspace.clone() else { return };
        let mut rows: Vec<Hypothetical> = self
            .whatif
            .iter()
            .filter_map(|(city, values)| Some((ws.dataset.cities.get(ws.resolve(*city)?.index())?, values)))
            .flat_map(|(city, values)| {
                values.iter().filter_map(|(item, value)| {
                    let key = item_key(&ws.catalogue, item)?;
                    let value = match value {
                        Value::Number(v) => HypotheticalValue::Number(v),
                        Value::Flag(f) => HypotheticalValue::Flag(f),
                        Value::NotReported => return None,
                    };
                    Some(Hypothetical {
                        city: city.name.clone(),
                        kpi: key.kpi,
                        data_point: key.data_point,
                        value,
                    })
                })
            })
            .collect();
        rows.sort_by(|a, b| (&a.city, &a.kpi, &a.data_point).cmp(&(&b.city, &b.kpi, &b.data_point)));
        self.analysis.whatif = rows;
    }

    /// The what-if values the analysis names, in the workspace just loaded.
    fn restore_whatif(&mut self, ws: &Workspace) {
        self.whatif.clear();
        for row in &self.analysis.whatif {
            let Some(city) = ws.dataset.city_by_name(&row.city) else {
                continue;
            };
            let key = ItemKey {
                kpi: row.kpi.clone(),
                data_point: row.data_point.clone(),
            };
            let Some(item) = resolve_item(&ws.catalogue, &key) else {
                continue;
            };
            let value = match row.value {
                HypotheticalValue::Number(v) => Value::Number(v),
                HypotheticalValue::Flag(f) => Value::Flag(f),
            };
            self.whatif.entry(ws.city_ref(city)).or_default().insert(item, value);
        }
    }

    /// The view settings that change a picture, as the views show them now.
    pub fn view_settings(&self) -> ViewSettings {
        ViewSettings {
            show_subdimensions: self.analysis.show_subdimensions,
            marks: self.analysis.show_marks,
            focus: self.focus,
            gaps: self.analysis.gaps,
            compare: CompareLayout::default(),
        }
    }

    pub fn theme(&self) -> Theme {
        if self.prefs.dark { Theme::dark() } else { Theme::light() }
    }

    pub(crate) fn set_city(&mut self, city: Option<CityRef>) {
        if city != self.city {
            self.city = city;
            self.analysis.year = None;
            self.focus = Focus::All;
            self.analysis.focus.clear();
            self.transition = None;
            self.selected = None;
            self.hovered = None;
        }
        self.analysis.city = self.city_info().map(|c| c.name.clone());
    }

    pub(crate) fn set_compared(&mut self, cities: Vec<CityRef>) {
        self.compare = cities;
        let names = self.workspace.as_ref().map(|ws| {
            let name = |c: &CityRef| ws.resolve(*c).and_then(|id| ws.dataset.cities.get(id.index()));
            self.compare.iter().filter_map(name).map(|c| c.name.clone()).collect()
        });
        self.analysis.compared = names.unwrap_or_default();
    }

    /// Sets the wheel's focus (the analysis keeps it by name).
    pub(crate) fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if let Some(ws) = &self.workspace {
            self.analysis.focus = focus_path(&ws.catalogue, focus);
        }
    }

    /// Sets the KPI of the trends view (the analysis keeps it by code).
    pub(crate) fn set_trend_item(&mut self, item: ItemId) {
        self.trend_item = Some(item);
        self.analysis.trend = self.workspace.as_ref().and_then(|ws| item_key(&ws.catalogue, item));
    }

    /// Whether the analysis has changes its file does not hold (never true
    /// before it was first saved: the app keeps it between runs anyway).
    pub fn unsaved(&self) -> bool {
        self.analysis_file.is_some() && self.saved.as_ref() != Some(&self.analysis)
    }

    /// The compared cities, focus and trend KPI the analysis names, in the
    /// workspace just loaded.
    fn restore_from_analysis(&mut self) {
        let Some(ws) = self.workspace.clone() else { return };
        let by_name = |n: &String| ws.dataset.city_by_name(n).map(|id| ws.city_ref(id));
        self.compare = self.analysis.compared.iter().filter_map(by_name).collect();
        self.focus = resolve_focus(&ws.catalogue, &self.analysis.focus);
        self.trend_item = self
            .analysis
            .trend
            .as_ref()
            .and_then(|k| resolve_item(&ws.catalogue, k));
        self.restore_whatif(&ws);
    }

    /// Puts a new workspace in place. Every kept city reference is carried over
    /// by name or dropped: the shown city (else the remembered one, else
    /// `fallback`), the compared cities (and the focus and trend KPI, by name,
    /// from the analysis). Hover and selection are reset.
    pub(crate) fn replace_workspace(&mut self, new: Workspace, fallback: Option<CityId>) -> Arc<Workspace> {
        let new = Arc::new(new);
        let old = self.workspace.replace(new.clone());
        let adopt = |c: CityRef| old.as_ref().and_then(|o| new.adopt(o, c));
        let kept = self.city.and_then(adopt);
        let remembered = self.analysis.city.as_deref().and_then(|n| new.dataset.city_by_name(n));
        let city = kept
            .or(remembered.map(|c| new.city_ref(c)))
            .or(fallback.map(|c| new.city_ref(c)));
        self.compare = self.compare.iter().filter_map(|c| adopt(*c)).collect();
        let (year, focus) = (self.analysis.year, self.analysis.focus.clone());
        self.city = None;
        self.load_error = None;
        self.set_city(city);
        // Compared cities, focus and trend KPI by name: the same in the new data.
        self.analysis.focus = focus;
        self.restore_from_analysis();
        self.selected = None;
        self.hovered = None;
        // The year stays when the city has data for it.
        if let Some(id) = self.city() {
            self.analysis.year = year.filter(|y| new.dataset.years_of(id).contains(y));
        }
        new
    }

    /// Forgets the city shown, so that the next workspace shows the analysis' city.
    pub(crate) fn forget_city(&mut self) {
        self.city = None;
    }

    /// Puts in place the same data scored another way (same generation: every
    /// city reference, the selection and the focus stay).
    pub(crate) fn retarget(&mut self, new: Workspace) {
        debug_assert!(self.workspace.as_ref().is_none_or(|w| w.generation == new.generation));
        self.workspace = Some(Arc::new(new));
    }

    pub(crate) fn notify(&mut self, text: impl Into<String>, error: bool) {
        let notice = Notice {
            text: text.into(),
            error,
        };
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }
}

/// The most cities a comparison shows.
pub const MAX_COMPARED: usize = 12;
