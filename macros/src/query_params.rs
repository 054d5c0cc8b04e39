//! `#[query_params]`: the optional query, header and cookie parameters of one operation.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, ItemStruct};

use crate::support::{
    Errors, ParamAttr, Place, is_option, no_args, private, serde_crate, take_attrs,
};

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    no_args(args, "query_params")?;
    let mut input: ItemStruct = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut steps = Vec::new();
    match &mut input.fields {
        Fields::Named(fields) => {
            for field in &mut fields.named {
                let mut located = Vec::new();
                for place in [Place::Query, Place::Header, Place::Cookie] {
                    for attr in take_attrs(&mut field.attrs, place.name()) {
                        located.push((place, attr));
                    }
                }
                if !is_option(&field.ty) {
                    errors.push(syn::Error::new_spanned(
                        &field.ty,
                        "query parameters are optional: `Option<_>`",
                    ));
                }
                let [(place, attr)] = located.as_slice() else {
                    errors.push(syn::Error::new_spanned(
                        &field.ident,
                        "each field needs one `#[query(\"wire name\")]`, `#[header(\"..\")]` or `#[cookie(\"..\")]`",
                    ));
                    continue;
                };
                match ParamAttr::parse(attr, *place) {
                    Ok(param) => {
                        let wire = &param.wire;
                        field.attrs.push(syn::parse_quote!(#[serde(
                            rename = #wire,
                            default,
                            skip_serializing_if = "::core::option::Option::is_none"
                        )]));
                        steps.push((*place, param, field.ident.clone()));
                    }
                    Err(error) => errors.push(error),
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
    let request = syn::Ident::new("request", proc_macro2::Span::mixed_site());
    let calls = steps
        .iter()
        .map(|(place, param, field)| param.step(*place, &request, quote!(self.#field)));
    Ok(quote! {
        #[derive(
            ::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq,
            #private::serde::Serialize, #private::serde::Deserialize
        )]
        #serde_crate
        #input

        impl #private::QueryParams for #name {
            fn apply(&self, #request: ::authing::runtime::Request) -> ::authing::runtime::Request {
                #[allow(unused_mut)]
                let mut #request = #request;
                #(#calls)*
                #request
            }
        }
    })
}
