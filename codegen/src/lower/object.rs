//! Lowering of object schemas: properties collected across `allOf` parts into one struct,
//! `additionalProperties` as a flattened map, and `x-connection-payloads` as a connection enum.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{AdditionalProperties, SchemaKind, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

use super::schema::variant_name;
use super::{Hint, Lowerer, SchemaRef};
use crate::diagnostic::{Diagnostic, child};
use crate::ir::{Connection, ConnectionVariant, Doc, Field, Struct, Ty, TypeKind, Variant};
use crate::names::{Namespace, pascal, snake};

/// Properties of an object schema, collected across `allOf` parts.
#[derive(Default)]
pub(super) struct ObjectParts<'a> {
    /// `(name, schema, pointer)` in order; later parts override earlier ones.
    pub(super) properties: Vec<(&'a str, SchemaRef<'a>, String)>,
    pub(super) required: BTreeSet<&'a str>,
    /// `additionalProperties: S`, with its pointer.
    pub(super) additional: Option<(SchemaRef<'a>, String)>,
    /// `additionalProperties: true`.
    pub(super) additional_any: bool,
    /// The schema carrying `x-connection-payloads`, with its pointer.
    pub(super) connection: Option<(&'a Value, String)>,
    /// The `$ref`s merged so far: a part reached twice (`allOf: [{$ref: A}, {$ref: A}]`, or
    /// through two parents) is merged once.
    pub(super) merged: BTreeSet<&'a str>,
    /// The `$ref`s being merged, outermost first: a part that reaches one of them is a cycle.
    pub(super) stack: Vec<&'a str>,
}

impl<'a> Lowerer<'a> {
    /// Collects the properties of an object schema and of its `allOf` parts into `parts`.
    pub(super) fn collect_object(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        parts: &mut ObjectParts<'a>,
        depth: usize,
    ) {
        if depth > 32 {
            self.diagnostics.push(Diagnostic::error(
                pointer,
                "`allOf` nests too deep (a cycle?); parts ignored",
            ));
            return;
        }
        let (item, pointer) = match schema {
            SchemaRef::Item(item) => (item, pointer.to_owned()),
            SchemaRef::Ref(reference) => {
                if parts.stack.contains(&reference) {
                    self.diagnostics.push(Diagnostic::warning(
                        pointer,
                        format!("`allOf` cycle: `{reference}` includes itself; the repeated part is ignored"),
                    ));
                    return;
                }
                if !parts.merged.insert(reference) {
                    return;
                }
                let Some((name, resolved)) = self.resolve(reference, pointer) else {
                    return;
                };
                parts.stack.push(reference);
                match resolved.as_item() {
                    Some(_) => self.collect_object(
                        resolved.into(),
                        &child("/components/schemas", name),
                        parts,
                        depth + 1,
                    ),
                    None => self.collect_object(resolved.into(), pointer, parts, depth + 1),
                }
                parts.stack.pop();
                return;
            }
        };
        if let Some(connection) = item.schema_data.extensions.get("x-connection-payloads") {
            parts.connection = Some((connection, format!("{pointer}/x-connection-payloads")));
        }
        let (properties, required, additional, all_of) = match &item.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                (&o.properties, &o.required, &o.additional_properties, None)
            }
            SchemaKind::AllOf { all_of } => {
                for (i, part) in all_of.iter().enumerate() {
                    self.collect_object(
                        part.into(),
                        &format!("{pointer}/allOf/{i}"),
                        parts,
                        depth + 1,
                    );
                }
                return;
            }
            SchemaKind::Any(any) => (
                &any.properties,
                &any.required,
                &any.additional_properties,
                Some(&any.all_of),
            ),
            _ => {
                self.diagnostics.push(Diagnostic::warning(
                    &pointer,
                    "an `allOf` part that is not an object is not supported; part ignored",
                ));
                return;
            }
        };
        for (i, part) in all_of.into_iter().flatten().enumerate() {
            self.collect_object(
                part.into(),
                &format!("{pointer}/allOf/{i}"),
                parts,
                depth + 1,
            );
        }
        for (name, property) in properties {
            parts
                .properties
                .retain(|(existing, _, _)| *existing != name.as_str());
            parts.properties.push((
                name,
                property.into(),
                child(&format!("{pointer}/properties"), name),
            ));
        }
        parts.required.extend(required.iter().map(String::as_str));
        match additional {
            Some(AdditionalProperties::Schema(values)) => {
                parts.additional = Some((
                    SchemaRef::from(&**values),
                    format!("{pointer}/additionalProperties"),
                ));
            }
            Some(AdditionalProperties::Any(true)) => parts.additional_any = true,
            _ => {}
        }
    }

    /// Lowers object parts into a struct (with a connection enum when the schema pairs payloads).
    pub(super) fn object(&mut self, parts: ObjectParts<'a>, hint: &Hint) -> Struct {
        let connection = parts
            .connection
            .clone()
            .and_then(|(value, pointer)| self.connection_spec(value, &pointer, &parts));
        let mut names = Namespace::default();
        let mut fields = Vec::new();
        let mut connection_variants: BTreeMap<&str, Ty> = BTreeMap::new();
        for (name, schema, pointer) in &parts.properties {
            let payload_of = connection
                .as_ref()
                .filter(|c| c.payloads.values().any(|field| field == name));
            let is_tag = connection.as_ref().is_some_and(|c| c.property == *name);
            let field_hint = hint.child(name, &pascal(name, "Field"));
            if payload_of.is_some() && !is_tag {
                let ty = self.ty(*schema, pointer, &field_hint);
                connection_variants.insert(name, ty);
                continue;
            }
            let item = match schema {
                SchemaRef::Item(item) => Some(*item),
                SchemaRef::Ref(_) => None,
            };
            if is_tag {
                // Placeholder: the connection enum is built once every payload type is known.
                fields.push(Field {
                    api_name: name.to_string(),
                    rust_name: names.claim(&snake(name, "field")),
                    doc: item.map(super::schema_doc).unwrap_or_default(),
                    ty: Ty::Unit,
                    required: parts.required.contains(name),
                    nullable: false,
                    boxed: false,
                    flatten: true,
                    secret: false,
                    example: None,
                });
                continue;
            }
            let ty = match item {
                Some(item) if super::scopes::is_scope_list(name, item) => Ty::Scopes,
                _ => self.ty(*schema, pointer, &field_hint),
            };
            let secret = is_secret(name, item, &ty);
            fields.push(Field {
                api_name: name.to_string(),
                rust_name: names.claim(&snake(name, "field")),
                doc: item.map(super::schema_doc).unwrap_or_default(),
                ty,
                required: parts.required.contains(name),
                nullable: item.is_some_and(|s| s.schema_data.nullable),
                boxed: false,
                flatten: false,
                secret,
                example: item.and_then(|s| s.schema_data.example.clone()),
            });
        }
        if let Some(spec) = connection {
            let field = fields
                .iter_mut()
                .find(|f| f.api_name == spec.property)
                .expect("the tag field was pushed above");
            let hint = hint.child(&spec.property, &pascal(&spec.property, "Field"));
            let id = self.new_type(&hint, &spec.pointer, None);
            self.types[id.0].doc = Doc::original(format!(
                "The `{}` of `{}`, with the payload that goes with it.",
                spec.property,
                hint.api_name
                    .rsplit_once('.')
                    .map_or("", |(owner, _)| owner)
            ));
            let mut variant_names = Namespace::default();
            let variants: Vec<ConnectionVariant> = spec
                .values
                .iter()
                .enumerate()
                .map(|(i, value)| {
                    let payload = spec.payloads.get(value).map(|field| {
                        let ty = connection_variants
                            .get(field.as_str())
                            .cloned()
                            .unwrap_or(Ty::Value);
                        (field.clone(), ty)
                    });
                    ConnectionVariant {
                        variant: Variant {
                            api_name: value.clone(),
                            rust_name: variant_names.claim(&variant_name(value, i)),
                            doc: Doc {
                                en: spec.descriptions_en.get(value).cloned(),
                                original: spec.descriptions.get(value).cloned(),
                            },
                        },
                        payload,
                        boxed: false,
                    }
                })
                .collect();
            let fallback = if variant_names.is_free("Other") {
                variant_names.claim("Other")
            } else {
                variant_names.claim("OtherValue")
            };
            self.types[id.0].kind = TypeKind::Connection(Connection {
                tag: spec.property.clone(),
                variants,
                fallback,
            });
            field.ty = Ty::Named(id);
        }
        if let Some((values, pointer)) = parts.additional {
            let ty = self.item_ty(
                values,
                &pointer,
                &hint.child("additionalProperties", "Value"),
            );
            fields.push(additional_field(&mut names, Ty::Map(Box::new(ty))));
        } else if parts.additional_any {
            fields.push(additional_field(&mut names, Ty::Object));
        }
        Struct {
            fields,
            default: false,
        }
    }

    /// Reads and checks `x-connection-payloads`; a warning and `None` when it is malformed.
    pub(super) fn connection_spec(
        &mut self,
        value: &Value,
        pointer: &str,
        parts: &ObjectParts<'a>,
    ) -> Option<ConnectionSpec> {
        let malformed = |message: &str| {
            Diagnostic::warning(pointer, format!("{message}; the extension is ignored"))
        };
        let Some(property) = value.get("property").and_then(Value::as_str) else {
            self.diagnostics.push(malformed(
                "`x-connection-payloads` needs a string `property`",
            ));
            return None;
        };
        let Some(payloads) = value.get("payloads").and_then(Value::as_object) else {
            self.diagnostics.push(malformed(
                "`x-connection-payloads` needs an object `payloads`",
            ));
            return None;
        };
        let Some((_, tag_schema, tag_pointer)) = parts
            .properties
            .iter()
            .find(|(name, _, _)| *name == property)
        else {
            self.diagnostics.push(malformed(&format!(
                "the discriminator property `{property}` is not a property of the schema"
            )));
            return None;
        };
        let mut resolved_payloads = BTreeMap::new();
        for (value, field) in payloads {
            let Some(field) = field.as_str() else {
                self.diagnostics.push(malformed(&format!(
                    "the payload of `{value}` is not a property name"
                )));
                return None;
            };
            if !parts.properties.iter().any(|(name, _, _)| *name == field) {
                self.diagnostics.push(malformed(&format!(
                    "the payload `{field}` of `{value}` is not a property of the schema"
                )));
                return None;
            }
            resolved_payloads.insert(value.clone(), field.to_owned());
        }
        let tag = self.resolve_item(*tag_schema, tag_pointer);
        let mut values: Vec<String> = match tag.map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::String(string))) => {
                string.enumeration.iter().flatten().cloned().collect()
            }
            _ => Vec::new(),
        };
        for value in resolved_payloads.keys() {
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
        let descriptions = tag
            .and_then(|s| s.schema_data.extensions.get("x-enum-descriptions"))
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        let descriptions_en = tag
            .and_then(|s| super::extension_text(&s.schema_data.extensions, "x-description-en"))
            .map(|text| crate::doc::value_bullets(&text))
            .unwrap_or_default();
        Some(ConnectionSpec {
            property: property.to_owned(),
            pointer: pointer.to_owned(),
            payloads: resolved_payloads,
            values,
            descriptions,
            descriptions_en,
        })
    }
}

/// A checked `x-connection-payloads`.
pub(super) struct ConnectionSpec {
    property: String,
    pointer: String,
    /// value -> payload property.
    payloads: BTreeMap<String, String>,
    /// Every discriminator value: the tag's enum, then payload keys it lacks.
    values: Vec<String>,
    descriptions: BTreeMap<String, String>,
    /// value -> English label, from the tag's `x-description-en` bullets.
    descriptions_en: BTreeMap<String, String>,
}

/// The flattened field that keeps `additionalProperties`.
fn additional_field(names: &mut Namespace, ty: Ty) -> Field {
    Field {
        api_name: String::new(),
        rust_name: names.claim("additional_properties"),
        doc: Doc::original("Properties not listed above (`additionalProperties`)."),
        ty,
        required: true,
        nullable: false,
        boxed: false,
        flatten: true,
        secret: false,
        example: None,
    }
}

/// Whether a property holds a secret: its schema says `format: password`, or its name is a
/// secret's ([`authing_secret_names::is_secret_name`]) and its type is not a boolean or a number.
pub(crate) fn is_secret(name: &str, item: Option<&openapiv3::Schema>, ty: &Ty) -> bool {
    let password = item.is_some_and(|schema| {
        matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
            if string.format == VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password))
    });
    let not_text = matches!(ty, Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64);
    password || (authing_secret_names::is_secret_name(name) && !not_text)
}
