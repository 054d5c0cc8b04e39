//! The packages' models into named schemas ([`Rule::ModelSchema`]), and the attribute merge a
//! field or parameter goes through when the pages and the packages both speak of it
//! ([`attributes`]: required, type, enum members, description, default).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::body::InlineFields;
use super::{Group, conflict, lower, page_fact};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::diagnostic::Diagnostics;
use crate::model::{Api, NamedSchema, Property, Schema, SchemaType};
use crate::reconcile::agreement::{Agreement, Fact, Witnesses};
use crate::rules::Rule;
use crate::sdks::{Model, Package, Type};

/// What one package says about a field or parameter.
pub(super) struct Said<'a> {
    pub(super) witnesses: Witnesses,
    pub(super) optional: bool,
    pub(super) ty: &'a Type,
    /// In English (the Python package's docstrings): goes to `x-description-en`.
    pub(super) description: Option<&'a String>,
    pub(super) default: Option<&'a Value>,
    pub(super) loc: Loc,
}

impl Said<'_> {
    /// Its texts are English ([`Rule::EnglishFromPython`]).
    pub(super) fn english(&self) -> bool {
        self.witnesses == Witnesses::PYTHON
    }
}

/// Every package that says something.
pub(super) fn all(said: &[Said<'_>]) -> Witnesses {
    said.iter()
        .fold(Witnesses::default(), |w, s| w.with(s.witnesses))
}

/// The innermost item of an array schema (where an enum sits).
fn leaf(s: &mut Schema) -> &mut Schema {
    match s.ty {
        SchemaType::Array(ref mut item) => leaf(item),
        _ => s,
    }
}

fn leaf_type(t: &Type) -> &Type {
    match t {
        Type::Array(item) => leaf_type(item),
        _ => t,
    }
}

/// Merges what the packages say into a field or parameter. `page` holds where the pages
/// document it (its `required` and `schema` are theirs), `None` when only the packages do
/// (they were made from the first package's word).
#[allow(clippy::too_many_arguments)]
pub(super) fn attributes(
    subject: &str,
    page: Option<&[Loc]>,
    required: &mut bool,
    schema: &mut Schema,
    said: &[Said<'_>],
    check_required: bool,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) {
    let pkg = all(said);
    let page_w = if page.is_some() {
        Witnesses::PAGES
    } else {
        Witnesses::default()
    };
    let page_locs = page.map(<[Loc]>::to_vec).unwrap_or_default();

    // Required: the pages decide, the first package where they are silent.
    if check_required {
        let disagree = said.iter().any(|s| s.optional == *required);
        if disagree {
            let mut candidates = Vec::new();
            if page.is_some() {
                candidates.push((required.to_string(), page_locs.clone()));
            }
            for s in said {
                let v = (!s.optional).to_string();
                match candidates.iter_mut().find(|(c, _)| *c == v) {
                    Some((_, l)) => l.push(s.loc),
                    None => candidates.push((v, vec![s.loc])),
                }
            }
            conflict(
                conflicts,
                format!("{subject}: required"),
                candidates,
                required.to_string(),
                Rule::PagesDecideAttributes,
            );
        }
        agreement.record(Fact::Required, page_w.with(pkg), disagree);
    }

    // Type: filled where the pages could not tell; `integer` where a package says so.
    let pkg_schemas: Vec<Schema> = said.iter().map(|s| lower::schema(s.ty, None)).collect();
    let vague = |s: &Schema| match &s.ty {
        SchemaType::Any => true,
        SchemaType::Array(item) => item.ty == SchemaType::Any,
        _ => false,
    };
    if let Some(better) = pkg_schemas.iter().find(|s| !vague(s))
        && vague(schema)
    {
        schema.ty = better.ty.clone();
        if schema.enumeration.is_empty() {
            schema.enumeration = better.enumeration.clone();
        }
    }
    let page_kind = lower::kind(schema);
    if page_kind == "number"
        && leaf(schema).ty == SchemaType::Number
        && pkg_schemas.iter().any(|s| s.ty == SchemaType::Integer)
    {
        leaf(schema).ty = SchemaType::Integer;
        agreement.made_integer += 1;
    }
    let mut kinds: BTreeMap<&str, Vec<Loc>> = BTreeMap::new();
    if page.is_some() && page_kind != "any" {
        kinds
            .entry(page_kind)
            .or_default()
            .extend(page_locs.iter().copied());
    }
    let mut typed = if page.is_some() && page_kind != "any" {
        page_w
    } else {
        Witnesses::default()
    };
    for (s, ps) in said.iter().zip(&pkg_schemas) {
        let k = lower::kind(ps);
        if k != "any" {
            kinds.entry(k).or_default().push(s.loc);
            typed = typed.with(s.witnesses);
        }
    }
    let type_conflict = kinds.len() > 1;
    if type_conflict {
        conflict(
            conflicts,
            format!("{subject}: type"),
            kinds.into_iter().map(|(k, l)| (k.to_string(), l)).collect(),
            page_kind.to_string(),
            Rule::PagesDecideAttributes,
        );
    }
    if typed.count() > 0 {
        agreement.record(Fact::Type, typed, type_conflict);
    }

    // Enum members: the union, the pages' first.
    let target = leaf(schema);
    let page_set: Vec<Value> = target.enumeration.iter().map(|(v, _)| v.clone()).collect();
    let mut sets: Vec<(Witnesses, Vec<Value>, Loc)> = Vec::new();
    for s in said {
        if let Type::Enum { values, .. } = leaf_type(s.ty) {
            sets.push((s.witnesses, values.clone(), s.loc));
        }
    }
    if !page_set.is_empty() || !sets.is_empty() {
        let scalar = matches!(
            target.ty,
            SchemaType::String | SchemaType::Integer | SchemaType::Number
        );
        let norm = |v: &[Value]| -> BTreeSet<String> { v.iter().map(text).collect() };
        let mut w = if page_set.is_empty() {
            Witnesses::default()
        } else {
            page_w
        };
        let mut differ = false;
        for (sw, values, _) in &sets {
            w = w.with(*sw);
            if !page_set.is_empty() && norm(values) != norm(&page_set) {
                differ = true;
            }
        }
        differ |= sets.windows(2).any(|p| norm(&p[0].1) != norm(&p[1].1));
        if scalar {
            for (_, values, _) in &sets {
                for v in values {
                    let v = match (&target.ty, v) {
                        (SchemaType::String, Value::Number(_) | Value::Bool(_)) => {
                            Value::String(text(v))
                        }
                        _ => v.clone(),
                    };
                    if !target.enumeration.iter().any(|(e, _)| text(e) == text(&v)) {
                        target.enumeration.push((v, String::new()));
                    }
                }
            }
        }
        if differ {
            let mut candidates = Vec::new();
            if !page_set.is_empty() {
                candidates.push((join(&page_set), page_locs.clone()));
            }
            for (_, values, loc) in &sets {
                candidates.push((join(values), vec![*loc]));
            }
            let winner: Vec<Value> = target.enumeration.iter().map(|(v, _)| v.clone()).collect();
            conflict(
                conflicts,
                format!("{subject}: enum"),
                candidates,
                join(&winner),
                Rule::Presence,
            );
        }
        agreement.record(Fact::EnumSet, w, differ);
    }

    // Texts: the pages' Chinese first; English beside it, never over it.
    if schema.description.is_none() {
        schema.description = said
            .iter()
            .filter(|s| !s.english())
            .find_map(|s| s.description.cloned());
    }
    for s in said.iter().filter(|s| s.english()) {
        let Some(d) = s.description else { continue };
        match &schema.description_en {
            None => schema.description_en = Some(d.clone()),
            Some(kept) if kept != d => conflict(
                conflicts,
                format!("{subject}: English description"),
                vec![(kept.clone(), Vec::new()), (d.clone(), vec![s.loc])],
                kept.clone(),
                Rule::EnglishFromPython,
            ),
            Some(_) => {}
        }
    }
    if schema.default.is_none() {
        schema.default = said.iter().find_map(|s| s.default.cloned());
    }
}

/// The name among `names` that `name` differs from only in case and underscores
/// ([`Rule::WireNameFromLiterals`]).
pub(super) fn same_wire_name<'n>(
    names: impl IntoIterator<Item = &'n String>,
    name: &str,
) -> Option<&'n String> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let want = norm(name);
    names.into_iter().find(|n| norm(n) == want)
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

fn join(values: &[Value]) -> String {
    values.iter().map(text).collect::<Vec<_>>().join("|")
}

/// Every model the client's package methods name, with the models they refer to, as a named
/// schema of the client; then every reference resolved.
#[allow(clippy::too_many_arguments)]
pub(super) fn complete(
    api: &mut Api,
    groups: &[&Group<'_>],
    packages: &[&Package],
    page_schemas: &BTreeMap<String, NamedSchema>,
    mut inline: InlineFields,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
    diags: &mut Diagnostics,
) {
    let inline_models = std::mem::take(&mut inline.packages);
    let models_of = |name: &str| -> Vec<(Witnesses, &Model)> {
        packages
            .iter()
            .filter_map(|p| p.models.get(name).map(|m| (Witnesses::of(p.witness), m)))
            .chain(
                inline_models
                    .iter()
                    .filter(|(_, m)| m.name == name)
                    .map(|(w, m)| (*w, m)),
            )
            .collect()
    };
    // The closure of the named models over their references.
    let mut todo: Vec<String> = groups
        .iter()
        .flat_map(|g| g.members.iter())
        .flat_map(|m| {
            m.op.body
                .as_ref()
                .and_then(|b| b.model.clone())
                .into_iter()
                .chain(m.op.response.clone())
        })
        .chain(inline_models.iter().map(|(_, m)| m.name.clone()))
        .collect();
    let mut closure = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !closure.insert(name.clone()) {
            continue;
        }
        for (_, m) in models_of(&name) {
            let mut refs = Vec::new();
            for f in &m.fields {
                f.ty.refs(&mut refs);
            }
            todo.extend(refs);
        }
    }
    let mut merged = BTreeSet::new();
    for name in &closure {
        let models = models_of(name);
        if models.is_empty() {
            continue;
        }
        merged.insert(name.clone());
        let entry = match api.schemas.get(name).or_else(|| page_schemas.get(name)) {
            Some(existing) => existing.clone(),
            None => NamedSchema {
                schema: Schema::of(SchemaType::Object(Default::default())),
                sources: Vec::new(),
            },
        };
        let from_pages = !entry.sources.is_empty();
        let mut entry = entry;
        merge_models(name, &mut entry, from_pages, &models, conflicts, agreement);
        if let Some(extra) = inline.page.remove(name)
            && let SchemaType::Object(o) = &mut entry.schema.ty
        {
            for p in extra {
                if !o.properties.iter().any(|q| q.name == p.name) {
                    o.properties.push(p);
                }
            }
        }
        // [`Rule::ConnectionPairing`] again: a package may add payload fields the pages lack.
        let first = entry.sources.first().copied();
        crate::reconcile::pairing::pair(&mut entry.schema, name, conflicts, diags, first);
        api.schemas.insert(name.clone(), entry);
    }
    for (name, s) in &api.schemas {
        if !merged.contains(name)
            && let SchemaType::Object(o) = &s.schema.ty
        {
            for _ in &o.properties {
                page_fact(agreement, Fact::Field);
                page_fact(agreement, Fact::Required);
                page_fact(agreement, Fact::Type);
            }
        }
    }
    resolve(api, page_schemas, diags);
}

/// Merges the models of one name into its schema ([`Rule::Presence`] for fields).
fn merge_models(
    name: &str,
    entry: &mut NamedSchema,
    from_pages: bool,
    models: &[(Witnesses, &Model)],
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) {
    let page_locs = entry.sources.clone();
    entry.sources.extend(models.iter().map(|(_, m)| m.loc));
    entry.sources.sort();
    entry.sources.dedup();
    if entry.schema.description.is_none() {
        entry.schema.description = models.iter().find_map(|(_, m)| m.description.clone());
    }
    let SchemaType::Object(obj) = &mut entry.schema.ty else {
        // A page enum table (or another non-object): the pages' shape stands.
        return;
    };
    let page_names: BTreeSet<String> = if from_pages {
        obj.properties.iter().map(|p| p.name.clone()).collect()
    } else {
        BTreeSet::new()
    };
    // Field names: the pages', then each package's in order; a Python key differing only in
    // case and underscores is the same field, under the earlier name.
    let mut names: Vec<String> = obj.properties.iter().map(|p| p.name.clone()).collect();
    let mut wire: BTreeMap<(usize, String), String> = BTreeMap::new();
    for (k, (w, m)) in models.iter().enumerate() {
        for f in &m.fields {
            if names.contains(&f.name) {
                continue;
            }
            if *w == Witnesses::PYTHON
                && let Some(kept) = same_wire_name(&names, &f.name).cloned()
            {
                conflict(
                    conflicts,
                    format!("schema `{name}`.{kept}: wire name"),
                    vec![
                        (kept.clone(), page_locs.clone()),
                        (f.name.clone(), vec![f.loc]),
                    ],
                    kept.clone(),
                    Rule::WireNameFromLiterals,
                );
                wire.insert((k, kept), f.name.clone());
                continue;
            }
            names.push(f.name.clone());
        }
    }
    for field in names {
        let said: Vec<Said<'_>> = models
            .iter()
            .enumerate()
            .filter_map(|(k, (w, m))| {
                let key = wire.get(&(k, field.clone())).unwrap_or(&field);
                let f = m.fields.iter().find(|f| f.name == *key)?;
                Some(Said {
                    witnesses: *w,
                    optional: f.optional,
                    ty: &f.ty,
                    description: f.description.as_ref(),
                    default: None,
                    loc: f.loc,
                })
            })
            .collect();
        let on_page = page_names.contains(&field);
        if said.is_empty() {
            page_fact(agreement, Fact::Field);
            page_fact(agreement, Fact::Required);
            page_fact(agreement, Fact::Type);
            continue;
        }
        let subject = format!("schema `{name}`.{field}");
        if !obj.properties.iter().any(|p| p.name == field) {
            let first = &said[0];
            obj.properties.push(Property {
                name: field.clone(),
                schema: lower::schema(first.ty, None),
                required: !first.optional,
            });
        }
        let w = all(&said);
        agreement.record(
            Fact::Field,
            if on_page { Witnesses::PAGES.with(w) } else { w },
            false,
        );
        let prop = obj
            .properties
            .iter_mut()
            .find(|p| p.name == field)
            .expect("inserted above");
        attributes(
            &subject,
            on_page.then_some(page_locs.as_slice()),
            &mut prop.required,
            &mut prop.schema,
            &said,
            true,
            conflicts,
            agreement,
        );
    }
}

/// Every `$ref` of the client names one of its schemas: a schema the other client's pages
/// define is copied in; a name nobody defines becomes a free-form value, with a warning.
fn resolve(api: &mut Api, page_schemas: &BTreeMap<String, NamedSchema>, diags: &mut Diagnostics) {
    loop {
        let mut wanted = Vec::new();
        for s in api.schemas.values() {
            s.schema.refs(&mut wanted);
        }
        for op in &api.operations {
            for p in &op.parameters {
                p.schema.refs(&mut wanted);
            }
            if let Some(b) = &op.body {
                b.schema.refs(&mut wanted);
            }
            if let Some(r) = &op.response {
                r.refs(&mut wanted);
            }
        }
        let missing: BTreeSet<String> = wanted
            .into_iter()
            .filter(|n| !api.schemas.contains_key(n) && page_schemas.contains_key(n))
            .collect();
        if missing.is_empty() {
            break;
        }
        for n in missing {
            api.schemas.insert(n.clone(), page_schemas[&n].clone());
        }
    }
    let known: BTreeSet<String> = api.schemas.keys().cloned().collect();
    let fix = |s: &mut Schema, place: &str, loc: Option<Loc>, diags: &mut Diagnostics| {
        s.walk_mut(&mut |s| {
            if let SchemaType::Ref(n) = &s.ty
                && !known.contains(n)
            {
                if let Some(loc) = loc {
                    diags.warn(loc, format!("{place}: `{n}` is defined by no page and no package model; left free-form"));
                }
                s.ty = SchemaType::Any;
            }
        });
    };
    for (name, s) in api.schemas.iter_mut() {
        let loc = s.sources.last().copied();
        fix(&mut s.schema, &format!("schema `{name}`"), loc, diags);
    }
    for op in &mut api.operations {
        let loc = op.sources.last().copied();
        let place = format!("operation `{}`", op.operation_id);
        for p in &mut op.parameters {
            fix(&mut p.schema, &place, loc, diags);
        }
        if let Some(b) = &mut op.body {
            fix(&mut b.schema, &place, loc, diags);
        }
        if let Some(r) = &mut op.response {
            fix(r, &place, loc, diags);
        }
    }
}
