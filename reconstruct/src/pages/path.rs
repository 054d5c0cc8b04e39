//! Which documents are reference pages: decided from the path (language folder, client folder,
//! tag folders, file stem), and for loose files (the seeds) left to their content.

use super::page::Lang;
use crate::corpus::{Corpus, DocId};
use crate::model::Client;

/// Classifies a document by its path: is it a reference page we should read, and of what.
pub struct PagePath {
    /// SDK language.
    pub lang: Lang,
    /// Client folder.
    pub folder: Option<Client>,
    /// Tag folder.
    pub tag: Option<String>,
    /// File stem.
    pub slug: String,
}

/// Why a document is not read as a reference page.
pub enum NotAPage {
    /// A `common/` fragment, pulled in by `!!!include(...)!!!`.
    Fragment,
    /// Something else (overview, install guide, licence, other SDK families), with the reason.
    Skipped(&'static str),
}

/// Decides from the path (and, for loose files, the text) whether a document is a reference page.
pub fn classify_path(corpus: &Corpus, id: DocId) -> Result<PagePath, NotAPage> {
    let doc = corpus.doc(id);
    let parts = doc.components();
    let file = parts.last().copied().unwrap_or("");
    let stem = file
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(file)
        .to_string();
    if parts.first() == Some(&"common") {
        return Err(NotAPage::Fragment);
    }
    if let Some(lang) = parts.first().and_then(|d| Lang::from_dir(d)) {
        if parts.len() < 3 {
            return Err(NotAPage::Skipped(
                "SDK overview page (installation, client set-up), no operation",
            ));
        }
        let folder = Client::from_prefix(parts[1]);
        if folder.is_none() {
            return Err(NotAPage::Skipped(
                "outside the authentication/ and management/ folders",
            ));
        }
        let tag = (parts.len() >= 4).then(|| parts[2..parts.len() - 1].join("/"));
        return Ok(PagePath {
            lang,
            folder,
            tag,
            slug: stem,
        });
    }
    if parts.len() == 1 {
        if file.eq_ignore_ascii_case("README.md") || file.eq_ignore_ascii_case("SOURCES.md") {
            return Err(NotAPage::Skipped("corpus notes, not a reference page"));
        }
        // Loose documents (the seeds): read them, the content decides.
        return Ok(PagePath {
            lang: Lang::Other,
            folder: None,
            tag: None,
            slug: stem,
        });
    }
    Err(NotAPage::Skipped(
        "not an SDK reference page (other SDK family or notes)",
    ))
}
