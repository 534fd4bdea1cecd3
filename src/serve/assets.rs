//! The served files, in memory, each with the headers that make caching
//! work: a strong ETag from its bytes and the time those bytes were first
//! served. A reload that leaves a file's bytes alone leaves its ETag and
//! Last-Modified alone, so clients polling it keep getting 304s.
//!
//! HTTP dates have whole seconds (issue 18): two versions made within one
//! second would share a Last-Modified, and `If-Modified-Since` with the
//! first one's date would get a 304 for the second. So each version gets
//! a date later than any date sent before it for any file: the second it
//! was made in if that is new, else one past the latest date given out.
//! Such a date may lie ahead of the clock for a moment; until the clock has
//! passed it, the version is sent with the current second as its
//! Last-Modified (never a date in the future, RFC 9110 §8.8.2.1), which
//! its `If-Modified-Since` then cannot match: a 200 rather than a wrong 304.

use axum::body::Bytes;
use axum::http::HeaderValue;
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

/// One file, with its header values made once rather than per request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Asset {
    pub(crate) bytes: Bytes,
    pub(crate) content_type: &'static str,
    /// `"…"`, quotes included.
    pub(crate) etag: String,
    pub(crate) etag_header: HeaderValue,
    /// This version's date: an `If-Modified-Since` at or after it shows
    /// that the client has these bytes. Whole seconds.
    pub(crate) last_modified: SystemTime,
    /// Sent as Last-Modified until the clock is a second past
    /// `last_modified`: the second the bytes were made in.
    made_header: HeaderValue,
    /// Sent from then on.
    last_modified_header: HeaderValue,
}

/// When a version was made, and the date it gets.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    made: SystemTime,
    date: SystemTime,
}

impl Stamp {
    /// A version made at `now`, after versions whose dates reach `newest`.
    fn new(now: SystemTime, newest: SystemTime) -> Stamp {
        let made = whole_second(now);
        let date = if made > newest { made } else { newest + Duration::from_secs(1) };
        Stamp { made, date }
    }
}

fn whole_second(t: SystemTime) -> SystemTime {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

impl Asset {
    fn new(bytes: &[u8], path: &str, etag: String, stamp: Stamp) -> Asset {
        let etag_header = HeaderValue::from_str(&etag).expect("hex in quotes");
        let date = |t| HeaderValue::from_str(&httpdate::fmt_http_date(t)).expect("an HTTP date");
        Asset {
            bytes: Bytes::copy_from_slice(bytes),
            content_type: content_type(path),
            etag,
            etag_header,
            last_modified: stamp.date,
            made_header: date(stamp.made),
            last_modified_header: date(stamp.date),
        }
    }

    /// The Last-Modified to send at `now`: this version's date once the
    /// clock is a second past it, the second it was made in until then.
    /// The made second is earlier than the date whenever they differ, so
    /// a client sending it back gets the bytes again rather than a 304
    /// that could be wrong.
    pub(crate) fn last_modified_header(&self, now: SystemTime) -> &HeaderValue {
        if now >= self.last_modified + Duration::from_secs(1) {
            &self.last_modified_header
        } else {
            &self.made_header
        }
    }
}

/// Every file, by path without the leading `/`.
#[derive(Debug)]
pub(crate) struct Assets {
    files: HashMap<String, Asset>,
    /// The latest date any version of any file has had, these or earlier
    /// ones, removed files included.
    newest: SystemTime,
}

impl Assets {
    /// The assets of `files`; a file whose bytes are those of the same path
    /// in `previous` keeps its Last-Modified.
    pub(crate) fn new<'a>(
        files: impl IntoIterator<Item = (String, &'a [u8])>,
        previous: Option<&Assets>,
        now: SystemTime,
    ) -> Assets {
        let stamp = Stamp::new(now, previous.map_or(SystemTime::UNIX_EPOCH, |p| p.newest));
        let mut newest = previous.map_or(SystemTime::UNIX_EPOCH, |p| p.newest);
        let files = files
            .into_iter()
            .map(|(path, bytes)| {
                let etag = etag(bytes);
                let old = previous.and_then(|p| p.files.get(&path)).filter(|old| old.etag == etag);
                let asset = match old {
                    Some(old) => old.clone(),
                    None => {
                        newest = newest.max(stamp.date);
                        Asset::new(bytes, &path, etag, stamp)
                    }
                };
                (path, asset)
            })
            .collect();
        Assets { files, newest }
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }

    /// These assets with `path` replaced by `bytes` (a page with a problem
    /// shown on it).
    pub(crate) fn with(&self, path: &str, bytes: &[u8], now: SystemTime) -> Assets {
        let mut files = self.files.clone();
        let stamp = Stamp::new(now, self.newest);
        files.insert(path.to_owned(), Asset::new(bytes, path, etag(bytes), stamp));
        Assets { files, newest: self.newest.max(stamp.date) }
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

    #[test]
    fn issue_18_a_second_version_within_a_second_gets_a_later_date() {
        let at = |ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms);
        let date = |a: &Assets, ms| {
            a.get("feed.ics").unwrap().last_modified_header(at(ms)).to_str().unwrap().to_owned()
        };
        let v1 = Assets::new([("feed.ics".to_owned(), &b"A"[..])], None, at(100_300));
        assert_eq!(v1.get("feed.ics").unwrap().last_modified, at(100_000));
        assert_eq!(date(&v1, 100_400), "Thu, 01 Jan 1970 00:01:40 GMT");
        // a second version in the same second: dated 101, but sent as 100
        // until the clock reaches 102
        let v2 = Assets::new([("feed.ics".to_owned(), &b"B"[..])], Some(&v1), at(100_700));
        assert_eq!(v2.get("feed.ics").unwrap().last_modified, at(101_000));
        assert_eq!(date(&v2, 100_800), "Thu, 01 Jan 1970 00:01:40 GMT");
        assert_eq!(date(&v2, 101_900), "Thu, 01 Jan 1970 00:01:40 GMT");
        assert_eq!(date(&v2, 102_000), "Thu, 01 Jan 1970 00:01:41 GMT");
        // a third, still in the first second: later again
        let v3 = Assets::new([("feed.ics".to_owned(), &b"C"[..])], Some(&v2), at(100_900));
        assert_eq!(v3.get("feed.ics").unwrap().last_modified, at(102_000));
        // a file removed and put back with other bytes is still dated later
        let gone = Assets::new([("other.ics".to_owned(), &b"X"[..])], Some(&v3), at(100_950));
        let back = Assets::new([("feed.ics".to_owned(), &b"D"[..])], Some(&gone), at(100_990));
        assert!(back.get("feed.ics").unwrap().last_modified > at(102_000));
        // a version in a later second than all of them: its own second
        let v4 = Assets::new([("feed.ics".to_owned(), &b"E"[..])], Some(&back), at(200_500));
        assert_eq!(v4.get("feed.ics").unwrap().last_modified, at(200_000));
        assert_eq!(date(&v4, 200_600), "Thu, 01 Jan 1970 00:03:20 GMT");
    }
}
