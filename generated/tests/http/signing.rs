//! Management request signing on the wire: no management token, the signature headers on
//! every request, a fresh nonce each time, the secret nowhere. (The signature itself is checked
//! byte for byte against the node SDK in the slow suite and by the vectors in `signing.rs`.)

use std::time::{Duration, SystemTime};

use authing::runtime::{ApiClient, Method, Request};
use authing::{ManagementAuthMethod, ManagementClient};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer};

use crate::support::{ACCESS_KEY_ID, ACCESS_KEY_SECRET, envelope, header};

fn signed_client(server: &MockServer) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.uri())
        .auth_method(ManagementAuthMethod::Signature)
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn every_request_is_signed_and_no_token_is_fetched() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = signed_client(&server);
    let get = Request::new(Method::GET, "/api/v3/get-user").query("userId", "u-1");
    let post = Request::new(Method::POST, "/api/v3/list-users").json(&json!({"keywords": "a"}));
    let _: Value = client.execute(get).await.expect("GET");
    let _: Value = client.execute(post).await.expect("POST");

    let received = server.received_requests().await.expect("recording");
    let paths: Vec<&str> = received.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/api/v3/get-user", "/api/v3/list-users"]);
    let mut nonces = Vec::new();
    for request in &received {
        let authorization = header(request, "authorization").expect("authorization");
        let signature = authorization
            .strip_prefix("authing pool-ak-1:")
            .unwrap_or_else(|| panic!("{authorization}"));
        assert_eq!(signature.len(), 28, "base64 of 20 bytes: {signature}");
        assert_eq!(
            header(request, "x-authing-signature-method"),
            Some("HMAC-SHA1")
        );
        assert_eq!(header(request, "x-authing-signature-version"), Some("1.0"));
        let nonce = header(request, "x-authing-signature-nonce").expect("nonce");
        assert!(
            nonce.len() == 32 && nonce.bytes().all(|b| b.is_ascii_hexdigit()),
            "{nonce}"
        );
        nonces.push(nonce.to_owned());
        let date = httpdate::parse_http_date(header(request, "date").expect("date"))
            .expect("an HTTP date");
        let skew = SystemTime::now()
            .duration_since(date)
            .unwrap_or_else(|early| early.duration());
        assert!(skew < Duration::from_secs(60), "date off by {skew:?}");
        let wire = format!(
            "{:?}{}",
            request.headers,
            String::from_utf8_lossy(&request.body)
        );
        assert!(
            !wire.contains(ACCESS_KEY_SECRET),
            "the secret went on the wire"
        );
    }
    assert_ne!(nonces[0], nonces[1], "a fresh nonce per request");
}

#[tokio::test]
async fn genauth_signs_with_its_own_prefix_and_scheme() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(json!(null)))
        .mount(&server)
        .await;
    let client = ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.uri())
        .brand(authing::Brand::GenAuth)
        .auth_method(ManagementAuthMethod::Signature)
        .build()
        .expect("valid configuration");
    let _: Value = client
        .execute(Request::new(Method::GET, "/api/v3/list-apps"))
        .await
        .expect("GET");
    let request = &server.received_requests().await.expect("recording")[0];
    assert!(header(request, "authorization").is_some_and(|a| a.starts_with("genauth pool-ak-1:")));
    assert_eq!(
        header(request, "x-genauth-signature-method"),
        Some("HMAC-SHA1")
    );
    assert_eq!(header(request, "x-authing-signature-method"), None);
}

#[tokio::test]
async fn debug_shows_the_method_not_the_secret() {
    let server = MockServer::start().await;
    let debug = format!("{:?}", signed_client(&server));
    assert!(debug.contains("signed: true"), "{debug}");
    assert!(!debug.contains(ACCESS_KEY_SECRET), "{debug}");
}
