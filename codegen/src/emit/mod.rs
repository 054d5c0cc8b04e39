//! Emission: IR -> tokens, written in the vocabulary of `authing::generated::prelude` (the
//! carrier macros of `authing-macros`), so the result reads as a declarative API listing:
//!
//! ```text
//! #[dto(default)]            pub struct X { #[serde(rename = "apiName")] pub api_name: Option<String> }
//! #[open_enum]               pub enum E { #[value("wechat")] Wechat, Unknown(String) }
//! #[connection(tag = "connection")]
//!                            pub enum C { #[value("wechat", payload = "wechatPayload")] Wechat(Payload) }
//! #[query_params]            pub struct OpParams { #[query("page")] pub page: Option<i64> }
//! #[operations]              impl Client { #[operation(GET "/path", id = "op")] pub async fn op(&self, ..) -> Result<T, ::authing::Error>; }
//! ```
//!
//! Emission cannot fail: every name in the IR is a valid identifier by construction.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::doc;
use std::collections::BTreeSet;

mod examples;
mod operations;

pub use examples::{ExamplesAt, examples_test};
use operations::client;

use crate::ir::{
    Api, Connection, Doc, Field, OpenEnum, Param, ParamLocation, Struct, Ty, TypeDef, TypeId,
    TypeKind, Union, UnionTag,
};

/// The items of the generated module: the prelude import, the client and its operations, then
/// the types sorted by name.
pub fn emit(api: &Api) -> TokenStream {
    emit_sharing(api, &BTreeSet::new())
}

/// [`emit`], the types of `shared` left out and re-exported from the sibling module `common`
/// instead (see [`crate::share`]).
pub(crate) fn emit_sharing(api: &Api, shared: &BTreeSet<TypeId>) -> TokenStream {
    let client = client(api);
    let requests = crate::construct::request_types(api);
    let types = type_items(api, |id| !shared.contains(&id), |id| requests.contains(&id));
    let mut names: Vec<Ident> = shared
        .iter()
        .map(|id| ident(&api.ty(*id).rust_name))
        .collect();
    names.sort();
    let reexport = (!names.is_empty()).then(|| {
        quote! {
            /// The types this API shares with the other Authing API, defined once.
            pub use super::common::{#(#names),*};
        }
    });
    quote! {
        use ::authing::generated::prelude::*;
        #reexport
        #client
        #(#types)*
    }
}

/// The types of `api` that `keep` holds, sorted by name; those `request` holds with their
/// constructor.
pub(crate) fn type_items(
    api: &Api,
    keep: impl Fn(TypeId) -> bool,
    request: impl Fn(TypeId) -> bool,
) -> Vec<TokenStream> {
    let mut types: Vec<(TypeId, &TypeDef)> = (api.types.iter().enumerate())
        .map(|(id, def)| (TypeId(id), def))
        .filter(|(id, _)| keep(*id))
        .collect();
    types.sort_by(|a, b| a.1.rust_name.cmp(&b.1.rust_name));
    types
        .into_iter()
        .map(|(id, def)| {
            let mut tokens = type_def(api, def);
            if let TypeKind::Struct(s) = &def.kind {
                if request(id) {
                    let name = ident(&def.rust_name);
                    tokens.extend(crate::construct::constructor(api, &name, s));
                }
            }
            tokens
        })
        .collect()
}

/// An identifier; `r#kw` becomes a raw identifier.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = ...]` attributes for `doc`, or for `fallback` when the spec gives no text (so every
/// public item is documented, at least with its name on the wire).
pub(crate) fn docs_or(doc: &Doc, fallback: impl FnOnce() -> String) -> TokenStream {
    match doc::text(doc) {
        Some(text) => docs(Some(&text)),
        None => docs(Some(&fallback())),
    }
}

/// `#[doc = ...]` attributes for `text`.
fn docs(text: Option<&str>) -> TokenStream {
    let lines = text.map(doc::lines).unwrap_or_default();
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The enum behind `ty` (through arrays, maps, options and aliases) and its values, when its
/// values are documented on its variants: a description listing them says so once, there.
fn enum_values<'a>(api: &'a Api, ty: &Ty) -> Option<(&'a TypeDef, BTreeSet<&'a str>)> {
    let mut ty = ty;
    for _ in 0..16 {
        match ty {
            Ty::Array(inner) | Ty::Map(inner) | Ty::Option(inner) => ty = inner,
            Ty::Named(id) => {
                let def = api.ty(*id);
                let values = match &def.kind {
                    TypeKind::Alias(target) => {
                        ty = target;
                        continue;
                    }
                    TypeKind::Enum(e) => e.variants.iter().map(|v| v.api_name.as_str()).collect(),
                    TypeKind::Connection(c) => c
                        .variants
                        .iter()
                        .map(|v| v.variant.api_name.as_str())
                        .collect(),
                    _ => return None,
                };
                return Some((def, values));
            }
            _ => return None,
        }
    }
    None
}

/// `doc` without the value bullets of the enum `ty` is (they are on its variants), and a link to
/// the enum instead.
fn without_values(api: &Api, doc: &Doc, ty: &Ty) -> Doc {
    let Some((def, values)) = enum_values(api, ty) else {
        return doc.clone();
    };
    let (mut doc, removed) = strip_values(doc, &values);
    if removed {
        let link = format!("\n\nValues: [`{0}`].", def.rust_name);
        match (&mut doc.en, &mut doc.original) {
            (Some(text), _) | (None, Some(text)) => text.push_str(&link),
            (None, None) => {}
        }
    }
    doc
}

/// `doc` without its bullets for `values`, and whether there were any.
fn strip_values(doc: &Doc, values: &BTreeSet<&str>) -> (Doc, bool) {
    let mut removed = false;
    let mut strip = |text: &Option<String>| {
        text.as_deref()
            .map(|t| match doc::without_value_bullets(t, values) {
                Some(rest) => {
                    removed = true;
                    rest
                }
                None => t.to_owned(),
            })
    };
    let doc = Doc {
        en: strip(&doc.en),
        original: strip(&doc.original),
    };
    (doc, removed)
}

/// The first paragraph of a text, on one line (for a list item).
fn first_paragraph(text: &str) -> String {
    text.trim()
        .lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty() && !l.starts_with("- ") && !l.starts_with("```"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn ty(api: &Api, ty: &Ty) -> TokenStream {
    match ty {
        Ty::Unit => quote!(()),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::String => quote!(String),
        Ty::Value => quote!(Value),
        Ty::Bytes => quote!(Bytes),
        Ty::Scopes => quote!(::authing::runtime::Scopes),
        Ty::Object => quote!(Map<String, Value>),
        Ty::Array(item) => {
            let item = self::ty(api, item);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = self::ty(api, value);
            quote!(BTreeMap<String, #value>)
        }
        Ty::Option(inner) => {
            let inner = self::ty(api, inner);
            quote!(Option<#inner>)
        }
        Ty::Named(id) => {
            let name = ident(&api.ty(*id).rust_name);
            quote!(#name)
        }
    }
}

fn boxed(tokens: TokenStream, boxed: bool) -> TokenStream {
    if boxed { quote!(Box<#tokens>) } else { tokens }
}

/// `#[serde(rename = "api")]` when the Rust name differs from the API name.
fn rename(api_name: &str, rust_name: &str) -> TokenStream {
    if rust_name.strip_prefix("r#").unwrap_or(rust_name) == api_name {
        quote!()
    } else {
        quote!(#[serde(rename = #api_name)])
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let own = match &def.kind {
        TypeKind::Enum(e) => {
            strip_values(
                &def.doc,
                &e.variants.iter().map(|v| v.api_name.as_str()).collect(),
            )
            .0
        }
        TypeKind::Connection(c) => {
            strip_values(
                &def.doc,
                &c.variants
                    .iter()
                    .map(|v| v.variant.api_name.as_str())
                    .collect(),
            )
            .0
        }
        _ => def.doc.clone(),
    };
    let doc = docs_or(&own, || match def.api_name.contains('.') {
        false => format!("The `{}` schema.", def.api_name),
        true => format!("The `{}` schema (inline in the spec).", def.api_name),
    });
    match &def.kind {
        TypeKind::Struct(s) => structure(api, &name, doc, s),
        TypeKind::Enum(e) => open_enum(&name, doc, e),
        TypeKind::Connection(c) => connection(api, &name, doc, c),
        TypeKind::Union(u) => union(api, &name, doc, u),
        TypeKind::Alias(target) => {
            let target = ty(api, target);
            quote! { #doc pub type #name = #target; }
        }
        TypeKind::Newtype(target) => {
            let target = ty(api, target);
            quote! { #doc #[dto] #[serde(transparent)] pub struct #name(pub #target); }
        }
        TypeKind::QueryParams(params) => query_params(api, &name, doc, params),
        TypeKind::Multipart(fields) => crate::parts::multipart(api, &name, doc, fields),
    }
}

fn structure(api: &Api, name: &Ident, doc: TokenStream, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(api, f));
    let attr = if s.default {
        quote!(#[dto(default)])
    } else {
        quote!(#[dto])
    };
    quote! {
        #doc
        #attr
        pub struct #name { #(#fields)* }
    }
}

fn field(api: &Api, f: &Field) -> TokenStream {
    let doc = docs_or(&without_values(api, &f.doc, &f.ty), || {
        format!("`{}`", f.api_name)
    });
    let name = ident(&f.rust_name);
    let mut field_ty = boxed(ty(api, &f.ty), f.boxed);
    if f.optional() {
        field_ty = quote!(Option<#field_ty>);
    }
    let attrs = if f.flatten {
        quote!(#[serde(flatten)])
    } else {
        let rename = rename(&f.api_name, &f.rust_name);
        let nullable = if f.required && f.nullable {
            quote!(#[nullable])
        } else {
            quote!()
        };
        let secret = if f.secret {
            quote!(#[secret])
        } else {
            quote!()
        };
        quote!(#rename #nullable #secret)
    };
    quote! { #doc #attrs pub #name: #field_ty, }
}

fn open_enum(name: &Ident, doc: TokenStream, e: &OpenEnum) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let doc = docs_or(&v.doc, || format!("`{:?}`", v.api_name));
        let variant = ident(&v.rust_name);
        let value = &v.api_name;
        quote! { #doc #[value(#value)] #variant, }
    });
    let fallback = ident(&e.fallback);
    quote! {
        #doc
        #[open_enum]
        pub enum #name {
            #(#variants)*
            #[doc = " A value this version of the client does not know."]
            #fallback(String),
        }
    }
}

fn connection(api: &Api, name: &Ident, doc: TokenStream, c: &Connection) -> TokenStream {
    let tag = &c.tag;
    let variants = c.variants.iter().map(|v| {
        let doc = docs_or(&v.variant.doc, || format!("`{:?}`", v.variant.api_name));
        let variant = ident(&v.variant.rust_name);
        let value = &v.variant.api_name;
        match &v.payload {
            Some((field, payload)) => {
                let payload = boxed(ty(api, payload), v.boxed);
                quote! { #doc #[value(#value, payload = #field)] #variant(#payload), }
            }
            None => quote! { #doc #[value(#value)] #variant, },
        }
    });
    let fallback = ident(&c.fallback);
    let fallback_doc = docs(Some(&format!(
        "A `{tag}` this version of the client does not know, with the fields that go with it \
         (e.g. its payload property), sent as they are."
    )));
    quote! {
        #doc
        #[connection(tag = #tag)]
        pub enum #name {
            #(#variants)*
            #fallback_doc
            #[other]
            #fallback {
                #[doc = " The value on the wire."]
                value: String,
                #[doc = " The other fields, as they are on the wire."]
                fields: Map<String, Value>,
            },
        }
    }
}

fn union(api: &Api, name: &Ident, doc: TokenStream, u: &Union) -> TokenStream {
    if let Some(tag) = &u.tag {
        return tagged_union(api, name, doc, u, tag);
    }
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let payload = boxed(ty(api, &v.ty), v.boxed);
        let doc = docs(Some(&format!(
            "A `{}`.",
            payload.to_string().replace(' ', "")
        )));
        quote! { #doc #variant(#payload), }
    });
    quote! {
        #doc
        #[dto]
        #[serde(untagged)]
        pub enum #name { #(#variants)* }
    }
}

fn tagged_union(
    api: &Api,
    name: &Ident,
    doc: TokenStream,
    u: &Union,
    tag: &UnionTag,
) -> TokenStream {
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let payload = boxed(ty(api, &v.ty), v.boxed);
        let value = v.value.as_deref().unwrap_or_default();
        let doc = docs(Some(&format!(
            "`{}` is `{value:?}`: `{}`.",
            tag.property,
            payload.to_string().replace(' ', "")
        )));
        quote! { #doc #[value(#value)] #variant(#payload), }
    });
    let property = &tag.property;
    let fallback = ident(&tag.fallback);
    quote! {
        #doc
        #[tagged_union(tag = #property)]
        pub enum #name {
            #(#variants)*
            #[doc = " An object whose tag this version of the client does not know, kept whole."]
            #fallback(Value),
        }
    }
}

/// `#[query("name")]`, `#[path("name", style = "label", explode = true)]`, `#[cookie("name")]`, ...
fn param_attr(p: &Param) -> TokenStream {
    let wire = &p.api_name;
    let style = p.style.map(|(style, explode)| {
        let style = style.api_name();
        quote!(, style = #style, explode = #explode)
    });
    match p.location {
        ParamLocation::Path => quote!(#[path(#wire #style)]),
        ParamLocation::Query => quote!(#[query(#wire #style)]),
        ParamLocation::Header => quote!(#[header(#wire #style)]),
        ParamLocation::Cookie => quote!(#[cookie(#wire #style)]),
    }
}

fn query_params(api: &Api, name: &Ident, doc: TokenStream, params: &[Param]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let doc = docs_or(&without_values(api, &p.doc, &p.ty), || {
            format!("`{}`", p.api_name)
        });
        let field = ident(&p.rust_name);
        let field_ty = ty(api, &p.ty);
        let attr = param_attr(p);
        quote! { #doc #attr pub #field: Option<#field_ty>, }
    });
    quote! {
        #doc
        #[query_params]
        pub struct #name { #(#fields)* }
    }
}
