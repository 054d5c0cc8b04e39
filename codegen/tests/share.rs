//! Which types two APIs share (defined once in `common`, re-exported by both): each case is a
//! type of two specs' components and whether it is shared.

use authing_codegen::{Flavour, generate, share};
use serde_json::{Value, json};

/// A spec with `schemas` and one operation taking the optional query parameter `page`.
fn spec(schemas: Value) -> String {
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/list": {"get": {"operationId": "list",
            "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": schemas}})
    .to_string()
}

fn object(properties: Value) -> Value {
    json!({"type": "object", "properties": properties})
}

/// The shared types of the two specs, and the common module.
fn shared() -> (Vec<String>, String, String) {
    let id = json!({"type": "string"});
    let a = spec(json!({
        "Same": object(json!({"id": id, "tag": {"$ref": "#/components/schemas/Tag"}})),
        "Tag": {"type": "string", "enum": ["a", "b"]},
        "Documented": {"description": "first", "type": "object", "properties": {"id": id}},
        "Differs": object(json!({"id": id})),
        "HoldsDiffering": object(json!({"d": {"$ref": "#/components/schemas/Differs"}})),
        "OnlyHere": object(json!({"id": id}))}));
    let b = spec(json!({
        "Same": object(json!({"id": id, "tag": {"$ref": "#/components/schemas/Tag"}})),
        "Tag": {"type": "string", "enum": ["a", "b"]},
        "Documented": {"description": "second", "type": "object", "properties": {"id": id}},
        "Differs": object(json!({"id": {"type": "integer"}})),
        "HoldsDiffering": object(json!({"d": {"$ref": "#/components/schemas/Differs"}}))}));
    let mut a = generate(&a, Flavour::Generic).unwrap();
    let mut b = generate(&b, Flavour::Generic).unwrap();
    let common = share(&mut [&mut a, &mut b])
        .unwrap()
        .expect("something is shared");
    (common.types, common.source, a.source)
}

fn check(name: &str, is_shared: bool) {
    let (types, common, module) = shared();
    assert_eq!(
        types.iter().any(|t| t == name),
        is_shared,
        "{name} in {types:?}"
    );
    let declared = format!("pub struct {name} ");
    assert_eq!(common.contains(&declared), is_shared, "{name} in\n{common}");
    assert_eq!(
        module.contains(&declared),
        !is_shared,
        "{name} in\n{module}"
    );
}

#[test]
fn identical_types_are_shared_and_the_rest_is_not() {
    check("Same", true);
    // Docs do not count; the first API's are kept.
    check("Documented", true);
    assert!(shared().1.contains("/// first"));
    check("Differs", false);
    // Identical, but holding a type that differs: two types.
    check("HoldsDiffering", false);
    check("OnlyHere", false);
    // Operation parameters belong to their operation.
    check("ListParams", false);
    assert!(
        shared()
            .2
            .contains("pub use super::common::{Documented, Same, Tag};")
    );
}
