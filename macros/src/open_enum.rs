//! `#[open_enum]`: a string enum with a fallback variant for unknown values.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, ItemEnum, LitStr};

use crate::support::{Errors, no_args, private, take_wire_name};

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    no_args(args, "open_enum")?;
    let mut input: ItemEnum = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut known: Vec<(syn::Ident, LitStr)> = Vec::new();
    let mut fallback = None;
    for variant in &mut input.variants {
        let value = take_wire_name(&mut variant.attrs, "value", &mut errors);
        match (&variant.fields, value) {
            (Fields::Unit, Some(value)) => {
                if let Some((other, _)) = known.iter().find(|(_, v)| v.value() == value.value()) {
                    errors.push(syn::Error::new_spanned(
                        &value,
                        format!("value {:?} is already `{other}`", value.value()),
                    ));
                }
                known.push((variant.ident.clone(), value));
            }
            (Fields::Unit, None) => errors.push(syn::Error::new_spanned(
                &variant.ident,
                "each known value needs `#[value(\"wire value\")]`",
            )),
            (Fields::Unnamed(f), None) if f.unnamed.len() == 1 && fallback.is_none() => {
                fallback = Some(variant.ident.clone());
            }
            _ => errors.push(syn::Error::new_spanned(
                &variant.ident,
                "expected `#[value(\"..\")] Name` or a single fallback `Name(String)`",
            )),
        }
    }
    let Some(fallback) = fallback else {
        errors.push(syn::Error::new_spanned(
            &input.ident,
            "an open enum needs a fallback variant, e.g. `Unknown(String)`",
        ));
        return errors.finish(TokenStream::new());
    };
    let errors_result = errors.finish(());
    errors_result?;

    let name = &input.ident;
    let private = private();
    let idents: Vec<_> = known.iter().map(|(i, _)| i).collect();
    let values: Vec<_> = known.iter().map(|(_, v)| v).collect();
    Ok(quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #input

        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#fallback(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::#fallback(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#values => Self::#idents,)*
                    _ => Self::#fallback(value),
                }
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #private::serde::Serialize for #name {
            fn serialize<S: #private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<D: #private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as #private::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    })
}
