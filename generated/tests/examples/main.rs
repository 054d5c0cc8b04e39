//! Every example the spec carries round-trips through its generated type: the JSON,
//! deserialized and serialized again, is the same JSON. The modules are written by
//! `cargo xtask codegen` from `spec/<name>.openapi.json`.

#[rustfmt::skip]
mod authentication;
#[rustfmt::skip]
mod management;
