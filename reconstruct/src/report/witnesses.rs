//! The witnesses' part of the reports: the packages read, the witness-agreement table, what each
//! witness alone contributed, the English texts and whole numbers the Python package gave, and
//! the packages' hand-written helpers set aside.

use std::fmt::Write as _;

use super::Stats;
use crate::corpus::Corpus;
use crate::model::{Api, SchemaType};
use crate::reconcile::agreement::{Fact, Witnesses};
use crate::rules::Rule;

/// English texts the spec carries (`x-summary-en`, `x-description-en`).
#[derive(Default)]
struct English {
    summaries: usize,
    descriptions: usize,
    parameters: usize,
    properties: usize,
}

fn english(apis: &[Api]) -> English {
    let mut e = English::default();
    for api in apis {
        for op in &api.operations {
            e.summaries += usize::from(op.summary_en.is_some());
            e.descriptions += usize::from(op.description_en.is_some());
            e.parameters += op
                .parameters
                .iter()
                .filter(|p| p.schema.description_en.is_some())
                .count();
            if let Some(b) = &op.body
                && let SchemaType::Object(o) = &b.schema.ty
            {
                e.properties += o
                    .properties
                    .iter()
                    .filter(|p| p.schema.description_en.is_some())
                    .count();
            }
        }
        for s in api.schemas.values() {
            if let SchemaType::Object(o) = &s.schema.ty {
                e.properties += o
                    .properties
                    .iter()
                    .filter(|p| p.schema.description_en.is_some())
                    .count();
            }
        }
    }
    e
}

/// The summary's lines about the packages.
pub(super) fn summary_line(out: &mut String, s: &Stats<'_>) {
    let a = &s.reconciled.agreement;
    let e = english(&s.reconciled.apis);
    let sole: Vec<String> = Witnesses::ALL
        .iter()
        .map(|(w, name)| format!("{name} {}", a.sole(Fact::Operation, *w)))
        .collect();
    let _ = writeln!(
        out,
        "  witnesses:      operations only one witness has: {}; English: {} summaries, {} descriptions, {} parameters, {} properties; integer: {}",
        sole.join(", "),
        e.summaries,
        e.descriptions,
        e.parameters,
        e.properties,
        a.made_integer
    );
}

/// `RECONCILIATION.md`'s witness section (after the summary counts).
pub(super) fn section(out: &mut String, s: &Stats<'_>) {
    out.push_str("Packages read:\n\n");
    for (witness, root, ops, models, helpers) in &s.packages {
        let _ = writeln!(
            out,
            "- {witness}: `{root}`, {ops} generated operations, {models} models, {helpers} hand-written helpers set aside"
        );
    }
    out.push('\n');
    let a = &s.reconciled.agreement;
    if a.is_empty() {
        return;
    }
    out.push_str("Witness agreement (witnesses: the pages, the node package, the Python package; facts counted per client; a fact in conflict is counted under the witnesses of the value that won):\n\n| fact | 1 witness | 2 witnesses | 3 witnesses | conflicts |\n| --- | ---: | ---: | ---: | ---: |\n");
    for fact in Fact::ALL {
        let row = a.row(*fact);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            fact.name(),
            row.backed[0],
            row.backed[1],
            row.backed[2],
            row.conflicts
        );
    }
    out.push_str("\nWhat each witness alone backs (the facts no other witness has):\n\n| fact |");
    for (_, name) in Witnesses::ALL {
        let _ = write!(out, " {name} |");
    }
    out.push_str("\n| --- | ---: | ---: | ---: |\n");
    for fact in Fact::ALL {
        let _ = write!(out, "| {} |", fact.name());
        for (w, _) in Witnesses::ALL {
            let _ = write!(out, " {} |", a.sole(*fact, w));
        }
        out.push('\n');
    }
    let e = english(&s.reconciled.apis);
    let _ = writeln!(
        out,
        "\nEnglish texts (rule `{}`): {} `x-summary-en` and {} `x-description-en` on operations, {} on parameters, {} on body and schema properties. Made `integer` (rule `{}`): {} parameters and fields.\n",
        Rule::EnglishFromPython.id(),
        e.summaries,
        e.descriptions,
        e.parameters,
        e.properties,
        Rule::IntegerFromPython.id(),
        a.made_integer
    );
}

/// The packages' hand-written helpers, set aside ([`Rule::PackageHelper`]).
pub(super) fn helpers(out: &mut String, corpus: &Corpus, s: &Stats<'_>) {
    if s.reconciled.helpers.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## Package methods that are not operations\n\nRule `{}`: hand-written helpers, set aside.\n",
        Rule::PackageHelper.id()
    );
    for h in &s.reconciled.helpers {
        let _ = writeln!(
            out,
            "- {} `{}` (`{}`): {}",
            h.client.name(),
            h.name,
            corpus.at(h.loc),
            h.reason
        );
    }
}
