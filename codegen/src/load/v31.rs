//! OpenAPI 3.1 read as 3.0: a normalising pass on the document tree, before `openapiv3`.
//!
//! Why a pass and not another parser: the rest of codegen (lowering, the IR, emission) is
//! written against `openapiv3`'s 3.0 model, and what 3.1 adds that a Rust client can use is
//! small and maps onto 3.0 constructs one node at a time. No maintained Rust crate models 3.1
//! *and* 3.0 behind one API; a second model would duplicate the whole lowering. So each 3.1
//! construct is rewritten in place, and what has no 3.0 form is removed with a warning at its
//! pointer saying what users lose.
//!
//! | 3.1 | read as |
//! | --- | --- |
//! | `type: [T, "null"]` | `type: T, nullable: true` |
//! | `type: [T, U, ...]` | `anyOf` of one schema per type (a warning: keywords of one type apply to all) |
//! | `type: "null"` | `nullable: true` (any value) |
//! | `const: v` | `enum: [v]` |
//! | `examples: [a, ...]` in a schema | `example: a` |
//! | `$ref` with other keywords | `allOf: [{$ref}]` plus the keywords (annotations alone are dropped) |
//! | `exclusiveMinimum: n` / `exclusiveMaximum: n` | `minimum: n, exclusiveMinimum: true` (and max) |
//! | `prefixItems` | an array of `items` (or of any value), with a warning: tuple positions are not typed |
//! | `contentMediaType`, `contentEncoding`, `$schema`, `$id`, `$anchor`, `$comment` | dropped (no effect on types) |
//! | `if`/`then`/`else`, `dependentSchemas`, `patternProperties`, `propertyNames`, `unevaluatedProperties`, `contains`, `$defs`, ... | dropped with a warning |
//! | `webhooks`, `components/pathItems` | dropped with a warning: not generated |
//! | no `paths` | `paths: {}` |

use serde_yaml_ng::{Mapping, Value};

use crate::diagnostic::{Diagnostic, escape_token};

/// Keywords with no 3.0 form that change what a value may be: removed, with a warning.
const UNSUPPORTED: &[&str] = &[
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "$defs",
    "$dynamicRef",
    "$dynamicAnchor",
];
/// Keywords with no effect on the generated types: removed silently.
const IGNORED: &[&str] = &[
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$vocabulary",
];
/// Keywords next to a `$ref` that only annotate it.
const ANNOTATIONS: &[&str] = &["description", "summary", "title", "$comment", "deprecated"];

/// Rewrites a 3.1 document into its 3.0 reading; warnings for what is lost.
pub fn normalise(document: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let Value::Mapping(root) = document else {
        return;
    };
    root.insert("openapi".into(), "3.0.3".into());
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    if let Some(Value::Mapping(hooks)) = root.remove("webhooks") {
        if !hooks.is_empty() {
            warnings.push(Diagnostic::warning(
                "/webhooks",
                "webhooks are not generated (they are requests the API sends, not calls to it)",
            ));
        }
    }
    if let Some(Value::Mapping(components)) = root.get_mut("components") {
        if components.remove("pathItems").is_some() {
            warnings.push(Diagnostic::warning(
                "/components/pathItems",
                "`components/pathItems` is not supported; path items referring to them are skipped",
            ));
        }
    }
    walk(document, &mut String::new(), warnings);
}

/// Finds the root schemas (`schema` values, `components/schemas` entries) and normalises them.
fn walk(value: &mut Value, pointer: &mut String, warnings: &mut Vec<Diagnostic>) {
    match value {
        Value::Mapping(map) => {
            let in_components = pointer == "/components/schemas";
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default().to_owned();
                if key.starts_with("x-") || key == "example" || key == "examples" {
                    continue;
                }
                let len = push(pointer, &key);
                if in_components || key == "schema" {
                    schema(child, pointer, warnings);
                } else {
                    walk(child, pointer, warnings);
                }
                pointer.truncate(len);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = push(pointer, &i.to_string());
                walk(item, pointer, warnings);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Normalises one schema and its subschemas.
fn schema(value: &mut Value, pointer: &mut String, warnings: &mut Vec<Diagnostic>) {
    let Value::Mapping(map) = value else {
        return;
    };
    for key in IGNORED {
        map.remove(*key);
    }
    for key in UNSUPPORTED {
        if map.remove(*key).is_some() {
            warnings.push(Diagnostic::warning(
                format!("{pointer}/{}", escape_token(key)),
                format!("`{key}` is not supported; ignored (values it would reject are accepted)"),
            ));
        }
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), Value::Sequence(vec![value]));
    }
    if let Some(Value::Sequence(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), n);
            map.insert(exclusive.into(), true.into());
        }
    }
    if let Some(Value::Sequence(types)) = map.get("type").cloned() {
        let null = types.iter().any(|t| t.as_str() == Some("null"));
        let rest: Vec<Value> = types
            .into_iter()
            .filter(|t| t.as_str() != Some("null"))
            .collect();
        if null {
            map.insert("nullable".into(), true.into());
        }
        match rest.as_slice() {
            [] => {
                map.remove("type");
            }
            [only] => {
                map.insert("type".into(), only.clone());
            }
            many => {
                map.remove("type");
                let alternatives = many
                    .iter()
                    .map(|t| Value::Mapping(Mapping::from_iter([("type".into(), t.clone())])))
                    .collect();
                map.insert("anyOf".into(), Value::Sequence(alternatives));
                warnings.push(Diagnostic::warning(
                    format!("{pointer}/type"),
                    "a list of types is read as `anyOf` of one schema per type; the other keywords apply to the whole",
                ));
            }
        }
    } else if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), true.into());
    }
    if let Some(Value::Sequence(_)) = map.remove("prefixItems") {
        warnings.push(Diagnostic::warning(
            format!("{pointer}/prefixItems"),
            "`prefixItems` (tuples) is not supported; the positions are typed as the array's `items` (or any value)",
        ));
        map.entry("items".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
    }
    if matches!(map.get("items"), Some(Value::Bool(_))) {
        map.remove("items");
    }
    if map.contains_key("$ref") && map.len() > 1 {
        let reference = map.remove("$ref").unwrap_or(Value::Null);
        if map
            .keys()
            .all(|k| ANNOTATIONS.contains(&k.as_str().unwrap_or_default()))
        {
            // Annotations of a reference: openapiv3 keeps only the reference.
            map.clear();
            map.insert("$ref".into(), reference);
        } else {
            let part = Value::Mapping(Mapping::from_iter([("$ref".into(), reference)]));
            match map.get_mut("allOf") {
                Some(Value::Sequence(parts)) => parts.insert(0, part),
                _ => {
                    map.insert("allOf".into(), Value::Sequence(vec![part]));
                }
            }
        }
    }
    for (key, child) in map.iter_mut() {
        let key = key.as_str().unwrap_or_default().to_owned();
        let len = push(pointer, &key);
        match (key.as_str(), child) {
            ("properties", Value::Mapping(properties)) => {
                for (name, property) in properties.iter_mut() {
                    let len = push(pointer, name.as_str().unwrap_or_default());
                    schema(property, pointer, warnings);
                    pointer.truncate(len);
                }
            }
            ("allOf" | "oneOf" | "anyOf", Value::Sequence(parts)) => {
                for (i, part) in parts.iter_mut().enumerate() {
                    let len = push(pointer, &i.to_string());
                    schema(part, pointer, warnings);
                    pointer.truncate(len);
                }
            }
            ("items" | "additionalProperties" | "not", child) => schema(child, pointer, warnings),
            _ => {}
        }
        pointer.truncate(len);
    }
}

fn push(pointer: &mut String, token: &str) -> usize {
    let len = pointer.len();
    pointer.push('/');
    pointer.push_str(&escape_token(token));
    len
}
