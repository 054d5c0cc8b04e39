//! Loading: spec text (JSON or YAML, OpenAPI 3.0 or 3.1) -> a validated `openapiv3` document.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;
use serde_yaml_ng::Value;

use crate::diagnostic::{Diagnostic, escape_token};

mod refs;
mod repair;
mod shallow;
mod tree;
mod v31;

/// Parses `text` as an OpenAPI 3.0.x or 3.1.x document, JSON when it starts with `{`, YAML
/// otherwise (3.1 through the normalising pass `v31`).
///
/// One parse into a document tree (`tree`: duplicate keys, depth limit), the repairs of
/// `repair` on the tree (each with a warning), local `$ref`s to any node made component
/// references (`refs`), deep schemas checked one level at a time
/// (`shallow`: linear time on invalid input), then `openapiv3` reads the tree. Errors name the
/// JSON pointer of the node that could not be read (and the line and column where the parser
/// knows them).
pub fn load(text: &str) -> Result<(OpenAPI, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (mut value, mut diagnostics) = tree::parse(text)?;
    if check_version(&value)? == Version::V31 {
        v31::normalise(&mut value, &mut diagnostics);
    }
    repair::clamp_bounds(&mut value, &mut String::new(), &mut diagnostics);
    refs::normalise(&mut value, &mut diagnostics);
    if let Err(error) = shallow::check(&value) {
        diagnostics.push(error);
        return Err(diagnostics);
    }
    let spec = read(value).map_err(|error| {
        let mut errors = diagnostics.clone();
        errors.push(error);
        errors
    })?;
    Ok((spec, diagnostics))
}

/// `openapiv3` reads the tree; its errors carry the pointer of the failing node.
fn read(value: Value) -> Result<OpenAPI, Diagnostic> {
    serde_path_to_error::deserialize::<_, OpenAPI>(value).map_err(|e| {
        Diagnostic::error(
            pointer(e.path()),
            format!("cannot read the spec as OpenAPI 3.0: {}", e.into_inner()),
        )
    })
}

/// The versions read.
#[derive(Debug, PartialEq, Eq)]
enum Version {
    V30,
    /// Read through [`v31::normalise`].
    V31,
}

/// The document says which OpenAPI version it is; 3.0.x and 3.1.x are read.
fn check_version(value: &Value) -> Result<Version, Vec<Diagnostic>> {
    let fail = |pointer: &str, message: String| Err(vec![Diagnostic::error(pointer, message)]);
    if !value.is_mapping() {
        return fail("", "the spec is not an object".to_owned());
    }
    match value.get("openapi") {
        Some(Value::String(version)) if version.starts_with("3.0.") => Ok(Version::V30),
        Some(Value::String(version)) if version.starts_with("3.1.") => Ok(Version::V31),
        Some(Value::String(version)) => fail(
            "/openapi",
            format!(
                "OpenAPI version {version:?} is not supported: codegen reads OpenAPI 3.0.x and 3.1.x"
            ),
        ),
        Some(_) => fail("/openapi", "`openapi` is not a version string".to_owned()),
        None if value.get("swagger").is_some() => fail(
            "/swagger",
            "Swagger 2.0 is not supported: codegen reads OpenAPI 3.0 and 3.1 (convert the spec first)"
                .to_owned(),
        ),
        None => fail(
            "",
            "not an OpenAPI document: no `openapi` version".to_owned(),
        ),
    }
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
            r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}"#,
            &[],
            None,
        );
        check(
            r#"{"openapi": "4.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
            &[],
            Some("error: /openapi: OpenAPI version \"4.0.0\" is not supported"),
        );
        check(
            &format!("{HEAD}paths:\n  /a:\n    get: {{responses: 3}}\n"),
            &[],
            Some(
                "error: /paths: cannot read the spec as OpenAPI 3.0: invalid type: integer `3`, expected struct Responses",
            ),
        );
        check(
            "{",
            &[],
            Some(
                "error: /: cannot read the spec as JSON: EOF while parsing an object at line 1 column 1",
            ),
        );
        check(
            "{\"openapi\": \"3.0.0\"} x",
            &[],
            Some("error: /: cannot read the spec as JSON: trailing characters at line 1 column 22"),
        );
        check(
            "swagger: '2.0'\n",
            &[],
            Some("error: /swagger: Swagger 2.0 is not supported"),
        );
        check("[1]", &[], Some("error: /: the spec is not an object"));
        check(
            &format!("{HEAD}paths: {{}}\ninfo: {{title: u, version: '2'}}\n"),
            &["error: /info: the key `info` is given twice in this object; the last value is kept"],
            None,
        );
        check(
            &format!("{HEAD}paths:\n  /a: {{get: {{responses: {{}}, tags: [[[1]]]}}}}\n  /b: [}}"),
            &[],
            Some(
                "error: /paths/~1b/0: cannot read the spec as YAML: did not find expected node content at line 5",
            ),
        );
    }
}
