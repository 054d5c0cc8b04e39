//! Local `$ref`s to any JSON pointer (`#/paths/~1users/get/parameters/0`,
//! `#/components/schemas/A/properties/b`), made component references: a normalising pass on the
//! document tree, before `openapiv3` (whose lowering follows `#/components/<section>/<name>`
//! only).
//!
//! Each node such a reference points to is moved into its section of `#/components`
//! (`schemas`, `parameters`, `responses`, `requestBodies`, `headers`: the kind is read from the
//! pointer's path through the document's structure) under a name made of the pointer's named
//! tokens (`A.b`), a reference to it is left in its place, and every reference to the pointer
//! is rewritten. The referenced node and the place it came from are then one type, not two.
//! Deeper targets move first, so that a target inside another one is still where its pointer
//! says when it moves. References are strings: a target that reaches itself is a recursive
//! component, which lowering handles like any other.
//!
//! A schema reference to a pointer with nothing there, or to itself, is an error, typed as
//! `serde_json::Value`; other dangling references are reported where they are used.

use std::collections::{BTreeSet, HashMap};

use percent_encoding::percent_decode_str;
use serde_yaml_ng::{Mapping, Value};

use crate::diagnostic::{Diagnostic, escape_token};

/// Where a node is in the document's structure.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum At {
    Root,
    Paths,
    PathItem,
    Operation,
    Params,
    Responses,
    Headers,
    Content,
    Media,
    Encodings,
    Encoding,
    Schemas,
    SchemaList,
    Components,
    /// A `#/components` section of items of this kind.
    Section(Item),
    /// A node that can be a component.
    Item(Item),
}

/// The kinds of node that `#/components` holds and codegen follows references to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Item {
    Schema,
    Parameter,
    Response,
    RequestBody,
    Header,
}

impl Item {
    fn section(self) -> &'static str {
        match self {
            Item::Schema => "schemas",
            Item::Parameter => "parameters",
            Item::Response => "responses",
            Item::RequestBody => "requestBodies",
            Item::Header => "headers",
        }
    }
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where `token` under a node at `at` is, when the structure says.
fn step(at: At, token: &str) -> Option<At> {
    use At::*;
    Some(match (at, token) {
        (Root, "paths") => Paths,
        (Root, "components") => Components,
        (Paths, _) => PathItem,
        (PathItem | Operation, "parameters") => Params,
        (PathItem, method) if METHODS.contains(&method) => Operation,
        (Operation, "requestBody") => Item(self::Item::RequestBody),
        (Operation, "responses") => Responses,
        (Params, _) => Item(self::Item::Parameter),
        (Responses, _) => Item(self::Item::Response),
        (Headers, _) => Item(self::Item::Header),
        (Item(self::Item::Parameter | self::Item::Header), "schema") => Item(self::Item::Schema),
        (
            Item(self::Item::Parameter | self::Item::Header | self::Item::RequestBody)
            | Item(self::Item::Response),
            "content",
        ) => Content,
        (Item(self::Item::Response) | Encoding, "headers") => Headers,
        (Content, _) => Media,
        (Media, "schema") => Item(self::Item::Schema),
        (Media, "encoding") => Encodings,
        (Encodings, _) => Encoding,
        (Item(self::Item::Schema), "properties") => Schemas,
        (Item(self::Item::Schema), "items" | "additionalProperties" | "not") => {
            Item(self::Item::Schema)
        }
        (Item(self::Item::Schema), "allOf" | "oneOf" | "anyOf") => SchemaList,
        (Schemas | SchemaList, _) => Item(self::Item::Schema),
        (Components, "schemas") => Section(self::Item::Schema),
        (Components, "parameters") => Section(self::Item::Parameter),
        (Components, "responses") => Section(self::Item::Response),
        (Components, "requestBodies") => Section(self::Item::RequestBody),
        (Components, "headers") => Section(self::Item::Header),
        (Section(item), _) => Item(item),
        _ => return None,
    })
}

/// The kind of node at `tokens`, when it is one codegen follows references to.
fn kind(tokens: &[String]) -> Option<Item> {
    let mut at = At::Root;
    for token in tokens {
        at = step(at, token)?;
    }
    match at {
        At::Item(item) => Some(item),
        _ => None,
    }
}

/// The reference tokens of a local `$ref` (`#/a/b~1c` -> `["a", "b/c"]`); `None` for another
/// document's.
fn tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let fragment = percent_decode_str(fragment).decode_utf8_lossy();
    if fragment.is_empty() {
        return Some(Vec::new());
    }
    let rest = fragment.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// `#/` + the escaped tokens.
fn pointer(tokens: &[String]) -> String {
    let mut out = String::from("#");
    for token in tokens {
        out.push('/');
        out.push_str(&escape_token(token));
    }
    out
}

/// Keys whose values are data, not spec structure: a `$ref` key there is not a reference.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// Calls `visit` with the pointer and the mapping of every `$ref` object, document order.
fn each_ref(value: &mut Value, at: &mut String, visit: &mut impl FnMut(&str, &mut Mapping)) {
    match value {
        Value::Mapping(map) => {
            if matches!(map.get("$ref"), Some(Value::String(_))) {
                visit(at, map);
            }
            for (key, child) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if key == "$ref" || is_data(key) {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&escape_token(key));
                each_ref(child, at, visit);
                at.truncate(len);
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                each_ref(child, at, visit);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether the document has a node at `tokens`.
fn exists(value: &Value, tokens: &[String]) -> bool {
    tokens
        .iter()
        .try_fold(value, |node, token| match node {
            Value::Mapping(map) => map.get(token.as_str()),
            Value::Sequence(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
        .is_some()
}

/// The node at `tokens`.
fn node<'v>(value: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    tokens.iter().try_fold(value, |node, token| match node {
        Value::Mapping(map) => map.get_mut(token.as_str()),
        Value::Sequence(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// The component name for the node at `tokens`: its named tokens joined with `.`
/// (`components/schemas/A/properties/b` -> `A.b`, `paths/~1users/get/parameters/0` ->
/// `users.get.0`).
fn name(tokens: &[String]) -> String {
    let mut parts = Vec::new();
    let mut after_content = false;
    for (i, token) in tokens.iter().enumerate() {
        let structural = matches!(
            token.as_str(),
            "paths" | "properties" | "content" | "schema" | "parameters"
        ) || (i == 0 && token == "components")
            || (i == 1 && tokens[0] == "components");
        if !structural && !after_content {
            parts.push(token.trim_matches('/').to_owned());
        }
        after_content = token == "content";
    }
    let name = parts.join(".");
    if name.is_empty() {
        "Ref".to_owned()
    } else {
        name
    }
}

/// Rewrites every local `$ref` to a node outside `#/components/<section>/<name>` into one to a
/// component holding the node; errors for schema references that dangle.
pub fn normalise(document: &mut Value, diagnostics: &mut Vec<Diagnostic>) {
    // Every reference that is not already a component's, with where it is used.
    let mut found: Vec<(String, String, Vec<String>)> = Vec::new();
    each_ref(document, &mut String::new(), &mut |at, map| {
        let Some(Value::String(reference)) = map.get("$ref") else {
            return;
        };
        let Some(tokens) = tokens(reference) else {
            return;
        };
        let component = tokens.len() == 3
            && tokens[0] == "components"
            && step(At::Components, &tokens[1]).is_some();
        if !component && !tokens.is_empty() {
            found.push((at.to_owned(), reference.clone(), tokens));
        }
    });
    let mut targets: Vec<Vec<String>> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut dangling = BTreeSet::new();
    for (at, reference, tokens) in found {
        if pointer(&tokens) == format!("#{at}") {
            diagnostics.push(Diagnostic::error(
                &at,
                format!("`$ref: {reference}` points to itself; typed as serde_json::Value"),
            ));
            dangling.insert(at);
            continue;
        }
        match (exists(document, &tokens), kind(&tokens)) {
            (true, Some(_)) if seen.insert(tokens.clone()) => targets.push(tokens),
            (false, Some(Item::Schema)) => {
                diagnostics.push(Diagnostic::error(
                    &at,
                    format!(
                        "`$ref: {reference}` dangles: the document has nothing at that pointer; typed as serde_json::Value"
                    ),
                ));
                dangling.insert(at);
            }
            _ => {}
        }
    }
    if !dangling.is_empty() {
        each_ref(document, &mut String::new(), &mut |at, map| {
            if dangling.contains(at) {
                map.clear();
            }
        });
    }
    if targets.is_empty() {
        return;
    }
    // Deepest first; among equals, the first met.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(targets[i].len()));
    let mut renamed: HashMap<String, String> = HashMap::new();
    for i in order {
        let tokens = &targets[i];
        let Some(item) = kind(tokens) else { continue };
        let section = item.section();
        let Some(Value::Mapping(root)) = Some(&mut *document) else {
            return;
        };
        let components = root
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if !components.is_mapping() {
            return;
        }
        let taken = |components: &Value, name: &str| {
            components.get(section).and_then(|s| s.get(name)).is_some()
        };
        let base = name(tokens);
        let mut name = base.clone();
        let mut n = 2;
        while taken(components, &name) {
            name = format!("{base}{n}");
            n += 1;
        }
        let reference = pointer(&["components".into(), section.into(), name.clone()]);
        let mut stub = Mapping::new();
        stub.insert("$ref".into(), reference.clone().into());
        let Some(target) = node(document, tokens) else {
            continue;
        };
        let moved = std::mem::replace(target, Value::Mapping(stub));
        let Some(Value::Mapping(components)) = document.get_mut("components") else {
            continue;
        };
        let section = components
            .entry(section.into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if let Value::Mapping(section) = section {
            section.insert(name.into(), moved);
        }
        renamed.insert(pointer(tokens), reference);
    }
    each_ref(document, &mut String::new(), &mut |_, map| {
        let Some(Value::String(reference)) = map.get("$ref") else {
            return;
        };
        let Some(tokens) = tokens(reference) else {
            return;
        };
        if let Some(new) = renamed.get(&pointer(&tokens)) {
            map.insert("$ref".into(), new.clone().into());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::normalise;

    /// The document after the pass, and the diagnostics.
    fn check(document: serde_json::Value, expected: serde_json::Value, diagnostics: &[&str]) {
        let mut value: serde_yaml_ng::Value = serde_yaml_ng::to_value(&document).unwrap();
        let mut found = Vec::new();
        normalise(&mut value, &mut found);
        let actual: serde_json::Value = serde_yaml_ng::from_value(value).unwrap();
        assert_eq!(actual, expected, "{document}");
        let found: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(found, diagnostics, "{document}");
    }

    #[test]
    fn references_into_nodes_become_components() {
        use serde_json::json;
        // Into a property: the property and the reference share one component.
        check(
            json!({"components": {"schemas": {"A": {"properties": {"b": {"type": "string"}}}, "C": {"$ref": "#/components/schemas/A/properties/b"}}}}),
            json!({"components": {"schemas": {
                "A": {"properties": {"b": {"$ref": "#/components/schemas/A.b"}}},
                "C": {"$ref": "#/components/schemas/A.b"},
                "A.b": {"type": "string"}}}}),
            &[],
        );
        // Into an operation's parameter list (escaped and percent-encoded tokens).
        check(
            json!({"paths": {"/users/{id}": {"get": {"parameters": [{"name": "page", "in": "query"}]}, "put": {"parameters": [{"$ref": "#/paths/~1users~1%7Bid%7D/get/parameters/0"}]}}}}),
            json!({"paths": {"/users/{id}": {
                "get": {"parameters": [{"$ref": "#/components/parameters/users~1{id}.get.0"}]},
                "put": {"parameters": [{"$ref": "#/components/parameters/users~1{id}.get.0"}]}}},
                "components": {"parameters": {"users/{id}.get.0": {"name": "page", "in": "query"}}}}),
            &[],
        );
        // Nested targets: the inner one moves first; names never collide with existing ones.
        check(
            json!({"components": {"schemas": {"A.b": {}, "A": {"properties": {"b": {"properties": {"c": {"type": "integer"}}}}}, "X": {"allOf": [{"$ref": "#/components/schemas/A/properties/b"}, {"$ref": "#/components/schemas/A/properties/b/properties/c"}]}}}}),
            json!({"components": {"schemas": {
                "A.b": {},
                "A": {"properties": {"b": {"$ref": "#/components/schemas/A.b2"}}},
                "X": {"allOf": [{"$ref": "#/components/schemas/A.b2"}, {"$ref": "#/components/schemas/A.b.c"}]},
                "A.b.c": {"type": "integer"},
                "A.b2": {"properties": {"c": {"$ref": "#/components/schemas/A.b.c"}}}}}}),
            &[],
        );
        // A reference to itself: any value.
        check(
            json!({"components": {"schemas": {"A": {"properties": {"b": {"$ref": "#/components/schemas/A/properties/b"}}}}}}),
            json!({"components": {"schemas": {"A": {"properties": {"b": {}}}}}}),
            &[
                "error: /components/schemas/A/properties/b: `$ref: #/components/schemas/A/properties/b` points to itself; typed as serde_json::Value",
            ],
        );
        // A target reached from inside itself: a recursive component.
        check(
            json!({"components": {"schemas": {"A": {"properties": {"b": {"items": {"$ref": "#/components/schemas/A/properties/b"}}}}}}}),
            json!({"components": {"schemas": {
                "A": {"properties": {"b": {"$ref": "#/components/schemas/A.b"}}},
                "A.b": {"items": {"$ref": "#/components/schemas/A.b"}}}}}),
            &[],
        );
        // Dangling: an error, the schema is any value. Component references, other documents'
        // and data under `example` are left alone.
        check(
            json!({"components": {"schemas": {"A": {"properties": {"b": {"$ref": "#/components/schemas/A/properties/zz"}, "c": {"$ref": "#/components/schemas/Nope"}, "d": {"$ref": "other.yaml#/X/y"}}, "example": {"$ref": "#/a/b"}}}}}),
            json!({"components": {"schemas": {"A": {"properties": {
                "b": {}, "c": {"$ref": "#/components/schemas/Nope"}, "d": {"$ref": "other.yaml#/X/y"}},
                "example": {"$ref": "#/a/b"}}}}}),
            &[
                "error: /components/schemas/A/properties/b: `$ref: #/components/schemas/A/properties/zz` dangles: the document has nothing at that pointer; typed as serde_json::Value",
            ],
        );
    }
}
