//! The SAML 2.0 identity provider login URL of an app, as the node SDK's
//! `buildAuthorizeUrl` gives it for `protocol: "saml"`: the app's IdP endpoint under
//! `/api/v2/saml-idp/{appId}`. The SAML exchange itself (AuthnRequest, assertion) runs between
//! the browser, the service provider and Authing; the SDK only names where it starts.

use crate::AuthenticationClient;

impl AuthenticationClient {
    /// The app's SAML IdP login URL: `{app_host}/api/v2/saml-idp/{appId}` (the app id
    /// percent-encoded as one path segment).
    pub fn saml_login_url(&self) -> String {
        let mut url = reqwest::Url::parse(self.app_host()).expect("the app host is a valid URL");
        url.path_segments_mut()
            .expect("the app host is an http(s) URL")
            .pop_if_empty()
            .extend(["api", "v2", "saml-idp", self.app_id()]);
        url.into()
    }
}
