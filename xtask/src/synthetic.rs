//! Synthetic OpenAPI specs of any size: the scale benchmark's inputs (`cargo xtask bench
//! scale`), and small ones whose generated crates the corpus test compiles.

use serde_json::{Map, Value, json};

/// The shape of a synthetic spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `n` operations, each with path, query and header parameters, a JSON body and response
    /// of its own schema (a string, an integer, an enum, an array, a map, a reference to the
    /// previous schema).
    Operations,
    /// One operation returning one schema of `n` properties.
    Wide,
}

/// The spec of `n` operations or properties of `kind`, as JSON text.
pub fn spec(kind: Kind, n: usize) -> String {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    match kind {
        Kind::Operations => {
            for i in 0..n {
                let previous = if i == 0 { n - 1 } else { i - 1 };
                schemas.insert(
                    format!("Item{i}"),
                    json!({
                        "type": "object",
                        "required": ["id"],
                        "properties": {
                            "id": {"type": "string", "description": format!("Item {i}'s id.")},
                            "count": {"type": "integer", "format": "int32"},
                            "state": {"type": "string", "enum": ["on", "off", format!("s{i}")]},
                            "tags": {"type": "array", "items": {"type": "string"}},
                            "extra": {"type": "object", "additionalProperties": {"type": "number"}},
                            "previous": {"$ref": format!("#/components/schemas/Item{previous}")},
                        },
                    }),
                );
                let schema = json!({"$ref": format!("#/components/schemas/Item{i}")});
                let operation = json!({
                    "operationId": format!("updateItem{i}"),
                    "summary": format!("Updates item kind {i}."),
                    "parameters": [
                        {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {"name": "ids", "in": "query", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                        {"name": "X-Request-Id", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
                });
                paths.insert(format!("/items{i}/{{id}}"), json!({"post": operation}));
            }
        }
        Kind::Wide => {
            let properties: Map<String, Value> = (0..n)
                .map(|i| {
                    let schema = match i % 3 {
                        0 => json!({"type": "string"}),
                        1 => json!({"type": "integer"}),
                        _ => json!({"type": "array", "items": {"type": "boolean"}}),
                    };
                    (format!("field_{i}"), schema)
                })
                .collect();
            schemas.insert(
                "Wide".into(),
                json!({"type": "object", "properties": properties}),
            );
            paths.insert(
                "/wide".into(),
                json!({"get": {"operationId": "getWide", "responses": {"200": {"description": "ok",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Wide"}}}}}}}),
            );
        }
    }
    serde_json::to_string(&json!({
        "openapi": "3.0.3",
        "info": {"title": "scale", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }))
    .expect("JSON")
}
