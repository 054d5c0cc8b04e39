//! The examples test module: every example of the spec deserializes into its type and
//! serializes back to the same JSON, and secret fields are hidden from `Debug`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, ty};
use crate::ir::{Api, Ty};

/// A test module checking that every example of `api` deserializes into its type and
/// serializes back to the same JSON, for the generated module `module` compiled `at` a place.
/// `None` when the spec carries no example of a generated type.
pub fn examples_test(api: &Api, module: &str, at: ExamplesAt) -> Option<TokenStream> {
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
    let module_name = module;
    let module = ident(module);
    let (types, helpers) = match at {
        ExamplesAt::Sibling => (quote!(super::#module), quote!(super)),
        ExamplesAt::AuthingTest => (
            quote!(::authing::generated::#module),
            quote!(::authing::generated::__private),
        ),
    };
    let secrets: Vec<TokenStream> = crate::example::secret_examples(api)
        .iter()
        .map(|example| {
            let ty = ty(api, &example.ty);
            let pointer = &example.pointer;
            let json = raw_string(&serde_json::to_string(&example.value).unwrap_or_default());
            quote!((#pointer, #helpers::hides_secrets::<#ty>(#pointer, #json)),)
        })
        .collect();
    if cases.is_empty() && secrets.is_empty() {
        return None;
    }
    let marker = crate::example::SECRET_MARKER;
    let secrets_test = (!secrets.is_empty()).then(|| {
        quote! {
            #[test]
            fn secret_fields_do_not_show_in_debug() {
                #helpers::assert_secrets_hidden(#module_name, #marker, &[#(#secrets)*]);
            }
        }
    });
    Some(quote! {
        #[allow(unused_imports)]
        use ::authing::generated::prelude::*;
        use #types::*;

        macro_rules! check {
            ($ty:ty, $pointer:literal, $json:literal) => {
                ($pointer, #helpers::round_trip::<$ty>($pointer, $json))
            };
        }

        #[test]
        fn examples_round_trip() {
            #helpers::assert_round_trips(#module_name, &[#(#cases)*]);
        }

        #secrets_test
    })
}

/// Where an examples test is compiled, which decides the paths it reaches the types and the
/// helpers (`round_trip`, `assert_round_trips`, `hides_secrets`, `assert_secrets_hidden`) by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExamplesAt {
    /// A module next to the generated module, the helpers in their parent (`super::`).
    Sibling,
    /// An integration test of the `authing` crate: the types at
    /// `::authing::generated::<module>`, the helpers in `::authing::generated::__private`.
    AuthingTest,
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
