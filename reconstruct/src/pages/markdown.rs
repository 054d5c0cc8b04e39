//! Line-level structure of a Markdown page: headings, fenced code, and the other lines.
//!
//! The pages are messy, so this is deliberately forgiving: an unclosed fence runs to the end of
//! the page (truncated copies), HTML comments are dropped, and a structure heading
//! (`### <a id="X"></a> X`, see [`anchor`] for the forms it takes) that got merged into the middle
//! of a line is split out into its own block, with the text around it kept as separate lines of
//! the same line number (rows merged into one line).

/// A line of text and its 1-based line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text, without the newline.
    pub text: &'a str,
    /// 1-based line number in the document.
    pub line: u32,
}

/// One block of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// `#`..`######` heading.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading text, trimmed.
        text: &'a str,
        /// 1-based line number.
        line: u32,
    },
    /// A fenced code block.
    Code {
        /// The info string (language), possibly empty.
        lang: &'a str,
        /// The lines between the fences.
        body: Vec<Line<'a>>,
        /// Line of the opening fence.
        line: u32,
    },
    /// Any other line (table rows, prose, HTML).
    Text(Line<'a>),
}

/// Splits a page into blocks.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut lines = text.split('\n').enumerate().map(|(i, t)| Line {
        text: t,
        line: i as u32 + 1,
    });
    let mut in_comment = false;
    while let Some(l) = lines.next() {
        let trimmed = l.text.trim_start();
        if in_comment {
            if trimmed.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("```") {
            let lang = rest.trim();
            let mut body = Vec::new();
            for inner in lines.by_ref() {
                if inner.text.trim_start().starts_with("```") {
                    break;
                }
                body.push(inner);
            }
            out.push(Block::Code {
                lang,
                body,
                line: l.line,
            });
            continue;
        }
        if let Some((level, text)) = heading(l.text).filter(|(_, t)| anchor(t).is_some()) {
            // A structure heading on a line of its own: the whole line is its text.
            out.push(Block::Heading {
                level,
                text,
                line: l.line,
            });
        } else if find_anchor_heading(l.text).is_some() {
            split_merged(l, &mut out);
        } else if let Some((level, text)) = heading(l.text) {
            out.push(Block::Heading {
                level,
                text,
                line: l.line,
            });
        } else {
            out.push(Block::Text(l));
        }
    }
    out
}

/// `## Title` -> `(2, "Title")`. Headings must start at column 0 (indented text is not a heading).
fn heading(text: &str) -> Option<(u8, &str)> {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &text[hashes..];
    if !rest.starts_with(' ') && !rest.is_empty() {
        return None;
    }
    Some((hashes as u8, rest.trim()))
}

/// A structure heading's anchor, read from a heading's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The anchor id (the structure name).
    pub id: String,
    /// The title word after `</a>`.
    pub title: String,
    /// The text before `id="` was not the `<a ` tag: the heading was damaged
    /// (`# ... id="X"></a> X`).
    pub mangled: bool,
}

/// Reads the anchor of a structure heading's text. The grammar:
///
/// ```text
/// text   = prefix 'id="' ID '"' ' '* '>' ' '* '</a>' ' '* TITLE [anything]
/// prefix = '<a ' | mangled     ; mangled: only '.', '…', '<', 'a' and whitespace (a cut tag)
/// ID     = [A-Za-z0-9_]+       ; TITLE = up to the first whitespace or '|'
/// ```
///
/// `<div id="app">` and other HTML are not anchors (`"></a>` must follow the id).
pub fn anchor(text: &str) -> Option<Anchor> {
    let (pos, end, id) = anchor_at(text)?;
    let prefix = &text[..pos];
    let mangled = prefix != "<a ";
    if mangled
        && !prefix
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '…' | '<' | 'a'))
    {
        return None;
    }
    let rest = text[end..].trim_start();
    let title_len = rest
        .find(|c: char| c.is_whitespace() || c == '|')
        .unwrap_or(rest.len());
    Some(Anchor {
        id: id.to_string(),
        title: rest[..title_len].to_string(),
        mangled,
    })
}

/// The first `id="ID"></a>` of a text: (start of `id="`, end of `</a>`, ID).
fn anchor_at(text: &str) -> Option<(usize, usize, &str)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("id=\"") {
        let pos = from + found;
        let after = &text[pos + 4..];
        let id_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let tail = after[id_len..].strip_prefix('"').map(|t| t.trim_start());
        if id_len > 0
            && let Some(tail) = tail.and_then(|t| t.strip_prefix('>'))
            && let Some(close) = tail.trim_start().strip_prefix("</a>")
        {
            let end = text.len() - close.len();
            return Some((pos, end, &after[..id_len]));
        }
        from = pos + 4;
    }
    None
}

/// A structure heading inside a line: the byte range from its `#` run to the end of its title,
/// and its level. The `#` run starts the line or follows whitespace or `|`.
fn find_anchor_heading(text: &str) -> Option<(usize, usize, u8)> {
    let mut from = 0;
    while let Some(found) = text[from..].find('#') {
        let start = from + found;
        let hashes = text[start..].bytes().take_while(|&b| b == b'#').count();
        let boundary = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '|');
        let after = &text[start + hashes..];
        if boundary
            && (1..=6).contains(&hashes)
            && let Some(a) = anchor(after.trim_start())
            && let Some((_, end, _)) = anchor_at(after)
        {
            let rest = &after[end..];
            let title_end = end + (rest.len() - rest.trim_start().len()) + a.title.len();
            return Some((start, start + hashes + title_end, hashes as u8));
        }
        from = start + hashes;
    }
    None
}

/// Emits a text line, splitting out the structure headings merged into it.
fn split_merged<'a>(l: Line<'a>, out: &mut Vec<Block<'a>>) {
    let mut rest = l.text;
    while let Some((start, end, level)) = find_anchor_heading(rest) {
        let before = &rest[..start];
        if let Some((level, text)) = heading(before) {
            // `## 数据结构 ### <a id="X"></a> X`: a section heading the structure was merged into.
            out.push(Block::Heading {
                level,
                text,
                line: l.line,
            });
        } else if !before.trim().is_empty() {
            out.push(Block::Text(Line {
                text: before,
                line: l.line,
            }));
        }
        out.push(Block::Heading {
            level,
            text: rest[start + level as usize..end].trim(),
            line: l.line,
        });
        rest = &rest[end..];
    }
    if !rest.trim().is_empty() {
        out.push(Block::Text(Line {
            text: rest,
            line: l.line,
        }));
    }
}

/// Removes HTML tags (`<div ...>`, `</div>`, `<br>`...) from a table header cell.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        blocks(text)
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, line } => format!("{line} H{level} {text}"),
                Block::Code { lang, body, line } => {
                    format!("{line} code[{lang}] {} lines", body.len())
                }
                Block::Text(l) => format!("{} T {}", l.line, l.text),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn check(input: &str, expected: &str) {
        assert_eq!(render(input), expected, "input:\n{input}");
    }

    #[test]
    fn headings_code_and_text() {
        check("# T\n\ntext\n## Sub", "1 H1 T\n2 T \n3 T text\n4 H2 Sub");
        check("#nope\n####### seven", "1 T #nope\n2 T ####### seven");
        check("```ts\na\nb\n```\nafter", "1 code[ts] 2 lines\n5 T after");
        check("```go\ntruncated", "1 code[go] 1 lines");
        check("<!--\n  hidden\n-->\nshown", "4 T shown");
        check("<!-- one line -->\nshown", "2 T shown");
    }

    #[test]
    fn merged_headings_are_split_out_of_a_row() {
        check(
            "| a | b | | ### <a id=\"X\"></a> X | Name | Type |",
            "1 T | a | b | | \n1 H3 <a id=\"X\"></a> X\n1 T  | Name | Type |",
        );
        check(
            "| r | ### <a id=\"A\"></a> A | h | ### <a id=\"B\"></a> B",
            "1 T | r | \n1 H3 <a id=\"A\"></a> A\n1 T  | h | \n1 H3 <a id=\"B\"></a> B",
        );
        check("### <a id=\"X\"></a> X", "1 H3 <a id=\"X\"></a> X");
    }

    #[test]
    fn structure_headings_in_odd_places_and_damaged_forms() {
        for (input, expected) in [
            // on a line of their own, at any level, canonical or cut
            ("### <a id=\"X\"></a> X", "1 H3 <a id=\"X\"></a> X"),
            ("## <a id=\"X\"></a> X", "1 H2 <a id=\"X\"></a> X"),
            ("#### <a id=\"X\"></a> X", "1 H4 <a id=\"X\"></a> X"),
            ("# ... id=\"X\"></a> X", "1 H1 ... id=\"X\"></a> X"),
            ("# id=\"X\"></a> X", "1 H1 id=\"X\"></a> X"),
            // indented, or after prose or a section heading on the same line
            ("   ### <a id=\"X\"></a> X", "1 H3 <a id=\"X\"></a> X"),
            (
                "see below ### <a id=\"X\"></a> X",
                "1 T see below \n1 H3 <a id=\"X\"></a> X",
            ),
            (
                "## Data Structure ### <a id=\"X\"></a> X",
                "1 H2 Data Structure\n1 H3 <a id=\"X\"></a> X",
            ),
            // merged into a table line, cut or not
            (
                "| a | b | | # ... id=\"X\"></a> X | Name | Type |",
                "1 T | a | b | | \n1 H1 ... id=\"X\"></a> X\n1 T  | Name | Type |",
            ),
            (
                "| a | b | |### <a id=\"X\"></a> X| Name |",
                "1 T | a | b | |\n1 H3 <a id=\"X\"></a> X\n1 T | Name |",
            ),
            // not structure headings
            ("<div id=\"app\"></div>", "1 T <div id=\"app\"></div>"),
            (
                "| `#fff` | id=\"X\"></a> X |",
                "1 T | `#fff` | id=\"X\"></a> X |",
            ),
            (
                "# Title about id=\"X\"></a> X",
                "1 H1 Title about id=\"X\"></a> X",
            ),
        ] {
            check(input, expected);
        }
    }

    #[test]
    fn anchors() {
        let a = |t: &str| anchor(t).map(|a| format!("{}/{}/{}", a.id, a.title, a.mangled));
        assert_eq!(a("<a id=\"X\"></a> X"), Some("X/X/false".into()));
        assert_eq!(a("<a id=\"X\"></a>X"), Some("X/X/false".into()));
        assert_eq!(a("<a id=\"X\" > </a> Y | Name"), Some("X/Y/false".into()));
        assert_eq!(a("... id=\"X_1\"></a> X_1"), Some("X_1/X_1/true".into()));
        assert_eq!(a("… id=\"X\"></a>"), Some("X//true".into()));
        assert_eq!(a("<a id=\"\"></a> X"), None);
        assert_eq!(a("Title id=\"X\"></a> X"), None);
        assert_eq!(a("<div id=\"X\"></div>"), None);
    }

    #[test]
    fn tags_are_stripped_from_header_cells() {
        assert_eq!(
            strip_tags("<div style=\"width:200px\"></div>示例值</div>"),
            "示例值"
        );
        assert_eq!(strip_tags(" Name "), "Name");
    }
}
