//! `cargo xtask codegen`: both modes, write-only-changed, `--check` diffs, failed runs write
//! nothing, two runs give the same bytes. Runs on temporary directories (and reads the
//! workspace's own `spec/` and `generated/` without writing them).

use std::path::{Path, PathBuf};

use xtask::codegen::{Args, Options, files::FileSet, standalone, workspace_specs};

/// A fresh directory under Cargo's temporary directory for integration tests.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("codegen_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture(name: &str) -> PathBuf {
    xtask::workspace::root()
        .join("codegen/tests/fixtures")
        .join(name)
}

fn check_args(args: &[&str], expected: Result<Args, &str>) {
    let parsed = Args::parse(args.iter().map(Into::into).collect());
    match expected {
        Ok(expected) => assert_eq!(parsed, Ok(expected), "{args:?}"),
        Err(message) => assert!(
            parsed.as_ref().is_err_and(|e| e.contains(message)),
            "{args:?}: {parsed:?}"
        ),
    }
}

#[test]
fn arguments() {
    check_args(&[], Ok(Args::default()));
    check_args(
        &["--check"],
        Ok(Args {
            check: true,
            ..Args::default()
        }),
    );
    check_args(
        &["--spec", "a.json", "--out", "dir", "--name", "a-client"],
        Ok(Args {
            spec: Some("a.json".into()),
            out: Some("dir".into()),
            name: Some("a-client".into()),
            ..Args::default()
        }),
    );
    for help in ["--help", "-h"] {
        check_args(
            &["--check", help, "--frobnicate"],
            Ok(Args {
                check: true,
                help: true,
                ..Args::default()
            }),
        );
    }
    check_args(
        &["--allow-errors", "-v"],
        Ok(Args {
            options: Options {
                allow_errors: true,
                verbose: true,
            },
            ..Args::default()
        }),
    );
    for bad in ["a\"b", "", "1up", "a b", "std", "fn", &"x".repeat(65)] {
        check_args(
            &["--spec", "a.json", "--out", "d", "--name", bad],
            Err("--name"),
        );
    }
    check_args(
        &["--spec", "a.json"],
        Err("`--spec` and `--out` go together"),
    );
    check_args(&["--name", "x"], Err("`--name` is for"));
    check_args(&["--frobnicate"], Err("frobnicate"));
}

#[test]
fn standalone_crate_is_written_once_then_up_to_date() {
    let out = temp_dir("standalone");
    let plan = standalone(
        &fixture("petstore.openapi.yaml"),
        &out,
        None,
        Options::default(),
    )
    .unwrap();
    assert!(plan.summary.contains("7 operations"), "{}", plan.summary);
    let manifest = plan.files.files[&out.join("Cargo.toml")].clone();
    assert!(
        manifest.contains("name = \"petstore-client\""),
        "{manifest}"
    );
    assert!(manifest.contains("default-features = false"), "{manifest}");
    assert!(
        !plan.files.diff(&out).is_empty(),
        "a new crate differs from the empty directory"
    );

    let written = plan.files.write().unwrap();
    assert_eq!(written.changed.len(), 2);
    assert_eq!(plan.files.diff(&out), "", "up to date once written");

    // A second run gives the same bytes and writes nothing.
    let again = standalone(
        &fixture("petstore.openapi.yaml"),
        &out,
        None,
        Options::default(),
    )
    .unwrap();
    assert_eq!(again.files.files, plan.files.files);
    let written = again.files.write().unwrap();
    assert_eq!((written.changed.len(), written.unchanged), (0, 2));

    // A stale file shows as a unified diff.
    let lib = out.join("src/lib.rs");
    std::fs::write(
        &lib,
        std::fs::read_to_string(&lib)
            .unwrap()
            .replace("pub async fn get_pet(", "pub async fn fetch_pet("),
    )
    .unwrap();
    let diff = again.files.diff(&out);
    assert!(
        diff.contains("--- a/src/lib.rs\n+++ b/src/lib.rs\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-    pub async fn fetch_pet(\n+    pub async fn get_pet(\n"),
        "{diff}"
    );
}

#[test]
fn a_failed_run_writes_nothing() {
    let out = temp_dir("failed");
    let not_a_spec = out.join("not-a-spec.yaml");
    std::fs::write(
        &not_a_spec,
        "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    let error = standalone(&not_a_spec, &out.join("crate"), None, Options::default()).unwrap_err();
    assert!(
        error.contains("error: /openapi: OpenAPI version \"4.0.0\" is not supported"),
        "{error}"
    );
    assert!(!out.join("crate").exists());
    let missing = standalone(
        &out.join("missing.json"),
        &out.join("crate"),
        None,
        Options::default(),
    )
    .unwrap_err();
    assert!(missing.contains("cannot read"), "{missing}");
}

#[test]
fn stale_generated_files_are_removed() {
    let dir = temp_dir("stale");
    let stale = dir.join("old.rs");
    std::fs::write(&stale, format!("{}//! gone\n", authing_codegen::HEADER)).unwrap();
    let files = FileSet {
        files: Default::default(),
        stale: vec![stale.clone()],
    };
    assert_eq!(
        files.diff(&dir),
        "stale generated file: old.rs (no spec produces it)\n"
    );
    let written = files.write().unwrap();
    assert_eq!(written.removed, vec![stale.clone()]);
    assert!(!stale.exists());
}

#[test]
fn the_workspace_client_is_up_to_date_and_deterministic() {
    let root = xtask::workspace::root();
    if !root.join("spec/authentication.openapi.json").exists() {
        eprintln!("skipped: no spec/*.openapi.json yet");
        return;
    }
    let first = workspace_specs(&root, Options::default()).unwrap();
    let second = workspace_specs(&root, Options::default()).unwrap();
    assert_eq!(
        first.files.files, second.files.files,
        "two runs give different bytes"
    );
    assert!(
        first
            .files
            .files
            .keys()
            .any(|p| p.ends_with("generated/src/generated/authentication.rs"))
    );
    assert!(
        first
            .files
            .files
            .values()
            .all(|text| text.starts_with(authing_codegen::HEADER))
    );
    let diff = first.files.diff(&root);
    assert!(
        diff.is_empty(),
        "generated/src/generated is stale; run `cargo xtask codegen`:\n{diff}"
    );
}

#[test]
fn error_diagnostics_fail_the_run_unless_allowed() {
    let out = temp_dir("errors");
    let spec = fixture("invalid.openapi.json");
    let report = standalone(&spec, &out, None, Options::default()).unwrap_err();
    assert!(
        report.contains("errors (listed above; --allow-errors writes anyway)"),
        "{report}"
    );
    assert!(
        report.contains("error: /components/schemas/Loop: this schema is only a `$ref` cycle"),
        "{report}"
    );
    let allowed = Options {
        allow_errors: true,
        ..Options::default()
    };
    let plan = standalone(&spec, &out, None, allowed).unwrap();
    assert!(plan.errors > 0);
    assert!(plan.files.files.contains_key(&out.join("src/lib.rs")));
}

/// The command itself: exit codes, nothing written on errors, a closed stdout is no panic.
#[test]
fn the_command_tells_the_truth_in_its_exit_code() {
    let out = temp_dir("command");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("codegen")
            .args(args)
            .output()
            .unwrap()
    };
    let invalid = fixture("invalid.openapi.json");
    let invalid = invalid.to_str().unwrap();
    let crate_dir = out.join("crate");
    let crate_dir = crate_dir.to_str().unwrap();
    let failed = run(&["--spec", invalid, "--out", crate_dir]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(!out.join("crate").exists(), "nothing written");
    let forced = run(&["--spec", invalid, "--out", crate_dir, "--allow-errors"]);
    assert_eq!(forced.status.code(), Some(1), "written, still an error");
    assert!(out.join("crate/src/lib.rs").exists());
    let petstore = fixture("petstore.openapi.yaml");
    let ok = run(&["--spec", petstore.to_str().unwrap(), "--out", crate_dir]);
    assert_eq!(ok.status.code(), Some(0));

    // `| head -c 1`: stdout closed after one byte; the run still finishes, quietly.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "codegen",
            "--spec",
            petstore.to_str().unwrap(),
            "--out",
            crate_dir,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let closed = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&closed.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(closed.status.code(), Some(0), "{stderr}");
}
