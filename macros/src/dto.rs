//! `#[dto]`: a data structure of the API.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Data, DeriveInput, Fields};

use crate::support::{Errors, is_option, private, serde_crate, take_attrs};

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let default = match args.to_string().as_str() {
        "" => false,
        "default" => true,
        _ => {
            return Err(syn::Error::new_spanned(
                args,
                "expected `#[dto]` or `#[dto(default)]`",
            ));
        }
    };
    let mut input: DeriveInput = syn::parse2(item)?;
    let mut errors = Errors::default();
    match &mut input.data {
        Data::Struct(data) => {
            if let Fields::Named(fields) = &mut data.fields {
                for field in &mut fields.named {
                    let nullable = !take_attrs(&mut field.attrs, "nullable").is_empty();
                    let flatten = field.attrs.iter().any(|a| {
                        a.path().is_ident("serde")
                            && a.meta.to_token_stream().to_string().contains("flatten")
                    });
                    if nullable && !is_option(&field.ty) {
                        errors.push(syn::Error::new_spanned(
                            &field.ty,
                            "`#[nullable]` needs an `Option<_>` field",
                        ));
                    }
                    if is_option(&field.ty) && !flatten {
                        let attr = if nullable {
                            quote!(#[serde(default)])
                        } else {
                            quote!(#[serde(default, skip_serializing_if = "::core::option::Option::is_none")])
                        };
                        field.attrs.push(syn::parse_quote!(#attr));
                    }
                }
            }
        }
        Data::Enum(_) => {
            if default {
                errors.push(syn::Error::new_spanned(
                    &input.ident,
                    "`#[dto(default)]` is for structs",
                ));
            }
        }
        Data::Union(_) => errors.push(syn::Error::new_spanned(
            &input.ident,
            "`#[dto]` is for structs and enums",
        )),
    }
    let private = private();
    let serde_crate = serde_crate();
    let default = default.then(|| quote!(::core::default::Default,));
    let enum_allow =
        matches!(input.data, Data::Enum(_)).then(|| quote!(#[allow(clippy::large_enum_variant)]));
    errors.finish(quote! {
        #[derive(
            ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #default
            #private::serde::Serialize, #private::serde::Deserialize
        )]
        #serde_crate
        #enum_allow
        #input
    })
}
