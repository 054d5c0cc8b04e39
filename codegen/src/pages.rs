//! The `*_pages` method of a paged operation ([`ir::Pagination`]): it returns an
//! `::authing::runtime::Pager` whose fetch closure sends the operation with the page number
//! written where the request carries it, and reads the items and the total count off the
//! response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::{arg_ty, ident, ty};
use crate::ir::{Api, Operation, PageField, Pagination, PathStep, Ty};

/// The pager method of `op`, when it is paged.
pub(crate) fn method(api: &Api, op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let runtime = quote!(::authing::runtime);
    let name = format_ident!("{}_pages", op.rust_name);
    let operation = ident(&op.rust_name);
    let item = ty(api, &pagination.item);
    // The closure's page number, named apart from every argument (a parameter may be `page`).
    let mut number = "page_number".to_owned();
    let arguments = op.params.iter().map(|p| p.rust_name.as_str());
    let arguments = arguments
        .chain(op.query_params.iter().map(|(name, _)| name.as_str()))
        .chain(op.body.iter().map(|body| body.rust_name.as_str()));
    while arguments.clone().any(|name| name == number) {
        number.push('_');
    }
    let number = ident(&number);

    let mut args = Vec::new();
    let mut call = Vec::new();
    let mut setup = Vec::new();
    for (index, p) in op.params.iter().enumerate() {
        let arg = ident(&p.rust_name);
        if pagination.page == PageField::Param(index) {
            let page_ty = ty(api, &p.ty);
            setup.push(quote!(let #arg: #page_ty = #runtime::PageNumber::from_page(#number);));
            call.push(match p.ty {
                Ty::String => quote!(&#arg),
                _ => quote!(#arg),
            });
            continue;
        }
        let arg_ty = arg_ty(api, &p.ty, &quote!('a));
        args.push(quote!(#arg: #arg_ty));
        call.push(quote!(#arg));
    }
    if let Some((params, id)) = &op.query_params {
        let params = ident(params);
        let params_ty = ident(&api.ty(*id).rust_name);
        args.push(quote!(#params: &'a #params_ty));
        if let PageField::Query(field) = &pagination.page {
            let field = ident(field);
            setup.push(quote! {
                let mut #params = #params.clone();
                #params.#field = Some(#runtime::PageNumber::from_page(#number));
            });
            call.push(quote!(&#params));
        } else {
            call.push(quote!(#params));
        }
    }
    if let Some(body) = &op.body {
        let arg = ident(&body.rust_name);
        let body_ty = ty(api, &body.ty);
        args.push(quote!(#arg: &'a #body_ty));
        if let PageField::Body(path) = &pagination.page {
            let (last, through) = path.split_last()?;
            let through = through.iter().map(|step| {
                let field = ident(&step.rust_name);
                if step.optional {
                    quote!(let at = at.#field.get_or_insert_with(Default::default);)
                } else {
                    quote!(let at = &mut at.#field;)
                }
            });
            let field = ident(&last.rust_name);
            let value = quote!(#runtime::PageNumber::from_page(#number));
            let value = if last.optional {
                quote!(Some(#value))
            } else {
                value
            };
            setup.push(quote! {
                let mut #arg = #arg.clone();
                let at = &mut #arg;
                #(#through)*
                at.#field = #value;
            });
            call.push(quote!(&#arg));
        } else {
            call.push(quote!(#arg));
        }
    }

    let first = read(op, &pagination.page);
    let limit = match &pagination.limit {
        Some(limit) => read(op, limit),
        None => quote!(None),
    };
    let items = match &pagination.items {
        None => quote!(response),
        Some(items) => {
            let field = ident(&items.rust_name);
            if items.optional {
                quote!(response.#field.unwrap_or_default())
            } else {
                quote!(response.#field)
            }
        }
    };
    let total = match &pagination.total {
        Some(total) => count(quote!(response), total),
        None => quote!(None),
    };
    let doc = doc(op, pagination);
    Some(quote! {
        #doc
        pub fn #name<'a>(&'a self #(, #args)*) -> #runtime::Pager<'a, #item> {
            #runtime::Pager::new(#first, #limit, move |#number| {
                #(#setup)*
                async move {
                    let response = self.#operation(#(#call),*).await?;
                    let total = #total;
                    Ok(#runtime::Page::new(#number, #items, total))
                }
            })
        }
    })
}

/// The count `step` of `value` holds, as an `Option<u64>`.
fn count(value: TokenStream, step: &PathStep) -> TokenStream {
    let field = ident(&step.rust_name);
    if step.optional {
        quote!(#value.#field.as_ref().and_then(::authing::runtime::PageNumber::to_count))
    } else {
        quote!(::authing::runtime::PageNumber::to_count(&#value.#field))
    }
}

/// The page number or size the caller's request asks for, as an `Option<u64>`.
fn read(op: &Operation, field: &PageField) -> TokenStream {
    match field {
        PageField::Param(index) => {
            let p = &op.params[*index];
            let arg = ident(&p.rust_name);
            match p.ty {
                // The page number itself is the pager's; a positional page size is the caller's.
                _ if Some(field) == op.pagination.as_ref().map(|p| &p.page) => quote!(None),
                Ty::String => quote!(#arg.trim().parse::<u64>().ok()),
                _ => quote!(::authing::runtime::PageNumber::to_count(&#arg)),
            }
        }
        PageField::Query(name) => {
            let params = op.query_params.as_ref().map(|(params, _)| ident(params));
            let field = ident(name);
            quote!(#params.#field.as_ref().and_then(::authing::runtime::PageNumber::to_count))
        }
        PageField::Body(path) => {
            let arg = op.body.as_ref().map(|body| ident(&body.rust_name));
            let (last, through) = path.split_last().expect("a body path has a field");
            let through = through.iter().map(|step| {
                let field = ident(&step.rust_name);
                if step.optional {
                    quote!(.and_then(|at| at.#field.as_ref()))
                } else {
                    quote!(.map(|at| &at.#field))
                }
            });
            let field = ident(&last.rust_name);
            let last = if last.optional {
                quote!(.and_then(|at| at.#field.as_ref()).and_then(::authing::runtime::PageNumber::to_count))
            } else {
                quote!(.and_then(|at| ::authing::runtime::PageNumber::to_count(&at.#field)))
            };
            quote!(Some(#arg) #(#through)* #last)
        }
    }
}

/// How the pager walks: where the page number goes and what ends the list.
fn doc(op: &Operation, pagination: &Pagination) -> TokenStream {
    let place = match &pagination.page {
        PageField::Param(index) => format!("the `{}` parameter", op.params[*index].api_name),
        PageField::Query(name) => format!("`{name}` of the parameters"),
        PageField::Body(path) => {
            let path: Vec<&str> = path.iter().map(|s| s.rust_name.as_str()).collect();
            format!("the body's `{}`", path.join("."))
        }
    };
    let total = match &pagination.total {
        Some(total) => format!(", or the items reach `{}`", total.rust_name),
        None => String::new(),
    };
    let text = format!(
        " Every page of [`Self::{}`], as a stream ([`Pager::pages`](::authing::runtime::Pager::pages) \
         or [`Pager::items`](::authing::runtime::Pager::items)).\n\n \
         The page number in {place} counts up from the one the request asks for (1 when it has \
         none) until a page is empty or shorter than the page size{total}; at most \
         [`DEFAULT_MAX_PAGES`](::authing::runtime::DEFAULT_MAX_PAGES) pages unless \
         [`Pager::max_pages`](::authing::runtime::Pager::max_pages) says otherwise.",
        op.rust_name
    );
    let lines = text.split('\n');
    quote!(#(#[doc = #lines])*)
}
