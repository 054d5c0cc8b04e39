//! Warnings and errors of a run, each tied to the place it is about.

use crate::corpus::{Corpus, Loc};

/// How bad a diagnostic is. Errors make `cargo xtask spec` exit non-zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was repaired or ignored; the output is still trustworthy.
    Warning,
    /// The output cannot be trusted (or could not be produced).
    Error,
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// A line of an input document.
    Doc(Loc),
    /// A place that is not a document line (an overrides entry, the output spec...), already rendered.
    Other(String),
}

/// One warning or error.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where.
    pub place: Place,
    /// How bad.
    pub severity: Severity,
    /// What, in one line.
    pub message: String,
}

/// Collects diagnostics; reported all together at the end of a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// A warning about a document line.
    pub fn warn(&mut self, loc: Loc, message: impl Into<String>) {
        self.items.push(Diagnostic {
            place: Place::Doc(loc),
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    /// An error about a document line.
    pub fn error(&mut self, loc: Loc, message: impl Into<String>) {
        self.items.push(Diagnostic {
            place: Place::Doc(loc),
            severity: Severity::Error,
            message: message.into(),
        });
    }

    /// A diagnostic about some other place.
    pub fn other(
        &mut self,
        severity: Severity,
        place: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            place: Place::Other(place.into()),
            severity,
            message: message.into(),
        });
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.sorted()
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// All diagnostics, sorted by place then message (deterministic output).
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<_> = self.items.iter().collect();
        v.sort();
        v.dedup();
        v
    }

    /// Renders one diagnostic as `place: severity: message`.
    pub fn render(corpus: &Corpus, d: &Diagnostic) -> String {
        let sev = match d.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match &d.place {
            Place::Doc(loc) => format!("{}: {sev}: {}", corpus.at(*loc), d.message),
            Place::Other(p) => format!("{p}: {sev}: {}", d.message),
        }
    }
}
