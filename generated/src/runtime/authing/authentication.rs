//! [`AuthenticationClient`]: the app's client for the authentication API, with its builder.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use reqwest::header::HeaderValue;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::headers::bearer;
use super::{Brand, CommonSettings, Core, TokenEndpointAuthMethod, common_setters, required};
use crate::runtime::host::BaseUrl;
use crate::runtime::transport::request_span;
use crate::runtime::{ApiClient, ConfigError, Error, Request, Secret};

const CLIENT: &str = "AuthenticationClient";

/// The client of the authentication API, for one app: sign-in, tokens, the signed-in user's
/// profile... (methods generated from the spec), plus the seeds' login flows.
///
/// Cheap to clone (the connection pool is shared). The user's access token belongs to each
/// clone: [`with_access_token`](Self::with_access_token) gives a client for one user without
/// touching the others.
///
/// On the wire: the user's access token goes out as `authorization: Bearer <token>` unless the
/// builder chooses the bare form the node SDK sends ([`UserTokenHeader`]). An array in the
/// query (15 parameters of the spec, e.g. `codeList`) goes out as repeated keys,
/// `codeList=a&codeList=b`: the spec's OpenAPI default (`style: form`, `explode: true`), where
/// the node SDK (axios) writes `codeList[]=a&codeList[]=b`; the API's query parser reads both.
///
/// ```no_run
/// # fn main() -> Result<(), authing::Error> {
/// let client = authing::AuthenticationClient::builder()
///     .app_id("AUTHING_APP_ID")
///     .app_secret("AUTHING_APP_SECRET")
///     .app_host("example.authing.cn")
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AuthenticationClient {
    shared: Arc<Shared>,
    access_token: Option<Secret>,
}

/// What all clones share.
struct Shared {
    core: Core,
    app_id: String,
    app_secret: Option<Secret>,
    auth_method: TokenEndpointAuthMethod,
    user_token_header: UserTokenHeader,
    brand: Brand,
}

/// How the user's access token is written in the `authorization` header of the calls made on
/// their behalf ([`AuthenticationClientBuilder::user_token_header`]).
///
/// The default is [`Bearer`](Self::Bearer): the spec declares the token an HTTP bearer
/// credential (`userAccessToken`), the token endpoints issue it with `token_type: bearer`, and
/// RFC 6750 is what gateways and proxies in front of a private deployment expect. The official
/// node and python SDKs send the token bare on the V3 authentication API; choose
/// [`Bare`](Self::Bare) for a deployment that accepts only that form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UserTokenHeader {
    /// `authorization: Bearer <token>`.
    #[default]
    Bearer,
    /// `authorization: <token>`, as the node and python SDKs send it.
    Bare,
}

impl UserTokenHeader {
    /// The header value for `token` (marked sensitive); `None` when it is not a valid value.
    fn value(self, token: &Secret) -> Option<HeaderValue> {
        match self {
            UserTokenHeader::Bearer => bearer(token),
            UserTokenHeader::Bare => {
                let mut value = HeaderValue::try_from(token.expose()).ok()?;
                value.set_sensitive(true);
                Some(value)
            }
        }
    }
}

impl AuthenticationClient {
    /// Starts configuring a client.
    pub fn builder() -> AuthenticationClientBuilder {
        AuthenticationClientBuilder::default()
    }

    /// The app id.
    pub fn app_id(&self) -> &str {
        &self.shared.app_id
    }

    /// The brand the client was built for.
    pub fn brand(&self) -> Brand {
        self.shared.brand
    }

    /// The app host requests go to (normalised).
    pub fn app_host(&self) -> &str {
        self.shared.core.host.as_str()
    }

    /// The app host, parsed.
    pub(crate) fn app_base(&self) -> &reqwest::Url {
        self.shared.core.host.url()
    }

    /// `segments` under the app host, each percent-encoded as one path segment: the URLs a
    /// browser is sent to (CAS, SAML).
    pub(crate) fn app_url(&self, segments: &[&str]) -> reqwest::Url {
        let mut url = self.app_base().clone();
        // An http(s) URL always has path segments.
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Sets the signed-in user's access token, sent as `authorization: Bearer ...` on the calls
    /// that act as the user.
    pub fn set_access_token(&mut self, access_token: impl Into<Secret>) {
        self.access_token = Some(access_token.into());
    }

    /// Forgets the user's access token.
    pub fn clear_access_token(&mut self) {
        self.access_token = None;
    }

    /// A client for one user: this one with `access_token` (the original is unchanged).
    pub fn with_access_token(&self, access_token: impl Into<Secret>) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            access_token: Some(access_token.into()),
        }
    }

    /// The app as an OpenID Connect / OAuth 2.0 client ([`crate::oidc`]), on this client's
    /// transport, app id, app secret and token endpoint auth method. The issuer defaults to
    /// Authing's, `{app_host}/oidc`.
    pub fn oidc(&self) -> crate::oidc::OidcBuilder {
        let shared = &*self.shared;
        crate::oidc::OidcBuilder::new(
            shared.core.transport().clone(),
            format!("{}/oidc", shared.core.host.as_str()),
            shared.app_id.clone(),
            shared.app_secret.clone(),
            shared.auth_method,
        )
    }

    /// The user's access token, when set.
    #[cfg(feature = "events")]
    pub(crate) fn access_token(&self) -> Option<&Secret> {
        self.access_token.as_ref()
    }

    /// The client's transport, for the protocol layers that read answers other than the
    /// API's (CAS).
    pub(crate) fn transport(&self) -> &crate::runtime::transport::Transport {
        self.shared.core.transport()
    }

    async fn send<T: DeserializeOwned>(&self, mut request: Request) -> Result<T, Error> {
        let shared = &*self.shared;
        if request.token_endpoint {
            shared
                .auth_method
                .apply(&mut request, &shared.app_id, shared.app_secret.as_ref());
        }
        let authorization = match &self.access_token {
            Some(token) if !request.has_header("authorization") => {
                Some(shared.user_token_header.value(token).ok_or_else(|| {
                    Error::InvalidRequest {
                        operation: request.operation(),
                        reason: "the access token cannot be sent as an HTTP header value"
                            .to_owned(),
                    }
                })?)
            }
            _ => None,
        };
        shared.core.send(request, authorization).await
    }
}

impl ApiClient for AuthenticationClient {
    fn execute<T: DeserializeOwned>(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<T, Error>> + Send {
        let span = request_span(&req);
        self.send(req).instrument(span)
    }
}

impl fmt::Debug for AuthenticationClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &*self.shared;
        f.debug_struct("AuthenticationClient")
            .field("app_id", &shared.app_id)
            .field("app_host", &shared.core.host.as_str())
            .field("brand", &shared.brand)
            .field("token_endpoint_auth_method", &shared.auth_method)
            .field("user_token_header", &shared.user_token_header)
            .field("app_secret", &shared.app_secret)
            .field("access_token", &self.access_token)
            .finish_non_exhaustive()
    }
}

/// Configures an [`AuthenticationClient`]; [`build`](Self::build) validates it.
#[derive(Debug, Default)]
pub struct AuthenticationClientBuilder {
    app_id: Option<String>,
    app_secret: Option<Secret>,
    app_host: Option<String>,
    core_host: Option<String>,
    auth_method: TokenEndpointAuthMethod,
    access_token: Option<Secret>,
    user_token_header: UserTokenHeader,
    common: CommonSettings,
}

common_setters!(AuthenticationClientBuilder);

impl AuthenticationClientBuilder {
    /// The app id (console: 应用 ID). Required.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// The app secret (console: 应用密钥). Required unless the token endpoint auth method is
    /// [`None`](TokenEndpointAuthMethod::None).
    pub fn app_secret(mut self, app_secret: impl Into<Secret>) -> Self {
        self.app_secret = Some(app_secret.into());
        self
    }

    /// The app host (console: 认证地址), e.g. `https://example.authing.cn`. Required.
    /// Normalised: `https://` added when there is no scheme, trailing `/` removed; `http://`
    /// kept for local deployments (`http://localhost:3000`).
    pub fn app_host(mut self, app_host: impl Into<String>) -> Self {
        self.app_host = Some(app_host.into());
        self
    }

    /// The host of the legacy "core" endpoints (the mini program ticket exchange). Default:
    /// the brand's ([`Brand::core_host`]).
    pub fn core_host(mut self, core_host: impl Into<String>) -> Self {
        self.core_host = Some(core_host.into());
        self
    }

    /// How the app authenticates on token endpoints (default `client_secret_post`); must match
    /// the app's setting in the console.
    pub fn token_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.auth_method = method;
        self
    }

    /// The signed-in user's access token (can also be set later on the client).
    pub fn access_token(mut self, access_token: impl Into<Secret>) -> Self {
        self.access_token = Some(access_token.into());
        self
    }

    /// How the user's access token is sent (default `authorization: Bearer <token>`; see
    /// [`UserTokenHeader`] for why, and when to choose the bare token).
    pub fn user_token_header(mut self, form: UserTokenHeader) -> Self {
        self.user_token_header = form;
        self
    }

    /// Validates the configuration and creates the client.
    pub fn build(self) -> Result<AuthenticationClient, ConfigError> {
        let app_id = required(CLIENT, "app_id", self.app_id)?;
        let app_secret = self.app_secret.filter(|secret| !secret.is_blank());
        let auth_method = self.auth_method;
        if app_secret.is_none() && auth_method != TokenEndpointAuthMethod::None {
            return Err(ConfigError::MissingAppSecret {
                client: CLIENT,
                method: auth_method.as_str(),
            });
        }
        if let Some(token) = &self.access_token {
            self.user_token_header
                .value(token)
                .ok_or(ConfigError::InvalidHeaderValue {
                    client: CLIENT,
                    field: "access_token",
                })?;
        }
        let brand = self.common.brand;
        let host = BaseUrl::parse(
            CLIENT,
            "app_host",
            self.app_host.as_deref().unwrap_or_default(),
        )?;
        let core_host = self.core_host.as_deref().unwrap_or(brand.core_host());
        let core_host = BaseUrl::parse(CLIENT, "core_host", core_host)?;
        let core = Core::new(
            CLIENT,
            self.common,
            host,
            core_host,
            ("app-id", "app_id", Some(&app_id)),
        )?;
        let shared = Shared {
            core,
            app_id,
            app_secret,
            auth_method,
            user_token_header: self.user_token_header,
            brand,
        };
        Ok(AuthenticationClient {
            shared: Arc::new(shared),
            access_token: self.access_token,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{AuthenticationClient, AuthenticationClientBuilder};
    use crate::runtime::authing::{Brand, Language, TokenEndpointAuthMethod};

    fn valid() -> AuthenticationClientBuilder {
        AuthenticationClient::builder()
            .app_id("app")
            .app_secret("s")
            .app_host("example.authing.cn")
    }

    /// Builds `builder`: the normalised app host, or the error message.
    #[track_caller]
    fn check(builder: AuthenticationClientBuilder, expected: Result<&str, &str>) {
        let actual = builder
            .build()
            .map(|client| client.app_host().to_owned())
            .map_err(|error| error.to_string());
        assert_eq!(actual.as_deref().map_err(String::as_str), expected);
    }

    #[test]
    fn builds_validate_and_normalise() {
        check(valid(), Ok("https://example.authing.cn"));
        check(
            valid().app_host("http://localhost:3000/"),
            Ok("http://localhost:3000"),
        );
        check(
            valid()
                .brand(Brand::GenAuth)
                .language(Language::JaJp)
                .tenant_id("t")
                .timeout(Duration::from_secs(1)),
            Ok("https://example.authing.cn"),
        );
        check(
            valid().app_id("  "),
            Err("AuthenticationClient: `app_id` is required"),
        );
        check(
            AuthenticationClient::builder().app_id("a").app_secret("s"),
            Err("AuthenticationClient: `app_host` is required"),
        );
        check(
            valid().app_host("ftp://example.com"),
            Err(
                r#"AuthenticationClient: `app_host` is not a valid host ("ftp://example.com"): the scheme must be http or https"#,
            ),
        );
        check(
            valid().core_host("https://"),
            Err(
                r#"AuthenticationClient: `core_host` is not a valid host ("https://"): empty host"#,
            ),
        );
        check(
            valid().tenant_id("a\nb"),
            Err("AuthenticationClient: `tenant_id` cannot be sent as an HTTP header value"),
        );
        check(
            valid().app_id("a\u{7f}"),
            Err("AuthenticationClient: `app_id` cannot be sent as an HTTP header value"),
        );
        check(
            valid().access_token("x\r\ny"),
            Err("AuthenticationClient: `access_token` cannot be sent as an HTTP header value"),
        );
        let no_secret = AuthenticationClient::builder()
            .app_id("a")
            .app_host("h.example");
        check(
            no_secret.token_endpoint_auth_method(TokenEndpointAuthMethod::None),
            Ok("https://h.example"),
        );
    }

    #[test]
    fn clones_keep_their_own_access_token() {
        let client = valid().build().unwrap();
        let user = client.with_access_token("t");
        assert!(format!("{client:?}").contains("access_token: None"));
        assert!(format!("{user:?}").contains("access_token: Some(Secret(***))"));
        assert_eq!((user.app_id(), user.brand()), ("app", Brand::Authing));
    }
}
