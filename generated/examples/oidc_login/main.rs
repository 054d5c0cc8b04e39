//! OpenID Connect login in a small local web server, against any issuer: open
//! `http://127.0.0.1:8080/`, sign in at the provider, and the server validates the id token
//! and prints the user.
//!
//! ```text
//! OIDC_ISSUER=https://example.authing.cn/oidc OIDC_CLIENT_ID=... OIDC_CLIENT_SECRET=... \
//!     cargo run --example oidc_login
//! ```
//!
//! - `OIDC_ISSUER`, `OIDC_CLIENT_ID`: the provider and the app (required);
//! - `OIDC_CLIENT_SECRET`: the app's secret; without it the app is public (`none`);
//! - `OIDC_AUTH_METHOD`: `client_secret_post` (default with a secret), `client_secret_basic`
//!   or `none`;
//! - `OIDC_LISTEN`: the address to listen on (default `127.0.0.1:8080`);
//! - `OIDC_REDIRECT_URI`: the redirect URI registered for the app (default
//!   `http://{OIDC_LISTEN}/callback`);
//! - `OIDC_SCOPE`: default `openid profile email`;
//! - `OIDC_LOGINS`: stop after this many logins (default: serve until stopped).
//!
//! The server itself is in `program.rs`, which the slow tests run against a real OpenID
//! provider on loopback.

mod program;

use std::process::ExitCode;

use authing::TokenEndpointAuthMethod;
use program::Config;

fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn config() -> Result<(Config, String, Option<usize>), String> {
    let required = |name: &str| env(name).ok_or_else(|| format!("{name} is required"));
    let client_secret = env("OIDC_CLIENT_SECRET");
    let auth_method = match env("OIDC_AUTH_METHOD") {
        Some(name) => name
            .parse()
            .map_err(|error| format!("OIDC_AUTH_METHOD: {error}"))?,
        None if client_secret.is_some() => TokenEndpointAuthMethod::ClientSecretPost,
        None => TokenEndpointAuthMethod::None,
    };
    let listen = env("OIDC_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let logins = match env("OIDC_LOGINS") {
        Some(count) => Some(count.parse().map_err(|_| "OIDC_LOGINS: not a number")?),
        None => None,
    };
    let config = Config {
        issuer: required("OIDC_ISSUER")?,
        client_id: required("OIDC_CLIENT_ID")?,
        client_secret,
        auth_method,
        redirect_uri: env("OIDC_REDIRECT_URI")
            .unwrap_or_else(|| format!("http://{listen}/callback")),
        scope: env("OIDC_SCOPE").unwrap_or_else(|| "openid profile email".to_owned()),
    };
    Ok((config, listen, logins))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (config, listen, logins) = match config() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {listen}: {error}");
            return ExitCode::from(2);
        }
    };
    println!("open http://{listen}/ to sign in");
    match program::run(config, listener, logins).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
