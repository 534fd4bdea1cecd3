//! A real SMTP server on 127.0.0.1 for tests: it speaks enough ESMTP for a
//! client to deliver (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET,
//! QUIT), keeps what it receives, and can be told to refuse a recipient.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One message as delivered.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    messages: Vec<Received>,
    refuse: Option<String>,
    defer: Option<String>,
    auth: Vec<String>,
    without_smtputf8: bool,
}

/// The server; it runs until the test process ends.
pub struct SmtpServer {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let for_thread = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&for_thread);
                std::thread::spawn(move || {
                    let _ = session(stream, &shared);
                });
            }
        });
        SmtpServer { addr, shared }
    }

    /// `smtp://127.0.0.1:PORT` (no TLS offered, so none is used).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.addr.port())
    }

    /// Stop offering SMTPUTF8 (RFC 6531), as many servers do.
    pub fn without_smtputf8(&self) {
        self.shared.lock().unwrap().without_smtputf8 = true;
    }

    /// Refuse RCPT TO this address (any case) from now on; `None` accepts all.
    pub fn refuse(&self, address: Option<&str>) {
        self.shared.lock().unwrap().refuse = address.map(str::to_ascii_lowercase);
    }

    /// Answer RCPT TO this address with a temporary 451; `None` for none.
    pub fn defer(&self, address: Option<&str>) {
        self.shared.lock().unwrap().defer = address.map(str::to_ascii_lowercase);
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.lock().unwrap().messages.clone()
    }

    /// The decoded credentials of every AUTH, as `user\0password`.
    pub fn auth(&self) -> Vec<String> {
        self.shared.lock().unwrap().auth.clone()
    }
}

fn session(stream: TcpStream, shared: &Mutex<Shared>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    let mut line = String::new();
    let mut from = String::new();
    let mut to = Vec::new();
    out.write_all(b"220 127.0.0.1 test ESMTP\r\n")?;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            if shared.lock().unwrap().without_smtputf8 {
                out.write_all(b"250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")?;
            } else {
                out.write_all(
                    b"250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
                )?;
            }
        } else if let Some(initial) =
            upper.strip_prefix("AUTH PLAIN").map(|_| command[10..].trim().to_owned())
        {
            let response = if initial.is_empty() {
                out.write_all(b"334 \r\n")?;
                line.clear();
                input.read_line(&mut line)?;
                line.trim().to_owned()
            } else {
                initial
            };
            let decoded = base64_decode(&response);
            let text = String::from_utf8_lossy(&decoded);
            shared.lock().unwrap().auth.push(text.trim_start_matches('\0').to_owned());
            out.write_all(b"235 2.7.0 ok\r\n")?;
        } else if upper.starts_with("AUTH LOGIN") {
            let mut parts = Vec::new();
            for prompt in [&b"334 VXNlcm5hbWU6\r\n"[..], b"334 UGFzc3dvcmQ6\r\n"] {
                out.write_all(prompt)?;
                line.clear();
                input.read_line(&mut line)?;
                parts.push(String::from_utf8_lossy(&base64_decode(line.trim())).into_owned());
            }
            shared.lock().unwrap().auth.push(parts.join("\0"));
            out.write_all(b"235 2.7.0 ok\r\n")?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command);
            to.clear();
            out.write_all(b"250 2.1.0 ok\r\n")?;
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = address(&command);
            let (refused, deferred) = {
                let shared = shared.lock().unwrap();
                (shared.refuse.clone(), shared.defer.clone())
            };
            if refused.as_deref() == Some(rcpt.to_ascii_lowercase().as_str()) {
                out.write_all(b"550 5.1.1 mailbox unavailable\r\n")?;
            } else if deferred.as_deref() == Some(rcpt.to_ascii_lowercase().as_str()) {
                out.write_all(b"451 4.3.0 try again later\r\n")?;
            } else {
                to.push(rcpt);
                out.write_all(b"250 2.1.5 ok\r\n")?;
            }
        } else if upper == "DATA" {
            out.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut data = Vec::new();
            loop {
                let mut raw = Vec::new();
                if input.read_until(b'\n', &mut raw)? == 0 {
                    return Ok(());
                }
                if raw == b".\r\n" {
                    break;
                }
                let unstuffed = if raw.starts_with(b"..") { &raw[1..] } else { &raw[..] };
                data.extend_from_slice(unstuffed);
            }
            let message = Received { from: from.clone(), to: std::mem::take(&mut to), data };
            shared.lock().unwrap().messages.push(message);
            out.write_all(b"250 2.0.0 queued\r\n")?;
        } else if upper == "RSET" || upper == "NOOP" {
            to.clear();
            out.write_all(b"250 2.0.0 ok\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 2.0.0 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 5.5.2 not implemented\r\n")?;
        }
    }
}

/// `MAIL FROM:<a@b> SIZE=1` → `a@b`.
fn address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..].find('>').map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else { continue };
        buffer = (buffer << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}
