//! OpenAPI 3.0 -> Rust client generator. A library without IO: spec text in, files as data out.
