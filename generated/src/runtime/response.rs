//! Reading a response body into its type, with one distinct error per way it can fail.

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{BodyError, BodyErrorKind, DecodeError, Error, HttpError, Operation};
use super::redact::{raw_body, sanitized};
use super::transport::Response;

/// What a success body is, as the operation's media type says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ResponseFormat {
    /// JSON, decoded into the success type.
    #[default]
    Json,
    /// `text/*`: the UTF-8 text, as a `String`.
    Text,
    /// Anything else (`application/octet-stream`, images, ...): the bytes, as `Bytes`.
    Binary,
}

/// Decodes a response that is not enveloped: a 2xx body as `T` (JSON, text or bytes, as
/// `format` says), any other status as an [`HttpError`] keeping the body.
pub(crate) fn decode_plain<T: DeserializeOwned>(
    operation: &Operation,
    response: &Response,
    format: ResponseFormat,
) -> Result<T, Error> {
    if !response.status.is_success() {
        let body = raw_body(&response.body);
        return Err(HttpError {
            operation: operation.clone(),
            status: response.status,
            body,
        }
        .into());
    }
    let status = response.status;
    let body = &response.body;
    let failed =
        |kind: BodyErrorKind, source: Option<Box<dyn std::error::Error + Send + Sync>>| -> Error {
            BodyError {
                operation: operation.clone(),
                status,
                kind,
                body: raw_body(body),
                source,
            }
            .into()
        };
    match format {
        ResponseFormat::Json => decode_json(operation, status, body),
        ResponseFormat::Text => {
            let text = std::str::from_utf8(body)
                .map_err(|error| failed(BodyErrorKind::NotText, Some(Box::new(error))))?;
            T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text))
                .map_err(|error| failed(BodyErrorKind::NotText, Some(Box::new(error))))
        }
        ResponseFormat::Binary => T::deserialize(serde::de::value::BytesDeserializer::<
            serde::de::value::Error,
        >::new(body))
        .map_err(|error| failed(BodyErrorKind::NotJson, Some(Box::new(error)))),
    }
}

/// Decodes a JSON body as `T`. An empty (or all-whitespace) body reads as JSON `null`, so `()`
/// and `Option<_>` accept it and other types report [`BodyErrorKind::Empty`].
pub(crate) fn decode_json<T: DeserializeOwned>(
    operation: &Operation,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    if body.trim_ascii().is_empty() {
        return T::deserialize(serde_json::Value::Null).map_err(|_| {
            let kind = BodyErrorKind::Empty;
            BodyError {
                operation: operation.clone(),
                status,
                kind,
                body: raw_body(body),
                source: None,
            }
            .into()
        });
    }
    from_json(body).map_err(|(path, error)| json_error(operation, status, body, path, error))
}

/// Deserializes the whole of `json` (trailing characters are an error), or says where it failed.
///
/// The success path is one plain `serde_json` pass; only a failure decodes again through
/// `serde_path_to_error` to find the path, which would cost every request about a fifth of
/// its decode time.
pub(crate) fn from_json<'de, T: serde::Deserialize<'de>>(
    json: &'de [u8],
) -> Result<T, (String, serde_json::Error)> {
    match serde_json::from_slice(json) {
        Ok(value) => Ok(value),
        Err(_) => from_json_with_path(json),
    }
}

/// [`from_json`]'s failure path: the same decode, tracking where it fails.
fn from_json_with_path<'de, T: serde::Deserialize<'de>>(
    json: &'de [u8],
) -> Result<T, (String, serde_json::Error)> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| (error.path().to_string(), error.into_inner()))?;
    deserializer
        .end()
        .map_err(|error| (".".to_owned(), error))?;
    Ok(value)
}

/// Classifies a `serde_json` failure on `body`: a syntax error is [`BodyErrorKind::NotJson`],
/// an early end [`BodyErrorKind::Truncated`], anything else a [`DecodeError`] at `path`.
pub(crate) fn json_error(
    operation: &Operation,
    status: StatusCode,
    body: &[u8],
    path: String,
    error: serde_json::Error,
) -> Error {
    let kind = match error.classify() {
        serde_json::error::Category::Eof => BodyErrorKind::Truncated,
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            BodyErrorKind::NotJson
        }
        serde_json::error::Category::Data => {
            return DecodeError {
                operation: operation.clone(),
                status,
                path,
                body: raw_body(body),
                source: sanitized(error),
            }
            .into();
        }
    };
    BodyError {
        operation: operation.clone(),
        status,
        kind,
        body: raw_body(body),
        source: Some(Box::new(error)),
    }
    .into()
}
