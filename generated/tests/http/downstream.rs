//! The downstream example (`examples/downstream/`), run against a loopback server: what it
//! sends, in which order, and what it prints.

#[path = "../../examples/downstream/program.rs"]
mod program;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::support::{
    ACCESS_KEY_ID, ACCESS_KEY_SECRET, APP_ID, APP_SECRET, envelope, mount_management_token,
    received_on,
};
use program::{Config, Steps};

fn tokens() -> Value {
    json!({"access_token": "at-shh", "id_token": "it-shh", "token_type": "Bearer",
        "expire_in": 1_209_600, "scope": "openid profile"})
}

fn user(id: &str, username: &str) -> Value {
    json!({"userId": id, "username": username, "createdAt": "c", "updatedAt": "u",
        "status": "Activated", "workStatus": "Active", "gender": "U", "emailVerified": false,
        "phoneVerified": false, "userSourceType": "register"})
}

fn refusal(api_code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "statusCode": 400, "apiCode": api_code, "message": message, "requestId": "req-1",
    }))
}

/// A server with three users in pages of two, answering the sign-ins and `createUser` with
/// `password` and `create`.
async fn server(password: ResponseTemplate, create: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    mount_management_token(&server).await;
    let mount = |route: &'static str, response: ResponseTemplate| {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(response)
    };
    mount("/api/v3/signin-by-mobile", envelope(tokens()))
        .mount(&server)
        .await;
    mount("/api/v3/signin", password).mount(&server).await;
    mount("/api/v3/create-user", create).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v3/list-users"))
        .respond_with(|request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            let users = [user("u1", "ann"), user("u2", "bob"), user("u3", "cy")];
            let list: Vec<Value> = match body["options"]["pagination"]["page"].as_f64() {
                Some(1.0) => users[..2].to_vec(),
                Some(2.0) => users[2..].to_vec(),
                _ => Vec::new(),
            };
            envelope(json!({"totalCount": 3, "list": list}))
        })
        .mount(&server)
        .await;
    server
}

/// Runs the program against `server`: its exit code and output.
async fn run(server: &MockServer) -> (u8, String) {
    let config = Config {
        brand: authing::Brand::Authing,
        app_id: APP_ID.to_owned(),
        app_secret: Some(APP_SECRET.to_owned()),
        app_host: server.uri(),
        api_host: Some(server.uri()),
        access_key_id: ACCESS_KEY_ID.to_owned(),
        access_key_secret: ACCESS_KEY_SECRET.to_owned(),
    };
    let steps = Steps {
        ext_idp_connidentifier: "wechat-mobile".to_owned(),
        wechat_code: "wx-code-1".to_owned(),
        account: "ann".to_owned(),
        password: "pw-shh".to_owned(),
        new_username: "dee".to_owned(),
    };
    let mut out = Vec::new();
    let code = program::run(&config, &steps, &mut out).await;
    (code, String::from_utf8(out).unwrap())
}

/// The JSON bodies `server` received on `route`.
async fn bodies(server: &MockServer, route: &str) -> Vec<Value> {
    received_on(server, route)
        .await
        .iter()
        .map(|request| serde_json::from_slice(&request.body).unwrap())
        .collect()
}

#[tokio::test]
async fn the_downstream_program_signs_in_walks_the_users_and_creates_one() {
    let server = server(envelope(tokens()), envelope(user("u4", "dee"))).await;
    let (code, out) = run(&server).await;
    assert_eq!(
        out,
        "signed in by mobile: Bearer token\n\
         signed in by password: Bearer token\n\
         user 1: u1 (ann)\nuser 2: u2 (bob)\nuser 3: u3 (cy)\n3 users\n\
         created user u4\n"
    );
    assert_eq!(code, 0);

    let order: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    assert_eq!(
        order,
        [
            "/api/v3/signin-by-mobile",
            "/api/v3/signin",
            "/api/v3/get-management-token",
            "/api/v3/list-users",
            "/api/v3/list-users",
            "/api/v3/create-user",
        ]
    );
    let [mobile] = &bodies(&server, "/api/v3/signin-by-mobile").await[..] else {
        panic!("one mobile sign-in");
    };
    assert_eq!(mobile["extIdpConnidentifier"], "wechat-mobile");
    assert_eq!(mobile["connection"], "wechat");
    assert_eq!(mobile["wechatPayload"], json!({"code": "wx-code-1"}));
    let [password] = &bodies(&server, "/api/v3/signin").await[..] else {
        panic!("one password sign-in");
    };
    assert_eq!(password["connection"], "PASSWORD");
    assert_eq!(
        password["passwordPayload"],
        json!({"password": "pw-shh", "account": "ann"})
    );
    // Two pages: the second is short of the total, and reaches it.
    let pages: Vec<Value> = bodies(&server, "/api/v3/list-users")
        .await
        .into_iter()
        .map(|body| body["options"]["pagination"]["page"].clone())
        .collect();
    assert_eq!(pages, [json!(1), json!(2)]);
    assert_eq!(
        bodies(&server, "/api/v3/create-user").await,
        [json!({"username": "dee"})]
    );
}

#[tokio::test]
async fn the_downstream_program_reports_refusals_by_kind() {
    // A refused password is reported and the program goes on; a refused creation ends it.
    let server = server(
        refusal(2_001, "wrong password"),
        refusal(2_026, "user exists"),
    )
    .await;
    let (code, out) = run(&server).await;
    assert_eq!(
        out,
        "signed in by mobile: Bearer token\n\
         password refused for ann: wrong password (apiCode 2001)\n\
         user 1: u1 (ann)\nuser 2: u2 (bob)\nuser 3: u3 (cy)\n3 users\n\
         refused: user exists (apiCode 2026, requestId req-1)\n"
    );
    assert_eq!(code, 1);
    assert!(!out.contains("shh"), "no secret in the output:\n{out}");
}
