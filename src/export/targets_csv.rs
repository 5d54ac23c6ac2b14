//! A targets file written from the targets in force (the app's "Save targets
//! as..."): the same columns the importer reads, so it loads back identically.

use super::csv_out::{CsvCell, write_rows};
use crate::model::{Catalogue, TargetRule, TargetValue};
use crate::workspace::Workspace;

const HEADER: [&str; 7] = ["kpi", "data_point", "target", "worst", "direction", "city", "source"];

/// The rules as CSV bytes (numbers in full, so that scores are identical when read back).
fn targets_csv(catalogue: &Catalogue, rules: &[TargetRule]) -> Vec<u8> {
    let text = |s: &str| CsvCell::Text(s.to_string());
    let rows = rules.iter().map(|rule| {
        let item = &catalogue.items[rule.item.index()];
        let kpi = &catalogue.kpis[item.kpi.0];
        let t = &rule.target;
        vec![
            text(&kpi.code),
            item.data_point.as_deref().map_or(CsvCell::Empty, text),
            match t.value {
                TargetValue::Number(v) => CsvCell::Exact(v),
                TargetValue::Flag(true) => text("Yes"),
                TargetValue::Flag(false) => text("No"),
            },
            t.worst.map_or(CsvCell::Empty, CsvCell::Exact),
            t.direction.map_or(CsvCell::Empty, |d| text(d.as_str())),
            rule.city.as_deref().map_or(CsvCell::Empty, text),
            text(&t.source),
        ]
    });
    let mut out = Vec::new();
    // Writing into a Vec cannot fail; an error would only leave the bytes short.
    let _ = write_rows(&mut out, &HEADER, rows);
    out
}

/// The user's own targets (files and datasets) with the app's edits over them,
/// as a targets CSV; the number of rules written.
pub(crate) fn own_targets_csv(ws: &Workspace) -> (Vec<u8>, usize) {
    let mut own = (*ws.own_targets).clone();
    own.extend((*ws.edits).clone());
    let rules = own.rules();
    (targets_csv(&ws.catalogue, &rules), rules.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{TargetFields, read_target_fields};
    use crate::model::CityId;
    use crate::workspace::Sources;

    fn rule(ws: &Workspace, kpi: &str, target: &str, worst: &str, city: &str) -> TargetRule {
        let fields = TargetFields {
            kpi: kpi.into(),
            target: target.into(),
            worst: worst.into(),
            city: city.into(),
            source: "=city plan, p. 4".into(),
            ..TargetFields::default()
        };
        read_target_fields(&ws.catalogue, &fields).expect("valid edit")
    }

    #[test]
    fn saved_targets_load_back_with_identical_scores() {
        let samples = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
        let mut edits = crate::model::TargetSet::default();
        edits.insert(rule(&samples, "EC: ICT: ICT: 2C", "71.3333333333333", "", ""));
        edits.insert(rule(&samples, "EC: I: ES: 3C", "99.5", "12.25", "Pully"));
        edits.insert(rule(&samples, "EC: ICT: ICT: 1C", "95", "", "Asker"));
        let edited = samples.with_edits(edits);
        let (bytes, count) = own_targets_csv(&edited);
        assert!(count >= 3);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("'=city plan, p. 4"), "formula guarded: {text}");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("targets.csv");
        crate::export::write_atomic(&path, &bytes).expect("written");
        let sources = Sources {
            targets: vec![path],
            ..Sources::default()
        };
        let reloaded = Workspace::load(&sources, &mut |_, _, _| {}).expect("reload");
        assert_eq!(reloaded.report.error_count(), 0, "{:#?}", reloaded.report.problems);
        let mut compared = 0;
        for city in 0..edited.dataset.cities.len() {
            let (a, b) = (
                edited.profile(CityId::new(city), None),
                reloaded.profile(CityId::new(city), None),
            );
            for (x, y) in a.items.iter().zip(&b.items) {
                assert_eq!(x.status, y.status, "{}", edited.catalogue.item_label(x.item));
                let value = |s: &crate::score::ItemScore| s.target.as_ref().map(|t| (t.value, t.worst, t.direction));
                assert_eq!(value(x), value(y));
                compared += 1;
            }
            assert_eq!(a.overall, b.overall);
        }
        assert_eq!(compared, edited.dataset.cities.len() * 112);
        let pully = edited.dataset.city_by_name("Pully").expect("Pully");
        let scored = edited.profile(pully, None);
        let es3 = edited
            .catalogue
            .find_kpi("EC: I: ES: 3C")
            .map(|k| edited.catalogue.kpis[k.0].items[0]);
        let target = es3
            .and_then(|i| scored.items[i.index()].target.clone())
            .expect("edited target");
        assert_eq!((target.value, target.worst), (TargetValue::Number(99.5), Some(12.25)));
    }
}
