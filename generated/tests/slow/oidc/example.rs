//! The `oidc_login` example (`examples/oidc_login/`) against the real provider: a browser opens
//! the example's server, is sent to the provider, signs in and consents, comes back to the
//! callback; the server validates the id token and reports the user. A callback without the
//! browser's login session is refused.

#[path = "../../../examples/oidc_login/program.rs"]
mod program;

use authing::TokenEndpointAuthMethod;
use tokio::net::TcpListener;

use super::browser::Browser;
use super::provider::secret;
use super::shared;
use program::{Config, SignedIn};

#[tokio::test]
async fn the_oidc_login_example_signs_a_user_in_through_the_provider() {
    let Some(provider) = shared() else { return };
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let app = format!("http://{}", listener.local_addr().expect("bound"));
    let config = Config {
        issuer: provider.issuer.clone(),
        client_id: "app-loopback".to_owned(),
        client_secret: Some(secret("app-loopback")),
        auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
        redirect_uri: format!("{app}/callback"),
        scope: "openid profile email".to_owned(),
    };
    let server = tokio::spawn(program::run(config, listener, Some(1)));

    let forged = Browser::new()
        .go(&format!("{app}/callback?code=stolen&state=guessed"), None)
        .await;
    assert_eq!(forged.status, 400, "{}", forged.body);

    let page = Browser::new().open_app(&format!("{app}/"), "alice").await;
    assert_eq!(
        (page.status.as_u16(), page.body.as_str()),
        (200, "Signed in as User alice")
    );
    let users = server.await.expect("server task").expect("server runs");
    let alice = SignedIn {
        sub: "alice".to_owned(),
        name: Some("User alice".to_owned()),
        email: Some("alice@example.com".to_owned()),
    };
    assert_eq!(users, [alice]);
}
