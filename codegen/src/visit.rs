//! Walks over the type expressions of the IR: every [`Ty`] of a type or an operation.

use crate::ir::{Ty, TypeId, TypeKind};

/// Every named type `ty` mentions.
pub(crate) fn named(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Option(inner) | Ty::Array(inner) | Ty::Map(inner) => named(inner, out),
        _ => {}
    }
}

/// `ty` with its named types at their new index.
pub(crate) fn renumber(ty: &mut Ty, index: &[Option<TypeId>]) {
    match ty {
        Ty::Named(id) => *id = index[id.0].expect("a kept type refers to kept types"),
        Ty::Option(inner) | Ty::Array(inner) | Ty::Map(inner) => renumber(inner, index),
        _ => {}
    }
}

/// Calls `f` on every type expression of `kind`.
pub(crate) fn kind_tys(kind: &mut TypeKind, f: &mut impl FnMut(&mut Ty)) {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().for_each(|field| f(&mut field.ty)),
        TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| f(&mut v.ty)),
        TypeKind::Connection(c) => c
            .variants
            .iter_mut()
            .filter_map(|v| v.payload.as_mut())
            .for_each(|(_, ty)| f(ty)),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => f(ty),
        TypeKind::QueryParams(params) => params.iter_mut().for_each(|p| f(&mut p.ty)),
        TypeKind::Multipart(parts) => parts
            .iter_mut()
            .filter_map(|part| match &mut part.kind {
                crate::ir::PartKind::Value(ty) => Some(ty),
                _ => None,
            })
            .for_each(f),
        TypeKind::Enum(_) => {}
    }
}

/// Calls `f` on every type expression of `op` (not its parameters' struct: a [`TypeId`]).
pub(crate) fn op_tys(op: &mut crate::ir::Operation, f: &mut impl FnMut(&mut Ty)) {
    op.params.iter_mut().for_each(|p| f(&mut p.ty));
    if let Some(body) = &mut op.body {
        f(&mut body.ty);
    }
    f(&mut op.response);
    if let Some(pagination) = &mut op.pagination {
        f(&mut pagination.item);
        let steps = pagination.items.iter_mut().chain(&mut pagination.total);
        steps.for_each(|step| f(&mut step.ty));
        for field in std::iter::once(&mut pagination.page).chain(&mut pagination.limit) {
            if let crate::ir::PageField::Body(path) = field {
                path.iter_mut().for_each(|step| f(&mut step.ty));
            }
        }
    }
}
