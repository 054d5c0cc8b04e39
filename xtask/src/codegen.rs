//! `cargo xtask codegen`: generate the Rust client from the OpenAPI specs.
//!
//! ```text
//! cargo xtask codegen [--check]
//!     spec/<name>.openapi.json -> generated/src/generated/<name>.rs (+ the round-trip test of the
//!     spec's examples, generated/tests/examples/<name>.rs). `authentication` and `management` get
//!     methods on the Authing clients; any other name a generic `Client`. The types identical in
//!     both Authing APIs go to generated/src/generated/common.rs, re-exported by each. The parent
//!     modules (`mod.rs`, the test's `main.rs`) are hand-written.
//!
//! cargo xtask codegen --spec PATH --out DIR [--name CRATE] [--check]
//!     any OpenAPI 3.0 spec -> a standalone crate in DIR (Cargo.toml + src/lib.rs) depending on
//!     this workspace's `authing` crate (generic runtime only, `default-features = false`).
//!
//! --allow-errors   write even when there are error diagnostics (the exit code stays non-zero)
//! --verbose        list every place of a repeated diagnostic (default: the first few)
//! ```
//!
//! Everything is computed in memory first; a failed run (unreadable spec, or any error
//! diagnostic) writes nothing and exits non-zero. Files are written only when their contents
//! change; `--check` writes nothing and fails with a unified diff when they are stale. A summary
//! prints what was generated, the diagnostics grouped by message, and the time of each stage.

pub mod files;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use authing_codegen::{Flavour, Generated};
use files::FileSet;

use crate::console::{err, errln, out, outln};
use crate::workspace;

/// Command-line options.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Args {
    /// `--check`: compare instead of writing.
    pub check: bool,
    /// `--spec PATH`: standalone mode.
    pub spec: Option<PathBuf>,
    /// `--out DIR`: where the standalone crate goes.
    pub out: Option<PathBuf>,
    /// `--name CRATE`: the standalone crate's name (default: `<spec file stem>-client`).
    pub name: Option<String>,
    /// `--allow-errors`, `--verbose`.
    pub options: Options,
    /// `--help`: print the usage and do nothing else.
    pub help: bool,
}

/// What a run does with diagnostics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `--allow-errors`: write the output even with error diagnostics (still exit non-zero).
    pub allow_errors: bool,
    /// `--verbose`: every place of a repeated diagnostic.
    pub verbose: bool,
}

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--allow-errors] [--verbose]
       cargo xtask codegen --spec PATH --out DIR [--name CRATE] [--check] [--allow-errors] [--verbose]

Generates generated/src/generated/<name>.rs (+ generated/tests/examples/<name>.rs) from every
spec/<name>.openapi.json; with --spec PATH --out DIR, a standalone client crate for any
OpenAPI 3.0 spec (JSON or YAML) in DIR. Files are written only when they change; a failed
run (unreadable spec, or any error diagnostic) writes nothing and exits non-zero.

  --check          write nothing; fail with a unified diff when the files are stale
  --spec PATH      standalone mode: the spec to generate from
  --out DIR        standalone mode: where the crate goes
  --name CRATE     standalone mode: the crate's name (default: <spec file stem>-client)
  --allow-errors   write even with error diagnostics (the exit code stays non-zero)
  -v, --verbose    list every place of a repeated diagnostic (default: the first few)
  -h, --help       print this help";

impl Args {
    /// Parses the arguments after `codegen`.
    pub fn parse(args: Vec<OsString>) -> Result<Args, String> {
        use lexopt::prelude::*;
        let mut parsed = Args::default();
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Long("help") | Short('h') => {
                    parsed.help = true;
                    return Ok(parsed);
                }
                Long("check") => parsed.check = true,
                Long("allow-errors") => parsed.options.allow_errors = true,
                Long("verbose") | Short('v') => parsed.options.verbose = true,
                Long("spec") => {
                    parsed.spec = Some(parser.value().map_err(|e| e.to_string())?.into())
                }
                Long("out") => parsed.out = Some(parser.value().map_err(|e| e.to_string())?.into()),
                Long("name") => {
                    parsed.name = Some(
                        parser
                            .value()
                            .map_err(|e| e.to_string())?
                            .string()
                            .map_err(|e| e.to_string())?,
                    )
                }
                other => return Err(other.unexpected().to_string()),
            }
        }
        if parsed.spec.is_some() != parsed.out.is_some() {
            return Err("`--spec` and `--out` go together".into());
        }
        if parsed.name.is_some() && parsed.spec.is_none() {
            return Err("`--name` is for `--spec PATH --out DIR`".into());
        }
        if let Some(name) = &parsed.name {
            check_crate_name(name)?;
        }
        Ok(parsed)
    }
}

/// Entry point of `cargo xtask codegen`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let args = match Args::parse(args) {
        Ok(args) => args,
        Err(e) => {
            errln(&format!("cargo xtask codegen: {e}\n\n{USAGE}"));
            return ExitCode::FAILURE;
        }
    };
    if args.help {
        outln(USAGE);
        return ExitCode::SUCCESS;
    }
    let root = workspace::root();
    let planned = match &args.spec {
        Some(spec) => standalone(
            spec,
            args.out.as_deref().unwrap_or(Path::new(".")),
            args.name.as_deref(),
            args.options,
        ),
        None => workspace_specs(&root, args.options),
    };
    let plan = match planned {
        Ok(plan) => plan,
        Err(report) => {
            err(&report);
            errln("cargo xtask codegen: failed, nothing written");
            return ExitCode::FAILURE;
        }
    };
    out(&plan.summary);
    let status = if plan.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if args.check {
        let diff = plan.files.diff(&root);
        if diff.is_empty() {
            outln("generated files are up to date");
            return status;
        }
        err(&diff);
        errln("cargo xtask codegen --check: generated files are stale; run `cargo xtask codegen`");
        return ExitCode::FAILURE;
    }
    match plan.files.write() {
        Ok(written) => {
            for path in &written.changed {
                outln(&format!(
                    "wrote {}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                ));
            }
            for path in &written.removed {
                outln(&format!(
                    "removed {}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                ));
            }
            outln(&format!(
                "{} written, {} unchanged, {} removed",
                written.changed.len(),
                written.unchanged,
                written.removed.len()
            ));
            if plan.errors > 0 {
                errln(&format!(
                    "cargo xtask codegen: {} error diagnostics; written anyway (--allow-errors)",
                    plan.errors
                ));
            }
            status
        }
        Err(e) => {
            errln(&format!("cargo xtask codegen: cannot write: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// The outcome of a run, before anything is written.
#[derive(Debug)]
pub struct Plan {
    /// The files to write.
    pub files: FileSet,
    /// The printed summary (per spec: counts, diagnostics, time per stage).
    pub summary: String,
    /// Error diagnostics in the plan (non-zero only with `--allow-errors`).
    pub errors: usize,
}

/// Where the workspace's generated modules live.
pub fn generated_dir(root: &Path) -> PathBuf {
    root.join("generated/src/generated")
}

/// Where the examples' round-trip tests go: an integration test of the client (`tests/examples`),
/// so that the crate's unit-test build does not compile the generated API a second time.
pub fn examples_dir(root: &Path) -> PathBuf {
    root.join("generated/tests/examples")
}

/// Workspace mode: every `spec/*.openapi.json` -> `generated/src/generated/`. `Err` carries the
/// report of a failed run (every diagnostic of every spec).
pub fn workspace_specs(root: &Path, options: Options) -> Result<Plan, String> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join("spec"))
        .map_err(|e| format!("cannot read spec/: {e}\n"))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".openapi.json"))
        })
        .collect();
    specs.sort();
    let out_dir = generated_dir(root);
    let examples_dir = examples_dir(root);
    let mut plan = Plan {
        files: FileSet::default(),
        summary: String::new(),
        errors: 0,
    };
    let mut failures = String::new();
    let mut done = Vec::new();
    for spec in &specs {
        let file_name = spec
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let (module, flavour) = module_of(file_name.trim_end_matches(".openapi.json"));
        let shown = spec
            .strip_prefix(root)
            .unwrap_or(spec)
            .display()
            .to_string();
        errln(&format!("codegen: generating from {shown}"));
        let text =
            std::fs::read_to_string(spec).map_err(|e| format!("cannot read {shown}: {e}\n"))?;
        let generated = match authing_codegen::generate(&text, flavour) {
            Ok(generated) => generated,
            Err(diagnostics) => {
                let _ = write!(
                    failures,
                    "{shown}:\n{}",
                    report(&diagnostics.0, options.verbose)
                );
                continue;
            }
        };
        let target = out_dir.join(format!("{module}.rs"));
        let _ = write!(
            plan.summary,
            "{}",
            summary(&shown, &target, root, &generated)
        );
        plan.summary
            .push_str(&report(&generated.diagnostics, options.verbose));
        let errors = generated.errors().count();
        plan.errors += errors;
        if errors > 0 && !options.allow_errors {
            let _ = writeln!(
                failures,
                "{shown}: {errors} errors (listed above; --allow-errors writes anyway)"
            );
        }
        done.push((module, flavour, target, generated));
    }
    if !failures.is_empty() {
        return Err(format!("{}{failures}", plan.summary));
    }
    // The two Authing APIs are modules of one crate: what they have identical is defined once.
    let mut authing: Vec<&mut authing_codegen::Generated> = done
        .iter_mut()
        .filter(|(_, flavour, _, _)| *flavour != Flavour::Generic)
        .map(|(_, _, _, generated)| generated)
        .collect();
    if authing.len() > 1 {
        match authing_codegen::share(&mut authing) {
            Ok(Some(common)) => {
                let target = out_dir.join("common.rs");
                let _ = writeln!(
                    plan.summary,
                    "shared -> {}\n  {} types identical in both Authing APIs, defined once",
                    target.strip_prefix(root).unwrap_or(&target).display(),
                    common.types.len()
                );
                plan.files.files.insert(target, common.source);
            }
            Ok(None) => {}
            Err(diagnostics) => {
                return Err(format!(
                    "{}sharing types:\n{}",
                    plan.summary,
                    report(&diagnostics.0, options.verbose)
                ));
            }
        }
    }
    for (module, _, target, generated) in &done {
        plan.files
            .files
            .insert(target.clone(), generated.source.clone());
        if let Some(examples) = authing_codegen::examples_test(
            generated,
            module,
            authing_codegen::ExamplesAt::AuthingTest,
        ) {
            plan.files
                .files
                .insert(examples_dir.join(format!("{module}.rs")), examples);
        }
    }
    plan.files.stale = stale_files(&out_dir, &plan.files);
    plan.files
        .stale
        .extend(stale_files(&examples_dir, &plan.files));
    Ok(plan)
}

/// The module a spec named `stem` (`spec/<stem>.openapi.json`) is generated into, and its client:
/// `authentication` and `management` are the Authing clients, any other name a generic one.
pub fn module_of(stem: &str) -> (String, Flavour) {
    let module = authing_codegen::names::snake(stem, "api");
    let module = module.trim_start_matches("r#").to_owned();
    let flavour = match module.as_str() {
        "authentication" => Flavour::Authentication,
        "management" => Flavour::Management,
        _ => Flavour::Generic,
    };
    (module, flavour)
}

/// Generated files (they start with the header) in `dir` that the run does not produce.
fn stale_files(dir: &Path, files: &FileSet) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| !files.files.contains_key(path))
        .filter(|path| {
            std::fs::read_to_string(path)
                .is_ok_and(|text| text.starts_with(authing_codegen::HEADER))
        })
        .collect();
    stale.sort();
    stale
}

/// Standalone mode: any spec -> a crate of its own in `out`. `Err` carries the report of a
/// failed run: an unreadable spec, or error diagnostics without `--allow-errors`.
pub fn standalone(
    spec: &Path,
    out: &Path,
    name: Option<&str>,
    options: Options,
) -> Result<Plan, String> {
    let text = std::fs::read_to_string(spec)
        .map_err(|e| format!("cannot read {}: {e}\n", spec.display()))?;
    let generated = authing_codegen::generate(&text, Flavour::Generic).map_err(|diagnostics| {
        format!(
            "{}:\n{}",
            spec.display(),
            report(&diagnostics.0, options.verbose)
        )
    })?;
    let name = name.map(str::to_owned).unwrap_or_else(|| crate_name(spec));
    check_crate_name(&name)?;
    let authing = workspace::root().join("generated");
    let mut plan = Plan {
        files: FileSet::default(),
        summary: String::new(),
        errors: generated.errors().count(),
    };
    for file in authing_codegen::standalone_crate(&name, &authing.to_string_lossy(), &generated) {
        plan.files.files.insert(out.join(&file.path), file.contents);
    }
    plan.summary = summary(
        &spec.display().to_string(),
        &out.join("src/lib.rs"),
        Path::new(""),
        &generated,
    );
    plan.summary
        .push_str(&report(&generated.diagnostics, options.verbose));
    if plan.errors > 0 && !options.allow_errors {
        return Err(format!(
            "{}{}: {} errors (listed above; --allow-errors writes anyway)\n",
            plan.summary,
            spec.display(),
            plan.errors
        ));
    }
    Ok(plan)
}

/// The diagnostics, grouped by message (one line for one place; a count and the first
/// [`Group::SHOWN`](authing_codegen::diagnostic::Group::SHOWN) places, or all with `verbose`).
pub fn report(diagnostics: &[authing_codegen::Diagnostic], verbose: bool) -> String {
    let mut out = String::new();
    for group in authing_codegen::diagnostic::group(diagnostics) {
        let text = if verbose {
            format!("{group}")
        } else {
            format!("{group:#}")
        };
        let _ = writeln!(out, "  {}", text.replace('\n', "\n  "));
    }
    out
}

/// `name` is a valid Cargo package name: ASCII letters, digits, `-` and `_`, starting with a
/// letter, at most 64 characters, not a Rust keyword or a name of the standard library.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    const RESERVED: &[&str] = &[
        "alloc",
        "core",
        "proc_macro",
        "proc-macro",
        "std",
        "test",
        "self",
        "super",
        "crate",
        "Self",
        "as",
        "async",
        "await",
        "break",
        "const",
        "continue",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "fn",
        "for",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "match",
        "mod",
        "move",
        "mut",
        "pub",
        "ref",
        "return",
        "static",
        "struct",
        "trait",
        "true",
        "type",
        "unsafe",
        "use",
        "where",
        "while",
        "abstract",
        "become",
        "box",
        "do",
        "final",
        "gen",
        "macro",
        "override",
        "priv",
        "try",
        "typeof",
        "unsized",
        "virtual",
        "yield",
    ];
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "`--name {name:?}` is not a crate name: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters"
        ));
    }
    if RESERVED.contains(&name) {
        return Err(format!(
            "`--name {name}` is reserved (a Rust keyword or a standard crate)"
        ));
    }
    Ok(())
}

/// `<file stem>-client`, lower-case letters, digits and `-`.
pub fn crate_name(spec: &Path) -> String {
    let stem = spec.file_name().and_then(|n| n.to_str()).unwrap_or("api");
    let stem = stem.split('.').next().unwrap_or("api");
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "api-");
    }
    format!("{}-client", name.trim_end_matches('-'))
}

/// The summary lines of one spec.
pub fn summary(spec: &str, target: &Path, root: &Path, generated: &Generated) -> String {
    let counts = generated.api.summary();
    let errors = generated.errors().count();
    let warnings = generated.diagnostics.len() - errors;
    let t = generated.timings;
    let total = t.load + t.lower + t.emit + t.format;
    format!(
        "{spec} -> {}\n  {} operations ({} paged), {} structs, {} enums, {} connection enums, {} oneOf/anyOf enums, {} aliases\n  \
         diagnostics: {errors} errors, {warnings} warnings\n  time: load {}, lower {}, emit {}, format {} (total {})\n",
        target.strip_prefix(root).unwrap_or(target).display(),
        counts.operations,
        counts.paged,
        counts.structs,
        counts.enums,
        counts.connection_enums,
        counts.unions,
        counts.aliases,
        ms(t.load),
        ms(t.lower),
        ms(t.emit),
        ms(t.format),
        ms(total),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Times `f`, for the benchmark.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}
