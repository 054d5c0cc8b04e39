//! The text between a page's title and its first section: the operation description (generator
//! furniture removed) and what the prose says about the call (token endpoint, login required,
//! deprecated; rules `security-from-description` and `deprecated-from-description`).

use super::page::Page;

/// Fills the page's description and flags from its intro lines.
pub(super) fn read(page: &mut Page, intro: &[&str]) {
    page.description = description(intro);
    let intro_text = intro.join("\n");
    page.token_endpoint =
        intro_text.contains("client_secret_post") && intro_text.contains("client_secret_basic");
    page.requires_login = LOGIN_PHRASES.iter().any(|p| intro_text.contains(p))
        || page.samples.iter().any(|(s, _)| s.sets_access_token);
    page.deprecated = intro_text.contains("已废弃")
        || intro_text.contains("（废弃")
        || intro_text.contains("(废弃");
}

/// Phrases by which a description says the call needs the end user's access token.
const LOGIN_PHRASES: &[&str] = &[
    "要求具备用户的登录态",
    "需要在请求头中带上用户的 `access_token`",
    "requires the user's login",
    "carry the user's `access_token`",
];

/// Builds the operation description from the intro lines: generator furniture (HTML comments,
/// `<LastUpdated />`, the "generated from the V3 API" note) removed.
fn description(intro: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut in_comment = false;
    for l in intro {
        let t = l.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        if t == "<LastUpdated />" || t == "<LastUpdated/>" {
            continue;
        }
        if t.starts_with("> 此文档根据")
            || t.starts_with("> This document is automatically generated")
        {
            continue;
        }
        out.push(l.trim_end());
    }
    let joined = out.join("\n");
    // Collapse runs of blank lines.
    let mut result = String::new();
    let mut blank = 0;
    for l in joined.trim().split('\n') {
        if l.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !result.is_empty() {
            result.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        result.push_str(l);
    }
    result
}
