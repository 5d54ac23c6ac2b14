//! Work that must not block the frame: loading datasets and native file
//! dialogs run on threads and report back through channels.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::workspace::{Sources, Workspace, WorkspaceError};

/// Progress or result of a background load.
pub enum LoadMessage {
    Progress { done: usize, total: usize, file: String },
    Done(Box<Result<Workspace, WorkspaceError>>),
}

/// A running load.
pub struct LoadJob {
    pub receiver: Receiver<LoadMessage>,
    pub progress: (usize, usize, String),
}

impl LoadJob {
    /// Starts loading on a thread; `repaint` wakes the UI on every message.
    pub fn start(sources: Sources, repaint: Arc<dyn Fn() + Send + Sync>) -> LoadJob {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let progress_sender = sender.clone();
            let progress_repaint = repaint.clone();
            let result = Workspace::load(&sources, &mut |done, total, file| {
                let _ = progress_sender.send(LoadMessage::Progress {
                    done,
                    total,
                    file: file.to_string(),
                });
                progress_repaint();
            });
            let _ = sender.send(LoadMessage::Done(Box::new(result)));
            repaint();
        });
        LoadJob {
            receiver,
            progress: (0, 0, String::new()),
        }
    }

    /// The finished workspace, once there is one; updates progress meanwhile.
    pub fn poll(&mut self) -> Option<Result<Workspace, WorkspaceError>> {
        while let Ok(message) = self.receiver.try_recv() {
            match message {
                LoadMessage::Progress { done, total, file } => self.progress = (done, total, file),
                LoadMessage::Done(result) => return Some(*result),
            }
        }
        None
    }
}

/// A native file dialog on its own thread (rfd's dialogs block).
pub struct DialogJob {
    pub receiver: Receiver<Vec<PathBuf>>,
    pub add: bool,
}

impl DialogJob {
    pub fn start(add: bool, folder: bool, repaint: Arc<dyn Fn() + Send + Sync>) -> DialogJob {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new()
                .set_title(if folder {
                    "Open a folder of KPI data"
                } else {
                    "Open KPI data"
                })
                .add_filter("KPI data", &crate::import::DATA_EXTENSIONS);
            let picked = if folder {
                dialog.pick_folder().map(|p| vec![p])
            } else {
                dialog.pick_files()
            };
            let _ = sender.send(picked.unwrap_or_default());
            repaint();
        });
        DialogJob { receiver, add }
    }
}
