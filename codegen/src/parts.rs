//! Emission of `multipart/form-data` bodies ([`TypeKind::Multipart`](crate::ir::TypeKind)): a
//! `#[multipart]` struct, a field per part (`#[part]` values, `#[file]` / `#[files]` of
//! `authing::runtime::FilePart`), with `new` taking the required parts (`Default` when there are none).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{docs_or, ident, ty};
use crate::ir::{Api, PartField, PartKind};

pub(crate) fn multipart(
    api: &Api,
    name: &Ident,
    doc: TokenStream,
    fields: &[PartField],
) -> TokenStream {
    let file = quote!(::authing::runtime::FilePart);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let declared = fields.iter().map(|f| {
        let doc = docs_or(&f.doc, || format!("`{}`", f.api_name));
        let field = ident(&f.rust_name);
        let (place, mut field_ty) = match &f.kind {
            PartKind::Value(t) => (quote!(part), ty(api, t)),
            PartKind::File => (quote!(file), file.clone()),
            PartKind::Files => (quote!(files), quote!(Vec<#file>)),
        };
        if f.required {
            args.push(quote!(#field: #field_ty));
            inits.push(quote!(#field));
        } else {
            field_ty = quote!(Option<#field_ty>);
            inits.push(quote!(#field: None));
        }
        let wire = &f.api_name;
        let content_type = f
            .content_type
            .as_ref()
            .map(|ct| quote!(, content_type = #ct));
        let secret = f.secret.then(|| quote!(#[secret]));
        quote! { #doc #[#place(#wire #content_type)] #secret pub #field: #field_ty, }
    });
    let declared: Vec<TokenStream> = declared.collect();
    let new_doc = format!(
        " A `{name}` from its required parts; the optional ones are `None` (set them on the value)."
    );
    if args.is_empty() {
        return quote! {
            #doc
            #[multipart(default)]
            pub struct #name { #(#declared)* }
        };
    }
    quote! {
        #doc
        #[multipart]
        pub struct #name { #(#declared)* }

        impl #name {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    }
}
