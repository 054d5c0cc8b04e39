//! `cargo xtask changelog [OLD] [NEW] [--release VERSION]`: the `cargo xtask diff` report, written
//! into `generated/CHANGELOG.md` with the semver bump it implies.
//!
//! The entry is the `## Unreleased` section (replaced on every run, so it always describes OLD ->
//! NEW); `--release VERSION` writes it as `## VERSION` instead. Older sections are kept as they
//! are. The file is written only when it changes.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::console::{errln, out, outln};
use crate::diff::{self, Bump, Report, render};

/// The changelog, in the client crate.
pub fn path() -> PathBuf {
    crate::workspace::root().join("generated/CHANGELOG.md")
}

/// The header a new changelog starts with.
pub const HEADER: &str = "\
# Changelog

Changes of the `authing` crate's API. The entries are written by `cargo xtask changelog` from
`cargo xtask diff` (see the README's upgrade workflow): each change to the generated API is
classified breaking, additive or docs by its effect on code written against the previous
release, and the entry states the semver bump that implies.
";

const UNRELEASED: &str = "## Unreleased";

/// The changelog section for `report`, headed `## {title}`; `current` is the crate version the
/// report starts from.
pub fn section(report: &Report, title: &str, current: &str) -> String {
    let mut out = String::new();
    let bump = report.bump();
    let _ = writeln!(out, "## {title}\n");
    let _ = write!(
        out,
        "Spec {} -> {}. {}",
        report.old,
        report.new,
        render::bump_line(report)
    );
    match diff::next_version(current, bump) {
        Some(next) if bump != Bump::None => {
            let _ = writeln!(out, " Next version: {next} (from {current}).");
        }
        _ => out.push('\n'),
    }
    for client in &report.clients {
        if client.changes.is_empty() && client.descriptions == 0 {
            continue;
        }
        let _ = write!(
            out,
            "\n### `{}` ({} -> {} operations)\n",
            client.client, client.operations.0, client.operations.1
        );
        out.push_str(&render::client_sections(client, "####"));
    }
    out
}

/// `changelog` with its `## Unreleased` section (or the section titled `title`) replaced by
/// `section`, or inserted after the header when there is none.
pub fn update(changelog: &str, section: &str, title: &str) -> String {
    let changelog = if changelog.trim().is_empty() {
        HEADER
    } else {
        changelog
    };
    let heading = format!("## {title}");
    let mut lines: Vec<&str> = changelog.lines().collect();
    let find = |lines: &[&str], h: &str| lines.iter().position(|l| l.trim_end() == h);
    let start = find(&lines, UNRELEASED).or_else(|| find(&lines, &heading));
    let (start, end) = match start {
        Some(start) => {
            let end = lines[start + 1..]
                .iter()
                .position(|l| l.starts_with("## "))
                .map_or(lines.len(), |i| start + 1 + i);
            (start, end)
        }
        None => {
            let at = lines
                .iter()
                .position(|l| l.starts_with("## "))
                .unwrap_or(lines.len());
            (at, at)
        }
    };
    let mut kept_after: Vec<&str> = lines.split_off(end);
    lines.truncate(start);
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push_str("\n\n");
    out.push_str(section.trim_end());
    out.push('\n');
    while kept_after.first().is_some_and(|l| l.trim().is_empty()) {
        kept_after.remove(0);
    }
    if !kept_after.is_empty() {
        out.push('\n');
        out.push_str(&kept_after.join("\n"));
        out.push('\n');
    }
    out
}

const USAGE: &str = "\
usage: cargo xtask changelog [OLD] [NEW] [--release VERSION]

Writes the `cargo xtask diff OLD NEW` report (defaults: HEAD and the working tree's spec/) into
generated/CHANGELOG.md as its `## Unreleased` section, with the semver bump it implies and the
next version (Cargo's rule: for 0.y.z a breaking change bumps y). The section is replaced on
every run; older sections are kept.

  --release VERSION   title the section `## VERSION` instead of `## Unreleased`
  -h, --help          print this help";

/// Entry point of `cargo xtask changelog`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let mut positional: Vec<OsString> = Vec::new();
    let mut release: Option<String> = None;
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        use lexopt::prelude::*;
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Long("help") | Short('h'))) => {
                outln(USAGE);
                return ExitCode::SUCCESS;
            }
            Ok(Some(Long("release"))) => match parser.value().map(|v| v.string()) {
                Ok(Ok(v)) if diff::next_version(&v, Bump::None).is_some() => release = Some(v),
                _ => return usage("--release needs a version x.y.z"),
            },
            Ok(Some(Value(v))) => positional.push(v),
            Ok(Some(other)) => return usage(&other.unexpected().to_string()),
            Err(e) => return usage(&e.to_string()),
        }
    }
    let args = match diff::Args::parse(positional) {
        Ok(args) => args,
        Err(e) => return usage(&e),
    };
    let report = match diff::sides(&args.positional).and_then(|(old, new)| diff::diff(&old, &new)) {
        Ok(report) => report,
        Err(e) => {
            errln(&format!("cargo xtask changelog: {e}"));
            return ExitCode::from(2);
        }
    };
    let title = release.as_deref().unwrap_or("Unreleased");
    let text = section(&report, title, env!("CARGO_PKG_VERSION"));
    let path = path();
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            errln(&format!("cargo xtask changelog: {}: {e}", path.display()));
            return ExitCode::from(2);
        }
    };
    let new = update(&old, &text, title);
    out(&text);
    if new == old {
        outln("\ngenerated/CHANGELOG.md is up to date");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = crate::spec::write(
        path.parent().expect("generated/"),
        &[("CHANGELOG.md".to_owned(), new)].into(),
    ) {
        errln(&format!("cargo xtask changelog: {e}"));
        return ExitCode::from(2);
    }
    outln(&format!(
        "\nwrote generated/CHANGELOG.md ({} bump)",
        report.bump().id()
    ));
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    errln(&format!("cargo xtask changelog: {problem}\n\n{USAGE}"));
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::{HEADER, update};

    /// `update(changelog, section)` is `expected`.
    fn check(changelog: &str, section: &str, title: &str, expected: &str) {
        assert_eq!(update(changelog, section, title), expected, "{changelog:?}");
    }

    #[rustfmt::skip]
    #[test]
    fn sections() {
        let new = "## Unreleased\n\nnew\n";
        check("", new, "Unreleased", &format!("{HEADER}\n{new}"));
        check("# C\n\n## 0.1.0\n\nfirst\n", new, "Unreleased", "# C\n\n## Unreleased\n\nnew\n\n## 0.1.0\n\nfirst\n");
        check("# C\n\n## Unreleased\n\nold\nmore\n\n## 0.1.0\n\nfirst\n", new, "Unreleased", "# C\n\n## Unreleased\n\nnew\n\n## 0.1.0\n\nfirst\n");
        check("# C\n\n## Unreleased\n\nold\n", new, "Unreleased", "# C\n\n## Unreleased\n\nnew\n");
        check("# C\n\n## Unreleased\n\nold\n\n## 0.1.0\n\nfirst\n", "## 0.2.0\n\nnew\n", "0.2.0", "# C\n\n## 0.2.0\n\nnew\n\n## 0.1.0\n\nfirst\n");
        check("# C\n\n## 0.2.0\n\nold\n\n## 0.1.0\n", "## 0.2.0\n\nnew\n", "0.2.0", "# C\n\n## 0.2.0\n\nnew\n\n## 0.1.0\n");
    }
}
