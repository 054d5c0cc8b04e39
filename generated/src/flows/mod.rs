//! The seed documents' login flows, written on the runtime and the generated API:
//!
//! - [`one_click`]: one-click login with NetEase Yidun (seed 002, Android `signInByOneAuth`),
//!   through the `yidun` connection of `signInByMobile`;
//! - [`mini_program`]: the app launches the WeChat mini program "Mini Login" and exchanges the
//!   ticket it returns for the user (seeds 003 / 004).
//!
//! - [`saml`]: the app's SAML identity provider login URL
//!   ([`saml_login_url`](crate::AuthenticationClient::saml_login_url));
//! - [`shortcuts`]: the node SDK's one-call sign-in and sign-up shortcuts
//!   ([`sign_in_by_email_password`](crate::AuthenticationClient::sign_in_by_email_password), ...).
//!
//! Mobile social login itself (seeds 000 / 001) is the generated
//! [`AuthenticationClient::sign_in_by_mobile`](crate::AuthenticationClient::sign_in_by_mobile).

pub mod mini_program;
pub mod saml;
// Written on the generated API, which the unit-test build leaves out (see `generated`).
#[cfg(not(test))]
pub mod one_click;
#[cfg(not(test))]
pub mod shortcuts;
