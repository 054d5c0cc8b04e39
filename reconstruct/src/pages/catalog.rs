//! Which pages describe which operation: pages grouped into families (one per operation), with
//! the pages that yield no operation set aside, each with the rule that says why.
//!
//! A family is keyed by (client, slug). Stale management copies of authentication pages join the
//! authentication family as demoted evidence ([`Rule::StaleManagementCopy`]); SDK wrapper pages
//! and hand-written guides are set aside ([`Rule::SdkWrapperPage`], [`Rule::HandWrittenPage`]);
//! older families that a newer one supersedes are dropped ([`Rule::Superseded`]); loose pages (the
//! seeds) join the family that has their method name.

use std::collections::{BTreeMap, BTreeSet};

use super::page::{Generation, Lang, Page};
use crate::conflict::{Conflict, Offer, Weight, vote};
use crate::corpus::Loc;
use crate::model::Client;
use crate::rules::Rule;

/// The pages of one operation.
#[derive(Clone, Debug)]
pub struct Family {
    /// The client.
    pub client: Client,
    /// The slug (file stem) the operation is named after.
    pub slug: String,
    /// Page indexes with their weights, best first.
    pub pages: Vec<(usize, Weight)>,
    /// The operationId.
    pub operation_id: String,
}

/// A page that yields no operation of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SetAside {
    /// Where.
    pub loc: Loc,
    /// Why (rule id or free text).
    pub reason: String,
}

/// The outcome of grouping.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Operations, sorted by client then slug.
    pub families: Vec<Family>,
    /// Pages set aside.
    pub set_aside: Vec<SetAside>,
    /// Decisions between candidates made while grouping (client of stale copies, operationIds).
    pub conflicts: Vec<Conflict>,
}

/// A method name normalised for comparison across languages: lower case, no `_`.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `sign_in_by_mobile` / `SignInByMobile` / `signInByMobile` -> `signInByMobile`.
pub fn camel_from_method(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Python => {
            let mut out = String::new();
            let mut upper = false;
            for c in name.chars() {
                if c == '_' {
                    upper = !out.is_empty();
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => lower_first(name),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `get-user-batch` -> `getUserBatch`; `-get-row-batch` -> `getRowBatch`; `pub-userEvent` -> `pubUserEvent`.
pub fn camel_from_slug(slug: &str) -> String {
    let mut out = String::new();
    for part in slug.split(['-', '_']).filter(|p| !p.is_empty()) {
        if out.is_empty() {
            out.push_str(&lower_first(part));
        } else {
            let mut c = part.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
    out
}

/// Groups the pages.
pub fn build(pages: &[Page]) -> Catalog {
    let mut cat = Catalog::default();
    let mut groups: BTreeMap<(Client, String), Vec<usize>> = BTreeMap::new();
    let mut loose = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        match p.folder {
            Some(client) => groups.entry((client, p.slug.clone())).or_default().push(i),
            None => loose.push(i),
        }
    }

    // Set aside whole families that are not HTTP operations.
    groups.retain(|_, members| {
        let wrapper = members
            .iter()
            .any(|&i| pages[i].method.is_none() && pages[i].sdk_language_types);
        let guide = members.iter().all(|&i| {
            let p = &pages[i];
            p.generation == Generation::HandWritten && !(p.method.is_some() && has_envelope(p))
        });
        let reason = if wrapper {
            Some(Rule::SdkWrapperPage)
        } else if guide {
            Some(Rule::HandWrittenPage)
        } else {
            None
        };
        if let Some(rule) = reason {
            for &i in members.iter() {
                cat.set_aside.push(SetAside {
                    loc: pages[i].loc(),
                    reason: rule.id().to_string(),
                });
            }
        }
        reason.is_none()
    });

    // Stale management copies of authentication pages join the authentication family, demoted.
    let auth_slugs: BTreeSet<String> = groups
        .keys()
        .filter(|(c, _)| *c == Client::Authentication)
        .map(|(_, s)| s.clone())
        .collect();
    let mut copies: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    groups.retain(|(client, slug), members| {
        if *client == Client::Management && auth_slugs.contains(slug) {
            copies.insert(slug.clone(), std::mem::take(members));
            false
        } else {
            true
        }
    });

    // Loose pages join the family that has their method name, when it is there.
    let mut loose_members: BTreeMap<(Client, String), Vec<usize>> = BTreeMap::new();
    for &i in &loose {
        let p = &pages[i];
        let Some(m) = &p.method else {
            let reason = if p.sdk_language_types {
                Rule::SdkWrapperPage.id().to_string()
            } else {
                "no method name and no request/response tables: not a reference page".to_string()
            };
            cat.set_aside.push(SetAside {
                loc: p.loc(),
                reason,
            });
            continue;
        };
        let key = normalize_name(&m.name);
        let found = groups
            .iter()
            .find(|((client, _), members)| {
                *client == m.client && members.iter().any(|&j| names(&pages[j]).contains(&key))
            })
            .map(|(k, _)| k.clone());
        match found {
            Some(k) => loose_members.entry(k).or_default().push(i),
            None => cat.set_aside.push(SetAside {
                loc: p.loc(),
                reason: format!(
                    "method `{}` matches no operation of the {} client",
                    m.name,
                    m.client.name()
                ),
            }),
        }
    }

    // Older families superseded by a newer one of the same client.
    let newest: Vec<(Client, String, BTreeSet<String>, Option<String>)> = groups
        .iter()
        .filter(|(_, members)| {
            members
                .iter()
                .any(|&i| pages[i].generation == Generation::Newest)
        })
        .map(|((c, s), members)| {
            let names: BTreeSet<String> = members
                .iter()
                .flat_map(|&i| method_names(&pages[i]))
                .collect();
            (*c, s.clone(), names, common_title(pages, members))
        })
        .collect();
    groups.retain(|(client, slug), members| {
        if members
            .iter()
            .any(|&i| pages[i].generation == Generation::Newest)
        {
            return true;
        }
        let my_names: BTreeSet<String> = members
            .iter()
            .flat_map(|&i| method_names(&pages[i]))
            .collect();
        let my_title = common_title(pages, members);
        let by = newest.iter().find(|(c, s, n, t)| {
            c == client
                && s != slug
                && (!n.is_disjoint(&my_names) || (t.is_some() && *t == my_title))
        });
        match by {
            Some((_, newer, _, _)) => {
                for &i in members.iter() {
                    cat.set_aside.push(SetAside {
                        loc: pages[i].loc(),
                        reason: format!(
                            "{}: earlier rendering of `{newer}`",
                            Rule::Superseded.id()
                        ),
                    });
                }
                false
            }
            None => true,
        }
    });

    for ((client, slug), members) in groups {
        let mut list: Vec<(usize, Weight)> = members
            .iter()
            .map(|&i| (i, Weight::of(&pages[i])))
            .collect();
        if client == Client::Authentication
            && let Some(c) = copies.remove(&slug)
        {
            record_copy_conflict(pages, &members, &c, &mut cat.conflicts);
            list.extend(c.iter().map(|&i| (i, Weight::of(&pages[i]).demoted())));
        }
        if let Some(extra) = loose_members.get(&(client, slug.clone())) {
            list.extend(extra.iter().map(|&i| (i, Weight::of(&pages[i]))));
        }
        list.sort_by(|a, b| {
            b.1.generation
                .cmp(&a.1.generation)
                .then(a.1.lang.cmp(&b.1.lang))
                .then(a.0.cmp(&b.0))
        });
        cat.families.push(Family {
            client,
            slug,
            pages: list,
            operation_id: String::new(),
        });
    }
    for (slug, members) in copies {
        // A copy whose authentication family was set aside (e.g. a wrapper) goes with it.
        for i in members {
            cat.set_aside.push(SetAside {
                loc: pages[i].loc(),
                reason: format!(
                    "{}: copy of authentication `{slug}`, which yields no operation",
                    Rule::StaleManagementCopy.id()
                ),
            });
        }
    }

    assign_operation_ids(pages, &mut cat);
    cat.set_aside.sort();
    cat
}

/// The page's response table has the V3 envelope.
pub fn has_envelope(p: &Page) -> bool {
    p.response
        .as_ref()
        .is_some_and(|r| r.fields.iter().any(|f| f.name == "statusCode"))
}

/// Normalised method names a page gives in its method line.
fn method_names(p: &Page) -> Vec<String> {
    p.method.iter().map(|m| normalize_name(&m.name)).collect()
}

/// Normalised names a page gives: method line and sample calls.
fn names(p: &Page) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = method_names(p).into_iter().collect();
    for (s, _) in &p.samples {
        out.extend(s.calls.iter().map(|c| normalize_name(c)));
    }
    out
}

/// The title most pages of a family give (one page's copy-pasted title does not count).
fn common_title(pages: &[Page], members: &[usize]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        if let Some((t, _)) = &pages[i].title {
            *counts.entry(t.trim()).or_default() += 1;
        }
    }
    let best = counts.values().copied().max()?;
    let mut winners = counts.iter().filter(|(_, c)| **c == best);
    let first = winners.next()?;
    winners.next().is_none().then(|| first.0.to_string())
}

fn record_copy_conflict(
    pages: &[Page],
    auth: &[usize],
    copies: &[usize],
    conflicts: &mut Vec<Conflict>,
) {
    let mut offers = Vec::new();
    for &i in auth.iter().chain(copies) {
        let p = &pages[i];
        let client = p.method.as_ref().map(|m| m.client).or(p.folder);
        if let Some(c) = client {
            let loc = p.method.as_ref().map(|m| m.loc).unwrap_or(p.loc());
            let weight = if copies.contains(&i) {
                Weight::of(p).demoted()
            } else {
                Weight::of(p)
            };
            offers.push(Offer {
                value: c,
                weight,
                loc,
            });
        }
    }
    let slug = &pages[auth[0]].slug;
    let mut local = Vec::new();
    vote(
        || format!("`{slug}`: client"),
        &offers,
        |c| format!("{}Client", capitalize(c.name())),
        &mut local,
    );
    for mut c in local {
        c.rule = Rule::StaleManagementCopy;
        conflicts.push(c);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// [`Rule::OperationIdFromMethodName`].
fn assign_operation_ids(pages: &[Page], cat: &mut Catalog) {
    for fam in &mut cat.families {
        let mut offers = Vec::new();
        for &(i, w) in &fam.pages {
            let p = &pages[i];
            if let Some(m) = &p.method
                && m.client == fam.client
            {
                offers.push(Offer {
                    value: normalize_name(&m.name),
                    weight: w,
                    loc: m.loc,
                });
            }
        }
        let mut local = Vec::new();
        let key = vote(
            || format!("{} `{}`: method name", fam.client.name(), fam.slug),
            &offers,
            |v| v.clone(),
            &mut local,
        );
        cat.conflicts.extend(local);
        // Spell the winning name as the best page spells it, in node's camelCase.
        fam.operation_id = match key {
            Some(key) => fam
                .pages
                .iter()
                .filter_map(|&(i, _)| {
                    let p = &pages[i];
                    p.method
                        .as_ref()
                        .filter(|m| normalize_name(&m.name) == key)
                        .map(|m| (p.lang, camel_from_method(&m.name, p.lang)))
                })
                .min_by_key(|(lang, _)| match lang {
                    Lang::Node => 0,
                    Lang::Go | Lang::Csharp | Lang::Java | Lang::Php => 1,
                    Lang::Other => 2,
                    Lang::Python => 3,
                })
                .map(|(_, n)| n)
                .unwrap_or_else(|| camel_from_slug(&fam.slug)),
            None => camel_from_slug(&fam.slug),
        };
    }
    // Clashes: the family whose slug camel-cases to the name keeps it.
    let mut by_id: BTreeMap<(Client, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in cat.families.iter().enumerate() {
        by_id
            .entry((f.client, normalize_name(&f.operation_id)))
            .or_default()
            .push(i);
    }
    for ((_, _), idxs) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
        let name = cat.families[idxs[0]].operation_id.clone();
        let keeper = idxs.iter().copied().find(|&i| {
            normalize_name(&camel_from_slug(&cat.families[i].slug)) == normalize_name(&name)
        });
        let mut candidates = Vec::new();
        for &i in &idxs {
            let f = &cat.families[i];
            let loc = f
                .pages
                .first()
                .map(|&(p, _)| pages[p].method.as_ref().map_or(pages[p].loc(), |m| m.loc));
            candidates.push((
                format!("`{}` ({})", name, f.slug),
                loc.into_iter().collect(),
            ));
        }
        for &i in &idxs {
            if Some(i) != keeper {
                cat.families[i].operation_id = camel_from_slug(&cat.families[i].slug);
            }
        }
        cat.conflicts.push(Conflict {
            subject: format!(
                "{} operationId `{name}` claimed by {} pages families",
                cat.families[idxs[0]].client.name(),
                idxs.len()
            ),
            candidates,
            winner: idxs
                .iter()
                .map(|&i| {
                    format!(
                        "{} -> `{}`",
                        cat.families[i].slug, cat.families[i].operation_id
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            rule: Rule::OperationIdFromMethodName,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(camel_from_slug("get-user-batch"), "getUserBatch");
        assert_eq!(camel_from_slug("-get-row-batch"), "getRowBatch");
        assert_eq!(camel_from_slug("pub-userEvent"), "pubUserEvent");
        assert_eq!(
            camel_from_method("sign_in_by_mobile", Lang::Python),
            "signInByMobile"
        );
        assert_eq!(
            camel_from_method("SignInByMobile", Lang::Go),
            "signInByMobile"
        );
        assert_eq!(camel_from_method("UpdateDnef", Lang::Java), "updateDnef");
        assert_eq!(
            normalize_name("get_user_batch"),
            normalize_name("GetUserBatch")
        );
    }
}
