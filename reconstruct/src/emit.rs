//! The reconciled [`Api`] as an OpenAPI 3.0.3 document, and the checks the written spec must pass.
//!
//! Built with `openapiv3`'s types, so the output deserializes with it by construction, and
//! serialized straight from them: struct fields in their declared order, maps in insertion order
//! (paths sorted, properties in the docs' order), so two runs give the same bytes.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3 as oa;
use serde_json::{Value, json};

use crate::corpus::{Corpus, Loc};
use crate::model::{Api, Client, HttpMethod, Operation, ParamIn, Schema, SchemaType};
use crate::protocol::Answer;

/// The document of one client.
pub fn document(api: &Api, corpus: &Corpus) -> oa::OpenAPI {
    let (title, servers, schemes, global) = match api.client {
        Client::Authentication => (
            "Authing / GenAuth V3 Authentication API",
            vec![server(
                "https://{appHost}",
                "The application's domain (App Host), e.g. `example.authing.cn` or a GenAuth app domain.",
                Some(("appHost", "example.authing.cn")),
            )],
            vec![
                (
                    "appId",
                    api_key(
                        "x-authing-app-id",
                        "The application ID (GenAuth deployments: `x-genauth-app-id`).",
                    ),
                ),
                (
                    "userAccessToken",
                    bearer("The end user's `access_token`, for calls made on the user's behalf."),
                ),
            ],
            vec![requirement(&["appId"])],
        ),
        Client::Management => (
            "Authing / GenAuth V3 Management API",
            vec![
                server("https://api.authing.cn", "Authing public cloud.", None),
                server("https://api.genauth.ai", "GenAuth public cloud.", None),
            ],
            vec![
                (
                    "managementToken",
                    bearer(
                        "A management token, from `POST /api/v3/get-management-token` with an access key id and secret.",
                    ),
                ),
                (
                    "userPoolId",
                    api_key(
                        "x-authing-userpool-id",
                        "The user pool ID (GenAuth deployments: `x-genauth-userpool-id`).",
                    ),
                ),
            ],
            vec![requirement(&["managementToken", "userPoolId"])],
        ),
    };
    let mut paths: IndexMap<String, oa::ReferenceOr<oa::PathItem>> = IndexMap::new();
    for op in &api.operations {
        let item = paths
            .entry(op.path.clone())
            .or_insert_with(|| oa::ReferenceOr::Item(oa::PathItem::default()));
        let oa::ReferenceOr::Item(item) = item else {
            unreachable!("only items are inserted")
        };
        let o = operation(op, api.client, corpus);
        match op.method {
            HttpMethod::Get => item.get = Some(o),
            HttpMethod::Post => item.post = Some(o),
            HttpMethod::Put => item.put = Some(o),
            HttpMethod::Delete => item.delete = Some(o),
            HttpMethod::Patch => item.patch = Some(o),
        }
    }
    let tags: BTreeSet<&str> = api
        .operations
        .iter()
        .filter_map(|o| o.tag.as_deref())
        .collect();
    let mut components = oa::Components::default();
    for (name, named) in &api.schemas {
        let mut s = item_schema(&named.schema);
        s.schema_data
            .extensions
            .insert("x-source".into(), sources(corpus, &named.sources));
        components
            .schemas
            .insert(name.clone(), oa::ReferenceOr::Item(s));
    }
    for (name, scheme) in schemes {
        components
            .security_schemes
            .insert(name.into(), oa::ReferenceOr::Item(scheme));
    }
    oa::OpenAPI {
        openapi: "3.0.3".into(),
        info: oa::Info {
            title: title.into(),
            description: Some(
                "Reconstructed by `cargo xtask spec` from the Authing V3 SDK reference pages (six SDK \
                 languages, Chinese and English). Every operation and schema names the pages it came \
                 from in `x-source`; decisions between sources are listed in `spec/RECONCILIATION.md`."
                    .into(),
            ),
            version: "3".into(),
            ..Default::default()
        },
        servers,
        paths: oa::Paths { paths, extensions: IndexMap::new() },
        components: Some(components),
        security: Some(global),
        tags: tags.into_iter().map(|t| oa::Tag { name: t.into(), ..Default::default() }).collect(),
        ..Default::default()
    }
}

fn server(url: &str, description: &str, variable: Option<(&str, &str)>) -> oa::Server {
    oa::Server {
        url: url.into(),
        description: Some(description.into()),
        variables: variable.map(|(name, default)| {
            IndexMap::from([(
                name.to_string(),
                oa::ServerVariable {
                    default: default.into(),
                    ..Default::default()
                },
            )])
        }),
        extensions: IndexMap::new(),
    }
}

fn api_key(header: &str, description: &str) -> oa::SecurityScheme {
    oa::SecurityScheme::APIKey {
        location: oa::APIKeyLocation::Header,
        name: header.into(),
        description: Some(description.into()),
        extensions: IndexMap::new(),
    }
}

fn bearer(description: &str) -> oa::SecurityScheme {
    oa::SecurityScheme::HTTP {
        scheme: "bearer".into(),
        bearer_format: None,
        description: Some(description.into()),
        extensions: IndexMap::new(),
    }
}

fn requirement(schemes: &[&str]) -> oa::SecurityRequirement {
    schemes
        .iter()
        .map(|s| (s.to_string(), Vec::new()))
        .collect()
}

fn sources(corpus: &Corpus, locs: &[Loc]) -> Value {
    Value::Array(
        locs.iter()
            .map(|l| Value::String(corpus.at(*l).to_string()))
            .collect(),
    )
}

fn operation(op: &Operation, client: Client, corpus: &Corpus) -> oa::Operation {
    let mut parameters = Vec::new();
    for p in &op.parameters {
        let mut schema = p.schema.clone();
        let description = schema.description.take();
        let mut extensions = IndexMap::new();
        if let Some(en) = schema.description_en.take() {
            extensions.insert("x-description-en".to_string(), Value::String(en));
        }
        let data = oa::ParameterData {
            name: p.name.clone(),
            description,
            required: p.required,
            deprecated: None,
            format: oa::ParameterSchemaOrContent::Schema(schema_ref(&schema)),
            example: None,
            examples: IndexMap::new(),
            explode: None,
            extensions,
        };
        parameters.push(oa::ReferenceOr::Item(match p.location {
            ParamIn::Query => oa::Parameter::Query {
                parameter_data: data,
                allow_reserved: false,
                style: oa::QueryStyle::Form,
                allow_empty_value: None,
            },
            ParamIn::Path => oa::Parameter::Path {
                parameter_data: data,
                style: oa::PathStyle::Simple,
            },
        }));
    }
    let request_body = op.body.as_ref().map(|b| {
        oa::ReferenceOr::Item(oa::RequestBody {
            content: IndexMap::from([(
                if b.form {
                    "application/x-www-form-urlencoded"
                } else {
                    "application/json"
                }
                .to_string(),
                oa::MediaType {
                    schema: Some(schema_ref(&b.schema)),
                    ..Default::default()
                },
            )]),
            required: true,
            ..Default::default()
        })
    });
    let answer = op.protocol.map(|p| p.answer);
    let media = match answer {
        Some(Answer::Text(media)) => media,
        _ => "application/json",
    };
    let response = oa::Response {
        description: op.response_description.clone(),
        content: op
            .response
            .as_ref()
            .map(|s| {
                IndexMap::from([(
                    media.to_string(),
                    oa::MediaType {
                        schema: Some(schema_ref(s)),
                        ..Default::default()
                    },
                )])
            })
            .unwrap_or_default(),
        ..Default::default()
    };
    let mut extensions = IndexMap::new();
    extensions.insert("x-source".to_string(), sources(corpus, &op.sources));
    for (key, text) in [
        ("x-summary-en", &op.summary_en),
        ("x-description-en", &op.description_en),
    ] {
        if let Some(t) = text {
            extensions.insert(key.to_string(), Value::String(t.clone()));
        }
    }
    if op.token_endpoint {
        extensions.insert("x-token-endpoint".to_string(), Value::Bool(true));
    }
    if let Some(p) = op.protocol {
        extensions.insert(
            "x-protocol".to_string(),
            Value::String(p.protocol.name().to_string()),
        );
    }
    let mut servers = Vec::new();
    let security = if op.protocol.is_some() {
        Some(if op.requires_login {
            vec![requirement(&["userAccessToken"])]
        } else {
            vec![]
        })
    } else if let Some(hosts) = &op.legacy_servers {
        extensions.insert("x-legacy".to_string(), Value::Bool(true));
        servers = hosts
            .iter()
            .map(|h| server(h, "Legacy (pre-V3) host.", None))
            .collect();
        Some(vec![])
    } else if client == Client::Authentication && op.requires_login {
        Some(vec![requirement(&["appId", "userAccessToken"])])
    } else {
        None
    };
    oa::Operation {
        tags: op.tag.iter().cloned().collect(),
        summary: op.summary.clone(),
        description: op.description.clone(),
        operation_id: Some(op.operation_id.clone()),
        parameters,
        request_body,
        responses: oa::Responses {
            responses: IndexMap::from([(
                oa::StatusCode::Code(if answer == Some(Answer::Redirect) {
                    302
                } else {
                    200
                }),
                oa::ReferenceOr::Item(response),
            )]),
            ..Default::default()
        },
        deprecated: op.deprecated,
        security,
        servers,
        extensions,
        ..Default::default()
    }
}

/// A schema in a position that may be a plain `$ref`. A reference that carries its own
/// description, default or example is written `allOf: [$ref]` with those beside it (OpenAPI 3.0
/// ignores siblings of `$ref`).
fn schema_ref(s: &Schema) -> oa::ReferenceOr<oa::Schema> {
    match &s.ty {
        SchemaType::Ref(name)
            if s.description.is_none()
                && s.description_en.is_none()
                && s.default.is_none()
                && s.example.is_none() =>
        {
            oa::ReferenceOr::ref_(&format!("#/components/schemas/{name}"))
        }
        _ => oa::ReferenceOr::Item(item_schema(s)),
    }
}

fn boxed_ref(s: &Schema) -> oa::ReferenceOr<Box<oa::Schema>> {
    match schema_ref(s) {
        oa::ReferenceOr::Reference { reference } => oa::ReferenceOr::Reference { reference },
        oa::ReferenceOr::Item(i) => oa::ReferenceOr::Item(Box::new(i)),
    }
}

fn item_schema(s: &Schema) -> oa::Schema {
    let mut data = oa::SchemaData {
        description: s.description.clone(),
        default: s.default.clone(),
        example: s.example.clone(),
        ..Default::default()
    };
    if let Some(en) = &s.description_en {
        data.extensions
            .insert("x-description-en".into(), Value::String(en.clone()));
    }
    let labels: serde_json::Map<String, Value> = s
        .enumeration
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(v, l)| {
            (
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
                Value::String(l.clone()),
            )
        })
        .collect();
    if !labels.is_empty() {
        data.extensions
            .insert("x-enum-descriptions".into(), Value::Object(labels));
    }
    let kind = match &s.ty {
        SchemaType::String => oa::SchemaKind::Type(oa::Type::String(oa::StringType {
            enumeration: s
                .enumeration
                .iter()
                .map(|(v, _)| Some(v.as_str().map_or_else(|| v.to_string(), str::to_string)))
                .collect(),
            ..Default::default()
        })),
        SchemaType::Number => oa::SchemaKind::Type(oa::Type::Number(oa::NumberType {
            enumeration: s.enumeration.iter().map(|(v, _)| v.as_f64()).collect(),
            ..Default::default()
        })),
        SchemaType::Integer => oa::SchemaKind::Type(oa::Type::Integer(oa::IntegerType {
            enumeration: s.enumeration.iter().map(|(v, _)| v.as_i64()).collect(),
            ..Default::default()
        })),
        SchemaType::Boolean => oa::SchemaKind::Type(oa::Type::Boolean(oa::BooleanType::default())),
        SchemaType::FreeObject => oa::SchemaKind::Type(oa::Type::Object(oa::ObjectType::default())),
        SchemaType::Any => oa::SchemaKind::Any(oa::AnySchema {
            enumeration: s.enumeration.iter().map(|(v, _)| v.clone()).collect(),
            ..Default::default()
        }),
        SchemaType::Array(item) => oa::SchemaKind::Type(oa::Type::Array(oa::ArrayType {
            items: Some(boxed_ref(item)),
            max_items: s.max_items.map(|m| m as usize),
            min_items: None,
            unique_items: false,
        })),
        SchemaType::Ref(name) => oa::SchemaKind::AllOf {
            all_of: vec![oa::ReferenceOr::ref_(&format!(
                "#/components/schemas/{name}"
            ))],
        },
        SchemaType::Object(o) => {
            if let Some(c) = &o.connection {
                let payloads: serde_json::Map<String, Value> = c
                    .payloads
                    .iter()
                    .map(|(v, f)| (v.clone(), Value::String(f.clone())))
                    .collect();
                data.extensions.insert(
                    "x-connection-payloads".into(),
                    json!({"property": c.property, "payloads": payloads}),
                );
            }
            oa::SchemaKind::Type(oa::Type::Object(oa::ObjectType {
                properties: o
                    .properties
                    .iter()
                    .map(|p| (p.name.clone(), boxed_ref(&p.schema)))
                    .collect(),
                required: o
                    .properties
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| p.name.clone())
                    .collect(),
                ..Default::default()
            }))
        }
    };
    oa::Schema {
        schema_data: data,
        schema_kind: kind,
    }
}

/// Serializes a document: pretty, with a final newline.
pub fn to_json(doc: &oa::OpenAPI) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("OpenAPI documents serialize");
    s.push('\n');
    s
}

/// The checks a written spec must pass: it deserializes with `openapiv3`, every `$ref` resolves,
/// and every operation has a unique `operationId`. Returns the problems, each with its JSON pointer.
pub fn validate(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let doc: oa::OpenAPI = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => return vec![format!("does not deserialize as OpenAPI 3.0: {e}")],
    };
    let raw: Value = serde_json::from_str(text).expect("it deserialized above");
    let schemas: BTreeSet<String> = doc
        .components
        .as_ref()
        .map(|c| c.schemas.keys().cloned().collect())
        .unwrap_or_default();
    let mut stack = vec![(String::new(), &raw)];
    while let Some((pointer, v)) = stack.pop() {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let ok = r
                        .strip_prefix("#/components/schemas/")
                        .is_some_and(|n| schemas.contains(n));
                    if !ok {
                        problems.push(format!("{pointer}/$ref: `{r}` does not resolve"));
                    }
                }
                for (k, child) in m {
                    stack.push((
                        format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                        child,
                    ));
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), child));
                }
            }
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    for (path, method, op) in doc.operations() {
        let pointer = format!(
            "/paths/{}/{method}",
            path.replace('~', "~0").replace('/', "~1")
        );
        match &op.operation_id {
            None => problems.push(format!("{pointer}: no operationId")),
            Some(id) if !seen.insert(id.clone()) => {
                problems.push(format!("{pointer}/operationId: `{id}` is not unique"))
            }
            Some(_) => {}
        }
    }
    problems.sort();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_place() {
        let ok = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/X"}}}}}}}},"components":{"schemas":{"X":{"type":"object"}}}}"##;
        assert_eq!(validate(ok), Vec::<String>::new());
        let dangling = ok.replace("schemas/X\"", "schemas/Y\"");
        assert_eq!(
            validate(&dangling),
            [
                "/paths/~1a/get/responses/200/content/application~1json/schema/$ref: `#/components/schemas/Y` does not resolve"
            ]
        );
        let dup = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{}}},"/b":{"get":{"operationId":"a","responses":{}}}}}"##;
        assert_eq!(
            validate(dup),
            ["/paths/~1b/get/operationId: `a` is not unique"]
        );
        assert!(validate("{\"openapi\": 3}")[0].starts_with("does not deserialize"));
    }
}
