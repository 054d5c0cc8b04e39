//! A package's types as spec schemas: [`sdks::Type`] -> [`Schema`], a model -> an object.

use serde_json::Value;

use crate::model::{Object, Property, Schema, SchemaType};
use crate::sdks::{self, Type};

/// The schema of a package type. Enums become `string` (or `integer` / `number`) with their
/// members, untyped when they mix strings and numbers; unions other than of literals and maps
/// become free-form values.
pub(super) fn schema(ty: &Type, description: Option<&String>) -> Schema {
    let mut s = match ty {
        Type::String => Schema::of(SchemaType::String),
        Type::Number => Schema::of(SchemaType::Number),
        Type::Integer => Schema::of(SchemaType::Integer),
        Type::Boolean => Schema::of(SchemaType::Boolean),
        Type::Any | Type::Null | Type::Union(_) => Schema::of(SchemaType::Any),
        Type::Map(_) => Schema::of(SchemaType::FreeObject),
        Type::Array(item) => Schema::of(SchemaType::Array(Box::new(schema(item, None)))),
        Type::Ref(name) => Schema::of(SchemaType::Ref(name.clone())),
        Type::Object(fields) => Schema::of(SchemaType::Object(object(fields))),
        Type::Enum { values, .. } => {
            let base = if values.iter().all(Value::is_i64) {
                SchemaType::Integer
            } else if values.iter().all(Value::is_number) {
                SchemaType::Number
            } else if values.iter().any(Value::is_number) {
                // strings and numbers (`'_-1' = -1`): no one type holds every member
                SchemaType::Any
            } else {
                SchemaType::String
            };
            let mut s = Schema::of(base);
            s.enumeration = values
                .iter()
                .map(|v| (enum_value(v), String::new()))
                .collect();
            s
        }
    };
    s.description = description.cloned();
    s
}

/// An enum member as the spec writes it: strings as they are, other values as strings unless
/// the enum is numeric.
fn enum_value(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::String(b.to_string()),
        other => other.clone(),
    }
}

/// The fields of a model (or an inline object) as an object schema: a field is required when
/// the package does not mark it optional.
pub(super) fn object(fields: &[sdks::Field]) -> Object {
    Object {
        properties: fields
            .iter()
            .map(|f| Property {
                name: f.name.clone(),
                schema: schema(&f.ty, f.description.as_ref()),
                required: !f.optional,
            })
            .collect(),
        connection: None,
    }
}

/// The coarse type of a schema, for agreement counts: `string`, `number` (integer or not),
/// `boolean`, `array`, `object` (a named or inline structure, or free-form) or `any`.
pub(super) fn kind(s: &Schema) -> &'static str {
    match &s.ty {
        SchemaType::String => "string",
        SchemaType::Number | SchemaType::Integer => "number",
        SchemaType::Boolean => "boolean",
        SchemaType::Array(_) => "array",
        SchemaType::Ref(_) | SchemaType::Object(_) | SchemaType::FreeObject => "object",
        SchemaType::Any => "any",
    }
}
