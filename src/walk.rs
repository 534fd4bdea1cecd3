//! The pages of a site folder as sites are really laid out: Jekyll's
//! `<slug>/index.md`, `_pages/` and `_posts/`, Hugo's `content/`, MkDocs'
//! `docs/`, or a flat folder of pages.
//!
//! Build output, templates, dependencies and hidden folders are not pages
//! (`_site/`, `_layouts/`, `_includes/`, `layouts/`, `themes/`,
//! `node_modules/`, `vendor/`, `.git/`). Each page's output folder comes
//! from its permalink, else its path, made of slugs only, so no page can
//! name a folder outside the output; two pages with one folder are an error
//! that names both. Symbolic links to folders are not followed.

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

/// Every page under `dir`, sorted by path.
///
/// # Errors
///
/// A folder cannot be read, or two pages would write to one folder.
pub fn site_pages(dir: &Path) -> Result<Vec<SitePage>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut by_folder: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut pages = Vec::new();
    for path in files {
        // capped like every page read: a 6 GB file named `.md` is refused
        let text = crate::source::read_capped(&path, crate::source::MAX_INPUT)?;
        let text = String::from_utf8_lossy(&text);
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
    Ok(pages)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            if !NOT_PAGES.contains(&name.as_str()) {
                collect(&path, out)?;
            }
        } else if (kind.is_file() || kind.is_symlink() && path.is_file()) && is_page(&path) {
            out.push(path);
        }
    }
    Ok(())
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
}
