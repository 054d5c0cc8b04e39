//! The client's listing: one `#[operations]` impl block per tag, each operation's docs,
//! attribute and signature.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{docs, first_paragraph, ident, param_attr, ty};
use crate::doc;
use crate::ir::{
    Api, BodyEncoding, ClientKind, Doc, Operation, ParamLocation, ResponseFormat, Ty, TypeKind,
};

pub(super) fn client(api: &Api) -> TokenStream {
    let (declaration, self_ty) = match api.client.kind {
        ClientKind::Authentication => (quote!(), quote!(::authing::AuthenticationClient)),
        ClientKind::Management => (quote!(), quote!(::authing::ManagementClient)),
        ClientKind::Generic => {
            let doc = docs(Some(&format!("Client of the {} API.", api.title)));
            (quote! { #doc #[client] pub struct Client; }, quote!(Client))
        }
    };
    let listings = tag_groups(api).into_iter().map(|(tag, operations)| {
        let doc = match tag {
            Some(tag) => {
                let described = api
                    .client
                    .tags
                    .iter()
                    .find(|(name, _)| name == tag)
                    .and_then(|(_, doc)| doc::text(doc));
                let mut text = format!("Operations tagged `{tag}`.");
                if let Some(described) = described {
                    text.push_str("\n\n");
                    text.push_str(&described);
                }
                text
            }
            None => "The operations without a tag.".to_owned(),
        };
        let doc = docs(Some(&doc));
        let operations = operations.into_iter().map(|op| operation(api, op));
        quote! {
            #doc
            #[operations]
            impl #self_ty { #(#operations)* }
        }
    });
    quote! {
        #declaration
        #(#listings)*
    }
}

/// The operations grouped by their first tag: the spec's `tags` order, then tags the list
/// lacks in order of appearance, then the untagged operations (each group in spec order).
fn tag_groups(api: &Api) -> Vec<(Option<&str>, Vec<&Operation>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Operation>)> = api
        .client
        .tags
        .iter()
        .map(|(name, _)| (Some(name.as_str()), Vec::new()))
        .collect();
    for op in &api.client.operations {
        let tag = op.tags.first().map(String::as_str);
        match groups.iter_mut().find(|(name, _)| *name == tag) {
            Some((_, ops)) => ops.push(op),
            None => groups.push((tag, vec![op])),
        }
    }
    groups.retain(|(_, ops)| !ops.is_empty());
    if let Some(i) = groups.iter().position(|(tag, _)| tag.is_none()) {
        let untagged = groups.remove(i);
        groups.push(untagged);
    }
    groups
}

/// The doc of an operation's method: the summary and description (English first, the original
/// below), what each argument is, and the request line with the `operationId`.
fn operation_doc(api: &Api, op: &Operation) -> String {
    let join = |summary: &Option<String>, description: &Option<String>| {
        let summary = summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let description = description
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match (summary, description) {
            (Some(s), Some(d)) if s != d => Some(format!("{s}\n\n{d}")),
            (Some(s), _) => Some(s.to_owned()),
            (None, d) => d.map(str::to_owned),
        }
    };
    let doc = Doc {
        en: join(&op.summary.en, &op.description.en),
        original: join(&op.summary.original, &op.description.original),
    };
    let mut text = doc::text(&doc).unwrap_or_default();
    if op.deprecated {
        text.push_str("\n\n**Deprecated** by the API.");
    }
    let mut arguments = Vec::new();
    for p in &op.params {
        let place = match p.location {
            ParamLocation::Path => "path parameter",
            ParamLocation::Query => "query parameter",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let mut line = format!("- `{}`: {place} `{}`", p.rust_name, p.api_name);
        let en = p
            .doc
            .en
            .as_deref()
            .map(first_paragraph)
            .filter(|t| !t.is_empty());
        let original = p
            .doc
            .original
            .as_deref()
            .map(first_paragraph)
            .filter(|t| !t.is_empty());
        for part in [
            en.as_deref(),
            original.as_deref().filter(|o| Some(*o) != en.as_deref()),
        ]
        .into_iter()
        .flatten()
        {
            line.push_str(if line.ends_with('`') { ": " } else { " / " });
            line.push_str(part);
        }
        arguments.push(line);
    }
    if let Some((name, id)) = &op.query_params {
        let only_query = matches!(&api.ty(*id).kind, TypeKind::QueryParams(params)
            if params.iter().all(|p| p.location == ParamLocation::Query));
        let what = if only_query {
            "query parameters"
        } else {
            "parameters"
        };
        arguments.push(format!(
            "- `{name}`: the optional {what} ([`{}`])",
            api.ty(*id).rust_name
        ));
    }
    if let Some(body) = &op.body {
        let encoding = match body.encoding {
            BodyEncoding::Json => "JSON",
            BodyEncoding::Form => "form",
            BodyEncoding::Binary => body.media_type.as_str(),
            BodyEncoding::Multipart => "multipart/form-data",
        };
        arguments.push(format!(
            "- `{}`: the request body ({encoding})",
            body.rust_name
        ));
    }
    if !arguments.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arguments.join("\n"));
    }
    text.push_str(&format!(
        "\n\n`{} {}` (operation `{}`)",
        op.method, op.path, op.api_name
    ));
    text
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let doc = docs(Some(&operation_doc(api, op)));

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
            BodyEncoding::Multipart => (quote!(#[multipart]), body_ty),
        };
        args.push(quote!(#attr #name: &#body_ty));
    }
    let name = ident(&op.rust_name);
    let response = ty(api, &op.response);
    let pages = crate::pages::attribute(api, op);
    quote! {
        #doc
        #[operation(#method #path, id = #id #(, #flags)*)]
        #pages
        pub async fn #name(&self #(, #args)*) -> Result<#response, ::authing::Error>;
    }
}

/// How a positional parameter is taken: strings as `&str`, scalars by value, the rest by
/// reference.
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
