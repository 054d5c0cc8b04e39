//! The input documents: every file under the `--docs` roots, read once, kept in an arena.
//!
//! A document is addressed by [`DocId`]; a place in it by [`Loc`] (document + 1-based line), which
//! prints as `<root>/<relative path>:<line>` — the form used in diagnostics and in `x-source`.

use std::fmt;
use std::path::{Path, PathBuf};

/// Index of a document in [`Corpus::docs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

/// A line in a document (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The document.
    pub doc: DocId,
    /// 1-based line number.
    pub line: u32,
}

/// One input file.
#[derive(Debug)]
pub struct Document {
    /// Display name of the root it was found under (the root directory's name, e.g. `seeds`).
    pub root: String,
    /// Path relative to the root, with `/` separators.
    pub rel_path: String,
    /// The text, with `\r\n` normalised to `\n`.
    pub text: String,
}

impl Document {
    /// The path's components below the root.
    pub fn components(&self) -> Vec<&str> {
        self.rel_path.split('/').collect()
    }
}

/// All documents of a run.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The arena; [`DocId`] indexes it.
    pub docs: Vec<Document>,
}

impl Corpus {
    /// Reads every `.md` / `.txt` file below each root, in sorted path order.
    ///
    /// Fails (with the offending path) when a root is missing or a file cannot be read as UTF-8.
    pub fn load(roots: &[PathBuf]) -> Result<Corpus, String> {
        let mut corpus = Corpus::default();
        let mut seen_names = Vec::new();
        for root in roots {
            if !root.is_dir() {
                return Err(format!(
                    "{}: not a directory (pass --docs DIR)",
                    root.display()
                ));
            }
            let name = root_name(root, &seen_names);
            seen_names.push(name.clone());
            let mut files = Vec::new();
            walk(root, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
            files.sort();
            for path in files {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let rel = path
                    .strip_prefix(root)
                    .expect("walk yields paths below the root")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                corpus.push(name.clone(), rel, text);
            }
        }
        Ok(corpus)
    }

    /// Adds a document held in memory (tests, fixtures).
    pub fn push(&mut self, root: String, rel_path: String, text: String) -> DocId {
        let id = DocId(self.docs.len() as u32);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        self.docs.push(Document {
            root,
            rel_path,
            text,
        });
        id
    }

    /// The document behind an id.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0 as usize]
    }

    /// Ids of all documents, in load order.
    pub fn ids(&self) -> impl Iterator<Item = DocId> + '_ {
        (0..self.docs.len() as u32).map(DocId)
    }

    /// A displayable `<root>/<path>:<line>`.
    pub fn at(&self, loc: Loc) -> At<'_> {
        At { corpus: self, loc }
    }
}

/// Display adapter for a [`Loc`].
pub struct At<'a> {
    corpus: &'a Corpus,
    loc: Loc,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let doc = self.corpus.doc(self.loc.doc);
        write!(f, "{}/{}:{}", doc.root, doc.rel_path, self.loc.line)
    }
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            )
        {
            out.push(path);
        }
    }
    Ok(())
}
