//! `cityprofile PATH...`: as desktop programs do, paths with no command open the
//! app on them (datasets, or an analysis file). A word that is neither a command
//! nor an existing path still gets clap's error, with its suggestion.

use std::ffi::OsString;
use std::path::Path;

use clap::Parser;
use clap::error::ErrorKind;

use super::Cli;

/// The command line parsed, reading `cityprofile PATH...` as `cityprofile open PATH...`.
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let error = match Cli::try_parse_from(&args) {
        Ok(cli) => return Ok(cli),
        Err(e) if e.kind() == ErrorKind::InvalidSubcommand => e,
        Err(e) => return Err(e),
    };
    // The first existing path where `open` makes the line parse (an earlier one
    // may be an option's value, such as --targets FILE).
    let is_path = |a: &OsString| !a.to_string_lossy().starts_with('-') && Path::new(a).exists();
    for at in (1..args.len()).filter(|&i| is_path(&args[i])) {
        let mut with_open = args.clone();
        with_open.insert(at, "open".into());
        if let Ok(cli) = Cli::try_parse_from(&with_open) {
            return Ok(cli);
        }
    }
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Command;

    #[test]
    fn paths_without_a_command_open_the_app_and_other_words_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let (data, targets) = (dir.path().join("values.csv"), dir.path().join("targets.csv"));
        std::fs::write(&data, "x").expect("write");
        std::fs::write(&targets, "x").expect("write");
        let cli = parse_from([OsString::from("cityprofile"), data.clone().into()]).expect("parsed");
        assert!(matches!(&cli.command, Some(Command::Open { paths }) if paths == &vec![data.clone()]));
        let args = [
            "cityprofile".into(),
            "--targets".into(),
            targets.clone().into(),
            data.clone().into(),
        ];
        let cli = parse_from::<[OsString; 4], OsString>(args).expect("parsed");
        assert_eq!(cli.targets, vec![targets]);
        assert!(matches!(&cli.command, Some(Command::Open { paths }) if paths == &vec![data]));
        let typo = parse_from(["cityprofile", "scroe"]).expect_err("not a command");
        assert_eq!(typo.kind(), ErrorKind::InvalidSubcommand);
        assert!(typo.to_string().contains("score"), "suggests: {typo}");
        let missing = dir.path().join("gone.csv");
        let gone = parse_from([OsString::from("cityprofile"), missing.into()]).expect_err("no such path");
        assert_eq!(gone.kind(), ErrorKind::InvalidSubcommand);
    }
}
