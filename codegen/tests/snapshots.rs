//! Snapshot tests: codegen on small specs, compared with expected `.rs` files.
//!
//! The expected files are compiled too: the generic ones by `macros/tests/snapshots_compile.rs`,
//! the Authing ones inside the `authing` crate (`generated/src/generated/mod.rs`, under
//! `cfg(test)`), since their methods are inherent methods of the `authing` clients.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p authing-codegen --test snapshots` rewrites them.

use std::path::Path;

use authing_codegen::{Flavour, generate};

/// Generates `fixtures/<fixture>` and compares the source with `snapshots/<name>.rs`, the
/// diagnostics with `snapshots/<name>.diagnostics.txt` and the examples' round-trip test
/// (for a module named `module`) with `snapshots/<name>_examples.rs`.
fn check(fixture: &str, flavour: Flavour, name: &str, module: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let spec = std::fs::read_to_string(dir.join("fixtures").join(fixture)).unwrap();
    let generated = generate(&spec, flavour).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    let diagnostics: String = generated
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect();
    let examples =
        authing_codegen::examples_test(&generated, module, authing_codegen::ExamplesAt::Sibling)
            .unwrap_or_default();
    for (path, actual) in [
        (
            dir.join("snapshots").join(format!("{name}.rs")),
            generated.source.as_str(),
        ),
        (
            dir.join("snapshots")
                .join(format!("{name}.diagnostics.txt")),
            diagnostics.as_str(),
        ),
        (
            dir.join("snapshots").join(format!("{name}_examples.rs")),
            examples.as_str(),
        ),
    ] {
        if actual.is_empty() && !path.exists() {
            continue;
        }
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == actual,
            "{} is stale (UPDATE_SNAPSHOTS=1 to accept):\n{}",
            path.display(),
            first_difference(&expected, actual)
        );
    }
    // `generate_api!` expands the unformatted tokens: they are the items of the formatted file.
    let file = syn::parse_file(&generated.source)
        .unwrap_or_else(|e| panic!("{fixture}: the source does not parse: {e}"));
    let items = &file.items;
    // Body-less methods are kept verbatim, with the formatter's spacing and trailing commas.
    let normalize = |tokens: String| {
        tokens
            .replace(' ', "")
            .replace(",)", ")")
            .replace(",}", "}")
    };
    let (file, tokens) = (
        normalize(quote::quote!(#(#items)*).to_string()),
        normalize(
            authing_codegen::generate_tokens(&spec, flavour)
                .unwrap()
                .tokens
                .to_string(),
        ),
    );
    let at = file
        .chars()
        .zip(tokens.chars())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        file == tokens,
        "{fixture}: the formatted file and the macro's tokens differ at {at}:\n  file: {}\ntokens: {}",
        file.chars()
            .skip(at.saturating_sub(80))
            .take(160)
            .collect::<String>(),
        tokens
            .chars()
            .skip(at.saturating_sub(80))
            .take(160)
            .collect::<String>(),
    );
    // Deterministic: a second run gives the same bytes.
    assert_eq!(
        generate(&spec, flavour).unwrap().source,
        generated.source,
        "{fixture}: two runs differ"
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    format!(
        "first difference at line {}:\n- {}\n+ {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}

#[test]
fn authing_authentication() {
    check(
        "authing.openapi.json",
        Flavour::Authentication,
        "authing_authentication",
        "authing_fixture_snapshot",
    );
}

#[test]
fn generic_petstore() {
    check(
        "petstore.openapi.yaml",
        Flavour::Generic,
        "generic_petstore",
        "petstore",
    );
}

#[test]
fn generic_invalid() {
    check(
        "invalid.openapi.json",
        Flavour::Generic,
        "generic_invalid",
        "invalid",
    );
}

#[test]
fn generic_constructs() {
    check(
        "constructs.openapi.yaml",
        Flavour::Generic,
        "generic_constructs",
        "constructs",
    );
}
