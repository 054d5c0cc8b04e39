//! `#[connection]`: a discriminator value paired with its payload field.
//!
//! Serde goes through two private mirror enums (one borrowing, for `Serialize`; one owning, for
//! `Deserialize`) that serde's derive writes as internally tagged enums with struct variants:
//! `Wechat(p)` <-> `{"connection": "wechat", "wechatPayload": p}`. Internally tagged enums work as
//! `#[serde(flatten)]` fields, which is how the owning struct inlines them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Fields, ItemEnum, LitStr, Token};

use crate::support::{Errors, private, serde_crate, take_attrs};

/// `#[connection(tag = "connection")]`.
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

/// `#[value("wechat", payload = "wechatPayload")]` or `#[value("yidun")]`.
struct Value {
    value: LitStr,
    payload: Option<LitStr>,
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let value = input.parse()?;
        let mut payload = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "payload" {
                return Err(syn::Error::new(
                    key.span(),
                    "expected `payload = \"field\"`",
                ));
            }
            input.parse::<Token![=]>()?;
            payload = Some(input.parse()?);
        }
        Ok(Value { value, payload })
    }
}

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let Args { tag } = syn::parse2(args)?;
    let mut input: ItemEnum = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut variants = Vec::new();
    for variant in &mut input.variants {
        let attrs = take_attrs(&mut variant.attrs, "value");
        let [attr] = attrs.as_slice() else {
            errors.push(syn::Error::new_spanned(
                &variant.ident,
                "each variant needs one `#[value(\"..\")]`",
            ));
            continue;
        };
        let value: Value = match attr.parse_args() {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let payload_ty = match (&variant.fields, &value.payload) {
            (Fields::Unit, None) => None,
            (Fields::Unnamed(f), Some(_)) if f.unnamed.len() == 1 => Some(f.unnamed[0].ty.clone()),
            (Fields::Unit, Some(field)) => {
                errors.push(syn::Error::new_spanned(
                    field,
                    "a variant with a payload field carries it: `Name(PayloadType)`",
                ));
                continue;
            }
            _ => {
                errors.push(syn::Error::new_spanned(
                    &variant.ident,
                    "expected `#[value(\"..\", payload = \"field\")] Name(Payload)` or `#[value(\"..\")] Name`",
                ));
                continue;
            }
        };
        variants.push((variant.ident.clone(), value, payload_ty));
    }
    errors.finish(())?;

    let name = &input.ident;
    let private = private();
    let serde_crate = serde_crate();
    let ser = format_ident!("__{}Ser", name);
    let de = format_ident!("__{}De", name);
    let mut ser_variants = Vec::new();
    let mut de_variants = Vec::new();
    let mut to_ser = Vec::new();
    let mut from_de = Vec::new();
    let mut values = Vec::new();
    for (ident, Value { value, payload }, ty) in &variants {
        values.push(quote!(Self::#ident { .. } => #value));
        match (payload, ty) {
            (Some(field), Some(ty)) => {
                ser_variants.push(quote!(#[serde(rename = #value)] #ident { #[serde(rename = #field)] payload: &'a #ty }));
                de_variants.push(quote!(#[serde(rename = #value)] #ident { #[serde(rename = #field)] payload: #ty }));
                to_ser.push(quote!(#name::#ident(payload) => #ser::#ident { payload }));
                from_de.push(quote!(#de::#ident { payload } => #name::#ident(payload)));
            }
            _ => {
                ser_variants.push(quote!(#[serde(rename = #value)] #ident));
                de_variants.push(quote!(#[serde(rename = #value)] #ident));
                to_ser.push(quote!(#name::#ident => #ser::#ident));
                from_de.push(quote!(#de::#ident => #name::#ident));
            }
        }
    }
    Ok(quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #input

        impl #name {
            /// The value of the discriminator property on the wire.
            pub fn as_str(&self) -> &'static str {
                match self { #(#values,)* }
            }
        }

        const _: () = {
            #[derive(#private::serde::Serialize)]
            #serde_crate
            #[serde(tag = #tag)]
            enum #ser<'a> {
                #(#ser_variants,)*
                #[serde(skip)]
                #[allow(dead_code)]
                __Borrow(::core::marker::PhantomData<&'a ()>),
            }

            #[derive(#private::serde::Deserialize)]
            #serde_crate
            #[serde(tag = #tag)]
            enum #de { #(#de_variants,)* }

            impl #private::serde::Serialize for #name {
                fn serialize<S: #private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    let wire = match self { #(#to_ser,)* };
                    #private::serde::Serialize::serialize(&wire, serializer)
                }
            }

            impl<'de> #private::serde::Deserialize<'de> for #name {
                fn deserialize<D: #private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    let wire = <#de as #private::serde::Deserialize>::deserialize(deserializer)?;
                    ::core::result::Result::Ok(match wire { #(#from_de,)* })
                }
            }
        };
    })
}
