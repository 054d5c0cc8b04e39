//! The packages join the pages: every generated method of every package is matched to the
//! operation the pages reconstructed ([`Rule::SameOperation`]) and merged into it, or added as
//! an operation of its own; the models they name become named schemas ([`Rule::ModelSchema`]).
//! Each decision goes through a rule of [`crate::rules`], each disagreement is a [`Conflict`],
//! and each fact is counted in the witness-agreement table ([`Agreement`]).
//!
//! Methods of different packages with the same client, HTTP method and URL are one group and
//! are judged together, so a fact's witnesses are known at once.

mod body;
mod lower;
mod operation;
mod parameters;
mod schema;

use std::collections::{BTreeMap, BTreeSet};

use super::Reconciled;
use super::agreement::{Agreement, Fact, Witnesses};
use crate::conflict::Conflict;
use crate::diagnostic::Diagnostics;
use crate::model::{Client, HttpMethod, Operation};
use crate::pages::catalog::{camel_from_slug, normalize_name};
use crate::rules::Rule;
use crate::sdks::{self, Package};

/// One package method, with the package it belongs to.
#[derive(Clone, Copy)]
pub(super) struct Member<'p> {
    pub(super) package: &'p Package,
    pub(super) op: &'p sdks::Operation,
}

impl Member<'_> {
    fn witness(&self) -> Witnesses {
        Witnesses::of(self.package.witness)
    }
}

/// The methods of all packages that send the same HTTP method to the same URL of one client.
pub(super) struct Group<'p> {
    pub(super) client: Client,
    pub(super) method: HttpMethod,
    pub(super) url: String,
    /// Node before Python.
    pub(super) members: Vec<Member<'p>>,
}

impl Group<'_> {
    fn names(&self) -> BTreeSet<String> {
        self.members
            .iter()
            .map(|m| normalize_name(&m.op.name))
            .collect()
    }

    /// Every package in the group.
    fn witnesses(&self) -> Witnesses {
        self.members
            .iter()
            .fold(Witnesses::default(), |w, m| w.with(m.witness()))
    }
}

/// The slug a URL would have as a page name: `/api/v3/` dropped, `/` -> `-`.
pub(super) fn slug_of(path: &str) -> String {
    path.strip_prefix("/api/v3/")
        .unwrap_or(path)
        .replace('/', "-")
}

/// Merges the packages into the reconciled API.
pub fn merge(rec: &mut Reconciled, packages: &[Package], diags: &mut Diagnostics) {
    let mut ordered: Vec<&Package> = packages.iter().collect();
    ordered.sort_by_key(|p| p.witness);
    let mut groups: BTreeMap<(Client, String, HttpMethod), Group<'_>> = BTreeMap::new();
    for package in &ordered {
        for op in &package.operations {
            groups
                .entry((op.client, op.url.clone(), op.method))
                .or_insert_with(|| Group {
                    client: op.client,
                    method: op.method,
                    url: op.url.clone(),
                    members: Vec::new(),
                })
                .members
                .push(Member { package, op });
        }
    }
    let mut agreement = Agreement::default();
    let mut conflicts = Vec::new();
    // The schemas of every client, for models one client names and the other's pages define.
    let page_schemas: BTreeMap<String, crate::model::NamedSchema> = rec
        .apis
        .iter()
        .flat_map(|a| a.schemas.iter().map(|(n, s)| (n.clone(), s.clone())))
        .collect();
    for api in &mut rec.apis {
        let client_groups: Vec<&Group<'_>> =
            groups.values().filter(|g| g.client == api.client).collect();
        let assigned = assign(&api.operations, &client_groups);
        let mut inline_fields = body::InlineFields::default();
        let mut merged_ops = BTreeSet::new();
        let mut created = Vec::new();
        for (g, target) in client_groups.iter().zip(&assigned) {
            match target {
                Some(i) => {
                    merged_ops.insert(*i);
                    operation::merge(
                        &mut api.operations[*i],
                        g,
                        &mut inline_fields,
                        &mut conflicts,
                        &mut agreement,
                    );
                }
                None => created.push(g),
            }
        }
        for (i, op) in api.operations.iter().enumerate() {
            if !merged_ops.contains(&i) {
                operation::count_page_only(op, &mut agreement);
            }
        }
        for g in created {
            let id = free_id(&api.operations, g);
            let op = operation::create(g, id, &mut inline_fields, &mut conflicts, &mut agreement);
            api.operations.push(op);
        }
        api.operations
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.method.cmp(&b.method)));
        schema::complete(
            api,
            &client_groups,
            &ordered,
            &page_schemas,
            inline_fields,
            &mut conflicts,
            &mut agreement,
            diags,
        );
    }
    rec.conflicts.extend(conflicts);
    rec.conflicts.sort();
    rec.conflicts.dedup();
    rec.agreement = agreement;
    for package in &ordered {
        rec.helpers.extend(package.helpers.iter().cloned());
    }
    rec.helpers.sort();
}

/// [`Rule::SameOperation`]: for each group, the page operation it joins (if any).
fn assign(ops: &[Operation], groups: &[&Group<'_>]) -> Vec<Option<usize>> {
    let mut by_slug: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        by_slug.entry(slug_of(&op.path)).or_default().push(i);
    }
    // Pass 1: the slug. Each page operation takes the best of the groups that claim it.
    let mut claims: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, group) in groups.iter().enumerate() {
        if let Some(candidates) = by_slug.get(&slug_of(&group.url)) {
            let best = candidates
                .iter()
                .find(|&&i| ops[i].method == group.method)
                .or_else(|| candidates.first());
            if let Some(&i) = best {
                claims.entry(i).or_default().push(g);
            }
        }
    }
    let mut out = vec![None; groups.len()];
    for (i, gs) in &claims {
        let op = &ops[*i];
        let own = normalize_name(&op.operation_id);
        let best = gs
            .iter()
            .find(|&&g| groups[g].method == op.method)
            .or_else(|| gs.iter().find(|&&g| groups[g].names().contains(&own)))
            .or_else(|| gs.first());
        if let Some(&g) = best {
            out[g] = Some(*i);
        }
    }
    // Pass 2: the name, for groups left over, into operations no group claimed.
    let taken: BTreeSet<usize> = out.iter().flatten().copied().collect();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        if !taken.contains(&i) {
            by_name.insert(normalize_name(&op.operation_id), i);
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if out[g].is_some() {
            continue;
        }
        if let Some(i) = group.names().iter().find_map(|n| by_name.get(n).copied()) {
            out[g] = Some(i);
            by_name.retain(|_, v| *v != i);
        }
    }
    out
}

/// [`Rule::OperationIdFromMethodName`] for an operation only packages have: the method name
/// unless an operation of the client has it, then the camel-cased URL, then a numbered name.
fn free_id(ops: &[Operation], group: &Group<'_>) -> String {
    let taken: BTreeSet<String> = ops
        .iter()
        .map(|o| normalize_name(&o.operation_id))
        .collect();
    let primary = crate::pages::catalog::camel_from_method(
        &group.members[0].op.name,
        match group.members[0].package.witness {
            sdks::Witness::Node => crate::pages::Lang::Node,
            sdks::Witness::Python => crate::pages::Lang::Python,
        },
    );
    let from_url = camel_from_slug(&slug_of(&group.url).replace(['{', '}'], ""));
    let method_name = group.method.name().to_lowercase();
    for candidate in [
        primary.clone(),
        from_url.clone(),
        format!(
            "{from_url}{}{}",
            method_name[..1].to_uppercase(),
            &method_name[1..]
        ),
    ] {
        if !candidate.is_empty() && !taken.contains(&normalize_name(&candidate)) {
            return candidate;
        }
    }
    (2..)
        .map(|n| format!("{primary}{n}"))
        .find(|c| !taken.contains(&normalize_name(c)))
        .unwrap_or(primary)
}

/// Records a conflict: `subject`, each candidate with where it is said, the winner, the rule.
pub(super) fn conflict(
    conflicts: &mut Vec<Conflict>,
    subject: String,
    candidates: Vec<(String, Vec<crate::corpus::Loc>)>,
    winner: String,
    rule: Rule,
) {
    let mut candidates = candidates;
    for (_, locs) in &mut candidates {
        locs.sort();
        locs.dedup();
    }
    candidates.sort();
    conflicts.push(Conflict {
        subject,
        candidates,
        winner,
        rule,
    });
}

/// Counts a fact stated by the pages alone.
pub(super) fn page_fact(agreement: &mut Agreement, fact: Fact) {
    agreement.record(fact, Witnesses::PAGES, false);
}
