//! The errors a user can make with the macros, and the messages they get (trybuild).
//!
//! `TRYBUILD=overwrite cargo test -p authing-macros --test ui` rewrites the expected `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
