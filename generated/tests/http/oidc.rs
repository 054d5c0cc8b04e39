//! The protocol layer's Authing specifics and its refusals, on loopback (wiremock): the default
//! issuer `{app_host}/oidc`, the configuration checks (issuer, origin of every endpoint), the
//! client authentication on the token endpoint for each method, RFC 6749 errors typed.
//! (The flows themselves run against a real OpenID provider in the slow suite.)

use authing::oidc::{OAuthErrorCode, OidcError, ProviderMetadata};
use authing::runtime::Secret;
use authing::{AuthenticationClient, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, auth: TokenEndpointAuthMethod) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id("app-1")
        .app_secret("app-secret-shh")
        .app_host(server.uri())
        .token_endpoint_auth_method(auth)
        .build()
        .expect("valid configuration")
}

/// The protocol layer of an app on `server`, with the key set at
/// `{server}/oidc/.well-known/jwks.json`.
fn jwks_oidc(server: &MockServer) -> authing::oidc::OidcBuilder {
    let issuer = format!("{}/oidc", server.uri());
    let mut metadata = ProviderMetadata::new(&issuer, format!("{issuer}/auth"));
    metadata.jwks_uri = Some(format!("{issuer}/.well-known/jwks.json"));
    client(server, TokenEndpointAuthMethod::ClientSecretPost)
        .oidc()
        .metadata(metadata)
}

/// The configuration of `issuer` with every endpoint under `base`.
fn configuration(issuer: &str, base: &str) -> Value {
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{base}/auth"),
        "token_endpoint": format!("{base}/token"),
        "userinfo_endpoint": format!("{base}/me"),
        "jwks_uri": format!("{base}/.well-known/jwks.json"),
        "revocation_endpoint": format!("{base}/token/revocation"),
        "end_session_endpoint": format!("{base}/session/end"),
    })
}

async fn serve_configuration(server: &MockServer, body: Value) {
    Mock::given(method("GET"))
        .and(path("/oidc/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_default_issuer_is_the_app_hosts_oidc_and_its_configuration_is_cached() {
    let server = MockServer::start().await;
    let issuer = format!("{}/oidc", server.uri());
    serve_configuration(&server, configuration(&issuer, &issuer)).await;
    let oidc = client(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .oidc()
        .build()
        .unwrap();
    assert_eq!(oidc.issuer(), issuer);
    let request = authing::oidc::AuthorizationRequest::new("https://app.example/cb")
        .prompt("login")
        .response_mode("form_post");
    let (url, pending) = oidc.authorization_url(request.clone()).await.unwrap();
    let (again, other) = oidc.authorization_url(request).await.unwrap();
    let url = reqwest::Url::parse(&url).unwrap();
    assert_eq!(url.path(), "/oidc/auth");
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let names: Vec<&str> = query.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "client_id",
            "response_type",
            "redirect_uri",
            "state",
            "code_challenge",
            "code_challenge_method",
            "scope",
            "nonce",
            "prompt",
            "response_mode"
        ]
    );
    let value = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("state"), Some(pending.state()));
    assert_eq!(value("nonce"), pending.nonce());
    assert_eq!(value("code_challenge_method"), Some("S256"));
    assert_eq!(value("code_challenge").map(str::len), Some(43));
    assert_ne!(pending.state(), other.state(), "fresh state every time");
    assert_ne!(url.as_str(), again);
    assert!(!format!("{pending:?}").contains(pending.state()));
}

#[tokio::test]
async fn configurations_for_another_issuer_or_origin_are_refused() {
    let server = MockServer::start().await;
    let issuer = format!("{}/oidc", server.uri());
    serve_configuration(&server, configuration("https://evil.example/oidc", &issuer)).await;
    let oidc = client(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .oidc()
        .build()
        .unwrap();
    let error = oidc.metadata().await.expect_err("impersonation");
    assert!(matches!(error, OidcError::Discovery(_)), "{error:?}");

    let server = MockServer::start().await;
    let issuer = format!("{}/oidc", server.uri());
    let mut body = configuration(&issuer, &issuer);
    body["token_endpoint"] = json!("https://collector.example/token");
    serve_configuration(&server, body).await;
    let oidc = client(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .oidc()
        .build()
        .unwrap();
    let error = oidc
        .refresh(&Secret::new("rt"))
        .await
        .expect_err("foreign endpoint");
    assert!(
        matches!(
            error,
            OidcError::ForeignEndpoint {
                endpoint: "token_endpoint",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn token_requests_authenticate_the_client_as_configured() {
    use TokenEndpointAuthMethod::*;
    // (method, form fields expected besides the grant, authorization header)
    let cases = [
        (None, "client_id=app-1", Option::<&str>::None),
        (
            ClientSecretPost,
            "client_id=app-1&client_secret=app-secret-shh",
            Option::None,
        ),
        (
            ClientSecretBasic,
            "",
            Some("Basic YXBwLTE6YXBwLXNlY3JldC1zaGg="),
        ),
    ];
    for (auth, fields, authorization) in cases {
        let server = MockServer::start().await;
        let issuer = format!("{}/oidc", server.uri());
        let oidc = client(&server, auth)
            .oidc()
            .metadata({
                let mut metadata = ProviderMetadata::new(&issuer, format!("{issuer}/auth"));
                metadata.token_endpoint = Some(format!("{issuer}/token"));
                metadata
            })
            .build()
            .unwrap();
        Mock::given(method("POST"))
            .and(path("/oidc/token"))
            .respond_with(ResponseTemplate::new(400).set_body_json(
                json!({"error": "invalid_grant", "error_description": "refresh token expired"}),
            ))
            .mount(&server)
            .await;
        let error = oidc
            .refresh(&Secret::new("rt-1"))
            .await
            .expect_err("invalid_grant");
        let OidcError::OAuth(oauth) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(oauth.code, OAuthErrorCode::InvalidGrant);
        assert_eq!(oauth.description.as_deref(), Some("refresh token expired"));
        let received = &server.received_requests().await.unwrap()[0];
        let body = String::from_utf8(received.body.clone()).unwrap();
        let expected = ["grant_type=refresh_token&refresh_token=rt-1", fields]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        assert_eq!(body, expected, "{auth}");
        let sent = received
            .headers
            .get("authorization")
            .map(|v| v.to_str().unwrap());
        assert_eq!(sent, authorization, "{auth}");
        assert!(!error.to_string().contains("rt-1"));
    }
}

/// A public P-256 key (`openssl ecparam -name prime256v1 -genkey`), as a JWK with `kid`.
fn ec_key(kid: &str) -> Value {
    json!({
        "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": kid,
        "x": "gdQTqIVmUXqcHWhgJFpMizfSAZUFEUKbHTRf4PgVCqM",
        "y": "CcLe0RlBXYXWO_dLhppwikIjK0JcaXzXiOUQV5xL8ws",
    })
}

/// An ES256 token naming `kid`, its signature garbage: it gets as far as the key lookup.
fn token_with_kid(kid: &str) -> String {
    use base64::Engine as _;
    let b64 =
        |value: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string());
    let header = b64(json!({"alg": "ES256", "typ": "JWT", "kid": kid}));
    let claims = b64(json!({"sub": "u"}));
    format!("{header}.{claims}.AAAA")
}

#[tokio::test]
async fn unknown_kids_refetch_the_jwks_at_most_once_per_cooldown() {
    use authing::oidc::{IdTokenChecks, TokenError};
    use std::time::Duration;
    let server = MockServer::start().await;
    let jwks = std::sync::Arc::new(std::sync::Mutex::new(json!({"keys": [ec_key("k1")]})));
    let served = std::sync::Arc::clone(&jwks);
    Mock::given(method("GET"))
        .and(path("/oidc/.well-known/jwks.json"))
        .respond_with(move |_: &wiremock::Request| {
            ResponseTemplate::new(200).set_body_json(served.lock().unwrap().clone())
        })
        .mount(&server)
        .await;
    let oidc = jwks_oidc(&server)
        .jwks_refetch_cooldown(Duration::from_millis(400))
        .build()
        .unwrap();
    let fetches = || async { server.received_requests().await.unwrap().len() };
    let checks = IdTokenChecks::new();
    let outcome = |token: String| {
        let oidc = oidc.clone();
        let checks = checks.clone();
        async move { oidc.validate_id_token(&token, &checks).await.unwrap_err() }
    };
    let is_unknown =
        |error: &OidcError| matches!(error, OidcError::Token(TokenError::UnknownKey(_)));
    let is_bad_signature =
        |error: &OidcError| matches!(error, OidcError::Token(TokenError::InvalidSignature));

    // First use finds `k1`: one fetch, which does not start the cooldown.
    assert!(is_bad_signature(&outcome(token_with_kid("k1")).await));
    assert_eq!(fetches().await, 1);
    // A rotation right after: the new kid is fetched.
    *jwks.lock().unwrap() = json!({"keys": [ec_key("k1"), ec_key("k2")]});
    assert!(is_bad_signature(&outcome(token_with_kid("k2")).await));
    assert_eq!(fetches().await, 2);
    // A flood of forged kids, concurrently and one after another, within the cooldown: no fetch.
    let flood = (0..50).map(|n| outcome(token_with_kid(&format!("forged-{n}"))));
    for error in futures_join_all(flood).await {
        assert!(is_unknown(&error), "{error:?}");
    }
    for n in 0..50 {
        assert!(is_unknown(
            &outcome(token_with_kid(&format!("again-{n}"))).await
        ));
    }
    assert_eq!(fetches().await, 2);
    // Known keys still validate from the cache.
    assert!(is_bad_signature(&outcome(token_with_kid("k2")).await));
    assert_eq!(fetches().await, 2);
    // After the cooldown, one more unknown kid fetches once, and the window restarts.
    tokio::time::sleep(Duration::from_millis(450)).await;
    *jwks.lock().unwrap() = json!({"keys": [ec_key("k3")]});
    assert!(is_bad_signature(&outcome(token_with_kid("k3")).await));
    assert!(is_unknown(&outcome(token_with_kid("k4")).await));
    assert!(
        is_unknown(&outcome(token_with_kid("k1")).await),
        "k1 rotated out"
    );
    assert_eq!(fetches().await, 3);
}

/// Runs `futures` concurrently and collects their outputs in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.expect("task"));
    }
    outputs
}

#[tokio::test]
async fn a_flood_of_unknown_kids_from_a_cold_cache_fetches_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"keys": [ec_key("k1")]})))
        .mount(&server)
        .await;
    let oidc = jwks_oidc(&server).build().unwrap();
    let checks = authing::oidc::IdTokenChecks::new();
    let flood = (0..100).map(|n| {
        let oidc = oidc.clone();
        let checks = checks.clone();
        async move {
            let token = token_with_kid(&format!("forged-{n}"));
            oidc.validate_id_token(&token, &checks).await.unwrap_err()
        }
    });
    for error in futures_join_all(flood).await {
        assert!(
            matches!(
                error,
                OidcError::Token(authing::oidc::TokenError::UnknownKey(_))
            ),
            "{error:?}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
