//! Comparing what the two clients sent for one case: method, path, query and body must be
//! equal; known wire-style differences are normalised for the comparison and reported.
//!
//! - query arrays: the node SDK (axios) writes `ids[]=a&ids[]=b`, the Rust client `ids=a&ids=b`.
//!   Keys are compared without the `[]` and the case is reported with the style difference;
//! - query order: pairs are compared sorted by key (values of one key keep their order);
//! - `authorization`: on sign-ins (client authentication) the two must send the same value. With
//!   the user's access token the node SDK sends the token bare, the Rust client as
//!   `Bearer <token>`: reported. The management clients authenticate differently by design
//!   (node signs each request with HMAC-SHA1, Rust sends a management token fetched with the
//!   access key): not compared.

use std::fmt::Write as _;

use crate::recorder::{Body, Wire};

/// How one case went.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Differences in method, path, query or body (empty: the clients agree).
    pub differences: Vec<String>,
    /// Known differences of wire style that the comparison normalised.
    pub notes: Vec<String>,
}

impl Verdict {
    pub fn agrees(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Compares the requests `node` and `rust` sent for one case. `sign_in`: compare the
/// `authorization` header exactly; `user_token`: report how each sent the user's token.
pub fn compare(node: &[Wire], rust: &[Wire], sign_in: bool, user_token: Option<&str>) -> Verdict {
    let mut verdict = Verdict::default();
    if node.len() != rust.len() {
        verdict.differences.push(format!(
            "node sent {} request(s) [{}], rust {} [{}]",
            node.len(),
            list(node),
            rust.len(),
            list(rust)
        ));
        return verdict;
    }
    for (n, r) in node.iter().zip(rust) {
        one(&mut verdict, n, r, sign_in, user_token);
    }
    verdict
}

fn list(requests: &[Wire]) -> String {
    requests
        .iter()
        .map(|w| format!("{} {}", w.method, w.path))
        .collect::<Vec<_>>()
        .join(", ")
}

fn one(verdict: &mut Verdict, node: &Wire, rust: &Wire, sign_in: bool, user_token: Option<&str>) {
    let differences = &mut verdict.differences;
    if node.method != rust.method {
        differences.push(format!(
            "method: node {}, rust {}",
            node.method, rust.method
        ));
    }
    if node.path != rust.path {
        differences.push(format!("path: node {}, rust {}", node.path, rust.path));
    }
    let (node_query, node_arrays) = normalise(&node.query);
    let (rust_query, rust_arrays) = normalise(&rust.query);
    if node_query != rust_query {
        differences.push(format!(
            "query: node {}, rust {}",
            pairs(&node.query),
            pairs(&rust.query)
        ));
    } else if node_arrays != rust_arrays {
        verdict.notes.push(format!(
            "array style: node {}, rust {}",
            style(&node_arrays, &node_query),
            style(&rust_arrays, &rust_query)
        ));
    }
    if node.body != rust.body {
        verdict.differences.push(format!(
            "body: node {}, rust {}",
            body(&node.body),
            body(&rust.body)
        ));
    }
    if sign_in {
        if node.authorization != rust.authorization {
            verdict.differences.push(format!(
                "authorization: node {}, rust {}",
                scheme(&node.authorization),
                scheme(&rust.authorization)
            ));
        }
    } else if let Some(token) = user_token {
        let bearer = format!("Bearer {token}");
        let node_bare = node.authorization.as_deref() == Some(token);
        let rust_bearer = rust.authorization.as_deref() == Some(bearer.as_str());
        if node_bare && rust_bearer {
            verdict
                .notes
                .push("user token: node sends it bare, rust as `Bearer <token>`".to_owned());
        } else if node.authorization != rust.authorization {
            verdict.differences.push(format!(
                "authorization: node {}, rust {}",
                scheme(&node.authorization),
                scheme(&rust.authorization)
            ));
        }
    }
}

/// Query pairs with `key[]` written `key`, sorted by key (stable), and the keys that had `[]`.
fn normalise(query: &[(String, String)]) -> (Vec<(String, String)>, Vec<String>) {
    let mut arrays = Vec::new();
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .map(|(key, value)| match key.strip_suffix("[]") {
            Some(base) => {
                if !arrays.iter().any(|a| a == base) {
                    arrays.push(base.to_owned());
                }
                (base.to_owned(), value.clone())
            }
            None => (key.clone(), value.clone()),
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    arrays.sort();
    (pairs, arrays)
}

/// How the repeated keys of `query` were written: `ids[]=` for the keys in `brackets`, `ids=`
/// (repeated) for the others.
fn style(brackets: &[String], query: &[(String, String)]) -> String {
    let mut repeated: Vec<&str> = Vec::new();
    for (i, (key, _)) in query.iter().enumerate() {
        let again = query[..i].iter().any(|(k, _)| k == key);
        if again && !brackets.contains(key) && !repeated.contains(&key.as_str()) {
            repeated.push(key);
        }
    }
    let mut out = String::new();
    for key in brackets {
        let _ = write!(out, "`{key}[]=` ");
    }
    for key in repeated {
        let _ = write!(out, "`{key}=` repeated ");
    }
    if out.is_empty() {
        out.push_str("one `key=` per item");
    }
    out.trim_end().to_owned()
}

fn pairs(query: &[(String, String)]) -> String {
    if query.is_empty() {
        return "(none)".to_owned();
    }
    query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn body(body: &Body) -> String {
    match body {
        Body::None => "(none)".to_owned(),
        Body::Json(value) => format!("json {}", redacted(value.clone())),
        Body::Form(pairs) => format!(
            "form {}",
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        ),
        Body::Other(text) => format!("text {text:?}"),
    }
}

/// `value` with the values of credential fields (`client_secret`, `password`, ...) masked, for
/// the report.
fn redacted(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| {
                    let lower = key.to_ascii_lowercase();
                    let secret = ["secret", "password", "token", "passcode"]
                        .iter()
                        .any(|word| lower.contains(word));
                    let value = if secret && value.is_string() {
                        Value::from("***")
                    } else {
                        redacted(value)
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redacted).collect()),
        other => other,
    }
}

/// The scheme of an `authorization` value, never the credential itself.
fn scheme(value: &Option<String>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(value) => match value.split_once(' ') {
            Some((scheme, _)) => format!("`{scheme} ***`"),
            None => "`***` (bare)".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::compare;
    use crate::recorder::{Body, Wire};

    fn get(path: &str, query: &[(&str, &str)], authorization: Option<&str>) -> Wire {
        Wire {
            method: "GET".to_owned(),
            path: path.to_owned(),
            query: query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Body::None,
            authorization: authorization.map(str::to_owned),
        }
    }

    /// Compares `node` with `rust` (a sign-in when `sign_in`, else with user token `t`) and
    /// checks the differences and notes.
    #[track_caller]
    fn check(node: Wire, rust: Wire, sign_in: bool, differences: &[&str], notes: &[&str]) {
        let verdict = compare(&[node], &[rust], sign_in, (!sign_in).then_some("t"));
        assert_eq!(verdict.differences, differences);
        assert_eq!(verdict.notes, notes);
    }

    #[test]
    fn differences_are_found_and_wire_styles_reported() {
        let a = |q: &[(&str, &str)]| get("/a", q, None);
        check(
            a(&[("x", "1"), ("y", "2")]),
            a(&[("y", "2"), ("x", "1")]),
            false,
            &[],
            &[],
        );
        check(
            a(&[("ids[]", "1"), ("ids[]", "2")]),
            a(&[("ids", "1"), ("ids", "2")]),
            false,
            &[],
            &["array style: node `ids[]=`, rust `ids=` repeated"],
        );
        check(
            a(&[("ids", "2"), ("ids", "1")]),
            a(&[("ids", "1"), ("ids", "2")]),
            false,
            &["query: node ids=2&ids=1, rust ids=1&ids=2"],
            &[],
        );
        check(
            a(&[]),
            get("/b", &[], None),
            false,
            &["path: node /a, rust /b"],
            &[],
        );
        check(
            get("/a", &[], Some("t")),
            get("/a", &[], Some("Bearer t")),
            false,
            &[],
            &["user token: node sends it bare, rust as `Bearer <token>`"],
        );
        check(
            get("/a", &[], Some("Basic x")),
            get("/a", &[], None),
            true,
            &["authorization: node `Basic ***`, rust (none)"],
            &[],
        );
        let mut body = a(&[]);
        body.body = Body::Json(json!({"password": "p", "n": 1}));
        check(
            body,
            a(&[]),
            false,
            &[r#"body: node json {"n":1,"password":"***"}, rust (none)"#],
            &[],
        );
    }
}
