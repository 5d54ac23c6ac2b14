//! The `cityprofile` binary: parse the command line, run a command or the app.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cityprofile::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match cityprofile::cli::run(&cli, &mut stdout) {
        Some(code) => std::process::ExitCode::from(code),
        None => {
            eprintln!("the desktop app is not built yet; use `cityprofile validate` or `cityprofile score`");
            std::process::ExitCode::from(2)
        }
    }
}
