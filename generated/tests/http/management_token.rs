//! The management token: fetched with the access key, cached, refreshed after expiry, one
//! refresh under concurrency, dropped when the server rejects it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use authing::Error;
use authing::runtime::{ApiClient, Method, Request};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use crate::support::{
    ACCESS_KEY_ID, ACCESS_KEY_SECRET, Seen, envelope, header, management_client, received_on,
};

pub(crate) const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// Issues `tok-1`, `tok-2`... valid `expires_in` seconds, after `delay`.
struct Tokens {
    issued: AtomicUsize,
    expires_in: Value,
    delay: Duration,
}

impl Respond for Tokens {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        envelope(json!({"access_token": format!("tok-{number}"), "expires_in": self.expires_in}))
            .set_delay(self.delay)
    }
}

/// A server issuing tokens valid `expires_in` seconds and answering `POST /api/v3/list-users`.
pub(crate) async fn server(expires_in: Value, delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    let tokens = Tokens {
        issued: AtomicUsize::new(0),
        expires_in,
        delay,
    };
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(tokens)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/list-users"))
        .respond_with(envelope(json!({"totalCount": 0, "list": []})))
        .mount(&server)
        .await;
    server
}

pub(crate) fn list_users() -> Request {
    Request::new(Method::POST, "/api/v3/list-users")
        .operation_id("listUsers")
        .json(&json!({}))
}

/// The `authorization` headers of the calls to `/api/v3/list-users`, in order.
pub(crate) async fn bearers(server: &MockServer) -> Vec<String> {
    let calls = received_on(server, "/api/v3/list-users").await;
    calls
        .iter()
        .map(|request| header(request, "authorization").unwrap_or("-").to_owned())
        .collect()
}

#[tokio::test]
async fn the_token_is_fetched_once_with_the_access_key_and_cached() {
    let server = server(json!(7200), Duration::ZERO).await;
    let client = management_client(&server);
    for _ in 0..3 {
        let _: Value = client.execute(list_users()).await.expect("users");
    }
    let fetches = received_on(&server, TOKEN_PATH).await;
    let [fetch] = &fetches[..] else {
        panic!("one token fetch, got {}", fetches.len())
    };
    let body = json!({"accessKeyId": ACCESS_KEY_ID, "accessKeySecret": ACCESS_KEY_SECRET});
    assert_eq!(Seen::of(fetch), Seen::post(TOKEN_PATH, body));
    assert_eq!(header(fetch, "authorization"), None);
    assert_eq!(bearers(&server).await, ["Bearer tok-1"; 3]);
    let calls = received_on(&server, "/api/v3/list-users").await;
    assert_eq!(header(&calls[0], "x-authing-userpool-id"), Some("pool-1"));
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once() {
    // A 2 s token (the shortest lifetime) is used for 1.8 s: a tenth of its lifetime is the
    // refresh margin.
    let server = server(json!(2), Duration::ZERO).await;
    let client = management_client(&server);
    let _: Value = client.execute(list_users()).await.expect("users");
    let _: Value = client.execute(list_users()).await.expect("users");
    tokio::time::sleep(Duration::from_millis(1900)).await;
    let _: Value = client.execute(list_users()).await.expect("users");
    let _: Value = client.execute(list_users()).await.expect("users");
    assert_eq!(received_on(&server, TOKEN_PATH).await.len(), 2);
    assert_eq!(
        bearers(&server).await,
        [
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-2",
            "Bearer tok-2"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_calls_share_one_refresh() {
    let server = server(json!(7200), Duration::from_millis(200)).await;
    let client = management_client(&server);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let client = client.clone();
        calls.spawn(async move { client.execute::<Value>(list_users()).await });
    }
    while let Some(call) = calls.join_next().await {
        call.expect("task").expect("users");
    }
    assert_eq!(received_on(&server, TOKEN_PATH).await.len(), 1);
    assert_eq!(bearers(&server).await, ["Bearer tok-1"; 20]);
}

#[tokio::test]
async fn a_rejected_token_is_dropped_and_the_next_call_fetches_a_new_one() {
    let server = MockServer::start().await;
    let tokens = Tokens {
        issued: AtomicUsize::new(0),
        expires_in: json!(7200),
        delay: Duration::ZERO,
    };
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(tokens)
        .mount(&server)
        .await;
    let revoked = json!({"statusCode": 401, "message": "token revoked", "apiCode": 2004, "requestId": "r-401"});
    Mock::given(path("/api/v3/list-users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(revoked))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/list-users"))
        .respond_with(envelope(json!([])))
        .mount(&server)
        .await;
    let client = management_client(&server);
    let error = client
        .execute::<Value>(list_users())
        .await
        .expect_err("revoked");
    assert_eq!(error.api_code(), Some(2004));
    let _: Value = client.execute(list_users()).await.expect("users");
    assert_eq!(bearers(&server).await, ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_failed_token_fetch_is_every_calls_error_for_a_second_then_retried() {
    let server = MockServer::start().await;
    let wrong_key = json!({"statusCode": 403, "message": "wrong access key", "apiCode": 2010, "requestId": "r-403"});
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(wrong_key))
        .mount(&server)
        .await;
    let client = management_client(&server);
    let mut fetches = Vec::new();
    for pause in [Duration::ZERO, Duration::from_millis(1100)] {
        tokio::time::sleep(pause).await;
        for _ in 0..2 {
            match client.execute::<Value>(list_users()).await {
                Err(Error::ManagementToken(error)) => match &*error {
                    Error::Api(error) => {
                        assert_eq!((error.status_code, error.api_code), (403, Some(2010)));
                        assert_eq!(error.operation.operation_id, Some("getManagementToken"));
                    }
                    other => panic!("expected the token fetch's API error, got {other:?}"),
                },
                other => panic!("expected the shared token failure, got {other:?}"),
            }
        }
        fetches.push(received_on(&server, TOKEN_PATH).await.len());
    }
    // Remembered for the backoff (1 s), then requested again.
    assert_eq!(fetches, [1, 2]);
    assert!(received_on(&server, "/api/v3/list-users").await.is_empty());
}
