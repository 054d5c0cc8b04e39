//! One group of package methods into an operation: merged into the operation the pages
//! reconstructed ([`merge`]), or made from the packages alone ([`create`]).

use std::collections::BTreeMap;

use super::schema::{Said, attributes};
use super::{Group, conflict, lower, page_fact};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Body, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType};
use crate::pages::catalog::normalize_name;
use crate::reconcile::agreement::{Agreement, Fact, Witnesses};
use crate::rules::Rule;
use crate::sdks;

/// Fields of a page's inline request body whose schema a package names: they join that schema.
pub(super) type InlineFields = BTreeMap<String, Vec<Property>>;

/// The parameters of a group, in the packages' order: name, location, what each package says.
fn params<'g>(g: &'g Group<'_>) -> Vec<(String, ParamIn, Vec<(Witnesses, &'g sdks::Param)>)> {
    let mut out: Vec<(String, ParamIn, Vec<(Witnesses, &sdks::Param)>)> = Vec::new();
    for m in &g.members {
        for p in &m.op.params {
            match out.iter_mut().find(|(n, _, _)| *n == p.name) {
                Some((_, _, said)) => said.push((m.witness(), p)),
                None => out.push((p.name.clone(), p.location, vec![(m.witness(), p)])),
            }
        }
    }
    out
}

fn said<'a>(list: &[(Witnesses, &'a sdks::Param)]) -> Vec<Said<'a>> {
    list.iter()
        .map(|(w, p)| Said {
            witnesses: *w,
            optional: p.optional && p.location == ParamIn::Query,
            ty: &p.ty,
            description: p.description.as_ref(),
            default: p.default.as_ref(),
            loc: p.loc,
        })
        .collect()
}

/// A parameter from what the packages say alone.
fn new_param(name: &str, location: ParamIn, said: &[Said<'_>]) -> Parameter {
    let first = &said[0];
    let mut schema = lower::schema(first.ty, first.description);
    schema.default = first.default.cloned();
    Parameter {
        name: name.to_string(),
        location,
        required: location == ParamIn::Path || !first.optional,
        schema,
    }
}

fn locs(g: &Group<'_>) -> Vec<Loc> {
    g.members.iter().map(|m| m.op.loc).collect()
}

/// Merges a group into the page operation it joins ([`Rule::SameOperation`]).
pub(super) fn merge(
    op: &mut Operation,
    g: &Group<'_>,
    inline: &mut InlineFields,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) {
    let subject = |op: &Operation, attr: &str| {
        format!("{} `{}`: {attr}", g.client.name(), op.operation_id)
    };
    let pkg_locs = locs(g);
    let page_locs = op.sources.clone();
    let w = g.witnesses();
    agreement.record(Fact::Operation, Witnesses::PAGES.with(w), false);

    // Method and path: the literal wins.
    let same = op.path == g.url && op.method == g.method;
    if !same {
        conflict(
            conflicts,
            subject(op, "method+path"),
            vec![
                (format!("{} {}", op.method.name(), op.path), page_locs.clone()),
                (format!("{} {}", g.method.name(), g.url), pkg_locs.clone()),
            ],
            format!("{} {}", g.method.name(), g.url),
            Rule::LiteralPath,
        );
    }
    agreement.record(
        Fact::MethodPath,
        if same { Witnesses::PAGES.with(w) } else { w },
        !same,
    );
    op.path = g.url.clone();
    op.method = g.method;
    if !g.names().contains(&normalize_name(&op.operation_id)) {
        conflict(
            conflicts,
            subject(op, "operationId"),
            vec![
                (op.operation_id.clone(), page_locs.clone()),
                (g.members[0].op.name.clone(), pkg_locs.clone()),
            ],
            op.operation_id.clone(),
            Rule::OperationIdFromMethodName,
        );
    }

    let (page_ref, mut page_props) = match op.body.take().map(|b| b.schema.ty) {
        Some(SchemaType::Ref(n)) => (Some(n), Vec::new()),
        Some(SchemaType::Object(o)) => (None, o.properties),
        _ => (None, Vec::new()),
    };

    // Parameters: the packages' query and path parameters.
    let listed = params(g);
    for (name, location, list) in &listed {
        let said = said(list);
        let what = subject(op, &format!("parameter `{name}`"));
        if let Some(p) = op.parameters.iter_mut().find(|p| p.name == *name) {
            p.location = *location;
            agreement.record(
                Fact::Parameter,
                Witnesses::PAGES.with(super::schema::all(&said)),
                false,
            );
            let check = *location == ParamIn::Query;
            attributes(&what, Some(&page_locs), &mut p.required, &mut p.schema, &said, check, conflicts, agreement);
        } else if let Some(i) = page_props.iter().position(|p| p.name == *name) {
            let prop = page_props.remove(i);
            conflict(
                conflicts,
                what.clone(),
                vec![
                    ("request body field".into(), page_locs.clone()),
                    (format!("{} parameter", loc_name(*location)), pkg_locs.clone()),
                ],
                format!("{} parameter", loc_name(*location)),
                Rule::QueryFromLiteral,
            );
            agreement.record(
                Fact::Parameter,
                Witnesses::PAGES.with(super::schema::all(&said)),
                true,
            );
            let mut p = Parameter {
                name: name.clone(),
                location: *location,
                required: prop.required || *location == ParamIn::Path,
                schema: prop.schema,
            };
            attributes(&what, Some(&page_locs), &mut p.required, &mut p.schema, &said, *location == ParamIn::Query, conflicts, agreement);
            op.parameters.push(p);
        } else {
            let mut p = new_param(name, *location, &said);
            agreement.record(Fact::Parameter, super::schema::all(&said), false);
            attributes(&what, None, &mut p.required, &mut p.schema, &said, *location == ParamIn::Query, conflicts, agreement);
            op.parameters.push(p);
        }
    }
    for p in &op.parameters {
        if !listed.iter().any(|(n, _, _)| *n == p.name) {
            page_fact(agreement, Fact::Parameter);
            page_fact(agreement, Fact::Required);
            page_fact(agreement, Fact::Type);
        }
    }

    // The body.
    let sends_body = g.members.iter().any(|m| m.op.body.is_some());
    if !sends_body {
        if !page_props.is_empty() || page_ref.is_some() {
            let page_said = page_ref.clone().unwrap_or_else(|| {
                let names: Vec<&str> = page_props.iter().map(|p| p.name.as_str()).collect();
                format!("body {{{}}}", names.join(", "))
            });
            conflict(
                conflicts,
                subject(op, "request body"),
                vec![(page_said, page_locs.clone()), ("no body".into(), pkg_locs.clone())],
                "query parameters".into(),
                Rule::QueryFromLiteral,
            );
        }
        for prop in page_props {
            op.parameters.push(Parameter {
                name: prop.name,
                location: ParamIn::Query,
                required: prop.required,
                schema: prop.schema,
            });
        }
        op.body = None;
    } else {
        let form = g.members.iter().any(|m| m.op.body.as_ref().is_some_and(|b| b.form));
        let named: Vec<(Witnesses, &str)> = g
            .members
            .iter()
            .filter_map(|m| Some((m.witness(), m.op.body.as_ref()?.model.as_deref()?)))
            .collect();
        match named.first() {
            Some(&(_, n)) => {
                let agree = named.iter().filter(|(_, m)| *m == n).fold(
                    if page_ref.as_deref() == Some(n) { Witnesses::PAGES } else { Witnesses::default() },
                    |acc, (w, _)| acc.with(*w),
                );
                let contradicted = page_ref.as_deref().is_some_and(|p| p != n)
                    || named.iter().any(|(_, m)| *m != n);
                agreement.record(Fact::BodyName, agree, contradicted);
                if let Some(p) = &page_ref
                    && p != n
                {
                    conflict(
                        conflicts,
                        subject(op, "request body schema"),
                        vec![(p.clone(), page_locs.clone()), (n.to_string(), pkg_locs.clone())],
                        n.to_string(),
                        Rule::BodyNameFromPackage,
                    );
                }
                if !page_props.is_empty() {
                    inline.entry(n.to_string()).or_default().extend(page_props);
                }
                op.body = Some(Body {
                    schema: Schema::of(SchemaType::Ref(n.to_string())),
                    form,
                });
            }
            None => {
                let schema = match page_ref {
                    Some(n) => Schema::of(SchemaType::Ref(n)),
                    None => {
                        let mut props = page_props;
                        for m in &g.members {
                            if let Some(b) = &m.op.body {
                                for p in lower::object(&b.fields).properties {
                                    if !props.iter().any(|q| q.name == p.name) {
                                        props.push(p);
                                    }
                                }
                            }
                        }
                        Schema::of(SchemaType::Object(Object {
                            properties: props,
                            connection: None,
                        }))
                    }
                };
                op.body = Some(Body { schema, form });
            }
        }
    }

    // The response: the pages' name where they give one.
    if let Some(n) = g.members.iter().find_map(|m| m.op.response.as_deref()) {
        match op.response.as_ref().map(|r| &r.ty) {
            Some(SchemaType::Ref(p)) if p != n => conflict(
                conflicts,
                subject(op, "response schema"),
                vec![(p.clone(), page_locs.clone()), (n.to_string(), pkg_locs.clone())],
                p.clone(),
                Rule::PagesDecideAttributes,
            ),
            Some(_) => {}
            None => op.response = Some(Schema::of(SchemaType::Ref(n.to_string()))),
        }
    }
    let first = g.members[0].op;
    if op.summary.is_none() {
        op.summary.clone_from(&first.summary);
    }
    if op.description.is_none() {
        op.description.clone_from(&first.description);
    }
    op.deprecated |= g.members.iter().any(|m| m.op.deprecated);
    op.sources.extend(pkg_locs);
    op.sources.sort();
    op.sources.dedup();
}

fn loc_name(l: ParamIn) -> &'static str {
    match l {
        ParamIn::Query => "query",
        ParamIn::Path => "path",
    }
}

/// An operation only the packages have ([`Rule::Presence`]).
pub(super) fn create(g: &Group<'_>, id: String, agreement: &mut Agreement) -> Operation {
    let w = g.witnesses();
    agreement.record(Fact::Operation, w, false);
    agreement.record(Fact::MethodPath, w, false);
    let mut parameters = Vec::new();
    let mut ignored = Vec::new();
    for (name, location, list) in params(g) {
        let said = said(&list);
        let mut p = new_param(&name, location, &said);
        agreement.record(Fact::Parameter, super::schema::all(&said), false);
        attributes(&name, None, &mut p.required, &mut p.schema, &said, location == ParamIn::Query, &mut ignored, agreement);
        parameters.push(p);
    }
    let form = g.members.iter().any(|m| m.op.body.as_ref().is_some_and(|b| b.form));
    let body = g.members.iter().find_map(|m| m.op.body.as_ref()).map(|b| {
        let schema = match &b.model {
            Some(n) => {
                agreement.record(Fact::BodyName, w, false);
                Schema::of(SchemaType::Ref(n.clone()))
            }
            None => Schema::of(SchemaType::Object(lower::object(&b.fields))),
        };
        Body { schema, form }
    });
    let first = g.members[0].op;
    Operation {
        operation_id: id,
        method: g.method,
        path: g.url.clone(),
        tag: None,
        summary: first.summary.clone(),
        description: first.description.clone(),
        parameters,
        body,
        response: g
            .members
            .iter()
            .find_map(|m| m.op.response.clone())
            .map(|n| Schema::of(SchemaType::Ref(n))),
        response_description: "OK".to_string(),
        requires_login: false,
        token_endpoint: false,
        deprecated: g.members.iter().any(|m| m.op.deprecated),
        legacy_servers: None,
        sources: locs(g),
    }
}

/// Counts the facts of an operation only the pages have.
pub(super) fn count_page_only(op: &Operation, agreement: &mut Agreement) {
    page_fact(agreement, Fact::Operation);
    page_fact(agreement, Fact::MethodPath);
    for _ in &op.parameters {
        page_fact(agreement, Fact::Parameter);
        page_fact(agreement, Fact::Required);
        page_fact(agreement, Fact::Type);
    }
    if let Some(Body { schema, .. }) = &op.body
        && matches!(schema.ty, SchemaType::Ref(_))
    {
        page_fact(agreement, Fact::BodyName);
    }
}
