//! Doc comments: spec descriptions -> rustdoc lines that render as written and build cleanly.
//!
//! A [`Doc`] is rendered English first, the original below it (collapsed when it is longer than
//! a line). Descriptions are Markdown written for a web page, not for rustdoc, so:
//! - each line is trimmed (an indented line would otherwise become a code block, and a doctest);
//! - fenced code blocks keep their language (```` ```json ````, ```` ```js ````) unless it is
//!   Rust's or none, which becomes ```` ```text ```` (never compiled as doctests);
//! - `<details>` / `</details>` lines and `<summary>..</summary>` lines are kept as HTML (a
//!   collapsible section) when they pair up in the text, and dropped otherwise; `<br>` lines are
//!   dropped;
//! - outside code, `[x]` that is not a Markdown link and `<` / `>` are escaped (no broken
//!   intra-doc links, no unclosed HTML tags), bare URLs are wrapped in `<...>`;
//! - a line starting with `>` stays a block quote;
//! - a blank line is inserted after a list when the next line is plain text (so the text is not
//!   read as a lazy continuation of the last item).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::Doc;

/// The Markdown of `doc`: the English text, then the original (the only text when there is one,
/// or when both say the same). An original longer than one line is a collapsed `<details>`
/// section, so the page reads in English and the original is one click away.
pub fn text(doc: &Doc) -> Option<String> {
    let clean = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    match (clean(&doc.en), clean(&doc.original)) {
        (Some(en), Some(original)) if en != original => {
            if original.lines().count() > 1 {
                Some(format!(
                    "{en}\n\n<details>\n<summary>原文 (original)</summary>\n\n{original}\n\n</details>"
                ))
            } else {
                Some(format!("{en}\n\n{original}"))
            }
        }
        (Some(text), _) | (None, Some(text)) => Some(text),
        (None, None) => None,
    }
}

/// The ``- `value`: label`` bullets of `text` (how the docs list a string enum's values), value
/// (trimmed) -> label.
pub fn value_bullets(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(value_bullet)
        .map(|(value, label)| (value.to_owned(), label.to_owned()))
        .collect()
}

fn value_bullet(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("- `")?;
    let (value, rest) = rest.split_once('`')?;
    let label = rest
        .trim_start()
        .strip_prefix(':')
        .or_else(|| rest.trim_start().strip_prefix('：'))?;
    Some((value.trim(), label.trim()))
}

/// `text` without its ``- `value`: label`` bullets for `values` (they are documented once, on
/// the enum's variants); `None` when there was none.
pub fn without_value_bullets(text: &str, values: &BTreeSet<&str>) -> Option<String> {
    let mut removed = false;
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| match value_bullet(line) {
            Some((value, _)) if values.contains(value) => {
                removed = true;
                false
            }
            _ => true,
        })
        .collect();
    removed.then(|| kept.join("\n"))
}

/// The rustdoc lines for `text`, each meant for `#[doc = " line"]`.
pub fn lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let keep_details = details_pair_up(&text);
    let mut out = Vec::new();
    let mut in_code = false;
    let mut in_list = false;
    for raw in text.split('\n') {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            if !in_code {
                out.push(format!("```{}", fence_language(&line[3..])));
            } else {
                out.push("```".to_owned());
            }
            in_code = !in_code;
            in_list = false;
            continue;
        }
        if in_code {
            out.push(raw.trim_end().to_owned());
            continue;
        }
        if let Some(html) = html_line(line) {
            match html {
                Html::Details | Html::Summary if keep_details => out.push(line.to_owned()),
                _ => {}
            }
            in_list = false;
            continue;
        }
        let list_item = is_list_item(line);
        if in_list && !list_item && !line.is_empty() {
            out.push(String::new());
        }
        in_list = list_item || (in_list && !line.is_empty());
        match line.strip_prefix('>') {
            // A block quote keeps its marker.
            Some(quoted) => out.push(format!("> {}", escape(quoted.trim_start()))),
            None => out.push(escape(line)),
        }
    }
    if in_code {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out
}

/// The language of a code fence, from the text after its opening ```` ``` ````: kept when it
/// names another language, `text` when it is empty or Rust's (which rustdoc would compile).
fn fence_language(info: &str) -> &str {
    let lang = info
        .trim()
        .split([' ', ',', '{'])
        .next()
        .unwrap_or_default();
    let rustdoc = lang.is_empty()
        || lang == "rust"
        || lang.starts_with("edition")
        || matches!(
            lang,
            "ignore" | "no_run" | "should_panic" | "compile_fail" | "test_harness" | "text"
        );
    let plain = lang
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'));
    if rustdoc || !plain { "text" } else { lang }
}

/// The upstream HTML lines that descriptions carry.
#[derive(PartialEq)]
enum Html {
    /// `<details>` or `</details>`.
    Details,
    /// `<summary>..</summary>`.
    Summary,
    /// `<br>`.
    Break,
}

fn html_line(line: &str) -> Option<Html> {
    let lower = line.to_ascii_lowercase();
    match lower.as_str() {
        "<details>" | "</details>" => Some(Html::Details),
        "<br>" | "<br/>" | "<br />" => Some(Html::Break),
        _ if lower.starts_with("<summary>")
            && lower.ends_with("</summary>")
            && !line[9..line.len() - 10].contains(['<', '>']) =>
        {
            Some(Html::Summary)
        }
        _ => None,
    }
}

/// Whether `text` has `<details>` / `</details>` lines (outside code) and they open and close in
/// pairs.
fn details_pair_up(text: &str) -> bool {
    let mut depth = 0usize;
    let mut seen = false;
    let mut in_code = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
        } else if !in_code && html_line(line) == Some(Html::Details) {
            seen = true;
            if line.starts_with("</") {
                let Some(d) = depth.checked_sub(1) else {
                    return false;
                };
                depth = d;
            } else {
                depth += 1;
            }
        }
    }
    seen && depth == 0
}

fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// Escapes one line outside code blocks (inline code spans are kept as they are).
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let ticks = chars[i..].iter().take_while(|&&c| c == '`').count();
                let close = (i + ticks..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&c| c == '`').count() == ticks
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(end) => {
                        out.extend(&chars[i..end + ticks]);
                        i = end + ticks;
                    }
                    None => {
                        for _ in 0..ticks {
                            out.push_str("\\`");
                        }
                        i += ticks;
                    }
                }
                continue;
            }
            '[' => {
                // Keep `[text](url)` links; escape every other bracket.
                if let Some(close) = chars[i..].iter().position(|&c| c == ']').map(|p| p + i) {
                    if chars.get(close + 1) == Some(&'(') {
                        if let Some(end) = chars[close..]
                            .iter()
                            .position(|&c| c == ')')
                            .map(|p| p + close)
                        {
                            out.push('[');
                            out.push_str(&escape(&chars[i + 1..close].iter().collect::<String>()));
                            out.push(']');
                            out.extend(&chars[close + 1..=end]);
                            i = end + 1;
                            continue;
                        }
                    }
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                if rest.starts_with("http://") || rest.starts_with("https://") {
                    if let Some(end) = chars[i..]
                        .iter()
                        .position(|&c| c == '>' || c.is_whitespace())
                        .map(|p| p + i)
                    {
                        if chars[end] == '>' {
                            out.extend(&chars[i..=end]);
                            i = end + 1;
                            continue;
                        }
                    }
                }
                out.push_str("\\<");
            }
            '>' => out.push_str("\\>"),
            '*' | '_' if i + 1 < chars.len() && chars[i + 1] == c => {
                // Emphasis markers are kept; Markdown copes with unbalanced ones.
                out.push(c);
            }
            'h' if starts_url(&chars[i..]) => {
                let end = (i..chars.len())
                    .find(|&j| {
                        let c = chars[j];
                        c.is_whitespace()
                            || !c.is_ascii()
                            || matches!(c, '"' | '\'' | '<' | '>' | '`' | ')' | ']')
                    })
                    .unwrap_or(chars.len());
                let mut end = end;
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let prefix: String = chars.iter().take(8).collect();
    prefix.starts_with("http://") || prefix.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::lines;

    fn check(input: &str, expected: &[&str]) {
        assert_eq!(lines(input), expected, "doc lines of {input:?}");
    }

    #[test]
    fn sanitising() {
        check("使用移动端社会化登录", &["使用移动端社会化登录"]);
        check("  indented\n    more  ", &["indented", "more"]);
        check(
            "see [API Code List](https://example.com/a?b=c) here",
            &["see [API Code List](https://example.com/a?b=c) here"],
        );
        check("an array [1, 2]", &["an array \\[1, 2\\]"]);
        check("a <userId> tag", &["a \\<userId\\> tag"]);
        check("> quoted <b>", &["> quoted \\<b\\>"]);
        check("code `<a>[b]` kept", &["code `<a>[b]` kept"]);
        check(
            "go to https://docs.authing.cn/v3, now",
            &["go to <https://docs.authing.cn/v3>, now"],
        );
        check(
            "详见：https://docs.authing.cn。",
            &["详见：<https://docs.authing.cn>。"],
        );
        check("<https://a.b> kept", &["<https://a.b> kept"]);
        check(
            "```\nfn main() {}\n```",
            &["```text", "fn main() {}", "```"],
        );
        check("```json\n{\"a\": 1}", &["```json", "{\"a\": 1}", "```"]);
        check(
            "- `wechat`: 微信\n- `apple`: Apple\nmore",
            &["- `wechat`: 微信", "- `apple`: Apple", "", "more"],
        );
        check("\n\ntext\n\n", &["text"]);
        check("unbalanced `tick", &["unbalanced \\`tick"]);
        check("```js\nf()\n```", &["```js", "f()", "```"]);
        check("```rust,ignore\nf()\n```", &["```text", "f()", "```"]);
        check(
            "a\n<details>\n<summary>more</summary>\n\n<br>\n\nb\n</details>",
            &[
                "a",
                "<details>",
                "<summary>more</summary>",
                "",
                "",
                "b",
                "</details>",
            ],
        );
        check("a\n</details>\nb", &["a", "b"]);
        check("<summary>x</summary>\nb", &["b"]);
    }

    fn check_text(en: Option<&str>, original: Option<&str>, expected: Option<&str>) {
        let doc = crate::ir::Doc {
            en: en.map(str::to_owned),
            original: original.map(str::to_owned),
        };
        assert_eq!(super::text(&doc).as_deref(), expected, "text of {doc:?}");
    }

    #[test]
    fn english_first() {
        check_text(Some("Login"), Some("登录"), Some("Login\n\n登录"));
        check_text(Some("Login"), None, Some("Login"));
        check_text(None, Some("登录"), Some("登录"));
        check_text(Some(" same "), Some("same"), Some("same"));
        check_text(Some(""), Some(" "), None);
        check_text(
            Some("Login"),
            Some("登录\n说明"),
            Some(
                "Login\n\n<details>\n<summary>原文 (original)</summary>\n\n登录\n说明\n\n</details>",
            ),
        );
    }

    #[test]
    fn value_bullets() {
        let text = "Type:\n- `apple`: Apple\n- `wechat `：微信\n- not a value\nend";
        let bullets = super::value_bullets(text);
        assert_eq!(bullets.get("apple").map(String::as_str), Some("Apple"));
        assert_eq!(bullets.get("wechat").map(String::as_str), Some("微信"));
        assert_eq!(bullets.len(), 2);
        let values = ["apple", "wechat"].into_iter().collect();
        assert_eq!(
            super::without_value_bullets(text, &values).as_deref(),
            Some("Type:\n- not a value\nend")
        );
        assert_eq!(super::without_value_bullets("plain", &values), None);
    }
}
