//! A page's field row as a schema, read in the context of its page: types, enums from bullets
//! ([`Rule::EnumFromBullets`]), array items ([`Rule::ResponseArrayItem`],
//! [`Rule::ArrayItemFromExample`]), bare type names ([`Rule::BareTypeName`]), array-length limits,
//! typed defaults and examples.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostics;
use crate::model::{Schema, SchemaType};
use crate::pages::cell::{self, TypeExpr};
use crate::pages::{Field, Page};
#[cfg(doc)]
use crate::rules::Rule;

/// Interprets a field in the context of its page.
pub(super) fn field_schema(
    f: &Field,
    page: &Page,
    response_data: bool,
    diags: &mut Diagnostics,
) -> Schema {
    let mut s = Schema::of(type_schema(&f.ty, f, page, response_data));
    let text = f.description.text.trim();
    s.description = (!text.is_empty()).then(|| text.to_string());
    // [`Rule::EnumFromBullets`]: on the value, or on the items of an array of strings.
    if !f.description.bullets.is_empty() {
        let target = match &mut s.ty {
            SchemaType::Array(item)
                if matches!(
                    item.ty,
                    SchemaType::String | SchemaType::Number | SchemaType::Integer
                ) =>
            {
                Some(item.as_mut())
            }
            SchemaType::String | SchemaType::Number | SchemaType::Integer => Some(&mut s),
            _ => None,
        };
        if let Some(target) = target {
            let numeric = matches!(target.ty, SchemaType::Number | SchemaType::Integer);
            let values: Option<Vec<(Value, String)>> = f
                .description
                .bullets
                .iter()
                .map(|(v, l)| {
                    let value = if numeric {
                        serde_json::from_str::<Value>(v)
                            .ok()
                            .filter(Value::is_number)?
                    } else {
                        Value::String(v.clone())
                    };
                    Some((value, l.clone()))
                })
                .collect();
            match values {
                Some(v) => target.enumeration = v,
                None => diags.warn(f.loc, format!("field `{}`: enum bullets that are not numbers on a number field; kept in the description only", f.name)),
            }
        }
    }
    if let Some(max) = f.description.max_items {
        if matches!(s.ty, SchemaType::Array(_)) {
            s.max_items = Some(max);
        } else {
            diags.warn(
                f.loc,
                format!(
                    "field `{}`: array-length limit on a non-array field",
                    f.name
                ),
            );
        }
    }
    let literal_type = match &f.ty {
        TypeExpr::Array(_) | TypeExpr::ArrayOfUnknown => TypeExpr::ArrayOfUnknown,
        TypeExpr::Named(_) if matches!(s.ty, SchemaType::String) => TypeExpr::String,
        other => other.clone(),
    };
    if let Some(d) = &f.default {
        if d == "[object Object]" {
            diags.warn(f.loc, format!("field `{}`: default rendered as `[object Object]`; the object is unknown, no default kept", f.name));
        } else {
            match cell::typed_literal(d, &literal_type) {
                Some(v) => s.default = Some(v),
                None => diags.warn(
                    f.loc,
                    format!(
                        "field `{}`: default `{d}` does not fit type {}",
                        f.name,
                        f.ty.render()
                    ),
                ),
            }
        }
    }
    if let Some(e) = &f.example {
        s.example = cell::typed_literal(e, &literal_type);
    }
    s
}

fn type_schema(ty: &TypeExpr, f: &Field, page: &Page, response_data: bool) -> SchemaType {
    match ty {
        TypeExpr::String | TypeExpr::EnumMarker => SchemaType::String,
        TypeExpr::Number => SchemaType::Number,
        TypeExpr::Integer => SchemaType::Integer,
        TypeExpr::Boolean => SchemaType::Boolean,
        TypeExpr::Object => SchemaType::FreeObject,
        TypeExpr::Any => SchemaType::Any,
        TypeExpr::Ref(n) => SchemaType::Ref(n.clone()),
        TypeExpr::Array(inner) => {
            SchemaType::Array(Box::new(Schema::of(type_schema(inner, f, page, false))))
        }
        TypeExpr::ArrayOfUnknown => {
            // [`Rule::ResponseArrayItem`], then [`Rule::ArrayItemFromExample`].
            if response_data && let Some(item) = first_unreferenced_structure(page) {
                return SchemaType::Array(Box::new(Schema::of(SchemaType::Ref(item))));
            }
            if !f.description.bullets.is_empty() {
                // Values listed as bullets: an array of those strings ([`Rule::EnumFromBullets`]).
                return SchemaType::Array(Box::new(Schema::of(SchemaType::String)));
            }
            let item = f
                .example
                .as_deref()
                .and_then(|e| serde_json::from_str::<Value>(e).ok())
                .and_then(|v| v.as_array().and_then(|a| a.first().cloned()))
                .map(|first| match first {
                    Value::String(_) => SchemaType::String,
                    Value::Number(n) if n.is_i64() || n.is_u64() => SchemaType::Number,
                    Value::Number(_) => SchemaType::Number,
                    Value::Bool(_) => SchemaType::Boolean,
                    Value::Object(_) => SchemaType::FreeObject,
                    _ => SchemaType::Any,
                })
                .unwrap_or(SchemaType::Any);
            SchemaType::Array(Box::new(Schema::of(item)))
        }
        TypeExpr::Named(n) => {
            // [`Rule::BareTypeName`].
            if page.structures.iter().any(|s| &s.name == n) {
                return SchemaType::Ref(n.clone());
            }
            let values = backticked(f.example.as_deref().unwrap_or(""));
            if values.is_empty() {
                SchemaType::Ref(n.clone())
            } else {
                SchemaType::String
            }
        }
    }
}

/// Backticked words of a cell: "`STRING`（文本）、`SELECT`（单选）" -> [STRING, SELECT].
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The first structure on the page that neither the request nor another structure refers to.
fn first_unreferenced_structure(page: &Page) -> Option<String> {
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    let mut add = |f: &Field| {
        for r in f.ty.refs() {
            referenced.insert(r.to_string());
        }
        referenced.extend(f.description.nested.clone());
        referenced.extend(f.description.linked.clone());
    };
    page.params.iter().flatten().for_each(&mut add);
    page.structures
        .iter()
        .flat_map(|s| s.fields.iter())
        .for_each(&mut add);
    page.structures
        .iter()
        .map(|s| s.name.clone())
        .find(|n| !referenced.contains(n))
}
