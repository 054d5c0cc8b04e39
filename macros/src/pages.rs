//! `#[pages(..)]` on an operation of an `#[operations]` listing: the operation's `<name>_pages`
//! method, an `::authing::runtime::Pager` whose fetch closure sends the operation with the page
//! number written where the request carries it, and reads the items and the total count off the
//! response.
//!
//! `#[pages(Item, page = <place>, limit = <place>, items = <field>, total = <field>)]`, `limit`,
//! `items` and `total` optional. A place is a positional argument (`page`) or a path from an
//! argument down to a field (`params.page?`, `body.options?.pagination?.page?`); a field is a
//! field of the response (`list`, `total_count?`; no `items`: the response is the list). `?`
//! marks a field that is an `Option`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, FnArg, Ident, LitStr, Pat, Token, Type};

/// One field on the way: its name and whether it is an `Option`.
struct Step {
    name: Ident,
    optional: bool,
}

impl Parse for Step {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        let optional = input.parse::<Option<Token![?]>>()?.is_some();
        Ok(Step { name, optional })
    }
}

/// `arg`, or `arg.field?.field`: an argument and the fields down from it.
struct Place {
    arg: Ident,
    fields: Vec<Step>,
}

impl Parse for Place {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let arg = input.parse()?;
        let mut fields = Vec::new();
        while input.parse::<Option<Token![.]>>()?.is_some() {
            fields.push(input.parse()?);
        }
        Ok(Place { arg, fields })
    }
}

/// The parsed `#[pages(..)]`.
pub struct PagesAttr {
    item: Type,
    page: Place,
    limit: Option<Place>,
    items: Option<Step>,
    total: Option<Step>,
}

impl Parse for PagesAttr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let item = input.parse()?;
        let (mut page, mut limit, mut items, mut total) = (None, None, None, None);
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "page" => page = Some(input.parse()?),
                "limit" => limit = Some(input.parse()?),
                "items" => items = Some(input.parse()?),
                "total" => total = Some(input.parse()?),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "unknown pages option: expected `page`, `limit`, `items` or `total`",
                    ));
                }
            }
        }
        let page =
            page.ok_or_else(|| syn::Error::new(input.span(), "`#[pages]` needs `page = ..`"))?;
        Ok(PagesAttr {
            item,
            page,
            limit,
            items,
            total,
        })
    }
}

/// An argument of the operation: its name, type and where-it-goes attribute.
struct Arg<'a> {
    name: &'a Ident,
    ty: &'a Type,
    place: Option<&'a Attribute>,
}

/// The pager method of the operation `sig` (its arguments still marked), paged as `attr` says.
pub fn method(
    attr: &Attribute,
    vis: &syn::Visibility,
    sig: &syn::Signature,
) -> syn::Result<TokenStream> {
    let pages: PagesAttr = attr.parse_args()?;
    let runtime = quote!(::authing::runtime);
    let mut args = Vec::new();
    for input in &sig.inputs {
        let FnArg::Typed(arg) = input else { continue };
        let Pat::Ident(name) = &*arg.pat else {
            return Err(syn::Error::new_spanned(&arg.pat, "a plain argument name"));
        };
        let place = arg.attrs.iter().find(|a| {
            [
                "path", "query", "header", "cookie", "json", "form", "binary",
            ]
            .iter()
            .any(|p| a.path().is_ident(p))
        });
        args.push(Arg {
            name: &name.ident,
            ty: &arg.ty,
            place,
        });
    }
    let find = |place: &Place| {
        args.iter()
            .position(|a| *a.name == place.arg)
            .ok_or_else(|| syn::Error::new_spanned(&place.arg, "not an argument of the operation"))
    };
    let page_arg = find(&pages.page)?;
    if let Some(limit) = &pages.limit {
        find(limit)?;
    }
    // Locals of the expansion, apart from every argument (mixed-site: an argument may be `at`).
    let local = |name: &str| Ident::new(name, Span::mixed_site());
    let (number, response, total, at) = (
        local("page_number"),
        local("response"),
        local("total"),
        local("at"),
    );

    let mut inputs = Vec::new();
    let mut call = Vec::new();
    let mut setup = Vec::new();
    for (index, arg) in args.iter().enumerate() {
        let name = arg.name;
        if index != page_arg {
            let ty = with_lifetime(arg.ty);
            inputs.push(quote!(#name: #ty));
            call.push(quote!(#name));
            continue;
        }
        let value = quote!(#runtime::PageNumber::from_page(#number));
        if pages.page.fields.is_empty() {
            // A positional page number: the pager's own, not an argument of the pager.
            if is_str(arg.ty) {
                setup.push(quote!(let #name: ::std::string::String = #value;));
                call.push(quote!(&#name));
            } else if matches!(arg.ty, Type::Reference(_)) {
                return Err(syn::Error::new_spanned(
                    arg.ty,
                    "a positional page number is a `&str` or a number",
                ));
            } else {
                let ty = arg.ty;
                setup.push(quote!(let #name: #ty = #value;));
                call.push(quote!(#name));
            }
            continue;
        }
        let ty = with_lifetime(arg.ty);
        inputs.push(quote!(#name: #ty));
        let (last, through) = pages.page.fields.split_last().expect("not empty");
        let through = through.iter().map(|step| {
            let field = &step.name;
            if step.optional {
                quote!(let #at = #at.#field.get_or_insert_with(::std::default::Default::default);)
            } else {
                quote!(let #at = &mut #at.#field;)
            }
        });
        let field = &last.name;
        let value = if last.optional {
            quote!(::std::option::Option::Some(#value))
        } else {
            value
        };
        setup.push(quote! {
            let mut #name = ::std::clone::Clone::clone(#name);
            let #at = &mut #name;
            #(#through)*
            #at.#field = #value;
        });
        call.push(quote!(&#name));
    }

    // A positional page number is the pager's: the walk starts at 1.
    let first = if pages.page.fields.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        read(&pages.page, &args, &at)
    };
    let limit = match &pages.limit {
        Some(limit) => read(limit, &args, &at),
        None => quote!(::std::option::Option::None),
    };
    let items = match &pages.items {
        None => quote!(#response),
        Some(Step { name, optional }) if *optional => {
            quote!(#response.#name.unwrap_or_default())
        }
        Some(Step { name, .. }) => quote!(#response.#name),
    };
    let total_value = match &pages.total {
        Some(Step { name, optional }) if *optional => {
            quote!(#response.#name.as_ref().and_then(#runtime::PageNumber::to_count))
        }
        Some(Step { name, .. }) => quote!(#runtime::PageNumber::to_count(&#response.#name)),
        None => quote!(::std::option::Option::None),
    };
    let doc = doc(&sig.ident, &pages, &args[page_arg]);
    let operation = &sig.ident;
    let name = format_ident!("{}_pages", sig.ident);
    let item = &pages.item;
    Ok(quote! {
        #doc
        #[allow(clippy::too_many_arguments)]
        #vis fn #name<'a>(&'a self #(, #inputs)*) -> #runtime::Pager<'a, #item> {
            #runtime::Pager::new(#first, #limit, move |#number| {
                #(#setup)*
                async move {
                    let #response = self.#operation(#(#call),*).await?;
                    let #total = #total_value;
                    ::std::result::Result::Ok(#runtime::Page::new(#number, #items, #total))
                }
            })
        }
    })
}

/// The page number or size the caller's request asks for, as an `Option<u64>`.
fn read(place: &Place, args: &[Arg], at: &Ident) -> TokenStream {
    let runtime = quote!(::authing::runtime);
    let arg = &place.arg;
    let Some((last, through)) = place.fields.split_last() else {
        let ty = args.iter().find(|a| *a.name == *arg).map(|a| a.ty);
        return match ty {
            Some(ty) if is_str(ty) => quote!(#arg.trim().parse::<u64>().ok()),
            _ => quote!(#runtime::PageNumber::to_count(&#arg)),
        };
    };
    let through = through.iter().map(|step| {
        let field = &step.name;
        if step.optional {
            quote!(.and_then(|#at| #at.#field.as_ref()))
        } else {
            quote!(.map(|#at| &#at.#field))
        }
    });
    let field = &last.name;
    let last = if last.optional {
        quote!(.and_then(|#at| #at.#field.as_ref()).and_then(#runtime::PageNumber::to_count))
    } else {
        quote!(.and_then(|#at| #runtime::PageNumber::to_count(&#at.#field)))
    };
    quote!(::std::option::Option::Some(#arg) #(#through)* #last)
}

/// How the pager walks: where the page number goes and what ends the list.
fn doc(operation: &Ident, pages: &PagesAttr, page_arg: &Arg) -> TokenStream {
    let fields: Vec<String> = pages
        .page
        .fields
        .iter()
        .map(|s| s.name.to_string())
        .collect();
    let marker = page_arg
        .place
        .map(|a| a.path().get_ident().map(Ident::to_string));
    let place = match marker.flatten().as_deref() {
        _ if fields.is_empty() => {
            let wire = page_arg
                .place
                .and_then(|a| a.parse_args_with(wire_name).ok())
                .map_or_else(|| page_arg.name.to_string(), |w| w.value());
            format!("the `{wire}` parameter")
        }
        Some("query") => format!("`{}` of the parameters", fields.join(".")),
        _ => format!("the body's `{}`", fields.join(".")),
    };
    let total = match &pages.total {
        Some(total) => format!(", or the items reach `{}`", total.name),
        None => String::new(),
    };
    let text = format!(
        " Every page of [`Self::{operation}`], as a stream ([`Pager::pages`](::authing::runtime::Pager::pages) \
         or [`Pager::items`](::authing::runtime::Pager::items)).\n\n \
         The page number in {place} counts up from the one the request asks for (1 when it has \
         none) until a page is empty or shorter than the page size{total}; at most \
         [`DEFAULT_MAX_PAGES`](::authing::runtime::DEFAULT_MAX_PAGES) pages unless \
         [`Pager::max_pages`](::authing::runtime::Pager::max_pages) says otherwise."
    );
    let lines = text.split('\n');
    quote!(#(#[doc = #lines])*)
}

/// The wire name leading a parameter attribute (`#[query("page", style = ..)]`).
fn wire_name(input: ParseStream) -> syn::Result<LitStr> {
    let wire = input.parse()?;
    input.parse::<TokenStream>()?;
    Ok(wire)
}

/// Whether `ty` is `&str`.
fn is_str(ty: &Type) -> bool {
    matches!(ty, Type::Reference(r) if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")))
}

/// `ty` with the pager's lifetime `'a` on its reference, when it is one without a lifetime.
fn with_lifetime(ty: &Type) -> Type {
    let mut ty = ty.clone();
    if let Type::Reference(reference) = &mut ty {
        reference
            .lifetime
            .get_or_insert_with(|| syn::Lifetime::new("'a", Span::call_site()));
    }
    ty
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    /// The pager of `sig` by `attr`: its tokens, or the error message.
    fn expand(attr: syn::Attribute, sig: syn::Signature) -> Result<String, String> {
        super::method(&attr, &parse_quote!(pub), &sig)
            .map(|tokens| tokens.to_string())
            .map_err(|e| e.to_string())
    }

    fn check_error(attr: syn::Attribute, sig: syn::Signature, message: &str) {
        assert_eq!(expand(attr, sig).unwrap_err(), message);
    }

    #[test]
    fn a_pager_takes_the_arguments_but_a_positional_page_number() {
        let pager = expand(
            parse_quote!(#[pages(Item, page = page, limit = limit, items = list?)]),
            parse_quote!(async fn list(&self, #[query("p")] page: &str, #[query("limit")] limit: &str, #[path("id")] id: &str) -> Result<L, E>),
        )
        .unwrap();
        assert!(
            pager.contains(
                "pub fn list_pages < 'a > (& 'a self , limit : & 'a str , id : & 'a str)"
            ),
            "{pager}"
        );
        assert!(
            pager.contains("let page : :: std :: string :: String"),
            "{pager}"
        );
        assert!(pager.contains("unwrap_or_default"), "{pager}");
        assert!(pager.contains("the `p` parameter"), "{pager}");
        let pager = expand(
            parse_quote!(#[pages(Item, page = body.options?.page?, total = total)]),
            parse_quote!(async fn list(&self, #[json] body: &Body) -> Result<L, E>),
        )
        .unwrap();
        assert!(pager.contains("body : & 'a Body"), "{pager}");
        assert!(pager.contains("get_or_insert_with"), "{pager}");
        assert!(pager.contains("the body's `options.page`"), "{pager}");
    }

    #[test]
    fn pager_mistakes_are_reported() {
        let sig: syn::Signature =
            parse_quote!(async fn list(&self, #[query] params: &P) -> Result<L, E>);
        check_error(
            parse_quote!(#[pages(Item, page = params.page?, size = params.limit?)]),
            sig.clone(),
            "unknown pages option: expected `page`, `limit`, `items` or `total`",
        );
        check_error(
            parse_quote!(#[pages(Item, limit = params.limit?)]),
            sig.clone(),
            "`#[pages]` needs `page = ..`",
        );
        check_error(
            parse_quote!(#[pages(Item, page = query.page?)]),
            sig,
            "not an argument of the operation",
        );
        check_error(
            parse_quote!(#[pages(Item, page = pages)]),
            parse_quote!(async fn list(&self, #[query("p")] pages: &[u8]) -> Result<L, E>),
            "a positional page number is a `&str` or a number",
        );
    }
}
