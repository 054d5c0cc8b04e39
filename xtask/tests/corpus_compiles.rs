//! Every output of codegen's regression corpus (`codegen/tests/regressions/`), and of small
//! synthetic specs of the scale benchmark's shapes (`xtask::synthetic`), compiles with 0
//! warnings: each spec that generates becomes a standalone crate (as
//! `cargo xtask codegen --spec F --out DIR --allow-errors` writes it), checked by `cargo check`
//! with one shared target directory (`target/corpus-check`, dependencies built once).
//!
//! Behind `slow-tests` (`cargo xtask test --slow`): the first run builds the `authing` crate.

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::codegen::{Options, standalone};

/// Small synthetic specs (many operations; a wide schema), written under `dir`.
fn synthetic(dir: &Path) -> Vec<PathBuf> {
    use xtask::synthetic::{Kind, spec};
    std::fs::create_dir_all(dir).expect("the synthetic specs' directory");
    [
        ("synthetic-ops-30", Kind::Operations, 30),
        ("synthetic-wide-2000", Kind::Wide, 2000),
    ]
    .into_iter()
    .map(|(name, kind, n)| {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, spec(kind, n)).expect("a synthetic spec");
        path
    })
    .collect()
}

/// The corpus files, sorted.
fn corpus() -> Vec<PathBuf> {
    let dir = xtask::workspace::root().join("codegen/tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    files
}

/// `cargo check` of the crate in `dir`: `Err` with the errors and warnings it prints.
fn check(dir: &Path, target: &Path) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning") || l.contains("error"))
        .collect();
    if output.status.success() && problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

#[test]
fn every_generated_corpus_output_compiles_without_warnings() {
    let target = xtask::workspace::root().join("target/corpus-check");
    let mut failures = Vec::new();
    let mut checked = 0;
    let synthetic = synthetic(&target.join("synthetic"));
    let expected = synthetic.len();
    let mut synthetic_checked = 0;
    for spec in corpus().into_iter().chain(synthetic) {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let dir = target
            .join("crates")
            .join(xtask::codegen::crate_name(&spec));
        let options = Options {
            allow_errors: true,
            verbose: false,
        };
        let plan = match standalone(&spec, &dir, None, options) {
            Ok(plan) => plan,
            // Refused specs (with their diagnostics) are the corpus test's business.
            Err(_) => continue,
        };
        plan.files.write().unwrap();
        checked += 1;
        synthetic_checked += usize::from(name.starts_with("synthetic-"));
        match check(&dir, &target) {
            Ok(()) => println!("ok    {name}"),
            Err(problems) => failures.push(format!("{name}:\n  {problems}")),
        }
    }
    assert!(checked > 0, "no corpus spec generates");
    assert_eq!(
        synthetic_checked, expected,
        "every synthetic spec generates"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
