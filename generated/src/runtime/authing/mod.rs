//! The Authing part of the runtime: what the Authing / GenAuth V3 API adds to plain HTTP.
//!
//! - [`Brand`]: header prefix and default hosts of Authing or GenAuth deployments;
//! - the headers every request carries (app id or user pool id, tenant, language, SDK version);
//! - the response envelope `{statusCode, message, apiCode?, requestId?, data}`: methods return
//!   the typed `data` and turn any other `statusCode` into [`ApiError`](crate::runtime::ApiError);
//! - [`AuthenticationClient`]: token endpoint client authentication ([`TokenEndpointAuthMethod`])
//!   and the user's access token;
//! - [`ManagementClient`]: the access key exchanged for a cached management token;
//! - the seeds' login flows ([`mini_program`], one-click login).

mod brand;
mod envelope;
mod headers;

#[cfg(feature = "authentication")]
mod authentication;
#[cfg(feature = "authentication")]
mod client_auth;
#[cfg(feature = "authentication")]
pub mod mini_program;

#[cfg(feature = "management")]
mod management;
#[cfg(feature = "management")]
mod management_token;

#[cfg(feature = "authentication")]
pub use authentication::{AuthenticationClient, AuthenticationClientBuilder};
pub use brand::Brand;
#[cfg(feature = "authentication")]
pub use client_auth::{TokenEndpointAuthMethod, UnknownTokenEndpointAuthMethod};
pub use headers::Language;
#[cfg(feature = "management")]
pub use management::{ManagementClient, ManagementClientBuilder};

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;

use super::host::BaseUrl;
use super::request::Request;
use super::response::decode_json;
use super::transport::Transport;
use super::{Error, HttpError};

/// What both Authing clients share: the transport, the hosts and the default headers.
#[derive(Clone, Debug)]
pub(crate) struct Core {
    transport: Transport,
    host: BaseUrl,
    core_host: BaseUrl,
    headers: HeaderMap,
}

impl Core {
    /// The base URL of `request`: the client's host, or for an operation that names a public
    /// core host in its `servers` (legacy endpoints), the configured core host.
    fn base_url<'a>(&'a self, request: &'a Request) -> &'a str {
        match request.server {
            None => self.host.as_str(),
            Some(server) if Brand::is_public_core_host(server) => self.core_host.as_str(),
            Some(server) => server,
        }
    }

    /// Sends `request` with the default headers, plus `authorization` unless the request sets
    /// its own, and decodes the envelope's `data` (the whole body when `unwrapped`).
    async fn send<T: DeserializeOwned>(
        &self,
        request: Request,
        authorization: Option<HeaderValue>,
    ) -> Result<T, Error> {
        let unwrapped = request.unwrapped;
        let base_url = self.base_url(&request).to_owned();
        let mut headers = self.headers.clone();
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }
        let outgoing = request.prepare(&base_url, headers)?;
        let operation = outgoing.operation.clone();
        let response = self.transport.send(outgoing).await?;
        if !unwrapped {
            return envelope::decode(&operation, response.status, &response.body);
        }
        if !response.status.is_success() {
            let body = super::error::raw_body(&response.body);
            return Err(HttpError {
                operation,
                status: response.status,
                body,
            }
            .into());
        }
        decode_json(&operation, response.status, &response.body)
    }
}
