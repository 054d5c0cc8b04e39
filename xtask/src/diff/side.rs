//! One side of a diff: a spec file, a directory of specs, or a git revision of this repository
//! (its `spec/`), read into spec texts named by client. The IO edge of `cargo xtask diff`.

use std::path::Path;
use std::process::Command;

/// The specs of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// How the report names it: a path, `HEAD (b8e0bc4)`, `working tree`.
    pub label: String,
    /// Its specs, sorted by client.
    pub specs: Vec<Spec>,
}

/// One spec text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The client: the file name without `.openapi.json` (or its extension).
    pub client: String,
    /// The file it came from (`spec/management.openapi.json`, `REV:spec/...`).
    pub origin: String,
    /// The spec text.
    pub text: String,
}

/// The client a spec file is for, or `None` when the name is not a spec's (`.json`, `.yaml`,
/// `.yml`; `RECONCILIATION.md` and `overrides.toml` are not specs).
pub fn client_of(file_name: &str) -> Option<String> {
    let stem = file_name
        .strip_suffix(".openapi.json")
        .or_else(|| file_name.strip_suffix(".json"))
        .or_else(|| file_name.strip_suffix(".yaml"))
        .or_else(|| file_name.strip_suffix(".yml"))?;
    (!stem.is_empty() && !stem.starts_with('.')).then(|| stem.to_owned())
}

/// Reads `arg`: an existing path (file or directory) first, else a git revision of `root`.
pub fn read(arg: &str, root: &Path) -> Result<Side, String> {
    let path = Path::new(arg);
    if path.is_file() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let client = client_of(name).unwrap_or_else(|| name.to_owned());
        let text = std::fs::read_to_string(path).map_err(|e| format!("{arg}: {e}"))?;
        return Ok(Side {
            label: arg.to_owned(),
            specs: vec![Spec {
                client,
                origin: arg.to_owned(),
                text,
            }],
        });
    }
    if path.is_dir() {
        return directory(path, arg);
    }
    revision(arg, root)
}

/// The working tree's `spec/`.
pub fn working_tree(root: &Path) -> Result<Side, String> {
    let mut side = directory(&root.join("spec"), "spec")?;
    side.label = "working tree".into();
    Ok(side)
}

fn directory(dir: &Path, label: &str) -> Result<Side, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{label}: {e}"))?;
    let mut specs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{label}: {e}"))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(client) = client_of(name) else {
            continue;
        };
        if !path.is_file() {
            continue;
        }
        let origin = format!("{}/{name}", label.trim_end_matches('/'));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{origin}: {e}"))?;
        specs.push(Spec {
            client,
            origin,
            text,
        });
    }
    specs.sort_by(|a, b| a.client.cmp(&b.client));
    if specs.is_empty() {
        return Err(format!(
            "{label}: no spec (*.json, *.yaml) in this directory"
        ));
    }
    Ok(Side {
        label: label.to_owned(),
        specs,
    })
}

/// `spec/` at git revision `rev`.
fn revision(rev: &str, root: &Path) -> Result<Side, String> {
    let sha = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("{rev}: neither a file, a directory nor a git revision"))?;
    let sha = sha.trim().to_owned();
    let short: String = sha.chars().take(7).collect();
    let listing = git(root, &["ls-tree", "--name-only", &sha, "spec/"])?;
    let mut specs = Vec::new();
    for path in listing.lines() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let Some(client) = client_of(name) else {
            continue;
        };
        let text = git(root, &["show", &format!("{sha}:{path}")])?;
        specs.push(Spec {
            client,
            origin: format!("{rev}:{path}"),
            text,
        });
    }
    specs.sort_by(|a, b| a.client.cmp(&b.client));
    if specs.is_empty() {
        return Err(format!(
            "{rev} ({short}): no spec in spec/ at this revision"
        ));
    }
    let label = if rev == short || sha.starts_with(rev) {
        short
    } else {
        format!("{rev} ({short})")
    };
    Ok(Side { label, specs })
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("git {}: {e}", args.join(" ")))
}
