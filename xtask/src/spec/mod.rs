//! `cargo xtask spec`: reconstruct the V3 OpenAPI spec from the reference pages.
//!
//! Stages, each a module: [`corpus`] (read the files) -> [`page`] (each page into evidence, with
//! [`markdown`], [`table`], [`cell`], [`sample`]) -> [`catalog`] (pages into operation families)
//! -> [`reconcile`] (vote, by [`rules`], into a [`model`]) -> [`overrides`] -> [`emit`] (OpenAPI
//! documents, validated) -> [`report`] (`spec/RECONCILIATION.md` and the summary). Everything is
//! computed in memory; files are written at the end, only when changed, and only when the run
//! has no errors.

pub mod catalog;
pub mod cell;
pub mod conflict;
pub mod corpus;
pub mod diagnostic;
pub mod emit;
pub mod legacy;
pub mod markdown;
pub mod model;
pub mod overrides;
pub mod page;
pub mod pairing;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod sample;
pub mod table;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use corpus::Corpus;
use diagnostic::{Diagnostics, Severity};
use page::{Client, NotAPage};

/// The file names the run writes into `spec/`.
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

/// Reconstructs the spec from the documents under `roots`, applying `overrides` (the text of
/// `spec/overrides.toml` and its display name).
pub fn reconstruct(roots: &[PathBuf], overrides: Option<(&str, &str)>) -> Result<Outcome, String> {
    let t0 = Instant::now();
    let corpus = Corpus::load(roots)?;
    Ok(reconstruct_corpus(&corpus, overrides, t0))
}

/// [`reconstruct`] over an already loaded corpus (tests use in-memory corpora).
pub fn reconstruct_corpus(
    corpus: &Corpus,
    overrides: Option<(&str, &str)>,
    t0: Instant,
) -> Outcome {
    let mut diags = Diagnostics::default();
    let mut fragments = BTreeMap::new();
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    for id in corpus.ids() {
        match page::classify_path(corpus, id) {
            Ok(p) => paths.push((id, p)),
            Err(NotAPage::Fragment) => {
                let name = corpus
                    .doc(id)
                    .rel_path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                fragments.insert(name, id);
            }
            Err(NotAPage::Skipped(why)) => skipped.push((id, why)),
        }
    }
    let mut pages = Vec::with_capacity(paths.len());
    let mut guides = Vec::new();
    for (id, path) in paths {
        if let Some(found) = legacy::find(corpus, id, &mut diags) {
            guides.push(found);
            continue;
        }
        pages.push(page::parse(corpus, id, path, &fragments, &mut diags));
    }
    page::share_envelope_optionality(&mut pages);
    let catalog = catalog::build(&pages);
    let mut reconciled = reconcile::reconcile(&pages, &catalog, &mut diags);
    legacy::merge(&mut reconciled, guides, &mut diags);
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
        documents: corpus.docs.len(),
        pages: pages.len(),
        skipped: &skipped,
        catalog: &catalog,
        reconciled: &reconciled,
        applied: &applied,
        diags: &diags,
    };
    files.insert(
        RECONCILIATION.to_string(),
        report::reconciliation(corpus, &stats),
    );
    let summary = report::summary(&stats, t0.elapsed());
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

/// Entry point of `cargo xtask spec [--check] [--docs DIR]...`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let mut check = false;
    let mut docs: Vec<PathBuf> = Vec::new();
    let mut verbose = false;
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        use lexopt::prelude::*;
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Long("check"))) => check = true,
            Ok(Some(Long("verbose") | Short('v'))) => verbose = true,
            Ok(Some(Long("docs"))) => match parser.value() {
                Ok(v) => docs.push(PathBuf::from(v)),
                Err(e) => return usage(&e.to_string()),
            },
            Ok(Some(Long("help") | Short('h'))) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Ok(Some(other)) => return usage(&other.unexpected().to_string()),
            Err(e) => return usage(&e.to_string()),
        }
    }
    let shared = crate::workspace::shared();
    if docs.is_empty() {
        docs = vec![shared.join("docs/authing-v3-zh"), shared.join("seeds")];
    }
    let spec_dir = crate::workspace::root().join("spec");
    let overrides_path = spec_dir.join(OVERRIDES);
    let overrides_text = match std::fs::read_to_string(&overrides_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            eprintln!("error: {}: {e}", overrides_path.display());
            return ExitCode::FAILURE;
        }
    };
    let outcome = match reconstruct(
        &docs,
        overrides_text
            .as_deref()
            .map(|t| (t, "spec/overrides.toml")),
    ) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for d in &outcome.diagnostics {
        if verbose || d.contains(": error: ") {
            eprintln!("{d}");
        }
    }
    println!("{}", outcome.summary);
    if outcome.errors > 0 {
        eprintln!("error: {} error(s); spec/ left untouched", outcome.errors);
        return ExitCode::FAILURE;
    }
    if check {
        return match stale(&spec_dir, &outcome.files) {
            Ok(diffs) if diffs.is_empty() => {
                println!("spec/ is up to date");
                ExitCode::SUCCESS
            }
            Ok(diffs) => {
                for d in diffs {
                    eprintln!("{d}");
                }
                eprintln!("error: spec/ is stale; run `cargo xtask spec`");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match write(&spec_dir, &outcome.files) {
        Ok(written) => {
            println!(
                "wrote {} file(s) in spec/ ({} unchanged)",
                written,
                outcome.files.len() - written
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask spec [--check] [--docs DIR]... [--verbose]

Reconstructs spec/authentication.openapi.json, spec/management.openapi.json and
spec/RECONCILIATION.md from the reference pages (default: ../shared/docs/authing-v3-zh
and ../shared/seeds). --check regenerates in memory and fails with a diff when spec/ is
stale. --verbose prints every warning.";

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n\n{USAGE}");
    ExitCode::FAILURE
}

/// Unified diffs of the files whose contents differ from `files` (missing files count).
pub fn stale(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>, String> {
    let mut diffs = Vec::new();
    for (name, new) in files {
        let path = dir.join(name);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        if &old != new {
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
            let text = diff
                .unified_diff()
                .context_radius(2)
                .header(
                    &format!("spec/{name}"),
                    &format!("spec/{name} (regenerated)"),
                )
                .to_string();
            let lines: Vec<&str> = text.lines().collect();
            let shown = lines.len().min(200);
            let mut out = lines[..shown].join("\n");
            if lines.len() > shown {
                out.push_str(&format!("\n... {} more diff lines", lines.len() - shown));
            }
            diffs.push(out);
        }
    }
    // Stray specs: every `*.openapi.json` in spec/ must be one we write.
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for n in names {
            if n.ends_with(".openapi.json") && !files.contains_key(&n) {
                diffs.push(format!(
                    "spec/{n}: not produced by `cargo xtask spec` (remove it)"
                ));
            }
        }
    }
    Ok(diffs)
}

/// Writes the files whose contents changed: all of them to temporary files first, then each
/// renamed into place, so a failure (disk full, permissions) leaves the old `spec/` as it was.
/// Returns how many were written.
pub fn write(dir: &Path, files: &BTreeMap<String, String>) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let changed: Vec<(&String, &String)> = files
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(dir.join(name)).map_or(true, |old| &old != *text)
        })
        .collect();
    let mut staged = Vec::new();
    for (name, text) in &changed {
        let tmp = dir.join(format!(".{name}.tmp"));
        if let Err(e) = std::fs::write(&tmp, text) {
            for t in staged.iter().chain([&tmp]) {
                let _ = std::fs::remove_file(t);
            }
            return Err(format!("{}: {e}", tmp.display()));
        }
        staged.push(tmp);
    }
    for ((name, _), tmp) in changed.iter().zip(&staged) {
        std::fs::rename(tmp, dir.join(name))
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
    }
    Ok(changed.len())
}
