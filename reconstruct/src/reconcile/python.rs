//! What the Python package adds once the other witnesses have decided the operations: English
//! texts beside the Chinese ones ([`Rule::EnglishFromPython`]), whole numbers
//! ([`Rule::IntegerFromPython`]), and its disagreements, reported ([`Rule::WireNameFromLiterals`],
//! type contradictions). It never adds, removes or moves an operation, a parameter or a field:
//! what it sends that the spec lacks is counted and listed in the report.

use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Api, ParamIn, Property, Schema, SchemaType};
use crate::rules::Rule;
use crate::sdks::{self, Package, Type};

/// What the package contributed, for the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contribution {
    /// Generated methods read.
    pub methods: usize,
    /// Methods matched to a spec operation.
    pub matched: usize,
    /// Methods matched by name only (the spec's path or method differs).
    pub matched_by_name: usize,
    /// `x-summary-en` set on operations.
    pub summaries: usize,
    /// `x-description-en` set on operations.
    pub descriptions: usize,
    /// `x-description-en` set on parameters.
    pub parameter_texts: usize,
    /// `x-description-en` set on body properties.
    pub property_texts: usize,
    /// Parameters made `integer`.
    pub integer_parameters: usize,
    /// Body properties made `integer`.
    pub integer_properties: usize,
    /// Methods no spec operation matches: `client name METHOD url` and where.
    pub unmatched: Vec<(String, Loc)>,
    /// Arguments the matched spec operation lacks: `client operationId: in name` and where.
    pub missing_arguments: Vec<(String, Loc)>,
}

/// Annotates the APIs with what `pkg` (the Python package) says; disagreements go to
/// `conflicts`.
pub fn annotate(apis: &mut [Api], pkg: &Package, conflicts: &mut Vec<Conflict>) -> Contribution {
    let mut out = Contribution {
        methods: pkg.operations.len(),
        ..Contribution::default()
    };
    for api in apis.iter_mut() {
        let client = api.client;
        // Each spec operation takes at most one method: the exact (method, path) first.
        let mut taken = vec![false; api.operations.len()];
        let mut pairs: Vec<(usize, &sdks::Operation)> = Vec::new();
        let mut by_name = Vec::new();
        for o in pkg.operations.iter().filter(|o| o.client == client) {
            match api
                .operations
                .iter()
                .position(|s| s.method == o.method && s.path == o.url)
                .filter(|&i| !taken[i])
            {
                Some(i) => {
                    taken[i] = true;
                    pairs.push((i, o));
                }
                None => by_name.push(o),
            }
        }
        for o in by_name {
            let found = api
                .operations
                .iter()
                .position(|s| same_name(&s.operation_id, &o.name))
                .filter(|&i| !taken[i]);
            match found {
                Some(i) => {
                    taken[i] = true;
                    out.matched_by_name += 1;
                    pairs.push((i, o));
                }
                None => out.unmatched.push((
                    format!("{} {} {} {}", client.name(), o.name, o.method.name(), o.url),
                    o.loc,
                )),
            }
        }
        pairs.sort_by_key(|p| p.0);
        out.matched += pairs.len();
        for (i, o) in pairs {
            annotate_operation(api, i, o, conflicts, &mut out);
        }
    }
    out.unmatched.sort();
    out
}

fn annotate_operation(
    api: &mut Api,
    i: usize,
    o: &sdks::Operation,
    conflicts: &mut Vec<Conflict>,
    out: &mut Contribution,
) {
    let client = api.client;
    let op = &mut api.operations[i];
    let subject = format!("{} `{}`", client.name(), op.operation_id);
    if !op.sources.contains(&o.loc) {
        op.sources.push(o.loc);
    }
    if let Some(s) = &o.summary {
        op.summary_en = Some(s.clone());
        out.summaries += 1;
    }
    if let Some(d) = &o.description {
        op.description_en = Some(d.clone());
        out.descriptions += 1;
    }
    for p in &o.params {
        let found = op
            .parameters
            .iter()
            .position(|s| s.location == p.location && s.name == p.name)
            .or_else(|| {
                op.parameters
                    .iter()
                    .position(|s| same_name(&s.name, &p.name))
            });
        let first_source = op.sources.first().copied();
        let Some(sp) = found.map(|k| &mut op.parameters[k]) else {
            out.missing_arguments.push((
                format!("{subject}: {} `{}`", location_name(p.location), p.name),
                p.loc,
            ));
            continue;
        };
        let what = format!("{subject}: parameter `{}`", sp.name);
        if sp.name != p.name {
            conflicts.push(Conflict {
                subject: format!("{what}: wire name"),
                candidates: vec![
                    (sp.name.clone(), first_source.into_iter().collect()),
                    (p.name.clone(), vec![p.loc]),
                ],
                winner: sp.name.clone(),
                rule: Rule::WireNameFromLiterals,
            });
        }
        if sp.location != p.location {
            conflicts.push(Conflict {
                subject: format!("{what}: location"),
                candidates: vec![
                    (location_name(sp.location).into(), vec![]),
                    (location_name(p.location).into(), vec![p.loc]),
                ],
                winner: location_name(sp.location).into(),
                rule: Rule::WireNameFromLiterals,
            });
        }
        if let Some(d) = &p.description
            && sp.schema.description_en.is_none()
        {
            sp.schema.description_en = Some(d.clone());
            out.parameter_texts += 1;
        }
        if whole_number(&what, &mut sp.schema, &p.ty, p.loc, conflicts) {
            out.integer_parameters += 1;
        }
    }
    let Some(body) = &o.body else { return };
    let Some(spec_body) = &op.body else {
        for f in &body.fields {
            out.missing_arguments
                .push((format!("{subject}: body `{}`", f.name), f.loc));
        }
        return;
    };
    let operation_id = op.operation_id.clone();
    // The body's properties: inline, or those of the named schema it refers to.
    let props: Option<&mut Vec<Property>> = match &spec_body.schema.ty {
        SchemaType::Ref(name) => {
            let name = name.clone();
            match api.schemas.get_mut(&name).map(|n| &mut n.schema.ty) {
                Some(SchemaType::Object(obj)) => Some(&mut obj.properties),
                _ => None,
            }
        }
        _ => match api.operations[i].body.as_mut().map(|b| &mut b.schema.ty) {
            Some(SchemaType::Object(obj)) => Some(&mut obj.properties),
            _ => None,
        },
    };
    let Some(props) = props else { return };
    let subject = format!("{} `{operation_id}`", client.name());
    for f in &body.fields {
        let found = props
            .iter()
            .position(|p| p.name == f.name)
            .or_else(|| props.iter().position(|p| same_name(&p.name, &f.name)));
        let Some(k) = found else {
            out.missing_arguments
                .push((format!("{subject}: body `{}`", f.name), f.loc));
            continue;
        };
        let prop = &mut props[k];
        let what = format!("{subject}: body property `{}`", prop.name);
        if prop.name != f.name {
            conflicts.push(Conflict {
                subject: format!("{what}: wire name"),
                candidates: vec![(prop.name.clone(), vec![]), (f.name.clone(), vec![f.loc])],
                winner: prop.name.clone(),
                rule: Rule::WireNameFromLiterals,
            });
        }
        if let Some(d) = &f.description {
            match &prop.schema.description_en {
                None => {
                    prop.schema.description_en = Some(d.clone());
                    out.property_texts += 1;
                }
                Some(kept) if kept != d => conflicts.push(Conflict {
                    subject: format!("{what}: English description"),
                    candidates: vec![(kept.clone(), vec![]), (d.clone(), vec![f.loc])],
                    winner: kept.clone(),
                    rule: Rule::EnglishFromPython,
                }),
                Some(_) => {}
            }
        }
        if whole_number(&what, &mut prop.schema, &f.ty, f.loc, conflicts) {
            out.integer_properties += 1;
        }
    }
}

/// [`Rule::IntegerFromPython`] on one schema; true when it was made `integer`.
fn whole_number(
    what: &str,
    schema: &mut Schema,
    ty: &Type,
    loc: Loc,
    conflicts: &mut Vec<Conflict>,
) -> bool {
    let said = match ty {
        Type::Integer => "integer",
        Type::Number => "number",
        Type::String => "string",
        Type::Boolean => "boolean",
        Type::Array(_) => "array",
        _ => return false,
    };
    let spec = match &schema.ty {
        SchemaType::Integer => "integer",
        SchemaType::Number => "number",
        SchemaType::String => "string",
        SchemaType::Boolean => "boolean",
        SchemaType::Array(_) => "array",
        SchemaType::Any => "any",
        // objects and references: a Python `dict` is not typed here, other words contradict
        SchemaType::FreeObject | SchemaType::Object(_) | SchemaType::Ref(_) => "object",
    };
    if said == spec {
        return false;
    }
    if said == "integer" && matches!(spec, "number" | "any") {
        schema.ty = SchemaType::Integer;
        return true;
    }
    // `str` where the spec says boolean, `int` where it says string, ...: the spec stays.
    conflicts.push(Conflict {
        subject: format!("{what}: type"),
        candidates: vec![(spec.to_string(), vec![]), (said.to_string(), vec![loc])],
        winner: spec.to_string(),
        rule: Rule::IntegerFromPython,
    });
    false
}

fn location_name(l: ParamIn) -> &'static str {
    match l {
        ParamIn::Query => "query",
        ParamIn::Path => "path",
    }
}

/// `get_row` and `getRow` name the same thing (case and underscores ignored).
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    norm(a) == norm(b)
}
