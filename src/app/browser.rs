//! The app's own file browser, for desktops without a file dialog service (or
//! by choice): a folder field where a path can be typed or pasted, the folder's
//! entries (folders first, data files only unless asked), and a file name field
//! when saving. Every field is labelled for screen readers. Hand-written: the
//! egui file-dialog crates for egui 0.37 leave their text fields unnamed.

use std::path::{Path, PathBuf};

use crate::import::DATA_EXTENSIONS;

/// What the browser picks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BrowseMode {
    /// Data files (several).
    OpenFiles,
    /// One folder (the one shown).
    OpenFolder,
    /// Where to save a file with this extension.
    Save { extension: &'static str },
}

/// How a browser ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Browsed {
    Chosen(Vec<PathBuf>),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    path: PathBuf,
    name: String,
    folder: bool,
}

/// An open file browser.
pub(crate) struct FileBrowser {
    mode: BrowseMode,
    title: &'static str,
    folder: PathBuf,
    /// The folder field (also takes a file's path).
    typed: String,
    entries: Result<Vec<Entry>, String>,
    selected: Vec<PathBuf>,
    /// The file name when saving.
    name: String,
    show_all: bool,
}

impl FileBrowser {
    pub(crate) fn new(mode: BrowseMode, title: &'static str, folder: PathBuf, name: String) -> FileBrowser {
        let mut browser = FileBrowser {
            mode,
            title,
            folder: PathBuf::new(),
            typed: String::new(),
            entries: Ok(Vec::new()),
            selected: Vec::new(),
            name,
            show_all: false,
        };
        browser.enter(folder);
        browser
    }

    /// The folder shown.
    pub(crate) fn folder(&self) -> &Path {
        &self.folder
    }

    /// Shows `folder`, listing it once (not on every frame).
    fn enter(&mut self, folder: PathBuf) {
        self.typed = folder.display().to_string();
        self.entries = list(&folder, &self.mode, self.show_all);
        self.folder = folder;
        self.selected.clear();
    }

    /// A typed path: a folder is entered, a file is chosen (or named, when saving).
    fn go_typed(&mut self) -> Option<Browsed> {
        let path = PathBuf::from(self.typed.trim());
        if path.is_dir() {
            self.enter(path);
            return None;
        }
        match (&self.mode, path.parent()) {
            (BrowseMode::Save { .. }, Some(parent)) if parent.is_dir() => {
                self.name = path.file_name()?.to_string_lossy().to_string();
                Some(Browsed::Chosen(vec![path]))
            }
            (BrowseMode::OpenFiles, _) if path.is_file() => Some(Browsed::Chosen(vec![path])),
            _ => {
                self.entries = Err(format!(
                    "{} is not a folder or a file that can be opened",
                    path.display()
                ));
                None
            }
        }
    }

    /// What the OK button would choose, if anything.
    fn choice(&self) -> Option<Vec<PathBuf>> {
        match &self.mode {
            BrowseMode::OpenFiles => (!self.selected.is_empty()).then(|| self.selected.clone()),
            BrowseMode::OpenFolder => Some(vec![self.folder.clone()]),
            BrowseMode::Save { .. } => {
                let name = self.name.trim();
                (!name.is_empty()).then(|| vec![self.folder.join(name)])
            }
        }
    }

    /// Draws the browser window; returns how it ended, once it has.
    pub(crate) fn ui(&mut self, ctx: &egui::Context) -> Option<Browsed> {
        let mut open = true;
        let mut ended = None;
        egui::Window::new(self.title)
            .id(egui::Id::unique("file_browser"))
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_size([620.0, 440.0])
            .show(ctx, |ui| ended = self.body_ui(ui));
        if !open {
            ended = Some(Browsed::Cancelled);
        }
        ended
    }

    fn body_ui(&mut self, ui: &mut egui::Ui) -> Option<Browsed> {
        let mut ended = self.folder_row_ui(ui);
        ui.separator();
        let list_height = (ui.available_height() - 70.0).max(120.0);
        egui::ScrollArea::vertical()
            .max_height(list_height)
            .auto_shrink([false, false])
            .show(ui, |ui| self.entries_ui(ui));
        ui.separator();
        if let BrowseMode::Save { .. } = self.mode {
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let field = ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0));
                field.labelled_by(label.id);
            });
        }
        ended = ended.or_else(|| self.buttons_ui(ui));
        ended
    }

    fn folder_row_ui(&mut self, ui: &mut egui::Ui) -> Option<Browsed> {
        let mut ended = None;
        ui.horizontal(|ui| {
            let up = self.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(up.is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above")
                .clicked()
                && let Some(up) = up
            {
                self.enter(up);
            }
            if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
                && ui.button("Home").clicked()
            {
                self.enter(home);
            }
            let label = ui.label("Folder");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.typed).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .on_hover_text("Type or paste a folder, or a file's full path, and press Enter");
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                ended = self.go_typed();
            }
        });
        ended
    }

    fn entries_ui(&mut self, ui: &mut egui::Ui) {
        let entries = match &self.entries {
            Ok(entries) => entries.clone(),
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, error);
                return;
            }
        };
        if entries.is_empty() {
            ui.weak("No folders or data files here.");
        }
        for entry in entries {
            let text = if entry.folder {
                format!("[folder]  {}", entry.name)
            } else {
                entry.name.clone()
            };
            let picked = self.selected.contains(&entry.path);
            let row = ui.selectable_label(picked, text);
            if entry.folder && (row.clicked() || row.double_clicked()) {
                self.enter(entry.path.clone());
                return;
            }
            if row.clicked() {
                self.pick(&entry);
            }
        }
    }

    fn pick(&mut self, entry: &Entry) {
        match self.mode {
            BrowseMode::OpenFiles => {
                if let Some(i) = self.selected.iter().position(|p| *p == entry.path) {
                    self.selected.remove(i);
                } else {
                    self.selected.push(entry.path.clone());
                }
            }
            BrowseMode::Save { .. } => self.name = entry.name.clone(),
            BrowseMode::OpenFolder => {}
        }
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui) -> Option<Browsed> {
        let mut ended = None;
        ui.horizontal(|ui| {
            if ui.checkbox(&mut self.show_all, "Show all files").changed() {
                self.entries = list(&self.folder, &self.mode, self.show_all);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Cancel").clicked() {
                    ended = Some(Browsed::Cancelled);
                }
                let (label, choice) = match self.mode {
                    BrowseMode::Save { .. } => ("Save here", self.choice()),
                    BrowseMode::OpenFolder => ("Open this folder", self.choice()),
                    BrowseMode::OpenFiles => ("Open", self.choice()),
                };
                if ui.add_enabled(choice.is_some(), egui::Button::new(label)).clicked()
                    && let Some(paths) = choice
                {
                    ended = Some(Browsed::Chosen(paths));
                }
                if let BrowseMode::OpenFiles = self.mode {
                    ui.weak(format!("{} chosen", crate::model::counted(self.selected.len(), "file")));
                }
            });
        });
        ended
    }
}

/// The folder's entries: folders first, then files (data files, or those with the
/// save extension, unless `all`), by name; hidden ones left out.
fn list(folder: &Path, mode: &BrowseMode, all: bool) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("Cannot list {}: {e}", folder.display()))?;
    let wanted = |path: &Path| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
        match mode {
            _ if all => true,
            BrowseMode::Save { extension } => ext == *extension,
            BrowseMode::OpenFolder => false,
            BrowseMode::OpenFiles => DATA_EXTENSIONS.contains(&ext.as_str()),
        }
    };
    let mut entries: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            let folder = path.is_dir();
            (!name.starts_with('.') && (folder || wanted(&path))).then_some(Entry { path, name, folder })
        })
        .collect();
    entries.sort_by_cached_key(|e| (!e.folder, e.name.to_lowercase()));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_and_data_files_only() {
        let dir = tempfile::tempdir().expect("dir");
        for name in ["b.csv", "a.xlsx", "notes.md", ".hidden.csv"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("z-folder")).expect("mkdir");
        let names = |all| -> Vec<String> {
            list(dir.path(), &BrowseMode::OpenFiles, all)
                .expect("listed")
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(names(false), ["z-folder", "a.xlsx", "b.csv"]);
        assert_eq!(names(true), ["z-folder", "a.xlsx", "b.csv", "notes.md"]);
        let mut browser = FileBrowser::new(BrowseMode::OpenFiles, "Open", dir.path().to_path_buf(), String::new());
        browser.typed = dir.path().join("b.csv").display().to_string();
        assert_eq!(
            browser.go_typed(),
            Some(Browsed::Chosen(vec![dir.path().join("b.csv")]))
        );
        browser.typed = dir.path().join("missing").display().to_string();
        assert_eq!(browser.go_typed(), None);
        assert!(browser.entries.is_err(), "a wrong path is said, not ignored");
    }
}
