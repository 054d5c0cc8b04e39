//! Loading: spec text (JSON or YAML) -> a validated `openapiv3` document.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::diagnostic::{Diagnostic, escape_token};

/// Parses `text` as an OpenAPI 3.0.x document, JSON when it starts with `{`, YAML otherwise.
///
/// Errors name the JSON pointer of the node that could not be read, and the line and column
/// where the parser knows them.
pub fn load(text: &str) -> Result<OpenAPI, Vec<Diagnostic>> {
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
    if !spec.openapi.starts_with("3.0") {
        return Err(vec![Diagnostic::error(
            "/openapi",
            format!("OpenAPI version {:?} is not supported: codegen reads OpenAPI 3.0.x", spec.openapi),
        )]);
    }
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
