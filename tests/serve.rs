//! `symcal serve` as a process, asked over raw HTTP/1.1 on 127.0.0.1 (a
//! client library would tidy away the `..` paths these tests need to send).

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Every line the server logged after saying where it listens.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(source: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_symcal"))
            .args(["serve", source.to_str().unwrap(), "--addr", "127.0.0.1:0"])
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("the server said where it listens").unwrap();
            if let Some(rest) = line.split("listening on http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // keep draining the log so the server never blocks on a full pipe
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = std::sync::Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Server { child, port, log }
    }

    fn request(&self, head: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(stream, "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    fn get(&self, path: &str) -> Reply {
        self.request(&format!("GET {path} HTTP/1.1"))
    }

    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Reply { status, headers, body: raw[end + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn london(version: u32) -> std::path::PathBuf {
    util::fixture(&format!("faimi/site/2025-london-symposium.v{version}.md"))
}

/// A temporary folder holding `page.md`, a copy of London `version`.
fn page(version: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.md");
    std::fs::copy(london(version), &path).unwrap();
    (dir, path)
}

/// Replaces `path` the way editors save: write beside it, rename over it.
fn save(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("md.swp");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn the_feed_is_served_the_way_calendar_clients_need() {
    let (_dir, path) = page(6);
    let server = Server::start(&path);
    let feed = server.get("/feed.ics");
    assert_eq!(feed.status, 200);
    assert_eq!(feed.header("content-type"), Some("text/calendar; charset=utf-8"));
    assert_eq!(feed.header("access-control-allow-origin"), Some("*"));
    assert!(feed.body.starts_with(b"BEGIN:VCALENDAR\r\n"));
    let etag = feed.header("etag").unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
    assert!(feed.header("cache-control").unwrap().contains("max-age="));

    let again = server.request(&format!("GET /feed.ics HTTP/1.1\r\nIf-None-Match: {etag}"));
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let modified = feed.header("last-modified").unwrap();
    let since = server.request(&format!("GET /feed.ics HTTP/1.1\r\nIf-Modified-Since: {modified}"));
    assert_eq!(since.status, 304);

    let head = server.request("HEAD /feed.ics HTTP/1.1");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), Some(feed.body.len().to_string().as_str()));

    let gzip = server.request("GET /feed.ics HTTP/1.1\r\nAccept-Encoding: gzip, br");
    assert_eq!(gzip.header("content-encoding"), None);
    assert_eq!(gzip.body, feed.body);
    let html_accept = server.request("GET /feed.ics HTTP/1.1\r\nAccept: text/html");
    assert_eq!(html_accept.header("content-type"), Some("text/calendar; charset=utf-8"));

    let index = server.get("/");
    assert_eq!(index.status, 200);
    let html = String::from_utf8(index.body).unwrap();
    let webcal = format!("href=\"webcal://127.0.0.1:{}/feed.ics\"", server.port);
    assert!(html.contains(&webcal), "{html}");
    assert_eq!(server.get("/event.ics").status, 200);

    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sessions/..%2f..%2fCargo.toml",
        "/%2E%2E%5CCargo.toml",
        "/sessions/%00",
        "/page.md",
        "/nothing.ics",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    assert_eq!(server.request("POST /feed.ics HTTP/1.1\r\nContent-Length: 0").status, 405);
    assert!(server.stop().success(), "SIGTERM is a clean stop");
}

#[test]
fn an_edit_reloads_and_a_broken_edit_keeps_the_last_good_feed() {
    let (_dir, path) = page(1);
    let server = Server::start(&path);
    let v1 = server.get("/feed.ics").body;

    save(&path, &std::fs::read(london(6)).unwrap());
    let start = Instant::now();
    let v6 = loop {
        let body = server.get("/feed.ics").body;
        if body != v1 {
            break body;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "the feed did not change within 5 s");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(String::from_utf8_lossy(&v6).contains("London Mini-Symposium"));

    save(&path, b"---\ntitle: half-saved\n---\n| 14:00 | oops\n");
    let start = Instant::now();
    loop {
        let page = String::from_utf8(server.get("/").body).unwrap();
        if page.contains("cannot be read") {
            assert!(page.contains("no event date found"), "{page}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "no problem shown on / within 5 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/feed.ics").body, v6, "the last good feed, byte for byte");
}

#[test]
fn a_client_that_never_finishes_its_request_is_cut_off() {
    let (_dir, path) = page(6);
    let server = Server::start(&path);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET /feed.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let start = Instant::now();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let waited = start.elapsed();
    assert!(waited < Duration::from_secs(20), "held for {waited:?}");
    assert!(!rest.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&rest));
    // and everyone else was served meanwhile
    assert_eq!(server.get("/feed.ics").status, 200);
}

#[test]
fn a_second_server_on_the_same_port_is_refused() {
    let (_dir, path) = page(6);
    let server = Server::start(&path);
    let addr = format!("127.0.0.1:{}", server.port);
    let mut second = Command::new(env!("CARGO_BIN_EXE_symcal"))
        .args(["serve", path.to_str().unwrap(), "--addr", &addr])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = second.kill();
            panic!("a second server started on a port that is in use");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    second.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(!status.success());
    assert!(stderr.contains("Address already in use"), "{stderr}");
    assert_eq!(server.get("/feed.ics").status, 200);
}

#[test]
fn issue_10_reading_or_touching_the_source_reloads_nothing_and_problems_show_no_paths() {
    let (dir, path) = page(6);
    let server = Server::start(&path);
    let reloads = || server.log.lock().unwrap().iter().filter(|l| l.contains("reloaded")).count();
    for _ in 0..5 {
        let _ = std::fs::read(&path).unwrap();
        let file = std::fs::File::options().append(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::now()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(reloads(), 0, "{:?}", server.log.lock().unwrap());

    save(&path, b"---\ntitle: half-saved\n---\n| 14:00 | oops\n");
    let start = Instant::now();
    let page = loop {
        let page = String::from_utf8(server.get("/").body).unwrap();
        if page.contains("cannot be read") {
            break page;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "no problem shown on / within 5 s");
        std::thread::sleep(Duration::from_millis(100));
    };
    let abs = dir.path().canonicalize().unwrap().display().to_string();
    assert!(!page.contains(&abs) && !page.contains(&dir.path().display().to_string()), "{page}");
    assert!(page.contains("page.md"), "the file is still named: {page}");
}

#[test]
fn issue_10_a_source_file_replaced_by_a_folder_keeps_serving_the_file() {
    let (_dir, path) = page(6);
    let server = Server::start(&path);
    let feed = server.get("/feed.ics").body;
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::copy(london(6), path.join("index.md")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let now = server.get("/feed.ics");
    assert_eq!(now.status, 200, "still the page's feed, not a site");
    assert_eq!(now.body, feed);
}

/// Asks `server` for `path` until `done` says yes about the reply, for at
/// most 10 s.
fn wait_for(server: &Server, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
    let start = Instant::now();
    loop {
        let reply = server.get(path);
        if done(&reply) {
            return reply;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{what} within 10 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// What the process `pid` has read through read(2) and friends, in bytes.
fn bytes_read(pid: u32) -> u64 {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap();
    let line = io.lines().find(|l| l.starts_with("rchar:")).unwrap();
    line["rchar:".len()..].trim().parse().unwrap()
}

#[test]
fn issue_18_a_source_over_the_input_cap_is_not_read_whole_and_the_last_good_feed_stays() {
    let (_dir, path) = page(6);
    let server = Server::start(&path);
    let feed = server.get("/feed.ics").body;
    let before = bytes_read(server.child.id());
    // sparse: eight times the cap, taking no room on disk
    let huge = path.with_extension("md.swp");
    std::fs::File::create(&huge).unwrap().set_len(8 * symcal::source::MAX_INPUT).unwrap();
    std::fs::rename(&huge, &path).unwrap();
    let page = wait_for(&server, "/", "the over-cap problem shown on /", |r| {
        String::from_utf8_lossy(&r.body).contains("is larger than")
    });
    assert!(String::from_utf8_lossy(&page.body).contains("page.md"));
    assert_eq!(server.get("/feed.ics").body, feed, "the last good feed, byte for byte");
    let read = bytes_read(server.child.id()) - before;
    assert!(read < 4 * symcal::source::MAX_INPUT, "the server read {read} bytes of the source");
}

#[test]
fn issue_18_site_pages_removed_or_moved_in_reload_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for (folder, page) in [("london", "2025-london-symposium.v6.md"), ("miccai", "2026-miccai.md")]
    {
        std::fs::create_dir_all(site.join(folder)).unwrap();
        std::fs::copy(
            util::fixture(&format!("faimi/site/{page}")),
            site.join(folder).join("index.md"),
        )
        .unwrap();
    }
    let server = Server::start(&site);
    assert_eq!(server.get("/2026-miccai/feed.ics").status, 200);
    assert_eq!(server.get("/2025-london-symposium/feed.ics").status, 200);

    // a page folder moved out of the site: its calendars go
    let away = dir.path().join("miccai");
    std::fs::rename(site.join("miccai"), &away).unwrap();
    wait_for(&server, "/2026-miccai/feed.ics", "a removed page's feed gone", |r| r.status == 404);
    assert_eq!(server.get("/2025-london-symposium/feed.ics").status, 200);
    let index = String::from_utf8(server.get("/").body).unwrap();
    assert!(!index.contains("2026-miccai"), "{index}");

    // moved back in under another name: its calendars come back
    std::fs::rename(&away, site.join("miccai-2026")).unwrap();
    wait_for(&server, "/2026-miccai/feed.ics", "a moved-in page's feed served", |r| {
        r.status == 200
    });

    // a page folder deleted outright
    std::fs::remove_dir_all(site.join("london")).unwrap();
    wait_for(&server, "/2025-london-symposium/feed.ics", "a deleted page's feed gone", |r| {
        r.status == 404
    });
}
