//! File dialogs that always answer. The desktop's dialog (rfd: the desktop portal,
//! else zenity) runs on a job thread; when there is none, or it fails, the app
//! says so once and uses its own file browser (`browser.rs`) instead, where a
//! path can also be typed or pasted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::browser::{BrowseMode, Browsed, FileBrowser};
use super::jobs::{Job, JobState, Repaint};
use crate::import::DATA_EXTENSIONS;

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FilePurpose {
    /// Data to open (or add to the open data); a folder instead of files.
    Open { add: bool, folder: bool },
    /// Where to write an export, with the suggested file name.
    Export { suggested: String, extension: &'static str },
    /// Where to save the own targets (CSV).
    SaveTargets { suggested: String },
    /// A file of the Index view: an export, or weights to load or save.
    Index(super::panels::IndexFile),
    /// Where to write the scores workbook (of every city, or the shown one).
    Scores { all: bool, suggested: String },
    /// An analysis file to open.
    OpenAnalysis,
    /// Where to save the analysis.
    SaveAnalysis { suggested: String },
    /// Where a file of the analysis being opened is now (a folder when `folder`).
    Locate { name: String, folder: bool },
}

/// The extension of analysis files.
pub(crate) const ANALYSIS_EXTENSION: &str = "cityprofile";

/// What the user chose.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileChoice {
    pub purpose: FilePurpose,
    pub paths: Vec<PathBuf>,
}

/// A desktop dialog that answers "nothing chosen" faster than this failed
/// rather than being cancelled: nobody cancels a dialog within a quarter second.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(250);

/// The desktop's dialog running: what for, since when, and its job.
type NativeDialog = (FilePurpose, Instant, Job<Option<Vec<PathBuf>>>);

/// The file dialogs: at most one open at a time.
#[derive(Default)]
pub(crate) struct FileDialogs {
    native: Option<NativeDialog>,
    builtin: Option<(FilePurpose, FileBrowser)>,
    /// Why the desktop dialog is not used in this session (said once).
    native_failed: Option<String>,
    /// A message for the user, taken by the app once.
    pub(crate) notice: Option<String>,
    /// The folder the last dialog ended in.
    last_folder: Option<PathBuf>,
}

impl FileDialogs {
    /// True while a dialog is open.
    pub(crate) fn busy(&self) -> bool {
        self.native.is_some() || self.builtin.is_some()
    }

    /// Asks for data files or a folder; the built-in browser starts in `near`'s
    /// folder (the data opened last) unless a dialog ended elsewhere since.
    pub(crate) fn request_open(
        &mut self,
        add: bool,
        folder: bool,
        near: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(near.and_then(Path::parent));
        self.request(FilePurpose::Open { add, folder }, builtin, ctx);
    }

    /// Dialogs start in the folder the last one ended in; before any has, in the
    /// data's folder (`data`: a data file or folder), not the home folder: an
    /// export is usually kept beside the data it was made from.
    fn near_data(&mut self, data: Option<&Path>) {
        if self.last_folder.is_none() {
            self.last_folder = data
                .and_then(|p| if p.is_dir() { Some(p) } else { p.parent() })
                .filter(|p| p.is_dir())
                .map(Path::to_path_buf);
        }
    }

    /// Asks where to save an export (first beside `data`, see [`Self::near_data`]).
    pub(crate) fn request_save(
        &mut self,
        (suggested, extension): (String, &'static str),
        data: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(data);
        self.request(FilePurpose::Export { suggested, extension }, builtin, ctx);
    }

    /// Asks where to save the targets (first beside `data`).
    pub(crate) fn request_save_targets(
        &mut self,
        suggested: String,
        data: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(data);
        self.request(FilePurpose::SaveTargets { suggested }, builtin, ctx);
    }

    /// Asks where to write the scores workbook (first beside `data`).
    pub(crate) fn request_save_scores(
        &mut self,
        (all, suggested): (bool, String),
        data: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(data);
        self.request(FilePurpose::Scores { all, suggested }, builtin, ctx);
    }

    /// Asks for a file of the Index view (first beside `data`).
    pub(crate) fn request_index(
        &mut self,
        file: super::panels::IndexFile,
        data: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(data);
        self.request(FilePurpose::Index(file), builtin, ctx);
    }

    /// Asks for an analysis file, a place to save one, or a file that moved;
    /// first beside `near` (the analysis file, else the data).
    pub(crate) fn request_analysis(
        &mut self,
        purpose: FilePurpose,
        near: Option<&Path>,
        builtin: bool,
        ctx: &egui::Context,
    ) {
        self.near_data(near);
        self.request(purpose, builtin, ctx);
    }

    fn request(&mut self, purpose: FilePurpose, builtin: bool, ctx: &egui::Context) {
        if self.busy() {
            return;
        }
        if self.native_failed.is_none()
            && let Some(reason) = missing_desktop_dialog()
        {
            self.fail_native(reason);
        }
        if builtin || self.native_failed.is_some() {
            self.open_builtin(purpose);
        } else {
            let ctx = ctx.clone();
            let repaint: Repaint = std::sync::Arc::new(move || ctx.request_repaint());
            let (job_purpose, start) = (purpose.clone(), self.start_folder());
            let job = Job::spawn("file dialog", repaint, move |_| native_dialog(&job_purpose, &start));
            self.native = Some((purpose, Instant::now(), job));
        }
    }

    fn fail_native(&mut self, reason: String) {
        self.notice = Some(format!("{reason}; using the built-in file browser instead."));
        self.native_failed = Some(reason);
    }

    fn open_builtin(&mut self, purpose: FilePurpose) {
        let start = self.start_folder();
        let browser = match &purpose {
            FilePurpose::Open { folder: true, .. } => FileBrowser::new(
                BrowseMode::OpenFolder,
                "Open a folder of KPI data",
                start,
                String::new(),
            ),
            FilePurpose::Open { .. } => FileBrowser::new(BrowseMode::OpenFiles, "Open KPI data", start, String::new()),
            FilePurpose::Export { suggested, extension } => {
                let mode = BrowseMode::Save { extension };
                FileBrowser::new(mode, "Export to", start, suggested.clone())
            }
            FilePurpose::SaveTargets { suggested } => {
                let mode = BrowseMode::Save { extension: "csv" };
                FileBrowser::new(mode, "Save targets as", start, suggested.clone())
            }
            FilePurpose::Scores { suggested, .. } => {
                let mode = BrowseMode::Save { extension: "xlsx" };
                FileBrowser::new(mode, "Export scores to", start, suggested.clone())
            }
            FilePurpose::Index(super::panels::IndexFile::LoadWeights) => {
                FileBrowser::new(BrowseMode::OpenFiles, "Load index weights", start, String::new())
            }
            FilePurpose::Index(file) => {
                let (suggested, extension) = file.suggested();
                FileBrowser::new(BrowseMode::Save { extension }, "Save to", start, suggested)
            }
            FilePurpose::OpenAnalysis => FileBrowser::new(BrowseMode::OpenFiles, "Open analysis", start, String::new()),
            FilePurpose::SaveAnalysis { suggested } => {
                let mode = BrowseMode::Save {
                    extension: ANALYSIS_EXTENSION,
                };
                FileBrowser::new(mode, "Save analysis as", start, suggested.clone())
            }
            FilePurpose::Locate { folder, .. } => {
                let mode = if *folder {
                    BrowseMode::OpenFolder
                } else {
                    BrowseMode::OpenFiles
                };
                FileBrowser::new(mode, "Locate the moved file", start, String::new())
            }
        };
        self.builtin = Some((purpose, browser));
    }

    fn start_folder(&self) -> PathBuf {
        self.last_folder
            .clone()
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    /// Draws the built-in browser and collects what either dialog chose.
    pub(crate) fn ui(&mut self, ctx: &egui::Context) -> Option<FileChoice> {
        let native = self.poll_native();
        if native.is_some() {
            return native;
        }
        let (purpose, browser) = self.builtin.as_mut()?;
        let ended = browser.ui(ctx)?;
        let (purpose, folder) = (purpose.clone(), browser.folder().to_path_buf());
        self.builtin = None;
        self.last_folder = Some(folder);
        match ended {
            Browsed::Chosen(paths) => Some(FileChoice { purpose, paths }),
            Browsed::Cancelled => None,
        }
    }

    fn poll_native(&mut self) -> Option<FileChoice> {
        let (_, started, job) = self.native.as_mut()?;
        let outcome: Result<Vec<PathBuf>, String> = match job.poll() {
            JobState::Running => return None,
            JobState::Done(Some(paths)) if !paths.is_empty() => Ok(paths),
            // Cancelled by the user.
            JobState::Done(_) if started.elapsed() >= TOO_FAST_TO_BE_A_PERSON => Ok(Vec::new()),
            JobState::Done(_) => Err("The desktop's file dialog did not open".to_string()),
            JobState::Failed(reason) => Err(reason),
        };
        let (purpose, _, _) = self.native.take()?;
        match outcome {
            Ok(paths) if paths.is_empty() => None,
            Ok(paths) => {
                self.last_folder = paths.first().and_then(|p| p.parent()).map(Path::to_path_buf);
                Some(FileChoice { purpose, paths })
            }
            Err(reason) => {
                self.fail_native(reason);
                self.open_builtin(purpose);
                None
            }
        }
    }
}

/// The desktop's dialog, on the job's thread (rfd's dialogs block), opened in `start`.
fn native_dialog(purpose: &FilePurpose, start: &Path) -> Option<Vec<PathBuf>> {
    let new = || rfd::FileDialog::new().set_directory(start);
    match purpose {
        FilePurpose::Open { folder: true, .. } => new()
            .set_title("Open a folder of KPI data")
            .pick_folder()
            .map(|p| vec![p]),
        FilePurpose::Open { .. } => new()
            .set_title("Open KPI data")
            .add_filter("KPI data", &DATA_EXTENSIONS)
            .pick_files(),
        FilePurpose::Export { suggested, extension } => new()
            .set_title("Export")
            .set_file_name(suggested)
            .add_filter(*extension, &[*extension])
            .save_file()
            .map(|p| vec![p]),
        FilePurpose::SaveTargets { suggested } => new()
            .set_title("Save targets as")
            .set_file_name(suggested)
            .add_filter("CSV", &["csv"])
            .save_file()
            .map(|p| vec![p]),
        FilePurpose::Scores { suggested, .. } => new()
            .set_title("Export scores to")
            .set_file_name(suggested)
            .add_filter("Excel workbook", &["xlsx"])
            .save_file()
            .map(|p| vec![p]),
        FilePurpose::Index(super::panels::IndexFile::LoadWeights) => new()
            .set_title("Load index weights")
            .add_filter("CSV", &["csv"])
            .pick_file()
            .map(|p| vec![p]),
        FilePurpose::Index(file) => {
            let (suggested, extension) = file.suggested();
            new()
                .set_title("Save to")
                .set_file_name(suggested)
                .add_filter(extension, &[extension])
                .save_file()
                .map(|p| vec![p])
        }
        FilePurpose::OpenAnalysis => new()
            .set_title("Open analysis")
            .add_filter("cityprofile analysis", &[ANALYSIS_EXTENSION])
            .pick_file()
            .map(|p| vec![p]),
        FilePurpose::SaveAnalysis { suggested } => new()
            .set_title("Save analysis as")
            .set_file_name(suggested)
            .add_filter("cityprofile analysis", &[ANALYSIS_EXTENSION])
            .save_file()
            .map(|p| vec![p]),
        FilePurpose::Locate { name, folder: true } => new()
            .set_title(format!("Where is {name} now?"))
            .pick_folder()
            .map(|p| vec![p]),
        FilePurpose::Locate { name, .. } => new()
            .set_title(format!("Where is {name} now?"))
            .pick_file()
            .map(|p| vec![p]),
    }
}

/// Why the desktop's dialog cannot work here, if that can be told beforehand:
/// rfd needs a session bus (for the desktop portal) or the `zenity` program.
fn missing_desktop_dialog() -> Option<String> {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    (!bus && !zenity).then(|| "No desktop file dialog was found (neither the desktop portal nor zenity)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first save dialog starts beside the data (its folder, or the folder
    /// opened), not in the home folder; once a dialog ended somewhere, there.
    #[test]
    fn dialogs_start_beside_the_data_then_where_the_last_ended() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("values.csv");
        std::fs::write(&data, "x").expect("write");
        let mut dialogs = FileDialogs::default();
        dialogs.near_data(Some(&data));
        assert_eq!(dialogs.start_folder(), dir.path());
        let mut opened_folder = FileDialogs::default();
        opened_folder.near_data(Some(dir.path()));
        assert_eq!(opened_folder.start_folder(), dir.path());
        dialogs.last_folder = Some(PathBuf::from("/tmp"));
        dialogs.near_data(Some(&data));
        assert_eq!(dialogs.start_folder(), Path::new("/tmp"), "the last folder wins");
    }
}
