//! The SAML 2.0 identity provider login URL of an app, as the node SDK's
//! `buildAuthorizeUrl` gives it for `protocol: "saml"`: the app's IdP endpoint under
//! `/api/v2/saml-idp/{appId}`. The SAML exchange itself (AuthnRequest, assertion) runs between
//! the browser, the service provider and Authing; the SDK only names where it starts.

use crate::AuthenticationClient;

impl AuthenticationClient {
    /// The app's SAML IdP login URL: `{app_host}/api/v2/saml-idp/{appId}` (the app id
    /// percent-encoded as one path segment).
    pub fn saml_login_url(&self) -> String {
        let app_id = self.app_id();
        self.app_url(&["api", "v2", "saml-idp", app_id]).into()
    }
}
