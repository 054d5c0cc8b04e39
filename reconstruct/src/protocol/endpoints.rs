//! The protocol endpoints as their standards define them (RFC 6749, 7009, 7662, OpenID Connect
//! Core and Session Management, CAS 2.0): path, method, parameters, form body and answer,
//! stated once.

use crate::model::HttpMethod;

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
