//! `symcal serve`: the build tree, served from memory, rebuilt when the
//! source changes.
//!
//! A rebuild happens on the watcher's thread and replaces the whole set of
//! files at once (each request holds the set it started with), so a request
//! sees the old tree or the new one, never a mix. An edit that
//! cannot be read changes nothing that calendars fetch: the last good
//! calendars stay, byte for byte, and only the page at `/` gains a notice
//! with the diagnostics, for the organiser.
//!
//! Every connection has a read and a write timeout and a lifetime, and
//! only so many are served at once ([`Limits`]): clients that stall cannot
//! hold the server's connections or file descriptors.

mod assets;
mod conn;
mod http;
mod snapshot;

pub use conn::Limits;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::{Request, State};
use axum::response::Response;
use hyper_util::rt::TokioTimer;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tower_http::limit::RequestBodyLimitLayer;

use crate::html::{PageOptions, SiteEntry};
use crate::site::{Tree, TreeOptions};
use crate::{Error, Result};
use assets::Assets;
use snapshot::Snapshot;

/// How long open requests may take to finish after SIGINT/SIGTERM.
const DRAIN: Duration = Duration::from_secs(5);
/// Requests are GET and HEAD: any body is refused beyond this.
const BODY_LIMIT: usize = 16 * 1024;
/// Editors save in bursts (write, rename, chmod): wait for the burst to end.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// What to serve, where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// A page, a JSON schedule or a folder of pages.
    pub source: PathBuf,
    /// The address to listen on; port 0 picks a free one.
    pub addr: SocketAddr,
    /// How to build the tree.
    pub tree: TreeOptions,
    /// Timeouts and the connection cap.
    pub limits: Limits,
}

/// What the request handlers and the watcher share.
struct Shared {
    /// Read on every request: arc-swap's `load` takes no lock and, unlike
    /// cloning an `Arc`, writes no shared counter, so the server threads do
    /// not fight over one cache line.
    assets: ArcSwap<Assets>,
    /// The tree the assets came from, to redraw `/` with a problem on it.
    last_good: Mutex<Tree>,
    source: PathBuf,
    options: TreeOptions,
    /// Whether the source was a folder when the server started: a file
    /// replaced by a folder (or the reverse) does not switch the server to
    /// another kind of tree under its subscribers.
    site: bool,
    /// The source's files when last read: a touch or a read is not a
    /// change, and a page added or removed is.
    seen: Mutex<Snapshot>,
}

/// Builds the tree, serves it until SIGINT or SIGTERM, and rebuilds it when
/// the source changes.
///
/// # Errors
///
/// If the source cannot be used at the start, the address cannot be
/// bound, or the source cannot be watched.
pub fn run(mut options: ServeOptions) -> Result<()> {
    // bound before building, so that the page can link to where it really
    // is. SO_REUSEPORT (below) would let a second server, an old one still
    // running, share the port and take half the requests: a plain bind
    // first fails if anyone listens there, and picks the port for `:0`
    let bind_error = |e| Error::io(Path::new(&options.addr.to_string()), e);
    let addr = std::net::TcpListener::bind(options.addr)
        .and_then(|probe| probe.local_addr())
        .map_err(bind_error)?;
    let first = bind(addr).map_err(bind_error)?;
    if options.tree.base_url.is_none() && !addr.ip().is_unspecified() {
        options.tree.base_url = Some(format!("http://{addr}/"));
    }
    // before the build: a change made while it runs is then seen as one
    let site = options.source.is_dir();
    let seen = if site {
        Snapshot::of_site(&options.source, None)
    } else {
        Snapshot::of_file(&options.source, None)
    };
    let tree = Tree::build(&options.source, &options.tree)?;
    for d in tree.diagnostics() {
        tracing::warn!("{d}");
    }
    let assets = Assets::new(tree.files(), None, SystemTime::now());
    let shared = Arc::new(Shared {
        assets: ArcSwap::from_pointee(assets),
        last_good: Mutex::new(tree),
        source: options.source.clone(),
        options: options.tree.clone(),
        site,
        seen: Mutex::new(seen),
    });
    let _watcher = watch(&shared)?;

    // one single-threaded runtime per core, each with its own listening
    // socket on the same port (SO_REUSEPORT): the kernel spreads the
    // connections and no request is handed between threads
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut listeners = vec![first];
    for _ in 1..cores {
        listeners.push(bind(addr).map_err(bind_error)?);
    }
    let app = Router::new()
        .fallback(handle)
        .with_state(shared)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    // one cap across the threads: the file descriptors are the process's
    let slots = conn::Slots::new(&options.limits);
    let limits = options.limits;
    std::thread::scope(|scope| {
        let workers: Vec<_> = listeners
            .into_iter()
            .map(|listener| {
                let (app, stopped, slots) = (app.clone(), stopped.clone(), slots.clone());
                scope.spawn(move || {
                    let runtime =
                        tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                    runtime.block_on(async move {
                        listener.set_nonblocking(true)?;
                        let listener = tokio::net::TcpListener::from_std(listener)?;
                        accept(listener, app, limits, slots, stopped).await;
                        Ok::<(), std::io::Error>(())
                    })
                })
            })
            .collect();
        tracing::info!(%addr, source = %options.source.display(), "listening on http://{addr}/");
        let signals = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        signals.block_on(shutdown());
        let _ = stop.send(true);
        for worker in workers {
            worker.join().expect("a server thread panicked")?;
        }
        Ok::<(), std::io::Error>(())
    })
    .map_err(|e| Error::io(&options.source, e))?;
    tracing::info!("stopped");
    Ok(())
}

/// A listening socket that other sockets may share the port of.
fn bind(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let socket =
        socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    Ok(socket.into())
}

/// Watches the source and reloads on change, for as long as the returned
/// debouncer lives.
fn watch(
    shared: &Arc<Shared>,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
> {
    let watched = Arc::clone(shared);
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| match result {
            Ok(events)
                if events.iter().any(|e| {
                    changes_content(&e.kind) && e.paths.iter().any(|p| watched.is_source(p))
                }) =>
            {
                watched.reload();
            }
            Ok(_) => {}
            Err(errors) => {
                for e in errors {
                    tracing::warn!(error = %e, "watching the source");
                }
            }
        })
        .map_err(|e| Error::io(&shared.source, std::io::Error::other(e)))?;
    let (dir, mode) = if shared.source.is_dir() {
        (shared.source.clone(), RecursiveMode::Recursive)
    } else {
        // the folder, not the file: editors replace a file by renaming
        // another over it, which a watch on the file itself would lose
        let parent = shared.source.parent().filter(|p| !p.as_os_str().is_empty());
        (parent.unwrap_or(Path::new(".")).to_owned(), RecursiveMode::NonRecursive)
    };
    debouncer.watch(&dir, mode).map_err(|e| Error::io(&dir, std::io::Error::other(e)))?;
    Ok(debouncer)
}

/// Serves connections until `stopped` turns true, then lets open ones
/// finish for up to [`DRAIN`].
///
/// hyper directly rather than `axum::serve`, which sets no timer and so no
/// header-read timeout; each connection is its own task, with the time
/// limits of [`conn`]. The handler itself answers from memory at once.
async fn accept(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    slots: conn::Slots,
    stopped: tokio::sync::watch::Receiver<bool>,
) {
    let mut stop = stopped.clone();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.read_timeout);
    let mut open = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // out of file descriptors, say: wait rather than spin
                        tracing::warn!(error = %e, "accepting a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                match slots.admit(peer.ip()) {
                    conn::Admission::Serve(slot) => {
                        let _ = stream.set_nodelay(true);
                        let (http, app, stopped) = (http.clone(), app.clone(), stopped.clone());
                        open.spawn(async move {
                            conn::serve(&http, stream, app, limits, stopped, slot).await;
                        });
                    }
                    conn::Admission::Refuse(slot) => {
                        tracing::debug!(%peer, "at the connection cap: 503");
                        open.spawn(conn::refuse(stream, slot));
                    }
                    conn::Admission::Drop => drop(stream),
                }
            }
            // reap finished connections as they go
            Some(_) = open.join_next(), if !open.is_empty() => {}
            _ = stop.wait_for(|s| *s) => break,
        }
    }
    drop(listener);
    let drained = async { while open.join_next().await.is_some() {} };
    if tokio::time::timeout(DRAIN, drained).await.is_err() {
        tracing::warn!("requests still open after {DRAIN:?}; stopping anyway");
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let now = SystemTime::now();
    // by reference: extracting the method, URI and headers would copy them
    let assets = shared.assets.load();
    let (method, uri, headers) = (request.method(), request.uri(), request.headers());
    let response = http::respond(&assets, method, uri, headers, now);
    tracing::debug!(%method, %uri, status = response.status().as_u16(), "request");
    response
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM; open requests then finish.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Whether an event can change a file's content: reads, opens and
/// attribute changes cannot (notify reports them too, and reloading on them
/// reloaded every 200 ms for as long as anything looked at the source).
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        // a writer closing the file is the end of a save
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

impl Shared {
    /// Whether a change to `path` can change the tree. In a site folder,
    /// anything can: a folder of pages removed or moved in is reported as
    /// the folder alone (issue 18); the snapshot tells what changed.
    fn is_source(&self, path: &Path) -> bool {
        self.site || path.file_name() == self.source.file_name()
    }

    /// Rebuilds from the source and swaps the new files in; on failure,
    /// keeps the files and shows the diagnostics on `/`.
    fn reload(&self) {
        {
            let mut seen = self.seen.lock().expect("no panic while holding the lock");
            let now = if self.site {
                Snapshot::of_site(&self.source, Some(&seen))
            } else {
                Snapshot::of_file(&self.source, Some(&seen))
            };
            if !now.differs(&seen) {
                return; // the same pages, the same bytes: nothing to rebuild
            }
            *seen = now;
        }
        let built = if self.source.is_dir() == self.site {
            Tree::build(&self.source, &self.options)
        } else {
            Err(crate::Error::invalid(vec![
                crate::diag::Diagnostic::error(format!(
                    "the source was a {} when the server started and is now a {}",
                    if self.site { "folder" } else { "file" },
                    if self.site { "file" } else { "folder" }
                ))
                .help("restart `symcal serve` to serve the new kind of source"),
            ]))
        };
        match built {
            Ok(tree) => {
                // reloads come one at a time, from the watcher's thread
                let next = Assets::new(tree.files(), Some(&self.assets.load()), SystemTime::now());
                self.assets.store(Arc::new(next));
                *self.last_good.lock().expect("no panic while holding the lock") = tree;
                tracing::info!(source = %self.source.display(), "reloaded");
            }
            Err(e) => {
                // the public page names files relative to the source's
                // folder, never where they are on this machine
                let base = if self.site {
                    self.source.clone()
                } else {
                    self.source.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                let mut problem = e.to_string();
                if !base.as_os_str().is_empty() {
                    problem = problem.replace(&format!("{}/", base.display()), "");
                    if let Ok(abs) = base.canonicalize() {
                        problem = problem.replace(&format!("{}/", abs.display()), "");
                    }
                }
                tracing::error!(source = %self.source.display(), "the source cannot be used; still serving the last good calendars\n{problem}");
                let tree = self.last_good.lock().expect("no panic while holding the lock");
                let index = problem_page(&tree, &self.options, &problem);
                let next =
                    self.assets.load().with("index.html", index.as_bytes(), SystemTime::now());
                self.assets.store(Arc::new(next));
            }
        }
    }
}

/// The tree's `/` with `problem` at the top.
fn problem_page(tree: &Tree, options: &TreeOptions, problem: &str) -> String {
    match tree {
        Tree::Event(event) => {
            let names = crate::output::session_file_names(&event.schedule);
            let page =
                PageOptions { base_url: options.base_url.as_deref(), problem: Some(problem) };
            crate::html::index_html(&event.schedule, &names, &page)
        }
        Tree::Site(site) => {
            let entries: Vec<SiteEntry<'_>> = site
                .pages
                .iter()
                .map(|(folder, page)| SiteEntry { folder, schedule: &page.schedule })
                .collect();
            crate::html::site_index_html(
                &site.name,
                &entries,
                options.base_url.as_deref(),
                Some(problem),
            )
        }
    }
}
