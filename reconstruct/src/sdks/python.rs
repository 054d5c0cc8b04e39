//! The Python package (`genauth`) as a witness: `AuthenticationClient.py` and
//! `ManagementClient.py` parsed with `ruff_python_parser` (the parser of Ruff, released with it;
//! `rustpython-parser`, its ancestor, is no longer released), each generated method read into an
//! [`Operation`]. The package has no model files: bodies are inline field lists.
//!
//! A method is a generated operation when its body is exactly the generator's template:
//!
//! ```python
//! def NAME(self, ARG, ARG=None, ...):
//!     """DOCSTRING"""
//!     return self.http_client.request(
//!         method='GET', url='/api/v3/...',
//!         params={'wireKey': ARG, ...},      # or json={...} (body), data={...} (form)
//!     )
//! ```
//!
//! with string literals for `method` and `url`, and every dict value a bare parameter name.
//! Anything else (the OIDC / OAuth helpers, the sign-in shortcuts over `sign_in_by_credentials`,
//! event subscription, private methods) is a [`Helper`], with why. A `{name}` in the URL is a
//! path parameter. A parameter with a default value is optional. Types and English texts come
//! from the docstring (the `docstring` module), matched to an argument by its Python name or its
//! wire key (the generator writes either); `(int)` is [`Type::Integer`]. As Python does, a name
//! defined twice in a class keeps its last definition.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};

use super::docstring::{self, Docstring};
use super::{Body, Field, Helper, Operation, Package, Param, Type, Witness};
use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::{Client, HttpMethod, ParamIn};

/// Reads one Python package: the client files (`AuthenticationClient.py`, `ManagementClient.py`
/// anywhere below the root), authentication first. A file that does not parse is an error
/// naming the place; nothing of it is used.
pub fn read(corpus: &Corpus, root: &str, docs: &[DocId], diags: &mut Diagnostics) -> Package {
    let mut pkg = Package {
        witness: Witness::Python,
        root: root.to_string(),
        operations: Vec::new(),
        models: Default::default(),
        helpers: Vec::new(),
    };
    let mut files: Vec<(Client, DocId)> = docs
        .iter()
        .filter_map(|&d| {
            let file = corpus.doc(d).rel_path.rsplit('/').next()?;
            Client::from_prefix(file.strip_suffix(".py")?).map(|c| (c, d))
        })
        .collect();
    files.sort_by_key(|&(c, d)| (c, corpus.doc(d).rel_path.clone()));
    for (client, id) in files {
        read_file(corpus, id, client, &mut pkg, diags);
    }
    pkg
}

/// Byte offsets -> 1-based lines.
struct Lines {
    doc: DocId,
    starts: Vec<usize>,
}

impl Lines {
    fn new(doc: DocId, text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { doc, starts }
    }

    fn loc(&self, offset: TextSize) -> Loc {
        let offset = u32::from(offset) as usize;
        Loc {
            doc: self.doc,
            line: self.starts.partition_point(|&s| s <= offset) as u32,
        }
    }
}

fn read_file(
    corpus: &Corpus,
    id: DocId,
    client: Client,
    pkg: &mut Package,
    diags: &mut Diagnostics,
) {
    let text = &corpus.doc(id).text;
    let lines = Lines::new(id, text);
    let module = match ruff_python_parser::parse_module(text) {
        Ok(parsed) => parsed.into_syntax(),
        Err(e) => {
            diags.error(
                lines.loc(e.location.start()),
                format!(
                    "Python source does not parse: {}; the file is not used",
                    e.error
                ),
            );
            return;
        }
    };
    for stmt in &module.body {
        let Stmt::ClassDef(class) = stmt else {
            continue;
        };
        if Client::from_prefix(class.name.as_str()) != Some(client) {
            continue;
        }
        let defs: Vec<&ast::StmtFunctionDef> = class
            .body
            .iter()
            .filter_map(|s| s.as_function_def_stmt())
            .collect();
        for (i, f) in defs.iter().enumerate() {
            let name = f.name.as_str().to_string();
            let loc = lines.loc(f.name.range().start());
            let later = defs[i + 1..].iter().find(|g| g.name.as_str() == name);
            let read = match later {
                Some(later) => {
                    let line = lines.loc(later.name.range().start()).line;
                    diags.warn(
                        loc,
                        format!("Python method `{name}` is defined again at line {line}; this definition is dead code"),
                    );
                    Err("shadowed by a later definition of the same name".to_string())
                }
                None => method(client, f, &lines, diags),
            };
            match read {
                Ok(op) => pkg.operations.push(op),
                Err(reason) => pkg.helpers.push(Helper {
                    client,
                    name,
                    reason,
                    loc,
                }),
            }
        }
    }
}

/// One argument, before its docstring entry is found.
struct Arg {
    wire: String,
    python: Option<String>,
    optional: bool,
    loc: Loc,
}

/// A generated method as an operation; `Err(why)` for a helper.
fn method(
    client: Client,
    f: &ast::StmtFunctionDef,
    lines: &Lines,
    diags: &mut Diagnostics,
) -> Result<Operation, String> {
    let name = f.name.as_str();
    if name.starts_with('_') {
        return Err("private or special method".into());
    }
    let (doc, rest) = match f.body.split_first() {
        Some((Stmt::Expr(e), rest)) if e.value.is_string_literal_expr() => {
            (e.value.as_string_literal_expr(), rest)
        }
        _ => (None, &f.body[..]),
    };
    let call = match rest {
        [Stmt::Return(ast::StmtReturn { value: Some(v), .. })] => request_call(v),
        _ => None,
    }
    .ok_or("hand-written body (not `return self.http_client.request(...)`)")?;
    let allowed = ["method", "url", "params", "json", "data"];
    if !call.arguments.args.is_empty()
        || call.arguments.keywords.iter().any(|kw| {
            kw.arg
                .as_ref()
                .is_none_or(|a| !allowed.contains(&a.as_str()))
        })
    {
        return Err("request call with arguments beyond method, url, params, json, data".into());
    }
    let keyword = |k: &str| {
        call.arguments
            .keywords
            .iter()
            .find(|kw| kw.arg.as_ref().is_some_and(|a| a.as_str() == k))
    };
    let (Some(Expr::StringLiteral(m)), Some(Expr::StringLiteral(u))) = (
        keyword("method").map(|k| &k.value),
        keyword("url").map(|k| &k.value),
    ) else {
        return Err("HTTP method or URL is not a string literal".into());
    };
    let method_name = m.value.to_str().to_ascii_uppercase();
    let http = HttpMethod::from_name(&method_name)
        .ok_or_else(|| format!("unknown HTTP method `{method_name}`"))?;
    let url = u.value.to_str().to_string();
    let url_loc = lines.loc(u.range().start());
    let params = parameters(f);
    let param = |n: &str| params.iter().find(|(p, _)| p == n);

    // Arguments by place: path segments, then each payload dict.
    let mut path = Vec::new();
    for wire in path_names(&url) {
        let (python, optional) = match param(wire) {
            Some((p, optional)) => (Some(p.clone()), *optional),
            None => {
                diags.warn(
                    url_loc,
                    format!("Python method `{name}`: the URL names `{{{wire}}}`, which no parameter fills (the package sends it literally)"),
                );
                (None, false)
            }
        };
        path.push(Arg {
            wire: wire.to_string(),
            python,
            optional,
            loc: url_loc,
        });
    }
    let mut payloads: Vec<(&str, Vec<Arg>, Loc)> = Vec::new();
    for kw in ["params", "json", "data"] {
        let Some(k) = keyword(kw) else { continue };
        let Expr::Dict(dict) = &k.value else {
            return Err("request payload is not a dict literal".into());
        };
        let mut args = Vec::new();
        for item in &dict.items {
            let (Some(Expr::StringLiteral(key)), Expr::Name(value)) = (&item.key, &item.value)
            else {
                return Err("payload entry is not `'key': parameter`".into());
            };
            let (python, optional) = param(value.id.as_str())
                .ok_or("payload entry names a variable that is not a parameter")?;
            args.push(Arg {
                wire: key.value.to_str().to_string(),
                python: Some(python.clone()),
                optional: *optional,
                loc: lines.loc(key.range().start()),
            });
        }
        payloads.push((kw, args, lines.loc(k.range().start())));
    }
    if payloads.iter().filter(|(kw, _, _)| *kw != "params").count() > 1 {
        return Err("request sends both a JSON and a form body".into());
    }

    let (docstring, doc_line) = match doc {
        Some(s) => (
            docstring::read(s.value.to_str()),
            Some(lines.loc(s.range().start())),
        ),
        None => {
            let loc = lines.loc(f.name.range().start());
            diags.warn(
                loc,
                format!("Python method `{name}`: no docstring; no English text or argument types"),
            );
            (Docstring::default(), None)
        }
    };
    let mut documented = Documented {
        doc: &docstring,
        at: doc_line,
        used: vec![false; docstring.entries.len()],
    };
    let mut op = Operation {
        client,
        name: name.to_string(),
        method: http,
        url,
        params: Vec::new(),
        body: None,
        response: None,
        summary: non_empty(&docstring.summary),
        description: non_empty(&docstring.description),
        deprecated: false,
        loc: lines.loc(f.name.range().start()),
    };
    for a in path {
        op.params.push(documented.param(a, ParamIn::Path));
    }
    for (kw, args, loc) in payloads {
        if kw == "params" {
            for a in args {
                op.params.push(documented.param(a, ParamIn::Query));
            }
        } else {
            op.body = Some(Body {
                model: None,
                fields: args.into_iter().map(|a| documented.field(a)).collect(),
                form: kw == "data",
                loc,
            });
        }
    }
    for (e, used) in docstring.entries.iter().zip(&documented.used) {
        if !used && let Some(at) = documented.entry_loc(e) {
            diags.warn(
                at,
                format!(
                    "Python method `{name}`: docstring documents `{}`, which the request does not send",
                    e.name
                ),
            );
        }
    }
    Ok(op)
}

/// A method's docstring, and which of its entries the arguments used.
struct Documented<'d> {
    doc: &'d Docstring,
    /// The docstring literal's first line.
    at: Option<Loc>,
    used: Vec<bool>,
}

impl Documented<'_> {
    fn entry_loc(&self, e: &docstring::Entry) -> Option<Loc> {
        self.at.map(|at| Loc {
            doc: at.doc,
            line: at.line + e.line as u32,
        })
    }

    /// The argument's type, English text and place (its docstring entry, else the argument).
    fn lookup(&mut self, a: &Arg) -> (Type, Option<String>, Loc) {
        let found = self.doc.entries.iter().position(|e| {
            a.python.as_deref().is_some_and(|p| same_name(&e.name, p))
                || same_name(&e.name, &a.wire)
        });
        let Some(i) = found else {
            return (Type::Any, None, a.loc);
        };
        self.used[i] = true;
        let e = &self.doc.entries[i];
        (
            type_of(&e.ty),
            non_empty(&e.text),
            self.entry_loc(e).unwrap_or(a.loc),
        )
    }

    fn param(&mut self, a: Arg, location: ParamIn) -> Param {
        let (ty, description, loc) = self.lookup(&a);
        Param {
            name: a.wire,
            location,
            ty,
            optional: a.optional,
            default: None,
            description,
            loc,
        }
    }

    fn field(&mut self, a: Arg) -> Field {
        let (ty, description, loc) = self.lookup(&a);
        Field {
            name: a.wire,
            ty,
            optional: a.optional,
            description,
            loc,
        }
    }
}

/// The docstring's type word: `str`, `int` (whole), `float`, `bool`, `list` (items unknown);
/// `dict`, `json`, other words and empty parentheses say nothing more than "a value".
fn type_of(word: &str) -> Type {
    match word {
        "str" => Type::String,
        "int" => Type::Integer,
        "float" => Type::Number,
        "bool" => Type::Boolean,
        "list" => Type::Array(Box::new(Type::Any)),
        _ => Type::Any,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// `self.http_client.request(...)` -> the call.
fn request_call(e: &Expr) -> Option<&ast::ExprCall> {
    let Expr::Call(call) = e else { return None };
    let Expr::Attribute(request) = &*call.func else {
        return None;
    };
    let Expr::Attribute(client) = &*request.value else {
        return None;
    };
    let Expr::Name(this) = &*client.value else {
        return None;
    };
    (request.attr.as_str() == "request"
        && client.attr.as_str() == "http_client"
        && this.id.as_str() == "self")
        .then_some(call)
}

/// The method's parameters (without `self`), each with whether it has a default value.
fn parameters(f: &ast::StmtFunctionDef) -> Vec<(String, bool)> {
    let p = &f.parameters;
    p.posonlyargs
        .iter()
        .chain(&p.args)
        .chain(&p.kwonlyargs)
        .filter(|a| a.name().as_str() != "self")
        .map(|a| (a.name().as_str().to_string(), a.default.is_some()))
        .collect()
}

/// The `{name}` segments of a URL template.
fn path_names(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// `model_id` and `modelId` name the same argument (case and underscores ignored).
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    norm(a) == norm(b)
}
