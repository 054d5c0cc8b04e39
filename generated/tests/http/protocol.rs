//! The generated `x-protocol` methods (OIDC / OAuth 2.0 / CAS endpoints) on the wire: a form
//! body with the app's client authentication, the plain answers decoded whole (no envelope),
//! and an RFC 6749 error body surfacing as its typed code.

use authing::generated::authentication::OidcTokenBody;
use authing::oidc::OAuthErrorCode;
use authing::{AuthenticationClient, Error, TokenEndpointAuthMethod};
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{APP_ID, USER_TOKEN, authentication_client, only_request};

/// `base64("app-id-1:app-secret-shh")`.
const BASIC: &str = "Basic YXBwLWlkLTE6YXBwLXNlY3JldC1zaGg=";

fn code_grant() -> OidcTokenBody {
    let mut body = OidcTokenBody::new("authorization_code");
    body.code = Some("the-code".into());
    body.redirect_uri = Some("https://app.example/cb".into());
    body.code_verifier = Some("the-verifier".into());
    body
}

#[tokio::test]
async fn the_token_endpoint_takes_a_form_and_client_secret_basic() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "at", "token_type": "Bearer", "expires_in": 3600,
            "id_token": "it", "scope": "openid profile"})))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretBasic);
    let debug = format!("{:?}", code_grant());
    assert!(
        !debug.contains("the-code") && !debug.contains("the-verifier"),
        "{debug}"
    );
    let tokens = client.oidc_token(&code_grant()).await.expect("tokens");
    assert_eq!(tokens.access_token, "at");
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, Some(3600));
    assert_eq!(tokens.id_token.as_deref(), Some("it"));
    assert_eq!(tokens.refresh_token, None);

    let request = only_request(&server, "/oidc/token").await;
    let form: Vec<(String, String)> = form_urlencoded::parse(&request.body).into_owned().collect();
    // The client's form encoding orders the fields by name; the unset ones are left out.
    let expected: Vec<(String, String)> = [
        ("code", "the-code"),
        ("code_verifier", "the-verifier"),
        ("grant_type", "authorization_code"),
        ("redirect_uri", "https://app.example/cb"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(form, expected);
    let seen = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(seen("authorization"), Some(BASIC));
    assert_eq!(
        seen("content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[tokio::test]
async fn client_secret_post_adds_the_credentials_to_the_form() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token/introspection"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"active": false})))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let body = authing::generated::authentication::OauthIntrospectTokenBody::new("tok");
    let answer = client.oauth_introspect_token(&body).await.expect("answer");
    assert!(!answer.active);
    let request = only_request(&server, "/oauth/token/introspection").await;
    let form: Vec<(String, String)> = form_urlencoded::parse(&request.body).into_owned().collect();
    let keys: Vec<&str> = form.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["token", "client_id", "client_secret"]);
    assert_eq!(form[1].1, APP_ID);
    assert!(!request.headers.contains_key("authorization"));
}

#[tokio::test]
async fn an_rfc_6749_error_is_typed_with_its_code() {
    let server = MockServer::start().await;
    Mock::given(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant", "error_description": "code expired"})))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretBasic);
    let error = client.oidc_token(&code_grant()).await.expect_err("refused");
    assert!(matches!(error, Error::Http(_)), "{error:?}");
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(400));
    let oauth = error.oauth_error().expect("an RFC 6749 error");
    assert_eq!(oauth.code, OAuthErrorCode::InvalidGrant);
    assert_eq!(oauth.description.as_deref(), Some("code expired"));
    // Not every HTTP error is one.
    let server = MockServer::start().await;
    Mock::given(path("/oidc/token"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>not here</html>"))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretBasic);
    let error = client.oidc_token(&code_grant()).await.expect_err("refused");
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.oauth_error(), None);
}

#[tokio::test]
async fn userinfo_sends_the_user_token_and_keeps_every_claim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/me"))
        .and(header(
            "authorization",
            format!("Bearer {USER_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "u1", "email": "a@example.com", "statusCode": 7})))
        .mount(&server)
        .await;
    let client = user_client(&server);
    let claims = client.oidc_user_info().await.expect("claims");
    assert_eq!(claims["sub"], "u1");
    // A claim named like the envelope's field is a claim: nothing is unwrapped.
    assert_eq!(claims["statusCode"], 7);
    assert_eq!(claims.len(), 3);
}

#[tokio::test]
async fn cas_validate_returns_the_text_answer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/cas-idp/{APP_ID}/validate")))
        .and(query_param("service", "https://app.example/"))
        .and(query_param("ticket", "ST-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("yes\nalice\n"))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::None);
    let answer = client
        .cas_validate(APP_ID, "https://app.example/", "ST-1")
        .await
        .expect("answer");
    assert_eq!(answer, "yes\nalice\n");
}

fn user_client(server: &MockServer) -> AuthenticationClient {
    authentication_client(server, TokenEndpointAuthMethod::None).with_access_token(USER_TOKEN)
}
