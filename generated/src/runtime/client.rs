//! [`ApiClient`], the one entry point generated methods call, and [`Client`], the plain client
//! for any OpenAPI API (no envelope, no Authing headers).

use std::fmt;
use std::future::Future;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::error::{ConfigError, Error};
use super::host::BaseUrl;
use super::request::Request;
use super::response::decode_plain;
use super::transport::{Transport, TransportOptions, request_span, transport_setters};

/// Sends [`Request`]s; implemented by every client.
///
/// Generated methods call it with UFCS (`::authing::runtime::ApiClient::execute(self, req)`), so
/// an operation named `execute` never collides with it.
pub trait ApiClient {
    /// Sends `req` and decodes the success value as `T`: for the Authing clients the envelope's
    /// `data` (the whole body when the request is [`unwrapped`](Request::unwrapped)), for
    /// [`Client`] the whole body. `()` accepts an empty body or `null`.
    fn execute<T: DeserializeOwned>(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<T, Error>> + Send;
}

/// The plain client, for a spec that is not Authing's: a base URL, default headers and the
/// transport options. A 2xx body is the success value; any other status is [`Error::Http`].
#[derive(Clone)]
pub struct Client {
    base_url: BaseUrl,
    headers: HeaderMap,
    transport: Transport,
}

impl Client {
    /// A client for `base_url` with the default options.
    pub fn new(base_url: &str) -> Result<Self, ConfigError> {
        Self::builder(base_url).build()
    }

    /// Starts configuring a client for `base_url` (`https://api.example.com`, `localhost:8080`;
    /// normalised as [`AuthenticationClientBuilder::app_host`](crate::AuthenticationClientBuilder::app_host) describes).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            headers: Vec::new(),
            transport: TransportOptions::default(),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.base_url.as_str()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl ApiClient for Client {
    fn execute<T: DeserializeOwned>(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<T, Error>> + Send {
        let span = request_span(&req);
        async move {
            let format = req.response_format;
            let outgoing = match req.server {
                None => req.prepare_at(self.base_url.url(), self.headers.clone())?,
                Some(server) => req.prepare(server, self.headers.clone())?,
            };
            let operation = outgoing.operation.clone();
            let response = self.transport.send(outgoing).await?;
            decode_plain(&operation, &response, format)
        }
        .instrument(span)
    }
}

/// Configures a [`Client`]; validated by [`ClientBuilder::build`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    headers: Vec<(String, super::Secret)>,
    transport: TransportOptions,
}

transport_setters!(ClientBuilder, transport);

impl ClientBuilder {
    /// A header sent with every request (an API key, a bearer token...). Its value is treated
    /// as a credential: never shown in `Debug` or logs.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<super::Secret>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Validates the configuration and creates the client.
    pub fn build(self) -> Result<Client, ConfigError> {
        const CLIENT: &str = "Client";
        let base_url = BaseUrl::parse(CLIENT, "base_url", &self.base_url)?;
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let invalid = || ConfigError::InvalidHeaderValue {
                client: CLIENT,
                field: "header",
            };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let mut value = HeaderValue::try_from(value.expose()).map_err(|_| invalid())?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        let transport = Transport::new(CLIENT, self.transport, super::DEFAULT_USER_AGENT)?;
        Ok(Client {
            base_url,
            headers,
            transport,
        })
    }
}
