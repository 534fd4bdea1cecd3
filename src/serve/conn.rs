//! One connection from accept to close: its time limits, and the cap on
//! how many are open at once (issue 18).
//!
//! A client that asked for the feed and never read its answer used to hold
//! its connection for ever, and about a thousand such clients used up the
//! process's file descriptors, so that no one else could connect. Now:
//!
//! - every read that waits for the client, and every write that waits for
//!   the client to read, has a timeout ([`Limits::read_timeout`],
//!   [`Limits::write_timeout`]); the clock restarts whenever bytes move, so
//!   a slow but live client is not cut off;
//! - a connection is asked to close after [`Limits::lifetime`] (after its
//!   current answer, within a write timeout), so a client that trickles
//!   just enough to dodge the timeouts still lets go of its slot;
//! - at most [`Limits::max_connections`] are served at once, across all
//!   threads, and at most [`Limits::max_per_client`] for one client
//!   address, so that one host cannot take every slot; beyond that a
//!   connection gets `503` with `Retry-After` and is closed, and past a few
//!   dozen of those it is closed at once.
//!
//! Each connection is a task on its thread's runtime, so a client that
//! stalls blocks nothing but its own task.

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// Time limits and the connection cap of `symcal serve`.
///
/// The defaults suit a feed that a few hundred calendar apps poll: each
/// request is small and answered from memory, so the limits only ever bite
/// on clients that stall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// How long a client may keep the server waiting for bytes it should
    /// send: a request's head as a whole, or the next request on a kept-alive
    /// connection. 10 s: a request is one small packet, sent at once.
    pub read_timeout: Duration,
    /// How long an answer may wait for the client to take any of its bytes.
    /// 10 s: a phone on a poor network stalls for a few seconds, not ten;
    /// a feed fits in the socket buffers, so most writes never wait at all.
    pub write_timeout: Duration,
    /// How long one connection is kept: after this it closes when its
    /// current answer is sent (or a write timeout later). 60 s: a poller
    /// makes one request, a browser a few within a second or two.
    pub lifetime: Duration,
    /// How many connections are served at once. 512: half the usual limit
    /// of 1024 open files per process, leaving room for the listening
    /// sockets, the watcher and the source files read on a rebuild.
    pub max_connections: usize,
    /// How many of those one client address may hold (an IPv6 address
    /// counts by its /64, what one host is usually given). 64: a venue's
    /// Wi-Fi behind one address polls in bursts of a few, not hundreds;
    /// one host can then hold an eighth of the slots, not all of them.
    /// Loopback peers are not counted: a reverse proxy on the same machine
    /// speaks for every client (and should cap them itself).
    pub max_per_client: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            read_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            lifetime: Duration::from_secs(60),
            max_connections: 512,
            max_per_client: 64,
        }
    }
}

/// Connections over the cap that are still being told `503` at once; more
/// are closed unanswered. Each is held for at most [`REFUSAL_TIME`].
const MAX_REFUSING: usize = 64;
/// How long a refused connection is held: to send the 503, then to read
/// what the client sent, so that closing does not reset the connection
/// before the client has read its answer.
const REFUSAL_TIME: Duration = Duration::from_secs(1);
/// The answer over the cap: every connection turns over within a read
/// timeout, so a client may try again soon.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
Retry-After: 10\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Length: 24\r\n\
Connection: close\r\n\
\r\n\
503 Service Unavailable\n";

/// Connections held, by client (absent: none).
type Clients = Arc<Mutex<HashMap<IpAddr, usize>>>;

/// The slots shared by every thread's accept loop.
#[derive(Debug, Clone)]
pub(crate) struct Slots {
    serving: Arc<Semaphore>,
    refusing: Arc<Semaphore>,
    clients: Clients,
    max_per_client: usize,
}

/// What becomes of an accepted connection.
#[derive(Debug)]
pub(crate) enum Admission {
    /// Served, holding a slot until it closes.
    Serve(Slot),
    /// Told 503 and closed.
    Refuse(OwnedSemaphorePermit),
    /// Closed at once.
    Drop,
}

/// A connection's place under the caps, given back when dropped.
#[derive(Debug)]
pub(crate) struct Slot {
    _permit: OwnedSemaphorePermit,
    client: Option<(IpAddr, Clients)>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some((client, clients)) = &self.client {
            let mut clients = clients.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(n) = clients.get_mut(client) {
                *n -= 1;
                if *n == 0 {
                    clients.remove(client);
                }
            }
        }
    }
}

impl Slots {
    pub(crate) fn new(limits: &Limits) -> Slots {
        Slots {
            serving: Arc::new(Semaphore::new(limits.max_connections)),
            refusing: Arc::new(Semaphore::new(MAX_REFUSING)),
            clients: Arc::default(),
            max_per_client: limits.max_per_client,
        }
    }

    /// Whether a connection from `peer` is served, refused or dropped.
    pub(crate) fn admit(&self, peer: IpAddr) -> Admission {
        let client = client_key(peer);
        let served = match client {
            None => Arc::clone(&self.serving)
                .try_acquire_owned()
                .ok()
                .map(|permit| Slot { _permit: permit, client: None }),
            Some(client) => {
                let mut clients =
                    self.clients.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let held = clients.get(&client).copied().unwrap_or(0);
                let permit = if held < self.max_per_client {
                    Arc::clone(&self.serving).try_acquire_owned().ok()
                } else {
                    None
                };
                permit.map(|permit| {
                    clients.insert(client, held + 1);
                    Slot { _permit: permit, client: Some((client, Arc::clone(&self.clients))) }
                })
            }
        };
        if let Some(slot) = served {
            Admission::Serve(slot)
        } else if let Ok(permit) = Arc::clone(&self.refusing).try_acquire_owned() {
            Admission::Refuse(permit)
        } else {
            Admission::Drop
        }
    }
}

/// Whom a connection from `peer` counts against: its IPv4 address, or its
/// IPv6 /64; `None` for loopback.
fn client_key(peer: IpAddr) -> Option<IpAddr> {
    let peer = peer.to_canonical();
    if peer.is_loopback() {
        return None;
    }
    Some(match peer {
        IpAddr::V4(_) => peer,
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(prefix.into())
        }
    })
}

/// Serves one connection until it closes, its lifetime is up, or the
/// server stops (`stopped` turns true); `_slot` is given back at the end.
pub(crate) async fn serve(
    http: &hyper::server::conn::http1::Builder,
    stream: TcpStream,
    app: Router,
    limits: Limits,
    mut stopped: tokio::sync::watch::Receiver<bool>,
    _slot: Slot,
) {
    let io = TokioIo::new(Timed::new(stream, &limits));
    let conn = http.serve_connection(io, TowerToHyperService::new(app));
    tokio::pin!(conn);
    let deadline = tokio::time::sleep(limits.lifetime);
    tokio::pin!(deadline);
    let mut closing = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    // hyper's own message without the cause says little
                    let cause = std::error::Error::source(&e).map(ToString::to_string);
                    tracing::debug!(error = %e, cause, "connection");
                }
                return;
            }
            () = &mut deadline => {
                if closing {
                    tracing::debug!("connection still busy after being asked to close; closed");
                    return;
                }
                // the answer under way may finish; no further request is read
                conn.as_mut().graceful_shutdown();
                closing = true;
                deadline.as_mut().reset(Instant::now() + limits.write_timeout);
            }
            _ = stopped.wait_for(|s| *s), if !closing => {
                // the server's drain time bounds the rest
                conn.as_mut().graceful_shutdown();
                closing = true;
                deadline.as_mut().reset(Instant::now() + super::DRAIN);
            }
        }
    }
}

/// Tells a connection over the cap to come back later, and closes it.
pub(crate) async fn refuse(mut stream: TcpStream, _slot: OwnedSemaphorePermit) {
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await?;
        let mut sink = [0; 4096];
        for _ in 0..16 {
            if stream.read(&mut sink).await? == 0 {
                break;
            }
        }
        Ok::<(), io::Error>(())
    })
    .await;
}

/// A stream whose reads and writes fail with `TimedOut` after waiting
/// longer than their timeout for the client.
struct Timed<S> {
    inner: S,
    read: Timer,
    write: Timer,
}

/// A timeout that runs while an operation waits and restarts once it is
/// done.
struct Timer {
    sleep: Pin<Box<Sleep>>,
    armed: bool,
    after: Duration,
    what: &'static str,
}

impl Timer {
    fn new(after: Duration, what: &'static str) -> Timer {
        Timer { sleep: Box::pin(tokio::time::sleep(after)), armed: false, after, what }
    }

    fn done(&mut self) {
        self.armed = false;
    }

    /// The operation is waiting: start the clock if it is not running, and
    /// fail once it has run out.
    fn waiting<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        if !self.armed {
            self.sleep.as_mut().reset(Instant::now() + self.after);
            self.armed = true;
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.armed = false;
                let message = format!("the client {} for {:?}", self.what, self.after);
                Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, message)))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S> Timed<S> {
    fn new(inner: S, limits: &Limits) -> Timed<S> {
        Timed {
            inner,
            read: Timer::new(limits.read_timeout, "sent nothing"),
            write: Timer::new(limits.write_timeout, "read nothing"),
        }
    }

    /// After a write: bytes moved, so the client is there; a read that was
    /// waiting meanwhile (hyper watches for the client closing while it
    /// answers) starts its clock again.
    fn wrote<T>(
        &mut self,
        result: Poll<io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<T>> {
        match result {
            Poll::Ready(r) => {
                self.write.done();
                self.read.done();
                Poll::Ready(r)
            }
            Poll::Pending => self.write.waiting(cx),
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Timed<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                this.read.done();
                Poll::Ready(r)
            }
            Poll::Pending => this.read.waiting(cx),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Timed<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.wrote(result, cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.wrote(result, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_flush(cx);
        this.wrote(result, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.wrote(result, cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_cannot_take_every_slot() {
        let limits = Limits { max_connections: 5, max_per_client: 2, ..Limits::default() };
        let slots = Slots::new(&limits);
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let a1 = slots.admit(ip("192.0.2.1"));
        let a2 = slots.admit(ip("192.0.2.1"));
        assert!(matches!((&a1, &a2), (Admission::Serve(_), Admission::Serve(_))));
        assert!(matches!(slots.admit(ip("192.0.2.1")), Admission::Refuse(_)));
        // one IPv6 host is its /64, however it picks the rest
        let b1 = slots.admit(ip("2001:db8::1"));
        let b2 = slots.admit(ip("2001:db8::ffff:2"));
        assert!(matches!((&b1, &b2), (Admission::Serve(_), Admission::Serve(_))));
        assert!(matches!(slots.admit(ip("2001:db8::3")), Admission::Refuse(_)));
        // a client's slot comes back when its connection closes
        drop(a1);
        let a3 = slots.admit(ip("::ffff:192.0.2.1"));
        assert!(matches!(a3, Admission::Serve(_)), "an IPv4-mapped address is the IPv4 one");
        // loopback (a proxy) is held only to the overall cap: 5 - 4 held
        let local = slots.admit(ip("127.0.0.1"));
        assert!(matches!(local, Admission::Serve(_)));
        assert!(matches!(slots.admit(ip("127.0.0.1")), Admission::Refuse(_)));
        drop((a2, a3, b1, b2, local));
        assert!(slots.clients.lock().unwrap().is_empty());
    }
}
