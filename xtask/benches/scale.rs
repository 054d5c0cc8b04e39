//! Scale of codegen, printed (no assertion: figures, not timed tests): synthetic specs of 1k,
//! 4k and 16k operations and one schema of 20k properties, each generated in a child process
//! of its own (this binary, re-run with `SCALE_CHILD=<case>`) so that its peak memory
//! (`VmHWM` of `/proc/self/status`) is its own. Printed: the spec's size, the time of
//! `generate` (load to formatted source), the peak RSS, and the growth from the previous size
//! of the same kind (time and memory ratios over the size ratio: 1.0 is linear).
//!
//! `cargo xtask bench scale` (`cargo bench -p xtask --bench scale`).

use std::process::Command;
use std::time::Instant;

use authing_codegen::{Flavour, generate};
use xtask::synthetic::{Kind, spec};

/// The cases: name, kind, size (operations, or properties of the wide schema).
const CASES: &[(&str, Kind, usize)] = &[
    ("ops-1k", Kind::Operations, 1_000),
    ("ops-4k", Kind::Operations, 4_000),
    ("ops-16k", Kind::Operations, 16_000),
    ("wide-5k", Kind::Wide, 5_000),
    ("wide-20k", Kind::Wide, 20_000),
];

/// `VmHWM` (peak resident set) of this process, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The child: generates one case, prints `bytes seconds peak_kib`.
fn child(case: &str) {
    let &(_, kind, n) = CASES
        .iter()
        .find(|(name, ..)| *name == case)
        .expect("a known case");
    let text = spec(kind, n);
    let start = Instant::now();
    let generated = generate(&text, Flavour::Generic).expect("the synthetic spec generates");
    let seconds = start.elapsed().as_secs_f64();
    assert!(!generated.source.is_empty());
    println!("{} {seconds} {}", text.len(), peak_kib());
}

fn main() {
    if let Ok(case) = std::env::var("SCALE_CHILD") {
        child(&case);
        return;
    }
    let exe = std::env::current_exe().expect("this benchmark's path");
    println!("codegen at scale: one child process per case (release build)");
    println!(
        "{:<10} {:>7} {:>8} {:>9} {:>10} {:>11} {:>11}",
        "case", "size", "spec MB", "time s", "peak MiB", "time/size×", "mem/size×"
    );
    let mut previous: Option<(Kind, usize, f64, f64)> = None;
    for &(name, kind, n) in CASES {
        let output = Command::new(&exe).env("SCALE_CHILD", name).output();
        let line = match output {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
            Ok(o) => {
                println!(
                    "{name:<10} failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                continue;
            }
            Err(e) => {
                println!("{name:<10} cannot run: {e}");
                continue;
            }
        };
        let fields: Vec<f64> = line.split(' ').filter_map(|f| f.parse().ok()).collect();
        let [bytes, seconds, kib] = fields[..] else {
            println!("{name:<10} unreadable output {line:?}");
            continue;
        };
        let mib = kib / 1024.0;
        // Growth per size ratio against the previous case of the same kind: 1.0 is linear.
        let growth = match previous {
            Some((k, pn, ps, pm)) if k == kind => {
                let size = n as f64 / pn as f64;
                (
                    format!("{:.2}", seconds / ps / size),
                    format!("{:.2}", mib / pm / size),
                )
            }
            _ => ("-".into(), "-".into()),
        };
        println!(
            "{name:<10} {n:>7} {:>8.1} {seconds:>9.2} {mib:>10.0} {:>11} {:>11}",
            bytes / 1e6,
            growth.0,
            growth.1
        );
        previous = Some((kind, n, seconds, mib));
    }
}
