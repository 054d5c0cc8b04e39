//! `cargo xtask test [--slow]`: the test suites, fast or all of them.
//!
//! `cargo test --workspace` (the README's command) runs the fast suites. The slow, rarely broken
//! ones (trybuild, third-party specs, npm servers, node cross-checks, fuzzing) are `[[test]]`
//! targets with `required-features = ["slow-tests"]` in their crate; `--slow` installs the node
//! harnesses they need (`npm ci` in every test folder with a `package-lock.json`) and runs
//! `cargo test --workspace --features slow-tests`, which is every suite. Each step prints its
//! command and its duration.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::workspace;

const USAGE: &str = "\
usage: cargo xtask test [--slow] [-- ARGS...]

Runs the test suites. Without --slow: `cargo test --workspace`, the fast suites (the README's
test command). With --slow: `npm ci` in every node harness (a tests/ folder holding a
package-lock.json), then `cargo test --workspace --features slow-tests`, every suite: the fast
ones plus trybuild, the third-party specs, the npm servers, the node cross-checks and fuzzing.
ARGS after `--` go to `cargo test` (e.g. `-- -p authing` or `-- --no-fail-fast`).

  --slow       every suite, the slow ones included (what .ci/run runs)
  -h, --help   print this help";

/// The feature that turns the slow `[[test]]` targets on, in every crate that has them.
pub const SLOW_FEATURE: &str = "slow-tests";

/// Entry point of `cargo xtask test`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let mut slow = false;
    let mut passthrough: Vec<OsString> = Vec::new();
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        use lexopt::prelude::*;
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Long("slow"))) => slow = true,
            Ok(Some(Long("help") | Short('h'))) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            // Everything after `--` comes as values: cargo's arguments.
            Ok(Some(Value(v))) => passthrough.push(v),
            Ok(Some(other)) => {
                eprintln!("error: {}\n\n{USAGE}", other.unexpected());
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("error: {e}\n\n{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let root = workspace::root();
    let started = Instant::now();
    if slow {
        for harness in node_harnesses(&root) {
            let shown = harness.strip_prefix(&root).unwrap_or(&harness).display();
            let mut npm = Command::new("npm");
            npm.args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(&harness);
            if let Err(code) = run(&format!("npm ci --prefix {shown}"), npm, &root) {
                return code;
            }
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut test = Command::new(cargo);
    test.args(["test", "--workspace"]);
    if slow {
        test.args(["--features", SLOW_FEATURE]);
    }
    test.args(&passthrough);
    let shown = format!(
        "cargo test --workspace{}{}",
        if slow { " --features slow-tests" } else { "" },
        passthrough
            .iter()
            .map(|a| format!(" {}", a.to_string_lossy()))
            .collect::<String>()
    );
    if let Err(code) = run(&shown, test, &root) {
        return code;
    }
    eprintln!(
        "test: all passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Runs one step, printing its command first and its duration after.
fn run(shown: &str, mut command: Command, root: &Path) -> Result<(), ExitCode> {
    eprintln!("==> {shown}");
    let started = Instant::now();
    let status = command.current_dir(root).status();
    let secs = started.elapsed().as_secs_f64();
    match status {
        Ok(s) if s.success() => {
            eprintln!("==> {shown}: ok in {secs:.0} s");
            Ok(())
        }
        Ok(s) => {
            eprintln!("error: `{shown}` failed ({s}) after {secs:.0} s");
            Err(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("error: cannot run `{shown}`: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// The node harnesses: folders below a crate's `tests/` holding a `package-lock.json`
/// (`node_modules` skipped), sorted.
pub fn node_harnesses(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(crates) = std::fs::read_dir(root) else {
        return found;
    };
    for entry in crates.flatten() {
        let tests = entry.path().join("tests");
        if tests.is_dir() {
            walk(&tests, 0, &mut found);
        }
    }
    found.sort();
    found
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if dir.join("package-lock.json").is_file() {
        found.push(dir.to_path_buf());
        return;
    }
    if depth >= 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().is_some_and(|n| n != "node_modules") {
            walk(&path, depth + 1, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::node_harnesses;

    #[test]
    fn node_harnesses_are_test_folders_with_a_lockfile() {
        let root = std::env::temp_dir().join(format!("xtask-test-harness-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in [
            "a/tests/wire",
            "a/tests/wire/node_modules/dep",
            "b/tests/deep/er/provider",
            "c/src/x",
            "d/tests/plain",
        ] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for lock in [
            "a/tests/wire",
            "a/tests/wire/node_modules/dep",
            "b/tests/deep/er/provider",
            "c/src/x",
        ] {
            std::fs::write(root.join(lock).join("package-lock.json"), "{}").unwrap();
        }
        let found: Vec<String> = node_harnesses(&root)
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(found, ["a/tests/wire", "b/tests/deep/er/provider"]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
