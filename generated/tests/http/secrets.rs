//! Secrets never appear in `Debug` output, errors or logs.

use std::time::Duration;

use authing::runtime::{ApiClient, Client, Method, Request, Secret};
use authing::{AuthenticationClient, Error, ManagementClient, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    ACCESS_KEY_SECRET, APP_SECRET, RawServer, USER_TOKEN, authentication_client, envelope,
    get_once, management_client, token_endpoint_request,
};

const MANAGEMENT_TOKEN: &str = "management-token-shh";
const SECRETS: &[&str] = &[
    APP_SECRET,
    ACCESS_KEY_SECRET,
    USER_TOKEN,
    MANAGEMENT_TOKEN,
    "header-secret-shh",
];

#[track_caller]
fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret:?} leaked into {text}");
    }
    assert!(!text.contains("shh"), "a secret leaked into {text}");
}

#[track_caller]
fn assert_error_has_no_secret(error: &Error) {
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_no_secret(&cause.to_string());
        source = cause.source();
    }
}

#[tokio::test]
async fn clients_and_builders_do_not_show_secrets() {
    let server = MockServer::start().await;
    let mut authentication =
        authentication_client(&server, TokenEndpointAuthMethod::ClientSecretBasic);
    authentication.set_access_token(USER_TOKEN);
    let management = management_client(&server);
    let plain = Client::builder(server.uri()).header("x-api-key", "header-secret-shh");
    let builder = AuthenticationClient::builder()
        .app_secret(APP_SECRET)
        .access_token(USER_TOKEN);
    let management_builder = ManagementClient::builder().access_key_secret(ACCESS_KEY_SECRET);
    for debug in [
        format!("{authentication:?}"),
        format!("{management:?}"),
        format!("{plain:?}"),
        format!("{:?}", plain.build().unwrap()),
        format!("{builder:?}"),
        format!("{management_builder:?}"),
        format!("{:?}", Secret::new(APP_SECRET)),
        format!(
            "{:?}",
            token_endpoint_request(&json!({"client_secret": APP_SECRET}))
        ),
    ] {
        assert_no_secret(&debug);
    }
    assert!(format!("{authentication:?}").contains("app_secret: Some(Secret(***))"));
}

#[tokio::test]
async fn errors_do_not_show_secrets() {
    let server = MockServer::start().await;
    // A token response of the wrong shape: the error keeps the body, with the token redacted.
    Mock::given(path("/api/v3/get-management-token"))
        .respond_with(envelope(
            json!({"access_token": MANAGEMENT_TOKEN, "expires_in": "soon"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/signin-by-mobile"))
        .respond_with(envelope(
            json!({"access_token": USER_TOKEN, "expire_in": "never"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/html"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/slow"))
        .respond_with(envelope(Value::Null).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"statusCode": 401, "message": "no"})),
        )
        .mount(&server)
        .await;
    let mut authentication =
        authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    authentication.set_access_token(USER_TOKEN);
    let management = management_client(&server);

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Tokens {
        access_token: String,
        expire_in: u64,
    }
    let mut errors = vec![
        management
            .execute::<Value>(Request::new(Method::GET, "/api/v3/list-users"))
            .await
            .unwrap_err(),
        authentication
            .execute::<Tokens>(token_endpoint_request(&json!({})))
            .await
            .unwrap_err(),
        authentication
            .execute::<Value>(Request::new(Method::GET, "/api/v3/html"))
            .await
            .unwrap_err(),
        authentication
            .execute::<Value>(Request::new(Method::GET, "/api/v3/denied"))
            .await
            .unwrap_err(),
        authentication
            .execute::<Value>(token_endpoint_request(&json!({})).header("x-bad", "a\nb"))
            .await
            .unwrap_err(),
    ];
    let slow = AuthenticationClient::builder()
        .app_id("a")
        .app_secret(APP_SECRET)
        .app_host(server.uri())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    errors.push(
        slow.execute::<Value>(Request::new(Method::GET, "/api/v3/slow"))
            .await
            .unwrap_err(),
    );
    let closed = RawServer::start(b"").await;
    errors.push(get_once(&closed.url).await.unwrap_err());
    let config = ManagementClient::builder()
        .access_key_id("ak")
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(format!("https://user:{ACCESS_KEY_SECRET}@api.example.com"))
        .build()
        .unwrap_err();
    errors.push(config.into());

    let kinds: Vec<_> = errors
        .iter()
        .map(|error| {
            format!("{error:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "ManagementToken",
            "Decode",
            "Http",
            "Api",
            "InvalidRequest",
            "Timeout",
            "Connect",
            "Config"
        ]
    );
    for error in &errors {
        assert_error_has_no_secret(error);
    }
    assert!(
        errors[0]
            .raw_body()
            .unwrap()
            .contains(r#""access_token":"<redacted>""#)
    );
}

/// `GET /x` of a plain client, decoded as `T`, against a server answering `status` with a JSON
/// `body` announced as `length` bytes (default: its length).
async fn error_for<T>(status: &str, length: Option<usize>, body: &str) -> Error
where
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    let length = length.unwrap_or(body.len());
    let reply = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n{body}"
    );
    let server = RawServer::start(Box::leak(reply.into_bytes().into_boxed_slice())).await;
    let client = Client::builder(&server.url)
        .retry(authing::runtime::RetryPolicy::none())
        .build()
        .unwrap();
    client
        .execute::<T>(Request::new(Method::GET, "/x"))
        .await
        .expect_err("a failing answer")
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Login {
    password: u32,
}

#[tokio::test]
async fn partial_and_mistyped_bodies_do_not_show_secrets() {
    let partial = r#"{"data":{"access_token":"partial-shh"#;
    let errors = [
        // Cut by the connection: the length promises more than is sent.
        error_for::<Value>("200 OK", Some(99), partial).await,
        // Complete, but the JSON stops early.
        error_for::<Value>("200 OK", None, partial).await,
        // Not JSON at all: form-encoded.
        error_for::<Value>(
            "500 Oops",
            None,
            "error=x&client_secret=form-shh&token=t-shh",
        )
        .await,
        // JSON error bodies with the names the old list missed.
        error_for::<Value>(
            "500 Oops",
            None,
            r#"{"appSecret":"a-shh","clientSecret":"c-shh"}"#,
        )
        .await,
        // Values of the wrong type, which serde quotes.
        error_for::<Login>("200 OK", None, r#"{"password":"pw-shh"}"#).await,
    ];
    // A bare string has no name to be known secret by: its body is kept, serde's quote is not.
    let bare = error_for::<Login>("200 OK", None, r#""tok-shh""#).await;
    assert_no_secret(&bare.to_string());
    assert_no_secret(&std::error::Error::source(&bare).unwrap().to_string());
    let kinds: Vec<_> = errors
        .iter()
        .map(|error| match error {
            Error::Body(error) => format!("Body {:?}", error.kind),
            other => format!("{other:?}")
                .split(['(', ' '])
                .next()
                .unwrap()
                .to_owned(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "Body Interrupted",
            "Body Truncated",
            "Http",
            "Http",
            "Decode"
        ]
    );
    for error in &errors {
        assert_error_has_no_secret(error);
    }
    assert_eq!(
        errors[1].raw_body(),
        Some(r#"{"data":{<27 bytes dropped from a credential field on>"#)
    );
    assert!(
        errors[4]
            .to_string()
            .contains(r#"invalid type: string "***", expected u32"#)
    );
}
