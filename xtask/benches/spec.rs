//! Benchmark: the time to reconstruct the whole corpus into the two OpenAPI documents and the
//! report — load, parse, reconcile, emit, validate — in memory, for the whole evidence (the pages
//! of `../shared/docs` and `../shared/seeds` and both SDK packages, what `cargo xtask spec` reads)
//! and for the pages alone (`--docs-only`). Prints figures; asserts nothing about time. Run with
//! `cargo bench -p xtask --bench spec` (release) or `cargo xtask bench spec`. Target for the whole
//! reconstruction: under 1.5 s on a 2-core machine.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use authing_reconstruct as reconstruct;
use xtask::{spec, workspace};

const RUNS: usize = 7;

fn main() {
    let shared = workspace::shared();
    let docs = spec::default_docs(&shared);
    let sdks = spec::default_sdks(&shared);
    let subdirs: Vec<String> = docs
        .iter()
        .chain(&sdks)
        .filter_map(|d| d.strip_prefix(&shared).ok())
        .map(|d| d.display().to_string())
        .collect();
    let subdirs: Vec<&str> = subdirs.iter().map(String::as_str).collect();
    if workspace::shared_dirs_or_skip(&subdirs, "spec bench").is_none() {
        return;
    }
    let overrides =
        std::fs::read_to_string(workspace::root().join("spec").join(reconstruct::OVERRIDES)).ok();
    let overrides = overrides.as_deref().map(|t| (t, "spec/overrides.toml"));

    let whole = measure(&docs, &sdks, overrides);
    let pages = measure(&docs, &[], overrides);
    println!("spec bench: median of {RUNS} runs");
    for (what, m, target) in [
        ("pages and both packages", &whole, Some(1500.0)),
        ("pages alone (--docs-only)", &pages, None),
    ] {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!("  {what} ({} MB)", m.bytes / 1_000_000);
        println!("    load (read files)        {:>8.1} ms", ms(m.load));
        println!("    reconstruct (in memory)  {:>8.1} ms", ms(m.build));
        match target {
            Some(t) => println!(
                "    total                    {:>8.1} ms   (target < {t:.0} ms: {:.2}x of it)",
                ms(m.total),
                ms(m.total) / t
            ),
            None => println!("    total                    {:>8.1} ms", ms(m.total)),
        }
    }
    println!(
        "  pages and packages take {:.2}x the time of the pages alone",
        whole.total.as_secs_f64() / pages.total.as_secs_f64()
    );
}

/// Medians of [`RUNS`] loads and reconstructions of `docs` (and `sdks`).
struct Medians {
    load: Duration,
    build: Duration,
    total: Duration,
    bytes: usize,
}

fn measure(docs: &[PathBuf], sdks: &[PathBuf], overrides: Option<(&str, &str)>) -> Medians {
    // Loading is IO; measure it apart from the reconstruction proper.
    let (mut load, mut build, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let mut corpus = reconstruct::read::docs(docs).expect("the pages load");
        reconstruct::read::sdks(&mut corpus, sdks).expect("the packages load");
        let t1 = Instant::now();
        let outcome = reconstruct::reconstruct(&corpus, overrides, t1);
        let t2 = Instant::now();
        assert_eq!(outcome.errors, 0);
        bytes = corpus.docs.iter().map(|d| d.text.len()).sum::<usize>();
        load.push(t1 - t0);
        build.push(t2 - t1);
        total.push(t2 - t0);
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    Medians {
        load: median(load),
        build: median(build),
        total: median(total),
        bytes,
    }
}
