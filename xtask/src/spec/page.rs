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
    /// Where the page starts (line 1).
    pub fn loc(&self) -> Loc {
        Loc {
            doc: self.doc,
            line: 1,
        }
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
        "请求参数" | "request parameters" | "request parameter" | "parameters" => {
            Section::Params
        }
        "示例代码" | "请求示例" | "sample code" | "example code" | "code example"
        | "code examples" => Section::Sample,
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
    let stem = file
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(file)
        .to_string();
    if parts.first() == Some(&"common") {
        return Err(NotAPage::Fragment);
    }
    if let Some(lang) = parts.first().and_then(|d| Lang::from_dir(d)) {
        if parts.len() < 3 {
            return Err(NotAPage::Skipped(
                "SDK overview page (installation, client set-up), no operation",
            ));
        }
        let folder = Client::from_prefix(parts[1]);
        if folder.is_none() {
            return Err(NotAPage::Skipped(
                "outside the authentication/ and management/ folders",
            ));
        }
        let tag = (parts.len() >= 4).then(|| parts[2..parts.len() - 1].join("/"));
        return Ok(PagePath {
            lang,
            folder,
            tag,
            slug: stem,
        });
    }
    if parts.len() == 1 {
        if file.eq_ignore_ascii_case("README.md") || file.eq_ignore_ascii_case("SOURCES.md") {
            return Err(NotAPage::Skipped("corpus notes, not a reference page"));
        }
        // Loose documents (the seeds): read them, the content decides.
        return Ok(PagePath {
            lang: Lang::Other,
            folder: None,
            tag: None,
            slug: stem,
        });
    }
    Err(NotAPage::Skipped(
        "not an SDK reference page (other SDK family or notes)",
    ))
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
        if text.contains("此文档根据") || text.contains("This document is automatically generated")
        {
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
            Block::Heading {
                level: 1,
                text,
                line,
            } if page.title.is_none() => {
                page.title = Some((text.to_string(), loc(*line)));
            }
            Block::Heading {
                level: 2,
                text,
                line,
            } => {
                first_section_line.get_or_insert(*line);
                flush(
                    &mut page,
                    section,
                    &mut lines,
                    &mut structure,
                    &mut response,
                    id,
                    diags,
                );
                section = classify_section(text);
                if section == Section::Params {
                    page.params_loc = Some(loc(*line));
                    page.params.get_or_insert_with(Vec::new);
                }
                if section == Section::Response {
                    saw_response = true;
                }
            }
            Block::Heading {
                level: 3,
                text,
                line,
            } if section == Section::Structures || text.starts_with("<a id=") => {
                flush(
                    &mut page,
                    section,
                    &mut lines,
                    &mut structure,
                    &mut response,
                    id,
                    diags,
                );
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
                        diags.warn(
                            loc(*line),
                            format!("structure heading without an anchor: `{text}`"),
                        );
                    }
                }
            }
            Block::Heading { .. } => {
                flush(
                    &mut page,
                    section,
                    &mut lines,
                    &mut structure,
                    &mut response,
                    id,
                    diags,
                );
                if section == Section::Intro {
                    section = Section::Other;
                }
            }
            Block::Code { body, line, .. } => {
                let code: String = body.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
                if section == Section::Response && response.example.is_none() {
                    response.example = Some((code.clone(), loc(*line)));
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
                                // The fragment continues the current unit (a structure stays open).
                                let pending = std::mem::take(&mut lines);
                                read_lines(
                                    &mut page,
                                    section,
                                    &pending,
                                    &mut structure,
                                    &mut response,
                                    id,
                                    diags,
                                );
                                read_fragment(
                                    &mut page,
                                    section,
                                    &mut structure,
                                    &mut response,
                                    corpus,
                                    frag,
                                    diags,
                                );
                            }
                            None => diags.warn(
                                loc(l.line),
                                format!("include of unknown fragment `{fragment}`"),
                            ),
                        }
                    } else {
                        lines.push(*l);
                    }
                }
                Section::Sample | Section::Other => {}
            },
        }
    }
    flush(
        &mut page,
        section,
        &mut lines,
        &mut structure,
        &mut response,
        id,
        diags,
    );
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
    page.token_endpoint =
        intro_text.contains("client_secret_post") && intro_text.contains("client_secret_basic");
    page.requires_login = LOGIN_PHRASES.iter().any(|p| intro_text.contains(p))
        || page.samples.iter().any(|(s, _)| s.sets_access_token);
    page.deprecated = intro_text.contains("已废弃")
        || intro_text.contains("（废弃")
        || intro_text.contains("(废弃");
    page
}

/// [`super::rules::Rule::EnvelopeRequired`] across pages: an envelope row that some page says is
/// returned only on failure is optional in every envelope (older renderings dropped the phrase
/// from `apiCode`'s description, not the behaviour).
pub fn share_envelope_optionality(pages: &mut [Page]) {
    let optional: std::collections::BTreeSet<String> = pages
        .iter()
        .filter_map(|p| p.response.as_ref())
        .flat_map(|r| r.fields.iter())
        .filter(|f| f.required == Some(false))
        .map(|f| f.name.clone())
        .collect();
    for p in pages.iter_mut() {
        let Some(r) = p.response.as_mut() else {
            continue;
        };
        if !r.fields.iter().any(|f| f.name == "statusCode") {
            continue;
        }
        for f in r.fields.iter_mut() {
            if optional.contains(&f.name) {
                f.required = Some(false);
            }
        }
    }
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
        if t.starts_with("> 此文档根据")
            || t.starts_with("> This document is automatically generated")
        {
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
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then(|| {
        MethodLine {
            client,
            name: name.to_string(),
            loc,
        }
    })
}

/// `类型： `X``, `Type： `X``, `Type: `X`` -> `X`.
fn type_line(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = ["类型：", "类型:", "Type：", "Type:", "type:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let name = rest.trim().trim_matches('`').trim();
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| name.to_string())
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
    let title = rest
        .find("</a>")
        .map(|e| rest[e + 4..].trim().to_string())
        .unwrap_or_default();
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
                let envelope = t.header.index(Column::Required).is_none()
                    && t.rows
                        .iter()
                        .any(|r| r.get(&t.header, Column::Name) == Some("statusCode"));
                for row in &t.rows {
                    if let Some(mut f) = field(&t.header, row, doc, diags) {
                        if envelope {
                            // [`super::rules::Rule::EnvelopeRequired`]
                            let d = &f.description.text;
                            let on_failure_only = d.contains("成功请求不返回")
                                || d.contains("请求失败时会返回")
                                || d.contains("not returned for successful")
                                || d.contains("returned when the request fails");
                            f.required = Some(!on_failure_only);
                        }
                        response.fields.push(f);
                    }
                }
            }
            Section::Structures => {
                let Some(s) = structure.as_mut() else {
                    continue;
                };
                s.has_table = true;
                let is_enum_table = !t.rows.is_empty()
                    && t.rows.iter().all(|r| {
                        r.get(&t.header, Column::Type)
                            .is_some_and(|ty| ty.trim() == "enum")
                    });
                for row in &t.rows {
                    if is_enum_table {
                        let value = row
                            .get(&t.header, Column::Name)
                            .unwrap_or("")
                            .trim()
                            .to_string();
                        let label = row
                            .get(&t.header, Column::Description)
                            .unwrap_or("")
                            .trim()
                            .to_string();
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
    let loc = Loc {
        doc,
        line: row.line,
    };
    let raw_name = row
        .get(header, Column::Name)
        .unwrap_or("")
        .trim()
        .trim_matches('`')
        .trim();
    let name_ok = !raw_name.is_empty()
        && raw_name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_$-.@[]".contains(&b));
    if !name_ok {
        diags.warn(
            loc,
            format!("row without a usable field name: `{raw_name}`"),
        );
        return None;
    }
    let description = cell::parse_description(row.get(header, Column::Description).unwrap_or(""));
    let type_cell = row.get(header, Column::Type).unwrap_or("");
    let (ty, note) = cell::parse_type(type_cell, &description);
    if let Some(note) = note {
        diags.warn(loc, format!("field `{raw_name}`: {note}"));
    }
    if description.trimmed_bullet {
        diags.warn(
            loc,
            format!("field `{raw_name}`: stray spaces inside an enum value's backticks (trimmed)"),
        );
    }
    let required = match row.get(header, Column::Required) {
        Some(c) => {
            let r = cell::parse_required(c);
            if r.is_none() && !c.trim().is_empty() {
                diags.warn(
                    loc,
                    format!(
                        "field `{raw_name}`: unrecognised required flag `{}`",
                        c.trim()
                    ),
                );
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` as the page at `path` (with one `common/` fragment available) and renders
    /// what was read, one fact per line.
    fn render(path: &str, text: &str) -> String {
        let mut corpus = Corpus::default();
        let frag = corpus.push(
            "docs".into(),
            "common/token_table.md".into(),
            "| 名称 | 类型 | 是否必填 | 描述 | 示例值 |\n| ---- | ---- | ---- | ---- | ---- |\n| token_type | string | 是 | token 类型 | `bearer` |\n".into(),
        );
        let id = corpus.push("docs".into(), path.into(), text.into());
        let fragments = BTreeMap::from([("token_table.md".to_string(), frag)]);
        let mut diags = Diagnostics::default();
        let Ok(p) = classify_path(&corpus, id) else {
            return "not a page".into();
        };
        let page = parse(&corpus, id, p, &fragments, &mut diags);
        let mut out = Vec::new();
        out.push(format!(
            "{} {:?} {:?}{}",
            page.lang.name(),
            page.folder.map(Client::name),
            page.generation,
            if page.english { " english" } else { "" }
        ));
        if let Some((t, _)) = &page.title {
            out.push(format!("title: {t}"));
        }
        if !page.description.is_empty() {
            out.push(format!(
                "description: {}",
                page.description.replace('\n', "⏎")
            ));
        }
        if let Some(m) = &page.method {
            out.push(format!("method: {}.{}", m.client.name(), m.name));
        }
        let flags: Vec<&str> = [
            (page.token_endpoint, "token-endpoint"),
            (page.requires_login, "login"),
            (page.deprecated, "deprecated"),
            (page.sdk_language_types, "sdk-types"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| *n)
        .collect();
        if !flags.is_empty() {
            out.push(format!("flags: {}", flags.join(" ")));
        }
        let field = |f: &Field| {
            let mut s = format!("{}:{}", f.name, f.ty.render());
            match f.required {
                Some(true) => s.push_str(":req"),
                Some(false) => {}
                None => s.push_str(":?"),
            }
            if f.query {
                s.push_str(":query");
            }
            if let Some(d) = &f.default {
                s.push_str(&format!(":default={d}"));
            }
            if !f.description.bullets.is_empty() {
                let v: Vec<&str> = f
                    .description
                    .bullets
                    .iter()
                    .map(|(v, _)| v.as_str())
                    .collect();
                s.push_str(&format!(":enum={}", v.join("|")));
            }
            if let Some(m) = f.description.max_items {
                s.push_str(&format!(":max={m}"));
            }
            s
        };
        if let Some(params) = &page.params {
            out.push(format!(
                "params: {}",
                params.iter().map(field).collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some((t, _)) = &page.body_type {
            out.push(format!("body type: {t}"));
        }
        for (s, _) in &page.samples {
            let classes: Vec<String> = s
                .arg_classes
                .iter()
                .map(|(m, c)| format!("{m}({c})"))
                .collect();
            out.push(format!(
                "sample: {} {}",
                s.calls.join(","),
                classes.join(",")
            ));
        }
        if let Some(r) = &page.response {
            let ty = r.type_name.as_ref().map_or("-", |(t, _)| t.as_str());
            out.push(format!(
                "response {ty}: {}",
                r.fields.iter().map(field).collect::<Vec<_>>().join(", ")
            ));
        }
        for s in &page.structures {
            if s.enum_values.is_empty() {
                out.push(format!(
                    "struct {}: {}",
                    s.name,
                    s.fields.iter().map(field).collect::<Vec<_>>().join(", ")
                ));
            } else {
                let v: Vec<&str> = s.enum_values.iter().map(|(v, _)| v.as_str()).collect();
                out.push(format!("enum {}: {}", s.name, v.join("|")));
            }
        }
        for d in diags.sorted() {
            out.push(format!("! {}", Diagnostics::render(&corpus, d)));
        }
        out.iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn check(path: &str, text: &str, expected: &str) {
        let got = render(path, text);
        assert_eq!(
            got,
            expected.trim(),
            "\n--- page {path} ---\n{text}\n--- got ---\n{got}\n"
        );
    }

    const NOTE: &str = "<!--\n  警告⚠️：\n  https://github.com/Authing/authing-docs-factory\n-->\n\n<LastUpdated />\n\n> 此文档根据 https://github.com/authing/authing-docs-factory 基于 V3 API 自动生成。\n";
    const HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:60px\">默认值</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
    const OLD_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | 默认值 | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\"></div>示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
    const STRUCT_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- |  ---- | ---- | ---- | ---- |";

    #[test]
    fn newest_generation_post_page() {
        check(
            "node/authentication/登录/sign-in.md",
            &format!(
                "# 登录\n\n{NOTE}\n登录接口。\n\n## 方法名称\n\n`AuthenticationClient.signIn`\n\n## 请求参数\n\n{HEADER}\n\
                 | account | string | 是 | - | 账号  | `bob` |\n\
                 | kind | string | 否 | PASSWORD | 方式：<br>- `PASSWORD`: 密码<br>- `CODE `: 验证码<br>  | `PASSWORD` |\n\
                 | payload | <a href=\"#PayloadDto\">PayloadDto</a> | 否 | - | 数据  |  |\n\n\
                 ## 示例代码\n\n```go\nreqDto := &dto.SignInDto{{\n}}\nrespDto := client.SignIn(reqDto)\n```\n\n\
                 ## 请求响应\n\n类型： `LoginRespDto`\n\n| 名称 | 类型 | 描述 |\n| ---- | ---- | ---- |\n| statusCode | number | 状态码 |\n| data | <a href=\"#TokenDto\">TokenDto</a> | 数据 |\n\n\
                 ## 数据结构\n\n### <a id=\"PayloadDto\"></a> PayloadDto\n\n{STRUCT_HEADER}\n| ids | array | 是 | 列表 嵌套类型：<a href=\"#IdDto\">IdDto</a>。 数组长度限制：50  |  |\n"
            ),
            r##"
node Some("authentication") Newest
title: 登录
description: 登录接口。
method: authentication.signIn
params: account:string:req, kind:string:default=PASSWORD:enum=PASSWORD|CODE, payload:#PayloadDto
sample: SignIn SignIn(SignInDto)
response LoginRespDto: statusCode:number:req, data:#TokenDto:req
struct PayloadDto: ids:#IdDto[]:req:max=50
! docs/node/authentication/登录/sign-in.md:23: warning: field `kind`: stray spaces inside an enum value's backticks (trimmed)
"##,
        );
    }

    #[test]
    fn query_rows_of_a_get_page() {
        check(
            "go/management/管理用户/get-user.md",
            &format!(
                "# 获取用户\n\n{NOTE}\n## 方法名称\n\n`ManagementClient.GetUser`\n\n## 请求参数\n\n{HEADER}\n | userId | string  | 是 | - | 用户 ID  | `u1` |\n | withCustomData | boolean  | 否 | - | 是否获取  | `true` |\n"
            ),
            r##"
go Some("management") Newest
title: 获取用户
method: management.GetUser
params: userId:string:req:query, withCustomData:boolean:query
"##,
        );
    }

    #[test]
    fn older_generation_and_its_header() {
        check(
            "php/management/管理用户/get-user.md",
            &format!(
                "# 获取用户\n\n<!-- authing-docs-factory -->\n\n通过 ID 获取用户（已废弃）。\n\n## 方法名称\n\n`ManagementClient.getUser`\n\n## 请求参数\n\n{OLD_HEADER}\n| userId | string  | 是 | - | 用户 ID  | `u1` |\n"
            ),
            r##"
php Some("management") Older
title: 获取用户
description: 通过 ID 获取用户（已废弃）。
method: management.getUser
flags: deprecated
params: userId:string:req:query
"##,
        );
    }

    #[test]
    fn english_page_with_its_headings_and_flags() {
        check(
            "000_seed.txt",
            "# Use mobile social login\n\n<!--\nhttps://github.com/Authing/authing-docs-factory\n-->\n\n> This document is automatically generated based on V3 API.\n\n\
             When the exchange token authentication method is client_secret_post or client_secret_basic, ...\n\n## Method name\n\n`AuthenticationClient.signInByMobile`\n\n## Request parameters\n\n\
             | Name | Type | <div style=\"width:80px\">Is it required</div> | Default value | <div style=\"width:300px\">Description</div> | <div style=\"width:200px\"></div>Sample value</div> |\n\
             | ---- | ---- | ---- | ---- | ---- | ---- |\n| connection | string | yes | - | Type:<br>- `wechat`: WeChat | `wechat` |\n| options | <a href=\"#O\">O</a> | No | - | Options | |\n| code | string | is | - | Code | |\n\n\
             ## Request Response\n\nType： `LoginTokenRespDto`\n",
            r##"
other None Newest english
title: Use mobile social login
description: When the exchange token authentication method is client_secret_post or client_secret_basic, ...
method: authentication.signInByMobile
flags: token-endpoint
params: connection:string:req:enum=wechat, options:#O, code:string:req
response LoginTokenRespDto:
"##,
        );
    }

    #[test]
    fn include_fragments_fill_structures() {
        check(
            "node/authentication/登录/signin-by-x.md",
            "# 登录\n\n## 数据结构\n\n### <a id=\"TokenDto\"></a> TokenDto\n\n!!!include(reference/sdk/common/token_table.md)!!!\n\n### <a id=\"Gone\"></a> Gone\n\n!!!include(reference/sdk/common/missing.md)!!!\n",
            r##"
node Some("authentication") HandWritten
title: 登录
struct TokenDto: token_type:string:req
struct Gone:
! docs/node/authentication/登录/signin-by-x.md:11: warning: include of unknown fragment `missing.md`
"##,
        );
    }

    #[test]
    fn rows_and_headings_merged_into_one_line() {
        check(
            "001_seed.txt",
            "# T\n\n## Data Structure\n\n### <a id=\"A\"></a> A\n\n| Name | Type | Is it required | Description | Example Value |\n| ---- | ------ | ---- | ---- | ---- |\n\
             | code | string | No | a code | |\n\
             | token | string | No | a token | | ### <a id=\"B\"></a> B | Name | Type | Is it required | Description | Example Value | | ---- | ------ | ---- | ---- | ---- | | code | string | Yes | b code | | ### <a id=\"C\"></a> C | Name | Type | Is it required | Description | Example Value | | ---- | ---- | ---- | ---- | ---- |\n\
             | code | string | yes | c code | |\n",
            r##"
other None HandWritten english
title: T
struct A: code:string, token:string
struct B: code:string:req
struct C: code:string:req
"##,
        );
    }

    #[test]
    fn a_truncated_page_keeps_what_it_has() {
        check(
            "002_seed.txt",
            &format!(
                "# T\n\n## 请求参数\n\n{HEADER}\n| a | string | 是 | - | 完整  | `x` |\n| b | <a href=\"#B\">B</a> | 否 | - | 被截断的描"
            ),
            r##"
other None HandWritten
title: T
params: a:string:req, b:#B
! docs/002_seed.txt:8: warning: field `b`: row cut off
"##,
        );
    }

    #[test]
    fn a_row_spliced_into_another_keeps_its_own_type() {
        check(
            "003_seed.txt",
            "# T\n\n## Request parameters\n\n| Name | Type | Is it required | Default value | Description | Sample value |\n| --------- | ------------ ...| `wework` |\n\
             | alipayPayload | <a href=\"#SignInByApplePayloadDto\">SignInByApplePayloadDto</a> | No | - | WeChat data, required when `connection` is `apple`.ref=\"#SignInByAlipayPayloadDto\">SignInByAlipayPayloadDto</a> | No | - | Alipay data, required when `connection` is `alipay`. | |\n",
            r##"
other None HandWritten english
title: T
params: alipayPayload:#SignInByAlipayPayloadDto
! docs/003_seed.txt:6: warning: garbled separator row, content lost: `------------ ...`
! docs/003_seed.txt:7: warning: field `alipayPayload`: row spliced with another row; kept the trailing cells, dropped `<a href="#SignInByApplePayloadDto">SignInByApplePayloadDto</a> | No | -`
! docs/003_seed.txt:7: warning: field `alipayPayload`: type cell holds a damaged link; recovered `SignInByAlipayPayloadDto`
"##,
        );
    }

    #[test]
    fn an_sdk_wrapper_page_without_method_name() {
        check(
            "node/authentication/登录/signin-by-account-password.md",
            &format!(
                "# 账号密码登录\n\n<!-- authing-docs-factory -->\n\n## 请求参数\n\n{OLD_HEADER}\n| account | String | 是 | - | 账号 | `a` |\n\n## 示例代码\n\n```ts\nconst r = await authenticationClient.signInByAccountPassword({{}});\n```\n"
            ),
            r##"
node Some("authentication") Older
title: 账号密码登录
flags: sdk-types
params: account:string:req
sample: signInByAccountPassword 
"##,
        );
    }

    #[test]
    fn a_hand_written_page_with_a_body_class_and_missing_default_cells() {
        check(
            "java/management/管理数据资源与权限/create-dnef.md",
            &format!(
                "# 创建扩展字段\n\n## 方法名称\n\n`ManagementClient.createDnef`\n\n## 请求参数\n类型： `CreateDenfDto`\n\n{HEADER}\n| key | string | 是 | 字段 Key   |  `str` |\n| valueType | ValueType | 是 | 值类型  |  `STRING`（文本）、`SELECT`（单选） |\n| config | <a href=\"#Cfg\">Cfg</a> | 否 | 配置 |   \n\n## 请求响应\n类型： `IsSuccessRespDto`\n\n| 名称 | 类型 | 描述 |\n| ---- | ---- | ---- |\n| statusCode | number | 状态码 |\n"
            ),
            r##"
java Some("management") HandWritten
title: 创建扩展字段
method: management.createDnef
params: key:string:req, valueType:ValueType:req, config:#Cfg
body type: CreateDenfDto
response IsSuccessRespDto: statusCode:number:req
! docs/java/management/管理数据资源与权限/create-dnef.md:14: warning: field `config`: row cut off
"##,
        );
    }

    #[test]
    fn a_hand_written_enum_table() {
        check(
            "node/management/管理数据资源与权限/get-struct.md",
            "# T\n\n## 数据结构\n\n### <a id=\"ResourceType\"></a> ResourceType\n\n| 名称     | 类型   | 描述    |\n|:-------|:-----|-------|\n| STRING | enum | 字符串类型 |\n| TREE   | enum | 树类型   |\n",
            r##"
node Some("management") HandWritten
title: T
enum ResourceType: STRING|TREE
"##,
        );
    }

    #[test]
    fn login_requirement_from_prose_or_sample() {
        check(
            "node/authentication/用户资料/get-profile.md",
            "# 获取用户资料\n\n此端点用户获取用户资料，需要在请求头中带上用户的 `access_token`。\n\n## 方法名称\n\n`AuthenticationClient.getProfile`\n",
            r##"
node Some("authentication") HandWritten
title: 获取用户资料
description: 此端点用户获取用户资料，需要在请求头中带上用户的 `access_token`。
method: authentication.getProfile
flags: login
"##,
        );
    }

    #[test]
    fn paths_that_are_not_reference_pages() {
        check("node/install.md", "# 安装", "not a page");
        check("miniapp/quick.md", "# 小程序", "not a page");
        check("common/fragment.md", "| a |", "not a page");
    }
}
