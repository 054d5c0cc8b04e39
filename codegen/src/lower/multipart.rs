//! Lowering of `multipart/form-data` request bodies: an object schema -> a
//! [`TypeKind::Multipart`] type, one part per property. A `format: binary` string is a file
//! part, an array of them a part per file, anything else a value part; a property's
//! `encoding.contentType` (its first media type, when not a range) is the part's type.

use openapiv3::{MediaType, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::{Hint, Lowerer, SchemaRef};
use crate::diagnostic::child;
use crate::ir::{Doc, PartField, PartKind, Ty, TypeKind};
use crate::names::{Namespace, snake};

impl<'a> Lowerer<'a> {
    /// The type of a `multipart/form-data` body whose schema is at `pointer`; `Err` with why
    /// the body cannot be sent when the schema is not an object with properties.
    pub(crate) fn multipart(
        &mut self,
        media: &'a MediaType,
        pointer: &str,
        hint: &Hint,
    ) -> Result<Ty, String> {
        let refused = "a multipart/form-data body whose schema is not an object with `properties` is not supported";
        let schema = media.schema.as_ref().ok_or(refused)?;
        let schema = self
            .resolve_item(SchemaRef::from(schema), pointer)
            .ok_or(refused)?;
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            return Err(refused.to_owned());
        };
        if object.properties.is_empty() {
            return Err(refused.to_owned());
        }
        // A component's value parts keep the types its JSON struct has (one enum, not two).
        let component = media.schema.as_ref().and_then(|s| match s {
            openapiv3::ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| self.components.get(&super::unescape(name)).copied()),
            openapiv3::ReferenceOr::Item(_) => None,
        });
        let known = |lowerer: &Self, name: &str| -> Option<Ty> {
            let TypeKind::Struct(s) = &lowerer.types[component?.0].kind else {
                return None;
            };
            s.fields
                .iter()
                .find(|f| f.api_name == name && !f.flatten)
                .map(|f| f.ty.clone())
        };
        let id = self.new_type(hint, pointer, Some(schema));
        let mut names = Namespace::default();
        let mut fields = Vec::new();
        for (name, property) in &object.properties {
            let at = child(&format!("{pointer}/properties"), name);
            let item = self.resolve_item(SchemaRef::from(property), &at);
            let kind = match item.map(|s| &s.schema_kind) {
                Some(kind) if is_binary(kind) => PartKind::File,
                Some(SchemaKind::Type(Type::Array(array)))
                    if array.items.as_ref().is_some_and(|items| {
                        self.resolve_item(SchemaRef::from(items), &format!("{at}/items"))
                            .is_some_and(|s| is_binary(&s.schema_kind))
                    }) =>
                {
                    PartKind::Files
                }
                _ => PartKind::Value(match known(self, name) {
                    Some(ty) => ty,
                    None => self.ty(
                        SchemaRef::from(property),
                        &at,
                        &hint.child(name, &crate::names::pascal(name, "Part")),
                    ),
                }),
            };
            let value_ty = match &kind {
                PartKind::Value(ty) => ty.clone(),
                PartKind::File | PartKind::Files => Ty::Bytes,
            };
            let content_type = media
                .encoding
                .get(name)
                .and_then(|e| e.content_type.as_deref())
                .and_then(|types| types.split(',').next())
                .map(str::trim)
                .filter(|t| !t.is_empty() && !t.contains('*'))
                .map(str::to_owned);
            fields.push(PartField {
                api_name: name.clone(),
                rust_name: names.claim(&snake(name, "part")),
                doc: item.map(super::schema_doc).unwrap_or_default(),
                kind,
                required: object.required.contains(name),
                secret: super::object::is_secret(name, item, &value_ty),
                content_type,
            });
        }
        self.types[id.0].doc = match self.types[id.0].doc.is_empty() {
            true => Doc::original(format!(
                "The `multipart/form-data` body of `{}`.",
                hint.api_name.trim_end_matches(".body")
            )),
            false => self.types[id.0].doc.clone(),
        };
        self.types[id.0].kind = TypeKind::Multipart(fields);
        Ok(Ty::Named(id))
    }
}

/// `type: string, format: binary`: a file.
fn is_binary(kind: &SchemaKind) -> bool {
    matches!(kind, SchemaKind::Type(Type::String(string))
        if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary))
}
