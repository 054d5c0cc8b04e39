//! Speed of `cargo xtask codegen` and cost of its output, printed (no assertion: figures, not
//! timed tests).
//!
//! `cargo bench -p xtask --bench codegen` prints, for the V3 specs (`spec/*.openapi.json`) and
//! `../shared/specs/oxide.json`: the time of each stage (best of several runs) in total and per
//! operation. Then what the output costs (see `cost`): `cargo check` of `authing`, a rebuild of
//! the downstream example binary, the size of `cargo doc -p authing --no-deps`, and `cargo check`
//! of our stand-alone crates for `oxide.json` and `nexus.json` next to progenitor 0.15.1's
//! (`cargo install cargo-progenitor --version 0.15.1 --locked`), with the ratios ours/peer.
//!
//! Figures at fbb0283 (2 shared cores, CPU time / max RSS): `cargo check -p authing` 26.0 s /
//! 1905 MiB; downstream build 52.1 s / 2431 MiB; `cargo doc` 19.0 s, 83.5 MiB in 1630 pages;
//! ours/progenitor: oxide 0.92x CPU, 1.05x RSS; nexus 0.86x CPU, 0.89x RSS (the target is 0.5x).
//!
//! `CODEGEN_BENCH_ALL=1` also generates a standalone crate for every spec in `../shared/specs`
//! and reports which of them `cargo check` accepts.

use std::path::{Path, PathBuf};
use std::time::Duration;

use authing_codegen::{Flavour, Timings, generate};
use xtask::workspace;

#[path = "codegen/cost.rs"]
mod cost;

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

    let target = root.join("target/bench-codegen");
    authing_costs(&root, &target);
    side_by_side(&target);

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

fn per_op(d: Duration, ops: usize) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6 / ops.max(1) as f64)
}

/// `cargo check` of `authing` (each feature set), a rebuild of the downstream example and
/// `cargo doc -p authing --no-deps`.
fn authing_costs(root: &Path, target: &Path) {
    println!(
        "
cargo check of authing: lib.rs touched, CARGO_INCREMENTAL=0, dependencies built"
    );
    let lib = root.join("generated/src/lib.rs");
    for (name, features) in [
        ("both clients", &[][..]),
        (
            "authentication only",
            &["--no-default-features", "--features", "authentication"][..],
        ),
        (
            "management only",
            &["--no-default-features", "--features", "management"][..],
        ),
    ] {
        let mut args = vec!["-p", "authing"];
        args.extend_from_slice(features);
        match cost::warm_then_measure("check", root, target, &args, &lib) {
            Ok(m) => println!("  {name:<22} {}", m.show()),
            Err(e) => println!("  {name:<22} does not compile: {e}"),
        }
    }

    // "Cold" downstream build: what a user pays after changing the SDK's version or features,
    // with the dependencies (reqwest, tokio, serde...) built: `authing` compiled from scratch
    // (codegen included) plus the binary `examples/downstream`, linked.
    println!(
        "\ndownstream binary: authing rebuilt from scratch + examples/downstream, dependencies built"
    );
    let args = ["-p", "authing", "--example", "downstream"];
    match cost::warm_then_measure("build", root, target, &args, &lib) {
        Ok(m) => println!("  {:<22} {}", "cargo build", m.show()),
        Err(e) => println!("  {:<22} does not build: {e}", "cargo build"),
    }

    println!("\ncargo doc -p authing --no-deps");
    let docs = target.join("doc/authing");
    let _ = std::fs::remove_dir_all(&docs);
    match cost::cargo("doc", root, target, &["-p", "authing", "--no-deps"]) {
        Ok(m) => {
            let (bytes, pages) = cost::tree_size(&docs);
            println!(
                "  {:<22} {}\n  {:<22} {bytes} bytes ({:.1} MiB), {pages} HTML pages",
                "cargo doc",
                m.show(),
                "target/doc/authing",
                bytes as f64 / 1048576.0
            );
        }
        Err(e) => println!("  {:<22} fails: {e}", "cargo doc"),
    }
}

/// Ours against progenitor 0.15.1 on `oxide.json` and `nexus.json`: `cargo check` of each
/// stand-alone crate, lib.rs touched, incremental off, dependencies built.
fn side_by_side(target: &Path) {
    println!(
        "\nside by side with progenitor 0.15.1 (`cargo progenitor`, positional interface): cargo check"
    );
    for spec in ["oxide", "nexus"] {
        let path = workspace::shared().join(format!("specs/{spec}.json"));
        if !path.exists() {
            println!("  {spec:<6} skipped, {} not found", path.display());
            continue;
        }
        let ours = check_standalone(&path, &target.join("crates").join(spec), target);
        let peer = cost::peer_crate(
            &path,
            &target.join("peer").join(spec),
            &format!("{spec}-peer"),
        )
        .and_then(|dir| {
            cost::warm_then_measure("check", &dir, target, &[], &dir.join("src/lib.rs"))
        });
        for (who, result) in [("ours", &ours), ("peer", &peer)] {
            match result {
                Ok(m) => println!("  {spec:<6} {who:<9} {}", m.show()),
                Err(e) => println!("  {spec:<6} {who:<9} fails: {e}"),
            }
        }
        if let (Ok(o), Ok(p)) = (&ours, &peer) {
            println!(
                "  {spec:<6} {:<9} cpu {:>9}  max RSS {:>9}  wall {:>7}",
                "ours/peer",
                cost::ratio(o.cpu, p.cpu),
                cost::ratio(
                    o.max_rss_kib.map(|k| k as f64),
                    p.max_rss_kib.map(|k| k as f64)
                ),
                cost::ratio(Some(o.wall), Some(p.wall))
            );
        }
    }
}

/// Writes the standalone crate of `spec` into `dir` and measures its `cargo check` with
/// dependencies built.
fn check_standalone(spec: &Path, dir: &Path, target: &Path) -> Result<cost::Measure, String> {
    // Third-party specs often carry error diagnostics: the bench measures what compiles anyway.
    let options = xtask::codegen::Options {
        allow_errors: true,
        verbose: false,
    };
    let plan = xtask::codegen::standalone(spec, dir, None, options)?;
    plan.files.write()?;
    cost::warm_then_measure("check", dir, target, &[], &dir.join("src/lib.rs"))
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
            Ok(m) => {
                compiled += 1;
                println!("  ok    {name:<30} {}", m.show());
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
