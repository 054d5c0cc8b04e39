//! Which V3 envelopes (`{statusCode, message, data}`) an Authing client keeps: one case per
//! schema of one spec, kept or not.

use authing_codegen::{Flavour, generate};
use serde_json::{Value, json};

/// An envelope whose `data` is `data`.
fn envelope(data: Value) -> Value {
    json!({"type": "object", "required": ["statusCode", "message"], "properties": {
        "statusCode": {"type": "integer"}, "message": {"type": "string"}, "data": data}})
}

/// The spec: `GET /user` returns `UsedRespDto`; the other schemas are only components.
fn spec() -> String {
    let user = json!({"$ref": "#/components/schemas/UserDto"});
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/user": {"get": {"operationId": "getUser", "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema":
                {"$ref": "#/components/schemas/UsedRespDto"}}}}}}}},
        "components": {"schemas": {
            "UserDto": {"type": "object", "properties": {"id": {"type": "string"}}},
            "OrphanDto": {"type": "object", "properties": {"id": {"type": "string"}}},
            "UsedRespDto": envelope(user.clone()),
            "DeadRespDto": envelope(json!({"type": "object", "properties": {
                "orphan": {"$ref": "#/components/schemas/OrphanDto"}}})),
            "HeldRespDto": envelope(user),
            "Holder": {"type": "object", "properties": {
                "held": {"$ref": "#/components/schemas/HeldRespDto"}}}}}})
    .to_string()
}

fn check(flavour: Flavour, name: &str, kept: bool) {
    let generated = generate(&spec(), flavour).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = generated
        .api
        .types
        .iter()
        .map(|t| t.rust_name.as_str())
        .collect();
    assert_eq!(
        names.contains(&name),
        kept,
        "{name} in {names:?} ({flavour:?})"
    );
    let declared = format!("pub struct {name} ");
    assert_eq!(
        generated.source.contains(&declared),
        kept,
        "{name} in the source"
    );
}

#[test]
fn envelopes_no_method_returns_are_dropped() {
    // The method returns `data`, not the envelope.
    check(Flavour::Management, "UsedRespDto", false);
    check(Flavour::Management, "UserDto", true);
    // Returned by nobody, held by nobody: gone, with its inline `data` type.
    check(Flavour::Management, "DeadRespDto", false);
    check(Flavour::Management, "DeadRespDtoData", false);
    // A component the dead envelope held is still a schema of the API.
    check(Flavour::Management, "OrphanDto", true);
    // Held by a kept schema: a value users can meet.
    check(Flavour::Management, "HeldRespDto", true);
    check(Flavour::Authentication, "DeadRespDto", false);
    // A generic client returns whole bodies: every schema stays.
    check(Flavour::Generic, "UsedRespDto", true);
    check(Flavour::Generic, "DeadRespDto", true);
    check(Flavour::Generic, "DeadRespDtoData", true);
}
