//! Responses: the envelope's `data`, and each way a response can fail as its own typed error.

use std::time::Duration;

use authing::runtime::{ApiClient, BodyErrorKind, Client, Method, Request};
use authing::{Error, TokenEndpointAuthMethod};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{RawServer, authentication_client, envelope, get_once};

#[derive(Debug, Deserialize, PartialEq)]
struct Count {
    count: u32,
}

/// What an authentication client makes of `response` to `GET /api/v3/x`, decoded as `T`.
async fn call<T: serde::de::DeserializeOwned>(
    response: ResponseTemplate,
    unwrapped: bool,
) -> Result<T, Error> {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::None);
    let request = Request::new(Method::GET, "/api/v3/x").operation_id("x");
    client
        .execute(if unwrapped {
            request.unwrapped()
        } else {
            request
        })
        .await
}

fn raw(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

#[tokio::test]
async fn the_envelope_gives_its_data() {
    assert_eq!(
        call::<Count>(envelope(json!({"count": 3})), false)
            .await
            .unwrap(),
        Count { count: 3 }
    );
    let () = call(envelope(Value::Null), false).await.unwrap();
    let () = call(raw(200, r#"{"statusCode":200,"message":"ok"}"#), false)
        .await
        .unwrap();
    assert_eq!(
        call::<Option<Count>>(raw(200, r#"{"statusCode":200,"message":"ok"}"#), false)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        call::<Count>(raw(200, r#"{"count":4}"#), true)
            .await
            .unwrap(),
        Count { count: 4 }
    );
    let () = call(raw(200, ""), true).await.unwrap();
    let () = call(raw(204, ""), true).await.unwrap();
}

#[tokio::test]
async fn an_error_envelope_is_a_typed_api_error() {
    let body = json!({"statusCode": 400, "message": "验证码不正确", "apiCode": 2001, "requestId": "req-42"});
    for http_status in [200, 400] {
        let error = call::<Value>(
            ResponseTemplate::new(http_status).set_body_json(&body),
            false,
        )
        .await
        .unwrap_err();
        let Error::Api(api) = &error else {
            panic!("expected an API error, got {error:?}")
        };
        assert_eq!(api.http_status.as_u16(), http_status);
        assert_eq!(
            (api.status_code, api.api_code, api.message.as_str()),
            (400, Some(2001), "验证码不正确")
        );
        assert_eq!(api.request_id.as_deref(), Some("req-42"));
        assert_eq!(
            (error.request_id(), error.api_code()),
            (Some("req-42"), Some(2001))
        );
        assert_eq!(
            error.to_string(),
            "x (GET /api/v3/x): API error 400 (apiCode 2001): 验证码不正确 [requestId req-42]"
        );
    }
}

#[tokio::test]
async fn an_http_error_with_an_html_page_keeps_the_page() {
    let page = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    let error = call::<Value>(
        ResponseTemplate::new(500).set_body_raw(page, "text/html"),
        false,
    )
    .await
    .unwrap_err();
    let Error::Http(http) = &error else {
        panic!("expected an HTTP error, got {error:?}")
    };
    assert_eq!((http.status.as_u16(), http.body.as_str()), (500, page));
    assert_eq!(error.raw_body(), Some(page));
    assert_eq!(
        error.to_string(),
        format!("x (GET /api/v3/x): HTTP 500 Internal Server Error: {page}")
    );
    let error = call::<Value>(raw(404, ""), true).await.unwrap_err();
    assert!(
        matches!(&error, Error::Http(http) if http.status == 404 && http.body.is_empty()),
        "{error:?}"
    );
}

/// Checks that `body` with HTTP 200 is a body error of `kind` that keeps the body.
async fn check_body_error(body: &str, unwrapped: bool, kind: BodyErrorKind) {
    let error = call::<Count>(raw(200, body), unwrapped).await.unwrap_err();
    let Error::Body(body_error) = &error else {
        panic!("{body:?}: expected a body error, got {error:?}")
    };
    assert_eq!(
        (
            body_error.kind,
            body_error.body.as_str(),
            body_error.status.as_u16()
        ),
        (kind, body, 200)
    );
}

#[tokio::test]
async fn empty_non_json_and_truncated_bodies_are_body_errors() {
    check_body_error("", false, BodyErrorKind::Empty).await;
    check_body_error("  ", true, BodyErrorKind::Empty).await;
    check_body_error("<html>maintenance</html>", false, BodyErrorKind::NotJson).await;
    check_body_error("OK", true, BodyErrorKind::NotJson).await;
    check_body_error(
        r#"{"statusCode":200,"data":{"count":1}} trailing"#,
        false,
        BodyErrorKind::NotJson,
    )
    .await;
    check_body_error(
        r#"{"statusCode":200,"message":"ok","data":{"cou"#,
        false,
        BodyErrorKind::Truncated,
    )
    .await;
    check_body_error(r#"{"count":"#, true, BodyErrorKind::Truncated).await;
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error_with_its_place() {
    for (body, unwrapped, place) in [
        (
            r#"{"statusCode":200,"data":{"count":"three"}}"#,
            false,
            "data.count",
        ),
        (r#"{"statusCode":200,"data":"three"}"#, false, "data"),
        (r#"{"message":"no status"}"#, false, "."),
        (r#"{"count":-1}"#, true, "count"),
    ] {
        let error = call::<Count>(raw(200, body), unwrapped).await.unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{body}: expected a decode error, got {error:?}")
        };
        assert_eq!((decode.path.as_str(), decode.body.as_str()), (place, body));
    }
}

#[tokio::test]
async fn a_transfer_that_breaks_off_is_an_interrupted_body() {
    let server =
        RawServer::start(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"statusCode\":200,")
            .await;
    let error = get_once(&server.url).await.unwrap_err();
    let Error::Body(body) = &error else {
        panic!("expected a body error, got {error:?}")
    };
    assert_eq!(
        (body.kind, body.body.as_str()),
        (BodyErrorKind::Interrupted, r#"{"statusCode":200,"#)
    );
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(envelope(Value::Null).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = authing::AuthenticationClient::builder()
        .app_id("app")
        .app_host(server.uri())
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = client
        .execute::<()>(Request::new(Method::GET, "/api/v3/slow"))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "GET /api/v3/slow: no response within 200ms"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = get_once(&url).await.unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.starts_with("GET /x: connection failed: "),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
}

#[tokio::test]
async fn the_plain_client_returns_the_whole_body_and_sends_its_headers() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(raw(200, r#"{"count":7}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri())
        .header("x-api-key", "k-123")
        .build()
        .unwrap();
    let request = Request::new(Method::PUT, "/things/{id}")
        .path_param("id", "a b")
        .json(&json!({"n": 1}));
    assert_eq!(
        client.execute::<Count>(request).await.unwrap(),
        Count { count: 7 }
    );
    let requests = server.received_requests().await.unwrap();
    let [request] = &requests[..] else {
        panic!("one request")
    };
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("PUT", "/things/a%20b")
    );
    assert_eq!(request.headers.get("x-api-key").unwrap(), "k-123");
    assert_eq!(request.body_json::<Value>().unwrap(), json!({"n": 1}));
}

#[tokio::test]
async fn an_invalid_request_is_reported_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = Client::new(&server.uri()).unwrap();
    let error = client
        .execute::<Value>(Request::new(Method::GET, "/things/{id}"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { reason, .. } if reason == "path parameter `id` is missing")
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// ARCHITECTURE.md, "Decoding policy": what a success envelope's `data` may hold beyond the spec.
#[tokio::test]
async fn decoding_accepts_what_the_spec_did_not_promise() {
    use authing::generated::common::{IsSuccessDto, UserDtoStatus};
    // A `data` where the spec promised none: the call succeeded, the extra is ignored.
    let () = call(envelope(json!({"success": true})), false)
        .await
        .unwrap();
    let () = call(envelope(json!([1, 2])), false).await.unwrap();
    // Fields the schema does not have: ignored.
    assert_eq!(
        call::<IsSuccessDto>(envelope(json!({"success": true, "added": 1})), false)
            .await
            .unwrap(),
        IsSuccessDto { success: true }
    );
    // An enum value the spec does not list: kept.
    assert_eq!(
        call::<UserDtoStatus>(envelope(json!("Frozen")), false)
            .await
            .unwrap(),
        UserDtoStatus::from("Frozen")
    );
}

/// ARCHITECTURE.md, "Decoding policy": what is rejected, as a decode error at its place.
#[tokio::test]
async fn decoding_rejects_what_contradicts_the_spec() {
    use authing::generated::common::IsSuccessDto;
    for (data, place) in [
        // A required field missing.
        (json!({}), "data"),
        // A field of another type.
        (json!({"success": "yes"}), "data.success"),
        // No `data` where the spec promises one.
        (Value::Null, "data"),
    ] {
        let error = call::<IsSuccessDto>(envelope(data.clone()), false)
            .await
            .unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{data}: expected a decode error, got {error:?}")
        };
        assert_eq!(decode.path, place, "{data}");
    }
    // An optional `data` that is there but malformed is an error, never `None`.
    let error = call::<Option<IsSuccessDto>>(envelope(json!({"success": 1})), false)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}
