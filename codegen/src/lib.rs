//! OpenAPI 3.0 / 3.1 -> Rust client generator. A library without IO: spec text in, files as data out.
//!
//! The stages, each a function so tests and benchmarks can run them one by one:
//!
//! 1. [`load()`]: text (JSON or YAML) -> `openapiv3::OpenAPI`, from OpenAPI 3.0.x or 3.1.x
//!    (3.1 normalised onto 3.0; warnings for what it had to repair or drop);
//! 2. [`lower()`]: spec -> [`ir::Api`], a plain-data IR (types in an arena, names resolved,
//!    cycles boxed), plus [`Diagnostic`]s for what it could not model (with the fallback used);
//! 3. [`emit()`]: IR -> tokens, in the vocabulary of the `authing-macros` carrier macros;
//! 4. [`format()`]: tokens -> source text (`prettyplease`), with the "do not edit" header.
//!
//! [`generate`] runs them all; [`generate_tokens`] stops before formatting (for `generate_api!`).
//! [`standalone_crate`] wraps a generic client into the files of its own crate.
//!
//! ```
//! let spec = r#"{"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"},
//!   "paths": {"/pets/{id}": {"get": {"operationId": "getPet",
//!     "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
//!     "responses": {"200": {"description": "ok", "content": {"application/json":
//!       {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}}}}}}}"#;
//! let generated = authing_codegen::generate(spec, authing_codegen::Flavour::Generic).unwrap();
//! assert!(generated.source.contains(r#"#[operation(GET "/pets/{id}", id = "getPet")]"#));
//! assert!(generated.source.contains("pub async fn get_pet("));
//! assert!(generated.diagnostics.is_empty());
//! ```

mod construct;
pub mod diagnostic;
mod doc;
mod emit;
mod example;
mod format;
pub mod ir;
mod load;
mod lower;
pub mod names;
mod pages;
mod parts;
mod share;
mod visit;

use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use emit::{ExamplesAt, emit};
pub use format::{HEADER, format};
pub use load::load;
pub use lower::lower;

/// Which client the operations are generated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavour {
    /// Any OpenAPI spec: a `Client` type is generated, wrapping `::authing::runtime::Client`;
    /// methods return the whole response body.
    Generic,
    /// The Authing authentication API: methods on `::authing::AuthenticationClient`, the V3
    /// envelope unwrapped to the type of its `data`.
    Authentication,
    /// The Authing management API: methods on `::authing::ManagementClient`, envelope unwrapped.
    Management,
}

/// Time spent in each stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// [`load()`].
    pub load: Duration,
    /// [`lower()`].
    pub lower: Duration,
    /// [`emit()`].
    pub emit: Duration,
    /// [`format()`] (zero for [`generate_tokens`]).
    pub format: Duration,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The lowered API (counts: [`ir::Api::summary`]).
    pub api: ir::Api,
    /// The items, unformatted.
    pub tokens: TokenStream,
    /// The formatted module, starting with [`HEADER`] (empty for [`generate_tokens`]).
    pub source: String,
    /// Warnings and errors met on the way, sorted; each had a fallback.
    pub diagnostics: Vec<Diagnostic>,
    /// Time per stage.
    pub timings: Timings,
}

impl Generated {
    /// The diagnostics that are errors (the output cannot be trusted).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Runs every stage on `spec`. Fails only when the text is not a readable OpenAPI 3.0 / 3.1 document; any other
/// problem is a diagnostic in [`Generated::diagnostics`].
pub fn generate(spec: &str, flavour: Flavour) -> Result<Generated, Diagnostics> {
    guarded(|| {
        let mut generated = stages(spec, flavour)?;
        let start = Instant::now();
        generated.source = format(generated.tokens.clone(), &module_doc(&generated.api));
        generated.timings.format = start.elapsed();
        Ok(generated)
    })
}

/// [`generate`] without the formatting stage.
pub fn generate_tokens(spec: &str, flavour: Flavour) -> Result<Generated, Diagnostics> {
    guarded(|| stages(spec, flavour))
}

/// The module of the types several APIs share, from [`share`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// The formatted module, starting with [`HEADER`]; its siblings re-export from it as
    /// `super::common`.
    pub source: String,
    /// The shared types' names, sorted.
    pub types: Vec<String>,
}

/// Defines once the types that all of `generated` (modules of one crate, siblings of a
/// `common` module) have identical (see the rules in `share.rs`): each module is emitted again
/// without them, re-exporting them from `super::common`, and the `common` module is returned.
/// `Ok(None)` (and nothing changed) when nothing is shared.
pub fn share(generated: &mut [&mut Generated]) -> Result<Option<Common>, Diagnostics> {
    guarded(|| Ok(share_types(generated)))
}

fn share_types(generated: &mut [&mut Generated]) -> Option<Common> {
    let apis: Vec<&ir::Api> = generated.iter().map(|g| &g.api).collect();
    let shared = share::shared(&apis);
    let first = shared.first().filter(|ids| !ids.is_empty())?;
    let mut types: Vec<String> = (first.iter())
        .map(|id| apis[0].ty(*id).rust_name.clone())
        .collect();
    types.sort();
    let titles: Vec<&str> = apis.iter().map(|api| api.title.as_str()).collect();
    let doc = format!(
        "The types {} have in common, defined once and re-exported by each of them.\n\n\
             Identical after lowering: the same fields, wire names, types and variants; the \
             docs are those of {}.",
        titles.join(" and "),
        titles[0]
    );
    let common = Common {
        source: format(share::common(&apis, &shared), &doc),
        types,
    };
    for (generated, ids) in generated.iter_mut().zip(&shared) {
        generated.tokens = emit::emit_sharing(&generated.api, ids);
        if !generated.source.is_empty() {
            generated.source = format(generated.tokens.clone(), &module_doc(&generated.api));
        }
    }
    Some(common)
}

/// Runs `f`, turning a panic (a bug in codegen or a dependency, never expected) into an error
/// diagnostic: no input may take down the xtask or the compiler running `generate_api!`.
fn guarded<T>(f: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, Diagnostics> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        Err(Diagnostics(vec![Diagnostic::error(
            "",
            format!("internal error: codegen panicked on this spec ({message}); please report it"),
        )]))
    })
}

/// The inner doc of a generated module.
fn module_doc(api: &ir::Api) -> String {
    format!(
        "{}: operations and types, generated from the OpenAPI spec.",
        api.title
    )
}

fn stages(spec: &str, flavour: Flavour) -> Result<Generated, Diagnostics> {
    let start = Instant::now();
    let (openapi, mut diagnostics) = load(spec).map_err(Diagnostics)?;
    let loaded = Instant::now();
    let (api, lowered) = lower(&openapi, flavour);
    diagnostics.extend(lowered);
    let lowered = Instant::now();
    let tokens = emit(&api);
    let emitted = Instant::now();
    Ok(Generated {
        api,
        tokens,
        source: String::new(),
        diagnostics,
        timings: Timings {
            load: loaded - start,
            lower: lowered - loaded,
            emit: emitted - lowered,
            format: Duration::ZERO,
        },
    })
}

/// The round-trip test of every example the spec carries, for the generated module `module`
/// compiled `at` a place; `None` when the spec has no example of a generated type.
pub fn examples_test(generated: &Generated, module: &str, at: ExamplesAt) -> Option<String> {
    let tokens = emit::examples_test(&generated.api, module, at)?;
    let doc = format!(
        "Round trip of every example in the spec of `{module}`: the JSON, deserialized into its type and serialized again, is the same JSON."
    );
    Some(format(tokens, &doc))
}

/// A file to write, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// The files of a standalone crate `name` holding a [`Flavour::Generic`] client: `Cargo.toml`
/// (depending on `authing` at `authing_path` with `default-features = false`, so only the generic
/// runtime is built) and `src/lib.rs`.
pub fn standalone_crate(name: &str, authing_path: &str, generated: &Generated) -> Vec<File> {
    let manifest = format!(
        "# Generated by `cargo xtask codegen`, do not edit.\n\
         [package]\n\
         name = {}\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         authing = {{ path = {}, default-features = false }}\n\
         \n\
         # A crate of its own, not a member of an enclosing workspace.\n\
         [workspace]\n",
        toml_string(name),
        toml_string(&authing_path.replace('\\', "/"))
    );
    let lib = generated.source.replacen(
        HEADER,
        &format!("{HEADER}#![allow(missing_docs, clippy::all)]\n"),
        1,
    );
    vec![
        File {
            path: "Cargo.toml".into(),
            contents: manifest,
        },
        File {
            path: "src/lib.rs".into(),
            contents: lib,
        },
    ]
}

/// `text` as a TOML basic string, quotes included (`"`, `\` and control characters escaped).
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
