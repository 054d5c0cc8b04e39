//! [`Request`]: one HTTP call, as generated code describes it.
//!
//! Builder methods never fail: what cannot be encoded (a body that does not serialize, a path
//! parameter that is missing) is remembered and reported as [`Error::InvalidRequest`] when the
//! request is sent, before anything goes on the wire.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use serde_json::Value;

use super::encode::{component, form_owned, push_pairs, whole_numbers};
use super::error::{Error, Operation};
use super::path::fill_path;
use super::response::ResponseFormat;
use super::style::{self, ParamStyle};

/// One HTTP call: method, path template and its parameters, query, body, headers, and how the
/// Authing clients treat it (token endpoint, envelope or not).
///
/// `Debug` shows the parameter and header names, never their values (they may carry
/// credentials or personal data).
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) operation_id: Option<&'static str>,
    /// Path segment texts, already percent-encoded.
    pub(crate) path_params: Vec<(&'static str, String)>,
    /// Query pairs, already encoded.
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Body,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Cookie pairs, already encoded; sent as one `Cookie` header.
    pub(crate) cookies: Vec<(String, String)>,
    pub(crate) server: Option<&'static str>,
    pub(crate) token_endpoint: bool,
    pub(crate) unwrapped: bool,
    pub(crate) response_format: ResponseFormat,
    /// The first builder step that failed, reported when the request is sent.
    invalid: Option<String>,
}

/// A request body, serialized when the builder method was called.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Body {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
    /// Raw bytes with their media type (`application/octet-stream`, `image/png`, ...).
    Binary(Bytes, &'static str),
}

impl Request {
    /// A request for `method` on `path_template` (`/api/v3/get-user`,
    /// `/oauth/app2wxapp/auth/{userPoolId}`), relative to the client's base URL.
    pub fn new(method: Method, path_template: &'static str) -> Self {
        Self {
            method,
            path_template,
            operation_id: None,
            path_params: Vec::new(),
            query: Vec::new(),
            body: Body::None,
            headers: Vec::new(),
            cookies: Vec::new(),
            server: None,
            token_endpoint: false,
            unwrapped: false,
            response_format: ResponseFormat::Json,
            invalid: None,
        }
    }

    /// Names the operation (the spec's `operationId`), for tracing and errors.
    pub fn operation_id(mut self, id: &'static str) -> Self {
        self.operation_id = Some(id);
        self
    }

    /// Fills the `{name}` placeholder of the path template; the value is percent-encoded as one
    /// path segment.
    pub fn path_param(mut self, name: &'static str, value: impl ToString) -> Self {
        let segment = component(&value.to_string());
        self.path_params.push((name, segment));
        self
    }

    /// Fills the `{name}` placeholder with `value` written in an OpenAPI `style`
    /// (`simple`, `label`, `matrix`) and `explode`: `3,4,5`, `.3.4.5`, `;id=3;id=4;id=5`.
    pub fn path_param_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: bool,
    ) -> Self {
        match serde_json::to_value(value)
            .map_err(|e| e.to_string())
            .and_then(|v| style::path(name, whole_numbers(v), style, explode))
        {
            Ok(segment) => self.path_params.push((name, segment)),
            Err(error) => self.invalid(format!("path parameter `{name}`: {error}")),
        }
        self
    }

    /// Adds a query parameter. `None` / null adds nothing; a sequence adds the key once per
    /// item (`ids=1&ids=2`); strings, numbers and booleans are written as text; an object is
    /// written as its JSON text.
    pub fn query<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => {
                let mut pairs = Vec::new();
                push_pairs(&mut pairs, name, whole_numbers(value));
                self.query.extend(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (form_owned(k), form_owned(v))),
                );
            }
            Err(error) => self.invalid(format!("query parameter `{name}`: {error}")),
        }
        self
    }

    /// Adds a query parameter written in an OpenAPI `style` (`form`, `spaceDelimited`,
    /// `pipeDelimited`, `deepObject`) and `explode`: `id=3,4,5`, `id=3|4|5`,
    /// `id[role]=admin`, an exploded form object as one pair per property. `None` adds nothing.
    pub fn query_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: bool,
    ) -> Self {
        match serde_json::to_value(value)
            .map_err(|e| e.to_string())
            .and_then(|v| style::query(name, whole_numbers(v), style, explode))
        {
            Ok(pairs) => self.query.extend(pairs),
            Err(error) => self.invalid(format!("query parameter `{name}`: {error}")),
        }
        self
    }

    /// Sets a JSON body (serialized now).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_value(body) {
            Ok(value) => self.body = Body::Json(whole_numbers(value)),
            Err(error) => self.invalid(format!("JSON body: {error}")),
        }
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body: the fields of a struct or map, with the
    /// same rules for values as [`Request::query`].
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_value(body).map(whole_numbers) {
            Ok(Value::Object(fields)) => {
                let mut pairs = Vec::with_capacity(fields.len());
                for (name, value) in fields {
                    push_pairs(&mut pairs, &name, value);
                }
                self.body = Body::Form(pairs);
            }
            Ok(other) => self.invalid(format!("form body must be a struct or a map, not {other}")),
            Err(error) => self.invalid(format!("form body: {error}")),
        }
        self
    }

    /// Adds a header; it replaces a client default of the same name.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Adds a header written in the OpenAPI `simple` style: numbers and booleans as text,
    /// arrays as `a,b`, objects as `k,v` (or `k=v` with `explode`). `None` adds nothing.
    pub fn header_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
        explode: bool,
    ) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => {
                if let Some(text) = style::header(whole_numbers(value), explode) {
                    self.headers.push((name, text));
                }
            }
            Err(error) => self.invalid(format!("header `{name}`: {error}")),
        }
        self
    }

    /// Adds a cookie (OpenAPI `form` style: arrays as `id=3,4` or, with `explode`, one cookie
    /// per item); all of them go in one `Cookie` header. `None` adds nothing.
    pub fn cookie<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
        explode: bool,
    ) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => self
                .cookies
                .extend(style::cookie(name, whole_numbers(value), explode)),
            Err(error) => self.invalid(format!("cookie `{name}`: {error}")),
        }
        self
    }

    /// Sends this request to `base_url` instead of the client's base URL (an operation-level
    /// `servers` entry). Authing clients send the legacy core hosts (`https://core.authing.cn`,
    /// `https://core.genauth.ai`) to their configured core host instead.
    pub fn server(mut self, base_url: &'static str) -> Self {
        self.server = Some(base_url);
        self
    }

    /// Marks a token endpoint (spec `x-token-endpoint`): Authing clients authenticate the app
    /// on it with the configured token endpoint auth method.
    pub fn token_endpoint(mut self) -> Self {
        self.token_endpoint = true;
        self
    }

    /// Marks a response that is not the `{statusCode, message, apiCode, requestId, data}`
    /// envelope (spec `x-legacy`): Authing clients decode the whole body.
    pub fn unwrapped(mut self) -> Self {
        self.unwrapped = true;
        self
    }

    /// Marks a `text/*` response: the success value is the body's text (a `String`); never an
    /// envelope.
    pub fn text_response(mut self) -> Self {
        self.response_format = ResponseFormat::Text;
        self.unwrapped = true;
        self
    }

    /// Marks a binary response (`application/octet-stream`, an image, ...): the success value
    /// is the body's bytes (`Bytes`); never an envelope.
    pub fn binary_response(mut self) -> Self {
        self.response_format = ResponseFormat::Binary;
        self.unwrapped = true;
        self
    }

    /// Sets a raw body of media type `content_type` (`application/octet-stream`, `image/png`).
    pub fn binary(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Body::Binary(body.into(), content_type);
        self
    }

    /// The call, for errors and tracing.
    pub(crate) fn operation(&self) -> Operation {
        Operation {
            method: self.method.clone(),
            path: self.path_template,
            operation_id: self.operation_id,
        }
    }

    /// Whether the request already has header `name` (ASCII case-insensitive).
    #[cfg(feature = "authentication")]
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(have, _)| have.eq_ignore_ascii_case(name))
    }

    pub(crate) fn invalid(&mut self, reason: String) {
        self.invalid.get_or_insert(reason);
    }

    /// Resolves everything into what goes on the wire under `base_url` (no trailing slash);
    /// see [`prepare_at`](Self::prepare_at).
    pub(crate) fn prepare(self, base_url: &str, headers: HeaderMap) -> Result<Outgoing, Error> {
        match Url::parse(base_url) {
            Ok(base) => self.prepare_at(&base, headers),
            Err(error) => Err(Error::InvalidRequest {
                operation: self.operation(),
                reason: format!("URL: {error}"),
            }),
        }
    }

    /// Resolves everything into what goes on the wire: the URL under `base` (its path is a
    /// prefix, without a trailing slash), the client's `headers` overridden by the request's
    /// own, the body bytes.
    pub(crate) fn prepare_at(self, base: &Url, mut headers: HeaderMap) -> Result<Outgoing, Error> {
        let operation = self.operation();
        let fail = |reason: String| Error::InvalidRequest {
            operation: operation.clone(),
            reason,
        };
        if let Some(reason) = self.invalid {
            return Err(fail(reason));
        }
        let path = fill_path(self.path_template, &self.path_params).map_err(&fail)?;
        let mut url = base.clone();
        if !path.is_empty() {
            // `path` is percent-encoded already: `set_path` keeps it as it is.
            let prefix = base.path().trim_end_matches('/');
            if prefix.is_empty() {
                url.set_path(&path);
            } else {
                url.set_path(&[prefix, &path].concat());
            }
        }
        if !self.query.is_empty() {
            let mut query = String::new();
            for (name, value) in &self.query {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(name);
                query.push('=');
                query.push_str(value);
            }
            url.set_query(Some(&query));
        }
        if !self.cookies.is_empty() {
            let mut cookies: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            if let Some(existing) = headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
                cookies.insert(0, existing.to_owned());
            }
            let mut value = HeaderValue::try_from(cookies.join("; "))
                .map_err(|_| fail("cookies: not a header value".to_owned()))?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        for (name, value) in self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| fail(format!("header name `{name}`")))?;
            let mut value = HeaderValue::try_from(value)
                .map_err(|_| fail(format!("header `{name}` has an invalid value")))?;
            value.set_sensitive(name == AUTHORIZATION);
            headers.insert(name, value);
        }
        let body = match self.body {
            Body::None => None,
            Body::Json(value) => {
                headers
                    .entry(CONTENT_TYPE)
                    .or_insert(HeaderValue::from_static("application/json"));
                Some(serde_json::to_vec(&value).map_err(|e| fail(format!("JSON body: {e}")))?)
            }
            Body::Form(pairs) => {
                headers
                    .entry(CONTENT_TYPE)
                    .or_insert(HeaderValue::from_static(
                        "application/x-www-form-urlencoded",
                    ));
                Some(
                    form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(&pairs)
                        .finish()
                        .into_bytes(),
                )
            }
            Body::Binary(bytes, content_type) => {
                let value = HeaderValue::from_static(content_type);
                headers.entry(CONTENT_TYPE).or_insert(value);
                Some(bytes.to_vec())
            }
        };
        Ok(Outgoing {
            operation,
            url,
            headers,
            body: body.map(Into::into),
        })
    }
}

/// A request resolved into what goes on the wire.
#[derive(Clone, Debug)]
pub(crate) struct Outgoing {
    pub(crate) operation: Operation,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("operation_id", &self.operation_id)
            .field(
                "path_params",
                &self
                    .path_params
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "query",
                &self.query.iter().map(|(name, _)| name).collect::<Vec<_>>(),
            )
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "cookies",
                &self
                    .cookies
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "body",
                &match self.body {
                    Body::None => "none",
                    Body::Json(_) => "json",
                    Body::Form(_) => "form",
                    Body::Binary(..) => "binary",
                },
            )
            .field("server", &self.server)
            .field("token_endpoint", &self.token_endpoint)
            .field("unwrapped", &self.unwrapped)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderMap;
    use serde_json::json;

    use super::{Method, Request};

    /// Prepares `request` under `http://h` and compares the URL, or the error message.
    #[track_caller]
    fn check(request: Request, expected: Result<&str, &str>) {
        let actual = request
            .prepare("http://h", HeaderMap::new())
            .map(|outgoing| outgoing.url.to_string());
        match (actual, expected) {
            (Ok(url), Ok(expected)) => assert_eq!(url, expected),
            (Err(error), Err(expected)) => assert_eq!(error.to_string(), expected),
            (actual, expected) => panic!("got {actual:?}, expected {expected:?}"),
        }
    }

    fn get(path: &'static str) -> Request {
        Request::new(Method::GET, path)
    }

    #[test]
    fn urls_are_built_from_templates_and_queries() {
        check(get("/api/v3/get-user"), Ok("http://h/api/v3/get-user"));
        check(
            get("/a/{id}").path_param("id", "x/y z?"),
            Ok("http://h/a/x%2Fy%20z%3F"),
        );
        check(
            get("/a/{id}/b/{n}")
                .path_param("n", 7)
                .path_param("id", "é"),
            Ok("http://h/a/%C3%A9/b/7"),
        );
        check(
            get("/q").query("a", &Some(1)).query("b", &None::<i32>),
            Ok("http://h/q?a=1"),
        );
        check(
            get("/q").query("ids", &["x", "y"]).query("ok", &true),
            Ok("http://h/q?ids=x&ids=y&ok=true"),
        );
        check(
            get("/q").query("f", &json!({"k": [1]})),
            Ok("http://h/q?f=%7B%22k%22%3A%5B1%5D%7D"),
        );
        check(get("/q").query("s", "a b&c"), Ok("http://h/q?s=a+b%26c"));
    }

    #[test]
    fn a_base_path_is_a_prefix() {
        let base = reqwest::Url::parse("http://h/prefix").unwrap();
        for (request, expected) in [
            (
                get("/a/{id}").path_param("id", "x y"),
                "http://h/prefix/a/x%20y",
            ),
            (get("").query("q", "1"), "http://h/prefix?q=1"),
        ] {
            let url = request.prepare_at(&base, HeaderMap::new()).unwrap().url;
            assert_eq!(url.as_str(), expected);
        }
    }

    #[test]
    fn invalid_requests_are_reported_at_send_time() {
        check(
            get("/a/{id}"),
            Err("GET /a/{id}: invalid request: path parameter `id` is missing"),
        );
        check(
            get("/a/{id}").operation_id("getA").path_param("id", ""),
            Err("getA (GET /a/{id}): invalid request: path parameter `id` is empty"),
        );
        check(
            get("/a/{id"),
            Err("GET /a/{id: invalid request: path template `/a/{id` has an unclosed `{`"),
        );
        let map_with_int_keys = std::collections::BTreeMap::from([((1, 2), 3)]);
        check(
            get("/a").json(&map_with_int_keys),
            Err("GET /a: invalid request: JSON body: key must be a string"),
        );
        check(
            get("/a").form(&[1, 2]),
            Err("GET /a: invalid request: form body must be a struct or a map, not [1,2]"),
        );
        check(
            get("/a").header("x-a", "line\nbreak"),
            Err("GET /a: invalid request: header `x-a` has an invalid value"),
        );
    }

    #[test]
    fn debug_shows_names_not_values() {
        let request = get("/a/{id}")
            .path_param("id", "p-secret")
            .query("q", "q-secret")
            .header("x-k", "h-secret")
            .cookie("c", "c-secret", true);
        let debug = format!("{:?}", request.json(&json!({"password": "b-secret"})));
        assert!(!debug.contains("secret"), "{debug}");
        assert!(
            debug.contains(r#"path_params: ["id"], query: ["q"], headers: ["x-k"], cookies: ["c"], body: "json""#),
            "{debug}"
        );
    }
}
