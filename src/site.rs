//! The output tree of a source, in memory: what `build` writes and `serve`
//! serves, so the two can never disagree.
//!
//! A page or JSON schedule gives one event's files at the top. A folder of
//! pages (a Jekyll site) gives each page with an event its own folder,
//! `all.ics` with every event's sessions, and an `index.html` listing them;
//! pages without an event are skipped and said so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::diag::Diagnostic;
use crate::model::Schedule;
use crate::output::BuildOutput;
use crate::source::Overrides;
use crate::{Error, RenderOptions, Result};

/// How to build a tree.
#[derive(Debug, Clone, Default)]
pub struct TreeOptions {
    /// The date and zone to read pages with, instead of theirs.
    pub overrides: Overrides,
    /// DTSTAMP for every calendar (`SOURCE_DATE_EPOCH`); else each
    /// page's [`crate::build_dtstamp`] (its file's modification time).
    pub dtstamp: Option<DateTime<Utc>>,
    /// Where the tree is served, ending in `/`; also each page's address
    /// for its UIDs when it has none of its own ([`crate::source::Naming`]).
    pub base_url: Option<String>,
    /// The right-hand side of every UID, instead of each site's host.
    pub uid_domain: Option<String>,
    /// Reminders before each timed deadline; `None` for the default (a week
    /// and a day before).
    pub reminders: Option<Vec<chrono::Duration>>,
    /// The folder the tree will be written to: a site inside which it lies
    /// does not read it back as pages.
    pub output: Option<PathBuf>,
}

impl TreeOptions {
    /// Render options with `dtstamp`, the base URL and the reminders.
    fn render(&self, dtstamp: DateTime<Utc>, base: Option<String>) -> RenderOptions {
        let mut render = RenderOptions::new(dtstamp);
        render.base_url = base;
        if let Some(r) = &self.reminders {
            render.reminders.clone_from(r);
        }
        render
    }
}

/// A built tree.
#[derive(Debug)]
pub enum Tree {
    /// One event at the top.
    Event(Box<EventTree>),
    /// A folder of pages.
    Site(SiteTree),
}

/// One event's files.
#[derive(Debug)]
pub struct EventTree {
    /// The schedule, with the page URL from the base URL when it had none.
    pub schedule: Schedule,
    /// What the source said along the way.
    pub diagnostics: Vec<Diagnostic>,
    /// The files.
    pub output: BuildOutput,
    /// The DTSTAMP they carry.
    pub dtstamp: DateTime<Utc>,
}

/// A site's files.
#[derive(Debug)]
pub struct SiteTree {
    /// The site's name: its title (`_config.yml`'s `title`, Hugo's
    /// `title`, MkDocs' `site_name`), else its folder's.
    pub name: String,
    /// Each page with an event: (folder name, its files).
    pub pages: Vec<(String, EventTree)>,
    /// Pages without an event, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files that were not read, with the reason: a page that cannot be
    /// read, a link to a file outside the site. Each is worth a warning.
    pub unread: Vec<(PathBuf, String)>,
    /// Pages left out of `all.ics` because an earlier page has their
    /// permalink (revisions of one page would repeat its UIDs).
    pub repeated: Vec<(String, String)>,
    /// `all.ics`.
    pub all: String,
    /// `deadlines.ics`: every page's deadlines, when any lists some.
    pub deadlines: Option<String>,
    /// `index.html`, listing the pages.
    pub index: String,
}

impl Tree {
    /// Builds the tree of `source`: a page, a JSON schedule or a folder of
    /// pages.
    ///
    /// # Errors
    ///
    /// If a single source cannot be used, or no page of a folder has an
    /// event.
    pub fn build(source: &Path, options: &TreeOptions) -> Result<Tree> {
        Tree::build_observed(source, options, |_| {})
    }

    /// [`Tree::build`], telling `observe` about each page of a site folder
    /// before it is read, so a long build can show how far it has come.
    ///
    /// # Errors
    ///
    /// As for [`Tree::build`].
    pub fn build_observed(
        source: &Path,
        options: &TreeOptions,
        observe: impl FnMut(PageProgress<'_>),
    ) -> Result<Tree> {
        if source.is_dir() {
            return SiteTree::build(source, options, observe).map(Tree::Site);
        }
        let base = options.base_url.clone();
        EventTree::build(source, options, base).map(|t| Tree::Event(Box::new(t)))
    }

    /// What the sources said while building: every page's diagnostics.
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        match self {
            Tree::Event(event) => event.diagnostics.iter().collect(),
            Tree::Site(site) => site.pages.iter().flat_map(|(_, p)| &p.diagnostics).collect(),
        }
    }

    /// Every file as (path relative to the top, bytes).
    pub fn files(&self) -> Vec<(String, &[u8])> {
        match self {
            Tree::Event(event) => event.output.files(),
            Tree::Site(site) => {
                let mut files = vec![
                    ("all.ics".to_owned(), site.all.as_bytes()),
                    ("index.html".to_owned(), site.index.as_bytes()),
                ];
                if let Some(d) = &site.deadlines {
                    files.push(("deadlines.ics".to_owned(), d.as_bytes()));
                }
                for (name, page) in &site.pages {
                    files.extend(
                        page.output.files().into_iter().map(|(f, b)| (format!("{name}/{f}"), b)),
                    );
                }
                files
            }
        }
    }

    /// Writes the tree under `dir`.
    ///
    /// The whole tree (a site's every page) is written to a staging folder
    /// first and moved into place only when every file is written, so an
    /// error leaves the old tree as it was; one build into a folder at a
    /// time (a second waits for the first).
    ///
    /// # Errors
    ///
    /// Any I/O error, naming the path; no file is left half-written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        match self {
            Tree::Event(event) => event.output.write(dir),
            Tree::Site(site) => {
                let mut staged = crate::staging::Staged::default();
                for (name, page) in &site.pages {
                    let page = page.output.staged(&format!("{name}/"));
                    staged.files.extend(page.files);
                    staged.whole.extend(page.whole);
                    staged.gone.extend(page.gone);
                }
                staged.files.push(("all.ics".to_owned(), site.all.as_bytes()));
                staged.files.push(("index.html".to_owned(), site.index.as_bytes()));
                match &site.deadlines {
                    Some(d) => staged.files.push(("deadlines.ics".to_owned(), d.as_bytes())),
                    None => staged.gone.push("deadlines.ics".to_owned()),
                }
                staged.write(dir)
            }
        }
    }
}

impl EventTree {
    /// The tree of one page or JSON schedule, served at `base`.
    ///
    /// # Errors
    ///
    /// If the source cannot be used.
    pub fn build(source: &Path, options: &TreeOptions, base: Option<String>) -> Result<EventTree> {
        let mut naming = crate::source::Naming::default();
        naming.base_url.clone_from(&base);
        naming.uid_domain.clone_from(&options.uid_domain);
        let loaded = crate::source::load_named(source, options.overrides, &naming)?;
        let (mut schedule, diagnostics) = (loaded.schedule, loaded.diagnostics);
        served_at(&mut schedule, base.as_deref());
        let dtstamp = options
            .dtstamp
            .unwrap_or_else(|| crate::build_dtstamp(&schedule, loaded.modified, clock()));
        let render = options.render(dtstamp, base);
        let output = BuildOutput::render(&schedule, &render)?;
        Ok(EventTree { schedule, diagnostics, output, dtstamp })
    }
}

/// The time now, to the second: only to keep a DTSTAMP from being later
/// than the moment it is written ([`crate::build_dtstamp`]).
fn clock() -> DateTime<Utc> {
    let since =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    DateTime::from_timestamp(i64::try_from(since.as_secs()).unwrap_or(0), 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
}

/// Makes the page symcal writes at `base` the event's page, unless the
/// source names one: the URL and "Details:" line of every event.
pub fn served_at(schedule: &mut Schedule, base: Option<&str>) {
    if schedule.url.is_none() {
        schedule.url = base.map(str::to_owned);
    }
}

/// How far a site build has come: the page about to be read.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PageProgress<'a> {
    /// The page's file.
    pub page: &'a Path,
    /// Pages read before this one.
    pub done: usize,
    /// Pages in the site.
    pub total: usize,
}

impl SiteTree {
    fn build(
        dir: &Path,
        options: &TreeOptions,
        mut observe: impl FnMut(PageProgress<'_>),
    ) -> Result<SiteTree> {
        let mut pages = Vec::new();
        let mut skipped = Vec::new();
        let walk = crate::walk::walk_site(dir, options.output.as_deref())?;
        let unread = walk.skipped;
        let total = walk.pages.len();
        for (done, crate::walk::SitePage { path: page, folder: name }) in
            walk.pages.into_iter().enumerate()
        {
            observe(PageProgress { page: &page, done, total });
            let base = options.base_url.as_ref().map(|b| format!("{b}{name}/"));
            match EventTree::build(&page, options, base) {
                Ok(tree) => pages.push((name, tree)),
                Err(e) => {
                    let why = e
                        .diagnostics()
                        .first()
                        .map_or_else(|| e.to_string(), |d| d.message.clone());
                    skipped.push((page, why));
                }
            }
        }
        if pages.is_empty() {
            return Err(Error::invalid(vec![
                Diagnostic::error(format!("no page in `{}` has an event", dir.display())).help(
                    "each page needs a date and times; `symcal check PAGE` says what is missing",
                ),
            ]));
        }
        let mut keys = BTreeSet::new();
        let mut combined = Vec::new();
        let mut repeated = Vec::new();
        for (name, page) in &pages {
            if keys.insert(page.schedule.key.clone()) {
                combined.push((&page.schedule, options.render(page.dtstamp, None)));
            } else {
                repeated.push((name.clone(), page.schedule.key.clone()));
            }
        }
        // the site's own title, else its folder's name
        let site_name = crate::source::site_title(dir).unwrap_or_else(|| {
            dir.file_name().map_or_else(|| "events".into(), |n| n.to_string_lossy().into_owned())
        });
        let all = crate::combined_feed_to_string(&site_name, &combined)?;
        let deadlines = crate::combined_deadlines_to_string(
            &crate::ical::deadlines_name(&site_name),
            &combined,
        )?;
        let entries: Vec<crate::html::SiteEntry<'_>> = pages
            .iter()
            .map(|(name, page)| crate::html::SiteEntry { folder: name, schedule: &page.schedule })
            .collect();
        let index =
            crate::html::site_index_html(&site_name, &entries, options.base_url.as_deref(), None);
        Ok(SiteTree { name: site_name, pages, skipped, unread, repeated, all, deadlines, index })
    }
}
