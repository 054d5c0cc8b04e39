//! The transport: options every client shares (timeout, retries, redirects, response size
//! limit, user agent), sending with bounded retries, and one `tracing` span per request.

use std::borrow::Cow;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use super::error::{BodyError, BodyErrorKind, ConfigError, Error, Operation};
use super::redirect::{self, RedirectError, RedirectPolicy};
use super::request::{Outgoing, Request};
use super::retry::{self, RetryPolicy};

/// The timeout when none is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest response body read when no limit is configured: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

/// How much of a body over the size limit an error keeps.
const TOO_LARGE_PREFIX: usize = 1024;

/// Transport settings every client builder takes.
#[derive(Clone, Debug)]
pub(crate) struct TransportOptions {
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) redirects: RedirectPolicy,
    pub(crate) max_response_size: u64,
    pub(crate) user_agent: Option<String>,
    pub(crate) root_certificates: Vec<reqwest::Certificate>,
}

impl Default for TransportOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            redirects: RedirectPolicy::default(),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            user_agent: None,
            root_certificates: Vec::new(),
        }
    }
}

/// Adds the transport setters (`timeout`, `retry`, `redirects`, `max_response_size`,
/// `user_agent`, `root_certificate`) to a builder whose `TransportOptions` are at field path `$field`.
macro_rules! transport_setters {
    ($builder:ty, $($field:ident).+) => {
        impl $builder {
            /// The time an attempt may take, from sending to the end of the body, redirects
            /// included (default 10 s).
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.$($field).+.timeout = timeout;
                self
            }

            /// When to retry `GET` requests (default: [`RetryPolicy::default`](crate::runtime::RetryPolicy::default)).
            pub fn retry(mut self, retry: crate::runtime::RetryPolicy) -> Self {
                self.$($field).+.retry = retry;
                self
            }

            /// Which same-origin redirects are followed (default
            /// [`RedirectPolicy::SameOriginGetHead`](crate::runtime::RedirectPolicy::SameOriginGetHead));
            /// a redirect to another origin or from `https` to `http` never is.
            pub fn redirects(mut self, redirects: crate::runtime::RedirectPolicy) -> Self {
                self.$($field).+.redirects = redirects;
                self
            }

            /// The largest response body read, in bytes (default
            /// [`DEFAULT_MAX_RESPONSE_SIZE`](crate::runtime::DEFAULT_MAX_RESPONSE_SIZE), 16 MiB).
            /// A larger `content-length` is refused before the body is read, a longer body as
            /// soon as it passes the limit: [`BodyErrorKind::TooLarge`](crate::runtime::BodyErrorKind::TooLarge).
            pub fn max_response_size(mut self, bytes: u64) -> Self {
                self.$($field).+.max_response_size = bytes;
                self
            }

            /// The `user-agent` header (default `authing-rust-sdk/<version>`).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.$($field).+.user_agent = Some(user_agent.into());
                self
            }

            /// Trusts `certificate` as a root, besides the built-in ones (a private
            /// deployment's own certificate authority). Certificates are always verified.
            pub fn root_certificate(mut self, certificate: crate::runtime::Certificate) -> Self {
                self.$($field).+.root_certificates.push(certificate);
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
    /// The wait its `Retry-After` asks for, when it has a valid one.
    pub(crate) retry_after: Option<Duration>,
}

/// An HTTP connection pool with its timeout, retry and redirect policies and size limit.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    http: reqwest::Client,
    timeout: Duration,
    retry: RetryPolicy,
    redirects: RedirectPolicy,
    max_response_size: u64,
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
            // Redirects are followed by `attempt`, which knows the method and the body.
            .redirect(reqwest::redirect::Policy::none())
            .tls_certs_merge(options.root_certificates)
            .build()
            .map_err(|source| ConfigError::HttpClient { client, source })?;
        Ok(Self {
            http,
            timeout: options.timeout,
            retry: options.retry,
            redirects: options.redirects,
            max_response_size: options.max_response_size,
        })
    }

    /// Sends `outgoing`, retrying as the [`RetryPolicy`] says, and reads the whole body.
    pub(crate) async fn send(&self, outgoing: Outgoing) -> Result<Response, Error> {
        let retryable = matches!(outgoing.operation.method, Method::GET | Method::HEAD);
        let started = Instant::now();
        let mut retry = 0;
        loop {
            let last = !(retryable && retry < self.retry.max_retries());
            let result = if last {
                // Nothing is sent again: the attempt takes the request as it is.
                return self.attempt(Cow::Owned(outgoing)).await;
            } else {
                self.attempt(Cow::Borrowed(&outgoing)).await
            };
            let (transient, retry_after) = match &result {
                Ok(response) => (
                    matches!(
                        response.status,
                        StatusCode::BAD_GATEWAY
                            | StatusCode::SERVICE_UNAVAILABLE
                            | StatusCode::GATEWAY_TIMEOUT
                    ),
                    response.retry_after,
                ),
                Err(error) => (matches!(error, Error::Connect { .. }), None),
            };
            if !transient {
                return result;
            }
            let Some(wait) = self.retry.wait(retry, retry_after) else {
                tracing::warn!(
                    ?retry_after,
                    max = ?self.retry.max_retry_after(),
                    "the server asks to retry later than the retry policy waits; not retrying"
                );
                return result;
            };
            if started.elapsed().saturating_add(wait) > self.retry.max_elapsed() {
                tracing::warn!(
                    retry,
                    max_elapsed = ?self.retry.max_elapsed(),
                    "the retry policy's time is up; not retrying"
                );
                return result;
            }
            retry += 1;
            tracing::warn!(retry, ?wait, "transient failure, retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt: sends `outgoing`, follows the redirects the policy allows (all within one
    /// timeout), and reads the body up to the size limit.
    async fn attempt(&self, outgoing: Cow<'_, Outgoing>) -> Result<Response, Error> {
        let deadline = Instant::now() + self.timeout;
        // Copies are made only for what a followed redirect sends again.
        let (operation, mut url, mut headers, mut body) = match outgoing {
            Cow::Owned(o) => (o.operation, o.url, Cow::Owned(o.headers), o.body),
            Cow::Borrowed(o) => (
                o.operation.clone(),
                o.url.clone(),
                Cow::Borrowed(&o.headers),
                o.body.clone(),
            ),
        };
        let operation = &operation;
        let mut method = operation.method.clone();
        let again = self.redirects.may_follow(&method);
        let mut hops = 0;
        let response = loop {
            let mut request = reqwest::Request::new(method.clone(), url);
            // The headers are set whole: `RequestBuilder::headers` would merge them one by one.
            *request.headers_mut() = if again {
                headers.as_ref().clone()
            } else {
                std::mem::take(headers.to_mut())
            };
            *request.timeout_mut() = Some(deadline.saturating_duration_since(Instant::now()));
            *request.body_mut() = if again { body.clone() } else { body.take() }.map(Into::into);
            let response = self
                .http
                .execute(request)
                .await
                .map_err(|error| self.transport_error(operation, error))?;
            let status = response.status();
            // Without reqwest's redirects, the response's URL is the request's.
            let hop = redirect::next(
                self.redirects,
                &method,
                response.url(),
                status,
                response.headers(),
                hops,
            );
            match hop {
                None => break response,
                Some(Ok(hop)) => {
                    tracing::debug!(status = status.as_u16(), "following a same-origin redirect");
                    hops += 1;
                    url = hop.url;
                    method = hop.method;
                    if !hop.keep_body {
                        body = None;
                        headers.to_mut().remove(CONTENT_TYPE);
                        headers.to_mut().remove(CONTENT_LENGTH);
                    }
                }
                Some(Err((reason, location))) => {
                    tracing::warn!(status = status.as_u16(), %reason, "redirect not followed");
                    return Err(RedirectError {
                        operation: operation.clone(),
                        status,
                        location,
                        reason,
                    }
                    .into());
                }
            }
        };
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| retry::retry_after(value, SystemTime::now()));
        let body = self.read_body(operation, &method, response).await?;
        tracing::debug!(status = status.as_u16(), bytes = body.len(), "response");
        Ok(Response {
            status,
            body,
            retry_after,
        })
    }

    /// Reads the body of `response` (to `method`), refusing one over the size limit: by its
    /// `content-length` before reading, or as soon as the bytes read pass it.
    async fn read_body(
        &self,
        operation: &Operation,
        method: &Method,
        mut response: reqwest::Response,
    ) -> Result<Bytes, Error> {
        let status = response.status();
        let limit = self.max_response_size;
        let failed = |kind: BodyErrorKind, body: &[u8], source: Option<reqwest::Error>| -> Error {
            BodyError {
                operation: operation.clone(),
                status,
                kind,
                body: super::error::raw_body(body),
                source: source.map(|error| Box::new(error.without_url()) as _),
            }
            .into()
        };
        let too_large = |body: &[u8]| {
            tracing::warn!(limit, "response body over the size limit");
            let prefix = &body[..body.len().min(TOO_LARGE_PREFIX)];
            failed(BodyErrorKind::TooLarge { limit }, prefix, None)
        };
        // A `HEAD` answer states the length of a body it does not have.
        if *method != Method::HEAD && response.content_length().is_some_and(|n| n > limit) {
            return Err(too_large(&[]));
        }
        // A body that comes in one chunk (most do) is kept as it is, without a copy.
        let mut first: Option<Bytes> = None;
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if let Some(first) = first.take() {
                        body.extend_from_slice(&first);
                    } else if body.is_empty() {
                        if chunk.len() as u64 > limit {
                            return Err(too_large(&chunk[..chunk.len().min(TOO_LARGE_PREFIX)]));
                        }
                        first = Some(chunk);
                        continue;
                    }
                    if (body.len() + chunk.len()) as u64 > limit {
                        body.extend_from_slice(&chunk[..chunk.len().min(TOO_LARGE_PREFIX)]);
                        return Err(too_large(&body));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(first.unwrap_or_else(|| body.into())),
                Err(error) if error.is_timeout() => {
                    return Err(self.transport_error(operation, error));
                }
                Err(error) => {
                    let partial = first.as_deref().unwrap_or(&body);
                    return Err(failed(BodyErrorKind::Interrupted, partial, Some(error)));
                }
            }
        }
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
