//! Conflicts between sources, and the vote that settles them.

use std::collections::BTreeMap;

use crate::corpus::Loc;
use crate::pages::{Generation, Lang, Page};
use crate::rules::Rule;

/// How much a page's word weighs: newer generations first, then the language order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight {
    /// Rendering generation (higher wins).
    pub generation: Generation,
    /// Language rank (lower wins): node, go, java, python, php, csharp, other.
    pub lang: Lang,
}

impl Weight {
    /// The weight of a page.
    pub fn of(page: &Page) -> Weight {
        Weight {
            generation: page.generation,
            lang: page.lang,
        }
    }

    /// A weight below every page's (stale copies, fallbacks).
    pub fn demoted(self) -> Weight {
        Weight {
            generation: Generation::HandWritten,
            lang: Lang::Other,
        }
    }
}

/// One settled disagreement, for `spec/RECONCILIATION.md`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conflict {
    /// What it is about, e.g. `authentication signInByMobile: HTTP method`.
    pub subject: String,
    /// Each candidate value with the places that give it.
    pub candidates: Vec<(String, Vec<Loc>)>,
    /// The value that won.
    pub winner: String,
    /// The rule that decided.
    pub rule: Rule,
}

/// A value offered by a source.
#[derive(Clone, Debug)]
pub struct Offer<T> {
    /// The value.
    pub value: T,
    /// The source's weight.
    pub weight: Weight,
    /// Where.
    pub loc: Loc,
}

/// Settles a vote: the newest generation present decides by majority, ties by language order.
/// Records a [`Conflict`] when the candidates disagree: decided by [`Rule::Majority`] when the
/// deciding generation itself disagreed, else by [`Rule::NewestGeneration`].
/// `render` turns a value into the text the report shows.
pub fn vote<T: Clone + Ord>(
    subject: impl FnOnce() -> String,
    offers: &[Offer<T>],
    render: impl Fn(&T) -> String,
    conflicts: &mut Vec<Conflict>,
) -> Option<T> {
    let top = offers.iter().map(|o| o.weight.generation).max()?;
    let mut tally: BTreeMap<&T, (usize, Lang)> = BTreeMap::new();
    for o in offers.iter().filter(|o| o.weight.generation == top) {
        let e = tally.entry(&o.value).or_insert((0, Lang::Other));
        e.0 += 1;
        e.1 = e.1.min(o.weight.lang);
    }
    let (winner, _) = tally
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.1.1.cmp(&a.1.1)))
        .map(|(v, c)| ((*v).clone(), *c))?;
    let mut all: BTreeMap<&T, Vec<Loc>> = BTreeMap::new();
    for o in offers {
        all.entry(&o.value).or_default().push(o.loc);
    }
    if all.len() > 1 {
        let rule = if tally.len() > 1 {
            Rule::Majority
        } else {
            Rule::NewestGeneration
        };
        conflicts.push(Conflict {
            subject: subject(),
            candidates: all
                .into_iter()
                .map(|(v, mut locs)| {
                    locs.sort();
                    locs.dedup();
                    (render(v), locs)
                })
                .collect(),
            winner: render(&winner),
            rule,
        });
    }
    Some(winner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocId;

    fn offer(value: &str, generation: Generation, lang: Lang, line: u32) -> Offer<String> {
        Offer {
            value: value.to_string(),
            weight: Weight { generation, lang },
            loc: Loc {
                doc: DocId(0),
                line,
            },
        }
    }

    fn check(offers: &[Offer<String>], winner: &str, rule: Option<Rule>) {
        let mut conflicts = Vec::new();
        let got = vote(|| "s".to_string(), offers, |v| v.clone(), &mut conflicts);
        assert_eq!(got.as_deref(), Some(winner));
        assert_eq!(conflicts.first().map(|c| c.rule), rule);
    }

    #[test]
    fn votes() {
        use Generation::*;
        use Lang::*;
        check(
            &[offer("a", Newest, Node, 1), offer("a", Newest, Go, 2)],
            "a",
            None,
        );
        check(
            &[
                offer("a", Newest, Node, 1),
                offer("b", Newest, Go, 2),
                offer("b", Newest, Java, 3),
            ],
            "b",
            Some(Rule::Majority),
        );
        check(
            &[offer("b", Newest, Go, 1), offer("a", Newest, Node, 2)],
            "a",
            Some(Rule::Majority),
        );
        check(
            &[
                offer("old", Older, Node, 1),
                offer("old", Older, Php, 2),
                offer("new", Newest, Go, 3),
            ],
            "new",
            Some(Rule::NewestGeneration),
        );
        assert!(
            vote(
                || "s".into(),
                &Vec::<Offer<String>>::new(),
                |v| v.clone(),
                &mut Vec::new()
            )
            .is_none()
        );
    }
}
