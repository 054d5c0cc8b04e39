//! The finishing passes over the reconciled schemas: every `$ref` resolves, every example fits
//! its schema ([`Rule::ExampleMatchesSchema`]), and which named schemas each client reaches.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::corpus::Loc;
use crate::diagnostic::Diagnostics;
use crate::model::{Client, NamedSchema, Operation, Schema, SchemaType};
use crate::rules::Rule;

/// Visits every schema of the run, named or inline (parameters, bodies, responses), and every
/// schema nested in it, with the place it belongs to and where that was documented.
fn for_each_schema(
    schemas: &mut BTreeMap<String, NamedSchema>,
    ops: &mut BTreeMap<Client, Vec<Operation>>,
    diags: &mut Diagnostics,
    mut visit: impl FnMut(&mut Schema, &str, Option<Loc>, &mut Diagnostics),
) {
    for (name, entry) in schemas.iter_mut() {
        let loc = entry.sources.first().copied();
        let place = format!("schema `{name}`");
        entry.schema.walk_mut(&mut |s| visit(s, &place, loc, diags));
    }
    for op in ops.values_mut().flatten() {
        let loc = op.sources.first().copied();
        let place = format!("operation `{}`", op.operation_id);
        let roots = op
            .parameters
            .iter_mut()
            .map(|p| &mut p.schema)
            .chain(op.body.as_mut().map(|b| &mut b.schema))
            .chain(op.response.as_mut());
        for root in roots {
            root.walk_mut(&mut |s| visit(s, &place, loc, diags));
        }
    }
}

/// Every `$ref` must name a schema. A name that no page defines becomes a free-form value, with
/// a warning at the operation.
pub(super) fn resolve_refs(
    schemas: &mut BTreeMap<String, NamedSchema>,
    ops: &mut BTreeMap<Client, Vec<Operation>>,
    diags: &mut Diagnostics,
) {
    let known: BTreeSet<String> = schemas.keys().cloned().collect();
    for_each_schema(schemas, ops, diags, |s, place, loc, diags| {
        if let SchemaType::Ref(n) = &s.ty
            && !known.contains(n)
        {
            if let Some(loc) = loc {
                diags.warn(
                    loc,
                    format!("{place}: `{n}` is not defined on any page; left free-form"),
                );
            }
            s.ty = SchemaType::Any;
        }
    });
}

/// [`Rule::ExampleMatchesSchema`] over every schema, named or inline.
pub(super) fn drop_contradicting_examples(
    schemas: &mut BTreeMap<String, NamedSchema>,
    ops: &mut BTreeMap<Client, Vec<Operation>>,
    diags: &mut Diagnostics,
) {
    let shapes: BTreeMap<String, Schema> = schemas
        .iter()
        .map(|(n, s)| (n.clone(), s.schema.clone()))
        .collect();
    for_each_schema(schemas, ops, diags, |s, place, loc, diags| {
        if let Some(example) = &s.example
            && let Err(why) = fits(example, s, &shapes, 0)
        {
            if let Some(loc) = loc {
                diags.warn(
                    loc,
                    format!(
                        "{place}: example dropped ({}): {why}",
                        Rule::ExampleMatchesSchema.id()
                    ),
                );
            }
            s.example = None;
        }
    });
}

/// Whether `v` is an instance of `s` (types and declared keys; enum values are open).
fn fits(
    v: &Value,
    s: &Schema,
    named: &BTreeMap<String, Schema>,
    depth: usize,
) -> Result<(), String> {
    let kind = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("{} where {what} is declared", kind(v)))
        }
    };
    match &s.ty {
        SchemaType::Any => Ok(()),
        SchemaType::String => expect(v.is_string(), "a string"),
        SchemaType::Number | SchemaType::Integer => expect(v.is_number(), "a number"),
        SchemaType::Boolean => expect(v.is_boolean(), "a boolean"),
        SchemaType::FreeObject => expect(v.is_object(), "an object"),
        SchemaType::Array(item) => {
            let Value::Array(items) = v else {
                return expect(false, "a list");
            };
            items
                .iter()
                .try_for_each(|i| fits(i, item, named, depth + 1))
        }
        SchemaType::Ref(n) if depth < 16 => match named.get(n) {
            Some(target) => fits(v, target, named, depth + 1),
            None => Ok(()),
        },
        SchemaType::Ref(_) => Ok(()),
        SchemaType::Object(o) => {
            let Value::Object(fields) = v else {
                return expect(false, "an object");
            };
            if o.properties.is_empty() {
                return Ok(());
            }
            for (k, value) in fields {
                let Some(p) = o.properties.iter().find(|p| &p.name == k) else {
                    return Err(format!("key `{k}` is not a field"));
                };
                fits(value, &p.schema, named, depth + 1).map_err(|e| format!("`{k}`: {e}"))?;
            }
            Ok(())
        }
    }
}

/// Names of the schemas the operations reach, transitively.
pub(super) fn reachable(
    ops: &[Operation],
    schemas: &BTreeMap<String, NamedSchema>,
) -> BTreeSet<String> {
    let mut todo = Vec::new();
    for op in ops {
        op.parameters.iter().for_each(|p| p.schema.refs(&mut todo));
        if let Some(b) = &op.body {
            b.schema.refs(&mut todo);
        }
        if let Some(r) = &op.response {
            r.refs(&mut todo);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(n) = todo.pop() {
        if seen.insert(n.clone())
            && let Some(s) = schemas.get(&n)
        {
            s.schema.refs(&mut todo);
        }
    }
    seen
}
