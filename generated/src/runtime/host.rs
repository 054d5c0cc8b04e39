//! [`BaseUrl`]: a host as users write it, normalised into the base every path is appended to.

use reqwest::Url;

use super::error::ConfigError;
use super::path::is_dot_segment;

/// An `http(s)://host[:port][/prefix]` URL without a trailing `/`, query or fragment, kept
/// parsed too: a request's URL is this one with its path and query set, which spares parsing
/// the host again on every request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    text: String,
    url: Url,
}

impl BaseUrl {
    /// Normalises `input` (the value of builder method `field` of `client`): surrounding spaces
    /// trimmed, `https://` added when there is no scheme, trailing `/` removed. `http://` is
    /// kept as given (local and private deployments).
    pub(crate) fn parse(
        client: &'static str,
        field: &'static str,
        input: &str,
    ) -> Result<Self, ConfigError> {
        let invalid = |reason: &str| ConfigError::InvalidHost {
            client,
            field,
            value: input.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ConfigError::Missing { client, field });
        }
        // The URL parser drops tabs and line breaks, reads `\` as `/`, and takes `http:/host`
        // for host `http`: each would send requests somewhere else than what was written.
        if trimmed.chars().any(char::is_control) {
            return Err(invalid(
                "a host has no control characters (line breaks, tabs...)",
            ));
        }
        if trimmed.contains('\\') {
            return Err(invalid("a host has no `\\`"));
        }
        let with_scheme = match trimmed.split_once("://") {
            Some(_) => trimmed.to_owned(),
            None => {
                if let Some((scheme, rest)) = trimmed.split_once(':')
                    && is_scheme(scheme)
                    && !rest.is_empty()
                    && !rest.starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(invalid(&format!(
                        "`{scheme}:` must be followed by `//` (`{scheme}://host`)"
                    )));
                }
                format!("https://{trimmed}")
            }
        };
        let rest = with_scheme.split_once("://").map_or("", |(_, rest)| rest);
        let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
        if authority.contains('@') {
            // The value is not repeated: it holds a credential.
            return Err(ConfigError::InvalidHost {
                client,
                field,
                value: "<redacted>".to_owned(),
                reason: "credentials do not belong in the host".to_owned(),
            });
        }
        let url = Url::parse(&with_scheme).map_err(|error| invalid(&error.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("the scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("there is no host name"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("a host has no query or fragment"));
        }
        if path.split('/').any(is_dot_segment) {
            return Err(invalid("the path prefix has a `.` or `..` segment"));
        }
        Ok(Self {
            text: url.as_str().trim_end_matches('/').to_owned(),
            url,
        })
    }

    /// The URL, without a trailing `/`.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The URL, parsed.
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }
}

/// Whether `text` is a URL scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::BaseUrl;

    #[track_caller]
    fn check(input: &str, expected: Result<&str, &str>) {
        let actual = BaseUrl::parse("Client", "host", input);
        match (actual, expected) {
            (Ok(url), Ok(expected)) => assert_eq!(url.as_str(), expected),
            (Err(error), Err(expected)) => {
                let message = error.to_string();
                assert!(
                    message.contains(expected),
                    "{message:?} should contain {expected:?}"
                );
            }
            (actual, expected) => panic!("{input:?}: got {actual:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn hosts_are_normalised() {
        check("example.authing.cn", Ok("https://example.authing.cn"));
        check(
            "https://example.authing.cn/",
            Ok("https://example.authing.cn"),
        );
        check(
            "  https://example.authing.cn//  ",
            Ok("https://example.authing.cn"),
        );
        check("http://localhost:3000", Ok("http://localhost:3000"));
        check("http://localhost:3000/", Ok("http://localhost:3000"));
        check("localhost:3000", Ok("https://localhost:3000"));
        check("127.0.0.1:8080", Ok("https://127.0.0.1:8080"));
        check("http://[::1]:8080/", Ok("http://[::1]:8080"));
        check(
            "https://authing.example.com/api/",
            Ok("https://authing.example.com/api"),
        );
        check(
            "HTTPS://Example.Authing.CN",
            Ok("https://example.authing.cn"),
        );
    }

    #[test]
    fn bad_hosts_are_rejected_with_a_reason() {
        check("", Err("`host` is required"));
        check("   ", Err("`host` is required"));
        check("ftp://example.com", Err("the scheme must be http or https"));
        check("https://", Err("empty host"));
        check(
            "https://example.com/?a=1",
            Err("a host has no query or fragment"),
        );
        check(
            "https://example.com/#top",
            Err("a host has no query or fragment"),
        );
        check(
            "https://user:pw@example.com",
            Err("credentials do not belong in the host"),
        );
        check("https://exa mple.com", Err("invalid"));
        check("http:/example.com", Err("`http:` must be followed by `//`"));
        check(
            "https:example.com",
            Err("`https:` must be followed by `//`"),
        );
        check("HTTP:/example.com", Err("`HTTP:` must be followed by `//`"));
        check("localhost:", Ok("https://localhost"));
        check("localhost:x", Err("`localhost:` must be followed by `//`"));
        check("example.com\r\n/x", Err("no control characters"));
        check("https://exa\nmple.com", Err("no control characters"));
        check("https://example.com/a\tb", Err("no control characters"));
        check("https://example.com\u{0}", Err("no control characters"));
        check("https://evil.com\\@example.com", Err("no `\\`"));
        check(
            "https://@example.com",
            Err("credentials do not belong in the host"),
        );
        check(
            "user@example.com",
            Err("credentials do not belong in the host"),
        );
        check("https://example.com/a/../b", Err("a `.` or `..` segment"));
        check("https://example.com/%2e", Err("a `.` or `..` segment"));
        check(
            "https://example.com?",
            Err("a host has no query or fragment"),
        );
        check(
            "https://example.com#",
            Err("a host has no query or fragment"),
        );
        check("https://example.com/a@b", Ok("https://example.com/a@b"));
        check("https://example.com:443/", Ok("https://example.com"));
        check("https://example.com:8443/", Ok("https://example.com:8443"));
        check("https://example.com/.well", Ok("https://example.com/.well"));
    }

    #[test]
    fn rejected_values_are_shown_escaped_and_credentials_never() {
        let error = BaseUrl::parse("Client", "host", "a\r\nb")
            .unwrap_err()
            .to_string();
        assert!(error.contains(r#"("a\r\nb")"#), "{error}");
        let error = BaseUrl::parse("Client", "host", "https://u:pw@h")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("pw"), "{error}");
    }
}
