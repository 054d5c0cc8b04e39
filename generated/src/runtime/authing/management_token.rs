//! The management token: the access key exchanged at `POST /api/v3/get-management-token`, cached
//! until shortly before it expires and shared by every call of a client.

use std::time::Duration;

use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::runtime::{Error, Secret};

/// The path of the token exchange; a call to it carries no management token itself.
pub(crate) const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// The longest margin before expiry at which a token is refreshed.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The envelope's `data` of the token exchange.
#[derive(Deserialize)]
pub(crate) struct ManagementToken {
    access_token: Secret,
    /// Lifetime in seconds.
    expires_in: f64,
}

/// The current token, refreshed by one caller at a time.
///
/// Callers queue on one async lock: the first to find the token missing or about to expire
/// fetches a new one while holding it, and the others, once they get the lock, find the fresh
/// token. So concurrent calls make one refresh, not one each.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Option<Cached>>,
}

#[derive(Debug)]
struct Cached {
    token: Secret,
    refresh_at: Instant,
}

impl TokenCache {
    /// The cached token, or a new one from `fetch` when there is none or it is about to
    /// expire: a token is used until a tenth of its lifetime (at most a minute) is left.
    pub(crate) async fn get<F>(&self, fetch: F) -> Result<Secret, Error>
    where
        F: Future<Output = Result<ManagementToken, Error>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(cached) = &*slot
            && Instant::now() < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        let requested_at = Instant::now();
        let fresh = fetch.await?;
        let lifetime = Duration::try_from_secs_f64(fresh.expires_in).unwrap_or_default();
        let margin = (lifetime / 10).min(MAX_REFRESH_MARGIN);
        tracing::debug!(?lifetime, "management token refreshed");
        let token = fresh.access_token;
        *slot = Some(Cached {
            token: token.clone(),
            refresh_at: requested_at + lifetime - margin,
        });
        Ok(token)
    }

    /// Drops `token` after the server rejected it, unless another caller already replaced it.
    pub(crate) async fn invalidate(&self, token: &Secret) {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|cached| cached.token == *token) {
            *slot = None;
        }
    }
}
