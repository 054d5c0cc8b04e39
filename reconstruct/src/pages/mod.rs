//! The reference pages as a witness: every document of the corpus classified ([`path`]), each
//! reference page read into a [`Page`] ([`parse`], with [`markdown`], [`table`],
//! [`column`](mod@column), [`cell`], `rows`, `intro`, [`sample`]), guides that document pre-V3
//! endpoints read by [`legacy`], and the pages grouped into operation families by [`catalog`].

pub mod catalog;
pub mod cell;
pub mod column;
mod intro;
pub mod js;
pub mod legacy;
pub mod markdown;
pub mod page;
pub mod parse;
pub mod path;
mod rows;
pub mod sample;
pub mod table;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use page::{Field, Generation, Lang, Page};
pub use path::NotAPage;

use crate::corpus::{Corpus, DocId};
use crate::diagnostic::Diagnostics;

/// What the pages say, before any judgement across pages.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Reference pages, in corpus order.
    pub pages: Vec<Page>,
    /// Guides documenting a legacy endpoint.
    pub guides: Vec<legacy::Guide>,
    /// Documents that are not reference pages, with why.
    pub skipped: Vec<(DocId, &'static str)>,
}

/// Reads every document of the corpus.
pub fn read(corpus: &Corpus, diags: &mut Diagnostics) -> Evidence {
    let mut fragments = BTreeMap::new();
    let mut paths = Vec::new();
    let mut evidence = Evidence::default();
    for id in corpus.ids().filter(|&id| !corpus.doc(id).sdk) {
        match path::classify_path(corpus, id) {
            Ok(p) => paths.push((id, p)),
            Err(NotAPage::Fragment) => {
                let name = corpus
                    .doc(id)
                    .rel_path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                fragments.insert(name, id);
            }
            Err(NotAPage::Skipped(why)) => evidence.skipped.push((id, why)),
        }
    }
    evidence.pages.reserve(paths.len());
    for (id, path) in paths {
        if let Some(found) = legacy::find(corpus, id, diags) {
            evidence.guides.push(found);
            continue;
        }
        evidence
            .pages
            .push(parse::parse(corpus, id, path, &fragments, diags));
    }
    rows::share_envelope_optionality(&mut evidence.pages);
    evidence
}
