//! CAS on loopback: the ticket validations (CAS 1.0 text, CAS 2.0 XML and JSON) send the
//! ticket and service to the app host's `/cas-idp/{appId}/...` and read every kind of answer
//! into the user or a typed failure; the login and logout URLs.

use authing::cas::{CasError, CasFailure, CasFailureCode, CasUser};
use authing::runtime::Secret;
use authing::{AuthenticationClient, TokenEndpointAuthMethod};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{APP_ID, authentication_client, only_request};

const TICKET: &str = "ST-1-cas-ticket-shh";
const SERVICE: &str = "https://app.example.com/cb?x=1&y=2";

const SUCCESS_XML: &str = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>test1@123.com</cas:user>
    <cas:attributes>
      <cas:updated_at/>
      <cas:address><cas:locality/><cas:street_address>1 Road</cas:street_address></cas:address>
      <cas:email_verified>false</cas:email_verified>
      <cas:sub>6063fcd01d0d2e39d4596904</cas:sub>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>"#;

const FAILURE_XML: &str = r#"<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationFailure code="INVALID_TICKET">
        Ticket 不合法
    </cas:authenticationFailure>
</cas:serviceResponse>"#;

/// A server answering every request with `status` and `body`, and a client of it.
async fn serve(status: u16, body: &str) -> (MockServer, AuthenticationClient) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(&server)
        .await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    (server, client)
}

/// Checks the one validation request `server` received on `path`: a GET with exactly
/// `expected` as its query pairs.
async fn check_request(server: &MockServer, path: &str, expected: &[(&str, &str)]) {
    let request = only_request(server, path).await;
    assert_eq!(request.method.as_str(), "GET");
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs, expected);
}

/// What `validate_ticket_v1` gives for a server answering `status` with `body`.
async fn v1(status: u16, body: &str) -> Result<String, CasError> {
    let (_server, client) = serve(status, body).await;
    client
        .validate_ticket_v1(&Secret::new(TICKET), SERVICE)
        .await
}

/// What `validate_ticket_v2` gives for a server answering `status` with `body`.
async fn v2(status: u16, body: &str) -> Result<CasUser, CasError> {
    let (_server, client) = serve(status, body).await;
    client
        .validate_ticket_v2(&Secret::new(TICKET), SERVICE)
        .await
}

fn rejected(code: CasFailureCode, description: &str) -> CasFailure {
    CasFailure {
        code,
        description: description.to_owned(),
    }
}

#[track_caller]
fn assert_rejected(error: CasError, expected: CasFailure) {
    let debug = format!("{error:?} {error}");
    assert!(!debug.contains(TICKET), "{debug}");
    match error {
        CasError::Rejected(failure) => assert_eq!(failure, expected),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[track_caller]
fn assert_malformed(error: CasError, reason_start: &str) {
    match error {
        CasError::Malformed { reason, .. } => assert!(reason.starts_with(reason_start), "{reason}"),
        other => panic!("expected a malformed answer, got {other:?}"),
    }
}

const V1: &str = "/cas-idp/app-id-1/validate";
const V2: &str = "/cas-idp/app-id-1/serviceValidate";

#[tokio::test]
async fn v1_yes_names_the_user_and_sends_service_and_ticket() {
    let (server, client) = serve(200, "yes\nalice\n").await;
    let user = client
        .validate_ticket_v1(&Secret::new(TICKET), SERVICE)
        .await
        .unwrap();
    assert_eq!(user, "alice");
    check_request(&server, V1, &[("service", SERVICE), ("ticket", TICKET)]).await;
}

#[tokio::test]
async fn v1_no_is_an_invalid_ticket() {
    let error = v1(200, "no\n\n").await.unwrap_err();
    let expected = rejected(CasFailureCode::InvalidTicket, "the CAS 1.0 answer is `no`");
    assert_rejected(error, expected);
}

#[tokio::test]
async fn v1_anything_else_is_malformed() {
    let error = v1(200, "<html>maintenance</html>").await.unwrap_err();
    assert_malformed(error, "neither `yes` nor `no`");
}

#[tokio::test]
async fn v2_success_reads_the_user_and_attributes_and_asks_for_xml() {
    let (server, client) = serve(200, SUCCESS_XML).await;
    let user = client
        .validate_ticket_v2(&Secret::new(TICKET), SERVICE)
        .await
        .unwrap();
    assert_eq!(user.user, "test1@123.com");
    assert_eq!(
        serde_json::Value::Object(user.attributes.clone()),
        json!({"updated_at": null, "address": {"locality": null, "street_address": "1 Road"}, "email_verified": "false", "sub": "6063fcd01d0d2e39d4596904"})
    );
    assert_eq!(
        user.attribute("sub").as_deref(),
        Some("6063fcd01d0d2e39d4596904")
    );
    assert_eq!(user.attribute("address"), None);
    let query = [("service", SERVICE), ("ticket", TICKET), ("format", "XML")];
    check_request(&server, V2, &query).await;
}

#[tokio::test]
async fn v2_json_rendering_is_read_too() {
    let body = json!({"serviceResponse": {"authenticationSuccess": {"user": "bob", "attributes": {"email_verified": true}}}});
    let (_server, client) = serve(200, &body.to_string()).await;
    let user = client
        .validate_ticket_v2(&Secret::new(TICKET), SERVICE)
        .await
        .unwrap();
    assert_eq!(user.user, "bob");
    assert_eq!(user.attribute("email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn v2_failures_are_typed_with_or_without_an_error_status() {
    for status in [200, 401] {
        let error = v2(status, FAILURE_XML).await.unwrap_err();
        assert_rejected(
            error,
            rejected(CasFailureCode::InvalidTicket, "Ticket 不合法"),
        );
    }
    let json = json!({"serviceResponse": {"authenticationFailure": {"code": "INVALID_SERVICE", "description": "wrong service"}}});
    let error = v2(200, &json.to_string()).await.unwrap_err();
    assert_rejected(
        error,
        rejected(CasFailureCode::InvalidService, "wrong service"),
    );
}

#[tokio::test]
async fn v2_malformed_answers_and_gateway_errors_are_not_users() {
    let error = v2(200, "<cas:serviceResponse").await.unwrap_err();
    assert_malformed(error, "not XML");
    let other_root = "<html><body>CAS</body></html>";
    let error = v2(200, other_root).await.unwrap_err();
    assert_malformed(error, "the root element is not cas:serviceResponse");
    let error = v2(502, "<html>bad gateway</html>").await.unwrap_err();
    let CasError::Http(error) = error else {
        panic!("expected an HTTP error, got {error:?}")
    };
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(502));
    assert!(!format!("{error:?}").contains(TICKET));
}

#[tokio::test]
async fn an_empty_ticket_or_service_sends_nothing() {
    let (server, client) = serve(200, "yes\nalice\n").await;
    let error = client
        .validate_ticket_v1(&Secret::new(" "), SERVICE)
        .await
        .unwrap_err();
    assert!(matches!(error, CasError::Empty("ticket")), "{error:?}");
    let error = client
        .validate_ticket_v2(&Secret::new(TICKET), "")
        .await
        .unwrap_err();
    assert!(matches!(error, CasError::Empty("service")), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn login_and_logout_urls_are_on_the_app_host_and_encoded() {
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.authing.cn/")
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .build()
        .unwrap();
    let check = |actual: String, expected: &str| assert_eq!(actual, expected);
    check(
        client.cas_login_url(Some(SERVICE)),
        "https://example.authing.cn/cas-idp/app-id-1?service=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1%26y%3D2",
    );
    check(
        client.cas_login_url(None),
        "https://example.authing.cn/cas-idp/app-id-1",
    );
    check(
        client.cas_logout_url(Some("https://app.example.com/bye")),
        "https://example.authing.cn/cas-idp/logout?url=https%3A%2F%2Fapp.example.com%2Fbye",
    );
    check(
        client.cas_logout_url(None),
        "https://example.authing.cn/cas-idp/logout",
    );
    // The SAML IdP's, as the node SDK's `buildAuthorizeUrl` with `protocol: "saml"`.
    check(
        client.saml_login_url(),
        "https://example.authing.cn/api/v2/saml-idp/app-id-1",
    );
}
