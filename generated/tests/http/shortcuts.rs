//! The sign-in and sign-up shortcuts send the bodies the node SDK's shortcuts build
//! (`AuthenticationClient.ts`, "基于 signInByCredentials / signUp 封装"), with the app's client
//! authentication added on the sign-in token endpoint as the node SDK does for
//! `client_secret_post`. `tests/wire` runs the node SDK itself on the same cases.

use std::future::Future;
use std::pin::Pin;

use authing::generated::authentication::{SignInOptionsDto, SignUpProfileDto};
use authing::runtime::Secret;
use authing::{AuthenticationClient, Error, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer};

use crate::support::{
    APP_ID, APP_SECRET, Seen, authentication_client, envelope, header, only_request,
};

type Call = Box<dyn Fn(AuthenticationClient) -> Pin<Box<dyn Future<Output = Result<(), Error>>>>>;

/// `call!(|client| client.method(...))`: a shortcut call whose result is dropped.
macro_rules! call {
    (|$c:ident| $call:expr) => {
        Box::new(|$c: AuthenticationClient| {
            Box::pin(async move { $call.await.map(drop) }) as Pin<Box<dyn Future<Output = _>>>
        }) as Call
    };
}

fn pw() -> Secret {
    Secret::new("pw-shh")
}

fn code() -> Secret {
    Secret::new("1234")
}

/// Calls `call` on a client with `method` and checks that `POST {wanted}` received `body`.
async fn check(method: TokenEndpointAuthMethod, call: Call, wanted: &str, mut body: Value) {
    let server = MockServer::start().await;
    let token = json!({"access_token": "at", "token_type": "Bearer", "expire_in": 1209600});
    Mock::given(path("/api/v3/signin"))
        .respond_with(envelope(token))
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/signup"))
        .respond_with(envelope(json!(null)))
        .mount(&server)
        .await;
    let result = call(authentication_client(&server, method)).await;
    let request = only_request(&server, wanted).await;
    let sign_in = wanted == "/api/v3/signin";
    if sign_in {
        result.expect("the sign-in answer decodes");
        if method == TokenEndpointAuthMethod::ClientSecretPost {
            body["client_id"] = json!(APP_ID);
            body["client_secret"] = json!(APP_SECRET);
        }
    }
    assert_eq!(Seen::of(&request), Seen::post(wanted, body), "{method}");
    let basic = header(&request, "authorization").is_some_and(|h| h.starts_with("Basic "));
    let expect_basic = sign_in && method == TokenEndpointAuthMethod::ClientSecretBasic;
    assert_eq!(basic, expect_basic, "{wanted} with {method}");
}

fn options() -> Option<SignInOptionsDto> {
    Some(SignInOptionsDto {
        client_ip: Some("10.0.0.1".to_owned()),
        ..SignInOptionsDto::default()
    })
}

fn profile() -> Option<SignUpProfileDto> {
    Some(SignUpProfileDto {
        nickname: Some("Al".to_owned()),
        ..SignUpProfileDto::default()
    })
}

const SIGN_IN: &str = "/api/v3/signin";
const SIGN_UP: &str = "/api/v3/signup";

fn cases() -> Vec<(Call, &'static str, Value)> {
    vec![
        (
            call!(|c| c.sign_in_by_email_password("a@example.com", &pw(), None)),
            SIGN_IN,
            json!({"connection": "PASSWORD", "passwordPayload": {"email": "a@example.com", "password": "pw-shh"}}),
        ),
        (
            call!(|c| c.sign_in_by_phone_password("13800000000", &pw(), options())),
            SIGN_IN,
            json!({"connection": "PASSWORD", "passwordPayload": {"phone": "13800000000", "password": "pw-shh"}, "options": {"clientIp": "10.0.0.1"}}),
        ),
        (
            call!(|c| c.sign_in_by_username_password("alice", &pw(), None)),
            SIGN_IN,
            json!({"connection": "PASSWORD", "passwordPayload": {"username": "alice", "password": "pw-shh"}}),
        ),
        (
            call!(|c| c.sign_in_by_account_password("alice@x", &pw(), None)),
            SIGN_IN,
            json!({"connection": "PASSWORD", "passwordPayload": {"account": "alice@x", "password": "pw-shh"}}),
        ),
        (
            call!(|c| c.sign_in_by_email_pass_code("a@example.com", &code(), None)),
            SIGN_IN,
            json!({"connection": "PASSCODE", "passCodePayload": {"email": "a@example.com", "passCode": "1234"}}),
        ),
        (
            call!(|c| c.sign_in_by_phone_pass_code("13800000000", Some("+86"), &code(), None)),
            SIGN_IN,
            json!({"connection": "PASSCODE", "passCodePayload": {"phone": "13800000000", "phoneCountryCode": "+86", "passCode": "1234"}}),
        ),
        (
            call!(|c| c.sign_in_by_phone_pass_code("13800000000", None, &code(), None)),
            SIGN_IN,
            json!({"connection": "PASSCODE", "passCodePayload": {"phone": "13800000000", "passCode": "1234"}}),
        ),
        (
            call!(|c| c.sign_in_by_ad("alice", &pw(), None)),
            SIGN_IN,
            json!({"connection": "AD", "adPayload": {"sAMAccountName": "alice", "password": "pw-shh"}}),
        ),
        (
            call!(|c| c.sign_in_by_ldap("alice", &pw(), options())),
            SIGN_IN,
            json!({"connection": "LDAP", "ldapPayload": {"sAMAccountName": "alice", "password": "pw-shh"}, "options": {"clientIp": "10.0.0.1"}}),
        ),
        (
            call!(|c| c.sign_up_by_email_password("a@example.com", &pw(), None, None)),
            SIGN_UP,
            json!({"connection": "PASSWORD", "passwordPayload": {"email": "a@example.com", "password": "pw-shh"}}),
        ),
        (
            call!(|c| c.sign_up_by_username_password("alice", &pw(), profile(), None)),
            SIGN_UP,
            json!({"connection": "PASSWORD", "passwordPayload": {"username": "alice", "password": "pw-shh"}, "profile": {"nickname": "Al"}}),
        ),
        (
            call!(|c| c.sign_up_by_email_code("a@example.com", &code(), None, None)),
            SIGN_UP,
            json!({"connection": "PASSCODE", "passCodePayload": {"email": "a@example.com", "passCode": "1234"}}),
        ),
        (
            call!(|c| c.sign_up_by_phone_code("13800000000", Some("+86"), &code(), None, None)),
            SIGN_UP,
            json!({"connection": "PASSCODE", "passCodePayload": {"phone": "13800000000", "phoneCountryCode": "+86", "passCode": "1234"}}),
        ),
    ]
}

#[tokio::test]
async fn each_shortcut_sends_the_node_sdk_body_under_each_client_auth_method() {
    use TokenEndpointAuthMethod::*;
    for method in [None, ClientSecretPost, ClientSecretBasic] {
        for (call, wanted, body) in cases() {
            check(method, call, wanted, body).await;
        }
    }
}
