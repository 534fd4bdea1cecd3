//! The served files, in memory, each with the headers that make caching
//! work: a strong ETag from its bytes and the time those bytes were first
//! served. A reload that leaves a file's bytes alone leaves its ETag and
//! Last-Modified alone, so clients polling it keep getting 304s.

use axum::body::Bytes;
use axum::http::HeaderValue;
use std::collections::HashMap;
use std::time::SystemTime;

/// One file, with its header values made once rather than per request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Asset {
    pub(crate) bytes: Bytes,
    pub(crate) content_type: &'static str,
    /// `"…"`, quotes included.
    pub(crate) etag: String,
    pub(crate) last_modified: SystemTime,
    pub(crate) etag_header: HeaderValue,
    pub(crate) last_modified_header: HeaderValue,
}

impl Asset {
    fn new(bytes: &[u8], path: &str, etag: String, last_modified: SystemTime) -> Asset {
        let etag_header = HeaderValue::from_str(&etag).expect("hex in quotes");
        let date = httpdate::fmt_http_date(last_modified);
        Asset {
            bytes: Bytes::copy_from_slice(bytes),
            content_type: content_type(path),
            etag,
            last_modified,
            etag_header,
            last_modified_header: HeaderValue::from_str(&date).expect("an HTTP date"),
        }
    }
}

/// Every file, by path without the leading `/`.
#[derive(Debug, Default)]
pub(crate) struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// The assets of `files`; a file whose bytes are those of the same path
    /// in `previous` keeps its Last-Modified.
    pub(crate) fn new<'a>(
        files: impl IntoIterator<Item = (String, &'a [u8])>,
        previous: Option<&Assets>,
        now: SystemTime,
    ) -> Assets {
        let files = files
            .into_iter()
            .map(|(path, bytes)| {
                let etag = etag(bytes);
                let last_modified = previous
                    .and_then(|p| p.files.get(&path))
                    .filter(|old| old.etag == etag)
                    .map_or(now, |old| old.last_modified);
                let asset = Asset::new(bytes, &path, etag, last_modified);
                (path, asset)
            })
            .collect();
        Assets { files }
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }

    /// These assets with `path` replaced by `bytes` (a page with a problem
    /// shown on it).
    pub(crate) fn with(&self, path: &str, bytes: &[u8], now: SystemTime) -> Assets {
        let mut files = self.files.clone();
        files.insert(path.to_owned(), Asset::new(bytes, path, etag(bytes), now));
        Assets { files }
    }
}

/// Calendars are text/calendar whatever the client asked for: Google
/// polls without an Accept header and gives up on anything else.
fn content_type(path: &str) -> &'static str {
    if path.ends_with(".ics") {
        "text/calendar; charset=utf-8"
    } else if path.ends_with(".html") {
        "text/html; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

fn etag(bytes: &[u8]) -> String {
    format!("\"{}\"", crate::digest::short_hash(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_bytes_keep_their_validators() {
        let t0 = SystemTime::UNIX_EPOCH;
        let t1 = t0 + std::time::Duration::from_secs(60);
        let first = Assets::new(
            [("feed.ics".to_owned(), &b"A"[..]), ("index.html".into(), b"H")],
            None,
            t0,
        );
        let second = Assets::new(
            [("feed.ics".to_owned(), &b"A"[..]), ("index.html".into(), b"H2")],
            Some(&first),
            t1,
        );
        assert_eq!(second.get("feed.ics"), first.get("feed.ics"));
        assert_eq!(second.get("index.html").unwrap().last_modified, t1);
        assert_ne!(second.get("index.html").unwrap().etag, first.get("index.html").unwrap().etag);
        assert_eq!(first.get("feed.ics").unwrap().content_type, "text/calendar; charset=utf-8");
    }
}
