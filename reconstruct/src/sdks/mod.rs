//! The official SDK packages as witnesses.

mod docstring;
pub mod python;
