//! The headers every Authing request carries: the brand's `x-*-app-id` / `x-*-userpool-id`,
//! tenant, language, SDK name and version; and [`Language`].

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::Brand;
use crate::runtime::{ConfigError, SDK_VERSION, Secret};

/// The language of the API's `message`s (header `x-*-lang`); the server's default is `zh-CN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese, `zh-CN`.
    ZhCn,
    /// English, `en-US`.
    EnUs,
    /// Japanese, `ja-JP`.
    JaJp,
    /// Traditional Chinese, `zh-TW`.
    ZhTw,
}

impl Language {
    /// The header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
            Language::JaJp => "ja-JP",
            Language::ZhTw => "zh-TW",
        }
    }
}

/// Builds a client's default header map, naming the builder `field` in errors.
pub(crate) struct DefaultHeaders {
    client: &'static str,
    prefix: &'static str,
    map: HeaderMap,
}

impl DefaultHeaders {
    /// The headers all clients of `brand` send: `x-*-request-from` and `x-*-sdk-version`.
    pub(crate) fn new(client: &'static str, brand: Brand) -> Self {
        let mut headers = Self {
            client,
            prefix: brand.header_prefix(),
            map: HeaderMap::new(),
        };
        headers.map.insert(
            headers.name("request-from"),
            HeaderValue::from_static("sdk-rust"),
        );
        headers.map.insert(
            headers.name("sdk-version"),
            HeaderValue::from_static(SDK_VERSION),
        );
        headers
    }

    /// Adds `x-*-{suffix}: value` when there is a value; `field` names the builder method.
    pub(crate) fn brand(
        mut self,
        suffix: &str,
        field: &'static str,
        value: Option<&str>,
    ) -> Result<Self, ConfigError> {
        if let Some(value) = value {
            let value =
                HeaderValue::try_from(value).map_err(|_| ConfigError::InvalidHeaderValue {
                    client: self.client,
                    field,
                })?;
            self.map.insert(self.name(suffix), value);
        }
        Ok(self)
    }

    pub(crate) fn finish(self) -> HeaderMap {
        self.map
    }

    fn name(&self, suffix: &str) -> HeaderName {
        HeaderName::try_from(format!("{}-{suffix}", self.prefix))
            .expect("brand header names are valid")
    }
}

/// `authorization: Bearer <token>`, marked sensitive so that it is never printed.
pub(crate) fn bearer(token: &Secret) -> Option<HeaderValue> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose())).ok()?;
    value.set_sensitive(true);
    Some(value)
}
