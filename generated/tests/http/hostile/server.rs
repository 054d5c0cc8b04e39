//! The hostile server: accepts connections, records each request (request line and body)
//! and answers with what the case's [`Reply`] says.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as it arrived on the wire (its headers only serve to find the body's length).
#[derive(Clone, Debug)]
pub struct Received {
    /// `GET /x HTTP/1.1`.
    pub line: String,
    pub body: Vec<u8>,
}

impl Received {
    /// The path and query of the request line.
    pub fn target(&self) -> &str {
        self.line.split(' ').nth(1).unwrap_or("")
    }
}

/// How the server answers one request.
pub enum Reply {
    /// These bytes, then close.
    Bytes(Vec<u8>),
    /// A `200` head without a length, then `chunk` forever (until the client goes away).
    Endless { chunk: usize },
    /// `head`, then one byte of body every `interval`, forever.
    Trickle {
        head: &'static str,
        interval: Duration,
    },
    /// These bytes, then the connection is reset (RST, not FIN).
    Reset(&'static [u8]),
    /// Nothing, ever (the connection stays open).
    Silent,
}

impl Reply {
    /// A complete response: `status`, extra header lines (`name: value`), and `body`.
    pub fn status(status: u16, headers: &[&str], body: &str) -> Self {
        let mut text = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
        for header in headers {
            text.push_str(header);
            text.push_str("\r\n");
        }
        text.push_str("connection: close\r\n\r\n");
        text.push_str(body);
        Reply::Bytes(text.into_bytes())
    }

    /// A redirect `status` to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::status(status, &[&format!("location: {location}")], "")
    }

    /// A `200` with a JSON body.
    pub fn json(body: &str) -> Self {
        Self::status(200, &["content-type: application/json"], body)
    }
}

type Handler = dyn Fn(&Received) -> Reply + Send + Sync;

/// A loopback server; stops when dropped.
pub struct Server {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    connections: Arc<Mutex<usize>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Binds `127.0.0.1` on a free port and answers every request with `handler`.
    pub async fn start(handler: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Self {
        Self::bind("127.0.0.1", handler).await
    }

    /// [`start`](Self::start) on `ip` (another loopback address is another origin).
    pub async fn bind(
        ip: &str,
        handler: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind((ip, 0)).await.expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log, count) = (received.clone(), connections.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                *count.lock().unwrap() += 1;
                tokio::spawn(serve(stream, handler.clone(), log.clone()));
            }
        });
        Self {
            url,
            received,
            connections,
            task,
        }
    }

    /// The requests received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The connections accepted so far.
    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads requests on `stream` until it closes, answering each.
async fn serve(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Received>>>) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        log.lock().unwrap().push(request.clone());
        match handler(&request) {
            Reply::Bytes(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return;
            }
            Reply::Endless { chunk } => {
                let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n";
                if stream.write_all(head).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; chunk];
                while stream.write_all(&chunk).await.is_ok() {}
                return;
            }
            Reply::Trickle { head, interval } => {
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                loop {
                    tokio::time::sleep(interval).await;
                    if stream.write_all(b" ").await.is_err() {
                        return;
                    }
                }
            }
            Reply::Silent => {
                std::future::pending::<()>().await;
            }
            Reply::Reset(bytes) => {
                let _ = stream.write_all(bytes).await;
                // Linger zero makes the close an RST; it does not block (the deprecation's concern).
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
                return;
            }
        }
    }
}

/// One request: the head up to the blank line, then `content-length` bytes of body.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Received> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let (line, head) = head.split_once("\r\n").unwrap_or((&head, ""));
    let head = head.to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Received {
        line: line.to_owned(),
        body,
    })
}
