//! What a column header or a label means: the words city offices and
//! statistics units write, in English, French, Spanish and German. Headers are
//! compared as keys ([`header_key`]): trimmed, lowercase, accents removed,
//! spaces and dashes as underscores, so `Année`, `ANNEE` and `annee` are one
//! word. Every stage that asks "is this the city column?" asks here.

use super::cells::{clean, fold};

/// A header as compared: trimmed, folded ([`fold`]), spaces and dashes as underscores.
pub(crate) fn header_key(header: &str) -> String {
    fold(clean(header)).replace([' ', '-'], "_")
}

/// True when the header is one of `names` (keys as [`header_key`] writes them).
pub(crate) fn is_header(header: &str, names: &[&str]) -> bool {
    names.contains(&header_key(header).as_str())
}

pub(crate) const CITY: &[&str] = &[
    "city",
    "city_name",
    "municipality",
    "town",
    // French
    "ville",
    "commune",
    "municipalite",
    // Spanish
    "ciudad",
    "municipio",
    // German
    "stadt",
    "gemeinde",
    "kommune",
];
pub(crate) const YEAR: &[&str] = &[
    "year",
    "report_year",
    "reporting_year",
    "data_year",
    "period",
    "annee",
    "periode",
    "ano",
    "periodo",
    "jahr",
    "berichtsjahr",
];
/// The KPI column's names, codes first: a table with both a code column and a
/// name column (`Code`, `KPI`) is read by its codes, and the names are checked
/// against them (`consistency.rs`), never the other way round, where a name that
/// does not match its code would silently score the value as another KPI.
pub(crate) const KPI: &[&str] = &[
    "kpi_code",
    "code",
    "code_kpi",
    "code_indicateur",
    "codigo_kpi",
    "codigo_indicador",
    "codigo",
    "kpi",
    "indicator",
    "kpi_name",
    "indicateur",
    "indicador",
    "indikator",
    "kennzahl",
    "kpi_kennzahl",
];
/// The code columns of [`KPI`], its first seven names (a table may have a
/// name column beside one).
pub(crate) const KPI_CODE: &[&str] = KPI.split_at(7).0;
pub(crate) const VALUE: &[&str] = &[
    "value",
    "result",
    "calculated_result",
    "calculated_kpi_result",
    "kpi_result",
    "val",
    "valeur",
    "resultat",
    "valor",
    "resultado",
    "wert",
    "ergebnis",
];
pub(crate) const DATA_POINT: &[&str] = &[
    "data_point",
    "datapoint",
    "data_points",
    "sub_indicator",
    "point_de_donnees",
    "sous_indicateur",
    "punto_de_datos",
    "subindicador",
    "datenpunkt",
    "teilindikator",
];
pub(crate) const UNIT: &[&str] = &["unit", "units", "unite", "unidad", "einheit"];
pub(crate) const QUALITY: &[&str] = &[
    "quality",
    "data_quality",
    "qualite",
    "calidad",
    "qualitat",
    "datenqualitat",
];
pub(crate) const VERIFIED: &[&str] = &[
    "verified",
    "verification",
    "verification_status",
    "verification_status_(yes/no)",
    "verifie",
    "verificado",
    "verifiziert",
];
pub(crate) const SOURCE: &[&str] = &[
    "source",
    "data_source",
    "sources",
    "fuente",
    "fuentes",
    "quelle",
    "quellen",
];
pub(crate) const NOTE: &[&str] = &[
    "note",
    "notes",
    "comment",
    "comments",
    "data_origin",
    "remarque",
    "commentaire",
    "nota",
    "comentario",
    "bemerkung",
    "anmerkung",
    "kommentar",
];
/// The performance to benchmark printed by U4SSC (factsheets, the data collection template).
pub(crate) const BAND: &[&str] = &[
    "band",
    "performance",
    "benchmark_performance",
    "performance_to_benchmark",
    "u4ssc_benchmark_performance",
];
pub(crate) const COUNTRY: &[&str] = &["country", "pays", "pais", "land", "staat"];
pub(crate) const POPULATION: &[&str] = &[
    "population",
    "inhabitants",
    "pop",
    "habitants",
    "poblacion",
    "habitantes",
    "einwohner",
    "bevolkerung",
];
pub(crate) const REGION: &[&str] = &["region", "continent", "kontinent"];
pub(crate) const TARGET: &[&str] = &[
    "target",
    "benchmark",
    "target_value",
    "cible",
    "valeur_cible",
    "objectif",
    "meta",
    "objetivo",
    "valor_objetivo",
    "ziel",
    "zielwert",
];
/// The template's "Reported (YES/NO)" column.
pub(crate) const REPORTED: &[&str] = &["reported", "reported_(yes/no)", "reported_yes/no", "reported_yes_no"];

/// Columns of a wide table that are facts about the row, not KPIs.
pub(crate) fn is_row_fact(header: &str) -> bool {
    const OTHERS: &[&str] = &["area_km2", "fictional"];
    let key = header_key(header);
    [
        CITY, YEAR, COUNTRY, POPULATION, REGION, SOURCE, NOTE, QUALITY, VERIFIED, UNIT, OTHERS,
    ]
    .iter()
    .any(|names| names.contains(&key.as_str()))
}

/// The column names the readers know, for finding a header row below a title.
pub(crate) fn is_known_header(header: &str) -> bool {
    let key = header_key(header);
    [
        CITY, YEAR, KPI, VALUE, DATA_POINT, UNIT, QUALITY, VERIFIED, SOURCE, NOTE, BAND, REPORTED, TARGET,
    ]
    .iter()
    .any(|names| names.contains(&key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_four_languages_match_whatever_their_accents_and_case() {
        for (header, names) in [
            ("Ville", CITY),
            ("COMMUNE", CITY),
            ("Ciudad", CITY),
            ("Gemeinde", CITY),
            ("Année", YEAR),
            ("annee", YEAR),
            ("Año", YEAR),
            ("ANO", YEAR),
            ("Jahr", YEAR),
            ("Code indicateur", KPI),
            ("Indicador", KPI),
            ("Kennzahl", KPI),
            ("Valeur", VALUE),
            ("Valor", VALUE),
            ("Wert", VALUE),
            ("Unité", UNIT),
            ("Unidad", UNIT),
            ("Einheit", UNIT),
            ("Cible", TARGET),
            ("Objetivo", TARGET),
            ("Zielwert", TARGET),
            ("Quelle", SOURCE),
            ("Fuente", SOURCE),
            ("Remarque", NOTE),
            ("Bemerkung", NOTE),
            ("Point de données", DATA_POINT),
            ("Qualität", QUALITY),
            ("Bevölkerung", POPULATION),
        ] {
            assert!(is_header(header, names), "{header}");
        }
        assert!(!is_header("Valeur cible", VALUE));
        assert_eq!(header_key(" Straße-Name "), "strasse_name");
    }
}
