//! The provider's configuration (OpenID Connect Discovery 1.0): fetched once from
//! `{issuer}/.well-known/openid-configuration`, checked, and cached for the life of the client.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Oidc, OidcError};

/// The fields of the provider's configuration this client uses; the rest is kept in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderMetadata {
    /// The issuer; must be the configured one.
    pub issuer: String,
    /// Where the browser is sent to sign in.
    pub authorization_endpoint: String,
    /// Where codes and refresh tokens are exchanged.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// The user's claims.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    /// The provider's signing keys.
    #[serde(default)]
    pub jwks_uri: Option<String>,
    /// RFC 7009 token revocation.
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// RFC 7662 token introspection.
    #[serde(default)]
    pub introspection_endpoint: Option<String>,
    /// RP-initiated logout.
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    /// The algorithms the provider signs id tokens with.
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Vec<String>,
    /// The PKCE methods the provider supports.
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    /// Whether callbacks carry `iss` (RFC 9207).
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ProviderMetadata {
    /// The configuration of a plain OAuth 2.0 server given by hand: its issuer (the base its
    /// endpoints are on) and authorization endpoint; set the others as fields.
    pub fn new(issuer: impl Into<String>, authorization_endpoint: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            authorization_endpoint: authorization_endpoint.into(),
            ..Self::default()
        }
    }

    /// The endpoints by configuration field name, for the origin check.
    fn endpoints(&self) -> [(&'static str, Option<&str>); 7] {
        [
            (
                "authorization_endpoint",
                Some(self.authorization_endpoint.as_str()),
            ),
            ("token_endpoint", self.token_endpoint.as_deref()),
            ("userinfo_endpoint", self.userinfo_endpoint.as_deref()),
            ("jwks_uri", self.jwks_uri.as_deref()),
            ("revocation_endpoint", self.revocation_endpoint.as_deref()),
            (
                "introspection_endpoint",
                self.introspection_endpoint.as_deref(),
            ),
            ("end_session_endpoint", self.end_session_endpoint.as_deref()),
        ]
    }
}

/// `metadata`, once its issuer is `issuer` (Discovery 4.3: a configuration for another issuer
/// is an impersonation) and every endpoint is on `origin`.
pub(crate) fn checked(
    metadata: ProviderMetadata,
    issuer: &str,
    origin: &str,
) -> Result<ProviderMetadata, OidcError> {
    if metadata.issuer.trim_end_matches('/') != issuer {
        return Err(OidcError::Discovery(format!(
            "the configuration is for issuer {:?}, not {issuer:?}",
            metadata.issuer
        )));
    }
    for (endpoint, url) in metadata.endpoints() {
        let Some(url) = url else { continue };
        let same =
            reqwest::Url::parse(url).is_ok_and(|url| url.origin().ascii_serialization() == origin);
        if !same {
            return Err(OidcError::ForeignEndpoint {
                endpoint,
                issuer_origin: origin.to_owned(),
            });
        }
    }
    Ok(metadata)
}

impl Oidc {
    /// The provider's configuration: fetched on first use, then cached (concurrent first calls
    /// share one fetch; a failed fetch is retried on the next call).
    pub async fn metadata(&self) -> Result<Arc<ProviderMetadata>, OidcError> {
        let inner = &*self.inner;
        inner
            .metadata
            .get_or_try_init(|| async {
                let url = format!("{}/.well-known/openid-configuration", inner.issuer);
                let metadata: ProviderMetadata =
                    self.get("openid-configuration", &url, None).await?;
                checked(metadata, &inner.issuer, &inner.origin).map(Arc::new)
            })
            .await
            .cloned()
    }

    /// The configured URL of `endpoint`, or the error saying the provider has none.
    pub(crate) async fn endpoint(
        &self,
        endpoint: &'static str,
        pick: impl FnOnce(&ProviderMetadata) -> Option<&String>,
    ) -> Result<String, OidcError> {
        let metadata = self.metadata().await?;
        pick(&metadata)
            .cloned()
            .ok_or(OidcError::MissingEndpoint(endpoint))
    }
}
