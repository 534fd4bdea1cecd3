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
        Server::start_with(source, None)
    }

    /// A server with `SYMCAL_SERVE_LIMITS` set to `limits` (short timeouts,
    /// a small connection cap).
    fn start_with(source: &Path, limits: Option<&str>) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_symcal"));
        if let Some(limits) = limits {
            command.env("SYMCAL_SERVE_LIMITS", limits);
        }
        let mut child = command
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

/// One response read off a keep-alive connection (by its Content-Length).
fn read_response(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1, "the connection closed mid-head");
        raw.push(byte[0]);
    }
    let head = Reply::parse(&raw);
    let len: usize = head.header("content-length").map_or(0, |l| l.parse().unwrap());
    let mut body = vec![0; len];
    stream.read_exact(&mut body).unwrap();
    Reply { body, ..head }
}

#[test]
fn issue_18_a_client_that_never_reads_is_cut_off_and_others_are_served() {
    let (_dir, path) = page(6);
    let server = Server::start_with(&path, Some("read=2,write=1"));
    // pipelined requests whose responses are far more than the socket
    // buffers hold: the server's writes stall while this client reads none
    let requests = 4000;
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut writer = stalled.try_clone().unwrap();
    let sent = std::thread::spawn(move || {
        writer.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        let one = "GET /feed.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        let _ = writer.write_all(one.repeat(requests).as_bytes());
    });
    // a stall longer than the write timeout (1 s here): the server gives up
    // on this connection, and everyone else is served meanwhile
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(server.get("/feed.ics").status, 200);
    sent.join().unwrap();
    stalled.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut raw = Vec::new();
    let start = Instant::now();
    let mut chunk = vec![0; 1 << 16];
    loop {
        match stalled.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
        assert!(start.elapsed() < Duration::from_secs(60), "still sending after 60 s");
    }
    let answered = raw.windows(12).filter(|w| w == b"HTTP/1.1 200").count();
    assert!(answered < requests, "all {requests} answers arrived: the stalled connection was kept");
}

#[test]
fn issue_18_connections_beyond_the_cap_get_503_and_the_cap_frees_up() {
    let (_dir, path) = page(6);
    let server = Server::start_with(&path, Some("connections=3"));
    let request = b"GET /feed.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let mut held: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            stream.write_all(request).unwrap();
            assert_eq!(read_response(&mut stream).status, 200);
            stream // kept alive, idle
        })
        .collect();
    let refused = server.get("/feed.ics");
    assert_eq!(refused.status, 503, "{}", String::from_utf8_lossy(&refused.body));
    assert!(refused.header("retry-after").is_some());
    // the held connections still work
    held[0].write_all(request).unwrap();
    assert_eq!(read_response(&mut held[0]).status, 200);
    drop(held.pop());
    wait_for(&server, "/feed.ics", "a slot freed by a closed connection", |r| r.status == 200);
}

#[test]
fn issue_18_a_connection_is_let_go_after_its_lifetime() {
    let (_dir, path) = page(6);
    let server = Server::start_with(&path, Some("lifetime=1"));
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let request = b"GET /feed.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    // a client that keeps asking, never idle long enough for a timeout
    let start = Instant::now();
    let mut answers = 0;
    loop {
        if stream.write_all(request).is_err() {
            break;
        }
        let mut first = [0u8; 1];
        match stream.peek(&mut first) {
            Ok(1) => {}
            _ => break, // closed
        }
        let reply = read_response(&mut stream);
        assert_eq!(reply.status, 200);
        answers += 1;
        if reply.header("connection") == Some("close") {
            let mut rest = Vec::new();
            assert_eq!(stream.read_to_end(&mut rest).unwrap_or(0), 0, "nothing after the close");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "still open after 30 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(answers >= 1);
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
fn issue_18_a_site_page_over_the_input_cap_is_not_read_whole_and_the_site_stays() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("london")).unwrap();
    std::fs::copy(london(6), dir.path().join("london/index.md")).unwrap();
    let server = Server::start(dir.path());
    let feed = server.get("/2025-london-symposium/feed.ics").body;
    let before = bytes_read(server.child.id());
    let huge = dir.path().join("huge.md");
    std::fs::File::create(&huge).unwrap().set_len(8 * symcal::source::MAX_INPUT).unwrap();
    // a page that cannot be read is skipped, the others built: a second
    // page added with it shows that the rebuild has walked past it
    std::fs::create_dir(dir.path().join("miccai")).unwrap();
    std::fs::copy(util::fixture("faimi/site/2026-miccai.md"), dir.path().join("miccai/index.md"))
        .unwrap();
    wait_for(&server, "/2026-miccai/feed.ics", "the site rebuilt past the huge page", |r| {
        r.status == 200
    });
    let index = String::from_utf8(server.get("/").body).unwrap();
    assert!(!index.contains("huge"), "{index}");
    assert_eq!(server.get("/2025-london-symposium/feed.ics").body, feed, "the page's feed stays");
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
