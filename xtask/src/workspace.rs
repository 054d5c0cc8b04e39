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
