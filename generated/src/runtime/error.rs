//! [`Error`]: every way a call can fail, each its own type carrying what is needed to diagnose it
//! (the operation, the HTTP status, the raw body), and never a credential.

use std::fmt;
#[cfg(feature = "management")]
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};

pub(crate) use super::redact::raw_body;

/// The call an error belongs to: operation id, HTTP method and path template.
///
/// Only the template is kept (`/api/v3/get-user`, `/oauth/app2wxapp/auth/{userPoolId}`), never
/// a URL with its values, so an error says which call failed without leaking what was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The HTTP method.
    pub method: Method,
    /// The path template, as the spec writes it.
    pub path: &'static str,
    /// The spec's `operationId`, when the request named it.
    pub operation_id: Option<&'static str>,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.operation_id {
            Some(id) => write!(f, "{id} ({} {})", self.method, self.path),
            None => write!(f, "{} {}", self.method, self.path),
        }
    }
}

/// Everything that can go wrong, from building a client to decoding a response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A client builder was given an incomplete or invalid configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be written (a body that does not serialize, a missing path
    /// parameter, a header value that is not valid HTTP). Nothing was sent.
    #[error("{operation}: invalid request: {reason}")]
    InvalidRequest {
        /// The call.
        operation: Operation,
        /// What is wrong with it.
        reason: String,
    },
    /// No complete response arrived within the client's timeout.
    #[error("{operation}: no response within {after:?}")]
    Timeout {
        /// The call.
        operation: Operation,
        /// The timeout in force.
        after: Duration,
    },
    /// The server could not be reached, or the connection failed before a response arrived.
    #[error("{operation}: connection failed: {}", root_cause(source))]
    Connect {
        /// The call.
        operation: Operation,
        /// The transport's error (without the URL).
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with an HTTP error status and no API error envelope.
    #[error(transparent)]
    Http(Box<HttpError>),
    /// The API answered with its error envelope (`statusCode` other than 200).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The body is empty, not JSON, truncated, over the size limit, or its transfer broke off.
    #[error(transparent)]
    Body(Box<BodyError>),
    /// The server answered with a redirect the client does not follow
    /// ([`RedirectPolicy`](crate::runtime::RedirectPolicy)).
    #[error(transparent)]
    Redirect(Box<super::redirect::RedirectError>),
    /// The body is JSON but does not have the shape the operation's type expects.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A [`Pager`](super::Pager) stopped before the list's end.
    #[error(transparent)]
    Pagination(#[from] super::PaginationError),
    /// The WeChat mini program's answer could not be used ([`mini_program`](crate::mini_program)).
    #[cfg(feature = "authentication")]
    #[error(transparent)]
    MiniProgram(#[from] crate::flows::mini_program::MiniProgramError),
    /// The management token could not be obtained: the token request's own error, shared.
    /// Every call that waited on the same token request gets it, and so does every call in the
    /// following second, instead of requesting a token again. The accessors
    /// ([`api_code`](Self::api_code)...) read through it.
    #[cfg(feature = "management")]
    #[error(transparent)]
    ManagementToken(Arc<Error>),
}

impl Error {
    /// The error itself, or the token request's error it shares.
    fn cause(&self) -> &Error {
        match self {
            #[cfg(feature = "management")]
            Error::ManagementToken(error) => error.cause(),
            _ => self,
        }
    }

    /// The API's `requestId`, when the server sent one (quote it to the API's support).
    pub fn request_id(&self) -> Option<&str> {
        match self.cause() {
            Error::Api(error) => error.request_id.as_deref(),
            _ => None,
        }
    }

    /// The API's detailed error code (`apiCode`), when the server sent one.
    pub fn api_code(&self) -> Option<i64> {
        match self.cause() {
            Error::Api(error) => error.api_code,
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn http_status(&self) -> Option<StatusCode> {
        match self.cause() {
            Error::Http(error) => Some(error.status),
            Error::Api(error) => Some(error.http_status),
            Error::Body(error) => Some(error.status),
            Error::Decode(error) => Some(error.status),
            Error::Redirect(error) => Some(error.status),
            _ => None,
        }
    }

    /// The response body as received (credential fields redacted), when there was one.
    pub fn raw_body(&self) -> Option<&str> {
        match self.cause() {
            Error::Http(error) => Some(&error.body),
            Error::Body(error) => Some(&error.body),
            Error::Decode(error) => Some(&error.body),
            _ => None,
        }
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.cause(), Error::Timeout { .. })
    }
}

macro_rules! boxed_from {
    ($($variant:ident($error:ty)),* $(,)?) => {$(
        impl From<$error> for Error {
            fn from(error: $error) -> Self {
                Error::$variant(Box::new(error))
            }
        }
    )*};
}
boxed_from!(
    Http(HttpError),
    Api(ApiError),
    Body(BodyError),
    Decode(DecodeError),
    Redirect(super::redirect::RedirectError),
);

/// A client builder's configuration is incomplete or invalid; returned by `build()`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting was not given, or given empty.
    #[error("{client}: `{field}` is required")]
    Missing {
        /// The client being built.
        client: &'static str,
        /// The builder method that sets it.
        field: &'static str,
    },
    /// The app secret is needed by the token endpoint authentication method.
    #[error(
        "{client}: `app_secret` is required when the token endpoint auth method is `{method}` \
         (set the secret, or use `none` for an app that has no secret)"
    )]
    MissingAppSecret {
        /// The client being built.
        client: &'static str,
        /// The auth method, as the API names it.
        method: &'static str,
    },
    /// A host is not an `http(s)://host[:port][/path]` URL.
    #[error("{client}: `{field}` is not a valid host ({value:?}): {reason}")]
    InvalidHost {
        /// The client being built.
        client: &'static str,
        /// The builder method that sets it.
        field: &'static str,
        /// The value given.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
    /// A setting cannot be sent as an HTTP header value (control characters); the value is not
    /// repeated here since it may be a credential.
    #[error("{client}: `{field}` cannot be sent as an HTTP header value")]
    InvalidHeaderValue {
        /// The client being built.
        client: &'static str,
        /// The builder method that sets it.
        field: &'static str,
    },
    /// The HTTP client could not be created (TLS backend initialisation).
    #[error("{client}: cannot create the HTTP client: {source}")]
    HttpClient {
        /// The client being built.
        client: &'static str,
        /// The transport's error.
        #[source]
        source: reqwest::Error,
    },
}

/// The server answered with an HTTP error status and a body that is not the API's error
/// envelope (a proxy's HTML page, a plain-text 404...).
#[derive(Debug, thiserror::Error)]
#[error("{operation}: HTTP {status}: {}", snippet(body))]
#[non_exhaustive]
pub struct HttpError {
    /// The call.
    pub operation: Operation,
    /// The HTTP status.
    pub status: StatusCode,
    /// The body as received (credential fields redacted).
    pub body: String,
}

/// The API's error envelope: `{statusCode, message, apiCode?, requestId?}` with a `statusCode`
/// other than 200.
#[derive(Debug, thiserror::Error)]
#[error(
    "{operation}: API error {status_code}{}: {message}{}",
    api_code.map(|code| format!(" (apiCode {code})")).unwrap_or_default(),
    request_id.as_ref().map(|id| format!(" [requestId {id}]")).unwrap_or_default()
)]
#[non_exhaustive]
pub struct ApiError {
    /// The call.
    pub operation: Operation,
    /// The HTTP status the envelope came with (usually 200: the API reports errors in the body).
    pub http_status: StatusCode,
    /// The envelope's `statusCode`: the error's class (400, 401, 403, 404, 499, 500...).
    pub status_code: i64,
    /// The envelope's `apiCode`: the specific error, when it has one.
    pub api_code: Option<i64>,
    /// The envelope's `message`, in the client's language.
    pub message: String,
    /// The envelope's `requestId`.
    pub request_id: Option<String>,
}

/// What is wrong with a body that could not be read as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyErrorKind {
    /// The body is empty where a value was expected.
    Empty,
    /// The body is not JSON (an HTML error page, plain text...).
    NotJson,
    /// The body is the beginning of a JSON document that stops early.
    Truncated,
    /// The connection broke off before the end of the body.
    Interrupted,
    /// A `text/*` body that is not UTF-8.
    NotText,
    /// The body (or its `content-length`) is larger than the client's
    /// [`max_response_size`](crate::runtime::ClientBuilder::max_response_size); the error keeps
    /// its start only.
    TooLarge {
        /// The limit in force, in bytes.
        limit: u64,
    },
}

impl fmt::Display for BodyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BodyErrorKind::Empty => "empty body",
            BodyErrorKind::NotJson => "body is not JSON",
            BodyErrorKind::Truncated => "JSON body ends early",
            BodyErrorKind::Interrupted => "connection closed before the end of the body",
            BodyErrorKind::NotText => "text body is not UTF-8",
            BodyErrorKind::TooLarge { limit } => {
                return write!(f, "body larger than the limit of {limit} bytes");
            }
        })
    }
}

/// The body could not be read as JSON.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: HTTP {status}: {kind}: {}", snippet(body))]
#[non_exhaustive]
pub struct BodyError {
    /// The call.
    pub operation: Operation,
    /// The HTTP status.
    pub status: StatusCode,
    /// What is wrong.
    pub kind: BodyErrorKind,
    /// The body as received, possibly partial (credential fields redacted; a body that is not
    /// JSON is cut at its first credential key).
    pub body: String,
    /// The JSON parser's or the transport's error, when there is one.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// The body is JSON but does not match the operation's response type.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: response does not match its type at `{path}`: {source}")]
#[non_exhaustive]
pub struct DecodeError {
    /// The call.
    pub operation: Operation,
    /// The HTTP status.
    pub status: StatusCode,
    /// Where in the body the mismatch is (`data.list[3].createdAt`; `.` for the root).
    pub path: String,
    /// The body as received (credential fields redacted).
    pub body: String,
    /// The deserializer's error.
    #[source]
    pub source: serde_json::Error,
}

/// The innermost cause of `error` ("connection refused"), which says more than the outer
/// "error sending request".
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

/// The start of a body, for an error message.
fn snippet(body: &str) -> String {
    const MAX_CHARS: usize = 200;
    match body.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}… ({} bytes)", &body[..cut], body.len()),
        None if body.is_empty() => "(empty body)".to_owned(),
        None => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippet_cuts_long_bodies() {
        assert_eq!(snippet(""), "(empty body)");
        assert_eq!(snippet("short"), "short");
        let long = "é".repeat(300);
        assert_eq!(snippet(&long), format!("{}… (600 bytes)", "é".repeat(200)));
    }
}
