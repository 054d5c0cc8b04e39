//! [`ManagementClient`]: the administrator's client for the management API, with its builder.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::SystemTime;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::json;
use tracing::Instrument as _;

use super::headers::bearer;
use super::management_token::{ManagementToken, TOKEN_PATH, TokenCache};
use super::signing::{Signer, nonce};
use super::{Brand, CommonSettings, Core, common_setters, required};
use crate::runtime::host::BaseUrl;
use crate::runtime::transport::request_span;
use crate::runtime::{ApiClient, ConfigError, Error, Method, Request, Secret};

const CLIENT: &str = "ManagementClient";

/// The client of the management API: users, roles, apps, organisations... (methods generated
/// from the spec), authenticated by an access key.
///
/// By default the access key is exchanged for a management token on the first call; the token
/// is cached until shortly before it expires and shared by all clones and concurrent calls.
/// With [`ManagementAuthMethod::Signature`] every request is signed with the access key
/// instead, as the node SDK does. Cheap to clone.
///
/// ```no_run
/// # fn main() -> Result<(), authing::Error> {
/// let client = authing::ManagementClient::builder()
///     .access_key_id("AUTHING_ACCESS_KEY_ID")
///     .access_key_secret("AUTHING_ACCESS_KEY_SECRET")
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ManagementClient {
    shared: Arc<Shared>,
}

struct Shared {
    core: Core,
    access_key_id: String,
    access_key_secret: Secret,
    brand: Brand,
    tokens: TokenCache,
    /// Set when requests are signed instead of carrying a management token.
    signer: Option<Signer>,
}

/// How a [`ManagementClient`] authenticates its requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ManagementAuthMethod {
    /// `authorization: Bearer <management token>`: the access key is exchanged at
    /// `POST /api/v3/get-management-token` and the token cached.
    #[default]
    ManagementToken,
    /// Every request signed with the access key (HMAC-SHA1 over the method, the brand's
    /// headers, `date` and the path with its sorted parameters), as the node SDK does; no token
    /// is fetched.
    Signature,
}

impl ManagementClient {
    /// Starts configuring a client.
    pub fn builder() -> ManagementClientBuilder {
        ManagementClientBuilder::default()
    }

    /// The brand the client was built for.
    pub fn brand(&self) -> Brand {
        self.shared.brand
    }

    /// The API host requests go to (normalised).
    pub fn host(&self) -> &str {
        self.shared.core.host.as_str()
    }

    /// The current management token: cached, or fetched with the access key.
    async fn management_token(&self) -> Result<Secret, Error> {
        let shared = &*self.shared;
        let fetch = async {
            let request = Request::new(Method::POST, TOKEN_PATH)
                .operation_id("getManagementToken")
                .json(&json!({
                    "accessKeyId": shared.access_key_id,
                    "accessKeySecret": shared.access_key_secret.expose(),
                }));
            let span = request_span(&request);
            shared
                .core
                .send::<ManagementToken>(request, None)
                .instrument(span)
                .await
        };
        shared.tokens.get(fetch).await
    }

    async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        if let Some(signer) = &self.shared.signer {
            let finish = |outgoing: &mut _| signer.sign(outgoing, SystemTime::now(), &nonce());
            return self.shared.core.send_with(request, None, finish).await;
        }
        if request.path_template == TOKEN_PATH {
            return self.shared.core.send(request, None).await;
        }
        let token = self.management_token().await?;
        let authorization = bearer(&token).ok_or_else(|| Error::InvalidRequest {
            operation: request.operation(),
            reason: "the management token cannot be sent as an HTTP header value".to_owned(),
        })?;
        let error = match self.shared.core.send(request, Some(authorization)).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let rejected = match &error {
            Error::Api(error) => error.status_code == 401,
            Error::Http(error) => error.status == StatusCode::UNAUTHORIZED,
            _ => false,
        };
        if rejected {
            // Revoked or expired early: the next call fetches a new token.
            self.shared.tokens.invalidate(&token).await;
        }
        Err(error)
    }
}

impl ApiClient for ManagementClient {
    fn execute<T: DeserializeOwned>(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<T, Error>> + Send {
        let span = request_span(&req);
        self.send(req).instrument(span)
    }
}

impl fmt::Debug for ManagementClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &*self.shared;
        f.debug_struct("ManagementClient")
            .field("access_key_id", &shared.access_key_id)
            .field("access_key_secret", &shared.access_key_secret)
            .field("host", &shared.core.host.as_str())
            .field("brand", &shared.brand)
            .field("signed", &shared.signer.is_some())
            .finish_non_exhaustive()
    }
}

/// Configures a [`ManagementClient`]; [`build`](Self::build) validates it.
#[derive(Debug, Default)]
pub struct ManagementClientBuilder {
    access_key_id: Option<String>,
    access_key_secret: Option<Secret>,
    host: Option<String>,
    user_pool_id: Option<String>,
    auth_method: ManagementAuthMethod,
    common: CommonSettings,
}

common_setters!(ManagementClientBuilder);

impl ManagementClientBuilder {
    /// The access key id: the user pool id, or a collaborator's key id. Required.
    pub fn access_key_id(mut self, access_key_id: impl Into<String>) -> Self {
        self.access_key_id = Some(access_key_id.into());
        self
    }

    /// The access key secret: the user pool secret, or a collaborator's key secret. Required.
    pub fn access_key_secret(mut self, access_key_secret: impl Into<Secret>) -> Self {
        self.access_key_secret = Some(access_key_secret.into());
        self
    }

    /// The API host, for private deployments (default: the brand's, [`Brand::api_host`]).
    /// Normalised like [`AuthenticationClientBuilder::app_host`](crate::AuthenticationClientBuilder::app_host).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// The user pool the calls address (header `x-*-userpool-id`), for keys that reach more
    /// than one pool.
    pub fn user_pool_id(mut self, user_pool_id: impl Into<String>) -> Self {
        self.user_pool_id = Some(user_pool_id.into());
        self
    }

    /// How requests are authenticated (default: a cached management token).
    pub fn auth_method(mut self, auth_method: ManagementAuthMethod) -> Self {
        self.auth_method = auth_method;
        self
    }

    /// Validates the configuration and creates the client.
    pub fn build(self) -> Result<ManagementClient, ConfigError> {
        let access_key_id = required(CLIENT, "access_key_id", self.access_key_id)?;
        let access_key_secret = self
            .access_key_secret
            .filter(|secret| !secret.is_blank())
            .ok_or(ConfigError::Missing {
                client: CLIENT,
                field: "access_key_secret",
            })?;
        let brand = self.common.brand;
        let host = BaseUrl::parse(
            CLIENT,
            "host",
            self.host.as_deref().unwrap_or(brand.api_host()),
        )?;
        let core_host = BaseUrl::parse(CLIENT, "host", brand.core_host())?;
        let user_pool = ("userpool-id", "user_pool_id", self.user_pool_id.as_deref());
        let core = Core::new(CLIENT, self.common, host, core_host, user_pool)?;
        let tokens = TokenCache::default();
        let signer = (self.auth_method == ManagementAuthMethod::Signature)
            .then(|| Signer::new(access_key_id.clone(), access_key_secret.clone(), brand));
        let shared = Shared {
            core,
            access_key_id,
            access_key_secret,
            brand,
            tokens,
            signer,
        };
        Ok(ManagementClient {
            shared: Arc::new(shared),
        })
    }
}

#[cfg(feature = "events")]
impl ManagementClient {
    /// The `authorization` of the event socket's handshake: the access key's signature of the
    /// string to sign of method `websocket` without headers or path, as the node SDK's `sub`
    /// sends it.
    pub(crate) fn event_socket_authorization(&self) -> Secret {
        use super::signing::{scheme, signature, string_to_sign};
        let shared = &*self.shared;
        let prefix = shared.brand.header_prefix();
        let text = string_to_sign(
            "websocket",
            "",
            &reqwest::header::HeaderMap::new(),
            prefix,
            Vec::new(),
        );
        let signature = signature(&shared.access_key_secret, &text);
        Secret::new(format!(
            "{} {}:{signature}",
            scheme(shared.brand),
            shared.access_key_id
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{ManagementClient, ManagementClientBuilder};
    use crate::runtime::authing::Brand;

    fn valid() -> ManagementClientBuilder {
        ManagementClient::builder()
            .access_key_id("ak")
            .access_key_secret("sk")
    }

    /// Builds `builder`: the normalised host, or the error message.
    #[track_caller]
    fn check(builder: ManagementClientBuilder, expected: Result<&str, &str>) {
        let actual = builder
            .build()
            .map(|client| client.host().to_owned())
            .map_err(|error| error.to_string());
        assert_eq!(actual.as_deref().map_err(String::as_str), expected);
    }

    #[test]
    fn builds_validate_and_default_the_host_by_brand() {
        check(valid(), Ok("https://api.authing.cn"));
        check(valid().brand(Brand::GenAuth), Ok("https://api.genauth.ai"));
        check(
            valid().host("authing.example.com/"),
            Ok("https://authing.example.com"),
        );
        check(
            valid().host("http://localhost:8080"),
            Ok("http://localhost:8080"),
        );
        check(
            ManagementClient::builder().access_key_secret("sk"),
            Err("ManagementClient: `access_key_id` is required"),
        );
        check(
            ManagementClient::builder().access_key_id("ak"),
            Err("ManagementClient: `access_key_secret` is required"),
        );
        check(
            valid().access_key_secret(""),
            Err("ManagementClient: `access_key_secret` is required"),
        );
        check(
            valid().user_pool_id("p\n"),
            Err("ManagementClient: `user_pool_id` cannot be sent as an HTTP header value"),
        );
    }
}
