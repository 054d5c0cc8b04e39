//! [`Rule::StructureShape`]: one object (or enum) from the field lists that sources offer under
//! one name (a structure on a page, an envelope, a request body).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::conflict::{Conflict, Offer, Weight, vote};
use crate::corpus::Loc;
use crate::model::{Object, Property, Schema, SchemaType};
use crate::pages::Field;
use crate::rules::Rule;

/// A field list offered by one source (a structure on a page, an envelope, a request body).
pub(super) struct Candidate<'p> {
    pub(super) fields: Vec<(&'p Field, Schema)>,
    pub(super) weight: Weight,
    pub(super) loc: Loc,
    /// Values of a hand-written enum table (`| STRING | enum | ... |`).
    pub(super) enum_values: Vec<(String, String)>,
    /// From an English page (its descriptions do not vote against the Chinese ones).
    pub(super) english: bool,
}

/// [`Rule::StructureShape`]: one object (or enum) from candidates of one name.
///
/// The field list is the union of the newest candidates' lists (a truncated copy cannot drop a
/// field, a page rendered later can add one), in the order of the best candidate with the others'
/// extra fields after their predecessors. Each attribute of each field is then voted over every
/// candidate that has the field ([`vote`] lets the newest generation decide); descriptions are
/// voted among the Chinese pages only (the English rendering is a translation).
pub(super) fn reconcile_object(
    subject: &str,
    candidates: &[Candidate<'_>],
    conflicts: &mut Vec<Conflict>,
) -> Schema {
    let Some(top) = candidates.iter().map(|c| c.weight.generation).max() else {
        return Schema::of(SchemaType::Object(Object::default()));
    };
    let mut tops: Vec<&Candidate<'_>> = candidates
        .iter()
        .filter(|c| c.weight.generation == top)
        .collect();
    tops.sort_by_key(|c| (c.english, c.weight.lang));
    // A hand-written enum table.
    if let Some(e) = tops.iter().find(|c| !c.enum_values.is_empty()) {
        let mut s = Schema::of(SchemaType::String);
        s.enumeration = e
            .enum_values
            .iter()
            .map(|(v, l)| (Value::String(v.clone()), l.clone()))
            .collect();
        return s;
    }
    let mut shape: Vec<String> = Vec::new();
    for c in &tops {
        let mut after: Option<usize> = None;
        for (f, _) in &c.fields {
            match shape.iter().position(|n| *n == f.name) {
                Some(i) => after = Some(i),
                None => {
                    let at = after.map_or(shape.len(), |i| i + 1);
                    shape.insert(at, f.name.clone());
                    after = Some(at);
                }
            }
        }
    }
    let mut shapes: BTreeMap<Vec<String>, Vec<Loc>> = BTreeMap::new();
    for c in candidates {
        shapes
            .entry(c.fields.iter().map(|(f, _)| f.name.clone()).collect())
            .or_default()
            .push(c.loc);
    }
    if shapes.len() > 1 {
        conflicts.push(Conflict {
            subject: format!("{subject}: fields"),
            candidates: shapes
                .into_iter()
                .map(|(fields, mut locs)| {
                    locs.sort();
                    locs.dedup();
                    (fields.join(", "), locs)
                })
                .collect(),
            winner: shape.join(", "),
            rule: Rule::StructureShape,
        });
    }
    let mut properties = Vec::new();
    for name in &shape {
        let mut here: Vec<(&Field, &Schema, Weight, bool)> = candidates
            .iter()
            .filter_map(|c| {
                c.fields
                    .iter()
                    .find(|(f, _)| &f.name == name)
                    .map(|(f, s)| (*f, s, c.weight, c.english))
            })
            .collect();
        here.sort_by_key(|(_, _, w, english)| (std::cmp::Reverse(w.generation), *english, w.lang));
        let what = |attr: &str| format!("{subject}.{name}: {attr}");
        let offers = |get: &dyn Fn(&Field, &Schema) -> Option<String>,
                      chinese_only: bool|
         -> Vec<Offer<String>> {
            here.iter()
                .filter(|(_, _, _, english)| !(chinese_only && *english))
                .filter_map(|(f, s, w, _)| {
                    get(f, s).map(|value| Offer {
                        value,
                        weight: *w,
                        loc: f.loc,
                    })
                })
                .collect()
        };
        // An item type that one page could not tell (`array` without example) is no evidence
        // against the item type another page shows ([`Rule::ArrayItemFromExample`]).
        let vague = |s: &Schema| match &s.ty {
            SchemaType::Any => true,
            SchemaType::Array(item) => item.ty == SchemaType::Any,
            _ => false,
        };
        let informative = here.iter().any(|(_, s, _, _)| !vague(s));
        let type_offers = offers(
            &|_, s| (!informative || !vague(s)).then(|| s.signature()),
            false,
        );
        let Some(sig) = vote(|| what("type"), &type_offers, |v| v.clone(), conflicts) else {
            continue;
        };
        let mut schema = here
            .iter()
            .find(|(_, s, _, _)| s.signature() == sig)
            .map(|(_, s, _, _)| (*s).clone())
            .unwrap_or_default();
        let required = vote(
            || what("required"),
            &offers(&|f, _| f.required.map(|r| r.to_string()), false),
            |v| v.clone(),
            conflicts,
        );
        schema.description = vote(
            || what("description"),
            &offers(&|_, s| s.description.clone(), true),
            |v| v.chars().take(80).collect(),
            conflicts,
        );
        schema.default = vote(
            || what("default"),
            &offers(&|_, s| s.default.as_ref().map(Value::to_string), false),
            |v| v.clone(),
            conflicts,
        )
        .and_then(|v| serde_json::from_str(&v).ok());
        schema.example = vote(
            || what("example"),
            &offers(&|_, s| s.example.as_ref().map(Value::to_string), false),
            |v| v.chars().take(80).collect(),
            conflicts,
        )
        .and_then(|v| serde_json::from_str(&v).ok());
        properties.push(Property {
            name: name.clone(),
            schema,
            required: required.as_deref() == Some("true"),
        });
    }
    Schema::of(SchemaType::Object(Object {
        properties,
        connection: None,
    }))
}
