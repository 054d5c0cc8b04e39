//! The runtime over real HTTP: an in-process server on loopback (`wiremock`, or a raw TCP
//! listener where a misbehaving server is needed) checks exactly what arrives and answers what
//! each case needs.

mod cas;
mod client_auth;
mod downstream;
#[cfg(feature = "events")]
mod events;
mod hostile;
mod management_token;
mod mini_program;
mod oidc;
mod pagination;
mod protocol;
mod responses;
mod retries;
mod secrets;
mod shortcuts;
mod sign_in_by_mobile;
mod signing;
mod support;
mod token_refresh;
