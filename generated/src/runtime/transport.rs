//! The transport: options every client shares (timeout, retries, user agent), sending with
//! bounded retries, and one `tracing` span per request.

use std::time::Duration;

use bytes::Bytes;
use reqwest::{Method, StatusCode};

use super::error::{BodyError, BodyErrorKind, ConfigError, Error, Operation};
use super::request::{Outgoing, Request};

/// The timeout when none is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// When to retry a request, and how long to wait in between.
///
/// Only `GET` and `HEAD` requests are retried, on a connection failure or a 502 / 503 / 504
/// answer: the server has not acted on them, or acting again changes nothing. Other methods are
/// never retried automatically (a login or a creation must not run twice), and neither are
/// timeouts (the server may be slow, not down, and waiting again multiplies the delay). The
/// wait doubles from `initial_backoff` up to `max_backoff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryPolicy {
    /// `max_retries` retries after the first attempt, waiting 100 ms, 200 ms, 400 ms... at most 2 s.
    pub const fn new(max_retries: u32) -> Self {
        Self {
            max_retries,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
        }
    }

    /// Never retry.
    pub const fn none() -> Self {
        Self::new(0)
    }

    /// The same number of retries with other waits: `initial` doubled each time, capped at `max`.
    pub const fn with_backoff(self, initial: Duration, max: Duration) -> Self {
        Self {
            initial_backoff: initial,
            max_backoff: max,
            ..self
        }
    }

    /// How many retries follow a failed first attempt.
    pub const fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before retry number `retry` (0 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

impl Default for RetryPolicy {
    /// Two retries: 100 ms, then 200 ms.
    fn default() -> Self {
        Self::new(2)
    }
}

/// Transport settings every client builder takes.
#[derive(Clone, Debug)]
pub(crate) struct TransportOptions {
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: Option<String>,
}

impl Default for TransportOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: None,
        }
    }
}

/// Adds the transport setters (`timeout`, `retry`, `user_agent`) to a builder whose
/// `TransportOptions` are at field path `$field`.
macro_rules! transport_setters {
    ($builder:ty, $($field:ident).+) => {
        impl $builder {
            /// The time a whole call may take, from sending to the end of the body (default 10 s).
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.$($field).+.timeout = timeout;
                self
            }

            /// When to retry `GET` requests (default: [`RetryPolicy::default`](crate::runtime::RetryPolicy::default)).
            pub fn retry(mut self, retry: crate::runtime::RetryPolicy) -> Self {
                self.$($field).+.retry = retry;
                self
            }

            /// The `user-agent` header (default `authing-rust-sdk/<version>`).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.$($field).+.user_agent = Some(user_agent.into());
                self
            }
        }
    };
}
pub(crate) use transport_setters;

/// A response whose body has been read in full.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: StatusCode,
    pub(crate) body: Bytes,
}

/// An HTTP connection pool with its timeout and retry policy.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    http: reqwest::Client,
    timeout: Duration,
    retry: RetryPolicy,
}

impl Transport {
    /// The transport of `client` (named in configuration errors), with `default_user_agent`
    /// unless the options set one.
    pub(crate) fn new(
        client: &'static str,
        options: TransportOptions,
        default_user_agent: &str,
    ) -> Result<Self, ConfigError> {
        let user_agent = options.user_agent.as_deref().unwrap_or(default_user_agent);
        let http = reqwest::Client::builder()
            .user_agent(user_agent)
            .build()
            .map_err(|source| ConfigError::HttpClient { client, source })?;
        Ok(Self {
            http,
            timeout: options.timeout,
            retry: options.retry,
        })
    }

    /// Sends `outgoing`, retrying as the [`RetryPolicy`] says, and reads the whole body.
    pub(crate) async fn send(&self, outgoing: Outgoing) -> Result<Response, Error> {
        let retryable = matches!(outgoing.operation.method, Method::GET | Method::HEAD);
        let mut retry = 0;
        loop {
            let result = self.attempt(&outgoing).await;
            let transient = match &result {
                Ok(response) => matches!(
                    response.status,
                    StatusCode::BAD_GATEWAY
                        | StatusCode::SERVICE_UNAVAILABLE
                        | StatusCode::GATEWAY_TIMEOUT
                ),
                Err(error) => matches!(error, Error::Connect { .. }),
            };
            if !(retryable && transient && retry < self.retry.max_retries) {
                return result;
            }
            let wait = self.retry.backoff(retry);
            retry += 1;
            tracing::warn!(retry, ?wait, "transient failure, retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, outgoing: &Outgoing) -> Result<Response, Error> {
        let operation = &outgoing.operation;
        let mut builder = self
            .http
            .request(operation.method.clone(), outgoing.url.clone())
            .headers(outgoing.headers.clone())
            .timeout(self.timeout);
        if let Some(body) = &outgoing.body {
            builder = builder.body(body.clone());
        }
        let mut response = builder
            .send()
            .await
            .map_err(|error| self.transport_error(operation, error))?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) if error.is_timeout() => {
                    return Err(self.transport_error(operation, error));
                }
                Err(error) => {
                    return Err(BodyError {
                        operation: operation.clone(),
                        status,
                        kind: BodyErrorKind::Interrupted,
                        body: super::error::raw_body(&body),
                        source: Some(Box::new(error.without_url())),
                    }
                    .into());
                }
            }
        }
        tracing::debug!(status = status.as_u16(), bytes = body.len(), "response");
        Ok(Response {
            status,
            body: body.into(),
        })
    }

    fn transport_error(&self, operation: &Operation, error: reqwest::Error) -> Error {
        if error.is_timeout() {
            Error::Timeout {
                operation: operation.clone(),
                after: self.timeout,
            }
        } else if error.is_builder() {
            Error::InvalidRequest {
                operation: operation.clone(),
                reason: error.without_url().to_string(),
            }
        } else {
            Error::Connect {
                operation: operation.clone(),
                source: error.without_url(),
            }
        }
    }
}

/// The request's span: `authing.request` with the method, the path template, the operation id
/// and, once known, the HTTP status and the API's request id. No URL, header or body is
/// recorded, so no credential reaches the logs.
pub(crate) fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!(
        "authing.request",
        method = %request.method,
        path = request.path_template,
        operation = request.operation_id.unwrap_or(""),
        status = tracing::field::Empty,
        request_id = tracing::field::Empty,
    )
}
