//! The input documents: every file under the `--docs` and `--sdk` roots, read once (by [`crate::read`]),
//! kept in an arena.
//!
//! A document is addressed by [`DocId`]; a place in it by [`Loc`] (document + 1-based line), which
//! prints as `<root>/<relative path>:<line>` — the form used in diagnostics and in `x-source`.

use std::fmt;

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
    /// A source file of an SDK package (read by [`crate::sdks`], never as a page).
    pub sdk: bool,
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
    /// Adds a document held in memory (tests, fixtures).
    pub fn push(&mut self, root: String, rel_path: String, text: String) -> DocId {
        self.add(root, rel_path, text, false)
    }

    /// Adds a source file of an SDK package (see [`crate::sdks`]).
    pub fn push_sdk(&mut self, root: String, rel_path: String, text: String) -> DocId {
        self.add(root, rel_path, text, true)
    }

    fn add(&mut self, root: String, rel_path: String, text: String, sdk: bool) -> DocId {
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
            sdk,
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
