//! [`RetryPolicy`]: which failures are retried, how long to wait in between (the server's
//! `Retry-After`, or a doubling backoff), and the ceilings on attempts and on total time.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderValue;

/// The most retries a policy makes; [`RetryPolicy::new`] clamps larger values to it.
pub const MAX_RETRIES: u32 = 10;

/// When to retry a request, and how long to wait in between.
///
/// Only `GET` and `HEAD` requests are retried, on a connection failure or a 502 / 503 / 504
/// answer: the server has not acted on them, or acting again changes nothing. Other methods are
/// never retried automatically (a login or a creation must not run twice), and neither are
/// timeouts (the server may be slow, not down, and waiting again multiplies the delay).
///
/// The wait is the answer's `Retry-After` (seconds or an HTTP date) when it has one, otherwise
/// doubles from `initial_backoff` up to `max_backoff`. A `Retry-After` longer than
/// `max_retry_after` (default 10 s) ends the retries: the answer is returned rather than
/// retried before the server said it would be ready. No retry starts whose wait would end
/// later than `max_elapsed` (default 30 s) after the first attempt began; so a call takes at most
/// `max_elapsed` plus one timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    max_elapsed: Duration,
}

impl RetryPolicy {
    /// `max_retries` retries after the first attempt (at most [`MAX_RETRIES`]), waiting 100 ms,
    /// 200 ms, 400 ms... at most 2 s, unless the server says otherwise with `Retry-After`.
    pub const fn new(max_retries: u32) -> Self {
        Self {
            max_retries: if max_retries > MAX_RETRIES {
                MAX_RETRIES
            } else {
                max_retries
            },
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
        }
    }

    /// Never retry.
    pub const fn none() -> Self {
        Self::new(0)
    }

    /// The same number of retries with other waits: `initial` doubled each time, capped at `max`.
    pub const fn with_backoff(self, initial: Duration, max: Duration) -> Self {
        Self {
            initial_backoff: initial,
            max_backoff: max,
            ..self
        }
    }

    /// The longest `Retry-After` honoured (default 10 s); a longer one ends the retries.
    pub const fn with_max_retry_after(self, max: Duration) -> Self {
        Self {
            max_retry_after: max,
            ..self
        }
    }

    /// The time after the first attempt's start by which a retry's wait must end for it to be
    /// made (default 30 s).
    pub const fn with_max_elapsed(self, max: Duration) -> Self {
        Self {
            max_elapsed: max,
            ..self
        }
    }

    /// How many retries follow a failed first attempt.
    pub const fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The longest `Retry-After` honoured.
    pub const fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The ceiling on the time from the first attempt to the start of the last.
    pub const fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The wait before retry number `retry` (0 for the first retry) when the server gave no
    /// `Retry-After`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait before retry number `retry` after an answer whose `Retry-After` said
    /// `retry_after`, or `None` when the server asks for longer than
    /// [`max_retry_after`](Self::max_retry_after).
    pub(crate) fn wait(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry)),
        }
    }
}

impl Default for RetryPolicy {
    /// Two retries: 100 ms, then 200 ms (or the server's `Retry-After`, up to 10 s).
    fn default() -> Self {
        Self::new(2)
    }
}

/// The wait a `Retry-After` header asks for at `now` (RFC 9110 §10.2.3: a number of seconds, or
/// an HTTP date, a past one meaning no wait); `None` when the value is neither.
pub(crate) fn retry_after(value: &HeaderValue, now: SystemTime) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is as good as forever.
        return Some(text.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use reqwest::header::HeaderValue;

    use super::{MAX_RETRIES, RetryPolicy, retry_after};

    #[track_caller]
    fn check(header: &str, expected: Option<Duration>) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
        let value = HeaderValue::from_str(header).unwrap();
        let actual = retry_after(&value, now);
        assert_eq!(actual, expected, "{header:?}");
    }

    fn secs(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        check("0", Some(secs(0)));
        check("3", Some(secs(3)));
        check(" 120 ", Some(secs(120)));
        check("99999999999999999999999", Some(Duration::MAX));
        check("Wed, 21 Oct 2015 07:28:05 GMT", Some(secs(5)));
        check("Wed, 21 Oct 2015 07:27:00 GMT", Some(secs(0)));
        check("Wednesday, 21-Oct-15 07:28:10 GMT", Some(secs(10)));
        check("Wed Oct 21 07:28:02 2015", Some(secs(2)));
        check("-1", None);
        check("1.5", None);
        check("soon", None);
        check("", None);
    }

    #[test]
    fn policies_are_clamped_and_waits_capped() {
        assert_eq!(RetryPolicy::new(u32::MAX).max_retries(), MAX_RETRIES);
        assert_eq!(RetryPolicy::new(MAX_RETRIES + 1).max_retries(), MAX_RETRIES);
        assert_eq!(RetryPolicy::new(3).max_retries(), 3);
        let policy = RetryPolicy::new(3)
            .with_backoff(Duration::from_millis(100), Duration::from_millis(500))
            .with_max_retry_after(Duration::from_secs(5));
        let wait = |retry, after: Option<u64>| policy.wait(retry, after.map(Duration::from_secs));
        assert_eq!(wait(0, None), Some(Duration::from_millis(100)));
        assert_eq!(wait(9, None), Some(Duration::from_millis(500)));
        assert_eq!(wait(0, Some(0)), Some(Duration::ZERO));
        assert_eq!(wait(0, Some(5)), Some(Duration::from_secs(5)));
        assert_eq!(wait(0, Some(6)), None);
        assert_eq!(policy.wait(0, Some(Duration::MAX)), None);
    }
}
