//! KPI and data-point references in data rows, resolved once per distinct text.

use polars::prelude::PlHashMap as HashMap;

use crate::model::{Catalogue, ItemId, KpiId, KpiMatch};

/// Which column a resolution problem points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Culprit {
    Kpi,
    DataPoint,
}

/// Why a reference did not resolve (or resolved with a caveat).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefProblem {
    pub culprit: Culprit,
    pub message: String,
    pub hint: String,
    /// True when the row can still be used (the problem is only a warning).
    pub usable: bool,
}

/// Resolves `kpi` + optional `data_point` texts to catalogue items, caching by text.
pub(crate) struct ItemResolver<'c> {
    catalogue: &'c Catalogue,
    kpis: HashMap<String, Option<KpiMatch>>,
    data_points: Vec<HashMap<String, Option<ItemId>>>,
    /// Why an unknown KPI text is unknown, with its "did you mean" (a search of
    /// every KPI's code and name, done once per text, not once per row).
    unknown: HashMap<String, RefProblem>,
}

impl<'c> ItemResolver<'c> {
    pub(crate) fn new(catalogue: &'c Catalogue) -> ItemResolver<'c> {
        ItemResolver {
            catalogue,
            kpis: HashMap::default(),
            data_points: vec![HashMap::default(); catalogue.kpis.len()],
            unknown: HashMap::default(),
        }
    }

    /// The catalogue the resolver reads.
    pub(crate) fn catalogue(&self) -> &'c Catalogue {
        self.catalogue
    }

    fn kpi_match(&mut self, text: &str) -> Option<KpiMatch> {
        if let Some(found) = self.kpis.get(text) {
            return *found;
        }
        let found = self.catalogue.find_kpi_or_item(text);
        self.kpis.insert(text.to_string(), found);
        found
    }

    fn data_point(&mut self, kpi: KpiId, text: &str) -> Option<ItemId> {
        if let Some(found) = self.data_points[kpi.0].get(text) {
            return *found;
        }
        let found = self.catalogue.find_data_point(kpi, text);
        self.data_points[kpi.0].insert(text.to_string(), found);
        found
    }

    /// Resolves one row's KPI and data point. `Ok((item, Some(problem)))` carries a warning.
    pub(crate) fn resolve(
        &mut self,
        kpi_text: &str,
        data_point: Option<&str>,
    ) -> Result<(ItemId, Option<RefProblem>), RefProblem> {
        let data_point = data_point.map(super::cells::clean).filter(|d| !d.is_empty());
        match self.kpi_match(kpi_text) {
            None => Err(match self.unknown.get(kpi_text) {
                Some(problem) => problem.clone(),
                None => {
                    let problem = self.unknown_kpi(kpi_text);
                    self.unknown.insert(kpi_text.to_string(), problem.clone());
                    problem
                }
            }),
            Some(KpiMatch::Item(item)) => {
                let named = self.catalogue.items[item.index()].data_point.as_deref().unwrap_or("");
                match data_point {
                    Some(dp) if self.data_point(self.catalogue.items[item.index()].kpi, dp) != Some(item) => {
                        Err(RefProblem {
                            culprit: Culprit::DataPoint,
                            message: format!("data point '{dp}' contradicts '{named}' named in the KPI column"),
                            hint: "name the data point in one place only".into(),
                            usable: false,
                        })
                    }
                    _ => Ok((item, None)),
                }
            }
            Some(KpiMatch::Kpi(kpi)) => self.resolve_data_point(kpi, data_point),
        }
    }

    fn resolve_data_point(
        &mut self,
        kpi: KpiId,
        data_point: Option<&str>,
    ) -> Result<(ItemId, Option<RefProblem>), RefProblem> {
        let info = &self.catalogue.kpis[kpi.0];
        let has_points = self.catalogue.items[info.items[0].index()].data_point.is_some();
        match (has_points, data_point) {
            (false, None) => Ok((info.items[0], None)),
            (false, Some(dp)) => Ok((
                info.items[0],
                Some(RefProblem {
                    culprit: Culprit::DataPoint,
                    message: format!("{} ({}) has no data points; '{dp}' is ignored", info.code, info.name),
                    hint: "leave data_point empty for this KPI".into(),
                    usable: true,
                }),
            )),
            (true, None) => Err(RefProblem {
                culprit: Culprit::DataPoint,
                message: format!(
                    "{} ({}) is reported per data point, but no data point is given",
                    info.code, info.name
                ),
                hint: format!("add a data_point column with one of: {}", self.point_names(kpi)),
                usable: false,
            }),
            (true, Some(dp)) => match self.data_point(kpi, dp) {
                Some(item) => Ok((item, None)),
                None => Err(RefProblem {
                    culprit: Culprit::DataPoint,
                    message: format!("unknown data point '{dp}' for {} ({})", info.code, info.name),
                    hint: format!("use one of: {}", self.point_names(kpi)),
                    usable: false,
                }),
            },
        }
    }

    fn point_names(&self, kpi: KpiId) -> String {
        let items = &self.catalogue.kpis[kpi.0].items;
        items
            .iter()
            .filter_map(|i| self.catalogue.items[i.index()].data_point.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn unknown_kpi(&self, text: &str) -> RefProblem {
        let shown = super::cells::clean(text);
        if shown.is_empty() {
            return RefProblem {
                culprit: Culprit::Kpi,
                message: "the KPI is missing".into(),
                hint: "write a KPI code such as 'EC: ICT: ICT: 1C' or a KPI name".into(),
                usable: false,
            };
        }
        let message = match self.catalogue.suggest_kpi(shown) {
            Some(k) => format!(
                "unknown KPI '{shown}'; did you mean {} ({})?",
                self.catalogue.kpis[k.0].code, self.catalogue.kpis[k.0].name
            ),
            None => format!("unknown KPI '{shown}'"),
        };
        let hint =
            "write a KPI code such as 'EC: ICT: ICT: 1C' or a KPI name; `cityprofile catalogue` lists them".to_string();
        RefProblem {
            culprit: Culprit::Kpi,
            message,
            hint,
            usable: false,
        }
    }
}
