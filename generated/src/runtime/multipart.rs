//! `multipart/form-data` request bodies: [`FilePart`] (a file to upload), [`MultipartForm`] (the
//! parts of one body) and [`Request::multipart`].
//!
//! The framing (boundary, part headers, `filename` quoting) is reqwest's `multipart` encoder.
//! The form is encoded into bytes when the builder method is called, so a retried or redirected
//! request sends the same bytes again. Per OpenAPI 3.0: a string, number or boolean is a
//! `text/plain` part, an object or array of them an `application/json` part, a file an
//! `application/octet-stream` part unless a content type is given; `null` and absent values send
//! no part.

use std::fmt;

use bytes::Bytes;
use futures_util::{FutureExt, StreamExt};
use serde::Serialize;
use serde_json::Value;

use super::request::Request;

/// A file sent as one part of a `multipart/form-data` body: its file name, its content type and
/// its bytes. `Debug` shows the name, the type and the length, never the content.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The `filename` of the part's `Content-Disposition`.
    pub file_name: String,
    /// The part's `Content-Type`; `None` sends the spec's `encoding` type, else
    /// `application/octet-stream`.
    pub content_type: Option<String>,
    /// The content.
    pub bytes: Bytes,
}

impl FilePart {
    /// A file named `file_name` with content `bytes` and no content type of its own.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Sets the content type (`image/png`).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The parts of one `multipart/form-data` body, in order.
#[derive(Default)]
pub struct MultipartForm {
    form: Option<reqwest::multipart::Form>,
    /// The first part that could not be encoded.
    invalid: Option<String>,
}

/// A type sent as a `multipart/form-data` body: one part per field.
pub trait MultipartBody {
    /// The parts of `self`.
    fn form(&self) -> MultipartForm;
}

impl MultipartForm {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(mut self, name: &str, part: reqwest::multipart::Part, content_type: &str) -> Self {
        match part.mime_str(content_type) {
            Ok(part) => {
                let form = self.form.take().unwrap_or_default();
                self.form = Some(form.part(name.to_owned(), part));
            }
            Err(_) => {
                self.invalid.get_or_insert(format!(
                    "multipart part `{name}`: content type {content_type:?} is not a media type"
                ));
            }
        }
        self
    }

    /// Adds `file` as part `name`, typed as the file says, else `content_type`, else
    /// `application/octet-stream`.
    pub fn file(self, name: &str, file: &FilePart, content_type: Option<&str>) -> Self {
        let part = reqwest::multipart::Part::stream_with_length(
            file.bytes.clone(),
            file.bytes.len() as u64,
        )
        .file_name(file.file_name.clone());
        let content_type = file
            .content_type
            .as_deref()
            .or(content_type)
            .unwrap_or("application/octet-stream");
        self.push(name, part, content_type)
    }

    /// Adds every file of `files` as a part named `name`.
    pub fn files(self, name: &str, files: &[FilePart], content_type: Option<&str>) -> Self {
        files
            .iter()
            .fold(self, |form, file| form.file(name, file, content_type))
    }

    /// Adds `value` as part `name`: a string, number or boolean as `text/plain` (the text
    /// itself), an array of them as one such part per item, anything else as
    /// `application/json`; `null` adds nothing. `content_type` overrides the part's type.
    pub fn value<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => {
                self.invalid
                    .get_or_insert(format!("multipart part `{name}`: {error}"));
                return self;
            }
        };
        match value {
            Value::Array(items) if items.iter().all(is_scalar) => items
                .into_iter()
                .fold(self, |form, item| form.scalar(name, item, content_type)),
            Value::Null => self,
            value if is_scalar(&value) => self.scalar(name, value, content_type),
            value => {
                let part = reqwest::multipart::Part::text(value.to_string());
                self.push(name, part, content_type.unwrap_or("application/json"))
            }
        }
    }

    fn scalar(self, name: &str, value: Value, content_type: Option<&str>) -> Self {
        let text = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        let part = reqwest::multipart::Part::text(text);
        self.push(name, part, content_type.unwrap_or("text/plain"))
    }

    /// The `content-type` header value and the body bytes, or why the form cannot be sent.
    fn encode(self) -> Result<(String, Bytes), String> {
        if let Some(reason) = self.invalid {
            return Err(reason);
        }
        let form = self.form.unwrap_or_default();
        let content_type = format!("multipart/form-data; boundary={}", form.boundary());
        // Every part is in memory: the stream is ready at each step.
        let chunks = form
            .into_stream()
            .collect::<Vec<_>>()
            .now_or_never()
            .ok_or_else(|| "multipart body: a part is not in memory".to_owned())?;
        let mut body = Vec::new();
        for chunk in chunks {
            body.extend_from_slice(&chunk.map_err(|e| format!("multipart body: {e}"))?);
        }
        Ok((content_type, body.into()))
    }
}

fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

impl Request {
    /// Sets a `multipart/form-data` body: the parts of `body`, framed with a fresh boundary.
    pub fn multipart<T: MultipartBody + ?Sized>(self, body: &T) -> Self {
        match body.form().encode() {
            Ok((content_type, bytes)) => self
                .header("content-type", content_type)
                .binary("multipart/form-data", bytes),
            Err(reason) => {
                let mut request = self;
                request.invalid(reason);
                request
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FilePart, MultipartForm};

    /// The encoded body with its boundary replaced by `B`.
    fn body(form: MultipartForm) -> String {
        let (content_type, bytes) = form.encode().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        String::from_utf8_lossy(&bytes).replace(boundary, "B")
    }

    fn check(form: MultipartForm, expected: &str) {
        assert_eq!(body(form), expected);
    }

    #[test]
    fn parts() {
        let text = |name: &str, value: &str| {
            format!(
                "--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n{value}\r\n"
            )
        };
        check(MultipartForm::new(), "");
        check(
            MultipartForm::new().value("n", &3, None),
            &(text("n", "3") + "--B--\r\n"),
        );
        check(
            MultipartForm::new().value("tags", &["a", "b"], None),
            &(text("tags", "a") + &text("tags", "b") + "--B--\r\n"),
        );
        check(MultipartForm::new().value("none", &None::<i32>, None), "");
        check(
            MultipartForm::new().value("meta", &serde_json::json!({"k": [1]}), None),
            "--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":[1]}\r\n--B--\r\n",
        );
        check(
            MultipartForm::new().file(
                "f",
                &FilePart::new("a \"b\".png", &b"\x89PNG"[..]),
                Some("image/png"),
            ),
            "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a \\\"b\\\".png\"\r\nContent-Type: image/png\r\n\r\n\u{FFFD}PNG\r\n--B--\r\n",
        );
        assert!(
            MultipartForm::new()
                .value("x", &1, Some("not a type"))
                .encode()
                .unwrap_err()
                .contains("`x`")
        );
    }

    #[test]
    fn debug_hides_the_content() {
        let file = FilePart::new("secret.txt", "the content").with_content_type("text/plain");
        assert_eq!(
            format!("{file:?}"),
            "FilePart { file_name: \"secret.txt\", content_type: Some(\"text/plain\"), len: 11 }"
        );
    }
}
