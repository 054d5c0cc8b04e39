//! The official SDK packages as witnesses: what a package's machine-generated methods and models
//! say about the API, as plain data shared by every package reader.
//!
//! A reader ([`node`] for the TypeScript package, [`python`] for the Python one) turns
//! the package's source files, held in the [`Corpus`] as SDK documents, into one [`Package`]:
//! its generated [`Operation`]s (literal HTTP method and URL, query / path parameters, the body
//! and response model names), its [`Model`]s (fields, optional markers, types, enum members) and
//! the hand-written [`Helper`]s it sets aside. Every item keeps its [`Loc`] (file:line), which
//! becomes its `x-source`. Nothing here judges between witnesses: reconciliation does that.

mod docstring;
pub mod node;
pub mod python;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::{Client, HttpMethod, ParamIn};

/// Which package a piece of evidence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Witness {
    /// `authing-node-sdk` (TypeScript sources).
    Node,
    /// `genauth` (Python sources).
    Python,
}

impl Witness {
    /// The language of the package's texts (summaries, descriptions): the node package
    /// documents in Chinese, the Python package in English.
    pub fn english(self) -> bool {
        self == Witness::Python
    }

    /// `node` / `python`.
    pub fn name(self) -> &'static str {
        match self {
            Witness::Node => "node",
            Witness::Python => "python",
        }
    }
}

/// Everything one package says.
#[derive(Clone, Debug)]
pub struct Package {
    /// Which package.
    pub witness: Witness,
    /// The corpus root the package was read from (its directory name).
    pub root: String,
    /// Generated operation methods, in source order (authentication file first).
    pub operations: Vec<Operation>,
    /// Models by name (request bodies, responses and what they refer to).
    pub models: BTreeMap<String, Model>,
    /// Methods that are not generated operations, set aside.
    pub helpers: Vec<Helper>,
}

/// One generated operation method.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The client class it is a method of.
    pub client: Client,
    /// The method name as written (`signInByCredentials`, `sign_in_by_credentials`).
    pub name: String,
    /// The literal HTTP method.
    pub method: HttpMethod,
    /// The literal URL (`/api/v3/metadata/get-row`; `{name}` placeholders are path parameters).
    pub url: String,
    /// Query and path parameters, in the order the method sends them.
    pub params: Vec<Param>,
    /// The request body, when the method sends one.
    pub body: Option<Body>,
    /// The response model name (`None` for an untyped response).
    pub response: Option<String>,
    /// Summary (`@summary`, the docstring's first line). Texts are in the package's language
    /// ([`Witness::english`]).
    pub summary: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// The method's declaration.
    pub loc: Loc,
}

/// A query or path parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name on the wire (query key or `{placeholder}`).
    pub name: String,
    /// Query or path.
    pub location: ParamIn,
    /// Its type.
    pub ty: Type,
    /// Marked optional (`name?:`, a default value, `Optional[...]`).
    pub optional: bool,
    /// The default value the method fills in.
    pub default: Option<Value>,
    /// The parameter's documentation.
    pub description: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
}

/// A request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// The model the method takes (`SigninByCredentialsDto`), when it names one.
    pub model: Option<String>,
    /// The body's fields when it is written inline (no model).
    pub fields: Vec<Field>,
    /// Sent as a form (`application/x-www-form-urlencoded`) rather than JSON.
    pub form: bool,
    /// Where it is declared.
    pub loc: Loc,
}

/// A model (one type of the package's `models`).
#[derive(Clone, Debug)]
pub struct Model {
    /// Its name.
    pub name: String,
    /// Its documentation.
    pub description: Option<String>,
    /// Fields, in declaration order.
    pub fields: Vec<Field>,
    /// Where it is declared.
    pub loc: Loc,
}

/// A field of a model or of an inline body.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Marked optional.
    pub optional: bool,
    /// Its documentation.
    pub description: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
}

/// A type as a package writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// A string.
    String,
    /// A number the package does not say is whole (TypeScript `number`, Python `float`).
    Number,
    /// A whole number (Python `int`).
    Integer,
    /// A boolean.
    Boolean,
    /// Anything (`any`, `object`, an unknown type).
    Any,
    /// `null`.
    Null,
    /// A list.
    Array(Box<Type>),
    /// A model, by name.
    Ref(String),
    /// An enum: its members' values, in declaration order, and its name (`UserDto.status`)
    /// when it is a declared enum rather than a literal union.
    Enum {
        /// The declared name, if any.
        name: Option<String>,
        /// Member values.
        values: Vec<Value>,
    },
    /// An object written inline.
    Object(Vec<Field>),
    /// A map with string keys.
    Map(Box<Type>),
    /// One of several types (other than an enum of literals).
    Union(Vec<Type>),
}

/// A method of a client class that is not a generated operation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Helper {
    /// The client class.
    pub client: Client,
    /// The method name.
    pub name: String,
    /// Why it is set aside.
    pub reason: String,
    /// Where it is declared.
    pub loc: Loc,
}

/// Reads every package held in the corpus: the SDK documents, grouped by root, each group read
/// by the reader of its language (`.ts` files: [`node`], `.py` files: [`python`]).
pub fn read(corpus: &Corpus, diags: &mut Diagnostics) -> Vec<Package> {
    let mut roots: BTreeMap<&str, Vec<DocId>> = BTreeMap::new();
    for id in corpus.ids() {
        let doc = corpus.doc(id);
        if doc.sdk {
            roots.entry(doc.root.as_str()).or_default().push(id);
        }
    }
    let mut out = Vec::new();
    for (root, docs) in roots {
        let ts: Vec<DocId> = docs
            .iter()
            .copied()
            .filter(|&d| corpus.doc(d).rel_path.ends_with(".ts"))
            .collect();
        if !ts.is_empty() {
            out.push(node::read(corpus, root, &ts, diags));
        }
        let py: Vec<DocId> = docs
            .iter()
            .copied()
            .filter(|&d| corpus.doc(d).rel_path.ends_with(".py"))
            .collect();
        if !py.is_empty() {
            out.push(python::read(corpus, root, &py, diags));
        }
    }
    out
}

impl Type {
    /// The names of the models it refers to, directly or nested.
    pub fn refs(&self, out: &mut Vec<String>) {
        match self {
            Type::Ref(n) => out.push(n.clone()),
            Type::Array(t) | Type::Map(t) => t.refs(out),
            Type::Union(ts) => ts.iter().for_each(|t| t.refs(out)),
            Type::Object(fs) => fs.iter().for_each(|f| f.ty.refs(out)),
            _ => {}
        }
    }
}
