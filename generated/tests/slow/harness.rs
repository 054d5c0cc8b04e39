//! The node harnesses: where they are, `../shared`, and what to do when one is missing
//! (under CI a failure, elsewhere a printed skip).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether we run under CI (`CI=true`), where a missing part is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Skips the test (returns `None`) or, under CI, fails it, saying what is missing.
#[track_caller]
fn missing<T>(what: &str, why: String) -> Option<T> {
    assert!(!in_ci(), "CI=true but {why}");
    println!("{what}: skipped, {why}");
    None
}

/// `../shared/<subdir>` beside the workspace.
pub fn shared(subdir: &str, what: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is one level below the workspace root");
    let dir = root.parent().unwrap_or(root).join("shared").join(subdir);
    if dir.is_dir() {
        Some(dir)
    } else {
        missing(what, format!("{} is missing", dir.display()))
    }
}

/// The harness folder `tests/<name>`, once `npm ci` has installed it, and `node` runs.
pub fn node_harness(name: &str, what: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name);
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|output| output.status.success()) {
        return missing(what, "`node` does not run".to_owned());
    }
    if !dir.join("node_modules").is_dir() {
        let why = format!(
            "{} is not installed (npm ci --prefix {})",
            dir.display(),
            dir.display()
        );
        return missing(what, why);
    }
    Some(dir)
}
