//! `tracing`: one span per request with method, path, operation, status and request id, and no
//! credential anywhere in the logs. Its own test binary: a thread-local subscriber only sees
//! every event when no other test runs in the process at the same time.

use std::io::Write;
use std::sync::{Arc, Mutex};

use authing::runtime::{ApiClient, Method, Request};
use authing::{AuthenticationClient, ManagementClient, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRETS: &[&str] = &[
    "app-secret-shh",
    "ak-secret-shh",
    "user-token-shh",
    "management-token-shh",
];

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn request_spans_record_method_path_status_and_request_id_but_no_secret() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/get-management-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "statusCode": 200, "message": "ok", "data": {"access_token": "management-token-shh", "expires_in": 7200}
        })))
        .mount(&server)
        .await;
    let failure = json!({"statusCode": 403, "message": "forbidden", "apiCode": 2011, "requestId": "req-trace-1"});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(failure))
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let authentication = AuthenticationClient::builder()
        .app_id("app")
        .app_secret("app-secret-shh")
        .app_host(server.uri())
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .access_token("user-token-shh")
        .build()
        .expect("valid configuration");
    let sign_in = Request::new(Method::POST, "/api/v3/signin-by-mobile")
        .operation_id("signInByMobile")
        .token_endpoint()
        .json(&json!({"connection": "wechat"}));
    let error = authentication
        .execute::<Value>(sign_in)
        .await
        .expect_err("forbidden");
    assert_eq!(error.request_id(), Some("req-trace-1"));
    let management = ManagementClient::builder()
        .access_key_id("ak")
        .access_key_secret("ak-secret-shh")
        .host(server.uri())
        .build()
        .expect("valid configuration");
    let list_users = Request::new(Method::POST, "/api/v3/list-users")
        .operation_id("listUsers")
        .json(&json!({}));
    management
        .execute::<Value>(list_users)
        .await
        .expect_err("forbidden");

    let logs =
        String::from_utf8(captured.0.lock().expect("log buffer").clone()).expect("UTF-8 logs");
    for expected in [
        r#"authing.request{method=POST path="/api/v3/signin-by-mobile" operation="signInByMobile" status=200 request_id="req-trace-1"}"#,
        r#"authing.request{method=POST path="/api/v3/get-management-token" operation="getManagementToken" status=200}"#,
        r#"operation="listUsers" status=200 request_id="req-trace-1"}"#,
    ] {
        assert!(
            logs.contains(expected),
            "{expected:?} missing from the logs:\n{logs}"
        );
    }
    for secret in SECRETS {
        assert!(
            !logs.contains(secret),
            "{secret:?} leaked into the logs:\n{logs}"
        );
    }
}
