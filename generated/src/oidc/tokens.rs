//! The token endpoint and its companions: code for tokens (the login's end), refresh, client
//! credentials, revocation (RFC 7009), introspection (RFC 7662), userinfo and the end-session
//! (logout) URL.

use std::fmt;

use reqwest::Url;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::validation::{IdTokenChecks, IdTokenClaims};
use super::{Oidc, OidcError, PendingAuthorization};
use crate::runtime::Secret;

/// A token endpoint answer (RFC 6749 5.1, OpenID Connect Core 3.1.3.3).
#[derive(Clone, Deserialize)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token.
    pub access_token: Secret,
    /// `Bearer`, normally.
    pub token_type: String,
    /// Seconds until the access token expires.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// The refresh token; with rotation, each refresh returns a new one and the old one stops
    /// working.
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    /// The id token (OpenID Connect).
    #[serde(default)]
    pub id_token: Option<Secret>,
    /// The granted scopes, when the provider says.
    #[serde(default)]
    pub scope: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &self.refresh_token)
            .field("id_token", &self.id_token)
            .field("scope", &self.scope)
            .finish()
    }
}

/// The end of a login: the tokens, and the id token's validated claims (OpenID Connect).
#[derive(Debug)]
#[non_exhaustive]
pub struct Login {
    /// The tokens.
    pub tokens: TokenSet,
    /// The validated id token claims; `None` for a plain OAuth 2.0 login.
    pub id_token: Option<IdTokenClaims>,
}

/// An introspection answer (RFC 7662 2.2).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct Introspection {
    /// Whether the token is active (not expired, revoked or unknown). Nothing else is
    /// meaningful when it is not.
    pub active: bool,
    /// Its scopes.
    #[serde(default)]
    pub scope: Option<String>,
    /// The client it was issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Its subject.
    #[serde(default)]
    pub sub: Option<String>,
    /// When it expires (seconds since the epoch).
    #[serde(default)]
    pub exp: Option<i64>,
    /// `access_token` or `refresh_token`, when the provider says.
    #[serde(default)]
    pub token_type: Option<String>,
    /// The other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The userinfo answer: `sub` and the claims the scopes granted.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct UserInfo {
    /// The subject; the same as the id token's.
    pub sub: String,
    /// `name`, with scope `profile`.
    #[serde(default)]
    pub name: Option<String>,
    /// `email`, with scope `email`.
    #[serde(default)]
    pub email: Option<String>,
    /// `email_verified`, with scope `email`.
    #[serde(default)]
    pub email_verified: Option<bool>,
    /// `phone_number`, with scope `phone`.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn pairs<const N: usize>(fields: [(&str, &str); N]) -> Vec<(String, String)> {
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

impl Oidc {
    async fn token_endpoint(&self) -> Result<String, OidcError> {
        self.endpoint("token_endpoint", |m| m.token_endpoint.as_ref())
            .await
    }

    /// Exchanges `code` (from [`callback`](Self::callback)) for tokens, with the PKCE
    /// verifier and `redirect_uri` of `pending`.
    pub async fn exchange_code(
        &self,
        pending: &PendingAuthorization,
        code: &Secret,
    ) -> Result<TokenSet, OidcError> {
        let url = self.token_endpoint().await?;
        let form = pairs([
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", pending.redirect_uri()),
            ("code_verifier", pending.code_verifier().expose()),
        ]);
        self.post_form("token_endpoint", &url, form, true).await
    }

    /// The whole return of the browser: checks the callback, exchanges the code and, for an
    /// OpenID Connect request, validates the id token (nonce, `at_hash`).
    pub async fn handle_callback(
        &self,
        pending: &PendingAuthorization,
        callback_url: &str,
    ) -> Result<Login, OidcError> {
        let callback = self.callback(pending, callback_url).await?;
        let tokens = self.exchange_code(pending, &callback.code).await?;
        let id_token = match pending.nonce() {
            None => None,
            Some(nonce) => {
                let id_token = tokens.id_token.as_ref().ok_or(OidcError::MissingIdToken)?;
                let checks = IdTokenChecks::new()
                    .nonce(nonce)
                    .access_token(tokens.access_token.expose());
                Some(self.validate_id_token(id_token.expose(), &checks).await?)
            }
        };
        Ok(Login { tokens, id_token })
    }

    /// New tokens for `refresh_token`. With rotation the answer has a new refresh token, and
    /// the one given is used up.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, OidcError> {
        let url = self.token_endpoint().await?;
        let form = pairs([
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ]);
        self.post_form("token_endpoint", &url, form, true).await
    }

    /// A token for the app itself (machine to machine), with `scope` (space-separated; empty
    /// for the provider's default).
    pub async fn client_credentials(&self, scope: &str) -> Result<TokenSet, OidcError> {
        let url = self.token_endpoint().await?;
        let mut form = pairs([("grant_type", "client_credentials")]);
        if !scope.is_empty() {
            form.push(("scope".to_owned(), scope.to_owned()));
        }
        self.post_form("token_endpoint", &url, form, true).await
    }

    /// Revokes `token` (RFC 7009); `hint` is `access_token` or `refresh_token`, when known.
    /// The provider answers success for unknown tokens too.
    pub async fn revoke(&self, token: &Secret, hint: Option<&str>) -> Result<(), OidcError> {
        let url = self
            .endpoint("revocation_endpoint", |m| m.revocation_endpoint.as_ref())
            .await?;
        let mut form = pairs([("token", token.expose())]);
        if let Some(hint) = hint {
            form.push(("token_type_hint".to_owned(), hint.to_owned()));
        }
        let _: Option<Value> = self
            .post_form("revocation_endpoint", &url, form, true)
            .await?;
        Ok(())
    }

    /// What the provider knows of `token` (RFC 7662): whether it is active, its scopes,
    /// subject and expiry.
    pub async fn introspect(
        &self,
        token: &Secret,
        hint: Option<&str>,
    ) -> Result<Introspection, OidcError> {
        let url = self
            .endpoint("introspection_endpoint", |m| {
                m.introspection_endpoint.as_ref()
            })
            .await?;
        let mut form = pairs([("token", token.expose())]);
        if let Some(hint) = hint {
            form.push(("token_type_hint".to_owned(), hint.to_owned()));
        }
        self.post_form("introspection_endpoint", &url, form, true)
            .await
    }

    /// The signed-in user's claims, for their access token.
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, OidcError> {
        let url = self
            .endpoint("userinfo_endpoint", |m| m.userinfo_endpoint.as_ref())
            .await?;
        self.get("userinfo_endpoint", &url, Some(access_token))
            .await
    }

    /// The URL that signs the user out at the provider (RP-initiated logout):
    /// `id_token_hint` (the id token of the login, recommended), `post_logout_redirect_uri`
    /// (registered for the app) and `state`.
    pub async fn end_session_url(
        &self,
        id_token_hint: Option<&Secret>,
        post_logout_redirect_uri: Option<&str>,
        state: Option<&str>,
    ) -> Result<String, OidcError> {
        let endpoint = self
            .endpoint("end_session_endpoint", |m| m.end_session_endpoint.as_ref())
            .await?;
        let mut url = Url::parse(&endpoint)
            .map_err(|_| OidcError::Discovery("end_session_endpoint is not a URL".to_owned()))?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("client_id", self.client_id());
            if let Some(hint) = id_token_hint {
                query.append_pair("id_token_hint", hint.expose());
            }
            if let Some(uri) = post_logout_redirect_uri {
                query.append_pair("post_logout_redirect_uri", uri);
            }
            if let Some(state) = state {
                query.append_pair("state", state);
            }
        }
        Ok(url.into())
    }
}
