//! [`Rule::LegacyGuide`](crate::rules::Rule::LegacyGuide): pre-V3 endpoints documented inside guides, in the docs site's
//! `<ApiMethodSpec>` component or in that component's plain-text rendering (a scrape of the
//! rendered page, where the host and path run together: `https://core.authing.cnoauth/...`).
//!
//! Both renderings of one endpoint are merged: the path from the component (the scrape is split
//! at that path to recover its host), every host kept as a server, other values voted with the
//! component's word above the scrape's.

use serde_json::Value;

use super::catalog::camel_from_slug;
use super::js::{Js, js_literal};
use super::page::{Generation, Lang};
use crate::conflict::{Offer, Weight, vote};
use crate::corpus::{Corpus, DocId, Loc};
use crate::diagnostic::Diagnostics;
use crate::model::{
    Body, Client, HttpMethod, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType,
};
use crate::reconcile::Reconciled;

/// Which rendering a guide used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rendering {
    /// Scraped text of the rendered page.
    Plain,
    /// The `<ApiMethodSpec>` component source.
    Component,
}

/// A parameter of a legacy endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Name.
    pub name: String,
    /// Type word.
    pub ty: String,
    /// Required.
    pub required: bool,
    /// Description.
    pub description: String,
    /// Where.
    pub loc: Loc,
}

/// One guide's account of a legacy endpoint.
#[derive(Clone, Debug)]
pub struct Guide {
    /// Which rendering.
    pub rendering: Rendering,
    /// The guide's title.
    pub title: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// Host (may be glued to the path in the plain rendering).
    pub host: String,
    /// Path as written (`oauth/app2wxapp/auth/:userPoolId`).
    pub path: String,
    /// Summary.
    pub summary: String,
    /// Path parameters.
    pub path_params: Vec<Param>,
    /// Body parameters.
    pub body_params: Vec<Param>,
    /// Response description.
    pub response_description: String,
    /// Response example (JavaScript object literal), parsed.
    pub response_example: Option<Js>,
    /// Where the endpoint is documented.
    pub loc: Loc,
}

/// Finds a legacy endpoint in a document, if it documents one.
pub fn find(corpus: &Corpus, id: DocId, diags: &mut Diagnostics) -> Option<Guide> {
    let text = &corpus.doc(id).text;
    if text.contains("<ApiMethodSpec") {
        component(text, id, diags)
    } else if text.contains("Path Paramter")
        || text.contains("Path Parameter")
        || text.contains("Body Paramter")
    {
        plain(text, id, diags)
    } else {
        None
    }
}

fn title(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
}

/// `name="value"` attributes of a tag; a bare attribute (`required`) maps to "".
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        rest = &rest[start..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_string();
        rest = &rest[name_len..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let end = after.find('"').unwrap_or(after.len());
            out.push((name, after[..end].to_string()));
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            out.push((name, String::new()));
        }
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn line_of(text: &str, byte: usize) -> u32 {
    text[..byte].matches('\n').count() as u32 + 1
}

fn component(text: &str, id: DocId, diags: &mut Diagnostics) -> Option<Guide> {
    let start = text.find("<ApiMethodSpec")?;
    let loc = Loc {
        doc: id,
        line: line_of(text, start),
    };
    let open_end = start + text[start..].find('>')?;
    let attrs = attributes(&text[start + "<ApiMethodSpec".len()..open_end]);
    let method = match attr(&attrs, "method")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("post") => HttpMethod::Post,
        Some("get") => HttpMethod::Get,
        other => {
            diags.warn(
                loc,
                format!("legacy endpoint with unsupported method {other:?}"),
            );
            return None;
        }
    };
    let end = text[start..]
        .find("</ApiMethodSpec>")
        .map(|e| start + e)
        .unwrap_or(text.len());
    let body = &text[open_end..end];
    let mut path_params = Vec::new();
    let mut body_params = Vec::new();
    let mut slot = "";
    let mut offset = open_end;
    for line in body.split('\n') {
        let t = line.trim();
        let here = Loc {
            doc: id,
            line: line_of(text, offset),
        };
        offset += line.len() + 1;
        if let Some(rest) = t.strip_prefix("<template slot=\"") {
            slot = rest.split('"').next().unwrap_or("");
            continue;
        }
        if let Some(rest) = t.strip_prefix("<ApiMethodParam") {
            let a = attributes(rest.trim_end_matches("/>").trim_end_matches('>'));
            let p = Param {
                name: attr(&a, "name").unwrap_or("").to_string(),
                ty: attr(&a, "type").unwrap_or("string").to_string(),
                required: attr(&a, "required").is_some(),
                description: attr(&a, "description").unwrap_or("").to_string(),
                loc: here,
            };
            match slot {
                "pathParams" => path_params.push(p),
                "bodyParams" => body_params.push(p),
                _ => {}
            }
        }
    }
    let response_description = body
        .find("<ApiMethodResponse")
        .map(|i| {
            attributes(
                &body[i + "<ApiMethodResponse".len()
                    ..body[i..].find('>').map_or(body.len(), |e| i + e)],
            )
        })
        .and_then(|a| attr(&a, "description").map(|d| d.trim_end_matches('"').to_string()))
        .unwrap_or_default();
    Some(Guide {
        rendering: Rendering::Component,
        title: title(text),
        method,
        host: attr(&attrs, "host").unwrap_or("").to_string(),
        path: attr(&attrs, "path").unwrap_or("").to_string(),
        summary: attr(&attrs, "summary").unwrap_or("").to_string(),
        path_params,
        body_params,
        response_description,
        response_example: code_object(body),
        loc,
    })
}

/// The first `{ ... }` literal in the text, parsed.
fn code_object(text: &str) -> Option<Js> {
    let start = text.find("\n{")? + 1;
    let mut depth = 0;
    for (i, c) in text[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return js_literal(&text[start..start + i + 1]);
                }
            }
            _ => {}
        }
    }
    None
}

fn plain(text: &str, id: DocId, diags: &mut Diagnostics) -> Option<Guide> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = lines.iter().enumerate().position(|(i, l)| {
        matches!(l.trim(), "POST" | "GET")
            && lines
                .get(i + 1)
                .is_some_and(|n| n.trim().starts_with("http"))
    })?;
    let loc = Loc {
        doc: id,
        line: at as u32 + 1,
    };
    let method = if lines[at].trim() == "POST" {
        HttpMethod::Post
    } else {
        HttpMethod::Get
    };
    let url = lines[at + 1].trim().to_string();
    let mut i = at + 2;
    let next_text = |i: &mut usize| -> Option<(String, u32)> {
        while *i < lines.len() && lines[*i].trim().is_empty() {
            *i += 1;
        }
        let l = lines.get(*i)?;
        *i += 1;
        Some((l.trim().to_string(), *i as u32))
    };
    let (summary, _) = next_text(&mut i)?;
    let mut path_params = Vec::new();
    let mut body_params = Vec::new();
    let mut section = String::new();
    let mut response_description = String::new();
    while let Some((l, line)) = next_text(&mut i) {
        match l.as_str() {
            "Headers" | "Path Paramter" | "Path Parameter" | "Body Paramter" | "Body Parameter"
            | "Query Paramter" | "Query Parameter" => {
                section = l.clone();
                continue;
            }
            _ => {}
        }
        if l.starts_with("200") {
            response_description = next_text(&mut i).map(|(t, _)| t).unwrap_or_default();
            break;
        }
        // name, REQUIRED|OPTIONAL, type, description
        let flag = lines.get(i).map(|s| s.trim()).unwrap_or("");
        if flag != "REQUIRED" && flag != "OPTIONAL" {
            continue;
        }
        let required = flag == "REQUIRED";
        i += 1;
        let ty = next_text(&mut i).map(|(t, _)| t).unwrap_or_default();
        let description = next_text(&mut i).map(|(t, _)| t).unwrap_or_default();
        let p = Param {
            name: l.clone(),
            ty,
            required,
            description,
            loc: Loc { doc: id, line },
        };
        if section.starts_with("Path") {
            path_params.push(p);
        } else if section.starts_with("Body") {
            body_params.push(p);
        }
    }
    let rest: String = lines[i.min(lines.len())..].join("\n");
    let example = code_object(&format!("\n{}", rest.trim_start()));
    if example.is_none() {
        diags.warn(loc, "legacy endpoint: no parsable response example");
    }
    Some(Guide {
        rendering: Rendering::Plain,
        title: None,
        method,
        host: url.clone(),
        path: url,
        summary,
        path_params,
        body_params,
        response_description,
        response_example: example,
        loc,
    })
}

/// A schema inferred from an example (properties optional: an example cannot say more).
fn infer_js(v: &Js) -> Schema {
    match v {
        Js::Json(v) => infer(v),
        Js::Object(fields) => Schema::of(SchemaType::Object(Object {
            properties: fields
                .iter()
                .map(|(k, v)| Property {
                    name: k.clone(),
                    schema: infer_js(v),
                    required: false,
                })
                .collect(),
            connection: None,
        })),
    }
}

fn infer(v: &Value) -> Schema {
    let ty = match v {
        Value::String(_) => SchemaType::String,
        Value::Bool(_) => SchemaType::Boolean,
        Value::Number(_) => SchemaType::Number,
        Value::Null => SchemaType::Any,
        Value::Array(a) => SchemaType::Array(Box::new(a.first().map(infer).unwrap_or_default())),
        Value::Object(m) => SchemaType::Object(Object {
            properties: m
                .iter()
                .map(|(k, v)| Property {
                    name: k.clone(),
                    schema: infer(v),
                    required: false,
                })
                .collect(),
            connection: None,
        }),
    };
    Schema::of(ty)
}

/// Merges the guides' legacy endpoints into the authentication API.
pub fn merge(reconciled: &mut Reconciled, mut guides: Vec<Guide>, diags: &mut Diagnostics) {
    if guides.is_empty() {
        return;
    }
    // The component's path is authoritative; a scraped URL ending with it gives its host.
    let paths: Vec<String> = guides
        .iter()
        .filter(|g| g.rendering == Rendering::Component)
        .map(|g| g.path.clone())
        .collect();
    for g in guides
        .iter_mut()
        .filter(|g| g.rendering == Rendering::Plain)
    {
        match paths.iter().find(|p| g.host.ends_with(p.as_str())) {
            Some(p) => {
                g.host = g.host[..g.host.len() - p.len()]
                    .trim_end_matches('/')
                    .to_string();
                g.path = p.clone();
            }
            None => {
                let after_scheme = g.host.find("://").map_or(0, |i| i + 3);
                let cut = g.host[after_scheme..]
                    .find('/')
                    .map_or(g.host.len(), |i| after_scheme + i);
                g.path = g.host[cut..].to_string();
                g.host.truncate(cut);
                diags.warn(g.loc, "legacy endpoint: host and path split at the first `/` (no other rendering to check against)");
            }
        }
    }
    guides.sort_by(|a, b| a.path.cmp(&b.path).then(b.rendering.cmp(&a.rendering)));
    let mut groups: Vec<Vec<Guide>> = Vec::new();
    for g in guides {
        match groups.last_mut() {
            Some(last) if last[0].path == g.path => last.push(g),
            _ => groups.push(vec![g]),
        }
    }
    let conflicts = &mut reconciled.conflicts;
    for group in groups {
        let weight = |g: &Guide| Weight {
            generation: if g.rendering == Rendering::Component {
                Generation::Newest
            } else {
                Generation::Older
            },
            lang: Lang::Other,
        };
        let path = to_template(&group[0].path);
        let what = |a: &str| format!("legacy `{path}`: {a}");
        let summary = vote(
            || what("summary"),
            &group
                .iter()
                .map(|g| Offer {
                    value: g.summary.clone(),
                    weight: weight(g),
                    loc: g.loc,
                })
                .collect::<Vec<_>>(),
            |v| v.clone(),
            conflicts,
        );
        let mut hosts: Vec<String> = group
            .iter()
            .map(|g| g.host.trim_end_matches('/').to_string())
            .collect();
        hosts.sort();
        hosts.dedup();
        let param = |list: &dyn Fn(&Guide) -> &Vec<Param>,
                     what_kind: &str,
                     conflicts: &mut Vec<_>|
         -> Vec<(Param, String)> {
            let best = &group[0];
            list(best)
                .iter()
                .map(|p| {
                    let offers: Vec<Offer<String>> = group
                        .iter()
                        .flat_map(|g| {
                            list(g)
                                .iter()
                                .filter(|q| q.name == p.name)
                                .map(move |q| Offer {
                                    value: q.description.clone(),
                                    weight: weight(g),
                                    loc: q.loc,
                                })
                        })
                        .collect();
                    let d = vote(
                        || format!("legacy `{path}`: {what_kind} `{}` description", p.name),
                        &offers,
                        |v| v.clone(),
                        conflicts,
                    )
                    .unwrap_or_default();
                    (p.clone(), d)
                })
                .collect()
        };
        let path_params: Vec<Parameter> = param(&|g| &g.path_params, "path parameter", conflicts)
            .into_iter()
            .map(|(p, d)| Parameter {
                name: p.name,
                location: ParamIn::Path,
                required: true,
                schema: Schema {
                    description: Some(d),
                    ..Schema::of(SchemaType::String)
                },
            })
            .collect();
        let body: Vec<Property> = param(&|g| &g.body_params, "body field", conflicts)
            .into_iter()
            .map(|(p, d)| Property {
                name: p.name,
                required: p.required,
                schema: Schema {
                    description: Some(d),
                    ..Schema::of(SchemaType::String)
                },
            })
            .collect();
        let best = &group[0];
        let response = best.response_example.as_ref().map(|ex| {
            let mut s = infer_js(ex);
            s.example = Some(ex.to_json());
            s
        });
        let op = Operation {
            operation_id: camel_from_slug(
                &best
                    .path
                    .split('/')
                    .filter(|s| !s.starts_with(':') && !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("-"),
            ),
            method: best.method,
            path: path.clone(),
            tag: best
                .title
                .clone()
                .or_else(|| group.iter().find_map(|g| g.title.clone())),
            summary,
            description: Some(format!(
                "Legacy endpoint (not part of the V3 API): no `{{statusCode, message, data}}` envelope. {}",
                best.response_description
            )),
            summary_en: None,
            description_en: None,
            parameters: path_params,
            body: (best.method == HttpMethod::Post).then(|| Body {
                schema: Schema::of(SchemaType::Object(Object {
                    properties: body,
                    connection: None,
                })),
                form: false,
            }),
            response,
            response_description: if best.response_description.is_empty() {
                "OK".into()
            } else {
                best.response_description.clone()
            },
            requires_login: false,
            token_endpoint: false,
            deprecated: false,
            legacy_servers: Some(hosts),
            protocol: None,
            sources: group.iter().map(|g| g.loc).collect(),
        };
        if let Some(api) = reconciled
            .apis
            .iter_mut()
            .find(|a| a.client == Client::Authentication)
        {
            api.operations.push(op);
            api.operations
                .sort_by(|a, b| a.path.cmp(&b.path).then(a.method.cmp(&b.method)));
        }
    }
}

/// `oauth/app2wxapp/auth/:userPoolId` -> `/oauth/app2wxapp/auth/{userPoolId}`.
fn to_template(path: &str) -> String {
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| {
            s.strip_prefix(':')
                .map_or_else(|| s.to_string(), |n| format!("{{{n}}}"))
        })
        .collect();
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        assert_eq!(
            to_template("oauth/app2wxapp/auth/:userPoolId"),
            "/oauth/app2wxapp/auth/{userPoolId}"
        );
        assert_eq!(to_template("/a/b"), "/a/b");
    }

    #[test]
    fn attributes_with_bare_flags() {
        assert_eq!(
            attributes(r#" name="userPoolId" type="string" required description="User Pool ID" "#),
            vec![
                ("name".to_string(), "userPoolId".to_string()),
                ("type".to_string(), "string".to_string()),
                ("required".to_string(), String::new()),
                ("description".to_string(), "User Pool ID".to_string()),
            ]
        );
    }
}
