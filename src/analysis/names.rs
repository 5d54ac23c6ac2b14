//! What an analysis keeps by name rather than by id: ids are places in one
//! loaded catalogue or dataset, names mean the same thing in the next one.

use crate::chart::Focus;
use crate::import::TargetFields;
use crate::model::{Catalogue, ItemId, TargetValue, format_number};
use crate::workspace::Workspace;

/// A scored item by its KPI code and data point.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemKey {
    pub kpi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_point: Option<String>,
}

/// The item's key.
pub fn item_key(catalogue: &Catalogue, item: ItemId) -> Option<ItemKey> {
    let it = catalogue.items.get(item.index())?;
    Some(ItemKey {
        kpi: catalogue.kpis.get(it.kpi.0)?.code.clone(),
        data_point: it.data_point.clone(),
    })
}

/// The item a key names in `catalogue`.
pub fn resolve_item(catalogue: &Catalogue, key: &ItemKey) -> Option<ItemId> {
    let kpi = catalogue.kpis.get(catalogue.find_kpi(&key.kpi)?.0)?;
    kpi.items.iter().copied().find(|i| {
        catalogue
            .items
            .get(i.index())
            .is_some_and(|it| it.data_point == key.data_point)
    })
}

/// The wheel's focus as the names from the dimension down (empty: the whole wheel).
pub fn focus_path(catalogue: &Catalogue, focus: Focus) -> Vec<String> {
    let (dimension, sub, category) = match focus {
        Focus::All => return Vec::new(),
        Focus::Dimension(d) => (Some(d), None, None),
        Focus::SubDimension(s) => (catalogue.subdimensions.get(s.0).map(|x| x.dimension), Some(s), None),
        Focus::Category(c) => {
            let sub = catalogue.categories.get(c.0).map(|x| x.subdimension);
            let dimension = sub.and_then(|s| catalogue.subdimensions.get(s.0)).map(|x| x.dimension);
            (dimension, sub, Some(c))
        }
    };
    let names = [
        dimension
            .and_then(|d| catalogue.dimensions.get(d.0))
            .map(|x| x.name.clone()),
        sub.and_then(|s| catalogue.subdimensions.get(s.0))
            .map(|x| x.name.clone()),
        category
            .and_then(|c| catalogue.categories.get(c.0))
            .map(|x| x.name.clone()),
    ];
    names.into_iter().flatten().collect()
}

/// The focus a path of names gives in `catalogue`: as deep as the names are found.
pub fn resolve_focus(catalogue: &Catalogue, path: &[String]) -> Focus {
    let mut focus = Focus::All;
    let Some(d) = path
        .first()
        .and_then(|n| catalogue.dimensions.iter().position(|x| &x.name == n))
    else {
        return focus;
    };
    focus = Focus::Dimension(crate::model::DimensionId(d));
    let subs = &catalogue.dimensions[d].subdimensions;
    let Some(s) = path
        .get(1)
        .and_then(|n| subs.iter().find(|s| &catalogue.subdimensions[s.0].name == n))
    else {
        return focus;
    };
    focus = Focus::SubDimension(*s);
    let categories = &catalogue.subdimensions[s.0].categories;
    match path
        .get(2)
        .and_then(|n| categories.iter().find(|c| &catalogue.categories[c.0].name == n))
    {
        Some(c) => Focus::Category(*c),
        None => focus,
    }
}

/// The workspace's target edits as rows of a targets file (numbers in full, so
/// that they read back the same).
pub fn edit_rows(ws: &Workspace) -> Vec<TargetFields> {
    let c = &ws.catalogue;
    let number = |v: f64| {
        if v.is_finite() {
            format!("{v}")
        } else {
            format_number(v)
        }
    };
    ws.edits
        .rules()
        .into_iter()
        .filter_map(|rule| {
            let key = item_key(c, rule.item)?;
            let t = &rule.target;
            Some(TargetFields {
                kpi: key.kpi,
                data_point: key.data_point.unwrap_or_default(),
                target: match t.value {
                    TargetValue::Number(v) => number(v),
                    TargetValue::Flag(true) => "Yes".into(),
                    TargetValue::Flag(false) => "No".into(),
                },
                worst: t.worst.map(number).unwrap_or_default(),
                direction: t.direction.map(|d| d.as_str().to_string()).unwrap_or_default(),
                city: rule.city.unwrap_or_default(),
                source: t.source.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Sources;

    #[test]
    fn focus_and_items_come_back_by_name() {
        let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
        let c = &ws.catalogue;
        let category = c.categories.iter().position(|x| x.kpis.len() > 1).expect("a category");
        let focus = Focus::Category(crate::model::CategoryId(category));
        let path = focus_path(c, focus);
        assert_eq!(path.len(), 3, "{path:?}");
        assert_eq!(resolve_focus(c, &path), focus);
        assert_eq!(resolve_focus(c, &path[..1]), focus.parent(c).parent(c));
        assert_eq!(resolve_focus(c, &["Nowhere".into()]), Focus::All);
        let with_point = c
            .items
            .iter()
            .position(|i| i.data_point.is_some())
            .expect("a data point");
        let item = ItemId::new(with_point);
        let key = item_key(c, item).expect("key");
        assert!(key.data_point.is_some());
        assert_eq!(resolve_item(c, &key), Some(item));
    }
}
