//! Answering one request from the assets in memory.
//!
//! What calendar clients need (CLIENT-QUIRKS.md, "Subscriptions"): the
//! feed is `text/calendar; charset=utf-8` whatever the Accept header says,
//! never compressed (Outlook fails on a gzipped feed), with a strong ETag
//! and Last-Modified so that pollers get 304s, a short max-age, and CORS
//! open so web calendars can fetch it. Paths are looked up in a map of
//! generated names, so nothing outside the tree can be reached; `..` and
//! its encodings are refused before the lookup all the same.

use std::borrow::Cow;
use std::time::SystemTime;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;

use super::assets::{Asset, Assets};

/// How long clients may reuse a file without asking again.
const MAX_AGE: &str = "public, max-age=300";

/// The response to `method uri` with `headers`, at `now`.
pub(crate) fn respond(
    assets: &Assets,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    now: SystemTime,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = status(StatusCode::METHOD_NOT_ALLOWED);
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(path) = decode_path(uri.path()) else { return status(StatusCode::NOT_FOUND) };
    let key = if path.is_empty() || path.ends_with('/') {
        Cow::Owned(format!("{path}index.html"))
    } else {
        path
    };
    let Some(asset) = assets.get(&key) else {
        if assets.get(&format!("{key}/index.html")).is_some() {
            // a site's event folder: its relative links need the slash
            let mut r = status(StatusCode::PERMANENT_REDIRECT);
            let location = HeaderValue::from_str(&format!("/{key}/")).expect("a generated path");
            r.headers_mut().insert(header::LOCATION, location);
            return r;
        }
        return status(StatusCode::NOT_FOUND);
    };
    if not_modified(asset, headers) {
        // RFC 9110 §15.4.5: the validators and caching headers a 200 would
        // have; the rest stays with the cached response
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        let h = r.headers_mut();
        h.insert(header::ETAG, asset.etag_header.clone());
        h.insert(header::LAST_MODIFIED, asset.last_modified_header(now).clone());
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
        return r;
    }
    let body = if method == Method::HEAD { Body::empty() } else { Body::from(asset.bytes.clone()) };
    let mut response = Response::new(body);
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(asset.bytes.len()));
    h.insert(header::ETAG, asset.etag_header.clone());
    h.insert(header::LAST_MODIFIED, asset.last_modified_header(now).clone());
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if key.ends_with(".ics") {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    } else {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    response
}

/// RFC 9110 §13.1.2 and §13.1.3: If-None-Match (weak comparison) wins;
/// If-Modified-Since only counts without it. Each version's date is later
/// than any date sent for an earlier one (see `assets`, issue 18).
fn not_modified(asset: &Asset, headers: &HeaderMap) -> bool {
    if let Some(tags) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return tags
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == asset.etag);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    since.is_some_and(|since| asset.last_modified <= since)
}

/// The path without its leading `/`, percent-decoded; `None` for anything
/// that could mean a step outside the tree or is not UTF-8.
pub(crate) fn decode_path(raw: &str) -> Option<Cow<'_, str>> {
    let raw = raw.strip_prefix('/')?;
    if !raw.contains('%') {
        return safe(raw).then_some(Cow::Borrowed(raw));
    }
    let path = crate::percent::decode(raw)?;
    safe(&path).then_some(Cow::Owned(path))
}

/// No step outside the tree, no character a file name should not have.
fn safe(path: &str) -> bool {
    let unsafe_char = path.contains(['\\', '\0']) || path.chars().any(char::is_control);
    let dots = path.split('/').any(|s| s == ".." || s == ".");
    !unsafe_char && !dots
}

fn status(code: StatusCode) -> Response {
    let mut r = Response::new(Body::from(format!("{code}\n")));
    *r.status_mut() = code;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for path in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/sessions/../../x",
            "/sessions/..%2f..%2fx",
            "/..\\x",
            "/%5c..%5cx",
            "/%00feed.ics",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "/./feed.ics",
        ] {
            assert_eq!(decode_path(path), None, "{path}");
        }
        assert_eq!(decode_path("/sessions/a%20b.ics").as_deref(), Some("sessions/a b.ics"));
        assert_eq!(decode_path("/").as_deref(), Some(""));
    }

    proptest::proptest! {
        /// Whatever the request path, a path that is accepted has no step
        /// out of the tree and no character a file name should not have.
        #[test]
        fn no_accepted_path_leaves_the_tree(raw in "/[a-zA-Z0-9%./\\\\]{0,24}") {
            if let Some(path) = decode_path(&raw) {
                proptest::prop_assert!(!path.split('/').any(|s| s == ".." || s == "."), "{raw} -> {path}");
                proptest::prop_assert!(!path.contains(['\\', '\0']), "{raw} -> {path}");
            }
        }
    }

    fn assets() -> Assets {
        Assets::new(
            [("feed.ics".to_owned(), &b"BEGIN:VCALENDAR"[..]), ("site/index.html".into(), b"<p>")],
            None,
            SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_750_000_000),
        )
    }

    fn get(
        assets: &Assets,
        method: Method,
        path: &str,
        headers: &[(header::HeaderName, &str)],
    ) -> Response {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_750_000_100);
        respond(assets, &method, &path.parse().unwrap(), &map, now)
    }

    #[test]
    fn etag_and_dates_give_304() {
        let a = assets();
        let ok = get(&a, Method::GET, "/feed.ics", &[]);
        assert_eq!(ok.status(), StatusCode::OK);
        let etag = ok.headers()[header::ETAG].to_str().unwrap().to_owned();
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        assert_eq!(ok.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let same = get(&a, Method::GET, "/feed.ics", &[(header::IF_NONE_MATCH, &etag)]);
        assert_eq!(same.status(), StatusCode::NOT_MODIFIED);
        let weak = format!("\"x\", W/{etag}");
        assert_eq!(
            get(&a, Method::GET, "/feed.ics", &[(header::IF_NONE_MATCH, &weak)]).status(),
            StatusCode::NOT_MODIFIED
        );
        let other = get(&a, Method::GET, "/feed.ics", &[(header::IF_NONE_MATCH, "\"x\"")]);
        assert_eq!(other.status(), StatusCode::OK);
        let since = [(header::IF_MODIFIED_SINCE, "Sun, 15 Jun 2025 15:06:40 GMT")];
        assert_eq!(get(&a, Method::GET, "/feed.ics", &since).status(), StatusCode::NOT_MODIFIED);
        let before = [(header::IF_MODIFIED_SINCE, "Sun, 15 Jun 2025 15:06:39 GMT")];
        assert_eq!(get(&a, Method::GET, "/feed.ics", &before).status(), StatusCode::OK);
    }

    /// Issue 18: two versions within one second share their HTTP date; a
    /// client holding the first must not be told the second is the same.
    #[test]
    fn issue_18_a_change_within_the_same_second_is_not_answered_304() {
        let at = |ms| SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(ms);
        let v1 = Assets::new([("feed.ics".to_owned(), &b"v1"[..])], None, at(1_750_000_000_200));
        let uri: Uri = "/feed.ics".parse().unwrap();
        let first = respond(&v1, &Method::GET, &uri, &HeaderMap::new(), at(1_750_000_000_300));
        let date = first.headers()[header::LAST_MODIFIED].clone();
        let etag = first.headers()[header::ETAG].clone();
        assert_eq!(date, "Sun, 15 Jun 2025 15:06:40 GMT");
        let v2 =
            Assets::new([("feed.ics".to_owned(), &b"v2"[..])], Some(&v1), at(1_750_000_000_700));
        let mut since = HeaderMap::new();
        since.insert(header::IF_MODIFIED_SINCE, date.clone());
        let now = at(1_750_000_000_800);
        assert_eq!(respond(&v2, &Method::GET, &uri, &since, now).status(), StatusCode::OK);
        // and later, with the same date: still modified since
        let later = at(1_750_000_009_000);
        assert_eq!(respond(&v2, &Method::GET, &uri, &since, later).status(), StatusCode::OK);
        // the old ETag with the old date: If-None-Match wins, and it differs
        since.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(respond(&v2, &Method::GET, &uri, &since, later).status(), StatusCode::OK);
        // v2's own date, sent once its second is past, is a 304
        let ok = respond(&v2, &Method::GET, &uri, &HeaderMap::new(), later);
        let date2 = ok.headers()[header::LAST_MODIFIED].clone();
        assert_eq!(date2, "Sun, 15 Jun 2025 15:06:41 GMT");
        let mut since = HeaderMap::new();
        since.insert(header::IF_MODIFIED_SINCE, date2);
        let cached = respond(&v2, &Method::GET, &uri, &since, later);
        assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
        // v1's own date still gets a 304 from v1
        let mut since = HeaderMap::new();
        since.insert(header::IF_MODIFIED_SINCE, date);
        let v1_again = respond(&v1, &Method::GET, &uri, &since, later);
        assert_eq!(v1_again.status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn other_methods_and_paths() {
        let a = assets();
        assert_eq!(
            get(&a, Method::POST, "/feed.ics", &[]).status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
        assert_eq!(get(&a, Method::GET, "/nope.ics", &[]).status(), StatusCode::NOT_FOUND);
        let r = get(&a, Method::GET, "/site", &[]);
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(r.headers()[header::LOCATION], "/site/");
        let head = get(&a, Method::HEAD, "/feed.ics", &[]);
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "15");
    }
}
