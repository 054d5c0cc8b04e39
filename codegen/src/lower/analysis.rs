//! Whole-graph passes over the lowered types: unique names, alias cycles, boxing, `Default`.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::ir::{Api, Ty, TypeId, TypeKind};

/// Gives every type a unique Rust name: component schemas first, sorted by API name, then the
/// inline types in the order they were met.
pub fn name_types(api: &mut Api, wanted: &[String], components: &BTreeMap<String, TypeId>) {
    let flavour = match api.client.kind {
        crate::ir::ClientKind::Generic => crate::Flavour::Generic,
        crate::ir::ClientKind::Authentication => crate::Flavour::Authentication,
        crate::ir::ClientKind::Management => crate::Flavour::Management,
    };
    let mut names = super::Lowerer::type_namespace(flavour);
    let mut named = vec![false; api.types.len()];
    for id in components.values() {
        api.types[id.0].rust_name = names.claim(&wanted[id.0]);
        named[id.0] = true;
    }
    for (i, ty) in api.types.iter_mut().enumerate() {
        if !named[i] {
            ty.rust_name = names.claim(&wanted[i]);
        }
    }
}

/// `A = B`, `B = A` cannot be written as type aliases: such aliases become `serde_json::Value`.
pub fn break_alias_cycles(api: &mut Api, diagnostics: &mut Vec<Diagnostic>) {
    for start in 0..api.types.len() {
        let mut current = start;
        for _ in 0..=api.types.len() {
            let TypeKind::Alias(Ty::Named(next)) = &api.types[current].kind else {
                break;
            };
            current = next.0;
            if current == start {
                diagnostics.push(Diagnostic::error(
                    api.types[start].pointer.clone(),
                    "this schema is only a `$ref` cycle; using serde_json::Value",
                ));
                api.types[start].kind = TypeKind::Alias(Ty::Value);
                break;
            }
        }
    }
}

/// The named types a value of `ty` contains inline (not behind a `Vec` or a map).
fn direct(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Named(id) => out.push(id.0),
        Ty::Option(inner) => direct(inner, out),
        _ => {}
    }
}

/// The direct edges of every type.
fn edges(api: &Api) -> Vec<Vec<usize>> {
    api.types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| direct(&f.ty, &mut out)),
                TypeKind::Union(u) => u.variants.iter().for_each(|v| direct(&v.ty, &mut out)),
                TypeKind::Connection(c) => c
                    .variants
                    .iter()
                    .flat_map(|v| &v.payload)
                    .for_each(|(_, ty)| direct(ty, &mut out)),
                TypeKind::Alias(ty) => direct(ty, &mut out),
                TypeKind::QueryParams(params) => {
                    params.iter().for_each(|p| direct(&p.ty, &mut out))
                }
                TypeKind::Enum(_) => {}
            }
            out
        })
        .collect()
}

/// Strongly connected components (Tarjan, iterative): the component index of every node.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(edge) {
                work.push((node, edge + 1));
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    component
}

/// Boxes every inline reference that stays inside its cycle of types, so every type has a size.
pub fn box_cycles(api: &mut Api) {
    let component = components(&edges(api));
    let cyclic = |from: usize, ty: &Ty| {
        let mut targets = Vec::new();
        direct(ty, &mut targets);
        targets.iter().any(|&to| component[to] == component[from])
    };
    for (i, def) in api.types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = cyclic(i, &f.ty)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = cyclic(i, &v.ty)),
            TypeKind::Connection(c) => c.variants.iter_mut().for_each(|v| {
                v.boxed = v.payload.as_ref().is_some_and(|(_, ty)| cyclic(i, ty));
            }),
            _ => {}
        }
    }
}

/// Marks the structs whose every field has a `Default` (least fixed point, so a struct that
/// requires itself never defaults).
pub fn derive_defaults(api: &mut Api) {
    loop {
        let mut changed = false;
        for i in 0..api.types.len() {
            let TypeKind::Struct(s) = &api.types[i].kind else {
                continue;
            };
            if s.default {
                continue;
            }
            let all = s
                .fields
                .iter()
                .all(|f| f.optional() || has_default(api, &f.ty));
            if all {
                if let TypeKind::Struct(s) = &mut api.types[i].kind {
                    s.default = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Whether `ty` implements `Default` given what is known so far.
fn has_default(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(s) => s.default,
            TypeKind::Alias(target) => has_default(api, target),
            TypeKind::QueryParams(_) => true,
            TypeKind::Enum(_) | TypeKind::Connection(_) | TypeKind::Union(_) => false,
        },
        _ => true,
    }
}
