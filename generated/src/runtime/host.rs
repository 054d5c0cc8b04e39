//! [`BaseUrl`]: a host as users write it, normalised into the base every path is appended to.

use reqwest::Url;

use super::error::ConfigError;

/// An `http(s)://host[:port][/prefix]` URL without a trailing `/`, query or fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BaseUrl(String);

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
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
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
        if !url.username().is_empty() || url.password().is_some() {
            // The value is not repeated: it holds a credential.
            return Err(ConfigError::InvalidHost {
                client,
                field,
                value: "<redacted>".to_owned(),
                reason: "credentials do not belong in the host".to_owned(),
            });
        }
        Ok(Self(url.as_str().trim_end_matches('/').to_owned()))
    }

    /// The URL, without a trailing `/`.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
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
    }
}
