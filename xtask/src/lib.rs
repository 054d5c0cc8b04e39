//! Library side of `cargo xtask`: the stages it runs, testable and benchable without the CLI.

pub mod bench;
pub mod changelog;
pub mod codegen;
pub mod console;
pub mod diff;
pub mod spec;
pub mod staged;
pub mod synthetic;
pub mod test;
pub mod workspace;
