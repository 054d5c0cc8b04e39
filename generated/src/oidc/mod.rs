//! OpenID Connect and OAuth 2.0 for an app: the browser login most web and mobile apps use,
//! written on the client's transport, with the JOSE work done by `jsonwebtoken`.
//!
//! [`Oidc`] (from [`AuthenticationClient::oidc`](crate::AuthenticationClient::oidc)) is the
//! app as an OpenID Connect relying party of one issuer (Authing's is `{app_host}/oidc`; any
//! certified provider works):
//!
//! - [`discovery`]: the issuer's configuration, fetched once and cached;
//! - [`authorize`]: the authorization URL (state, nonce, PKCE S256, prompt, `response_mode`) and
//!   the callback (state, `iss`, RFC 6749 errors);
//! - [`tokens`]: code for tokens, refresh, client credentials, revocation, introspection,
//!   userinfo and the end-session (logout) URL, each token call authenticated with the app's
//!   [`TokenEndpointAuthMethod`] (`none` still sends `client_id`);
//! - [`validation`]: id tokens and JWT access tokens checked locally against the provider's
//!   JWKS (cached, fetched again on an unknown `kid` at most once per cooldown) or the app secret (HS256).
//!
//! Credentials (secrets, codes, tokens, the PKCE verifier) are [`Secret`]s, never printed; they
//! go only to endpoints on the issuer's origin ([`OidcError::ForeignEndpoint`] otherwise).

pub mod authorize;
pub mod discovery;
mod error;
pub mod tokens;
pub mod validation;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

pub use authorize::{AuthorizationRequest, Callback, PendingAuthorization};
pub use discovery::ProviderMetadata;
pub use error::{CallbackError, OAuthError, OAuthErrorCode, OidcError, TokenError};
pub use tokens::{Introspection, Login, TokenSet, UserInfo};
pub use validation::{IdTokenChecks, IdTokenClaims};

use crate::runtime::authing::TokenEndpointAuthMethod;
use crate::runtime::redact::raw_body;
use crate::runtime::request::Body;
use crate::runtime::response::decode_json;
use crate::runtime::transport::Transport;
use crate::runtime::{ConfigError, HttpError, Method, Request, Secret};

const CLIENT: &str = "Oidc";

/// The default clock skew allowed when checking `exp`, `nbf` and `iat`.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(60);

/// The default shortest time between two JWKS fetches caused by tokens naming an unknown `kid`.
pub const DEFAULT_JWKS_REFETCH_COOLDOWN: Duration = Duration::from_secs(60);

/// The app as an OpenID Connect / OAuth 2.0 client of one issuer. Cheap to clone; clones share
/// the cached configuration and JWKS.
#[derive(Clone)]
pub struct Oidc {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    issuer: String,
    origin: String,
    client_id: String,
    client_secret: Option<Secret>,
    auth_method: TokenEndpointAuthMethod,
    clock_skew: Duration,
    id_token_alg: Option<jsonwebtoken::Algorithm>,
    metadata: tokio::sync::OnceCell<Arc<ProviderMetadata>>,
    jwks: Mutex<Option<Arc<jsonwebtoken::jwk::JwkSet>>>,
    jwks_refetch_cooldown: Duration,
    /// Held while the JWKS is fetched (concurrent callers share the fetch); when the last
    /// fetch caused by an unknown `kid` was.
    jwks_refetch: tokio::sync::Mutex<Option<std::time::Instant>>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Oidc")
            .field("issuer", &inner.issuer)
            .field("client_id", &inner.client_id)
            .field("client_secret", &inner.client_secret)
            .field("token_endpoint_auth_method", &inner.auth_method)
            .field("clock_skew", &inner.clock_skew)
            .field("jwks_refetch_cooldown", &inner.jwks_refetch_cooldown)
            .finish_non_exhaustive()
    }
}

/// Configures an [`Oidc`]: from [`AuthenticationClient::oidc`](crate::AuthenticationClient::oidc),
/// which gives the transport, app id, app secret and token endpoint auth method.
#[derive(Debug)]
pub struct OidcBuilder {
    transport: Transport,
    issuer: String,
    client_id: String,
    client_secret: Option<Secret>,
    auth_method: TokenEndpointAuthMethod,
    clock_skew: Duration,
    id_token_alg: Option<jsonwebtoken::Algorithm>,
    metadata: Option<ProviderMetadata>,
    jwks_refetch_cooldown: Duration,
}

impl OidcBuilder {
    pub(crate) fn new(
        transport: Transport,
        issuer: String,
        client_id: String,
        client_secret: Option<Secret>,
        auth_method: TokenEndpointAuthMethod,
    ) -> Self {
        Self {
            transport,
            issuer,
            client_id,
            client_secret,
            auth_method,
            clock_skew: DEFAULT_CLOCK_SKEW,
            id_token_alg: None,
            metadata: None,
            jwks_refetch_cooldown: DEFAULT_JWKS_REFETCH_COOLDOWN,
        }
    }

    /// The issuer (default: the app host's `/oidc`, Authing's OpenID Connect issuer). Its
    /// configuration is read from `{issuer}/.well-known/openid-configuration`.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = issuer.into();
        self
    }

    /// The clock skew allowed on `exp`, `nbf` and `iat` (default [`DEFAULT_CLOCK_SKEW`]).
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// The shortest time between two JWKS fetches caused by tokens naming a `kid` the cached
    /// JWKS lacks (default [`DEFAULT_JWKS_REFETCH_COOLDOWN`]): the first such token after a
    /// rotation fetches the new keys; within the cooldown, tokens with other unknown `kid`s
    /// are refused ([`TokenError::UnknownKey`]) without a fetch, so a flood of forged tokens
    /// costs the provider at most one fetch per cooldown.
    pub fn jwks_refetch_cooldown(mut self, cooldown: Duration) -> Self {
        self.jwks_refetch_cooldown = cooldown;
        self
    }

    /// Accept id tokens signed with this algorithm only (the app's
    /// `id_token_signed_response_alg`): `RS256`, `ES256` or `HS256`. Default: any of them
    /// (HS256 only with an app secret).
    pub fn id_token_signed_response_alg(mut self, alg: jsonwebtoken::Algorithm) -> Self {
        self.id_token_alg = Some(alg);
        self
    }

    /// The provider's configuration given by hand instead of discovered: for plain OAuth 2.0
    /// servers without discovery (Authing's `/oauth/*` endpoints, for instance).
    pub fn metadata(mut self, metadata: ProviderMetadata) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Validates the configuration and creates the client.
    pub fn build(self) -> Result<Oidc, ConfigError> {
        let invalid = |reason: &str| ConfigError::InvalidHost {
            client: CLIENT,
            field: "issuer",
            value: self.issuer.clone(),
            reason: reason.to_owned(),
        };
        let url = Url::parse(self.issuer.trim()).map_err(|error| invalid(&error.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(invalid("the issuer must be an http(s) URL with a host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("an issuer has no query or fragment"));
        }
        let issuer = url.as_str().trim_end_matches('/').to_owned();
        let origin = url.origin().ascii_serialization();
        let metadata = tokio::sync::OnceCell::new();
        if let Some(given) = self.metadata {
            let given = discovery::checked(given, &issuer, &origin).map_err(|error| {
                ConfigError::InvalidHost {
                    client: CLIENT,
                    field: "metadata",
                    value: issuer.clone(),
                    reason: error.to_string(),
                }
            })?;
            let _ = metadata.set(Arc::new(given));
        }
        Ok(Oidc {
            inner: Arc::new(Inner {
                transport: self.transport,
                issuer,
                origin,
                client_id: self.client_id,
                client_secret: self.client_secret,
                auth_method: self.auth_method,
                clock_skew: self.clock_skew,
                id_token_alg: self.id_token_alg,
                metadata,
                jwks: Mutex::new(None),
                jwks_refetch_cooldown: self.jwks_refetch_cooldown,
                jwks_refetch: tokio::sync::Mutex::new(None),
            }),
        })
    }
}

impl Oidc {
    /// The issuer, without a trailing `/`.
    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    /// The client id (the app id).
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// `GET url` (the configuration field `endpoint`), with `Authorization: Bearer` when a
    /// token is given, decoding the JSON answer.
    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        url: &str,
        bearer: Option<&Secret>,
    ) -> Result<T, OidcError> {
        let mut request = Request::new(Method::GET, "");
        if let Some(token) = bearer {
            request = request.header("authorization", format!("Bearer {}", token.expose()));
        }
        self.send(endpoint, url, request).await
    }

    /// `POST url` with the form `pairs`, the client authenticated as the app's token endpoint
    /// auth method says when `authenticate`.
    async fn post_form<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        url: &str,
        mut pairs: Vec<(String, String)>,
        authenticate: bool,
    ) -> Result<T, OidcError> {
        let inner = &*self.inner;
        if authenticate && inner.auth_method != TokenEndpointAuthMethod::ClientSecretBasic {
            // `none` identifies the client by `client_id`; `client_secret_post` adds both.
            pairs.push(("client_id".to_owned(), inner.client_id.clone()));
        }
        let mut request = Request::new(Method::POST, "").token_endpoint();
        request.body = Body::Form(pairs);
        if authenticate {
            inner
                .auth_method
                .apply(&mut request, &inner.client_id, inner.client_secret.as_ref());
        }
        self.send(endpoint, url, request).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        url: &str,
        request: Request,
    ) -> Result<T, OidcError> {
        self.same_origin(endpoint, url)?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut outgoing = request.prepare(url, headers)?;
        outgoing.operation.path = endpoint;
        let operation = outgoing.operation.clone();
        let span = tracing::info_span!("authing.oidc", endpoint, status = tracing::field::Empty);
        let response = self.inner.transport.send(outgoing).instrument(span).await?;
        if response.status.is_success() {
            return Ok(decode_json(&operation, response.status, &response.body)?);
        }
        if let Some(error) = OAuthError::from_body(&response.body) {
            return Err(error.into());
        }
        let error = HttpError {
            operation,
            status: response.status,
            body: raw_body(&response.body),
        };
        Err(crate::runtime::Error::from(error).into())
    }

    /// Fails unless `url` is on the issuer's origin (scheme, host and port).
    fn same_origin(&self, endpoint: &'static str, url: &str) -> Result<(), OidcError> {
        let origin = Url::parse(url).map(|url| url.origin().ascii_serialization());
        if origin.as_deref() == Ok(self.inner.origin.as_str()) {
            Ok(())
        } else {
            Err(OidcError::ForeignEndpoint {
                endpoint,
                issuer_origin: self.inner.origin.clone(),
            })
        }
    }
}
