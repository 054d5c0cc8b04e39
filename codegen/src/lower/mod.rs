//! Lowering: a loaded spec -> the [`crate::ir`] (types first, then operations, then the analyses
//! that need the whole graph: boxing, `Default`, names, pagination, dead envelopes).
//!
//! Nothing here fails: what cannot be modelled becomes a [`Diagnostic`] plus a fallback.

mod analysis;
mod depth;
mod discriminator;
mod multipart;
mod object;
mod operation;
mod pagination;
mod parameter;
mod prune;
mod schema;
mod scopes;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::Flavour;
use crate::diagnostic::Diagnostic;
use crate::ir::{Api, Client, ClientKind, Doc, Ty, TypeDef, TypeId, TypeKind};
use crate::names::Namespace;

/// Names the generated module uses unqualified (from `::authing::generated::prelude`), so no
/// generated type may take them.
const PRELUDE_NAMES: &[&str] = &["BTreeMap", "Bytes", "Map", "Value"];

/// Lowers `spec` for `flavour`; returns the IR and the diagnostics met on the way.
pub fn lower(spec: &OpenAPI, flavour: Flavour) -> (Api, Vec<Diagnostic>) {
    let mut lowerer = Lowerer {
        spec,
        flavour,
        types: Vec::new(),
        wanted: Vec::new(),
        components: BTreeMap::new(),
        diagnostics: Vec::new(),
        examples: Vec::new(),
        in_progress: std::collections::HashMap::new(),
    };
    lowerer.lower_components();
    let operations = lowerer.lower_operations();
    let kind = match flavour {
        Flavour::Generic => ClientKind::Generic,
        Flavour::Authentication => ClientKind::Authentication,
        Flavour::Management => ClientKind::Management,
    };
    let mut api = Api {
        title: spec.info.title.clone(),
        description: spec.info.description.clone(),
        types: lowerer.types,
        client: Client {
            kind,
            operations,
            tags: spec
                .tags
                .iter()
                .map(|tag| {
                    let doc = Doc {
                        en: extension_text(&tag.extensions, "x-description-en"),
                        original: tag.description.clone(),
                    };
                    (tag.name.clone(), doc)
                })
                .collect(),
        },
        examples: lowerer.examples,
    };
    let mut diagnostics = lowerer.diagnostics;
    analysis::name_types(&mut api, &lowerer.wanted, &lowerer.components);
    analysis::break_alias_cycles(&mut api, &mut diagnostics);
    depth::cut_deep_chains(&mut api, &mut diagnostics);
    analysis::wrap_alias_cycles(&mut api);
    analysis::box_cycles(&mut api);
    analysis::derive_defaults(&mut api);
    pagination::recognise(&mut api);
    prune::prune_envelopes(&mut api, &lowerer.components);
    diagnostics.sort();
    diagnostics.dedup();
    (api, diagnostics)
}

/// A schema that is either a `$ref` or inline, borrowed from either `ReferenceOr<Schema>` or
/// `ReferenceOr<Box<Schema>>`.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

/// How to name an inline schema that becomes a type: its API path and the wanted Rust name.
#[derive(Clone)]
pub(crate) struct Hint {
    pub api_name: String,
    pub wanted: String,
}

impl Hint {
    /// The hint for a part (`field`, `Item`, ...) of this one.
    pub fn child(&self, api_part: &str, rust_part: &str) -> Hint {
        Hint {
            api_name: format!("{}.{api_part}", self.api_name),
            wanted: format!("{}{rust_part}", self.wanted),
        }
    }
}

/// The lowering state: the spec, the type arena being built and the diagnostics.
pub(crate) struct Lowerer<'a> {
    pub spec: &'a OpenAPI,
    pub flavour: Flavour,
    pub types: Vec<TypeDef>,
    /// The wanted Rust name of each type (same index as `types`), made unique at the end.
    pub wanted: Vec<String>,
    /// `components/schemas` name -> type.
    pub components: BTreeMap<String, TypeId>,
    pub diagnostics: Vec<Diagnostic>,
    /// Examples met on the way (component schemas, request and response bodies).
    pub examples: Vec<crate::ir::Example>,
    /// Inline schemas being lowered (by address) and their type: an inline schema that reaches
    /// itself (its `allOf` merges a component that holds it) refers to its own type instead of
    /// being expanded forever.
    pub in_progress: std::collections::HashMap<usize, TypeId>,
}

impl<'a> Lowerer<'a> {
    /// Adds a type to the arena (its kind is usually filled in later, so that recursive
    /// references find the id).
    pub fn new_type(&mut self, hint: &Hint, pointer: &str, schema: Option<&Schema>) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            api_name: hint.api_name.clone(),
            rust_name: String::new(),
            pointer: pointer.to_owned(),
            doc: schema.map(schema_doc).unwrap_or_default(),
            kind: TypeKind::Alias(Ty::Value),
        });
        self.wanted.push(hint.wanted.clone());
        id
    }

    /// The component schema a local `$ref` points to, with its pointer; a diagnostic and `None`
    /// when the reference is not a local schema reference or dangles.
    pub fn resolve(
        &mut self,
        reference: &str,
        at: &str,
    ) -> Option<(&'a str, &'a ReferenceOr<Schema>)> {
        let found = reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| {
                let name = unescape(name);
                self.spec
                    .components
                    .as_ref()?
                    .schemas
                    .get_key_value(name.as_str())
            });
        match found {
            Some((name, schema)) => Some((name.as_str(), schema)),
            None => {
                self.diagnostics.push(Diagnostic::error(
                    at,
                    format!("`$ref: {reference}` does not point to a schema in #/components/schemas; using serde_json::Value"),
                ));
                None
            }
        }
    }

    /// Follows `$ref`s (at most a few levels) to an inline schema.
    pub fn resolve_item(&mut self, schema: SchemaRef<'a>, at: &str) -> Option<&'a Schema> {
        let mut current = schema;
        for _ in 0..16 {
            match current {
                SchemaRef::Item(schema) => return Some(schema),
                SchemaRef::Ref(reference) => current = self.resolve(reference, at)?.1.into(),
            }
        }
        None
    }

    fn lower_components(&mut self) {
        let Some(components) = self.spec.components.as_ref() else {
            return;
        };
        for name in components.schemas.keys() {
            let hint = Hint {
                api_name: name.clone(),
                wanted: crate::names::pascal(name, "Schema"),
            };
            let pointer = crate::diagnostic::child("/components/schemas", name);
            let item = components.schemas[name].as_item();
            let id = self.new_type(&hint, &pointer, item);
            self.components.insert(name.clone(), id);
        }
        for (name, schema) in &components.schemas {
            let id = self.components[name];
            let pointer = self.types[id.0].pointer.clone();
            let hint = Hint {
                api_name: name.clone(),
                wanted: self.wanted[id.0].clone(),
            };
            let kind = self.component_kind(SchemaRef::from(schema), &pointer, &hint);
            self.types[id.0].kind = kind;
            if let Some(example) = schema.as_item().and_then(|s| s.schema_data.example.clone()) {
                self.examples.push(crate::ir::Example {
                    pointer: format!("{pointer}/example"),
                    ty: Ty::Named(id),
                    value: example,
                });
            }
        }
    }

    /// The namespace of type names, with what the generated module already uses.
    pub fn type_namespace(flavour: Flavour) -> Namespace {
        let mut reserved: Vec<&str> = PRELUDE_NAMES.to_vec();
        if flavour == Flavour::Generic {
            reserved.push("Client");
        }
        Namespace::with_reserved(reserved)
    }
}

/// The doc of a schema: its `description` (or `title`) and `x-description-en`.
pub(crate) fn schema_doc(schema: &Schema) -> Doc {
    Doc {
        en: extension_text(&schema.schema_data.extensions, "x-description-en"),
        original: schema
            .schema_data
            .description
            .clone()
            .or_else(|| schema.schema_data.title.clone()),
    }
}

/// A string extension (`x-summary-en`, ...); other JSON types are not text and are ignored.
pub(crate) fn extension_text(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
    key: &str,
) -> Option<String> {
    extensions
        .get(key)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

/// Undoes JSON pointer escaping of one reference token.
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}
