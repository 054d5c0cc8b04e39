//! `cargo xtask spec`: reconstruct the V3 OpenAPI spec from the reference pages.

use std::ffi::OsString;
use std::process::ExitCode;

/// Entry point of `cargo xtask spec`.
pub fn main(_args: Vec<OsString>) -> ExitCode {
    eprintln!("cargo xtask spec: not implemented yet");
    ExitCode::FAILURE
}
