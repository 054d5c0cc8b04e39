//! What every macro shares: absolute paths of the support code, errors, helper attributes.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, LitStr};

/// Turns the result of an expansion into tokens: the errors, all of them, as `compile_error!`s.
pub fn expand(result: syn::Result<TokenStream>) -> proc_macro::TokenStream {
    match result {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Collects errors so that all of them are reported, not only the first.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Records `error`.
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(existing) => existing.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `Err` with every recorded error, or `Ok(value)`.
    pub fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// `::authing::generated::__private`: serde, serde_json and the traits the expansions use.
pub fn private() -> TokenStream {
    quote!(::authing::generated::__private)
}

/// `#[serde(crate = "...")]` for serde derives in expansions.
pub fn serde_crate() -> TokenStream {
    quote!(#[serde(crate = "::authing::generated::__private::serde")])
}

/// Removes the helper attributes named `name` from `attrs` and returns them.
pub fn take_attrs(attrs: &mut Vec<Attribute>, name: &str) -> Vec<Attribute> {
    let (taken, kept) = std::mem::take(attrs)
        .into_iter()
        .partition(|a| a.path().is_ident(name));
    *attrs = kept;
    taken
}

/// The single `#[name("wire")]` of a field, removed from `attrs`.
pub fn take_wire_name(
    attrs: &mut Vec<Attribute>,
    name: &str,
    errors: &mut Errors,
) -> Option<LitStr> {
    let taken = take_attrs(attrs, name);
    let mut found = None;
    for attr in taken {
        if found.is_some() {
            errors.push(syn::Error::new_spanned(
                &attr,
                format!("duplicate `#[{name}]`"),
            ));
            continue;
        }
        match attr.parse_args::<LitStr>() {
            Ok(lit) => found = Some(lit),
            Err(_) => errors.push(syn::Error::new_spanned(
                &attr,
                format!("expected `#[{name}(\"wire name\")]`"),
            )),
        }
    }
    found
}

/// Fails when the attribute got arguments it takes none of.
pub fn no_args(args: TokenStream, name: &str) -> syn::Result<()> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(syn::Error::new_spanned(
            args,
            format!("`#[{name}]` takes no arguments"),
        ))
    }
}

/// Whether `ty` is written `Option<..>` (any path ending in `Option`).
pub fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"
            && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))))
}
