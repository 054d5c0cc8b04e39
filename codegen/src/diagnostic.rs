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

/// Diagnostics with the same severity and message, and every place they were met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'d> {
    /// How bad they are.
    pub severity: Severity,
    /// Their shared message.
    pub message: &'d str,
    /// Their pointers, in the order given.
    pub pointers: Vec<&'d str>,
}

/// Groups `diagnostics` by severity and message, errors first, each group in the order its
/// first member appears: one unsupported construct used in 150 operations is one group.
pub fn group(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for d in diagnostics {
        let key = (d.severity, d.message.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                severity: d.severity,
                message: &d.message,
                pointers: Vec::new(),
            });
            groups.len() - 1
        });
        groups[i].pointers.push(&d.pointer);
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.severity));
    groups
}

impl fmt::Display for Group<'_> {
    /// `error: /a: message` for one place; `warning: message (3 places)` then one pointer per
    /// line for more; `{:#}` shows at most [`Group::SHOWN`] pointers and says how many are left.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let shown = |p: &str| if p.is_empty() { "/" } else { p }.to_owned();
        if let [only] = self.pointers.as_slice() {
            return write!(f, "{severity}: {}: {}", shown(only), self.message);
        }
        write!(
            f,
            "{severity}: {} ({} places)",
            self.message,
            self.pointers.len()
        )?;
        let limit = if f.alternate() {
            Self::SHOWN
        } else {
            usize::MAX
        };
        for pointer in self.pointers.iter().take(limit) {
            write!(f, "\n    at {}", shown(pointer))?;
        }
        if self.pointers.len() > limit {
            write!(f, "\n    ... and {} more", self.pointers.len() - limit)?;
        }
        Ok(())
    }
}

impl Group<'_> {
    /// How many places the short form (`{:#}`) lists.
    pub const SHOWN: usize = 3;
}
