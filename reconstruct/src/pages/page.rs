//! What one reference page says, as plain data: the evidence [`super::parse`] reads out of a page
//! and [`super::catalog`] and [`crate::reconcile`] judge across pages.

use super::cell::{Description, TypeExpr};
use super::sample::Sample;
use super::table::Repair;
use crate::corpus::{DocId, Loc};
use crate::model::Client;

/// The SDK language a page documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Node.js (the reference: camelCase method names).
    Node,
    /// Go.
    Go,
    /// Java.
    Java,
    /// Python.
    Python,
    /// PHP.
    Php,
    /// C#.
    Csharp,
    /// A page outside the per-language tree (the seeds).
    Other,
}

impl Lang {
    /// The language of a top-level folder (`node/`, `go/`, ...).
    pub fn from_dir(dir: &str) -> Option<Lang> {
        Some(match dir {
            "node" => Lang::Node,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "python" => Lang::Python,
            "php" => Lang::Php,
            "csharp" => Lang::Csharp,
            _ => return None,
        })
    }

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Node => "node",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::Python => "python",
            Lang::Php => "php",
            Lang::Csharp => "csharp",
            Lang::Other => "other",
        }
    }
}

/// How recent a page's rendering is. Higher is newer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// Written by hand (no generator marker).
    HandWritten = 0,
    /// Generated, before the generator added its "generated from the V3 API" note.
    Older = 1,
    /// Generated with the note (and the apiCode link): the newest rendering.
    Newest = 2,
}

/// A field or parameter row, interpreted.
#[derive(Clone, Debug)]
pub struct Field {
    /// API name.
    pub name: String,
    /// Type.
    pub ty: TypeExpr,
    /// Required flag, when the row states one.
    pub required: Option<bool>,
    /// Default value text.
    pub default: Option<String>,
    /// Description parts.
    pub description: Description,
    /// Example value text.
    pub example: Option<String>,
    /// Where.
    pub loc: Loc,
    /// Written in the generator's query-parameter template.
    pub query: bool,
    /// Repairs the table reader applied.
    pub repairs: Vec<Repair>,
}

/// A `### <a id="X"></a> X` structure.
#[derive(Clone, Debug)]
pub struct Structure {
    /// Its name (the anchor id).
    pub name: String,
    /// The heading.
    pub loc: Loc,
    /// Fields, in order.
    pub fields: Vec<Field>,
    /// Rows of a hand-written enum table (`| STRING | enum | 字符串类型 |`): value and label.
    pub enum_values: Vec<(String, String)>,
    /// The structure had a table (an empty table means an object without fields).
    pub has_table: bool,
}

/// The `## 请求响应` section.
#[derive(Clone, Debug, Default)]
pub struct Response {
    /// `类型： `X``.
    pub type_name: Option<(String, Loc)>,
    /// The envelope's rows.
    pub fields: Vec<Field>,
    /// The example result's text.
    pub example: Option<(String, Loc)>,
}

/// The `## 方法名称` line: `` `AuthenticationClient.signInByMobile` ``.
#[derive(Clone, Debug)]
pub struct MethodLine {
    /// The client named.
    pub client: Client,
    /// The method name as written.
    pub name: String,
    /// Where.
    pub loc: Loc,
}

/// Everything one page says.
#[derive(Clone, Debug)]
pub struct Page {
    /// The document.
    pub doc: DocId,
    /// SDK language.
    pub lang: Lang,
    /// The client folder the page sits in (`authentication/` or `management/`).
    pub folder: Option<Client>,
    /// Tag folder (Chinese tag name).
    pub tag: Option<String>,
    /// File stem.
    pub slug: String,
    /// Rendering generation.
    pub generation: Generation,
    /// The page is in English (GenAuth rendering).
    pub english: bool,
    /// H1 title.
    pub title: Option<(String, Loc)>,
    /// The operation description (text between the title and the first section, generator
    /// furniture removed).
    pub description: String,
    /// The method-name section.
    pub method: Option<MethodLine>,
    /// The page documents token-endpoint client authentication.
    pub token_endpoint: bool,
    /// The page says the call needs the user's login (access token).
    pub requires_login: bool,
    /// The page calls the operation deprecated (`废弃`).
    pub deprecated: bool,
    /// Request parameter rows, when the page has a request section.
    pub params: Option<Vec<Field>>,
    /// Line of the request section heading.
    pub params_loc: Option<Loc>,
    /// `类型： `X`` under the request section (hand-written pages name the body class there).
    pub body_type: Option<(String, Loc)>,
    /// Request parameter rows use SDK-language types (`String`, `JSONObject`): a hand-written SDK helper.
    pub sdk_language_types: bool,
    /// Evidence from sample code.
    pub samples: Vec<(Sample, Loc)>,
    /// The response section.
    pub response: Option<Response>,
    /// Structures, in page order.
    pub structures: Vec<Structure>,
}

impl Page {
    /// Where the page starts (line 1).
    pub fn loc(&self) -> Loc {
        Loc {
            doc: self.doc,
            line: 1,
        }
    }
}
