//! Speed of `cargo xtask codegen`, printed (no assertion: figures, not timed tests).
//!
//! `cargo bench -p xtask --bench codegen` prints, for the V3 specs (`spec/*.openapi.json`) and
//! `../shared/specs/oxide.json`: the time of each stage (best of several runs) in total and per
//! operation, then the time to `cargo check` the generated code (dependencies warm: only the
//! generated crate is checked).
//!
//! `CODEGEN_BENCH_ALL=1` also generates a standalone crate for every spec in `../shared/specs`
//! and reports which of them `cargo check` accepts.
//!
//! The peer: progenitor takes 0.46 s (library, no formatting) to generate `oxide.json` and 26 s
//! to `cargo check` its output; 0.22 s and 11.7 s for the upstream authentication API alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use authing_codegen::{Flavour, Timings, generate};
use xtask::workspace;

const RUNS: usize = 5;

fn main() {
    let root = workspace::root();
    let oxide = workspace::shared().join("specs/oxide.json");
    let mut specs = vec![
        (
            root.join("spec/authentication.openapi.json"),
            Flavour::Authentication,
        ),
        (
            root.join("spec/management.openapi.json"),
            Flavour::Management,
        ),
    ];
    if oxide.exists() {
        specs.push((oxide.clone(), Flavour::Generic));
    }
    println!("codegen stages, best of {RUNS} runs (release build)");
    println!(
        "{:<34} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "spec", "ops", "load", "lower", "emit", "format", "total", "per op"
    );
    let mut all_ops = 0;
    let mut all_time = Duration::ZERO;
    for (path, flavour) in &specs {
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("{:<34} missing", path.display());
            continue;
        };
        let (ops, best) = stages(&text, *flavour);
        let total = best.load + best.lower + best.emit + best.format;
        if *flavour != Flavour::Generic {
            all_ops += ops;
            all_time += total;
        }
        row(&path.file_name().unwrap().to_string_lossy(), ops, best);
    }
    println!(
        "{:<34} {:>5} {:>49} {:>9}",
        "V3 client (both specs)",
        all_ops,
        ms(all_time),
        per_op(all_time, all_ops)
    );

    println!("\ncargo check of the generated code (dependencies already built)");
    let target = root.join("target/bench-codegen");
    for (name, features) in [
        ("authing, both clients", &[][..]),
        (
            "authing, authentication only",
            &["--no-default-features", "--features", "authentication"][..],
        ),
        (
            "authing, management only",
            &["--no-default-features", "--features", "management"][..],
        ),
    ] {
        match check_authing(&root, &target, features) {
            Ok(time) => println!(
                "{name:<34} {:>9}  (`cargo check -p authing {}`)",
                secs(time),
                features.join(" ")
            ),
            Err(e) => println!("{name:<34} does not compile: {e}"),
        }
    }
    if oxide.exists() {
        let dir = target.join("crates/oxide-client");
        match check_standalone(&oxide, &dir, &target) {
            Ok(time) => println!(
                "{:<34} {:>9}  (standalone crate, {})",
                "oxide.json",
                secs(time),
                dir.display()
            ),
            Err(e) => println!("{:<34} does not compile: {e}", "oxide.json"),
        }
    }

    if std::env::var_os("CODEGEN_BENCH_ALL").is_some() {
        compile_all(&target);
    }
}

/// The number of operations and the best time of each stage over [`RUNS`] runs.
fn stages(text: &str, flavour: Flavour) -> (usize, Timings) {
    let mut best = Timings {
        load: Duration::MAX,
        lower: Duration::MAX,
        emit: Duration::MAX,
        format: Duration::MAX,
    };
    let mut ops = 0;
    for _ in 0..RUNS {
        let generated = generate(text, flavour).expect("the spec loads");
        ops = generated.api.client.operations.len();
        let t = generated.timings;
        best.load = best.load.min(t.load);
        best.lower = best.lower.min(t.lower);
        best.emit = best.emit.min(t.emit);
        best.format = best.format.min(t.format);
    }
    (ops, best)
}

fn row(name: &str, ops: usize, t: Timings) {
    let total = t.load + t.lower + t.emit + t.format;
    println!(
        "{:<34} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        name,
        ops,
        ms(t.load),
        ms(t.lower),
        ms(t.emit),
        ms(t.format),
        ms(total),
        per_op(total, ops)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn per_op(d: Duration, ops: usize) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6 / ops.max(1) as f64)
}

/// `cargo check ARGS` in `dir`, timed; `Err` with the first compiler error on failure.
fn cargo_check(dir: &Path, target: &Path, args: &[&str]) -> Result<Duration, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg("check")
        .arg("--quiet")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target);
    let start = Instant::now();
    let output = command.output().map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    if output.status.success() {
        Ok(elapsed)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
        Err(format!(
            "{errors} errors; first: {}",
            stderr
                .lines()
                .find(|l| l.starts_with("error"))
                .unwrap_or("?")
        ))
    }
}

/// Times `cargo check -p authing` (with `features`) with warm dependencies: a first check
/// builds everything, then the generated modules are touched and checked again.
fn check_authing(root: &Path, target: &Path, features: &[&str]) -> Result<Duration, String> {
    let mut args = vec!["-p", "authing"];
    args.extend_from_slice(features);
    cargo_check(root, target, &args)?;
    touch(&root.join("generated/src/generated/mod.rs"));
    cargo_check(root, target, &args)
}

/// Writes the standalone crate of `spec` into `dir` and times its `cargo check` with warm
/// dependencies.
fn check_standalone(spec: &Path, dir: &Path, target: &Path) -> Result<Duration, String> {
    // Third-party specs often carry error diagnostics: the bench measures what compiles anyway.
    let options = xtask::codegen::Options {
        allow_errors: true,
        verbose: false,
    };
    let plan = xtask::codegen::standalone(spec, dir, None, options)?;
    plan.files.write()?;
    cargo_check(dir, target, &[])?;
    touch(&dir.join("src/lib.rs"));
    cargo_check(dir, target, &[])
}

fn touch(path: &Path) {
    if let Ok(text) = std::fs::read(path) {
        let _ = std::fs::write(path, text);
    }
}

/// Generates and checks a crate for every third-party spec; prints which compile.
fn compile_all(target: &Path) {
    let dir = workspace::shared().join("specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    specs.retain(|p| {
        p.extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
    });
    specs.sort();
    println!("\nstandalone crates of ../shared/specs: cargo check");
    let mut compiled = 0;
    for spec in &specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let crate_dir = target.join("crates").join(xtask::codegen::crate_name(spec));
        match check_standalone(spec, &crate_dir, target) {
            Ok(time) => {
                compiled += 1;
                println!("  ok    {name:<30} {}", secs(time));
            }
            Err(e) => println!(
                "  FAIL  {name:<30} {}",
                e.lines().next().unwrap_or_default()
            ),
        }
    }
    println!(
        "{compiled} of {} specs give a crate that compiles",
        specs.len()
    );
}
