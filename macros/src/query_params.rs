//! `#[query_params]`: the optional query parameters of one operation.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, ItemStruct};

use crate::support::{Errors, is_option, no_args, private, serde_crate, take_wire_name};

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    no_args(args, "query_params")?;
    let mut input: ItemStruct = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut pairs = Vec::new();
    match &mut input.fields {
        Fields::Named(fields) => {
            for field in &mut fields.named {
                let wire = take_wire_name(&mut field.attrs, "query", &mut errors);
                if !is_option(&field.ty) {
                    errors.push(syn::Error::new_spanned(
                        &field.ty,
                        "query parameters are optional: `Option<_>`",
                    ));
                }
                match wire {
                    Some(wire) => {
                        field.attrs.push(syn::parse_quote!(#[serde(
                            rename = #wire,
                            default,
                            skip_serializing_if = "::core::option::Option::is_none"
                        )]));
                        pairs.push((field.ident.clone(), wire));
                    }
                    None => errors.push(syn::Error::new_spanned(
                        &field.ident,
                        "each field needs `#[query(\"wire name\")]`",
                    )),
                }
            }
        }
        _ => errors.push(syn::Error::new_spanned(
            &input.ident,
            "`#[query_params]` needs a struct with named fields",
        )),
    }
    errors.finish(())?;
    let name = &input.ident;
    let private = private();
    let serde_crate = serde_crate();
    let calls = pairs
        .iter()
        .map(|(field, wire)| quote!(.query(#wire, &self.#field)));
    Ok(quote! {
        #[derive(
            ::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq,
            #private::serde::Serialize, #private::serde::Deserialize
        )]
        #serde_crate
        #input

        impl #private::QueryParams for #name {
            fn apply(&self, request: ::authing::runtime::Request) -> ::authing::runtime::Request {
                request #(#calls)*
            }
        }
    })
}
