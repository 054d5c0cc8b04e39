//! What every macro shares: absolute paths of the support code, errors, helper attributes.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, LitStr};

/// Turns the result of an expansion into tokens: the errors, all of them, as `compile_error!`s.
pub fn expand(result: syn::Result<TokenStream>) -> proc_macro::TokenStream {
    match result {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Collects errors so that all of them are reported, not only the first.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Records `error`.
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(existing) => existing.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `Err` with every recorded error, or `Ok(value)`.
    pub fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// `::authing::generated::__private`: serde, serde_json and the traits the expansions use.
pub fn private() -> TokenStream {
    quote!(::authing::generated::__private)
}

/// `#[serde(crate = "...")]` for serde derives in expansions.
pub fn serde_crate() -> TokenStream {
    quote!(#[serde(crate = "::authing::generated::__private::serde")])
}

/// Removes the helper attributes named `name` from `attrs` and returns them.
pub fn take_attrs(attrs: &mut Vec<Attribute>, name: &str) -> Vec<Attribute> {
    let (taken, kept) = std::mem::take(attrs)
        .into_iter()
        .partition(|a| a.path().is_ident(name));
    *attrs = kept;
    taken
}

/// The single `#[name("wire")]` of a field, removed from `attrs`.
pub fn take_wire_name(
    attrs: &mut Vec<Attribute>,
    name: &str,
    errors: &mut Errors,
) -> Option<LitStr> {
    let taken = take_attrs(attrs, name);
    let mut found = None;
    for attr in taken {
        if found.is_some() {
            errors.push(syn::Error::new_spanned(
                &attr,
                format!("duplicate `#[{name}]`"),
            ));
            continue;
        }
        match attr.parse_args::<LitStr>() {
            Ok(lit) => found = Some(lit),
            Err(_) => errors.push(syn::Error::new_spanned(
                &attr,
                format!("expected `#[{name}(\"wire name\")]`"),
            )),
        }
    }
    found
}

/// Fails when the attribute got arguments it takes none of.
pub fn no_args(args: TokenStream, name: &str) -> syn::Result<()> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(syn::Error::new_spanned(
            args,
            format!("`#[{name}]` takes no arguments"),
        ))
    }
}

/// Whether `ty` is written `Option<..>` (any path ending in `Option`).
pub fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"
            && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))))
}

/// Where a parameter goes, as its helper attribute names it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Path,
    Query,
    Header,
    Cookie,
}

impl Place {
    pub fn name(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
        }
    }

    /// The OpenAPI styles of this place, and its default `explode`.
    fn styles(self) -> (&'static [&'static str], bool) {
        match self {
            Place::Path => (&["simple", "label", "matrix"], false),
            Place::Query => (
                &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
                true,
            ),
            Place::Header => (&["simple"], false),
            Place::Cookie => (&["form"], true),
        }
    }
}

/// `#[query("wire", style = "pipeDelimited", explode = false)]`: the wire name, and how the
/// value is written (OpenAPI `style` / `explode`; both optional).
pub struct ParamAttr {
    pub wire: LitStr,
    /// `None`: the location's plain writing.
    pub style: Option<(String, bool)>,
}

impl ParamAttr {
    /// Parses the arguments of a `#[path/query/header/cookie(..)]` attribute.
    pub fn parse(attr: &Attribute, place: Place) -> syn::Result<ParamAttr> {
        attr.parse_args_with(|input: syn::parse::ParseStream| {
            let wire: LitStr = input.parse()?;
            let (styles, default_explode) = place.styles();
            let mut style = None;
            let mut explode = None;
            while !input.is_empty() {
                input.parse::<syn::Token![,]>()?;
                if input.is_empty() {
                    break;
                }
                let key: syn::Ident = input.parse()?;
                input.parse::<syn::Token![=]>()?;
                match key.to_string().as_str() {
                    "style" => {
                        let value: LitStr = input.parse()?;
                        if !styles.contains(&value.value().as_str()) {
                            return Err(syn::Error::new_spanned(
                                &value,
                                format!(
                                    "`{}` is not a style of {} parameters: expected one of {}",
                                    value.value(),
                                    place.name(),
                                    styles.join(", ")
                                ),
                            ));
                        }
                        style = Some(value.value());
                    }
                    "explode" => explode = Some(input.parse::<syn::LitBool>()?.value),
                    _ => {
                        return Err(syn::Error::new(
                            key.span(),
                            "expected `style = \"..\"` or `explode = true|false`",
                        ));
                    }
                }
            }
            let style = (style.is_some() || explode.is_some()).then(|| {
                (
                    style.unwrap_or_else(|| styles[0].to_owned()),
                    explode.unwrap_or(default_explode),
                )
            });
            Ok(ParamAttr { wire, style })
        })
    }

    /// The request step writing `value` (an expression of a reference to the value).
    pub fn step(
        &self,
        place: Place,
        request: &proc_macro2::Ident,
        value: TokenStream,
    ) -> TokenStream {
        let wire = &self.wire;
        let style = self.style.as_ref().map(|(style, explode)| {
            let variant = syn::Ident::new(
                &{
                    let mut name = style.clone();
                    name[..1].make_ascii_uppercase();
                    name
                },
                wire.span(),
            );
            (quote!(::authing::runtime::ParamStyle::#variant), *explode)
        });
        match (place, style) {
            (Place::Path, None) => quote!(#request = #request.path_param(#wire, #value);),
            (Place::Path, Some((style, explode))) => {
                quote!(#request = #request.path_param_styled(#wire, &#value, #style, #explode);)
            }
            (Place::Query, None) => quote!(#request = #request.query(#wire, &#value);),
            (Place::Query, Some((style, explode))) => {
                quote!(#request = #request.query_styled(#wire, &#value, #style, #explode);)
            }
            (Place::Header, style) => {
                let explode = style.is_some_and(|(_, explode)| explode);
                quote!(#request = #request.header_styled(#wire, &#value, #explode);)
            }
            (Place::Cookie, style) => {
                let explode = style.is_none_or(|(_, explode)| explode);
                quote!(#request = #request.cookie(#wire, &#value, #explode);)
            }
        }
    }
}
