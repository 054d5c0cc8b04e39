//! [`OidcError`]: every way a protocol call or check fails, one variant each, never holding a
//! token, code, secret or verifier.

use crate::runtime::Error;

/// A failure of the OpenID Connect / OAuth 2.0 layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OidcError {
    /// The HTTP call failed (connection, timeout, a body that is not the expected JSON, an HTTP
    /// error without an RFC 6749 error body).
    #[error(transparent)]
    Http(#[from] Error),
    /// The provider answered with an RFC 6749 error (`{"error": ..., "error_description": ...}`),
    /// on an endpoint or in the redirect back to the app.
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    /// The provider's configuration (`/.well-known/openid-configuration`) cannot be used.
    #[error("discovery: {0}")]
    Discovery(String),
    /// The provider's configuration lacks the endpoint this call needs.
    #[error("the provider publishes no `{0}`")]
    MissingEndpoint(&'static str),
    /// An endpoint of the provider's configuration is on another origin than the issuer; no
    /// credential is sent there.
    #[error("`{endpoint}` is not on the issuer's origin ({issuer_origin}); nothing is sent there")]
    ForeignEndpoint {
        /// The configuration field (`token_endpoint`, ...).
        endpoint: &'static str,
        /// The issuer's origin.
        issuer_origin: String,
    },
    /// The callback cannot be used: no code, another state than the one sent (a forged or
    /// replayed callback), or the `iss` of another provider (a mix-up).
    #[error("callback: {0}")]
    Callback(CallbackError),
    /// The id token or access token failed local validation.
    #[error("token validation: {0}")]
    Token(#[from] TokenError),
    /// The token response has no id token although `openid` was asked for.
    #[error("the token response has no id_token")]
    MissingIdToken,
}

/// What is wrong with the redirect back to the app.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The URL cannot be parsed.
    #[error("the callback URL is not a URL")]
    NotAUrl,
    /// No `code` parameter (and no `error`).
    #[error("no `code` parameter")]
    MissingCode,
    /// The `state` parameter is missing or is not the one sent with the authorization request.
    #[error("the `state` parameter does not match the authorization request's")]
    StateMismatch,
    /// The `iss` parameter (RFC 9207) names another issuer.
    #[error("the `iss` parameter names another issuer")]
    IssuerMismatch,
}

impl From<CallbackError> for OidcError {
    fn from(error: CallbackError) -> Self {
        OidcError::Callback(error)
    }
}

/// An RFC 6749 error (section 4.1.2.1 for the redirect, 5.2 for the token endpoint; RFC 7009,
/// RFC 7662 and OpenID Connect reuse it).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}{}", description.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
#[non_exhaustive]
pub struct OAuthError {
    /// The `error` code.
    pub code: OAuthErrorCode,
    /// `error_description`, when given.
    pub description: Option<String>,
    /// `error_uri`, when given.
    pub uri: Option<String>,
}

/// The `error` codes of RFC 6749 and OpenID Connect Core 3.1.2.6; any other is kept as
/// [`Other`](Self::Other).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuthErrorCode {
    /// The user (or the provider) denied the request.
    AccessDenied,
    /// A parameter is missing, repeated or malformed.
    InvalidRequest,
    /// Client authentication failed.
    InvalidClient,
    /// The code, refresh token or credentials are invalid, expired or revoked.
    InvalidGrant,
    /// The client may not use this grant or response type.
    UnauthorizedClient,
    /// The grant type is not supported.
    UnsupportedGrantType,
    /// The response type is not supported.
    UnsupportedResponseType,
    /// The requested scope is invalid or exceeds what was granted.
    InvalidScope,
    /// The provider failed.
    ServerError,
    /// The provider is temporarily unavailable.
    TemporarilyUnavailable,
    /// `prompt=none` and the user must sign in.
    LoginRequired,
    /// `prompt=none` and the user must consent.
    ConsentRequired,
    /// `prompt=none` and the provider needs an interaction.
    InteractionRequired,
    /// The token type is not supported (RFC 7009).
    UnsupportedTokenType,
    /// Another code.
    Other(String),
}

impl OAuthErrorCode {
    /// The code as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthErrorCode::AccessDenied => "access_denied",
            OAuthErrorCode::InvalidRequest => "invalid_request",
            OAuthErrorCode::InvalidClient => "invalid_client",
            OAuthErrorCode::InvalidGrant => "invalid_grant",
            OAuthErrorCode::UnauthorizedClient => "unauthorized_client",
            OAuthErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            OAuthErrorCode::UnsupportedResponseType => "unsupported_response_type",
            OAuthErrorCode::InvalidScope => "invalid_scope",
            OAuthErrorCode::ServerError => "server_error",
            OAuthErrorCode::TemporarilyUnavailable => "temporarily_unavailable",
            OAuthErrorCode::LoginRequired => "login_required",
            OAuthErrorCode::ConsentRequired => "consent_required",
            OAuthErrorCode::InteractionRequired => "interaction_required",
            OAuthErrorCode::UnsupportedTokenType => "unsupported_token_type",
            OAuthErrorCode::Other(code) => code,
        }
    }

    /// The code named `code`.
    pub fn parse(code: &str) -> Self {
        const KNOWN: [OAuthErrorCode; 14] = [
            OAuthErrorCode::AccessDenied,
            OAuthErrorCode::InvalidRequest,
            OAuthErrorCode::InvalidClient,
            OAuthErrorCode::InvalidGrant,
            OAuthErrorCode::UnauthorizedClient,
            OAuthErrorCode::UnsupportedGrantType,
            OAuthErrorCode::UnsupportedResponseType,
            OAuthErrorCode::InvalidScope,
            OAuthErrorCode::ServerError,
            OAuthErrorCode::TemporarilyUnavailable,
            OAuthErrorCode::LoginRequired,
            OAuthErrorCode::ConsentRequired,
            OAuthErrorCode::InteractionRequired,
            OAuthErrorCode::UnsupportedTokenType,
        ];
        KNOWN
            .into_iter()
            .find(|known| known.as_str() == code)
            .unwrap_or_else(|| OAuthErrorCode::Other(code.to_owned()))
    }
}

impl std::fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The RFC 6749 error (`{"error", "error_description"}`) a protocol endpoint answered, when
    /// this is an HTTP error whose body is one: the generated `x-protocol` methods (`oidc_token`,
    /// `oauth_introspect_token`, ...) fail with [`Error::Http`], the body kept.
    pub fn oauth_error(&self) -> Option<OAuthError> {
        match self {
            Error::Http(error) => OAuthError::from_body(error.body.as_bytes()),
            _ => None,
        }
    }
}

impl OAuthError {
    /// The error of an RFC 6749 error body, if `body` is one.
    pub(crate) fn from_body(body: &[u8]) -> Option<Self> {
        #[derive(serde::Deserialize)]
        struct Wire {
            error: String,
            error_description: Option<String>,
            error_uri: Option<String>,
        }
        let wire: Wire = serde_json::from_slice(body).ok()?;
        Some(OAuthError {
            code: OAuthErrorCode::parse(&wire.error),
            description: wire.error_description,
            uri: wire.error_uri,
        })
    }
}

/// Why a token was rejected by local validation. Each check has its own variant, so callers
/// can tell an expired session from an attack.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Not a compact JWS (three base64url parts with a JSON header and payload).
    #[error("not a well-formed JWT: {0}")]
    Malformed(String),
    /// The header's `alg` is not one this client accepts (RS256, ES256, HS256 with an app
    /// secret, or the one configured).
    #[error("algorithm {0} is not accepted")]
    UnsupportedAlgorithm(String),
    /// No key of the provider's JWKS has the token's `kid`, even after fetching the JWKS again.
    #[error("no key of the provider's JWKS has kid {0:?}")]
    UnknownKey(Option<String>),
    /// The signature does not verify: the token was altered or signed by someone else.
    #[error("the signature does not verify")]
    InvalidSignature,
    /// `iss` is not the issuer.
    #[error("iss is {found:?}, expected {expected:?}")]
    WrongIssuer {
        /// The expected issuer.
        expected: String,
        /// The token's `iss`.
        found: Option<String>,
    },
    /// `aud` does not contain the client id (or the expected audience).
    #[error("aud does not contain {expected:?}")]
    WrongAudience {
        /// The expected audience.
        expected: String,
    },
    /// `aud` has several values and `azp` is not the client id (OpenID Connect Core 3.1.3.7).
    #[error("azp is not {expected:?}")]
    WrongAuthorizedParty {
        /// The client id.
        expected: String,
    },
    /// `exp` is past (beyond the clock skew).
    #[error("expired at {exp} (now {now}, skew {skew}s)")]
    Expired {
        /// The token's `exp` (seconds since the epoch).
        exp: i64,
        /// The time of validation.
        now: i64,
        /// The allowed clock skew, in seconds.
        skew: u64,
    },
    /// `nbf` is in the future (beyond the clock skew).
    #[error("not valid before {nbf} (now {now})")]
    NotYetValid {
        /// The token's `nbf`.
        nbf: i64,
        /// The time of validation.
        now: i64,
    },
    /// `iat` is in the future (beyond the clock skew).
    #[error("issued in the future, at {iat} (now {now})")]
    IssuedInFuture {
        /// The token's `iat`.
        iat: i64,
        /// The time of validation.
        now: i64,
    },
    /// A claim the check needs is absent or has the wrong type.
    #[error("claim `{0}` is missing or invalid")]
    MissingClaim(&'static str),
    /// `nonce` is not the one sent with the authorization request (a replayed token).
    #[error("the nonce does not match the authorization request's")]
    WrongNonce,
    /// `at_hash` does not match the access token issued with the id token.
    #[error("at_hash does not match the access token")]
    WrongAccessTokenHash,
}
