//! Output files computed in memory, then written (only the changed ones) or checked.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The files a run produces (path -> contents) and the stale generated files it removes.
#[derive(Debug, Default)]
pub struct FileSet {
    /// Absolute path -> new contents.
    pub files: BTreeMap<PathBuf, String>,
    /// Generated files that no spec produces any more.
    pub stale: Vec<PathBuf>,
}

/// What [`FileSet::write`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub changed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: Vec<PathBuf>,
}

impl FileSet {
    /// Writes the files whose contents changed and removes the stale ones.
    pub fn write(&self) -> io::Result<Written> {
        let mut written = Written::default();
        for (path, contents) in &self.files {
            if std::fs::read_to_string(path).is_ok_and(|old| old == *contents) {
                written.unchanged += 1;
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, contents)?;
            written.changed.push(path.clone());
        }
        for path in &self.stale {
            std::fs::remove_file(path)?;
            written.removed.push(path.clone());
        }
        Ok(written)
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
