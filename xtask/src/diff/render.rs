//! A [`Report`] as Markdown (a pull request, the changelog) or JSON (`--format json`).
//!
//! Both are byte-deterministic: clients by name, changes sorted by effect, kind, item.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::classify::Effect;
use super::compare::{Change, ClientReport};
use super::{Bump, Report};

const EFFECTS: [Effect; 3] = [Effect::Breaking, Effect::Additive, Effect::Docs];

/// The whole report in Markdown, headed `# ...`.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# API changes: {} -> {}\n", report.old, report.new);
    let _ = writeln!(out, "{}\n", bump_line(report));
    if report.clients.is_empty() {
        out.push_str("No client on either side.\n");
        return out;
    }
    out.push_str("| client | operations | breaking | additive | docs | descriptions changed |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for c in &report.clients {
        let _ = writeln!(
            out,
            "| {} | {} -> {} | {} | {} | {} | {} |",
            c.client,
            c.operations.0,
            c.operations.1,
            c.count(Effect::Breaking),
            c.count(Effect::Additive),
            c.count(Effect::Docs),
            c.descriptions
        );
    }
    for c in &report.clients {
        let _ = write!(out, "\n## {}\n", c.client);
        out.push_str(&client_sections(c, "###"));
    }
    out
}

/// The implied version bump, one sentence.
pub fn bump_line(report: &Report) -> String {
    let bump = report.bump();
    let why = match bump {
        Bump::Major => "breaking changes",
        Bump::Minor => "additions, nothing breaking",
        Bump::Patch => "documentation only",
        Bump::None => "no change",
    };
    format!("Implied semver bump: **{}** ({why}).", bump.id())
}

/// The sections of one client (`heading` is the level of its effect headings): per effect, the
/// changes grouped by kind, each group with the reason once.
pub fn client_sections(client: &ClientReport, heading: &str) -> String {
    let mut out = String::new();
    if client.changes.is_empty() && client.descriptions == 0 {
        out.push_str("\nNo change.\n");
        return out;
    }
    for effect in EFFECTS {
        let changes: Vec<&Change> = client
            .changes
            .iter()
            .filter(|c| c.effect == effect)
            .collect();
        let descriptions = if effect == Effect::Docs {
            client.descriptions
        } else {
            0
        };
        if changes.is_empty() && descriptions == 0 {
            continue;
        }
        let title = match effect {
            Effect::Breaking => "Breaking",
            Effect::Additive => "Additive",
            Effect::Docs => "Docs",
        };
        let _ = write!(out, "\n{heading} {title}\n");
        let mut group: Option<(&str, &str)> = None;
        for change in changes {
            let key = (change.kind.title(), change.reason);
            if group != Some(key) {
                let _ = write!(out, "\n{} — {}:\n\n", key.0, key.1);
                group = Some(key);
            }
            if change.detail.is_empty() {
                let _ = writeln!(out, "- `{}`", change.item);
            } else {
                let _ = writeln!(out, "- `{}`: {}", change.item, change.detail);
            }
        }
        if descriptions > 0 {
            let noun = if descriptions == 1 {
                "description"
            } else {
                "descriptions"
            };
            let _ = write!(out, "\n{descriptions} {noun} changed.\n");
        }
    }
    out
}

/// The whole report as pretty JSON.
pub fn json(report: &Report) -> String {
    let clients: Vec<Value> = report
        .clients
        .iter()
        .map(|c| {
            json!({
                "client": c.client,
                "operations": {"old": c.operations.0, "new": c.operations.1},
                "counts": {
                    "breaking": c.count(Effect::Breaking),
                    "additive": c.count(Effect::Additive),
                    "docs": c.count(Effect::Docs),
                    "descriptions": c.descriptions,
                },
                "changes": c.changes.iter().map(|ch| json!({
                    "effect": ch.effect.id(),
                    "kind": ch.kind.id(),
                    "item": ch.item,
                    "detail": ch.detail,
                    "reason": ch.reason,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "old": report.old,
        "new": report.new,
        "bump": report.bump().id(),
        "clients": clients,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
