//! [`Subscription`]: one event code's socket as a stream, reconnected with bounded backoff.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures_util::stream::{BoxStream, Stream, StreamExt as _};
use reqwest::Url;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{Connector, MaybeTlsStream, WebSocketStream};

use super::{CONNECT_TIMEOUT, EventError, EventMessage, MAX_MESSAGE_SIZE, Reconnect};
use crate::runtime::Secret;

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The shortest life of a connection whose loss is not counted against the previous failures
/// (with the policy's `max_delay`, when longer).
const STABLE_CONNECTION: Duration = Duration::from_secs(1);

/// Where and how to connect.
pub(super) struct Target {
    /// The socket URL with `code`, without the token.
    pub(super) url: Url,
    /// The user's access token, added to the query at each connection.
    pub(super) token: Option<Secret>,
    /// The handshake's `authorization`.
    pub(super) authorization: Option<Secret>,
}

/// The messages of one event code, as a [`Stream`] of
/// `Result<`[`EventMessage`]`, `[`EventError`]`>`: a lost connection is re-established
/// (logged at `warn`), waiting as the [`Reconnect`] policy says; the stream ends after
/// [`EventError::Rejected`] or [`EventError::Disconnected`]. Dropping it closes the socket.
pub struct Subscription {
    event_code: String,
    inner: BoxStream<'static, Result<EventMessage, EventError>>,
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("event_code", &self.event_code)
            .finish_non_exhaustive()
    }
}

impl Stream for Subscription {
    type Item = Result<EventMessage, EventError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl Subscription {
    pub(super) fn new(target: Target, event_code: String, reconnect: Reconnect) -> Self {
        let state = State {
            target,
            event_code: event_code.clone(),
            reconnect,
            socket: None,
            connected_at: None,
            failures: 0,
            done: false,
        };
        Self {
            event_code,
            inner: futures_util::stream::unfold(state, State::next).boxed(),
        }
    }

    /// The event code subscribed to.
    pub fn event_code(&self) -> &str {
        &self.event_code
    }

    /// The messages' data decoded as JSON of type `T` ([`EventMessage::json`]); a message
    /// that does not decode is an [`EventError::Decode`] item and the stream goes on.
    pub fn json<T: serde::de::DeserializeOwned + Send + 'static>(
        self,
    ) -> impl Stream<Item = Result<T, EventError>> + Send {
        self.map(|message| message.and_then(|message| message.json()))
    }
}

struct State {
    target: Target,
    event_code: String,
    reconnect: Reconnect,
    socket: Option<Socket>,
    /// When the current connection was established.
    connected_at: Option<Instant>,
    /// Failed attempts since the last message or stable connection.
    failures: u32,
    done: bool,
}

/// Why a connection attempt failed.
enum Failure {
    /// The server answered the handshake with a 4xx: retrying will not help.
    Rejected(u16),
    /// Anything else: the network, TLS, a 5xx, a timeout.
    Transient(String),
}

impl State {
    async fn next(mut self) -> Option<(Result<EventMessage, EventError>, Self)> {
        loop {
            if self.done {
                return None;
            }
            let Some(socket) = self.socket.as_mut() else {
                if self.failures > 0 {
                    tokio::time::sleep(self.reconnect.delay(self.failures)).await;
                }
                match self.connect().await {
                    Ok(socket) => {
                        self.socket = Some(socket);
                        self.connected_at = Some(Instant::now());
                    }
                    Err(Failure::Rejected(status)) => {
                        self.done = true;
                        let event_code = self.event_code.clone();
                        return Some((Err(EventError::Rejected { event_code, status }), self));
                    }
                    Err(Failure::Transient(reason)) => {
                        if let Some(end) = self.failed(reason) {
                            return Some((Err(end), self));
                        }
                    }
                }
                continue;
            };
            let data = match socket.next().await {
                Some(Ok(Message::Text(text))) => Ok(text.as_str().to_owned()),
                Some(Ok(Message::Binary(bytes))) => {
                    String::from_utf8(bytes.to_vec()).map_err(|_| EventError::NotText {
                        event_code: self.event_code.clone(),
                    })
                }
                // Pings are answered by the socket itself.
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Ok(Message::Close(_))) | None => {
                    self.socket = None;
                    match self.failed("the server closed the connection".to_owned()) {
                        Some(end) => return Some((Err(end), self)),
                        None => continue,
                    }
                }
                Some(Err(error)) => {
                    self.socket = None;
                    match self.failed(describe(&error)) {
                        Some(end) => return Some((Err(end), self)),
                        None => continue,
                    }
                }
            };
            self.failures = 0;
            let event_code = self.event_code.clone();
            return Some((data.map(|data| EventMessage { event_code, data }), self));
        }
    }

    /// Counts a failure: `None` while retries remain (logged), the stream's last error after.
    /// A connection that stayed up at least `max_delay` was healthy: its loss starts the count
    /// again, so that a quiet subscription survives occasional drops over its lifetime.
    fn failed(&mut self, reason: String) -> Option<EventError> {
        let stable = self.reconnect.max_delay.max(STABLE_CONNECTION);
        if self
            .connected_at
            .take()
            .is_some_and(|since| since.elapsed() >= stable)
        {
            self.failures = 0;
        }
        self.failures += 1;
        if self.failures > self.reconnect.max_retries {
            self.done = true;
            return Some(EventError::Disconnected {
                event_code: self.event_code.clone(),
                attempts: self.failures,
                reason,
            });
        }
        tracing::warn!(
            event_code = %self.event_code,
            attempt = self.failures,
            max_retries = self.reconnect.max_retries,
            delay_ms = self.reconnect.delay(self.failures).as_millis() as u64,
            %reason,
            "event socket lost; reconnecting (events sent meanwhile are missed)"
        );
        None
    }

    async fn connect(&self) -> Result<Socket, Failure> {
        let target = &self.target;
        let mut url = target.url.clone();
        if let Some(token) = &target.token {
            url.query_pairs_mut().append_pair("token", token.expose());
        }
        let mut request = url
            .as_str()
            .into_client_request()
            .map_err(|error| Failure::Transient(describe(&error)))?;
        if let Some(authorization) = &target.authorization {
            let mut value = HeaderValue::from_str(authorization.expose()).map_err(|_| {
                Failure::Transient("the authorization is not a header value".into())
            })?;
            value.set_sensitive(true);
            request.headers_mut().insert("authorization", value);
        }
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE_SIZE))
            .max_frame_size(Some(MAX_MESSAGE_SIZE));
        let connector = match url.scheme() {
            "wss" => Some(Connector::Rustls(tls_config().map_err(Failure::Transient)?)),
            _ => Some(Connector::Plain),
        };
        let connecting = tokio_tungstenite::connect_async_tls_with_config(
            request,
            Some(config),
            true,
            connector,
        );
        match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
            Err(_) => Err(Failure::Transient(format!(
                "no handshake within {CONNECT_TIMEOUT:?}"
            ))),
            Ok(Ok((socket, _response))) => Ok(socket),
            Ok(Err(tungstenite::Error::Http(response)))
                if response.status().is_client_error()
                    && !matches!(response.status().as_u16(), 408 | 429) =>
            {
                Err(Failure::Rejected(response.status().as_u16()))
            }
            Ok(Err(error)) => Err(Failure::Transient(describe(&error))),
        }
    }
}

/// The client's TLS: rustls with aws-lc-rs and the platform's certificate verifier, as the
/// HTTP client (reqwest's `rustls` feature) has it.
fn tls_config() -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|error| format!("TLS configuration: {error}"))?
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A socket error, without the URL (it carries the user's token).
fn describe(error: &tungstenite::Error) -> String {
    match error {
        tungstenite::Error::Url(_) => "the socket URL is invalid".to_owned(),
        tungstenite::Error::Http(response) => format!("HTTP {}", response.status()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tls_configuration_builds() {
        let config = super::tls_config().expect("rustls with the platform verifier");
        assert!(config.alpn_protocols.is_empty());
    }
}
