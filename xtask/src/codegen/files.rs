//! Output files computed in memory, then written (only the changed ones, all or nothing) or
//! checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files a run produces (path -> contents) and the stale generated files it removes.
#[derive(Debug, Default)]
pub struct FileSet {
    /// Absolute path -> new contents.
    pub files: BTreeMap<PathBuf, String>,
    /// Generated files that no spec produces any more.
    pub stale: Vec<PathBuf>,
}

pub use crate::staged::Written;

impl FileSet {
    /// Writes the files whose contents changed and removes the stale ones, all or nothing
    /// ([`crate::staged`]); the error names the path.
    pub fn write(&self) -> Result<Written, String> {
        crate::staged::commit(&self.files, &self.stale)
    }

    /// A unified diff of every file that differs from what is on disk (empty when up to date);
    /// paths are shown relative to `root`.
    pub fn diff(&self, root: &Path) -> String {
        let mut out = String::new();
        let show = |path: &Path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        };
        for (path, new) in &self.files {
            let old = std::fs::read_to_string(path).unwrap_or_default();
            if old != *new {
                let name = show(path);
                let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
                out.push_str(
                    &diff
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{name}"), &format!("b/{name}"))
                        .to_string(),
                );
            }
        }
        for path in &self.stale {
            out.push_str(&format!(
                "stale generated file: {} (no spec produces it)\n",
                show(path)
            ));
        }
        out
    }
}
