//! The hand-written runtime that generated methods call.
//!
//! The generic part works for any OpenAPI API: a [`Request`] describes one HTTP call,
//! [`ApiClient::execute`] sends it, [`Client`] is the plain client for a spec that is not
//! Authing's, and [`Error`] is every way a call can fail. The Authing part ([`authing`], behind
//! the `authentication` / `management` features) adds brands, hosts, headers, client
//! authentication on token endpoints, management tokens, the V3 response envelope and the seeds'
//! login flows.

#[cfg(any(feature = "authentication", feature = "management"))]
pub mod authing;
mod client;
mod encode;
pub(crate) mod error;
mod host;
mod multipart;
pub mod pager;
mod path;
pub(crate) mod redact;
mod redirect;
pub(crate) mod request;
pub(crate) mod response;
mod retry;
mod scopes;
mod secret;
mod style;
pub(crate) mod transport;

pub use client::{ApiClient, Client, ClientBuilder};
#[cfg(feature = "authentication")]
pub(crate) use encode::COMPONENT;
pub use error::{
    ApiError, BodyError, BodyErrorKind, ConfigError, DecodeError, Error, HttpError, Operation,
};
pub use multipart::{FilePart, MultipartBody, MultipartForm};
pub use pager::{
    DEFAULT_MAX_PAGES, Page, PageNumber, Pager, PaginationError, Stream, StreamExt, TryStreamExt,
};
pub use redirect::{MAX_REDIRECTS, RedirectError, RedirectPolicy, RedirectRefusal};
pub use request::Request;
pub use reqwest::{Certificate, Method};
pub use retry::{MAX_RETRIES, RetryPolicy};
pub use scopes::Scopes;
pub use secret::Secret;
pub use style::ParamStyle;
pub use transport::{DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT};

/// The SDK's version, as sent in the SDK version header.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `user-agent` sent unless a builder sets one.
pub const DEFAULT_USER_AGENT: &str = concat!("authing-rust-sdk/", env!("CARGO_PKG_VERSION"));
