//! Schemas that several generated APIs have in common, defined once: a `common` module holds
//! them and each API's module re-exports them (`pub use super::common::UserDto;`), so
//! `authentication::UserDto` and `management::UserDto` are one type and both paths work.
//!
//! A type is shared when every API has a type of that Rust name and the types are the same
//! after lowering: the same kind, fields (names, wire names, types, required, nullable, boxed,
//! flattened, secret), variants and `Default`, and every type they refer to is shared too. Docs
//! and examples do not count: the common type keeps the docs of the first API given (of two
//! differing texts, neither is more right; the first API's order is the caller's). Operation
//! parameter structs are never shared: they belong to their operation.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Doc, Ty, TypeId, TypeKind};

/// The shared types: for each API (in the order given), the ids of its shared types.
pub(crate) fn shared(apis: &[&Api]) -> Vec<BTreeSet<TypeId>> {
    let mut shared = vec![BTreeSet::new(); apis.len()];
    let Some((first, rest)) = apis.split_first() else {
        return shared;
    };
    if rest.is_empty() {
        return shared;
    }
    let by_name: Vec<BTreeMap<&str, TypeId>> = apis
        .iter()
        .map(|api| {
            (api.types.iter().enumerate())
                .map(|(id, def)| (def.rust_name.as_str(), TypeId(id)))
                .collect()
        })
        .collect();
    // Candidates: same name, same shape (the names they refer to included).
    let mut candidates: BTreeMap<&str, (Vec<TypeId>, Vec<String>)> = BTreeMap::new();
    for (name, id) in &by_name[0] {
        let Some((shape, refers)) = shape(first, *id) else {
            continue;
        };
        let ids: Option<Vec<TypeId>> = by_name
            .iter()
            .zip(apis)
            .map(|(names, api)| {
                let other = *names.get(name)?;
                let (other_shape, other_refers) = self::shape(api, other)?;
                (other_shape == shape && other_refers == refers).then_some(other)
            })
            .collect();
        if let Some(ids) = ids {
            candidates.insert(name, (ids, refers));
        }
    }
    // Drop the candidates that refer to a type that is not shared, until none does.
    loop {
        let dropped: Vec<&str> = candidates
            .iter()
            .filter(|(_, (_, refers))| {
                refers
                    .iter()
                    .any(|name| !candidates.contains_key(name.as_str()))
            })
            .map(|(name, _)| *name)
            .collect();
        if dropped.is_empty() {
            break;
        }
        for name in dropped {
            candidates.remove(name);
        }
    }
    for (ids, _) in candidates.values() {
        for (set, id) in shared.iter_mut().zip(ids) {
            set.insert(*id);
        }
    }
    shared
}

/// The kind of `id` without docs, examples and type ids, and the names of the types it refers
/// to in order; `None` for what is never shared (operation parameters, multipart bodies).
fn shape(api: &Api, id: TypeId) -> Option<(TypeKind, Vec<String>)> {
    let mut kind = api.ty(id).kind.clone();
    match &mut kind {
        TypeKind::QueryParams(_) | TypeKind::Multipart(_) => return None,
        TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| {
            f.doc = Doc::default();
            f.example = None;
        }),
        TypeKind::Enum(e) => e.variants.iter_mut().for_each(|v| v.doc = Doc::default()),
        TypeKind::Connection(c) => c
            .variants
            .iter_mut()
            .for_each(|v| v.variant.doc = Doc::default()),
        TypeKind::Union(_) | TypeKind::Alias(_) | TypeKind::Newtype(_) => {}
    }
    let mut refers = Vec::new();
    crate::visit::kind_tys(&mut kind, &mut |ty| erase(api, ty, &mut refers));
    Some((kind, refers))
}

/// Replaces the type ids in `ty` by `TypeId(0)`, pushing their names onto `names`.
fn erase(api: &Api, ty: &mut Ty, names: &mut Vec<String>) {
    match ty {
        Ty::Named(id) => {
            names.push(api.ty(*id).rust_name.clone());
            *id = TypeId(0);
        }
        Ty::Option(inner) | Ty::Array(inner) | Ty::Map(inner) => erase(api, inner, names),
        _ => {}
    }
}

/// The items of the `common` module: the shared types of `apis[0]` (`shared[0]`), each with
/// its constructor when it is a request type of any of the APIs.
pub(crate) fn common(apis: &[&Api], shared: &[BTreeSet<TypeId>]) -> TokenStream {
    let (Some(first), Some(ids)) = (apis.first(), shared.first()) else {
        return TokenStream::new();
    };
    let requests: BTreeSet<&str> = apis
        .iter()
        .flat_map(|api| {
            crate::construct::request_types(api)
                .into_iter()
                .map(|id| api.ty(id).rust_name.as_str())
        })
        .collect();
    let types = crate::emit::type_items(
        first,
        |id| ids.contains(&id),
        |id| requests.contains(first.ty(id).rust_name.as_str()),
    );
    quote! {
        use ::authing::generated::prelude::*;
        #(#types)*
    }
}
