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

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::object::ObjectParts;
use super::{Hint, Lowerer, SchemaRef};
use crate::diagnostic::Diagnostic;
use crate::ir::{Doc, OpenEnum, Ty, TypeKind, Union, UnionVariant, Variant};
use crate::names::{Namespace, pascal};

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
    pub(super) fn item_ty(&mut self, schema: SchemaRef<'a>, pointer: &str, hint: &Hint) -> Ty {
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

/// A schema that only annotates (no type, no constraint that shapes a Rust type): an `allOf`
/// part like `{description: ...}` adds nothing to the type.
fn is_annotation(schema: &openapiv3::Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
}

/// The variant name for enum value number `i`.
pub(super) fn variant_name(value: &str, i: usize) -> String {
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
