//! Transfers that stall, stop early or break: each a typed error within the timeout, no panic.

use std::time::Duration;

use authing::Error;
use authing::runtime::{ApiClient, BodyErrorKind, Client, Method, Request, RetryPolicy};
use serde_json::Value;

use super::bounded;
use super::server::{Reply, Server};

/// The error of a `GET` (no retries, 300 ms timeout) against a server answering `reply`.
async fn error_of(reply: fn() -> Reply) -> Error {
    let server = Server::start(move |_| reply()).await;
    let client = Client::builder(&server.url)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    bounded(client.execute::<Value>(Request::new(Method::GET, "/x")))
        .await
        .unwrap_err()
}

fn body_kind(error: &Error) -> Option<BodyErrorKind> {
    match error {
        Error::Body(error) => Some(error.kind),
        _ => None,
    }
}

#[tokio::test]
async fn a_stalled_answer_times_out() {
    let silent = error_of(|| Reply::Silent).await;
    assert!(silent.is_timeout(), "{silent:?}");
    let slow = error_of(|| Reply::Trickle {
        head: "HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n",
        interval: Duration::from_millis(50),
    })
    .await;
    assert!(slow.is_timeout(), "{slow:?}");
}

#[tokio::test]
async fn a_body_shorter_than_its_length_is_interrupted() {
    let error = error_of(|| {
        Reply::Bytes(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial\":".to_vec())
    })
    .await;
    assert_eq!(
        body_kind(&error),
        Some(BodyErrorKind::Interrupted),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_reset_connection_is_a_typed_error() {
    let before = error_of(|| Reply::Reset(b"")).await;
    assert!(matches!(before, Error::Connect { .. }), "{before:?}");
    let head_only = error_of(|| Reply::Reset(b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n")).await;
    assert!(matches!(head_only, Error::Connect { .. }), "{head_only:?}");
    let mid_body =
        error_of(|| Reply::Reset(b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n{\"a\":")).await;
    assert_eq!(
        body_kind(&mid_body),
        Some(BodyErrorKind::Interrupted),
        "{mid_body:?}"
    );
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_typed_error() {
    let error = error_of(|| Reply::Bytes(b"\x00\x01SSH-2.0-not-http\r\n\r\n".to_vec())).await;
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
}
