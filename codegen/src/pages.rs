//! The `#[pages(..)]` attribute of a paged operation ([`ir::Pagination`]): the item type, where
//! the page number (and size) go in the request, and the response's items and total count. The
//! `#[operations]` macro expands it into the operation's `*_pages` method.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::emit::{ident, ty};
use crate::ir::{Api, Operation, PageField, PathStep};

/// The pager attribute of `op`, when it is paged.
pub(crate) fn attribute(api: &Api, op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let item = ty(api, &pagination.item);
    let page = place(op, &pagination.page)?;
    let limit = match &pagination.limit {
        Some(limit) => {
            let limit = place(op, limit)?;
            quote!(, limit = #limit)
        }
        None => TokenStream::new(),
    };
    let items = pagination.items.as_ref().map(|items| {
        let items = step(items);
        quote!(, items = #items)
    });
    let total = pagination.total.as_ref().map(|total| {
        let total = step(total);
        quote!(, total = #total)
    });
    Some(quote!(#[pages(#item, page = #page #limit #items #total)]))
}

/// A place in the request: the argument, then the fields down from it.
fn place(op: &Operation, field: &PageField) -> Option<TokenStream> {
    Some(match field {
        PageField::Param(index) => ident(&op.params.get(*index)?.rust_name).into_token_stream(),
        PageField::Query(name) => {
            let (params, _) = op.query_params.as_ref()?;
            let (params, name) = (ident(params), ident(name));
            quote!(#params.#name?)
        }
        PageField::Body(path) => {
            let body = ident(&op.body.as_ref()?.rust_name);
            let path = path.iter().map(step);
            quote!(#body #(.#path)*)
        }
    })
}

/// A field, `?` when it is an `Option`.
fn step(step: &PathStep) -> TokenStream {
    let field = ident(&step.rust_name);
    if step.optional {
        quote!(#field?)
    } else {
        quote!(#field)
    }
}
