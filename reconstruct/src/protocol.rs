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
    Body, Client, HttpMethod, Object, Operation, ParamIn, Parameter, Property, Schema, SchemaType,
};
use crate::reconcile::Reconciled;
use crate::rules::Rule;

/// The protocol an endpoint belongs to: the value of its `x-protocol`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// OpenID Connect (`/oidc/*`).
    Oidc,
    /// Plain OAuth 2.0 (`/oauth/*`).
    OAuth2,
    /// CAS (`/cas-idp/*`).
    Cas,
}

impl Protocol {
    /// `oidc` / `oauth2` / `cas`.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Oidc => "oidc",
            Protocol::OAuth2 => "oauth2",
            Protocol::Cas => "cas",
        }
    }
}

/// What a protocol endpoint answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Plain JSON (RFC 6749 errors), with these fields (`name`, required, type, description).
    Json(&'static [Field]),
    /// Plain JSON without a fixed shape (userinfo claims, a key set).
    FreeJson,
    /// An empty 200 (revocation).
    Empty,
    /// A text body of this media type (CAS ticket validation).
    Text(&'static str),
    /// A `302` to the app or the provider's pages: a URL a browser opens, not a call.
    Redirect,
}

/// A field of a form body, a query or a JSON answer: name, required, type, description.
pub type Field = (&'static str, bool, Scalar, &'static str);

/// The scalar types the protocol fields use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// `string`.
    Str,
    /// `integer`.
    Int,
    /// `boolean`.
    Bool,
}

/// One protocol endpoint, as its standard defines it.
#[derive(Debug)]
pub struct Endpoint {
    /// The protocol.
    pub protocol: Protocol,
    /// operationId.
    pub operation_id: &'static str,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template; `{appId}` is a path parameter.
    pub path: &'static str,
    /// Summary.
    pub summary: &'static str,
    /// Query parameters.
    pub query: &'static [Field],
    /// Form body fields (`application/x-www-form-urlencoded`); empty: no body.
    pub form: &'static [Field],
    /// The app's client authentication applies (`x-token-endpoint`).
    pub token_endpoint: bool,
    /// Needs the user's access token (`Authorization: Bearer`).
    pub requires_login: bool,
    /// The answer.
    pub answer: Answer,
}

use Scalar::{Bool, Int, Str};

const AUTHORIZE_QUERY: &[Field] = &[
    ("client_id", true, Str, "The app ID."),
    (
        "redirect_uri",
        true,
        Str,
        "Where the provider sends the user back; one of the app's callback URLs.",
    ),
    (
        "response_type",
        true,
        Str,
        "`code` for the authorization code flow.",
    ),
    (
        "scope",
        false,
        Str,
        "Space-separated scopes (`openid profile offline_access`).",
    ),
    (
        "state",
        false,
        Str,
        "An opaque value returned unchanged in the callback (CSRF protection).",
    ),
    (
        "nonce",
        false,
        Str,
        "A value copied into the id token (replay protection).",
    ),
    ("prompt", false, Str, "`none`, `login` or `consent`."),
    (
        "response_mode",
        false,
        Str,
        "`query`, `fragment` or `form_post`.",
    ),
    (
        "code_challenge",
        false,
        Str,
        "PKCE: the challenge derived from the code verifier.",
    ),
    (
        "code_challenge_method",
        false,
        Str,
        "PKCE: `S256` or `plain`.",
    ),
];

const TOKEN_FORM: &[Field] = &[
    (
        "grant_type",
        true,
        Str,
        "`authorization_code`, `refresh_token`, `client_credentials` or `password`.",
    ),
    (
        "code",
        false,
        Str,
        "`authorization_code`: the code of the callback.",
    ),
    (
        "redirect_uri",
        false,
        Str,
        "`authorization_code`: the `redirect_uri` of the authorization request.",
    ),
    (
        "code_verifier",
        false,
        Str,
        "`authorization_code` with PKCE: the verifier of the challenge.",
    ),
    (
        "refresh_token",
        false,
        Str,
        "`refresh_token`: the refresh token.",
    ),
    (
        "scope",
        false,
        Str,
        "`client_credentials` and `refresh_token`: the scopes asked for.",
    ),
    ("username", false, Str, "`password`: the user's name."),
    ("password", false, Str, "`password`: the user's password."),
    (
        "client_id",
        false,
        Str,
        "The app ID: needed under client authentication `none` (`client_secret_post` fills it in).",
    ),
];

const TOKEN_ANSWER: &[Field] = &[
    ("access_token", true, Str, "The access token."),
    ("token_type", true, Str, "`Bearer`."),
    (
        "expires_in",
        false,
        Int,
        "Lifetime of the access token in seconds.",
    ),
    (
        "refresh_token",
        false,
        Str,
        "The refresh token (scope `offline_access`).",
    ),
    ("id_token", false, Str, "The id token (scope `openid`)."),
    ("scope", false, Str, "The scopes granted."),
];

const REVOKE_FORM: &[Field] = &[
    ("token", true, Str, "The access or refresh token to revoke."),
    (
        "token_type_hint",
        false,
        Str,
        "`access_token` or `refresh_token`.",
    ),
    (
        "client_id",
        false,
        Str,
        "The app ID: needed under client authentication `none` (`client_secret_post` fills it in).",
    ),
];

const INTROSPECT_FORM: &[Field] = &[
    ("token", true, Str, "The token to inspect."),
    (
        "token_type_hint",
        false,
        Str,
        "`access_token` or `refresh_token`.",
    ),
    (
        "client_id",
        false,
        Str,
        "The app ID: needed under client authentication `none` (`client_secret_post` fills it in).",
    ),
];

const INTROSPECT_ANSWER: &[Field] = &[
    (
        "active",
        true,
        Bool,
        "Whether the token is valid (not expired, not revoked).",
    ),
    ("scope", false, Str, "Its scopes."),
    ("client_id", false, Str, "The app it was issued to."),
    ("token_type", false, Str, "Its type."),
    ("exp", false, Int, "Expiry (seconds since the epoch)."),
    ("iat", false, Int, "Issue time (seconds since the epoch)."),
    ("sub", false, Str, "The user."),
    ("iss", false, Str, "The issuer."),
];

const END_SESSION_QUERY: &[Field] = &[
    (
        "id_token_hint",
        false,
        Str,
        "The id token of the session to end.",
    ),
    (
        "post_logout_redirect_uri",
        false,
        Str,
        "Where the provider sends the user after logout.",
    ),
    ("state", false, Str, "An opaque value returned unchanged."),
];

const CAS_VALIDATE_QUERY: &[Field] = &[
    (
        "service",
        true,
        Str,
        "The service URL the ticket was issued for.",
    ),
    ("ticket", true, Str, "The service ticket."),
];

const CAS_SERVICE_QUERY: &[Field] =
    &[("service", false, Str, "Where the user is sent afterwards.")];

const CAS_LOGOUT_QUERY: &[Field] = &[("url", false, Str, "Where the user is sent after logout.")];

/// OAuth 2.0 and OpenID Connect share these endpoints under two prefixes.
macro_rules! twins {
    ($($protocol:ident $prefix:literal $id:literal;)*) => {
        &[$(
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "Authorize"), method: HttpMethod::Get,
                path: concat!($prefix, "/auth"), summary: "Authorization endpoint (RFC 6749 3.1): the URL a browser opens to sign in.",
                query: AUTHORIZE_QUERY, form: &[], token_endpoint: false, requires_login: false, answer: Answer::Redirect },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "Token"), method: HttpMethod::Post,
                path: concat!($prefix, "/token"), summary: "Token endpoint (RFC 6749 3.2): a code, refresh token, client credentials or password for tokens.",
                query: &[], form: TOKEN_FORM, token_endpoint: true, requires_login: false, answer: Answer::Json(TOKEN_ANSWER) },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "RevokeToken"), method: HttpMethod::Post,
                path: concat!($prefix, "/token/revocation"), summary: "Token revocation (RFC 7009).",
                query: &[], form: REVOKE_FORM, token_endpoint: true, requires_login: false, answer: Answer::Empty },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "IntrospectToken"), method: HttpMethod::Post,
                path: concat!($prefix, "/token/introspection"), summary: "Token introspection (RFC 7662).",
                query: &[], form: INTROSPECT_FORM, token_endpoint: true, requires_login: false, answer: Answer::Json(INTROSPECT_ANSWER) },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "UserInfo"), method: HttpMethod::Get,
                path: concat!($prefix, "/me"), summary: "Userinfo endpoint (OpenID Connect Core 5.3): the claims of the access token's user.",
                query: &[], form: &[], token_endpoint: false, requires_login: true, answer: Answer::FreeJson },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "EndSession"), method: HttpMethod::Get,
                path: concat!($prefix, "/session/end"), summary: "End-session endpoint (OpenID Connect RP-Initiated Logout): the URL a browser opens to log out.",
                query: END_SESSION_QUERY, form: &[], token_endpoint: false, requires_login: false, answer: Answer::Redirect },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "Discovery"), method: HttpMethod::Get,
                path: concat!($prefix, "/.well-known/openid-configuration"), summary: "Discovery (OpenID Connect Discovery 4): the provider's configuration.",
                query: &[], form: &[], token_endpoint: false, requires_login: false, answer: Answer::FreeJson },
            Endpoint { protocol: Protocol::$protocol, operation_id: concat!($id, "Jwks"), method: HttpMethod::Get,
                path: concat!($prefix, "/.well-known/jwks.json"), summary: "The provider's signing keys (RFC 7517 JWK set).",
                query: &[], form: &[], token_endpoint: false, requires_login: false, answer: Answer::FreeJson },
        )*]
    };
}

const OAUTH: &[Endpoint] = twins! {
    Oidc "/oidc" "oidc";
    OAuth2 "/oauth" "oauth";
};

const CAS: &[Endpoint] = &[
    Endpoint {
        protocol: Protocol::Cas,
        operation_id: "casLogin",
        method: HttpMethod::Get,
        path: "/cas-idp/{appId}/login",
        summary: "CAS login (CAS 2.0 2.1): the URL a browser opens to sign in; the user comes back to `service` with a ticket.",
        query: CAS_SERVICE_QUERY,
        form: &[],
        token_endpoint: false,
        requires_login: false,
        answer: Answer::Redirect,
    },
    Endpoint {
        protocol: Protocol::Cas,
        operation_id: "casValidate",
        method: HttpMethod::Get,
        path: "/cas-idp/{appId}/validate",
        summary: "CAS 1.0 ticket validation (CAS 2.0 2.4): `yes\\n<user>\\n` or `no\\n\\n`.",
        query: CAS_VALIDATE_QUERY,
        form: &[],
        token_endpoint: false,
        requires_login: false,
        answer: Answer::Text("text/plain"),
    },
    Endpoint {
        protocol: Protocol::Cas,
        operation_id: "casServiceValidate",
        method: HttpMethod::Get,
        path: "/cas-idp/{appId}/serviceValidate",
        summary: "CAS 2.0 ticket validation (CAS 2.0 2.5): a `cas:serviceResponse` XML document.",
        query: CAS_VALIDATE_QUERY,
        form: &[],
        token_endpoint: false,
        requires_login: false,
        answer: Answer::Text("text/xml"),
    },
    Endpoint {
        protocol: Protocol::Cas,
        operation_id: "casAppLogout",
        method: HttpMethod::Get,
        path: "/cas-idp/{appId}/logout",
        summary: "CAS logout of one app (CAS 2.0 2.3): the URL a browser opens.",
        query: CAS_SERVICE_QUERY,
        form: &[],
        token_endpoint: false,
        requires_login: false,
        answer: Answer::Redirect,
    },
    Endpoint {
        protocol: Protocol::Cas,
        operation_id: "casLogout",
        method: HttpMethod::Get,
        path: "/cas-idp/logout",
        summary: "CAS logout (CAS 2.0 2.3): the URL a browser opens.",
        query: CAS_LOGOUT_QUERY,
        form: &[],
        token_endpoint: false,
        requires_login: false,
        answer: Answer::Redirect,
    },
];

/// Every protocol endpoint the rule knows, OAuth / OIDC first.
pub fn endpoints() -> impl Iterator<Item = &'static Endpoint> {
    OAUTH.iter().chain(CAS)
}

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
