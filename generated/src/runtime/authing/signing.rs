//! Management request signing: every request signed with the access key (HMAC-SHA1), as the
//! node SDK's `ManagementHttpClient` does (`src/utils/buildSignature.ts`), instead of a
//! management token.
//!
//! The string to sign is the method, the sorted `x-authing-*` and `date` headers
//! (`name:value\n`, tabs and line breaks turned into spaces, trimmed), then the path with its
//! parameters sorted by name (`/path?a=1&b=2`): the query of a `GET`, the body's fields for any
//! other method, exactly as the node SDK reads them. The request carries
//! `authorization: authing <accessKeyId>:<base64 HMAC-SHA1(secret, string)>`, a fresh
//! `x-authing-signature-nonce`, `x-authing-signature-method: HMAC-SHA1`,
//! `x-authing-signature-version: 1.0` and `date`. For GenAuth the prefix is `x-genauth-` and the
//! scheme `genauth`, as in the GenAuth SDK's event socket authorization.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use sha1::Sha1;

use super::Brand;
use crate::runtime::Secret;
use crate::runtime::request::Outgoing;

/// Signs management requests with an access key.
#[derive(Debug)]
pub(crate) struct Signer {
    access_key_id: String,
    access_key_secret: Secret,
    brand: Brand,
}

impl Signer {
    pub(crate) fn new(access_key_id: String, access_key_secret: Secret, brand: Brand) -> Self {
        Self {
            access_key_id,
            access_key_secret,
            brand,
        }
    }

    /// Adds the signature headers to `outgoing`, signed at `now` with `nonce`.
    pub(crate) fn sign(&self, outgoing: &mut Outgoing, now: SystemTime, nonce: &str) {
        let prefix = self.brand.header_prefix();
        let headers = &mut outgoing.headers;
        let mut put = |suffix: &str, value: HeaderValue| {
            let name = HeaderName::try_from(format!("{prefix}-{suffix}"))
                .expect("brand header names are valid");
            headers.insert(name, value);
        };
        put(
            "signature-nonce",
            HeaderValue::try_from(nonce).expect("nonces are hex"),
        );
        put("signature-method", HeaderValue::from_static("HMAC-SHA1"));
        put("signature-version", HeaderValue::from_static("1.0"));
        let date = httpdate::fmt_http_date(now);
        headers.insert(
            DATE,
            HeaderValue::try_from(date).expect("HTTP dates are ASCII"),
        );
        let params = if outgoing.operation.method == Method::GET {
            query_params(&outgoing.url)
        } else {
            body_params(&outgoing.headers, outgoing.body.as_deref())
        };
        let text = string_to_sign(
            outgoing.operation.method.as_str(),
            outgoing.url.path(),
            &outgoing.headers,
            &format!("{prefix}-"),
            params,
        );
        let authorization = format!(
            "{} {}:{}",
            scheme(self.brand),
            self.access_key_id,
            signature(&self.access_key_secret, &text)
        );
        let mut value = HeaderValue::try_from(authorization)
            .unwrap_or_else(|_| HeaderValue::from_static("invalid"));
        value.set_sensitive(true);
        outgoing.headers.insert(AUTHORIZATION, value);
    }
}

/// The authorization scheme word of `brand`.
pub(crate) fn scheme(brand: Brand) -> &'static str {
    match brand {
        Brand::Authing => "authing",
        Brand::GenAuth => "genauth",
    }
}

/// A fresh nonce: 16 random bytes as 32 hex digits (the node SDK sends an MD5 hex digest of
/// host, pid and a random number: the same shape).
pub(crate) fn nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// base64 of HMAC-SHA1 of `text` under `secret`.
pub(crate) fn signature(secret: &Secret, text: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.expose().as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(text.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// A parameter as the node SDK writes it in the resource: strings as they are, other scalars
/// as JavaScript prints them, objects and arrays as JSON.
fn param_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The query parameters of a `GET`; a name repeated (`ids=a&ids=b`) is one array parameter.
fn query_params(url: &reqwest::Url) -> Vec<(String, String)> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in url.query_pairs() {
        match grouped.iter_mut().find(|(have, _)| *have == name) {
            Some((_, values)) => values.push(value.into_owned()),
            None => grouped.push((name.into_owned(), vec![value.into_owned()])),
        }
    }
    grouped
        .into_iter()
        .map(|(name, mut values)| {
            let text = if values.len() == 1 {
                values.remove(0)
            } else {
                Value::from(values).to_string()
            };
            (name, text)
        })
        .collect()
}

/// The fields of a JSON object or form body (the node SDK signs the body's keys for every
/// method but `GET`); nothing for other bodies.
fn body_params(headers: &HeaderMap, body: Option<&[u8]>) -> Vec<(String, String)> {
    let Some(body) = body else { return Vec::new() };
    let form = headers.get(CONTENT_TYPE).is_some_and(|value| {
        value
            .as_bytes()
            .starts_with(b"application/x-www-form-urlencoded")
    });
    if form {
        return form_urlencoded::parse(body)
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => fields
            .iter()
            .map(|(name, value)| (name.clone(), param_text(value)))
            .collect(),
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, value)| (index.to_string(), param_text(value)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The string to sign: `method\n`, the canonical headers, the canonical resource.
pub(crate) fn string_to_sign(
    method: &str,
    path: &str,
    headers: &HeaderMap,
    prefix: &str,
    mut params: Vec<(String, String)>,
) -> String {
    let mut canonical: Vec<(&str, String)> = headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with(prefix) || *name == DATE)
        .map(|(name, value)| {
            let value =
                String::from_utf8_lossy(value.as_bytes()).replace(['\t', '\n', '\r', '\u{c}'], " ");
            (name.as_str(), value.trim().to_owned())
        })
        .collect();
    canonical.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = format!("{method}\n");
    for (name, value) in canonical {
        text.push_str(&format!("{name}:{value}\n"));
    }
    text.push_str(path);
    if !params.is_empty() {
        // JavaScript's default sort: by UTF-16 code units.
        params.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let pairs: Vec<String> = params
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        text.push('?');
        text.push_str(&pairs.join("&"));
    }
    text
}

#[cfg(test)]
mod tests {
    //! Vectors computed with the node SDK's own `buildSignature.ts` (run with `tsx`, see
    //! `generated/tests/node-signature/`) and, for the HMAC alone, by hand:
    //! `printf '%s' "$TEXT" | openssl dgst -sha1 -hmac "$SECRET" -binary | base64`.

    use std::time::{Duration, SystemTime};

    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

    use super::{Signer, signature, string_to_sign};
    use crate::runtime::authing::Brand;
    use crate::runtime::request::Request;
    use crate::runtime::{Method, Secret};

    /// Signs `request` under `http://h` at a fixed date and nonce, with the headers a
    /// management client sends; returns (string to sign, authorization).
    fn signed(request: Request) -> (String, String) {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-authing-request-from", "sdk-rust"),
            ("x-authing-sdk-version", "0.1.0"),
            ("x-authing-userpool-id", "pool-1"),
            ("x-authing-lang", "en-US"),
            ("user-agent", "not-signed"),
        ] {
            headers.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let mut outgoing = request.prepare("http://h", headers).expect("valid");
        let signer = Signer::new("ak-1".into(), Secret::new("sk-secret"), Brand::Authing);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_748_800);
        signer.sign(&mut outgoing, now, "0123456789abcdef0123456789abcdef");
        let text = super::string_to_sign(
            outgoing.operation.method.as_str(),
            outgoing.url.path(),
            &outgoing.headers,
            "x-authing-",
            if outgoing.operation.method == Method::GET {
                super::query_params(&outgoing.url)
            } else {
                super::body_params(&outgoing.headers, outgoing.body.as_deref())
            },
        );
        let authorization = outgoing.headers["authorization"]
            .to_str()
            .unwrap()
            .to_owned();
        (text, authorization)
    }

    #[track_caller]
    fn check(request: Request, text: &str, authorization: &str) {
        assert_eq!(signed(request), (text.to_owned(), authorization.to_owned()));
    }

    const HEADERS: &str = "date:Wed, 03 Dec 2025 08:00:00 GMT\n\
        x-authing-lang:en-US\n\
        x-authing-request-from:sdk-rust\n\
        x-authing-sdk-version:0.1.0\n\
        x-authing-signature-method:HMAC-SHA1\n\
        x-authing-signature-nonce:0123456789abcdef0123456789abcdef\n\
        x-authing-signature-version:1.0\n\
        x-authing-userpool-id:pool-1\n";

    #[test]
    fn requests_are_signed_as_the_node_sdk_signs_them() {
        check(
            Request::new(Method::GET, "/api/v3/get-user")
                .query("userId", "u 1")
                .query("withCustomData", &true)
                .query("ids", &["a", "b"]),
            &format!(
                "GET\n{HEADERS}/api/v3/get-user?ids=[\"a\",\"b\"]&userId=u 1&withCustomData=true"
            ),
            "authing ak-1:+fjwQ4i2aMRLNTH7diXeHmDvSao=",
        );
        check(
            Request::new(Method::POST, "/api/v3/list-users").json(&serde_json::json!({
                "options": {"pagination": {"page": 1, "limit": 10}},
                "keywords": "alice",
                "Zeta": null,
            })),
            &format!(
                "POST\n{HEADERS}/api/v3/list-users?Zeta=null&keywords=alice&options={{\"pagination\":{{\"limit\":10,\"page\":1}}}}"
            ),
            "authing ak-1:8htYXfReKi6SGDTcHBwwQrQiMgI=",
        );
        check(
            Request::new(Method::GET, "/api/v3/list-apps"),
            &format!("GET\n{HEADERS}/api/v3/list-apps"),
            "authing ak-1:/tmW9G0j6Y5C5udazRRlkOIeyss=",
        );
    }

    #[test]
    fn headers_are_filtered_sorted_and_trimmed() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-authing-b", "  two\tvalues  "),
            ("date", "d"),
            ("x-authing-a", "one"),
            ("x-genauth-c", "other brand"),
            ("content-type", "application/json"),
        ] {
            headers.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let params = vec![("b".into(), "2".into()), ("a".into(), "1".into())];
        assert_eq!(
            string_to_sign("PUT", "/p", &headers, "x-authing-", params),
            "PUT\ndate:d\nx-authing-a:one\nx-authing-b:two values\n/p?a=1&b=2"
        );
    }

    #[test]
    fn the_hmac_matches_openssl() {
        // printf 'GET\n/api/v3/list-apps' | openssl dgst -sha1 -hmac 'sk-secret' -binary | base64
        assert_eq!(
            signature(&Secret::new("sk-secret"), "GET\n/api/v3/list-apps"),
            "m3kkhUSKO0L7Uprefx33ANNYRe4="
        );
    }
}
