//! Signs a user in with a mobile social login credential (`signInByMobile`) and prints the
//! tokens.
//!
//! ```text
//! AUTHING_APP_ID=... AUTHING_APP_SECRET=... AUTHING_APP_HOST=https://example.authing.cn \
//!     cargo run --example sign_in_by_mobile -- <connection> <code> <extIdpConnidentifier>
//! ```
//!
//! `<connection>` is one of the API's connection values (`wechat`, `apple`, `github`,
//! `facebook`...); `<code>` is what the provider's mobile SDK returned: the one-time `code`, or
//! the `access_token` for the providers that give one (facebook, qq, weibo, line, amazon), or
//! `token:accessToken` for `yidun`. `<extIdpConnidentifier>` is the identifier of the identity
//! source connection in the console.
//!
//! Without `AUTHING_APP_SECRET` the app authenticates with `none`; otherwise with
//! `AUTHING_TOKEN_ENDPOINT_AUTH_METHOD` (`client_secret_post` by default, or
//! `client_secret_basic`). `AUTHING_APP_HOST` may be any host, `http://localhost:3000` included;
//! `AUTHING_BRAND=genauth` switches to GenAuth's headers. Prints the tokens as JSON, or the typed
//! error.

mod common;

use std::process::ExitCode;

use authing::generated::authentication::{
    LoginTokenResponseDataDto, SignInByAlipayPayloadDto, SignInByAmazonPayloadDto,
    SignInByApplePayloadDto, SignInByBaiduPayloadDto, SignInByDingTalkPayloadDto,
    SignInByDouyinPayloadDto, SignInByFacebookPayloadDto, SignInByGiteePayloadDto,
    SignInByGithubPayloadDto, SignInByGitlabPayloadDto, SignInByGooglePayloadDto,
    SignInByHuaweiPayloadDto, SignInByKuaishouPayloadDto, SignInByLarkBlockPayloadDto,
    SignInByLarkInternalPayloadDto, SignInByLarkPublicPayloadDto, SignInByLinePayloadDto,
    SignInByLinkedInPayloadDto, SignInByOppoPayloadDto, SignInByQqPayloadDto,
    SignInBySlackPayloadDto, SignInByWechatMiniProgramCodePayloadDto, SignInByWechatPayloadDto,
    SignInByWechatworkAgencyPayloadDto, SignInByWechatworkDto, SignInByWeiboPayloadDto,
    SignInByXiaomiPayloadDto, SignInByYidunPayloadDto, SigninByMobileDto,
    SigninByMobileDtoConnection as C,
};
use authing::{AuthenticationClient, Error, TokenEndpointAuthMethod};

const USAGE: &str = "sign_in_by_mobile <connection> <code> <extIdpConnidentifier>";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [connection, code, ext_idp_connidentifier] = &args[..] else {
        return common::usage(USAGE, "expected three arguments");
    };
    let connection = match connection_with_payload(connection, code) {
        Ok(connection) => connection,
        Err(problem) => return common::usage(USAGE, &problem),
    };
    let auth_method = common::env_opt("AUTHING_TOKEN_ENDPOINT_AUTH_METHOD")
        .map(|name| name.parse())
        .transpose();
    let auth_method = match auth_method {
        Ok(method) => method.unwrap_or_default(),
        Err(unknown) => {
            return common::usage(
                USAGE,
                &format!("AUTHING_TOKEN_ENDPOINT_AUTH_METHOD: {unknown}"),
            );
        }
    };
    let body = SigninByMobileDto {
        ext_idp_connidentifier: ext_idp_connidentifier.clone(),
        connection,
        options: None,
        client_id: None,
        client_secret: None,
    };
    common::finish(sign_in(&body, auth_method).await)
}

async fn sign_in(
    body: &SigninByMobileDto,
    auth_method: TokenEndpointAuthMethod,
) -> Result<LoginTokenResponseDataDto, Error> {
    let builder = AuthenticationClient::builder()
        .brand(common::brand())
        .app_id(common::env("AUTHING_APP_ID"))
        .app_host(common::env("AUTHING_APP_HOST"));
    let builder = match common::env_opt("AUTHING_APP_SECRET") {
        Some(secret) => builder
            .app_secret(secret)
            .token_endpoint_auth_method(auth_method),
        None => builder.token_endpoint_auth_method(TokenEndpointAuthMethod::None),
    };
    builder.build()?.sign_in_by_mobile(body).await
}

/// The connection named `name` carrying `code`, the credential its provider's SDK returned.
fn connection_with_payload(name: &str, code: &str) -> Result<C, String> {
    let code = code.to_owned();
    Ok(match name {
        "apple" => C::Apple(SignInByApplePayloadDto { code: Some(code) }),
        "wechat" => C::Wechat(SignInByWechatPayloadDto { code: Some(code) }),
        "alipay" => C::Alipay(SignInByAlipayPayloadDto { code: Some(code) }),
        "wechatwork" => C::Wechatwork(SignInByWechatworkDto { code: Some(code) }),
        "wechatwork_agency" => {
            C::WechatworkAgency(SignInByWechatworkAgencyPayloadDto { code: Some(code) })
        }
        "lark_internal" => C::LarkInternal(SignInByLarkInternalPayloadDto { code: Some(code) }),
        "lark_public" => C::LarkPublic(SignInByLarkPublicPayloadDto { code: Some(code) }),
        "lark_block" => C::LarkBlock(SignInByLarkBlockPayloadDto { code: Some(code) }),
        "yidun" => {
            let (token, access_token) = code
                .split_once(':')
                .ok_or("yidun takes `token:accessToken`")?;
            let (token, access_token) = (Some(token.to_owned()), Some(access_token.to_owned()));
            C::Yidun(SignInByYidunPayloadDto {
                token,
                access_token,
            })
        }
        "wechat_mini_program_code" => {
            C::WechatMiniProgramCode(SignInByWechatMiniProgramCodePayloadDto {
                code,
                encrypted_data: None,
                iv: None,
            })
        }
        "google" => C::Google(SignInByGooglePayloadDto { code }),
        "facebook" => C::Facebook(SignInByFacebookPayloadDto { access_token: code }),
        "qq" => C::Qq(SignInByQqPayloadDto { access_token: code }),
        "weibo" => C::Weibo(SignInByWeiboPayloadDto { access_token: code }),
        "baidu" => C::Baidu(SignInByBaiduPayloadDto {
            code: Some(code),
            access_token: None,
        }),
        "linkedin" => C::Linkedin(SignInByLinkedInPayloadDto { code }),
        "dingtalk" => C::Dingtalk(SignInByDingTalkPayloadDto {
            code,
            is_sns_code: None,
        }),
        "github" => C::Github(SignInByGithubPayloadDto { code }),
        "gitee" => C::Gitee(SignInByGiteePayloadDto { code }),
        "gitlab" => C::Gitlab(SignInByGitlabPayloadDto { code }),
        "douyin" => C::Douyin(SignInByDouyinPayloadDto { code }),
        "kuaishou" => C::Kuaishou(SignInByKuaishouPayloadDto { code }),
        "xiaomi" => C::Xiaomi(SignInByXiaomiPayloadDto { code }),
        "line" => C::Line(SignInByLinePayloadDto {
            access_token: code,
            id_token: None,
        }),
        "slack" => C::Slack(SignInBySlackPayloadDto { code }),
        "oppo" => C::Oppo(SignInByOppoPayloadDto { code }),
        "huawei" => C::Huawei(SignInByHuaweiPayloadDto { code }),
        "amazon" => C::Amazon(SignInByAmazonPayloadDto { access_token: code }),
        "wechat_mini_program_phone" | "wechat_mini_program_code_and_phone" => {
            return Err(format!(
                "{name} needs the encrypted phone data too: build its payload in code"
            ));
        }
        other => return Err(format!("unknown connection {other:?}")),
    })
}
