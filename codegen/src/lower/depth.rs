//! Long chains of types cut: rustc checks a type by walking its fields, and gives up past 128
//! levels (E0275 in the trait solver, E0320 in drop check, the recursion limit when finding a
//! struct's tail), so a 1,000-schema chain of `$ref`s (`S0 {next: S1}`, `A0 = [A1]`) must not
//! nest 1,000 types deep.
//!
//! The depth of a type is one more than the deepest type it holds (each `Vec`, map and
//! `Option` on the way adds a level); a cycle of types counts once (rustc handles cycles
//! through `Box`es, and [`super::analysis::box_cycles`] adds them). Types are measured from
//! the leaves up; a reference that would make a type deeper than [`MAX_DEPTH`] is typed as
//! `serde_json::Value`, with a warning at the schema naming what users lose.

use crate::diagnostic::Diagnostic;
use crate::ir::{Api, PartKind, Ty, TypeKind};

use super::analysis::{components, named};

/// The deepest nesting generated; real specs stay far below (their deep parts are cycles).
pub const MAX_DEPTH: usize = 32;

/// Every type expression of `kind`.
fn tys(kind: &mut TypeKind) -> Vec<&mut Ty> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Connection(c) => c
            .variants
            .iter_mut()
            .filter_map(|v| v.payload.as_mut().map(|(_, ty)| ty))
            .collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty],
        TypeKind::QueryParams(params) => params.iter_mut().map(|p| &mut p.ty).collect(),
        TypeKind::Multipart(fields) => fields
            .iter_mut()
            .filter_map(|f| match &mut f.kind {
                PartKind::Value(ty) => Some(ty),
                PartKind::File | PartKind::Files => None,
            })
            .collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Cuts the references that would nest types deeper than [`MAX_DEPTH`].
pub fn cut_deep_chains(api: &mut Api, diagnostics: &mut Vec<Diagnostic>) {
    let edges: Vec<Vec<usize>> = api
        .types
        .iter_mut()
        .map(|def| {
            let mut out = Vec::new();
            tys(&mut def.kind)
                .into_iter()
                .for_each(|ty| named(ty, &mut out));
            out
        })
        .collect();
    let component = components(&edges);
    let count = component.iter().map(|&c| c + 1).max().unwrap_or(0);
    let mut members = vec![Vec::new(); count];
    for (node, &c) in component.iter().enumerate() {
        members[c].push(node);
    }
    // Tarjan numbers a component after every component it reaches: leaves first.
    let mut depth = vec![0usize; count];
    for c in 0..count {
        let mut deepest = 0;
        for &node in &members[c] {
            let mut cut = false;
            for ty in tys(&mut api.types[node].kind) {
                let measure = |id: usize| (component[id] != c).then(|| depth[component[id]]);
                deepest = deepest.max(measure_and_cut(ty, 0, &measure, &mut cut));
            }
            if cut {
                diagnostics.push(Diagnostic::warning(
                    api.types[node].pointer.clone(),
                    format!("the types nest more than {MAX_DEPTH} levels deep through this schema (a long chain of `$ref`s); the deeper part is typed as serde_json::Value (rustc cannot check deeper nesting)"),
                ));
            }
        }
        depth[c] = deepest + 1;
    }
}

/// The depth `ty` adds at `level` containers down; replaces a reference that goes deeper than
/// [`MAX_DEPTH`] with `Value` (and sets `cut`). `measure` is the depth of a type outside the
/// current cycle, `None` inside it.
fn measure_and_cut(
    ty: &mut Ty,
    level: usize,
    measure: &impl Fn(usize) -> Option<usize>,
    cut: &mut bool,
) -> usize {
    match ty {
        Ty::Named(id) => match measure(id.0) {
            None => level,
            Some(depth) if level + depth + 1 > MAX_DEPTH => {
                *ty = Ty::Value;
                *cut = true;
                level
            }
            Some(depth) => level + depth,
        },
        Ty::Array(inner) | Ty::Map(inner) | Ty::Option(inner) => {
            measure_and_cut(inner, level + 1, measure, cut)
        }
        _ => level,
    }
}
