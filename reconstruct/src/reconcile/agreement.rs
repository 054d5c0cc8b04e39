//! The witness-agreement table: for each kind of fact the reconstruction settles, how many facts
//! one, two or three witnesses (the pages, the node package, the Python package) back, and how
//! many of them the witnesses contradict each other on; and, for each witness, the facts it
//! alone backs (what it contributed that no other had).

use std::collections::BTreeMap;

use crate::sdks::Witness;

/// A kind of fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    /// An operation exists.
    Operation,
    /// Its HTTP method and path.
    MethodPath,
    /// A query or path parameter exists.
    Parameter,
    /// The name of its request body schema.
    BodyName,
    /// A field of a named schema exists.
    Field,
    /// Whether a field or parameter is required.
    Required,
    /// A field's or parameter's type.
    Type,
    /// The members of an enum.
    EnumSet,
}

impl Fact {
    /// Every kind, in report order.
    pub const ALL: &[Fact] = &[
        Fact::Operation,
        Fact::MethodPath,
        Fact::Parameter,
        Fact::BodyName,
        Fact::Field,
        Fact::Required,
        Fact::Type,
        Fact::EnumSet,
    ];

    /// The report's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Fact::Operation => "operation",
            Fact::MethodPath => "method+path",
            Fact::Parameter => "parameter",
            Fact::BodyName => "body name",
            Fact::Field => "field",
            Fact::Required => "required",
            Fact::Type => "type",
            Fact::EnumSet => "enum set",
        }
    }
}

/// A set of witnesses (bits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Witnesses(u8);

impl Witnesses {
    /// The reference pages.
    pub const PAGES: Witnesses = Witnesses(1);
    /// The node package.
    pub const NODE: Witnesses = Witnesses(2);
    /// The Python package.
    pub const PYTHON: Witnesses = Witnesses(4);
    /// Every witness, in report order, with its name.
    pub const ALL: [(Witnesses, &'static str); 3] = [
        (Witnesses::PAGES, "pages"),
        (Witnesses::NODE, "node"),
        (Witnesses::PYTHON, "python"),
    ];

    /// A package.
    pub fn of(w: Witness) -> Witnesses {
        match w {
            Witness::Node => Witnesses::NODE,
            Witness::Python => Witnesses::PYTHON,
        }
    }

    /// Both sets.
    pub fn with(self, other: Witnesses) -> Witnesses {
        Witnesses(self.0 | other.0)
    }

    /// How many witnesses.
    pub fn count(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Contains every witness of `other`.
    pub fn has(self, other: Witnesses) -> bool {
        self.0 & other.0 == other.0
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Facts backed by one, two, three witnesses.
    pub backed: [usize; 3],
    /// Facts the witnesses contradict each other on.
    pub conflicts: usize,
}

/// The table.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    rows: BTreeMap<Fact, Row>,
    sole: BTreeMap<(Fact, Witnesses), usize>,
    /// Parameters and fields made `integer` by [`crate::rules::Rule::IntegerFromPython`].
    pub made_integer: usize,
}

impl Agreement {
    /// Counts one fact: who backs it and whether they contradict each other.
    pub fn record(&mut self, fact: Fact, witnesses: Witnesses, conflict: bool) {
        let row = self.rows.entry(fact).or_default();
        let n = witnesses.count();
        if (1..=3).contains(&n) {
            row.backed[n - 1] += 1;
        }
        if n == 1 {
            *self.sole.entry((fact, witnesses)).or_default() += 1;
        }
        if conflict {
            row.conflicts += 1;
        }
    }

    /// The row of a kind of fact.
    pub fn row(&self, fact: Fact) -> Row {
        self.rows.get(&fact).copied().unwrap_or_default()
    }

    /// How many facts of a kind `witness` alone backs.
    pub fn sole(&self, fact: Fact, witness: Witnesses) -> usize {
        self.sole.get(&(fact, witness)).copied().unwrap_or_default()
    }

    /// Nothing was counted (a run from the pages alone).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
