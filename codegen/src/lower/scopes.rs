//! Scope lists. OAuth's `scope` is one string of space-separated scope tokens
//! (`"openid profile offline_access"`), which the spec types as a `string`, sometimes with an
//! `enum` of the single scopes that would reject any list of two.
//!
//! The rule, from the spec's own evidence: a property named `scope` whose schema is a `string`
//! and whose description says the values are space-separated (`空格分隔`, "space-separated",
//! "separated by spaces"), or whose example holds two scopes or more, is a
//! `::authing::runtime::Scopes` ([`Ty::Scopes`](crate::ir::Ty::Scopes)); its `enum`, if any, is
//! the known scopes, left in the field's docs. Any other `scope` stays what its schema says.

use openapiv3::{Schema, SchemaKind, Type};

/// What descriptions say when the values are space-separated.
const SPACE_SEPARATED: &[&str] = &[
    "空格分隔",
    "space-separated",
    "space separated",
    "separated by space",
];

/// Whether the property `name` with `schema` is a space-separated scope list.
pub(crate) fn is_scope_list(name: &str, schema: &Schema) -> bool {
    if name != "scope" || !matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))) {
        return false;
    }
    let data = &schema.schema_data;
    let english = super::extension_text(&data.extensions, "x-description-en");
    let said = [data.description.as_deref(), english.as_deref()]
        .into_iter()
        .flatten()
        .map(str::to_lowercase)
        .any(|text| SPACE_SEPARATED.iter().any(|phrase| text.contains(phrase)));
    let shown = data
        .example
        .as_ref()
        .and_then(serde_json::Value::as_str)
        .is_some_and(|example| example.split_whitespace().count() > 1);
    said || shown
}
