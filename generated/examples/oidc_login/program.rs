//! The login server: `GET /` sends the browser to the provider (state, nonce, PKCE S256), the
//! provider sends it back to `GET /callback`, where the code is exchanged, the id token
//! validated, and the user printed and shown.
//!
//! The login in progress is kept server-side, keyed by a random session cookie
//! (`HttpOnly; SameSite=Lax`): a callback arriving without the cookie of the browser that
//! started the login is refused, and so is one whose `state` is not that login's.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use authing::oidc::{AuthorizationRequest, Oidc, PendingAuthorization};
use authing::{AuthenticationClient, TokenEndpointAuthMethod};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The session cookie's name.
const COOKIE_NAME: &str = "oidc_login";

/// The most logins in progress at once; more are refused (503) rather than kept.
const MAX_PENDING: usize = 1024;

/// Which provider and app, and where the server answers.
pub struct Config {
    /// The issuer (`https://example.authing.cn/oidc`, or any OpenID provider).
    pub issuer: String,
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret (none for a public app).
    pub client_secret: Option<String>,
    /// How the app authenticates at the token endpoint.
    pub auth_method: TokenEndpointAuthMethod,
    /// The redirect URI registered for the app: this server's `/callback`.
    pub redirect_uri: String,
    /// The scopes asked for.
    pub scope: String,
}

/// The signed-in user, from the validated id token and the userinfo endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    /// The subject.
    pub sub: String,
    /// The name, when the provider gave one.
    pub name: Option<String>,
    /// The email, when the provider gave one.
    pub email: Option<String>,
}

struct App {
    oidc: Oidc,
    config: Config,
    pending: Mutex<HashMap<String, PendingAuthorization>>,
    logins: mpsc::UnboundedSender<SignedIn>,
}

type Reply = Response<Full<Bytes>>;

/// Serves logins on `listener` until `logins` users have signed in (forever for `None`),
/// printing each; returns them.
pub async fn run(
    config: Config,
    listener: TcpListener,
    logins: Option<usize>,
) -> Result<Vec<SignedIn>, String> {
    let mut builder = AuthenticationClient::builder()
        .app_id(&config.client_id)
        .app_host(&config.issuer)
        .token_endpoint_auth_method(config.auth_method);
    if let Some(secret) = &config.client_secret {
        builder = builder.app_secret(secret.as_str());
    }
    let oidc = builder
        .build()
        .and_then(|client| client.oidc().issuer(&config.issuer).build())
        .map_err(|error| format!("configuration: {error}"))?;
    let (sender, mut receiver) = mpsc::unbounded_channel();
    let app = Arc::new(App {
        oidc,
        config,
        pending: Mutex::new(HashMap::new()),
        logins: sender,
    });
    let server = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let app = Arc::clone(&app);
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let app = Arc::clone(&app);
                    async move { Ok::<_, Infallible>(app.handle(request).await) }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                if let Err(error) = connection.await {
                    eprintln!("connection: {error}");
                }
            });
        }
    });
    let mut signed_in = Vec::new();
    while logins.is_none_or(|wanted| signed_in.len() < wanted) {
        let Some(user) = receiver.recv().await else {
            break;
        };
        println!(
            "signed in: sub={} name={} email={}",
            user.sub,
            user.name.as_deref().unwrap_or("-"),
            user.email.as_deref().unwrap_or("-")
        );
        signed_in.push(user);
    }
    server.abort();
    Ok(signed_in)
}

impl App {
    async fn handle(&self, request: Request<Incoming>) -> Reply {
        match request.uri().path() {
            "/" => self.start().await,
            "/callback" => self.callback(&request).await,
            _ => page(StatusCode::NOT_FOUND, "not found"),
        }
    }

    /// Sends the browser to the provider, remembering the login under a new session cookie.
    async fn start(&self) -> Reply {
        let request = AuthorizationRequest::new(&self.config.redirect_uri)
            .scope(&self.config.scope)
            .prompt("consent");
        let (url, pending) = match self.oidc.authorization_url(request).await {
            Ok(started) => started,
            Err(error) => return page(StatusCode::BAD_GATEWAY, &format!("provider: {error}")),
        };
        let session = session_id();
        {
            let mut logins = self.pending.lock().expect("not poisoned");
            if logins.len() >= MAX_PENDING {
                return page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "too many logins in progress",
                );
            }
            logins.insert(session.clone(), pending);
        }
        let cookie = format!("{COOKIE_NAME}={session}; Path=/; HttpOnly; SameSite=Lax");
        Response::builder()
            .status(StatusCode::FOUND)
            .header(LOCATION, url)
            .header(SET_COOKIE, cookie)
            .body(Full::new(Bytes::new()))
            .expect("valid response")
    }

    /// Finishes the login of this browser's session.
    async fn callback(&self, request: &Request<Incoming>) -> Reply {
        let session = request
            .headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE_NAME)
            .map(|(_, value)| value.to_owned());
        let pending = session.and_then(|id| self.pending.lock().expect("not poisoned").remove(&id));
        let Some(pending) = pending else {
            return page(
                StatusCode::BAD_REQUEST,
                "no login in progress in this browser",
            );
        };
        let query = request.uri().query().unwrap_or_default();
        let callback_url = format!("{}?{query}", self.config.redirect_uri);
        let login = match self.oidc.handle_callback(&pending, &callback_url).await {
            Ok(login) => login,
            Err(error) => return page(StatusCode::UNAUTHORIZED, &format!("login failed: {error}")),
        };
        let Some(claims) = login.id_token else {
            return page(StatusCode::BAD_GATEWAY, "the provider returned no id token");
        };
        let info = self.oidc.userinfo(&login.tokens.access_token).await.ok();
        let user = SignedIn {
            name: claims
                .name
                .or_else(|| info.as_ref().and_then(|i| i.name.clone())),
            email: claims
                .email
                .or_else(|| info.as_ref().and_then(|i| i.email.clone())),
            sub: claims.sub,
        };
        let text = format!("Signed in as {}", user.name.as_deref().unwrap_or(&user.sub));
        let _ = self.logins.send(user);
        page(StatusCode::OK, &text)
    }
}

/// A plain-text page.
fn page(status: StatusCode, text: &str) -> Reply {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Full::new(Bytes::from(text.to_owned())))
        .expect("valid response")
}

/// 16 random bytes as hex.
fn session_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
