//! The `cityprofile` binary: parse the command line, run a command or the app.

use clap::Parser;

use cityprofile::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    if let Some(code) = cityprofile::cli::run(&cli, &mut stdout) {
        return std::process::ExitCode::from(code);
    }
    let paths = match &cli.command {
        Some(Command::Open { paths }) => paths.clone(),
        _ => Vec::new(),
    };
    match cityprofile::app::run(paths, cli.sources(&[])) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            eprintln!("hint: the headless commands (validate, score, catalogue) work without a display");
            std::process::ExitCode::from(1)
        }
    }
}
