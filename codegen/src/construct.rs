//! Constructors: `new` on the request structs that have required fields, taking exactly those
//! (`SigninByMobileDto::new(ext_idp_connidentifier, connection)`); the optional fields start as
//! `None` and are set on the value, so a call never spells out every optional field.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{ident, ty};
use crate::ir::{Api, PartKind, Struct, Ty, TypeId, TypeKind};

/// The types a request body reaches: the bodies, their fields, payloads and alternatives.
pub(crate) fn request_types(api: &Api) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Ty> = api
        .client
        .operations
        .iter()
        .filter_map(|op| op.body.as_ref().map(|b| &b.ty))
        .collect();
    while let Some(t) = stack.pop() {
        match t {
            Ty::Array(inner) | Ty::Map(inner) | Ty::Option(inner) => stack.push(inner),
            Ty::Named(id) if seen.insert(*id) => match &api.ty(*id).kind {
                TypeKind::Struct(s) => stack.extend(s.fields.iter().map(|f| &f.ty)),
                TypeKind::Connection(c) => stack.extend(
                    c.variants
                        .iter()
                        .filter_map(|v| v.payload.as_ref().map(|p| &p.1)),
                ),
                TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                TypeKind::Alias(target) | TypeKind::Newtype(target) => stack.push(target),
                TypeKind::Multipart(fields) => {
                    stack.extend(fields.iter().filter_map(|f| match &f.kind {
                        PartKind::Value(ty) => Some(ty),
                        PartKind::File | PartKind::Files => None,
                    }))
                }
                TypeKind::Enum(_) | TypeKind::QueryParams(_) => {}
            },
            _ => {}
        }
    }
    seen
}

/// `impl Name { pub fn new(..) -> Self }` for a struct with required fields; `None` without any.
pub(crate) fn constructor(api: &Api, name: &Ident, s: &Struct) -> Option<TokenStream> {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in &s.fields {
        let field = ident(&f.rust_name);
        // The flattened `additionalProperties` map (no wire name) starts empty.
        let additional = f.flatten && f.api_name.is_empty();
        if !f.required || additional {
            inits.push(quote!(#field: ::core::default::Default::default()));
            continue;
        }
        let inner = ty(api, &f.ty);
        let (arg_ty, value) = match (&f.ty, f.optional(), f.boxed) {
            (Ty::String, false, false) => (quote!(impl Into<String>), Some(quote!(#field.into()))),
            (_, false, false) => (inner, None),
            (_, false, true) => (inner, Some(quote!(Box::new(#field)))),
            (_, true, false) => (quote!(Option<#inner>), None),
            (_, true, true) => (quote!(Option<#inner>), Some(quote!(#field.map(Box::new)))),
        };
        args.push(quote!(#field: #arg_ty));
        inits.push(match value {
            Some(value) => quote!(#field: #value),
            None => quote!(#field),
        });
    }
    if args.is_empty() {
        return None;
    }
    let doc = format!(
        " A `{name}` from its required fields; the optional ones are `None` (set them on the value)."
    );
    Some(quote! {
        impl #name {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* }
            }
        }
    })
}
