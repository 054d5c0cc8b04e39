//! CAS (Central Authentication Service) for an app whose SSO protocol is CAS: the login and
//! logout URLs the browser is sent to, and the validation of the service ticket the login
//! returns to the app (CAS 1.0 `validate`, CAS 2.0 `serviceValidate`).
//!
//! Authing serves CAS under the app host: `{app_host}/cas-idp/{appId}` is the login (the node
//! and python SDKs' `buildAuthorizeUrl` for `protocol: "cas"`), `{app_host}/cas-idp/logout` the
//! logout, `{app_host}/cas-idp/{appId}/validate` and `.../serviceValidate` the validations
//! (`validateTicketV1` / `validateTicketV2`). The reference pages' sample URLs write
//! `/cas-idp/{appId}/login` and `/cas-idp/{appId}/logout?service=`; both SDKs, which are what
//! apps run, build the URLs above, and so does this client.
//!
//! The ticket is a [`Secret`]: it goes only to the app host, in the validation's query, and is
//! never kept in an error.

mod response;

use reqwest::Url;
use reqwest::header::HeaderMap;
use serde_json::{Map, Value};

pub use response::CAS_NAMESPACE;

use crate::AuthenticationClient;
use crate::runtime::redact::raw_body;
use crate::runtime::{Error, HttpError, Method, Request, Secret};

/// The user a valid ticket names.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CasUser {
    /// The user (`cas:user`): the account the app's CAS settings expose (email, username...).
    pub user: String,
    /// The user's attributes (`cas:attributes`, CAS 2.0 only), by name. From XML, a value is
    /// its text, `null` when the element is empty, an object when it has child elements
    /// (`address`), an array when the name repeats (a multi-valued attribute); from the JSON
    /// rendering, the JSON value as sent.
    pub attributes: Map<String, Value>,
}

impl CasUser {
    /// Attribute `name` as text: a string as it is, a number or boolean written out; `None`
    /// when it is missing, `null`, an object or an array.
    pub fn attribute(&self, name: &str) -> Option<String> {
        match self.attributes.get(name)? {
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }
}

/// The CAS server's refusal (`cas:authenticationFailure`, or CAS 1.0's `no`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}{}", if description.is_empty() { String::new() } else { format!(": {description}") })]
pub struct CasFailure {
    /// The failure `code`.
    pub code: CasFailureCode,
    /// The server's description, trimmed (may be empty).
    pub description: String,
}

/// The failure codes of the CAS protocol (section 2.5.3 of CAS 3.0); any other is kept as
/// [`Other`](Self::Other). CAS 1.0's `no` has no code and reads as
/// [`InvalidTicket`](Self::InvalidTicket), the only thing it can mean.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CasFailureCode {
    /// `INVALID_REQUEST`: a required parameter is missing.
    InvalidRequest,
    /// `INVALID_TICKET_SPEC`: the ticket fails the validation's specification (`renew`).
    InvalidTicketSpec,
    /// `UNAUTHORIZED_SERVICE_PROXY`: the service may not proxy.
    UnauthorizedServiceProxy,
    /// `INVALID_PROXY_CALLBACK`: the proxy callback is invalid.
    InvalidProxyCallback,
    /// `INVALID_TICKET`: the ticket is unknown, expired, already used, or not a ticket.
    InvalidTicket,
    /// `INVALID_SERVICE`: the ticket was issued for another service.
    InvalidService,
    /// `INTERNAL_ERROR`: the server failed.
    InternalError,
    /// Another code (empty when the server gave none).
    Other(String),
}

impl CasFailureCode {
    const NAMES: [(&'static str, CasFailureCode); 7] = [
        ("INVALID_REQUEST", CasFailureCode::InvalidRequest),
        ("INVALID_TICKET_SPEC", CasFailureCode::InvalidTicketSpec),
        (
            "UNAUTHORIZED_SERVICE_PROXY",
            CasFailureCode::UnauthorizedServiceProxy,
        ),
        (
            "INVALID_PROXY_CALLBACK",
            CasFailureCode::InvalidProxyCallback,
        ),
        ("INVALID_TICKET", CasFailureCode::InvalidTicket),
        ("INVALID_SERVICE", CasFailureCode::InvalidService),
        ("INTERNAL_ERROR", CasFailureCode::InternalError),
    ];

    /// The code as the protocol writes it.
    pub fn as_str(&self) -> &str {
        match self {
            CasFailureCode::Other(code) => code,
            known => Self::NAMES
                .iter()
                .find(|(_, code)| code == known)
                .map_or("", |(name, _)| name),
        }
    }

    /// Reads a code (surrounding spaces ignored).
    pub fn parse(code: &str) -> Self {
        let code = code.trim();
        Self::NAMES
            .iter()
            .find(|(name, _)| *name == code)
            .map_or_else(
                || CasFailureCode::Other(code.to_owned()),
                |(_, known)| known.clone(),
            )
    }
}

impl std::fmt::Display for CasFailureCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A ticket validation that did not name a user. Never holds the ticket.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CasError {
    /// The call failed (connection, timeout, an HTTP error status without a CAS answer).
    #[error(transparent)]
    Http(#[from] Error),
    /// The server refused the ticket.
    #[error("CAS refused the ticket: {0}")]
    Rejected(CasFailure),
    /// The answer is not a CAS answer.
    #[error("the CAS answer is malformed: {reason}")]
    Malformed {
        /// What is wrong with it.
        reason: String,
        /// The body as received (credential fields redacted).
        body: String,
    },
    /// The ticket or the service is empty; nothing was sent.
    #[error("the CAS `{0}` is empty")]
    Empty(&'static str),
}

impl AuthenticationClient {
    /// The CAS login URL: `{app_host}/cas-idp/{appId}`, with `?service=` (URL-encoded) when
    /// given: the address the user comes back to with `?ticket=`.
    pub fn cas_login_url(&self, service: Option<&str>) -> String {
        let mut url = self.cas_url(&[self.app_id()]);
        if let Some(service) = service {
            url.query_pairs_mut().append_pair("service", service);
        }
        url.into()
    }

    /// The CAS logout URL: `{app_host}/cas-idp/logout`, with `?url=` (URL-encoded) where the
    /// browser goes afterwards when given.
    pub fn cas_logout_url(&self, redirect_uri: Option<&str>) -> String {
        let mut url = self.cas_url(&["logout"]);
        if let Some(redirect_uri) = redirect_uri {
            url.query_pairs_mut().append_pair("url", redirect_uri);
        }
        url.into()
    }

    /// Validates a CAS 1.0 service ticket (`GET /cas-idp/{appId}/validate`): the user it was
    /// issued to, or [`CasError::Rejected`] with [`CasFailureCode::InvalidTicket`] for `no`.
    /// `service` is the one the ticket was issued for.
    pub async fn validate_ticket_v1(
        &self,
        ticket: &Secret,
        service: &str,
    ) -> Result<String, CasError> {
        let body = self
            .validate_cas_ticket(
                "/cas-idp/{appId}/validate",
                "validateTicketV1",
                ticket,
                service,
                None,
            )
            .await?;
        response::v1(&body)
    }

    /// Validates a CAS 2.0 service ticket (`GET /cas-idp/{appId}/serviceValidate`, asking for
    /// the protocol's XML, reading the JSON rendering too): the user and their attributes, or
    /// the server's [`CasFailure`] (`INVALID_TICKET`, `INVALID_SERVICE`...).
    pub async fn validate_ticket_v2(
        &self,
        ticket: &Secret,
        service: &str,
    ) -> Result<CasUser, CasError> {
        let body = self
            .validate_cas_ticket(
                "/cas-idp/{appId}/serviceValidate",
                "validateTicketV2",
                ticket,
                service,
                Some("XML"),
            )
            .await?;
        response::v2(&body)
    }

    /// `{app_host}/cas-idp/` and `segments`.
    fn cas_url(&self, segments: &[&str]) -> Url {
        let path: Vec<&str> = std::iter::once("cas-idp")
            .chain(segments.iter().copied())
            .collect();
        self.app_url(&path)
    }

    /// The validation's body: the text of a 2xx answer, or of an error status whose body is a
    /// CAS answer (some servers send failures with 4xx). Sent on the client's transport (its
    /// timeout, retries and size limit) without the API's headers: CAS is not the V3 API.
    async fn validate_cas_ticket(
        &self,
        path: &'static str,
        operation: &'static str,
        ticket: &Secret,
        service: &str,
        format: Option<&str>,
    ) -> Result<String, CasError> {
        if ticket.is_blank() {
            return Err(CasError::Empty("ticket"));
        }
        if service.trim().is_empty() {
            return Err(CasError::Empty("service"));
        }
        let request = Request::new(Method::GET, path)
            .operation_id(operation)
            .path_param("appId", self.app_id())
            .query("service", service)
            .query("ticket", ticket.expose())
            .query("format", &format);
        let outgoing = request.prepare_at(self.app_base(), HeaderMap::new())?;
        let operation = outgoing.operation.clone();
        let response = self.transport().send(outgoing).await?;
        let text = std::str::from_utf8(&response.body);
        match text {
            Ok(text) if response.status.is_success() || looks_like_cas(text) => Ok(text.to_owned()),
            _ if response.status.is_success() => Err(CasError::Malformed {
                reason: "the answer is not UTF-8 text".to_owned(),
                body: raw_body(&response.body),
            }),
            _ => Err(Error::from(HttpError {
                operation,
                status: response.status,
                body: raw_body(&response.body),
            })
            .into()),
        }
    }
}

/// Whether an error body is a CAS answer rather than a proxy's or a gateway's page.
fn looks_like_cas(body: &str) -> bool {
    body.contains(CAS_NAMESPACE) || body.contains("authenticationFailure")
}
