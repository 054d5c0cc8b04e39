//! One-click login (seed 002, the Android SDK's `signInByOneAuth`): the app gets a `token` and
//! an operator `accessToken` from the NetEase Yidun SDK, and signs the user in with them through
//! the `yidun` connection of `signInByMobile`. The answer is the user's tokens.

use crate::generated::authentication::{
    LoginTokenResponseDataDto, SignInByMobileOptionsDto, SignInByYidunPayloadDto,
    SigninByMobileDto, SigninByMobileDtoConnection,
};
use crate::{AuthenticationClient, Error};

impl AuthenticationClient {
    /// Signs in with NetEase Yidun one-click login: `token` (易盾 token) and `access_token`
    /// (运营商授权码) from the Yidun SDK, through the external identity source connection
    /// `ext_idp_connidentifier` of type `yidun`. A token endpoint: the app authenticates with
    /// the configured [`TokenEndpointAuthMethod`](crate::TokenEndpointAuthMethod).
    pub async fn sign_in_by_one_auth(
        &self,
        ext_idp_connidentifier: &str,
        token: &str,
        access_token: &str,
        options: Option<SignInByMobileOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let payload = SignInByYidunPayloadDto {
            token: Some(token.to_owned()),
            access_token: Some(access_token.to_owned()),
        };
        self.sign_in_by_mobile(&SigninByMobileDto {
            ext_idp_connidentifier: ext_idp_connidentifier.to_owned(),
            connection: SigninByMobileDtoConnection::Yidun(payload),
            options,
            client_id: None,
            client_secret: None,
        })
        .await
    }
}
