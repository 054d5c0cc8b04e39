//! The management token against hostile token endpoints: absurd `expires_in` values, an endpoint
//! that fails and one that hangs, under many concurrent calls.

use std::time::{Duration, Instant};

use authing::ManagementClient;
use authing::runtime::ApiClient;
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::management_token::{TOKEN_PATH, bearers, list_users, server};
use crate::support::{management_client, received_on};

/// A token endpoint answering `"expires_in": <expires_in>`: three calls succeed on one token.
async fn check_expires_in(expires_in: Value) {
    let server = server(expires_in.clone(), Duration::ZERO).await;
    let client = management_client(&server);
    for _ in 0..3 {
        let result = client.execute::<Value>(list_users()).await;
        assert!(result.is_ok(), "expires_in {expires_in}: {result:?}");
    }
    let fetches = received_on(&server, TOKEN_PATH).await.len();
    assert_eq!(fetches, 1, "token requests with expires_in {expires_in}");
    assert_eq!(bearers(&server).await, ["Bearer tok-1"; 3]);
}

#[tokio::test]
async fn absurd_lifetimes_neither_panic_nor_disable_the_cache() {
    for expires_in in [
        json!(1e19),
        json!(1.8e19),
        json!(1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(0),
        json!(-1),
        json!(-1e308),
        json!(0.001),
        json!(5e-324),
    ] {
        check_expires_in(expires_in).await;
    }
}

/// `callers` concurrent calls of `client`; the time the last one took to return, and the errors.
async fn concurrent_calls(
    client: &ManagementClient,
    callers: usize,
) -> (Duration, Vec<authing::Error>) {
    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..callers {
        let client = client.clone();
        calls.spawn(async move { client.execute::<Value>(list_users()).await });
    }
    let mut errors = Vec::new();
    while let Some(call) = calls.join_next().await {
        if let Err(error) = call.expect("task") {
            errors.push(error);
        }
    }
    (started.elapsed(), errors)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_calls_against_a_failing_token_endpoint_share_one_request() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .mount(&server)
        .await;
    let (_, errors) = concurrent_calls(&management_client(&server), 500).await;
    assert_eq!(errors.len(), 500);
    for error in &errors {
        assert!(
            matches!(error, authing::Error::ManagementToken(_)),
            "{error:?}"
        );
        assert_eq!(error.http_status().map(|status| status.as_u16()), Some(500));
    }
    // One per backoff window: one, or two if the calls straddle a window.
    let fetches = received_on(&server, TOKEN_PATH).await.len();
    assert!((1..=2).contains(&fetches), "{fetches} token requests");
    assert!(received_on(&server, "/api/v3/list-users").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_calls_against_a_hanging_token_endpoint_return_within_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = ManagementClient::builder()
        .access_key_id("ak")
        .access_key_secret("sk")
        .host(server.uri())
        .timeout(Duration::from_secs(1))
        .build()
        .expect("valid configuration");
    let (elapsed, errors) = concurrent_calls(&client, 20).await;
    assert_eq!(errors.len(), 20);
    assert!(errors.iter().all(authing::Error::is_timeout), "{errors:?}");
    // Sequential refreshes would take 20 s; one shared request takes the 1 s timeout.
    assert!(
        elapsed < Duration::from_secs(5),
        "the last caller returned after {elapsed:?}"
    );
    assert_eq!(received_on(&server, TOKEN_PATH).await.len(), 1);
}
