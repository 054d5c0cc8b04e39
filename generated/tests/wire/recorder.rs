//! The loopback recorder both clients talk to: a real HTTP server (wiremock) that keeps every
//! request in arrival order and answers a successful V3 envelope (a management token on
//! `POST /api/v3/get-management-token`, `data: null` elsewhere).

use serde_json::{Value, json};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Where the Rust management client exchanges its access key; the node client signs each
/// request with HMAC instead, so this call is the Rust client's own and is never compared.
pub const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// The prefix of the marker the node harness sends before each case (`/__wire/case/<id>`).
pub const MARKER: &str = "/__wire/case/";

pub struct Recorder {
    server: MockServer,
}

/// A request as it arrived: the parts the cross-check compares, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Wire {
    pub method: String,
    pub path: String,
    /// Query pairs, percent- and `+`-decoded, in wire order, keys as sent (`ids[]` stays).
    pub query: Vec<(String, String)>,
    pub body: Body,
    pub authorization: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
    /// Bytes that are neither empty, JSON, nor a form: shown as text.
    Other(String),
}

impl Recorder {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(envelope(
                json!({"access_token": "management-token", "expires_in": 7200}),
            ))
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(envelope(Value::Null))
            .with_priority(2)
            .mount(&server)
            .await;
        Self { server }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Every request so far, in arrival order.
    pub async fn requests(&self) -> Vec<Wire> {
        let all = self
            .server
            .received_requests()
            .await
            .expect("request recording is on");
        all.iter().map(Wire::of).collect()
    }
}

fn envelope(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "statusCode": 200,
        "message": "ok",
        "requestId": "wire",
        "data": data,
    }))
}

impl Wire {
    fn of(request: &wiremock::Request) -> Self {
        let header = |name: &str| {
            request
                .headers
                .get(name)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        };
        let content_type = header("content-type").unwrap_or_default();
        let body = if request.body.is_empty() {
            Body::None
        } else if let Ok(value) = serde_json::from_slice(&request.body) {
            Body::Json(value)
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            Body::Form(form_urlencoded::parse(&request.body).into_owned().collect())
        } else {
            Body::Other(String::from_utf8_lossy(&request.body).into_owned())
        };
        Self {
            method: request.method.to_string(),
            path: request.url.path().to_owned(),
            query: request.url.query_pairs().into_owned().collect(),
            body,
            authorization: header("authorization"),
        }
    }

    /// The case id of a node marker request.
    pub fn marker(&self) -> Option<usize> {
        self.path.strip_prefix(MARKER)?.parse().ok()
    }
}
