//! The seeds' mini program login end to end: launch request, the mini program's answer, and the
//! legacy ticket exchange on the core host (not enveloped).

use authing::mini_program::{MiniProgramCallback, MiniProgramLaunch, MiniProgramUser};
use authing::runtime::Secret;
use authing::{AuthenticationClient, Brand, Error, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{APP_ID, Seen, header, only_request};

/// The user object of seed 003's sample answer.
fn seed_user() -> Value {
    json!({
        "emailVerified": false,
        "username": "jack",
        "nickname": "jack",
        "company": "",
        "photo": "https://usercontents.genauth.ai/avatar-5e57540f84622ae263294a42-1582781455906",
        "loginsCount": 2,
        "registerMethod": "oauth:app2wxapp",
        "blocked": false,
        "isDeleted": false,
        "_id": "5e57540f84622ae263294a42",
        "unionid": "o0pqE6Fbr5M-exSu_PeL_sjwN44U",
        "openid": "o1p9H4wAgb9uTqpxG5Z1g0pIr3FE",
        "lastIP": "::ffff:192.168.0.106",
        "token": "user-jwt-shh",
        "tokenExpiredAt": "2020-03-13T05:33:20.000Z",
        "phone": "188xxxx8888"
    })
}

/// A client of `brand` whose core host is `server`.
fn client(server: &MockServer, brand: Brand) -> AuthenticationClient {
    AuthenticationClient::builder()
        .brand(brand)
        .app_id(APP_ID)
        .app_host("https://app.example.invalid")
        .core_host(server.uri())
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .build()
        .unwrap()
}

/// Exchanges `ticket` (with `secret`) and checks what arrives at the core host.
async fn check_exchange(brand: Brand, secret: Option<&str>, body: Value) -> MiniProgramUser {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(seed_user()))
        .mount(&server)
        .await;
    let secret = secret.map(Secret::new);
    let user = client(&server, brand)
        .exchange_mini_program_ticket(
            "5e4cdd055df3df65dc58b97d",
            &Secret::new("ticket-1"),
            secret.as_ref(),
        )
        .await
        .expect("user");
    let path = "/oauth/app2wxapp/auth/5e4cdd055df3df65dc58b97d";
    let request = &only_request(&server, path).await;
    assert_eq!(Seen::of(request), Seen::post(path, body));
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(
        header(request, &format!("{}-app-id", brand.header_prefix())),
        Some(APP_ID)
    );
    user
}

#[tokio::test]
async fn the_ticket_exchange_posts_the_ticket_and_the_pool_secret_and_returns_the_user() {
    let user = check_exchange(
        Brand::Authing,
        Some("pool-secret"),
        json!({"ticket": "ticket-1", "secret": "pool-secret"}),
    )
    .await;
    assert_eq!(user.id, "5e57540f84622ae263294a42");
    assert_eq!(user.token.expose(), "user-jwt-shh");
    assert_eq!(user.phone.as_deref(), Some("188xxxx8888"));
    assert_eq!(user.register_method.as_deref(), Some("oauth:app2wxapp"));
    assert_eq!(
        user.token_expired_at.as_deref(),
        Some("2020-03-13T05:33:20.000Z")
    );
    assert_eq!(user.other["loginsCount"], json!(2));
    let debug = format!("{user:?}");
    assert!(!debug.contains("user-jwt-shh"), "{debug}");
}

#[tokio::test]
async fn the_pool_secret_is_optional_and_the_brand_sets_the_headers() {
    check_exchange(Brand::GenAuth, None, json!({"ticket": "ticket-1"})).await;
}

#[tokio::test]
async fn a_legacy_error_answer_is_a_decode_error_that_keeps_the_body() {
    let server = MockServer::start().await;
    let answer = json!({"code": 2004, "message": "ticket expired"});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .mount(&server)
        .await;
    let error = client(&server, Brand::Authing)
        .exchange_mini_program_ticket("pool", &Secret::new("t"), None)
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(decode.body, answer.to_string());
}

#[tokio::test]
async fn launch_answer_and_exchange_fit_together() {
    let launch = MiniProgramLaunch::new("5e4cdd055df3df65dc58b97d").unwrap();
    assert_eq!(launch.user_name(), "gh_a781a791e29e");
    assert_eq!(
        launch.path(),
        "/routers/explore?userPoolId=5e4cdd055df3df65dc58b97d&getPhone=1&fromApp=1&useSelfWxapp=0"
    );

    let ticket = MiniProgramCallback::parse("code=200&message=%E6%88%90%E5%8A%9F&ticket=tk%2B1")
        .unwrap()
        .into_ticket()
        .unwrap();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(seed_user()))
        .mount(&server)
        .await;
    client(&server, Brand::Authing)
        .exchange_mini_program_ticket("5e4cdd055df3df65dc58b97d", &ticket, None)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"ticket": "tk+1"})
    );

    let refused = MiniProgramCallback::parse("code=500&message=cancelled")
        .unwrap()
        .into_ticket()
        .unwrap_err();
    let error = Error::from(refused);
    assert_eq!(
        error.to_string(),
        "the mini program answered code 500: cancelled"
    );
}

#[tokio::test]
async fn the_generated_legacy_method_goes_to_the_configured_core_host_too() {
    use authing::generated::authentication::OauthApp2wxappAuthBody;
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(seed_user()))
        .mount(&server)
        .await;
    // The spec names the public core host; the client sends the call to its own core host.
    let body = OauthApp2wxappAuthBody {
        ticket: "ticket-2".to_owned(),
        secret: None,
    };
    let user = client(&server, Brand::GenAuth)
        .oauth_app2wxapp_auth("pool-1", &body)
        .await
        .expect("user");
    assert_eq!(user.phone.as_deref(), Some("188xxxx8888"));
    let request = only_request(&server, "/oauth/app2wxapp/auth/pool-1").await;
    let body = json!({"ticket": "ticket-2"});
    assert_eq!(
        Seen::of(&request),
        Seen::post("/oauth/app2wxapp/auth/pool-1", body)
    );
}
