//! The app launches the WeChat mini program "Mini Login" to sign the user in with their phone
//! number (seeds 003 / 004, "Login with Mini Program in Mobile APP"):
//!
//! 1. the app launches the mini program through WechatOpenSDK with a [`MiniProgramLaunch`]
//!    (user name and path);
//! 2. the mini program answers with a query string (`code`, `message`, `ticket`), read by
//!    [`MiniProgramCallback::parse`];
//! 3. the app (or better its server, which holds the user pool secret) exchanges the ticket for
//!    the user and their token: [`AuthenticationClient::exchange_mini_program_ticket`], the
//!    legacy `POST /oauth/app2wxapp/auth/{userPoolId}` on the core host.
//!
//! The launch path is `/routers/explore`. The guide gives the path twice: its parameter list
//! says `/routers/explore` (in both the English and the GenAuth copies) and its Swift sample
//! writes `/routes/explore`. We follow the parameter list: it is the normative statement, while
//! the sample is illustrative and visibly loose elsewhere too (it hard-codes the `test` build of
//! the mini program and puts the ticket in the query string of the exchange, which the same
//! page documents as a body field). [`MiniProgramLaunch::page`] overrides the page for a
//! private build of Mini Login.

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::AuthenticationClient;
use crate::runtime::{ApiClient, COMPONENT, Error, Method, Request, Secret};

/// The user name (original id) of Authing's "Mini Login" mini program.
pub const MINI_LOGIN_USER_NAME: &str = "gh_a781a791e29e";

/// The page of Mini Login that an app opens.
pub const MINI_LOGIN_PAGE: &str = "/routers/explore";

/// Which build of the mini program WeChat opens (`WXLaunchMiniProgramReq.miniProgramType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MiniProgramType {
    /// The released version (`0`).
    #[default]
    Release,
    /// The development build (`1`).
    Test,
    /// The trial build (`2`).
    Preview,
}

impl MiniProgramType {
    /// The value WechatOpenSDK takes.
    pub const fn as_i32(self) -> i32 {
        match self {
            MiniProgramType::Release => 0,
            MiniProgramType::Test => 1,
            MiniProgramType::Preview => 2,
        }
    }
}

/// What the app gives WechatOpenSDK (`WXLaunchMiniProgramReq`) to launch Mini Login.
///
/// ```
/// use authing::mini_program::MiniProgramLaunch;
///
/// let launch = MiniProgramLaunch::new("5e4cdd055df3df65dc58b97d")?;
/// assert_eq!(launch.user_name(), "gh_a781a791e29e");
/// assert_eq!(
///     launch.path(),
///     "/routers/explore?userPoolId=5e4cdd055df3df65dc58b97d&getPhone=1&fromApp=1&useSelfWxapp=0"
/// );
/// # Ok::<(), authing::mini_program::MiniProgramError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiniProgramLaunch {
    user_pool_id: String,
    get_phone: bool,
    page: String,
    mini_program_type: MiniProgramType,
}

impl MiniProgramLaunch {
    /// Launches Mini Login for the user pool `user_pool_id`, asking for the user's phone
    /// number, on the released build.
    pub fn new(user_pool_id: impl Into<String>) -> Result<Self, MiniProgramError> {
        let user_pool_id = user_pool_id.into().trim().to_owned();
        if user_pool_id.is_empty() {
            return Err(MiniProgramError::EmptyUserPoolId);
        }
        Ok(Self {
            user_pool_id,
            get_phone: true,
            page: MINI_LOGIN_PAGE.to_owned(),
            mini_program_type: MiniProgramType::Release,
        })
    }

    /// Whether the mini program asks for the user's phone number (`getPhone=1`, default) or
    /// not (`getPhone=0`).
    pub fn get_phone(mut self, get_phone: bool) -> Self {
        self.get_phone = get_phone;
        self
    }

    /// The build WeChat opens (default the released one).
    pub fn mini_program_type(mut self, mini_program_type: MiniProgramType) -> Self {
        self.mini_program_type = mini_program_type;
        self
    }

    /// Another page than [`MINI_LOGIN_PAGE`], for a private build of Mini Login.
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = page.into();
        self
    }

    /// `WXLaunchMiniProgramReq.userName`.
    pub fn user_name(&self) -> &'static str {
        MINI_LOGIN_USER_NAME
    }

    /// `WXLaunchMiniProgramReq.path`: the page with `userPoolId` (URL-encoded), `getPhone`,
    /// `fromApp=1` and `useSelfWxapp=0`.
    pub fn path(&self) -> String {
        format!(
            "{}?userPoolId={}&getPhone={}&fromApp=1&useSelfWxapp=0",
            self.page,
            utf8_percent_encode(&self.user_pool_id, COMPONENT),
            u8::from(self.get_phone),
        )
    }

    /// `WXLaunchMiniProgramReq.miniProgramType`.
    pub fn mini_program_type_value(&self) -> MiniProgramType {
        self.mini_program_type
    }
}

/// What Mini Login returned to the app (`WXLaunchMiniProgramResp.extMsg`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiniProgramCallback {
    /// The business status code: 200 means the user authorised.
    pub code: i64,
    /// The prompt message, if any.
    pub message: Option<String>,
    /// The ticket to exchange for the user; present when `code` is 200. Valid two minutes.
    pub ticket: Option<Secret>,
}

impl MiniProgramCallback {
    /// Parses the query string Mini Login returns (`code=200&message=...&ticket=...`; a leading
    /// `?` is accepted). Values are percent-decoded (`+` stays a plus). Unknown keys are
    /// ignored; an empty string, a pair without `=`, a repeated or badly encoded key, a missing
    /// or non-numeric `code`, or a success without a ticket is an error.
    pub fn parse(query: &str) -> Result<Self, MiniProgramError> {
        let query = query.trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.is_empty() {
            return Err(MiniProgramError::EmptyCallback);
        }
        let (mut code, mut message, mut ticket) = (None, None, None);
        for (index, pair) in query.split('&').enumerate() {
            let (key, value) = pair
                .split_once('=')
                .ok_or(MiniProgramError::MalformedPair {
                    position: index + 1,
                })?;
            let key = decode(key).map_err(|()| MiniProgramError::InvalidEncoding {
                key: key.to_owned(),
            })?;
            let slot = match key.as_str() {
                "code" => &mut code,
                "message" => &mut message,
                "ticket" => &mut ticket,
                _ => continue,
            };
            if slot.is_some() {
                return Err(MiniProgramError::DuplicateKey { key });
            }
            *slot = Some(decode(value).map_err(|()| MiniProgramError::InvalidEncoding { key })?);
        }
        let code = code.ok_or(MiniProgramError::MissingField { field: "code" })?;
        let code = code
            .trim()
            .parse()
            .map_err(|_| MiniProgramError::InvalidCode { value: code })?;
        let ticket = ticket.filter(|ticket| !ticket.is_empty()).map(Secret::new);
        if code == 200 && ticket.is_none() {
            return Err(MiniProgramError::MissingField { field: "ticket" });
        }
        Ok(Self {
            code,
            message: message.filter(|message| !message.is_empty()),
            ticket,
        })
    }

    /// The ticket, or the mini program's refusal (`code` other than 200) as an error.
    pub fn into_ticket(self) -> Result<Secret, MiniProgramError> {
        match (self.code, self.ticket) {
            (200, Some(ticket)) => Ok(ticket),
            (code, _) => Err(MiniProgramError::Rejected {
                code,
                message: self.message.unwrap_or_default(),
            }),
        }
    }
}

fn decode(text: &str) -> Result<String, ()> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| ())
}

/// A mini program launch or answer that cannot be used. Never carries the ticket.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MiniProgramError {
    /// The user pool id to launch with is empty.
    #[error("the user pool id is empty")]
    EmptyUserPoolId,
    /// The mini program returned an empty string.
    #[error("the mini program's answer is empty")]
    EmptyCallback,
    /// A `&`-separated part has no `=`.
    #[error("the mini program's answer is malformed: part {position} is not `key=value`")]
    MalformedPair {
        /// 1-based position of the part.
        position: usize,
    },
    /// A key or value is not valid percent-encoded UTF-8.
    #[error("the mini program's answer is malformed: `{key}` is not valid percent-encoded UTF-8")]
    InvalidEncoding {
        /// The key (as received when the key itself is the problem).
        key: String,
    },
    /// A key appears twice.
    #[error("the mini program's answer is malformed: `{key}` appears twice")]
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// A required key is missing.
    #[error("the mini program's answer has no `{field}`")]
    MissingField {
        /// The key.
        field: &'static str,
    },
    /// `code` is not a number.
    #[error("the mini program's answer has a non-numeric code {value:?}")]
    InvalidCode {
        /// The value received.
        value: String,
    },
    /// The mini program reported a failure (the user refused, the launch was invalid...).
    #[error("the mini program answered code {code}: {message}")]
    Rejected {
        /// The `code`.
        code: i64,
        /// The `message`.
        message: String,
    },
}

/// The user the ticket exchange returns: the pre-V3 user object with the user's `token`.
#[derive(Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MiniProgramUser {
    /// The user id (`_id`).
    #[serde(rename = "_id")]
    pub id: String,
    /// The user's identity token, to send as `authorization: Bearer ...` to your backend.
    pub token: Secret,
    /// When the token expires (ISO 8601).
    pub token_expired_at: Option<String>,
    /// The phone number the user authorised.
    pub phone: Option<String>,
    /// The user name.
    pub username: Option<String>,
    /// The nickname.
    pub nickname: Option<String>,
    /// The avatar URL.
    pub photo: Option<String>,
    /// The WeChat open id.
    pub openid: Option<String>,
    /// The WeChat union id.
    pub unionid: Option<String>,
    /// How the user registered (`oauth:app2wxapp`).
    pub register_method: Option<String>,
    /// Every other field of the user object, as received.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl fmt::Debug for MiniProgramUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MiniProgramUser")
            .field("id", &self.id)
            .field("token", &self.token)
            .field("token_expired_at", &self.token_expired_at)
            .field("phone", &self.phone)
            .field("username", &self.username)
            .field("nickname", &self.nickname)
            .field("register_method", &self.register_method)
            .field("other", &self.other.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl AuthenticationClient {
    /// Exchanges a Mini Login `ticket` for the user and their token: the legacy
    /// `POST /oauth/app2wxapp/auth/{userPoolId}` on the core host (the brand's, or the one the
    /// builder set). `user_pool_secret` is required unless the user pool allows the exchange
    /// without it (a setting of the pool); keep it on a server, never in an app.
    pub async fn exchange_mini_program_ticket(
        &self,
        user_pool_id: &str,
        ticket: &Secret,
        user_pool_secret: Option<&Secret>,
    ) -> Result<MiniProgramUser, Error> {
        let mut body = Map::new();
        body.insert("ticket".to_owned(), ticket.expose().into());
        if let Some(secret) = user_pool_secret {
            body.insert("secret".to_owned(), secret.expose().into());
        }
        let request = Request::new(Method::POST, "/oauth/app2wxapp/auth/{userPoolId}")
            .operation_id("exchangeMiniProgramTicket")
            .server(self.brand().core_host())
            .path_param("userPoolId", user_pool_id)
            .unwrapped()
            .json(&body);
        ApiClient::execute(self, request).await
    }
}

#[cfg(test)]
mod tests {
    use super::{MiniProgramCallback, MiniProgramError, MiniProgramLaunch, MiniProgramType};
    use crate::runtime::Secret;

    #[track_caller]
    fn check(query: &str, expected: Result<(i64, Option<&str>, Option<&str>), MiniProgramError>) {
        let actual = MiniProgramCallback::parse(query);
        let expected = expected.map(|(code, message, ticket)| MiniProgramCallback {
            code,
            message: message.map(str::to_owned),
            ticket: ticket.map(Secret::new),
        });
        assert_eq!(actual, expected, "{query:?}");
    }

    #[test]
    fn callbacks_are_parsed() {
        check(
            "code=200&message=ok&ticket=abc",
            Ok((200, Some("ok"), Some("abc"))),
        );
        check("?ticket=abc&code=200", Ok((200, None, Some("abc"))));
        check(
            "code=200&ticket=a%2Bb%3D%3D&message=%E6%88%90%E5%8A%9F",
            Ok((200, Some("成功"), Some("a+b=="))),
        );
        check("code=200&ticket=a+b", Ok((200, None, Some("a+b"))));
        check("code=200&ticket=t&extra=1&=", Ok((200, None, Some("t"))));
        check(
            "code=500&message=user%20denied",
            Ok((500, Some("user denied"), None)),
        );
        check("code=500&message=&ticket=", Ok((500, None, None)));
    }

    #[test]
    fn malformed_callbacks_are_rejected() {
        use MiniProgramError::*;
        check("", Err(EmptyCallback));
        check("  ?", Err(EmptyCallback));
        check("code=200&ticket", Err(MalformedPair { position: 2 }));
        check("code=200&&ticket=t", Err(MalformedPair { position: 2 }));
        check(
            "code=200&ticket=t&code=500",
            Err(DuplicateKey { key: "code".into() }),
        );
        check("message=hi&ticket=t", Err(MissingField { field: "code" }));
        check("code=ok&ticket=t", Err(InvalidCode { value: "ok".into() }));
        check("code=200", Err(MissingField { field: "ticket" }));
        check("code=200&ticket=", Err(MissingField { field: "ticket" }));
        check(
            "code=200&ticket=%FF",
            Err(InvalidEncoding {
                key: "ticket".into(),
            }),
        );
        check(
            "co%FFde=200",
            Err(InvalidEncoding {
                key: "co%FFde".into(),
            }),
        );
    }

    #[test]
    fn a_refusal_is_an_error_without_the_ticket() {
        let refused = MiniProgramCallback::parse("code=403&message=denied").unwrap();
        assert_eq!(
            refused.into_ticket(),
            Err(MiniProgramError::Rejected {
                code: 403,
                message: "denied".into()
            })
        );
        let accepted = MiniProgramCallback::parse("code=200&ticket=t").unwrap();
        assert_eq!(accepted.into_ticket(), Ok(Secret::new("t")));
    }

    #[test]
    fn launch_paths_are_encoded() {
        let launch = MiniProgramLaunch::new("pool id/&=")
            .unwrap()
            .get_phone(false);
        assert_eq!(
            launch.path(),
            "/routers/explore?userPoolId=pool%20id%2F%26%3D&getPhone=0&fromApp=1&useSelfWxapp=0"
        );
        let launch = MiniProgramLaunch::new("p")
            .unwrap()
            .page("/pages/login")
            .mini_program_type(MiniProgramType::Test);
        assert_eq!(
            launch.path(),
            "/pages/login?userPoolId=p&getPhone=1&fromApp=1&useSelfWxapp=0"
        );
        assert_eq!(launch.mini_program_type_value().as_i32(), 1);
        assert_eq!(
            MiniProgramLaunch::new("  "),
            Err(MiniProgramError::EmptyUserPoolId)
        );
    }
}
