//! Generality: codegen on every third-party spec in `../shared/specs` (GitHub, Stripe, OpenAI,
//! Oxide, PagerDuty, Plaid, Twilio, Slack, the OpenAPI examples, progenitor's samples) never
//! panics, and gives code or diagnostics, every diagnostic naming a JSON pointer.
//!
//! Under `CI=true` a missing `../shared` is a failure; elsewhere a printed skip.

use std::path::PathBuf;

use authing_codegen::{Flavour, generate};

/// The third-party specs, sorted.
fn specs() -> Vec<PathBuf> {
    let Some(dirs) = xtask::workspace::shared_dirs_or_skip(&["specs"], "third-party specs") else {
        return Vec::new();
    };
    let entries = std::fs::read_dir(&dirs[0]).expect("a directory");
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        })
        .collect();
    specs.sort();
    specs
}

/// A JSON pointer: empty (the document) or `/`-separated tokens.
fn is_pointer(pointer: &str) -> bool {
    pointer.is_empty() || pointer.starts_with('/')
}

#[test]
fn every_third_party_spec_gives_code_or_pointed_diagnostics() {
    let specs = specs();
    let mut failures = Vec::new();
    for path in &specs {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let outcome = std::panic::catch_unwind(|| generate(&text, Flavour::Generic));
        match outcome {
            Err(_) => failures.push(format!("{name}: codegen panicked")),
            Ok(Ok(generated)) => {
                let counts = generated.api.summary();
                let errors = generated.errors().count();
                println!(
                    "{name}: {} operations, {} types, {} diagnostics ({errors} errors), {:.0} ms",
                    counts.operations,
                    generated.api.types.len(),
                    generated.diagnostics.len(),
                    (generated.timings.load
                        + generated.timings.lower
                        + generated.timings.emit
                        + generated.timings.format)
                        .as_secs_f64()
                        * 1000.0
                );
                if !generated.source.starts_with(authing_codegen::HEADER)
                    || syn::parse_file(&generated.source).is_err()
                {
                    failures.push(format!("{name}: the generated source does not parse"));
                }
                for d in generated
                    .diagnostics
                    .iter()
                    .filter(|d| !is_pointer(&d.pointer))
                {
                    failures.push(format!("{name}: diagnostic without a JSON pointer: {d}"));
                }
            }
            Ok(Err(diagnostics)) => {
                println!("{name}: not generated: {diagnostics}");
                if diagnostics.0.is_empty() {
                    failures.push(format!("{name}: failed without a diagnostic"));
                }
                for d in diagnostics.0.iter().filter(|d| !is_pointer(&d.pointer)) {
                    failures.push(format!("{name}: diagnostic without a JSON pointer: {d}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
