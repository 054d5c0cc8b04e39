//! The Python package (`genauth`) as a witness: `AuthenticationClient.py` and
//! `ManagementClient.py` parsed with `ruff_python_parser` (the parser of Ruff, maintained with it;
//! `rustpython-parser`, its ancestor, is no longer released), and each generated method read
//! into a [`Method`].
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
//! event subscription, private methods) is a hand-written [`Helper`], listed with why. A
//! `{name}` in the URL is a path parameter. Argument types and English texts come from the
//! docstring ([`super::docstring`]), matched to an argument by its Python name or wire key.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::docstring::{self, Docstring};
use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::Client;

/// Where an argument goes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArgIn {
    /// A `{name}` segment of the URL.
    Path,
    /// `params={...}`: the query string.
    Query,
    /// `json={...}`: a JSON body property.
    Body,
    /// `data={...}`: a form body field.
    Form,
}

impl ArgIn {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            ArgIn::Path => "path",
            ArgIn::Query => "query",
            ArgIn::Body => "body",
            ArgIn::Form => "form",
        }
    }
}

/// An argument's type as the docstring states it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PyType {
    /// `(str)`.
    Str,
    /// `(int)`: a whole number.
    Int,
    /// `(float)`.
    Float,
    /// `(bool)`.
    Bool,
    /// `(list)`.
    List,
    /// `(dict)`.
    Dict,
    /// Another word (`json`, `callable`), kept as written.
    Other(String),
}

impl PyType {
    /// The docstring's type word; `None` for empty parentheses.
    pub fn from_word(word: &str) -> Option<PyType> {
        Some(match word.trim() {
            "" => return None,
            "str" => PyType::Str,
            "int" => PyType::Int,
            "float" => PyType::Float,
            "bool" => PyType::Bool,
            "list" => PyType::List,
            "dict" => PyType::Dict,
            other => PyType::Other(other.to_string()),
        })
    }

    /// The word, as the docstring writes it.
    pub fn word(&self) -> &str {
        match self {
            PyType::Str => "str",
            PyType::Int => "int",
            PyType::Float => "float",
            PyType::Bool => "bool",
            PyType::List => "list",
            PyType::Dict => "dict",
            PyType::Other(w) => w,
        }
    }
}

/// One argument of a generated method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The name on the wire (the dict key, or the URL's `{name}`).
    pub wire: String,
    /// The Python parameter that fills it; `None` for a URL segment no parameter fills (a
    /// defect of the package, reported).
    pub python: Option<String>,
    /// Where it goes.
    pub location: ArgIn,
    /// The parameter has no default value.
    pub required: bool,
    /// The docstring's type, when it states one.
    pub ty: Option<PyType>,
    /// The docstring's English text (may be empty).
    pub description: String,
    /// The docstring entry, else the dict entry.
    pub loc: Loc,
}

/// A generated method: one HTTP operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    /// The class it belongs to.
    pub client: Client,
    /// The Python name (`snake_case`).
    pub name: String,
    /// The `def` line.
    pub loc: Loc,
    /// The HTTP method literal, upper case.
    pub http_method: String,
    /// The URL literal.
    pub url: String,
    /// The line of the `url=` literal.
    pub url_loc: Loc,
    /// The docstring's summary line (English).
    pub summary: String,
    /// The docstring's description (English; may repeat the summary).
    pub description: String,
    /// Arguments in wire order: path parameters, then the dict's entries.
    pub args: Vec<Arg>,
}

/// A hand-written method, set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Helper {
    /// The class it belongs to.
    pub client: Client,
    /// The Python name.
    pub name: String,
    /// The `def` line.
    pub loc: Loc,
    /// Why it is not a generated operation.
    pub why: &'static str,
}

/// What one file of the package says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    /// Generated methods, in file order.
    pub methods: Vec<Method>,
    /// Hand-written methods, in file order.
    pub helpers: Vec<Helper>,
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

    fn loc(&self, offset: impl Into<u32>) -> Loc {
        let offset = offset.into() as usize;
        let line = self.starts.partition_point(|&s| s <= offset);
        Loc {
            doc: self.doc,
            line: line as u32,
        }
    }
}

/// Reads one Python file of the package: every class whose name names a client
/// (`AuthenticationClient`, `ManagementClient`). A file that does not parse is an error naming
/// the place; nothing of it is used.
pub fn read(corpus: &Corpus, id: DocId, diags: &mut Diagnostics) -> Package {
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
            return Package::default();
        }
    };
    let mut package = Package::default();
    for stmt in &module.body {
        let Stmt::ClassDef(class) = stmt else {
            continue;
        };
        let Some(client) = Client::from_prefix(class.name.as_str()) else {
            continue;
        };
        let defs: Vec<&ast::StmtFunctionDef> = class
            .body
            .iter()
            .filter_map(|s| s.as_function_def_stmt())
            .collect();
        for (i, f) in defs.iter().enumerate() {
            // Python keeps the last definition of a name; earlier ones are dead code.
            if let Some(later) = defs[i + 1..]
                .iter()
                .find(|g| g.name.as_str() == f.name.as_str())
            {
                let loc = lines.loc(f.name.range().start());
                let later = lines.loc(later.name.range().start()).line;
                diags.warn(
                    loc,
                    format!(
                        "Python method `{}` is defined again at line {later}; this definition is dead code",
                        f.name.as_str()
                    ),
                );
                package.helpers.push(Helper {
                    client,
                    name: f.name.as_str().to_string(),
                    loc,
                    why: "shadowed by a later definition of the same name",
                });
                continue;
            }
            read_method(client, f, &lines, &mut package, diags);
        }
    }
    package
}

fn read_method(
    client: Client,
    f: &ast::StmtFunctionDef,
    lines: &Lines,
    package: &mut Package,
    diags: &mut Diagnostics,
) {
    let name = f.name.as_str().to_string();
    let loc = lines.loc(f.name.range().start());
    let helper = |why| Helper {
        client,
        name: name.clone(),
        loc,
        why,
    };
    if name.starts_with('_') {
        package.helpers.push(helper("private or special method"));
        return;
    }
    let (doc_stmt, rest) = match f.body.split_first() {
        Some((Stmt::Expr(e), rest)) if e.value.is_string_literal_expr() => (Some(e), rest),
        _ => (None, &f.body[..]),
    };
    let call = match rest {
        [Stmt::Return(ast::StmtReturn { value: Some(v), .. })] => request_call(v),
        _ => None,
    };
    let Some(call) = call else {
        package.helpers.push(helper(
            "hand-written body (not `return self.http_client.request(...)`)",
        ));
        return;
    };
    let keyword = |k: &str| {
        call.arguments
            .keywords
            .iter()
            .find(|kw| kw.arg.as_ref().is_some_and(|a| a.as_str() == k))
            .map(|kw| &kw.value)
    };
    let (Some(Expr::StringLiteral(m)), Some(Expr::StringLiteral(u))) =
        (keyword("method"), keyword("url"))
    else {
        package
            .helpers
            .push(helper("HTTP method or URL is not a string literal"));
        return;
    };
    let url = u.value.to_str().to_string();
    let params = parameters(f);
    let param = |n: &str| params.iter().find(|(p, _)| p == n);
    let mut args = Vec::new();
    let url_loc = lines.loc(u.range().start());
    for wire in path_names(&url) {
        match param(wire) {
            Some((p, required)) => args.push((
                wire.to_string(),
                Some(p.clone()),
                ArgIn::Path,
                *required,
                url_loc,
            )),
            None => {
                diags.warn(
                    url_loc,
                    format!("Python method `{name}`: the URL names `{{{wire}}}`, which no parameter fills (the package sends it literally)"),
                );
                args.push((wire.to_string(), None, ArgIn::Path, true, url_loc));
            }
        }
    }
    let allowed = ["method", "url", "params", "json", "data"];
    if call.arguments.keywords.iter().any(|kw| {
        kw.arg
            .as_ref()
            .is_none_or(|a| !allowed.contains(&a.as_str()))
    }) || !call.arguments.args.is_empty()
    {
        package.helpers.push(helper(
            "request call with arguments beyond method, url, params, json, data",
        ));
        return;
    }
    for (kw, location) in [
        ("params", ArgIn::Query),
        ("json", ArgIn::Body),
        ("data", ArgIn::Form),
    ] {
        let Some(value) = keyword(kw) else {
            continue;
        };
        let Expr::Dict(dict) = value else {
            package
                .helpers
                .push(helper("request payload is not a dict literal"));
            return;
        };
        for item in &dict.items {
            let (Some(Expr::StringLiteral(key)), Expr::Name(value)) = (&item.key, &item.value)
            else {
                package
                    .helpers
                    .push(helper("payload entry is not `'key': parameter`"));
                return;
            };
            let Some((p, required)) = param(value.id.as_str()) else {
                package.helpers.push(helper(
                    "payload entry names a variable that is not a parameter",
                ));
                return;
            };
            args.push((
                key.value.to_str().to_string(),
                Some(p.clone()),
                location,
                *required,
                lines.loc(key.range().start()),
            ));
        }
    }
    let doc = doc_stmt
        .and_then(|e| e.value.as_string_literal_expr())
        .map(|s| {
            (
                docstring::read(s.value.to_str()),
                lines.loc(s.range().start()),
            )
        });
    let (docstring, doc_loc) = match doc {
        Some((d, l)) => (d, Some(l)),
        None => (Docstring::default(), None),
    };
    if doc_loc.is_none() {
        diags.warn(
            loc,
            format!("Python method `{name}`: no docstring; no English text or argument types"),
        );
    }
    let mut used = vec![false; docstring.entries.len()];
    let args = args
        .into_iter()
        .map(|(wire, python, location, required, at)| {
            let entry = docstring.entries.iter().position(|e| {
                python.as_deref().is_some_and(|p| same_name(&e.name, p))
                    || same_name(&e.name, &wire)
            });
            let (ty, description, loc) = match entry {
                Some(i) => {
                    used[i] = true;
                    let e = &docstring.entries[i];
                    let l = doc_loc.map_or(at, |d| Loc {
                        doc: d.doc,
                        line: d.line + e.line as u32,
                    });
                    (PyType::from_word(&e.ty), e.text.clone(), l)
                }
                None => (None, String::new(), at),
            };
            Arg {
                wire,
                python,
                location,
                required,
                ty,
                description,
                loc,
            }
        })
        .collect();
    for (e, used) in docstring.entries.iter().zip(&used) {
        if !used && let Some(d) = doc_loc {
            diags.warn(
                Loc {
                    doc: d.doc,
                    line: d.line + e.line as u32,
                },
                format!("Python method `{name}`: docstring documents `{}`, which the request does not send", e.name),
            );
        }
    }
    package.methods.push(Method {
        client,
        name,
        loc,
        http_method: m.value.to_str().to_ascii_uppercase(),
        url,
        url_loc,
        summary: docstring.summary,
        description: docstring.description,
        args,
    });
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

/// The method's parameters (without `self`), each with whether it has no default.
fn parameters(f: &ast::StmtFunctionDef) -> Vec<(String, bool)> {
    let p = &f.parameters;
    p.posonlyargs
        .iter()
        .chain(&p.args)
        .chain(&p.kwonlyargs)
        .filter(|a| a.name().as_str() != "self")
        .map(|a| (a.name().as_str().to_string(), a.default.is_none()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `source` as a package file and renders one method or helper per line:
    /// `client name METHOD url | summary | description | wire/python:in:type:req=text, ...`.
    fn render(source: &str) -> String {
        let mut corpus = Corpus::default();
        let id = corpus.push(
            "sdk".into(),
            "genauth/ManagementClient.py".into(),
            source.into(),
        );
        let mut diags = Diagnostics::default();
        let p = read(&corpus, id, &mut diags);
        let mut out = Vec::new();
        for m in &p.methods {
            let args: Vec<String> = m
                .args
                .iter()
                .map(|a| {
                    format!(
                        "{}/{}:{}:{}{}@{}={}",
                        a.wire,
                        a.python.as_deref().unwrap_or("∅"),
                        a.location.name(),
                        a.ty.as_ref().map_or("-", |t| t.word()),
                        if a.required { ":req" } else { "" },
                        a.loc.line,
                        a.description.replace('\n', "⏎")
                    )
                })
                .collect();
            out.push(format!(
                "{} {}@{} {} {}@{} | {} | {} | {}",
                m.client.name(),
                m.name,
                m.loc.line,
                m.http_method,
                m.url,
                m.url_loc.line,
                m.summary,
                m.description.replace('\n', "⏎"),
                args.join(", ")
            ));
        }
        for h in &p.helpers {
            out.push(format!(
                "helper {} {}@{}: {}",
                h.client.name(),
                h.name,
                h.loc.line,
                h.why
            ));
        }
        for d in diags.sorted() {
            out.push(format!("! {}", Diagnostics::render(&corpus, d)));
        }
        out.join("\n")
    }

    fn check(source: &str, expected: &str) {
        assert_eq!(
            render(source),
            expected.trim(),
            "\n--- source ---\n{source}"
        );
    }

    const HEAD: &str = "class ManagementClient(object):\n    def __init__(self, host=None):\n        self.host = host\n\n";

    #[test]
    fn a_query_method_with_snake_case_keys_and_camel_case_docstring_names() {
        check(
            &format!(
                "{HEAD}    def get_row(self, model_id, row_id, show_field_id=None):\n        \"\"\"Get Row\n\n        Get a row.\n\n        Attributes:\n            modelId (str): Function id\n            row_id (int): Row id\n        \"\"\"\n        return self.http_client.request(\n            method='GET',\n            url='/api/v3/metadata/get-row',\n            params={{\n                'modelId': model_id,\n                'row_id': row_id,\n                'showFieldId': show_field_id,\n            }},\n        )\n"
            ),
            "management get_row@5 GET /api/v3/metadata/get-row@16 | Get Row | Get a row. | modelId/model_id:query:str:req@11=Function id, row_id/row_id:query:int:req@12=Row id, showFieldId/show_field_id:query:-@20=\nhelper management __init__@2: private or special method",
        );
    }

    #[test]
    fn body_form_and_path_arguments_and_bullets() {
        check(
            &format!(
                "{HEAD}    def update(self, id, kind, tags=None):\n        \"\"\"Update\n\n        Attributes:\n            id (str): The id\n            kind (str): Kind:\n    - `a`: A\n    - `b`: B\n\n            tags (list): Tags\n        \"\"\"\n        return self.http_client.request(\n            method='post',\n            url='/api/v3/things/{{id}}',\n            json={{\n                'kind': kind,\n                'tags': tags,\n            }},\n        )\n\n    def login(self, code):\n        \"\"\"Login\"\"\"\n        return self.http_client.request(method='POST', url='/oidc/token', data={{'code': code}})\n"
            ),
            "
management update@5 POST /api/v3/things/{id}@18 | Update |  | id/id:path:str:req@9=The id, kind/kind:body:str:req@10=Kind:⏎- `a`: A⏎- `b`: B, tags/tags:body:list@14=Tags
management login@25 POST /oidc/token@27 | Login |  | code/code:form:-:req@27=
helper management __init__@2: private or special method",
        );
    }

    #[test]
    fn hand_written_helpers_are_set_aside() {
        check(
            &format!(
                "{HEAD}    def sign_in_by_email_password(self, email, password):\n        \"\"\"Login using email + password\"\"\"\n        return self.sign_in_by_credentials(connection='PASSWORD', email=email)\n\n    def put_event(self, event_code, data):\n        return self.http_client.request(method='POST', url='/api/v3/pub-event', json={{'eventData': json.dumps(data)}})\n\n    def sub_event(self, event_code, callback):\n        assert event_code\n        handleMessage(event_code, callback)\n\n    def url_var(self):\n        url = '/x'\n        return self.http_client.request(method='GET', url=url)\n\n    def extra(self, a):\n        return self.http_client.request(method='GET', url='/x', params={{'a': a}}, headers={{}})\n\n    def missing_path(self):\n        return self.http_client.request(method='DELETE', url='/x/{{id}}')\n\n    def twice(self, a):\n        return self.http_client.request(method='GET', url='/old', params={{'b': b}})\n\n    def twice(self, a):\n        return self.http_client.request(method='GET', url='/new', params={{'a': a}})\n"
            ),
            "
management missing_path@23 DELETE /x/{id}@24 |  |  | id/∅:path:-:req@24=
management twice@29 GET /new@30 |  |  | a/a:query:-:req@30=
helper management __init__@2: private or special method
helper management sign_in_by_email_password@5: hand-written body (not `return self.http_client.request(...)`)
helper management put_event@9: payload entry is not `'key': parameter`
helper management sub_event@12: hand-written body (not `return self.http_client.request(...)`)
helper management url_var@16: hand-written body (not `return self.http_client.request(...)`)
helper management extra@20: request call with arguments beyond method, url, params, json, data
helper management twice@26: shadowed by a later definition of the same name
! sdk/genauth/ManagementClient.py:23: warning: Python method `missing_path`: no docstring; no English text or argument types
! sdk/genauth/ManagementClient.py:24: warning: Python method `missing_path`: the URL names `{id}`, which no parameter fills (the package sends it literally)
! sdk/genauth/ManagementClient.py:26: warning: Python method `twice` is defined again at line 29; this definition is dead code
! sdk/genauth/ManagementClient.py:29: warning: Python method `twice`: no docstring; no English text or argument types",
        );
    }

    #[test]
    fn undocumented_arguments_and_stray_docstring_entries_are_reported() {
        check(
            &format!(
                "{HEAD}    def list_things(self, page=None):\n        \"\"\"List\n\n        Attributes:\n            page (int): Page\n            limit (int): Limit\n        \"\"\"\n        return self.http_client.request(method='GET', url='/api/v3/list-things', params={{'page': page}})\n\n    def bare(self, a):\n        return self.http_client.request(method='GET', url='/api/v3/bare', params={{'a': a}})\n"
            ),
            "
management list_things@5 GET /api/v3/list-things@12 | List |  | page/page:query:int@9=Page
management bare@14 GET /api/v3/bare@15 |  |  | a/a:query:-:req@15=
helper management __init__@2: private or special method
! sdk/genauth/ManagementClient.py:10: warning: Python method `list_things`: docstring documents `limit`, which the request does not send
! sdk/genauth/ManagementClient.py:14: warning: Python method `bare`: no docstring; no English text or argument types",
        );
    }

    #[test]
    fn a_file_that_does_not_parse_is_an_error() {
        check(
            "class ManagementClient(object):\n    def f(self:\n        pass\n",
            "! sdk/genauth/ManagementClient.py:3: error: Python source does not parse: Expected an expression; the file is not used",
        );
        check("x = 1\n", "");
    }
}
