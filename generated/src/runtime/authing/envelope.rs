//! The V3 response envelope `{statusCode, message, apiCode?, requestId?, data}`: `data` when
//! `statusCode` is 200, an [`ApiError`] otherwise.

use reqwest::StatusCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::runtime::error::{
    ApiError, BodyError, BodyErrorKind, Error, HttpError, Operation, raw_body,
};
use crate::runtime::response::json_error;

/// The envelope, with `data` left raw until the status says what it is.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "statusCode")]
    status_code: i64,
    #[serde(default)]
    message: String,
    #[serde(rename = "apiCode", default)]
    api_code: Option<i64>,
    #[serde(rename = "requestId", default)]
    request_id: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// Decodes an enveloped response: `Ok(data)` as `T` when `statusCode` is 200, otherwise the
/// envelope as an [`ApiError`]. An HTTP error status without an envelope (a proxy's HTML page)
/// is an [`HttpError`].
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &Operation,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    let http_error = || -> Error {
        HttpError {
            operation: operation.clone(),
            status,
            body: raw_body(body),
        }
        .into()
    };
    if body.trim_ascii().is_empty() {
        if !status.is_success() {
            return Err(http_error());
        }
        let kind = BodyErrorKind::Empty;
        return Err(BodyError {
            operation: operation.clone(),
            status,
            kind,
            body: String::new(),
            source: None,
        }
        .into());
    }
    let envelope: Envelope<'_> =
        match serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body)) {
            Ok(envelope) => envelope,
            Err(_) if !status.is_success() => return Err(http_error()),
            Err(error) => {
                return Err(json_error(
                    operation,
                    status,
                    body,
                    error.path().to_string(),
                    error.into_inner(),
                ));
            }
        };
    let span = tracing::Span::current();
    if let Some(request_id) = &envelope.request_id {
        span.record("request_id", request_id.as_str());
    }
    if envelope.status_code != 200 {
        tracing::debug!(
            status_code = envelope.status_code,
            api_code = envelope.api_code,
            "API error"
        );
        return Err(ApiError {
            operation: operation.clone(),
            http_status: status,
            status_code: envelope.status_code,
            api_code: envelope.api_code,
            message: envelope.message,
            request_id: envelope.request_id,
        }
        .into());
    }
    if !status.is_success() {
        return Err(http_error());
    }
    let data = envelope.data.map_or("null", RawValue::get);
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(data)).map_err(
        |error| {
            let path = match error.path().to_string() {
                root if root == "." => "data".to_owned(),
                inner => format!("data.{inner}"),
            };
            json_error(operation, status, body, path, error.into_inner())
        },
    )
}
