//! A hostile server on loopback: raw HTTP/1.1 over a `tokio` listener, written in the test, that
//! redirects, stalls, streams without end, lies about its length or resets the connection. Every
//! case is bounded by [`bounded`]: a hang fails the test instead of stalling the suite.

mod faults;
mod paths;
mod redirects;
mod retry_after;
mod server;
mod sizes;

use std::future::Future;
use std::time::Duration;

/// The longest any hostile case may take; the client's own timeouts are far shorter.
const CASE_LIMIT: Duration = Duration::from_secs(5);

/// Runs `case`, failing the test if it does not finish within [`CASE_LIMIT`].
async fn bounded<T>(case: impl Future<Output = T>) -> T {
    tokio::time::timeout(CASE_LIMIT, case)
        .await
        .expect("the client hung on a hostile server")
}
