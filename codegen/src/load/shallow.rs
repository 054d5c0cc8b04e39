//! Deep schemas checked one level at a time, before `openapiv3` reads the whole document.
//!
//! `openapiv3` reads schemas through untagged enums (`ReferenceOr`, `SchemaKind`), which retry
//! every alternative when a part fails, and its `ReferenceOr` reads a failing part twice more
//! for its error message: an invalid schema nested `d` levels deep costs about `4^d` reads
//! (20 levels took seconds, each two more levels four times as long). So every schema nested
//! [`FROM_DEPTH`] or more levels deep is first read on its own, with its subschemas replaced
//! by `{}`: linear work, and an invalid one is reported at its own pointer without the
//! exponential read. What is left for the whole read fails at most [`FROM_DEPTH`] levels deep.

use openapiv3::{ReferenceOr, Schema};
use serde_yaml_ng::{Mapping, Value};

use crate::diagnostic::{Diagnostic, escape_token};

/// Schemas at least this deep (counting from a root schema) are checked alone.
const FROM_DEPTH: usize = 3;

/// Keys of a schema whose value is one subschema.
const ONE: &[&str] = &["items", "additionalProperties", "not"];
/// Keys of a schema whose value is a list of subschemas.
const LIST: &[&str] = &["allOf", "oneOf", "anyOf"];

/// The first deep schema that does not read on its own, as an error at its pointer.
pub fn check(document: &Value) -> Result<(), Diagnostic> {
    walk(document, &mut String::new())
}

/// Finds the root schemas: `schema` values and `components/schemas` entries.
fn walk(value: &Value, pointer: &mut String) -> Result<(), Diagnostic> {
    match value {
        Value::Mapping(map) => {
            let in_components = pointer == "/components/schemas";
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if key.starts_with("x-") || key == "example" || key == "examples" {
                    continue;
                }
                let len = push(pointer, key);
                if in_components || key == "schema" {
                    schema(child, pointer, 0)?;
                } else {
                    walk(child, pointer)?;
                }
                pointer.truncate(len);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = push(pointer, &i.to_string());
                walk(item, pointer)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks the subschemas of `value` (deepest first), then `value` itself when deep enough.
fn schema(value: &Value, pointer: &mut String, depth: usize) -> Result<(), Diagnostic> {
    let Value::Mapping(map) = value else {
        return Ok(());
    };
    for (key, child) in map {
        let key = key.as_str().unwrap_or_default();
        let len = push(pointer, key);
        match (key, child) {
            ("properties", Value::Mapping(properties)) => {
                for (name, property) in properties {
                    let len = push(pointer, name.as_str().unwrap_or_default());
                    schema(property, pointer, depth + 1)?;
                    pointer.truncate(len);
                }
            }
            (key, Value::Sequence(parts)) if LIST.contains(&key) => {
                for (i, part) in parts.iter().enumerate() {
                    let len = push(pointer, &i.to_string());
                    schema(part, pointer, depth + 1)?;
                    pointer.truncate(len);
                }
            }
            (key, child) if ONE.contains(&key) => schema(child, pointer, depth + 1)?,
            _ => {}
        }
        pointer.truncate(len);
    }
    if depth < FROM_DEPTH {
        return Ok(());
    }
    let shallow = Value::Mapping(
        map.iter()
            .map(|(key, child)| (key.clone(), hollow(key.as_str().unwrap_or_default(), child)))
            .collect::<Mapping>(),
    );
    serde_path_to_error::deserialize::<_, ReferenceOr<Schema>>(shallow)
        .map(drop)
        .map_err(|e| {
            let inner: String = e
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Map { key } => {
                        Some(format!("/{}", escape_token(key)))
                    }
                    serde_path_to_error::Segment::Seq { index } => Some(format!("/{index}")),
                    _ => None,
                })
                .collect();
            Diagnostic::error(
                format!("{pointer}{inner}"),
                format!("cannot read the spec as OpenAPI 3.0: {}", e.into_inner()),
            )
        })
}

/// The value of `key` with its subschemas replaced by `{}` (they are checked on their own).
fn hollow(key: &str, child: &Value) -> Value {
    let empty = || Value::Mapping(Mapping::new());
    match (key, child) {
        ("properties", Value::Mapping(properties)) => Value::Mapping(
            properties
                .iter()
                .map(|(name, _)| (name.clone(), empty()))
                .collect(),
        ),
        (key, Value::Sequence(parts)) if LIST.contains(&key) => {
            Value::Sequence(parts.iter().map(|_| empty()).collect())
        }
        (key, Value::Mapping(_)) if ONE.contains(&key) => empty(),
        _ => child.clone(),
    }
}

fn push(pointer: &mut String, token: &str) -> usize {
    let len = pointer.len();
    pointer.push('/');
    pointer.push_str(&escape_token(token));
    len
}
