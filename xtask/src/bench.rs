//! `cargo xtask bench`.

use std::ffi::OsString;
use std::process::ExitCode;

/// Entry point of `cargo xtask bench`.
pub fn main(_args: Vec<OsString>) -> ExitCode {
    eprintln!("cargo xtask bench: not implemented yet");
    ExitCode::FAILURE
}
