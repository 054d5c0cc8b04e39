//! Authing / GenAuth V3 client.
//!
//! - [`AuthenticationClient`] (feature `authentication`): an app's client for the authentication
//!   API (sign-in, tokens, the signed-in user), with token endpoint client authentication;
//! - [`ManagementClient`] (feature `management`): the administrator's client for the management
//!   API, authenticated by an access key exchanged for a cached management token;
//! - [`oidc`]: OpenID Connect / OAuth 2.0 for the app (authorization URL with PKCE, callback,
//!   tokens, refresh, revocation, introspection, userinfo, logout URL, id token validation);
//! - [`cas`]: CAS for the app (login and logout URLs, CAS 1.0 / 2.0 ticket validation);
//! - [`events`] (feature `events`): the event center, subscriptions over WebSocket and publishing;
//! - [`flows`]: the seed documents' login flows (one-click login, WeChat mini program);
//! - [`generated`]: the API's operations and types, machine-written from the spec;
//! - [`runtime`]: what generated methods call, usable on its own for any OpenAPI API
//!   ([`runtime::Client`]).
//!
//! Every method returns `Result<T, Error>`: `T` is the `data` of the API's response envelope;
//! any `statusCode` other than 200 is an [`ApiError`](runtime::ApiError) with its `apiCode` and
//! `requestId`.

// Generated code reaches the runtime by absolute paths (`::authing::runtime::...`), inside this
// crate as well as in downstream crates that expand a spec with `generate_api!`.
extern crate self as authing;

#[cfg(feature = "authentication")]
pub mod cas;
#[cfg(all(
    feature = "events",
    any(feature = "authentication", feature = "management")
))]
pub mod events;
#[cfg(feature = "authentication")]
pub mod flows;
pub mod generated;
#[cfg(feature = "authentication")]
pub mod oidc;
pub mod runtime;

#[cfg(feature = "authentication")]
pub use flows::mini_program;
#[cfg(all(feature = "authentication", not(test)))]
pub use flows::one_click;
/// The authentication API's types and [`AuthenticationClient`]'s methods (a short path to
/// [`generated::authentication`]).
#[cfg(all(feature = "authentication", not(test)))]
pub use generated::authentication;
/// The management API's types and [`ManagementClient`]'s methods (a short path to
/// [`generated::management`]).
#[cfg(all(feature = "management", not(test)))]
pub use generated::management;
pub use runtime::Error;
#[cfg(feature = "authentication")]
pub use runtime::authing::{
    AuthenticationClient, AuthenticationClientBuilder, TokenEndpointAuthMethod, UserTokenHeader,
};
#[cfg(any(feature = "authentication", feature = "management"))]
pub use runtime::authing::{Brand, Language};
#[cfg(feature = "management")]
pub use runtime::authing::{ManagementAuthMethod, ManagementClient, ManagementClientBuilder};

/// The README's Rust examples compile (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
