//! Shared fixtures: loopback servers, clients pointed at them, and what a request looked like on
//! the wire.

use std::time::Duration;

use authing::runtime::{Request, RetryPolicy};
use authing::{AuthenticationClient, ManagementClient, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

pub const APP_ID: &str = "app-id-1";
pub const APP_SECRET: &str = "app-secret-shh";
pub const ACCESS_KEY_ID: &str = "pool-ak-1";
pub const ACCESS_KEY_SECRET: &str = "access-key-secret-shh";
pub const USER_TOKEN: &str = "user-access-token-shh";

/// An authentication client for `server` with `auth_method`.
pub fn authentication_client(
    server: &MockServer,
    auth_method: TokenEndpointAuthMethod,
) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_secret(APP_SECRET)
        .app_host(server.uri())
        .core_host(server.uri())
        .token_endpoint_auth_method(auth_method)
        .retry(fast_retries(2))
        .build()
        .expect("valid configuration")
}

/// A management client for `server`.
pub fn management_client(server: &MockServer) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.uri())
        .user_pool_id("pool-1")
        .retry(fast_retries(2))
        .build()
        .expect("valid configuration")
}

/// `retries` retries with waits short enough for tests.
pub fn fast_retries(retries: u32) -> RetryPolicy {
    RetryPolicy::new(retries).with_backoff(Duration::from_millis(5), Duration::from_millis(20))
}

/// `GET {base_url}/x` with the plain client, without retries.
pub async fn get_once(base_url: &str) -> Result<serde_json::Value, authing::Error> {
    let client = authing::runtime::Client::builder(base_url)
        .retry(RetryPolicy::none())
        .build()?;
    authing::runtime::ApiClient::execute(&client, Request::new(authing::runtime::Method::GET, "/x"))
        .await
}

/// A successful V3 envelope around `data`.
pub fn envelope(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "statusCode": 200,
        "message": "ok",
        "requestId": "req-ok",
        "data": data,
    }))
}

/// A request as the server saw it.
#[derive(Debug, PartialEq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub body: Value,
}

impl Seen {
    /// A `POST` of `body` to `path`, without a query.
    pub fn post(path: &str, body: Value) -> Self {
        Self {
            method: "POST".to_owned(),
            path: path.to_owned(),
            query: None,
            body,
        }
    }

    pub fn of(request: &wiremock::Request) -> Self {
        Self {
            method: request.method.to_string(),
            path: request.url.path().to_owned(),
            query: request.url.query().map(str::to_owned),
            body: if request.body.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&request.body).expect("request bodies are JSON")
            },
        }
    }
}

/// Header `name` of `request`, as text.
pub fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("ASCII header"))
}

/// The one request `server` received on `path`; fails when there were others.
pub async fn only_request(server: &MockServer, wanted: &str) -> wiremock::Request {
    let mut requests = received_on(server, wanted).await;
    assert_eq!(requests.len(), 1, "requests on {wanted}");
    requests.remove(0)
}

/// The requests `server` received on `path`.
pub async fn received_on(server: &MockServer, wanted: &str) -> Vec<wiremock::Request> {
    let all = server
        .received_requests()
        .await
        .expect("request recording is on");
    all.into_iter()
        .filter(|request| request.url.path() == wanted)
        .collect()
}

/// A `POST` of `body` to a token endpoint, as generated code writes it.
pub fn token_endpoint_request(body: &Value) -> Request {
    Request::new(authing::runtime::Method::POST, "/api/v3/signin-by-mobile")
        .operation_id("signInByMobile")
        .token_endpoint()
        .json(body)
}

/// A loopback TCP server that answers each connection with `reply` (raw HTTP, possibly broken)
/// and counts the connections; for the failures `wiremock` cannot produce.
pub struct RawServer {
    pub url: String,
    accepted: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    pub async fn start(reply: &'static [u8]) -> Self {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = accepted.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut buffer = [0u8; 4096];
                let _ = stream.read(&mut buffer).await;
                let _ = stream.write_all(reply).await;
                let _ = stream.shutdown().await;
            }
        });
        Self {
            url,
            accepted,
            task,
        }
    }

    pub fn connections(&self) -> usize {
        self.accepted.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Answers `server`'s management token endpoint with a token valid for two hours.
pub async fn mount_management_token(server: &MockServer) {
    wiremock::Mock::given(wiremock::matchers::path("/api/v3/get-management-token"))
        .respond_with(envelope(
            json!({"access_token": "management-token-1", "expires_in": 7200}),
        ))
        .mount(server)
        .await;
}
