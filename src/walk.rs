//! The pages of a site folder as sites are really laid out: Jekyll's
//! `<slug>/index.md`, `_pages/` and `_posts/`, Hugo's `content/`, MkDocs'
//! `docs/`, or a flat folder of pages.
//!
//! Build output, templates, dependencies and hidden folders are not pages
//! (`_site/`, `_layouts/`, `_includes/`, `layouts/`, `themes/`,
//! `node_modules/`, `vendor/`, `.git/`). Each page's output folder comes
//! from its permalink, else its path, made of slugs only, so no page can
//! name a folder outside the output; two pages with one folder are an error
//! that names both, and so is a page whose folder would land in another
//! page's `sessions/` (the other page's build replaces that folder whole).
//! Symbolic links to folders are not followed, nor links to pages outside
//! the site. The folder the tree is written to, when it is inside the site,
//! is not read: its `index.html` files are not pages of the site.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::slug::slugify;

/// A page of a site and the folder its calendars go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePage {
    /// The page's file.
    pub path: PathBuf,
    /// Its output folder, relative, `/`-separated slugs: `2026-miccai`,
    /// `posts/first-meeting`.
    pub folder: String,
}

/// Folders that hold no pages of the site.
const NOT_PAGES: &[&str] = &[
    "_site",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_plugins",
    "_drafts",
    "layouts",
    "themes",
    "archetypes",
    "static",
    "assets",
    "node_modules",
    "vendor",
    "public",
    "target",
    "site-packages",
];

/// Extensions read as pages.
pub(crate) fn is_page(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "html" | "htm")
    })
}

/// The page files under `dir`, sorted, without reading them: what
/// [`site_pages`] reads.
///
/// # Errors
///
/// A folder cannot be read.
#[cfg(feature = "serve")]
pub(crate) fn page_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let root = fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    let mut walk = Walk { root: &root, output: None, files: Vec::new(), skipped: Vec::new() };
    walk.collect(dir)?;
    let mut files = walk.files;
    files.sort();
    Ok(files)
}

/// The pages of a site, and the files that looked like pages but were not
/// read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SiteWalk {
    /// The pages, sorted by path.
    pub pages: Vec<SitePage>,
    /// Files not read, with the reason: a link that leaves the site, a page
    /// that cannot be read.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Every page under `dir`, sorted by path.
///
/// # Errors
///
/// As for [`walk_site`]; a page that cannot be read is an error here too.
pub fn site_pages(dir: &Path) -> Result<Vec<SitePage>> {
    let walk = walk_site(dir, None)?;
    if let Some((path, why)) = walk.skipped.into_iter().next() {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!("`{}`: {why}", path.display())).at(Location::file(&path)),
        ]));
    }
    Ok(walk.pages)
}

/// Every page under `dir`, sorted by path, leaving out `output` (the folder
/// the tree is written to) when it is inside; pages that cannot be read and
/// links that leave `dir` are listed as skipped.
///
/// # Errors
///
/// A folder cannot be read, `dir` is inside `output` (the build would
/// read its own output), two pages would write to one folder, or a page's
/// folder is inside another page's `sessions/`.
pub fn walk_site(dir: &Path, output: Option<&Path>) -> Result<SiteWalk> {
    walk_site_with(dir, output, crate::source::read_text)
}

/// [`walk_site`] with the function that reads a page: the seam tests fail
/// a read through (permissions do not stop a test run as root).
fn walk_site_with(
    dir: &Path,
    output: Option<&Path>,
    read: impl Fn(&Path) -> Result<String>,
) -> Result<SiteWalk> {
    let root = fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    // not there yet: it cannot hold the site or be inside it
    let output = output.and_then(|o| fs::canonicalize(o).ok().map(|c| (o, c)));
    if let Some((given, canonical)) = &output
        && root.starts_with(canonical)
    {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!(
                "the output folder `{}` holds the site `{}`: the build would read its own output",
                given.display(),
                dir.display()
            ))
            .at(Location::file(given))
            .help("write to a folder outside the site, or to one inside it such as `-o out`"),
        ]));
    }
    let mut walk = Walk {
        root: &root,
        output: output.as_ref().map(|(_, c)| c.as_path()),
        files: Vec::new(),
        skipped: Vec::new(),
    };
    walk.collect(dir)?;
    let Walk { mut files, mut skipped, .. } = walk;
    files.sort();
    let mut by_folder: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut pages = Vec::new();
    for path in files {
        let text = match read(&path) {
            Ok(text) => text,
            Err(e) => {
                let why =
                    e.diagnostics().first().map_or_else(|| e.to_string(), |d| d.message.clone());
                skipped.push((path, why));
                continue;
            }
        };
        let folder = crate::source::page::permalink(&text)
            .and_then(|p| folder_of_permalink(&p))
            .unwrap_or_else(|| folder_of_path(dir, &path));
        if let Some(other) = by_folder.get(&folder) {
            return Err(Error::invalid(vec![
                Diagnostic::error(format!(
                    "`{}` and `{}` would both write to `{folder}/`",
                    other.display(),
                    path.display()
                ))
                .at(Location::file(&path))
                .help("give one of them another permalink, or move one of them out of the folder"),
            ]));
        }
        by_folder.insert(folder.clone(), path.clone());
        pages.push(SitePage { path, folder });
    }
    if let Some(clash) = in_sessions(&by_folder) {
        return Err(clash);
    }
    Ok(SiteWalk { pages, skipped })
}

/// A page whose folder is inside another page's `sessions/` (a page at
/// `/parent/sessions/` beside one at `/parent/`): the other page's build
/// replaces that folder whole, and their files would mix.
fn in_sessions(by_folder: &BTreeMap<String, PathBuf>) -> Option<Error> {
    for (folder, path) in by_folder {
        let segments: Vec<&str> = folder.split('/').collect();
        for i in 0..segments.len() {
            if segments[i] != "sessions" {
                continue;
            }
            let parent = segments[..i].join("/");
            let owner = if i == 0 { None } else { by_folder.get(&parent) };
            if let Some(owner) = owner {
                return Some(Error::invalid(vec![
                    Diagnostic::error(format!(
                        "`{}` would write to `{folder}/`, inside the `sessions/` folder of `{}` (`{parent}/`)",
                        path.display(),
                        owner.display()
                    ))
                    .at(Location::file(path))
                    .help("give it another permalink, one that does not end in `/sessions/` under another page's"),
                ]));
            }
        }
    }
    None
}

/// The state of one walk down a site.
struct Walk<'a> {
    /// The site, canonical: a link must stay inside it.
    root: &'a Path,
    /// The output folder, canonical, when it exists.
    output: Option<&'a Path>,
    files: Vec<PathBuf>,
    skipped: Vec<(PathBuf, String)>,
}

impl Walk<'_> {
    fn collect(&mut self, dir: &Path) -> Result<()> {
        for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // (also symcal's own staging folders, `.symcal-*`)
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if kind.is_dir() {
                let is_output =
                    self.output.is_some_and(|o| fs::canonicalize(&path).is_ok_and(|c| c == o));
                if !NOT_PAGES.contains(&name.as_str()) && !is_output {
                    self.collect(&path)?;
                }
            } else if kind.is_symlink() && is_page(&path) {
                match fs::canonicalize(&path) {
                    Ok(target) if !target.starts_with(self.root) => self.skipped.push((
                        path,
                        format!(
                            "a symbolic link to `{}`, outside the site; it is not published",
                            target.display()
                        ),
                    )),
                    Ok(target) if target.is_file() => self.files.push(path),
                    Ok(_) => {}
                    Err(e) => self.skipped.push((path, format!("a broken symbolic link ({e})"))),
                }
            } else if kind.is_file() && is_page(&path) {
                self.files.push(path);
            }
        }
        Ok(())
    }
}

/// `/2026-miccai/index.html` → `2026-miccai`; `/2022/submission` →
/// `2022/submission`; `/` gives none.
fn folder_of_permalink(permalink: &str) -> Option<String> {
    let p = permalink.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(last) = segments.last()
        && (last.ends_with(".html") || last.ends_with(".htm"))
    {
        let stem = last.rsplit_once('.').map_or(*last, |(s, _)| s);
        if stem == "index" {
            segments.pop();
        } else {
            let n = segments.len();
            segments[n - 1] = stem;
        }
    }
    join(segments.iter().map(|s| s.to_string()))
}

/// `2026-miccai/index.md` → `2026-miccai`; `_posts/2019-04-10-x.md` →
/// `posts/2019-04-10-x`; `index.md` at the top → `index`.
fn folder_of_path(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let mut segments: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if let Some(last) = segments.pop() {
        let stem = last.rsplit_once('.').map_or(last.clone(), |(s, _)| s.to_owned());
        let is_index = matches!(stem.to_ascii_lowercase().as_str(), "index" | "_index" | "readme");
        if !is_index || segments.is_empty() {
            segments.push(stem);
        }
    }
    join(segments.into_iter()).unwrap_or_else(|| "page".to_owned())
}

/// Slugs joined with `/`; `None` if nothing is left.
fn join(segments: impl Iterator<Item = String>) -> Option<String> {
    let slugs: Vec<String> = segments.map(|s| slugify(&s)).filter(|s| !s.is_empty()).collect();
    (!slugs.is_empty()).then(|| slugs.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_from_permalinks_and_paths() {
        assert_eq!(folder_of_permalink("/2026-miccai/index.html").as_deref(), Some("2026-miccai"));
        assert_eq!(folder_of_permalink("/2022/submission").as_deref(), Some("2022/submission"));
        assert_eq!(folder_of_permalink("/../../etc/").as_deref(), Some("etc"));
        assert_eq!(folder_of_permalink("/"), None);
        let dir = Path::new("/site");
        assert_eq!(folder_of_path(dir, Path::new("/site/2025-online/index.md")), "2025-online");
        assert_eq!(folder_of_path(dir, Path::new("/site/_posts/2019-x.md")), "posts/2019-x");
        assert_eq!(folder_of_path(dir, Path::new("/site/index.md")), "index");
        assert_eq!(folder_of_path(dir, Path::new("/site/....md")), "page");
    }

    #[test]
    fn two_pages_for_one_folder_are_an_error_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("ev.md"), "x").unwrap();
        fs::write(dir.path().join("ev.markdown"), "y").unwrap();
        fs::create_dir(dir.path().join("_site")).unwrap();
        fs::write(dir.path().join("_site/z.html"), "z").unwrap();
        let e = site_pages(dir.path()).unwrap_err().to_string();
        assert!(e.contains("ev.markdown") && e.contains("ev.md") && e.contains("`ev/`"), "{e}");
        fs::remove_file(dir.path().join("ev.markdown")).unwrap();
        let pages = site_pages(dir.path()).unwrap();
        assert_eq!(pages.len(), 1, "nothing from _site/");
    }

    #[test]
    fn issue_18_a_page_over_the_input_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "x").unwrap();
        // sparse: no room taken on disk
        let big = fs::File::create(dir.path().join("b.md")).unwrap();
        big.set_len(crate::source::MAX_INPUT + 1).unwrap();
        let e = site_pages(dir.path()).unwrap_err().to_string();
        assert!(e.contains("b.md") && e.contains("is larger than"), "{e}");
    }

    /// Issue 18: one unreadable page stopped the whole site.
    #[test]
    fn a_page_that_cannot_be_read_is_skipped_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "x").unwrap();
        fs::write(dir.path().join("b.md"), "y").unwrap();
        let walk = walk_site_with(dir.path(), None, |path| {
            if path.ends_with("b.md") {
                return Err(Error::io(path, std::io::Error::other("Permission denied")));
            }
            crate::source::read_text(path)
        })
        .unwrap();
        assert_eq!(walk.pages.len(), 1);
        assert_eq!(walk.skipped.len(), 1);
        assert!(walk.skipped[0].0.ends_with("b.md"));
        assert!(walk.skipped[0].1.contains("Permission denied"), "{:?}", walk.skipped);
    }
}
