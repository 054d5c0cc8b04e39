//! Properties of a run: overrides, byte-determinism, errors that name the place.

use super::*;

#[test]
fn overrides_that_match_nothing_are_reported_and_bad_ones_are_errors() {
    let (path, text) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let stale = "[[override]]\nschema = \"UserDto\"\nfield = \"nope\"\nset = \"name\"\nfrom = \"nope\"\nto = \"yes\"\nreason = \"r\"\n";
    let o = run(&[(&path, text.clone())], Some(stale));
    assert_eq!(o.errors, 0);
    assert!(o.diagnostics.iter().any(|d| d.starts_with("spec/overrides.toml:1: warning: override of schema `UserDto` field `nope` matches nothing")), "{:?}", o.diagnostics);
    assert!(o.files[RECONCILIATION].contains("MATCHES NOTHING: no field `nope`"));
    let broken = "# comment\n[[override]]\nschema = \"UserDto\"\nunknown = 1\n";
    let o = run(&[(&path, text)], Some(broken));
    assert_eq!(o.errors, 1);
    assert!(
        o.diagnostics[0].starts_with("spec/overrides.toml:4: error:"),
        "{:?}",
        o.diagnostics
    );
}

#[test]
fn two_runs_give_the_same_bytes() {
    let (p1, a) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let (p2, b) = user_page(
        NOTE,
        "java",
        "ManagementClient.getUser",
        " | extra | string  | 否 | - | 多的  |  |",
    );
    let first = run(&[(&p1, a.clone()), (&p2, b.clone())], None);
    let second = run(&[(&p1, a), (&p2, b)], None);
    assert_eq!(first.files, second.files);
}

#[test]
fn bad_inputs_are_errors_that_name_the_place() {
    let dir = std::env::temp_dir().join(format!("xtask-spec-{}", std::process::id()));
    let missing = dir.join("missing");
    let err = read::docs(std::slice::from_ref(&missing)).expect_err("a missing root is an error");
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("not a directory"),
        "{err}"
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.md"), [0xff, 0xfe, b'#']).unwrap();
    let err = read::docs(std::slice::from_ref(&dir)).expect_err("a non-UTF-8 page is an error");
    assert!(err.contains("bad.md"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
