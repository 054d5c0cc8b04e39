//! Dead envelopes: an Authing client's methods return the `data` of the V3 envelope
//! `{statusCode, message, data}`, never the envelope itself, so an envelope schema
//! (`ListUsersRespDto`) that no operation and no other kept schema refers to would be a public
//! type nobody can receive. Such envelopes, and the inline types only they hold, leave the IR.
//!
//! The rule: the types kept are those reachable from the operations (parameters, bodies,
//! responses, pagers) and from every component schema that is not an envelope. Everything else
//! is an envelope or part of one. Generic clients return whole bodies: nothing is pruned there.

use std::collections::BTreeMap;

use crate::ir::{Api, ClientKind, Ty, TypeId, TypeKind};
use crate::visit::{kind_tys, named, op_tys, renumber};

/// Removes the unreachable envelopes of `api` (see the module doc); returns how many types went.
pub fn prune_envelopes(api: &mut Api, components: &BTreeMap<String, TypeId>) -> usize {
    if api.client.kind == ClientKind::Generic {
        return 0;
    }
    let mut roots: Vec<TypeId> = components
        .values()
        .copied()
        .filter(|id| !is_envelope(api, *id))
        .collect();
    for op in &mut api.client.operations {
        op_tys(op, &mut |ty| named(ty, &mut roots));
        roots.extend(op.query_params.as_ref().map(|(_, id)| *id));
    }
    let mut kept = vec![false; api.types.len()];
    while let Some(id) = roots.pop() {
        if std::mem::replace(&mut kept[id.0], true) {
            continue;
        }
        kind_tys(&mut api.types[id.0].kind, &mut |ty| named(ty, &mut roots));
    }
    let removed = kept.iter().filter(|k| !**k).count();
    if removed == 0 {
        return 0;
    }
    // The new index of every kept type, in the old order.
    let mut index = vec![None; api.types.len()];
    let mut next = 0;
    for (old, keep) in kept.iter().enumerate() {
        if *keep {
            index[old] = Some(TypeId(next));
            next += 1;
        }
    }
    let mut old = 0;
    api.types.retain(|_| {
        old += 1;
        kept[old - 1]
    });
    let remap = &mut |ty: &mut Ty| renumber(ty, &index);
    api.types
        .iter_mut()
        .for_each(|def| kind_tys(&mut def.kind, remap));
    for op in &mut api.client.operations {
        op_tys(op, remap);
        if let Some((_, id)) = &mut op.query_params {
            *id = index[id.0].expect("operations' types are kept");
        }
    }
    // An example of a removed type goes with it.
    api.examples.retain(|e| {
        let mut all = Vec::new();
        named(&e.ty, &mut all);
        all.iter().all(|id| kept[id.0])
    });
    api.examples
        .iter_mut()
        .for_each(|e| renumber(&mut e.ty, &index));
    removed
}

/// Whether `id` is a struct with the envelope's `statusCode` and `message`.
fn is_envelope(api: &Api, id: TypeId) -> bool {
    let TypeKind::Struct(s) = &api.types[id.0].kind else {
        return false;
    };
    let has = |name: &str| s.fields.iter().any(|f| f.api_name == name && !f.flatten);
    has("statusCode") && has("message")
}
