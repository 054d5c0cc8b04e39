//! The V3 response envelope `{statusCode, message, apiCode?, requestId?, data}`: `data` when
//! `statusCode` is 200, an [`ApiError`] otherwise.

use reqwest::StatusCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::runtime::error::{ApiError, BodyError, BodyErrorKind, Error, HttpError, Operation};
use crate::runtime::redact::raw_body;
use crate::runtime::response::{from_json, json_error};

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

/// The envelope of a success, decoded in one pass with `data` as the target type.
#[derive(Deserialize)]
struct Success<'a, T> {
    #[serde(rename = "statusCode")]
    status_code: i64,
    #[serde(rename = "requestId", borrow, default)]
    request_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(default = "Option::default")]
    data: Option<T>,
}

/// Whether `T` is `()`: the only type whose `Deserialize` asks for a unit and nothing else
/// (`Option<()>` asks for an option, a unit struct for a unit struct).
fn is_unit<T: DeserializeOwned>() -> bool {
    /// Answers `deserialize_unit` and refuses everything else.
    struct UnitProbe;

    impl<'de> serde::Deserializer<'de> for UnitProbe {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a unit"))
        }

        fn deserialize_unit<V: serde::de::Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            visitor.visit_unit()
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
            ignored_any
        }
    }

    T::deserialize(UnitProbe).is_ok()
}

/// Decodes an enveloped response: `Ok(data)` as `T` when `statusCode` is 200, otherwise the
/// envelope as an [`ApiError`]. An HTTP error status without an envelope (a proxy's HTML page)
/// is an [`HttpError`].
///
/// A 2xx answer with `statusCode` 200 and a `data` of type `T` is decoded in one pass; anything
/// else (an error, a `data` that is absent, `null` or not a `T`) takes [`decode_slow`], which
/// classifies it.
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &Operation,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    if status.is_success()
        && let Ok(Success {
            status_code: 200,
            request_id,
            data: Some(data),
        }) = serde_json::from_slice::<Success<'_, T>>(body)
    {
        if let Some(request_id) = &request_id {
            tracing::Span::current().record("request_id", &**request_id);
        }
        return Ok(data);
    }
    decode_slow(operation, status, body)
}

/// [`decode`] of any answer: the envelope with `data` left raw, then `data` by itself.
fn decode_slow<T: DeserializeOwned>(
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
        let operation = operation.clone();
        return Err(BodyError {
            operation,
            status,
            kind,
            body: raw_body(body),
            source: None,
        }
        .into());
    }
    let envelope: Envelope<'_> = match from_json(body) {
        Ok(envelope) => envelope,
        Err(_) if !status.is_success() => return Err(http_error()),
        Err((path, error)) => return Err(json_error(operation, status, body, path, error)),
    };
    if let Some(request_id) = &envelope.request_id {
        tracing::Span::current().record("request_id", request_id.as_str());
    }
    if envelope.status_code != 200 {
        let (status_code, api_code) = (envelope.status_code, envelope.api_code);
        tracing::debug!(status_code, api_code, "API error");
        return Err(ApiError {
            operation: operation.clone(),
            http_status: status,
            status_code,
            api_code,
            message: envelope.message,
            request_id: envelope.request_id,
        }
        .into());
    }
    if !status.is_success() {
        return Err(http_error());
    }
    let data = envelope.data.map_or("null", RawValue::get);
    // The spec promised no `data` (`()`), the server sent some (`{"success": true}`): the call
    // succeeded, and what it added is nothing the caller asked for.
    if data != "null" && is_unit::<T>() {
        tracing::debug!(operation = %operation, "a `data` the spec does not describe was ignored");
        return T::deserialize(serde_json::Value::Null)
            .map_err(|error| json_error(operation, status, body, "data".to_owned(), error));
    }
    from_json(data.as_bytes()).map_err(|(path, error)| {
        let path = if path == "." {
            "data".to_owned()
        } else {
            format!("data.{path}")
        };
        json_error(operation, status, body, path, error)
    })
}
