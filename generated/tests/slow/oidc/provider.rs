//! The real OpenID provider (`tests/oidc-provider/provider.mjs`, `oidc-provider` from npm) as a
//! child process on loopback, and its registered clients.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};

use authing::{AuthenticationClient, TokenEndpointAuthMethod};

use crate::harness::node_harness;

/// Where the provider sends the browser back, and after logout (registered for every client).
pub const REDIRECT_URI: &str = "http://127.0.0.1/callback";
pub const LOGOUT_URI: &str = "http://127.0.0.1/logged-out";

/// A running provider; ends with the test (its stdin closes).
pub struct Provider {
    pub issuer: String,
    child: Child,
    _stdin: ChildStdin,
}

impl Provider {
    /// Starts a provider, or `None` (a printed skip) when node or `npm ci` is missing outside CI.
    pub fn start() -> Option<Provider> {
        let dir = node_harness("oidc-provider", "OpenID provider")?;
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("the provider prints its issuer");
        let started: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("provider said {line:?}: {e}"));
        let issuer = started["issuer"].as_str().expect("issuer").to_owned();
        Some(Provider {
            issuer,
            child,
            _stdin: stdin,
        })
    }

    /// Replaces the provider's signing keys by new ones (new `kid`s); sessions are lost.
    pub async fn rotate_keys(&self) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/rotate", self.issuer))
            .send()
            .await
            .expect("rotation request");
        assert_eq!(response.status(), 204);
    }

    /// The app `client_id` as an [`AuthenticationClient`] with `method`, then its OIDC client.
    pub fn oidc(&self, client_id: &str, method: TokenEndpointAuthMethod) -> authing::oidc::Oidc {
        let mut builder = AuthenticationClient::builder()
            .app_id(client_id)
            .app_host(&self.issuer)
            .token_endpoint_auth_method(method);
        if method != TokenEndpointAuthMethod::None {
            builder = builder.app_secret(secret(client_id));
        }
        builder
            .build()
            .expect("client builds")
            .oidc()
            .issuer(&self.issuer)
            .build()
            .expect("oidc builds")
    }
}

/// The secret `provider.mjs` registers for `client_id`.
pub fn secret(client_id: &str) -> String {
    format!("{client_id}-secret-0123456789abcdef0123456789abcdef")
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
