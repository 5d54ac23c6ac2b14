//! The `cityprofile` binary: parse the command line, run a command or the app.

use cityprofile::cli::Cli;

fn main() -> std::process::ExitCode {
    // `cityprofile PATH...` opens the app on them, as desktop programs do.
    let cli = cityprofile::cli::parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit());
    let mut stdout = std::io::stdout().lock();
    if let Some(code) = cityprofile::cli::run(&cli, &mut stdout) {
        return std::process::ExitCode::from(code);
    }
    open_app(&cli)
}

#[cfg(feature = "gui")]
fn open_app(cli: &Cli) -> std::process::ExitCode {
    let mut paths = match &cli.command {
        Some(cityprofile::cli::Command::Open { paths }) => paths.clone(),
        _ => Vec::new(),
    };
    paths.extend(cli.analysis.clone());
    match cityprofile::app::run(paths, cli.sources(&[]), cli.scoring_given().then(|| cli.scoring())) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            eprintln!("hint: the headless commands (validate, score, export, catalogue) work without a display");
            std::process::ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_: &Cli) -> std::process::ExitCode {
    eprintln!("error: this build has no desktop app (built without the `gui` feature)");
    eprintln!("hint: the headless commands (validate, score, export, catalogue) work; see --help");
    std::process::ExitCode::from(2)
}
