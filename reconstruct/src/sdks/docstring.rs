//! The docstrings of the Python package's methods, read as the structured text they are (the
//! text content of the string literal the parser hands over, not source code).
//!
//! The grammar, over the docstring's lines:
//!
//! ```text
//! docstring   = blank* summary [blank+ description] section*
//! summary     = the first non-blank line, trimmed
//! description = the lines up to the first section header, dedented, trimmed at both ends
//! section     = header entry*
//! header      = ("Attributes" | "Args" | "Arguments" | "Parameters") ":"    alone on its line
//! entry       = NAME [" "] "(" [TYPE] ")" [":"] [" " TEXT] continuation*
//! continuation = a line that is neither a header nor an entry at the entries' indentation
//! NAME        = [A-Za-z_][A-Za-z0-9_]*        TYPE = any text without ")"
//! ```
//!
//! The entries' indentation is that of a section's first entry; continuation lines (the enum
//! bullets the generator writes less indented, `- and: and`) join the entry's text, one line
//! each, trimmed. A line before the first entry of a section that is not an entry is ignored.

/// One documented argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as the docstring writes it (the Python name, or the wire key).
    pub name: String,
    /// The type word in the parentheses (`str`, `int`, `bool`, `list`, `dict`), trimmed;
    /// empty when the parentheses are empty.
    pub ty: String,
    /// The text, continuation lines joined with newlines.
    pub text: String,
    /// The entry's line, counted from the docstring's first line (0-based).
    pub line: usize,
}

/// A docstring, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docstring {
    /// The first line.
    pub summary: String,
    /// The text between the summary and the first section.
    pub description: String,
    /// The argument entries of every section, in order.
    pub entries: Vec<Entry>,
}

const HEADERS: &[&str] = &["Attributes:", "Args:", "Arguments:", "Parameters:"];

/// Reads a docstring's text.
pub fn read(text: &str) -> Docstring {
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Docstring::default();
    let mut i = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    if let Some(first) = lines.get(i) {
        doc.summary = first.trim().to_string();
        i += 1;
    }
    let body_end = lines[i.min(lines.len())..]
        .iter()
        .position(|l| is_header(l))
        .map_or(lines.len(), |p| i + p);
    doc.description = dedent(&lines[i.min(body_end)..body_end]);
    let mut indent: Option<usize> = None;
    for (n, line) in lines.iter().enumerate().skip(body_end) {
        if is_header(line) {
            indent = None;
            continue;
        }
        let this_indent = line.len() - line.trim_start().len();
        let at_indent = indent.is_none_or(|ind| ind == this_indent);
        match entry(line.trim()) {
            Some((name, ty, text)) if at_indent => {
                indent = Some(this_indent);
                doc.entries.push(Entry {
                    name: name.to_string(),
                    ty: ty.to_string(),
                    text: text.to_string(),
                    line: n,
                });
            }
            _ => {
                let Some(last) = doc.entries.last_mut().filter(|_| indent.is_some()) else {
                    continue;
                };
                let t = line.trim();
                if !t.is_empty() {
                    if !last.text.is_empty() {
                        last.text.push('\n');
                    }
                    last.text.push_str(t);
                }
            }
        }
    }
    doc
}

fn is_header(line: &str) -> bool {
    HEADERS.contains(&line.trim())
}

/// `name (type): text` -> `(name, type, text)`.
fn entry(line: &str) -> Option<(&str, &str, &str)> {
    let name_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    let name = &line[..name_len];
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = line[name_len..].trim_start().strip_prefix('(')?;
    let close = rest.find(')')?;
    let ty = rest[..close].trim();
    let after = &rest[close + 1..];
    let text = after.strip_prefix(':').unwrap_or(after).trim();
    Some((name, ty, text))
}

/// Removes the common indentation of a block's non-blank lines; trims blank lines at both ends
/// and trailing spaces.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    body.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a docstring as `summary | description | name(type)=text; ...`.
    fn render(text: &str) -> String {
        let d = read(text);
        let entries: Vec<String> = d
            .entries
            .iter()
            .map(|e| {
                format!(
                    "{}@{}({})={}",
                    e.name,
                    e.line,
                    e.ty,
                    e.text.replace('\n', "⏎")
                )
            })
            .collect();
        format!(
            "{} | {} | {}",
            d.summary,
            d.description.replace('\n', "⏎"),
            entries.join("; ")
        )
    }

    fn check(text: &str, expected: &str) {
        assert_eq!(render(text), expected, "docstring:\n{text}");
    }

    #[test]
    fn docstrings() {
        for (text, expected) in [
            // the generator's shape, with enum bullets less indented than the entries
            (
                "Advanced Search\n\n        Advanced Search for Data Objects\n\n        Attributes:\n            model_id (str): Function id\n            conjunction (str): The relationship:\n    - and: and\n    - or: or\n    \n            page (int): Current page number\n        ",
                "Advanced Search | Advanced Search for Data Objects | model_id@5(str)=Function id; conjunction@6(str)=The relationship:⏎- and: and⏎- or: or; page@10(int)=Current page number",
            ),
            // no arguments, a description over several paragraphs, a code block kept indented
            (
                "Get identities\n\n        One.\n        Two:\n\n        ```json\n        [\n          {}\n        ]\n        ```\n\n        Attributes:\n        ",
                "Get identities | One.⏎Two:⏎⏎```json⏎[⏎  {}⏎]⏎``` | ",
            ),
            // hand-written shape: summary on the second line, `Args:`, a missing colon, empty type
            (
                "\n        Get a token.\n\n        Args:\n            code (str): Authorization code.\n            access_token (str) Access token.\n            source (): Tenant source\n        ",
                "Get a token. |  | code@4(str)=Authorization code.; access_token@5(str)=Access token.; source@6()=Tenant source",
            ),
            // only a summary
            (
                "\n        Login using email + password\n        ",
                "Login using email + password |  | ",
            ),
            // an entry line written deeper than the first entry is a continuation
            (
                "S\n\nAttributes:\n    a (str): first\n        b (int): not an entry\n    c (bool):\n",
                "S |  | a@3(str)=first⏎b (int): not an entry; c@5(bool)=",
            ),
            ("", " |  | "),
        ] {
            check(text, expected);
        }
    }
}
