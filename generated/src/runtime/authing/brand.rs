//! [`Brand`]: Authing or GenAuth, the two names the same API is deployed under.

/// Which deployment a client talks to. It decides the header prefix (`x-authing-*` or
/// `x-genauth-*`) and the default hosts; everything else is the same API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Brand {
    /// Authing (authing.cn): `x-authing-*` headers, `https://api.authing.cn`.
    #[default]
    Authing,
    /// GenAuth (genauth.ai): `x-genauth-*` headers, `https://api.genauth.ai`.
    GenAuth,
}

impl Brand {
    /// The prefix of the brand's own headers (`x-authing-app-id`, `x-genauth-app-id`...).
    pub const fn header_prefix(self) -> &'static str {
        match self {
            Brand::Authing => "x-authing",
            Brand::GenAuth => "x-genauth",
        }
    }

    /// The public API host: the management client's default host.
    pub const fn api_host(self) -> &'static str {
        match self {
            Brand::Authing => "https://api.authing.cn",
            Brand::GenAuth => "https://api.genauth.ai",
        }
    }

    /// The host of the pre-V3 ("core") endpoints, such as the WeChat mini program ticket
    /// exchange.
    pub const fn core_host(self) -> &'static str {
        match self {
            Brand::Authing => "https://core.authing.cn",
            Brand::GenAuth => "https://core.genauth.ai",
        }
    }

    /// Whether `base_url` is one of the brands' public core hosts, as a spec's operation-level
    /// `servers` entry names it.
    pub(crate) fn is_public_core_host(base_url: &str) -> bool {
        let base_url = base_url.trim_end_matches('/');
        [Brand::Authing, Brand::GenAuth]
            .iter()
            .any(|brand| brand.core_host() == base_url)
    }
}
