//! The node side: `generated/tests/node-wire/wire.js` runs the official SDK (installed there by
//! `npm ci`) over the plan and prints one JSON line per case.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// The harness folder (package.json, package-lock.json, wire.js).
pub fn harness() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/node-wire")
}

/// Whether we run under CI (`CI=true`), where a missing node or npm install is a failure.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `Some(())` when node and the installed SDK are there. Otherwise under CI a failure (panic),
/// elsewhere a printed skip that says what to run.
pub fn available_or_skip() -> Option<()> {
    let package = harness().join("node_modules/authing-node-sdk/package.json");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    let missing = if !node {
        "node is not on PATH".to_owned()
    } else if !package.is_file() {
        format!(
            "the node SDK is not installed (run `npm ci --prefix {}`)",
            harness().display()
        )
    } else {
        return Some(());
    };
    assert!(!in_ci(), "CI=true but {missing}");
    println!("wire cross-check: skipped, {missing}");
    None
}

/// One case as the node harness reports it.
#[derive(Debug, serde::Deserialize)]
pub struct Outcome {
    pub id: usize,
    /// What the SDK threw (a thrown response error is fine; the request went out).
    pub error: Option<String>,
}

/// Runs `wire.js` with `plan` on stdin and returns its outcomes, in case order.
pub fn run(plan: &Value) -> Vec<Outcome> {
    let mut child = Command::new("node")
        .arg("wire.js")
        .current_dir(harness())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin
        .write_all(plan.to_string().as_bytes())
        .expect("plan written to node");
    drop(stdin);
    let output = child.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "wire.js failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("wire.js line {line:?}: {e}"))
        })
        .collect()
}

/// The plan `wire.js` reads: credentials, the recorder's base URL and the cases.
pub fn plan(base_url: &str, cases: Vec<Value>) -> Value {
    use crate::cases::credentials::*;
    json!({
        "baseUrl": base_url,
        "appId": APP_ID,
        "appSecret": APP_SECRET,
        "userToken": USER_TOKEN,
        "accessKeyId": ACCESS_KEY_ID,
        "accessKeySecret": ACCESS_KEY_SECRET,
        "cases": cases,
    })
}
