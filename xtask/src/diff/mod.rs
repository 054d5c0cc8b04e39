//! `cargo xtask diff [OLD] [NEW]`: what changed between two versions of the spec, and what it
//! breaks in the generated Rust API.
//!
//! Each side ([`side`]) is a spec file, a directory of specs, or a git revision of this
//! repository (its `spec/`); the defaults are `HEAD` and the working tree. Both sides are lowered
//! by codegen (the same lowering `cargo xtask codegen` runs), compared client by client
//! ([`compare`](mod@compare)), each change classified by its effect on code written against the
//! old client ([`classify`](mod@classify), where the reasoning is written), and rendered
//! ([`render`]) as Markdown or JSON.
//! The report's [`Bump`] is the semver bump it implies; `cargo xtask changelog` writes it down.

pub mod classify;
pub mod compare;
pub mod render;
pub mod side;
mod types;

#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::process::ExitCode;

use crate::console::{errln, out, outln};

use authing_codegen::ir::Api;

pub use classify::{Effect, Kind, Usage, classify};
pub use compare::{Change, ClientReport, compare};
use side::{Side, Spec};

/// The changes between two sides, per client (sorted by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The old side's label.
    pub old: String,
    /// The new side's label.
    pub new: String,
    /// One report per client present on either side.
    pub clients: Vec<ClientReport>,
}

/// A semver bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Additions only.
    Minor,
    /// Something breaks.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    pub fn id(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl Report {
    /// How many changes of every client have `effect`.
    pub fn count(&self, effect: Effect) -> usize {
        self.clients.iter().map(|c| c.count(effect)).sum()
    }

    /// The bump the report implies: major when something breaks, minor for additions, patch for
    /// documentation (descriptions, deprecations).
    pub fn bump(&self) -> Bump {
        if self.count(Effect::Breaking) > 0 {
            Bump::Major
        } else if self.count(Effect::Additive) > 0 {
            Bump::Minor
        } else if self.count(Effect::Docs) > 0 || self.clients.iter().any(|c| c.descriptions > 0) {
            Bump::Patch
        } else {
            Bump::None
        }
    }
}

/// The version after `version` for `bump`, with Cargo's rule for `0.y.z`: there a breaking
/// change bumps `y` and anything else `z` (`0.0.z`: every change bumps `z`). `None` when
/// `version` is not `x.y.z`.
pub fn next_version(version: &str, bump: Bump) -> Option<String> {
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [x, y, z] = parts[..] else { return None };
    Some(match (bump, x, y) {
        (Bump::None, ..) => format!("{x}.{y}.{z}"),
        (_, 0, 0) => format!("0.0.{}", z + 1),
        (Bump::Major, 0, _) => format!("0.{}.0", y + 1),
        (_, 0, _) => format!("0.{y}.{}", z + 1),
        (Bump::Major, ..) => format!("{}.0.0", x + 1),
        (Bump::Minor, ..) => format!("{x}.{}.0", y + 1),
        (Bump::Patch, ..) => format!("{x}.{y}.{}", z + 1),
    })
}

/// Lowers one spec with the flavour `cargo xtask codegen` gives its client. Lowering diagnostics
/// are `cargo xtask codegen`'s to report; only a text that is not OpenAPI 3.0 is an error here.
pub fn lower(spec: &Spec) -> Result<Api, String> {
    let (_, flavour) = crate::codegen::module_of(&spec.client);
    let lowered = std::panic::catch_unwind(|| {
        let (openapi, _) = authing_codegen::load(&spec.text)?;
        Ok(authing_codegen::lower(&openapi, flavour).0)
    });
    match lowered {
        Ok(Ok(api)) => Ok(api),
        Ok(Err(diagnostics)) => Err(format!(
            "{}: not an OpenAPI 3.0 document:\n{}",
            spec.origin,
            authing_codegen::Diagnostics(diagnostics)
        )),
        Err(_) => Err(format!(
            "{}: internal error: codegen panicked while lowering this spec; please report it",
            spec.origin
        )),
    }
}

/// Compares two sides client by client. Two sides of one spec each are the same client even when
/// their file names differ (the new name is kept).
pub fn diff(old: &Side, new: &Side) -> Result<Report, String> {
    let lowered = |side: &Side| -> Result<Vec<(String, Api)>, String> {
        side.specs
            .iter()
            .map(|s| Ok((s.client.clone(), lower(s)?)))
            .collect()
    };
    let mut old_apis = lowered(old)?;
    let new_apis = lowered(new)?;
    if let ([o], [n]) = (&mut old_apis[..], &new_apis[..]) {
        o.0 = n.0.clone();
    }
    let mut names: Vec<&String> = old_apis.iter().chain(&new_apis).map(|(n, _)| n).collect();
    names.sort();
    names.dedup();
    let find = |apis: &[(String, Api)], name: &str| {
        apis.iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a)
            .cloned()
    };
    let clients = names
        .iter()
        .map(|name| {
            let (o, n) = (find(&old_apis, name), find(&new_apis, name));
            compare(name, o.as_ref(), n.as_ref())
        })
        .collect();
    Ok(Report {
        old: old.label.clone(),
        new: new.label.clone(),
        clients,
    })
}

/// The two sides from the command line: `[OLD] [NEW]`, defaults `HEAD` and the working tree.
pub fn sides(positional: &[String]) -> Result<(Side, Side), String> {
    let root = crate::workspace::root();
    let old = side::read(positional.first().map_or("HEAD", String::as_str), &root)?;
    let new = match positional.get(1) {
        Some(arg) => side::read(arg, &root)?,
        None => side::working_tree(&root)?,
    };
    Ok((old, new))
}

const USAGE: &str = "\
usage: cargo xtask diff [OLD] [NEW] [--format markdown|json] [--deny breaking|additive]

What changed between two versions of the spec, per client, and what each change does to code
written against the old client: breaking, additive or docs. OLD and NEW are each a spec file, a
directory of specs, or a git revision of this repository (its spec/); the defaults are HEAD and
the working tree's spec/.

  --format F   markdown (default; for a pull request or the changelog) or json
  --deny E     exit 1 when a change is `breaking` (or, with `additive`, any API change)
  -h, --help   print this help

Exit status: 0, 1 when --deny finds a change it denies, 2 on an error (unreadable side, a spec
that is not OpenAPI 3.0).";

/// Options shared by `diff` and `changelog`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Args {
    /// `[OLD] [NEW]`.
    pub positional: Vec<String>,
    /// `--format json`.
    pub json: bool,
    /// `--deny`.
    pub deny: Option<Effect>,
    /// `--help`.
    pub help: bool,
}

impl Args {
    /// Parses the arguments after `diff`.
    pub fn parse(args: Vec<OsString>) -> Result<Args, String> {
        use lexopt::prelude::*;
        let mut parsed = Args::default();
        let mut parser = lexopt::Parser::from_args(args);
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Long("help") | Short('h') => {
                    parsed.help = true;
                    return Ok(parsed);
                }
                Long("format") => match value(&mut parser)?.as_str() {
                    "markdown" | "md" => parsed.json = false,
                    "json" => parsed.json = true,
                    other => return Err(format!("unknown format `{other}` (markdown or json)")),
                },
                Long("deny") => match value(&mut parser)?.as_str() {
                    "breaking" => parsed.deny = Some(Effect::Breaking),
                    "additive" => parsed.deny = Some(Effect::Additive),
                    other => return Err(format!("cannot deny `{other}` (breaking or additive)")),
                },
                Value(v) => parsed
                    .positional
                    .push(v.string().map_err(|v| format!("not UTF-8: {v:?}"))?),
                other => return Err(other.unexpected().to_string()),
            }
        }
        if parsed.positional.len() > 2 {
            return Err("at most two sides: [OLD] [NEW]".into());
        }
        Ok(parsed)
    }
}

fn value(parser: &mut lexopt::Parser) -> Result<String, String> {
    use lexopt::ValueExt;
    parser
        .value()
        .map_err(|e| e.to_string())?
        .string()
        .map_err(|e| e.to_string())
}

/// Whether `report` has a change `deny` refuses (`Additive`: any change but docs).
pub fn denied(report: &Report, deny: Effect) -> usize {
    match deny {
        Effect::Breaking => report.count(Effect::Breaking),
        Effect::Additive => report.count(Effect::Breaking) + report.count(Effect::Additive),
        Effect::Docs => 0,
    }
}

/// Entry point of `cargo xtask diff`.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let args = match Args::parse(args) {
        Ok(args) => args,
        Err(e) => {
            errln(&format!("cargo xtask diff: {e}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    if args.help {
        outln(USAGE);
        return ExitCode::SUCCESS;
    }
    let report = match sides(&args.positional).and_then(|(old, new)| diff(&old, &new)) {
        Ok(report) => report,
        Err(e) => {
            errln(&format!("cargo xtask diff: {e}"));
            return ExitCode::from(2);
        }
    };
    if args.json {
        out(&render::json(&report));
    } else {
        out(&render::markdown(&report));
    }
    if let Some(deny) = args.deny {
        let n = denied(&report, deny);
        if n > 0 {
            errln(&format!(
                "cargo xtask diff: --deny {}: {n} change(s) denied",
                deny.id()
            ));
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
