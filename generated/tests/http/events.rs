//! Event subscription against a loopback WebSocket server (tokio-tungstenite's server side):
//! the URL, query and authorization the node SDK uses, messages in order and typed, a dropped
//! connection re-established after the backoff, bounded retries, a refused handshake ending
//! the stream; publishing over HTTP; no credential in any `Debug`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use authing::events::{EventError, Reconnect};
use authing::{AuthenticationClient, TokenEndpointAuthMethod};
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

use crate::support::{
    ACCESS_KEY_SECRET, APP_ID, USER_TOKEN, envelope, header, management_client, only_request,
};

/// What the server does with connection number `n` (0-based).
#[derive(Clone)]
enum Plan {
    /// Completes the handshake, sends the messages, then closes (or stays open when `hold`).
    Accept {
        messages: Vec<&'static str>,
        hold: bool,
    },
    /// Completes the handshake, sends nothing, and closes after this long.
    Quiet(Duration),
    /// Drops the TCP connection before the handshake.
    Drop,
    /// Answers the handshake with this HTTP status.
    Status(u16),
}

/// A handshake as the server saw it: path with query, and `authorization`.
type Seen = (String, Option<String>);

struct WsServer {
    url: String,
    connections: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for WsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl WsServer {
    /// A server following `plans` (the last one repeats).
    async fn start(plans: Vec<Plan>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), seen.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let n = count.fetch_add(1, Ordering::SeqCst);
                let plan = plans[n.min(plans.len() - 1)].clone();
                let log = log.clone();
                tokio::spawn(async move {
                    let (messages, hold, status, quiet) = match plan {
                        Plan::Drop => return drop(stream),
                        Plan::Accept { messages, hold } => (messages, hold, None, None),
                        Plan::Quiet(quiet) => (Vec::new(), false, None, Some(quiet)),
                        Plan::Status(status) => (Vec::new(), false, Some(status), None),
                    };
                    // The signature is tungstenite's server callback's.
                    #[allow(clippy::result_large_err)]
                    let callback = |request: &Request, response: Response| {
                        let uri = request.uri().to_string();
                        let authorization = request
                            .headers()
                            .get("authorization")
                            .map(|value| value.to_str().unwrap().to_owned());
                        log.lock().unwrap().push((uri, authorization));
                        match status {
                            None => Ok(response),
                            Some(status) => {
                                let mut refusal = ErrorResponse::new(Some("no".to_owned()));
                                *refusal.status_mut() = status.try_into().unwrap();
                                Err(refusal)
                            }
                        }
                    };
                    let Ok(mut socket) =
                        tokio_tungstenite::accept_hdr_async(stream, callback).await
                    else {
                        return;
                    };
                    for message in messages {
                        socket.send(Message::text(message)).await.unwrap();
                    }
                    if let Some(quiet) = quiet {
                        tokio::time::sleep(quiet).await;
                    }
                    if hold {
                        while socket.next().await.is_some() {}
                    } else {
                        let _ = socket.close(None).await;
                    }
                });
            }
        });
        Self {
            url,
            connections,
            seen,
            task,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn fast(max_retries: u32) -> Reconnect {
    Reconnect {
        max_retries,
        initial_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(200),
    }
}

fn app(host: &str) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(host)
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .access_token(USER_TOKEN)
        .build()
        .unwrap()
}

fn accept(messages: Vec<&'static str>, hold: bool) -> Plan {
    Plan::Accept { messages, hold }
}

#[tokio::test]
async fn the_app_subscribes_with_its_token_and_messages_arrive_typed_in_order() {
    let server = WsServer::start(vec![accept(
        vec![r#"{"userId": "u1"}"#, r#"{"userId": "u2"}"#, "not json"],
        true,
    )])
    .await;
    let events = app("https://app.example.invalid")
        .events()
        .socket_uri(&server.url)
        .reconnect(fast(0));
    let mut messages = events
        .subscribe("authing.user.created")
        .unwrap()
        .json::<Value>();
    assert_eq!(
        messages.next().await.unwrap().unwrap(),
        json!({"userId": "u1"})
    );
    assert_eq!(
        messages.next().await.unwrap().unwrap(),
        json!({"userId": "u2"})
    );
    let error = messages.next().await.unwrap().unwrap_err();
    assert!(matches!(error, EventError::Decode { .. }), "{error:?}");
    let query =
        format!("/events/v1/authentication/sub?code=authing.user.created&token={USER_TOKEN}");
    assert_eq!(server.seen(), vec![(query, None)]);
}

#[tokio::test]
async fn the_administrator_subscribes_with_the_access_key_signature() {
    let server = WsServer::start(vec![accept(vec!["hello"], true)]).await;
    let mock = MockServer::start().await;
    let events = management_client(&mock).events().socket_uri(&server.url);
    let mut messages = events.subscribe("custom.event").unwrap();
    let message = messages.next().await.unwrap().unwrap();
    assert_eq!(
        (message.event_code.as_str(), message.data.as_str()),
        ("custom.event", "hello")
    );
    // `printf 'websocket\n' | openssl dgst -sha1 -hmac "$ACCESS_KEY_SECRET" -binary | base64`
    let authorization = "authing pool-ak-1:TNzB+pUgT8k8zqYLgRva8RLpuxQ=".to_owned();
    let query = "/events/v1/management/sub?code=custom.event".to_owned();
    assert_eq!(server.seen(), vec![(query, Some(authorization))]);
    assert!(
        mock.received_requests().await.unwrap().is_empty(),
        "no token is fetched"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_reestablished_after_the_backoff() {
    let server = WsServer::start(vec![
        accept(vec!["one"], false),
        Plan::Drop,
        accept(vec!["two"], true),
    ])
    .await;
    let events = app("https://app.example.invalid")
        .events()
        .socket_uri(&server.url)
        .reconnect(fast(3));
    let mut messages = events.subscribe("e").unwrap();
    assert_eq!(messages.next().await.unwrap().unwrap().data, "one");
    let started = Instant::now();
    assert_eq!(messages.next().await.unwrap().unwrap().data, "two");
    // Closed, then a refused attempt: waits of 50 ms and 100 ms before the third connection.
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.connections(), 3);
}

#[tokio::test]
async fn the_loss_of_a_long_lived_connection_does_not_count_against_the_retries() {
    let quiet = Plan::Quiet(Duration::from_millis(1100));
    let server = WsServer::start(vec![quiet.clone(), quiet, accept(vec!["after"], true)]).await;
    let events = app("https://app.example.invalid")
        .events()
        .socket_uri(&server.url)
        .reconnect(fast(1));
    let mut messages = events.subscribe("e").unwrap();
    // Two losses with one retry allowed: each connection had been up over a second.
    assert_eq!(messages.next().await.unwrap().unwrap().data, "after");
    assert_eq!(server.connections(), 3);
}

#[tokio::test]
async fn retries_are_bounded_and_end_the_stream() {
    let server = WsServer::start(vec![Plan::Drop]).await;
    let events = app("https://app.example.invalid")
        .events()
        .socket_uri(&server.url)
        .reconnect(fast(2));
    let mut messages = events.subscribe("e").unwrap();
    let error = messages.next().await.unwrap().unwrap_err();
    let EventError::Disconnected { attempts, .. } = &error else {
        panic!("expected a disconnection, got {error:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(messages.next().await.is_none());
    assert_eq!(server.connections(), 3);
    assert!(!format!("{error:?} {error}").contains(USER_TOKEN));
}

#[tokio::test]
async fn a_refused_handshake_ends_the_stream_without_retrying() {
    let server = WsServer::start(vec![Plan::Status(401)]).await;
    let events = app("https://app.example.invalid")
        .events()
        .socket_uri(&server.url)
        .reconnect(fast(5));
    let mut messages = events.subscribe("e").unwrap();
    let error = messages.next().await.unwrap().unwrap_err();
    let expected = EventError::Rejected {
        event_code: "e".to_owned(),
        status: 401,
    };
    assert_eq!(error, expected);
    assert!(messages.next().await.is_none());
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn subscriptions_check_their_inputs_and_never_show_credentials() {
    let without_token = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://app.example.invalid")
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .build()
        .unwrap();
    let error = without_token.events().subscribe("e").unwrap_err();
    assert_eq!(error, EventError::MissingAccessToken);
    let events = app("https://app.example.invalid").events();
    assert_eq!(
        events.subscribe(" ").unwrap_err(),
        EventError::EmptyEventCode
    );
    let wrong = events.clone().socket_uri("https://x.example");
    let error = wrong.subscribe("e").unwrap_err();
    assert!(
        matches!(error, EventError::InvalidSocketUri(_)),
        "{error:?}"
    );
    let subscription = events.subscribe("e").unwrap();
    let mock = MockServer::start().await;
    let management = management_client(&mock).events();
    let debug = format!("{events:?} {subscription:?} {management:?}");
    assert!(debug.contains("wss://openevent.authing.cn"), "{debug}");
    for secret in [
        USER_TOKEN,
        ACCESS_KEY_SECRET,
        "TNzB+pUgT8k8zqYLgRva8RLpuxQ=",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[tokio::test]
async fn publishing_posts_the_event_as_the_node_sdk_does() {
    let server = MockServer::start().await;
    for wanted in ["/api/v3/pub-userEvent", "/api/v3/pub-event"] {
        Mock::given(method("POST"))
            .and(path(wanted))
            .respond_with(envelope(json!({"success": true})))
            .mount(&server)
            .await;
    }
    let data = r#"{"email":"test@example.com"}"#;
    let answer = app(&server.uri())
        .publish_event("CUSTOM_EVENT", data)
        .await
        .unwrap();
    assert_eq!(answer, json!({"success": true}));
    let request = only_request(&server, "/api/v3/pub-userEvent").await;
    let source = format!("authing-rust-sdk: {}", authing::runtime::SDK_VERSION);
    let body = json!({"eventType": "CUSTOM_EVENT", "eventData": data, "source": source});
    assert_eq!(request.body_json::<Value>().unwrap(), body);
    let bearer = format!("Bearer {USER_TOKEN}");
    assert_eq!(header(&request, "authorization"), Some(bearer.as_str()));

    crate::support::mount_management_token(&server).await;
    management_client(&server)
        .publish_event("CUSTOM_EVENT", data)
        .await
        .unwrap();
    let request = only_request(&server, "/api/v3/pub-event").await;
    assert_eq!(request.body_json::<Value>().unwrap(), body);
}
