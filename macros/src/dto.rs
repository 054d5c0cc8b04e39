//! `#[dto]`: a data structure of the API.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Data, DeriveInput, Fields};

use crate::support::{Errors, is_option, private, serde_crate, take_attrs};

/// The field types that never hold a secret, whatever the field's name (`keep_password: bool`).
const NOT_TEXT: &[&str] = &[
    "bool", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
    "u128", "usize",
];

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
    let mut secrets = Vec::new();
    match &mut input.data {
        Data::Struct(data) => {
            if let Fields::Named(fields) = &mut data.fields {
                for field in &mut fields.named {
                    let marked = !take_attrs(&mut field.attrs, "secret").is_empty();
                    let nullable = !take_attrs(&mut field.attrs, "nullable").is_empty();
                    let flatten = field.attrs.iter().any(|a| {
                        a.path().is_ident("serde")
                            && a.meta.to_token_stream().to_string().contains("flatten")
                    });
                    let named = field.ident.as_ref().is_some_and(|ident| {
                        authing_secret_names::is_secret_name(&ident.to_string())
                    });
                    secrets.push(marked || (named && !flatten && !is_not_text(&field.ty)));
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
    let (debug_derive, debug_impl) = if secrets.contains(&true) {
        (quote!(), redacting_debug(&input, &secrets))
    } else {
        (quote!(::core::fmt::Debug,), quote!())
    };
    errors.finish(quote! {
        #[derive(
            #debug_derive ::core::clone::Clone, ::core::cmp::PartialEq, #default
            #private::serde::Serialize, #private::serde::Deserialize
        )]
        #serde_crate
        #enum_allow
        #input
        #debug_impl
    })
}

/// A `Debug` like the derived one, printing `"***"` for the fields flagged in `secrets`
/// (`Some("***")` / `None` for an optional one).
pub(crate) fn redacting_debug(input: &DeriveInput, secrets: &[bool]) -> TokenStream {
    let Data::Struct(data) = &input.data else {
        return quote!();
    };
    let fields = data.fields.iter().zip(secrets).map(|(field, &secret)| {
        let ident = field
            .ident
            .as_ref()
            .expect("secrets are only flagged on named fields");
        let label = ident.to_string();
        let label = label.strip_prefix("r#").unwrap_or(&label);
        if !secret {
            quote!(.field(#label, &self.#ident))
        } else if is_option(&field.ty) {
            quote!(.field(#label, &self.#ident.as_ref().map(|_| "***")))
        } else {
            quote!(.field(#label, &"***"))
        }
    });
    let name = &input.ident;
    let label = name.to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics ::core::fmt::Debug for #name #ty_generics #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
}

/// Whether `ty` is (an `Option` of) a boolean or a number.
pub(crate) fn is_not_text(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
        return last.ident == "Option"
            && matches!(args.args.first(), Some(syn::GenericArgument::Type(inner)) if is_not_text(inner));
    }
    NOT_TEXT.iter().any(|name| last.ident == name)
}
