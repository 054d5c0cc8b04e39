//! One group of package methods into an operation: merged into the operation the pages
//! reconstructed ([`merge`]), or made from the packages alone ([`create`]). The parameters and
//! the body have modules of their own ([`parameters`], [`body`]); this one decides method,
//! path, operationId, response and texts.

use super::body::{self, InlineFields};
use super::{Group, conflict, page_fact, parameters};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Body, Operation, Schema, SchemaType};
use crate::pages::catalog::normalize_name;
use crate::reconcile::agreement::{Agreement, Fact, Witnesses};
use crate::rules::Rule;

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
    // Any package naming the method otherwise is reported, even when another package agrees.
    let id = normalize_name(&op.operation_id);
    let mut names: Vec<(String, Vec<Loc>)> = vec![(op.operation_id.clone(), page_locs.clone())];
    for m in &g.members {
        let n = normalize_name(&m.op.name);
        match names.iter_mut().find(|(c, _)| normalize_name(c) == n) {
            Some((_, l)) => l.push(m.op.loc),
            None => names.push((m.op.name.clone(), vec![m.op.loc])),
        }
    }
    if names.len() > 1 || !g.names().contains(&id) {
        conflict(
            conflicts,
            subject(op, "operationId"),
            names,
            op.operation_id.clone(),
            Rule::OperationIdFromMethodName,
        );
    }

    let (page_ref, mut page_props) = match op.body.take().map(|b| b.schema.ty) {
        Some(SchemaType::Ref(n)) => (Some(n), Vec::new()),
        Some(SchemaType::Object(o)) => (None, o.properties),
        _ => (None, Vec::new()),
    };

    let whose = format!("{} `{}`", g.client.name(), op.operation_id);
    parameters::merge(
        op,
        g,
        &whose,
        &mut page_props,
        &page_locs,
        &pkg_locs,
        conflicts,
        agreement,
    );
    body::merge(
        op, g, &whose, page_ref, page_props, &page_locs, &pkg_locs, inline, conflicts, agreement,
    );

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
    let parameters = parameters::create(g, &whose, conflicts, agreement);
    let body = body::create(g, &whose, inline, conflicts, agreement);
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
        protocol: None,
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
