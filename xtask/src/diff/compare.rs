//! Two lowered clients (codegen's IR, so every change is seen as the generated Rust API sees it)
//! -> the list of changes, each classified by [`classify`]. This module compares the operations;
//! `types` the named types.
//!
//! Operations are matched by operationId, then the unmatched ones by `METHOD path` (a rename);
//! named types by their schema name (the `components/schemas` key, or the path-like name of an
//! inline schema); fields, parameters and enum values by their wire name. Query-parameter
//! structs are compared as part of their operation. Descriptions are counted, not listed.

use std::collections::{BTreeMap, BTreeSet};

use authing_codegen::ir::{Api, Doc, Operation, Param, Ty, TypeKind};

use super::classify::{Effect, Kind, classify};

/// One classified change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Breaking, additive or docs (from [`classify`]).
    pub effect: Effect,
    /// What changed.
    pub kind: Kind,
    /// The Rust item: a method, a type, `Type.field`, `Enum::Variant`.
    pub item: String,
    /// The specifics (`` `GET` -> `POST` ``, the old and new type, ...).
    pub detail: String,
    /// Why it has its effect (from [`classify`]).
    pub reason: &'static str,
}

impl Change {
    fn new(kind: Kind, item: impl Into<String>, detail: impl Into<String>) -> Change {
        let (effect, reason) = classify(&kind);
        Change {
            effect,
            kind,
            item: item.into(),
            detail: detail.into(),
            reason,
        }
    }
}

/// The changes of one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientReport {
    /// The client (`authentication`, `management`, or a spec's file stem).
    pub client: String,
    /// Operations before and after.
    pub operations: (usize, usize),
    /// Every change but descriptions, sorted (breaking first).
    pub changes: Vec<Change>,
    /// How many descriptions (operations, parameters, types, fields, values) changed.
    pub descriptions: usize,
}

impl ClientReport {
    /// How many changes have `effect`.
    pub fn count(&self, effect: Effect) -> usize {
        self.changes.iter().filter(|c| c.effect == effect).count()
    }
}

/// Compares the `old` and `new` client `client`; a side that lacks the client is `None`.
pub fn compare(client: &str, old: Option<&Api>, new: Option<&Api>) -> ClientReport {
    let empty = empty_api();
    let old = old.unwrap_or(&empty);
    let new = new.unwrap_or(&empty);
    let mut cmp = Comparison {
        old,
        new,
        changes: Vec::new(),
        descriptions: 0,
    };
    cmp.operations();
    cmp.types();
    let mut changes = cmp.changes;
    changes.sort();
    changes.dedup();
    ClientReport {
        client: client.to_owned(),
        operations: (old.client.operations.len(), new.client.operations.len()),
        changes,
        descriptions: cmp.descriptions,
    }
}

fn empty_api() -> Api {
    Api {
        title: String::new(),
        description: None,
        types: Vec::new(),
        client: authing_codegen::ir::Client {
            kind: authing_codegen::ir::ClientKind::Generic,
            tags: Vec::new(),
            operations: Vec::new(),
        },
        examples: Vec::new(),
    }
}

/// A type expression as it reads in the generated Rust.
pub fn rust_type(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Unit => "()".into(),
        Ty::Bool => "bool".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F32 => "f32".into(),
        Ty::F64 => "f64".into(),
        Ty::String => "String".into(),
        Ty::Value => "Value".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Scopes => "Scopes".into(),
        Ty::Object => "Map<String, Value>".into(),
        Ty::Array(t) => format!("Vec<{}>", rust_type(api, t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", rust_type(api, t)),
        Ty::Option(t) => format!("Option<{}>", rust_type(api, t)),
        Ty::Named(id) => api.ty(*id).rust_name.clone(),
    }
}

pub(super) struct Comparison<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    changes: Vec<Change>,
    descriptions: usize,
}

impl Comparison<'_> {
    pub(super) fn push(&mut self, kind: Kind, item: impl Into<String>, detail: impl Into<String>) {
        self.changes.push(Change::new(kind, item, detail));
    }

    pub(super) fn doc(&mut self, old: &Doc, new: &Doc) {
        if old != new {
            self.descriptions += 1;
        }
    }

    fn operations(&mut self) {
        let old: BTreeMap<&str, &Operation> = by(&self.old.client.operations, |o| &o.api_name);
        let new: BTreeMap<&str, &Operation> = by(&self.new.client.operations, |o| &o.api_name);
        let mut removed: Vec<&Operation> = Vec::new();
        for (name, o) in &old {
            match new.get(name) {
                Some(n) => self.operation(o, n),
                None => removed.push(o),
            }
        }
        let added: Vec<&Operation> = new
            .iter()
            .filter(|(name, _)| !old.contains_key(*name))
            .map(|(_, n)| *n)
            .collect();
        let mut renamed_to = BTreeSet::new();
        for o in removed {
            let twin = added.iter().find(|n| {
                n.method == o.method && n.path == o.path && !renamed_to.contains(&n.api_name)
            });
            match twin {
                Some(n) => {
                    renamed_to.insert(n.api_name.clone());
                    self.push(
                        Kind::OperationRenamed,
                        &n.rust_name,
                        format!(
                            "`{}` -> `{}` ({} {})",
                            o.rust_name, n.rust_name, n.method, n.path
                        ),
                    );
                    self.operation(o, n);
                }
                None => self.push(
                    Kind::OperationRemoved,
                    &o.rust_name,
                    format!("{} {}", o.method, o.path),
                ),
            }
        }
        for n in added {
            if !renamed_to.contains(&n.api_name) {
                self.push(
                    Kind::OperationAdded,
                    &n.rust_name,
                    format!("{} {}", n.method, n.path),
                );
            }
        }
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let item = n.rust_name.as_str();
        if o.rust_name != n.rust_name && o.api_name == n.api_name {
            self.push(
                Kind::OperationRenamed,
                item,
                format!("`{}` -> `{}`", o.rust_name, n.rust_name),
            );
        }
        if o.method != n.method {
            self.push(
                Kind::MethodChanged,
                item,
                format!("`{}` -> `{}`", o.method, n.method),
            );
        }
        if o.path != n.path {
            self.push(
                Kind::PathChanged,
                item,
                format!("`{}` -> `{}`", o.path, n.path),
            );
        }
        let sent = |op: &Operation| {
            (
                op.server.clone(),
                op.token_endpoint,
                op.body.as_ref().map(|b| format!("{:?}", b.encoding)),
                op.unwrapped,
            )
        };
        let (os, ns) = (sent(o), sent(n));
        if os.0 != ns.0 {
            self.push(
                Kind::RequestChanged,
                item,
                format!("server {} -> {}", shown(&os.0), shown(&ns.0)),
            );
        }
        if os.1 != ns.1 {
            self.push(
                Kind::RequestChanged,
                item,
                format!("token-endpoint client authentication: {} -> {}", os.1, ns.1),
            );
        }
        if os.2.is_some() && ns.2.is_some() && os.2 != ns.2 {
            self.push(
                Kind::RequestChanged,
                item,
                format!("body encoding {} -> {}", shown(&os.2), shown(&ns.2)),
            );
        }
        if os.3 != ns.3 {
            let envelope = |unwrapped: bool| {
                if unwrapped {
                    "the bare body"
                } else {
                    "the V3 envelope"
                }
            };
            self.push(
                Kind::RequestChanged,
                item,
                format!("response read as {} -> {}", envelope(os.3), envelope(ns.3)),
            );
        }
        self.parameters(item, o, n);
        let body = |api: &Api, op: &Operation| op.body.as_ref().map(|b| rust_type(api, &b.ty));
        let (ob, nb) = (body(self.old, o), body(self.new, n));
        if ob != nb {
            self.push(
                Kind::BodyChanged,
                item,
                format!("{} -> {}", code(&ob), code(&nb)),
            );
        }
        let (or, nr) = (
            rust_type(self.old, &o.response),
            rust_type(self.new, &n.response),
        );
        if or != nr {
            self.push(Kind::ResponseChanged, item, format!("`{or}` -> `{nr}`"));
        }
        if o.deprecated != n.deprecated {
            let now = if n.deprecated {
                "now deprecated"
            } else {
                "no longer deprecated"
            };
            self.push(Kind::DeprecationChanged, item, now);
        }
        self.doc(&o.summary, &n.summary);
        self.doc(&o.description, &n.description);
    }

    fn parameters(&mut self, item: &str, o: &Operation, n: &Operation) {
        let (old_opt, new_opt) = (optional(self.old, o), optional(self.new, n));
        let old_pos: BTreeMap<&str, &Param> = by(&o.params, |p| &p.api_name);
        let new_pos: BTreeMap<&str, &Param> = by(&n.params, |p| &p.api_name);
        let old_opt_by: BTreeMap<&str, &Param> = by(old_opt, |p| &p.api_name);
        let new_opt_by: BTreeMap<&str, &Param> = by(new_opt, |p| &p.api_name);
        let names: BTreeSet<&str> = [&old_pos, &new_pos, &old_opt_by, &new_opt_by]
            .iter()
            .flat_map(|m| m.keys().copied())
            .collect();
        let mut new_optional = Vec::new();
        for name in names {
            let at = format!("{item}({name})");
            match (
                old_pos.get(name),
                new_pos.get(name),
                old_opt_by.get(name),
                new_opt_by.get(name),
            ) {
                (Some(a), Some(b), _, _) => {
                    self.param_type(Kind::ArgumentTypeChanged, &at, a, b);
                    self.doc(&a.doc, &b.doc);
                }
                (Some(_), None, _, Some(_)) => self.push(
                    Kind::ParameterRequiredChanged,
                    &at,
                    "now optional (in the params struct)",
                ),
                (None, Some(_), Some(_), _) => self.push(
                    Kind::ParameterRequiredChanged,
                    &at,
                    "now required (a positional argument)",
                ),
                (Some(a), None, _, None) => self.push(
                    Kind::ArgumentRemoved,
                    &at,
                    format!("`{}: {}`", a.rust_name, rust_type(self.old, &a.ty)),
                ),
                (None, Some(b), None, _) => self.push(
                    Kind::ArgumentAdded,
                    &at,
                    format!("`{}: {}`", b.rust_name, rust_type(self.new, &b.ty)),
                ),
                (None, None, Some(a), Some(b)) => {
                    self.param_type(Kind::OptionalParameterTypeChanged, &at, a, b);
                    self.doc(&a.doc, &b.doc);
                }
                (None, None, Some(_), None) if !new_opt.is_empty() => {
                    self.push(Kind::OptionalParameterRemoved, &at, "")
                }
                (None, None, None, Some(b)) if !old_opt.is_empty() => self.push(
                    Kind::OptionalParameterAdded,
                    &at,
                    format!("`{}: Option<{}>`", b.rust_name, rust_type(self.new, &b.ty)),
                ),
                (None, None, None, Some(b)) => new_optional.push(b.rust_name.clone()),
                _ => {}
            }
        }
        if old_opt.is_empty() != new_opt.is_empty() {
            if old_opt.is_empty() {
                self.push(
                    Kind::ParamsArgumentAdded,
                    item,
                    format!("optional query parameters: {}", new_optional.join(", ")),
                );
            } else {
                self.push(Kind::ParamsArgumentRemoved, item, "");
            }
        }
        // Common positional arguments in another order.
        let order = |params: &[Param], other: &BTreeMap<&str, &Param>| -> Vec<String> {
            params
                .iter()
                .filter(|p| other.contains_key(p.api_name.as_str()))
                .map(|p| p.api_name.clone())
                .collect()
        };
        let (oo, no) = (order(&o.params, &new_pos), order(&n.params, &old_pos));
        if oo != no {
            self.push(
                Kind::ArgumentsReordered,
                item,
                format!("({}) -> ({})", oo.join(", "), no.join(", ")),
            );
        }
    }

    fn param_type(&mut self, kind: Kind, at: &str, a: &Param, b: &Param) {
        let (ta, tb) = (rust_type(self.old, &a.ty), rust_type(self.new, &b.ty));
        if ta != tb {
            self.push(kind, at, format!("`{ta}` -> `{tb}`"));
        }
    }
}

/// The optional query parameters of `op` (the fields of its params struct).
fn optional<'a>(api: &'a Api, op: &Operation) -> &'a [Param] {
    match op.query_params.as_ref().map(|(_, id)| &api.ty(*id).kind) {
        Some(TypeKind::QueryParams(params)) => params,
        _ => &[],
    }
}

pub(super) fn by<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a String,
) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|i| (key(i).as_str(), i)).collect()
}

fn shown(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "none".into())
}

pub(super) fn code(value: &Option<String>) -> String {
    value
        .as_ref()
        .map(|v| format!("`{v}`"))
        .unwrap_or_else(|| "none".into())
}
