//! The authorization request (the URL the browser is sent to) and the callback (the redirect
//! back to the app): state, nonce and PKCE S256 generated here, checked there.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Url;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{CallbackError, OAuthError, OAuthErrorCode, Oidc, OidcError};
use crate::runtime::Secret;

/// What to ask the provider for; [`Oidc::authorization_url`] turns it into the URL.
#[derive(Clone, Debug)]
pub struct AuthorizationRequest {
    redirect_uri: String,
    scope: String,
    openid: bool,
    response_type: String,
    prompt: Option<String>,
    response_mode: Option<String>,
    extra: Vec<(String, String)>,
}

impl AuthorizationRequest {
    /// An OpenID Connect request (`response_type=code`, scope `openid profile`, a nonce,
    /// PKCE S256) coming back to `redirect_uri`.
    pub fn new(redirect_uri: impl Into<String>) -> Self {
        Self {
            redirect_uri: redirect_uri.into(),
            scope: "openid profile".to_owned(),
            openid: true,
            response_type: "code".to_owned(),
            prompt: None,
            response_mode: None,
            extra: Vec::new(),
        }
    }

    /// A plain OAuth 2.0 request: no nonce and no id token expected; the scope is yours
    /// (default none).
    pub fn oauth2(redirect_uri: impl Into<String>) -> Self {
        Self {
            scope: String::new(),
            openid: false,
            ..Self::new(redirect_uri)
        }
    }

    /// The scopes, space-separated (`openid profile email offline_access`).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// `prompt`: `none`, `login`, `consent`, `select_account`.
    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// `response_mode`: `query` (the default for `code`), `fragment` or `form_post`.
    pub fn response_mode(mut self, mode: impl Into<String>) -> Self {
        self.response_mode = Some(mode.into());
        self
    }

    /// Another parameter (`login_hint`, `ui_locales`, `resource`...).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra.push((name.into(), value.into()));
        self
    }
}

/// What the app keeps between sending the browser away and its return (in the user's
/// session): the state, the nonce and the PKCE verifier. Serializable for session stores;
/// `Debug` shows none of its values.
#[derive(Clone, Serialize, Deserialize)]
pub struct PendingAuthorization {
    state: String,
    nonce: Option<String>,
    #[serde(serialize_with = "expose")]
    code_verifier: Secret,
    redirect_uri: String,
}

fn expose<S: serde::Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.expose())
}

impl fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingAuthorization")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

impl PendingAuthorization {
    /// The `state` sent.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The `nonce` sent (OpenID Connect requests).
    pub fn nonce(&self) -> Option<&str> {
        self.nonce.as_deref()
    }

    /// The `redirect_uri` sent (the code exchange repeats it).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    pub(crate) fn code_verifier(&self) -> &Secret {
        &self.code_verifier
    }
}

/// A callback that passed its checks: the authorization code to exchange.
pub struct Callback {
    /// The authorization code (single use, short-lived).
    pub code: Secret,
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callback")
            .field("code", &self.code)
            .finish()
    }
}

/// 32 random bytes, base64url: 256 bits for state, nonce and the PKCE verifier (43 characters,
/// RFC 7636's minimum length).
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The PKCE S256 challenge of `verifier`: base64url(SHA-256(verifier)).
pub(crate) fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Oidc {
    /// The URL to send the browser to, and what to keep until it comes back.
    pub async fn authorization_url(
        &self,
        request: AuthorizationRequest,
    ) -> Result<(String, PendingAuthorization), OidcError> {
        let metadata = self.metadata().await?;
        let mut url = Url::parse(&metadata.authorization_endpoint)
            .map_err(|_| OidcError::Discovery("authorization_endpoint is not a URL".to_owned()))?;
        let pending = PendingAuthorization {
            state: random_token(),
            nonce: request.openid.then(random_token),
            code_verifier: Secret::new(random_token()),
            redirect_uri: request.redirect_uri,
        };
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("client_id", self.client_id())
                .append_pair("response_type", &request.response_type)
                .append_pair("redirect_uri", &pending.redirect_uri)
                .append_pair("state", &pending.state)
                .append_pair(
                    "code_challenge",
                    &code_challenge(pending.code_verifier.expose()),
                )
                .append_pair("code_challenge_method", "S256");
            if !request.scope.is_empty() {
                query.append_pair("scope", &request.scope);
            }
            if let Some(nonce) = &pending.nonce {
                query.append_pair("nonce", nonce);
            }
            if let Some(prompt) = &request.prompt {
                query.append_pair("prompt", prompt);
            }
            if let Some(mode) = &request.response_mode {
                query.append_pair("response_mode", mode);
            }
            query.extend_pairs(&request.extra);
        }
        Ok((url.into(), pending))
    }

    /// Checks the redirect back to the app (`callback_url` as the browser requested it; with
    /// `response_mode=fragment`, the URL with the fragment the page sent) against `pending`:
    /// the state, the issuer (RFC 9207 `iss`, required when the provider announces it), an
    /// RFC 6749 error ([`OidcError::OAuth`], e.g. `access_denied`), the code.
    pub async fn callback(
        &self,
        pending: &PendingAuthorization,
        callback_url: &str,
    ) -> Result<Callback, OidcError> {
        let url = Url::parse(callback_url).map_err(|_| CallbackError::NotAUrl)?;
        let params = match url.query() {
            Some(query) if !query.is_empty() => query.to_owned(),
            _ => url.fragment().unwrap_or_default().to_owned(),
        };
        self.callback_params(pending, &params).await
    }

    /// [`callback`](Self::callback) for `response_mode=form_post`: the
    /// `application/x-www-form-urlencoded` body the browser posted.
    pub async fn callback_params(
        &self,
        pending: &PendingAuthorization,
        params: &str,
    ) -> Result<Callback, OidcError> {
        let mut state = None;
        let mut iss = None;
        let mut code = None;
        let mut error = None;
        let mut description = None;
        let mut uri = None;
        for (name, value) in form_urlencoded::parse(params.as_bytes()) {
            let slot = match &*name {
                "state" => &mut state,
                "iss" => &mut iss,
                "code" => &mut code,
                "error" => &mut error,
                "error_description" => &mut description,
                "error_uri" => &mut uri,
                _ => continue,
            };
            slot.get_or_insert(value.into_owned());
        }
        if state.as_deref() != Some(pending.state.as_str()) {
            return Err(CallbackError::StateMismatch.into());
        }
        let iss_required = self
            .metadata()
            .await?
            .authorization_response_iss_parameter_supported;
        match iss {
            Some(iss) if iss.trim_end_matches('/') != self.issuer() => {
                return Err(CallbackError::IssuerMismatch.into());
            }
            None if iss_required => return Err(CallbackError::IssuerMismatch.into()),
            _ => {}
        }
        if let Some(error) = error {
            return Err(OAuthError {
                code: OAuthErrorCode::parse(&error),
                description,
                uri,
            }
            .into());
        }
        let code = code.ok_or(CallbackError::MissingCode)?;
        Ok(Callback {
            code: Secret::new(code),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::code_challenge;

    #[test]
    fn the_challenge_is_rfc_7636s() {
        // RFC 7636 appendix B.
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
