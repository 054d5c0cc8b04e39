//! The Authing part of the runtime: what the Authing / GenAuth V3 API adds to plain HTTP.
//!
//! - [`Brand`]: header prefix and default hosts of Authing or GenAuth deployments;
//! - the headers every request carries (app id or user pool id, tenant, language, SDK version);
//! - the response envelope `{statusCode, message, apiCode?, requestId?, data}`: methods return
//!   the typed `data` and turn any other `statusCode` into [`ApiError`](crate::runtime::ApiError);
//! - [`AuthenticationClient`]: token endpoint client authentication ([`TokenEndpointAuthMethod`])
//!   and the user's access token;
//! - [`ManagementClient`]: the access key exchanged for a cached management token, or signing
//!   every request ([`ManagementAuthMethod`]);

mod brand;
mod envelope;
mod headers;

#[cfg(feature = "authentication")]
mod authentication;
#[cfg(feature = "authentication")]
mod client_auth;

#[cfg(feature = "management")]
mod management;
#[cfg(feature = "management")]
mod management_token;
#[cfg(feature = "management")]
mod signing;

#[cfg(feature = "authentication")]
pub use authentication::{AuthenticationClient, AuthenticationClientBuilder, UserTokenHeader};
pub use brand::Brand;
#[cfg(feature = "authentication")]
pub use client_auth::{TokenEndpointAuthMethod, UnknownTokenEndpointAuthMethod};
pub use headers::Language;
#[cfg(feature = "management")]
pub use management::{ManagementAuthMethod, ManagementClient, ManagementClientBuilder};

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;

use super::host::BaseUrl;
use super::request::{Outgoing, Request};
use super::response::decode_plain;
use super::transport::Transport;
use super::transport::TransportOptions;
use super::{ConfigError, DEFAULT_USER_AGENT, Error};
use headers::DefaultHeaders;

/// The settings both Authing client builders take.
#[derive(Debug, Default)]
pub(crate) struct CommonSettings {
    brand: Brand,
    language: Option<Language>,
    tenant_id: Option<String>,
    transport: TransportOptions,
}

/// Adds the setters of [`CommonSettings`] (brand, language, tenant, transport) to a builder
/// that keeps them in its `common` field.
macro_rules! common_setters {
    ($builder:ty) => {
        impl $builder {
            /// Authing or GenAuth (default Authing): header prefix and default hosts.
            pub fn brand(mut self, brand: crate::runtime::authing::Brand) -> Self {
                self.common.brand = brand;
                self
            }

            /// The language of the API's messages (default: the server's, `zh-CN`).
            pub fn language(mut self, language: crate::runtime::authing::Language) -> Self {
                self.common.language = Some(language);
                self
            }

            /// The tenant the calls act in (header `x-*-app-tenant-id`), for multi-tenant user
            /// pools.
            pub fn tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
                self.common.tenant_id = Some(tenant_id.into());
                self
            }
        }

        crate::runtime::transport::transport_setters!($builder, common.transport);
    };
}
use common_setters;

/// The trimmed value of a required setting, or the error naming it.
fn required(
    client: &'static str,
    field: &'static str,
    value: Option<String>,
) -> Result<String, ConfigError> {
    value
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .ok_or(ConfigError::Missing { client, field })
}

/// What both Authing clients share: the transport, the hosts and the default headers.
#[derive(Clone, Debug)]
pub(crate) struct Core {
    transport: Transport,
    host: BaseUrl,
    core_host: BaseUrl,
    headers: HeaderMap,
}

impl Core {
    /// The core of client `client` from its `common` settings, its hosts, and the header that
    /// names what it acts for (`app-id` or `userpool-id`, set by builder method `field`).
    fn new(
        client: &'static str,
        common: CommonSettings,
        host: BaseUrl,
        core_host: BaseUrl,
        (suffix, field, value): (&str, &'static str, Option<&str>),
    ) -> Result<Self, ConfigError> {
        let headers = DefaultHeaders::new(client, common.brand)
            .brand(suffix, field, value)?
            .brand("app-tenant-id", "tenant_id", common.tenant_id.as_deref())?
            .brand("lang", "language", common.language.map(Language::as_str))?
            .finish();
        let transport = Transport::new(client, common.transport, DEFAULT_USER_AGENT)?;
        Ok(Self {
            transport,
            host,
            core_host,
            headers,
        })
    }

    /// The connection pool, timeout and retry policy (the protocol layer sends on it too).
    #[cfg(feature = "authentication")]
    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Prepares `request` under its base URL: the client's host, or for an operation that names
    /// a public core host in its `servers` (legacy endpoints), the configured core host. Only
    /// an operation's own other server is parsed per request.
    fn prepare(&self, request: Request, headers: HeaderMap) -> Result<Outgoing, Error> {
        match request.server {
            None => request.prepare_at(self.host.url(), headers),
            Some(server) if Brand::is_public_core_host(server) => {
                request.prepare_at(self.core_host.url(), headers)
            }
            Some(server) => request.prepare(server, headers),
        }
    }

    /// Sends `request` with the default headers, plus `authorization` unless the request sets
    /// its own, and decodes the envelope's `data` (the whole body when `unwrapped`).
    async fn send<T: DeserializeOwned>(
        &self,
        request: Request,
        authorization: Option<HeaderValue>,
    ) -> Result<T, Error> {
        self.send_with(request, authorization, |_| {}).await
    }

    /// [`send`](Self::send), with `finish` applied to the request as it goes on the wire
    /// (request signing).
    async fn send_with<T: DeserializeOwned>(
        &self,
        request: Request,
        authorization: Option<HeaderValue>,
        finish: impl FnOnce(&mut Outgoing),
    ) -> Result<T, Error> {
        let unwrapped = request.unwrapped;
        let format = request.response_format;
        let mut headers = self.headers.clone();
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }
        let mut outgoing = self.prepare(request, headers)?;
        finish(&mut outgoing);
        let operation = outgoing.operation.clone();
        let response = self.transport.send(outgoing).await?;
        if unwrapped {
            decode_plain(&operation, &response, format)
        } else {
            envelope::decode(&operation, response.status, &response.body)
        }
    }
}
