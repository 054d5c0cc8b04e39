//! Reconstructs the Authing / GenAuth V3 OpenAPI spec from the public renderings of its upstream
//! definitions. Evidence in, spec out: [`read`] is the only module that touches the file system
//! (`cargo xtask spec` calls it, then [`reconstruct`], then writes what comes back).
//!
//! Stages, each a module: [`read`] (the files into a [`corpus::Corpus`]) -> [`pages`] (each page
//! into evidence; pages into operation families) -> [`reconcile`] (vote, by [`rules`], into a
//! [`model`]; [`protocol`] adds the protocol endpoints) -> [`overrides`] -> [`emit`] (OpenAPI documents, validated) -> [`report`]
//! (`spec/RECONCILIATION.md` and the summary). Everything is computed in memory.

pub mod conflict;
pub mod corpus;
pub mod diagnostic;
pub mod emit;
pub mod model;
pub mod overrides;
pub mod pages;
pub mod protocol;
pub mod read;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod sdks;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::time::Instant;

use corpus::Corpus;
use diagnostic::{Diagnostics, Severity};
use model::Client;

/// The file names a run produces in `spec/`.
pub const AUTHENTICATION: &str = "authentication.openapi.json";
/// See [`AUTHENTICATION`].
pub const MANAGEMENT: &str = "management.openapi.json";
/// See [`AUTHENTICATION`].
pub const RECONCILIATION: &str = "RECONCILIATION.md";
/// The hand-written overrides file, read from `spec/`.
pub const OVERRIDES: &str = "overrides.toml";

/// What a run produced, in memory.
pub struct Outcome {
    /// File name (in `spec/`) -> contents.
    pub files: BTreeMap<String, String>,
    /// The one-screen summary.
    pub summary: String,
    /// All diagnostics, rendered.
    pub diagnostics: Vec<String>,
    /// Number of errors among them.
    pub errors: usize,
}

/// Reconstructs the spec from a corpus of pages, applying `overrides` (the text of
/// `spec/overrides.toml` and its display name). `started` is when the run began (the summary
/// reports the time since).
pub fn reconstruct(corpus: &Corpus, overrides: Option<(&str, &str)>, started: Instant) -> Outcome {
    let mut diags = Diagnostics::default();
    let evidence = pages::read(corpus, &mut diags);
    let catalog = pages::catalog::build(&evidence.pages);
    let mut reconciled = reconcile::reconcile(&evidence.pages, &catalog, &mut diags);
    pages::legacy::merge(&mut reconciled, evidence.guides, &mut diags);
    let packages = sdks::read(corpus, &mut diags);
    if !packages.is_empty() {
        reconcile::packages::merge(&mut reconciled, &packages, &mut diags);
    }
    protocol::merge(&mut reconciled, corpus);
    let applied = match overrides {
        Some((text, name)) => overrides::apply(text, name, &mut reconciled, &mut diags),
        None => Vec::new(),
    };

    let mut files = BTreeMap::new();
    for api in &reconciled.apis {
        let doc = emit::document(api, corpus);
        let text = emit::to_json(&doc);
        let name = match api.client {
            Client::Authentication => AUTHENTICATION,
            Client::Management => MANAGEMENT,
        };
        for problem in emit::validate(&text) {
            diags.other(
                Severity::Error,
                format!("spec/{name}#{}", problem.split(':').next().unwrap_or("")),
                problem.clone(),
            );
        }
        files.insert(name.to_string(), text);
    }
    let stats = report::Stats {
        documents: corpus.docs.iter().filter(|d| !d.sdk).count(),
        packages: packages
            .iter()
            .map(|p| {
                (
                    p.witness.name(),
                    p.root.clone(),
                    p.operations.len(),
                    p.models.len(),
                    p.helpers.len(),
                )
            })
            .collect(),
        pages: evidence.pages.len(),
        skipped: &evidence.skipped,
        catalog: &catalog,
        reconciled: &reconciled,
        applied: &applied,
        diags: &diags,
    };
    files.insert(
        RECONCILIATION.to_string(),
        report::reconciliation(corpus, &stats),
    );
    let summary = report::summary(&stats, started.elapsed());
    let diagnostics = diags
        .sorted()
        .into_iter()
        .map(|d| Diagnostics::render(corpus, d))
        .collect();
    Outcome {
        files,
        summary,
        diagnostics,
        errors: diags.errors(),
    }
}
