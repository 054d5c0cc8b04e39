//! Library side of `cargo xtask`: the stages it runs, testable and benchable without the CLI.

pub mod bench;
pub mod codegen;
pub mod console;
pub mod spec;
pub mod staged;
pub mod workspace;
