//! Recognising paged list operations by their shape: a page number the request carries (a query
//! parameter, or a body field such as `options.pagination.page`) and a response object with one
//! list (and maybe the total count), or a response that is a list. Each one gets an [`ir::Pagination`](crate::ir::Pagination).
//!
//! The property names are the wire conventions the specs use for the three roles; any
//! operation whose request and response have that shape is paged, whatever its name.

use crate::ir::{
    Api, BodyEncoding, Field, Operation, PageField, Pagination, ParamLocation, PathStep, Struct,
    Ty, TypeKind,
};

/// Request properties that carry the page number (the first page is 1).
const PAGE: &[&str] = &["page", "pageNo", "pageNum"];
/// Request properties that carry the page size, beside the page number.
const LIMIT: &[&str] = &["limit", "pageSize"];
/// Response properties that carry the list's total number of items.
const TOTAL: &[&str] = &["totalCount", "total"];
/// How deep in the body a page number is looked for (`options.pagination.page` is 3).
const MAX_DEPTH: usize = 3;

/// Sets [`Operation::pagination`] on every paged operation of `api`.
pub fn recognise(api: &mut Api) {
    let found: Vec<_> = api
        .client
        .operations
        .iter()
        .map(|op| pagination(api, op))
        .collect();
    for (op, pagination) in api.client.operations.iter_mut().zip(found) {
        op.pagination = pagination;
    }
}

fn pagination(api: &Api, op: &Operation) -> Option<Pagination> {
    let (items, item, total) = response_list(api, &op.response)?;
    let (page, limit) = request_page(api, op)?;
    Some(Pagination {
        page,
        limit,
        items,
        item,
        total,
    })
}

/// The struct behind `ty`, through aliases.
fn structure<'a>(api: &'a Api, ty: &Ty) -> Option<&'a Struct> {
    let mut ty = ty;
    for _ in 0..16 {
        let Ty::Named(id) = ty else { return None };
        match &api.ty(*id).kind {
            TypeKind::Struct(s) => return Some(s),
            TypeKind::Alias(inner) => ty = inner,
            _ => return None,
        }
    }
    None
}

/// `ty` through aliases, when it is not a named struct or enum.
fn scalar<'a>(api: &'a Api, ty: &'a Ty) -> &'a Ty {
    let mut ty = ty;
    for _ in 0..16 {
        match ty {
            Ty::Named(id) => match &api.ty(*id).kind {
                TypeKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// Whether the value can hold a page number or count.
fn countable(api: &Api, ty: &Ty) -> bool {
    matches!(
        scalar(api, ty),
        Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::String
    )
}

fn step(f: &Field) -> PathStep {
    PathStep {
        rust_name: f.rust_name.clone(),
        optional: f.optional(),
        ty: f.ty.clone(),
    }
}

/// The response's only list field (`None`: the response is a list), its item type, and its
/// total-count field.
fn response_list(api: &Api, response: &Ty) -> Option<(Option<PathStep>, Ty, Option<PathStep>)> {
    if let Ty::Array(item) = scalar(api, response) {
        return Some((None, (**item).clone(), None));
    }
    let s = structure(api, response)?;
    let mut lists = s.fields.iter().filter_map(|f| match scalar(api, &f.ty) {
        Ty::Array(item) if !f.flatten => Some((f, (**item).clone())),
        _ => None,
    });
    let (list, item) = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    let total = s
        .fields
        .iter()
        .find(|f| TOTAL.contains(&f.api_name.as_str()) && countable(api, &f.ty))
        .map(step);
    Some((Some(step(list)), item, total))
}

/// Where the page number and size go: a positional or optional query parameter, or the body.
fn request_page(api: &Api, op: &Operation) -> Option<(PageField, Option<PageField>)> {
    let positional = |names: &[&str]| {
        op.params.iter().position(|p| {
            p.location == ParamLocation::Query
                && names.contains(&p.api_name.as_str())
                && countable(api, &p.ty)
        })
    };
    let optional = |names: &[&str]| {
        let (_, id) = op.query_params.as_ref()?;
        let TypeKind::QueryParams(params) = &api.ty(*id).kind else {
            return None;
        };
        params
            .iter()
            .find(|p| {
                p.location == ParamLocation::Query
                    && names.contains(&p.api_name.as_str())
                    && countable(api, &p.ty)
            })
            .map(|p| p.rust_name.clone())
    };
    let query_limit = || {
        positional(LIMIT)
            .map(PageField::Param)
            .or_else(|| optional(LIMIT).map(PageField::Query))
    };
    if let Some(index) = positional(PAGE) {
        return Some((PageField::Param(index), query_limit()));
    }
    if let Some(name) = optional(PAGE) {
        return Some((PageField::Query(name), query_limit()));
    }
    let body = op.body.as_ref()?;
    if !matches!(body.encoding, BodyEncoding::Json | BodyEncoding::Form) {
        return None;
    }
    body_page(api, structure(api, &body.ty)?, &mut Vec::new())
}

/// The page number (and size beside it) in `s` or, depth first in field order, in the structs
/// below it.
fn body_page(
    api: &Api,
    s: &Struct,
    path: &mut Vec<PathStep>,
) -> Option<(PageField, Option<PageField>)> {
    let find = |names: &[&str]| {
        s.fields
            .iter()
            .find(|f| names.contains(&f.api_name.as_str()) && countable(api, &f.ty) && !f.flatten)
    };
    if let Some(page) = find(PAGE) {
        let at = |f: &Field| {
            let mut full = path.clone();
            full.push(step(f));
            PageField::Body(full)
        };
        return Some((at(page), find(LIMIT).map(at)));
    }
    if path.len() + 1 >= MAX_DEPTH {
        return None;
    }
    for f in &s.fields {
        let Some(inner) = structure(api, &f.ty) else {
            continue;
        };
        // An absent struct on the way is created, so it must have a default.
        if f.flatten || f.boxed || (f.optional() && !inner.default) {
            continue;
        }
        path.push(step(f));
        let found = body_page(api, inner, path);
        path.pop();
        if found.is_some() {
            return found;
        }
    }
    None
}
