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
use crate::ir::{
    Api, BodyEncoding, ClientKind, Connection, Field, OpenEnum, Operation, Param, ParamLocation,
    ResponseFormat, Struct, Ty, TypeDef, TypeKind, Union, UnionTag,
};

/// The items of the generated module: the prelude import, the client and its operations, then
/// the types sorted by name.
pub fn emit(api: &Api) -> TokenStream {
    let mut types: Vec<&TypeDef> = api.types.iter().collect();
    types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    let client = client(api);
    let types = types.into_iter().map(|def| type_def(api, def));
    quote! {
        use ::authing::generated::prelude::*;
        #client
        #(#types)*
    }
}

/// A test module checking that every example of `api` deserializes into its type and
/// serializes back to the same JSON, with `super::round_trip` (the examples' module is a sibling
/// of `module`, the generated module). `None` when the spec carries no example of a generated
/// type.
pub fn examples_test(api: &Api, module: &str) -> Option<TokenStream> {
    let cases: Vec<TokenStream> = crate::example::all(api)
        .iter()
        .filter(|e| !matches!(e.ty, Ty::Unit | Ty::Value | Ty::Bytes))
        .map(|example| {
            let ty = ty(api, &example.ty);
            let pointer = &example.pointer;
            let json = raw_string(&serde_json::to_string(&example.value).unwrap_or_default());
            quote!(check!(#ty, #pointer, #json),)
        })
        .collect();
    if cases.is_empty() {
        return None;
    }
    let module_name = module;
    let module = ident(module);
    Some(quote! {
        #[allow(unused_imports)]
        use ::authing::generated::prelude::*;
        use super::#module::*;

        macro_rules! check {
            ($ty:ty, $pointer:literal, $json:literal) => {
                ($pointer, super::round_trip::<$ty>($pointer, $json))
            };
        }

        #[test]
        fn examples_round_trip() {
            super::assert_round_trips(#module_name, &[#(#cases)*]);
        }
    })
}

/// `text` as a raw string literal (`r#"..."#`, with as many `#` as it needs).
fn raw_string(text: &str) -> proc_macro2::Literal {
    let hashes = "#".repeat(
        (1..)
            .find(|&n| !text.contains(&format!("\"{}", "#".repeat(n))))
            .unwrap_or(1),
    );
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// An identifier; `r#kw` becomes a raw identifier.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = ...]` attributes for `text`, or for `fallback` when the spec gives no text (so every
/// public item is documented, at least with its name on the wire).
fn docs_or(text: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    match text.map(str::trim) {
        Some(text) if !text.is_empty() => docs(Some(text)),
        _ => docs(Some(&fallback())),
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

fn ty(api: &Api, ty: &Ty) -> TokenStream {
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
    let doc = docs_or(def.doc.as_deref(), || match def.api_name.contains('.') {
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
    let doc = docs_or(f.doc.as_deref(), || format!("`{}`", f.api_name));
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
        quote!(#rename #nullable)
    };
    quote! { #doc #attrs pub #name: #field_ty, }
}

fn open_enum(name: &Ident, doc: TokenStream, e: &OpenEnum) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let doc = docs_or(v.doc.as_deref(), || format!("`{:?}`", v.api_name));
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
        let doc = docs_or(v.variant.doc.as_deref(), || {
            format!("`{:?}`", v.variant.api_name)
        });
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
    quote! {
        #doc
        #[connection(tag = #tag)]
        pub enum #name { #(#variants)* }
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
        let doc = docs_or(p.doc.as_deref(), || format!("`{}`", p.api_name));
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

fn client(api: &Api) -> TokenStream {
    let operations = api.client.operations.iter().map(|op| operation(api, op));
    let (declaration, self_ty) = match api.client.kind {
        ClientKind::Authentication => (quote!(), quote!(::authing::AuthenticationClient)),
        ClientKind::Management => (quote!(), quote!(::authing::ManagementClient)),
        ClientKind::Generic => {
            let doc = docs(Some(&format!("Client of the {} API.", api.title)));
            (quote! { #doc #[client] pub struct Client; }, quote!(Client))
        }
    };
    quote! {
        #declaration
        #[operations]
        impl #self_ty { #(#operations)* }
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        text.push_str(summary.trim());
        text.push_str("\n\n");
    }
    if let Some(description) = &op.description {
        if op.summary.as_deref().map(str::trim) != Some(description.trim()) {
            text.push_str(description.trim());
            text.push_str("\n\n");
        }
    }
    if op.deprecated {
        text.push_str("**Deprecated** by the API.\n\n");
    }
    text.push_str(&format!("`{} {}`", op.method, op.path));
    let doc = docs(Some(&text));

    let method = Ident::new(&op.method, Span::call_site());
    let path = &op.path;
    let id = &op.api_name;
    let mut flags = Vec::new();
    if op.token_endpoint {
        flags.push(quote!(token_endpoint));
    }
    // Generic clients return the whole body anyway: `unwrapped` is only for Authing clients.
    if op.unwrapped && api.client.kind != ClientKind::Generic {
        flags.push(quote!(unwrapped));
    }
    if let Some(server) = &op.server {
        flags.push(quote!(server = #server));
    }
    match op.response_format {
        ResponseFormat::Json => {}
        ResponseFormat::Text => flags.push(quote!(text_response)),
        ResponseFormat::Binary => flags.push(quote!(binary_response)),
    }

    let mut args = Vec::new();
    for p in &op.params {
        let name = ident(&p.rust_name);
        let attr = param_attr(p);
        let arg_ty = arg_ty(api, &p.ty);
        args.push(quote!(#attr #name: #arg_ty));
    }
    if let Some((name, id)) = &op.query_params {
        let name = ident(name);
        let params = ident(&api.ty(*id).rust_name);
        args.push(quote!(#[query] #name: &#params));
    }
    if let Some(body) = &op.body {
        let name = ident(&body.rust_name);
        let body_ty = ty(api, &body.ty);
        let body_ty = match &body.ty {
            Ty::Array(item) => {
                let item = ty(api, item);
                quote!([#item])
            }
            _ => body_ty,
        };
        let media_type = &body.media_type;
        let (attr, body_ty) = match body.encoding {
            BodyEncoding::Json => (quote!(#[json]), body_ty),
            BodyEncoding::Form => (quote!(#[form]), body_ty),
            BodyEncoding::Binary => (quote!(#[binary(#media_type)]), quote!([u8])),
        };
        args.push(quote!(#attr #name: &#body_ty));
    }
    let name = ident(&op.rust_name);
    let response = ty(api, &op.response);
    quote! {
        #doc
        #[operation(#method #path, id = #id #(, #flags)*)]
        pub async fn #name(&self #(, #args)*) -> Result<#response, ::authing::Error>;
    }
}

/// How a positional parameter is taken: strings as `&str`, scalars by value, the rest by reference.
fn arg_ty(api: &Api, t: &Ty) -> TokenStream {
    match t {
        Ty::String => quote!(&str),
        Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 => ty(api, t),
        Ty::Array(item) => {
            let item = ty(api, item);
            quote!(&[#item])
        }
        _ => {
            let t = ty(api, t);
            quote!(&#t)
        }
    }
}
