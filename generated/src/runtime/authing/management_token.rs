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
/// fetching caller that is cancelled releases the lock and the next one fetches. A refresh that
/// fails while the current token has not expired yet keeps that token (tried again after the
/// backoff): the calls go on, and only an expired token turns into the failure.
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
        /// When the server stops accepting it.
        expires_at: Instant,
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
            Slot::Token {
                token, refresh_at, ..
            } if now < *refresh_at => return Ok(token.clone()),
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
                let at = |after: Duration| requested_at.checked_add(after).unwrap_or(requested_at);
                let token = fresh.access_token;
                *slot = Slot::Token {
                    token: token.clone(),
                    refresh_at: at(lifetime.saturating_sub(margin)),
                    expires_at: at(lifetime),
                };
                Ok(token)
            }
            Err(error) => {
                let now = Instant::now();
                if let Slot::Token {
                    token,
                    refresh_at,
                    expires_at,
                } = &mut *slot
                    && now < *expires_at
                {
                    tracing::warn!(
                        %error,
                        "management token: the refresh failed; the current token is used until \
                         it expires"
                    );
                    *refresh_at = (now + FAILURE_BACKOFF).min(*expires_at);
                    return Ok(token.clone());
                }
                let error = Arc::new(error);
                *slot = Slot::Failed {
                    error: error.clone(),
                    until: now + FAILURE_BACKOFF,
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

    use reqwest::Method;

    use super::{
        FAILURE_BACKOFF, MAX_LIFETIME, MIN_LIFETIME, ManagementToken, TOKEN_PATH, TokenCache,
        lifetime,
    };
    use crate::runtime::{Error, Operation, Secret};

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

    fn fresh(token: &str, expires_in: f64) -> Result<ManagementToken, Error> {
        Ok(ManagementToken {
            access_token: Secret::new(token),
            expires_in,
        })
    }

    fn down() -> Result<ManagementToken, Error> {
        Err(Error::InvalidRequest {
            operation: Operation {
                method: Method::POST,
                path: TOKEN_PATH,
                operation_id: None,
            },
            reason: "the token endpoint is down".to_owned(),
        })
    }

    /// What `cache.get` gives when the fetch (if it is made) answers `fetch`: the token, or
    /// `Err(())`.
    async fn get(
        cache: &TokenCache,
        fetch: Option<Result<ManagementToken, Error>>,
    ) -> Result<String, ()> {
        let fetch = async { fetch.expect("no token request in this step") };
        cache
            .get(fetch)
            .await
            .map(|token| token.expose().to_owned())
            .map_err(|_| ())
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_refresh_keeps_the_token_until_it_expires() {
        let cache = TokenCache::default();
        let t1 = Ok("t1".to_owned());
        // 100 s: refreshed from 90 s on (a tenth of the lifetime before expiry).
        assert_eq!(get(&cache, Some(fresh("t1", 100.0))).await, t1);
        tokio::time::advance(Duration::from_secs(89)).await;
        assert_eq!(get(&cache, None).await, t1);
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(get(&cache, Some(down())).await, t1, "91 s: refresh failed");
        assert_eq!(
            get(&cache, None).await,
            t1,
            "within the backoff: no request"
        );
        tokio::time::advance(FAILURE_BACKOFF).await;
        assert_eq!(get(&cache, Some(down())).await, t1, "92 s: failed again");
        tokio::time::advance(Duration::from_secs(8)).await;
        assert_eq!(get(&cache, Some(down())).await, Err(()), "100 s: expired");
        assert_eq!(get(&cache, None).await, Err(()), "within the backoff");
        tokio::time::advance(FAILURE_BACKOFF).await;
        assert_eq!(
            get(&cache, Some(fresh("t2", 100.0))).await,
            Ok("t2".to_owned())
        );
    }
}
