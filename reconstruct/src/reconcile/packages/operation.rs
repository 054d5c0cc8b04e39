//! One group of package methods into an operation: merged into the operation the pages
//! reconstructed ([`merge`]), or made from the packages alone ([`create`]).

use std::collections::BTreeMap;

use super::schema::{Said, attributes, same_wire_name};
use super::{Group, conflict, lower, page_fact};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Body, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType};
use crate::pages::catalog::normalize_name;
use crate::reconcile::agreement::{Agreement, Fact, Witnesses};
use crate::rules::Rule;
use crate::sdks;

/// Request bodies written inline by one witness whose schema another names: their fields join
/// that schema.
#[derive(Default)]
pub(super) struct InlineFields {
    /// The pages' inline fields, by the schema name a package gives.
    pub(super) page: BTreeMap<String, Vec<Property>>,
    /// A package's inline fields, as a model of the name the pages or another package give.
    pub(super) packages: Vec<(Witnesses, sdks::Model)>,
}

impl InlineFields {
    /// The inline bodies of the group's packages, as models named `name`.
    fn add_packages(&mut self, g: &Group<'_>, name: &str) {
        for m in &g.members {
            if let Some(b) = &m.op.body
                && b.model.is_none()
                && !b.fields.is_empty()
            {
                self.packages.push((
                    m.witness(),
                    sdks::Model {
                        name: name.to_string(),
                        description: None,
                        fields: b.fields.clone(),
                        loc: b.loc,
                    },
                ));
            }
        }
    }
}

/// A parameter as the packages of a group send it: name, location, what each package says.
type Listed<'g> = (String, ParamIn, Vec<(Witnesses, &'g sdks::Param)>);

/// The parameters of a group, in the packages' order. A Python key that differs from an earlier
/// name only in case and underscores is that parameter ([`Rule::WireNameFromLiterals`]).
fn params<'g>(g: &'g Group<'_>, subject: &str, conflicts: &mut Vec<Conflict>) -> Vec<Listed<'g>> {
    let mut out: Vec<Listed<'g>> = Vec::new();
    for m in &g.members {
        for p in &m.op.params {
            let i = out.iter().position(|(n, _, _)| *n == p.name).or_else(|| {
                let kept = same_wire_name(out.iter().map(|(n, _, _)| n), &p.name)?.clone();
                conflict(
                    conflicts,
                    format!("{subject}: parameter `{kept}`: wire name"),
                    vec![
                        (
                            kept.clone(),
                            out.iter()
                                .find(|(n, _, _)| *n == kept)
                                .map(|(_, _, s)| s.iter().map(|(_, q)| q.loc).collect())
                                .unwrap_or_default(),
                        ),
                        (p.name.clone(), vec![p.loc]),
                    ],
                    kept.clone(),
                    Rule::WireNameFromLiterals,
                );
                out.iter().position(|(n, _, _)| *n == kept)
            });
            match i {
                Some(i) => out[i].2.push((m.witness(), p)),
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
    let mut schema = lower::schema(first.ty, None);
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
    let subject =
        |op: &Operation, attr: &str| format!("{} `{}`: {attr}", g.client.name(), op.operation_id);
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
                (
                    format!("{} {}", op.method.name(), op.path),
                    page_locs.clone(),
                ),
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
    let whose = format!("{} `{}`", g.client.name(), op.operation_id);
    let mut listed = params(g, &whose, conflicts);
    for (name, _, list) in &mut listed {
        // The pages' name for a key a package writes otherwise only in case and underscores.
        if list.iter().all(|(w, _)| *w == Witnesses::PYTHON)
            && !op.parameters.iter().any(|p| p.name == *name)
            && !page_props.iter().any(|p| p.name == *name)
            && let Some(kept) = same_wire_name(
                op.parameters
                    .iter()
                    .map(|p| &p.name)
                    .chain(page_props.iter().map(|p| &p.name)),
                name,
            )
            .cloned()
        {
            conflict(
                conflicts,
                subject(op, &format!("parameter `{kept}`: wire name")),
                vec![
                    (kept.clone(), page_locs.clone()),
                    (name.clone(), list.iter().map(|(_, p)| p.loc).collect()),
                ],
                kept.clone(),
                Rule::WireNameFromLiterals,
            );
            *name = kept;
        }
    }
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
            attributes(
                &what,
                Some(&page_locs),
                &mut p.required,
                &mut p.schema,
                &said,
                check,
                conflicts,
                agreement,
            );
        } else if let Some(i) = page_props.iter().position(|p| p.name == *name) {
            let prop = page_props.remove(i);
            conflict(
                conflicts,
                what.clone(),
                vec![
                    ("request body field".into(), page_locs.clone()),
                    (
                        format!("{} parameter", loc_name(*location)),
                        pkg_locs.clone(),
                    ),
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
            attributes(
                &what,
                Some(&page_locs),
                &mut p.required,
                &mut p.schema,
                &said,
                *location == ParamIn::Query,
                conflicts,
                agreement,
            );
            op.parameters.push(p);
        } else {
            let mut p = new_param(name, *location, &said);
            agreement.record(Fact::Parameter, super::schema::all(&said), false);
            attributes(
                &what,
                None,
                &mut p.required,
                &mut p.schema,
                &said,
                *location == ParamIn::Query,
                conflicts,
                agreement,
            );
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
                vec![
                    (page_said, page_locs.clone()),
                    ("no body".into(), pkg_locs.clone()),
                ],
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
        let form = g
            .members
            .iter()
            .any(|m| m.op.body.as_ref().is_some_and(|b| b.form));
        let named: Vec<(Witnesses, &str)> = g
            .members
            .iter()
            .filter_map(|m| Some((m.witness(), m.op.body.as_ref()?.model.as_deref()?)))
            .collect();
        match named.first() {
            Some(&(_, n)) => {
                let agree = named.iter().filter(|(_, m)| *m == n).fold(
                    if page_ref.as_deref() == Some(n) {
                        Witnesses::PAGES
                    } else {
                        Witnesses::default()
                    },
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
                        vec![
                            (p.clone(), page_locs.clone()),
                            (n.to_string(), pkg_locs.clone()),
                        ],
                        n.to_string(),
                        Rule::BodyNameFromPackage,
                    );
                }
                if !page_props.is_empty() {
                    inline
                        .page
                        .entry(n.to_string())
                        .or_default()
                        .extend(page_props);
                }
                inline.add_packages(g, n);
                op.body = Some(Body {
                    schema: Schema::of(SchemaType::Ref(n.to_string())),
                    form,
                });
            }
            None => {
                let schema = match page_ref {
                    Some(n) => {
                        inline.add_packages(g, &n);
                        Schema::of(SchemaType::Ref(n))
                    }
                    None => {
                        let what = subject(op, "body");
                        let props =
                            inline_body(&what, page_props, &page_locs, g, conflicts, agreement);
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
                vec![
                    (p.clone(), page_locs.clone()),
                    (n.to_string(), pkg_locs.clone()),
                ],
                p.clone(),
                Rule::PagesDecideAttributes,
            ),
            Some(_) => {}
            None => op.response = Some(Schema::of(SchemaType::Ref(n.to_string()))),
        }
    }
    texts(op, g);
    op.deprecated |= g.members.iter().any(|m| m.op.deprecated);
    op.sources.extend(pkg_locs);
    op.sources.sort();
    op.sources.dedup();
}

/// The operation's texts: Chinese ones where the pages give none, English ones beside them
/// ([`Rule::EnglishFromPython`]).
fn texts(op: &mut Operation, g: &Group<'_>) {
    for m in &g.members {
        let (summary, description) = if m.package.witness.english() {
            (&mut op.summary_en, &mut op.description_en)
        } else {
            (&mut op.summary, &mut op.description)
        };
        if summary.is_none() {
            summary.clone_from(&m.op.summary);
        }
        if description.is_none() {
            description.clone_from(&m.op.description);
        }
    }
}

/// An inline request body: the pages' fields (`page`, documented at `page_locs`) joined by those
/// the packages write, each through [`attributes`].
fn inline_body(
    subject: &str,
    page: Vec<Property>,
    page_locs: &[Loc],
    g: &Group<'_>,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) -> Vec<Property> {
    let on_page: Vec<String> = page.iter().map(|p| p.name.clone()).collect();
    let mut props = page;
    let mut said: Vec<(String, Vec<Said<'_>>)> = Vec::new();
    for m in &g.members {
        let Some(b) = &m.op.body else { continue };
        for f in &b.fields {
            let mut name = f.name.clone();
            let known =
                |n: &String| props.iter().any(|p| p.name == *n) || said.iter().any(|(s, _)| s == n);
            if !known(&name)
                && m.package.witness.english()
                && let Some(kept) = same_wire_name(
                    props
                        .iter()
                        .map(|p| &p.name)
                        .chain(said.iter().map(|(s, _)| s)),
                    &name,
                )
                .cloned()
            {
                conflict(
                    conflicts,
                    format!("{subject} field `{kept}`: wire name"),
                    vec![
                        (kept.clone(), page_locs.to_vec()),
                        (f.name.clone(), vec![f.loc]),
                    ],
                    kept.clone(),
                    Rule::WireNameFromLiterals,
                );
                name = kept;
            }
            let one = Said {
                witnesses: m.witness(),
                optional: f.optional,
                ty: &f.ty,
                description: f.description.as_ref(),
                default: None,
                loc: f.loc,
            };
            match said.iter_mut().find(|(s, _)| *s == name) {
                Some((_, list)) => list.push(one),
                None => said.push((name, vec![one])),
            }
        }
    }
    for (name, list) in &said {
        let page_has = on_page.contains(name);
        if !props.iter().any(|p| p.name == *name) {
            props.push(Property {
                name: name.clone(),
                schema: lower::schema(list[0].ty, None),
                required: !list[0].optional,
            });
        }
        let w = super::schema::all(list);
        agreement.record(
            Fact::Field,
            if page_has {
                Witnesses::PAGES.with(w)
            } else {
                w
            },
            false,
        );
        let prop = props
            .iter_mut()
            .find(|p| p.name == *name)
            .expect("pushed above");
        attributes(
            &format!("{subject} field `{name}`"),
            page_has.then_some(page_locs),
            &mut prop.required,
            &mut prop.schema,
            list,
            true,
            conflicts,
            agreement,
        );
    }
    for name in &on_page {
        if !said.iter().any(|(s, _)| s == name) {
            page_fact(agreement, Fact::Field);
        }
    }
    props
}

fn loc_name(l: ParamIn) -> &'static str {
    match l {
        ParamIn::Query => "query",
        ParamIn::Path => "path",
    }
}

/// An operation only the packages have ([`Rule::Presence`]).
pub(super) fn create(
    g: &Group<'_>,
    id: String,
    inline: &mut InlineFields,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) -> Operation {
    let w = g.witnesses();
    agreement.record(Fact::Operation, w, false);
    agreement.record(Fact::MethodPath, w, false);
    let whose = format!("{} `{id}`", g.client.name());
    let mut parameters = Vec::new();
    for (name, location, list) in params(g, &whose, conflicts) {
        let said = said(&list);
        let mut p = new_param(&name, location, &said);
        agreement.record(Fact::Parameter, super::schema::all(&said), false);
        let what = format!("{whose}: parameter `{name}`");
        let check = location == ParamIn::Query;
        attributes(
            &what,
            None,
            &mut p.required,
            &mut p.schema,
            &said,
            check,
            conflicts,
            agreement,
        );
        parameters.push(p);
    }
    let form = g
        .members
        .iter()
        .any(|m| m.op.body.as_ref().is_some_and(|b| b.form));
    let body = g.members.iter().any(|m| m.op.body.is_some()).then(|| {
        let named = g
            .members
            .iter()
            .find_map(|m| m.op.body.as_ref()?.model.clone());
        let schema = match named {
            Some(n) => {
                agreement.record(Fact::BodyName, w, false);
                inline.add_packages(g, &n);
                Schema::of(SchemaType::Ref(n))
            }
            None => Schema::of(SchemaType::Object(Object {
                properties: inline_body(
                    &format!("{whose}: body"),
                    Vec::new(),
                    &[],
                    g,
                    conflicts,
                    agreement,
                ),
                connection: None,
            })),
        };
        Body { schema, form }
    });
    let mut op = Operation {
        operation_id: id,
        method: g.method,
        path: g.url.clone(),
        tag: None,
        summary: None,
        description: None,
        summary_en: None,
        description_en: None,
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
    };
    texts(&mut op, g);
    op
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
