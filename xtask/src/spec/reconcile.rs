//! From evidence to one API per client: every operation and structure decided by vote between
//! the pages that describe it, under the rules of [`super::rules`], each disagreement recorded.
//!
//! Stages: operation-level decisions per family (method, names of the body and response
//! schemas, summary, flags) -> a global pool of structure candidates (page structures, response
//! envelopes under their type names, request bodies under their class names) -> one schema per
//! name ([`Rule::StructureShape`]) -> operations -> connection pairing -> per-client APIs holding
//! the schemas their operations reach.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::catalog::{Catalog, Family, normalize_name};
use super::cell::{self, TypeExpr};
use super::conflict::{Conflict, Offer, Weight, vote};
use super::corpus::Loc;
use super::diagnostic::Diagnostics;
use super::model::{
    Api, Body, HttpMethod, NamedSchema, Object, Operation, ParamIn, Parameter, Property, Schema,
    SchemaType,
};
use super::page::{Client, Field, Generation, Page};
use super::pairing;
use super::rules::Rule;

/// The outcome: one API per client, and the decisions taken.
#[derive(Debug)]
pub struct Reconciled {
    /// Authentication then management.
    pub apis: Vec<Api>,
    /// Every settled disagreement.
    pub conflicts: Vec<Conflict>,
}

/// Per-family decisions taken before structures are reconciled.
struct Plan<'f> {
    family: &'f Family,
    method: HttpMethod,
    response_name: Option<String>,
    body_name: Option<String>,
}

/// A field list offered by one source (a structure on a page, an envelope, a request body).
struct Candidate<'p> {
    fields: Vec<(&'p Field, Schema)>,
    weight: Weight,
    loc: Loc,
    /// Values of a hand-written enum table (`| STRING | enum | ... |`).
    enum_values: Vec<(String, String)>,
    /// From an English page (its descriptions do not vote against the Chinese ones).
    english: bool,
}

/// Runs reconciliation.
pub fn reconcile(pages: &[Page], catalog: &Catalog, diags: &mut Diagnostics) -> Reconciled {
    let mut conflicts = catalog.conflicts.clone();

    // 1. Operation-level decisions.
    let plans: Vec<Plan<'_>> = catalog
        .families
        .iter()
        .map(|f| plan(f, pages, &mut conflicts))
        .collect();

    // 2. The pool of structure candidates, by name.
    let mut pool: BTreeMap<String, Vec<Candidate<'_>>> = BTreeMap::new();
    for page in pages {
        for s in &page.structures {
            let fields = s
                .fields
                .iter()
                .map(|f| (f, field_schema(f, page, false, diags)))
                .collect();
            pool.entry(s.name.clone()).or_default().push(Candidate {
                fields,
                weight: Weight::of(page),
                loc: s.loc,
                enum_values: s.enum_values.clone(),
                english: page.english,
            });
        }
    }
    for p in &plans {
        for &(i, w) in &p.family.pages {
            let page = &pages[i];
            if let Some(resp) = &page.response
                && let Some((name, loc)) = &resp.type_name
            {
                let fields = resp
                    .fields
                    .iter()
                    .map(|f| (f, field_schema(f, page, f.name == "data", diags)))
                    .collect();
                pool.entry(name.clone()).or_default().push(Candidate {
                    fields,
                    weight: w,
                    loc: *loc,
                    enum_values: vec![],
                    english: page.english,
                });
            }
            if let (Some(name), HttpMethod::Post) = (&p.body_name, p.method)
                && let Some(params) = &page.params
            {
                let fields: Vec<_> = params
                    .iter()
                    .filter(|f| !f.query)
                    .map(|f| (f, field_schema(f, page, false, diags)))
                    .collect();
                let loc = page.params_loc.unwrap_or(page.loc());
                pool.entry(name.clone()).or_default().push(Candidate {
                    fields,
                    weight: w,
                    loc,
                    enum_values: vec![],
                    english: page.english,
                });
            }
        }
    }

    // 3. One schema per name.
    let mut schemas: BTreeMap<String, NamedSchema> = BTreeMap::new();
    for (name, candidates) in &pool {
        let subject = format!("schema `{name}`");
        let schema = reconcile_object(&subject, candidates, &mut conflicts);
        let mut sources: Vec<Loc> = candidates.iter().map(|c| c.loc).collect();
        sources.sort();
        sources.dedup();
        schemas.insert(name.clone(), NamedSchema { schema, sources });
    }

    // 4. Operations.
    // Both clients always get a document, empty or not.
    let mut ops: BTreeMap<Client, Vec<Operation>> = [
        (Client::Authentication, Vec::new()),
        (Client::Management, Vec::new()),
    ]
    .into_iter()
    .collect();
    for p in &plans {
        let op = operation(p, pages, &mut conflicts, diags);
        ops.entry(p.family.client).or_default().push(op);
    }

    // 5. Connection pairing on every object.
    for (name, s) in schemas.iter_mut() {
        pairing::pair(
            &mut s.schema,
            name,
            &mut conflicts,
            diags,
            s.sources.first().copied(),
        );
    }
    for list in ops.values_mut() {
        for op in list.iter_mut() {
            if let Some(body) = &mut op.body {
                let subject = format!("{} request body", op.operation_id);
                pairing::pair(
                    &mut body.schema,
                    &subject,
                    &mut conflicts,
                    diags,
                    op.sources.first().copied(),
                );
            }
        }
    }

    // 6. Per-client APIs.
    resolve_refs(&mut schemas, &mut ops, diags);
    drop_contradicting_examples(&mut schemas, &mut ops, diags);
    let apis = ops
        .into_iter()
        .map(|(client, mut operations)| {
            operations.sort_by(|a, b| a.path.cmp(&b.path).then(a.method.cmp(&b.method)));
            let reached = reachable(&operations, &schemas);
            let schemas = schemas
                .iter()
                .filter(|(n, _)| reached.contains(*n))
                .map(|(n, s)| (n.clone(), s.clone()))
                .collect();
            Api {
                client,
                operations,
                schemas,
            }
        })
        .collect();
    conflicts.sort();
    conflicts.dedup();
    Reconciled { apis, conflicts }
}

/// [`Rule::MethodFromRowTemplate`] for one page: `None` when the page has no request section.
fn page_method(page: &Page) -> Option<HttpMethod> {
    let params = page.params.as_ref()?;
    Some(if params.iter().any(|f| !f.query) {
        HttpMethod::Post
    } else {
        HttpMethod::Get
    })
}

fn plan<'f>(family: &'f Family, pages: &[Page], conflicts: &mut Vec<Conflict>) -> Plan<'f> {
    let what = |attr: &str| format!("{} `{}`: {attr}", family.client.name(), family.operation_id);
    let mut methods = Vec::new();
    let mut responses = Vec::new();
    let mut bodies = Vec::new();
    let own_names: BTreeSet<String> = family
        .pages
        .iter()
        .filter_map(|&(i, _)| pages[i].method.as_ref().map(|m| normalize_name(&m.name)))
        .chain([normalize_name(&family.operation_id)])
        .collect();
    for &(i, w) in &family.pages {
        let page = &pages[i];
        let loc = page.params_loc.unwrap_or(page.loc());
        if let Some(m) = page_method(page) {
            methods.push(Offer {
                value: m,
                weight: w,
                loc,
            });
        }
        if let Some(r) = &page.response
            && let Some((name, loc)) = &r.type_name
        {
            responses.push(Offer {
                value: name.clone(),
                weight: w,
                loc: *loc,
            });
        }
        if let Some((name, loc)) = &page.body_type {
            bodies.push(Offer {
                value: name.clone(),
                weight: w,
                loc: *loc,
            });
        }
        for (sample, loc) in &page.samples {
            for (call, class) in &sample.arg_classes {
                if own_names.contains(&normalize_name(call)) {
                    bodies.push(Offer {
                        value: class.clone(),
                        weight: w,
                        loc: *loc,
                    });
                }
            }
        }
    }
    let method = vote(
        || what("HTTP method"),
        &methods,
        |m| m.name().to_string(),
        conflicts,
    )
    .unwrap_or(HttpMethod::Get);
    let response_name = vote(
        || what("response schema"),
        &responses,
        |v| v.clone(),
        conflicts,
    );
    let body_name = if method == HttpMethod::Post {
        vote(
            || what("request body schema"),
            &bodies,
            |v| v.clone(),
            conflicts,
        )
    } else {
        None
    };
    Plan {
        family,
        method,
        response_name,
        body_name,
    }
}

fn operation(
    p: &Plan<'_>,
    pages: &[Page],
    conflicts: &mut Vec<Conflict>,
    diags: &mut Diagnostics,
) -> Operation {
    let fam = p.family;
    let what = |attr: &str| format!("{} `{}`: {attr}", fam.client.name(), fam.operation_id);
    let members: Vec<(&Page, Weight)> = fam.pages.iter().map(|&(i, w)| (&pages[i], w)).collect();
    let offers_of = |get: &dyn Fn(&Page) -> Option<(String, Loc)>| -> Vec<Offer<String>> {
        members
            .iter()
            .filter_map(|(pg, w)| {
                get(pg).map(|(value, loc)| Offer {
                    value,
                    weight: *w,
                    loc,
                })
            })
            .collect()
    };
    let summary = vote(
        || what("summary"),
        &offers_of(&|pg| pg.title.clone()),
        |v| v.clone(),
        conflicts,
    );
    let description = vote(
        || what("description"),
        &offers_of(&|pg| {
            (!pg.english && !pg.description.is_empty()).then(|| (pg.description.clone(), pg.loc()))
        }),
        |v| v.chars().take(60).collect::<String>(),
        conflicts,
    );
    let tag = vote(
        || what("tag"),
        &offers_of(&|pg| pg.tag.clone().map(|t| (t, pg.loc()))),
        |v| v.clone(),
        conflicts,
    );

    let top = members
        .iter()
        .map(|(_, w)| w.generation)
        .max()
        .unwrap_or(Generation::HandWritten);
    let in_top = |w: &Weight| w.generation == top;
    let requires_login = members.iter().any(|(pg, w)| in_top(w) && pg.requires_login);
    let token_endpoint = members.iter().any(|(pg, w)| in_top(w) && pg.token_endpoint);
    let deprecated = members.iter().any(|(pg, w)| in_top(w) && pg.deprecated);

    // Request fields: the same vote as for structures, over the pages' request tables.
    let candidates: Vec<Candidate<'_>> = members
        .iter()
        .filter_map(|(pg, w)| {
            let params = pg.params.as_ref()?;
            Some(Candidate {
                fields: params
                    .iter()
                    .map(|f| (f, field_schema(f, pg, false, diags)))
                    .collect(),
                weight: *w,
                loc: pg.params_loc.unwrap_or(pg.loc()),
                enum_values: vec![],
                english: pg.english,
            })
        })
        .collect();
    let request = reconcile_object(&what("request"), &candidates, conflicts);
    let query_names: BTreeSet<String> = {
        // Which rows are query rows: decided by the best page that lists the field.
        let mut out = BTreeSet::new();
        if let SchemaType::Object(o) = &request.ty {
            for prop in &o.properties {
                let best = candidates
                    .iter()
                    .filter(|c| c.weight.generation == top)
                    .find_map(|c| {
                        c.fields
                            .iter()
                            .find(|(f, _)| f.name == prop.name)
                            .map(|(f, _)| f.query)
                    });
                if p.method == HttpMethod::Get || best == Some(true) {
                    out.insert(prop.name.clone());
                }
            }
        }
        out
    };
    let mut parameters = Vec::new();
    let mut body_props = Vec::new();
    if let SchemaType::Object(o) = request.ty {
        for prop in o.properties {
            if query_names.contains(&prop.name) {
                parameters.push(Parameter {
                    name: prop.name,
                    location: ParamIn::Query,
                    required: prop.required,
                    schema: prop.schema,
                });
            } else {
                body_props.push(prop);
            }
        }
    }
    let body = match (p.method, &p.body_name) {
        (HttpMethod::Post, Some(name)) => Some(Body {
            schema: Schema::of(SchemaType::Ref(name.clone())),
        }),
        (HttpMethod::Post, None) => Some(Body {
            schema: Schema::of(SchemaType::Object(Object {
                properties: body_props,
                connection: None,
            })),
        }),
        (HttpMethod::Get, _) => None,
    };
    let response = p
        .response_name
        .as_ref()
        .map(|n| Schema::of(SchemaType::Ref(n.clone())));
    let mut sources: Vec<Loc> = members
        .iter()
        .map(|(pg, _)| pg.method.as_ref().map_or(pg.loc(), |m| m.loc))
        .collect();
    sources.sort();
    sources.dedup();
    Operation {
        operation_id: fam.operation_id.clone(),
        method: p.method,
        path: format!("/api/v3/{}", fam.slug),
        tag,
        summary,
        description,
        parameters,
        body,
        response,
        response_description: "OK".to_string(),
        requires_login,
        token_endpoint,
        deprecated,
        legacy_servers: None,
        sources,
    }
}

/// [`Rule::StructureShape`]: one object (or enum) from candidates of one name.
///
/// The field list is the union of the newest candidates' lists (a truncated copy cannot drop a
/// field, a page rendered later can add one), in the order of the best candidate with the others'
/// extra fields after their predecessors. Each attribute of each field is then voted over every
/// candidate that has the field ([`vote`] lets the newest generation decide); descriptions are
/// voted among the Chinese pages only (the English rendering is a translation).
fn reconcile_object(
    subject: &str,
    candidates: &[Candidate<'_>],
    conflicts: &mut Vec<Conflict>,
) -> Schema {
    let Some(top) = candidates.iter().map(|c| c.weight.generation).max() else {
        return Schema::of(SchemaType::Object(Object::default()));
    };
    let mut tops: Vec<&Candidate<'_>> = candidates
        .iter()
        .filter(|c| c.weight.generation == top)
        .collect();
    tops.sort_by_key(|c| (c.english, c.weight.lang));
    // A hand-written enum table.
    if let Some(e) = tops.iter().find(|c| !c.enum_values.is_empty()) {
        let mut s = Schema::of(SchemaType::String);
        s.enumeration = e
            .enum_values
            .iter()
            .map(|(v, l)| (Value::String(v.clone()), l.clone()))
            .collect();
        return s;
    }
    let mut shape: Vec<String> = Vec::new();
    for c in &tops {
        let mut after: Option<usize> = None;
        for (f, _) in &c.fields {
            match shape.iter().position(|n| *n == f.name) {
                Some(i) => after = Some(i),
                None => {
                    let at = after.map_or(shape.len(), |i| i + 1);
                    shape.insert(at, f.name.clone());
                    after = Some(at);
                }
            }
        }
    }
    let mut shapes: BTreeMap<Vec<String>, Vec<Loc>> = BTreeMap::new();
    for c in candidates {
        shapes
            .entry(c.fields.iter().map(|(f, _)| f.name.clone()).collect())
            .or_default()
            .push(c.loc);
    }
    if shapes.len() > 1 {
        conflicts.push(Conflict {
            subject: format!("{subject}: fields"),
            candidates: shapes
                .into_iter()
                .map(|(fields, mut locs)| {
                    locs.sort();
                    locs.dedup();
                    (fields.join(", "), locs)
                })
                .collect(),
            winner: shape.join(", "),
            rule: Rule::StructureShape,
        });
    }
    let mut properties = Vec::new();
    for name in &shape {
        let mut here: Vec<(&Field, &Schema, Weight, bool)> = candidates
            .iter()
            .filter_map(|c| {
                c.fields
                    .iter()
                    .find(|(f, _)| &f.name == name)
                    .map(|(f, s)| (*f, s, c.weight, c.english))
            })
            .collect();
        here.sort_by_key(|(_, _, w, english)| (std::cmp::Reverse(w.generation), *english, w.lang));
        let what = |attr: &str| format!("{subject}.{name}: {attr}");
        let offers = |get: &dyn Fn(&Field, &Schema) -> Option<String>,
                      chinese_only: bool|
         -> Vec<Offer<String>> {
            here.iter()
                .filter(|(_, _, _, english)| !(chinese_only && *english))
                .filter_map(|(f, s, w, _)| {
                    get(f, s).map(|value| Offer {
                        value,
                        weight: *w,
                        loc: f.loc,
                    })
                })
                .collect()
        };
        // An item type that one page could not tell (`array` without example) is no evidence
        // against the item type another page shows ([`Rule::ArrayItemFromExample`]).
        let vague = |s: &Schema| match &s.ty {
            SchemaType::Any => true,
            SchemaType::Array(item) => item.ty == SchemaType::Any,
            _ => false,
        };
        let informative = here.iter().any(|(_, s, _, _)| !vague(s));
        let type_offers = offers(
            &|_, s| (!informative || !vague(s)).then(|| s.signature()),
            false,
        );
        let Some(sig) = vote(|| what("type"), &type_offers, |v| v.clone(), conflicts) else {
            continue;
        };
        let mut schema = here
            .iter()
            .find(|(_, s, _, _)| s.signature() == sig)
            .map(|(_, s, _, _)| (*s).clone())
            .unwrap_or_default();
        let required = vote(
            || what("required"),
            &offers(&|f, _| f.required.map(|r| r.to_string()), false),
            |v| v.clone(),
            conflicts,
        );
        schema.description = vote(
            || what("description"),
            &offers(&|_, s| s.description.clone(), true),
            |v| v.chars().take(80).collect(),
            conflicts,
        );
        schema.default = vote(
            || what("default"),
            &offers(&|_, s| s.default.as_ref().map(Value::to_string), false),
            |v| v.clone(),
            conflicts,
        )
        .and_then(|v| serde_json::from_str(&v).ok());
        schema.example = vote(
            || what("example"),
            &offers(&|_, s| s.example.as_ref().map(Value::to_string), false),
            |v| v.chars().take(80).collect(),
            conflicts,
        )
        .and_then(|v| serde_json::from_str(&v).ok());
        properties.push(Property {
            name: name.clone(),
            schema,
            required: required.as_deref() == Some("true"),
        });
    }
    Schema::of(SchemaType::Object(Object {
        properties,
        connection: None,
    }))
}

/// Interprets a field in the context of its page.
fn field_schema(f: &Field, page: &Page, response_data: bool, diags: &mut Diagnostics) -> Schema {
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
        walk_mut(&mut entry.schema, &mut |s| visit(s, &place, loc, diags));
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
            walk_mut(root, &mut |s| visit(s, &place, loc, diags));
        }
    }
}

/// Every `$ref` must name a schema. A name that no page defines becomes a free-form value, with
/// a warning at the operation.
fn resolve_refs(
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
fn drop_contradicting_examples(
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

/// Visits a schema and all schemas nested in it.
pub fn walk_mut(s: &mut Schema, f: &mut dyn FnMut(&mut Schema)) {
    f(s);
    match &mut s.ty {
        SchemaType::Array(item) => walk_mut(item, f),
        SchemaType::Object(o) => o
            .properties
            .iter_mut()
            .for_each(|p| walk_mut(&mut p.schema, f)),
        _ => {}
    }
}

/// Names of the schemas the operations reach, transitively.
fn reachable(ops: &[Operation], schemas: &BTreeMap<String, NamedSchema>) -> BTreeSet<String> {
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
