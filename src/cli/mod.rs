//! The command line: clap's view of the arguments, turned into a [`Config`]
//! that the library calls are made from. Only this module and `main` print.

mod invite;
mod progress;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand};
use symcal::RenderOptions;
use symcal::diag::{Diagnostic, Severity};
use symcal::invite::state::State;
use symcal::output::{BuildOutput, write_atomic_with};
use symcal::site::{Tree, TreeOptions};
use symcal::source::Overrides;

/// Turn a symposium's schedule into calendars people actually use.
#[derive(Debug, Parser)]
#[command(name = "symcal", version, about)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write feed.ics, event.ics, sessions/*.ics and index.html (the
    /// subscribe page) for an event, and deadlines.ics when the page lists
    /// dates; for a site folder, each page into OUTPUT/<page>/ plus all.ics.
    Build {
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        identity: IdentityArgs,
        #[command(flatten)]
        reminders: ReminderArgs,
        /// The folder to write to.
        #[arg(short = 'o', long = "output", default_value = "out")]
        output: PathBuf,
        /// Track changes in this file: SEQUENCE and LAST-MODIFIED go up when
        /// an event changes (the same file `invite --state` uses).
        #[arg(long, value_name = "FILE")]
        state: Option<PathBuf>,
    },
    /// Write only the subscribable feed (feed.ics).
    Feed {
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        identity: IdentityArgs,
        /// The file to write, or `-` for standard output.
        #[arg(short = 'o', long = "output", default_value = "-")]
        output: PathBuf,
        /// Track changes in this file, as for `build`.
        #[arg(long, value_name = "FILE")]
        state: Option<PathBuf>,
    },
    /// Serve the build tree over HTTP, rebuilding it when the source changes.
    Serve {
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        identity: IdentityArgs,
        #[command(flatten)]
        reminders: ReminderArgs,
        /// The address and port to listen on: `127.0.0.1:8080`,
        /// `localhost:8080`, `[::1]:8080`.
        #[arg(long, default_value = "127.0.0.1:8080", value_parser = listen_addr)]
        addr: std::net::SocketAddr,
    },
    /// Email the whole event as an invitation (METHOD:REQUEST) to every
    /// registrant, and updates or cancellations as it changes.
    Invite {
        #[command(flatten)]
        source: SourceArgs,
        #[command(flatten)]
        identity: IdentityArgs,
        #[command(flatten)]
        invite: invite::InviteArgs,
    },
    /// Report problems in a schedule without writing anything.
    Check {
        #[command(flatten)]
        source: SourceArgs,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// `text`: the agenda as read, with the evidence for its zone, date
        /// and hours; `json`: the same, with the diagnostics, for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write the resolved schedule as JSON (docs/FORMAT.md).
    Import {
        #[command(flatten)]
        source: SourceArgs,
        // the schedule's id and uid_domain come from these, so they are kept
        #[command(flatten)]
        identity: IdentityArgs,
        /// The file to write, or `-` for standard output.
        #[arg(short = 'o', long = "output", default_value = "-")]
        output: PathBuf,
    },
}

/// How `check` shows what it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Where the schedule comes from, and what overrides the page.
#[derive(Debug, clap::Args)]
struct SourceArgs {
    /// An event page (Markdown `.md` or HTML `.html`), a JSON schedule
    /// (docs/FORMAT.md), or, for `build` and `serve`, a site folder of pages.
    source: PathBuf,
    /// The IANA time zone of the page's times, such as `Europe/London`.
    #[arg(long, value_name = "ZONE")]
    timezone: Option<String>,
    /// The event's date, `YYYY-MM-DD`, when the page gets it wrong.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Write a page whose reading fails a check (rows that gave no
    /// session, a session of many hours, an undecided am/pm), keeping the
    /// findings as warnings.
    #[arg(long)]
    accept_warnings: bool,
}

/// Where the output is published, which names its events: only the
/// commands that write calendars or the schedule's identity offer it.
#[derive(Debug, Default, clap::Args)]
struct IdentityArgs {
    /// The https:// address the output folder is served from: absolute
    /// links on index.html, the feed's SOURCE, and the events' URL when the
    /// source has none. A page that states no address of its own, on a site
    /// whose configuration gives none, takes its UIDs from it (set it once:
    /// changing it then changes those UIDs).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The right-hand side of every UID (`…@DOMAIN`), instead of the site's
    /// host (`url` in _config.yml, Hugo's `baseURL`, MkDocs' `site_url`) or
    /// `symcal`. Changing it changes every UID: set it once.
    #[arg(long, value_name = "DOMAIN")]
    uid_domain: Option<String>,
}

/// The reminders of deadlines.ics: only `build` and `serve` write it.
#[derive(Debug, Default, clap::Args)]
struct ReminderArgs {
    /// Reminders before each timed deadline in deadlines.ics, such as
    /// `7d,1d` (the default), `2d,3h`, or `none`.
    #[arg(long, value_name = "LIST")]
    reminders: Option<String>,
}

/// What to do, with every flag checked and every environment input read.
#[derive(Debug, PartialEq)]
struct Config {
    action: Action,
    source: PathBuf,
    overrides: Overrides,
    /// From `SOURCE_DATE_EPOCH`, the reproducible-builds convention.
    dtstamp: Option<DateTime<Utc>>,
    /// The change-tracking file.
    state: Option<PathBuf>,
    /// `--base-url`, checked and ending in `/`.
    base_url: Option<String>,
    /// `--uid-domain`, checked and in lower case.
    uid_domain: Option<String>,
    /// `--reminders`; `None` for the default.
    reminders: Option<Vec<chrono::Duration>>,
}

#[derive(Debug, PartialEq)]
enum Action {
    Build { dir: PathBuf },
    Feed { file: Option<PathBuf> },
    Check { strict: bool, format: Format },
    Import { file: Option<PathBuf> },
    Invite(invite::Invite),
    Serve { addr: std::net::SocketAddr },
}

impl Config {
    fn from_args(args: Args, source_date_epoch: Option<&str>) -> anyhow::Result<Config> {
        let dtstamp = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                let secs: i64 = s.parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH `{s}` is not a whole number of seconds")
                })?;
                let stamp = DateTime::from_timestamp(secs, 0)
                    .filter(|t| (1..=9999).contains(&chrono::Datelike::year(t)))
                    .with_context(|| {
                        format!(
                            "SOURCE_DATE_EPOCH `{s}` is out of range: calendars hold the years 1 to 9999 (up to 253402300799)"
                        )
                    })?;
                Some(stamp)
            }
        };
        let to_file = |output: PathBuf| (output != Path::new("-")).then_some(output);
        let none = || (IdentityArgs::default(), ReminderArgs::default());
        let (action, source, state, (identity, reminders)) = match args.command {
            Command::Build { source, identity, reminders, output, state } => {
                (Action::Build { dir: output }, source, state, (identity, reminders))
            }
            Command::Feed { source, identity, output, state } => (
                Action::Feed { file: to_file(output) },
                source,
                state,
                (identity, ReminderArgs::default()),
            ),
            Command::Check { source, strict, format } => {
                (Action::Check { strict, format }, source, None, none())
            }
            Command::Import { source, identity, output } => (
                Action::Import { file: to_file(output) },
                source,
                None,
                (identity, ReminderArgs::default()),
            ),
            Command::Serve { source, identity, reminders, addr } => {
                (Action::Serve { addr }, source, None, (identity, reminders))
            }
            Command::Invite { source, identity, invite } => {
                let (invite, state) = invite.into_config()?;
                (Action::Invite(invite), source, Some(state), (identity, ReminderArgs::default()))
            }
        };
        let zone = match source.timezone.as_deref() {
            None => None,
            Some(name) => Some(name.parse::<chrono_tz::Tz>().map_err(|_| {
                anyhow::anyhow!("`--timezone {name}` is not an IANA time zone; use a name such as `Europe/London`")
            })?),
        };
        let date = match source.date.as_deref() {
            None => None,
            Some(text) => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                anyhow::anyhow!("`--date {text}` is not a date; write it as `2025-06-30`")
            })?),
        };
        let mut overrides = Overrides::default();
        overrides.date = date;
        overrides.zone = zone;
        overrides.accept_findings = source.accept_warnings;
        let base_url = identity.base_url.as_deref().map(base_url).transpose()?;
        let uid_domain = identity.uid_domain.as_deref().map(uid_domain).transpose()?;
        let reminders = reminders.reminders.as_deref().map(self::reminders).transpose()?;
        let source = source.source;
        if let Action::Build { dir } = &action
            && dir.is_file()
        {
            bail!("`{}` is a file; `build` writes a folder", dir.display());
        }
        if source.is_dir() && !matches!(action, Action::Build { .. } | Action::Serve { .. }) {
            bail!(
                "`{}` is a folder; only `symcal build` and `symcal serve` take a folder of pages",
                source.display()
            );
        }
        if source.is_dir() && state.is_some() {
            bail!("`--state` tracks one event; build the pages one at a time to use it");
        }
        Ok(Config { action, source, overrides, dtstamp, state, base_url, uid_domain, reminders })
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::from_args(args, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    if let Some(warning) = config.base_url.as_deref().and_then(plain_http_warning) {
        eprintln!("warning: {warning}");
    }
    if let Action::Build { dir } = &config.action
        && config.source.is_dir()
    {
        return build_site(&config, dir);
    }
    if let Action::Serve { addr } = config.action {
        return serve(&config, addr);
    }
    let json = matches!(config.action, Action::Check { format: Format::Json, .. });
    let result = symcal::source::load_named(&config.source, config.overrides, &config.naming());
    if json && let Err(e) = &result {
        // the refusal, for tools: the diagnostics and no sessions
        let value = serde_json::json!({
            "error": true,
            "diagnostics": symcal::agenda::diagnostics_json(e.diagnostics()),
            "sessions": [],
        });
        write_stdout((serde_json::to_string_pretty(&value)? + "\n").as_bytes())?;
    }
    let loaded = match usable(
        result,
        &format!("`{}` cannot be used; nothing was written", config.source.display()),
    )? {
        Ok(loaded) => loaded,
        Err(failed) => return Ok(failed),
    };
    if !json {
        report(&loaded.diagnostics);
    }
    // what every renderer checks, said once with its fields (a page's
    // schedule has not been through it yet)
    if let Err(failed) = usable(
        loaded.schedule.validate().map(drop),
        &format!("`{}` cannot be used; nothing was written", config.source.display()),
    )? {
        return Ok(failed);
    }
    let reading = loaded.reading;
    let diagnostics = loaded.diagnostics;
    let modified = loaded.modified;
    let mut schedule = loaded.schedule;
    symcal::site::served_at(&mut schedule, config.base_url.as_deref());
    // SOURCE_DATE_EPOCH, else the state's last change (below), else the
    // file's modification time, never later than now (docs/FORMAT.md)
    let mut options = RenderOptions::new(
        config.dtstamp.unwrap_or_else(|| symcal::build_dtstamp(&schedule, modified, config.now())),
    );
    options.base_url.clone_from(&config.base_url);
    if let Some(r) = &config.reminders {
        options.reminders.clone_from(r);
    }
    let mut tracked = None;
    let mut _lock = None;
    if let (Some(path), Action::Build { .. } | Action::Feed { .. }) =
        (&config.state, &config.action)
    {
        // an invite run on the same state must not interleave with this one
        _lock = match usable(symcal::invite::lock::StateLock::acquire(path), "nothing was written")?
        {
            Ok(lock) => Some(lock),
            Err(failed) => return Ok(failed),
        };
        let mut state = State::load(path)?;
        if let Err(failed) =
            usable(state.served_at(config.base_url.as_deref(), path), "nothing was written")?
        {
            return Ok(failed);
        }
        options.revisions = state.track(&schedule, &options, config.now());
        if let Err(failed) =
            usable(state.refuse_cancelled(&schedule, &options, path), "nothing was written")?
        {
            return Ok(failed);
        }
        if config.dtstamp.is_none()
            && let Some(changed) = state.last_change()
        {
            options.dtstamp = changed;
        }
        tracked = Some((state, path));
    }

    let now = config.now();
    match config.action {
        Action::Check { strict, format } => {
            let warnings = diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count();
            match format {
                Format::Text => write_stdout(symcal::agenda::text(&schedule, &reading).as_bytes())?,
                Format::Json => write_stdout(
                    symcal::agenda::json(&schedule, &reading, &diagnostics).as_bytes(),
                )?,
            }
            let mut read = counted(schedule.sessions.len(), "session");
            if schedule.sessions.is_empty()
                && let Some(days) = schedule.all_day()
            {
                read = if days.first == days.last {
                    format!("an all-day event on {}", days.first)
                } else {
                    format!("an all-day event from {} to {}", days.first, days.last)
                };
            } else if schedule.sessions.is_empty() {
                read = "no event date yet".into();
            }
            if !schedule.deadlines.is_empty() {
                read.push_str(&format!(", {}", counted(schedule.deadlines.len(), "deadline")));
            }
            eprintln!(
                "{}: {read}, {warnings} warning{}",
                config.source.display(),
                if warnings == 1 { "" } else { "s" }
            );
            if strict && warnings > 0 {
                eprintln!("error: --strict: warnings count as errors");
                return Ok(ExitCode::FAILURE);
            }
        }
        Action::Build { dir } => {
            let built = BuildOutput::render(&schedule, &options)?;
            built.write(&dir)?;
            let mut names: Vec<String> = built
                .files()
                .iter()
                .map(|(name, _)| name.clone())
                .filter(|n| !n.starts_with("sessions/"))
                .collect();
            names.push(format!("{} session files", built.sessions.len()));
            eprintln!("wrote {}: {}", dir.display(), names.join(", "));
        }
        Action::Import { file: Some(file) } => {
            symcal::output::write_atomic(&file, symcal::source::json::write(&schedule).as_bytes())?;
        }
        Action::Import { file: None } => {
            write_stdout(symcal::source::json::write(&schedule).as_bytes())?;
        }
        Action::Feed { .. } if !schedule.has_event() => {
            eprintln!(
                "error: `{}` gives no event date yet, only deadlines: there is no feed; `symcal build` writes them to deadlines.ics",
                config.source.display()
            );
            return Ok(ExitCode::FAILURE);
        }
        Action::Feed { file: Some(file) } => {
            write_atomic_with(&file, |w| symcal::render_feed(&schedule, &options, w))?;
        }
        Action::Feed { file: None } => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let written =
                symcal::render_feed(&schedule, &options, &mut out).and_then(|()| out.flush());
            ignore_broken_pipe(written)?;
        }
        Action::Serve { .. } => unreachable!("served above"),
        Action::Invite(invite) => {
            let state = config.state.as_deref().expect("invite always has a state path");
            return invite::run(&invite, &schedule, state, config.base_url.as_deref(), now);
        }
    }
    // saved after the calendars, so a failed write does not advance SEQUENCE
    if let Some((state, path)) = tracked {
        state.save(path)?;
    }
    Ok(ExitCode::SUCCESS)
}

impl Config {
    /// `--base-url` and `--uid-domain`, for the source's identity.
    fn naming(&self) -> symcal::source::Naming {
        let mut naming = symcal::source::Naming::default();
        naming.base_url.clone_from(&self.base_url);
        naming.uid_domain.clone_from(&self.uid_domain);
        naming
    }

    /// The time changes are stamped with: `SOURCE_DATE_EPOCH` when set (for
    /// reproducible runs), else the clock. Only change tracking reads it;
    /// calendars without `--state` never depend on when they were made.
    fn now(&self) -> DateTime<Utc> {
        self.dtstamp.unwrap_or_else(|| {
            let since = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            DateTime::from_timestamp(since.as_secs() as i64, 0).unwrap_or(DateTime::UNIX_EPOCH)
        })
    }
}

/// `symcal build SITE_DIR -o OUT`: every page with an event into
/// `OUT/<page>/`, all their sessions in `OUT/all.ics`, and an index. Pages
/// with no event are listed and skipped.
fn build_site(config: &Config, out: &Path) -> anyhow::Result<ExitCode> {
    let options = tree_options(config);
    let mut progress = None;
    let built = symcal::site::Tree::build_observed(&config.source, &options, |at| {
        let bar =
            progress.get_or_insert_with(|| progress::Progress::new(at.total, "reading pages"));
        bar.at(at.done, &at.page.display().to_string());
    });
    drop(progress);
    let site = match usable(built, &format!("`{}`: nothing was written", config.source.display()))?
    {
        Ok(Tree::Site(site)) => site,
        Ok(Tree::Event(_)) => unreachable!("a folder builds a site"),
        Err(failed) => return Ok(failed),
    };
    for (name, page) in &site.pages {
        report(&page.diagnostics);
        eprintln!("built {name}: {}", counted(page.schedule.sessions.len(), "session"));
    }
    for (page, why) in &site.skipped {
        eprintln!("skipped {}: {why}", page.display());
    }
    for (page, why) in &site.unread {
        eprintln!("warning: skipped {}: {why}", page.display());
    }
    for (name, key) in &site.repeated {
        eprintln!(
            "warning: `{name}` has the same permalink as an earlier page (`{key}`); left out of all.ics"
        );
    }
    let pages = site.pages.len();
    let in_all = pages - site.repeated.len();
    Tree::Site(site).write(out)?;
    eprintln!("wrote {}: {pages} pages; all.ics has the sessions of {in_all}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// `symcal serve`: logs to standard error (`RUST_LOG` sets the level; each
/// request is logged at debug).
/// `1 session`, `3 sessions`.
fn counted(n: usize, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}

/// `--addr`: an address and port, or a host name and port (`localhost:8080`),
/// an IPv4 address first where the name has both.
fn listen_addr(text: &str) -> Result<std::net::SocketAddr, String> {
    use std::net::ToSocketAddrs as _;
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let refused = || {
        format!(
            "`--addr {text}` is not a host and port; write it as 127.0.0.1:8080 or localhost:8080"
        )
    };
    let found: Vec<std::net::SocketAddr> = text.to_socket_addrs().map_err(|_| refused())?.collect();
    found.iter().find(|a| a.is_ipv4()).or(found.first()).copied().ok_or_else(refused)
}

fn serve(config: &Config, addr: std::net::SocketAddr) -> anyhow::Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal as _;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .init();
    let limits = match std::env::var(LIMITS_VARIABLE) {
        Ok(spec) => serve_limits(&spec)?,
        Err(_) => symcal::serve::Limits::default(),
    };
    let options = symcal::serve::ServeOptions {
        source: config.source.clone(),
        addr,
        tree: tree_options(config),
        limits,
    };
    let served = symcal::serve::run(options);
    match usable(served, &format!("`{}` cannot be served", config.source.display()))? {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(failed) => Ok(failed),
    }
}

/// Overrides `serve`'s limits, for tests that need a short timeout or a
/// small connection cap: `read=2,write=1,lifetime=60,connections=3,per_client=2`
/// (seconds, fractions allowed; any subset).
const LIMITS_VARIABLE: &str = "SYMCAL_SERVE_LIMITS";

/// The limits `spec` (the value of [`LIMITS_VARIABLE`]) sets, over the
/// defaults.
fn serve_limits(spec: &str) -> anyhow::Result<symcal::serve::Limits> {
    let mut limits = symcal::serve::Limits::default();
    for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let bad = || {
            anyhow::anyhow!(
                "`{item}` in {LIMITS_VARIABLE} is not a limit; write read=SECONDS, write=SECONDS, lifetime=SECONDS, connections=COUNT or per_client=COUNT"
            )
        };
        let (key, value) = item.split_once('=').ok_or_else(bad)?;
        let seconds = || {
            value
                .parse::<f64>()
                .ok()
                .and_then(|s| std::time::Duration::try_from_secs_f64(s).ok())
                .filter(|d| !d.is_zero())
                .ok_or_else(bad)
        };
        let count = || value.parse().ok().filter(|&n: &usize| n > 0).ok_or_else(bad);
        match key {
            "read" => limits.read_timeout = seconds()?,
            "write" => limits.write_timeout = seconds()?,
            "lifetime" => limits.lifetime = seconds()?,
            "connections" => limits.max_connections = count()?,
            "per_client" => limits.max_per_client = count()?,
            _ => return Err(bad()),
        }
    }
    Ok(limits)
}

fn tree_options(config: &Config) -> TreeOptions {
    TreeOptions {
        overrides: config.overrides,
        dtstamp: config.dtstamp,
        base_url: config.base_url.clone(),
        uid_domain: config.uid_domain.clone(),
        reminders: config.reminders.clone(),
        output: match &config.action {
            Action::Build { dir } => Some(dir.clone()),
            _ => None,
        },
    }
}

/// `--uid-domain`: a host name, in lower case.
fn uid_domain(text: &str) -> anyhow::Result<String> {
    let domain = text.trim().to_ascii_lowercase();
    if !symcal::ical::is_uid_domain(&domain) {
        bail!(
            "`--uid-domain {text}` is not a domain; write a host name such as `faimi.org` (letters, digits, `-` and `.`)"
        );
    }
    Ok(domain)
}

/// `--reminders`: `none`, or durations such as `7d,1d,2h,30m`.
fn reminders(text: &str) -> anyhow::Result<Vec<chrono::Duration>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let (number, unit) = part.split_at(part.len().saturating_sub(1));
            let n: u32 = number.parse().ok().filter(|&n| n > 0).with_context(|| {
                format!("`--reminders {text}`: `{part}` is not a duration; write `7d`, `12h` or `30m`, or `none`")
            })?;
            let n = i64::from(n);
            match unit {
                "d" => Ok(chrono::Duration::days(n.min(366))),
                "h" => Ok(chrono::Duration::hours(n.min(366 * 24))),
                "m" => Ok(chrono::Duration::minutes(n.min(366 * 24 * 60))),
                _ => bail!("`--reminders {text}`: `{part}` has no unit; write `7d`, `12h` or `30m`"),
            }
        })
        .collect()
}

/// `--base-url`: an absolute http(s) URL of a folder, so it ends in `/`.
///
/// A user name or password in it is refused, not stripped: the base URL is
/// written into every public file (the feed's SOURCE, each event's URL,
/// the page's links), so credentials there would be published; stripping
/// them with a warning would publish links that do not work, and the
/// warning is easily missed in a script (issue 18).
fn base_url(text: &str) -> anyhow::Result<String> {
    if let Some((scheme, rest)) = text.split_once("://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if let Some((_, host)) = authority.rsplit_once('@') {
            let after = &rest[authority.len()..];
            bail!(
                "`--base-url {scheme}://***@{host}{after}` holds a user name or password, which would be published in every calendar and page; give the public address (`{scheme}://{host}{after}`): a site that needs a login should be published without it"
            );
        }
    }
    let lower = text.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://"))
        || text.contains(['?', '#'])
        || text.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\`{}|^".contains(c))
        || text.split("://").nth(1).is_none_or(|rest| rest.is_empty() || rest.starts_with('/'))
    {
        bail!(
            "`--base-url {text}` is not the http(s) address of a folder; write it as https://example.org/calendars/"
        );
    }
    Ok(if text.ends_with('/') { text.to_owned() } else { format!("{text}/") })
}

/// An `http://` base URL away from this machine: Apple Calendar on iOS
/// subscribes only over HTTPS, and the links would carry it. A loopback
/// address is a local test, said nothing about.
fn plain_http_warning(url: &str) -> Option<String> {
    let rest = url.get(..7).filter(|s| s.eq_ignore_ascii_case("http://")).map(|_| &url[7..])?;
    let authority = rest.split('/').next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    let local = host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    (!local).then(|| {
        format!(
            "--base-url {url} is plain http: Apple Calendar on iOS subscribes only over HTTPS, and some clients refuse webcal:// links to it; serve the folder over https:// and give that address"
        )
    })
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    ignore_broken_pipe(out.write_all(bytes).and_then(|()| out.flush()))
}

/// `symcal feed x.json | head` is a success, as for cat.
fn ignore_broken_pipe(written: io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

/// A library result, with an unusable input turned into its printed
/// diagnostics, `then` (what that means for the run) and a failing exit
/// code; other errors pass through.
fn usable<T>(result: symcal::Result<T>, then: &str) -> anyhow::Result<Result<T, ExitCode>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(e) if !e.diagnostics().is_empty() => {
            report(e.diagnostics());
            eprintln!("error: {then}");
            Ok(Err(ExitCode::FAILURE))
        }
        Err(e) => Err(e.into()),
    }
}

/// Prints diagnostics, at most [`symcal::SHOWN`] of them: a file with
/// a million bad rows must not print a million messages.
fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics.iter().take(symcal::SHOWN) {
        eprintln!("{d}\n");
    }
    if diagnostics.len() > symcal::SHOWN {
        eprintln!("… and {} more\n", diagnostics.len() - symcal::SHOWN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(argv: &[&str], epoch: Option<&str>) -> anyhow::Result<Config> {
        Config::from_args(Args::try_parse_from(argv)?, epoch)
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(counted(1, "session"), "1 session");
        assert_eq!(counted(0, "deadline"), "0 deadlines");
        assert_eq!(counted(3, "session"), "3 sessions");
    }

    #[test]
    fn serve_listens_on_a_host_name_as_on_an_address() {
        let addr = listen_addr("localhost:8080").unwrap();
        assert_eq!(addr.port(), 8080);
        assert!(addr.ip().is_loopback());
        assert_eq!(listen_addr("127.0.0.1:9").unwrap().to_string(), "127.0.0.1:9");
        assert_eq!(listen_addr("[::1]:9").unwrap().to_string(), "[::1]:9");
        let e = listen_addr("localhost").unwrap_err();
        assert!(e.contains("`--addr localhost` is not a host and port"), "{e}");
        let c = config(&["symcal", "serve", "s.json", "--addr", "localhost:8181"], None).unwrap();
        assert!(matches!(c.action, Action::Serve { addr } if addr.port() == 8181));
    }

    #[test]
    fn serve_limits_override_the_defaults_one_by_one() {
        let d = symcal::serve::Limits::default();
        assert_eq!(serve_limits("").unwrap(), d);
        let l = serve_limits("read=2, write=0.5,connections=3,per_client=1").unwrap();
        assert_eq!(l.read_timeout, std::time::Duration::from_secs(2));
        assert_eq!(l.write_timeout, std::time::Duration::from_millis(500));
        assert_eq!((l.max_connections, l.max_per_client, l.lifetime), (3, 1, d.lifetime));
        for bad in ["read", "read=0", "read=-1", "connections=0", "speed=3", "write=soon"] {
            let e = serve_limits(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("`{bad}` in SYMCAL_SERVE_LIMITS")), "{e}");
        }
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
    fn overrides_are_checked_and_parsed() {
        let c = config(
            &["symcal", "check", "p.md", "--timezone", "Europe/Athens", "--date", "2024-05-30"],
            None,
        )
        .unwrap();
        assert_eq!(c.overrides.zone, Some(chrono_tz::Europe::Athens));
        assert_eq!(c.overrides.date, NaiveDate::from_ymd_opt(2024, 5, 30));
        let err = config(&["symcal", "build", "p.md", "--timezone", "BST"], None).unwrap_err();
        assert!(err.to_string().contains("`--timezone BST` is not an IANA time zone"), "{err}");
        let err = config(&["symcal", "build", "p.md", "--date", "30/06/2025"], None).unwrap_err();
        assert!(err.to_string().contains("write it as `2025-06-30`"), "{err}");
        let c = config(&["symcal", "import", "p.md", "-o", "s.json"], None).unwrap();
        assert_eq!(c.action, Action::Import { file: Some("s.json".into()) });
    }

    #[test]
    fn invite_needs_one_destination_and_a_state_to_send() {
        let base = ["symcal", "invite", "p.md", "--attendees", "r.csv"];
        let with = |extra: &[&str]| {
            let argv: Vec<&str> = base.iter().chain(extra).copied().collect();
            config(&argv, None)
        };
        let c = with(&["-o", "outbox"]).unwrap();
        assert_eq!(c.state, Some(PathBuf::from("outbox/symcal-state.json")));
        let c = with(&["-o", "outbox", "--state", "s.json"]).unwrap();
        assert_eq!(c.state, Some(PathBuf::from("s.json")));
        let err = with(&["--send", "smtp://127.0.0.1:25"]).unwrap_err();
        assert!(err.to_string().contains("--send needs --state"), "{err}");
        assert!(with(&["--send", "smtp://127.0.0.1:25", "--state", "s.json"]).is_ok());
        let err = with(&[]).unwrap_err().to_string();
        assert!(err.contains("--output <OUTBOX>") && err.contains("--send <URL>"), "{err}");
        assert!(with(&["-o", "outbox", "--send", "smtp://h"]).is_err(), "both");
    }

    #[test]
    fn base_url_is_an_http_folder() {
        assert_eq!(base_url("https://faimi.org/cal").unwrap(), "https://faimi.org/cal/");
        assert_eq!(base_url("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080/");
        for bad in [
            "faimi.org/cal",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://x/?a=1",
            "https://x/#f",
            "https://x/\"<y>",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
        for secret in
            ["https://me:hunter2@x.org/cal/", "https://me@x.org/", "http://:hunter2@x.org"]
        {
            let e = base_url(secret).unwrap_err().to_string();
            assert!(e.contains("holds a user name or password") && !e.contains("hunter2"), "{e}");
        }
        // an `@` in the path is no credential
        assert_eq!(base_url("https://x.org/@team/").unwrap(), "https://x.org/@team/");
    }

    #[test]
    fn plain_http_is_warned_about_unless_local() {
        for local in ["http://127.0.0.1:8080/", "http://localhost/cal/", "http://[::1]:9/"] {
            assert_eq!(plain_http_warning(local), None, "{local}");
        }
        assert_eq!(plain_http_warning("https://faimi.org/cal/"), None);
        let w = plain_http_warning("http://faimi.org/cal/").unwrap();
        assert!(w.contains("iOS") && w.contains("https://"), "{w}");
        assert!(plain_http_warning("HTTP://192.0.2.1:8080/").is_some());
    }

    #[test]
    fn each_command_offers_only_the_flags_that_change_its_output() {
        let refused = |argv: &[&str]| Args::try_parse_from(argv).is_err();
        assert!(refused(&["symcal", "check", "p.md", "--base-url", "https://x.org/"]));
        assert!(refused(&["symcal", "check", "p.md", "--reminders", "none"]));
        assert!(refused(&["symcal", "import", "p.md", "--reminders", "none"]));
        assert!(refused(&["symcal", "feed", "p.md", "--reminders", "none"]));
        assert!(refused(&[
            "symcal",
            "invite",
            "p.md",
            "--attendees",
            "a.csv",
            "-o",
            "x",
            "--reminders",
            "none"
        ]));
        let c =
            config(&["symcal", "import", "p.md", "--base-url", "https://x.org/a"], None).unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://x.org/a/"));
        let c = config(&["symcal", "build", "p.md", "--reminders", "2d"], None).unwrap();
        assert_eq!(c.reminders, Some(vec![chrono::Duration::days(2)]));
        let c = config(&["symcal", "serve", "p.md", "--reminders", "none"], None).unwrap();
        assert_eq!(c.reminders, Some(vec![]));
    }

    #[test]
    fn help_names_every_kind_of_source_and_every_file_build_writes() {
        use clap::CommandFactory;
        let mut command = Args::command();
        let build = command.find_subcommand_mut("build").unwrap().render_long_help().to_string();
        for named in
            ["index.html", "deadlines.ics", "all.ics", ".html", ".md", "JSON", "site folder"]
        {
            assert!(build.contains(named), "build --help lacks {named}:\n{build}");
        }
    }

    #[test]
    fn uid_domain_is_a_host_name() {
        let c = config(&["symcal", "build", "p.md", "--uid-domain", "Calendars.Lab.ORG"], None);
        assert_eq!(c.unwrap().uid_domain.as_deref(), Some("calendars.lab.org"));
        for bad in ["a b", "x@y.org", "https://x.org/", "", ".org"] {
            let err = config(&["symcal", "build", "p.md", "--uid-domain", bad], None).unwrap_err();
            assert!(err.to_string().contains("is not a domain"), "{bad}: {err}");
        }
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
        // issue 18: a DTSTAMP in the year 10000 made an invalid calendar
        assert!(config(&["symcal", "check", "s.json"], Some("253402300799")).is_ok());
        let err = config(&["symcal", "check", "s.json"], Some("253402300800")).unwrap_err();
        assert!(err.to_string().contains("years 1 to 9999"), "{err}");
    }
}
