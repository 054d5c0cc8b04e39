//! The management token: the access key exchanged at `POST /api/v3/get-management-token`, cached
//! until shortly before it expires and shared by every call of a client.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::runtime::{Error, Secret};

/// The path of the token exchange; a call to it carries no management token itself.
pub(crate) const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// The shortest lifetime a token is given, whatever the server says (`0`, negative): the token
/// is used for this long unless the server rejects it earlier (a rejected token is dropped), so
/// a bad `expires_in` never turns into a token request before every call.
pub(crate) const MIN_LIFETIME: Duration = Duration::from_secs(2);

/// The longest lifetime a token is given (a day; the API issues two-hour tokens): bounds the
/// arithmetic on a server's `1e19`, and a token is re-requested at least daily.
pub(crate) const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest margin before expiry at which a token is refreshed.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// How long a failed token request is remembered: calls in this window get the same failure
/// without a new request, so a failing or hanging endpoint sees one request per window, not one
/// per call.
pub(crate) const FAILURE_BACKOFF: Duration = Duration::from_secs(1);

/// The envelope's `data` of the token exchange.
#[derive(Deserialize)]
pub(crate) struct ManagementToken {
    access_token: Secret,
    /// Lifetime in seconds.
    expires_in: f64,
}

/// The current token, refreshed by one caller at a time (single flight).
///
/// Callers queue on one async lock: the first to find no usable token fetches one while holding
/// it, and the others, once they get the lock, find its outcome: the fresh token, or the failure,
/// which is kept for [`FAILURE_BACKOFF`]. So concurrent calls make one request and share one
/// result or one failure; the fetch is bounded by the client's timeout, and so is every wait. A
/// fetching caller that is cancelled releases the lock and the next one fetches.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Slot>,
}

#[derive(Debug, Default)]
enum Slot {
    #[default]
    Empty,
    Token {
        token: Secret,
        refresh_at: Instant,
    },
    Failed {
        error: Arc<Error>,
        until: Instant,
    },
}

impl TokenCache {
    /// The cached token, or a new one from `fetch` when there is none or it is about to
    /// expire: a token is used until a tenth of its lifetime (at most a minute) is left.
    pub(crate) async fn get<F>(&self, fetch: F) -> Result<Secret, Error>
    where
        F: Future<Output = Result<ManagementToken, Error>>,
    {
        let mut slot = self.slot.lock().await;
        let now = Instant::now();
        match &*slot {
            Slot::Token { token, refresh_at } if now < *refresh_at => return Ok(token.clone()),
            Slot::Failed { error, until } if now < *until => {
                return Err(Error::ManagementToken(error.clone()));
            }
            _ => {}
        }
        let requested_at = Instant::now();
        match fetch.await {
            Ok(fresh) => {
                let lifetime = lifetime(fresh.expires_in);
                let margin = (lifetime / 10).min(MAX_REFRESH_MARGIN);
                tracing::debug!(?lifetime, "management token refreshed");
                let refresh_at = requested_at
                    .checked_add(lifetime.saturating_sub(margin))
                    .unwrap_or(requested_at);
                let token = fresh.access_token;
                *slot = Slot::Token {
                    token: token.clone(),
                    refresh_at,
                };
                Ok(token)
            }
            Err(error) => {
                let error = Arc::new(error);
                *slot = Slot::Failed {
                    error: error.clone(),
                    until: Instant::now() + FAILURE_BACKOFF,
                };
                Err(Error::ManagementToken(error))
            }
        }
    }

    /// Drops `token` after the server rejected it, unless another caller already replaced it.
    pub(crate) async fn invalidate(&self, token: &Secret) {
        let mut slot = self.slot.lock().await;
        if matches!(&*slot, Slot::Token { token: cached, .. } if cached == token) {
            *slot = Slot::Empty;
        }
    }
}

/// The lifetime to cache a token for: the server's `expires_in` seconds within
/// [`MIN_LIFETIME`]..=[`MAX_LIFETIME`], with a warning when it is outside (or not a number).
fn lifetime(expires_in: f64) -> Duration {
    let (min, max) = (MIN_LIFETIME.as_secs_f64(), MAX_LIFETIME.as_secs_f64());
    if (min..=max).contains(&expires_in) {
        return Duration::from_secs_f64(expires_in);
    }
    let used = if expires_in > max {
        MAX_LIFETIME
    } else {
        MIN_LIFETIME
    };
    tracing::warn!(
        expires_in,
        ?used,
        "management token: the server's `expires_in` is out of range; the token is cached for \
         the nearest bound instead"
    );
    used
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{MAX_LIFETIME, MIN_LIFETIME, lifetime};

    #[track_caller]
    fn check(expires_in: f64, expected: Duration) {
        assert_eq!(lifetime(expires_in), expected, "expires_in {expires_in}");
    }

    #[test]
    fn lifetimes_are_clamped_and_never_panic() {
        check(7200.0, Duration::from_secs(7200));
        check(2.0, MIN_LIFETIME);
        check(86_400.0, MAX_LIFETIME);
        check(0.5, MIN_LIFETIME);
        check(0.0, MIN_LIFETIME);
        check(-0.0, MIN_LIFETIME);
        check(-1.0, MIN_LIFETIME);
        check(f64::MIN, MIN_LIFETIME);
        check(f64::NEG_INFINITY, MIN_LIFETIME);
        check(f64::NAN, MIN_LIFETIME);
        check(1e19, MAX_LIFETIME);
        check(1.8e19, MAX_LIFETIME);
        check(f64::MAX, MAX_LIFETIME);
        check(f64::INFINITY, MAX_LIFETIME);
    }
}
