//! Which event a page is, whatever file it was read from: the key and the
//! domain of its UIDs (`<key>-…@<domain>`), and the site it belongs to.
//!
//! A UID must name one event and never move (issue 17). A page is known by
//! its address, so the key comes from the page's canonical address where it
//! is known, in this order:
//!
//! 1. an absolute address the page states (front matter `permalink` or
//!    `url`, `<link rel=canonical>`, `og:url`): its path is the key, its
//!    host the domain;
//! 2. a relative one (`permalink: /schedule/`) on a site whose own address
//!    is known (`_config.yml` `url` + `baseurl`, Hugo's `baseURL`, MkDocs'
//!    `site_url`): the same, joined to the site's address;
//! 3. a relative one that names an edition of an event, with a year in it
//!    (`/2025-london-symposium/index.html`, `/2022/`): its path alone, as
//!    the FAIMI pages' UIDs have always been made (subscribers hold them);
//! 4. else where the page is: the site folder's name and the page's path
//!    within it, an `index.*` file taking its folder's name
//!    (`faimi-site-tree/2024-isbi/index.md` → `faimi-site-tree-2024-isbi`);
//!    a page in no site folder is in its own folder (`ai-day/schedule.md` →
//!    `ai-day-schedule`). Never a bare file name: two unrelated
//!    `schedule.md` must not share UIDs, and a relative permalink with no
//!    year (`/schedule/`, `/program/`) names a page of *some* site.
//!
//! The domain is the host of the address used, else the caller's (`symcal`
//! by default). Addresses at `localhost`, private names and the
//! documentation domains (`example.org`, Hugo's placeholder) are not a
//! site's address: their path may still serve as a relative one.
//!
//! `--base-url` (where the calendars are served) stands for the page's
//! address only after all of these but the last: it names a page that
//! states no address of its own, on a site whose address is unknown, and
//! no edition. A page that has one keeps its UIDs when the hosting moves.

use std::path::{Component, Path, PathBuf};

use crate::slug::slugify;

/// The key and domain of a page's UIDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// The event's key.
    pub(crate) key: String,
    /// The host of its site, when known.
    pub(crate) domain: Option<String>,
}

/// A site folder: the nearest folder above a page that holds a static
/// site generator's configuration (Jekyll, Hugo, MkDocs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    /// The folder holding the configuration.
    pub(crate) root: PathBuf,
    /// The site's title (`title`, MkDocs' `site_name`), if it gives one.
    pub(crate) title: Option<String>,
    address: Option<Address>,
    /// Where the pages are under the root (Hugo's `content/`, MkDocs'
    /// `docs/`), which is not part of their address.
    content: Option<PathBuf>,
}

/// An http(s) address: a public host and a path without a trailing `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Address {
    host: String,
    path: String,
}

/// Configuration files, by generator, in the order looked for.
const CONFIGS: &[(&str, Generator)] = &[
    ("_config.yml", Generator::Jekyll),
    ("_config.yaml", Generator::Jekyll),
    ("_config.toml", Generator::Jekyll),
    ("hugo.toml", Generator::Hugo),
    ("hugo.yaml", Generator::Hugo),
    ("hugo.yml", Generator::Hugo),
    ("hugo.json", Generator::Hugo),
    ("config.toml", Generator::Hugo),
    ("config.yaml", Generator::Hugo),
    ("config.yml", Generator::Hugo),
    ("mkdocs.yml", Generator::MkDocs),
    ("mkdocs.yaml", Generator::MkDocs),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Generator {
    Jekyll,
    Hugo,
    MkDocs,
}

/// Folders searched upwards for a configuration: a page deeper than this
/// below its site's root is read as a page on its own.
const MAX_DEPTH: usize = 16;

impl Site {
    /// The site `dir` is part of: the nearest folder at or above it with a
    /// site configuration, not above the repository's root (a folder
    /// holding `.git`). `None` when there is none.
    pub(crate) fn find(dir: &Path) -> Option<Site> {
        let start = absolute(dir);
        for folder in start.ancestors().take(MAX_DEPTH) {
            for (name, generator) in CONFIGS {
                let file = folder.join(name);
                if !file.is_file() {
                    continue;
                }
                let Some(config) = Config::read(&file) else { continue };
                // `config.yml` is a common name; only Hugo's says what a site is
                let generic = name.starts_with("config.");
                if generic && config.get("baseurl").is_none() && config.get("title").is_none() {
                    continue;
                }
                return Some(Site::from_config(folder, *generator, &config));
            }
            if folder.join(".git").exists() {
                break;
            }
        }
        None
    }

    fn from_config(root: &Path, generator: Generator, config: &Config) -> Site {
        let (address, title, content) = match generator {
            Generator::Jekyll => {
                let url = config.get("url").unwrap_or_default();
                let base = config.get("baseurl").unwrap_or_default();
                let joined = format!("{}/{}", url.trim_end_matches('/'), base.trim_matches('/'));
                (Address::parse(&joined), config.get("title"), None)
            }
            Generator::Hugo => (
                config.get("baseurl").and_then(|u| Address::parse(&u)),
                config.get("title"),
                Some(config.get("contentdir").unwrap_or_else(|| "content".into())),
            ),
            Generator::MkDocs => (
                config.get("site_url").and_then(|u| Address::parse(&u)),
                config.get("site_name"),
                Some(config.get("docs_dir").unwrap_or_else(|| "docs".into())),
            ),
        };
        let title = title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        Site { root: root.to_owned(), title, address, content: content.map(PathBuf::from) }
    }

    /// The host the site is published at, when its configuration says.
    #[cfg(test)]
    fn host(&self) -> Option<&str> {
        self.address.as_ref().map(|a| a.host.as_str())
    }
}

/// The top-level settings of a configuration file, keys in lower case.
struct Config(Vec<(String, String)>);

impl Config {
    fn read(path: &Path) -> Option<Config> {
        let text = crate::source::read_text(path).ok()?;
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let mut out = Vec::new();
        match ext {
            "toml" => {
                let table = text.parse::<toml::Table>().ok()?;
                for (k, v) in table {
                    let value = match v {
                        toml::Value::String(s) => s,
                        toml::Value::Integer(i) => i.to_string(),
                        _ => continue,
                    };
                    out.push((k.to_ascii_lowercase(), value));
                }
            }
            "json" => {
                let value: serde_json::Value = serde_json::from_str(&text).ok()?;
                for (k, v) in value.as_object()? {
                    if let Some(s) = v.as_str() {
                        out.push((k.to_ascii_lowercase(), s.to_owned()));
                    }
                }
            }
            // aliases bounded: a configuration is read for every page
            _ => match crate::source::page::yaml::load(&text) {
                Ok(docs) => {
                    let Some(yaml_rust2::Yaml::Hash(map)) = docs.into_iter().next() else {
                        return Some(Config(out));
                    };
                    for (k, v) in map {
                        let (Some(k), Some(v)) = (k.as_str(), yaml_scalar(&v)) else { continue };
                        out.push((k.to_ascii_lowercase(), v));
                    }
                }
                // MkDocs files hold `!!python/name:` tags some parsers
                // refuse (and aliases that copy too much are refused): the
                // plain `key: value` lines still say enough
                Err(_) => {
                    for line in text.lines() {
                        if line.starts_with([' ', '\t', '#', '-']) {
                            continue;
                        }
                        if let Some((k, v)) = line.split_once(':') {
                            let v = v.split(" #").next().unwrap_or("").trim();
                            out.push((k.trim().to_ascii_lowercase(), unquote(v).to_owned()));
                        }
                    }
                }
            },
        }
        Some(Config(out))
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

fn yaml_scalar(v: &yaml_rust2::Yaml) -> Option<String> {
    match v {
        yaml_rust2::Yaml::String(s) => Some(s.clone()),
        yaml_rust2::Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

impl Address {
    /// An http(s) URL at a public host; `None` for anything else,
    /// including `localhost` and the documentation domains.
    fn parse(url: &str) -> Option<Address> {
        let url = unquote(url);
        let lower = url.to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &url[8..]
        } else if lower.starts_with("http://") {
            &url[7..]
        } else {
            url.strip_prefix("//")?
        };
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = match host.strip_prefix('[') {
            // an IP v6 literal is never a site's name
            Some(_) => return None,
            None => host.split(':').next().unwrap_or(""),
        };
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if !is_public_host(&host) {
            return None;
        }
        Some(Address { host, path: path.trim_end_matches('/').to_owned() })
    }
}

/// A host that names a site on the web: a dotted name, not a loopback or
/// private one, not an IP address, not reserved for documentation
/// (RFC 2606, RFC 6761: Hugo's `baseURL = "https://example.org/"` is left
/// from its quick start).
fn is_public_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels.last().copied().unwrap_or("");
    let reserved_tld = ["localhost", "local", "test", "example", "invalid", "internal", "lan"];
    crate::ical::is_uid_domain(host)
        && labels.len() >= 2
        && !last.bytes().all(|b| b.is_ascii_digit())
        && !reserved_tld.contains(&last)
        && !["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// The page's identity. `path` is the page's file (absolute, so that its
/// folders are known), `text` what it holds, `site` the site folder it is
/// in, `served` where its calendars are served (`--base-url`).
pub(crate) fn of_page(
    text: &str,
    path: &Path,
    site: Option<&Site>,
    served: Option<&str>,
) -> Identity {
    let stated = stated_addresses(text);
    if let Some(a) = stated.absolute {
        return at_address(&a.host, &a.path);
    }
    let site_address = site.and_then(|s| s.address.as_ref());
    if let Some(relative) = &stated.relative {
        if let Some(s) = site_address {
            return at_address(
                &s.host,
                &format!("{}/{}", s.path, relative.trim_start_matches('/')),
            );
        }
        if names_edition(relative)
            && let Some(key) = key_of_path(relative)
        {
            return Identity { key, domain: None };
        }
    }
    if site_address.is_none()
        && let Some(s) = served.and_then(Address::parse)
    {
        return at_address(&s.host, &s.path);
    }
    let (root_name, within) = location(path, site);
    match site_address {
        Some(s) => at_address(&s.host, &format!("{}/{}", s.path, within.join("/"))),
        None => {
            let key = slugify(&root_name.into_iter().chain(within).collect::<Vec<_>>().join("-"));
            Identity { key: if key.is_empty() { "event".into() } else { key }, domain: None }
        }
    }
}

/// The identity of the page at `host` + `path`: the path's key, or the
/// host's for the site's front page.
fn at_address(host: &str, path: &str) -> Identity {
    let key = key_of_path(path).unwrap_or_else(|| slugify(host));
    Identity { key, domain: Some(host.to_owned()) }
}

/// `/2022/submission` → `2022-submission`; `/2025-london-symposium/index.html`
/// → `2025-london-symposium`; `/` gives none.
fn key_of_path(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<&str> =
        path.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
    if let Some(last) = segments.pop() {
        let stem = match last.rsplit_once('.') {
            Some((stem, ext)) if PAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) => {
                stem
            }
            _ => last,
        };
        if !stem.eq_ignore_ascii_case("index") {
            segments.push(stem);
        }
    }
    let key = slugify(&segments.join("-"));
    (!key.is_empty()).then_some(key)
}

const PAGE_EXTENSIONS: &[&str] =
    &["html", "htm", "xhtml", "shtml", "md", "markdown", "php", "asp", "aspx"];

/// Whether a relative address names one edition of an event: it has a year
/// (a run of exactly four digits, 1900–2099) in it.
fn names_edition(path: &str) -> bool {
    let b = path.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let run = &b[i..i + 4];
        run.iter().all(u8::is_ascii_digit)
            && (run.starts_with(b"19") || run.starts_with(b"20"))
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Where the page is: the name of its site folder (of its own folder when
/// it is in no site), and its path below it (below the site's content
/// folder), without extension, an `index.*` file taking its folder's name.
fn location(path: &Path, site: Option<&Site>) -> (Option<String>, Vec<String>) {
    let root = match site {
        Some(s) => s.root.clone(),
        None => path.parent().map(Path::to_owned).unwrap_or_default(),
    };
    let mut below =
        path.strip_prefix(&root).unwrap_or(Path::new(path.file_name().unwrap_or_default()));
    if let Some(content) = site.and_then(|s| s.content.as_ref())
        && let Ok(inner) = below.strip_prefix(content)
    {
        below = inner;
    }
    let mut within: Vec<String> = below
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if let Some(last) = within.pop() {
        let stem = last.rsplit_once('.').map_or(last.as_str(), |(s, _)| s);
        if !matches!(stem.to_ascii_lowercase().as_str(), "index" | "_index" | "readme") {
            within.push(stem.to_owned());
        }
    }
    let root_name = root.file_name().map(|n| n.to_string_lossy().into_owned());
    (root_name, within)
}

/// The addresses a page states for itself: the first absolute one at a
/// public host, and the first relative one (or the path of one at a
/// private host, as a Jekyll build on `localhost:4000` writes them).
#[derive(Debug, Default)]
struct Stated {
    absolute: Option<Address>,
    relative: Option<String>,
}

fn stated_addresses(text: &str) -> Stated {
    let mut stated = Stated::default();
    let mut candidates: Vec<String> = ["permalink", "url"]
        .iter()
        .filter_map(|k| crate::source::page::front_matter_value(text, k))
        .collect();
    if text.contains("canonical") || text.contains("og:url") {
        candidates.extend(head_links(text));
    }
    for c in candidates {
        let c = unquote(&c);
        if c.is_empty() || c.chars().any(char::is_whitespace) {
            continue;
        }
        let lower = c.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || c.starts_with("//") {
            match Address::parse(c) {
                Some(a) => {
                    if stated.absolute.is_none() {
                        stated.absolute = Some(a);
                    }
                }
                None => {
                    let rest = c.splitn(4, '/').nth(3).unwrap_or("");
                    if stated.relative.is_none() {
                        stated.relative = Some(format!("/{rest}"));
                    }
                }
            }
        } else if !c.contains([':', '{', '}', '%']) && stated.relative.is_none() {
            // `:title`, `{{ … }}` and `%…` are templates, not addresses
            stated.relative = Some(format!("/{}", c.trim_start_matches('/')));
        }
    }
    stated
}

/// `<link rel=canonical href>` then `<meta property=og:url content>` of an
/// HTML page, read up to its `<body>`.
fn head_links(text: &str) -> Vec<String> {
    use html5gum::{Token, Tokenizer};
    let (mut canonical, mut og) = (Vec::new(), Vec::new());
    for token in Tokenizer::new(text).flatten() {
        let Token::StartTag(tag) = token else { continue };
        let attr = |key: &str| {
            tag.attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(v).into_owned())
        };
        match tag.name.to_ascii_lowercase().as_slice() {
            b"body" => break,
            b"link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && let Some(href) = attr("href")
                {
                    canonical.push(href);
                }
            }
            b"meta" => {
                let property = attr("property").or_else(|| attr("name")).unwrap_or_default();
                if property.eq_ignore_ascii_case("og:url")
                    && let Some(content) = attr("content")
                {
                    og.push(content);
                }
            }
            _ => {}
        }
    }
    canonical.into_iter().chain(og).collect()
}

/// `path` made absolute against the working directory, with `.` and `..`
/// resolved lexically (symbolic links are left as the user named them).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = PathBuf::new();
    for c in full.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str, path: &str) -> (String, Option<String>) {
        let i = of_page(text, Path::new(path), None, None);
        (i.key, i.domain)
    }

    fn site(root: &str, url: Option<&str>) -> Site {
        Site {
            root: root.into(),
            title: None,
            address: url.and_then(Address::parse),
            content: None,
        }
    }

    #[test]
    fn a_permalink_with_a_year_is_the_key_as_it_always_was() {
        let page = "---\npermalink: /2025-london-symposium/index.html\n---\n# x\n";
        let want = ("2025-london-symposium".to_owned(), None);
        assert_eq!(id(page, "/c/faimi-site/2025-london-symposium.v3.md"), want);
        assert_eq!(id(page, "/c/faimi-site-tree/2025-london-symposium/index.md"), want);
        let tree = site("/c/faimi-site-tree", None);
        let got = of_page(
            page,
            Path::new("/c/faimi-site-tree/2025-london-symposium/index.md"),
            Some(&tree),
            None,
        );
        assert_eq!((got.key, got.domain), want);
        assert_eq!(id("---\npermalink: /2022/index.html\n---\n", "/x/2022.md").0, "2022");
        assert_eq!(id("---\npermalink: /2022/submission\n---\n", "/x/s.md").0, "2022-submission");
    }

    #[test]
    fn two_schedule_pages_of_unrelated_events_differ() {
        assert_eq!(id("# x", "/w/ai-day/schedule.md").0, "ai-day-schedule");
        assert_eq!(id("# x", "/w/ml-workshop/schedule.md").0, "ml-workshop-schedule");
        // a permalink without a year names a page of some site
        let page = "---\npermalink: /schedule/\n---\n";
        assert_eq!(id(page, "/c/pages/09-aid2025-seoul.md").0, "pages-09-aid2025-seoul");
        assert_eq!(id(page, "/c/pages/19-cv4chl.md").0, "pages-19-cv4chl");
        // an index file takes its folder's name
        assert_eq!(id("<p>x</p>", "/s/2024-workshop/index.html").0, "2024-workshop");
    }

    #[test]
    fn a_site_folder_names_its_pages() {
        let s = site("/r/aid2025.github.io", None);
        let got =
            of_page("# x", Path::new("/r/aid2025.github.io/_pages/schedule.md"), Some(&s), None);
        assert_eq!(got.key, "aid2025-github-io-pages-schedule");
        let got = of_page("# x", Path::new("/r/aid2025.github.io/index.md"), Some(&s), None);
        assert_eq!(got.key, "aid2025-github-io");
    }

    #[test]
    fn a_site_address_gives_the_domain_and_the_path_the_key() {
        let s = site("/r/ws", Some("https://lab.github.io/ws2024/"));
        let page = "---\npermalink: /schedule/\n---\n";
        let got = of_page(page, Path::new("/r/ws/_pages/schedule.md"), Some(&s), None);
        assert_eq!(
            (got.key.as_str(), got.domain.as_deref()),
            ("ws2024-schedule", Some("lab.github.io"))
        );
        let got = of_page("# x", Path::new("/r/ws/2024/index.md"), Some(&s), None);
        assert_eq!(got.key, "ws2024-2024");
        let got = of_page("# x", Path::new("/r/ws/index.md"), Some(&s), None);
        assert_eq!(got.key, "ws2024");
        let root = site("/r/ws", Some("https://sciencehackday.in"));
        let got = of_page("# x", Path::new("/r/ws/index.md"), Some(&root), None);
        assert_eq!(
            (got.key.as_str(), got.domain.as_deref()),
            ("sciencehackday-in", Some("sciencehackday.in"))
        );
    }

    #[test]
    fn a_page_s_own_absolute_address_wins() {
        let html = r#"<html><head><link rel="canonical" href="https://2019.feconf.kr/"></head><body><a href="https://other.org/">x</a></body></html>"#;
        assert_eq!(
            id(html, "/p/30.html"),
            ("2019-feconf-kr".into(), Some("2019.feconf.kr".into()))
        );
        let og = r#"<head><meta property="og:url" content="https://aid.org/program/"></head>"#;
        assert_eq!(id(og, "/p/x.html"), ("program".into(), Some("aid.org".into())));
        let fm = "---\nurl: 'https://www.meetup.com/WordPress-Brisbane/events/246733757/'\n---\n";
        assert_eq!(
            id(fm, "/p/11.md"),
            ("wordpress-brisbane-events-246733757".into(), Some("www.meetup.com".into()))
        );
    }

    #[test]
    fn local_and_placeholder_addresses_are_not_a_site() {
        // Jekyll's development server: the path still counts
        let local =
            r#"<head><link rel="canonical" href="http://localhost:4000/2020/program/"></head>"#;
        assert_eq!(id(local, "/p/30.html"), ("2020-program".into(), None));
        let local = r#"<head><link rel="canonical" href="http://localhost:4000/schedule/"></head>"#;
        assert_eq!(id(local, "/p/25-slowdnn.html"), ("p-25-slowdnn".into(), None));
        for url in [
            "https://example.org/",
            "http://127.0.0.1:4000/",
            "https://[::1]/",
            "http://intranet/",
            "https://site.local/",
            "ftp://x.org/",
            "https://x.example.com/a",
        ] {
            assert_eq!(Address::parse(url), None, "{url}");
        }
        assert_eq!(
            Address::parse("https://User@Faimi.ORG:8443/cal/?x#y"),
            Some(Address { host: "faimi.org".into(), path: "/cal".into() })
        );
    }

    #[test]
    fn where_it_is_served_names_a_page_with_no_address_of_its_own() {
        let served = Some("https://calendars.lab.org/ai-day/");
        let got = of_page("# x", Path::new("/w/ai-day/schedule.md"), None, served);
        assert_eq!(
            (got.key.as_str(), got.domain.as_deref()),
            ("ai-day", Some("calendars.lab.org"))
        );
        // an edition's permalink, or a site's own address, comes first
        let page = "---\npermalink: /2025-london-symposium/index.html\n---\n";
        assert_eq!(of_page(page, Path::new("/c/l.md"), None, served).key, "2025-london-symposium");
        assert_eq!(of_page(page, Path::new("/c/l.md"), None, served).domain, None);
        let s = site("/r/ws", Some("https://lab.github.io/ws2024/"));
        let got = of_page("# x", Path::new("/r/ws/index.md"), Some(&s), served);
        assert_eq!((got.key.as_str(), got.domain.as_deref()), ("ws2024", Some("lab.github.io")));
        // a local address is no address
        let got = of_page(
            "# x",
            Path::new("/w/ai-day/schedule.md"),
            None,
            Some("http://127.0.0.1:8080/"),
        );
        assert_eq!((got.key.as_str(), got.domain), ("ai-day-schedule", None));
    }

    #[test]
    fn templates_are_not_addresses() {
        assert_eq!(id("---\npermalink: /:categories/:title/\n---\n", "/b/post.md").0, "b-post");
        assert_eq!(id("---\npermalink: \"{{ site.x }}\"\n---\n", "/b/post.md").0, "b-post");
    }

    #[test]
    fn editions_have_years() {
        for yes in ["/2025-london-symposium/", "/2022/", "/aid2025/schedule", "/x/1999"] {
            assert!(names_edition(yes), "{yes}");
        }
        for no in ["/schedule/", "/program/", "/20251/", "/12025/", "/v2/", "/3025/"] {
            assert!(!names_edition(no), "{no}");
        }
    }

    #[test]
    fn site_configs_of_each_generator() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(
            root.join("config.toml"),
            "baseURL = 'https://events.org/'\ntitle = 'Events'\n",
        )
        .unwrap();
        let s = Site::find(&root.join("content/posts")).unwrap();
        assert_eq!((s.title.as_deref(), s.host()), (Some("Events"), Some("events.org")));
        let got = of_page("# x", &root.join("content/posts/meetup.md"), Some(&s), None);
        assert_eq!((got.key.as_str(), got.domain.as_deref()), ("posts-meetup", Some("events.org")));
        std::fs::remove_file(root.join("config.toml")).unwrap();
        std::fs::write(
            root.join("mkdocs.yml"),
            "site_name: Summer School\nsite_url: https://school.org/2025/\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        )
        .unwrap();
        let s = Site::find(&root.join("content")).unwrap();
        assert_eq!((s.title.as_deref(), s.host()), (Some("Summer School"), Some("school.org")));
        std::fs::remove_file(root.join("mkdocs.yml")).unwrap();
        std::fs::write(root.join("_config.yml"), "title: FAIMI\nbaseurl: \"\"\n").unwrap();
        let s = Site::find(&root.join("content/posts")).unwrap();
        assert_eq!(
            (s.title.as_deref(), s.host(), s.root.as_path()),
            (Some("FAIMI"), None, root.as_path())
        );
        // not above the repository's root
        std::fs::write(dir.path().join("_config.yml"), "title: Outside\n").unwrap();
        std::fs::remove_file(root.join("_config.yml")).unwrap();
        assert_eq!(Site::find(&root.join("content")), None);
    }
}
