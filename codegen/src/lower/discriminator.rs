//! `discriminator`: a `oneOf` / `anyOf` whose alternatives are told apart by one property.
//!
//! Each alternative is a `$ref` to an object schema; its values are the `mapping` keys that
//! point to it, or its schema name when none does (the spec's implicit mapping). A mapping
//! target that is not an alternative is a variant too. The union becomes an enum chosen by the
//! tag's value (`#[tagged_union]`): the payload keeps the tag property, serialization writes the
//! variant's value into it, and an unknown value is kept whole in a fallback variant.
//!
//! What Rust cannot express this way falls back to the untagged union with a warning: an inline
//! alternative (it has no name, so no implicit value), an alternative that is not an object (it
//! has no property to carry the tag), an external mapping target. A `discriminator` outside
//! `oneOf` / `anyOf` (on a base schema that subtypes `allOf`) is reported too: the subtypes are
//! not collected, values decode as the base schema.

use std::collections::BTreeSet;

use openapiv3::{Discriminator, SchemaKind, Type};

use super::{Hint, Lowerer, SchemaRef};
use crate::diagnostic::Diagnostic;
use crate::ir::{Ty, TypeId, Union, UnionTag, UnionVariant};
use crate::names::{Namespace, pascal};

impl<'a> Lowerer<'a> {
    /// The union of `alternatives`: tagged by the schema's `discriminator` when it can be,
    /// untagged otherwise.
    pub(crate) fn union_of(
        &mut self,
        schema: SchemaRef<'a>,
        alternatives: &[SchemaRef<'a>],
        pointer: &str,
        hint: &Hint,
    ) -> Union {
        let untagged = self.union(alternatives, pointer, hint);
        let discriminator = match schema {
            SchemaRef::Item(item) => item.schema_data.discriminator.as_ref(),
            SchemaRef::Ref(_) => None,
        };
        let Some(discriminator) = discriminator else {
            return untagged;
        };
        let at = format!("{pointer}/discriminator");
        match self.tagged(discriminator, alternatives, &untagged, pointer) {
            Ok(tagged) => tagged,
            Err(reason) => {
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    format!(
                        "{reason}; the `discriminator` is ignored: an untagged enum tries each alternative in order, so a value that fits an earlier one decodes as it"
                    ),
                ));
                untagged
            }
        }
    }

    /// Reports a `discriminator` on a schema that is not a `oneOf` / `anyOf`.
    pub(crate) fn misplaced_discriminator(&mut self, schema: SchemaRef<'a>, pointer: &str) {
        if let SchemaRef::Item(item) = schema {
            if item.schema_data.discriminator.is_some() {
                self.diagnostics.push(Diagnostic::warning(
                    format!("{pointer}/discriminator"),
                    "a `discriminator` outside `oneOf` / `anyOf` is not supported (the schemas that extend this one through `allOf` are not collected); values decode as this schema alone",
                ));
            }
        }
    }

    /// The tagged union, or why it cannot be one.
    fn tagged(
        &mut self,
        discriminator: &'a Discriminator,
        alternatives: &[SchemaRef<'a>],
        untagged: &Union,
        pointer: &str,
    ) -> Result<Union, String> {
        let mut mapping: Vec<(&'a str, String)> = Vec::new();
        for (value, target) in &discriminator.mapping {
            let target = if target.starts_with('#') {
                target.clone()
            } else if !target.contains('/') && !target.contains('.') {
                format!("#/components/schemas/{target}")
            } else {
                return Err(format!(
                    "the mapping of `{value}` points outside this document (`{target}`)"
                ));
            };
            mapping.push((value, target));
        }
        let mut names = Namespace::default();
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for (i, (alternative, lowered)) in alternatives.iter().zip(&untagged.variants).enumerate() {
            let SchemaRef::Ref(reference) = alternative else {
                return Err(format!(
                    "alternative {i} is an inline schema, which has no discriminator value"
                ));
            };
            self.object_alternative(*alternative, &format!("{pointer}/{i}"))?;
            let mut values: Vec<String> = mapping
                .iter()
                .filter(|(_, target)| target == reference)
                .map(|(value, _)| (*value).to_owned())
                .collect();
            if values.is_empty() {
                values.push(super::unescape(
                    reference.rsplit('/').next().unwrap_or_default(),
                ));
            }
            let single = values.len() == 1;
            for value in values {
                if !seen.insert(value.clone()) {
                    continue;
                }
                let name = if single {
                    lowered.rust_name.clone()
                } else {
                    pascal(&value, &format!("Value{}", variants.len() + 1))
                };
                variants.push(UnionVariant {
                    rust_name: names.claim(&name),
                    ty: lowered.ty.clone(),
                    boxed: false,
                    value: Some(value),
                });
            }
        }
        for (value, target) in &mapping {
            let listed = alternatives
                .iter()
                .any(|a| matches!(a, SchemaRef::Ref(r) if r == target));
            if listed || seen.contains(*value) {
                continue;
            }
            let at = format!("{pointer}/discriminator/mapping");
            let Some((name, schema, id)) = self.component_schema(target) else {
                return Err(format!(
                    "the mapping of `{value}` points to `{target}`, which is not a schema of #/components/schemas"
                ));
            };
            self.object_alternative(schema, &at)?;
            seen.insert((*value).to_owned());
            variants.push(UnionVariant {
                rust_name: names.claim(&pascal(name, &format!("Value{}", variants.len() + 1))),
                ty: Ty::Named(id),
                boxed: false,
                value: Some((*value).to_owned()),
            });
        }
        let fallback = names.claim("Unknown");
        Ok(Union {
            variants,
            tag: Some(UnionTag {
                property: discriminator.property_name.clone(),
                fallback,
            }),
        })
    }

    /// `Err` when `alternative` is not an object schema (it cannot carry the tag).
    fn object_alternative(&mut self, alternative: SchemaRef<'a>, at: &str) -> Result<(), String> {
        let schema = self
            .resolve_item(alternative, at)
            .ok_or_else(|| "an alternative does not resolve to a schema".to_owned())?;
        let object = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
            SchemaKind::Any(any) => {
                !any.properties.is_empty()
                    || !any.all_of.is_empty()
                    || any.typ.as_deref() == Some("object")
            }
            _ => false,
        };
        if object {
            Ok(())
        } else {
            Err(format!(
                "the alternative at {at} is not an object, so it cannot carry the tag"
            ))
        }
    }

    /// The component a `#/components/schemas/..` reference names: its name, schema and type.
    fn component_schema(&self, reference: &str) -> Option<(&'a str, SchemaRef<'a>, TypeId)> {
        let name = super::unescape(reference.strip_prefix("#/components/schemas/")?);
        let spec: &'a openapiv3::OpenAPI = self.spec;
        let (name, schema) = spec.components.as_ref()?.schemas.get_key_value(&name)?;
        Some((
            name.as_str(),
            SchemaRef::from(schema),
            *self.components.get(name)?,
        ))
    }
}
