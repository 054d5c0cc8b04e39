//! Benchmark: the time to reconstruct the whole corpus (`../shared/docs` + `../shared/seeds`) into
//! the two OpenAPI documents and the report — load, parse, reconcile, emit, validate — in memory.
//! Prints figures; asserts nothing about time. Run with `cargo bench -p xtask --bench spec` (release)
//! or `cargo xtask bench`. Target: under 1 s on a 2-core machine.

use std::time::{Duration, Instant};

use authing_reconstruct as reconstruct;
use xtask::workspace;

fn main() {
    let Some(roots) =
        workspace::shared_dirs_or_skip(&["docs/authing-v3-zh", "seeds"], "spec bench")
    else {
        return;
    };
    let overrides =
        std::fs::read_to_string(workspace::root().join("spec").join(reconstruct::OVERRIDES)).ok();
    let overrides = overrides.as_deref().map(|t| (t, "spec/overrides.toml"));

    // Loading is IO; measure it apart from the reconstruction proper.
    let mut load = Vec::new();
    let mut build = Vec::new();
    let mut total = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let t0 = Instant::now();
        let corpus = reconstruct::read::docs(&roots).expect("corpus loads");
        let t1 = Instant::now();
        let outcome = reconstruct::reconstruct(&corpus, overrides, t1);
        let t2 = Instant::now();
        assert_eq!(outcome.errors, 0);
        bytes = corpus.docs.iter().map(|d| d.text.len()).sum::<usize>();
        load.push(t1 - t0);
        build.push(t2 - t1);
        total.push(t2 - t0);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    println!(
        "spec bench: whole corpus ({} MB), median of {} runs",
        bytes / 1_000_000,
        total.len()
    );
    println!(
        "  load (read files)        {:>8.1} ms",
        median(&mut load).as_secs_f64() * 1e3
    );
    println!(
        "  reconstruct (in memory)  {:>8.1} ms",
        median(&mut build).as_secs_f64() * 1e3
    );
    println!(
        "  total                    {:>8.1} ms   (target < 1000 ms)",
        median(&mut total).as_secs_f64() * 1e3
    );
}
