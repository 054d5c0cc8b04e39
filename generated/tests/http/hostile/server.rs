//! The hostile server: accepts connections, records each request (request line and body)
//! and answers with what the case's [`Reply`] says.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

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

    /// [`start`](Self::start) over TLS at `https://localhost:<port>`, with a certificate of its
    /// own, returned for the client to trust.
    pub async fn start_tls(
        handler: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> (Self, authing::runtime::Certificate) {
        let key =
            rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("certificate");
        let trusted = authing::runtime::Certificate::from_der(key.cert.der()).expect("certificate");
        let provider = tokio_rustls::rustls::crypto::aws_lc_rs::default_provider();
        let config = ServerConfig::builder_with_provider(provider.into())
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![key.cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.signing_key.serialize_der())),
            )
            .expect("TLS config");
        let server = Self::listen(
            "127.0.0.1",
            Some(TlsAcceptor::from(Arc::new(config))),
            handler,
        )
        .await;
        (server, trusted)
    }

    /// [`start`](Self::start) on `ip` (another loopback address is another origin).
    pub async fn bind(
        ip: &str,
        handler: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::listen(ip, None, handler).await
    }

    async fn listen(
        ip: &str,
        tls: Option<TlsAcceptor>,
        handler: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind((ip, 0)).await.expect("bind loopback");
        let address = listener.local_addr().expect("bound");
        let url = match tls {
            Some(_) => format!("https://localhost:{}", address.port()),
            None => format!("http://{address}"),
        };
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log, count) = (received.clone(), connections.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                *count.lock().unwrap() += 1;
                let (handler, log) = (handler.clone(), log.clone());
                match tls.clone() {
                    None => drop(tokio::spawn(serve(stream, handler, log))),
                    Some(tls) => drop(tokio::spawn(async move {
                        if let Ok(stream) = tls.accept(stream).await {
                            serve(stream, handler, log).await;
                        }
                    })),
                }
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

/// A connection of the server: plain or TLS, over TCP.
trait Connection: AsyncRead + AsyncWrite + Unpin + Send {
    fn tcp(&self) -> &TcpStream;
}

impl Connection for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
}

impl Connection for tokio_rustls::server::TlsStream<TcpStream> {
    fn tcp(&self) -> &TcpStream {
        self.get_ref().0
    }
}

/// Reads requests on `stream` until it closes, answering each.
async fn serve(mut stream: impl Connection, handler: Arc<Handler>, log: Arc<Mutex<Vec<Received>>>) {
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
                let _ = stream.tcp().set_linger(Some(Duration::ZERO));
                return;
            }
        }
    }
}

/// One request: the head up to the blank line, then `content-length` bytes of body.
async fn read_request(stream: &mut impl Connection, buffer: &mut Vec<u8>) -> Option<Received> {
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
