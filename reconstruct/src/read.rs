//! The edge where the reconstruction touches the file system: the one module that reads. The
//! rest of the crate works on what these functions return (evidence in memory), so tests build
//! the same inputs in memory.

use std::path::{Path, PathBuf};

use crate::corpus::Corpus;

/// Reads every `.md` / `.txt` file below each root, in sorted path order.
///
/// Fails (with the offending path) when a root is missing or a file cannot be read as UTF-8.
pub fn docs(roots: &[PathBuf]) -> Result<Corpus, String> {
    let mut corpus = Corpus::default();
    add(&mut corpus, roots, &["md", "txt"], "--docs")?;
    Ok(corpus)
}

/// Adds the source files (`.ts`, `.py`) below each SDK package root to the corpus, in sorted
/// path order, as SDK documents (read by [`crate::sdks`]). `node_modules` is not descended into.
///
/// Fails like [`docs`].
pub fn sdks(corpus: &mut Corpus, roots: &[PathBuf]) -> Result<(), String> {
    add(corpus, roots, &["ts", "py"], "--sdk")
}

fn add(corpus: &mut Corpus, roots: &[PathBuf], exts: &[&str], flag: &str) -> Result<(), String> {
    let mut seen_names: Vec<String> = corpus.docs.iter().map(|d| d.root.clone()).collect();
    seen_names.dedup();
    let sdk = flag == "--sdk";
    for root in roots {
        if !root.is_dir() {
            return Err(format!(
                "{}: not a directory (pass {flag} DIR)",
                root.display()
            ));
        }
        let name = root_name(root, &seen_names);
        seen_names.push(name.clone());
        let mut files = Vec::new();
        walk(root, exts, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
        files.sort();
        for path in files {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let rel = path
                .strip_prefix(root)
                .expect("walk yields paths below the root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if sdk {
                corpus.push_sdk(name.clone(), rel, text);
            } else {
                corpus.push(name.clone(), rel, text);
            }
        }
    }
    Ok(())
}

/// The root's display name: its directory name, made unique among the roots of the run.
fn root_name(root: &Path, taken: &[String]) -> String {
    let base = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string());
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if entry.file_name() != "node_modules" {
                walk(&path, exts, out)?;
            }
        } else if kind.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}
