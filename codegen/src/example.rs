//! Examples of the generated types, for the round-trip tests: the ones the spec gives whole
//! (`example` of a component schema, of a request or response body), and one per struct composed
//! from its properties' `example`s.
//!
//! Composition: a property with an `example` takes it; a required one without takes a neutral
//! value of its type (`""`, `0`, `false`, `[]`, `{}`, the first enum value, a composed struct,
//! the first connection with its payload); an optional one without is left out. An example of a
//! struct-typed property that lacks required members (docs often show a partial object) is
//! completed the same way.

use serde_json::{Map, Value, json};

use crate::ir::{Api, Example, Ty, TypeId, TypeKind};

/// Deeper than this, composition stops (recursive types) with `null`.
const MAX_DEPTH: usize = 8;

/// The spec's whole examples, then one composed example per struct.
pub fn all(api: &Api) -> Vec<Example> {
    let mut examples = api.examples.clone();
    for (i, def) in api.types.iter().enumerate() {
        if matches!(def.kind, TypeKind::Struct(_)) {
            let ty = Ty::Named(TypeId(i));
            let value = compose(api, &ty, 0);
            examples.push(Example {
                pointer: format!("{} (composed from its properties' examples)", def.pointer),
                ty,
                value,
            });
        }
    }
    examples
}

/// The text the secrets test puts in every secret field.
pub const SECRET_MARKER: &str = "secret-marker-7f3a";

/// One example per struct with a secret field: the composed example with every secret field
/// that can hold text set to [`SECRET_MARKER`], for the test that `Debug` never shows it.
pub fn secret_examples(api: &Api) -> Vec<Example> {
    let mut examples = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        let ty = Ty::Named(TypeId(i));
        let Value::Object(mut object) = compose(api, &ty, 0) else {
            continue;
        };
        let mut marked = false;
        for field in s.fields.iter().filter(|f| f.secret && !f.flatten) {
            if let Some(marker) = marker(api, &field.ty, 0) {
                object.insert(field.api_name.clone(), marker);
                marked = true;
            }
        }
        if marked {
            examples.push(Example {
                pointer: format!("{} (secret fields set to a marker)", def.pointer),
                ty,
                value: Value::Object(object),
            });
        }
    }
    examples
}

/// A value of `ty` that carries [`SECRET_MARKER`]; `None` when `ty` holds no text.
fn marker(api: &Api, ty: &Ty, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        Ty::String | Ty::Value => Some(json!(SECRET_MARKER)),
        Ty::Object => Some(json!({ "k": SECRET_MARKER })),
        Ty::Array(item) => marker(api, item, depth + 1).map(|m| json!([m])),
        Ty::Map(item) => marker(api, item, depth + 1).map(|m| json!({ "k": m })),
        Ty::Option(inner) => marker(api, inner, depth + 1),
        Ty::Named(id) => match &api.ty(*id).kind {
            TypeKind::Enum(_) => Some(json!(SECRET_MARKER)),
            TypeKind::Alias(target) | TypeKind::Newtype(target) => marker(api, target, depth + 1),
            _ => None,
        },
        _ => None,
    }
}

/// `example` with the required members it lacks added, at every depth, where `ty` is (an array
/// of, an alias of) a struct.
fn complete(api: &Api, ty: &Ty, example: Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return example;
    }
    match (ty, example) {
        (Ty::Array(item), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|v| complete(api, item, v, depth + 1))
                .collect(),
        ),
        (Ty::Option(inner), example) => complete(api, inner, example, depth + 1),
        (Ty::Named(id), example) => match (&api.ty(*id).kind, example) {
            (TypeKind::Alias(target) | TypeKind::Newtype(target), example) => {
                complete(api, target, example, depth + 1)
            }
            (TypeKind::Struct(s), Value::Object(mut given)) => {
                for field in s.fields.iter().filter(|f| !f.flatten) {
                    match given.remove(&field.api_name) {
                        Some(value) => {
                            given.insert(
                                field.api_name.clone(),
                                complete(api, &field.ty, value, depth + 1),
                            );
                        }
                        None if field.required => {
                            given
                                .insert(field.api_name.clone(), compose(api, &field.ty, depth + 1));
                        }
                        None => {}
                    }
                }
                Value::Object(given)
            }
            (_, example) => example,
        },
        (_, example) => example,
    }
}

/// A value of `ty` made of the spec's property examples.
fn compose(api: &Api, ty: &Ty, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        Ty::Unit | Ty::Value | Ty::Bytes | Ty::Option(_) => Value::Null,
        Ty::Bool => json!(false),
        Ty::I32 | Ty::I64 => json!(0),
        Ty::F32 | Ty::F64 => json!(0.0),
        Ty::String | Ty::Scopes => json!(""),
        Ty::Object | Ty::Map(_) => json!({}),
        Ty::Array(_) => json!([]),
        Ty::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(s) => {
                let mut object = Map::new();
                for field in &s.fields {
                    if field.flatten {
                        if let Value::Object(inline) = compose(api, &field.ty, depth + 1) {
                            object.extend(inline);
                        }
                    } else if let Some(example) = &field.example {
                        object.insert(
                            field.api_name.clone(),
                            complete(api, &field.ty, example.clone(), depth + 1),
                        );
                    } else if field.required {
                        object.insert(field.api_name.clone(), compose(api, &field.ty, depth + 1));
                    }
                }
                Value::Object(object)
            }
            TypeKind::Enum(e) => e
                .variants
                .first()
                .map_or(json!("unknown"), |v| json!(v.api_name)),
            TypeKind::Connection(c) => {
                let mut object = Map::new();
                if let Some(first) = c.variants.first() {
                    object.insert(c.tag.clone(), json!(first.variant.api_name));
                    if let Some((field, payload)) = &first.payload {
                        object.insert(field.clone(), compose(api, payload, depth + 1));
                    }
                }
                Value::Object(object)
            }
            TypeKind::Union(u) => {
                let Some(first) = u.variants.first() else {
                    return Value::Null;
                };
                let mut value = compose(api, &first.ty, depth + 1);
                if let (Some(tag), Some(tag_value), Value::Object(object)) =
                    (&u.tag, &first.value, &mut value)
                {
                    object.insert(tag.property.clone(), json!(tag_value));
                }
                value
            }
            TypeKind::Alias(target) | TypeKind::Newtype(target) => compose(api, target, depth + 1),
            TypeKind::QueryParams(_) => json!({}),
            // Sent as parts, never as JSON: no example.
            TypeKind::Multipart(_) => Value::Null,
        },
    }
}
