//! `#[tagged_union(tag = "petType")]`: a `oneOf` told apart by a `discriminator` property.
//!
//! Unlike serde's internally tagged enums, the payload keeps the tag property (the variant
//! schemas of a discriminated `oneOf` list it, usually as required): deserialization reads the
//! tag from the whole object and hands the whole object to the variant's type; serialization
//! writes the variant's value into the payload's object. An unknown value is kept whole in the
//! fallback variant (the one without `#[value]`, holding a `Value`), never an error.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Fields, ItemEnum, LitStr, Token};

use crate::support::{Errors, private, take_attrs};

/// `tag = "property"`.
struct Args {
    tag: LitStr,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: syn::Ident = input.parse()?;
        if key != "tag" {
            return Err(syn::Error::new(key.span(), "expected `tag = \"property\"`"));
        }
        input.parse::<Token![=]>()?;
        let tag = input.parse()?;
        Ok(Args { tag })
    }
}

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let Args { tag } = syn::parse2(args)?;
    let mut input: ItemEnum = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut tagged = Vec::new();
    let mut fallback = None;
    for variant in &mut input.variants {
        let attrs = take_attrs(&mut variant.attrs, "value");
        let single = matches!(&variant.fields, Fields::Unnamed(f) if f.unnamed.len() == 1);
        if !single {
            errors.push(syn::Error::new_spanned(
                &variant.ident,
                "each variant carries one payload: `#[value(\"..\")] Name(Payload)`, or the fallback `Name(Value)`",
            ));
            continue;
        }
        match attrs.as_slice() {
            [] if fallback.is_none() => fallback = Some(variant.ident.clone()),
            [] => errors.push(syn::Error::new_spanned(
                &variant.ident,
                "only one variant (the fallback) goes without `#[value(\"..\")]`",
            )),
            [attr] => match attr.parse_args::<LitStr>() {
                Ok(value) => tagged.push((variant.ident.clone(), value)),
                Err(e) => errors.push(e),
            },
            _ => errors.push(syn::Error::new_spanned(
                &variant.ident,
                "a variant has one `#[value(\"..\")]`",
            )),
        }
    }
    let Some(fallback) = fallback else {
        errors.push(syn::Error::new_spanned(
            &input.ident,
            "a tagged union needs a fallback variant without `#[value]`: `Unknown(Value)`",
        ));
        return Err(errors.finish(()).unwrap_err());
    };
    errors.finish(())?;

    let name = &input.ident;
    let private = private();
    let serde = quote!(#private::serde);
    let json = quote!(#private::serde_json);
    let tags = tagged
        .iter()
        .map(|(ident, value)| quote!(Self::#ident(_) => ::core::option::Option::Some(#value)));
    let to_value = tagged
        .iter()
        .map(|(ident, value)| quote!(Self::#ident(payload) => (#value, #json::to_value(payload))));
    let from_value = tagged.iter().map(|(ident, value)| {
        quote! {
            #value => #json::from_value(value).map(Self::#ident).map_err(|error| {
                D::Error::custom(::core::format_args!("`{}: {:?}`: {}", #tag, #value, error))
            })
        }
    });
    Ok(quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #input

        impl #name {
            /// The value of the discriminator property on the wire (for the fallback, the one
            /// the object carries, if it is a string).
            pub fn tag(&self) -> ::core::option::Option<&str> {
                match self {
                    #(#tags,)*
                    Self::#fallback(value) => value.get(#tag).and_then(#json::Value::as_str),
                }
            }
        }

        const _: () = {
            impl #serde::Serialize for #name {
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    use #serde::ser::Error as _;
                    let (value, payload) = match self {
                        #(#to_value,)*
                        Self::#fallback(value) => return #serde::Serialize::serialize(value, serializer),
                    };
                    let mut payload = payload.map_err(S::Error::custom)?;
                    let #json::Value::Object(fields) = &mut payload else {
                        return ::core::result::Result::Err(S::Error::custom(::core::format_args!(
                            "the payload of `{}: {:?}` is not an object", #tag, value
                        )));
                    };
                    fields.insert(#tag.into(), #json::Value::String(value.into()));
                    #serde::Serialize::serialize(&payload, serializer)
                }
            }

            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    use #serde::de::Error as _;
                    let value = <#json::Value as #serde::Deserialize>::deserialize(deserializer)?;
                    let tag = match value.get(#tag) {
                        ::core::option::Option::Some(#json::Value::String(tag)) => tag.clone(),
                        ::core::option::Option::Some(other) => {
                            return ::core::result::Result::Err(D::Error::custom(::core::format_args!(
                                "the discriminator `{}` is not a string: {}", #tag, other
                            )));
                        }
                        ::core::option::Option::None if !value.is_object() => {
                            return ::core::result::Result::Err(D::Error::custom(::core::format_args!(
                                "expected an object with a `{}` property, got {}", #tag, value
                            )));
                        }
                        ::core::option::Option::None => return ::core::result::Result::Err(D::Error::missing_field(#tag)),
                    };
                    match tag.as_str() {
                        #(#from_value,)*
                        _ => ::core::result::Result::Ok(Self::#fallback(value)),
                    }
                }
            }
        };
    })
}
