//! One problem found while reading files: how bad it is, where it is (file,
//! sheet, row, column, the text found) and what to do about it. Every stage of
//! the import speaks this type; the report ([`super::report`]) collects them.

use std::fmt;

/// How bad a problem is. Errors drop the row (or file); warnings keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One entry of the report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    /// Spreadsheet-style row: 1 is the header, 2 the first data row.
    pub row: Option<usize>,
    pub column: Option<String>,
    /// The offending text, as found.
    pub text: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    /// A problem with a whole file.
    pub fn file(severity: Severity, file: &str, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        let hint = hint.into();
        Problem {
            severity,
            file: file.to_string(),
            sheet: None,
            row: None,
            column: None,
            text: None,
            message: message.into(),
            hint: (!hint.is_empty()).then_some(hint),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " [sheet {sheet}]")?;
        }
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, " column '{column}'")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}
