//! [`Rule::ProtocolEndpoint`]: the OpenID Connect, OAuth 2.0 and CAS endpoints, which the
//! reference pages only show inside their hand-written protocol guides (example URLs) and the
//! packages only call from hand-written helpers (literal URLs). Neither renders their fields, so
//! an endpoint's shape comes from the standard that defines it (RFC 6749, 7009, 7662, OpenID
//! Connect Core and Session Management, CAS 2.0), stated once in [`endpoints`]; its presence and
//! its `x-source` come from the corpus: every document line that spells its path is a witness,
//! and an endpoint no line spells is not emitted.

use crate::conflict::Conflict;
use crate::corpus::{Corpus, Loc};
use crate::model::{
    Body, Client, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType,
};
use crate::reconcile::Reconciled;
use crate::rules::Rule;

mod endpoints;

use Scalar::{Bool, Int, Str};
pub use endpoints::{Answer, Endpoint, Field, Protocol, Scalar, endpoints};

/// Whether `line` spells `template` (a `{name}` matches one path segment as any package or
/// page writes it: `5f17...`, `${this.options.appId}`, `%s`), followed by no more path.
pub fn spells(line: &str, template: &str) -> bool {
    let parts: Vec<&str> = template.split('/').skip(1).collect();
    let mut from = 0;
    while let Some(at) = line[from..].find('/') {
        let start = from + at;
        if let Some(end) = match_at(&line[start..], &parts) {
            let rest = &line[start + end..];
            let more = rest
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || "/-_.".contains(c));
            if !more {
                return true;
            }
        }
        from = start + 1;
    }
    false
}

/// The length of the match of `/part/part...` at the start of `s`, if it matches.
fn match_at(s: &str, parts: &[&str]) -> Option<usize> {
    let mut at = 0;
    for part in parts {
        let rest = s[at..].strip_prefix('/')?;
        at += 1;
        if part.starts_with('{') {
            let len = rest
                .find(|c: char| "/?&#\"'` \t".contains(c))
                .unwrap_or(rest.len());
            if len == 0 {
                return None;
            }
            at += len;
        } else {
            rest.strip_prefix(part)?;
            at += part.len();
        }
    }
    Some(at)
}

/// Every line of the corpus that spells the endpoint's path, in corpus order.
fn witnesses(corpus: &Corpus, endpoint: &Endpoint) -> Vec<Loc> {
    let mut out = Vec::new();
    for id in corpus.ids() {
        for (n, line) in corpus.doc(id).text.lines().enumerate() {
            if spells(line, endpoint.path) {
                out.push(Loc {
                    doc: id,
                    line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                });
            }
        }
    }
    out
}

fn schema(ty: Scalar, description: &str) -> Schema {
    Schema {
        description: Some(description.to_owned()),
        ..Schema::of(match ty {
            Str => SchemaType::String,
            Int => SchemaType::Integer,
            Bool => SchemaType::Boolean,
        })
    }
}

fn object(fields: &[Field]) -> Schema {
    Schema::of(SchemaType::Object(Object {
        properties: fields
            .iter()
            .map(|&(name, required, ty, description)| Property {
                name: name.to_owned(),
                schema: schema(ty, description),
                required,
            })
            .collect(),
        connection: None,
    }))
}

/// The operation of a witnessed endpoint.
fn operation(endpoint: &'static Endpoint, sources: Vec<Loc>) -> Operation {
    let mut parameters: Vec<Parameter> = endpoint
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| Parameter {
            name: name.to_owned(),
            location: ParamIn::Path,
            required: true,
            schema: schema(Str, "The app ID."),
        })
        .collect();
    parameters.extend(
        endpoint
            .query
            .iter()
            .map(|&(name, required, ty, d)| Parameter {
                name: name.to_owned(),
                location: ParamIn::Query,
                required,
                schema: schema(ty, d),
            }),
    );
    let (response, response_description) = match endpoint.answer {
        Answer::Json(fields) => (Some(object(fields)), "OK"),
        Answer::FreeJson => (Some(Schema::of(SchemaType::FreeObject)), "OK"),
        Answer::Text(_) => (Some(Schema::of(SchemaType::String)), "OK"),
        Answer::Empty => (None, "OK"),
        Answer::Redirect => (None, "A redirect (`Location`) for the browser."),
    };
    Operation {
        operation_id: endpoint.operation_id.to_owned(),
        method: endpoint.method,
        path: endpoint.path.to_owned(),
        tag: Some(endpoint.protocol.name().to_owned()),
        summary: Some(endpoint.summary.to_owned()),
        description: Some(
            "Protocol endpoint (`x-protocol`): plain protocol answers and RFC 6749 errors \
             (`{\"error\", \"error_description\"}`), not the V3 `{statusCode, message, data}` envelope."
                .to_owned(),
        ),
        summary_en: None,
        description_en: None,
        parameters,
        body: (!endpoint.form.is_empty()).then(|| Body {
            schema: object(endpoint.form),
            form: true,
        }),
        response,
        response_description: response_description.to_owned(),
        requires_login: endpoint.requires_login,
        token_endpoint: endpoint.token_endpoint,
        deprecated: false,
        legacy_servers: None,
        protocol: Some(endpoint),
        sources,
    }
}

/// Adds every witnessed protocol endpoint to the authentication API. An operation the other
/// rules already recovered at the same method and path is replaced, and the conflict reported.
pub fn merge(reconciled: &mut Reconciled, corpus: &Corpus) {
    let Some(api) = reconciled
        .apis
        .iter_mut()
        .find(|a| a.client == Client::Authentication)
    else {
        return;
    };
    for endpoint in endpoints() {
        let sources = witnesses(corpus, endpoint);
        if sources.is_empty() {
            continue;
        }
        let op = operation(endpoint, sources);
        let same = |o: &Operation| o.path == op.path && o.method == op.method;
        if let Some(old) = api.operations.iter().position(same) {
            let old = api.operations.remove(old);
            reconciled.conflicts.push(Conflict {
                subject: format!("authentication {} {}: operation", op.method.name(), op.path),
                candidates: vec![
                    (old.operation_id, old.sources),
                    (op.operation_id.clone(), op.sources.clone()),
                ],
                winner: op.operation_id.clone(),
                rule: Rule::ProtocolEndpoint,
            });
        }
        api.operations.push(op);
    }
    api.operations
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.method.cmp(&b.method)));
}

#[cfg(test)]
mod tests {
    use super::spells;

    fn check(line: &str, template: &str, expected: bool) {
        assert_eq!(spells(line, template), expected, "{line:?} ~ {template}");
    }

    #[test]
    fn lines_that_spell_a_path() {
        check("      api = `/oidc/token`;", "/oidc/token", true);
        check(
            "      api = `/oidc/token/revocation`;",
            "/oidc/token",
            false,
        );
        check(
            "      api = `/oidc/token/revocation`;",
            "/oidc/token/revocation",
            true,
        );
        check("https://a.authing.cn/oidc/auth?state=1", "/oidc/auth", true);
        check(
            "see /federation/oidc/authorization-code/",
            "/oidc/auth",
            false,
        );
        check(
            "const api = `/cas-idp/${this.options.appId}/validate`;",
            "/cas-idp/{appId}/validate",
            true,
        );
        check(
            "url = '/cas-idp/%s/validate?service=%s' % x",
            "/cas-idp/{appId}/validate",
            true,
        );
        check(
            "https://a.cn/cas-idp/5f17/login?service=x",
            "/cas-idp/{appId}/login",
            true,
        );
        check("\"/cas-idp/logout?url=\"", "/cas-idp/{appId}/logout", false);
        check("\"/cas-idp/logout?url=\"", "/cas-idp/logout", true);
        check(
            "url: \"/oidc/.well-known/jwks.json\",",
            "/oidc/.well-known/jwks.json",
            true,
        );
        check("/oidc/me", "/oidc/me", true);
        check("/oidc/meta", "/oidc/me", false);
    }
}
