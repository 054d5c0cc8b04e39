//! Whole-graph passes over the lowered types: unique names, alias cycles, boxing, `Default`.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::ir::{Api, PartKind, Ty, TypeId, TypeKind};

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

/// How deep aliases may nest (`type A0 = Vec<A1>; type A1 = Vec<A2>; ...`) before one becomes a
/// newtype: rustc's trait solver stops at 128 levels of `Vec<Vec<..>>` (E0275).
const MAX_ALIAS_DEPTH: usize = 32;

/// Aliases that reach themselves through containers (`A = Vec<A>`, `A = BTreeMap<String, B>`,
/// `B = Vec<A>`: E0391 as aliases) and aliases nesting deeper than [`MAX_ALIAS_DEPTH`] become
/// newtypes (transparent on the wire). Runs after [`break_alias_cycles`], so every remaining
/// cycle goes through a container.
pub fn wrap_alias_cycles(api: &mut Api) {
    let is_alias = |api: &Api, id: usize| matches!(api.types[id].kind, TypeKind::Alias(_));
    let mut alias_edges: Vec<Vec<usize>> = vec![Vec::new(); api.types.len()];
    for (i, def) in api.types.iter().enumerate() {
        if let TypeKind::Alias(target) = &def.kind {
            let mut out = Vec::new();
            named(target, &mut out);
            alias_edges[i] = out.into_iter().filter(|&to| is_alias(api, to)).collect();
        }
    }
    let component = components(&alias_edges);
    let mut size = vec![0usize; api.types.len()];
    for &c in &component {
        size[c] += 1;
    }
    let mut wrap = vec![false; api.types.len()];
    for (i, edges) in alias_edges.iter().enumerate() {
        wrap[i] = size[component[i]] > 1 || edges.contains(&i);
    }
    // Depth of the rest (now a DAG once the cycles are wrapped), deepest chains cut.
    let mut depth: Vec<Option<usize>> = vec![None; api.types.len()];
    for root in 0..api.types.len() {
        let mut work = vec![(root, false)];
        while let Some((node, expanded)) = work.pop() {
            if depth[node].is_some() {
                continue;
            }
            if wrap[node] || !is_alias(api, node) {
                depth[node] = Some(0);
                continue;
            }
            if !expanded {
                work.push((node, true));
                work.extend(alias_edges[node].iter().map(|&n| (n, false)));
                continue;
            }
            // `type A = B` adds no nesting; `type A = Vec<B>` does.
            let step = usize::from(!matches!(
                api.types[node].kind,
                TypeKind::Alias(Ty::Named(_))
            ));
            let d = step
                + alias_edges[node]
                    .iter()
                    .map(|&n| depth[n].unwrap_or(0))
                    .max()
                    .unwrap_or(0);
            if d > MAX_ALIAS_DEPTH {
                wrap[node] = true;
                depth[node] = Some(0);
            } else {
                depth[node] = Some(d);
            }
        }
    }
    for (i, def) in api.types.iter_mut().enumerate() {
        if wrap[i] {
            if let TypeKind::Alias(target) = &def.kind {
                def.kind = TypeKind::Newtype(target.clone());
            }
        }
    }
}

/// Every named type `ty` mentions, at any depth.
pub(crate) fn named(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Named(id) => out.push(id.0),
        Ty::Option(inner) | Ty::Array(inner) | Ty::Map(inner) => named(inner, out),
        _ => {}
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
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => direct(ty, &mut out),
                TypeKind::QueryParams(params) => {
                    params.iter().for_each(|p| direct(&p.ty, &mut out))
                }
                TypeKind::Multipart(fields) => fields.iter().for_each(|f| {
                    if let PartKind::Value(ty) = &f.kind {
                        direct(ty, &mut out)
                    }
                }),
                TypeKind::Enum(_) => {}
            }
            out
        })
        .collect()
}

/// Strongly connected components (Tarjan, iterative): the component index of every node.
pub(crate) fn components(edges: &[Vec<usize>]) -> Vec<usize> {
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
            TypeKind::Newtype(_) | TypeKind::Multipart(_) => false,
            TypeKind::QueryParams(_) => true,
            TypeKind::Enum(_) | TypeKind::Connection(_) | TypeKind::Union(_) => false,
        },
        _ => true,
    }
}
