//! The API's operations and data types, machine-written from `spec/*.openapi.json` by
//! `cargo xtask codegen` (never edit those files: change the spec or the generator).
//!
//! Each generated module is a declarative listing written with the carrier macros of
//! [`prelude`]: `#[dto]` structs, `#[open_enum]` string enums (unknown values are kept, never an
//! error), `#[connection]` enums (a discriminator value carrying its payload), `#[query_params]`
//! structs (an operation's optional query parameters, `Default` so calls read
//! `&XParams { page: Some(2), ..Default::default() }`) and an `#[operations]` listing of the
//! client's methods.
//!
//! Formats: `date-time`, `date` and the other string formats are `String`s holding the wire text
//! (no date library in users' builds; parse with the one you use).

/// What generated listings are written with: the carrier macros and the JSON types.
pub mod prelude {
    pub use std::collections::BTreeMap;

    pub use authing_macros::{client, connection, dto, open_enum, operations, query_params};
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
}

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
