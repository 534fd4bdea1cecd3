//! The command line: clap's view of the arguments, turned into a [`Config`]
//! that the library calls are made from. Only this module and `main` print.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use symcal::diag::{Diagnostic, Severity};
use symcal::output::{BuildOutput, write_atomic_with};
use symcal::{Loaded, RenderOptions};

/// Turn a symposium's schedule into calendars people actually use.
#[derive(Debug, Parser)]
#[command(name = "symcal", version, about)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write feed.ics, event.ics and sessions/*.ics for a schedule.
    Build {
        /// A JSON schedule.
        source: PathBuf,
        /// The folder to write to.
        #[arg(short = 'o', long = "output", default_value = "out")]
        output: PathBuf,
    },
    /// Write only the subscribable feed.
    Feed {
        /// A JSON schedule.
        source: PathBuf,
        /// The file to write, or `-` for standard output.
        #[arg(short = 'o', long = "output", default_value = "-")]
        output: PathBuf,
    },
    /// Report problems in a schedule without writing anything.
    Check {
        /// A JSON schedule.
        source: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
}

/// What to do, with every flag checked and every environment input read.
#[derive(Debug, PartialEq)]
struct Config {
    action: Action,
    source: PathBuf,
    /// From `SOURCE_DATE_EPOCH`, the reproducible-builds convention.
    dtstamp: Option<DateTime<Utc>>,
}

#[derive(Debug, PartialEq)]
enum Action {
    Build { dir: PathBuf },
    Feed { file: Option<PathBuf> },
    Check { strict: bool },
}

impl Config {
    fn from_args(args: Args, source_date_epoch: Option<&str>) -> anyhow::Result<Config> {
        let dtstamp = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                let secs: i64 = s.parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH `{s}` is not a whole number of seconds")
                })?;
                Some(
                    DateTime::from_timestamp(secs, 0)
                        .with_context(|| format!("SOURCE_DATE_EPOCH `{s}` is out of range"))?,
                )
            }
        };
        let (action, source) = match args.command {
            Command::Build { source, output } => (Action::Build { dir: output }, source),
            Command::Feed { source, output } => {
                let file = (output != Path::new("-")).then_some(output);
                (Action::Feed { file }, source)
            }
            Command::Check { source, strict } => (Action::Check { strict }, source),
        };
        if let Action::Build { dir } = &action
            && dir.is_file()
        {
            bail!("`{}` is a file; `build` writes a folder", dir.display());
        }
        Ok(Config { action, source, dtstamp })
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::from_args(args, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    let loaded = match symcal::load(&config.source) {
        Ok(loaded) => loaded,
        Err(e) if !e.diagnostics().is_empty() => {
            report(e.diagnostics());
            eprintln!("error: `{}` cannot be used; nothing was written", config.source.display());
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    report(&loaded.diagnostics);
    let Loaded { schedule, diagnostics } = loaded;
    let options =
        RenderOptions::new(config.dtstamp.unwrap_or_else(|| symcal::default_dtstamp(&schedule)));

    match config.action {
        Action::Check { strict } => {
            let warnings = diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count();
            eprintln!(
                "{}: {} sessions, {warnings} warning{}",
                config.source.display(),
                schedule.sessions.len(),
                if warnings == 1 { "" } else { "s" }
            );
            if strict && warnings > 0 {
                eprintln!("error: --strict: warnings count as errors");
                return Ok(ExitCode::FAILURE);
            }
        }
        Action::Build { dir } => {
            let built = BuildOutput::render(&schedule, &options);
            built.write(&dir)?;
            eprintln!(
                "wrote {}: feed.ics, event.ics and {} session files",
                dir.display(),
                built.sessions.len()
            );
        }
        Action::Feed { file: Some(file) } => {
            write_atomic_with(&file, |w| symcal::render_feed(&schedule, &options, w))?;
        }
        Action::Feed { file: None } => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let written =
                symcal::render_feed(&schedule, &options, &mut out).and_then(|()| out.flush());
            match written {
                // `symcal feed x.json | head` is a success, as for cat
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                other => other.context("writing to standard output")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(argv: &[&str], epoch: Option<&str>) -> anyhow::Result<Config> {
        Config::from_args(Args::try_parse_from(argv)?, epoch)
    }

    #[test]
    fn feed_defaults_to_stdout_and_dash_means_stdout() {
        let c = config(&["symcal", "feed", "s.json"], None).unwrap();
        assert_eq!(c.action, Action::Feed { file: None });
        let c = config(&["symcal", "feed", "s.json", "-o", "-"], None).unwrap();
        assert_eq!(c.action, Action::Feed { file: None });
        let c = config(&["symcal", "feed", "s.json", "-o", "f.ics"], None).unwrap();
        assert_eq!(c.action, Action::Feed { file: Some("f.ics".into()) });
    }

    #[test]
    fn build_defaults_to_out() {
        let c = config(&["symcal", "build", "s.json"], None).unwrap();
        assert_eq!(c.action, Action::Build { dir: "out".into() });
    }

    #[test]
    fn source_date_epoch_sets_dtstamp_and_is_checked() {
        let c = config(&["symcal", "check", "s.json"], Some("1767225600")).unwrap();
        assert_eq!(c.dtstamp.unwrap().to_rfc3339(), "2026-01-01T00:00:00+00:00");
        let err = config(&["symcal", "check", "s.json"], Some("yesterday")).unwrap_err();
        assert!(err.to_string().contains("SOURCE_DATE_EPOCH `yesterday`"));
    }
}
