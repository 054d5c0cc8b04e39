//! The one writer of every command that writes files (`cargo xtask spec`, `cargo xtask
//! codegen`): all or nothing.
//!
//! 1. every changed file is staged next to its target (`.<name>.staged-<pid>`);
//! 2. the targets it replaces or removes are moved aside (`.<name>.old-<pid>`);
//! 3. the staged files are renamed into place;
//! 4. the moved-aside files are deleted.
//!
//! A failure in 1–3 undoes what was done, so the old output stays as it was; every error names
//! the path it is about. Files whose contents are already right are not touched.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What [`commit`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub changed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files removed.
    pub removed: Vec<PathBuf>,
}

/// Writes `files` (path -> contents; only those that differ from the disk) and removes
/// `remove`, all or nothing.
pub fn commit(files: &BTreeMap<PathBuf, String>, remove: &[PathBuf]) -> Result<Written, String> {
    let mut written = Written::default();
    let mut changed = Vec::new();
    for (path, contents) in files {
        match std::fs::read(path) {
            Ok(old) if old == contents.as_bytes() => written.unchanged += 1,
            Ok(_) => changed.push((path, contents)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => changed.push((path, contents)),
            Err(e) => return Err(format!("{}: {e}; nothing was changed", path.display())),
        }
    }
    let mut undo = Undo::default();
    let result: Result<(), String> = (|| {
        let mut staged = Vec::new();
        for (path, contents) in &changed {
            let dir = path.parent().unwrap_or(Path::new("."));
            if !dir.is_dir() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let tmp = sibling(path, "staged");
            undo.staged.push(tmp.clone());
            std::fs::write(&tmp, contents)
                .map_err(|e| format!("{}: {e} (staging {})", tmp.display(), path.display()))?;
            staged.push((tmp, *path));
        }
        for path in changed.iter().map(|(p, _)| *p).chain(remove) {
            if path.exists() {
                let aside = sibling(path, "old");
                std::fs::rename(path, &aside).map_err(|e| format!("{}: {e}", path.display()))?;
                undo.moved.push((aside, path.clone()));
            }
        }
        for (tmp, path) in staged {
            std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
            undo.placed.push(path.clone());
        }
        Ok(())
    })();
    if let Err(error) = result {
        return Err(match undo.rollback() {
            Ok(()) => format!("{error}; nothing was changed"),
            Err(also) => format!("{error}; undoing it failed too: {also}"),
        });
    }
    for (aside, _) in &undo.moved {
        // The new output is in place; a leftover copy of the old one is only clutter.
        let _ = std::fs::remove_file(aside);
    }
    written.changed = changed.iter().map(|(p, _)| (*p).clone()).collect();
    written.removed = remove.iter().filter(|p| !p.exists()).cloned().collect();
    Ok(written)
}

/// What a failed commit has to undo.
#[derive(Default)]
struct Undo {
    staged: Vec<PathBuf>,
    /// (moved-aside copy, original path).
    moved: Vec<(PathBuf, PathBuf)>,
    placed: Vec<PathBuf>,
}

impl Undo {
    fn rollback(&self) -> Result<(), String> {
        let mut failures = Vec::new();
        for path in &self.placed {
            if let Err(e) = std::fs::remove_file(path) {
                failures.push(format!("{}: {e}", path.display()));
            }
        }
        for (aside, path) in self.moved.iter().rev() {
            if let Err(e) = std::fs::rename(aside, path) {
                failures.push(format!(
                    "{}: {e} (old copy kept at {})",
                    path.display(),
                    aside.display()
                ));
            }
        }
        for tmp in &self.staged {
            let _ = std::fs::remove_file(tmp);
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }
}

/// `<dir>/.<name>.<what>-<pid>`.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::commit;

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-staged-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn listing(dir: &PathBuf) -> Vec<(String, String)> {
        let mut entries: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(&path).unwrap_or_else(|_| "<dir>".into()),
                )
            })
            .collect();
        entries.sort();
        entries
    }

    #[test]
    fn writes_what_changed_and_removes() {
        let d = dir("ok");
        std::fs::write(d.join("same"), "1").unwrap();
        std::fs::write(d.join("old"), "x").unwrap();
        std::fs::write(d.join("gone"), "x").unwrap();
        let files = BTreeMap::from([
            (d.join("same"), "1".to_owned()),
            (d.join("old"), "2".to_owned()),
            (d.join("sub/new"), "3".to_owned()),
        ]);
        let written = commit(&files, &[d.join("gone")]).unwrap();
        assert_eq!(written.unchanged, 1);
        assert_eq!(written.changed, [d.join("old"), d.join("sub/new")]);
        assert_eq!(written.removed, [d.join("gone")]);
        assert_eq!(
            listing(&d),
            [
                ("old".into(), "2".into()),
                ("same".into(), "1".into()),
                ("sub".into(), "<dir>".into())
            ]
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_failure_leaves_the_old_output_and_names_the_path() {
        let d = dir("fail");
        std::fs::write(d.join("a"), "old a").unwrap();
        std::fs::write(d.join("gone"), "kept").unwrap();
        // `sub` is a file: `sub/new` cannot be staged, after `a` was.
        std::fs::write(d.join("sub"), "a file").unwrap();
        let before = listing(&d);
        let files = BTreeMap::from([
            (d.join("a"), "new a".to_owned()),
            (d.join("sub/new"), "new".to_owned()),
        ]);
        let error = commit(&files, &[d.join("gone")]).unwrap_err();
        assert!(
            error.starts_with(&d.join("sub").display().to_string()),
            "{error}"
        );
        assert!(error.ends_with("nothing was changed"), "{error}");
        assert_eq!(
            listing(&d),
            before,
            "old output intact, nothing staged left over"
        );
        // A directory where a file goes is refused before anything is touched.
        std::fs::create_dir_all(d.join("dir")).unwrap();
        let files = BTreeMap::from([(d.join("dir"), "x".to_owned())]);
        let error = commit(&files, &[]).unwrap_err();
        assert!(
            error.starts_with(&d.join("dir").display().to_string()),
            "{error}"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }
}
