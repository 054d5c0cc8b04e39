//! Redirects: which `30x` answers the transport follows, and the error for the others.
//!
//! reqwest's own redirect handling is off (`Policy::none()`): it re-sends a `307` / `308` body
//! to any origin, so a sign-in answered with a redirect would hand the password and the app
//! secret to whoever the `location` names. The transport decides here instead, knowing the
//! request's method and body.

use std::fmt;

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::error::Operation;

/// The most redirects followed for one request; one more is [`RedirectRefusal::TooMany`].
pub const MAX_REDIRECTS: usize = 5;

/// Which redirects (`301`, `302`, `303`, `307`, `308` with a `location`) a client follows.
///
/// Whatever the policy, a redirect to another origin (scheme, host or port), which includes
/// every `https` to `http` downgrade, is never followed: requests carry credentials (the app's
/// headers, a token, a password in the body) meant for the configured host only. A redirect not
/// followed is [`Error::Redirect`](crate::Error::Redirect), naming the `location`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectPolicy {
    /// Follow none.
    None,
    /// Follow same-origin redirects of `GET` and `HEAD` requests (the default). A request with
    /// a body is never sent again: a `307` would repeat a sign-in, and a `303` would turn it into
    /// a `GET` whose answer is not the sign-in's.
    #[default]
    SameOriginGetHead,
    /// Follow same-origin redirects of every request: `307` and `308` send the same method and
    /// body again; `301`, `302` and `303` continue as a `GET` without body (`HEAD` stays `HEAD`),
    /// as browsers do.
    SameOrigin,
}

impl RedirectPolicy {
    /// Whether a same-origin redirect of a `method` request may be followed.
    pub(crate) fn may_follow(self, method: &Method) -> bool {
        match self {
            Self::None => false,
            Self::SameOriginGetHead => matches!(*method, Method::GET | Method::HEAD),
            Self::SameOrigin => true,
        }
    }
}

/// Why a redirect was not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// The `location` is on another origin (scheme, host or port).
    OtherOrigin,
    /// The `location` is `http` and the request was `https`.
    Downgrade,
    /// The client's [`RedirectPolicy`] does not follow this one.
    Policy,
    /// More than [`MAX_REDIRECTS`] redirects in a row.
    TooMany,
    /// The `location` is not a URL.
    InvalidLocation,
}

impl fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OtherOrigin => "another origin",
            Self::Downgrade => "a downgrade from https to http",
            Self::Policy => "not followed by the client's redirect policy",
            Self::TooMany => "too many redirects",
            Self::InvalidLocation => "not a valid URL",
        })
    }
}

/// A redirect the client did not follow.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: HTTP {status} redirect to {location} not followed: {reason}")]
#[non_exhaustive]
pub struct RedirectError {
    /// The call.
    pub operation: Operation,
    /// The redirect's status.
    pub status: StatusCode,
    /// The `location`, resolved against the request's URL, without user info, query or
    /// fragment (they may carry credentials: `?…` stands for a query that was there).
    pub location: String,
    /// Why it was not followed.
    pub reason: RedirectRefusal,
}

/// The next hop of a followed redirect.
#[derive(Debug)]
pub(crate) struct Hop {
    pub(crate) url: Url,
    pub(crate) method: Method,
    /// Whether the body goes again (`307`, `308`); otherwise it is dropped.
    pub(crate) keep_body: bool,
}

/// What to do with an answer `status` with `headers` to `method` on `from`, after `hops`
/// followed redirects: `None` when it is not a redirect, the next hop, or why not.
pub(crate) fn next(
    policy: RedirectPolicy,
    method: &Method,
    from: &Url,
    status: StatusCode,
    headers: &HeaderMap,
    hops: usize,
) -> Option<Result<Hop, (RedirectRefusal, String)>> {
    let keep_body = match status {
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT => true,
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER => false,
        _ => return None,
    };
    let location = headers.get(LOCATION)?;
    let Some(url) = location
        .to_str()
        .ok()
        .and_then(|text| from.join(text.trim()).ok())
    else {
        let text = String::from_utf8_lossy(location.as_bytes());
        let shown = text.split(['?', '#']).next().unwrap_or("");
        return Some(Err((RedirectRefusal::InvalidLocation, shown.to_owned())));
    };
    let shown = shown(&url);
    let refusal = if from.scheme() == "https" && url.scheme() == "http" {
        Some(RedirectRefusal::Downgrade)
    } else if url.origin() != from.origin() {
        Some(RedirectRefusal::OtherOrigin)
    } else if !policy.may_follow(method) {
        Some(RedirectRefusal::Policy)
    } else if hops >= MAX_REDIRECTS {
        Some(RedirectRefusal::TooMany)
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return Some(Err((refusal, shown)));
    }
    let method = if keep_body || *method == Method::HEAD {
        method.clone()
    } else {
        Method::GET
    };
    Some(Ok(Hop {
        url,
        method,
        keep_body,
    }))
}

/// `url` as an error shows it: origin and path, `?…` for a query, no user info or fragment.
fn shown(url: &Url) -> String {
    let mut text = format!("{}{}", url.origin().ascii_serialization(), url.path());
    if url.query().is_some() {
        text.push_str("?…");
    }
    text
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue, LOCATION};
    use reqwest::{Method, StatusCode, Url};

    use super::{RedirectPolicy, RedirectRefusal, next};

    /// A followed redirect's `(method, url, keep_body)`, a refusal with the location shown, or
    /// `None` for an answer that is no redirect.
    type Outcome<'a> = Option<Result<(Method, &'a str, bool), (RedirectRefusal, &'a str)>>;

    /// What `policy` does with `status` to `location` for `method` on `https://h/a/b` after
    /// `hops` redirects: `Ok((method, url, keep_body))`, `Err((refusal, shown location))`, or
    /// `None` for no redirect.
    #[track_caller]
    fn check(
        policy: RedirectPolicy,
        method: Method,
        status: u16,
        location: Option<&str>,
        hops: usize,
        expected: Outcome<'_>,
    ) {
        let mut headers = HeaderMap::new();
        if let Some(location) = location {
            headers.insert(LOCATION, HeaderValue::from_str(location).unwrap());
        }
        let from = Url::parse("https://h/a/b").unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        let actual = next(policy, &method, &from, status, &headers, hops)
            .map(|next| next.map(|hop| (hop.method, hop.url.to_string(), hop.keep_body)));
        let expected = expected.map(|e| {
            e.map(|(m, u, k)| (m, u.to_owned(), k))
                .map_err(|(r, s)| (r, s.to_owned()))
        });
        assert_eq!(actual, expected, "{status} {location:?}");
    }

    use Method as M;
    use RedirectPolicy as P;
    use RedirectRefusal as R;

    #[test]
    fn only_redirect_statuses_with_a_location_are_redirects() {
        for status in [200, 300, 304, 305, 404, 503] {
            check(P::SameOrigin, M::GET, status, Some("/c"), 0, None);
        }
        check(P::SameOrigin, M::GET, 302, None, 0, None);
    }

    #[test]
    fn same_origin_redirects_follow_the_policy() {
        check(
            P::SameOriginGetHead,
            M::GET,
            302,
            Some("/c"),
            0,
            Some(Ok((M::GET, "https://h/c", false))),
        );
        check(
            P::SameOriginGetHead,
            M::GET,
            308,
            Some("c"),
            0,
            Some(Ok((M::GET, "https://h/a/c", true))),
        );
        check(
            P::SameOriginGetHead,
            M::HEAD,
            303,
            Some("https://h:443/c"),
            0,
            Some(Ok((M::HEAD, "https://h/c", false))),
        );
        check(
            P::SameOriginGetHead,
            M::POST,
            307,
            Some("/c"),
            0,
            Some(Err((R::Policy, "https://h/c"))),
        );
        check(
            P::SameOriginGetHead,
            M::POST,
            303,
            Some("/c"),
            0,
            Some(Err((R::Policy, "https://h/c"))),
        );
        check(
            P::None,
            M::GET,
            301,
            Some("/c"),
            0,
            Some(Err((R::Policy, "https://h/c"))),
        );
        check(
            P::SameOrigin,
            M::POST,
            307,
            Some("/c"),
            0,
            Some(Ok((M::POST, "https://h/c", true))),
        );
        check(
            P::SameOrigin,
            M::PUT,
            308,
            Some("/c"),
            0,
            Some(Ok((M::PUT, "https://h/c", true))),
        );
        check(
            P::SameOrigin,
            M::POST,
            301,
            Some("/c"),
            0,
            Some(Ok((M::GET, "https://h/c", false))),
        );
        check(
            P::SameOrigin,
            M::DELETE,
            303,
            Some("/c"),
            0,
            Some(Ok((M::GET, "https://h/c", false))),
        );
        check(
            P::SameOrigin,
            M::GET,
            302,
            Some("/c"),
            4,
            Some(Ok((M::GET, "https://h/c", false))),
        );
        check(
            P::SameOrigin,
            M::GET,
            302,
            Some("/c"),
            5,
            Some(Err((R::TooMany, "https://h/c"))),
        );
    }

    #[test]
    fn other_origins_and_downgrades_are_never_followed() {
        for policy in [P::None, P::SameOriginGetHead, P::SameOrigin] {
            check(
                policy,
                M::GET,
                302,
                Some("https://evil/c"),
                0,
                Some(Err((R::OtherOrigin, "https://evil/c"))),
            );
            check(
                policy,
                M::POST,
                307,
                Some("https://h:8443/c"),
                0,
                Some(Err((R::OtherOrigin, "https://h:8443/c"))),
            );
            check(
                policy,
                M::GET,
                301,
                Some("//evil/c"),
                0,
                Some(Err((R::OtherOrigin, "https://evil/c"))),
            );
            check(
                policy,
                M::GET,
                308,
                Some("http://h/c"),
                0,
                Some(Err((R::Downgrade, "http://h/c"))),
            );
            check(
                policy,
                M::GET,
                302,
                Some("https://u:p@evil/c?code=1#f"),
                0,
                Some(Err((R::OtherOrigin, "https://evil/c?…"))),
            );
            check(
                policy,
                M::GET,
                302,
                Some("http://[::1"),
                0,
                Some(Err((R::InvalidLocation, "http://[::1"))),
            );
        }
    }
}
