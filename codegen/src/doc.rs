//! Doc comments: spec descriptions -> rustdoc lines that render as written and build cleanly.
//!
//! Descriptions are Markdown written for a web page, not for rustdoc, so:
//! - each line is trimmed (an indented line would otherwise become a code block, and a doctest);
//! - fenced code blocks become ```` ```text ```` (never compiled as doctests);
//! - outside code, `[x]` that is not a Markdown link and `<` / `>` are escaped (no broken
//!   intra-doc links, no unclosed HTML tags), bare URLs are wrapped in `<...>`;
//! - a blank line is inserted after a list when the next line is plain text (so the text is not
//!   read as a lazy continuation of the last item).

/// The rustdoc lines for `text`, each meant for `#[doc = " line"]`.
pub fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut in_list = false;
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            if !in_code {
                out.push("```text".to_owned());
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
        let list_item = is_list_item(line);
        if in_list && !list_item && !line.is_empty() {
            out.push(String::new());
        }
        in_list = list_item || (in_list && !line.is_empty());
        out.push(escape(line));
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
        check("```json\n{\"a\": 1}", &["```text", "{\"a\": 1}", "```"]);
        check(
            "- `wechat`: 微信\n- `apple`: Apple\nmore",
            &["- `wechat`: 微信", "- `apple`: Apple", "", "more"],
        );
        check("\n\ntext\n\n", &["text"]);
        check("unbalanced `tick", &["unbalanced \\`tick"]);
    }
}
