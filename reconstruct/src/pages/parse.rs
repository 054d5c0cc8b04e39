//! One page into evidence ([`Page`]): the walk over its blocks, section by section.
//!
//! Section headings are recognised in every spelling the corpus uses (Chinese, and the English of
//! the GenAuth pages with its varying capitalisation); `!!!include(reference/sdk/common/X.md)!!!`
//! fragments are read from the `common/` documents of the corpus. The tables of a section are
//! read by `rows`, the text before the first section by `intro`. No judgement
//! across pages happens here; that is [`super::catalog`] and [`crate::reconcile`].

use std::collections::BTreeMap;

use super::markdown::{self, Block, Line};
use super::page::{Generation, MethodLine, Page, Response, Structure};
use super::path::PagePath;
use super::{intro, sample};
use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::Client;

/// The sections of a page we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
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

/// The state of a page being read: the page so far, the section we are in, and the unit whose
/// table lines are being collected (a structure stays open until the next heading).
pub(super) struct Reader<'d> {
    pub(super) page: Page,
    pub(super) section: Section,
    pub(super) structure: Option<Structure>,
    pub(super) response: Response,
    pub(super) diags: &'d mut Diagnostics,
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
    let page = Page {
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
    let mut r = Reader {
        page,
        section: Section::Intro,
        structure: None,
        response: Response::default(),
        diags,
    };
    let loc = |line: u32| Loc { doc: id, line };
    let mut first_section_line = None;
    let mut lines: Vec<Line<'_>> = Vec::new(); // text lines of the current table-bearing unit
    let mut saw_response = false;

    for block in &markdown::blocks(text) {
        match block {
            Block::Heading { level, text, line }
                if markdown::anchor(text).is_some()
                    || (*level == 3 && r.section == Section::Structures) =>
            {
                r.flush(&mut lines, id);
                r.section = Section::Structures;
                match markdown::anchor(text) {
                    Some(a) => {
                        if a.mangled || *level != 3 {
                            r.diags.warn(
                                loc(*line),
                                format!(
                                    "damaged structure heading `{}`: read as structure `{}`",
                                    "#".repeat(usize::from(*level)) + " " + text,
                                    a.id
                                ),
                            );
                        }
                        if a.id != a.title {
                            r.diags.warn(loc(*line), format!("structure heading: anchor `{}` but title `{}`; the anchor wins", a.id, a.title));
                        }
                        r.structure = Some(Structure {
                            name: a.id,
                            loc: loc(*line),
                            fields: Vec::new(),
                            enum_values: Vec::new(),
                            has_table: false,
                        });
                    }
                    None => {
                        r.diags.warn(
                            loc(*line),
                            format!("structure heading without an anchor: `{text}`"),
                        );
                    }
                }
            }
            Block::Heading {
                level: 1,
                text,
                line,
            } if r.page.title.is_none() => {
                r.page.title = Some((text.to_string(), loc(*line)));
            }
            Block::Heading {
                level: 2,
                text,
                line,
            } => {
                first_section_line.get_or_insert(*line);
                r.flush(&mut lines, id);
                r.section = classify_section(text);
                if r.section == Section::Params {
                    r.page.params_loc = Some(loc(*line));
                    r.page.params.get_or_insert_with(Vec::new);
                }
                if r.section == Section::Response {
                    saw_response = true;
                }
            }
            Block::Heading { .. } => {
                r.flush(&mut lines, id);
                if r.section == Section::Intro {
                    r.section = Section::Other;
                }
            }
            Block::Code { body, line, .. } => {
                let code: String = body.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
                if r.section == Section::Response && r.response.example.is_none() {
                    r.response.example = Some((code.clone(), loc(*line)));
                }
                let s = sample::scan(&code);
                if !s.calls.is_empty() || s.sets_access_token {
                    r.page.samples.push((s, loc(*line)));
                }
            }
            Block::Text(l) => match r.section {
                Section::Intro => {}
                Section::MethodName => {
                    if r.page.method.is_none()
                        && let Some(m) = method_line(l.text, loc(l.line))
                    {
                        r.page.method = Some(m);
                    }
                }
                Section::Params | Section::Response | Section::Structures => {
                    if let Some(name) = type_line(l.text) {
                        match r.section {
                            Section::Params => r.page.body_type = Some((name, loc(l.line))),
                            Section::Response => r.response.type_name = Some((name, loc(l.line))),
                            _ => {}
                        }
                    } else if let Some(fragment) = include(l.text) {
                        match fragments.get(&fragment) {
                            Some(&frag) => {
                                // The fragment continues the current unit (a structure stays open).
                                let pending = std::mem::take(&mut lines);
                                r.read_tables(&pending, id);
                                r.read_fragment(corpus, frag);
                            }
                            None => r.diags.warn(
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
    r.flush(&mut lines, id);
    let mut page = r.page;
    if saw_response {
        page.response = Some(r.response);
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
    intro::read(&mut page, &intro);
    page
}

impl Reader<'_> {
    /// Turns the collected table lines of the current unit into fields and closes the unit.
    fn flush(&mut self, lines: &mut Vec<Line<'_>>, doc: DocId) {
        let taken = std::mem::take(lines);
        self.read_tables(&taken, doc);
        if self.section == Section::Structures
            && let Some(s) = self.structure.take()
        {
            self.page.structures.push(s);
        }
    }

    /// Reads the tables of a `common/` fragment into the current unit.
    fn read_fragment(&mut self, corpus: &Corpus, frag: DocId) {
        let text = &corpus.doc(frag).text;
        let lines: Vec<Line<'_>> = markdown::blocks(text)
            .into_iter()
            .filter_map(|b| match b {
                Block::Text(l) => Some(l),
                _ => None,
            })
            .collect();
        self.read_tables(&lines, frag);
    }
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
