//! Token endpoint client authentication and the headers of the authentication client.

use authing::runtime::{ApiClient, Method, Request};
use authing::{AuthenticationClient, Brand, Language, TokenEndpointAuthMethod, UserTokenHeader};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer};

use crate::support::{
    APP_ID, APP_SECRET, Seen, USER_TOKEN, authentication_client, envelope, header, only_request,
    received_on, token_endpoint_request,
};

const BASIC: &str = "Basic YXBwLWlkLTE6YXBwLXNlY3JldC1zaGg=";

/// Sends `sent` to a token endpoint with `auth_method` and checks the body and `authorization`
/// header that arrive.
async fn check(
    auth_method: TokenEndpointAuthMethod,
    sent: Value,
    body: Value,
    authorization: Option<&str>,
) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(json!({"access_token": "a"})))
        .mount(&server)
        .await;
    let client = authentication_client(&server, auth_method);
    let _: Value = client
        .execute(token_endpoint_request(&sent))
        .await
        .expect("signed in");
    let request = &only_request(&server, "/api/v3/signin-by-mobile").await;
    let expected = Seen::post("/api/v3/signin-by-mobile", body);
    assert_eq!(Seen::of(request), expected, "{auth_method}");
    assert_eq!(
        header(request, "authorization"),
        authorization,
        "{auth_method}"
    );
    assert_eq!(header(request, "content-type"), Some("application/json"));
}

#[tokio::test]
async fn client_secret_post_puts_the_credentials_in_the_body() {
    use TokenEndpointAuthMethod::ClientSecretPost;
    let credentials =
        json!({"connection": "wechat", "client_id": APP_ID, "client_secret": APP_SECRET});
    check(
        ClientSecretPost,
        json!({"connection": "wechat"}),
        credentials.clone(),
        None,
    )
    .await;
    check(
        ClientSecretPost,
        json!({"connection": "wechat", "client_secret": null}),
        credentials,
        None,
    )
    .await;
    let own =
        json!({"connection": "wechat", "client_id": "other-app", "client_secret": "other-secret"});
    check(ClientSecretPost, own.clone(), own, None).await;
}

#[tokio::test]
async fn client_secret_basic_puts_the_credentials_in_the_authorization_header() {
    let sent = json!({"connection": "wechat"});
    check(
        TokenEndpointAuthMethod::ClientSecretBasic,
        sent.clone(),
        sent,
        Some(BASIC),
    )
    .await;
}

#[tokio::test]
async fn none_adds_nothing() {
    let sent = json!({"connection": "wechat"});
    check(TokenEndpointAuthMethod::None, sent.clone(), sent, None).await;
}

#[tokio::test]
async fn none_needs_no_secret_and_the_others_do() {
    let builder = || {
        AuthenticationClient::builder()
            .app_id(APP_ID)
            .app_host("example.authing.cn")
    };
    builder()
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .build()
        .expect("no secret needed");
    let error = builder()
        .build()
        .expect_err("the default method needs a secret");
    assert_eq!(
        error.to_string(),
        "AuthenticationClient: `app_secret` is required when the token endpoint auth method is \
         `client_secret_post` (set the secret, or use `none` for an app that has no secret)"
    );
    let error = builder()
        .app_secret(" ")
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic);
    assert!(error.build().is_err());
}

#[tokio::test]
async fn other_calls_carry_the_app_headers_and_the_users_token_but_no_client_credentials() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(json!({"id": "u1"})))
        .mount(&server)
        .await;
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_secret(APP_SECRET)
        .app_host(format!("{}/", server.uri()))
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .language(Language::EnUs)
        .tenant_id("tenant-1")
        .user_agent("my-app/1.0")
        .build()
        .expect("valid configuration")
        .with_access_token(USER_TOKEN);
    let request = Request::new(Method::GET, "/api/v3/get-profile")
        .operation_id("getProfile")
        .query("withCustomData", &true)
        .query("withIdentities", &None::<bool>);
    let profile: Value = client.execute(request).await.expect("profile");
    assert_eq!(profile, json!({"id": "u1"}));
    let request = &only_request(&server, "/api/v3/get-profile").await;
    let expected = Seen {
        method: "GET".into(),
        path: "/api/v3/get-profile".into(),
        query: Some("withCustomData=true".into()),
        body: Value::Null,
    };
    assert_eq!(Seen::of(request), expected);
    let bearer = format!("Bearer {USER_TOKEN}");
    let sdk_version = env!("CARGO_PKG_VERSION");
    for (name, value) in [
        ("authorization", Some(bearer.as_str())),
        ("x-authing-app-id", Some(APP_ID)),
        ("x-authing-app-tenant-id", Some("tenant-1")),
        ("x-authing-lang", Some("en-US")),
        ("x-authing-sdk-version", Some(sdk_version)),
        ("x-authing-request-from", Some("sdk-rust")),
        ("user-agent", Some("my-app/1.0")),
        ("content-type", None),
    ] {
        assert_eq!(header(request, name), value, "{name}");
    }
}

#[tokio::test]
async fn the_genauth_brand_uses_its_own_header_prefix() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(Value::Null))
        .mount(&server)
        .await;
    let client = AuthenticationClient::builder()
        .brand(Brand::GenAuth)
        .app_id(APP_ID)
        .app_secret(APP_SECRET)
        .app_host(server.uri())
        .build()
        .expect("valid configuration");
    let () = client
        .execute(Request::new(Method::POST, "/api/v3/signout"))
        .await
        .expect("signed out");
    let request = &only_request(&server, "/api/v3/signout").await;
    assert_eq!(header(request, "x-genauth-app-id"), Some(APP_ID));
    assert_eq!(
        header(request, "x-genauth-sdk-version"),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let authing_headers: Vec<_> = request
        .headers
        .keys()
        .filter(|name| name.as_str().starts_with("x-authing"))
        .collect();
    assert!(authing_headers.is_empty(), "{authing_headers:?}");
    assert_eq!(
        header(request, "user-agent"),
        Some(authing::runtime::DEFAULT_USER_AGENT)
    );
}

#[tokio::test]
async fn a_token_can_be_set_and_cleared_later() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(Value::Null))
        .mount(&server)
        .await;
    let mut client = authentication_client(&server, TokenEndpointAuthMethod::None);
    let call = || Request::new(Method::GET, "/api/v3/get-profile");
    let () = client.execute(call()).await.expect("anonymous");
    client.set_access_token(USER_TOKEN);
    let () = client.execute(call()).await.expect("as the user");
    client.clear_access_token();
    let () = client.execute(call()).await.expect("anonymous again");
    let seen: Vec<_> = received_on(&server, "/api/v3/get-profile").await;
    let authorizations: Vec<_> = seen
        .iter()
        .map(|request| header(request, "authorization"))
        .collect();
    assert_eq!(
        authorizations,
        [None, Some(format!("Bearer {USER_TOKEN}").as_str()), None]
    );
}

/// The `authorization` header a user call carries with `form` (`None`: the default).
async fn user_token_header_with(form: Option<UserTokenHeader>) -> Option<String> {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(Value::Null))
        .mount(&server)
        .await;
    let mut builder = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.uri())
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .access_token(USER_TOKEN);
    if let Some(form) = form {
        builder = builder.user_token_header(form);
    }
    let client = builder.build().expect("valid configuration");
    let () = client
        .execute(Request::new(Method::GET, "/api/v3/get-profile"))
        .await
        .expect("profile");
    let request = only_request(&server, "/api/v3/get-profile").await;
    header(&request, "authorization").map(str::to_owned)
}

#[tokio::test]
async fn the_user_token_header_form_is_a_setting() {
    let bearer = format!("Bearer {USER_TOKEN}");
    for (form, expected) in [
        (None, bearer.as_str()),
        (Some(UserTokenHeader::Bearer), bearer.as_str()),
        (Some(UserTokenHeader::Bare), USER_TOKEN),
    ] {
        let actual = user_token_header_with(form).await;
        assert_eq!(actual.as_deref(), Some(expected), "{form:?}");
    }
}
