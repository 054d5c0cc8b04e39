//! The API's operations and data types, machine-written from `spec/*.openapi.json` by
//! `cargo xtask codegen` (never edit those files: change the spec or the generator).
//!
//! Each generated module is a declarative listing written with the carrier macros of
//! [`prelude`]: `#[dto]` structs, `#[open_enum]` string enums (unknown values are kept, never an
//! error), `#[connection]` enums (a discriminator value carrying its payload), `#[query_params]`
//! structs (an operation's optional query parameters, `Default` so calls read
//! `&XParams { page: Some(2), ..Default::default() }`) and an `#[operations]` listing of the
//! client's methods (a paged one marked `#[pages(..)]` also gets its `*_pages` method). The
//! types both APIs have identical live once, in `common`, re-exported by both.
//!
//! Formats: `date-time`, `date` and the other string formats are `String`s holding the wire text
//! (no date library in users' builds; parse with the one you use).

// The unit tests exercise the runtime, not the API listings: those are compiled by the library
// build and tested by the integration tests (`tests/examples`, the spec's examples round-trip;
// `tests/http`). Left out of the unit-test build, the 2 MB of listings compile once per test
// run, not twice.

/// The authentication API: [`crate::AuthenticationClient`]'s methods and their types.
#[cfg(all(feature = "authentication", not(test)))]
#[rustfmt::skip]
pub mod authentication;

/// The types both APIs have identical (`UserDto`, `RoleDto`, ...), defined once: the
/// `authentication` and `management` modules re-export them, so `authentication::UserDto` is
/// `management::UserDto`.
#[cfg(all(any(feature = "authentication", feature = "management"), not(test)))]
#[rustfmt::skip]
pub mod common;

/// The management API: [`crate::ManagementClient`]'s methods and their types.
#[cfg(all(feature = "management", not(test)))]
#[rustfmt::skip]
pub mod management;

/// What generated listings are written with: the carrier macros and the JSON types.
pub mod prelude {
    pub use std::collections::BTreeMap;

    pub use bytes::Bytes;

    pub use authing_macros::{
        client, connection, dto, multipart, open_enum, operations, query_params, tagged_union,
    };
    pub use serde_json::{Map, Value};
}

/// Support code the carrier macros expand to; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    /// A `#[query_params]` struct: adds its set fields to a request's query string.
    pub trait QueryParams {
        /// `request` with one `query(name, value)` per field (`None` fields are omitted).
        fn apply(&self, request: crate::runtime::Request) -> crate::runtime::Request;
    }

    /// The check of the generated examples tests (`tests/examples/*.rs`): `json` (the example at
    /// `pointer` in the spec) deserializes into `T` and serializes back to the same JSON, up to
    /// `null` members (an absent optional field) and number representation (`200` / `200.0`).
    pub fn round_trip<T>(pointer: &str, json: &str) -> Result<(), String>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let expected: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("{pointer}: not JSON: {e}"))?;
        let value: T = serde_json::from_value(expected.clone())
            .map_err(|e| format!("{pointer}: does not deserialize into its type: {e}"))?;
        let back = serde_json::to_value(&value)
            .map_err(|e| format!("{pointer}: does not serialize: {e}"))?;
        match difference(&normalize(expected), &normalize(back), String::new()) {
            None => Ok(()),
            Some(difference) => Err(format!(
                "{pointer}: serializes back differently, {difference}"
            )),
        }
    }

    /// Asserts that every round trip of the examples of `module` succeeded.
    pub fn assert_round_trips(module: &str, results: &[(&str, Result<(), String>)]) {
        let problems: Vec<&str> = results
            .iter()
            .filter_map(|(_, result)| result.as_ref().err().map(String::as_str))
            .collect();
        assert!(
            problems.is_empty(),
            "{} of the {} examples of `{module}` do not round-trip:\n{}",
            problems.len(),
            results.len(),
            problems.join("\n")
        );
    }

    /// A value as serialized and as printed by `Debug`.
    pub type Shown = (String, String);

    /// The value of `T` in `json` (an example with its secret fields set to a marker), as
    /// serialized back and as printed by `Debug`, for [`assert_secrets_hidden`].
    pub fn hides_secrets<T>(pointer: &str, json: &str) -> Result<Shown, String>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
    {
        let value: T = serde_json::from_str(json)
            .map_err(|e| format!("{pointer}: does not deserialize into its type: {e}"))?;
        let serialized = serde_json::to_string(&value)
            .map_err(|e| format!("{pointer}: does not serialize: {e}"))?;
        Ok((serialized, format!("{value:?}")))
    }

    /// Asserts that every value of the secrets test of `module` holds `marker` (it serializes
    /// with it) and never shows it in `Debug`.
    pub fn assert_secrets_hidden(
        module: &str,
        marker: &str,
        results: &[(&str, Result<Shown, String>)],
    ) {
        let problems: Vec<String> = results
            .iter()
            .filter_map(|(pointer, result)| match result {
                Err(error) => Some(error.clone()),
                Ok((serialized, _)) if !serialized.contains(marker) => {
                    Some(format!("{pointer}: the marker did not reach the value"))
                }
                Ok((_, debug)) if debug.contains(marker) => {
                    Some(format!("{pointer}: `Debug` shows a secret: {debug}"))
                }
                Ok(_) => None,
            })
            .collect();
        assert!(
            problems.is_empty(),
            "{} of the {} secret-bearing types of `{module}` fail:\n{}",
            problems.len(),
            results.len(),
            problems.join("\n")
        );
    }

    /// Drops `null` object members and turns every number into an `f64`.
    fn normalize(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k, normalize(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
            Value::Number(n) => n
                .as_f64()
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Number(n), Value::Number),
            other => other,
        }
    }

    /// Where `expected` and `actual` first differ, as `at <pointer>: <expected> became <actual>`.
    fn difference(
        expected: &serde_json::Value,
        actual: &serde_json::Value,
        at: String,
    ) -> Option<String> {
        use serde_json::Value;
        match (expected, actual) {
            (Value::Object(e), Value::Object(a)) => e
                .iter()
                .find_map(|(k, v)| match a.get(k) {
                    Some(w) => difference(v, w, format!("{at}/{k}")),
                    None => Some(format!("at {at}/{k}: {v} was dropped (not in the schema?)")),
                })
                .or_else(|| {
                    a.keys()
                        .find(|k| !e.contains_key(*k))
                        .map(|k| format!("at {at}/{k}: added"))
                }),
            (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
                .iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (v, w))| difference(v, w, format!("{at}/{i}"))),
            _ if expected == actual => None,
            _ => Some(format!("at {at}: {expected} became {actual}")),
        }
    }
}

/// Every example of the fixture snapshot's spec round-trips through its generated type.
#[cfg(all(test, feature = "authentication"))]
fn assert_round_trips(module: &str, results: &[(&str, Result<(), String>)]) {
    __private::assert_round_trips(module, results);
}

#[cfg(all(test, feature = "authentication"))]
use __private::round_trip;

#[cfg(all(test, feature = "authentication"))]
use __private::{assert_secrets_hidden, hides_secrets};

#[cfg(feature = "generate")]
pub use authing_macros::generate_api;

/// Codegen's snapshot of its Authing-like fixture (`codegen/tests/fixtures/authing.openapi.json`),
/// compiled here because its methods are inherent methods of [`crate::AuthenticationClient`]
/// (the fixture's operation ids start with `fixture` so they never collide with the real ones).
#[cfg(all(test, feature = "authentication"))]
#[allow(dead_code, missing_docs)]
#[rustfmt::skip]
#[path = "../../../codegen/tests/snapshots/authing_authentication.rs"]
mod authing_fixture_snapshot;

#[cfg(all(test, feature = "authentication"))]
#[rustfmt::skip]
#[path = "../../../codegen/tests/snapshots/authing_authentication_examples.rs"]
mod authing_fixture_snapshot_examples;
