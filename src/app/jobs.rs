//! Work that must not block the frame (loading, exporting, the clipboard image,
//! native file dialogs) runs as a named background job. A job always ends: with
//! its result, or with an error when its thread panicked or vanished, so the UI
//! never waits for ever.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::model::panic_message;

/// Wakes the UI (egui's `request_repaint`), so a message is shown at once.
pub(crate) type Repaint = Arc<dyn Fn() + Send + Sync>;

/// Progress of a running job: (done, total, what is being worked on).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Progress {
    pub done: usize,
    pub total: usize,
    pub what: String,
}

enum Message<T> {
    Progress(Progress),
    Done(T),
    Failed(String),
}

/// What a job's thread uses to report progress.
pub(crate) struct ProgressSink<T> {
    sender: Sender<Message<T>>,
    repaint: Repaint,
}

impl<T> ProgressSink<T> {
    pub(crate) fn report(&self, done: usize, total: usize, what: &str) {
        let _ = self.sender.send(Message::Progress(Progress {
            done,
            total,
            what: what.to_string(),
        }));
        (self.repaint)();
    }
}

/// How a job stands.
#[derive(Debug)]
pub(crate) enum JobState<T> {
    Running,
    Done(T),
    Failed(String),
}

/// A running background job.
pub(crate) struct Job<T> {
    name: &'static str,
    receiver: Receiver<Message<T>>,
    progress: Progress,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `cityprofile-<name>`. A panic in `work`, or a
    /// thread that could not start, ends the job with an error.
    pub(crate) fn spawn(
        name: &'static str,
        repaint: Repaint,
        work: impl FnOnce(&ProgressSink<T>) -> T + Send + 'static,
    ) -> Job<T> {
        let (sender, receiver) = channel();
        let sink = ProgressSink {
            sender: sender.clone(),
            repaint: repaint.clone(),
        };
        let started = std::thread::Builder::new()
            .name(format!("cityprofile-{name}"))
            .spawn(move || {
                let message = match catch_unwind(AssertUnwindSafe(|| work(&sink))) {
                    Ok(result) => Message::Done(result),
                    Err(panic) => Message::Failed(panic_message(panic.as_ref())),
                };
                let _ = sink.sender.send(message);
                repaint();
            });
        if let Err(e) = started {
            let _ = sender.send(Message::Failed(format!("the thread could not start: {e}")));
        }
        Job {
            name,
            receiver,
            progress: Progress::default(),
        }
    }

    /// The latest progress reported.
    pub(crate) fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Takes the messages that arrived; a channel closed without a result is a failure.
    pub(crate) fn poll(&mut self) -> JobState<T> {
        loop {
            match self.receiver.try_recv() {
                Ok(Message::Progress(p)) => self.progress = p,
                Ok(Message::Done(result)) => return JobState::Done(result),
                Ok(Message::Failed(reason)) => return self.failed(reason),
                Err(TryRecvError::Empty) => return JobState::Running,
                Err(TryRecvError::Disconnected) => return self.failed("it stopped without a result".into()),
            }
        }
    }

    /// Blocks until the job ends (tests and headless use).
    pub(crate) fn wait(mut self) -> Result<T, String> {
        loop {
            match self.receiver.recv() {
                Ok(Message::Progress(p)) => self.progress = p,
                Ok(Message::Done(result)) => return Ok(result),
                Ok(Message::Failed(reason)) => return Err(self.describe(&reason)),
                Err(_) => return Err(self.describe("it stopped without a result")),
            }
        }
    }

    fn failed(&self, reason: String) -> JobState<T> {
        JobState::Failed(self.describe(&reason))
    }

    /// The failure as one sentence, also written to the log (stderr).
    fn describe(&self, reason: &str) -> String {
        let text = format!("The {} failed: {reason}", self.name);
        eprintln!("cityprofile: {text}");
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> Repaint {
        Arc::new(|| {})
    }

    fn wait_for<T: Send + 'static>(job: &mut Job<T>) -> JobState<T> {
        for _ in 0..2000 {
            match job.poll() {
                JobState::Running => std::thread::sleep(std::time::Duration::from_millis(1)),
                other => return other,
            }
        }
        JobState::Running
    }

    #[test]
    fn a_job_reports_progress_and_its_result() {
        let mut job = Job::spawn("load", quiet(), |sink| {
            sink.report(1, 2, "a.csv");
            42
        });
        assert!(matches!(wait_for(&mut job), JobState::Done(42)));
        assert_eq!(job.progress().what, "a.csv");
    }

    /// A panicking job ends with an error naming the job, instead of "Loading..." for ever.
    #[test]
    fn a_panicking_job_fails_loudly() {
        let mut job: Job<u8> = Job::spawn("load", quiet(), |_| panic!("disk on fire"));
        match wait_for(&mut job) {
            JobState::Failed(text) => assert!(text.contains("load failed: disk on fire"), "{text}"),
            other => panic!("{other:?}"),
        }
        let job: Job<u8> = Job::spawn("export", quiet(), |_| panic!("no room"));
        assert_eq!(job.wait().unwrap_err(), "The export failed: no room");
    }

    /// A channel closed without a result (the thread vanished) is a failure, not "still running".
    #[test]
    fn a_vanished_thread_is_a_failure() {
        let (sender, receiver) = channel::<Message<u8>>();
        drop(sender);
        let mut job = Job {
            name: "clipboard image",
            receiver,
            progress: Progress::default(),
        };
        assert!(matches!(job.poll(), JobState::Failed(t) if t.contains("stopped without a result")));
    }
}
