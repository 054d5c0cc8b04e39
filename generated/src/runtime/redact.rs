//! Redaction of what errors keep: the bodies of failed responses and the deserializer's
//! messages carry no credential value into an error's `Display` or `Debug`. Which names are
//! credentials is one rule, [`authing_secret_names::is_secret_name`], the one the DTOs' `Debug`
//! follows too.

use authing_secret_names::is_secret_name;
use serde_json::Value;

/// What replaces a credential's value in a JSON body.
const REDACTED: &str = "<redacted>";

/// The body an error keeps: the text as received, with the values of credential fields
/// redacted. A body that is not JSON (truncated, interrupted, HTML, form-encoded) is kept up to
/// the first credential key (`"access_token":`, `password=`) and the rest is dropped, with the
/// count of bytes dropped, since where its value ends cannot be known.
pub(crate) fn raw_body(bytes: &[u8]) -> String {
    let Ok(mut value) = serde_json::from_slice::<Value>(bytes) else {
        return cut_at_secret(&String::from_utf8_lossy(bytes));
    };
    if redact(&mut value) {
        return value.to_string();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Replaces credential values in place; says whether it replaced any. Only text and structures
/// count as values: `null`, booleans and numbers are kept, so `"keepPassword": true` and the
/// legacy envelope's `"code": 2004` (an error code) stay readable.
fn redact(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let mut redacted = false;
            for (key, field) in map.iter_mut() {
                if is_secret_name(key)
                    && !matches!(field, Value::Null | Value::Bool(_) | Value::Number(_))
                {
                    *field = Value::from(REDACTED);
                    redacted = true;
                } else {
                    redacted |= redact(field);
                }
            }
            redacted
        }
        Value::Array(items) => items.iter_mut().fold(false, |acc, item| redact(item) | acc),
        _ => false,
    }
}

/// `text` up to its first credential key, and how many bytes were dropped after it.
fn cut_at_secret(text: &str) -> String {
    match first_secret_key(text) {
        Some(at) => format!(
            "{}<{} bytes dropped from a credential field on>",
            &text[..at],
            text.len() - at
        ),
        None => text.to_owned(),
    }
}

/// Where the first key with a credential's name starts (its opening quote, if any): a word
/// followed, after an optional closing quote and spaces, by `:` or `=`.
fn first_secret_key(text: &str) -> Option<usize> {
    let is_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-';
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !is_word(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && is_word(bytes[at]) {
            at += 1;
        }
        let rest = &text[at..];
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest).trim_start();
        if rest.starts_with([':', '=']) && is_secret_name(&text[start..at]) {
            let quoted = start > 0 && matches!(bytes[start - 1], b'"' | b'\'');
            return Some(start - usize::from(quoted));
        }
    }
    None
}

/// `error` without the values it quotes: `invalid type: string "s3cr3t", expected u32` becomes
/// `invalid type: string "***", expected u32`, and so do the backquoted values of numbers,
/// characters and enum variants. Field names (`missing field `password``) are kept. The
/// position stays in the message; the returned error has no `line()`/`column()` of its own.
pub(crate) fn sanitized(error: serde_json::Error) -> serde_json::Error {
    let message = error.to_string();
    let clean = without_values(&message);
    if clean == message {
        return error;
    }
    serde::de::Error::custom(clean)
}

/// The words after which serde writes a value in backquotes.
const VALUE_BEFORE_BACKQUOTE: &[&str] = &["integer ", "point ", "character ", "variant "];

fn without_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let before = &rest[..open];
        let inner = &rest[open + 1..];
        let close = closing(inner, quote);
        let is_value = quote == b'"'
            || VALUE_BEFORE_BACKQUOTE
                .iter()
                .any(|word| before.ends_with(word));
        match close {
            Some(close) => {
                out.push_str(if is_value { "***" } else { &inner[..close] });
                out.push(char::from(quote));
                rest = &inner[close + 1..];
            }
            None => {
                out.push_str(if is_value { "***" } else { inner });
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The offset of the quote closing a string that starts at `text` (`\"` does not close one).
fn closing(text: &str, quote: u8) -> Option<usize> {
    let mut escaped = false;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if quote == b'"' => escaped = true,
            byte if byte == quote => return Some(at),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{raw_body, without_values};

    #[track_caller]
    fn check_raw_body(input: &str, expected: &str) {
        assert_eq!(raw_body(input.as_bytes()), expected);
    }

    #[test]
    fn raw_body_redacts_credentials_only() {
        check_raw_body("<html>502</html>", "<html>502</html>");
        check_raw_body(r#"{"a": 1}"#, r#"{"a": 1}"#);
        check_raw_body(
            r#"{"data":{"access_token":"t","expires_in":1}}"#,
            r#"{"data":{"access_token":"<redacted>","expires_in":1}}"#,
        );
        check_raw_body(r#"[{"token":"t"}]"#, r#"[{"token":"<redacted>"}]"#);
        check_raw_body(r#"{"token":null}"#, r#"{"token":null}"#);
        check_raw_body(
            r#"{"appSecret":"s","clientSecret":"c","keepPassword":true,"code":2004}"#,
            r#"{"appSecret":"<redacted>","clientSecret":"<redacted>","code":2004,"keepPassword":true}"#,
        );
        check_raw_body(
            r#"{"statusCode":200,"data":{"access_token":"tru"#,
            r#"{"statusCode":200,"data":{<19 bytes dropped from a credential field on>"#,
        );
        check_raw_body(
            "access_token=abc&token_type=Bearer",
            "<34 bytes dropped from a credential field on>",
        );
        check_raw_body(r#"{"tokenExpiresIn": 7"#, r#"{"tokenExpiresIn": 7"#);
        check_raw_body("enter your password", "enter your password");
    }

    #[track_caller]
    fn check_message(input: &str, expected: &str) {
        assert_eq!(without_values(input), expected);
    }

    #[test]
    fn messages_keep_names_and_drop_values() {
        check_message(
            r#"invalid type: string "s3cr3t", expected u32 at line 1 column 20"#,
            r#"invalid type: string "***", expected u32 at line 1 column 20"#,
        );
        check_message(
            r#"invalid value: string "a\"b", expected x"#,
            r#"invalid value: string "***", expected x"#,
        );
        check_message(
            "invalid type: integer `123456`, expected a string",
            "invalid type: integer `***`, expected a string",
        );
        check_message(
            "unknown variant `s3cr3t`, expected one of `a`, `b`",
            "unknown variant `***`, expected one of `a`, `b`",
        );
        check_message("missing field `password`", "missing field `password`");
        check_message(r#"string "unterminated"#, r#"string "***"#);
    }
}
