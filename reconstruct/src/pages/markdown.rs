//! Line-level structure of a Markdown page: headings, fenced code, and the other lines.
//!
//! The pages are messy, so this is deliberately forgiving: an unclosed fence runs to the end of
//! the page (truncated copies), HTML comments are dropped, and a `### <a id="X"></a> X` heading
//! that got merged into the middle of a table line is split out into its own block, with the text
//! around it kept as separate lines of the same line number (rows merged into one line).

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
        if l.text.contains(MERGED_HEADING) {
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

const MERGED_HEADING: &str = "### <a id=\"";

/// Emits a text line, splitting out `### <a id="X"></a> X` headings merged into it.
fn split_merged<'a>(l: Line<'a>, out: &mut Vec<Block<'a>>) {
    let mut rest = l.text;
    while let Some(pos) = rest.find(MERGED_HEADING) {
        let before = &rest[..pos];
        if !before.trim().is_empty() {
            out.push(Block::Text(Line {
                text: before,
                line: l.line,
            }));
        }
        let after = &rest[pos + 4..]; // past "### "
        // The heading is `<a id="X"></a> X`; whatever follows the title word is table text.
        let end = after.find("</a>").map(|i| i + 4).unwrap_or(after.len());
        let tail = &after[end..];
        let title_len = tail.len() - tail.trim_start().len()
            + tail
                .trim_start()
                .find(|c: char| c.is_whitespace() || c == '|')
                .unwrap_or(tail.trim_start().len());
        let (title, remainder) = after.split_at(end + title_len);
        out.push(Block::Heading {
            level: 3,
            text: title.trim(),
            line: l.line,
        });
        rest = remainder;
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
    fn tags_are_stripped_from_header_cells() {
        assert_eq!(
            strip_tags("<div style=\"width:200px\"></div>示例值</div>"),
            "示例值"
        );
        assert_eq!(strip_tags(" Name "), "Name");
    }
}
