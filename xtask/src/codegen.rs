//! `cargo xtask codegen`.

use std::ffi::OsString;
use std::process::ExitCode;

/// Entry point of `cargo xtask codegen`.
pub fn main(_args: Vec<OsString>) -> ExitCode {
    eprintln!("cargo xtask codegen: not implemented yet");
    ExitCode::FAILURE
}
