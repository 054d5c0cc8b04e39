//! `Retry-After` (seconds and HTTP date) honoured up to the policy's cap, and the ceilings on
//! attempts and on total time.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use authing::runtime::{ApiClient, Client, MAX_RETRIES, Method, Request, RetryPolicy};
use serde_json::Value;

use super::bounded;
use super::server::{Reply, Server};
use crate::support::fast_retries;

/// `GET` with `policy` against a server answering `503` with `retry_after` (if any) `fails`
/// times, then `200`: whether it succeeded, the requests made, and the time taken.
async fn run(
    policy: RetryPolicy,
    retry_after: Option<String>,
    fails: usize,
) -> (bool, usize, Duration) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) < fails {
            let header = retry_after.as_ref().map(|v| format!("retry-after: {v}"));
            Reply::status(
                503,
                &header.iter().map(String::as_str).collect::<Vec<_>>(),
                "",
            )
        } else {
            Reply::json("{}")
        }
    })
    .await;
    let client = Client::builder(&server.url).retry(policy).build().unwrap();
    let started = Instant::now();
    let result = bounded(client.execute::<Value>(Request::new(Method::GET, "/r"))).await;
    (
        result.is_ok(),
        count.load(Ordering::SeqCst),
        started.elapsed(),
    )
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited() {
    let (ok, requests, took) = run(fast_retries(2), Some("1".into()), 1).await;
    assert_eq!((ok, requests), (true, 2));
    assert!(took >= Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited() {
    // An HTTP date has whole seconds, so 3 s ahead is more than 2 s ahead once truncated: the
    // wait is over 1 s however late in its second the date was written and the answer read.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));
    let (ok, requests, took) = run(fast_retries(2), Some(date), 1).await;
    assert_eq!((ok, requests), (true, 2));
    assert!(took >= Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn retry_after_beyond_the_cap_or_the_total_time_is_not_retried() {
    let (ok, requests, _) = run(fast_retries(2), Some("3600".into()), 1).await;
    assert_eq!((ok, requests), (false, 1));
    let capped = fast_retries(2).with_max_retry_after(Duration::from_millis(500));
    assert_eq!(run(capped, Some("1".into()), 1).await.1, 1);
    let brief = fast_retries(2).with_max_elapsed(Duration::from_millis(200));
    assert_eq!(run(brief, Some("1".into()), 1).await.1, 1);
    // An unparseable value falls back to the backoff.
    assert_eq!(run(fast_retries(2), Some("soon".into()), 1).await.1, 2);
}

#[tokio::test]
async fn attempts_are_capped() {
    let endless =
        RetryPolicy::new(u32::MAX).with_backoff(Duration::from_millis(1), Duration::from_millis(1));
    let (ok, requests, _) = run(endless, None, usize::MAX).await;
    assert_eq!((ok, requests), (false, MAX_RETRIES as usize + 1));
}
