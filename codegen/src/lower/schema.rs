//! Lowering of schemas into types.
//!
//! | schema | Rust |
//! | --- | --- |
//! | object with `properties` | struct (inline ones are named `ParentField`) |
//! | object without properties, `additionalProperties: S` | `BTreeMap<String, S>` |
//! | object without properties otherwise, `{}` | `serde_json::Map<String, Value>` / `Value` |
//! | `additionalProperties: S` next to properties | a flattened `BTreeMap<String, S>` field |
//! | `allOf` | the properties of every part merged into one struct |
//! | `allOf` wrapping one scalar or array (other parts annotation-only, or the same type) | that type |
//! | `oneOf` / `anyOf` | an untagged enum (a single alternative is used as is) |
//! | `oneOf` / `anyOf` with a `discriminator` | an enum chosen by the tag's value (`discriminator.rs`) |
//! | string `enum` | an open enum: a variant per value, `Unknown(String)` for the rest |
//! | `x-connection-payloads` | the discriminator and payload fields replaced by a flattened connection enum |
//! | integer / number / boolean | `i32` (`int32`) or `i64`, `f32` (`float`) or `f64`, `bool`; enums of them stay plain |
//! | string with any `format` (`date-time`, `date`, `byte`, ...) | `String`: the wire text, unparsed (no date crate in users' builds) |
//! | `nullable` | `Option` |
//! | `not`, non-local `$ref` | `serde_json::Value` with a diagnostic |

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{Hint, Lowerer, SchemaRef};
use crate::diagnostic::{Diagnostic, child};
use crate::ir::{
    Connection, ConnectionVariant, Doc, Field, OpenEnum, Struct, Ty, TypeKind, Union, UnionVariant,
    Variant,
};
use crate::names::{Namespace, pascal, snake};

/// What a schema is, before it becomes a type.
enum Shape<'a> {
    /// An object with properties (possibly merged from `allOf` parts).
    Object(ObjectParts<'a>),
    /// An object without properties: a map or a free-form object.
    Map(Option<SchemaRef<'a>>),
    /// `oneOf` / `anyOf` alternatives.
    Union(Vec<SchemaRef<'a>>),
    /// String enum values.
    Enum(Vec<String>),
    /// An array of `items`.
    Array(Option<SchemaRef<'a>>),
    /// A scalar.
    Scalar(Ty),
    /// Anything (`{}`).
    Any,
    /// `allOf` with a single part and nothing else: that part.
    Same(SchemaRef<'a>),
    /// Not modelled: a diagnostic and `Value`.
    Unsupported(&'static str),
}

/// Properties of an object schema, collected across `allOf` parts.
#[derive(Default)]
struct ObjectParts<'a> {
    /// `(name, schema, pointer)` in order; later parts override earlier ones.
    properties: Vec<(&'a str, SchemaRef<'a>, String)>,
    required: BTreeSet<&'a str>,
    /// `additionalProperties: S`, with its pointer.
    additional: Option<(SchemaRef<'a>, String)>,
    /// `additionalProperties: true`.
    additional_any: bool,
    /// The schema carrying `x-connection-payloads`, with its pointer.
    connection: Option<(&'a Value, String)>,
    /// The `$ref`s merged so far: a part reached twice (`allOf: [{$ref: A}, {$ref: A}]`, or
    /// through two parents) is merged once.
    merged: BTreeSet<&'a str>,
    /// The `$ref`s being merged, outermost first: a part that reaches one of them is a cycle.
    stack: Vec<&'a str>,
}

impl<'a> Lowerer<'a> {
    /// The kind of the named type for a `components/schemas` entry.
    pub(crate) fn component_kind(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        hint: &Hint,
    ) -> TypeKind {
        match self.shape(schema, pointer) {
            Shape::Object(parts) => TypeKind::Struct(self.object(parts, hint)),
            Shape::Union(alternatives) if alternatives.len() > 1 => {
                TypeKind::Union(self.union_of(schema, &alternatives, pointer, hint))
            }
            Shape::Enum(values) => {
                let item = match schema {
                    SchemaRef::Item(s) => Some(s),
                    SchemaRef::Ref(_) => None,
                };
                TypeKind::Enum(open_enum(&values, item))
            }
            _ => TypeKind::Alias(self.ty(schema, pointer, hint)),
        }
    }

    /// The type of a schema used somewhere (a field, an item, a parameter, a body); inline
    /// objects, enums and unions become named types after `hint`.
    pub(crate) fn ty(&mut self, schema: SchemaRef<'a>, pointer: &str, hint: &Hint) -> Ty {
        if let SchemaRef::Ref(reference) = schema {
            return match reference
                .strip_prefix("#/components/schemas/")
                .map(super::unescape)
            {
                Some(name) if self.components.contains_key(&name) => {
                    Ty::Named(self.components[&name])
                }
                _ => {
                    self.resolve(reference, pointer);
                    Ty::Value
                }
            };
        }
        let SchemaRef::Item(item) = schema else {
            unreachable!("references returned above")
        };
        let address = std::ptr::from_ref(item) as usize;
        if let Some(id) = self.in_progress.get(&address) {
            return Ty::Named(*id);
        }
        match self.shape(schema, pointer) {
            Shape::Object(parts) => {
                let id = self.new_type(hint, pointer, Some(item));
                self.in_progress.insert(address, id);
                let kind = TypeKind::Struct(self.object(parts, hint));
                self.in_progress.remove(&address);
                self.types[id.0].kind = kind;
                Ty::Named(id)
            }
            Shape::Map(None) => Ty::Object,
            Shape::Map(Some(values)) => Ty::Map(Box::new(self.item_ty(
                values,
                &format!("{pointer}/additionalProperties"),
                &hint.child("value", "Value"),
            ))),
            Shape::Union(alternatives) if alternatives.len() == 1 => {
                self.ty(alternatives[0], pointer, hint)
            }
            Shape::Union(alternatives) => {
                let id = self.new_type(hint, pointer, Some(item));
                self.in_progress.insert(address, id);
                let kind = TypeKind::Union(self.union_of(schema, &alternatives, pointer, hint));
                self.in_progress.remove(&address);
                self.types[id.0].kind = kind;
                Ty::Named(id)
            }
            Shape::Enum(values) => {
                let id = self.new_type(hint, pointer, Some(item));
                self.types[id.0].kind = TypeKind::Enum(open_enum(&values, Some(item)));
                Ty::Named(id)
            }
            Shape::Array(None) => Ty::Array(Box::new(Ty::Value)),
            Shape::Array(Some(items)) => Ty::Array(Box::new(self.item_ty(
                items,
                &format!("{pointer}/items"),
                &hint.child("item", "Item"),
            ))),
            Shape::Scalar(ty) => ty,
            Shape::Any => Ty::Value,
            Shape::Same(part) => self.ty(part, &format!("{pointer}/allOf/0"), hint),
            Shape::Unsupported(what) => {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    format!("{what} is not supported; using serde_json::Value"),
                ));
                Ty::Value
            }
        }
    }

    /// The type of an array item or a map value: `Option` when `nullable`.
    fn item_ty(&mut self, schema: SchemaRef<'a>, pointer: &str, hint: &Hint) -> Ty {
        let ty = self.ty(schema, pointer, hint);
        match schema {
            SchemaRef::Item(item) if item.schema_data.nullable => Ty::Option(Box::new(ty)),
            _ => ty,
        }
    }

    /// Classifies a schema.
    fn shape(&mut self, schema: SchemaRef<'a>, pointer: &str) -> Shape<'a> {
        let shape = self.classify(schema, pointer);
        if !matches!(shape, Shape::Union(_)) {
            self.misplaced_discriminator(schema, pointer);
        }
        shape
    }

    fn classify(&mut self, schema: SchemaRef<'a>, pointer: &str) -> Shape<'a> {
        let SchemaRef::Item(item) = schema else {
            return Shape::Same(schema);
        };
        match &item.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                if object.properties.is_empty() {
                    return match &object.additional_properties {
                        Some(AdditionalProperties::Schema(values)) => {
                            Shape::Map(Some(SchemaRef::from(&**values)))
                        }
                        _ => Shape::Map(None),
                    };
                }
                let mut parts = ObjectParts::default();
                self.collect_object(schema, pointer, &mut parts, 0);
                Shape::Object(parts)
            }
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                Shape::Enum(string.enumeration.iter().flatten().cloned().collect())
            }
            SchemaKind::Type(Type::String(_)) => Shape::Scalar(Ty::String),
            SchemaKind::Type(Type::Integer(integer)) => Shape::Scalar(match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            }),
            SchemaKind::Type(Type::Number(number)) => Shape::Scalar(match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Shape::Scalar(Ty::Bool),
            SchemaKind::Type(Type::Array(array)) => {
                Shape::Array(array.items.as_ref().map(SchemaRef::from))
            }
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } => {
                Shape::Union(parts.iter().map(SchemaRef::from).collect())
            }
            SchemaKind::AllOf { all_of } => {
                if let Some(part) = self.wrapped_part(all_of) {
                    return Shape::Same(part);
                }
                let mut parts = ObjectParts::default();
                self.collect_object(schema, pointer, &mut parts, 0);
                Shape::Object(parts)
            }
            SchemaKind::Not { .. } => Shape::Unsupported("`not`"),
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() || !any.properties.is_empty() {
                    if !any.one_of.is_empty() || !any.any_of.is_empty() {
                        self.diagnostics.push(Diagnostic::warning(
                            pointer,
                            "`oneOf` / `anyOf` next to `allOf` or `properties` is not supported; the alternatives are ignored (only the common part is typed)",
                        ));
                    }
                    if any.properties.is_empty()
                        && any.required.is_empty()
                        && any.additional_properties.is_none()
                    {
                        if let Some(part) = self.wrapped_part(&any.all_of) {
                            return Shape::Same(part);
                        }
                    }
                    let mut parts = ObjectParts::default();
                    self.collect_object(schema, pointer, &mut parts, 0);
                    return Shape::Object(parts);
                }
                if !any.one_of.is_empty() {
                    return Shape::Union(any.one_of.iter().map(SchemaRef::from).collect());
                }
                if !any.any_of.is_empty() {
                    return Shape::Union(any.any_of.iter().map(SchemaRef::from).collect());
                }
                if let Some(items) = &any.items {
                    return Shape::Array(Some(SchemaRef::from(items)));
                }
                if any.not.is_some() {
                    return Shape::Unsupported("`not`");
                }
                let strings: Option<Vec<String>> = any
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                match (any.typ.as_deref(), strings) {
                    (Some("string") | None, Some(values)) if !values.is_empty() => {
                        Shape::Enum(values)
                    }
                    (Some("string"), _) => Shape::Scalar(Ty::String),
                    (Some("integer"), _) => Shape::Scalar(Ty::I64),
                    (Some("number"), _) => Shape::Scalar(Ty::F64),
                    (Some("boolean"), _) => Shape::Scalar(Ty::Bool),
                    (Some("array"), _) => Shape::Array(None),
                    (Some("object"), _) => match &any.additional_properties {
                        Some(AdditionalProperties::Schema(values)) => {
                            Shape::Map(Some(SchemaRef::from(&**values)))
                        }
                        _ => Shape::Map(None),
                    },
                    (Some(other), _) if other != "null" => Shape::Unsupported("this `type`"),
                    _ => Shape::Any,
                }
            }
        }
    }

    /// The one part an `allOf` wraps when it is not an object merge: the single part that is
    /// not annotation-only (`description`, `title`, `example`, ... and no type), or the first of
    /// parts that all resolve to the same scalar or array type (`allOf: [{$ref: Id}, {maxLength:
    /// 8}]`). `None` when the parts are objects to merge.
    fn wrapped_part(
        &self,
        all_of: &'a [openapiv3::ReferenceOr<openapiv3::Schema>],
    ) -> Option<SchemaRef<'a>> {
        let substantive: Vec<SchemaRef<'a>> = all_of
            .iter()
            .map(SchemaRef::from)
            .filter(|part| !matches!(part, SchemaRef::Item(s) if is_annotation(s)))
            .collect();
        match substantive.as_slice() {
            [] => None,
            [only] => Some(*only),
            [first, rest @ ..] => {
                let kind = self.scalar_or_array(*first)?;
                rest.iter()
                    .all(|part| self.scalar_or_array(*part) == Some(kind))
                    .then_some(*first)
            }
        }
    }

    /// The JSON type of a schema (after `$ref`s) when it is a scalar or an array.
    fn scalar_or_array(&self, schema: SchemaRef<'a>) -> Option<&'static str> {
        let mut current = schema;
        let mut item = None;
        // Quietly: a dangling `$ref` is reported where the part is merged.
        for _ in 0..16 {
            match current {
                SchemaRef::Item(schema) => {
                    item = Some(schema);
                    break;
                }
                SchemaRef::Ref(reference) => {
                    let name = super::unescape(reference.strip_prefix("#/components/schemas/")?);
                    current = self.spec.components.as_ref()?.schemas.get(&name)?.into();
                }
            }
        }
        let item = item?;
        Some(match &item.schema_kind {
            SchemaKind::Type(Type::String(_)) => "string",
            SchemaKind::Type(Type::Integer(_)) => "integer",
            SchemaKind::Type(Type::Number(_)) => "number",
            SchemaKind::Type(Type::Boolean(_)) => "boolean",
            SchemaKind::Type(Type::Array(_)) => "array",
            _ => return None,
        })
    }

    /// Collects the properties of an object schema and of its `allOf` parts into `parts`.
    fn collect_object(
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
    fn object(&mut self, parts: ObjectParts<'a>, hint: &Hint) -> Struct {
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
    fn connection_spec(
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

    /// Lowers `oneOf` / `anyOf` alternatives into an untagged union.
    pub(crate) fn union(
        &mut self,
        alternatives: &[SchemaRef<'a>],
        pointer: &str,
        hint: &Hint,
    ) -> Union {
        let mut names = Namespace::default();
        let variants = alternatives
            .iter()
            .enumerate()
            .map(|(i, alternative)| {
                let pointer = format!("{pointer}/{i}");
                let ty = self.ty(
                    *alternative,
                    &pointer,
                    &hint.child(&i.to_string(), &format!("Variant{i}")),
                );
                let name = match (&ty, alternative) {
                    (Ty::Named(_), SchemaRef::Ref(reference)) => pascal(
                        reference.rsplit('/').next().unwrap_or_default(),
                        &format!("Variant{i}"),
                    ),
                    (Ty::Bool, _) => "Boolean".to_owned(),
                    (Ty::I32 | Ty::I64, _) => "Integer".to_owned(),
                    (Ty::F32 | Ty::F64, _) => "Number".to_owned(),
                    (Ty::String, _) => "String".to_owned(),
                    (Ty::Array(_), _) => "Array".to_owned(),
                    (Ty::Object | Ty::Map(_), _) => "Object".to_owned(),
                    _ => format!("Variant{i}"),
                };
                UnionVariant {
                    rust_name: names.claim(&name),
                    ty,
                    boxed: false,
                    value: None,
                }
            })
            .collect();
        Union {
            variants,
            tag: None,
        }
    }
}

/// A checked `x-connection-payloads`.
struct ConnectionSpec {
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

/// A schema that only annotates (no type, no constraint that shapes a Rust type): an `allOf`
/// part like `{description: ...}` adds nothing to the type.
fn is_annotation(schema: &openapiv3::Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
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

/// The variant name for enum value number `i`.
fn variant_name(value: &str, i: usize) -> String {
    if value.is_empty() {
        "Empty".to_owned()
    } else {
        pascal(value, &format!("Value{}", i + 1))
    }
}

/// An open enum of `values`, documented from `x-enum-descriptions` and the English bullets of
/// `x-description-en` (both on `schema`).
fn open_enum(values: &[String], schema: Option<&openapiv3::Schema>) -> OpenEnum {
    let descriptions = schema.and_then(|s| s.schema_data.extensions.get("x-enum-descriptions"));
    let english = schema
        .and_then(|s| super::extension_text(&s.schema_data.extensions, "x-description-en"))
        .map(|text| crate::doc::value_bullets(&text))
        .unwrap_or_default();
    let mut names = Namespace::default();
    let mut seen = BTreeSet::new();
    let variants: Vec<Variant> = values
        .iter()
        .filter(|value| seen.insert(value.as_str()))
        .enumerate()
        .map(|(i, value)| Variant {
            api_name: value.clone(),
            rust_name: names.claim(&variant_name(value, i)),
            doc: Doc {
                en: english.get(value).cloned(),
                original: descriptions
                    .and_then(|d| d.get(value))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            },
        })
        .collect();
    let fallback = if names.is_free("Unknown") {
        names.claim("Unknown")
    } else {
        names.claim("UnknownValue")
    };
    OpenEnum { variants, fallback }
}
