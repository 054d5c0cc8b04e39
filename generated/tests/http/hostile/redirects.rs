//! Redirects × 30x codes: nothing reaches another origin, `https` never goes down to `http`, a
//! body is never re-sent unless the policy says so, and every redirect not followed is
//! `Error::Redirect` naming its location.

use authing::runtime::{
    ApiClient, Client, Method, RedirectPolicy, RedirectRefusal, Request, RetryPolicy,
};
use authing::{AuthenticationClient, Error, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};

use super::bounded;
use super::server::{Reply, Server};
use crate::support::{APP_SECRET, token_endpoint_request};

const CODES: [u16; 5] = [301, 302, 303, 307, 308];

/// Sends `method` (with a JSON password body unless `GET`) to `/start` of a server answering
/// `status` to `/next` on the same origin or on `other`, under `policy`. Returns what the first
/// server saw after `/start` (`METHOD /next body`), or why the redirect was refused; the other
/// origin must have seen no connection at all.
async fn run(
    policy: RedirectPolicy,
    method: Method,
    status: u16,
    other_origin: bool,
) -> Result<Vec<String>, RedirectRefusal> {
    let other = Server::start(|_| Reply::json("{}")).await;
    let next = if other_origin {
        format!("{}/next", other.url)
    } else {
        "/next".to_owned()
    };
    let server = Server::start(move |request| match request.target() {
        "/start" => Reply::redirect(status, &next),
        _ => Reply::json(r#"{"at":"next"}"#),
    })
    .await;
    let client = Client::builder(&server.url)
        .retry(RetryPolicy::none())
        .redirects(policy)
        .build()
        .unwrap();
    let mut request = Request::new(method.clone(), "/start");
    if method != Method::GET {
        request = request.json(&json!({"password": "pw-shh"}));
    }
    let result = bounded(client.execute::<Value>(request)).await;
    assert_eq!(
        other.connections(),
        0,
        "{status}: the other origin was contacted"
    );
    let seen: Vec<String> = server.received()[1..]
        .iter()
        .map(|r| format!("{} {}", r.line, String::from_utf8_lossy(&r.body)))
        .map(|line| line.replace(" HTTP/1.1", "").trim_end().to_owned())
        .collect();
    match result {
        Ok(body) => {
            assert_eq!(body, json!({"at": "next"}));
            Ok(seen)
        }
        Err(Error::Redirect(error)) => {
            assert!(seen.is_empty(), "{status}: refused, yet sent {seen:?}");
            assert_eq!(error.status.as_u16(), status);
            let shown = error.to_string();
            assert!(shown.contains("/next not followed"), "{shown}");
            assert!(!shown.contains("pw-shh") && !format!("{error:?}").contains("pw-shh"));
            Err(error.reason)
        }
        Err(other) => panic!("{status}: {other:?}"),
    }
}

#[track_caller]
fn expect(
    actual: Result<Vec<String>, RedirectRefusal>,
    expected: Result<&[&str], RedirectRefusal>,
) {
    let expected = expected.map(|lines| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>());
    assert_eq!(actual, expected);
}

#[tokio::test]
async fn redirects_to_another_origin_are_never_followed() {
    for status in CODES {
        for policy in [
            RedirectPolicy::SameOriginGetHead,
            RedirectPolicy::SameOrigin,
        ] {
            for method in [Method::GET, Method::POST] {
                let result = run(policy, method, status, true).await;
                expect(result, Err(RedirectRefusal::OtherOrigin));
            }
        }
    }
}

#[tokio::test]
async fn same_origin_redirects_follow_the_policy() {
    use RedirectPolicy as P;
    for status in CODES {
        let resend = matches!(status, 307 | 308);
        // The default: GET follows, a request with a body does not.
        expect(
            run(P::SameOriginGetHead, Method::GET, status, false).await,
            Ok(&["GET /next"]),
        );
        expect(
            run(P::SameOriginGetHead, Method::POST, status, false).await,
            Err(RedirectRefusal::Policy),
        );
        expect(
            run(P::None, Method::GET, status, false).await,
            Err(RedirectRefusal::Policy),
        );
        let post = run(P::SameOrigin, Method::POST, status, false).await;
        if resend {
            expect(post, Ok(&[r#"POST /next {"password":"pw-shh"}"#]));
        } else {
            expect(post, Ok(&["GET /next"]));
        }
    }
}

#[tokio::test]
async fn a_redirect_loop_ends_after_the_maximum() {
    let server = Server::start(|_| Reply::redirect(302, "/again")).await;
    let client = Client::builder(&server.url).build().unwrap();
    let error = bounded(client.execute::<Value>(Request::new(Method::GET, "/start")))
        .await
        .unwrap_err();
    let Error::Redirect(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.reason, RedirectRefusal::TooMany);
    assert_eq!(server.received().len(), authing::runtime::MAX_REDIRECTS + 1);
}

#[tokio::test]
async fn a_sign_in_redirected_elsewhere_sends_no_credential_there() {
    let other = Server::start(|_| Reply::json("{}")).await;
    for status in CODES {
        let location = format!("{}/steal?from=sign-in", other.url);
        let server = Server::start(move |_| Reply::redirect(status, &location)).await;
        let client = AuthenticationClient::builder()
            .app_id("app-1")
            .app_secret(APP_SECRET)
            .app_host(&server.url)
            .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretPost)
            .build()
            .unwrap();
        let request = token_endpoint_request(&json!({"passCode": "1234", "password": "pw-shh"}));
        let error = bounded(client.execute::<Value>(request)).await.unwrap_err();
        let Error::Redirect(error) = &error else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(error.reason, RedirectRefusal::OtherOrigin);
        assert_eq!(error.location, format!("{}/steal?…", other.url));
        let sent = &server.received()[0];
        assert!(String::from_utf8_lossy(&sent.body).contains(APP_SECRET));
    }
    assert_eq!(other.connections(), 0);
}

/// `https://localhost:<port>` answering `/start` with `status` to `location(its own URL)`,
/// and a client of it trusting its certificate, under `policy`: what `method /start` gives and
/// the server's connection count (a followed downgrade would be a second, plain connection).
async fn over_tls(
    policy: RedirectPolicy,
    method: Method,
    status: u16,
    location: fn(&str) -> String,
) -> (Result<Value, Error>, usize) {
    let target = Arc::new(OnceLock::<String>::new());
    let known = target.clone();
    let (server, certificate) = Server::start_tls(move |request| match request.target() {
        "/start" => Reply::redirect(status, known.get().expect("set")),
        _ => Reply::json(r#"{"at":"next"}"#),
    })
    .await;
    target.set(location(&server.url)).unwrap();
    let client = Client::builder(&server.url)
        .root_certificate(certificate)
        .retry(RetryPolicy::none())
        .redirects(policy)
        .build()
        .unwrap();
    let mut request = Request::new(method.clone(), "/start");
    if method != Method::GET {
        request = request.json(&json!({"password": "pw-shh"}));
    }
    let result = bounded(client.execute::<Value>(request)).await;
    (result, server.connections())
}

#[tokio::test]
async fn https_never_goes_down_to_http() {
    // The control: the TLS server's own redirect is followed.
    let (result, _) = over_tls(RedirectPolicy::SameOrigin, Method::GET, 302, |_| {
        "/next".to_owned()
    })
    .await;
    assert_eq!(result.unwrap(), json!({"at": "next"}));
    // The same host and port, `http`: never, whatever the policy, code and method.
    let downgrade = |url: &str| format!("{}/next", url.replacen("https:", "http:", 1));
    for status in CODES {
        for policy in [
            RedirectPolicy::SameOriginGetHead,
            RedirectPolicy::SameOrigin,
        ] {
            for method in [Method::GET, Method::POST] {
                let (result, connections) =
                    over_tls(policy, method.clone(), status, downgrade).await;
                let case = format!("{status} {policy:?} {method}");
                let Err(Error::Redirect(error)) = result else {
                    panic!("{case}: {result:?}")
                };
                assert_eq!(error.reason, RedirectRefusal::Downgrade, "{case}");
                assert!(error.location.starts_with("http://localhost:"), "{case}");
                assert_eq!(connections, 1, "{case}: the http URL was contacted");
            }
        }
    }
}
