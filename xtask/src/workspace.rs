//! Where things are: the workspace root and the `../shared` inputs beside it.

use std::path::{Path, PathBuf};

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// `../shared` next to the workspace: the reference docs, the seeds and third-party specs.
pub fn shared() -> PathBuf {
    root()
        .parent()
        .map(|p| p.join("shared"))
        .unwrap_or_else(|| PathBuf::from("../shared"))
}

/// Whether we run under CI (`CI=true`), where a missing `../shared` is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The given directories below `../shared` (`"docs/authing-v3-zh"`, `"seeds"`, `"specs"`), for
/// tests and benchmarks that read them. When one is missing: under CI a failure (panic), elsewhere
/// a printed skip naming `what` and `None`.
pub fn shared_dirs_or_skip(subdirs: &[&str], what: &str) -> Option<Vec<PathBuf>> {
    let shared = shared();
    let dirs: Vec<PathBuf> = subdirs.iter().map(|s| shared.join(s)).collect();
    if let Some(missing) = dirs.iter().find(|d| !d.is_dir()) {
        assert!(!in_ci(), "CI=true but {} is missing", missing.display());
        println!("{what}: skipped, {} not found", missing.display());
        return None;
    }
    Some(dirs)
}
