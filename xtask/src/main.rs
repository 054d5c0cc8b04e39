//! `cargo xtask`: the project's automation entry point.
//!
//! Argument parsing of the subcommand name only; every subcommand parses its own flags and lives
//! in the library (`xtask::spec`, `xtask::codegen`, ...) so tests and benchmarks call it directly.

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  spec      reconstruct spec/*.openapi.json from the reference docs (--check, --docs DIR)
  codegen   generate the Rust client from spec/*.openapi.json (--check, --spec PATH --out DIR)
  diff      what changed between two specs and what it breaks ([OLD] [NEW], --format json, --deny)
  changelog write that report into generated/CHANGELOG.md with the semver bump it implies
  test      run the test suites (--slow: the slow ones too, what CI runs)
  bench     print the speed figures of the pipeline stages

`cargo xtask <command> --help` describes each command.
";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let rest: Vec<_> = args.collect();
    match command.to_str() {
        Some("spec") => xtask::spec::main(rest),
        Some("codegen") => xtask::codegen::main(rest),
        Some("diff") => xtask::diff::main(rest),
        Some("changelog") => xtask::changelog::main(rest),
        Some("test") => xtask::test::main(rest),
        Some("bench") => xtask::bench::main(rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("unknown command {command:?}\n");
            eprint!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}
