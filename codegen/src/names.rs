//! Names: API names (any string) -> valid, idiomatic Rust identifiers.
//!
//! Rules, in order:
//! 1. split into words at every character that is not an ASCII letter or digit (so Chinese text,
//!    spaces and symbols separate words and are dropped), at `lower|Upper` and at the end of an
//!    acronym (`HTTPServer` -> `HTTP`, `Server`);
//! 2. join as `snake_case` or `PascalCase`;
//! 3. nothing left (an all-Chinese name, `"-"`) -> the caller's fallback (e.g. `Value3`);
//! 4. a leading digit gets a prefix (`_` for snake case, `V` for Pascal case);
//! 5. keywords become raw identifiers (`r#type`); the few that cannot (`self`, `Self`, `crate`,
//!    `super`) and names the generated code relies on (`Option`, `Result`, ...) get a suffix;
//! 6. collisions inside one namespace are resolved by [`Namespace::claim`] in a deterministic order:
//!    the first claimant keeps the name, later ones get `2`, `3`, ... .

use std::collections::BTreeSet;

/// Words of `name` (see the module docs), in their original case.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let lower_to_upper =
                (prev.is_ascii_lowercase() || prev.is_ascii_digit()) && c.is_ascii_uppercase();
            let acronym_end = prev.is_ascii_uppercase()
                && c.is_ascii_uppercase()
                && next.is_some_and(|n| n.is_ascii_lowercase());
            if lower_to_upper || acronym_end {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case` words of `name`, without keyword or digit handling (may be empty).
fn snake_words(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `PascalCase` words of `name`, without keyword or digit handling (may be empty).
fn pascal_words(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated code refers to unqualified (prelude), and so cannot be reused.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Self",
];

/// A `snake_case` identifier for `name` (fields, methods, parameters); `fallback` when nothing of
/// `name` is usable.
pub fn snake(name: &str, fallback: &str) -> String {
    let mut out = snake_words(name);
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if NON_RAW_KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    } else if RAW_KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// A `PascalCase` identifier for `name` (types, variants); `fallback` when nothing of `name` is
/// usable.
pub fn pascal(name: &str, fallback: &str) -> String {
    let mut out = pascal_words(name);
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&out.as_str()) {
        out.push_str("Value");
    }
    out
}

/// One scope of names (the types of a module, the fields of a struct, the methods of a client):
/// hands out unique names in claim order.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    used: BTreeSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` names are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            used: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Whether `name` is not taken yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.used.contains(name)
    }

    /// `want` if free, else `want2`, `want3`, ... (`want_2` for snake case names).
    pub fn claim(&mut self, want: &str) -> String {
        if self.used.insert(want.to_owned()) {
            return want.to_owned();
        }
        let base = want
            .strip_prefix("r#")
            .unwrap_or(want)
            .trim_end_matches('_');
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        (2..)
            .map(|n| {
                if snake {
                    format!("{base}_{n}")
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, snake_expected: &str, pascal_expected: &str) {
        assert_eq!(
            snake(name, "field"),
            snake_expected,
            "snake case of {name:?}"
        );
        assert_eq!(
            pascal(name, "Type"),
            pascal_expected,
            "Pascal case of {name:?}"
        );
    }

    #[test]
    fn conversions() {
        check("signInByMobile", "sign_in_by_mobile", "SignInByMobile");
        check(
            "SigninByMobileDto",
            "signin_by_mobile_dto",
            "SigninByMobileDto",
        );
        check(
            "extIdpConnidentifier",
            "ext_idp_connidentifier",
            "ExtIdpConnidentifier",
        );
        check("HTTPServer", "http_server", "HttpServer");
        check("userID", "user_id", "UserId");
        check("wechatwork_agency", "wechatwork_agency", "WechatworkAgency");
        check("x-authing-app-id", "x_authing_app_id", "XAuthingAppId");
        check("type", "r#type", "Type");
        check("self", "self_", "SelfValue");
        check("Result", "result", "ResultValue");
        check("2fa", "_2fa", "V2fa");
        check("用户", "field", "Type");
        check("用户ID", "id", "Id");
        check("+1", "_1", "V1");
        check("", "field", "Type");
        check("v2Api", "v2_api", "V2Api");
        check("access_token", "access_token", "AccessToken");
    }

    #[test]
    fn collisions_get_numbered_in_claim_order() {
        let mut ns = Namespace::with_reserved(["execute"]);
        assert_eq!(ns.claim("get_user"), "get_user");
        assert_eq!(ns.claim("get_user"), "get_user_2");
        assert_eq!(ns.claim("get_user"), "get_user_3");
        assert_eq!(ns.claim("execute"), "execute_2");
        assert_eq!(ns.claim("r#type"), "r#type");
        assert_eq!(ns.claim("r#type"), "type_2");
        assert_eq!(ns.claim("UserDto"), "UserDto");
        assert_eq!(ns.claim("UserDto"), "UserDto2");
        assert_eq!(ns.claim("self_"), "self_");
        assert_eq!(ns.claim("self_"), "self_2");
    }
}
