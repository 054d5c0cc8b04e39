//! The query and path parameters of a group of package methods: listed across the packages
//! ([`Rule::WireNameFromLiterals`] joins a Python key to its camel-case name), merged into the
//! page operation's parameters, or made from the packages alone. A page body field that a
//! package sends as a parameter moves to the parameters ([`Rule::QueryFromLiteral`]).

use super::schema::{Said, attributes, same_wire_name};
use super::{Group, conflict, lower, page_fact};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Operation, ParamIn, Parameter, Property};
use crate::reconcile::agreement::{Agreement, Fact, Witnesses};
use crate::rules::Rule;
use crate::sdks;

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

/// Merges the group's parameters into the page operation `op` (named `whose` in conflicts).
/// `page_props` are the pages' body fields; those a package sends as parameters leave it.
#[allow(clippy::too_many_arguments)]
pub(super) fn merge(
    op: &mut Operation,
    g: &Group<'_>,
    whose: &str,
    page_props: &mut Vec<Property>,
    page_locs: &[Loc],
    pkg_locs: &[Loc],
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) {
    let subject = |attr: &str| format!("{whose}: {attr}");
    let mut listed = params(g, whose, conflicts);
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
                subject(&format!("parameter `{kept}`: wire name")),
                vec![
                    (kept.clone(), page_locs.to_vec()),
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
        let what = subject(&format!("parameter `{name}`"));
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
                Some(page_locs),
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
                    ("request body field".into(), page_locs.to_vec()),
                    (
                        format!("{} parameter", loc_name(*location)),
                        pkg_locs.to_vec(),
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
                Some(page_locs),
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
}

/// The parameters of an operation only the packages have (named `whose` in conflicts).
pub(super) fn create(
    g: &Group<'_>,
    whose: &str,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) -> Vec<Parameter> {
    let mut parameters = Vec::new();
    for (name, location, list) in params(g, whose, conflicts) {
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
    parameters
}

fn loc_name(l: ParamIn) -> &'static str {
    match l {
        ParamIn::Query => "query",
        ParamIn::Path => "path",
    }
}
