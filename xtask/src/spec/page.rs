//! One reference page, read into evidence: what it says about one operation and the structures
//! it lists. No judgement across pages happens here; that is [`super::catalog`] and
//! [`super::reconcile`].
//!
//! Section headings are recognised in every spelling the corpus uses (Chinese, and the English of
//! the GenAuth pages with its varying capitalisation); `!!!include(reference/sdk/common/X.md)!!!`
//! fragments are read from the `common/` documents of the corpus.

use std::collections::BTreeMap;

use super::cell::{self, Description, TypeExpr};
use super::corpus::{Corpus, DocId, Loc};
use super::diagnostic::Diagnostics;
use super::markdown::{self, Block, Line};
use super::sample::{self, Sample};
use super::table::{self, Column, Header, Repair, Row};

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
    fn from_dir(dir: &str) -> Option<Lang> {
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

/// The two V3 clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Client {
    /// `AuthenticationClient`: end-user calls.
    Authentication,
    /// `ManagementClient`: administrator calls.
    Management,
}

impl Client {
    /// `authentication` / `management`.
    pub fn name(self) -> &'static str {
        match self {
            Client::Authentication => "authentication",
            Client::Management => "management",
        }
    }

    fn from_prefix(s: &str) -> Option<Client> {
        match s {
            "AuthenticationClient" | "authentication" => Some(Client::Authentication),
            "ManagementClient" | "management" => Some(Client::Management),
            _ => None,
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
    /// `<root>/<path>`-style label for reports.
    pub fn label(&self, corpus: &Corpus) -> String {
        corpus.doc(self.doc).display_path()
    }

    /// Where the page starts (line 1).
    pub fn loc(&self) -> Loc {
        Loc { doc: self.doc, line: 1 }
    }
}

/// The sections of a page we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Intro,
    MethodName,
    Params,
    Sample,
    Response,
    Structures,
    Other,
}

fn classify_section(title: &str) -> Section {
    let t = title.trim().to_lowercase();
    match t.as_str() {
        "方法名称" | "method name" => Section::MethodName,
        "请求参数" | "request parameters" | "request parameter" | "parameters" => Section::Params,
        "示例代码" | "请求示例" | "sample code" | "example code" | "code example" | "code examples" => Section::Sample,
        "请求响应" | "request response" | "response" | "返回值" => Section::Response,
        "数据结构" | "data structure" | "data structures" => Section::Structures,
        _ => Section::Other,
    }
}

/// Classifies a document by its path: is it a reference page we should read, and of what.
pub struct PagePath {
    /// SDK language.
    pub lang: Lang,
    /// Client folder.
    pub folder: Option<Client>,
    /// Tag folder.
    pub tag: Option<String>,
    /// File stem.
    pub slug: String,
}

/// Why a document is not read as a reference page.
pub enum NotAPage {
    /// A `common/` fragment, pulled in by `!!!include(...)!!!`.
    Fragment,
    /// Something else (overview, install guide, licence, other SDK families), with the reason.
    Skipped(&'static str),
}

/// Decides from the path (and, for loose files, the text) whether a document is a reference page.
pub fn classify_path(corpus: &Corpus, id: DocId) -> Result<PagePath, NotAPage> {
    let doc = corpus.doc(id);
    let parts = doc.components();
    let file = parts.last().copied().unwrap_or("");
    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file).to_string();
    if parts.first() == Some(&"common") {
        return Err(NotAPage::Fragment);
    }
    if let Some(lang) = parts.first().and_then(|d| Lang::from_dir(d)) {
        if parts.len() < 3 {
            return Err(NotAPage::Skipped("SDK overview page (installation, client set-up), no operation"));
        }
        let folder = Client::from_prefix(parts[1]);
        if folder.is_none() {
            return Err(NotAPage::Skipped("outside the authentication/ and management/ folders"));
        }
        let tag = (parts.len() >= 4).then(|| parts[2..parts.len() - 1].join("/"));
        return Ok(PagePath { lang, folder, tag, slug: stem });
    }
    if parts.len() == 1 {
        if file.eq_ignore_ascii_case("README.md") || file.eq_ignore_ascii_case("SOURCES.md") {
            return Err(NotAPage::Skipped("corpus notes, not a reference page"));
        }
        // Loose documents (the seeds): read them, the content decides.
        return Ok(PagePath { lang: Lang::Other, folder: None, tag: None, slug: stem });
    }
    Err(NotAPage::Skipped("not an SDK reference page (other SDK family or notes)"))
}

/// Reads a page. `fragments` maps `common/NAME.md` names to their documents.
pub fn parse(
    corpus: &Corpus,
    id: DocId,
    path: PagePath,
    fragments: &BTreeMap<String, DocId>,
    diags: &mut Diagnostics,
) -> Page {
    let text = &corpus.doc(id).text;
    let generation = if text.contains("authing-docs-factory") {
        if text.contains("此文档根据") || text.contains("This document is automatically generated") {
            Generation::Newest
        } else {
            Generation::Older
        }
    } else {
        Generation::HandWritten
    };
    let english = !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        || text.contains("## Method name")
        || text.contains("## Method Name")
        || text.contains("## Request parameters")
        || text.contains("## Request Parameters");
    let mut page = Page {
        doc: id,
        lang: path.lang,
        folder: path.folder,
        tag: path.tag,
        slug: path.slug,
        generation,
        english,
        title: None,
        description: String::new(),
        method: None,
        token_endpoint: false,
        requires_login: false,
        deprecated: false,
        params: None,
        params_loc: None,
        body_type: None,
        sdk_language_types: false,
        samples: Vec::new(),
        response: None,
        structures: Vec::new(),
    };
    let loc = |line: u32| Loc { doc: id, line };
    let blocks = markdown::blocks(text);

    let mut section = Section::Intro;
    let mut first_section_line = None;
    let mut lines: Vec<Line<'_>> = Vec::new(); // text lines of the current table-bearing unit
    let mut structure: Option<Structure> = None;
    let mut response = Response::default();
    let mut saw_response = false;

    for block in &blocks {
        match block {
            Block::Heading { level: 1, text, line } if page.title.is_none() => {
                page.title = Some((text.to_string(), loc(*line)));
            }
            Block::Heading { level: 2, text, line } => {
                first_section_line.get_or_insert(*line);
                flush(&mut page, section, &mut lines, &mut structure, &mut response, id, diags);
                section = classify_section(text);
                if section == Section::Params {
                    page.params_loc = Some(loc(*line));
                    page.params.get_or_insert_with(Vec::new);
                }
                if section == Section::Response {
                    saw_response = true;
                }
            }
            Block::Heading { level: 3, text, line } if section == Section::Structures || text.starts_with("<a id=") => {
                flush(&mut page, section, &mut lines, &mut structure, &mut response, id, diags);
                if section != Section::Structures {
                    section = Section::Structures;
                }
                match anchor(text) {
                    Some((anchor_id, title)) => {
                        if anchor_id != title {
                            diags.warn(loc(*line), format!("structure heading: anchor `{anchor_id}` but title `{title}`; the anchor wins"));
                        }
                        structure = Some(Structure {
                            name: anchor_id,
                            loc: loc(*line),
                            fields: Vec::new(),
                            enum_values: Vec::new(),
                            has_table: false,
                        });
                    }
                    None => {
                        diags.warn(loc(*line), format!("structure heading without an anchor: `{text}`"));
                    }
                }
            }
            Block::Heading { .. } => {
                flush(&mut page, section, &mut lines, &mut structure, &mut response, id, diags);
                if section == Section::Intro {
                    section = Section::Other;
                }
            }
            Block::Code { body, line, .. } => {
                let code: String = body.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
                match section {
                    Section::Response => {
                        if response.example.is_none() {
                            response.example = Some((code.clone(), loc(*line)));
                        }
                    }
                    _ => {}
                }
                let s = sample::scan(&code);
                if !s.calls.is_empty() || s.sets_access_token {
                    page.samples.push((s, loc(*line)));
                }
            }
            Block::Text(l) => match section {
                Section::Intro => {}
                Section::MethodName => {
                    if page.method.is_none()
                        && let Some(m) = method_line(l.text, loc(l.line))
                    {
                        page.method = Some(m);
                    }
                }
                Section::Params | Section::Response | Section::Structures => {
                    if let Some(name) = type_line(l.text) {
                        match section {
                            Section::Params => page.body_type = Some((name, loc(l.line))),
                            Section::Response => response.type_name = Some((name, loc(l.line))),
                            _ => {}
                        }
                    } else if let Some(fragment) = include(l.text) {
                        match fragments.get(&fragment) {
                            Some(&frag) => {
                                flush(&mut page, section, &mut lines, &mut structure, &mut response, id, diags);
                                read_fragment(&mut page, section, &mut structure, &mut response, corpus, frag, diags);
                            }
                            None => diags.warn(loc(l.line), format!("include of unknown fragment `{fragment}`")),
                        }
                    } else {
                        lines.push(*l);
                    }
                }
                Section::Sample | Section::Other => {}
            },
        }
    }
    flush(&mut page, section, &mut lines, &mut structure, &mut response, id, diags);
    if saw_response {
        page.response = Some(response);
    }

    let title_line = page.title.as_ref().map_or(0, |(_, l)| l.line);
    let intro: Vec<&str> = text
        .split('\n')
        .enumerate()
        .filter(|(i, _)| {
            let n = *i as u32 + 1;
            n > title_line && first_section_line.is_none_or(|f| n < f)
        })
        .map(|(_, l)| l)
        .collect();
    page.description = intro_description(&intro);
    let intro_text = intro.join("\n");
    page.token_endpoint = intro_text.contains("client_secret_post") && intro_text.contains("client_secret_basic");
    page.requires_login = LOGIN_PHRASES.iter().any(|p| intro_text.contains(p))
        || page.samples.iter().any(|(s, _)| s.sets_access_token);
    page.deprecated = intro_text.contains("已废弃") || intro_text.contains("（废弃") || intro_text.contains("(废弃");
    page
}

/// Phrases by which a description says the call needs the end user's access token.
const LOGIN_PHRASES: &[&str] = &[
    "要求具备用户的登录态",
    "需要在请求头中带上用户的 `access_token`",
    "requires the user's login",
    "carry the user's `access_token`",
];

/// Builds the operation description from the intro lines: generator furniture (HTML comments,
/// `<LastUpdated />`, the "generated from the V3 API" note) removed.
fn intro_description(intro: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut in_comment = false;
    for l in intro {
        let t = l.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        if t == "<LastUpdated />" || t == "<LastUpdated/>" {
            continue;
        }
        if t.starts_with("> 此文档根据") || t.starts_with("> This document is automatically generated") {
            continue;
        }
        out.push(l.trim_end());
    }
    let joined = out.join("\n");
    // Collapse runs of blank lines.
    let mut result = String::new();
    let mut blank = 0;
    for l in joined.trim().split('\n') {
        if l.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !result.is_empty() {
            result.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        result.push_str(l);
    }
    result
}

/// `` `AuthenticationClient.signInByMobile` `` -> client and name.
fn method_line(text: &str, loc: Loc) -> Option<MethodLine> {
    let t = text.trim().trim_matches('`').trim();
    let (client, name) = t.split_once('.')?;
    let client = Client::from_prefix(client.trim())?;
    let name = name.trim().trim_end_matches("()");
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| MethodLine { client, name: name.to_string(), loc })
}

/// `类型： `X``, `Type： `X``, `Type: `X`` -> `X`.
fn type_line(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = ["类型：", "类型:", "Type：", "Type:", "type:"].iter().find_map(|p| t.strip_prefix(p))?;
    let name = rest.trim().trim_matches('`').trim();
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then(|| name.to_string())
}

/// `!!!include(reference/sdk/common/token_response_table.md)!!!` -> `token_response_table.md`.
fn include(text: &str) -> Option<String> {
    let t = text.trim();
    let inner = t.strip_prefix("!!!include(")?.strip_suffix(")!!!")?;
    Some(inner.rsplit('/').next().unwrap_or(inner).to_string())
}

/// `<a id="X"></a> X` -> `(X, X)`.
fn anchor(text: &str) -> Option<(String, String)> {
    let rest = text.trim().strip_prefix("<a id=\"")?;
    let q = rest.find('"')?;
    let id = rest[..q].to_string();
    let title = rest.find("</a>").map(|e| rest[e + 4..].trim().to_string()).unwrap_or_default();
    Some((id, title))
}

/// Turns the collected table lines of the current unit into fields.
fn flush(
    page: &mut Page,
    section: Section,
    lines: &mut Vec<Line<'_>>,
    structure: &mut Option<Structure>,
    response: &mut Response,
    doc: DocId,
    diags: &mut Diagnostics,
) {
    let taken = std::mem::take(lines);
    read_lines(page, section, &taken, structure, response, doc, diags);
    if section == Section::Structures
        && let Some(s) = structure.take()
    {
        page.structures.push(s);
    }
}

fn read_fragment(
    page: &mut Page,
    section: Section,
    structure: &mut Option<Structure>,
    response: &mut Response,
    corpus: &Corpus,
    frag: DocId,
    diags: &mut Diagnostics,
) {
    let text = &corpus.doc(frag).text;
    let lines: Vec<Line<'_>> = markdown::blocks(text)
        .into_iter()
        .filter_map(|b| match b {
            Block::Text(l) => Some(l),
            _ => None,
        })
        .collect();
    read_lines(page, section, &lines, structure, response, frag, diags);
}

fn read_lines(
    page: &mut Page,
    section: Section,
    lines: &[Line<'_>],
    structure: &mut Option<Structure>,
    response: &mut Response,
    doc: DocId,
    diags: &mut Diagnostics,
) {
    if lines.is_empty() {
        return;
    }
    for t in table::tables(lines) {
        for (line, damage) in &t.damage {
            diags.warn(Loc { doc, line: *line }, damage.clone());
        }
        match section {
            Section::Params => {
                let params = page.params.get_or_insert_with(Vec::new);
                for row in &t.rows {
                    if let Some(ty) = row.get(&t.header, Column::Type)
                        && cell::is_sdk_language_type(ty)
                    {
                        page.sdk_language_types = true;
                    }
                    if let Some(f) = field(&t.header, row, doc, diags) {
                        params.push(f);
                    }
                }
            }
            Section::Response => {
                for row in &t.rows {
                    if let Some(f) = field(&t.header, row, doc, diags) {
                        response.fields.push(f);
                    }
                }
            }
            Section::Structures => {
                let Some(s) = structure.as_mut() else { continue };
                s.has_table = true;
                let is_enum_table = !t.rows.is_empty()
                    && t.rows.iter().all(|r| r.get(&t.header, Column::Type).is_some_and(|ty| ty.trim() == "enum"));
                for row in &t.rows {
                    if is_enum_table {
                        let value = row.get(&t.header, Column::Name).unwrap_or("").trim().to_string();
                        let label = row.get(&t.header, Column::Description).unwrap_or("").trim().to_string();
                        s.enum_values.push((value, label));
                    } else if let Some(f) = field(&t.header, row, doc, diags) {
                        s.fields.push(f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Interprets a row as a field; `None` (with a warning) when the name cell is not a name.
fn field(header: &Header, row: &Row, doc: DocId, diags: &mut Diagnostics) -> Option<Field> {
    let loc = Loc { doc, line: row.line };
    let raw_name = row.get(header, Column::Name).unwrap_or("").trim().trim_matches('`').trim();
    let name_ok = !raw_name.is_empty()
        && raw_name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_$-.@[]".contains(&b));
    if !name_ok {
        diags.warn(loc, format!("row without a usable field name: `{raw_name}`"));
        return None;
    }
    let description = cell::parse_description(row.get(header, Column::Description).unwrap_or(""));
    let type_cell = row.get(header, Column::Type).unwrap_or("");
    let (ty, note) = cell::parse_type(type_cell, &description);
    if let Some(note) = note {
        diags.warn(loc, format!("field `{raw_name}`: {note}"));
    }
    if description.trimmed_bullet {
        diags.warn(loc, format!("field `{raw_name}`: stray spaces inside an enum value's backticks (trimmed)"));
    }
    let required = match row.get(header, Column::Required) {
        Some(c) => {
            let r = cell::parse_required(c);
            if r.is_none() && !c.trim().is_empty() {
                diags.warn(loc, format!("field `{raw_name}`: unrecognised required flag `{}`", c.trim()));
            }
            r
        }
        None => None,
    };
    for repair in &row.repairs {
        match repair {
            Repair::Spliced(dropped) => diags.warn(
                loc,
                format!("field `{raw_name}`: row spliced with another row; kept the trailing cells, dropped `{dropped}`"),
            ),
            Repair::Truncated => diags.warn(loc, format!("field `{raw_name}`: row cut off")),
            Repair::MissingDefault | Repair::MergedLine | Repair::PipeInDescription => {}
        }
    }
    Some(Field {
        name: raw_name.to_string(),
        ty,
        required,
        default: row.get(header, Column::Default).and_then(cell::literal),
        description,
        example: row.get(header, Column::Example).and_then(cell::literal),
        loc,
        query: row.query_style,
        repairs: row.repairs.clone(),
    })
}
