//! The protocol layer ([`authing::oidc`]) end to end against a real, certified OpenID provider
//! (`oidc-provider` from npm, `tests/oidc-provider/`) on loopback: the user's login and consent
//! scripted over HTTP by [`browser::Browser`].

mod browser;
mod example;
mod provider;

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use authing::TokenEndpointAuthMethod::{self, ClientSecretBasic, ClientSecretPost};
use authing::oidc::{
    AuthorizationRequest, CallbackError, IdTokenChecks, Login, OAuthErrorCode, Oidc, OidcError,
    TokenError,
};

use browser::Browser;
use provider::{LOGOUT_URI, Provider, REDIRECT_URI};

/// The provider the tests share (the key rotation test starts its own).
fn shared() -> Option<&'static Provider> {
    static PROVIDER: OnceLock<Option<Provider>> = OnceLock::new();
    PROVIDER.get_or_init(Provider::start).as_ref()
}

const SCOPE: &str = "openid profile email offline_access";

/// A whole login of `account` through `oidc`.
async fn login(oidc: &Oidc, account: &str) -> Login {
    let request = AuthorizationRequest::new(REDIRECT_URI)
        .scope(SCOPE)
        .prompt("consent");
    let (url, pending) = oidc
        .authorization_url(request)
        .await
        .expect("authorization URL");
    let callback = Browser::new().sign_in(&url, account).await;
    oidc.handle_callback(&pending, &callback)
        .await
        .expect("login")
}

#[tokio::test]
async fn code_flow_with_pkce_under_each_client_auth_method() {
    let Some(provider) = shared() else { return };
    let cases: [(&str, TokenEndpointAuthMethod, &str); 4] = [
        ("app-post", ClientSecretPost, "RS256"),
        ("app-basic", ClientSecretBasic, "ES256"),
        ("app-none", TokenEndpointAuthMethod::None, "RS256"),
        ("app-hs", ClientSecretPost, "HS256"),
    ];
    for (client_id, method, alg) in cases {
        let oidc = provider.oidc(client_id, method);
        let login = login(&oidc, "alice").await;
        let claims = login
            .id_token
            .expect("OpenID Connect login has id token claims");
        assert_eq!(
            (claims.sub.as_str(), claims.iss.as_str()),
            ("alice", provider.issuer.as_str())
        );
        assert_eq!(claims.aud, [client_id]);
        let id_token = login.tokens.id_token.as_ref().expect("id token");
        let header = jsonwebtoken::decode_header(id_token.expose()).expect("JWT header");
        assert_eq!(format!("{:?}", header.alg), alg, "{client_id}");
        let user = oidc
            .userinfo(&login.tokens.access_token)
            .await
            .expect("userinfo");
        assert_eq!(user.sub, "alice");
        assert_eq!(user.email.as_deref(), Some("alice@example.com"));
        // Nothing secret in Debug.
        let printed = format!("{login:?} {oidc:?}", login = login.tokens);
        assert!(!printed.contains(login.tokens.access_token.expose()));
        assert!(!printed.contains(&provider::secret(client_id)));
    }
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let Some(provider) = shared() else { return };
    let oidc = provider.oidc("app-post", ClientSecretPost);
    let first = login(&oidc, "bob").await.tokens;
    let old = first
        .refresh_token
        .expect("offline_access gives a refresh token");
    let second = oidc.refresh(&old).await.expect("refresh");
    let new = second
        .refresh_token
        .expect("rotation gives a new refresh token");
    assert_ne!(new.expose(), old.expose());
    assert_ne!(second.access_token.expose(), first.access_token.expose());
    let third = oidc
        .refresh(&new)
        .await
        .expect("the new refresh token works");
    assert!(
        third
            .refresh_token
            .is_some_and(|newer| newer.expose() != new.expose())
    );
    // The rotated-out token is used up (and its reuse revokes the grant, RFC 9700 4.14.2).
    let reused = oidc
        .refresh(&old)
        .await
        .expect_err("the rotated-out token is used up");
    assert!(
        matches!(&reused, OidcError::OAuth(e) if e.code == OAuthErrorCode::InvalidGrant),
        "{reused:?}"
    );
}

#[tokio::test]
async fn revoked_tokens_introspect_inactive() {
    let Some(provider) = shared() else { return };
    let oidc = provider.oidc("app-basic", ClientSecretBasic);
    let tokens = login(&oidc, "carol").await.tokens;
    let token = &tokens.access_token;
    let before = oidc
        .introspect(token, Some("access_token"))
        .await
        .expect("introspect");
    assert!(before.active);
    assert_eq!(
        (before.sub.as_deref(), before.client_id.as_deref()),
        (Some("carol"), Some("app-basic"))
    );
    oidc.revoke(token, Some("access_token"))
        .await
        .expect("revoke");
    let after = oidc.introspect(token, None).await.expect("introspect");
    assert!(!after.active);
    let refresh = tokens.refresh_token.expect("refresh token");
    oidc.revoke(&refresh, Some("refresh_token"))
        .await
        .expect("revoke");
    let refused = oidc.refresh(&refresh).await.expect_err("revoked");
    assert!(matches!(&refused, OidcError::OAuth(e) if e.code == OAuthErrorCode::InvalidGrant));
}

#[tokio::test]
async fn client_credentials_for_the_app_itself() {
    let Some(provider) = shared() else { return };
    for (client_id, method) in [
        ("app-post", ClientSecretPost),
        ("app-basic", ClientSecretBasic),
    ] {
        let oidc = provider.oidc(client_id, method);
        let tokens = oidc
            .client_credentials("api:read")
            .await
            .expect("client credentials");
        assert!(tokens.refresh_token.is_none() && tokens.id_token.is_none());
        let info = oidc
            .introspect(&tokens.access_token, None)
            .await
            .expect("introspect");
        assert!(info.active);
        assert_eq!(info.client_id.as_deref(), Some(client_id));
        assert_eq!(info.scope.as_deref(), Some("api:read"));
    }
    let bad_secret = authing::AuthenticationClient::builder()
        .app_id("app-post")
        .app_secret("not-the-secret")
        .app_host(&provider.issuer)
        .build()
        .unwrap()
        .oidc()
        .issuer(&provider.issuer)
        .build()
        .unwrap();
    let error = bad_secret
        .client_credentials("api:read")
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, OidcError::OAuth(e) if e.code == OAuthErrorCode::InvalidClient),
        "{error:?}"
    );
}

#[tokio::test]
async fn id_tokens_that_must_be_rejected_are() {
    let Some(provider) = shared() else { return };
    let oidc = provider.oidc("app-post", ClientSecretPost);
    let request = AuthorizationRequest::new(REDIRECT_URI).scope(SCOPE);
    let (url, pending) = oidc.authorization_url(request).await.unwrap();
    let callback = Browser::new().sign_in(&url, "dave").await;
    let code = oidc
        .callback(&pending, &callback)
        .await
        .expect("callback")
        .code;
    let tokens = oidc.exchange_code(&pending, &code).await.expect("tokens");
    let id_token = tokens.id_token.expect("id token");
    let token = id_token.expose();
    let nonce = pending.nonce().expect("nonce");
    let good = IdTokenChecks::new().nonce(nonce);
    oidc.validate_id_token(token, &good).await.expect("valid");

    // The payload altered (sub changed), the signature kept.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let payload = base64_url_decode(&parts[1]);
    let altered = String::from_utf8(payload)
        .unwrap()
        .replace("\"dave\"", "\"mallory\"");
    parts[1] = base64_url_encode(altered.as_bytes());
    let tampered = parts.join(".");
    let hour = Duration::from_secs(3600);
    let cases: Vec<(&str, &str, IdTokenChecks, TokenError)> = vec![
        (
            "tampered",
            &tampered,
            good.clone(),
            TokenError::InvalidSignature,
        ),
        (
            "wrong nonce",
            token,
            IdTokenChecks::new().nonce("another"),
            TokenError::WrongNonce,
        ),
        (
            "wrong audience",
            token,
            good.clone().audience("app-basic"),
            TokenError::WrongAudience {
                expected: "app-basic".into(),
            },
        ),
        (
            "not a JWT",
            "abc",
            good.clone(),
            TokenError::Malformed("InvalidToken".into()),
        ),
    ];
    for (name, token, checks, expected) in cases {
        let error = oidc
            .validate_id_token(token, &checks)
            .await
            .expect_err(name);
        match (error, &expected) {
            (OidcError::Token(TokenError::Malformed(_)), TokenError::Malformed(_)) => {}
            (OidcError::Token(actual), _) => assert_eq!(actual, expected, "{name}"),
            (other, _) => panic!("{name}: {other:?}"),
        }
    }
    // Expired: validated two hours on (the provider's id tokens live one hour).
    let later = SystemTime::now() + 2 * hour;
    let error = oidc
        .validate_id_token(token, &good.clone().at(later))
        .await
        .expect_err("expired");
    assert!(
        matches!(
            error,
            OidcError::Token(TokenError::Expired { skew: 60, .. })
        ),
        "{error:?}"
    );
    // Issued in the future: validated an hour before.
    let earlier = SystemTime::now() - hour;
    let error = oidc
        .validate_id_token(token, &good.at(earlier))
        .await
        .expect_err("early");
    assert!(
        matches!(error, OidcError::Token(TokenError::IssuedInFuture { .. })),
        "{error:?}"
    );
    // The code is single use.
    let replay = oidc
        .exchange_code(&pending, &code)
        .await
        .expect_err("code reuse");
    assert!(matches!(&replay, OidcError::OAuth(e) if e.code == OAuthErrorCode::InvalidGrant));
    // A callback for another authorization request (CSRF), and the PKCE verifier of another.
    let (_, other) = oidc
        .authorization_url(AuthorizationRequest::new(REDIRECT_URI))
        .await
        .unwrap();
    let error = oidc.callback(&other, &callback).await.expect_err("state");
    assert!(
        matches!(error, OidcError::Callback(CallbackError::StateMismatch)),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_user_cancelling_is_access_denied() {
    let Some(provider) = shared() else { return };
    let oidc = provider.oidc("app-none", TokenEndpointAuthMethod::None);
    let (url, pending) = oidc
        .authorization_url(AuthorizationRequest::new(REDIRECT_URI))
        .await
        .unwrap();
    let callback = Browser::new().cancel(&url).await;
    let error = oidc
        .handle_callback(&pending, &callback)
        .await
        .expect_err("denied");
    assert!(
        matches!(&error, OidcError::OAuth(e) if e.code == OAuthErrorCode::AccessDenied),
        "{error:?}"
    );
}

#[tokio::test]
async fn id_tokens_validate_across_a_key_rotation() {
    let Some(provider) = Provider::start() else {
        return;
    };
    for (client_id, method) in [
        ("app-post", ClientSecretPost),
        ("app-basic", ClientSecretBasic),
    ] {
        let oidc = provider.oidc(client_id, method);
        login(&oidc, "erin").await;
        let before = oidc.fetch_jwks().await.expect("JWKS");
        provider.rotate_keys().await;
        // The cached JWKS lacks the new kid: fetched again once, then the token validates.
        let login = login(&oidc, "erin").await;
        let id_token = login.tokens.id_token.expect("id token");
        let kid = jsonwebtoken::decode_header(id_token.expose())
            .unwrap()
            .kid
            .expect("kid");
        assert!(before.find(&kid).is_none(), "{client_id}: the kid is new");
        assert_eq!(login.id_token.expect("validated").sub, "erin");
    }
}

#[tokio::test]
async fn the_provider_accepts_the_logout_url() {
    let Some(provider) = shared() else { return };
    let oidc = provider.oidc("app-post", ClientSecretPost);
    let request = AuthorizationRequest::new(REDIRECT_URI).scope(SCOPE);
    let (url, pending) = oidc.authorization_url(request).await.unwrap();
    let mut browser = Browser::new();
    let callback = browser.sign_in(&url, "frank").await;
    let login = oidc
        .handle_callback(&pending, &callback)
        .await
        .expect("login");
    let id_token = login.tokens.id_token.expect("id token");
    let logout = oidc
        .end_session_url(Some(&id_token), Some(LOGOUT_URI), Some("bye"))
        .await
        .expect("logout URL");
    let page = browser.go(&logout, None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let xsrf = page
        .body
        .split("name=\"xsrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next());
    let xsrf = xsrf.unwrap_or_else(|| panic!("a logout confirmation form: {}", page.body));
    let confirm = format!("{}/session/end/confirm", provider.issuer);
    let done = browser
        .go(&confirm, Some(&[("xsrf", xsrf), ("logout", "yes")]))
        .await;
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{LOGOUT_URI}?state=bye").as_str()),
        "{}",
        done.body
    );
    // Signed out: the next authorization asks for the login again.
    let (url, _) = oidc
        .authorization_url(AuthorizationRequest::new(REDIRECT_URI))
        .await
        .unwrap();
    let mut page = browser.go(&url, None).await;
    while let Some(next) = page.location.clone() {
        page = browser.go(&next, None).await;
    }
    assert!(
        page.body.contains("name=\"login\""),
        "a login form after logout"
    );
}

fn base64_url_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

fn base64_url_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
