//! `#[connection]`: a discriminator value paired with its payload field.
//!
//! Serde goes through two private mirror enums (one borrowing, for `Serialize`; one owning, for
//! `Deserialize`) that serde's derive writes as internally tagged enums with struct variants:
//! `Wechat(p)` <-> `{"connection": "wechat", "wechatPayload": p}`. Internally tagged enums work as
//! `#[serde(flatten)]` fields, which is how the owning struct inlines them.
//!
//! An `#[other] Other { value: String, fields: Map<String, Value> }` variant keeps a
//! discriminator value the listing does not know, with the fields sent beside it
//! (`Other { value: "douyin_mini_program_code", fields: {"douyinMiniProgramCodePayload": ..} }`
//! <-> `{"connection": "douyin_mini_program_code", "douyinMiniProgramCodePayload": ..}`): a value
//! the server adds tomorrow can be sent today, and is read back instead of failing.

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
    let mut other = None;
    for variant in &mut input.variants {
        if !take_attrs(&mut variant.attrs, "other").is_empty() {
            let names: Vec<String> = variant
                .fields
                .iter()
                .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
                .collect();
            if !matches!(variant.fields, Fields::Named(_)) || names != ["value", "fields"] {
                errors.push(syn::Error::new_spanned(
                    &variant.ident,
                    "the `#[other]` variant is `Name { value: String, fields: Map<String, Value> }`",
                ));
            } else if other.replace(variant.ident.clone()).is_some() {
                errors.push(syn::Error::new_spanned(
                    &variant.ident,
                    "a connection has at most one `#[other]` variant",
                ));
            }
            continue;
        }
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
    let mut known = Vec::new();
    for (ident, Value { value, payload }, ty) in &variants {
        values.push(quote!(Self::#ident { .. } => #value));
        known.push(value.clone());
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
    // Without an `#[other]` variant, an unknown value is an error (serde's own message).
    let (other_value, other_ser, other_de) = match &other {
        Some(other) => (
            quote!(Self::#other { value, .. } => value,),
            quote! {
                #name::#other { value, fields } => {
                    use #private::serde::ser::SerializeMap;
                    let mut map = serializer.serialize_map(::core::option::Option::None)?;
                    map.serialize_entry(#tag, value)?;
                    for (key, field) in fields {
                        if key != #tag {
                            map.serialize_entry(key, field)?;
                        }
                    }
                    return map.end();
                }
            },
            quote! {
                let mut fields = <#private::serde_json::Map<::std::string::String, #private::serde_json::Value> as #private::serde::Deserialize>::deserialize(deserializer)?;
                let value = match fields.get(#tag) {
                    ::core::option::Option::Some(#private::serde_json::Value::String(value)) => value.clone(),
                    _ => return ::core::result::Result::Err(<D::Error as #private::serde::de::Error>::missing_field(#tag)),
                };
                const KNOWN: &[&str] = &[#(#known),*];
                if !KNOWN.contains(&value.as_str()) {
                    fields.remove(#tag);
                    return ::core::result::Result::Ok(#name::#other { value, fields });
                }
                let wire = <#de as #private::serde::Deserialize>::deserialize(#private::serde_json::Value::Object(fields))
                    .map_err(<D::Error as #private::serde::de::Error>::custom)?;
            },
        ),
        None => (
            quote!(),
            quote!(),
            quote!(let wire = <#de as #private::serde::Deserialize>::deserialize(deserializer)?;),
        ),
    };
    Ok(quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #input

        impl #name {
            /// The value of the discriminator property on the wire.
            pub fn as_str(&self) -> &str {
                match self { #(#values,)* #other_value }
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
                    let wire = match self {
                        #(#to_ser,)*
                        #other_ser
                    };
                    #private::serde::Serialize::serialize(&wire, serializer)
                }
            }

            impl<'de> #private::serde::Deserialize<'de> for #name {
                fn deserialize<D: #private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    #other_de
                    ::core::result::Result::Ok(match wire { #(#from_de,)* })
                }
            }
        };
    })
}
