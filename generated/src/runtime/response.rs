//! Reading a response body into its type, with one distinct error per way it can fail.

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{BodyError, BodyErrorKind, DecodeError, Error, HttpError, Operation, raw_body};
use super::transport::Response;

/// Decodes a response that is not enveloped: a 2xx body as `T` ([`decode_json`]), any other
/// status as an [`HttpError`] keeping the body.
pub(crate) fn decode_plain<T: DeserializeOwned>(
    operation: &Operation,
    response: &Response,
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
    decode_json(operation, response.status, &response.body)
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
pub(crate) fn from_json<'de, T: serde::Deserialize<'de>>(
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
                source: error,
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
