//! `#[multipart]`: a `multipart/form-data` request body, one part per field.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Fields, LitStr, Token};

use crate::dto::{is_not_text, redacting_debug};
use crate::support::{Errors, is_option, take_attrs};

/// What a field is sent as.
#[derive(Clone, Copy)]
enum Kind {
    /// `#[part("name")]`: a value (text, or JSON for objects).
    Part,
    /// `#[file("name")]`: a `FilePart`.
    File,
    /// `#[files("name")]`: a `Vec<FilePart>`, a part each.
    Files,
}

/// `("wire name")` or `("wire name", content_type = "media/type")`.
fn parse_args(attr: &syn::Attribute) -> syn::Result<(LitStr, Option<LitStr>)> {
    attr.parse_args_with(|input: syn::parse::ParseStream| {
        let wire: LitStr = input.parse()?;
        let mut content_type = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "content_type" {
                return Err(syn::Error::new(
                    key.span(),
                    "expected `content_type = \"..\"`",
                ));
            }
            input.parse::<Token![=]>()?;
            content_type = Some(input.parse()?);
        }
        Ok((wire, content_type))
    })
}

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let default = match args.to_string().as_str() {
        "" => false,
        "default" => true,
        _ => {
            return Err(syn::Error::new_spanned(
                args,
                "expected `#[multipart]` or `#[multipart(default)]`",
            ));
        }
    };
    let mut input: DeriveInput = syn::parse2(item)?;
    let mut errors = Errors::default();
    let mut steps = Vec::new();
    let mut secrets = Vec::new();
    match &mut input.data {
        syn::Data::Struct(syn::DataStruct {
            fields: Fields::Named(fields),
            ..
        }) => {
            for field in &mut fields.named {
                let marked = !take_attrs(&mut field.attrs, "secret").is_empty();
                let named = field
                    .ident
                    .as_ref()
                    .is_some_and(|ident| authing_secret_names::is_secret_name(&ident.to_string()));
                secrets.push(marked || (named && !is_not_text(&field.ty)));
                let mut found = Vec::new();
                for (name, kind) in [
                    ("part", Kind::Part),
                    ("file", Kind::File),
                    ("files", Kind::Files),
                ] {
                    for attr in take_attrs(&mut field.attrs, name) {
                        found.push((kind, attr));
                    }
                }
                let [(kind, attr)] = found.as_slice() else {
                    errors.push(syn::Error::new_spanned(
                        &field.ident,
                        "each field needs one `#[part(\"name\")]`, `#[file(\"name\")]` or `#[files(\"name\")]`",
                    ));
                    continue;
                };
                let (wire, content_type) = match parse_args(attr) {
                    Ok(args) => args,
                    Err(error) => {
                        errors.push(error);
                        continue;
                    }
                };
                let content_type = match content_type {
                    Some(ct) => quote!(::core::option::Option::Some(#ct)),
                    None => quote!(::core::option::Option::None),
                };
                let ident = &field.ident;
                let optional = is_option(&field.ty);
                let value = if optional {
                    quote!(value)
                } else {
                    quote!(&self.#ident)
                };
                let add = match kind {
                    Kind::Part => quote!(form.value(#wire, #value, #content_type)),
                    Kind::File => quote!(form.file(#wire, #value, #content_type)),
                    Kind::Files => quote!(form.files(#wire, #value, #content_type)),
                };
                steps.push(if optional {
                    quote!(if let ::core::option::Option::Some(value) = &self.#ident { form = #add; })
                } else {
                    quote!(form = #add;)
                });
            }
        }
        _ => errors.push(syn::Error::new_spanned(
            &input.ident,
            "`#[multipart]` needs a struct with named fields",
        )),
    }
    errors.finish(())?;
    let (debug_derive, debug_impl) = if secrets.contains(&true) {
        (quote!(), redacting_debug(&input, &secrets))
    } else {
        (quote!(::core::fmt::Debug,), quote!())
    };
    let name = &input.ident;
    let default = default.then(|| quote!(::core::default::Default,));
    Ok(quote! {
        #[derive(#debug_derive ::core::clone::Clone, ::core::cmp::PartialEq, #default)]
        #input
        #debug_impl

        impl ::authing::runtime::MultipartBody for #name {
            fn form(&self) -> ::authing::runtime::MultipartForm {
                #[allow(unused_mut)]
                let mut form = ::authing::runtime::MultipartForm::new();
                #(#steps)*
                form
            }
        }
    })
}
