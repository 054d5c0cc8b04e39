//! A stable mutation test over `../shared/specs`: every spec, mutated a fixed number of times
//! from a fixed seed (deterministic: the same mutants on every run), goes through `generate`.
//! Each mutant must finish (a generous bound: reaching it is a hang), never panic, and tell
//! the truth: a refused spec has an error diagnostic, every diagnostic names a JSON pointer,
//! generated code parses, and for the smaller mutants the CLI's decision
//! (`xtask::codegen::standalone`, what `cargo xtask codegen --spec` exits with) refuses exactly
//! the mutants with an error diagnostic.
//!
//! Mutations of the JSON tree, 1 to 3 per mutant: delete a key, swap a value's type, duplicate
//! a subtree elsewhere, nest a value deeply (schema wrappers, or plain arrays past the loader's
//! depth limit), break a `$ref` (dangling, into itself, into `#/paths`, another document's).
//! A failing mutant is written to `target/mutation-failures/` (add it to
//! `codegen/tests/regressions/`).
//!
//! Behind `slow-tests` (about a minute in a debug build). Under `CI=true` a missing
//! `../shared` is a failure; elsewhere a skip.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use authing_codegen::{Flavour, generate};
use serde_json::{Value, json};

/// The seed of mutant `i` of spec number `n` is `SEED + 1000 n + i`.
const SEED: u64 = 0x5eed_0010;
/// Mutants of a spec under [`LARGE`] bytes, and of a larger one.
const MUTANTS: (usize, usize) = (8, 2);
const LARGE: usize = 1 << 20;
/// Mutants under this size also go through the CLI's decision.
const CLI_CHECKED: usize = 256 << 10;
/// Far above any expected run time (the largest spec takes seconds).
const HANG: Duration = Duration::from_secs(300);

fn specs() -> Vec<PathBuf> {
    let Some(dirs) = xtask::workspace::shared_dirs_or_skip(&["specs"], "third-party specs") else {
        return Vec::new();
    };
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dirs[0])
        .expect("a directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        })
        .collect();
    specs.sort();
    specs
}

/// The number of nodes of `value` (itself included).
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Node number `k` of `value` in document order (`value` is node 0).
fn nth(value: &Value, k: &mut usize) -> Option<Value> {
    if *k == 0 {
        return Some(value.clone());
    }
    *k -= 1;
    match value {
        Value::Array(items) => items.iter().find_map(|child| nth(child, k)),
        Value::Object(map) => map.values().find_map(|child| nth(child, k)),
        _ => None,
    }
}

/// Applies `edit` to node number `k` of `value`; `true` once done.
fn edit_nth(value: &mut Value, k: &mut usize, edit: &mut dyn FnMut(&mut Value)) -> bool {
    if *k == 0 {
        edit(value);
        return true;
    }
    *k -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|child| edit_nth(child, k, edit)),
        Value::Object(map) => map.values_mut().any(|child| edit_nth(child, k, edit)),
        _ => false,
    }
}

/// Applies `edit` to a random node of `value`.
fn at_random(
    value: &mut Value,
    rng: &mut fastrand::Rng,
    mut edit: impl FnMut(&mut Value, &mut fastrand::Rng),
) {
    let mut k = rng.usize(0..count(value));
    edit_nth(value, &mut k, &mut |node| edit(node, rng));
}

/// The number of `$ref` strings in `value`.
fn count_refs(value: &Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, child)| match child {
                Value::String(_) if key == "$ref" => 1,
                _ => count_refs(child),
            })
            .sum(),
        Value::Array(items) => items.iter().map(count_refs).sum(),
        _ => 0,
    }
}

/// Applies `edit` to `$ref` string number `k` of `value`; `true` once done.
fn edit_ref(value: &mut Value, k: &mut usize, edit: &mut dyn FnMut(&mut String)) -> bool {
    match value {
        Value::Object(map) => map.iter_mut().any(|(key, child)| match child {
            Value::String(s) if key == "$ref" => {
                if *k == 0 {
                    edit(s);
                    return true;
                }
                *k -= 1;
                false
            }
            _ => edit_ref(child, k, edit),
        }),
        Value::Array(items) => items.iter_mut().any(|child| edit_ref(child, k, edit)),
        _ => false,
    }
}

fn mutate(spec: &mut Value, rng: &mut fastrand::Rng) -> &'static str {
    match rng.u8(0..6) {
        0 => {
            at_random(spec, rng, |node, rng| {
                if let Value::Object(map) = node {
                    if !map.is_empty() {
                        let key = map.keys().nth(rng.usize(0..map.len())).cloned().unwrap();
                        map.remove(&key);
                    }
                }
            });
            "delete a key"
        }
        1 => {
            at_random(spec, rng, |node, rng| {
                *node = match rng.u8(0..6) {
                    0 => Value::Null,
                    1 => json!(true),
                    2 => json!(-1.5e300),
                    3 => json!("x"),
                    4 => json!([node.clone()]),
                    _ => json!({"k": node.clone()}),
                }
            });
            "swap a type"
        }
        2 => {
            let mut k = rng.usize(0..count(spec));
            if let Some(copy) = nth(spec, &mut k) {
                at_random(spec, rng, |node, rng| match node {
                    Value::Object(map) => {
                        map.insert(format!("dup{}", rng.u8(..)), copy.clone());
                    }
                    Value::Array(items) => items.push(copy.clone()),
                    other => *other = copy.clone(),
                });
            }
            "duplicate a subtree"
        }
        3 => {
            at_random(spec, rng, |node, rng| {
                let levels = rng.usize(20..120);
                let schema = rng.bool();
                for _ in 0..levels {
                    let inner = std::mem::take(node);
                    *node = if schema {
                        json!({"allOf": [{"type": "array", "items": inner}]})
                    } else {
                        json!([inner])
                    };
                }
            });
            "nest deeply"
        }
        _ => {
            let found = count_refs(spec);
            if found == 0 {
                return "break a $ref (none)";
            }
            let mut k = rng.usize(0..found);
            let how = rng.u8(0..5);
            edit_ref(spec, &mut k, &mut |reference| {
                *reference = match how {
                    0 => format!("{reference}Missing"),
                    1 => "#/paths/~1nowhere/get/parameters/7".to_owned(),
                    2 => "#/components/schemas".to_owned(),
                    3 => "other.yaml#/components/schemas/A".to_owned(),
                    _ => format!("{reference}/properties/x/items"),
                }
            });
            "break a $ref"
        }
    }
}

/// What became of the mutants: refused, generated with errors, generated without.
#[derive(Default, Debug)]
struct Tally {
    refused: usize,
    flagged: usize,
    clean: usize,
}

/// Why mutant `text` (of `name`) fails its checks, if it does.
fn run(name: &str, text: String, tally: &mut Tally) -> Option<String> {
    let (send, receive) = mpsc::channel();
    let for_thread = text.clone();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| generate(&for_thread, Flavour::Generic));
        let _ = send.send(outcome.map(|r| match r {
            Ok(g) => (true, g.diagnostics, syn::parse_file(&g.source).is_ok()),
            Err(d) => (false, d.0, true),
        }));
    });
    let Ok(outcome) = receive.recv_timeout(HANG) else {
        return Some(format!("no answer within {HANG:?} (a hang)"));
    };
    let Ok((generated, diagnostics, parses)) = outcome else {
        return Some("codegen panicked".to_owned());
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match (generated, errors) {
        (false, _) => tally.refused += 1,
        (true, 0) => tally.clean += 1,
        (true, _) => tally.flagged += 1,
    }
    if !generated && errors == 0 {
        return Some("refused without an error diagnostic".to_owned());
    }
    if !parses {
        return Some("the generated source does not parse".to_owned());
    }
    if let Some(d) = diagnostics
        .iter()
        .find(|d| !(d.pointer.is_empty() || d.pointer.starts_with('/')))
    {
        return Some(format!("a diagnostic without a JSON pointer: {d}"));
    }
    if text.len() < CLI_CHECKED {
        let dir = std::env::temp_dir().join(format!("authing-mutation-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let spec = dir.join(format!("{name}.json"));
        std::fs::write(&spec, &text).unwrap();
        let options = xtask::codegen::Options {
            allow_errors: false,
            verbose: false,
        };
        let refused = xtask::codegen::standalone(&spec, &dir.join("out"), None, options).is_err();
        if refused != (errors > 0) {
            return Some(format!(
                "the CLI {} a mutant with {errors} error diagnostics",
                if refused { "refuses" } else { "accepts" }
            ));
        }
    }
    None
}

#[test]
fn mutated_specs_never_panic_hang_or_lie() {
    let mut failures = Vec::new();
    let mut total = 0;
    let mut tally = Tally::default();
    for (n, path) in specs().iter().enumerate() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let original: Result<Value, String> = if text.trim_start().starts_with('{') {
            serde_json::from_str(&text).map_err(|e| e.to_string())
        } else {
            serde_yaml_ng::from_str(&text).map_err(|e| e.to_string())
        };
        // The mutants are JSON: a YAML number beyond JSON's range cannot be one.
        let original = match original {
            Ok(value) => value,
            Err(error) => {
                println!("{name}: skipped, not a JSON tree: {error}");
                continue;
            }
        };
        let mutants = if text.len() < LARGE {
            MUTANTS.0
        } else {
            MUTANTS.1
        };
        for i in 0..mutants {
            let mut rng = fastrand::Rng::with_seed(SEED + 1000 * n as u64 + i as u64);
            let mut spec = original.clone();
            let done: Vec<&str> = (0..rng.usize(1..=3))
                .map(|_| mutate(&mut spec, &mut rng))
                .collect();
            let mutant = format!("{name}-{i}");
            total += 1;
            if let Some(failure) = run(&mutant, serde_json::to_string(&spec).unwrap(), &mut tally) {
                let dir = xtask::workspace::root().join("target/mutation-failures");
                std::fs::create_dir_all(&dir).unwrap();
                let file = dir.join(format!("{mutant}.json"));
                std::fs::write(&file, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
                failures.push(format!(
                    "{mutant} ({}): {failure}; saved as {}",
                    done.join(", "),
                    file.display()
                ));
            }
        }
    }
    println!("{total} mutants: {tally:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
