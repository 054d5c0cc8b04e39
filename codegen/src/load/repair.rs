//! Repairs on the document tree, for what real specs write that `openapiv3` cannot model; each
//! one a warning at its pointer.

use serde_yaml_ng::Value;

use crate::diagnostic::{Diagnostic, escape_token};

/// Integer bounds (`minimum`, `maximum`, `multipleOf`) written as numbers beyond `i64`
/// (`-9223372036854776000`, a float) do not fit `openapiv3`'s model: in schemas whose `type` is
/// `integer`, they are clamped to `i64`.
pub fn clamp_bounds(value: &mut Value, pointer: &mut String, warnings: &mut Vec<Diagnostic>) {
    match value {
        Value::Mapping(map) => {
            let integer = map.get("type").and_then(Value::as_str) == Some("integer");
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                let bound = matches!(key, "minimum" | "maximum" | "multipleOf");
                match child.as_f64() {
                    Some(f) if integer && bound && child.as_i64().is_none() => {
                        let clamped = if f < 0.0 { i64::MIN } else { i64::MAX };
                        warnings.push(Diagnostic::warning(
                            pointer.as_str(),
                            format!("integer bound {f} is outside i64; read as {clamped}"),
                        ));
                        *child = Value::Number(clamped.into());
                    }
                    _ => clamp_bounds(child, pointer, warnings),
                }
                pointer.truncate(len);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                clamp_bounds(item, pointer, warnings);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
