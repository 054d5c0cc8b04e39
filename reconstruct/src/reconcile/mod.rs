//! From evidence to one API per client: every operation and structure decided by vote between
//! the pages that describe it, under the rules of [`crate::rules`], each disagreement recorded.
//!
//! Stages: operation-level decisions per family (method, names of the body and response
//! schemas, summary, flags) -> a global pool of structure candidates (page structures, response
//! envelopes under their type names, request bodies under their class names) -> one schema per
//! name ([`Rule::StructureShape`]) -> operations -> connection pairing -> per-client APIs holding
//! the schemas their operations reach.

pub mod agreement;
mod field;
mod operation;
pub mod packages;
pub mod pairing;
mod resolve;
mod structure;

use std::collections::BTreeMap;

use crate::conflict::{Conflict, Weight};
use crate::corpus::Loc;
use crate::diagnostic::Diagnostics;
use crate::model::{Api, Client, HttpMethod, NamedSchema, Operation};
use crate::pages::Page;
use crate::pages::catalog::Catalog;
#[cfg(doc)]
use crate::rules::Rule;
use field::field_schema;
use operation::{Plan, operation, plan};
use resolve::{drop_contradicting_examples, reachable, resolve_refs};
use structure::{Candidate, reconcile_object};

/// The outcome: one API per client, and the decisions taken.
#[derive(Debug)]
pub struct Reconciled {
    /// Authentication then management.
    pub apis: Vec<Api>,
    /// Every settled disagreement.
    pub conflicts: Vec<Conflict>,
    /// The witness-agreement table (empty without packages).
    pub agreement: agreement::Agreement,
    /// The packages' hand-written helpers, set aside.
    pub helpers: Vec<crate::sdks::Helper>,
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
    Reconciled {
        apis,
        conflicts,
        agreement: Default::default(),
        helpers: Vec::new(),
    }
}
