//! The named types of two lowered clients compared: structs field by field, enum values,
//! connection variants, `oneOf` alternatives, aliases. Types are matched by schema name, fields
//! and values by wire name; each struct change is classified with where the type is used
//! (built by users in requests, or only read in responses).

use std::collections::{BTreeMap, BTreeSet};

use authing_codegen::ir::{Api, PartKind, Ty, TypeDef, TypeId, TypeKind};

use super::classify::{Kind, Usage};
use super::compare::{Comparison, by, code, rust_type};

impl Comparison<'_> {
    pub(super) fn types(&mut self) {
        let usage = usages(self.old, self.new);
        let old = by_types(self.old);
        let new = by_types(self.new);
        for (name, o) in &old {
            match new.get(name) {
                Some(n) => {
                    let u = usage.get(*name).copied().unwrap_or_default();
                    self.type_def(o, n, u);
                }
                None => self.push(Kind::TypeRemoved, &o.rust_name, schema(o)),
            }
        }
        for (name, n) in &new {
            if !old.contains_key(name) {
                self.push(Kind::TypeAdded, &n.rust_name, schema(n));
            }
        }
    }

    fn type_def(&mut self, o: &TypeDef, n: &TypeDef, usage: Usage) {
        let item = n.rust_name.as_str();
        self.doc(&o.doc, &n.doc);
        if o.rust_name != n.rust_name {
            self.push(
                Kind::TypeRenamed,
                item,
                format!("`{}` -> `{}`", o.rust_name, n.rust_name),
            );
        }
        match (&o.kind, &n.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                let af = by(&a.fields, |f| &f.api_name);
                let bf = by(&b.fields, |f| &f.api_name);
                for (name, fa) in &af {
                    let Some(fb) = bf.get(name) else {
                        self.push(Kind::FieldRemoved, format!("{item}.{}", fa.rust_name), "");
                        continue;
                    };
                    let at = format!("{item}.{}", fb.rust_name);
                    self.doc(&fa.doc, &fb.doc);
                    if fa.rust_name != fb.rust_name {
                        let detail = format!("`{}` -> `{}`", fa.rust_name, fb.rust_name);
                        self.push(Kind::FieldRenamed, &at, detail);
                    }
                    let (ta, tb) = (field_type(self.old, fa), field_type(self.new, fb));
                    if ta != tb {
                        self.push(Kind::FieldTypeChanged, &at, format!("`{ta}` -> `{tb}`"));
                    } else if fa.required != fb.required {
                        let kind = Kind::FieldRequiredChanged {
                            required: fb.required,
                            usage,
                        };
                        let now = if fb.required {
                            "now required"
                        } else {
                            "now optional"
                        };
                        self.push(kind, &at, format!("{now}, still `{tb}`"));
                    }
                }
                for (name, fb) in &bf {
                    if !af.contains_key(name) {
                        let ty = field_type(self.new, fb);
                        let kind = Kind::FieldAdded {
                            required: !fb.optional(),
                            default: b.default,
                            usage,
                        };
                        self.push(kind, format!("{item}.{}", fb.rust_name), format!("`{ty}`"));
                    }
                }
                if a.default && !b.default {
                    self.push(Kind::DefaultRemoved, item, "");
                } else if !a.default && b.default {
                    self.push(Kind::DefaultAdded, item, "");
                }
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let av = by(&a.variants, |v| &v.api_name);
                let bv = by(&b.variants, |v| &v.api_name);
                for (value, va) in &av {
                    match bv.get(value) {
                        None => self.push(
                            Kind::EnumValueRemoved,
                            format!("{item}::{}", va.rust_name),
                            format!("`{value}`"),
                        ),
                        Some(vb) => {
                            self.doc(&va.doc, &vb.doc);
                            if va.rust_name != vb.rust_name {
                                self.push(
                                    Kind::EnumValueRenamed,
                                    format!("{item}::{}", vb.rust_name),
                                    format!("`{}` -> `{}`", va.rust_name, vb.rust_name),
                                );
                            }
                        }
                    }
                }
                for (value, vb) in &bv {
                    if !av.contains_key(value) {
                        self.push(
                            Kind::EnumValueAdded,
                            format!("{item}::{}", vb.rust_name),
                            format!("`{value}`"),
                        );
                    }
                }
            }
            (TypeKind::Connection(a), TypeKind::Connection(b)) => {
                if a.tag != b.tag {
                    let detail = format!("discriminator `{}` -> `{}`", a.tag, b.tag);
                    self.push(Kind::ConnectionPayloadChanged, item, detail);
                }
                let av = by(&a.variants, |v| &v.variant.api_name);
                let bv = by(&b.variants, |v| &v.variant.api_name);
                let payload = |api: &Api, p: &Option<(String, Ty)>| {
                    p.as_ref()
                        .map(|(field, ty)| format!("{field}: {}", rust_type(api, ty)))
                };
                for (value, va) in &av {
                    let at = format!("{item}::{}", va.variant.rust_name);
                    match bv.get(value) {
                        None => self.push(Kind::ConnectionVariantRemoved, at, format!("`{value}`")),
                        Some(vb) => {
                            self.doc(&va.variant.doc, &vb.variant.doc);
                            let (pa, pb) = (
                                payload(self.old, &va.payload),
                                payload(self.new, &vb.payload),
                            );
                            if pa != pb || va.variant.rust_name != vb.variant.rust_name {
                                let detail = format!(
                                    "`{}` {} -> `{}` {}",
                                    va.variant.rust_name,
                                    code(&pa),
                                    vb.variant.rust_name,
                                    code(&pb)
                                );
                                self.push(Kind::ConnectionPayloadChanged, at, detail);
                            }
                        }
                    }
                }
                for (value, vb) in &bv {
                    if !av.contains_key(value) {
                        let at = format!("{item}::{}", vb.variant.rust_name);
                        let detail =
                            format!("`{value}` with {}", code(&payload(self.new, &vb.payload)));
                        self.push(Kind::ConnectionVariantAdded, at, detail);
                    }
                }
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                let alternatives = |api: &Api, u: &authing_codegen::ir::Union| -> Vec<String> {
                    u.variants
                        .iter()
                        .map(|v| match &v.value {
                            Some(value) => {
                                format!("{}({}) = `{value}`", v.rust_name, rust_type(api, &v.ty))
                            }
                            None => format!("{}({})", v.rust_name, rust_type(api, &v.ty)),
                        })
                        .collect()
                };
                let (aa, ba) = (alternatives(self.old, a), alternatives(self.new, b));
                if aa != ba {
                    let detail = format!("`{}` -> `{}`", aa.join(" | "), ba.join(" | "));
                    self.push(Kind::UnionChanged, item, detail);
                }
                let tag = |u: &authing_codegen::ir::Union| {
                    u.tag
                        .as_ref()
                        .map(|t| format!("tagged by `{}`", t.property))
                };
                if tag(a) != tag(b) {
                    let detail = format!("{} -> {}", code(&tag(a)), code(&tag(b)));
                    self.push(Kind::UnionChanged, item, detail);
                }
            }
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b)) => {
                let (ta, tb) = (rust_type(self.old, a), rust_type(self.new, b));
                if ta != tb {
                    self.push(Kind::AliasChanged, item, format!("`{ta}` -> `{tb}`"));
                }
            }
            (a, b) => self.push(
                Kind::TypeKindChanged,
                item,
                format!("{} -> {}", kind_name(a), kind_name(b)),
            ),
        }
    }
}

/// The Rust type of a struct field: `Option<..>` when optional or nullable, `Box<..>` in cycles.
fn field_type(api: &Api, field: &authing_codegen::ir::Field) -> String {
    let mut ty = rust_type(api, &field.ty);
    if field.boxed {
        ty = format!("Box<{ty}>");
    }
    if field.optional() {
        ty = format!("Option<{ty}>");
    }
    ty
}

/// Named types by schema name; query-parameter structs are part of their operation.
fn by_types(api: &Api) -> BTreeMap<&str, &TypeDef> {
    api.types
        .iter()
        .filter(|t| !matches!(t.kind, TypeKind::QueryParams(_)))
        .map(|t| (t.api_name.as_str(), t))
        .collect()
}

/// Where each schema is used, by schema name, over both sides.
fn usages(old: &Api, new: &Api) -> BTreeMap<String, Usage> {
    let mut usage: BTreeMap<String, Usage> = BTreeMap::new();
    for api in [old, new] {
        let mut requests = Vec::new();
        let mut responses = Vec::new();
        for op in &api.client.operations {
            requests.extend(op.params.iter().map(|p| p.ty.clone()));
            if let Some((_, id)) = &op.query_params {
                requests.push(Ty::Named(*id));
            }
            requests.extend(op.body.iter().map(|b| b.ty.clone()));
            responses.push(op.response.clone());
        }
        for id in reachable(api, requests) {
            usage
                .entry(api.ty(id).api_name.clone())
                .or_default()
                .request = true;
        }
        for id in reachable(api, responses) {
            usage
                .entry(api.ty(id).api_name.clone())
                .or_default()
                .response = true;
        }
    }
    usage
}

/// The named types reachable from `roots`.
fn reachable(api: &Api, roots: Vec<Ty>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        match ty {
            Ty::Array(t) | Ty::Map(t) | Ty::Option(t) => stack.push(*t),
            Ty::Named(id) if seen.insert(id) => match &api.ty(id).kind {
                TypeKind::Struct(s) => stack.extend(s.fields.iter().map(|f| f.ty.clone())),
                TypeKind::Connection(c) => stack.extend(
                    c.variants
                        .iter()
                        .filter_map(|v| v.payload.as_ref().map(|p| p.1.clone())),
                ),
                TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| v.ty.clone())),
                TypeKind::Alias(t) | TypeKind::Newtype(t) => stack.push(t.clone()),
                TypeKind::QueryParams(params) => stack.extend(params.iter().map(|p| p.ty.clone())),
                TypeKind::Multipart(fields) => {
                    stack.extend(fields.iter().filter_map(|f| match &f.kind {
                        PartKind::Value(t) => Some(t.clone()),
                        PartKind::File | PartKind::Files => None,
                    }))
                }
                TypeKind::Enum(_) => {}
            },
            _ => {}
        }
    }
    seen
}

fn schema(t: &TypeDef) -> String {
    if t.api_name == t.rust_name {
        kind_name(&t.kind).to_owned()
    } else {
        format!("{} `{}`", kind_name(&t.kind), t.api_name)
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Connection(_) => "connection enum",
        TypeKind::Union(_) => "oneOf/anyOf enum",
        TypeKind::Alias(_) => "alias",
        TypeKind::Newtype(_) => "newtype struct",
        TypeKind::QueryParams(_) => "params struct",
        TypeKind::Multipart(_) => "multipart struct",
    }
}
