//! `cargo xtask spec`: reconstruct the V3 OpenAPI spec from the reference pages.

pub mod catalog;
pub mod cell;
pub mod conflict;
pub mod corpus;
pub mod diagnostic;
pub mod markdown;
pub mod page;
pub mod rules;
pub mod sample;
pub mod table;

use std::ffi::OsString;
use std::process::ExitCode;

/// Entry point of `cargo xtask spec`.
pub fn main(_args: Vec<OsString>) -> ExitCode {
    eprintln!("cargo xtask spec: not implemented yet");
    ExitCode::FAILURE
}
