//! [`Rule::Override`](crate::rules::Rule::Override): `spec/overrides.toml`, the small hand-written list of upstream errors that
//! no rule can settle. Each entry names its target, the value it expects to find there (so an
//! override that no longer matches anything is reported instead of silently doing nothing), the
//! value to put instead, and why.
//!
//! ```toml
//! [[override]]
//! operation = "oauthApp2wxappAuth"   # or: schema = "SigninByMobileDto"
//! field = "tickett"                  # optional: a property / parameter of the target
//! set = "name"                       # name | description | required | enum-label | summary | path | method
//! # value = "github"                 # with set = "enum-label": the enum value whose label changes
//! from = "tickett"
//! to = "ticket"
//! reason = "The guide's typo; its own Swift sample sends `ticket`."
//! ```

use serde::Deserialize;

use crate::diagnostic::{Diagnostics, Severity};
use crate::model::{HttpMethod, Operation, Property, Schema, SchemaType};
use crate::reconcile::Reconciled;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "override", default)]
    overrides: Vec<Entry>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Entry {
    operation: Option<String>,
    schema: Option<String>,
    field: Option<String>,
    /// For `set = "enum-label"`: the enum value whose label changes.
    value: Option<String>,
    set: String,
    from: String,
    to: String,
    reason: String,
}

/// What became of one override, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// `operation X field Y` / `schema X`.
    pub target: String,
    /// The attribute.
    pub set: String,
    /// Expected value.
    pub from: String,
    /// New value.
    pub to: String,
    /// Why.
    pub reason: String,
    /// `None` when applied, else why it did not match.
    pub stale: Option<String>,
}

/// Parses and applies the overrides. Parse errors are errors (with the file's line); overrides that
/// match nothing are warnings, listed in the report.
pub fn apply(
    text: &str,
    name: &str,
    reconciled: &mut Reconciled,
    diags: &mut Diagnostics,
) -> Vec<Applied> {
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(1);
            diags.other(
                Severity::Error,
                format!("{name}:{line}"),
                e.message().to_string(),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, entry) in file.overrides.iter().enumerate() {
        let line = entry_line(text, i);
        let target = match (&entry.operation, &entry.schema) {
            (Some(o), None) => format!("operation `{o}`"),
            (None, Some(s)) => format!("schema `{s}`"),
            _ => {
                diags.other(
                    Severity::Error,
                    format!("{name}:{line}"),
                    "an override names exactly one of `operation` or `schema`",
                );
                continue;
            }
        };
        let target = match &entry.field {
            Some(f) => format!("{target} field `{f}`"),
            None => target,
        };
        let result = apply_one(entry, reconciled);
        if let Err(why) = &result {
            diags.other(
                Severity::Warning,
                format!("{name}:{line}"),
                format!("override of {target} matches nothing: {why}"),
            );
        }
        out.push(Applied {
            target,
            set: entry.set.clone(),
            from: entry.from.clone(),
            to: entry.to.clone(),
            reason: entry.reason.clone(),
            stale: result.err(),
        });
    }
    out
}

/// Line of the `i`-th `[[override]]` header.
fn entry_line(text: &str, i: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[override]]")
        .nth(i)
        .map_or(1, |(n, _)| n + 1)
}

fn apply_one(e: &Entry, r: &mut Reconciled) -> Result<(), String> {
    if let Some(op_id) = &e.operation {
        let op = r
            .apis
            .iter_mut()
            .flat_map(|a| a.operations.iter_mut())
            .find(|o| &o.operation_id == op_id)
            .ok_or_else(|| format!("no operation `{op_id}`"))?;
        return match &e.field {
            None => set_operation(op, e),
            Some(f) => {
                if let Some(p) = op.parameters.iter_mut().find(|p| &p.name == f) {
                    return match e.set.as_str() {
                        "name" => swap(&mut p.name, e),
                        "description" => swap_opt(&mut p.schema.description, e),
                        other => Err(format!("cannot set `{other}` on a parameter")),
                    };
                }
                let body = op
                    .body
                    .as_mut()
                    .ok_or_else(|| format!("operation has no body and no parameter `{f}`"))?;
                let SchemaType::Object(o) = &mut body.schema.ty else {
                    return Err("the body is a named schema: target the schema".into());
                };
                let prop = o
                    .properties
                    .iter_mut()
                    .find(|p| &p.name == f)
                    .ok_or_else(|| format!("no field `{f}`"))?;
                set_property(prop, e)
            }
        };
    }
    let name = e.schema.as_deref().expect("checked by the caller");
    let mut found = false;
    let mut result = Err(format!("no schema `{name}`"));
    for api in &mut r.apis {
        if let Some(s) = api.schemas.get_mut(name) {
            found = true;
            result = match &e.field {
                None if e.set == "description" => swap_opt(&mut s.schema.description, e),
                None => Err(format!("cannot set `{}` on a schema", e.set)),
                Some(f) => {
                    let mut res = Err(format!("no field `{f}`"));
                    s.schema.walk_mut(&mut |sch: &mut Schema| {
                        if let SchemaType::Object(o) = &mut sch.ty
                            && let Some(p) = o.properties.iter_mut().find(|p| &p.name == f)
                            && res.is_err()
                        {
                            res = set_property(p, e);
                        }
                    });
                    res
                }
            };
            if result.is_err() {
                break;
            }
        }
    }
    if found {
        result
    } else {
        Err(format!("no schema `{name}`"))
    }
}

fn set_operation(op: &mut Operation, e: &Entry) -> Result<(), String> {
    match e.set.as_str() {
        "summary" => swap_opt(&mut op.summary, e),
        "description" => swap_opt(&mut op.description, e),
        "path" => swap(&mut op.path, e),
        "method" => {
            if op.method.name() != e.from {
                return Err(format!(
                    "method is `{}`, not `{}`",
                    op.method.name(),
                    e.from
                ));
            }
            op.method = HttpMethod::from_name(&e.to)
                .ok_or_else(|| format!("unsupported method `{}`", e.to))?;
            Ok(())
        }
        other => Err(format!("cannot set `{other}` on an operation")),
    }
}

fn set_property(p: &mut Property, e: &Entry) -> Result<(), String> {
    match e.set.as_str() {
        "name" => swap(&mut p.name, e),
        "description" => swap_opt(&mut p.schema.description, e),
        "enum-label" => {
            let value = e.value.as_deref().ok_or("`enum-label` needs `value`")?;
            let target = match &mut p.schema.ty {
                SchemaType::Array(item) if !item.enumeration.is_empty() => item.as_mut(),
                _ => &mut p.schema,
            };
            let (_, label) = target
                .enumeration
                .iter_mut()
                .find(|(v, _)| v.as_str() == Some(value))
                .ok_or_else(|| format!("no enum value `{value}`"))?;
            swap(label, e)
        }
        "required" => {
            let now = p.required.to_string();
            if now != e.from {
                return Err(format!("required is `{now}`, not `{}`", e.from));
            }
            p.required = e.to == "true";
            Ok(())
        }
        other => Err(format!("cannot set `{other}` on a field")),
    }
}

fn swap(slot: &mut String, e: &Entry) -> Result<(), String> {
    if *slot != e.from {
        return Err(format!("{} is `{}`, not `{}`", e.set, slot, e.from));
    }
    *slot = e.to.clone();
    Ok(())
}

fn swap_opt(slot: &mut Option<String>, e: &Entry) -> Result<(), String> {
    match slot {
        Some(s) if *s == e.from => {
            *s = e.to.clone();
            Ok(())
        }
        Some(s) => Err(format!("{} is `{s}`, not `{}`", e.set, e.from)),
        None => Err(format!("no {} to replace", e.set)),
    }
}
