//! Token endpoint client authentication: how the app proves who it is on the calls the spec
//! marks `x-token-endpoint` (sign-in, token exchange...), as the app's "换取 token 身份验证方式"
//! setting in the console says.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::runtime::Secret;
use crate::runtime::request::{Body, Request};

/// The app's token endpoint authentication method (console: 换取 token 身份验证方式).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TokenEndpointAuthMethod {
    /// Nothing is added: single-page and native apps, which have no secret.
    None,
    /// `client_id` and `client_secret` go in the request body, unless the caller set them.
    #[default]
    ClientSecretPost,
    /// `authorization: Basic base64(client_id:client_secret)`, unless the caller set an
    /// `authorization` header.
    ClientSecretBasic,
}

impl TokenEndpointAuthMethod {
    /// The name the API and the console use.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenEndpointAuthMethod::None => "none",
            TokenEndpointAuthMethod::ClientSecretPost => "client_secret_post",
            TokenEndpointAuthMethod::ClientSecretBasic => "client_secret_basic",
        }
    }

    /// Authenticates the app on `request`, a token endpoint. `secret` is present unless the
    /// method is `None` (checked when the client is built).
    pub(crate) fn apply(self, request: &mut Request, app_id: &str, secret: Option<&Secret>) {
        let Some(secret) = secret else { return };
        match self {
            TokenEndpointAuthMethod::None => {}
            TokenEndpointAuthMethod::ClientSecretPost => {
                let credentials = [("client_id", app_id), ("client_secret", secret.expose())];
                match &mut request.body {
                    Body::Json(Value::Object(fields)) => {
                        for (name, value) in credentials {
                            let field = fields.entry(name).or_insert(Value::Null);
                            if field.is_null() {
                                *field = Value::from(value);
                            }
                        }
                    }
                    Body::Form(pairs) => {
                        for (name, value) in credentials {
                            if !pairs.iter().any(|(have, _)| have == name) {
                                pairs.push((name.to_owned(), value.to_owned()));
                            }
                        }
                    }
                    body @ Body::None => {
                        *body = Body::Json(
                            credentials
                                .into_iter()
                                .map(|(name, value)| (name.to_owned(), Value::from(value)))
                                .collect(),
                        );
                    }
                    // A JSON body that is not an object, or raw bytes, have no place for the
                    // credentials.
                    Body::Json(_) | Body::Binary(..) => {}
                }
            }
            TokenEndpointAuthMethod::ClientSecretBasic => {
                if !request.has_header("authorization") {
                    let credentials = STANDARD.encode(format!("{app_id}:{}", secret.expose()));
                    request
                        .headers
                        .push(("authorization", format!("Basic {credentials}")));
                }
            }
        }
    }
}

impl fmt::Display for TokenEndpointAuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The method name is not one of `none`, `client_secret_post`, `client_secret_basic`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown token endpoint auth method {0:?}: expected none, client_secret_post or client_secret_basic"
)]
pub struct UnknownTokenEndpointAuthMethod(pub String);

impl FromStr for TokenEndpointAuthMethod {
    type Err = UnknownTokenEndpointAuthMethod;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "none" => Ok(TokenEndpointAuthMethod::None),
            "client_secret_post" => Ok(TokenEndpointAuthMethod::ClientSecretPost),
            "client_secret_basic" => Ok(TokenEndpointAuthMethod::ClientSecretBasic),
            other => Err(UnknownTokenEndpointAuthMethod(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::TokenEndpointAuthMethod::{self, *};
    use crate::runtime::request::Body;
    use crate::runtime::{Method, Request, Secret};

    #[track_caller]
    fn check(
        method: TokenEndpointAuthMethod,
        request: Request,
        body: Body,
        headers: &[(&str, &str)],
    ) {
        let mut request = request.token_endpoint();
        method.apply(&mut request, "app", Some(&Secret::new("secret")));
        assert_eq!(request.body, body);
        let have: Vec<_> = request
            .headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        assert_eq!(have, headers);
    }

    fn post() -> Request {
        Request::new(Method::POST, "/api/v3/signin")
    }

    #[test]
    fn methods_add_credentials_where_the_caller_did_not() {
        let both = json!({"a": 1, "client_id": "app", "client_secret": "secret"});
        check(
            ClientSecretPost,
            post().json(&json!({"a": 1})),
            Body::Json(both.clone()),
            &[],
        );
        check(
            ClientSecretPost,
            post().json(&json!({"a": 1, "client_id": null})),
            Body::Json(both),
            &[],
        );
        check(
            ClientSecretPost,
            post().json(&json!({"client_id": "mine", "client_secret": "own"})),
            Body::Json(json!({"client_id": "mine", "client_secret": "own"})),
            &[],
        );
        check(
            ClientSecretPost,
            post(),
            Body::Json(json!({"client_id": "app", "client_secret": "secret"})),
            &[],
        );
        check(
            ClientSecretPost,
            post().form(&json!({"client_id": "mine"})),
            Body::Form(vec![
                ("client_id".into(), "mine".into()),
                ("client_secret".into(), "secret".into()),
            ]),
            &[],
        );
        check(
            ClientSecretPost,
            post().json(&json!([1])),
            Body::Json(json!([1])),
            &[],
        );
        check(
            None,
            post().json(&json!({"a": 1})),
            Body::Json(json!({"a": 1})),
            &[],
        );
        check(
            ClientSecretBasic,
            post(),
            Body::None,
            &[("authorization", "Basic YXBwOnNlY3JldA==")],
        );
        check(
            ClientSecretBasic,
            post().header("Authorization", "Bearer x"),
            Body::None,
            &[("Authorization", "Bearer x")],
        );
    }

    #[test]
    fn names_round_trip() {
        for method in [None, ClientSecretPost, ClientSecretBasic] {
            assert_eq!(
                method.as_str().parse::<TokenEndpointAuthMethod>(),
                Ok(method)
            );
        }
        assert!(
            "client_secret_jwt"
                .parse::<TokenEndpointAuthMethod>()
                .is_err()
        );
    }
}
