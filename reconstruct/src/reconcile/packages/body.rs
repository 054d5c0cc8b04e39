//! The request body of a group of package methods: the schema a package names wins over the
//! pages' ([`Rule::BodyNameFromPackage`]), inline fields join the schema another witness names
//! ([`InlineFields`]), and a body no package sends becomes query parameters
//! ([`Rule::QueryFromLiteral`]).

use std::collections::BTreeMap;

use super::schema::{Said, attributes, same_wire_name};
use super::{Group, conflict, lower, page_fact};
use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::model::{Body, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType};
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

/// Merges the group's body into the page operation `op` (named `whose` in conflicts), whose
/// pages gave the body schema `page_ref` or the inline fields `page_props`.
#[allow(clippy::too_many_arguments)]
pub(super) fn merge(
    op: &mut Operation,
    g: &Group<'_>,
    whose: &str,
    page_ref: Option<String>,
    page_props: Vec<Property>,
    page_locs: &[Loc],
    pkg_locs: &[Loc],
    inline: &mut InlineFields,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) {
    let subject = |attr: &str| format!("{whose}: {attr}");
    let sends_body = g.members.iter().any(|m| m.op.body.is_some());
    if !sends_body {
        if !page_props.is_empty() || page_ref.is_some() {
            let page_said = page_ref.clone().unwrap_or_else(|| {
                let names: Vec<&str> = page_props.iter().map(|p| p.name.as_str()).collect();
                format!("body {{{}}}", names.join(", "))
            });
            conflict(
                conflicts,
                subject("request body"),
                vec![
                    (page_said, page_locs.to_vec()),
                    ("no body".into(), pkg_locs.to_vec()),
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
                        subject("request body schema"),
                        vec![
                            (p.clone(), page_locs.to_vec()),
                            (n.to_string(), pkg_locs.to_vec()),
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
                        let what = subject("body");
                        let props =
                            inline_body(&what, page_props, page_locs, g, conflicts, agreement);
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
}

/// The body of an operation only the packages have (named `whose` in conflicts).
pub(super) fn create(
    g: &Group<'_>,
    whose: &str,
    inline: &mut InlineFields,
    conflicts: &mut Vec<Conflict>,
    agreement: &mut Agreement,
) -> Option<Body> {
    let w = g.witnesses();
    let form = g
        .members
        .iter()
        .any(|m| m.op.body.as_ref().is_some_and(|b| b.form));
    g.members.iter().any(|m| m.op.body.is_some()).then(|| {
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
    })
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
