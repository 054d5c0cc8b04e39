//! `cargo xtask diff` end to end on this repository's own spec: synthetic edits of the checked-in
//! `spec/` (read back from a directory, as a maintainer's regenerated spec would be), an older git
//! revision of it, and the command's output and exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use xtask::diff::{self, Effect, side};

fn root() -> PathBuf {
    xtask::workspace::root()
}

/// A fresh directory under Cargo's temporary directory for integration tests.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diff_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the checked-in `spec/*.openapi.json` in `dir`, with `edit` applied to `client`'s;
/// returns the edited file.
fn edited(dir: &Path, client: &str, edit: fn(&mut Value)) -> PathBuf {
    let mut edited = None;
    for entry in std::fs::read_dir(root().join("spec")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".openapi.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if name == format!("{client}.openapi.json") {
            let mut spec: Value = serde_json::from_str(&text).unwrap();
            edit(&mut spec);
            edited = Some(dir.join(&name));
            serde_json::to_string_pretty(&spec).unwrap()
        } else {
            text
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    edited.expect("the client's spec")
}

/// A two-operation management spec in `dir`, without the second operation when `removed`: fast
/// sides for the exit codes.
fn tiny(dir: &Path, removed: bool) -> String {
    let operation = |id: &str| json!({"post": {"operationId": id, "responses": {"200": {"description": "OK"}}}});
    let mut paths = serde_json::Map::new();
    paths.insert("/api/v3/a".into(), operation("a"));
    if !removed {
        paths.insert("/api/v3/b".into(), operation("b"));
    }
    let spec = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths});
    std::fs::write(dir.join("management.openapi.json"), spec.to_string()).unwrap();
    dir.to_str().unwrap().to_owned()
}

/// Today's management spec against a copy with `edit` applied: exactly `expected`
/// (`effect kind item`). One client is enough here; `output_and_exit_codes` reads directories.
fn check(name: &str, edit: fn(&mut Value), expected: &[&str]) {
    let dir = temp_dir(name);
    let file = edited(&dir, "management", edit);
    let old = root().join("spec/management.openapi.json");
    let old = side::read(old.to_str().unwrap(), &root()).unwrap();
    let new = side::read(file.to_str().unwrap(), &root()).unwrap();
    let report = diff::diff(&old, &new).unwrap();
    let [client] = &report.clients[..] else {
        panic!("{name}: one client expected, got {}", report.clients.len())
    };
    let got: Vec<String> = client
        .changes
        .iter()
        .map(|c| format!("{} {} {}", c.effect.id(), c.kind.id(), c.item))
        .collect();
    assert_eq!(got, expected, "{name}");
}

fn at<'a>(spec: &'a mut Value, pointer: &str) -> &'a mut Value {
    spec.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}"))
}

fn object<'a>(spec: &'a mut Value, pointer: &str) -> &'a mut serde_json::Map<String, Value> {
    at(spec, pointer).as_object_mut().unwrap()
}

const PATHS: &str = "/paths";
const GROUP_MEMBERS: &str = "/api/v3/add-group-members";
const CREATE_GROUP: &str = "/components/schemas/CreateGroupReqDto";
const OPERATION_TYPE: &str = "/components/schemas/AdminAuditLogDto/properties/operationType";

// One test per edit: they run in parallel.
#[rustfmt::skip] #[test] fn edit_unchanged() { check("unchanged", |_| {}, &[]); }
#[rustfmt::skip] #[test] fn edit_operation_removed() { check("operation-removed", |s| { object(s, PATHS).remove(GROUP_MEMBERS); }, &["breaking operation_removed add_group_members"]); }
#[rustfmt::skip] #[test] fn edit_path_changed() { check("path-changed", |s| { let op = object(s, PATHS).remove(GROUP_MEMBERS).unwrap(); object(s, PATHS).insert("/api/v3/group-members/add".into(), op); }, &["breaking path_changed add_group_members"]); }
#[rustfmt::skip] #[test] fn edit_field_made_required() { check("field-made-required", |s| at(s, &format!("{CREATE_GROUP}/required")).as_array_mut().unwrap().push(json!("customData")), &["breaking field_type_changed CreateGroupReqDto.custom_data"]); }
#[rustfmt::skip] #[test] fn edit_required_field_added() { check("required-field-added", |s| { object(s, &format!("{CREATE_GROUP}/properties")).insert("parentCode".into(), json!({"type": "string"})); at(s, &format!("{CREATE_GROUP}/required")).as_array_mut().unwrap().push(json!("parentCode")); }, &["breaking field_added CreateGroupReqDto.parent_code"]); }
#[rustfmt::skip] #[test] fn edit_enum_value_added() { check("enum-value-added", |s| at(s, &format!("{OPERATION_TYPE}/enum")).as_array_mut().unwrap().push(json!("archive")), &["breaking enum_value_added AdminAuditLogDtoOperationType::Archive"]); }
#[rustfmt::skip] #[test] fn edit_description_changed() { check("description-changed", |s| { *at(s, &format!("{PATHS}/~1api~1v3~1add-group-members/post/description")) = json!("Adds members."); }, &[]); }

/// `git` has the revision (a clone with history); outside CI a shallow clone skips.
fn has_revision(rev: &str) -> bool {
    let ok = Command::new("git")
        .arg("-C")
        .arg(root())
        .args(["cat-file", "-e", &format!("{rev}^{{commit}}")])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok || !xtask::workspace::in_ci(),
        "revision {rev} missing (CI needs a full clone)"
    );
    ok
}

/// b3b08f6 read the Python package: English texts and `type: integer` for whole numbers. Against
/// its parent that is `f64` -> `i64` on fields and parameters (breaking), and descriptions.
#[test]
fn an_older_revision_of_this_repository() {
    if !has_revision("b3b08f6") {
        eprintln!("skip: no git history");
        return;
    }
    let old = side::read("b3b08f6~1", &root()).unwrap();
    let new = side::read("b3b08f6", &root()).unwrap();
    assert_eq!(old.label, "b3b08f6~1 (71452bd)");
    let report = diff::diff(&old, &new).unwrap();
    let clients: Vec<&str> = report.clients.iter().map(|c| c.client.as_str()).collect();
    assert_eq!(clients, ["authentication", "management"]);
    let management = &report.clients[1];
    assert_eq!(management.operations, (367, 367));
    assert!(management.count(Effect::Breaking) > 0);
    assert!(
        management
            .changes
            .iter()
            .all(|c| c.detail.contains("f64") || c.effect != Effect::Breaking)
    );
    assert_eq!(report.bump(), diff::Bump::Major);
    // And from there to today: the loop a maintainer runs.
    let today = side::working_tree(&root()).unwrap();
    assert!(diff::diff(&old, &today).is_ok());
}

fn xtask(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn output_and_exit_codes() {
    let old = temp_dir("cli-old");
    let new = temp_dir("cli-new");
    edited(&old, "management", |_| {});
    edited(&new, "management", |s| {
        object(s, PATHS).remove(GROUP_MEMBERS);
    });
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());

    let (code, markdown, _) = xtask(&["diff", old, new]);
    assert_eq!(code, Some(0));
    assert!(
        markdown.contains("Implied semver bump: **major**"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- `add_group_members`: POST /api/v3/add-group-members"),
        "{markdown}"
    );
    assert_eq!(xtask(&["diff", old, new]).1, markdown, "byte-deterministic");

    let (code, json, _) = xtask(&["diff", old, new, "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["bump"], "major");
    assert_eq!(json["clients"][1]["counts"]["breaking"], 1);

    // The exit codes of `--deny`, on small sides.
    let (old, new) = (
        tiny(&temp_dir("tiny-old"), false),
        tiny(&temp_dir("tiny-new"), true),
    );
    let (old, new) = (old.as_str(), new.as_str());
    let (code, _, stderr) = xtask(&["diff", old, new, "--deny", "breaking"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("--deny breaking: 1 change(s) denied"),
        "{stderr}"
    );
    // The other way round the operation is an addition: allowed by `--deny breaking`.
    assert_eq!(xtask(&["diff", new, old, "--deny", "breaking"]).0, Some(0));
    assert_eq!(xtask(&["diff", new, old, "--deny", "additive"]).0, Some(1));
    assert_eq!(xtask(&["diff", old, old, "--deny", "additive"]).0, Some(0));

    let (code, _, stderr) = xtask(&["diff", "no/such/side-or-revision", new]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("no/such/side-or-revision: neither a file, a directory nor a git revision"),
        "{stderr}"
    );
    assert_eq!(xtask(&["diff", "--frobnicate"]).0, Some(2));
    let (code, help, _) = xtask(&["diff", "--help"]);
    assert_eq!(code, Some(0));
    assert!(help.starts_with("usage: cargo xtask diff"));
}
