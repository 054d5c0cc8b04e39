//! An operation from the family of pages that describe it: first the decisions the structure
//! pool depends on ([`plan`]: HTTP method by [`Rule::MethodFromRowTemplate`], the names of the body
//! and response schemas by [`Rule::BodySchemaFromSample`]), then the operation itself
//! ([`operation`]: summary, description, tag, flags, query parameters and body).

use std::collections::BTreeSet;

use super::field::field_schema;
use super::structure::{Candidate, reconcile_object};
use crate::conflict::{Conflict, Offer, Weight, vote};
use crate::corpus::Loc;
use crate::diagnostic::Diagnostics;
use crate::model::{Body, HttpMethod, Object, Operation, ParamIn, Parameter, Schema, SchemaType};
use crate::pages::catalog::{Family, normalize_name};
use crate::pages::{Generation, Page};
#[cfg(doc)]
use crate::rules::Rule;

/// Per-family decisions taken before structures are reconciled.
pub(super) struct Plan<'f> {
    pub(super) family: &'f Family,
    pub(super) method: HttpMethod,
    pub(super) response_name: Option<String>,
    pub(super) body_name: Option<String>,
}

/// [`Rule::MethodFromRowTemplate`] for one page: `None` when the page has no request section.
pub(super) fn page_method(page: &Page) -> Option<HttpMethod> {
    let params = page.params.as_ref()?;
    Some(if params.iter().any(|f| !f.query) {
        HttpMethod::Post
    } else {
        HttpMethod::Get
    })
}

pub(super) fn plan<'f>(
    family: &'f Family,
    pages: &[Page],
    conflicts: &mut Vec<Conflict>,
) -> Plan<'f> {
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

pub(super) fn operation(
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
            form: false,
        }),
        (HttpMethod::Post, None) => Some(Body {
            schema: Schema::of(SchemaType::Object(Object {
                properties: body_props,
                connection: None,
            })),
            form: false,
        }),
        _ => None,
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
        summary_en: None,
        description_en: None,
        parameters,
        body,
        response,
        response_description: "OK".to_string(),
        requires_login,
        token_endpoint,
        deprecated,
        legacy_servers: None,
        protocol: None,
        sources,
    }
}
