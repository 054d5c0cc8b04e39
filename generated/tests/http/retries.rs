//! Retries: `GET` on connection failures and 502 / 503 / 504 with bounded backoff; other
//! methods and timeouts never.

use std::time::Duration;

use authing::Error;
use authing::runtime::{ApiClient, Client, Method, Request, RetryPolicy};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{RawServer, fast_retries};

/// Sends `method` with `retries` allowed to a server answering `statuses` in turn (the last one
/// from then on); returns whether the call succeeded and how many requests arrived.
async fn check(method: Method, retries: u32, statuses: &[u16], expected: (bool, usize)) {
    let server = MockServer::start().await;
    let (last, first) = statuses.split_last().expect("statuses");
    for status in first {
        Mock::given(any())
            .respond_with(ResponseTemplate::new(*status))
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(*last).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri())
        .retry(fast_retries(retries))
        .build()
        .unwrap();
    let result = client
        .execute::<Value>(Request::new(method.clone(), "/r"))
        .await;
    let arrived = server.received_requests().await.unwrap().len();
    assert_eq!((result.is_ok(), arrived), expected, "{method} {statuses:?}");
}

#[tokio::test]
async fn get_is_retried_on_502_503_504_up_to_the_limit() {
    check(Method::GET, 2, &[503], (false, 3)).await;
    check(Method::GET, 5, &[503], (false, 6)).await;
    check(Method::GET, 2, &[502, 504, 200], (true, 3)).await;
    check(Method::GET, 2, &[503, 200], (true, 2)).await;
    check(Method::GET, 0, &[503, 200], (false, 1)).await;
}

#[tokio::test]
async fn other_statuses_and_other_methods_are_not_retried() {
    check(Method::GET, 2, &[500, 200], (false, 1)).await;
    check(Method::GET, 2, &[429, 200], (false, 1)).await;
    check(Method::POST, 2, &[503, 200], (false, 1)).await;
    check(Method::PUT, 2, &[502, 200], (false, 1)).await;
    check(Method::DELETE, 2, &[504, 200], (false, 1)).await;
}

#[tokio::test]
async fn get_is_retried_on_connection_failures_and_post_is_not() {
    for (method, connections) in [(Method::GET, 3), (Method::POST, 1)] {
        // The server accepts and closes without answering.
        let server = RawServer::start(b"").await;
        let client = Client::builder(server.url.as_str())
            .retry(fast_retries(2))
            .build()
            .unwrap();
        let error = client
            .execute::<Value>(Request::new(method.clone(), "/r"))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Connect { .. }), "{error:?}");
        assert_eq!(server.connections(), connections, "{method}");
    }
}

#[tokio::test]
async fn timeouts_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri())
        .retry(fast_retries(3))
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let error = client
        .execute::<()>(Request::new(Method::GET, "/r"))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[test]
fn backoff_doubles_up_to_its_cap() {
    let policy =
        RetryPolicy::new(10).with_backoff(Duration::from_millis(100), Duration::from_millis(500));
    let waits: Vec<_> = (0..5)
        .map(|retry| policy.backoff(retry).as_millis())
        .collect();
    assert_eq!(waits, [100, 200, 400, 500, 500]);
    assert_eq!(RetryPolicy::default().backoff(40), Duration::from_secs(2));
    assert_eq!(RetryPolicy::default().max_retries(), 2);
}
