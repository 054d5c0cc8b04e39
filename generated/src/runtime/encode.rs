//! How values become wire text before a style or a body puts them together: whole numbers
//! written as integers, `application/x-www-form-urlencoded` and RFC 3986 escaping, and the plain
//! (unstyled) `name=value` pairs of a value.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// Characters a path segment or query component keeps as they are: RFC 3986's unreserved set.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// RFC 3986 percent-encoding of one path segment or component (only the unreserved characters
/// kept).
pub(crate) fn component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// OpenAPI `number` is `f64` in Rust, and serde writes `3.0` for it; the API's `page`, `limit`
/// and other counts are `number` too. A whole number within the range where `f64` is exact is
/// written as an integer (`3`), which JSON does not tell apart from `3.0` but query strings and
/// strict servers do.
pub(crate) fn whole_numbers(mut value: Value) -> Value {
    rewrite_whole_numbers(&mut value);
    value
}

/// [`whole_numbers`] in place: the tree is walked, not rebuilt.
fn rewrite_whole_numbers(value: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= EXACT
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(rewrite_whole_numbers),
        _ => {}
    }
}

/// `application/x-www-form-urlencoded` encoding of one key or value, as plain query parameters
/// are written.
pub(crate) fn form(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// [`form`], keeping `text` itself when nothing needs escaping.
pub(crate) fn form_owned(text: String) -> String {
    let mut chunks = form_urlencoded::byte_serialize(text.as_bytes());
    let first = chunks.next().unwrap_or("");
    if first.len() == text.len() {
        return text;
    }
    let mut encoded = String::with_capacity(text.len() + 8);
    encoded.push_str(first);
    chunks.for_each(|chunk| encoded.push_str(chunk));
    encoded
}

/// Writes `value` as `name=...` pairs: nothing for null, one pair per item of an array, JSON
/// text for objects (and for arrays nested in arrays).
pub(crate) fn push_pairs(pairs: &mut Vec<(String, String)>, name: &str, value: Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Null => {}
                    Value::Array(_) => pairs.push((name.to_owned(), item.to_string())),
                    item => push_pairs(pairs, name, item),
                }
            }
        }
        Value::String(text) => pairs.push((name.to_owned(), text)),
        other => pairs.push((name.to_owned(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_numbers_are_written_as_integers() {
        use serde_json::json;
        let r = crate::runtime::Request::new(reqwest::Method::POST, "/x")
            .query("limit", &3.0_f64)
            .query("ratio", &0.5_f64)
            .json(&json!({"page": 2.0, "nested": [1.0, 1.5], "big": 1e300, "int": 7}));
        assert_eq!(
            r.query,
            [
                ("limit".to_string(), "3".to_string()),
                ("ratio".to_string(), "0.5".to_string())
            ]
        );
        assert_eq!(
            crate::runtime::request::Body::Json(
                json!({"page": 2, "nested": [1, 1.5], "big": 1e300, "int": 7})
            ),
            r.body
        );
        assert_eq!(
            serde_json::to_string(&json!({"page": 2})).unwrap(),
            "{\"page\":2}"
        );
    }
}
