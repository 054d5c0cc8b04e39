//! `#[client]`: the client type of a non-Authing API.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, ItemStruct};

use crate::support::no_args;

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    no_args(args, "client")?;
    let input: ItemStruct = syn::parse2(item)?;
    if !matches!(input.fields, Fields::Unit) || !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input,
            "`#[client]` is written on a unit struct: `pub struct Client;`",
        ));
    }
    let ItemStruct {
        attrs, vis, ident, ..
    } = input;
    Ok(quote! {
        #(#attrs)*
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #vis struct #ident {
            inner: ::authing::runtime::Client,
        }

        impl #ident {
            /// A client sending its requests through `inner` (base URL, headers, timeouts, retries).
            pub fn new(inner: ::authing::runtime::Client) -> Self {
                Self { inner }
            }

            /// The runtime client requests go through.
            pub fn inner(&self) -> &::authing::runtime::Client {
                &self.inner
            }
        }

        impl ::core::convert::From<::authing::runtime::Client> for #ident {
            fn from(inner: ::authing::runtime::Client) -> Self {
                Self { inner }
            }
        }

        impl ::authing::runtime::ApiClient for #ident {
            fn execute<T: ::authing::generated::__private::serde::de::DeserializeOwned>(
                &self,
                req: ::authing::runtime::Request,
            ) -> impl ::core::future::Future<Output = ::core::result::Result<T, ::authing::Error>> + ::core::marker::Send {
                ::authing::runtime::ApiClient::execute(&self.inner, req)
            }
        }
    })
}
