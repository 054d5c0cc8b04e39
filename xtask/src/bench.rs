//! `cargo xtask bench [spec|codegen|scale|client]...`: runs the benchmarks (release builds) and lets them print
//! their figures. The figures live in the benchmarks themselves (`xtask/benches/`,
//! `generated/benches/`); nothing here
//! asserts a time.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

/// Name, package, what it measures.
const BENCHES: &[(&str, &str, &str)] = &[
    (
        "spec",
        "xtask",
        "pages + packages -> spec: the whole reconstruction, and the pages alone",
    ),
    (
        "codegen",
        "xtask",
        "spec -> Rust: per stage; cargo check/build/doc of the output, side by side with progenitor",
    ),
    (
        "scale",
        "xtask",
        "codegen on synthetic specs: 1k, 4k, 16k operations, a 20k-property schema; time, peak RSS",
    ),
    (
        "client",
        "authing",
        "a request through the SDK vs hand-written reqwest + serde_json, on loopback",
    ),
];

/// Entry point of `cargo xtask bench`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let mut selected: Vec<&(&str, &str, &str)> = Vec::new();
    for a in &args {
        match a.to_str() {
            Some("-h" | "--help") => {
                println!(
                    "usage: cargo xtask bench [{}]...",
                    BENCHES
                        .iter()
                        .map(|(n, ..)| *n)
                        .collect::<Vec<_>>()
                        .join("|")
                );
                for (name, _, what) in BENCHES {
                    println!("  {name:<8} {what}");
                }
                return ExitCode::SUCCESS;
            }
            Some(name) if BENCHES.iter().any(|(n, ..)| *n == name) => {
                selected.push(BENCHES.iter().find(|(n, ..)| *n == name).unwrap())
            }
            _ => {
                eprintln!("error: unknown benchmark {a:?} (try --help)");
                return ExitCode::FAILURE;
            }
        }
    }
    if selected.is_empty() {
        selected = BENCHES.iter().collect();
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for (name, package, _) in selected {
        println!("== cargo bench -p {package} --bench {name}");
        let status = Command::new(&cargo)
            .args(["bench", "--package", package, "--bench", name])
            .current_dir(crate::workspace::root())
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                eprintln!("error: benchmark `{name}` failed ({s})");
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
