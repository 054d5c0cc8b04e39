//! `generate_api!`: a spec file expanded at compile time through `authing-codegen`.

use std::path::PathBuf;

use authing_codegen::Flavour;
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// `"path"` or `spec = "path", client = generic`.
struct Input {
    spec: LitStr,
    flavour: Flavour,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let spec = input.parse()?;
            input.parse::<Option<Token![,]>>()?;
            if !input.is_empty() {
                return Err(
                    input.error("expected only the spec path, or `spec = \"..\", client = ..`")
                );
            }
            return Ok(Input {
                spec,
                flavour: Flavour::Generic,
            });
        }
        let mut spec = None;
        let mut flavour = Flavour::Generic;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "spec" => spec = Some(input.parse::<LitStr>()?),
                "client" => {
                    let value: Ident = input.parse()?;
                    flavour = match value.to_string().as_str() {
                        "generic" => Flavour::Generic,
                        "authentication" => Flavour::Authentication,
                        "management" => Flavour::Management,
                        _ => {
                            return Err(syn::Error::new(
                                value.span(),
                                "expected `client = generic`, `client = authentication` or `client = management`",
                            ));
                        }
                    };
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "expected `spec = \"path\"` or `client = ..`",
                    ));
                }
            }
            input.parse::<Option<Token![,]>>()?;
        }
        let spec = spec.ok_or_else(|| input.error("missing `spec = \"path/to/spec.json\"`"))?;
        Ok(Input { spec, flavour })
    }
}

/// `path` relative to the directory of the source file holding the invocation (as
/// `include_str!`), or to `CARGO_MANIFEST_DIR` when the compiler does not say which file that is.
///
/// `Span::local_file` is Rust 1.88: the `generate` feature needs 1.88 (the carrier macros 1.85).
#[clippy::msrv = "1.88"]
fn resolve(path: &str) -> PathBuf {
    let base = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.parent().map(PathBuf::from))
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
        .unwrap_or_default();
    base.join(path)
}

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let Input { spec, flavour } = syn::parse2(input)?;
    let path = resolve(&spec.value());
    let text = std::fs::read_to_string(&path).map_err(|e| {
        syn::Error::new(
            spec.span(),
            format!("cannot read the spec {:?}: {e}", spec.value()),
        )
    })?;
    // `generate_tokens` already turns a panic into an error; this is the last line for what
    // runs around it, so that no spec can crash the compiler.
    let generated = std::panic::catch_unwind(|| authing_codegen::generate_tokens(&text, flavour))
        .map_err(|_| {
            syn::Error::new(
                spec.span(),
                "internal error: codegen panicked on this spec; please report it",
            )
        })?
        .map_err(|e| {
            syn::Error::new(spec.span(), format!("invalid spec {}:\n{e}", spec.value()))
        })?;
    let errors: Vec<String> = generated.errors().map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(syn::Error::new(
            spec.span(),
            format!("invalid spec {}:\n{}", spec.value(), errors.join("\n")),
        ));
    }
    // `include_str!` resolves relative paths against the invoking file: give it an absolute one.
    let tracked = std::fs::canonicalize(&path)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let warnings = warnings(&spec, &generated.diagnostics);
    let items = generated.tokens;
    Ok(quote! {
        // Rebuild when the spec changes.
        const _: &str = include_str!(#tracked);
        #warnings
        #items
    })
}

/// The spec's warnings as compiler warnings at the spec literal: stable Rust has no API for a
/// proc-macro warning, so each group of warnings (same message) is the note of a deprecated
/// constant used right there. `#[allow(deprecated)]` on the enclosing module silences them.
fn warnings(spec: &LitStr, diagnostics: &[authing_codegen::Diagnostic]) -> TokenStream {
    let groups = authing_codegen::diagnostic::group(diagnostics);
    let items = groups.iter().map(|group| {
        let note = format!(
            "spec {}: {}",
            spec.value(),
            format!("{group:#}").replace("\n    ", " ")
        );
        let name = Ident::new("spec_warning", spec.span());
        quote! {
            const _: () = {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const spec_warning: () = ();
                #name
            };
        }
    });
    quote!(#(#items)*)
}
