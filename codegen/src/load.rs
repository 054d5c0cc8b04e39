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
            let Some((spec, warnings)) = load_repaired(text) else {
                return Err(errors);
            };
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
        serde_yaml_ng::from_str::<Loose>(text).ok()?.0
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
                        warnings.push(Diagnostic::warning(
                            &at,
                            format!("integer bound {f} is outside i64; read as {clamped}"),
                        ));
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
        format!(
            "OpenAPI version {:?} is not supported: codegen reads OpenAPI 3.0.x",
            spec.openapi
        ),
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
        vec![Diagnostic::error(
            pointer,
            format!("cannot read the spec as OpenAPI 3.0 {format}: {message}"),
        )]
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

/// A JSON value read from any format, integers beyond 64 bits included (as floats: the repair
/// then clamps them), keys of any scalar type as strings.
struct Loose(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor).map(Loose)
    }
}

struct LooseVisitor;

impl<'de> serde::de::Visitor<'de> for LooseVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| (v as f64).into(), Into::into))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| (v as f64).into(), Into::into))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Loose(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some((Loose(key), Loose(value))) = map.next_entry()? {
            let key = match key {
                serde_json::Value::String(key) => key,
                other => other.to_string(),
            };
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::load;

    fn check(text: &str, expected_warnings: &[&str], expected_error: Option<&str>) {
        match load(text) {
            Ok((_, warnings)) => {
                let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
                assert_eq!(warnings, expected_warnings, "warnings of {text}");
                assert_eq!(expected_error, None, "{text} loaded");
            }
            Err(errors) => {
                let error = errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n");
                assert!(
                    expected_error.is_some_and(|e| error.contains(e)),
                    "{text}: unexpected error {error}"
                );
            }
        }
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn loading() {
        check(&format!("{HEAD}paths: {{}}\n"), &[], None);
        check(
            r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
            &[],
            None,
        );
        check(
            &format!(
                "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    S: {{type: integer, minimum: -9223372036854776000}}\n"
            ),
            &[
                "warning: /components/schemas/S/minimum: integer bound -9223372036854776000 is outside i64; read as -9223372036854775808",
            ],
            None,
        );
        check(
            r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
            &[],
            Some("error: /openapi: OpenAPI version \"3.1.0\" is not supported"),
        );
        check(
            &format!("{HEAD}paths:\n  /a:\n    get: {{responses: 3}}\n"),
            &[],
            Some(
                "error: /paths: cannot read the spec as OpenAPI 3.0 YAML: paths: invalid type: integer `3`, expected struct Responses at line 4",
            ),
        );
        check("{", &[], Some("cannot read the spec as OpenAPI 3.0 JSON"));
    }
}
