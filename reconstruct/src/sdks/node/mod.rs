//! The node package (`authing-node-sdk`, TypeScript sources) as a witness, read with the `oxc`
//! TypeScript parser: the client classes (`client`: `src/AuthenticationClient.ts`,
//! `src/ManagementClient.ts`) and the models (`model`: `src/models/*.ts`, one type per file).
//!
//! This module holds what both need: which file plays which part, and the source positions
//! (byte offset -> line, the JSDoc comment in front of a declaration).

mod client;
mod model;

use std::collections::BTreeMap;

use oxc_allocator::Allocator;
use oxc_ast::ast::{Comment, Program};
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::{Package, Witness};
use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::Client;

/// The part a source file plays in the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A client class (its generated methods are operations).
    Client(Client),
    /// One model type.
    Model,
}

/// `src/AuthenticationClient.ts` / `src/ManagementClient.ts` are the clients, `src/models/X.ts`
/// the models (the barrel `index.ts` aside); nothing else is evidence.
fn role(rel_path: &str) -> Option<Role> {
    let parts: Vec<&str> = rel_path.split('/').collect();
    let file = *parts.last()?;
    let stem = file.strip_suffix(".ts")?;
    if parts.len() >= 2 && parts[parts.len() - 2] == "models" {
        return (stem != "index" && !file.ends_with(".d.ts")).then_some(Role::Model);
    }
    match stem {
        "AuthenticationClient" => Some(Role::Client(Client::Authentication)),
        "ManagementClient" => Some(Role::Client(Client::Management)),
        _ => None,
    }
}

/// Reads one node package: its client classes and models.
pub fn read(corpus: &Corpus, root: &str, docs: &[DocId], diags: &mut Diagnostics) -> Package {
    let mut pkg = Package {
        witness: Witness::Node,
        root: root.to_string(),
        operations: Vec::new(),
        models: BTreeMap::new(),
        helpers: Vec::new(),
    };
    let mut files: Vec<(Role, DocId)> = docs
        .iter()
        .filter_map(|&d| role(&corpus.doc(d).rel_path).map(|r| (r, d)))
        .collect();
    // Authentication before management, then models, each in path order.
    files.sort_by_key(|&(r, d)| {
        let rank = match r {
            Role::Client(Client::Authentication) => 0,
            Role::Client(Client::Management) => 1,
            Role::Model => 2,
        };
        (rank, corpus.doc(d).rel_path.clone())
    });
    let allocator = Allocator::default();
    for (role, id) in files {
        let text = corpus.doc(id).text.as_str();
        let parsed = Parser::new(&allocator, text, SourceType::ts()).parse();
        let src = Source::new(id, text, &parsed.program);
        if parsed.panicked || !parsed.errors.is_empty() {
            let at = parsed
                .errors
                .first()
                .and_then(|e| e.labels.as_ref()?.first().map(|l| l.offset() as u32))
                .unwrap_or(0);
            let what = parsed
                .errors
                .first()
                .map_or("unrecoverable syntax error".to_string(), |e| e.to_string());
            diags.error(
                src.loc(at),
                format!("not valid TypeScript ({what}); the file's evidence is incomplete"),
            );
        }
        match role {
            Role::Client(client) => client::read(&src, &parsed.program, client, &mut pkg, diags),
            Role::Model => model::read(&src, &parsed.program, &mut pkg, diags),
        }
    }
    pkg
}

/// A parsed file's positions: lines and leading comments.
struct Source<'s> {
    doc: DocId,
    text: &'s str,
    /// Byte offsets where lines start.
    line_starts: Vec<u32>,
    /// Leading block comments by the start of the token they are attached to.
    leading: BTreeMap<u32, Vec<(u32, u32)>>,
}

impl<'s> Source<'s> {
    fn new(doc: DocId, text: &'s str, program: &Program<'_>) -> Source<'s> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        let mut leading: BTreeMap<u32, Vec<(u32, u32)>> = BTreeMap::new();
        for c in program.comments.iter().filter(|c: &&Comment| c.is_block()) {
            if c.is_leading() {
                leading
                    .entry(c.attached_to)
                    .or_default()
                    .push((c.span.start, c.span.end));
            }
        }
        Source {
            doc,
            text,
            line_starts,
            leading,
        }
    }

    /// The place of a byte offset.
    fn loc(&self, offset: u32) -> Loc {
        let line = self.line_starts.partition_point(|&s| s <= offset) as u32;
        Loc {
            doc: self.doc,
            line: line.max(1),
        }
    }

    /// The text of a span.
    fn slice(&self, start: u32, end: u32) -> &'s str {
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// The JSDoc comment (`/** ... */`) right in front of the token at `start`, as its lines
    /// with the comment furniture (`/**`, `*/`, leading `*`) removed.
    fn jsdoc(&self, start: u32) -> Option<Vec<&'s str>> {
        let &(s, e) = self.leading.get(&start)?.last()?;
        let raw = self.slice(s, e);
        let inner = raw.strip_prefix("/**")?.strip_suffix("*/")?;
        let inner = inner.strip_suffix('*').unwrap_or(inner);
        Some(
            inner
                .lines()
                .map(|l| {
                    let l = l.trim();
                    let l = l.strip_prefix('*').unwrap_or(l);
                    l.strip_prefix(' ').unwrap_or(l).trim_end()
                })
                .collect(),
        )
    }

    /// A JSDoc comment as one description: its lines joined, blank lines at the ends dropped.
    fn doc_text(&self, start: u32) -> Option<String> {
        let lines = self.jsdoc(start)?;
        join_lines(&lines)
    }
}

/// Lines joined with `\n`, blank lines at both ends dropped; `None` when nothing is left.
fn join_lines(lines: &[&str]) -> Option<String> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    Some(lines[first..=last].join("\n"))
}
