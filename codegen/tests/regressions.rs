//! The regression corpus (`tests/regressions/`): hand-made specs that once crashed, hung or
//! gave silently wrong code. Each one runs through the whole generator on a thread of the
//! default test stack size; it must finish (no hang: a generous bound, not a timing), not panic,
//! and give exactly the expected diagnostics. Every file of the corpus has a case. That the
//! outputs compile with 0 warnings is `xtask/tests/corpus_compiles.rs` (`slow-tests`).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use authing_codegen::{Flavour, generate};

/// Far above any expected run time: reaching it means the generator hangs.
const HANG: Duration = Duration::from_secs(60);

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions")
}

/// Runs `file` and compares its diagnostics (`Display` of each) with `expected`; `generated`
/// says whether code comes out (`false`: the spec is refused).
fn check(file: &str, generated: bool, expected: &[&str]) {
    let text = std::fs::read_to_string(dir().join(file)).unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| generate(&text, Flavour::Generic));
        let _ = send.send(outcome.map(|r| match r {
            Ok(g) => (true, g.diagnostics, g.source),
            Err(d) => (false, d.0, String::new()),
        }));
    });
    let outcome = receive
        .recv_timeout(HANG)
        .unwrap_or_else(|_| panic!("{file}: no answer within {HANG:?} (a hang)"));
    let (ok, diagnostics, source) = outcome.unwrap_or_else(|_| panic!("{file}: panicked"));
    let actual: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    if std::env::var_os("PRINT_REGRESSIONS").is_some() {
        println!("(\"{file}\", {ok}, &{actual:?}),");
        return;
    }
    assert!(
        actual.len() == expected.len() && actual.iter().zip(expected).all(|(a, e)| a.contains(e)),
        "{file}: diagnostics\n{actual:#?}\nexpected (each a part of the one above)\n{expected:#?}"
    );
    assert_eq!(ok, generated, "{file}: generated or refused");
    if ok {
        syn::parse_file(&source).unwrap_or_else(|e| panic!("{file}: output does not parse: {e}"));
    }
}

#[test]
fn corpus() {
    const CYCLE: &str =
        "`allOf` cycle: `#/components/schemas/A` includes itself; the repeated part is ignored";
    const ONE_OF_IGNORED: &str = "`oneOf` / `anyOf` next to `allOf` or `properties` is not supported; the alternatives are ignored (only the common part is typed)";
    let deep = "/components/schemas/Deep".to_owned() + &"/properties/p".repeat(20);
    let too_deep = "/properties/p/properties: cannot read the spec as JSON: objects and arrays nest deeper than 96 levels at line 1";
    // A 1,000-type chain is cut every 32 levels (a `Vec` and an alias are a level each).
    const CUT: &str = "the types nest more than 32 levels deep through this schema (a long chain of `$ref`s); the deeper part is typed as serde_json::Value";
    let (cut_arrays, cut_structs) = (vec![CUT; 62], vec![CUT; 31]);
    let cases: &[(&str, bool, &[&str])] = &[
        (
            "allof-self-twice.yaml",
            true,
            &[
                &format!("warning: /components/schemas/A/allOf/0: {CYCLE}"),
                &format!("warning: /components/schemas/A/allOf/1: {CYCLE}"),
            ],
        ),
        (
            "allof-oneof-recursion.yaml",
            true,
            &[&format!("warning: /components/schemas/A: {ONE_OF_IGNORED}")],
        ),
        (
            "allof-oneof-property.yaml",
            true,
            &[&format!(
                "warning: /components/schemas/A/properties/p: {ONE_OF_IGNORED}"
            )],
        ),
        (
            "allof-oneof-alternative.yaml",
            true,
            &[&format!("warning: /components/schemas/B: {ONE_OF_IGNORED}")],
        ),
        ("array-cycle.yaml", true, &[]),
        (
            "deep-ref-parameter.yaml",
            true,
            &[
                "error: /components/schemas/User/properties/manager: `$ref: #/components/schemas/User/properties/manager` points to itself",
                "error: /components/schemas/User/properties/missing: `$ref: #/components/schemas/User/properties/nope` dangles",
            ],
        ),
        ("map-cycle.yaml", true, &[]),
        (
            "duplicate-key.json",
            true,
            &[
                "error: /paths/~1a/get/responses/200/content: the key `content` is given twice in this object; the last value is kept",
            ],
        ),
        ("openapi-3.1-minimal.yaml", true, &[]),
        ("chain-1000-arrays.json", true, &cut_arrays),
        ("chain-1000-required.json", true, &cut_structs),
        ("nesting-200.json", false, &[too_deep]),
        (
            "nesting-20-invalid.json",
            false,
            &[&format!(
                "error: {deep}: cannot read the spec as OpenAPI 3.0: invalid type: string \"not a number\""
            )],
        ),
    ];
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = cases.iter().map(|(f, _, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed, "every corpus file has a case");
    for (file, generated, expected) in cases {
        check(file, *generated, expected);
    }
}
