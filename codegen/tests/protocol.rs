//! `x-protocol` operations (OIDC / OAuth 2.0 / CAS endpoints): raw methods without the V3
//! envelope, and no method at all for a browser endpoint that only answers `302`. One case per
//! operation of one spec.

use authing_codegen::ir::{BodyEncoding, ResponseFormat};
use authing_codegen::{Flavour, generate};
use serde_json::{Value, json};

/// An operation answering `status` with `content` (empty: no body), marked `extensions`.
fn op(id: &str, status: &str, content: Value, extensions: Value) -> Value {
    let mut op = json!({"operationId": id, "responses": {status: {"description": "ok",
        "content": content}}});
    op.as_object_mut()
        .unwrap()
        .extend(extensions.as_object().unwrap().clone());
    op
}

/// An envelope-shaped JSON body: an Authing client would return its `data`.
fn envelope() -> Value {
    json!({"application/json": {"schema": {"type": "object", "properties": {
        "statusCode": {"type": "integer"}, "message": {"type": "string"},
        "data": {"type": "string"}}}}})
}

fn spec() -> String {
    let form = json!({"required": true, "content": {"application/x-www-form-urlencoded": {
        "schema": {"type": "object", "required": ["grant_type"], "properties": {
            "grant_type": {"type": "string"}}}}}});
    let mut token = op(
        "oidcToken",
        "200",
        envelope(),
        json!({"x-protocol": "oidc", "x-token-endpoint": true}),
    );
    token["requestBody"] = form;
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
        "/oidc/token": {"post": token},
        "/oidc/me": {"get": op("oidcUserInfo", "200", envelope(), json!({"x-protocol": "oidc"}))},
        "/v3/me": {"get": op("v3Me", "200", envelope(), json!({}))},
        "/oidc/auth": {"get": op("oidcAuthorize", "302", json!({}), json!({"x-protocol": "oidc"}))},
        "/v3/moved": {"get": op("v3Moved", "302", json!({}), json!({}))},
        "/not/protocol": {"get": op("notProtocol", "200", envelope(), json!({"x-protocol": true}))},
        "/cas/validate": {"get": op("casValidate", "200",
            json!({"text/plain": {"schema": {"type": "string"}}}), json!({"x-protocol": "cas"}))},
    }})
    .to_string()
}

/// What the operation `id` became: `None` when it has no method, else (unwrapped, token
/// endpoint, response format, body encoding).
type Shape = Option<(bool, bool, ResponseFormat, Option<BodyEncoding>)>;

fn check(id: &str, expected: Shape) {
    let generated = generate(&spec(), Flavour::Authentication).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let shape = generated
        .api
        .client
        .operations
        .iter()
        .find(|o| o.api_name == id)
        .map(|o| {
            (
                o.unwrapped,
                o.token_endpoint,
                o.response_format,
                o.body.as_ref().map(|b| b.encoding),
            )
        });
    assert_eq!(shape, expected, "{id}");
}

#[test]
fn protocol_operations_are_raw_methods() {
    use ResponseFormat::{Json, Text};
    // The whole body, even when it looks like the envelope; client authentication and a form.
    check(
        "oidcToken",
        Some((true, true, Json, Some(BodyEncoding::Form))),
    );
    check("oidcUserInfo", Some((true, false, Json, None)));
    // Without the extension the same body is the envelope.
    check("v3Me", Some((false, false, Json, None)));
    // A browser endpoint is a URL, not a call; a V3 operation answering 302 keeps its method.
    check("oidcAuthorize", None);
    check("v3Moved", Some((false, false, Json, None)));
    // `x-protocol` names a protocol; a boolean is not one.
    check("notProtocol", Some((false, false, Json, None)));
    check("casValidate", Some((true, false, Text, None)));
}
