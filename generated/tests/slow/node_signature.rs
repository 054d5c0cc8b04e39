//! Management request signing against the node SDK's own code: every request the Rust client
//! sent (as the loopback server saw it) is signed again by the SDK's `buildSignature.ts`, and
//! the two authorizations are equal byte for byte.

use std::io::Write as _;
use std::process::{Command, Stdio};

use authing::runtime::{ApiClient, Method, Request};
use authing::{Language, ManagementAuthMethod, ManagementClient};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{node_harness, shared};

const ACCESS_KEY_ID: &str = "pool-ak-1";
const ACCESS_KEY_SECRET: &str = "access-key-secret-shh";

/// The requests sent: every way parameters reach the string to sign.
fn requests() -> Vec<Request> {
    vec![
        Request::new(Method::GET, "/api/v3/list-apps"),
        Request::new(Method::GET, "/api/v3/get-user")
            .query("userId", "u 1+2&3")
            .query("withCustomData", &true)
            .query("limit", &10.0_f64)
            .query("nickname", "名字"),
        Request::new(Method::GET, "/api/v3/get-users").query("ids", &["a", "b c"]),
        Request::new(Method::POST, "/api/v3/list-users").json(&json!({
            "keywords": "alice",
            "options": {"pagination": {"page": 1, "limit": 10}, "sortBy": [{"key": "createdAt"}]},
            "flag": false,
            "nothing": null,
            "名": "值",
        })),
        Request::new(Method::POST, "/api/v3/create-user").json(&json!({})),
        Request::new(Method::POST, "/api/v3/delete-users-batch")
            .json(&json!({"userIds": ["1", "2"]})),
    ]
}

#[tokio::test]
async fn signatures_match_the_node_sdk() {
    let what = "node SDK signature cross-check";
    let Some(sdk) = shared("sdks/authing-node-sdk-4.0.1", what) else {
        return;
    };
    let Some(harness) = node_harness("node-signature", what) else {
        return;
    };
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"statusCode": 200, "message": "ok", "data": null})),
        )
        .mount(&server)
        .await;
    let client = ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.uri())
        .user_pool_id("pool-1")
        .tenant_id("tenant-1")
        .language(Language::EnUs)
        .auth_method(ManagementAuthMethod::Signature)
        .build()
        .expect("valid configuration");
    let sent = requests();
    let count = sent.len();
    for request in sent {
        let _: Value = client.execute(request).await.expect("call");
    }
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), count, "no management token fetched");

    let mut input = String::new();
    for request in &received {
        let headers: serde_json::Map<String, Value> = request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = value.to_str().expect("ASCII header");
                (name.as_str().to_owned(), Value::from(value))
            })
            .collect();
        let line = json!({
            "method": request.method.as_str(),
            "path": request.url.path(),
            "query": request.url.query().unwrap_or(""),
            "headers": headers,
            "body": (!request.body.is_empty())
                .then(|| String::from_utf8(request.body.clone()).expect("UTF-8 body")),
            "accessKeyId": ACCESS_KEY_ID,
            "accessKeySecret": ACCESS_KEY_SECRET,
        });
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let mut child = Command::new(harness.join("node_modules/.bin/tsx"))
        .arg(harness.join("sign.ts"))
        .arg(&sdk)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tsx starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write requests");
    let output = child.wait_with_output().expect("tsx runs");
    assert!(
        output.status.success(),
        "tsx failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), count);
    for (request, node) in received.iter().zip(&lines) {
        let ours = request.headers["authorization"].to_str().expect("ASCII");
        assert_eq!(
            ours,
            node["authorization"].as_str().expect("authorization"),
            "{} {}: node signed {:?}",
            request.method,
            request.url,
            node["stringToSign"]
        );
        assert!(ours.starts_with("authing pool-ak-1:"), "{ours}");
    }
}
