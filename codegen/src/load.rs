//! Loading: spec text (JSON or YAML) -> a validated `openapiv3` document.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::diagnostic::{Diagnostic, escape_token};

/// Parses `text` as an OpenAPI 3.0.x document, JSON when it starts with `{`, YAML otherwise.
///
/// Errors name the JSON pointer of the node that could not be read, and the line and column
/// where the parser knows them.
///
/// One repair: integer bounds (`minimum`, `maximum`, `multipleOf`) written as numbers beyond
/// `i64` (`-9223372036854776000`, a float) do not fit `openapiv3`'s model; when reading fails, the
/// document is read again with such bounds clamped to `i64`, each with a warning.
pub fn load(text: &str) -> Result<(OpenAPI, Vec<Diagnostic>), Vec<Diagnostic>> {
    match load_strict(text) {
        Ok(spec) => Ok((spec, Vec::new())),
        Err(errors) => {
            let Some((spec, warnings)) = load_repaired(text) else { return Err(errors) };
            check_version(&spec)?;
            Ok((spec, warnings))
        }
    }
}

/// Reads the document through `serde_json::Value`, clamping out-of-range integer bounds.
fn load_repaired(text: &str) -> Option<(OpenAPI, Vec<Diagnostic>)> {
    let mut value: serde_json::Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()?
    } else {
        serde_yaml_ng::from_str(text).ok()?
    };
    let mut warnings = Vec::new();
    clamp_bounds(&mut value, String::new(), &mut warnings);
    if warnings.is_empty() {
        return None;
    }
    let spec = serde_json::from_value(value).ok()?;
    Some((spec, warnings))
}

/// Clamps float `minimum` / `maximum` / `multipleOf` values outside `i64` in schemas whose
/// `type` is `integer`.
fn clamp_bounds(value: &mut serde_json::Value, pointer: String, warnings: &mut Vec<Diagnostic>) {
    match value {
        serde_json::Value::Object(map) => {
            let integer = map.get("type").and_then(|t| t.as_str()) == Some("integer");
            for (key, child) in map.iter_mut() {
                let at = format!("{pointer}/{}", escape_token(key));
                let bound = matches!(key.as_str(), "minimum" | "maximum" | "multipleOf");
                match child.as_f64() {
                    Some(f) if integer && bound && child.as_i64().is_none() => {
                        let clamped = if f < 0.0 { i64::MIN } else { i64::MAX };
                        warnings.push(Diagnostic::warning(&at, format!("integer bound {f} is outside i64; read as {clamped}")));
                        *child = serde_json::Value::from(clamped);
                    }
                    _ => clamp_bounds(child, at, warnings),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                clamp_bounds(item, format!("{pointer}/{i}"), warnings);
            }
        }
        _ => {}
    }
}

fn check_version(spec: &OpenAPI) -> Result<(), Vec<Diagnostic>> {
    if spec.openapi.starts_with("3.0") {
        return Ok(());
    }
    Err(vec![Diagnostic::error(
        "/openapi",
        format!("OpenAPI version {:?} is not supported: codegen reads OpenAPI 3.0.x", spec.openapi),
    )])
}

fn load_strict(text: &str) -> Result<OpenAPI, Vec<Diagnostic>> {
    let json = text.trim_start().starts_with('{');
    let (result, format) = if json {
        let mut de = serde_json::Deserializer::from_str(text);
        let result = serde_path_to_error::deserialize::<_, OpenAPI>(&mut de)
            .map_err(|e| (pointer(e.path()), e.into_inner().to_string()));
        (result, "JSON")
    } else {
        let de = serde_yaml_ng::Deserializer::from_str(text);
        let result = serde_path_to_error::deserialize::<_, OpenAPI>(de)
            .map_err(|e| (pointer(e.path()), e.into_inner().to_string()));
        (result, "YAML")
    };
    let spec = result.map_err(|(pointer, message)| {
        vec![Diagnostic::error(pointer, format!("cannot read the spec as OpenAPI 3.0 {format}: {message}"))]
    })?;
    check_version(&spec)?;
    Ok(spec)
}

/// The JSON pointer of a `serde_path_to_error` path.
fn pointer(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&escape_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}
