//! The response size limit: a huge `content-length` is refused before reading, an endless body
//! as soon as it passes the limit, and the error keeps a bounded prefix.

use std::time::Duration;

use authing::Error;
use authing::runtime::{ApiClient, BodyErrorKind, Client, Method, Request, RetryPolicy};
use serde_json::Value;

use super::bounded;
use super::server::{Reply, Server};

/// What a client with `limit` (the default when `None`) makes of `GET` against `reply`: the
/// body error's kind and kept body length, with how many bytes the server had sent.
async fn check(limit: Option<u64>, reply: fn() -> Reply, expected: (BodyErrorKind, usize)) {
    let server = Server::start(move |_| reply()).await;
    let mut builder = Client::builder(&server.url)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(4));
    if let Some(limit) = limit {
        builder = builder.max_response_size(limit);
    }
    let client = builder.build().unwrap();
    let error = bounded(client.execute::<Value>(Request::new(Method::GET, "/big")))
        .await
        .unwrap_err();
    let Error::Body(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!((error.kind, error.body.len()), expected, "{}", error);
    assert!(
        error.to_string().contains("body larger than the limit of"),
        "{error}"
    );
}

const MIB: u64 = 1024 * 1024;

#[tokio::test]
async fn a_huge_content_length_is_refused_before_reading() {
    let huge =
        || Reply::Bytes(b"HTTP/1.1 200 OK\r\ncontent-length: 1000000000000\r\n\r\n{".to_vec());
    check(None, huge, (BodyErrorKind::TooLarge { limit: 16 * MIB }, 0)).await;
    let over = || Reply::json(&" ".repeat(2000));
    check(
        Some(1999),
        over,
        (BodyErrorKind::TooLarge { limit: 1999 }, 0),
    )
    .await;
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit_with_a_bounded_prefix() {
    let endless = || Reply::Endless { chunk: 64 * 1024 };
    check(
        Some(MIB),
        endless,
        (BodyErrorKind::TooLarge { limit: MIB }, 1024),
    )
    .await;
    check(
        None,
        endless,
        (BodyErrorKind::TooLarge { limit: 16 * MIB }, 1024),
    )
    .await;
    // Without a limit the client would have read for its whole 4 s timeout: gigabytes on
    // loopback. The process's peak stays far below.
    #[cfg(target_os = "linux")]
    {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let peak_kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        assert!(peak_kib < 512 * 1024, "peak RSS {peak_kib} KiB");
    }
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let server = Server::start(|_| Reply::json(&format!("\"{}\"", "x".repeat(998)))).await;
    let client = Client::builder(&server.url)
        .max_response_size(1000)
        .build()
        .unwrap();
    let body = bounded(client.execute::<String>(Request::new(Method::GET, "/x")))
        .await
        .unwrap();
    assert_eq!(body.len(), 998);
}
