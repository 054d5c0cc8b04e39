//! Diagnostics: what codegen could not take as written, and where (a JSON pointer into the spec).
//!
//! Stages never stop at the first problem: they record a [`Diagnostic`], apply the documented
//! fallback (usually `serde_json::Value` for a type) and go on, so every problem of a spec is shown
//! in one run.

use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec uses a construct codegen does not model; a documented fallback was generated.
    Warning,
    /// The spec is invalid (unreadable, dangling `$ref`, ...); what was generated for it is a
    /// fallback that should not be shipped.
    Error,
}

/// One problem found in the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// JSON pointer (RFC 6901) of the offending node, e.g. `/components/schemas/User/properties/id`.
    /// Empty for the document itself.
    pub pointer: String,
    /// What is wrong, and which fallback was used.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// Whether this is an [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{severity}: {pointer}: {}", self.message)
    }
}

/// All the diagnostics of a failed run, shown together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Escapes one reference token of a JSON pointer (`~` -> `~0`, `/` -> `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` + `/token` with `token` escaped.
pub fn child(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}
