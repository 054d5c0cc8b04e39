//! `cargo xtask spec`: the thin command over [`authing_reconstruct`]. Reads the inputs (through
//! the library's IO edge, `authing_reconstruct::read`), runs the reconstruction in memory, prints
//! the summary and the errors, then `--check`s `spec/` (unified diff) or writes what changed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use authing_reconstruct::{OVERRIDES, read, reconstruct};

use crate::console::{errln, outln};

/// Entry point of `cargo xtask spec [--check] [--docs DIR]... [--sdk DIR]... [--docs-only]`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let mut check = false;
    let mut docs: Vec<PathBuf> = Vec::new();
    let mut sdks: Vec<PathBuf> = Vec::new();
    let mut docs_only = false;
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
            Ok(Some(Long("sdk"))) => match parser.value() {
                Ok(v) => sdks.push(PathBuf::from(v)),
                Err(e) => return usage(&e.to_string()),
            },
            Ok(Some(Long("docs-only"))) => docs_only = true,
            Ok(Some(Long("help") | Short('h'))) => {
                outln(USAGE);
                return ExitCode::SUCCESS;
            }
            Ok(Some(other)) => return usage(&other.unexpected().to_string()),
            Err(e) => return usage(&e.to_string()),
        }
    }
    let shared = crate::workspace::shared();
    if docs.is_empty() {
        docs = default_docs(&shared);
    }
    if docs_only && !sdks.is_empty() {
        return usage("--docs-only and --sdk exclude each other");
    }
    if sdks.is_empty() && !docs_only {
        sdks = default_sdks(&shared);
    }
    let spec_dir = crate::workspace::root().join("spec");
    let overrides_path = spec_dir.join(OVERRIDES);
    let overrides_text = match std::fs::read_to_string(&overrides_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            errln(&format!("error: {}: {e}", overrides_path.display()));
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let shown = |dirs: &[PathBuf]| -> String {
        dirs.iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    errln(&format!("spec: reading the pages in {}", shown(&docs)));
    if !sdks.is_empty() {
        errln(&format!(
            "spec: reading the SDK packages in {}",
            shown(&sdks)
        ));
    }
    let corpus = match read::docs(&docs).and_then(|mut c| read::sdks(&mut c, &sdks).map(|()| c)) {
        Ok(c) => c,
        Err(e) => {
            errln(&format!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    errln(&format!(
        "spec: reconstructing from {} documents ({:.1} s so far)",
        corpus.ids().count(),
        started.elapsed().as_secs_f64()
    ));
    let outcome = reconstruct(
        &corpus,
        overrides_text
            .as_deref()
            .map(|t| (t, "spec/overrides.toml")),
        started,
    );
    for d in &outcome.diagnostics {
        if verbose || d.contains(": error: ") {
            errln(d);
        }
    }
    outln(&outcome.summary);
    if outcome.errors > 0 {
        errln(&format!(
            "error: {} error(s); spec/ left untouched",
            outcome.errors
        ));
        return ExitCode::FAILURE;
    }
    if check {
        return match stale(&spec_dir, &outcome.files) {
            Ok(diffs) if diffs.is_empty() => {
                outln("spec/ is up to date");
                ExitCode::SUCCESS
            }
            Ok(diffs) => {
                for d in diffs {
                    errln(&d);
                }
                errln("error: spec/ is stale; run `cargo xtask spec`");
                ExitCode::FAILURE
            }
            Err(e) => {
                errln(&format!("error: {e}"));
                ExitCode::FAILURE
            }
        };
    }
    match write(&spec_dir, &outcome.files) {
        Ok(written) => {
            outln(&format!(
                "wrote {} file(s) in spec/ ({} unchanged)",
                written,
                outcome.files.len() - written
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            errln(&format!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: cargo xtask spec [--check] [--docs DIR]... [--sdk DIR]... [--docs-only] [--verbose]

Reconstructs spec/authentication.openapi.json, spec/management.openapi.json and
spec/RECONCILIATION.md from the reference pages (default: ../shared/docs/authing-v3-zh
and ../shared/seeds) and the official SDK packages (--sdk, repeatable; default:
../shared/sdks/authing-node-sdk-4.0.1 and ../shared/sdks/genauth-python-5.1.0). --docs-only
reads the pages alone. --check regenerates in memory and fails with a diff when spec/ is
stale. --verbose prints every warning.";

/// The default page roots.
pub fn default_docs(shared: &Path) -> Vec<PathBuf> {
    vec![shared.join("docs/authing-v3-zh"), shared.join("seeds")]
}

/// The default package roots: the node package and the Python package the spec is built from.
pub fn default_sdks(shared: &Path) -> Vec<PathBuf> {
    vec![
        shared.join("sdks/authing-node-sdk-4.0.1"),
        shared.join("sdks/genauth-python-5.1.0"),
    ]
}

fn usage(problem: &str) -> ExitCode {
    errln(&format!("error: {problem}\n\n{USAGE}"));
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

/// Writes the files whose contents changed, all or nothing ([`crate::staged`]): a failure (disk
/// full, permissions) leaves the old `spec/` as it was. Returns how many were written.
pub fn write(dir: &Path, files: &BTreeMap<String, String>) -> Result<usize, String> {
    let files: BTreeMap<PathBuf, String> = files
        .iter()
        .map(|(name, text)| (dir.join(name), text.clone()))
        .collect();
    crate::staged::commit(&files, &[]).map(|written| written.changed.len())
}

#[cfg(test)]
mod tests {
    use super::{stale, write};

    #[test]
    fn writing_replaces_only_what_changed() {
        let dir = std::env::temp_dir().join(format!("xtask-spec-write-{}", std::process::id()));
        let files: std::collections::BTreeMap<String, String> = [
            ("a.json".to_string(), "1".to_string()),
            ("b.md".to_string(), "2".to_string()),
        ]
        .into();
        assert_eq!(write(&dir, &files).unwrap(), 2);
        assert_eq!(write(&dir, &files).unwrap(), 0);
        assert!(stale(&dir, &files).unwrap().is_empty());
        std::fs::write(dir.join("b.md"), "changed").unwrap();
        std::fs::write(dir.join("stray.openapi.json"), "{}").unwrap();
        let diffs = stale(&dir, &files).unwrap();
        assert_eq!(diffs.len(), 2, "{diffs:?}");
        assert!(
            diffs[0].contains("-changed") && diffs[0].contains("+2"),
            "{}",
            diffs[0]
        );
        assert!(diffs[1].contains("stray.openapi.json"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
