//! Authing's event center (feature `events`): subscribe to an event code over WebSocket as a
//! [`Stream`](futures_util::Stream) of messages, reconnecting with bounded backoff, and
//! publish a custom event.
//!
//! As the node and python SDKs do it:
//!
//! - the app ([`AuthenticationClient::events`](crate::AuthenticationClient::events)) subscribes at
//!   `{socket}/events/v1/authentication/sub?code={eventCode}&token={user access token}` and
//!   publishes with `POST /api/v3/pub-userEvent` as the signed-in user;
//! - the administrator ([`ManagementClient::events`](crate::ManagementClient::events))
//!   subscribes at `{socket}/events/v1/management/sub?code={eventCode}` with the access key's
//!   signature in `authorization` and publishes with `POST /api/v3/pub-event`;
//! - the socket host is `wss://openevent.authing.cn` (node's `DEFAULT_SOCKET_URI`) for Authing
//!   and `wss://events.genauth.ai` (the GenAuth python SDK's) for GenAuth;
//!   [`Events::socket_uri`] sets another;
//! - a published event is `{eventType, eventData, source}`, its data a string (JSON text, as
//!   the reference pages' examples send it).
//!
//! The access token and the access key's signature go only to the socket host; neither shows
//! in any `Debug`, error or log line.

mod socket;

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use socket::Subscription;

use crate::runtime::authing::Brand;
use crate::runtime::{ApiClient, Error, Method, Request, Secret};

/// Which client subscribes: the path below the socket host and how it authenticates.
#[derive(Clone)]
enum Side {
    /// The user's access token, in the query.
    #[cfg(feature = "authentication")]
    Authentication(Option<Secret>),
    /// The access key's signature, in `authorization`.
    #[cfg(feature = "management")]
    Management(Secret),
}

/// How a [`Subscription`] reconnects after its connection fails or closes: at most
/// `max_retries` attempts in a row, waiting `initial_delay`, doubled each failed attempt up to
/// `max_delay`. A message received, or the loss of a connection that had stayed up for
/// `max_delay` (one second at least), starts the count again. The default is the node SDK's
/// five retries, from two seconds up to thirty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reconnect {
    /// The most attempts in a row after a failure (0: the first failure ends the stream).
    pub max_retries: u32,
    /// The wait before the first retry.
    pub initial_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
}

impl Default for Reconnect {
    fn default() -> Self {
        Self {
            max_retries: 5,
            initial_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl Reconnect {
    /// The wait before retry `attempt` (1-based).
    fn delay(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_delay
            .saturating_mul(factor)
            .min(self.max_delay)
    }
}

/// The largest message accepted from the socket; a larger one is a protocol error (the
/// connection is dropped and re-established) rather than memory the server can claim.
pub const MAX_MESSAGE_SIZE: usize = 1 << 20;

/// The longest wait for the socket's connection and handshake.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The event center for one client: from [`AuthenticationClient::events`](crate::AuthenticationClient::events) or
/// [`ManagementClient::events`](crate::ManagementClient::events).
#[derive(Clone)]
pub struct Events {
    side: Side,
    socket_uri: String,
    reconnect: Reconnect,
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("socket_uri", &self.socket_uri)
            .field("reconnect", &self.reconnect)
            .finish_non_exhaustive()
    }
}

impl Events {
    fn new(side: Side, brand: Brand) -> Self {
        let socket_uri = match brand {
            Brand::Authing => "wss://openevent.authing.cn",
            Brand::GenAuth => "wss://events.genauth.ai",
        };
        Self {
            side,
            socket_uri: socket_uri.to_owned(),
            reconnect: Reconnect::default(),
        }
    }

    /// The socket host (`wss://...`, or `ws://` for a local one), instead of the brand's.
    pub fn socket_uri(mut self, uri: impl Into<String>) -> Self {
        self.socket_uri = uri.into().trim().trim_end_matches('/').to_owned();
        self
    }

    /// How subscriptions reconnect (default [`Reconnect::default`]).
    pub fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.reconnect = reconnect;
        self
    }

    /// Subscribes to `event_code` (`authing.user.created`, a custom event's code): the
    /// messages as they arrive, until the stream is dropped or a failure ends it
    /// ([`EventError::Rejected`], [`EventError::Disconnected`]). Nothing is sent before the
    /// stream is first polled.
    pub fn subscribe(&self, event_code: &str) -> Result<Subscription, EventError> {
        let event_code = event_code.trim();
        if event_code.is_empty() {
            return Err(EventError::EmptyEventCode);
        }
        let (path, token, authorization) = match &self.side {
            #[cfg(feature = "authentication")]
            Side::Authentication(token) => {
                let token = token.clone().ok_or(EventError::MissingAccessToken)?;
                ("authentication", Some(token), None)
            }
            #[cfg(feature = "management")]
            Side::Management(authorization) => ("management", None, Some(authorization.clone())),
        };
        let mut url = reqwest::Url::parse(&format!("{}/events/v1/{path}/sub", self.socket_uri))
            .ok()
            .filter(|url| matches!(url.scheme(), "ws" | "wss") && url.host_str().is_some())
            .ok_or_else(|| EventError::InvalidSocketUri(self.socket_uri.clone()))?;
        url.query_pairs_mut().append_pair("code", event_code);
        Ok(Subscription::new(
            socket::Target {
                url,
                token,
                authorization,
            },
            event_code.to_owned(),
            self.reconnect,
        ))
    }
}

/// A message of a subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventMessage {
    /// The event code subscribed to.
    pub event_code: String,
    /// The message as sent (text; JSON for Authing's events).
    pub data: String,
}

impl EventMessage {
    /// The message's data as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, EventError> {
        serde_json::from_str(&self.data).map_err(|error| EventError::Decode {
            event_code: self.event_code.clone(),
            reason: crate::runtime::redact::sanitized(error).to_string(),
        })
    }
}

/// A subscription that cannot start, a message that cannot be read, or the end of a stream.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// The event code is empty.
    #[error("the event code is empty")]
    EmptyEventCode,
    /// The app's subscription needs the user's access token (set it on the client).
    #[error("subscribing as the app needs the user's access token")]
    MissingAccessToken,
    /// The socket host is not a `ws://` or `wss://` URL.
    #[error("the event socket URI {0:?} is not a ws:// or wss:// URL")]
    InvalidSocketUri(String),
    /// The socket server refused the handshake (HTTP 4xx: bad credentials, unknown path);
    /// retrying would not help. Ends the stream.
    #[error("the event socket refused the subscription to {event_code}: HTTP {status}")]
    Rejected {
        /// The event code.
        event_code: String,
        /// The handshake's HTTP status.
        status: u16,
    },
    /// The connection failed or closed `attempts` times in a row, the last time for
    /// `reason`. Ends the stream.
    #[error("the event socket for {event_code} failed {attempts} times in a row: {reason}")]
    Disconnected {
        /// The event code.
        event_code: String,
        /// The attempts made.
        attempts: u32,
        /// The last failure.
        reason: String,
    },
    /// A binary message that is not UTF-8 text; the stream goes on.
    #[error("a message of {event_code} is binary, not UTF-8 text")]
    NotText {
        /// The event code.
        event_code: String,
    },
    /// A message is not JSON of the type asked for ([`EventMessage::json`]).
    #[error("a message of {event_code} does not decode: {reason}")]
    Decode {
        /// The event code.
        event_code: String,
        /// The decoder's message, without the values it quotes.
        reason: String,
    },
}

/// The body of a published event.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Publish<'a> {
    event_type: &'a str,
    event_data: &'a str,
    source: &'static str,
}

/// What the event's `source` says: this SDK and its version (the node SDK sends its own).
const SOURCE: &str = concat!("authing-rust-sdk: ", env!("CARGO_PKG_VERSION"));

fn publish_request(path: &'static str, operation: &'static str, code: &str, data: &str) -> Request {
    Request::new(Method::POST, path)
        .operation_id(operation)
        .json(&Publish {
            event_type: code,
            event_data: data,
            source: SOURCE,
        })
}

#[cfg(feature = "authentication")]
impl crate::AuthenticationClient {
    /// The event center as the app, with the user's access token of this client.
    pub fn events(&self) -> Events {
        Events::new(
            Side::Authentication(self.access_token().cloned()),
            self.brand(),
        )
    }

    /// Publishes a custom event as the signed-in user (`POST /api/v3/pub-userEvent`; node
    /// `pub`): `data` is the event's body, a string (JSON text, usually). The answer's `data`
    /// is returned as sent.
    pub async fn publish_event(&self, event_code: &str, data: &str) -> Result<Value, Error> {
        let request = publish_request("/api/v3/pub-userEvent", "pubUserEvent", event_code, data);
        ApiClient::execute(self, request).await
    }
}

#[cfg(feature = "management")]
impl crate::ManagementClient {
    /// The event center as the administrator, authenticated by the access key.
    pub fn events(&self) -> Events {
        Events::new(
            Side::Management(self.event_socket_authorization()),
            self.brand(),
        )
    }

    /// Publishes a custom event (`POST /api/v3/pub-event`; node `pub`): `data` is the
    /// event's body, a string (JSON text, usually). The answer's `data` is returned as sent.
    pub async fn publish_event(&self, event_code: &str, data: &str) -> Result<Value, Error> {
        let request = publish_request("/api/v3/pub-event", "pubEvent", event_code, data);
        ApiClient::execute(self, request).await
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Reconnect;

    #[test]
    fn backoff_doubles_up_to_the_bound() {
        let policy = Reconnect {
            max_retries: 10,
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(700),
        };
        let delays: Vec<u128> = (1..=6).map(|n| policy.delay(n).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 700, 700, 700]);
        assert_eq!(policy.delay(u32::MAX), Duration::from_millis(700));
    }
}
