//! Local validation of id tokens and JWT access tokens: the signature by `jsonwebtoken` with
//! the provider's JWKS (cached; fetched again when a token names an unknown `kid`, as after a
//! key rotation, at most once per cooldown) or the app secret (HS256); then `iss`, `aud`, `azp`, `exp`, `nbf`,
//! `iat`, `nonce` and `at_hash`, with a clock skew, each failure its own [`TokenError`].

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use super::{Oidc, OidcError, TokenError};

/// What to check beyond the signature, issuer, audience and times.
#[derive(Clone, Debug, Default)]
pub struct IdTokenChecks {
    nonce: Option<String>,
    access_token_hash: Option<String>,
    audience: Option<String>,
    now: Option<SystemTime>,
}

impl IdTokenChecks {
    /// Signature, `iss`, `aud` (the client id), `exp`, `nbf` and `iat` only.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `nonce` sent with the authorization request: the token must carry it.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// The access token issued with the id token: its hash must be the token's `at_hash`, when
    /// the token has one.
    pub fn access_token(mut self, access_token: &str) -> Self {
        self.access_token_hash = Some(at_hash(access_token));
        self
    }

    /// The audience to expect instead of the client id.
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Validate as of `now` instead of the system clock.
    pub fn at(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }
}

/// The claims of a validated id token.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// The issuer.
    pub iss: String,
    /// The user.
    pub sub: String,
    /// The audiences (the client id among them).
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
    /// Issue time, seconds since the epoch.
    pub iat: i64,
    /// The nonce of the authorization request.
    #[serde(default)]
    pub nonce: Option<String>,
    /// When the user authenticated.
    #[serde(default)]
    pub auth_time: Option<i64>,
    /// The authorized party.
    #[serde(default)]
    pub azp: Option<String>,
    /// The session id (front/back-channel logout).
    #[serde(default)]
    pub sid: Option<String>,
    /// `name`, with scope `profile`.
    #[serde(default)]
    pub name: Option<String>,
    /// `email`, with scope `email`.
    #[serde(default)]
    pub email: Option<String>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// `at_hash` of `access_token`: base64url of the left half of its SHA-256 (the hash of RS256,
/// ES256 and HS256, the algorithms accepted).
pub(crate) fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

/// The algorithms accepted when the app does not name one.
const ACCEPTED: [Algorithm; 3] = [Algorithm::RS256, Algorithm::ES256, Algorithm::HS256];

/// The JWKS as sent, keys this crate cannot read skipped (a provider may publish encryption
/// keys or curves we do not use).
#[derive(Deserialize)]
struct LenientJwks {
    keys: Vec<Value>,
}

fn seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

impl Oidc {
    /// Validates an id token: the signature, `iss` (the issuer), `aud` (the client id, or the
    /// checks' audience) and `azp`, `exp` / `nbf` / `iat` with the clock skew, then the checks'
    /// nonce and `at_hash`.
    pub async fn validate_id_token(
        &self,
        id_token: &str,
        checks: &IdTokenChecks,
    ) -> Result<IdTokenClaims, OidcError> {
        let claims = self.verify(id_token, checks).await?;
        if let Some(nonce) = &checks.nonce
            && claims.get("nonce").and_then(Value::as_str) != Some(nonce)
        {
            return Err(TokenError::WrongNonce.into());
        }
        if let (Some(expected), Some(at_hash)) = (&checks.access_token_hash, claims.get("at_hash"))
            && at_hash.as_str() != Some(expected)
        {
            return Err(TokenError::WrongAccessTokenHash.into());
        }
        if !claims.contains_key("iat") {
            return Err(TokenError::MissingClaim("iat").into());
        }
        if !claims.get("sub").is_some_and(Value::is_string) {
            return Err(TokenError::MissingClaim("sub").into());
        }
        serde_json::from_value(Value::Object(claims))
            .map_err(|error| TokenError::Malformed(format!("claims: {error}")).into())
    }

    /// Validates a JWT access token (Authing issues them): the signature, `iss`, `aud` (the
    /// client id, or the checks' audience), `exp` / `nbf` / `iat`. Returns its claims.
    pub async fn validate_access_token(
        &self,
        access_token: &str,
        checks: &IdTokenChecks,
    ) -> Result<Map<String, Value>, OidcError> {
        self.verify(access_token, checks).await
    }

    /// The signature and the claims every token has.
    async fn verify(
        &self,
        token: &str,
        checks: &IdTokenChecks,
    ) -> Result<Map<String, Value>, OidcError> {
        let inner = &*self.inner;
        let header = jsonwebtoken::decode_header(token)
            .map_err(|error| TokenError::Malformed(error.to_string()))?;
        let alg = header.alg;
        let accepted = match inner.id_token_alg {
            Some(only) => alg == only,
            None => ACCEPTED.contains(&alg),
        };
        if !accepted {
            return Err(TokenError::UnsupportedAlgorithm(format!("{alg:?}")).into());
        }
        let key = if alg == Algorithm::HS256 {
            let secret = inner
                .client_secret
                .as_ref()
                .ok_or_else(|| TokenError::UnsupportedAlgorithm(format!("{alg:?}")))?;
            DecodingKey::from_secret(secret.expose().as_bytes())
        } else {
            self.key(alg, header.kid.as_deref()).await?
        };
        let mut validation = Validation::new(alg);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation).map_err(
            |error| {
                use jsonwebtoken::errors::ErrorKind;
                match error.kind() {
                    ErrorKind::InvalidSignature => TokenError::InvalidSignature,
                    ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                        TokenError::UnsupportedAlgorithm(format!("{alg:?}"))
                    }
                    _ => TokenError::Malformed(error.to_string()),
                }
            },
        )?;
        let claims = data.claims;
        self.check_claims(&claims, checks)?;
        Ok(claims)
    }

    fn check_claims(
        &self,
        claims: &Map<String, Value>,
        checks: &IdTokenChecks,
    ) -> Result<(), TokenError> {
        let inner = &*self.inner;
        let iss = claims.get("iss").and_then(Value::as_str);
        if iss.map(|iss| iss.trim_end_matches('/')) != Some(inner.issuer.as_str()) {
            return Err(TokenError::WrongIssuer {
                expected: inner.issuer.clone(),
                found: iss.map(str::to_owned),
            });
        }
        let expected = checks.audience.as_deref().unwrap_or(&inner.client_id);
        let audiences: Vec<&str> = match claims.get("aud") {
            Some(Value::String(one)) => vec![one.as_str()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
            _ => return Err(TokenError::MissingClaim("aud")),
        };
        if !audiences.contains(&expected) {
            return Err(TokenError::WrongAudience {
                expected: expected.to_owned(),
            });
        }
        if audiences.len() > 1
            && claims.get("azp").and_then(Value::as_str) != Some(inner.client_id.as_str())
        {
            return Err(TokenError::WrongAuthorizedParty {
                expected: inner.client_id.clone(),
            });
        }
        let now = seconds(checks.now.unwrap_or_else(SystemTime::now));
        let skew = inner.clock_skew.as_secs();
        let skew_i = i64::try_from(skew).unwrap_or(i64::MAX);
        let time = |name: &'static str| match claims.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .or_else(|| value.as_f64().map(|f| f as i64))
                .map(Some)
                .ok_or(TokenError::MissingClaim(name)),
        };
        let exp = time("exp")?.ok_or(TokenError::MissingClaim("exp"))?;
        if now > exp.saturating_add(skew_i) {
            return Err(TokenError::Expired { exp, now, skew });
        }
        if let Some(nbf) = time("nbf")?
            && nbf > now.saturating_add(skew_i)
        {
            return Err(TokenError::NotYetValid { nbf, now });
        }
        if let Some(iat) = time("iat")?
            && iat > now.saturating_add(skew_i)
        {
            return Err(TokenError::IssuedInFuture { iat, now });
        }
        Ok(())
    }

    /// The provider's key for `alg` and `kid`: from the cached JWKS, or from a fresh one when
    /// the cache has none (first use) or lacks `kid` (a rotation since) and the last such
    /// refetch is older than the cooldown. Concurrent callers wait for one fetch.
    async fn key(&self, alg: Algorithm, kid: Option<&str>) -> Result<DecodingKey, OidcError> {
        if let Some(jwks) = self.cached_jwks()
            && let Some(key) = pick(&jwks, alg, kid)
        {
            return decoding_key(key);
        }
        let mut last_refetch = self.inner.jwks_refetch.lock().await;
        // Fetched by another caller while this one waited?
        let cached = self.cached_jwks();
        if let Some(jwks) = &cached {
            if let Some(key) = pick(jwks, alg, kid) {
                return decoding_key(key);
            }
            let cooldown = self.inner.jwks_refetch_cooldown;
            if last_refetch.is_some_and(|at| at.elapsed() < cooldown) {
                return Err(TokenError::UnknownKey(kid.map(str::to_owned)).into());
            }
        }
        let jwks = self.fetch_jwks_now().await?;
        let key = pick(&jwks, alg, kid);
        // The first fetch finding the token's key does not start the cooldown (a rotation
        // soon after may still fetch); any fetch for a missing key does.
        if cached.is_some() || key.is_none() {
            *last_refetch = Some(Instant::now());
        }
        match key {
            Some(key) => decoding_key(key),
            None => Err(TokenError::UnknownKey(kid.map(str::to_owned)).into()),
        }
    }

    fn cached_jwks(&self) -> Option<Arc<JwkSet>> {
        self.inner.jwks.lock().ok().and_then(|jwks| jwks.clone())
    }

    /// Fetches the provider's JWKS and caches it (a fetch asked for by hand does not count
    /// against the unknown-`kid` cooldown).
    pub async fn fetch_jwks(&self) -> Result<Arc<JwkSet>, OidcError> {
        let _fetching = self.inner.jwks_refetch.lock().await;
        self.fetch_jwks_now().await
    }

    async fn fetch_jwks_now(&self) -> Result<Arc<JwkSet>, OidcError> {
        let url = self.endpoint("jwks_uri", |m| m.jwks_uri.as_ref()).await?;
        let lenient: LenientJwks = self.get("jwks_uri", &url, None).await?;
        let keys = lenient
            .keys
            .into_iter()
            .filter_map(|key| serde_json::from_value::<Jwk>(key).ok())
            .collect();
        let jwks = Arc::new(JwkSet { keys });
        if let Ok(mut cache) = self.inner.jwks.lock() {
            *cache = Some(Arc::clone(&jwks));
        }
        Ok(jwks)
    }
}

/// The key of `jwks` for `alg` with `kid` (without a `kid`, the only key of the right type).
fn pick<'a>(jwks: &'a JwkSet, alg: Algorithm, kid: Option<&str>) -> Option<&'a Jwk> {
    let fits = |key: &&Jwk| {
        let family = match &key.algorithm {
            AlgorithmParameters::RSA(_) => alg == Algorithm::RS256,
            AlgorithmParameters::EllipticCurve(_) => alg == Algorithm::ES256,
            _ => false,
        };
        let declared = key
            .common
            .key_algorithm
            .is_none_or(|declared| format!("{declared:?}") == format!("{alg:?}"));
        family && declared
    };
    match kid {
        Some(kid) => jwks
            .keys
            .iter()
            .filter(fits)
            .find(|key| key.common.key_id.as_deref() == Some(kid)),
        None => {
            let mut candidates = jwks.keys.iter().filter(fits);
            let only = candidates.next();
            if candidates.next().is_some() {
                None
            } else {
                only
            }
        }
    }
}

fn decoding_key(jwk: &Jwk) -> Result<DecodingKey, OidcError> {
    DecodingKey::from_jwk(jwk)
        .map_err(|error| TokenError::Malformed(format!("the provider's key: {error}")).into())
}

#[cfg(test)]
mod tests {
    use super::at_hash;

    #[test]
    fn at_hash_is_the_left_half_of_sha_256() {
        // `printf %s TOKEN | openssl dgst -sha256 -binary | head -c16 | base64`, base64url.
        assert_eq!(
            at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNkzXBN0WJaHt9uuxngnPs64"),
            "AVja8UYZiFNjubq9jGr-xQ"
        );
    }
}
