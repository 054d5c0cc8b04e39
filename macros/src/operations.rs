//! `#[operations]`: a listing of body-less operation methods -> methods that send requests (and
//! the pagers of those marked `#[pages(..)]`, see [`crate::pages`]).

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Attribute, FnArg, Ident, ImplItem, ItemImpl, LitStr, Pat, Signature, Token, Visibility};

use crate::support::{Errors, ParamAttr, Place, no_args, private, take_attrs};

/// `#[operation(POST "/path", id = "operationId", token_endpoint, unwrapped, server = "url")]`.
struct OperationAttr {
    method: Ident,
    path: LitStr,
    id: Option<LitStr>,
    token_endpoint: bool,
    unwrapped: bool,
    server: Option<LitStr>,
    /// `text_response` or `binary_response`.
    response: Option<Ident>,
}

const METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
];

impl Parse for OperationAttr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let method: Ident = input.parse()?;
        if !METHODS.contains(&method.to_string().as_str()) {
            return Err(syn::Error::new(
                method.span(),
                format!(
                    "unknown HTTP method `{method}`: expected one of {}",
                    METHODS.join(", ")
                ),
            ));
        }
        let path: LitStr = input.parse()?;
        if !path.value().starts_with('/') {
            return Err(syn::Error::new(
                path.span(),
                "the path template starts with `/`",
            ));
        }
        let mut attr = OperationAttr {
            method,
            path,
            id: None,
            token_endpoint: false,
            unwrapped: false,
            server: None,
            response: None,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "id" => {
                    input.parse::<Token![=]>()?;
                    attr.id = Some(input.parse()?);
                }
                "server" => {
                    input.parse::<Token![=]>()?;
                    attr.server = Some(input.parse()?);
                }
                "token_endpoint" => attr.token_endpoint = true,
                "unwrapped" => attr.unwrapped = true,
                "text_response" | "binary_response" => attr.response = Some(key),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "unknown operation option: expected `id = \"..\"`, `server = \"..\"`, `token_endpoint`, `unwrapped`, `text_response` or `binary_response`",
                    ));
                }
            }
        }
        Ok(attr)
    }
}

/// A method declared without a body: `#[..] pub async fn op(&self, ..) -> T;`.
struct Declaration {
    attrs: Vec<Attribute>,
    vis: Visibility,
    sig: Signature,
}

impl Parse for Declaration {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let sig = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Declaration { attrs, vis, sig })
    }
}

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    no_args(args, "operations")?;
    let mut listing: ItemImpl = syn::parse2(item)?;
    let mut errors = Errors::default();
    for item in &mut listing.items {
        let ImplItem::Verbatim(tokens) = item else {
            continue;
        };
        let declaration = match Declaration::parse.parse2(tokens.clone()) {
            Ok(d) => d,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match method(declaration, &mut errors) {
            Some(tokens) => *item = ImplItem::Verbatim(tokens),
            None => continue,
        }
    }
    errors.finish(listing.into_token_stream())
}

/// The method with its body; `None` (and errors) when the declaration is malformed.
fn method(mut declaration: Declaration, errors: &mut Errors) -> Option<TokenStream> {
    // The pager reads the arguments' places, so it is made before they are taken off.
    let mut pager = TokenStream::new();
    for attr in take_attrs(&mut declaration.attrs, "pages") {
        match crate::pages::method(&attr, &declaration.vis, &declaration.sig) {
            Ok(tokens) if pager.is_empty() => pager = tokens,
            Ok(_) => errors.push(syn::Error::new_spanned(attr, "duplicate `#[pages]`")),
            Err(error) => errors.push(error),
        }
    }
    let operation_attrs = take_attrs(&mut declaration.attrs, "operation");
    let [operation_attr] = operation_attrs.as_slice() else {
        errors.push(syn::Error::new_spanned(
            &declaration.sig.ident,
            "an operation needs one `#[operation(METHOD \"/path\", ..)]`",
        ));
        return None;
    };
    let operation: OperationAttr = match operation_attr.parse_args() {
        Ok(o) => o,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    if declaration.sig.asyncness.is_none() {
        errors.push(syn::Error::new_spanned(
            declaration.sig.fn_token,
            "operations are `async fn`",
        ));
    }
    let OperationAttr {
        method,
        path,
        id,
        token_endpoint,
        unwrapped,
        server,
        response,
    } = operation;
    // `request` is hygienic (mixed-site span): an argument named `request` is another variable.
    let request = Ident::new("request", proc_macro2::Span::mixed_site());
    let mut steps = Vec::new();
    // The operationId finds the method in rustdoc's search (`listUsers` -> `list_users`); rustdoc
    // rejects an alias equal to the name or holding spaces and quotes.
    let alias = id.as_ref().map(LitStr::value).filter(|id| {
        !id.is_empty()
            && declaration.sig.ident != id
            && !id.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'')
    });
    if let Some(alias) = alias {
        declaration
            .attrs
            .push(syn::parse_quote!(#[doc(alias = #alias)]));
    }
    if let Some(id) = id {
        steps.push(quote!(#request = #request.operation_id(#id);));
    }
    if let Some(server) = server {
        steps.push(quote!(#request = #request.server(#server);));
    }
    if token_endpoint {
        steps.push(quote!(#request = #request.token_endpoint();));
    }
    if unwrapped {
        steps.push(quote!(#request = #request.unwrapped();));
    }
    if let Some(response) = response {
        steps.push(quote!(#request = #request.#response();));
    }
    let private = private();
    let mut has_receiver = false;
    let mut body_seen = false;
    for input in &mut declaration.sig.inputs {
        let arg = match input {
            FnArg::Receiver(_) => {
                has_receiver = true;
                continue;
            }
            FnArg::Typed(arg) => arg,
        };
        let Pat::Ident(name) = &*arg.pat else {
            errors.push(syn::Error::new_spanned(
                &arg.pat,
                "operation arguments are plain names",
            ));
            continue;
        };
        let name = name.ident.clone();
        let mut places = Vec::new();
        for attr in std::mem::take(&mut arg.attrs) {
            let place = attr
                .path()
                .get_ident()
                .map(Ident::to_string)
                .unwrap_or_default();
            match place.as_str() {
                "path" | "query" | "header" | "cookie" | "json" | "form" | "multipart"
                | "binary" => places.push((place, attr)),
                _ => arg.attrs.push(attr),
            }
        }
        let [(place, attr)] = places.as_slice() else {
            errors.push(syn::Error::new_spanned(
                &name,
                "mark each argument with one of `#[path(\"name\")]`, `#[query(\"name\")]`, `#[header(\"name\")]`, `#[cookie(\"name\")]`, `#[query]`, `#[json]`, `#[form]`, `#[multipart]`, `#[binary(\"media/type\")]`",
            ));
            continue;
        };
        let located = match place.as_str() {
            "path" => Some(Place::Path),
            "query" => Some(Place::Query),
            "header" => Some(Place::Header),
            "cookie" => Some(Place::Cookie),
            _ => None,
        };
        if let (Some(located), syn::Meta::List(_)) = (located, &attr.meta) {
            let param = match ParamAttr::parse(attr, located) {
                Ok(param) => param,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
            if located == Place::Path
                && !path
                    .value()
                    .contains(&format!("{{{}}}", param.wire.value()))
            {
                errors.push(syn::Error::new_spanned(
                    &param.wire,
                    format!(
                        "the path {:?} has no `{{{}}}`",
                        path.value(),
                        param.wire.value()
                    ),
                ));
            }
            steps.push(param.step(located, &request, quote!(#name)));
            continue;
        }
        let wire = match &attr.meta {
            syn::Meta::List(_) => match attr.parse_args::<LitStr>() {
                Ok(wire) => Some(wire),
                Err(_) => {
                    errors.push(syn::Error::new_spanned(
                        attr,
                        format!("expected `#[{place}(\"wire name\")]`"),
                    ));
                    continue;
                }
            },
            syn::Meta::Path(_) => None,
            syn::Meta::NameValue(_) => {
                errors.push(syn::Error::new_spanned(
                    attr,
                    format!("expected `#[{place}(\"wire name\")]`"),
                ));
                continue;
            }
        };
        let step = match (place.as_str(), wire) {
            ("query", None) => quote!(#request = #private::QueryParams::apply(#name, #request);),
            ("binary", Some(media_type)) => {
                if body_seen {
                    errors.push(syn::Error::new_spanned(
                        &name,
                        "an operation has at most one body",
                    ));
                }
                body_seen = true;
                quote!(#request = #request.binary(#media_type, <[u8]>::to_vec(#name));)
            }
            ("json" | "form" | "multipart", Some(wire)) => {
                errors.push(syn::Error::new_spanned(
                    wire,
                    format!("`#[{place}]` takes no name: the argument is the whole body"),
                ));
                continue;
            }
            ("json" | "form" | "multipart", None) => {
                if body_seen {
                    errors.push(syn::Error::new_spanned(
                        &name,
                        "an operation has at most one body",
                    ));
                }
                body_seen = true;
                let encode = Ident::new(
                    place,
                    attr.path()
                        .get_ident()
                        .map_or_else(proc_macro2::Span::call_site, Ident::span),
                );
                quote!(#request = #request.#encode(#name);)
            }
            (_, None) => {
                errors.push(syn::Error::new_spanned(
                    attr,
                    format!("expected `#[{place}(\"wire name\")]`"),
                ));
                continue;
            }
            _ => unreachable!("places are filtered above"),
        };
        steps.push(step);
    }
    if !has_receiver {
        errors.push(syn::Error::new_spanned(
            &declaration.sig.ident,
            "operations take `&self`",
        ));
    }
    let Declaration { attrs, vis, sig } = declaration;
    Some(quote! {
        #(#attrs)*
        #[allow(clippy::too_many_arguments)]
        #vis #sig {
            #[allow(unused_mut)]
            let mut #request = ::authing::runtime::Request::new(::authing::runtime::Method::#method, #path);
            #(#steps)*
            ::authing::runtime::ApiClient::execute(self, #request).await
        }
        #pager
    })
}
